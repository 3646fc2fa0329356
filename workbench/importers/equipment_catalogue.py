"""The shipped equipment catalogue: a model code as people type it, to vendor and category.

A vendor's own installed-base export has no vendor column and often no category either, only
a model column ("NXT:1980Di", "TWINSCAN NXT 2000i", "Kiyo GX", "ＮＸＴ：２０００ｉ (refurb)").
The catalogue in ``resources/reference/equipment_catalogue.csv`` holds the controlled model
families of the major vendors with their category, the control lists that name them and the
source, so such an export can still be placed. One CSV row is one model or one family:

``patterns`` lists, ``;``-separated, the spellings that name the row: a plain code must match
whole words ("NXT:2000i" does not match "NXT:2000iX"), a code ending in ``*`` is a family
prefix ("NXT:1980*" matches "NXT:1980Ei"), and ``re:`` introduces a regular expression that
must cover whole words ("re:29\\d\\d" for KLA's 29xx inspectors). Codes are compared on their
letters and digits only, after NFKC and case folding, so "NXT:2000i", "NXT 2000i", "nxt-2000I"
and full-width text are the same code; "+" counts as the word "plus" ("Triase+" is
"Trias e+").

Resolution never guesses: an exact code beats a family, a longer match beats a shorter one, and
when the best match is shared by two rows (the same family name used by two vendors, say
"Helios") the answer is None. A model nobody knows is None too; the caller decides what an
unknown model becomes (the import planner creates it with category unknown and a doubt).

Pure Python, loaded once per process and memoised per text, because an import asks the same
few hundred model strings again for every one of up to a million rows.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal, cast

from workbench.domain.enums import EquipmentCategory
from workbench.paths import resource

#: Where the catalogue sits under ``resources/``.
CATALOGUE_FILE: tuple[str, ...] = ("reference", "equipment_catalogue.csv")

#: The columns the CSV must have, in this order.
COLUMNS: tuple[str, ...] = (
    "vendor",
    "vendor_aliases",
    "model_code",
    "patterns",
    "family",
    "category",
    "lists",
    "confidence",
    "source",
)

Confidence = Literal["C", "S", "U"]
_CONFIDENCES: frozenset[str] = frozenset({"C", "S", "U"})

#: Distinct texts remembered per catalogue; an installed base repeats a few hundred.
_MEMO_SIZE = 65_536

#: Legal-form words dropped from the end of a vendor name ("Tokyo Electron Ltd." is TEL).
_LEGAL_WORDS: frozenset[str] = frozenset(
    {
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "plc",
        "nv",
        "bv",
        "ag",
        "gmbh",
        "kk",
        "sa",
        "holding",
        "holdings",
    }
)
#: Legal forms written in CJK, often glued to the name ("株式会社ニコン").
#: Words after a vendor's name that make a subsidiary of it ("... Korea Ltd.", "... Europe").
_PLACE_WORDS: frozenset[str] = frozenset(
    {
        "korea", "japan", "china", "taiwan", "singapore", "germany", "deutschland", "europe",
        "asia", "pacific", "america", "americas", "usa", "us", "netherlands", "nederland",
        "france", "italy", "israel", "ireland", "uk", "malaysia", "india", "vietnam",
        "shanghai", "beijing", "kyushu", "tohoku", "yamanashi", "miyagi", "hsinchu", "tainan",
        "international", "global", "holding", "holdings", "group",
    }
)  # fmt: skip
_CJK_LEGAL = ("股份有限公司", "有限公司", "株式会社", "(株)", "주식회사", "(주)")
_WORD = re.compile(r"[^\W_]+")
#: What opens a remark after a model code: "NXT:1980Di (refurb)", "NXT:2000i, fab 2".
#: (exact, length, from an exact code): higher is more specific.
_Score = tuple[bool, int, bool]
_REMARK_OPENERS = frozenset("([{<,;/|#*")


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One catalogue row; from :func:`lookup_model`, the row a typed model code resolved to.

    ``model_code`` is the canonical spelling for a model row and the family's stem for a family
    row. ``exact`` is set by a lookup: True when the text named a code the row lists exactly
    (alone or followed by a remark in brackets or after a comma or " - "), False when only a
    family matched ("Kiyo GX" is a Kiyo the catalogue does not list): the caller should then
    keep the code as typed and take only vendor and category from the entry. ``lists`` are the
    control lists that name the model or family, each marked [S] or [U] when not confirmed;
    ``confidence`` is that of the vendor and category assignment (C, S, U as the design brief
    uses them).
    """

    vendor: str
    family: str
    model_code: str
    category: EquipmentCategory
    lists: tuple[str, ...]
    confidence: Confidence
    source: str
    patterns: tuple[str, ...] = ()
    exact: bool = False


class CatalogueError(ValueError):
    """The catalogue file is malformed; ``str()`` names the file, row and column."""


@dataclass(frozen=True, slots=True)
class _Pattern:
    row: int
    exact: bool
    key: str = ""
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class _Text:
    """A text reduced to its words: the joined key, where each word starts, and what follows.

    ``tails`` maps the key offset where a word ends to the folded text after that word, so a
    match can tell a trailing remark ("NXT:1980Di (refurb)") from more of a model name
    ("Kiyo GX").
    """

    words: tuple[str, ...]
    key: str
    starts: tuple[int, ...]
    tails: Mapping[int, str] = field(default_factory=dict)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("+", " plus ")


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_fold(text)))


def _reduce(text: str) -> _Text:
    folded = _fold(text)
    words: list[str] = []
    starts: list[int] = []
    tails: dict[int, str] = {}
    offset = 0
    for match in _WORD.finditer(folded):
        words.append(match.group())
        starts.append(offset)
        offset += len(match.group())
        tails[offset] = folded[match.end() :]
    return _Text(tuple(words), "".join(words), tuple(starts), tails)


def _is_remark(tail: str) -> bool:
    """Whether what follows a code is a remark, not more of the model's name."""
    rest = tail.strip()
    return not rest or rest[0] in _REMARK_OPENERS or tail.startswith((" - ", " – ", " — "))


def code_key(text: str) -> str:
    """The comparison key of a model code: its letters and digits, NFKC and case-folded."""
    return "".join(_words(text))


def vendor_key(text: str) -> str:
    """The comparison key of a vendor name, without a trailing legal form."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    for form in _CJK_LEGAL:
        folded = folded.replace(form, " ")
    words = list(_WORD.findall(folded.replace("+", " plus ")))
    while words and words[-1] in _LEGAL_WORDS:
        words.pop()
    return "".join(words)


class Catalogue:
    """The rows of one catalogue file, indexed for lookup, with memoised answers."""

    def __init__(self, entries: Sequence[CatalogueEntry], aliases: Mapping[str, str]) -> None:
        """``aliases`` maps every vendor name or alias as written to its canonical vendor."""
        self.entries: tuple[CatalogueEntry, ...] = tuple(entries)
        self.vendors: tuple[str, ...] = tuple(dict.fromkeys(e.vendor for e in self.entries))
        self._vendor_by_key: dict[str, str] = {}
        self._vendor_by_words: dict[tuple[str, ...], str] = {}
        for name, vendor in [*((v, v) for v in self.vendors), *aliases.items()]:
            key = vendor_key(name)
            if key:
                self._vendor_by_key[key] = vendor
            words = _words(name)
            if words:
                self._vendor_by_words[words] = vendor
        self._longest_alias = max((len(w) for w in self._vendor_by_words), default=0)
        self._by_first: dict[str, list[_Pattern]] = {}
        self._regexes: list[_Pattern] = []
        for row, entry in enumerate(self.entries):
            for pattern in _parse_patterns(row, entry.patterns):
                if pattern.regex is not None:
                    self._regexes.append(pattern)
                else:
                    self._by_first.setdefault(pattern.key[0], []).append(pattern)
        self.lookup = lru_cache(maxsize=_MEMO_SIZE)(self._lookup)
        self.canonical_vendor = lru_cache(maxsize=_MEMO_SIZE)(self._canonical_vendor)

    def _canonical_vendor(self, text: str) -> str | None:
        """The canonical vendor name for a vendor name or alias, or None if unknown.

        A subsidiary written out ("SCREEN SPE Germany GmbH", "Applied Materials Korea
        Ltd.") is its group: the longest alias its leading words spell.
        """
        if not text:
            return None
        found = self._vendor_by_key.get(vendor_key(text))
        if found is not None:
            return found
        words = _words(text)
        for size in range(min(self._longest_alias, len(words) - 1), 0, -1):
            vendor = self._vendor_by_words.get(words[:size])
            if vendor is None:
                continue
            # A one-word alias ("ASM", "Applied") leads many other firms' names: only the
            # vendor's own name or a longer alias does, and only before words that make a
            # subsidiary of it (a legal form or a place), never before another name.
            own = size > 1 or words[:size] == _words(vendor)
            rest = set(words[size:])
            if own and rest & (_LEGAL_WORDS | _PLACE_WORDS):
                return vendor
            return None
        return None

    def _lookup(self, text: str, vendor: str | None = None) -> CatalogueEntry | None:
        """The entry the typed model ``text`` names, or None when unknown or ambiguous.

        With ``vendor`` (any alias), only that vendor's rows are candidates; an unknown vendor
        has none. A text that starts with a vendor name ("ASML NXT:2000i") restricts the same
        way, and a text naming one vendor while ``vendor`` names another resolves to nothing.
        """
        reduced = _reduce(text)
        if not reduced.key:
            return None
        wanted = self._canonical_vendor(vendor) if vendor else None
        if vendor and wanted is None:
            return None
        named = self._vendor_in(reduced.words)
        if named is not None:
            if wanted is not None and named != wanted:
                return None
            wanted = named
        best: dict[int, _Score] = {}
        for score, row in self._matches(reduced):
            if wanted is not None and self.entries[row].vendor != wanted:
                continue
            if score > best.get(row, (False, 0, False)):
                best[row] = score
        if not best:
            return None
        top = max(best.values())
        rows = [row for row, score in best.items() if score == top]
        if len(rows) > 1:
            return None
        return replace(self.entries[rows[0]], exact=top[0])

    def _vendor_in(self, words: tuple[str, ...]) -> str | None:
        for size in range(min(self._longest_alias, len(words) - 1), 0, -1):
            found = self._vendor_by_words.get(words[:size])
            if found is not None:
                return found
        return None

    def _matches(self, text: _Text) -> Iterable[tuple[_Score, int]]:
        """(score, row) for every pattern that matches whole words somewhere in the text.

        The score is (exact, length, code): an exact code that ends the text or is followed by
        a remark beats any family; an exact code followed by more words ("Kiyo GX") counts as a
        family match of its length, since the text names a model the catalogue lacks, but still
        beats a family pattern of the same length ("2950 broadband..." is the 2950 row, not 29xx).
        """
        key, tails = text.key, text.tails
        for start in text.starts:
            for pattern in self._by_first.get(key[start], ()):
                if not key.startswith(pattern.key, start):
                    continue
                stop = start + len(pattern.key)
                if pattern.exact:
                    tail = tails.get(stop)
                    if tail is None:
                        continue
                    yield (_is_remark(tail), len(pattern.key), True), pattern.row
                else:
                    yield (False, len(pattern.key), False), pattern.row
            for pattern in self._regexes:
                assert pattern.regex is not None
                for stop in sorted((e for e in tails if e > start), reverse=True):
                    if pattern.regex.fullmatch(key, start, stop):
                        yield (False, stop - start, False), pattern.row
                        break


def _parse_patterns(row: int, patterns: Iterable[str]) -> list[_Pattern]:
    parsed: list[_Pattern] = []
    for text in patterns:
        if text.startswith("re:"):
            parsed.append(_Pattern(row, False, regex=re.compile(text[3:], re.IGNORECASE)))
        elif text.endswith("*"):
            parsed.append(_Pattern(row, False, key=code_key(text[:-1])))
        else:
            parsed.append(_Pattern(row, True, key=code_key(text)))
    return parsed


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def read_catalogue(path: Path) -> Catalogue:
    """Read and check a catalogue CSV; raise :class:`CatalogueError` on the first bad cell."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError(f"{name} cannot be read ({error})") from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        raise CatalogueError(f"{name}: the header must be {','.join(COLUMNS)}")
    entries: list[CatalogueEntry] = []
    aliases: dict[str, str] = {}
    alias_owner: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(COLUMNS):
            raise CatalogueError(f"{name}, row {number}: {len(cells)} cells, not {len(COLUMNS)}")
        cell = dict(zip(COLUMNS, (c.strip() for c in cells), strict=True))

        def fail(column: str, problem: str, row: int = number) -> CatalogueError:
            return CatalogueError(f"{name}, row {row}, column {column}: {problem}")

        for column in ("vendor", "model_code", "patterns", "family", "source"):
            if not cell[column]:
                raise fail(column, "is empty")
        try:
            category = EquipmentCategory(cell["category"])
        except ValueError:
            raise fail("category", f"{cell['category']!r} is not a category slug") from None
        if cell["confidence"] not in _CONFIDENCES:
            raise fail("confidence", f"{cell['confidence']!r} is not C, S or U")
        patterns = _split(cell["patterns"])
        for pattern in patterns:
            problem = _pattern_problem(pattern)
            if problem:
                raise fail("patterns", f"{pattern!r} {problem}")
        vendor = cell["vendor"]
        identity = (vendor, code_key(cell["model_code"]))
        if identity in seen:
            raise fail("model_code", f"{cell['model_code']!r} is listed twice for {vendor}")
        seen.add(identity)
        for alias in (vendor, *_split(cell["vendor_aliases"])):
            owner = alias_owner.setdefault(vendor_key(alias), vendor)
            if owner != vendor:
                raise fail("vendor_aliases", f"{alias!r} is already an alias of {owner}")
            aliases[alias] = vendor
        entries.append(
            CatalogueEntry(
                vendor=vendor,
                family=cell["family"],
                model_code=cell["model_code"],
                category=category,
                lists=_split(cell["lists"]),
                confidence=cast(Confidence, cell["confidence"]),
                source=cell["source"],
                patterns=patterns,
            )
        )
    return Catalogue(entries, aliases)


def _pattern_problem(pattern: str) -> str | None:
    if pattern.startswith("re:"):
        try:
            re.compile(pattern[3:])
        except re.error as error:
            return f"is not a regular expression ({error})"
        return None
    family = pattern.endswith("*")
    stem = pattern[:-1] if family else pattern
    if "*" in stem:
        return "may only end in '*'"
    key = code_key(stem)
    if len(key) < 2:
        return "has fewer than two letters or digits"
    if family and (len(key) < 3 or (key.isalpha() and len(key) < 4)):
        # "AT:*" would claim every word that starts with "at"; a regex can ask for the digits.
        return "is too short a family stem (at least 3 characters, 4 if only letters)"
    return None


@cache
def shipped_catalogue() -> Catalogue:
    """The catalogue shipped under ``resources/``, read once per process."""
    return read_catalogue(resource(*CATALOGUE_FILE))


def lookup_model(text: str, vendor: str | None = None) -> CatalogueEntry | None:
    """The shipped catalogue's entry for a typed model code; see :meth:`Catalogue.lookup`."""
    return shipped_catalogue().lookup(text, vendor)


def canonical_vendor(text: str) -> str | None:
    """The canonical vendor name ("AMAT" -> "Applied Materials"), or None if unknown."""
    return shipped_catalogue().canonical_vendor(text)
