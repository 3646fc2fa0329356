"""Country groups by date: Macau versus D:5, and the version in force on a date."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from workbench.paths import resource
from workbench.rules.country_groups import available_versions, country_code, load_country_groups

SHIPPED = resource("reference", "ear_country_groups_2026-07-23.json")


def test_macau_is_not_in_d5_but_china_is() -> None:
    groups = load_country_groups(dt.date(2026, 8, 1))
    assert "CN" in groups.members["D:5"]
    assert "MO" not in groups.members["D:5"]
    assert "MO" in groups.members["D:1"]
    assert "KH" not in groups.members["D:5"]  # Cambodia left D:5 on 2026-02-03
    assert groups.exact


def test_every_ecfr_name_maps_to_a_code() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    names = {n for members in data["groups"].values() for n in members}
    codes = {country_code(n) for n in names}
    assert len(codes) == len(names) - 1  # the two spellings of the DR Congo are one code
    with pytest.raises(KeyError):
        country_code("Atlantis")


def _with_older_version(tmp_path: Path) -> Path:
    shutil.copy(SHIPPED, tmp_path / SHIPPED.name)
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["groups"]["D:5"].append("Cambodia")
    (tmp_path / "ear_country_groups_2021-12-08.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def test_version_in_force_is_chosen_by_date(tmp_path: Path) -> None:
    folder = _with_older_version(tmp_path)
    assert available_versions(folder) == [dt.date(2021, 12, 8), dt.date(2026, 7, 23)]
    before = load_country_groups(dt.date(2026, 7, 22), folder)
    assert before.version == dt.date(2021, 12, 8)
    assert "KH" in before.members["D:5"]
    on = load_country_groups(dt.date(2026, 7, 23), folder)
    assert on.version == dt.date(2026, 7, 23)
    assert "KH" not in on.members["D:5"]


def test_date_before_every_version_falls_back_and_says_so() -> None:
    groups = load_country_groups(dt.date(2020, 1, 1))
    assert groups.version == dt.date(2021, 12, 9)
    assert not groups.exact
    assert "earliest version available" in groups.describe()


@pytest.mark.parametrize(
    ("day", "version", "cambodia", "nicaragua"),
    [
        # Cambodia in D:5 from 9 Dec 2021 (86 FR 70015) until 3 Feb 2026.
        (dt.date(2021, 12, 9), dt.date(2021, 12, 9), True, False),
        (dt.date(2024, 3, 14), dt.date(2021, 12, 9), True, False),
        # Nicaragua added to D:5 (and D:1) effective 15 Mar 2024.
        (dt.date(2024, 3, 15), dt.date(2024, 3, 15), True, True),
        (dt.date(2026, 2, 2), dt.date(2024, 3, 15), True, True),
        (dt.date(2026, 2, 3), dt.date(2026, 2, 3), False, True),
        (dt.date(2026, 8, 1), dt.date(2026, 7, 23), False, True),
    ],
)
def test_shipped_versions_follow_d5_changes(
    day: dt.date, version: dt.date, cambodia: bool, nicaragua: bool
) -> None:
    groups = load_country_groups(day)
    assert groups.version == version and groups.exact
    assert ("KH" in groups.members["D:5"]) is cambodia
    assert ("NI" in groups.members["D:5"]) is nicaragua
    assert ("NI" in groups.members["D:1"]) is nicaragua
    assert ("NI" in groups.members["B"]) is not nicaragua
    assert "KH" in groups.members["D:1"]  # Cambodia stays in D:1 throughout
    assert "HK" in groups.members["D:5"] and "MO" not in groups.members["D:5"]


def test_derived_versions_differ_from_the_issue_only_by_their_listed_changes() -> None:
    base = json.loads(SHIPPED.read_text(encoding="utf-8"))["groups"]
    for name, changed in [
        ("ear_country_groups_2026-02-03.json", set()),
        ("ear_country_groups_2024-03-15.json", {"D:5"}),
        ("ear_country_groups_2021-12-09.json", {"D:5", "D:1", "B"}),
    ]:
        data = json.loads(resource("reference", name).read_text(encoding="utf-8"))
        assert data["derivation"]["changes"]
        differ = {g for g in base if sorted(base[g]) != sorted(data["groups"][g])}
        assert differ == changed, name
