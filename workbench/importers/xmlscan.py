"""Streaming looks at XML parts before any parser sees them: encoding, prologue, used range.

Two questions are answered here, both on a part's bytes as the zip inflates them, a chunk at a
time, so memory stays constant whatever the part's size:

* Does the part declare a DOCTYPE (the vehicle of entity-expansion and external-entity
  attacks)? A DOCTYPE can only come before the root element, but "before the root" may be
  after a 20 KB comment, and the text may be UTF-16 with or without a byte-order mark. So the
  whole prologue is read, decoded as the XML spec's appendix F says a parser would decode it
  (BOM, else the byte pattern of ``<?xml``, else the declared encoding), and comments and
  processing instructions are skipped properly. Anything that would make a parser see
  something the scan did not (an encoding Python does not know, or one like UTF-7 where ``<``
  can be spelt differently) is refused rather than guessed.
* How far does a worksheet reach? Calamine builds a dense range from the top-left to the
  bottom-right cell it finds, so one value at XFD1048576 asks for 17 billion cells (550 GB)
  and aborts the process before Python can react. The cell references in ``<c r="...">`` say
  where every cell goes; cells without one are placed the way calamine places them (next
  column, next row).
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter

from workbench.importers.cells import column_letter

CHUNK_CHARS = 1024 * 1024

#: A prologue longer than this is not a spreadsheet part (Excel writes ~60 bytes).
MAX_PROLOGUE_CHARS = 1024 * 1024

#: Encodings a parser can be trusted to see exactly as the scan does (ASCII-compatible, or
#: UTF-16/32 which the scan decodes itself).
_SAFE_ENCODINGS = frozenset(
    {
        "utf-8",
        "utf-16",
        "utf-16-le",
        "utf-16-be",
        "utf-32",
        "utf-32-le",
        "utf-32-be",
        "ascii",
        "latin-1",
        "iso8859-1",
        "iso8859-15",
        "cp1252",
        "cp1250",
        "cp1251",
        "cp932",
        "shift_jis",
        "euc_jp",
        "gb2312",
        "gbk",
        "gb18030",
        "big5",
        "cp949",
        "euc_kr",
    }
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: XML 1.0 appendix F: the first bytes of ``<?`` (or ``<``) without a BOM.
_PATTERNS: tuple[tuple[bytes, str], ...] = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)
_DECLARED = re.compile(r"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


class PrologueRefusedError(Exception):
    """The part's prologue holds what spreadsheets never need; ``str()`` says what."""


@dataclass(frozen=True, slots=True)
class Prologue:
    encoding: str | None  # None: the part is not XML at all (an image, a .bin record stream)
    is_xml: bool


def detect_encoding(head: bytes) -> tuple[str, int]:
    """Codec and BOM length for a part's first bytes (UTF-8 when nothing else is indicated)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    for pattern, encoding in _PATTERNS:
        if head.startswith(pattern):
            return encoding, 0
    return "utf-8", 0


def _normal_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decoded_chunks(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, encoding: str, skip: int
) -> Iterator[str]:
    """The part as text, a chunk at a time (undecodable bytes become U+FFFD)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with archive.open(info) as member:
        member.read(skip)
        while data := member.read(CHUNK_CHARS):
            yield decoder.decode(data)
        yield decoder.decode(b"", final=True)


def check_prologue(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Prologue:
    """Raise PrologueRefusedError for a DOCTYPE (or an unscannable encoding) before the root.

    Returns what was learnt, so the caller can decode the part the same way again.
    """
    with archive.open(info) as member:
        head = member.read(4)
    if not head:
        return Prologue(None, False)
    encoding, skip = detect_encoding(head)
    text = ""
    chunks = decoded_chunks(archive, info, encoding, skip)
    declared_checked = False
    pos = 0
    for chunk in chunks:
        text = text[pos:] + chunk
        pos = 0
        if not declared_checked and (len(text) >= 256 or ">" in text):
            declared_checked = True
            _check_declared(text, encoding)
        while True:
            while pos < len(text) and text[pos] in " \t\r\n\ufeff":
                pos += 1
            if pos >= len(text):
                break
            if text[pos] != "<":
                return Prologue(encoding, False)  # not XML (or not well-formed): nothing to parse
            rest = text[pos : pos + 9]
            if len(rest) < 9 and len(text) - pos < 9:
                break  # need more text to tell what this is
            if rest.startswith("<?"):
                end = text.find("?>", pos)
                if end < 0:
                    break
                pos = end + 2
            elif rest.startswith("<!--"):
                end = text.find("-->", pos + 4)
                if end < 0:
                    break
                pos = end + 3
            elif rest.startswith("<!"):
                word = rest[2:9].upper()
                what = "a DOCTYPE" if word.startswith("DOCTYPE") else f"'{rest}'"
                raise PrologueRefusedError(
                    f"declares {what} before its root element, which spreadsheets never need "
                    "and entity-expansion attacks use"
                )
            else:
                return Prologue(encoding, True)
        if pos > MAX_PROLOGUE_CHARS or len(text) > 4 * MAX_PROLOGUE_CHARS:
            raise PrologueRefusedError(
                f"has a prologue of more than {MAX_PROLOGUE_CHARS // 1024} KB before its root "
                "element (comments or instructions), which no spreadsheet writer produces"
            )
    if not declared_checked:
        _check_declared(text, encoding)
    rest = text[pos:].lstrip()
    if rest.startswith("<!") and not rest.startswith("<!--"):
        raise PrologueRefusedError(
            "declares a DOCTYPE before its root element, which spreadsheets never need and "
            "entity-expansion attacks use"
        )
    # Ended inside a comment or instruction, or only whitespace: no root element at all.
    return Prologue(encoding, bool(text[pos:].strip()))


def _check_declared(text: str, detected: str) -> None:
    match = _DECLARED.match(text.lstrip("\ufeff"))
    if match is None:
        return
    declared = match.group(1)
    codec = _normal_codec(declared)
    if codec is None or codec not in _SAFE_ENCODINGS:
        raise PrologueRefusedError(
            f"declares the text encoding '{declared}', which spreadsheet writers do not use and "
            "the safety checks cannot read as the parser would"
        )
    width = {"utf-16": 2, "utf-32": 4}
    detected_width = next((w for k, w in width.items() if detected.startswith(k)), 1)
    declared_width = next((w for k, w in width.items() if codec.startswith(k)), 1)
    if detected_width != declared_width:
        raise PrologueRefusedError(
            f"declares the text encoding '{declared}' but its bytes are {detected.upper()}"
        )


# --- used range of a worksheet --------------------------------------------------------------
#
# The range scan works on the part's bytes: the guard refuses UTF-16/32 workbook parts before
# it (calamine cannot read them), so every part scanned here is ASCII-compatible.

#: Every cell start tag, with its reference when ``r`` is its first attribute (as Excel,
#: LibreOffice, openpyxl and xlsxwriter write it). One pass in C over the bytes; Python sees
#: two short byte strings per cell, and only their distinct values.
_FAST_CELL = re.compile(rb'<c(?:[>/]| (?:r="([A-Za-z]{1,3})([0-9]{1,7})")?)')
#: A namespace-prefixed cell (``<x:c ...>``): calamine reads it by its local name.
_PREFIXED_CELL = re.compile(rb":c[\s>/]")
_TOKEN = re.compile(rb"<(/?)(?:[\w.-]+:)?(row|c)((?:\s[^>]*?)?)(/?)>")
_R_ATTR = re.compile(rb"""\br\s*=\s*["']([A-Za-z]*)([0-9]*)["']""")


def column_number(letters: str) -> int:
    """1-based column number of spreadsheet column letters (A -> 1, XFD -> 16384)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


@dataclass
class UsedRange:
    """What a worksheet's XML says about where its cells are (1-based, from A1)."""

    rows: int = 0
    columns: int = 0
    cells: int = 0
    #: A reference of the bottom-most and of the right-most cell, to name in a message.
    last_row_cell: str = ""
    last_column_cell: str = ""

    @property
    def area(self) -> int:
        return self.rows * self.columns


def raw_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes as inflated, a chunk at a time."""
    with archive.open(info) as member:
        while data := member.read(CHUNK_CHARS):
            yield data


def _carry(data: bytes) -> tuple[bytes, bytes]:
    """Split ``data`` after its last complete tag, so no tag straddles two chunks."""
    cut = data.rfind(b">") + 1
    return data[:cut], data[cut:]


def scan_used_range(chunks: Iterator[bytes]) -> UsedRange | None:
    """An upper bound of the range from A1 to the farthest cell, or None when a cell is not
    written the usual way (no leading ``r``, a namespace prefix): then
    :func:`scan_used_range_counted` must place the cells one by one.

    Empty cells (``<c r="B7" s="1"/>``) are counted here although calamine skips them, so the
    bound can only be too big; a caller refusing on it confirms with the exact scan.
    """
    used = UsedRange()
    tail = b""
    letters_of = itemgetter(0)
    digits_of = itemgetter(1)
    for chunk in chunks:
        data, tail = _carry(tail + chunk)
        if _PREFIXED_CELL.search(data):
            return None
        refs = _FAST_CELL.findall(data)
        if not refs:
            continue
        letters = set(map(letters_of, refs))
        if b"" in letters:
            return None
        used.cells += len(refs)
        row = max(map(int, set(map(digits_of, refs))))
        if row > used.rows:
            used.rows = row
            digits = str(row).encode()
            used.last_row_cell = next((c + d).decode().upper() for c, d in refs if d == digits)
        widest = max(letters, key=lambda s: (len(s), s.upper()))
        col = column_number(widest.decode())
        if col > used.columns:
            used.columns = col
            used.last_column_cell = next(
                (c + d).decode().upper() for c, d in refs if c.upper() == widest.upper()
            )
    if tail.strip():
        return None  # the part ends inside a tag: let the exact scan decide
    return used


def scan_used_range_counted(chunks: Iterator[bytes]) -> UsedRange:
    """The used range, placing each cell as calamine does: by its reference if it has one,
    otherwise at the next column of the current row (rows by ``r`` or counted). Cells without
    a value (self-closing) are not counted, as calamine does not keep them."""
    used = UsedRange()
    tail = b""
    row = 0  # 0-based, as calamine counts
    col = 0
    for chunk in chunks:
        data, tail = _carry(tail + chunk)
        for closing, tag, attrs, empty in _TOKEN.findall(data):
            if tag == b"row":
                if closing:
                    row += 1
                    col = 0
                elif not empty:
                    match = _R_ATTR.search(attrs)
                    if match and match.group(2):
                        row = int(match.group(2)) - 1
                continue
            if closing:
                continue
            match = _R_ATTR.search(attrs)
            if match and match.group(2):
                letters = match.group(1).decode()
                c = column_number(letters) - 1 if letters else col
                r = int(match.group(2)) - 1
            else:
                r, c = row, col
            col = c + 1
            if empty:
                continue
            used.cells += 1
            ref = f"{column_letter(c)}{r + 1}"
            if r + 1 > used.rows:
                used.rows, used.last_row_cell = r + 1, ref
            if c + 1 > used.columns:
                used.columns, used.last_column_cell = c + 1, ref
    return used
