"""The spellings of one list entry that a customer name is compared with.

List names pack several names into one cell: "Semiconductor Manufacturing International
Corporation (SMIC)" carries the acronym in brackets, "Huawei Technologies Co., Ltd. (Huawei).
Affiliated Entity: Huawei Marine Networks Co., Ltd." names the affiliate after its parent (CETC
13 does the same with "Subordinate Institution - ..."),
State Department rows end in "; and any successor, sub-unit, or subsidiary thereof". Compared
whole, the extra words would dilute every score, so each is split into its own spelling.
"""

from __future__ import annotations

import re

from workbench.screening.entries import ListEntry

_SUCCESSOR = re.compile(r"[;,]?\s*and\s+any\s+successors?\b.*$", re.I | re.S)
_AFFILIATE = re.compile(
    r"\baffiliated\s+entit(?:y|ies)\s*:\s*|\bsubordinate\s+institutions?\s*[-:–]\s*", re.I
)
# A bracketed part at the very end is a short name or acronym ("(SMIC)", "(Huawei)");
# one in the middle is part of the name ("International (Beijing) Corporation").
_TRAILING_BRACKETS = re.compile(r"^(?P<head>.*\S)\s*\((?P<inner>[^()]{1,60})\)[\s.]*$", re.S)


def entry_spellings(entry: ListEntry) -> list[tuple[str, str]]:
    """(kind, spelling) pairs: kind is "name", "alias" or "short name" (from brackets)."""
    result: list[tuple[str, str]] = []
    for kind, text in (("name", entry.name), *(("alias", alias) for alias in entry.aliases)):
        result.extend(_split(kind, text))
    seen: set[str] = set()
    unique: list[tuple[str, str]] = []
    for kind, text in result:
        folded = text.casefold()
        if folded not in seen:
            seen.add(folded)
            unique.append((kind, text))
    return unique


def _split(kind: str, text: str) -> list[tuple[str, str]]:
    text = _SUCCESSOR.sub("", text).strip()
    parts = _AFFILIATE.split(text)
    if len(parts) > 1 and parts[-1].strip():
        text = parts[-1].strip()
    match = _TRAILING_BRACKETS.match(text)
    if match is None:
        return [(kind, text)] if text else []
    head = match.group("head").rstrip(" ,.")
    inner = match.group("inner").strip()
    spellings = [(kind, head)]
    if inner:
        spellings.append(("short name", inner))
    return spellings
