"""Entity List footnotes and licence review policy, read from the entry's free text.

Rules turn on "confirmed on the Entity List with footnote 5" and on "presumption of denial",
but the list carries neither as a field. Supplement No. 4 to part 744 prints footnotes as
superscript digits, which the CSL flattens into the text: "734.9(e)1 and 744.11 of the EAR2"
is footnotes 1 and 2, "(See §§ 734.9(g),3 746.8(a)(3) ...)" is footnote 3, "... of the EAR)5"
is footnote 5. Analysts and other lists write "FN4" or "footnote 4"; both are read too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workbench.screening.entries import PolicyCategory

# "FN1", "FN 4", "fn.5", "footnote 1", "footnotes 4 and 5" (the second number too).
_EXPLICIT = re.compile(
    r"\bfn\.?\s*([1-9])\b|\bfootnotes?\s*([1-9])(?:\s*(?:,|and|&)\s*([1-9]))?\b", re.I
)
# Superscripts glued to the foreign-direct-product sections of § 734.9: "(e)1", "(e) 1",
# "(g),3", "(g), 3", "(g)3". "(e)(2)" is a paragraph, not a footnote, and must not match.
_AFTER_734_9 = re.compile(r"734\.9\s*\(([eg])\)\s*,?\s*([1-9])(?![\d(.])")
# Superscript after the closing "of the EAR": "EAR2", "EAR 2", "EAR)4", "EAR) 4", "EAR)5."
_AFTER_EAR = re.compile(r"\bof\s+the\s+EAR\s*\.?\s*\)?\s*([1-9])(?![\d(])")

_POLICY_PATTERNS: tuple[tuple[PolicyCategory, re.Pattern[str]], ...] = (
    (PolicyCategory.POLICY_OF_DENIAL, re.compile(r"\bpolicy\s+of\s+denial\b", re.I)),
    (
        PolicyCategory.PRESUMPTION_OF_DENIAL,
        re.compile(r"\bpresumption\s+(?:of|for)\s+denial\b", re.I),
    ),
    (PolicyCategory.CASE_BY_CASE, re.compile(r"\bcas[ea][\s-]+by[\s-]+case\b", re.I)),
    (PolicyCategory.PRESUMPTION_OF_APPROVAL, re.compile(r"\bpresumption\s+of\s+approval\b", re.I)),
    (PolicyCategory.SEE_REGULATION, re.compile(r"^\s*see\b", re.I)),
)


def parse_footnotes(*texts: str | None) -> tuple[str, ...]:
    """Footnote markers found in any of the texts, as sorted unique ``"FN<n>"`` codes."""
    found: set[int] = set()
    for text in texts:
        if text:
            found.update(_footnote_numbers(text))
    return tuple(f"FN{n}" for n in sorted(found))


def _footnote_numbers(text: str) -> Iterable[int]:
    for match in _EXPLICIT.finditer(text):
        for group in match.groups():
            if group:
                yield int(group)
    for match in _AFTER_734_9.finditer(text):
        yield int(match.group(2))
    for match in _AFTER_EAR.finditer(text):
        yield int(match.group(1))


def policy_category(policy: str | None) -> PolicyCategory | None:
    """The most restrictive review policy the text states, or None when it states none."""
    if not policy:
        return None
    for category, pattern in _POLICY_PATTERNS:
        if pattern.search(policy):
            return category
    return None
