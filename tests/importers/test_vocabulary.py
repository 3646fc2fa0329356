from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.enums import MachineStatus
from workbench.importers.outcome import Severity
from workbench.importers.vocabulary import parse_serial, parse_status, parse_text


@given(st.text(alphabet="0123456789ABCDEFXYZ-/:", min_size=1, max_size=20))
def test_text_serials_keep_every_character(serial: str) -> None:
    outcome = parse_serial(serial)
    if "E" in serial and serial.replace(".", "").replace("E", "").replace("+", "").isdigit():
        return  # scientific-notation look-alikes are covered below
    assert outcome.value == serial


@given(st.integers(min_value=0, max_value=10**12))
def test_numeric_serials_lose_only_the_excel_fraction(n: int) -> None:
    assert parse_serial(float(n)).value == str(n)
    assert parse_serial(n).value == str(n)


def test_leading_zeros_survive_in_text() -> None:
    assert parse_serial("00123").value == "00123"
    assert parse_serial(" 00123 ").value == "00123"


def test_decimal_and_odd_types_are_not_serials() -> None:
    assert not parse_serial(12.5).ok
    assert not parse_serial(True).ok
    assert not parse_serial(date(2020, 1, 1)).ok


def test_scientific_notation_is_flagged() -> None:
    outcome = parse_serial("1.23E+05")
    assert outcome.value == "1.23E+05"
    assert outcome.problem is not None and outcome.problem.severity is Severity.WARNING


def test_status_words_in_several_languages() -> None:
    assert parse_status("稼働中").value is MachineStatus.INSTALLED
    assert parse_status("Verplaatst").value is MachineStatus.RELOCATED
    assert parse_status("报废").value is MachineStatus.DECOMMISSIONED
    # A word the book has no status for keeps the machine (as installed) with a warning.
    maybe = parse_status("maybe")
    assert maybe.ok and maybe.value is MachineStatus.INSTALLED
    assert maybe.problem is not None and "taken as installed" in maybe.problem.message


def test_text_collapses_spaces_and_keeps_number_digits() -> None:
    assert parse_text("  SMIC   Beijing ").value == "SMIC Beijing"
    assert parse_text(1234.0).value == "1234"
