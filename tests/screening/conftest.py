"""Fixtures for screening tests: the shipped list is read and indexed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.screening import ListSnapshot, ScreeningIndex, read_shipped_list

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="session")
def shipped() -> ListSnapshot:
    return read_shipped_list()


@pytest.fixture(scope="session")
def shipped_index(shipped: ListSnapshot) -> ScreeningIndex:
    return ScreeningIndex.build(shipped.entries)


@pytest.fixture
def sample_csv() -> Path:
    return DATA / "csl_sample_consolidated.csv"
