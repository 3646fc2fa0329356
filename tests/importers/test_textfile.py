from __future__ import annotations

from pathlib import Path

import pytest

from workbench.importers import textfile
from workbench.importers.errors import CorruptFileError, EmptyFileError
from workbench.importers.guard import check_file
from workbench.importers.textfile import SAMPLE_BYTES, detect_encoding, read_text, sniff_delimiter

SAMPLES = {
    "cp932": "シリアル番号,装置型式,顧客名,設置日\n00123,NXT:1980Di,中芯国際,2023年7月1日\n",
    "cp949": "일련번호,장비모델,고객사,설치일\n00123,NXT:1980Di,삼성전자,2023-07-01\n",
    "gb18030": "序列号,设备型号,客户,安装日期\n00123,NXT:1980Di,中芯国际集成电路,2023年7月1日\n",
    "cp1252": "Serienummer;Klant;Waarde\n00123;Café Société;€ 1.200,00\nA;Müller Straße;x\n",
    "utf-8": "Serial,Customer\n1,中芯国际 Café\n",
}


@pytest.mark.parametrize("encoding", sorted(SAMPLES))
def test_encodings_are_told_apart(encoding: str) -> None:
    assert detect_encoding(SAMPLES[encoding].encode(encoding)) == encoding


def test_boms_win() -> None:
    assert detect_encoding("a,b\n".encode("utf-8-sig")) == "utf-8-sig"
    assert detect_encoding("a\tb\n".encode("utf-16")) == "utf-16"


@pytest.mark.parametrize(
    ("lines", "delimiter"),
    [
        (["Title", "a;b;c", "1;2,5;3", "4;5;6"], ";"),
        (["a,b,c", "1,2,3"], ","),
        (["a\tb\tc", "1\t2\t3"], "\t"),
        (['"x;y",b', '"1;2",3'], ","),
    ],
)
def test_delimiter_sniffing(lines: list[str], delimiter: str) -> None:
    assert sniff_delimiter(lines) == delimiter


def test_excel_sep_hint_and_utf16_tab_text(tmp_path: Path) -> None:
    path = tmp_path / "hint.csv"
    path.write_text("sep=;\nSerial;Model\n00123;X\n", encoding="utf-8")
    sheet, layout = read_text(check_file(path))
    assert layout.delimiter == ";"
    assert sheet.rows == [["Serial", "Model"], ["00123", "X"]]
    unicode_text = tmp_path / "unicode.txt"
    unicode_text.write_bytes("Serial\tModel\r\n00123\t装置\r\n".encode("utf-16"))
    sheet, layout = read_text(check_file(unicode_text))
    assert layout.encoding == "utf-16" and layout.delimiter == "\t"
    assert sheet.rows[1] == ["00123", "装置"]


def test_cells_stay_text_and_blank_cells_are_none(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b,c\n00123,,1234.0\n", encoding="utf-8")
    sheet, _ = read_text(check_file(path))
    assert sheet.rows[1] == ["00123", None, "1234.0"]


def test_rows_stream_across_chunks_with_blank_lines_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(textfile, "CHUNK_ROWS", 3)
    path = tmp_path / "many.csv"
    lines = ["Serial,Vendor,Note"] + [f"S{i:03d},Lam,{'  ' if i % 4 else 'x'}" for i in range(10)]
    lines.insert(5, "")  # a blank line is an empty row, so later row numbers still match
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sheet, _ = read_text(check_file(path))
    assert len(sheet.rows) == 12
    assert sheet.rows[5] == []
    assert sheet.rows[1] == ["S000", "Lam", "x"]
    assert sheet.rows[2] == ["S001", "Lam"]  # whitespace is blank, then cut off the end
    assert sheet.rows[11] == ["S009", "Lam"]
    assert len({id(row[1]) for row in sheet.rows[1:] if row}) == 1  # "Lam" kept once


def test_bytes_that_do_not_decode_after_the_sample_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    head = b"Serial,Customer\n" + b"00123,ACME\n" * (SAMPLE_BYTES // 11 + 10)
    path.write_bytes(head + b"00124,\xff\xfe\xfa broken\n")
    with pytest.raises(CorruptFileError, match="cannot be decoded"):
        read_text(check_file(path))


def test_text_of_spaces_only_is_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "spaces.csv"
    path.write_text(" \n\t\n", encoding="utf-8")
    with pytest.raises(EmptyFileError):
        read_text(check_file(path))
    blank_cells = tmp_path / "commas.csv"
    blank_cells.write_text(",,\n , \n", encoding="utf-8")
    with pytest.raises(EmptyFileError, match="no cells"):
        read_text(check_file(blank_cells))
