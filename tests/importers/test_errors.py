"""File-level refusals stay one readable line whatever the file's names hold."""

from __future__ import annotations

import pickle

from workbench.importers.errors import CorruptFileError, ImportFileError, one_line


def test_control_characters_are_written_as_escapes() -> None:
    assert one_line("part 'a\nb\x1b[31m'") == "part 'a\\nb\\x1b[31m'"


def test_printable_text_of_any_script_is_kept() -> None:
    assert one_line("Werk Dresden · 中芯国际 · ＳＭＩＣ") == "Werk Dresden · 中芯国际 · ＳＭＩＣ"


def test_message_names_the_file_and_has_no_line_break() -> None:
    error = CorruptFileError("in\nvoice.xlsx", "the workbook holds two parts named '\n'.")
    assert str(error) == "in\\nvoice.xlsx: the workbook holds two parts named '\\n'."
    assert "\n" not in str(error)


def test_escaped_message_survives_the_isolated_readers_pickle() -> None:
    error = ImportFileError("a.xlsb", "sheet 'x\ty' is damaged")
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) == "a.xlsb: sheet 'x\\ty' is damaged"
