"""EAR country groups (15 CFR 740 Supp. 1), versioned by date and keyed by ISO country code.

Membership changes over time (Cambodia left D:5 on 2026-02-03), so each shipped file is one
dated version named ``ear_country_groups_YYYY-MM-DD.json`` under ``resources/reference/``; the
loader picks the version in force on the evaluation date. Adding a version is dropping in a
file. The eCFR text names countries in English ("China (PRC)", "Korea, South"); facts carry ISO
codes, so names are mapped once here. Macau is its own country (MO) and is NOT in D:5: rules
must name it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from workbench.paths import resource

_FILE = re.compile(r"^ear_country_groups_(\d{4}-\d{2}-\d{2})\.json$")

#: eCFR spellings pycountry does not know (or would guess wrongly, e.g. Kosovo -> Serbia).
_NAME_TO_ISO = {
    "Bosnia & Herzegovina": "BA",
    "Brunei": "BN",
    "Burma": "MM",
    "Cape Verde": "CV",
    "China (PRC)": "CN",
    "Congo (Democratic Republic of the)": "CD",
    "Congo (Democratic Republic of)": "CD",
    "Congo (Republic of the)": "CG",
    "Cote d'lvoire": "CI",  # sic: the eCFR text has a lower-case L
    "Gambia, The": "GM",
    "Korea, North": "KP",
    "Korea, South": "KR",
    "Kosovo": "XK",
    "Macau": "MO",
    "Russia": "RU",
    "Saint Kitts & Nevis": "KN",
    "Sao Tome & Principe": "ST",
    "Sint Maarten (the Dutch two-fifths of the island of Saint Martin)": "SX",
    "South Sudan, Republic of": "SS",
    "The Bahamas": "BS",
    "Trinidad & Tobago": "TT",
    "Vatican City": "VA",
}


def country_code(name: str) -> str:
    """ISO alpha-2 code of an eCFR country name; raises ``KeyError`` for an unknown name."""
    if name in _NAME_TO_ISO:
        return _NAME_TO_ISO[name]
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError as exc:
        raise KeyError(f"unknown country name in the EAR country groups: {name!r}") from exc


@dataclass(frozen=True, slots=True)
class CountryGroups:
    """One dated version of the country groups; ``exact`` is False when the evaluation date
    predates every shipped version and the earliest one stands in for it."""

    version: dt.date
    members: Mapping[str, frozenset[str]]
    labels: Mapping[str, str]
    citation: str
    exact: bool = True

    def union(self, groups: list[str]) -> frozenset[str]:
        out: set[str] = set()
        for g in groups:
            out |= self.members.get(g, frozenset())
        return frozenset(out)

    def groups_of(self, iso: str) -> list[str]:
        return sorted(g for g, m in self.members.items() if iso in m)

    def describe(self) -> str:
        note = "" if self.exact else ", earliest version available"
        return f"EAR country groups of {self.version.isoformat()}{note}"


def _directory() -> Path:
    return resource("reference")


def available_versions(directory: Path | None = None) -> list[dt.date]:
    folder = directory or _directory()
    out = []
    for path in folder.iterdir():
        m = _FILE.match(path.name)
        if m:
            out.append(dt.date.fromisoformat(m.group(1)))
    return sorted(out)


@cache
def _load_file(path: Path) -> tuple[dict[str, frozenset[str]], dict[str, str], str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    members: dict[str, frozenset[str]] = {}
    # The file's aliases fold some places into a group member (Hong Kong -> China (PRC)):
    # the EAR treats Hong Kong as China, so HK joins every group CN is in.
    extra: dict[str, set[str]] = {}
    named = {n for names in data["groups"].values() for n in names}
    for alias, target in data.get("aliases", {}).items():
        try:
            iso_alias = str(pycountry.countries.lookup(alias).alpha_2)
        except LookupError:
            continue
        if target in _NAME_TO_ISO or target in named:
            iso_target = country_code(target)
            if iso_alias != iso_target:
                extra.setdefault(iso_target, set()).add(iso_alias)
    for group, names in data["groups"].items():
        codes = {country_code(n) for n in names}
        for code in list(codes):
            codes |= extra.get(code, set())
        members[group] = frozenset(codes)
    return members, dict(data.get("labels", {})), str(data.get("citation", ""))


def load_country_groups(as_of: dt.date, directory: Path | None = None) -> CountryGroups:
    """The version in force on ``as_of``: the latest one dated on or before it."""
    folder = directory or _directory()
    versions = available_versions(folder)
    if not versions:
        raise FileNotFoundError(f"no ear_country_groups_*.json in {folder}")
    earlier = [v for v in versions if v <= as_of]
    version = earlier[-1] if earlier else versions[0]
    members, labels, citation = _load_file(
        folder / f"ear_country_groups_{version.isoformat()}.json"
    )
    return CountryGroups(version, members, labels, citation, exact=bool(earlier))


def known_groups(directory: Path | None = None) -> frozenset[str]:
    """Group labels of every shipped version, for validating rule packs."""
    folder = directory or _directory()
    out: set[str] = set()
    for v in available_versions(folder):
        out |= set(_load_file(folder / f"ear_country_groups_{v.isoformat()}.json")[0])
    return frozenset(out)
