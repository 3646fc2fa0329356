"""A report file names its run; other files name none."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from workbench.reports.identify import identify


def test_files_that_are_not_reports(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("workbench-run=1;data=" + "a" * 64, encoding="utf-8")
    assert identify(text) is None
    fake_pdf = tmp_path / "fake.pdf"
    fake_pdf.write_bytes(b"%PDF-1.4 nothing here")
    assert identify(fake_pdf) is None
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    assert identify(broken) is None
    plain = tmp_path / "plain.xlsx"
    Workbook().save(plain)
    assert identify(plain) is None


def test_a_marker_split_across_read_chunks_is_found(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    marker = b"workbench-run=42;data=" + b"c" * 64
    path.write_bytes(b"%PDF-1.4\n" + b"x" * ((1 << 20) - 20) + marker + b"\n%%EOF")
    found = identify(path)
    assert found is not None and found.run_id == 42 and found.data_fingerprint == "c" * 64
