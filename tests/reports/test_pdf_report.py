"""The audit PDF, read back by real readers: poppler's text and renderer, qpdf, pypdf."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from report_fixtures import BOLD_NAME, CJK_LOCAL, FORMULA_NAME, KOREAN_LOCAL, make_hits

from workbench.domain.cancel import Cancelled, CancelToken
from workbench.reports.identify import identify
from workbench.reports.pdf_report import write_pdf
from workbench.reports.source import ReportSource

Tool = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def pdf(source: ReportSource, tmp_path: Path) -> Path:
    path = tmp_path / "report.pdf"
    write_pdf(source, path)
    return path


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_text_shows_totals_names_literally_and_every_section(
    pdf: Path, pdf_text: Callable[[Path], str]
) -> None:
    text = pdf_text(pdf)
    flat = _squash(text)
    assert "Export-control impact report" in text
    assert BOLD_NAME in flat, "markup in a name must print literally"
    assert FORMULA_NAME in flat
    assert CJK_LOCAL in flat and KOREAN_LOCAL in flat
    assert "Test scenario <with> & markup" in flat
    # value at risk per currency: USD 1,000 + 500 (obligation 1 counted once), JPY no decimals
    assert "1,500.00" in flat
    assert "2,000,000" in flat and "2,000,000.00" not in flat
    assert "1,276.50" in flat
    assert "5 of 1,234 service obligations" in flat
    for section in (
        "Executive summary",
        "Findings",
        "Licence coverage",
        "Appendix: rules as evaluated",
        "Method and data provenance",
        "Sign-off",
        "Prepared by",
        "Approved by",
    ):
        assert section in text
    assert "[S] Licence exception RPL not available" in flat
    assert "[U] Exact item numbers" in flat
    assert "A note with <markup> & an ampersand." in flat
    assert "b" * 64 in text and "a" * 64 in text


def test_every_page_says_page_x_of_y_and_the_marking(
    pdf: Path, pdf_text: Callable[[Path], str]
) -> None:
    pages = pdf_text(pdf).split("\f")
    pages = [p for p in pages if p.strip()]
    total = len(PdfReader(pdf).pages)
    assert len(pages) == total
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {total}" in page
        assert "CONFIDENTIAL" in page


def test_outline_contents_and_metadata(pdf: Path) -> None:
    reader = PdfReader(pdf)
    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))  # type: ignore[attr-defined]

    walk(reader.outline)
    assert titles[:2] == ["Executive summary", "Findings"]
    assert any(BOLD_NAME in t and CJK_LOCAL in t for t in titles)
    assert "Sign-off" in titles
    meta = reader.metadata
    assert meta is not None
    assert meta.title is not None and "Test scenario" in meta.title
    assert meta.author == "reviewer"
    assert meta.subject == "Evaluation run 7 of scenario test-scenario"
    # contents entries are links to the headings
    contents_links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    assert len(contents_links) >= 6
    found = identify(pdf)
    assert found is not None and (found.run_id, found.data_fingerprint) == (7, "b" * 64)


def test_qpdf_finds_no_error(pdf: Path, run_tool: Tool) -> None:
    out = run_tool("qpdf", "--check", str(pdf))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "No syntax or stream encoding errors" in out.stdout


def test_cover_and_findings_pages_render_with_ink(
    pdf: Path, run_tool: Tool, tmp_path: Path, pdf_text: Callable[[Path], str]
) -> None:
    pages = [p for p in pdf_text(pdf).split("\f") if p.strip()]
    findings = next(i for i, p in enumerate(pages, 1) if "SN-001" in p and "Contract" in p)
    for number in (1, findings):
        prefix = tmp_path / f"page{number}"
        out = run_tool(
            "pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number), "-singlefile",
            str(pdf), str(prefix),
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        with Image.open(f"{prefix}.png") as image:
            grey = image.convert("L")
            dark = sum(grey.histogram()[:128])
            assert dark > 2000, f"page {number} is (nearly) blank"


def test_an_empty_run_still_makes_a_report(
    tmp_path: Path, source: ReportSource, pdf_text: Callable[[Path], str]
) -> None:
    empty = ReportSource(source.run, source.rules, make_hits([]), {})
    path = tmp_path / "empty.pdf"
    write_pdf(empty, path)
    assert "No obligation of the 1,234 evaluated is hit" in _squash(pdf_text(path))


def test_cancelling_leaves_no_file(source: ReportSource, tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    path = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        write_pdf(source, path, cancel=token)
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_the_end(source: ReportSource, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_pdf(source, tmp_path / "p.pdf", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (100, 100)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
