"""Delimited text files (.csv, .txt, .tsv): encoding detection and delimiter sniffing.

Excel writes CSV in the machine's ANSI code page: cp1252 in the Netherlands and Germany, cp932
in Japan, cp949 in Korea, GB18030/GBK in China; newer versions write UTF-8 with a BOM, and
"Unicode text" is UTF-16 with tabs. Nothing in the bytes says which. The candidates are tried
as strict decodes and each surviving decoding is scored by how much it looks like real text in
that language (mojibake decodes without error but produces improbable characters).
"""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import islice

from workbench.domain.cancel import CancelToken
from workbench.importers.cells import CellValue, RawSheet
from workbench.importers.compact import CHUNK_ROWS, RowCompactor
from workbench.importers.errors import CorruptFileError, EmptyFileError
from workbench.importers.guard import CheckedFile

#: Tried in this order after the BOM and UTF-8 checks; ties go to the earlier one.
LEGACY_ENCODINGS = ("cp932", "cp949", "gb18030", "cp1252")
DELIMITERS = (",", ";", "\t")
SAMPLE_BYTES = 256 * 1024
_SNIFF_LINES = 50
_CSV_FIELD_LIMIT = 1024 * 1024


@dataclass(frozen=True, slots=True)
class TextLayout:
    encoding: str
    delimiter: str


def detect_encoding(data: bytes) -> str:
    """The codec name to decode ``data`` with; see the module docstring for the method."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    wide = _utf16_without_bom(data)
    if wide is not None:
        return wide
    sample = _trim_sample(data)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    best: tuple[float, int, str] | None = None
    for rank, encoding in enumerate(LEGACY_ENCODINGS):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _score(text, encoding)
        key = (score, -rank, encoding)
        if best is None or key > best:
            best = key
    if best is None:
        raise UnicodeDecodeError("unknown", sample[:1], 0, 1, "no candidate encoding decodes it")
    return best[2]


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes are UTF-16 text saved without a byte-order mark.

    Text in a Latin or CJK script as UTF-16 has a zero byte in (nearly) every other position for
    the ASCII part (digits, commas, line ends, Latin letters); no 8-bit encoding produces that,
    and a NUL inside an 8-bit CSV is a stray byte, not every second one. Decoded as UTF-8, such
    a file would carry a NUL between every two characters of every value.
    """
    sample = data[: min(len(data), 64 * 1024) & ~1]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    pairs = len(sample) // 2
    zero_even, zero_odd = even.count(0), odd.count(0)
    for zeros, other, codec in (
        (zero_odd, zero_even, "utf-16-le"),
        (zero_even, zero_odd, "utf-16-be"),
    ):
        if zeros >= 0.3 * pairs and other <= 0.02 * pairs:
            try:
                sample.decode(codec)
            except UnicodeDecodeError:
                continue
            return codec
    return None


def _trim_sample(data: bytes) -> bytes:
    """A prefix cut at a line end, so no multi-byte character is split by the cut."""
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", 0, SAMPLE_BYTES)
    if cut > 0 and cut % 2 == 0 and data[cut + 1 : cut + 2] == b"\x00":
        cut += 1  # UTF-16LE: keep the newline's second byte
    return data[: cut + 1] if cut > 0 else data[:SAMPLE_BYTES]


def _score(text: str, encoding: str) -> float:
    score = 0.0
    n = len(text)
    for i, ch in enumerate(text):
        code = ord(ch)
        if code < 0x80:
            continue
        prev_ascii_letter = i > 0 and text[i - 1].isascii() and text[i - 1].isalpha()
        next_ascii_letter = i + 1 < n and text[i + 1].isascii() and text[i + 1].isalpha()
        score += _char_weight(ch, code, encoding, prev_ascii_letter, next_ascii_letter)
    return score


def _char_weight(ch: str, code: int, encoding: str, prev_letter: bool, next_letter: bool) -> float:
    if 0x3040 <= code <= 0x30FF:  # hiragana, katakana
        return 2.0 if encoding == "cp932" else -1.0
    if 0xAC00 <= code <= 0xD7A3:  # hangul syllables
        return 2.0 if encoding == "cp949" else -1.0
    if 0x4E00 <= code <= 0x9FFF:  # CJK unified ideographs
        if prev_letter and next_letter:
            return -1.0  # a lone ideograph inside a Latin word is a mis-decoded accent
        if encoding == "cp949":
            return -0.5  # modern Korean business text is almost all hangul
        if encoding == "gb18030":
            return 1.0 if _in_gb2312(ch) else -0.5
        return 1.0
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E:  # CJK punctuation, fullwidth
        return 0.5
    if 0xFF61 <= code <= 0xFF9F:  # halfwidth katakana: real in old SAP exports, rare elsewhere
        return 0.0
    if 0xC0 <= code <= 0xFF and code not in (0xD7, 0xF7):  # Latin-1 letters
        if encoding == "cp1252" and (prev_letter or next_letter):
            return 1.0
        return 0.0
    if code in (0x20AC, 0xB0, 0xA0, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D):
        return 0.0  # euro, degree, nbsp, dashes, quotes: plausible anywhere
    category = unicodedata.category(ch)
    if category.startswith(("C", "Co")):
        return -3.0
    return -1.0


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter giving the most lines with the same (>1) field count; comma on a tie."""
    best: tuple[int, int, int, str] | None = None
    for rank, delimiter in enumerate(DELIMITERS):
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
        if not counts:
            continue
        width, agreeing = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        key = (agreeing, width, -rank, delimiter)
        if best is None or key > best:
            best = key
    return best[3] if best else ","


def read_text(
    checked: CheckedFile, cancel: CancelToken | None = None
) -> tuple[RawSheet, TextLayout]:
    """The file as one sheet of text cells (CSV carries no types, so nothing is numeric).

    The encoding and the delimiter are decided on the file's first 256 KB; the rows are then
    decoded and parsed as a stream, a chunk at a time (see :mod:`workbench.importers.compact`),
    so neither the whole file as bytes nor as one decoded string is ever held.
    """
    name = checked.path.name
    with checked.path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES + 1)
    try:
        encoding = detect_encoding(sample)
    except UnicodeDecodeError as exc:
        raise _undecodable(name) from exc
    head = _trim_sample(sample).decode(encoding, errors="replace").removeprefix("\ufeff")
    if not head.strip() and len(sample) <= SAMPLE_BYTES:
        raise EmptyFileError(name, "the file holds no text.")
    head_lines = head.splitlines()
    delimiter: str | None = None
    skip_hint = False
    if head_lines and head_lines[0].lower().startswith("sep=") and len(head_lines[0]) == 5:
        delimiter = head_lines[0][4]  # Excel's own hint line, not data
        skip_hint = True
    # The sniffer and the reader share one limit (the csv module's default of 131,072
    # characters would make a long line fail in the sniffer, as a traceback).
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    if delimiter is None:
        delimiter = sniff_delimiter(head_lines[:_SNIFF_LINES])
    compactor = RowCompactor(blank_whitespace=True)
    rows: list[list[CellValue]] = []
    try:
        with checked.path.open(encoding=encoding, newline="") as text:
            if skip_hint:
                text.readline()
            records = csv.reader(text, delimiter=delimiter)
            try:
                while chunk := list(islice(records, CHUNK_ROWS)):
                    if cancel is not None:
                        cancel.raise_if_cancelled()
                    rows.extend(compactor.rows(chunk))
            except csv.Error as exc:
                line = records.line_num + (1 if skip_hint else 0)
                if "field larger than field limit" in str(exc):
                    raise CorruptFileError(
                        name,
                        f"a cell ending on line {line:,} holds more than "
                        f"{_CSV_FIELD_LIMIT:,} characters (often a quote that is never closed); "
                        "the file was not read.",
                    ) from exc
                raise CorruptFileError(
                    name, f"line {line:,} is not valid CSV ({exc}); the file was not read."
                ) from exc
    except UnicodeDecodeError as exc:
        raise _undecodable(name) from exc
    if not compactor.has_cells:
        raise EmptyFileError(name, "the file holds no cells.")
    return RawSheet(name, None, rows), TextLayout(encoding, delimiter)


def _undecodable(name: str) -> CorruptFileError:
    return CorruptFileError(
        name,
        "the text cannot be decoded as UTF-8, UTF-16, Windows-1252, Shift-JIS (cp932), "
        "EUC-KR (cp949) or GB18030; save it again as CSV UTF-8.",
    )
