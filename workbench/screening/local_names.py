"""Registered Chinese names of listed parties, shipped beside the list (which has none).

The Consolidated Screening List writes Chinese parties in English and pinyin only, so a
customer register that holds 中芯国际集成电路制造有限公司 shares no character with it. The
names in ``resources/reference/chinese_names.csv`` (sources in ``ORIGIN.md`` there) are added
to their entries as spellings, compared character by character and, romanised, word by word.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from workbench.paths import resource

#: Where the shipped names sit under ``resources/``.
SHIPPED_LOCAL_NAMES: tuple[str, ...] = ("reference", "chinese_names.csv")
LOCAL_NAME_COLUMNS = ("list_name", "local_name", "confidence")


def read_local_names(path: Path) -> dict[str, tuple[str, ...]]:
    """``list_name,local_name,confidence`` rows as casefolded list name -> local names."""
    names: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in LOCAL_NAME_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path.name}: missing column(s) {', '.join(missing)}")
        for row in reader:
            key = row["list_name"].strip().casefold()
            local = row["local_name"].strip()
            if key and local and local not in names.setdefault(key, []):
                names[key].append(local)
    return {key: tuple(values) for key, values in names.items()}


@cache
def shipped_local_names() -> Mapping[str, tuple[str, ...]]:
    """The shipped table, read once per process."""
    return read_local_names(resource(*SHIPPED_LOCAL_NAMES))
