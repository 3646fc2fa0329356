"""The fabs, customers and equipment catalogue behind the demo book, read from resources/demo.

Fab names, cities and technologies are public facts (press, company reports) rounded to what a
vendor's installed-base system would hold. Export classifications follow the reading the shipped
rule packs assume (``resources/rules/CATALOGUE.md``): illustrative, not legal determinations.
Kept as CSV so analysts can read and extend them without touching code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from workbench.paths import resource


@dataclass(frozen=True)
class DemoCustomer:
    code: str
    name: str
    hq: str
    local_name: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    listing: tuple[str, str | None, str | None] | None = None  # (list, footnote, policy)


@dataclass(frozen=True)
class DemoFab:
    site_code: str
    customer: str
    name: str
    country: str
    region: str
    city: str
    process: str
    node: float | None = None
    arch: str | None = None
    half_pitch: float | None = None
    layers: int | None = None
    wafer: int = 300
    weight: int = 10  # relative size: how many machines it gets
    opened: int = 2012


@dataclass(frozen=True)
class DemoModel:
    vendor: str
    code: str
    name: str
    category: str
    us: str | None = None
    eu: str | None = None
    nl: str | None = None
    jp: str | None = None
    kr: str | None = None
    wavelength: float | None = None
    na: float | None = None
    overlay: float | None = None
    throughput: float | None = None
    annual_value: int = 150_000  # typical full-service value per machine-year, in USD
    since: int = 2005  # first year it ships
    until: int = 2030  # last year it ships


def _rows(name: str) -> list[dict[str, str]]:
    path: Path = resource("demo", f"{name}.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _text(value: str) -> str | None:
    return value.strip() or None


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


@cache
def customers() -> tuple[DemoCustomer, ...]:
    return tuple(
        DemoCustomer(
            code=r["code"],
            name=r["name"],
            hq=r["hq"],
            local_name=_text(r["local_name"]),
            parent=_text(r["parent"]),
            aliases=tuple(a.strip() for a in r["aliases"].split(";") if a.strip()),
            listing=(r["list_code"], _text(r["footnote"]), _text(r["licence_policy"]))
            if r["list_code"]
            else None,
        )
        for r in _rows("customers")
    )


@dataclass(frozen=True)
class DemoShare:
    """A share one demo customer holds in another (all fictitious: the Affiliates rule's
    chain and aggregate cases, never a statement about a real company's owners)."""

    parent: str
    child: str
    share_pct: float
    as_of: date | None
    source: str


@cache
def ownership() -> tuple[DemoShare, ...]:
    return tuple(
        DemoShare(
            parent=r["parent"],
            child=r["child"],
            share_pct=float(r["share_pct"]),
            as_of=date.fromisoformat(r["as_of"]) if r["as_of"].strip() else None,
            source=r["source"],
        )
        for r in _rows("ownership")
    )


@cache
def fabs() -> tuple[DemoFab, ...]:
    return tuple(
        DemoFab(
            site_code=r["site_code"],
            customer=r["customer"],
            name=r["name"],
            country=r["country"],
            region=r["region"],
            city=r["city"],
            process=r["process"],
            node=_float(r["node"]),
            arch=_text(r["arch"]),
            half_pitch=_float(r["half_pitch"]),
            layers=_int(r["layers"]),
            wafer=int(r["wafer"]),
            weight=int(r["weight"]),
            opened=int(r["opened"]),
        )
        for r in _rows("fabs")
    )


@cache
def models() -> tuple[DemoModel, ...]:
    return tuple(
        DemoModel(
            vendor=r["vendor"],
            code=r["code"],
            name=r["name"],
            category=r["category"],
            us=_text(r["us"]),
            eu=_text(r["eu"]),
            nl=_text(r["nl"]),
            jp=_text(r["jp"]),
            kr=_text(r["kr"]),
            wavelength=_float(r["wavelength"]),
            na=_float(r["na"]),
            overlay=_float(r["overlay"]),
            throughput=_float(r["throughput"]),
            annual_value=int(r["annual_value"]),
            since=int(r["since"]),
            until=int(r["until"]),
        )
        for r in _rows("models")
    )
