"""Crafted hostile and awkward files for the import corpus, built from a few lines each.

They are generated instead of committed so that what each file does is readable here, and so
that none of them (a 2 KB workbook that claims 17 billion cells, an entity bomb) sits in the
repository as an opaque blob. ``build(folder)`` writes them all; ``manifest.toml`` beside this
file names the outcome each must have. Run ``python hostile.py OUT`` to get them on disk and
try them by hand (``workbench import OUT/<file>``).
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

HEADER = ("Serial", "Model", "Fab", "Customer", "Country")
ROW = ("SN-001", "NXT:1980Di", "Fab 1", "Acme Semi", "NL")


def _col(index: int) -> str:
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _cell(ref: str, value: object) -> str:
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_xml(rows: list[tuple[object, ...]], extra_cells: str = "", dimension: str = "") -> str:
    """A worksheet part with inline strings (no shared-strings part needed)."""
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{_col(c)}{r}", v) for c, v in enumerate(row) if v is not None)
        body.append(f'<row r="{r}">{cells}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'{_DECL}<worksheet xmlns="{_NS}" xmlns:r="{_R}">{dim}<sheetData>'
        f"{''.join(body)}{extra_cells}</sheetData></worksheet>"
    )


def workbook_parts(
    sheets: list[tuple[str, str]],
    hidden: frozenset[int] = frozenset(),
    prefix: str = "xl/",
    shared_strings: str | None = None,
) -> dict[str, bytes]:
    """The parts of a minimal valid .xlsx: content types, relationships, workbook, sheets."""
    overrides = [
        f'<Override PartName="/{prefix}workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    ]
    sheet_entries, rels = [], []
    parts: dict[str, bytes] = {}
    for i, (name, xml) in enumerate(sheets, start=1):
        state = ' state="hidden"' if i - 1 in hidden else ""
        sheet_entries.append(f'<sheet name="{name}" sheetId="{i}"{state} r:id="rId{i}"/>')
        rels.append(
            f'<Relationship Id="rId{i}" Type="{_R}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        )
        overrides.append(
            f'<Override PartName="/{prefix}worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        )
        parts[f"{prefix}worksheets/sheet{i}.xml"] = xml.encode("utf-8")
    if shared_strings is not None:
        n = len(sheets) + 1
        rels.append(
            f'<Relationship Id="rId{n}" Type="{_R}/sharedStrings" Target="sharedStrings.xml"/>'
        )
        parts[f"{prefix}sharedStrings.xml"] = shared_strings.encode("utf-8")
    parts["[Content_Types].xml"] = (
        f'{_DECL}<Types xmlns="{_CT}"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        f'ContentType="application/xml"/>{"".join(overrides)}</Types>'
    ).encode()
    parts["_rels/.rels"] = (
        f'{_DECL}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_R}/officeDocument" Target="{prefix}workbook.xml"/></Relationships>'
    ).encode()
    parts[f"{prefix}_rels/workbook.xml.rels"] = (
        f'{_DECL}<Relationships xmlns="{_PKG}">{"".join(rels)}</Relationships>'
    ).encode()
    parts[f"{prefix}workbook.xml"] = (
        f'{_DECL}<workbook xmlns="{_NS}" xmlns:r="{_R}"><sheets>{"".join(sheet_entries)}'
        "</sheets></workbook>"
    ).encode()
    return parts


def zip_bytes(parts: dict[str, bytes], names: dict[str, str] | None = None) -> bytes:
    """Parts zipped in order; ``names`` renames members (e.g. to backslash paths)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr((names or {}).get(name, name), data)
    return buf.getvalue()


def _good_rows() -> list[tuple[object, ...]]:
    return [HEADER, ROW, ("SN-002", "NXT:2000i", "Fab 1", "Acme Semi", "NL")]


def _with_sheet(xml: str) -> bytes:
    return zip_bytes(workbook_parts([("Data", xml)]))


def _replace(parts: dict[str, bytes], name: str, data: bytes) -> bytes:
    return zip_bytes({**parts, name: data})


def far_cell(ref: str) -> bytes:
    """A real header and row, plus one value at ``ref``: what blew up calamine's range."""
    return _with_sheet(
        sheet_xml(
            _good_rows(),
            f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">{_cell(ref, 1)}</row>',
        )
    )


def far_row_without_refs() -> bytes:
    """Rows and cells without ``r``: the position is counted, not written."""
    rows = "".join("<row><c><v>1</v></c></row>" for _ in range(3))
    far = '<row r="1048576"><c><v>1</v></c><c><v>2</v></c></row>'
    xml = sheet_xml(_good_rows(), rows + far).replace('<row r="1048576">', '<row r="1048576">')
    return _with_sheet(xml)


def styled_empty_far_cell() -> bytes:
    """An empty, formatted cell far away: it holds no value and is not data."""
    return _with_sheet(sheet_xml(_good_rows(), '<row r="1048576"><c r="XFD1048576" s="0"/></row>'))


def lying_dimension() -> bytes:
    return _with_sheet(sheet_xml(_good_rows(), dimension="A1:XFD1048576"))


def prefixed_far_cell() -> bytes:
    xml = sheet_xml(_good_rows(), '<row r="900000"><c r="ZZ900000"><v>1</v></c></row>')
    xml = xml.replace(f'<worksheet xmlns="{_NS}"', f'<x:worksheet xmlns:x="{_NS}"')
    xml = xml.replace("</worksheet>", "</x:worksheet>")
    for tag in ("sheetData", "row", "c", "v", "is", "t"):
        xml = xml.replace(f"<{tag}>", f"<x:{tag}>").replace(f"<{tag} ", f"<x:{tag} ")
        xml = xml.replace(f"</{tag}>", f"</x:{tag}>")
    return _with_sheet(xml)


_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def _sst(first: str = "Serial") -> str:
    return f'{_DECL}<sst xmlns="{_NS}" count="1" uniqueCount="1"><si><t>{first}</t></si></sst>'


def _sst_book(sst: bytes) -> bytes:
    xml = sheet_xml([]).replace(
        "<sheetData>",
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>',
    )
    parts = workbook_parts([("Data", xml)], shared_strings=_sst())
    return _replace(parts, "xl/sharedStrings.xml", sst)


def doctype_after_comment() -> bytes:
    sst = _sst().replace(_DECL, _DECL + "<!--" + "x" * 20_000 + "-->" + _LAUGHS)
    return _sst_book(sst.encode())


def doctype_utf16_without_bom() -> bytes:
    sst = _sst().replace(_DECL, _DECL.replace("UTF-8", "UTF-16") + _LAUGHS)
    return _sst_book(sst.encode("utf-16-le"))


def doctype_utf16_with_bom() -> bytes:
    sst = _sst().replace(_DECL, _DECL.replace("UTF-8", "UTF-16") + _LAUGHS)
    return _sst_book(sst.encode("utf-16"))


def utf16_without_bom_clean() -> bytes:
    """A harmless UTF-16LE shared-strings part without a BOM: scanned as text, then read."""
    sst = _sst().replace("UTF-8", "UTF-16")
    return _sst_book(sst.encode("utf-16-le"))


def doctype_in_unlisted_part() -> bytes:
    parts = workbook_parts([("Data", sheet_xml(_good_rows()))])
    return zip_bytes({**parts, "customXml/item1.dat": (_DECL + _LAUGHS + "<a/>").encode()})


def external_entity() -> bytes:
    dtd = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return _sst_book(_sst("&x;").replace(_DECL, _DECL + dtd).encode())


def exotic_encoding() -> bytes:
    """Declared UTF-7, where '<' can be spelt '+ADw-': the scan cannot see what the parser sees."""
    sst = _sst().replace("UTF-8", "UTF-7") + "+ADw-!DOCTYPE x+AD4-"
    return _sst_book(sst.encode())


def lowercase_doctype_in_workbook() -> bytes:
    parts = workbook_parts([("Data", sheet_xml(_good_rows()))])
    wb = parts["xl/workbook.xml"].decode().replace(_DECL, _DECL + "<!doctype workbook>")
    return _replace(parts, "xl/workbook.xml", wb.encode())


def backslash_paths() -> bytes:
    parts = workbook_parts([("Data", sheet_xml(_good_rows()))])
    return zip_bytes(parts, {n: n.replace("/", "\\") for n in parts if n.startswith("xl/")})


def workbook_at_root() -> bytes:
    return zip_bytes(workbook_parts([("Data", sheet_xml(_good_rows()))], prefix=""))


def no_workbook_part() -> bytes:
    parts = workbook_parts([("Data", sheet_xml(_good_rows()))])
    del parts["xl/workbook.xml"]
    return zip_bytes(parts)


def relationship_to_missing_sheet() -> bytes:
    parts = workbook_parts([("Data", sheet_xml(_good_rows()))])
    del parts["xl/worksheets/sheet1.xml"]
    return zip_bytes(parts)


def duplicate_members() -> bytes:
    """Two members of one name: the guard could scan one while the reader reads the other."""
    parts = workbook_parts([("Data", sheet_xml(_good_rows()))])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        far = sheet_xml(_good_rows(), '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            archive.writestr("xl/worksheets/sheet1.xml", far)
    return buf.getvalue()


def zip_bomb() -> bytes:
    parts = workbook_parts([("Data", sheet_xml(_good_rows()))])
    return zip_bytes({**parts, "xl/media/pad.xml": b"<a>" + b" " * (32 * 1024 * 1024) + b"</a>"})


def many_members() -> bytes:
    parts = workbook_parts([("Data", sheet_xml(_good_rows()))])
    parts.update({f"xl/media/p{i}.bin": b"" for i in range(10_050)})
    return zip_bytes(parts)


def encrypted_members() -> bytes:
    data = bytearray(_with_sheet(sheet_xml(_good_rows())))
    # Set the "encrypted" general-purpose bit in every local and central header.
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (i := data.find(sig, start)) >= 0:
            data[i + offset] |= 0x01
            start = i + 4
    return bytes(data)


def truncated() -> bytes:
    return _with_sheet(sheet_xml(_good_rows()))[:700]


def control_characters() -> bytes:
    rows = [*_good_rows(), ("SN-\x01003", "NXT:2000i", "Fab 1", "Acme Semi", "NL")]
    xml = sheet_xml(rows).replace("SN-\x01003", "SN-_x0001_003")
    return _with_sheet(xml)


def formula_like_values() -> bytes:
    rows = [
        HEADER,
        ("SN-001", "NXT:1980Di", "Fab 1", "=cmd|' /C calc'!A0", "NL"),
        ("SN-002", "NXT:1980Di", "Fab 1", '=HYPERLINK("http://x.example","click")', "NL"),
        ("SN-003", "NXT:1980Di", "Fab 1", "@SUM(1+1)", "NL"),
    ]
    return _with_sheet(sheet_xml(rows))


def merged_two_row_header() -> bytes:
    rows: list[tuple[object, ...]] = [
        ("Customer", "Machine", None, "Site", None),
        (None, "Serial", "Model", "Fab", "Country"),
        ("Acme Semi", "SN-001", "NXT:1980Di", "Fab 1", "NL"),
        ("Acme Semi", "SN-002", "NXT:2000i", "Fab 1", "NL"),
    ]
    merges = (
        '<mergeCells count="3"><mergeCell ref="A1:A2"/><mergeCell ref="B1:C1"/>'
        '<mergeCell ref="D1:E1"/></mergeCells>'
    )
    xml = sheet_xml(rows).replace("</sheetData>", "</sheetData>" + merges)
    return _with_sheet(xml)


def hidden_first_sheet() -> bytes:
    lists = sheet_xml([("Serial", "Model", "Fab"), ("LOOKUP-1", "X", "Y")])
    parts = workbook_parts([("Lists", lists), ("Data", sheet_xml(_good_rows()))], hidden={0})
    return zip_bytes(parts)


def only_hidden_sheet() -> bytes:
    return zip_bytes(workbook_parts([("Data", sheet_xml(_good_rows()))], hidden={0}))


def _csv_text() -> str:
    return "Serial,Model,Fab,Customer,Country\r\nSN-001,NXT:1980Di,Fab 1,Acme Semi,NL\r\n"


def csv_long_line() -> bytes:
    return (_csv_text() + "SN-002,NXT:2000i,Fab 1," + "A" * 140_000 + ",NL\r\n").encode()


def csv_huge_field() -> bytes:
    return (_csv_text() + "SN-002,NXT:2000i,Fab 1," + "A" * 1_100_000 + ",NL\r\n").encode()


def csv_utf16le_without_bom() -> bytes:
    return (_csv_text() + "SN-002,NXT:2000i,Fab 1,Société Générale,FR\r\n").encode("utf-16-le")


def csv_utf16be_without_bom() -> bytes:
    return (_csv_text() + "SN-002,NXT:2000i,Fab 1,Société Générale,FR\r\n").encode("utf-16-be")


def csv_nul_in_serial() -> bytes:
    return (_csv_text() + "SN-\x00002,NXT:2000i,Fab 1,Acme Semi,NL\r\n").encode()


def csv_formula_like() -> bytes:
    return (
        _csv_text()
        + "SN-002,NXT:2000i,Fab 1,\"=cmd|' /C calc'!A0\",NL\r\n"
        + 'SN-003,NXT:2000i,Fab 1,+HYPERLINK("http://x.example"),NL\r\n'
    ).encode()


def csv_binary_noise() -> bytes:
    return bytes((i * 131 + 7) % 256 for i in range(4096))


def xlsx_named_xls() -> bytes:
    return _with_sheet(sheet_xml(_good_rows()))


def html_named_xls() -> bytes:
    return b"<html><body><table><tr><td>Serial</td></tr></table></body></html>"


def one_byte() -> bytes:
    return b"P"


def ods_with_doctype() -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>' + _LAUGHS + "<office:document-content "
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return buf.getvalue()


def ods_repeated_rows(columns: int = 1024) -> bytes:
    """An ODS sheet whose one value row is repeated a million times over many columns."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}" '
        f'xmlns:table="{table}" xmlns:text="{text}" office:version="1.2"><office:body>'
        '<office:spreadsheet><table:table table:name="Data"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>Serial</text:p></table:table-cell>'
        "</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048575">'
        f'<table:table-cell table:number-columns-repeated="{columns}" office:value-type="float" '
        'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        archive.writestr("content.xml", content)
    return buf.getvalue()


_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


#: File name -> builder. The extension is part of what is tested.
BUILDERS: dict[str, Callable[[], bytes]] = {
    "far_cell_XFD1048576.xlsx": lambda: far_cell("XFD1048576"),
    "far_cell_CU1000000.xlsx": lambda: far_cell("CU1000000"),
    "far_cell_CV300000.xlsx": lambda: far_cell("CV300000"),
    "far_cell_O20000.xlsx": lambda: far_cell("O20000"),
    "far_row_without_refs.xlsx": far_row_without_refs,
    "styled_empty_far_cell.xlsx": styled_empty_far_cell,
    "lying_dimension.xlsx": lying_dimension,
    "prefixed_far_cell.xlsx": prefixed_far_cell,
    "doctype_after_comment.xlsx": doctype_after_comment,
    "doctype_utf16_without_bom.xlsx": doctype_utf16_without_bom,
    "doctype_utf16_with_bom.xlsx": doctype_utf16_with_bom,
    "utf16_without_bom_clean.xlsx": utf16_without_bom_clean,
    "doctype_in_unlisted_part.xlsx": doctype_in_unlisted_part,
    "external_entity.xlsx": external_entity,
    "exotic_encoding.xlsx": exotic_encoding,
    "lowercase_doctype.xlsx": lowercase_doctype_in_workbook,
    "backslash_paths.xlsx": backslash_paths,
    "workbook_at_root.xlsx": workbook_at_root,
    "no_workbook_part.xlsx": no_workbook_part,
    "relationship_to_missing_sheet.xlsx": relationship_to_missing_sheet,
    "duplicate_members.xlsx": duplicate_members,
    "zip_bomb.xlsx": zip_bomb,
    "many_members.xlsx": many_members,
    "encrypted_members.xlsx": encrypted_members,
    "truncated.xlsx": truncated,
    "control_characters.xlsx": control_characters,
    "formula_like_values.xlsx": formula_like_values,
    "merged_two_row_header.xlsx": merged_two_row_header,
    "hidden_first_sheet.xlsx": hidden_first_sheet,
    "only_hidden_sheet.xlsx": only_hidden_sheet,
    "long_line.csv": csv_long_line,
    "huge_field.csv": csv_huge_field,
    "utf16le_without_bom.csv": csv_utf16le_without_bom,
    "utf16be_without_bom.csv": csv_utf16be_without_bom,
    "nul_in_serial.csv": csv_nul_in_serial,
    "formula_like.csv": csv_formula_like,
    "binary_noise.csv": csv_binary_noise,
    "xlsx_named.xls": xlsx_named_xls,
    "html_named.xls": html_named_xls,
    "one_byte.xlsx": one_byte,
    "ods_with_doctype.ods": ods_with_doctype,
    "ods_repeated_rows.ods": ods_repeated_rows,
    "ods_repeated_99_columns.ods": lambda: ods_repeated_rows(95),
}


def build(folder: Path) -> dict[str, Path]:
    """Write every crafted file into ``folder``; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, make in BUILDERS.items():
        path = folder / name
        path.write_bytes(make())
        out[name] = path
    return out


if __name__ == "__main__":
    for built in build(Path(sys.argv[1])).values():
        print(built)
