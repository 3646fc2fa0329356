"""Company names reduced to the tokens that identify a company.

Vendors' records and the lists spell one firm many ways: "Semiconductor Mfg. Intl. Corp.",
"SEMICONDUCTOR MANUFACTURING INTERNATIONAL CORPORATION Co., Ltd", "中芯国际集成电路制造有限公司".
Matching compares what is left after Unicode folding, punctuation, legal-form words and
abbreviations are taken out. Nothing is transliterated (a Chinese name is never turned into
pinyin): scripts are kept apart, and Chinese, Japanese or Korean runs are compared by
characters, since they carry no spaces between words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Legal-form words, removed wherever they stand (the list writes them mid-name too:
#: "Huawei Technologies Co., Ltd. (Huawei)").
LEGAL_FORMS: frozenset[str] = frozenset(
    {
        "co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited",
        "llc", "plc", "gmbh", "mbh", "ag", "kg", "bv", "nv", "sa", "sas", "sarl", "srl",
        "spa", "ab", "oy", "oyj", "kk", "jsc", "ojsc", "pjsc", "cjsc", "ooo", "zao", "oao",
        "pao", "ao", "llp", "lp", "pte", "pvt", "bhd", "tbk", "fze", "fzco", "fzc", "fzllc",
        "ua", "se", "kft", "sro", "lda", "ltda", "cv", "pty", "sl", "ou", "doo", "dmcc",
        "pllc", "lc", "kabushiki", "kaisha", "yugen", "gaisha", "aktsionernoe",
        "obshchestvo", "tov", "sdn",
    }
)  # fmt: skip
#: Shorter initials ("HUA", "MMJ") are ordinary words or codes far more often than acronyms.
MIN_ACRONYM = 4
MAX_ACRONYM = 8
#: Compound words that institutions' initials write by their parts: Northwestern
#: Polytechnical University is NWPU (and NPU), Northeastern University NEU, the National
#: Supercomputing Center NSCC. The plain initial is kept as well.
COMPOUND_INITIALS = {
    "northwestern": "nw",
    "northeastern": "ne",
    "southwestern": "sw",
    "southeastern": "se",
    "northwest": "nw",
    "northeast": "ne",
    "southwest": "sw",
    "southeast": "se",
    "supercomputing": "sc",
    "supercomputer": "sc",
}
#: Three letters are how many universities and firms go by (HIT, HEU, BIT, NPU), but three
#: letters also name a quarter of all 17,576 combinations the list's initials could take:
#: they are kept apart (``NormalName.short_acronyms``) and count as weaker evidence.
MIN_SHORT_ACRONYM = 3
#: Words with no identifying value at all, not even a low one.
STOPWORDS: frozenset[str] = frozenset({"the", "of", "and", "for", "a", "an"})

#: Abbreviations and plural forms, written out the way the lists most often write them.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "intl": ("international",),
    "internat": ("international",),
    "tech": ("technology",),
    "techn": ("technology",),
    "technol": ("technology",),
    "technologies": ("technology",),
    "mfg": ("manufacturing",),
    "mfr": ("manufacturing",),
    "manuf": ("manufacturing",),
    "semicon": ("semiconductor",),
    "semi": ("semiconductor",),
    "semiconductors": ("semiconductor",),
    "ic": ("integrated", "circuit"),
    "ics": ("integrated", "circuit"),
    "circuits": ("circuit",),
    "elec": ("electronic",),
    "electr": ("electronic",),
    "electronics": ("electronic",),
    "sys": ("system",),
    "systems": ("system",),
    "ind": ("industry",),
    "inds": ("industry",),
    "industries": ("industry",),
    "eng": ("engineering",),
    "engg": ("engineering",),
    "inst": ("institute",),
    "univ": ("university",),
    "natl": ("national",),
    "sci": ("science",),
    "sciences": ("science",),
    "lab": ("laboratory",),
    "labs": ("laboratory",),
    "laboratories": ("laboratory",),
    "equip": ("equipment",),
    "mach": ("machinery",),
    "chem": ("chemical",),
    "chemicals": ("chemical",),
    "info": ("information",),
    "telecom": ("telecommunication",),
    "telecommunications": ("telecommunication",),
    "comm": ("communication",),
    "communications": ("communication",),
    "mgmt": ("management",),
    "svc": ("service",),
    "svcs": ("service",),
    "services": ("service",),
    "dev": ("development",),
    "acad": ("academy",),
    "grp": ("group",),
    "hldgs": ("holding",),
    "holdings": ("holding",),
    "materials": ("material",),
    "instruments": ("instrument",),
    "products": ("product",),
    "devices": ("device",),
    "microelectronics": ("microelectronic",),
    "mem": ("memory",),
    "assoc": ("association",),
    "bros": ("brothers",),
    "mfrs": ("manufacturing",),
    "trdg": ("trading",),
    "invest": ("investment",),
    "investments": ("investment",),
}

#: Legal forms of Chinese, Japanese and Korean names, longest first so that
#: 股份有限公司 is taken whole before 有限公司 could leave 股份 behind.
CJK_LEGAL_FORMS: tuple[str, ...] = tuple(
    sorted(
        {
            "股份有限公司", "有限责任公司", "有限責任公司", "股份有限會社", "有限公司",
            "有限會社", "株式会社", "有限会社", "合同会社", "주식회사", "유한회사",
            "유한책임회사", "公司", "会社", "(株)", "㈱", "(주)", "㈜",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip

_CJK = (
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # han
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"  # hangul
)
_FIRST_CJK = 0x1100
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = re.compile(r"['’`´‘]")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
#: A bracketed part of a name ("(Beijing)", "(Group)") qualifies it; its words are no
#: letters of the name's acronym.
_BRACKETED = re.compile(r"\([^()]*\)")
#: CJK legal forms that end up as words of their own, e.g. the 株 of "(株)東京エレクトロン".
_CJK_LEGAL_WORDS = frozenset({*CJK_LEGAL_FORMS, "株", "주", "有限", "유한"})


@dataclass(frozen=True, slots=True)
class NormalName:
    """A name as matching sees it.

    ``tokens`` are the identifying words in order (legal forms and stopwords gone,
    abbreviations written out); ``acronyms`` are the initials the name could be written as
    ("SMIC" for Semiconductor Manufacturing International Corporation), with and without
    the trailing legal-form words, because firms abbreviate them both ways (YMTC keeps the
    "Co.", SMIC keeps the "Corporation"). ``capitals`` are the words written in capitals,
    the only ones read as acronyms ("Tera" is a word, "TERA" may be initials); in a name
    written all in capitals every word is. ``short_acronyms`` are three-letter initials
    (HEU for Harbin Engineering University): weaker evidence, kept apart from ``acronyms``.
    """

    original: str
    tokens: tuple[str, ...]
    acronyms: frozenset[str]
    capitals: frozenset[str] = frozenset()
    #: (acronym, the identifying words its letters stand for), so that an acronym is
    #: replaced by exactly those words and not by the whole other name.
    acronym_words: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Words in capitals amid words that are not ("SMIC" in "SMIC Tianjin"): initials,
    #: which are compared letter for letter, never by similarity (SMIC is not SMIT).
    initialisms: frozenset[str] = frozenset()
    short_acronyms: frozenset[str] = frozenset()
    #: An acronym the name writes in brackets after the words it stands for ("China
    #: Aerospace Science and Industry Corporation (CASIC) 3rd Academy"), with those words:
    #: either says the same, so a name with one of them lacks nothing of the other.
    bracketed_acronyms: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def words_of(self, acronym: str) -> tuple[str, ...]:
        """The identifying words behind one of this name's acronyms (none if not one)."""
        for candidate, words in self.acronym_words:
            if candidate == acronym:
                return words
        return ()


def is_cjk(token: str) -> bool:
    """True for a token written in Chinese, Japanese or Korean script."""
    return bool(token) and ord(token[0]) >= _FIRST_CJK and bool(_CJK_CHAR.match(token))


def fold(text: str) -> str:
    """NFKC and casefold: full-width letters, ligatures and case no longer matter."""
    return unicodedata.normalize("NFKC", text).casefold()


_INITIALS_NUMBER = re.compile(r"([a-z]{3,6})(\d{1,4})")


def raw_words(text: str) -> list[str]:
    """Words split by script, punctuation and spaces; runs of single letters joined.

    "B.V." and "S. A." become "bv" and "sa" (so they can be recognised as legal forms),
    "Xi'an" becomes "xian", and "中芯国际集成电路制造有限公司" stays one word
    with its legal form cut off.
    """
    folded = _APOSTROPHES.sub("", fold(text)).replace("&", " and ")
    words: list[str] = []
    for chunk in _WORD.findall(folded):
        position = 0
        for match in _CJK_RUN.finditer(chunk):
            if match.start() > position:
                words.append(chunk[position : match.start()])
            cjk = _strip_cjk_legal_forms(match.group())
            if cjk:
                words.append(cjk)
            position = match.end()
        if position < len(chunk):
            words.append(chunk[position:])
    # "CETC48" is CETC's institute 48, as "CETC 48" is: initials run into a unit number.
    split: list[str] = []
    for word in words:
        unit = _INITIALS_NUMBER.fullmatch(word)
        split.extend(unit.groups() if unit else (word,))
    return _join_initials(split)


def normalize(
    text: str, *, acronyms: bool = True, qualifiers: frozenset[str] = frozenset()
) -> NormalName:
    """The tokens and acronyms of a name; see :class:`NormalName`.

    ``acronyms=False`` for people, vessels and aircraft, whose initials are no name.
    ``qualifiers`` are words that say which branch of a firm is meant ("Tianjin", "HK"):
    like words in brackets, they are no letter of its acronym unless they lead
    the name ("Shanghai Micro Electronics Equipment" is SMEE, but "Semiconductor
    Manufacturing International (Tianjin) Corporation" is SMIC, never SMIT).
    """
    expanded = _expanded(raw_words(text))
    tokens = _significant(expanded)
    capitals, mixed = _capitals(text)
    initialisms = capitals if mixed else frozenset()
    if not acronyms:
        return NormalName(text, tokens, frozenset(), capitals, initialisms=initialisms)
    folded = fold(text)
    unbracketed = _expanded(raw_words(_BRACKETED.sub(" ", folded))) if "(" in folded else expanded
    kept = [w for i, w in enumerate(unbracketed) if i == 0 or w not in qualifiers]
    found = _acronyms(kept)
    # A number ends the parent's name: "China Academy of Space Technology 502 Research
    # Institute" is CAST's institute 502, written "CAST 502".
    first_number = next((i for i, w in enumerate(kept) if w.isdigit()), None)
    if first_number:
        found = _acronyms(kept[:first_number]) | found
    return NormalName(
        text,
        tokens,
        frozenset(a for a in found if len(a) >= MIN_ACRONYM),
        capitals,
        tuple(sorted(found.items())),
        initialisms,
        frozenset(a for a in found if MIN_SHORT_ACRONYM <= len(a) < MIN_ACRONYM),
        _bracketed_acronyms(folded) if "(" in folded else (),
    )


def _bracketed_acronyms(folded: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Bracketed acronyms and the words before them whose initials they are, in order.

    The acronym's letters must begin the first of those words and the last, and appear in
    order in between: CASC is China Aerospace Science and Technology Corporation.
    """
    found: list[tuple[str, tuple[str, ...]]] = []
    for match in _BRACKETED.finditer(folded):
        inner = _expanded(raw_words(match.group()[1:-1]))
        if len(inner) != 1 or len(inner[0]) < MIN_SHORT_ACRONYM or not inner[0].isalpha():
            continue
        acronym = inner[0]
        if is_cjk(acronym):
            continue
        before = [w for w in _expanded(raw_words(folded[: match.start()])) if w.isalpha()]
        words = _initial_words(acronym, before)
        while words is None and before and before[-1] in LEGAL_FORMS:  # "..., Limited (CSSC)"
            before = before[:-1]
            words = _initial_words(acronym, before)
        if words is not None:
            found.append((acronym, words))
    return tuple(found)


def _initial_words(acronym: str, before: list[str]) -> tuple[str, ...] | None:
    """The shortest run of words ending ``before`` whose initials hold the acronym."""
    for size in range(len(acronym), min(len(before), len(acronym) + 2) + 1):
        run = before[-size:]
        initials = "".join(w[0] for w in run)
        ends = initials[0] == acronym[0] and initials[-1] == acronym[-1]
        if ends and _in_order(acronym, initials):
            return _significant(run)
    return None


def _in_order(letters: str, text: str) -> bool:
    """True when ``letters`` appear in ``text`` in that order (not necessarily adjacent)."""
    rest = iter(text)
    return all(letter in rest for letter in letters)


def _expanded(words: list[str]) -> list[str]:
    """Stopwords dropped and abbreviations written out; legal forms still in place."""
    expanded: list[str] = []
    for word in words:
        if word in STOPWORDS:
            continue
        ordinal = _ORDINAL.fullmatch(word)  # "13th Research Institute" is "CETC 13"
        plain = ordinal.group(1) if ordinal is not None else word
        expanded.extend(ABBREVIATIONS.get(plain, (plain,)))
    return expanded


def _significant(expanded: list[str]) -> tuple[str, ...]:
    tokens = [w for w in expanded if w not in LEGAL_FORMS and w not in _CJK_LEGAL_WORDS]
    if not tokens:  # a name made only of legal-form words is still a name
        tokens = expanded
    return tuple(dict.fromkeys(tokens))


def _capitals(text: str) -> tuple[frozenset[str], bool]:
    """The words in capitals, and whether the name also has words that are not."""
    compatible = unicodedata.normalize("NFKC", text)
    words = _WORD.findall(compatible)
    # Any lower-case letter makes the name mixed; a lone capital ("S" of "S.A.") does not.
    if compatible == compatible.upper():
        return frozenset(w.casefold() for w in words), False
    return frozenset(w.casefold() for w in words if w.isupper()), True


def _acronyms(words: list[str]) -> dict[str, tuple[str, ...]]:
    """Initials of the Latin words, with and without trailing legal forms, and their words."""
    latin = [w for w in words if not is_cjk(w) and not w.isdigit()]
    result: dict[str, tuple[str, ...]] = {}
    # Two words are recorded too, for their words only: a leading place may be written by
    # its syllables ("Tianjin University" is TJU), which makes enough letters.
    while len(latin) >= 2:
        plain = "".join(w[0] for w in latin)
        compound = "".join(COMPOUND_INITIALS.get(w, w[0]) for w in latin)
        for acronym in {plain, compound}:
            if len(acronym) <= MAX_ACRONYM:
                result[acronym] = _significant(latin)
        if latin[-1] not in LEGAL_FORMS:
            break
        latin = latin[:-1]
    return result


def _strip_cjk_legal_forms(run: str) -> str:
    if run in _CJK_LEGAL_WORDS:
        return ""
    changed = True
    while changed and run:
        changed = False
        for form in CJK_LEGAL_FORMS:
            if run.endswith(form) and len(run) > len(form):
                run = run[: -len(form)]
                changed = True
                break
            if run.startswith(form) and len(run) > len(form):
                run = run[len(form) :]
                changed = True
                break
    return run


def _join_initials(words: list[str]) -> list[str]:
    """Join runs of single Latin letters: "s a" -> "sa", "j p morgan" -> "jp morgan"."""
    result: list[str] = []
    run: list[str] = []
    for word in words:
        if len(word) == 1 and word.isalpha() and not is_cjk(word):
            run.append(word)
            continue
        if run:
            result.append("".join(run))
            run = []
        result.append(word)
    if run:
        result.append("".join(run))
    return result
