"""Contract values with their currency.

Accepted: a plain number (number cell or text), optionally with an ISO currency code or an
unambiguous symbol before or after it: "USD 1,200,000.00", "1.200.000,00 EUR", "€ 2.500",
"1 200 000,00", "JPY 150,000,000", "150,000,000円", "US$ 5,000". Thousands separators may be
',', '.', space or apostrophe; the decimal mark is whichever of ',' or '.' comes last, and a
single separator followed by exactly three digits is read as a thousands separator (no currency
in scope has three decimals, so "1.200" is twelve hundred in every convention that uses it).

Abbreviated amounts that hand-kept sheets are full of ("440k", "USD 2.2M", "1,5 Mio. €",
"3億円") are read with their multiplier and flagged: the cell says how much, only less
precisely, and refusing it would drop the machine on the same row. Refused with a reason:
"¥" alone (yen and yuan share it; say JPY or CNY), negative or accounting-bracket amounts, two
different currencies for one value.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pycountry

from workbench.importers.cells import CellValue, display
from workbench.importers.outcome import BLANK, Outcome, fail, warn

_SYMBOLS = {
    "us$": "USD",
    "usd$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₩": "KRW",
    "원": "KRW",
    "円": "JPY",
    "元": "CNY",
    "人民币": "CNY",
    "rmb": "CNY",
    "nt$": "TWD",
    "ntd": "TWD",
    "s$": "SGD",
    "hk$": "HKD",
    "₪": "ILS",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "won": "KRW",
}
_AMBIGUOUS = {"¥": "'¥' is used for both yen (JPY) and yuan (CNY); write the currency code"}
#: Multipliers written after an amount; "m" and "mm" are a million, as in finance.
_MULTIPLIERS: dict[str, int] = {
    "k": 10**3,
    "thousand": 10**3,
    "thousands": 10**3,
    "tsd": 10**3,
    "千": 10**3,
    "m": 10**6,
    "mm": 10**6,
    "mn": 10**6,
    "mio": 10**6,
    "mln": 10**6,
    "million": 10**6,
    "millions": 10**6,
    "millionen": 10**6,
    "miljoen": 10**6,
    "백만": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "mrd": 10**9,
    "bln": 10**9,
    "billion": 10**9,
    "billions": 10**9,
    "万": 10**4,
    "萬": 10**4,
    "억": 10**8,
    "億": 10**8,
}
_MULTIPLIERS_LONGEST_FIRST = sorted(_MULTIPLIERS, key=len, reverse=True)
_SPLIT = re.compile(
    r"^(?P<pre>[^\d\-(]*?)\s*(?P<sign>[-(]?)\s*"
    r"(?P<num>[0-9][0-9.,' \u00a0\u202f]*[0-9]|[0-9])\s*\)?\s*(?P<post>[^\d]*)$"
)


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str | None  # None when the cell named no currency
    #: The multiplier word when the cell abbreviated the amount ("k" in "440k").
    abbreviated: str | None = None


@lru_cache(maxsize=512)
def currency_code(text: str) -> str | None:
    """ISO 4217 code for a code, symbol or word; None if unknown or ambiguous."""
    s = unicodedata.normalize("NFKC", text).strip().casefold()
    if not s:
        return None
    if s in _SYMBOLS:
        return _SYMBOLS[s]
    if len(s) == 3 and s.isalpha():
        found = pycountry.currencies.get(alpha_3=s.upper())
        return str(found.alpha_3) if found is not None else None
    return _currency_names().get(" ".join(s.split()))


@lru_cache(maxsize=1)
def _currency_names() -> dict[str, str]:
    """ISO 4217 names as ERPs print them ("US Dollar", "Yuan Renminbi", "New Taiwan Dollar"),
    plus the short forms that are unambiguous ("Japanese Yen", "Korean Won")."""
    names = {str(c.name).casefold(): str(c.alpha_3) for c in pycountry.currencies}
    names.update(
        {
            "us dollars": "USD",
            "u.s. dollar": "USD",
            "japanese yen": "JPY",
            "korean won": "KRW",
            "south korean won": "KRW",
            "chinese yuan": "CNY",
            "renminbi": "CNY",
            "taiwan dollar": "TWD",
            "singapore dollars": "SGD",
            "euros": "EUR",
        }
    )
    return names


def parse_amount(digits: str) -> Decimal | None:
    """A number written with thousands separators and either decimal mark."""
    s = digits.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    last_comma, last_dot = s.rfind(","), s.rfind(".")
    if last_comma >= 0 and last_dot >= 0:
        decimal_mark = "," if last_comma > last_dot else "."
    elif last_comma >= 0 or last_dot >= 0:
        mark = "," if last_comma >= 0 else "."
        decimals = len(s) - s.rfind(mark) - 1
        decimal_mark = mark if s.count(mark) == 1 and decimals != 3 else ""
    else:
        decimal_mark = ""
    thousands = {",", "."} - {decimal_mark}
    whole, _, frac = s.rpartition(decimal_mark) if decimal_mark else (s, "", "")
    for sep in thousands:
        ungrouped = _grouped(whole, sep)
        if ungrouped is None:
            return None
        whole = ungrouped
    if not whole.isdigit() or (frac and not frac.isdigit()):
        return None
    try:
        return Decimal(f"{whole}.{frac}" if frac else whole)
    except InvalidOperation:
        return None


def _grouped(text: str, sep: str) -> str | None:
    """Remove a thousands separator, refusing misplaced ones ("1,20,0")."""
    if sep not in text:
        return text
    parts = text.split(sep)
    if not parts[0] or len(parts[0]) > 3 or any(len(p) != 3 for p in parts[1:]):
        return None
    return "".join(parts)


@lru_cache(maxsize=65_536)
def parse_money_text(text: str) -> Money | str:
    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        return "it is empty"
    m = _SPLIT.match(s)
    if m is None:
        return "it is not an amount of money"
    if m["sign"]:
        return "a contract value cannot be negative"
    pre, post = m["pre"].strip(), m["post"].strip()
    multiplier, post = _multiplier(post)
    for word in (*pre.split(), *post.split()):
        if word in _AMBIGUOUS:
            return _AMBIGUOUS[word]
    if pre and post:
        return "it names a currency both before and after the amount"
    currency: str | None = None
    word = pre or post
    if word:
        currency = currency_code(word)
        if currency is None:
            return f"'{word}' is not a currency code or symbol the importer knows"
    amount = parse_amount(m["num"])
    if amount is None:
        return f"'{m['num']}' is not a well-formed number"
    if multiplier is None:
        return Money(amount, currency)
    word, factor = multiplier
    scaled = amount * factor
    return Money(
        scaled.quantize(1) if scaled == scaled.to_integral_value() else scaled, currency, word
    )


def _multiplier(post: str) -> tuple[tuple[str, int] | None, str]:
    """The multiplier that opens the text after the number, and what follows it.

    CJK units stand right before the currency without a space ("3億円"), so the longest
    multiplier that prefixes the text is taken, and a Latin one only as a whole word.
    """
    folded = post.casefold()
    for word in _MULTIPLIERS_LONGEST_FIRST:
        if not folded.startswith(word):
            continue
        rest = post[len(word) :]
        if word.isascii() and rest[:1].isalpha():
            continue  # a word that merely begins like one ("mo" in "month") is no multiplier
        return (post[: len(word)], _MULTIPLIERS[word]), rest.lstrip(". ").strip()
    return None, post


def parse_money(value: CellValue) -> Outcome:
    """A cell to :class:`Money` (the currency stays None unless the cell names one)."""
    if value is None:
        return BLANK
    if isinstance(value, bool):
        return fail(f"'{display(value)}' is not an amount of money")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return fail(f"'{display(value)}' is not an amount of money")
        if value < 0:
            return fail(f"'{display(value)}': a contract value cannot be negative")
        return Outcome(
            Money(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), None)
        )
    if not isinstance(value, str):
        return fail(f"'{display(value)}' is not an amount of money")
    result = parse_money_text(value)
    if isinstance(result, str):
        return fail(f"'{value}' is not an amount of money: {result}")
    if result.abbreviated is not None:
        return warn(
            result,
            f"'{value}' is abbreviated ('{result.abbreviated}'); read as {result.amount:,f}"
            ": check it against the contract",
        )
    return Outcome(result)
