"""Deterministic demo book: real fabs, a multi-vendor catalogue, machines, contracts, obligations.

The same ``size`` and ``seed`` always give the same rows (ids included), so screenshots, tests
and benchmarks are reproducible. ``large`` (100,000 machines, about a million obligations) is
generated column-wise in plain Python and inserted with Core executemany in one transaction,
because ORM unit-of-work inserts would take minutes at that size.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.enums import Architecture, ProcessType, ServiceType
from workbench.domain.errors import WorkbenchError
from workbench.domain.technology import advanced_node
from workbench.services import audit, demo_catalogue
from workbench.services.demo_catalogue import DemoFab, DemoModel
from workbench.storage import repositories
from workbench.storage.database import Database
from workbench.storage.location import default_sqlite_path
from workbench.storage.orm import (
    ContractRow,
    CustomerAliasRow,
    CustomerRow,
    EquipmentModelRow,
    FabRow,
    LicenceRow,
    MachineRow,
    ObligationRow,
    OwnershipShareRow,
    PartyListingRow,
)

SIZES = {"small": 1_200, "large": 100_000}

#: Each listed party's own listing date, so back-dated runs see the list as it stood (read from
#: the Federal Register citations of the Entity List rows): YMTC and PXW 15 Dec 2022 (87 FR
#: 77505), Fujian Jinhua 30 Oct 2018 (83 FR 54521), GMC Wuxi 12 Sept 2025 (90 FR 44496). The
#: SMIC rows' current text (footnote 5, the policy in customers.csv) dates from their
#: modification of 2 Dec 2024 (89 FR 96837); from their listing on 18 Dec 2020 (85 FR 83416)
#: until then they carried ``SMIC_2020_POLICY`` (a row ending 1 Dec 2024). Parties not named
#: (Wuhan Xinxin, SwaySure: 89 FR 96837) get the footnote-based default below. The policy
#: texts in customers.csv are the rows' own (CSL of 2026-07-31).
LISTING_SINCE = {
    "SMIC": date(2024, 12, 2),
    "SMIC-BJ": date(2024, 12, 2),
    "SMNC": date(2024, 12, 2),
    "SMSC": date(2024, 12, 2),
    "YMTC": date(2022, 12, 15),
    "PXW": date(2022, 12, 15),
    "JHICC": date(2018, 10, 30),
    "GMC-WX": date(2025, 9, 12),
}
#: SMIC and ten affiliates, listed effective 18 Dec 2020: presumption of denial only for items
#: uniquely required for 10 nm and below, EUV named; case-by-case for all other items (the
#: policy as law-firm summaries quote 85 FR 83416; the row's exact wording not read here).
SMIC_2020 = ("SMIC", "SMIC-BJ", "SMNC", "SMSC")
SMIC_2020_SINCE, SMIC_2020_UNTIL = date(2020, 12, 18), date(2024, 12, 1)
SMIC_2020_POLICY = (
    "Presumption of denial for items uniquely required for production of semiconductors at "
    "advanced technology nodes (10 nanometers and below, including extreme ultraviolet "
    "technology); case-by-case review for all other items."
)
#: Customers removed from the VEU list by 90 FR 42321 (effective 31 Dec 2025): Samsung China
#: Semiconductor (Xi'an), SK hynix Semiconductor (China) (Wuxi), and Intel Semiconductor
#: (Dalian), the Dalian fab SK hynix bought from Intel.
VEU_REVOKED = ("SSC-XA", "SKH-WX", "SKH-DL")
VEU_END = date(2025, 12, 31)
VEU_POLICY = (
    "Licences to operate existing fabs intended to be granted; none to expand capacity or "
    "upgrade technology (BIS statement, as reported)"
)
#: Vendors whose tools are US-origin (made in the US) in the demo catalogue.
US_VENDORS = frozenset({"Lam Research", "Applied Materials", "KLA", "Axcelis"})
#: Demo readings of subject-to-EAR facts of non-US tools: (US content %, US direct product).
#: Illustrative, not vendor data: a Japanese etcher with 30 % US content (above de minimis),
#: an ASML scanner with 12 % (below), a Korean strip tool made with US technology (3B993: the
#: SME FDP rule does not reach it, the footnote 5 FDP rule does for footnote 5 parties).
SUBJECT_FACTS: dict[tuple[str, str], tuple[float | None, bool | None]] = {
    ("TEL", "Tactras Vigus"): (30.0, False),
    ("ASML", "NXT:1980Di"): (12.0, False),
    ("ASML", "NXT:1970Ci"): (12.0, False),
    ("PSK", "SUPRA Vplus"): (5.0, True),
    ("Hitachi High-Tech", "CG7300"): (8.0, False),
}
#: Generation is anchored to a fixed date, never to today, so the book does not drift.
REFERENCE_DATE = date(2025, 6, 30)
NL_2023_CUTOFF = date(2023, 9, 1)
NL_2024_CUTOFF = date(2024, 9, 7)
RU_SUSPENSION = date(2022, 3, 1)

CURRENCY_RATE = {"USD": 1.0, "EUR": 0.92, "JPY": 150.0, "CNY": 7.2, "KRW": 1380.0}
VENDOR_CURRENCY = {
    "ASML": "EUR",
    "Lasertec": "JPY",
    "PSK": "KRW",
    "Jusung Engineering": "KRW",
    "Nikon": "JPY",
    "Canon": "JPY",
    "TEL": "JPY",
    "Hitachi High-Tech": "JPY",
    "SCREEN": "JPY",
    "Kokusai": "JPY",
    "Ebara": "JPY",
    "Advantest": "JPY",
}

CATEGORY_SHARE = {
    "litho": 14,
    "track": 5,
    "etch_conductor": 10,
    "etch_dielectric": 8,
    "ald": 8,
    "cvd": 9,
    "pvd": 6,
    "epitaxy": 3,
    "cmp": 6,
    "clean": 9,
    "implant": 5,
    "anneal": 4,
    "metrology": 7,
    "inspection": 6,
}
LITHO = ("euv_litho", "duv_immersion", "duv_dry_arf", "krf_litho", "iline_litho")

FULL_SERVICE = (
    ServiceType.PREVENTIVE_MAINTENANCE,
    ServiceType.REPAIR,
    ServiceType.SPARE_PARTS,
    ServiceType.CONSUMABLES,
    ServiceType.SOFTWARE_UPDATES,
    ServiceType.REMOTE_SUPPORT,
    ServiceType.ONSITE_SUPPORT,
)
PARTS_AND_SOFTWARE = (
    ServiceType.SPARE_PARTS,
    ServiceType.CONSUMABLES,
    ServiceType.SOFTWARE_UPDATES,
    ServiceType.REMOTE_SUPPORT,
)
TIME_AND_MATERIAL = (ServiceType.REPAIR, ServiceType.SPARE_PARTS, ServiceType.ONSITE_SUPPORT)
SERVICE_WEIGHT = {
    ServiceType.PREVENTIVE_MAINTENANCE: 0.20,
    ServiceType.REPAIR: 0.18,
    ServiceType.SPARE_PARTS: 0.25,
    ServiceType.CONSUMABLES: 0.08,
    ServiceType.SOFTWARE_UPDATES: 0.10,
    ServiceType.UPGRADES: 0.12,
    ServiceType.REMOTE_SUPPORT: 0.04,
    ServiceType.ONSITE_SUPPORT: 0.12,
    ServiceType.TRAINING: 0.03,
}


class DemoError(WorkbenchError):
    """Demo data cannot be written; the message says why."""


def parse_size(size: str | int) -> int:
    """``small``, ``large`` or a machine count."""
    if isinstance(size, int):
        count = size
    elif size in SIZES:
        count = SIZES[size]
    elif size.isdigit():
        count = int(size)
    else:
        raise DemoError(f"Size '{size}' is not small, large or a number of machines.")
    if count < 10:
        raise DemoError("A demo book needs at least 10 machines.")
    return count


@dataclass
class DemoBook:
    """All rows of a demo book as plain dicts, ids assigned."""

    customers: list[dict[str, Any]] = field(default_factory=list)
    aliases: list[dict[str, Any]] = field(default_factory=list)
    listings: list[dict[str, Any]] = field(default_factory=list)
    fabs: list[dict[str, Any]] = field(default_factory=list)
    models: list[dict[str, Any]] = field(default_factory=list)
    machines: list[dict[str, Any]] = field(default_factory=list)
    contracts: list[dict[str, Any]] = field(default_factory=list)
    obligations: list[dict[str, Any]] = field(default_factory=list)
    licences: list[dict[str, Any]] = field(default_factory=list)
    ownership: list[dict[str, Any]] = field(default_factory=list)


def _script_of(name: str) -> str:
    for ch in name:
        code = ord(ch)
        if 0xAC00 <= code <= 0xD7AF:
            return "hangul"
        if 0x3040 <= code <= 0x30FF:
            return "kana"
        if 0x4E00 <= code <= 0x9FFF:
            return "han"
        if 0x0400 <= code <= 0x04FF:
            return "cyrillic"
    return "latin"


def _money(value: float) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _rand_date(rng: random.Random, start: date, end: date) -> date:
    span = (end - start).days
    return start + timedelta(days=rng.randint(0, max(span, 0)))


def _available(model: DemoModel, fab: DemoFab) -> tuple[date, date] | None:
    """Window in which ``model`` could have been installed at ``fab``, or None."""
    first = date(max(model.since, fab.opened), 1, 1)
    last = min(date(model.until, 12, 31), REFERENCE_DATE)
    if fab.country == "CN":
        if model.category == "euv_litho":
            return None
        if model.nl == "NL annex 2023":
            last = min(last, NL_2023_CUTOFF - timedelta(days=1))
        if model.nl == "NL annex 2024":
            last = min(last, NL_2024_CUTOFF - timedelta(days=1))
    if fab.country == "RU":
        last = min(last, date(2013, 12, 31))
    if model.category == "euv_litho" and not _fab_is_leading(fab):
        return None
    if fab.wafer == 200 and model.category in ("euv_litho", "duv_immersion"):
        return None
    return (first, last) if first <= last else None


def _fab_is_leading(fab: DemoFab) -> bool:
    if fab.process in ("logic", "foundry"):
        return fab.node is not None and fab.node <= 7
    return fab.process == "dram" and fab.half_pitch is not None and fab.half_pitch <= 14


def _models_by_group() -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for index, model in enumerate(demo_catalogue.models()):
        group = "litho" if model.category in LITHO else model.category
        groups.setdefault(group, []).append(index)
    return groups


def _fab_counts(total: int) -> list[int]:
    weights = [f.weight for f in demo_catalogue.fabs()]
    scale = total / sum(weights)
    counts = [max(1, int(w * scale)) for w in weights]
    index = 0
    while sum(counts) < total:
        counts[index % len(counts)] += 1
        index += 1
    while sum(counts) > total:
        biggest = counts.index(max(counts))
        counts[biggest] -= 1
    return counts


def _serial(rng: random.Random, vendor: str, seq: int) -> str:
    if vendor == "ASML":
        return f"{seq:06d}"  # leading zeros are significant
    prefix = {
        "TEL": "TK",
        "Lam Research": "LR",
        "Applied Materials": "AM",
        "Lasertec": "LT",
        "PSK": "PS",
        "Jusung Engineering": "JE",
        "KLA": "KT",
        "Nikon": "NK",
        "Canon": "CN",
        "SCREEN": "SC",
        "Hitachi High-Tech": "HH",
        "Kokusai": "KE",
        "Ebara": "EB",
        "Axcelis": "AX",
        "Advantest": "AD",
    }.get(vendor, "XX")
    return f"{prefix}{rng.randint(10, 99)}-{seq:07d}"


def generate(size: str | int = "small", seed: int = 7) -> DemoBook:
    """Build the rows of a demo book in memory (no database)."""
    total = parse_size(size)
    rng = random.Random(seed)
    book = DemoBook()

    customer_ids: dict[str, int] = {}
    for cid, cust in enumerate(demo_catalogue.customers(), start=1):
        customer_ids[cust.code] = cid
    for cid, cust in enumerate(demo_catalogue.customers(), start=1):
        book.customers.append(
            {
                "id": cid,
                "code": cust.code,
                "name": cust.name,
                "local_name": cust.local_name,
                "hq_country": cust.hq,
                "parent_id": customer_ids[cust.parent] if cust.parent else None,
                "version": 1,
            }
        )
        names = list(cust.aliases) + ([cust.local_name] if cust.local_name else [])
        for alias in dict.fromkeys(names):
            book.aliases.append(
                {
                    "id": len(book.aliases) + 1,
                    "customer_id": cid,
                    "name": alias,
                    "script": _script_of(alias),
                }
            )
        if cust.code in SMIC_2020:
            book.listings.append(
                {
                    "id": len(book.listings) + 1,
                    "customer_id": cid,
                    "fab_id": None,
                    "list_code": "entity_list",
                    "footnote": None,
                    "licence_policy": SMIC_2020_POLICY,
                    "since": SMIC_2020_SINCE,
                    "until": SMIC_2020_UNTIL,
                    "source": "demo data: the row as listed by 85 FR 83416, before 89 FR 96837",
                }
            )
        if cust.listing:
            list_code, footnote, policy = cust.listing
            book.listings.append(
                {
                    "id": len(book.listings) + 1,
                    "customer_id": cid,
                    "fab_id": None,
                    "list_code": list_code,
                    "footnote": footnote,
                    "licence_policy": policy,
                    "since": LISTING_SINCE.get(
                        cust.code, date(2024, 12, 2) if footnote == "FN5" else date(2022, 12, 15)
                    ),
                    "until": None,
                    "source": "demo data: entered on the customer record",
                }
            )

    for share in demo_catalogue.ownership():
        book.ownership.append(
            {
                "id": len(book.ownership) + 1,
                "parent_customer_id": customer_ids[share.parent],
                "child_customer_id": customer_ids[share.child],
                "share_pct": share.share_pct,
                "as_of": share.as_of,
                "source": share.source,
            }
        )
    # The three fabs whose Validated End-User authorisation BIS revoked from 31 Dec 2025
    # (90 FR 42321): recorded as listings of "veu_revoked" from that day, which the us-2025
    # pack reads; the authorisations themselves are licence rows ending the day before.
    for code in VEU_REVOKED:
        book.listings.append(
            {
                "id": len(book.listings) + 1,
                "customer_id": customer_ids[code],
                "fab_id": None,
                "list_code": "veu_revoked",
                "footnote": None,
                "licence_policy": VEU_POLICY,
                "since": VEU_END,
                "until": None,
                "source": "90 FR 42321 (removal from Supp. No. 7 to Part 748)",
            }
        )

    for fid, fab in enumerate(demo_catalogue.fabs(), start=1):
        process = ProcessType(fab.process)
        arch = Architecture(fab.arch) if fab.arch else None
        book.fabs.append(
            {
                "id": fid,
                "site_code": fab.site_code,
                "name": fab.name,
                "customer_id": customer_ids[fab.customer],
                "country": fab.country,
                "region": fab.region,
                "city": fab.city,
                "address": f"{fab.city}, {fab.region}",
                "process_type": fab.process,
                "logic_node_nm": fab.node
                if process in (ProcessType.LOGIC, ProcessType.FOUNDRY)
                or process is ProcessType.OTHER
                else None,
                "architecture": fab.arch,
                "dram_half_pitch_nm": fab.half_pitch,
                "nand_layers": fab.layers,
                "wafer_size_mm": fab.wafer,
                "advanced_node": advanced_node(process, fab.node, arch, fab.half_pitch, fab.layers),
                "version": 1,
            }
        )

    for mid, model in enumerate(demo_catalogue.models(), start=1):
        content, direct = SUBJECT_FACTS.get((model.vendor, model.code), (None, None))
        us_made = model.vendor in US_VENDORS
        book.models.append(
            {
                "id": mid,
                "vendor": model.vendor,
                "model_code": model.code,
                "name": model.name,
                "category": model.category,
                "class_us": model.us,
                "class_eu": model.eu,
                "class_nl": model.nl,
                "class_jp": model.jp,
                "class_kr": model.kr,
                "wavelength_nm": model.wavelength,
                "numerical_aperture": model.na,
                "overlay_nm": model.overlay,
                "throughput_wph": model.throughput,
                "us_origin": us_made if us_made or content is not None else None,
                "us_content_pct": 100.0 if us_made else content,
                "us_direct_product": True if us_made else direct,
                "version": 1,
            }
        )

    _generate_machines(book, rng, total)
    _generate_contracts(book, rng)
    _generate_licences(book)
    return book


def _generate_machines(book: DemoBook, rng: random.Random, total: int) -> None:
    groups = _models_by_group()
    group_names = list(CATEGORY_SHARE)
    group_weights = [CATEGORY_SHARE[g] for g in group_names]
    vendor_seq: dict[str, int] = {}
    for fid, (fab, count) in enumerate(
        zip(demo_catalogue.fabs(), _fab_counts(total), strict=True), start=1
    ):
        windows = {i: _available(m, fab) for i, m in enumerate(demo_catalogue.models())}
        for _ in range(count):
            for _attempt in range(12):
                group = rng.choices(group_names, group_weights)[0]
                candidates = [i for i in groups.get(group, []) if windows[i]]
                if candidates:
                    break
            else:
                candidates = [i for i, w in windows.items() if w]
            if not candidates:
                continue
            index = rng.choice(candidates)
            model = demo_catalogue.models()[index]
            window = windows[index]
            assert window is not None
            installed = _rand_date(rng, *window)
            shipped = installed - timedelta(days=rng.randint(20, 120))
            seq = vendor_seq.get(model.vendor, 0) + 1
            vendor_seq[model.vendor] = seq
            status = "installed"
            if installed.year < 2012 and rng.random() < 0.3:
                status = "decommissioned"
            elif rng.random() < 0.02:
                status = "relocated"
            book.machines.append(
                {
                    "id": len(book.machines) + 1,
                    "vendor": model.vendor,
                    "serial": _serial(rng, model.vendor, seq),
                    "model_id": index + 1,
                    "fab_id": fid,
                    "status": status,
                    "ship_date": shipped,
                    "install_date": installed,
                    "shipped_under_licence": (
                        f"NL-EXP-{installed.year}-{rng.randint(1000, 9999)}"
                        if fab.country == "CN" and model.nl is not None
                        else None
                    ),
                    "version": 1,
                }
            )


def _contract_currency(rng: random.Random, vendor: str, customer_hq: str) -> str:
    if customer_hq == "CN" and rng.random() < 0.25:
        return "CNY"
    return VENDOR_CURRENCY.get(vendor, "USD")


def _generate_contracts(book: DemoBook, rng: random.Random) -> None:
    fab_customer = {f["id"]: f["customer_id"] for f in book.fabs}
    fab_country = {f["id"]: f["country"] for f in book.fabs}
    hq = {c["id"]: c["hq_country"] for c in book.customers}
    codes = {c["id"]: c["code"] for c in book.customers}
    groups: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for machine in book.machines:
        key = (fab_customer[machine["fab_id"]], machine["vendor"])
        groups.setdefault(key, []).append(machine)

    for (customer_id, vendor), machines in sorted(groups.items(), key=lambda kv: kv[0]):
        rng.shuffle(machines)
        position = 0
        while position < len(machines):
            take = rng.randint(2, 6)
            chunk = machines[position : position + take]
            position += take
            _contract_for(book, rng, customer_id, vendor, chunk, hq, codes, fab_country)


def _contract_for(
    book: DemoBook,
    rng: random.Random,
    customer_id: int,
    vendor: str,
    machines: list[dict[str, Any]],
    hq: dict[int, str],
    codes: dict[int, str],
    fab_country: dict[int, str],
) -> None:
    live = [m for m in machines if m["status"] != "decommissioned"]
    earliest = min(m["install_date"] for m in machines)
    currency = _contract_currency(rng, vendor, hq[customer_id])
    russian = all(fab_country[m["fab_id"]] == "RU" for m in machines)
    start = max(earliest, _rand_date(rng, date(2019, 1, 1), date(2025, 3, 31)))
    if russian:
        start = max(earliest, _rand_date(rng, date(2016, 1, 1), date(2019, 12, 31)))
    years = rng.choice((3, 3, 4, 5, 5))
    end = date(start.year + years, start.month, 1) - timedelta(days=1)
    if russian:
        end = min(end, RU_SUSPENSION)
    roll = rng.random()
    if roll < 0.68:
        kind, services = "Full service", list(FULL_SERVICE)
        if rng.random() < 0.6:
            services.append(ServiceType.UPGRADES)
        if rng.random() < 0.5:
            services.append(ServiceType.TRAINING)
        factor = 1.0
    elif roll < 0.88:
        kind, services, factor = "Parts and software", list(PARTS_AND_SOFTWARE), 0.45
    else:
        kind, services, factor = "Time and material", list(TIME_AND_MATERIAL), 0.3
    covered = live or machines
    number = f"SC-{codes[customer_id][:8]}-{len(book.contracts) + 1:06d}"
    _add_contract(
        book,
        rng,
        customer_id,
        vendor,
        covered,
        number,
        kind,
        services,
        factor,
        start,
        end,
        currency,
        renewal="Auto-renew 12 months unless terminated",
    )
    if earliest < start - timedelta(days=2 * 365) and rng.random() < 0.9:
        prev_end = start - timedelta(days=1)
        prev_start = date(prev_end.year - 3, prev_end.month, 1)
        prev_services = [
            *PARTS_AND_SOFTWARE,
            ServiceType.REPAIR,
            ServiceType.PREVENTIVE_MAINTENANCE,
        ]
        _add_contract(
            book,
            rng,
            customer_id,
            vendor,
            machines,
            number + "-P",
            "Previous term",
            prev_services,
            0.6,
            max(prev_start, earliest),
            prev_end,
            currency,
            renewal="Renewed by " + number,
        )
        older_end = max(prev_start, earliest) - timedelta(days=1)
        if earliest < older_end - timedelta(days=365) and rng.random() < 0.7:
            _add_contract(
                book,
                rng,
                customer_id,
                vendor,
                machines,
                number + "-P2",
                "Earlier term",
                prev_services,
                0.6,
                max(date(older_end.year - 3, older_end.month, 1), earliest),
                older_end,
                currency,
                renewal="Renewed by " + number + "-P",
            )


def _add_contract(
    book: DemoBook,
    rng: random.Random,
    customer_id: int,
    vendor: str,
    machines: list[dict[str, Any]],
    number: str,
    kind: str,
    services: list[ServiceType],
    factor: float,
    start: date,
    end: date,
    currency: str,
    renewal: str,
) -> None:
    machines = [m for m in machines if max(start, m["install_date"]) <= end]
    if not machines:
        return
    contract_id = len(book.contracts) + 1
    years = max((end - start).days, 1) / 365.25
    rate = CURRENCY_RATE[currency]
    weights = [demo_catalogue.models()[m["model_id"] - 1].annual_value for m in machines]
    usd = sum(weights) * years * factor * rng.uniform(0.85, 1.15)
    value = _money(usd * rate)
    book.contracts.append(
        {
            "id": contract_id,
            "number": number,
            "customer_id": customer_id,
            "title": f"{kind}: {vendor} tools ({len(machines)})",
            "signed_date": start - timedelta(days=rng.randint(14, 90)),
            "start_date": start,
            "end_date": end,
            "value": value,
            "currency": currency,
            "renewal": renewal,
            # Who performs the service: US vendors' own teams are US persons; one contract
            # in five of the others leaves it unrecorded (rules count that as US persons).
            "us_person_service": (
                True if vendor in US_VENDORS else None if contract_id % 5 == 0 else False
            ),
            "version": 1,
        }
    )
    service_total = sum(SERVICE_WEIGHT[s] for s in services)
    machine_total = float(sum(weights))
    for machine, weight in zip(machines, weights, strict=True):
        ob_start = max(start, machine["install_date"])
        for service in services:
            share = (weight / machine_total) * (SERVICE_WEIGHT[service] / service_total)
            book.obligations.append(
                {
                    "id": len(book.obligations) + 1,
                    "contract_id": contract_id,
                    "machine_id": machine["id"],
                    "service_type": service.value,
                    "start_date": ob_start,
                    "end_date": end,
                    "value": _money(float(value) * share),
                }
            )


def _generate_licences(book: DemoBook) -> None:
    site = {f["site_code"]: f["id"] for f in book.fabs}
    fab_owner = {f["id"]: f["customer_id"] for f in book.fabs}
    entries = [
        (
            "NL",
            "NL-EXP-2024-18831",
            date(2024, 10, 1),
            date(2026, 12, 31),
            "CN-TSMC-NJ",
            "spare_parts,software_updates",
            "Dutch licence for parts and software updates to "
            "immersion scanners at TSMC Nanjing (2024-09 amendment).",
        ),
        (
            "NL",
            "NL-EXP-2024-19407",
            date(2024, 11, 15),
            date(2025, 12, 31),
            "CN-CXMT-HF1",
            "spare_parts,software_updates",
            "Expires before the service contracts it supports.",
        ),
        (
            "US",
            "VEU-C-0012",
            date(2023, 10, 13),
            VEU_END - timedelta(days=1),
            "CN-SSC-XA",
            "",
            "Validated End-User authorisation for Samsung Xi'an (all items and services); "
            "revoked from 31 Dec 2025 (90 FR 42321).",
        ),
        (
            "US",
            "VEU-C-0013",
            date(2023, 10, 13),
            VEU_END - timedelta(days=1),
            "CN-SKH-WX",
            "",
            "Validated End-User authorisation for SK hynix Wuxi (all items and services); "
            "revoked from 31 Dec 2025 (90 FR 42321).",
        ),
        (
            "US",
            "VEU-C-0014",
            date(2023, 10, 13),
            VEU_END - timedelta(days=1),
            "CN-SKH-DL",
            "",
            "Validated End-User authorisation of Intel Semiconductor (Dalian) for the Dalian "
            "fab; revoked from 31 Dec 2025 (90 FR 42321).",
        ),
        (
            "US",
            "D1234567",
            date(2023, 1, 10),
            date(2024, 12, 31),
            "CN-HH-WX7",
            "preventive_maintenance,repair",
            "Licence for US-person servicing support; expired.",
        ),
    ]
    for lid, (authority, number, start, end, code, services, notes) in enumerate(entries, 1):
        fab_id = site[code]
        book.licences.append(
            {
                "id": lid,
                "authority": authority,
                "number": number,
                "valid_from": start,
                "valid_to": end,
                "customer_id": fab_owner[fab_id],
                "fab_id": fab_id,
                "machine_id": None,
                "service_types": services,
                "notes": notes,
                "version": 1,
            }
        )


def table_rows(book: DemoBook) -> list[tuple[type[Any], list[dict[str, Any]]]]:
    """The book's rows per table, in the order foreign keys allow inserting them."""
    return [
        (CustomerRow, book.customers),
        (CustomerAliasRow, book.aliases),
        (OwnershipShareRow, book.ownership),
        (FabRow, book.fabs),
        (PartyListingRow, book.listings),
        (EquipmentModelRow, book.models),
        (MachineRow, book.machines),
        (ContractRow, book.contracts),
        (ObligationRow, book.obligations),
        (LicenceRow, book.licences),
    ]


@dataclass(frozen=True)
class DemoResult:
    customers: int
    fabs: int
    machines: int
    contracts: int
    obligations: int


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def load_demo(
    db: Database,
    size: str | int = "small",
    seed: int = 7,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> DemoResult:
    """Fill an empty database with the demo book in one transaction."""
    book = generate(size, seed)
    plan = table_rows(book)
    total = sum(len(rows) for _, rows in plan)
    done = 0
    with db.session() as session:
        if session.scalar(select(CustomerRow.id).limit(1)) is not None:
            raise DemoError(
                "The database already holds data; demo data goes into an empty database."
            )
        for row_type, rows in plan:
            for chunk in _chunks(rows, repositories.BULK_CHUNK):
                if cancel:
                    cancel.raise_if_cancelled()
                repositories.bulk_insert(session, row_type.__table__, chunk)  # type: ignore[arg-type]
                done += len(chunk)
                if progress:
                    progress(done, total)
        # One entry per table: the demo book is generated, so its seed and size reproduce it.
        audit.record_many(
            session,
            [
                audit.AuditEvent(
                    "insert",
                    row_type.__tablename__,
                    None,
                    f"demo book size={size} seed={seed}",
                    None,
                    None,
                    {"rows": len(rows)},
                )
                for row_type, rows in plan
            ],
            "cli",
            comment="demo data",
        )
        if db.backend == "postgresql":
            for row_type, _rows in plan:
                table = row_type.__tablename__
                session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                    )
                )
    return DemoResult(
        customers=len(book.customers),
        fabs=len(book.fabs),
        machines=len(book.machines),
        contracts=len(book.contracts),
        obligations=len(book.obligations),
    )


def demo_book_path() -> Path:
    """Where the window keeps the demo book: beside the user's own book, never inside it.

    "Open the demo book" on an empty book opens (and on first use fills) this file, so trying
    the tool leaves the user's real book empty for their own installed base.
    """
    return default_sqlite_path().with_name("demo.sqlite3")
