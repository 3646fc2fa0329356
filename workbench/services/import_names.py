"""How an import recognises a name it has seen before, and the codes it gives new records.

Exports spell one customer many ways: "Samsung Electronics Co., Ltd.", "SAMSUNG ELECTRONICS
CO LTD", "Samsung Electronics Co Ltd". Those differ only in case, spacing, punctuation and legal
form, so they are one customer: :func:`name_key` is the screening normaliser's significant
tokens (the same words screening compares), joined. Near matches (an acronym, a typo, another
branch such as "(Beijing)") are never merged here: :func:`near_matches` proposes them, and the
analyst decides.

Records an export names only by reference (a customer by name, a fab by name, city and country)
get generated codes. They are derived from the normalised name alone, so the same export
imported again yields the same codes and finds the same records.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from workbench.screening.normalize import LEGAL_FORMS, is_cjk, normalize, raw_words

MAX_CODE = 64
#: Token-set similarity of two name keys at or above which the plan asks "is X the stored Y?".
NEAR_MATCH = 88.0
_MAX_NEAR_NAMES = 5_000


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """The spelling-independent key of an organisation's name ("" for a blank one).

    Legal forms, punctuation, case and word spacing do not count. A name made only of legal
    words ("Co., Ltd.") keeps its case-folded text rather than becoming blank.
    """
    tokens = normalize(name, acronyms=False).tokens
    key = " ".join(tokens) if tokens else " ".join(name.casefold().split())
    # Japanese and Chinese write no spaces between words: one typed between katakana words
    # ("ルネサス エレクトロニクス") is not part of the name.
    return key.replace(" ", "") if is_cjk(key) else key


def same_customer_name(a: str, b: str) -> bool:
    """Two spellings of one organisation: equal once case, punctuation and legal form go."""
    return a == b or name_key(a) == name_key(b)


def _slug_words(text: str) -> list[str]:
    """The name's own words (not the matcher's stems: "Electronics", not "electronic"),
    without its legal form, in capitals; CJK words as they are."""
    words = [w for w in raw_words(text) if w not in LEGAL_FORMS] or raw_words(text)
    return [w if is_cjk(w) else w.upper() for w in words if w]


def generated_code(parts: Iterable[str | None]) -> str:
    """A readable, stable code from the parts that identify a record ("SMIC-BEIJING-B2-CN").

    Too long for the column, it keeps its start and ends with a hash of the whole, so two
    long names that share their first 55 characters still get different codes.
    """
    words: list[str] = []
    for part in parts:
        if part:
            words.extend(_slug_words(part))
    code = "-".join(words) or "UNNAMED"
    if len(code) <= MAX_CODE:
        return code
    digest = hashlib.sha1(code.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{code[: MAX_CODE - 9]}-{digest}"


def unique_code(code: str, taken: set[str]) -> str:
    """``code``, or ``code-2``, ``code-3``... when another record holds it (case-folded)."""
    candidate, n = code, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f"-{n}"
        candidate = f"{code[: MAX_CODE - len(suffix)]}{suffix}"
    taken.add(candidate.casefold())
    return candidate


@dataclass(frozen=True, slots=True)
class NearMatch:
    """A new name that resembles a known one: the plan asks, it never merges on its own."""

    name: str  # as the file wrote it
    candidate: str  # the stored (or other new) customer's name
    candidate_code: str | None  # the stored customer's code; None for another new name
    score: float
    #: What in the file ties the two together besides the spelling (one contract naming both).
    evidence: str | None = None

    @property
    def question(self) -> str:
        who = (
            f"the stored {self.candidate!r} ({self.candidate_code})"
            if self.candidate_code
            else (f"{self.candidate!r}, also in this import")
        )
        because = f"; {self.evidence}" if self.evidence else ""
        return f"is {self.name!r} {who}? similarity {self.score:.0f}{because}"

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "candidate": self.candidate,
            "candidate_code": self.candidate_code,
            "score": round(self.score, 1),
            "evidence": self.evidence,
        }


def near_matches(
    new_names: Iterable[str], known: Mapping[str, tuple[str, str | None]]
) -> list[NearMatch]:
    """Pairs of a new name and a known one that are alike but not the same customer by key.

    ``known`` maps name key -> (name, code) of stored customers. New names are compared with
    the stored ones and with each other (a file that spells one firm two ways). Cut at
    :data:`_MAX_NEAR_NAMES` names, where the pairwise comparison would cost more than the
    import itself; the plan then asks nothing rather than hang.
    """
    names = sorted({n for n in new_names if n})
    if not names or len(names) + len(known) > _MAX_NEAR_NAMES:
        return []
    keys = {n: name_key(n) for n in names}
    choices = {**dict(known), **{keys[n]: (n, None) for n in names}}
    choice_keys = list(choices)
    out: list[NearMatch] = []
    seen: set[tuple[str, str]] = set()
    for name in names:
        key = keys[name]
        for other, score, _ in process.extract(
            key, choice_keys, scorer=fuzz.token_set_ratio, score_cutoff=NEAR_MATCH, limit=3
        ):
            if other == key:
                continue
            pair = tuple(sorted((key, other)))
            if pair in seen:
                continue
            seen.add(pair)  # type: ignore[arg-type]
            candidate, code = choices[other]
            out.append(NearMatch(name, candidate, code, float(score)))
    return out


def with_linked_names(
    found: list[NearMatch],
    links: Iterable[tuple[str, str, str]],
    known: Mapping[str, tuple[str, str | None]],
) -> list[NearMatch]:
    """Add the pairs the file ties together (``(first, other, evidence)``) to the questions.

    Two spellings on rows of one contract are asked about even when they look nothing alike
    ("TSMC" and "Taiwan Semiconductor Manufacturing Co Ltd"): the contract is the evidence. A
    pair the spelling already raised gets the evidence added; a pair that is one customer by
    key is no question at all.
    """
    out = list(found)
    index = {frozenset((name_key(m.name), name_key(m.candidate))): i for i, m in enumerate(out)}
    for first, other, evidence in links:
        a, b = name_key(first), name_key(other)
        if a == b:
            continue
        pair = frozenset((a, b))
        if pair in index:
            match = out[index[pair]]
            if match.evidence is None:
                out[index[pair]] = replace(match, evidence=evidence)
            continue
        stored = known.get(a)
        score = float(fuzz.token_set_ratio(a, b))
        out.append(
            NearMatch(
                other,
                stored[0] if stored else first,
                stored[1] if stored else None,
                score,
                evidence,
            )
        )
        index[pair] = len(out) - 1
    return out
