from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from workbench.importers import (
    CorruptFileError,
    EmptyFileError,
    EncryptedWorkbookError,
    UnsupportedFileTypeError,
    WrongFileTypeError,
    XmlBombError,
    ZipBombError,
    parse_files,
)
from workbench.importers.guard import MAX_MEMBERS, OLE2_MAGIC, FileFormat, check_file

WriteXlsx = Callable[..., Path]


def _rewrite_zip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, replace.get(item.filename, zin.read(item.filename)))
        for name in set(replace) - set(zin.namelist()):
            zout.writestr(name, replace[name])
    return dst


def test_a_good_workbook_passes_and_reports_its_format(write_xlsx: WriteXlsx) -> None:
    path = write_xlsx("ok.xlsx", {"S": [["Serial", "Model"], ["1", "X"]]})
    checked = check_file(path)
    assert checked.format is FileFormat.XLSX
    assert not checked.date1904


def test_1904_flag_is_read_from_workbook_xml(write_xlsx: WriteXlsx) -> None:
    path = write_xlsx("mac.xlsx", {"S": [["Serial"], ["1"]]}, epoch1904=True)
    assert check_file(path).date1904


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError, match=r"empty\.xlsx: the file is empty"):
        parse_files([path])


def test_empty_zip_is_an_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "nothing.xlsx"
    zipfile.ZipFile(path, "w").close()
    with pytest.raises(EmptyFileError):
        parse_files([path])


def test_workbook_without_data_is_empty(write_xlsx: WriteXlsx) -> None:
    path = write_xlsx("blank.xlsx", {"S": []})
    with pytest.raises(EmptyFileError, match="no sheet with any data"):
        parse_files([path])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7 not a workbook", "PDF document"),
        (b"Serial,Model\n1,X\n", "plain text file"),
        (b"<html><body>export</body></html>", "XML or HTML"),
    ],
)
def test_file_not_what_its_extension_says(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(content)
    with pytest.raises(WrongFileTypeError, match=expected) as info:
        parse_files([path])
    assert info.value.file_name == "book.xlsx"


def test_xlsx_renamed_to_csv_is_refused(write_xlsx: WriteXlsx, tmp_path: Path) -> None:
    src = write_xlsx("ok.xlsx", {"S": [["Serial"], ["1"]]})
    dst = tmp_path / "export.csv"
    dst.write_bytes(src.read_bytes())
    with pytest.raises(WrongFileTypeError, match="zip archive"):
        parse_files([dst])


def test_other_zip_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "hello")
    with pytest.raises(WrongFileTypeError, match="not an Office Open XML"):
        parse_files([path])


def _ole_container(stream_names: list[str]) -> bytes:
    """A compound-file header plus directory entries naming the given streams (UTF-16LE)."""
    header = OLE2_MAGIC + b"\x00" * (512 - len(OLE2_MAGIC))
    entries = b""
    for name in stream_names:
        encoded = (name + "\x00").encode("utf-16-le")
        entries += encoded.ljust(64, b"\x00") + len(encoded).to_bytes(2, "little") + b"\x02"
        entries = entries.ljust(((len(entries) + 127) // 128) * 128, b"\x00")
    return header + entries


def test_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "secret.xlsx"
    path.write_bytes(_ole_container(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(EncryptedWorkbookError, match="password-protected"):
        parse_files([path])


def test_old_xls_saved_as_xlsx_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "legacy.xlsx"
    path.write_bytes(_ole_container(["Workbook"]))
    with pytest.raises(WrongFileTypeError, match=r"97-2003 \(\.xls\)"):
        parse_files([path])


def test_zip_bomb_by_ratio_is_refused_before_reading(write_xlsx: WriteXlsx, tmp_path: Path) -> None:
    src = write_xlsx("ok.xlsx", {"S": [["Serial"], ["1"]]})
    bomb = _rewrite_zip(
        src, tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": b" " * 50_000_000}
    )
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(ZipBombError, match="zip bomb"):
        parse_files([bomb])


def test_too_many_members_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(MAX_MEMBERS + 1):
            archive.writestr(f"x/{i}", b"")
    with pytest.raises(ZipBombError, match="parts"):
        parse_files([path])


def test_xml_bomb_entity_declarations_are_refused(write_xlsx: WriteXlsx, tmp_path: Path) -> None:
    src = write_xlsx("ok.xlsx", {"S": [["Serial"], ["1"]]})
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'
    )
    bomb = _rewrite_zip(src, tmp_path / "lol.xlsx", {"xl/extra/strings.xml": lol})
    with pytest.raises(XmlBombError, match="DOCTYPE"):
        parse_files([bomb])


def test_truncated_workbook_is_corrupt(write_xlsx: WriteXlsx, tmp_path: Path) -> None:
    data = write_xlsx("ok.xlsx", {"S": [["Serial"], ["1"]]}).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError):
        parse_files([path])


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"x")
    with pytest.raises(UnsupportedFileTypeError, match=r"'\.docx'"):
        parse_files([path])
