from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from workbench.domain.cancel import Cancelled, CancelToken
from workbench.screening import (
    ListFormat,
    ListFormatError,
    ListSnapshot,
    PolicyCategory,
    read_list,
    read_shipped_list,
)
from workbench.screening.csl import CSL_COLUMNS


def test_snapshot_identifies_the_file(sample_csv: Path) -> None:
    snapshot = read_list(sample_csv)
    assert snapshot.fmt is ListFormat.CSL_CSV
    assert snapshot.sha256 == hashlib.sha256(sample_csv.read_bytes()).hexdigest()
    assert snapshot.file_name == "csl_sample_consolidated.csv"
    assert snapshot.list_date is None


def test_shipped_list_loads_whole(shipped: ListSnapshot) -> None:
    assert len(shipped.entries) == 25_921
    assert shipped.list_date == date(2026, 7, 31)
    assert shipped.counts["entity_list"] == 3_420
    assert shipped.counts["sdn"] == 19_181
    assert len({e.key for e in shipped.entries}) == 25_921  # duplicated _ids made unique


def test_shipped_list_carries_the_facts_rules_need(shipped: ListSnapshot) -> None:
    el = {e.name: e for e in shipped.entries if e.source == "entity_list"}
    smic = el["Semiconductor Manufacturing International Corporation (SMIC)"]
    assert smic.footnotes == ("FN5",)
    assert smic.policy_category is PolicyCategory.PRESUMPTION_OF_DENIAL
    assert "Case-by-case for items designed for production of 200mm" in (smic.licence_policy or "")
    assert "FN1" in el["Huawei Technologies Co., Ltd. (Huawei)"].footnotes
    ymtc = el["Yangtze Memory Technologies Co., Ltd."]
    assert ymtc.policy_category is PolicyCategory.PRESUMPTION_OF_DENIAL
    assert ymtc.countries == ("CN",)
    assert not [n for n in el if "changxin" in n.casefold() or "cxmt" in n.casefold()]
    footnoted = {fn for e in el.values() for fn in e.footnotes}
    assert {"FN1", "FN3", "FN4", "FN5"} <= footnoted


def test_duplicate_keys_are_made_unique_and_stable(tmp_path: Path) -> None:
    header = ",".join(CSL_COLUMNS)
    blank = ',""' * (len(CSL_COLUMNS) - 6)
    rows = [
        f'"dup","Entity List (EL)","","","","Acme One"{blank}',
        f'"dup","Entity List (EL)","","","","Acme Two"{blank}',
        f'"solo","Entity List (EL)","","","","Acme Three"{blank}',
    ]
    first = tmp_path / "a.csv"
    first.write_text("\n".join([header, *rows]), encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text("\n".join([header, *reversed(rows)]), encoding="utf-8")
    keys_a = {e.name: e.key for e in read_list(first).entries}
    keys_b = {e.name: e.key for e in read_list(second).entries}
    assert keys_a == keys_b
    assert keys_a["Acme Three"] == "solo"
    assert keys_a["Acme One"] != keys_a["Acme Two"]
    assert keys_a["Acme One"].startswith("dup#")


def test_progress_and_cancel(sample_csv: Path, shipped: ListSnapshot) -> None:
    seen: list[tuple[int, int]] = []
    read_list(sample_csv, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (13, 13)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        read_shipped_list(cancel=token)


@pytest.mark.parametrize(
    ("name", "content", "fmt", "message"),
    [
        ("x.csv", "a,b\n1,2\n", None, "x.csv, row 1: is neither a Consolidated Screening List"),
        ("x.csv", "_id\n", "xml", "unknown list format 'xml'"),
        ("x.csv", "", ListFormat.CSL_CSV, "x.csv, row 1: the file is empty"),
    ],
)
def test_unreadable_input(
    tmp_path: Path, name: str, content: str, fmt: str | None, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ListFormatError, match=message):
        read_list(path, fmt)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match=r"nowhere\.csv: cannot be read"):
        read_list(tmp_path / "nowhere.csv")
