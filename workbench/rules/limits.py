"""Counting obligations against a licence's value and quantity limits (see ``rules.facts``).

Both evaluators find the *draws* their own way (the compiled one with polars joins, the
reference one row by row) and hand them here; admitting them in the documented order is one
short sequential loop that neither can do as a column expression, so it is written once. The
tests compare the evaluators' hits, which proves the draws; the admission rules are tested on
their own (tests/rules/test_limits.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

#: A value fits when it exceeds what is left by less than half a cent: the evaluators compute
#: values pro rata in floating point, so an exact fit must not fail on the last binary digit.
TOLERANCE = 0.005


@dataclass(frozen=True, slots=True)
class Draw:
    """One obligation drawing on one limited licence (see "Licence limits" in ``rules.facts``)."""

    licence_id: int
    obligation_id: int
    day: dt.date
    value: float
    currency: str
    machine_id: int
    number: str
    value_limit: float | None
    limit_currency: str | None
    quantity_limit: int | None


def _money(currency: str | None, amount: float) -> str:
    return f"{currency or '?'} {amount:,.2f}"


def refusals(draws: Iterable[Draw]) -> dict[tuple[int, int], str]:
    """(licence id, obligation id) of each draw not admitted, with the sentence saying why.

    Per licence, draws are taken by day then obligation id; a draw is admitted when its
    machine is already admitted or the quantity limit has room for one more machine, and when
    its value, in the limit's currency, fits in what is left of the value limit.
    """
    per_licence: dict[int, list[Draw]] = {}
    for draw in draws:
        per_licence.setdefault(draw.licence_id, []).append(draw)
    out: dict[tuple[int, int], str] = {}
    for licence_id, found in per_licence.items():
        used = 0.0
        machines: set[int] = set()
        for d in sorted(found, key=lambda d: (d.day, d.obligation_id)):
            reason: str | None = None
            if (
                d.quantity_limit is not None
                and d.machine_id not in machines
                and len(machines) >= d.quantity_limit
            ):
                reason = (
                    f"{d.number}: quantity limit of {d.quantity_limit} machine(s) reached by "
                    "earlier obligations"
                )
            elif d.value_limit is not None and d.currency != d.limit_currency:
                reason = (
                    f"{d.number}: its value limit is in {d.limit_currency or 'no currency'}, "
                    f"the obligation in {d.currency}; without exchange rates it cannot be "
                    "counted against the limit"
                )
            elif d.value_limit is not None and used + d.value > d.value_limit + TOLERANCE:
                limit = _money(d.limit_currency, d.value_limit)
                needs = _money(d.currency, d.value)
                reason = (
                    f"{d.number}: value limit {limit} used up by earlier obligations "
                    f"({_money(d.currency, used)} drawn, this one needs {needs})"
                    if used
                    else f"{d.number}: value limit {limit} is less than this obligation needs "
                    f"({needs})"
                )
            if reason is not None:
                out[(licence_id, d.obligation_id)] = reason
                continue
            if d.value_limit is not None:
                used += d.value
            machines.add(d.machine_id)
    return out


#: Between the sentences of a ``licence_note``; no sentence contains it.
NOTE_SEPARATOR = "; "


def join_notes(notes: Iterable[tuple[str, int, str]]) -> str | None:
    """A hit's ``licence_note`` from (licence number, licence id, sentence): by number, then
    id, each licence once; None when there is none."""
    seen: dict[tuple[str, int], str] = {}
    for number, licence_id, text in notes:
        seen.setdefault((number, licence_id), text)
    return NOTE_SEPARATOR.join(seen[k] for k in sorted(seen)) or None
