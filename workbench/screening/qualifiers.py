"""Words that say which branch of a firm a name means, learnt from the list itself.

The lists write the branch in brackets in the middle of a name: "Semiconductor Manufacturing
International (Tianjin) Corporation", "Guowei Group (Shenzhen) Co., Ltd.", "... (HK) Limited".
Those words are places and group tags, not part of the firm's own name, so they are no
letter of its acronym ("SMIC Tianjin" is SMIC, not SMIT) even where a vendor writes the
name without the brackets. Learning them from the list keeps the set current without a
gazetteer, which would also hold words such as "United" or "National".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from workbench.screening.normalize import fold, raw_words

#: A bracket with more name after it; a trailing one is a short name instead ("(SMIC)").
_INNER_BRACKET = re.compile(r"\(([^()]{1,40})\)\s*\S")
_ANY_BRACKET = re.compile(r"\([^()]*\)")
_WORD_RUN = re.compile(r"[^\W_]+")
#: Brackets of more words are descriptions ("(including its subsidiaries)"), not qualifiers.
MAX_QUALIFIER_WORDS = 2
#: A word seen qualifying only once may be a slip of one entry; twice is a habit of the list.
MIN_QUALIFIER_USES = 2
#: Bracketed uses per use inside a name, outside brackets and not leading it. A place is
#: mostly bracketed when it is not the first word ("Tianjin": 4 to 9); "International" is
#: bracketed twice but stands inside 640 names, so it is part of names, not a qualifier.
MIN_BRACKETED_SHARE = 0.1


def bracket_qualifiers(spellings: Iterable[str]) -> frozenset[str]:
    """Words the spellings mostly use as a whole bracketed qualifier when not leading."""
    texts = list(spellings)
    bracketed: Counter[str] = Counter()
    for text in texts:
        if "(" in text:
            for match in _INNER_BRACKET.finditer(text):
                words = raw_words(match.group(1))
                if len(words) <= MAX_QUALIFIER_WORDS:
                    bracketed.update(words)
    inside: Counter[str] = Counter()
    for text in texts:  # only the bracketed words need counting
        words = _WORD_RUN.findall(_ANY_BRACKET.sub(" ", fold(text)))
        inside.update(w for w in words[1:] if w in bracketed)
    return frozenset(
        word
        for word, count in bracketed.items()
        if count >= MIN_QUALIFIER_USES and count >= MIN_BRACKETED_SHARE * (inside[word] + 1)
    )
