"""Property: whatever bytes arrive, the importer returns a table or refuses in one sentence.

Random bytes (behind each format's magic number or not), random zip packages assembled from
real part names with random or mutated contents, and sheets with random, sparse cell
references anywhere up to XFD1048576: :func:`parse_files` either gives a ParsedImport or
raises an :class:`ImportFileError` whose message is one line. Anything else (a traceback, a
native abort, which would end this test run) is a bug.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workbench.importers import (
    EmptyFileError,
    ImportFileError,
    ParsedImport,
    SheetTooLargeError,
    parse_files,
)
from workbench.importers.guard import MAX_SHEET_CELLS, OLE2_MAGIC, ZIP_MAGIC

WILD = Path(__file__).resolve().parent.parent / "data" / "import" / "wild"
sys.path.insert(0, str(WILD))
import hostile  # noqa: E402

sys.path.remove(str(WILD))

_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _import(folder: Path, name: str, data: bytes) -> ParsedImport | ImportFileError:
    path = folder / name
    path.write_bytes(data)
    try:
        return parse_files([path])
    except ImportFileError as exc:
        message = str(exc)
        assert message.startswith(f"{name}: ") and "\n" not in message, message
        return exc
    finally:
        path.unlink()


@_SETTINGS
@given(
    prefix=st.sampled_from([b"", ZIP_MAGIC, OLE2_MAGIC, b"\xef\xbb\xbf", b"\xff\xfe", b"<?xml"]),
    body=st.binary(max_size=4096),
    suffix=st.sampled_from([".xlsx", ".xlsm", ".xls", ".csv", ".txt", ".tsv"]),
)
def test_random_bytes_never_crash(tmp_path: Path, prefix: bytes, body: bytes, suffix: str) -> None:
    _import(tmp_path, f"random{suffix}", prefix + body)


_TEMPLATE = hostile.workbook_parts(
    [("Data", hostile.sheet_xml(hostile._good_rows()))],
    shared_strings=hostile._sst(),
)
_PART_NAMES = [*_TEMPLATE, "xl/styles.xml", "docProps/core.xml", "xl\\worksheets\\sheet1.xml"]


@st.composite
def _part(draw: st.DrawFn) -> tuple[str, bytes]:
    # No NUL: zipfile cuts a member name there, and cannot write the empty name that leaves.
    # No lone surrogate: zipfile cannot encode it, so no archive with that name can exist.
    any_name = st.text(
        st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=20,
    )
    name = draw(st.sampled_from(_PART_NAMES) | any_name)
    base = _TEMPLATE.get(name.replace("\\", "/"), b"<a/>")
    how = draw(st.sampled_from(["keep", "random", "cut", "splice"]))
    if how == "random":
        return name, draw(st.binary(max_size=512))
    if how == "cut":
        return name, base[: draw(st.integers(0, len(base)))]
    if how == "splice":
        at = draw(st.integers(0, len(base)))
        return name, base[:at] + draw(st.binary(max_size=64)) + base[at:]
    return name, base


@_SETTINGS
@given(parts=st.lists(_part(), max_size=10), keep_all=st.booleans())
@example(parts=[("\n", b"<a/>"), ("\n", b"<a/>")], keep_all=False)  # found by CI: a newline
# in a part name reached the one-line message
def test_random_zip_packages_never_crash(
    tmp_path: Path, parts: list[tuple[str, bytes]], keep_all: bool
) -> None:
    buf = io.BytesIO()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are part of the test
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
            if keep_all:
                for name, data in _TEMPLATE.items():
                    archive.writestr(name, data)
            for name, data in parts:
                archive.writestr(name, data)
    _import(tmp_path, "package.xlsx", buf.getvalue())


_COLUMNS = st.integers(min_value=1, max_value=16_384)
_ROWS = st.integers(min_value=1, max_value=1_048_576)
_PRINTABLE = st.characters(min_codepoint=32, max_codepoint=126)


@_SETTINGS
@given(
    cells=st.lists(
        st.tuples(_COLUMNS, _ROWS, st.one_of(st.integers(-5, 5), st.text(_PRINTABLE, max_size=8))),
        min_size=1,
        max_size=30,
    ),
    with_refs=st.booleans(),
)
def test_random_sparse_cell_references_never_crash(
    tmp_path: Path, cells: list[tuple[int, int, object]], with_refs: bool
) -> None:
    by_row: dict[int, list[str]] = {}
    for col, row, value in sorted(cells, key=lambda c: (c[1], c[0])):
        ref = f"{hostile._col(col - 1)}{row}"
        xml = hostile._cell(ref, value) if value != "" else f'<c r="{ref}"/>'
        if not with_refs:
            xml = xml.replace(f' r="{ref}"', "")
        by_row.setdefault(row, []).append(xml)
    extra = "".join(f'<row r="{r}">{"".join(cs)}</row>' for r, cs in sorted(by_row.items()))
    data = hostile.zip_bytes(hostile.workbook_parts([("Data", hostile.sheet_xml([], extra))]))
    result = _import(tmp_path, "sparse.xlsx", data)
    if isinstance(result, ImportFileError):
        assert isinstance(result, SheetTooLargeError | EmptyFileError), result
    filled = [(c, r) for c, r, v in cells if v != ""]
    if with_refs and filled:
        area = max(r for _, r in filled) * max(c for c, _ in filled)
        if area > MAX_SHEET_CELLS:
            assert isinstance(result, SheetTooLargeError), (area, result)


def test_the_farthest_cell_is_refused_by_name(tmp_path: Path) -> None:
    result = _import(tmp_path, "far.xlsx", hostile.far_cell("XFD1048576"))
    assert isinstance(result, SheetTooLargeError)
    assert "XFD1048576" in str(result)


@pytest.mark.parametrize("suffix", [".xlsb", ".ods"])
def test_random_bytes_in_isolated_formats_are_refused(tmp_path: Path, suffix: str) -> None:
    """The formats read in a child process: junk behind a zip header is one sentence too."""
    for seed in range(3):
        body = bytes((seed * 97 + i * 31) % 256 for i in range(2048))
        result = _import(tmp_path, f"junk{suffix}", ZIP_MAGIC + body)
        assert isinstance(result, ImportFileError)
