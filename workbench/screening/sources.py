"""Short codes for the lists that publishers name in long, changing wording.

trade.gov writes "Entity List (EL) - Bureau of Industry and Security", its API answers "EL",
OpenSanctions writes dataset slugs and titles. Rules and the database need one code per list,
so every reader maps what it finds through here.
"""

from __future__ import annotations

import re

#: Abbreviations used by the Consolidated Screening List, mapped to our codes.
_CSL_ABBREVIATIONS: dict[str, str] = {
    "el": "entity_list",
    "meu": "meu",
    "uvl": "uvl",
    "sdn": "sdn",
    "cmic": "cmic",
    "dpl": "dpl",
    "isn": "isn",
    "dtc": "dtc",
    "ssi": "ssi",
    "fse": "fse",
    "plc": "plc",
    "ns-mbs list": "ns_mbs",
    "ns-mbs": "ns_mbs",
    "cap": "cap",
}

#: Words in a long list name or an OpenSanctions dataset, tried in order (first hit wins).
_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("military end user", "meu"),
    ("military end-user", "meu"),
    ("military-industrial complex", "cmic"),
    ("chinese military", "cmic"),
    ("unverified", "uvl"),
    ("entity list", "entity_list"),
    ("bis_entity", "entity_list"),
    ("denied persons", "dpl"),
    ("sectoral sanctions", "ssi"),
    ("sanctions evaders", "fse"),
    ("menu-based", "ns_mbs"),
    ("nonproliferation", "isn"),
    ("debarred", "dtc"),
    ("palestinian legislative", "plc"),
    ("capta", "cap"),
    ("specially designated", "sdn"),
    ("ofac_sdn", "sdn"),
    ("ofac sdn", "sdn"),
)

_PARENTHESISED = re.compile(r"\(([^()]+)\)")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def known_source_code(source: str) -> str | None:
    """The code of a list we know by name or abbreviation, else None."""
    text = source.strip().casefold()
    if text in _CSL_ABBREVIATIONS:
        return _CSL_ABBREVIATIONS[text]
    for inner in _PARENTHESISED.findall(text):
        code = _CSL_ABBREVIATIONS.get(inner.strip())
        if code is not None:
            return code
    for word, code in _KEYWORDS:
        if word in text:
            return code
    return None


def source_code(source: str) -> str:
    """The short code for a list, from its long name, its CSL abbreviation or a dataset name.

    Unknown lists keep a slug of their own name rather than failing: a new list published
    tomorrow must still import, and the slug is stable for the same wording.
    """
    code = known_source_code(source)
    if code is not None:
        return code
    return _NOT_SLUG.sub("_", source.strip().casefold()).strip("_") or "unknown"
