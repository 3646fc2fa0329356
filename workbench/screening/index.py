"""Screening names against a list: candidate lookup through an index, then scoring.

Scoring every customer against every entry is what brute force does (10,000 x 26,000 pairs);
instead an inverted index maps each word, acronym and CJK character pair to the spellings that
contain it, and only the few spellings sharing rare words with a name are scored.

The score weighs words by their rarity over the list (inverse document frequency), so that
sharing "Semiconductor Manufacturing" with SMIC counts for little next to the missing
"Taiwan", while sharing "Yangtze" counts for much. It is the weighted Dice overlap of the two
word sets, each word matched to its closest counterpart (rapidfuzz ratio, so misspellings
still count), or, when all of a list spelling's words appear in the customer's name ("SMIC
Beijing B2" holds "SMIC Beijing"), that containment discounted by a tenth.

The overlap is lopsided on purpose: a list word the customer's name lacks costs more than a
customer word the list lacks, because a list name with more words names a more specific or
another party ("HUALI BANK" is not the alias "Huali"; "SMIC (Beijing)" is not the parent
SMIC). Acronyms stand for exactly the words their letters begin, never for a branch's place
("SMIC Tianjin" is no "SMIT"), and are compared letter for letter. People's entries match
firms only on their whole name. Country is evidence on top: agreement adds, a list entry
without a country or one that contradicts the customer's subtracts.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from workbench.domain.cancel import CancelToken, Progress
from workbench.screening.entries import ListEntry
from workbench.screening.local_names import shipped_local_names
from workbench.screening.normalize import (
    MAX_ACRONYM,
    MIN_ACRONYM,
    MIN_SHORT_ACRONYM,
    NormalName,
    is_cjk,
    normalize,
    raw_words,
)
from workbench.screening.places import country_code
from workbench.screening.qualifiers import bracket_qualifiers
from workbench.screening.scripts import (
    CHINESE_PLACES,
    ambiguous_readings,
    is_latin,
    place_initials,
    rewrite_latin,
    romanise,
    scripts_of,
)
from workbench.screening.variants import entry_spellings

#: Scores at or above this are potential matches for review. Chosen on the labelled set in
#: tests/data/screening/labelled_pairs.csv (precision and recall both >= 0.95 there).
DEFAULT_THRESHOLD = 80

COUNTRY_AGREES_BONUS = 5
COUNTRY_DISAGREES_PENALTY = 15
#: A list entry with no country cannot back the party's country up: weaker evidence than
#: one that agrees, but no contradiction either.
COUNTRY_MISSING_PENALTY = 5
#: The list's words the party's name lacks count this much more than the party's words the
#: list lacks. A customer's name carries its site or fab ("SMIC Beijing B2" holds "SMIC
#: Beijing"); a list name that carries more ("HUALI BANK" for the alias "Huali", "... (Beijing)
#: Corporation" for the parent SMIC) names another, more specific party.
LIST_EXTRA_WEIGHT = 2.0
#: Customers and fabs are organisations. A person's entry matches one only when the whole
#: of the person's name is in it (a firm named after its owner), and then less strongly;
#: sharing part of a name ("Jinhua" with "HONG, Jinhua") is a coincidence of given names.
PERSON_PARTIAL_FACTOR = 0.5
PERSON_WHOLE_PENALTY = 15
#: Initials are weaker evidence than words: "ASML" are also the initials of a ship manager.
ACRONYM_FACTOR = 0.9
#: Three letters are weaker still (a quarter of all three-letter codes are some listed
#: party's initials): alone, "HEU" reaches the threshold only with the country agreeing.
SHORT_ACRONYM_FACTOR = 0.78
#: Containment scores are discounted: the customer's name says more than the list's does.
CONTAINMENT_FACTOR = 0.9
#: A name with a place matching a list alias without one ("Xi'an" + the alias "Huada
#: Jiutian" of the Beijing firm) names, most likely, a branch listed on its own. The
#: entry's own name is not held down: "Huawei Technologies Dongguan" is Huawei's.
ALIAS_PLACE_FACTOR = 0.8
#: A contained list spelling must carry this much rarity, in units of the rarest word's weight
#: (so about two uncommon words), so that a vessel called "Global Star" is not contained in
#: every "Global Star ..." customer. A Chinese name of four characters or more is one word
#: but carries as much.
MIN_CONTAINED_RARITY = 1.1
#: Words this similar (rapidfuzz ratio / 100) count as the same word, scaled by similarity.
TOKEN_SIMILARITY = 0.85
#: Shorter words are compared exactly: one letter changes "hynix" into another firm.
MIN_FUZZY_LENGTH = 5
#: Chinese names are short: 四川师范大学 is 0.8 like 四川大学 and another university.
CJK_TOKEN_SIMILARITY = 0.85
#: How many spellings per customer name are scored exactly after the index lookup.
CANDIDATES_PER_NAME = 25
#: Words in more spellings than this are too common to look candidates up by; they still
#: count in the score. A name made only of such words is looked up by its rarest word.
COMMON_POSTINGS = 300

#: Customer words whose similarities to the list's words are remembered, at most
#: (10,000 customer names hold some 6,000 words, 220,000 pairs, 20 MB).
SIMILARITY_ROWS = 20_000
#: Customer names whose normalised forms are remembered, at most (about 1.7 kB each).
FORMS_CACHE_SIZE = 20_000

_CHECK_EVERY = 2000
#: Entry types whose names are not firms: their initials are not acronyms.
_NOT_FIRMS = frozenset({"individual", "person", "vessel", "aircraft"})
_PEOPLE = frozenset({"individual", "person"})
#: On equal scores, a match on the entry's own name beats one on an alias.
_KIND_PREFERENCE = {"name": 2, "short name": 1, "local name": 1, "alias": 0, "romanised": 0}
#: Scripts whose names are compared: Latin as written, the others romanised (Han, kana and
#: hangul through the glossary, pinyin and anyascii; Cyrillic and Greek through anyascii).
#: A name in any other script is not screened, and says so.
COMPARABLE_SCRIPTS = frozenset({"Latin", "Han", "Kana", "Hangul", "Cyrillic", "Greek"})
#: A rare word may carry this many typing errors, by its length: none below six letters
#: (one letter turns "nanya" into "nanda"), one up to eight, two from nine on.
TYPO_EDITS = ((6, 1), (9, 2))
#: What a word with one error is worth next to the word itself; two errors count twice.
TYPO_COST = 0.07
#: The customer names one place and the list entry another ("NSCC Tianjin" and the
#: Changsha centre): another branch, so the score is cut.
PLACE_CONFLICT_FACTOR = 0.75
#: What a list entry's place costs when the customer's name names none.
DROPPED_PLACE_WEIGHT = 0.25
#: Initials alone that this many listed entries share ("ASML": three ship managers) point
#: at none of them unless the country picks one: the score is cut.
AMBIGUOUS_INITIALS = 3
AMBIGUOUS_INITIALS_FACTOR = 0.85
#: A list name of three letters or fewer ("ASE Co.") identifies little on its own: a
#: country that contradicts it counts this many times as much.
SHORT_NAME_COUNTRY_FACTOR = 2
#: What a word after a shared number costs when the customer's name leaves it out
#: ("Research Institute" of "CSSC 709th Research Institute" in "CSSC 709").
UNIT_WORD_WEIGHT = 0.25
#: A list spelling contained in a name whose initials are followed by a number the spelling
#: lacks ("CETC 43" holds "CETC", read as some firm's initials; "CSSC 709" the parent CSSC)
#: names a numbered unit of it, or of something else: the containment is discounted. A
#: number after a word is a site ("SMIC Shenzhen Fab 2" is SMIC Shenzhen's).
NUMBERED_UNIT_FACTOR = 0.85
#: A university or institute whose name has a word more than the list's ("Tianjin
#: University of Technology" and "Tianjin University") is another institution.
DISTINCT_WORD_FACTOR = 0.75
_INSTITUTIONS = frozenset({"university", "institute", "academy", "college", "school"})
#: The words that tell one university or institute from another of the same city.
_DISTINCT_WORDS = frozenset(
    {"technology", "science", "engineering", "normal", "medical", "medicine", "agricultural",
     "agriculture", "polytechnic", "polytechnical", "finance", "financial", "economics",
     "aeronautics", "astronautics", "posts", "telecommunication", "electronic", "industry",
     "industrial", "foreign", "studies", "chemical", "petroleum", "mining", "maritime",
     "forestry", "traditional", "sport", "sports", "arts", "information", "communication",
     "transportation", "transport", "architecture", "commerce", "business", "law", "language",
     "languages", "aviation", "aerospace", "ocean", "jiaotong", "minzu", "nationalities"}
)  # fmt: skip
_BRACKETS = re.compile(r"[(（]([^()（）]*)[)）]")
_PLACE_CODES = frozenset(place_initials(p) for p in CHINESE_PLACES) - {""}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One list entry that may be the screened party, with why."""

    entry: ListEntry
    score: int
    explanation: str
    matched_name: str  # the list's spelling that matched best
    query_name: str  # the customer's spelling (name or alias) that matched it


@dataclass(frozen=True, slots=True)
class _Spelling:
    entry: int
    kind: str
    text: str
    name: NormalName
    weight: float
    person: bool = False
    #: Places the spelling writes in brackets ("(Beijing)"): the branch of a group whose
    #: parent is listed too, so leaving the place out names the parent, not this branch.
    bracketed: frozenset[str] = frozenset()


class _Pair(NamedTuple):
    """One customer spelling scored against one list spelling.

    A named tuple rather than a frozen dataclass: one is made for every pair scored, and
    a frozen dataclass sets each field through ``object.__setattr__``.
    """

    score: float
    dice: float
    contained: bool
    notes: tuple[str, ...]
    unmatched_query: tuple[str, ...]
    unmatched_list: tuple[str, ...]
    #: The name is nothing but initials: how many listed entries share them.
    shared_initials: int = 0
    #: The list's spelling is one word of three letters or fewer ("ASE Co.").
    short_name: bool = False


class ScreeningIndex:
    """An index over list entries; build once per list version, query many times."""

    def __init__(
        self,
        entries: Sequence[ListEntry],
        spellings: list[_Spelling],
        idf: dict[str, float],
        unknown_idf: float,
        qualifiers: frozenset[str] = frozenset(),
    ) -> None:
        self.entries = tuple(entries)
        self._spellings = spellings
        self._idf = idf
        self._unknown_idf = unknown_idf
        self._qualifiers = qualifiers
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._acronyms: dict[str, list[int]] = defaultdict(list)
        self._bigrams: dict[str, list[int]] = defaultdict(list)
        for number, spelling in enumerate(spellings):
            for token in spelling.name.tokens:
                self._postings[token].append(number)
                if is_cjk(token):
                    for gram in _bigrams(token):
                        self._bigrams[gram].append(number)
            for acronym in spelling.name.acronyms | spelling.name.short_acronyms:
                self._acronyms[acronym].append(number)
        #: The places each entry's spellings name: a customer's place the entry names
        #: elsewhere ("ICRD Shanghai" for the Shanghai centre's alias "ICRD") is no doubt.
        places: dict[int, set[str]] = defaultdict(set)
        for spelling in spellings:
            places[spelling.entry].update(set(spelling.name.tokens) & CHINESE_PLACES)
        #: How many entries each acronym is the initials of.
        self._acronym_entries = {
            acronym: len({spellings[n].entry for n in numbers})
            for acronym, numbers in self._acronyms.items()
        }
        self._entry_places = {entry: frozenset(found) for entry, found in places.items()}
        #: One-character deletions of the list's words, for finding words close to a
        #: customer's (built here, once per list, not on the first customer screened).
        self._deletions = self._deletion_index()
        #: The list's words and its pairs of adjacent words ("mei xin"): pinyin is joined
        #: into a list word only where the list does not also write it apart.
        self._vocabulary: set[str] = set(self._postings)
        for spelling in spellings:
            tokens = spelling.name.tokens
            self._vocabulary.update(f"{a} {b}" for a, b in pairwise(tokens))
        self._similar_cache: dict[str, list[tuple[str, float]]] = {}
        self._similarity_rows: dict[str, dict[str, float]] = {}
        self._forms_cache: dict[tuple[str, tuple[str, ...]], list[tuple[str, str, NormalName]]]
        self._forms_cache = {}
        self._spelling_weights = [spelling.weight for spelling in spellings]

    @classmethod
    def build(
        cls,
        entries: Iterable[ListEntry],
        *,
        skip_types: Iterable[str] = ("Vessel", "Aircraft"),
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
        local_names: Mapping[str, Sequence[str]] | None = None,
    ) -> ScreeningIndex:
        """Normalise every spelling of every entry and weigh words by rarity over the list.

        Entries of ``skip_types`` are left out of the index: customers and fabs are never
        ships or aircraft, and a vessel named "Zenith" would flag every "Zenith Technology".
        ``local_names`` (casefolded entry name -> names in local script) adds the registered
        Chinese names the list lacks; by default the shipped table. Every spelling not in
        Latin letters is also indexed romanised, and every pinyin or old-romanised one respelt
        (see :mod:`workbench.screening.scripts`), so all are compared in one space.
        """
        local = shipped_local_names() if local_names is None else local_names
        entry_list = list(entries)
        skip = {t.casefold() for t in skip_types}
        texts: list[tuple[int, str, str, str]] = []  # entry, kind, spelling, entity type
        total = len(entry_list)
        for number, entry in enumerate(entry_list):
            if number % _CHECK_EVERY == 0:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                if progress is not None:
                    progress(number // 2, total)
            entity_type = (entry.entity_type or "").casefold()
            if entity_type not in skip:
                own = [
                    *entry_spellings(entry),
                    *(("local name", n) for n in local.get(entry.name.casefold(), ())),
                ]
                texts.extend(
                    (number, kind, text, entity_type) for kind, text in _with_romanised(own)
                )
        # Places are branch words too, learnt or not: "National Supercomputing Center
        # Changsha" is no "NSCC" (that is the Changsha centre's short name, NSCC-CS).
        qualifiers = bracket_qualifiers(text for _, _, text, _ in texts) | CHINESE_PLACES
        spellings_raw: list[tuple[int, str, str, NormalName, bool]] = []
        document_frequency: dict[str, int] = defaultdict(int)
        words: set[str] = set()
        for position, (number, kind, text, entity_type) in enumerate(texts):
            if position % _CHECK_EVERY == 0:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                if progress is not None:
                    progress((total + number) // 2, total)
            if position and texts[position - 1][0] != number:
                _count_words(document_frequency, words)
            firm = entity_type not in _NOT_FIRMS
            name = _with_place_initials(normalize(text, acronyms=firm, qualifiers=qualifiers))
            if name.tokens:
                spellings_raw.append((number, kind, text, name, entity_type in _PEOPLE))
                words.update(name.tokens)
        _count_words(document_frequency, words)
        count = max(total, 1)
        idf = {word: math.log((count + 1) / (df + 0.5)) for word, df in document_frequency.items()}
        unknown_idf = math.log((count + 1) / 0.5)
        spellings = [
            _Spelling(
                number,
                kind,
                text,
                name,
                sum(idf[t] for t in name.tokens),
                person,
                _bracketed_places(text),
            )
            for number, kind, text, name, person in spellings_raw
        ]
        if progress is not None:
            progress(total, total)
        return cls(entry_list, spellings, idf, unknown_idf, qualifiers)

    def weight(self, token: str) -> float:
        """Rarity of a word over the list; words the list never uses are the rarest."""
        return self._idf.get(token, self._unknown_idf)

    def query(
        self,
        name: str,
        aliases: Sequence[str] = (),
        country: str | None = None,
        limit: int = 10,
    ) -> list[Candidate]:
        """Best candidates for a party known by ``name`` and ``aliases``, best first.

        ``country`` (ISO-2) is evidence: it raises the score of entries in that country and
        lowers those of entries known only elsewhere.
        """
        queries = self._normalised(name, tuple(aliases))
        # Per entry its best spelling. Scores and overlaps are rounded before they are
        # compared: sums over sets differ in the last bits from run to run, and ties must
        # fall the same way every time (then the entry's own name first, then by name).
        wanted = country_code(country)
        best: dict[
            int, tuple[tuple[float, float, int], str, NormalName, float, _Spelling, _Pair, str]
        ] = {}
        idf, unknown, spellings = self._idf, self._unknown_idf, self._spellings
        for kind, original, q in queries:
            q_weight = sum(idf.get(t, unknown) for t in q.tokens)
            for number in self._lookup(q, q_weight):
                spelling = spellings[number]
                pair = self._judged(q, spelling, q_weight, wanted)
                if pair.score <= 0:
                    continue
                rank = (
                    round(pair.score, 9),
                    round(pair.dice, 9),
                    _KIND_PREFERENCE.get(spelling.kind, 0),
                )
                current = best.get(spelling.entry)
                if current is None or rank > current[0]:
                    best[spelling.entry] = (rank, kind, q, q_weight, spelling, pair, original)
        ranked: list[tuple[int, float, int, str, str, int]] = []
        for entry_number, ((score, dice, preference), *_, chosen, _) in best.items():
            entry = self.entries[entry_number]
            adjusted, _ = _country_evidence(score, wanted, entry.countries, chosen.short_name)
            final = max(0, min(100, round(adjusted)))
            ranked.append(
                (-final, -dice, -preference, entry.name.casefold(), entry.key, entry_number)
            )
        ranked.sort()
        read_from = (
            f"country {wanted} read from '{country.strip()}'"
            if wanted is not None and country is not None and country.strip().upper() != wanted
            else ""
        )
        out: list[Candidate] = []
        for negative_final, *_, entry_number in ranked[:limit]:  # explained: only those shown
            _, kind, q, q_weight, spelling, _, original = best[entry_number]
            pair = self._judged(q, spelling, q_weight, wanted, explain=True)
            entry = self.entries[entry_number]
            _, country_note = _country_evidence(
                pair.score, wanted, entry.countries, pair.short_name
            )
            if read_from and country_note:
                country_note = f"{read_from}: {country_note}"
            out.append(
                Candidate(
                    entry=entry,
                    score=-negative_final,
                    explanation=_explain(kind, q, spelling, pair, country_note, original),
                    matched_name=spelling.text,
                    query_name=original,
                )
            )
        return out

    def _normalised(self, name: str, aliases: tuple[str, ...]) -> list[tuple[str, str, NormalName]]:
        """(kind, as written, normalised) of each form of the name, remembered.

        A register names one customer on many rows (sites, contracts), and the same names
        are screened again when the list changes: normalising, romanising and respelling
        them is done once per index.
        """
        key = (name, aliases)
        cached = self._forms_cache.get(key)
        if cached is None:
            forms = (
                (kind, original, normalize(text, qualifiers=self._qualifiers))
                for kind, original, text in self._query_forms(name, aliases)
            )
            cached = [(kind, original, q) for kind, original, q in forms if q.tokens]
            if len(self._forms_cache) >= FORMS_CACHE_SIZE:
                self._forms_cache.clear()
            self._forms_cache[key] = cached
        return cached

    def _judged(
        self,
        q: NormalName,
        spelling: _Spelling,
        q_weight: float,
        wanted: str | None,
        explain: bool = False,
    ) -> _Pair:
        """The pair's score, and what the country says of initials several parties share."""
        pair = self._score(q, spelling, q_weight, explain)
        if pair.shared_initials >= AMBIGUOUS_INITIALS and (
            wanted is None or wanted not in self.entries[spelling.entry].countries
        ):
            pair = pair._replace(
                score=pair.score * AMBIGUOUS_INITIALS_FACTOR,
                notes=(*pair.notes, _ambiguous(pair)),
            )
        return pair

    def unscreenable(self, name: str, aliases: Sequence[str] = ()) -> str | None:
        """Why a party cannot be compared with the list at all, or None when it can.

        A name written only in a script the matcher does not read (and with no alias it
        does) would otherwise come back with no candidate, which looks like a clean result.
        """
        unread: dict[str, None] = {}
        for _, text in _query_spellings(name, aliases):
            scripts = scripts_of(text)
            strange = [s for s in scripts if s not in COMPARABLE_SCRIPTS]
            if not strange and normalize(text).tokens:
                return None
            unread.update(dict.fromkeys(strange))
        if not unread:
            return "no name to compare" if not _query_spellings(name, aliases) else None
        return "written in " + ", ".join(unread) + " script, which screening cannot compare"

    def _query_forms(self, name: str, aliases: Sequence[str]) -> list[tuple[str, str, str]]:
        """(kind, as written, as compared): each spelling, romanised and respelt as well."""
        forms: dict[tuple[str, str], tuple[str, str, str]] = {}
        for kind, text in _query_spellings(name, aliases):
            latin = [text]
            if not is_latin(text):
                forms.setdefault((kind, text), (kind, text, text))
                romanised = romanise(text)
                latin = [romanised.text] if romanised.text else []
            for form in latin:
                # Respelt only where the list's words justify it ("Xi An" is "Xian" because
                # the list writes "Xian"), so the respelt form replaces the one written.
                respelt = rewrite_latin(form, self._vocabulary)
                forms.setdefault((kind, respelt.casefold()), (kind, text, respelt))
                for reading in ambiguous_readings(respelt):
                    forms.setdefault((kind, reading.casefold()), (kind, text, reading))
        return list(forms.values())

    # -- candidate lookup -------------------------------------------------------------------

    def _lookup(self, q: NormalName, q_weight: float) -> list[int]:
        """Spellings sharing rare words, acronyms or CJK character pairs with the name.

        ``q_weight`` is the rarity of the name's words, summed.
        """
        shared: dict[int, float] = defaultdict(float)
        common: list[tuple[str, float]] = []
        covered = 0.0  # weight of the name's words found through rare words
        for token in q.tokens:
            if is_cjk(token):
                for gram in _bigrams(token):
                    for number in self._bigrams.get(gram, ()):
                        shared[number] += 1.0
            found = False
            for similar, similarity in self._similar(token):
                postings = self._postings[similar]
                gain = self.weight(similar) * similarity
                if len(postings) > COMMON_POSTINGS:
                    common.append((similar, gain))
                    continue
                found = found or similar == token
                for number in postings:
                    shared[number] += gain
            if found or token not in self._postings:  # words unknown to the list count too
                covered += self.weight(token)
            for number in self._acronyms.get(token, ()):
                shared[number] += self._unknown_idf
        for acronym in q.acronyms:
            for number in self._postings.get(acronym, ()):
                shared[number] += self.weight(acronym)
        if covered < q_weight / 2:  # mostly common words: look up by them too (rare case)
            for similar, gain in common:
                for number in self._postings[similar]:
                    shared[number] += gain
        if not shared:
            return []
        weights = self._spelling_weights
        promise = {number: value / (q_weight + weights[number]) for number, value in shared.items()}
        return heapq.nlargest(CANDIDATES_PER_NAME, promise, key=promise.__getitem__)

    def _similar(self, token: str) -> list[tuple[str, float]]:
        """Words of the list's vocabulary equal or close to ``token``, with similarity.

        Close words are found through their one-character deletions (the SymSpell idea):
        two words within one edit of each other share a deletion, so only a handful of
        dictionary lookups are needed instead of comparing with every word of the list.
        """
        cached = self._similar_cache.get(token)
        if cached is not None:
            return cached
        result: list[tuple[str, float]] = [(token, 1.0)] if token in self._postings else []
        if len(token) >= MIN_FUZZY_LENGTH and not is_cjk(token) and not token.isdigit():
            deletions = self._deletions
            seen = {token}
            for key in _deletions(token):
                for word in deletions.get(key, ()):
                    if word in seen:
                        continue
                    seen.add(word)
                    similarity = _typo_similarity(token, word)
                    if similarity > 0:
                        result.append((word, similarity))
        self._similar_cache[token] = result
        return result

    def _deletion_index(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for word in self._postings:
            if len(word) >= MIN_FUZZY_LENGTH and not is_cjk(word) and not word.isdigit():
                for key in _deletions(word):
                    index[key].append(word)
        return dict(index)

    # -- scoring ----------------------------------------------------------------------------

    def _similarity_row(self, word: str) -> dict[str, float]:
        """The remembered similarities of a customer's word to the list's words met so far.

        Rows are dropped all at once when there are too many (a bound on memory: the words
        that matter come back soon).
        """
        rows = self._similarity_rows
        if len(rows) >= SIMILARITY_ROWS:
            rows.clear()
        row: dict[str, float] = {}
        rows[word] = row
        return row

    def _places(
        self, unmatched_q: set[str], unmatched_e: set[str], notes: list[str]
    ) -> tuple[float, float, bool]:
        """Places that agree through the list's codes (Tianjin = TJ), and whether two differ.

        Returns the matched weight of both sides, of the list's side, and the conflict.
        """
        matched = matched_list = 0.0
        for place in sorted(unmatched_q & CHINESE_PLACES):
            code = place_initials(place)
            if code and code in unmatched_e:
                unmatched_q.discard(place)
                unmatched_e.discard(code)
                matched += self.weight(place) + self.weight(code)
                matched_list += self.weight(code)
                notes.append(f"place '{place}' = '{code.upper()}'")
        ours = unmatched_q & CHINESE_PLACES
        theirs = (unmatched_e & CHINESE_PLACES) | (unmatched_e & _PLACE_CODES)
        conflict = bool(ours and theirs)
        if conflict:
            notes.append(
                f"place {', '.join(sorted(ours))} vs list's {', '.join(sorted(theirs))}: "
                "another branch"
            )
        return matched, matched_list, conflict

    def _score(
        self, q: NormalName, spelling: _Spelling, q_weight: float, explain: bool = False
    ) -> _Pair:
        """Weighted Dice overlap of the two word sets, or the discounted containment.

        The list's unmatched words weigh more than the name's (``LIST_EXTRA_WEIGHT``), and a
        person's entry is held down (``PERSON_*``): see those constants for why.
        ``q_weight`` is the rarity of the name's words, the same for every spelling it
        meets. The notes that explain the score are written only when ``explain``: most
        pairs scored are never shown, and this runs for every one of them.
        """
        idf = self._idf
        unknown = self._unknown_idf
        e = spelling.name
        q_tokens: Sequence[str] = q.tokens
        e_tokens: Sequence[str] = e.tokens
        changed_q = changed_e = False
        notes: list[str] = []
        if e.bracketed_acronyms:  # "... Corporation (CASIC) 3rd Academy" and "CASIC 3rd Academy"
            e_tokens = _reconciled(list(e_tokens), e.bracketed_acronyms, set(q_tokens))
            changed_e = True
        if q.bracketed_acronyms:
            q_tokens = _reconciled(list(q_tokens), q.bracketed_acronyms, set(e_tokens))
            changed_q = True
        by_acronym = False
        short = False
        if q.capitals and (e.acronyms or e.short_acronyms):
            for token in q.tokens:  # "SMIC" in the name, the words it stands for in the list
                if token not in q.capitals or token in e_tokens or token not in q_tokens:
                    continue
                if token in e.acronyms or token in e.short_acronyms:
                    q_list = list(q_tokens)
                    q_list.remove(token)
                    q_tokens = q_list
                    changed_q = True
                    words = e.words_of(token)
                    if all(t in q_list for t in words):  # "International (NSI)": said twice
                        continue
                    q_list.extend(t for t in words if t not in q_list)
                    if explain:
                        notes.append(f"acronym '{token.upper()}' = '{spelling.text}'")
                    by_acronym = True
                    short = short or token in e.short_acronyms
        if len(e.tokens) > 1 and e.capitals and (q.acronyms or q.short_acronyms):
            for token in e.tokens:  # "YMTC Japan" in the list, the words it stands for
                if (
                    (token in q.acronyms or token in q.short_acronyms)
                    and token in e.capitals
                    and token in e_tokens
                    and token not in q_tokens
                ):
                    e_list = list(e_tokens)
                    e_list.remove(token)
                    e_tokens = e_list
                    changed_e = True
                    words = q.words_of(token)
                    if all(t in e_list for t in words):
                        continue
                    e_list.extend(t for t in words if t not in e_list)
                    if explain:
                        notes.append(f"list acronym '{token.upper()}' = '{q.original}'")
                    by_acronym = True
                    short = short or token in q.short_acronyms
        q_set = set(q_tokens)
        exact = q_set.intersection(e_tokens)
        matched = 0.0
        matched_list_weight = 0.0
        for token in exact:
            weight = idf.get(token, unknown)
            matched += 2 * weight
            matched_list_weight += weight
        if exact:
            rest_q = [t for t in q_tokens if t not in exact]
            rest_e = [t for t in e_tokens if t not in exact]
        else:
            rest_q, rest_e = list(q_tokens), list(e_tokens)
        unmatched_q = set(rest_q)
        unmatched_e = set(rest_e)
        if rest_q and rest_e:
            # The same words meet again and again over a register: their similarity is
            # remembered rather than computed for every pair of names.
            rows = self._similarity_rows
            pairs: list[tuple[float, str, str]] = []
            q_initials, e_initials = q.initialisms, e.initialisms
            for a in rest_q:
                if a in q_initials:
                    continue
                row = rows.get(a)
                if row is None:
                    row = self._similarity_row(a)
                for b in rest_e:
                    if b in e_initials:
                        continue
                    similarity = row.get(b)
                    if similarity is None:
                        similarity = row[b] = _token_similarity(a, b)
                    if similarity > 0:
                        pairs.append((similarity, a, b))
            if len(pairs) > 1:
                pairs.sort(reverse=True)
            for similarity, a, b in pairs:
                if a not in unmatched_q or b not in unmatched_e:
                    continue
                unmatched_q.discard(a)
                unmatched_e.discard(b)
                wq, we = idf.get(a, unknown), idf.get(b, unknown)
                matched += similarity * (wq + we)
                matched_list_weight += similarity * we
                if explain:
                    notes.append(f"'{a}' ~ '{b}' {similarity * 100:.0f}")
        place_conflict = False
        if not unmatched_q.isdisjoint(CHINESE_PLACES):
            place_matched, place_list, place_conflict = self._places(
                unmatched_q, unmatched_e, notes
            )
            matched += place_matched
            matched_list_weight += place_list
        if changed_q:
            q_weight = sum(idf.get(t, unknown) for t in q_tokens)
        # A list place the customer's name lacks ("Beijing" of "Beijing Naura ...") is the
        # city a register leaves out, not another party: it costs a fraction of a word.
        # (A different place in the customer's name is a conflict, handled above.)
        # Only for the entry's own name: in an alias such as "SMIC Beijing" the place is
        # what tells the branch from the parent.
        discount = 0.0
        dropped_places: set[str] = set()
        if spelling.kind == "name" and not by_acronym and not place_conflict:
            dropped_places = unmatched_e & CHINESE_PLACES - spelling.bracketed
            if dropped_places:
                discount = sum(idf.get(t, unknown) for t in dropped_places) * (
                    1 - DROPPED_PLACE_WEIGHT
                )
        # "CSSC 709" is how the 709th Research Institute of CSSC is written: the words after
        # a number both names share say what kind of unit it is, and cost little when left out.
        if unmatched_e and any(t.isdigit() for t in exact):
            unit_words = _unit_words(e_tokens, unmatched_e, q_set) - dropped_places
            discount += sum(idf.get(t, unknown) for t in unit_words) * (1 - UNIT_WORD_WEIGHT)
        if changed_e:
            e_weight = sum(idf.get(t, unknown) for t in e_tokens) - discount
        else:
            e_weight = spelling.weight - discount
        missing_weight = sum(idf.get(t, unknown) for t in unmatched_e) - discount
        total = q_weight + e_weight + LIST_EXTRA_WEIGHT * missing_weight
        dice = matched / total if total else 0.0
        contained = 0.0
        long_cjk = len(e_tokens) == 1 and is_cjk(e_tokens[0]) and len(e_tokens[0]) >= 4
        heavy = len(e_tokens) >= 2 and matched_list_weight >= MIN_CONTAINED_RARITY * unknown
        if (heavy or long_cjk) and e_weight:
            contained = CONTAINMENT_FACTOR * matched_list_weight / e_weight
            if unmatched_q and _unit_numbers(q) & unmatched_q:
                contained *= NUMBERED_UNIT_FACTOR
                if contained > dice and explain:
                    notes.append("the name's number is no part of the list's: another unit")
        factor = SHORT_ACRONYM_FACTOR if short else ACRONYM_FACTOR if by_acronym else 1.0
        score = 100 * factor * max(dice, contained)
        if unmatched_q:
            if place_conflict:
                score *= PLACE_CONFLICT_FACTOR
            elif spelling.kind != "name" and unmatched_q & CHINESE_PLACES - (
                self._entry_places.get(spelling.entry, frozenset())
            ):
                score *= ALIAS_PLACE_FACTOR
                notes.append("list alias names no place: perhaps another branch")
            if not unmatched_q.isdisjoint(_DISTINCT_WORDS) and not _INSTITUTIONS.isdisjoint(
                e_tokens
            ):
                score *= DISTINCT_WORD_FACTOR
                distinct = " ".join(sorted(unmatched_q & _DISTINCT_WORDS))
                notes.append(f"'{distinct}' names another institution")
        if spelling.person:
            if unmatched_e or len(e_tokens) < 2:
                score *= PERSON_PARTIAL_FACTOR
                notes.append("list entry is a person sharing only part of the name")
            else:
                score -= PERSON_WHOLE_PENALTY
                notes.append("list entry is a person, whole name shared")
        lone = by_acronym and len(q.tokens) == 1
        only = e.tokens[0] if len(e.tokens) == 1 else ""
        return _Pair(
            score=score,
            dice=dice,
            contained=contained > dice,
            notes=tuple(notes),
            unmatched_query=tuple(t for t in q_tokens if t in unmatched_q) if explain else (),
            unmatched_list=tuple(t for t in e_tokens if t in unmatched_e) if explain else (),
            shared_initials=self._acronym_entries.get(q.tokens[0], 0) if lone else 0,
            short_name=only.isascii() and only.isalpha() and len(only) < MIN_ACRONYM,
        )


def _unit_numbers(q: NormalName) -> set[str]:
    """The number that follows the initials the name begins with: "43" of "CETC 43"."""
    if len(q.tokens) < 2:
        return set()
    first, number = q.tokens[:2]
    if number.isdigit() and first in q.capitals and not first.isdigit():
        return {number}
    return set()


def _unit_words(e_tokens: Sequence[str], unmatched: set[str], query: set[str]) -> set[str]:
    """The list's unmatched words after a number the query shares, up to the next number."""
    found: set[str] = set()
    after_shared = False
    for token in e_tokens:
        if token.isdigit():
            after_shared = token in query
        elif after_shared and token in unmatched:
            found.add(token)
    return found


def _reconciled(
    tokens: list[str], bracketed: tuple[tuple[str, tuple[str, ...]], ...], other: set[str]
) -> list[str]:
    """A name's tokens without what its bracketed acronym repeats, judged by the other name.

    The other name writes the acronym with more (the words of the unit, "CASIC 3rd
    Academy"): the words it stands for are not missing from it. The acronym alone says
    nothing of which words it stands for: "Advanced Semiconductor Engineering (ASE)" is not
    the list's "ASE Co.". The other name writes the words: the acronym is not missing either.
    """
    for acronym, words in bracketed:
        if acronym in other and len(other) > 1:
            tokens = [t for t in tokens if t not in words or t in other]
        elif words and all(w in other for w in words):
            tokens = [t for t in tokens if t != acronym]
    return tokens


def _count_words(document_frequency: dict[str, int], words: set[str]) -> None:
    """Count each word once per entry, however many of its spellings use it."""
    for word in words:
        document_frequency[word] += 1
    words.clear()


def _with_romanised(spellings: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The list's spellings, each followed by its romanised and respelt forms if they differ."""
    out: dict[str, tuple[str, str]] = {}
    for kind, text in spellings:
        out.setdefault(text.casefold(), (kind, text))
        latin = text
        if not is_latin(text):
            romanised = romanise(text)
            if not romanised.complete or not romanised.text:
                continue
            latin = romanised.text
            out.setdefault(latin.casefold(), ("romanised", latin))
        respelt = rewrite_latin(latin)
        out.setdefault(respelt.casefold(), ("romanised", respelt))
    return list(out.values())


def _query_spellings(name: str, aliases: Sequence[str]) -> list[tuple[str, str]]:
    spellings = [("name", name)] + [("alias", alias) for alias in aliases]
    return [(kind, text) for kind, text in spellings if text and text.strip()]


def _country_evidence(
    score: float, wanted: str | None, countries: tuple[str, ...], short: bool = False
) -> tuple[float, str]:
    if wanted is None:
        return score, ""
    if not countries:
        return score - COUNTRY_MISSING_PENALTY, "list gives no country"
    if wanted in countries:
        return score + COUNTRY_AGREES_BONUS, f"country {wanted} agrees"
    listed = ", ".join(countries)
    if short:
        return (
            score - SHORT_NAME_COUNTRY_FACTOR * COUNTRY_DISAGREES_PENALTY,
            f"country {wanted} contradicts list ({listed}), and a name of three letters "
            "says little more",
        )
    return score - COUNTRY_DISAGREES_PENALTY, f"country {wanted} contradicts list ({listed})"


def _ambiguous(pair: _Pair) -> str:
    return (
        f"initials shared by {pair.shared_initials} listed parties, "
        "no country to tell which is meant"
    )


def _explain(
    kind: str, q: NormalName, spelling: _Spelling, pair: _Pair, country_note: str, written: str
) -> str:
    parts: list[str] = []
    compared = f"'{q.original}'" if written == q.original else f"'{written}' read as '{q.original}'"
    head = f"{kind} {compared} vs list {spelling.kind} '{spelling.text}'"
    if pair.dice >= 0.9999 and not pair.notes:
        parts.append(f"{head}: same words after normalisation")
    elif pair.contained:
        parts.append(f"{head}: list spelling contained in the {kind}, score {pair.score:.0f}")
    else:
        parts.append(f"{head}: rarity-weighted word match {pair.score:.0f}")
    parts.extend(pair.notes)
    if pair.unmatched_query:
        parts.append("not in list: " + ", ".join(pair.unmatched_query))
    if pair.unmatched_list and not (pair.dice >= 0.9999):
        parts.append("missing from " + kind + ": " + ", ".join(pair.unmatched_list))
    if country_note:
        parts.append(country_note)
    return "; ".join(parts)


def _bracketed_places(text: str) -> frozenset[str]:
    if "(" not in text:
        return frozenset()
    inside = " ".join(_BRACKETS.findall(text))
    return frozenset(raw_words(inside)) & CHINESE_PLACES


def _with_place_initials(name: NormalName) -> NormalName:
    """Acronyms that write a leading place by its syllables too: NJUST, not only NUST.

    Two words are enough then: "Tianjin University" is TJU and "Sichuan University" SCU.
    """
    extra: dict[str, tuple[str, ...]] = {}
    for acronym, words in name.acronym_words:
        if len(acronym) == 2 and words[-1:] != ("university",):
            continue  # "Suzhou Ultranano" is no SZU: only universities go by place + U
        if words and words[0] in CHINESE_PLACES:
            initials = place_initials(words[0])
            if len(initials) > 1 and len(initials) + len(acronym) - 1 <= MAX_ACRONYM:
                extra[initials + acronym[1:]] = words
    if not extra:
        return name
    merged = dict(name.acronym_words) | extra
    return replace(
        name,
        acronyms=name.acronyms | {a for a in extra if len(a) >= MIN_ACRONYM},
        short_acronyms=name.short_acronyms
        | {a for a in extra if MIN_SHORT_ACRONYM <= len(a) < MIN_ACRONYM},
        acronym_words=tuple(sorted(merged.items())),
    )


_DIGITS = re.compile(r"\d+")


def _token_similarity(a: str, b: str) -> float:
    """1 for equal words, the rapidfuzz ratio for close ones, else 0."""
    if a == b:
        return 1.0
    cjk = is_cjk(a)
    if cjk != is_cjk(b):
        return 0.0
    if cjk:
        similarity = fuzz.ratio(a, b) / 100
        return similarity if similarity >= CJK_TOKEN_SIMILARITY else 0.0
    if a.isdigit() or b.isdigit():
        return 0.0
    if _DIGITS.findall(a) != _DIGITS.findall(b):
        return 0.0  # "cetc48" is not "cetc28": a unit's number is no typo
    return _typo_similarity(a, b)


def _typo_similarity(a: str, b: str) -> float:
    """Similarity of two words allowing typing errors by length (``TYPO_EDITS``), else 0.

    A ratio alone punishes short words: "mubile" is 83 to "mobile", under any sensible
    cut-off, though it is one slip of the finger. Counting edits (a swap of two letters is
    one) and allowing more in longer words keeps the rare word's weight in the score.
    """
    longer = max(len(a), len(b))
    allowed = 0
    for length, edits in TYPO_EDITS:
        if longer >= length and min(len(a), len(b)) >= MIN_FUZZY_LENGTH:
            allowed = edits
    if allowed == 0:
        return 0.0
    # A ratio under TOKEN_SIMILARITY never counts: with few edits the edit-based value
    # (at least 1 - 2 * TYPO_COST, above it) wins, and without them the pair is no match.
    # So the ratio is cut off there, which lets rapidfuzz stop early.
    ratio = fuzz.ratio(a, b, score_cutoff=TOKEN_SIMILARITY * 100) / 100
    distance = OSA.distance(a, b, score_cutoff=allowed + 1)
    if distance:
        distance = min(distance, OSA.distance(_stem(a), _stem(b), score_cutoff=allowed + 1))
    if distance <= allowed:
        return max(ratio, 1.0 - TYPO_COST * distance)
    return ratio


def _stem(word: str) -> str:
    """A plural's singular, roughly: "tecnologies" and "technology" differ by one letter."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        return word[:-1]
    return word


def _bigrams(token: str) -> list[str]:
    if len(token) < 2:
        return [token]
    return [token[i : i + 2] for i in range(len(token) - 1)]


def _deletions(word: str) -> set[str]:
    """The word and every string made by deleting one of its characters."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}
