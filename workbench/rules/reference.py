"""The reference evaluator: a deliberately plain loop over obligations and rules.

It exists to prove the compiled evaluator right (the hypothesis property test runs both on
generated data and demands identical hits), so it shares none of its predicate code: every
predicate is read here straight from the rule model with ordinary Python comparisons on one
row at a time. Slow by design; never used for real runs. It returns no explanations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.enums import Architecture, ProcessType
from workbench.domain.technology import NodeLimits, advanced_node
from workbench.rules.country_groups import CountryGroups, load_country_groups
from workbench.rules.definitions import node_definition
from workbench.rules.facts import (
    conform_facts,
    conform_licences,
    conform_listings,
    conform_ownership,
)
from workbench.rules.hits import HIT_SCHEMA, IDENTITY_COLUMNS, OVER_LIMIT, Evaluation
from workbench.rules.limits import Draw, join_notes, refusals
from workbench.rules.model import (
    LICENCE_EXCEPTION_SYMBOLS,
    LICENSABLE_OUTCOMES,
    AdvancedNode,
    AllOf,
    AnyOf,
    ArchitectureIn,
    CategoryIn,
    ClassificationIn,
    CountryGroupIn,
    CountryIn,
    DateCompare,
    Flag,
    Listed,
    MachineStatusIn,
    ModelIn,
    ModelSetIn,
    NotOf,
    ObligationOverlaps,
    OwnedBy,
    ProcessTypeIn,
    Scope,
    SubjectToEar,
    Threshold,
)
from workbench.rules.packs import ActiveRule

Row = Mapping[str, Any]
#: An open-ended licence, as a date that sorts after every real one.
_FAR_FUTURE = dt.date(9999, 12, 31)


class _Listings:
    def __init__(
        self,
        rows: list[dict[str, Any]],
        as_of: dt.date,
        limits: NodeLimits,
        ownership: list[dict[str, Any]] | None = None,
    ) -> None:
        self.rows = rows
        self.as_of = as_of
        self.limits = limits
        self.ownership = ownership or []

    def _share(self, parent: Any, child: Any) -> float | None:
        """The share ``parent`` holds in ``child`` on the as-of date: the latest record dated
        by then (an undated record counts as the oldest; of equal dates, the last given)."""
        best: dict[str, Any] | None = None
        for r in self.ownership:
            if r["parent_id"] != parent or r["child_id"] != child:
                continue
            if r["as_of"] is not None and r["as_of"] > self.as_of:
                continue
            if best is None or (r["as_of"] or dt.date.min) >= (best["as_of"] or dt.date.min):
                best = r
        return None if best is None else float(best["share_pct"])

    def _listed_customer(self, cid: Any, node: OwnedBy) -> bool:
        for r in self.rows:
            if r["customer_id"] != cid or r["list_code"] not in node.lists:
                continue
            if node.footnotes and r["footnote"] not in node.footnotes:
                continue
            if r["since"] is not None and r["since"] > self.as_of:
                continue
            if r["until"] is not None and r["until"] < self.as_of:
                continue
            return True
        return False

    def owned_pct(self, cid: Any, node: OwnedBy, path: frozenset[Any] = frozenset()) -> float:
        """Share of ``cid`` held by holders that are listed or themselves owned enough, read
        by walking up the owners one at a time (never back through ``path``, a cycle)."""
        total = 0.0
        parents = {r["parent_id"] for r in self.ownership if r["child_id"] == cid}
        for parent in sorted(parents):
            if parent == cid:
                continue
            share = self._share(parent, cid)
            if share is None:
                continue
            # A listed holder counts as it is; only a holder covered by its own owners needs
            # its derivation, and that never has to pass a customer already being derived.
            if self._listed_customer(parent, node) or (
                parent not in path and self.owned_pct(parent, node, path | {cid}) >= node.min_pct
            ):
                total += share
        return total

    def since(self, party_id: Any, on_fab: bool, node: Listed) -> dt.date | None:
        """The day a matching listing of the party counts from (``date.min`` for an undated
        one), or None when no matching listing holds on the as-of date. Rows that follow one
        another without a gap (a replaced policy text whose successor also matches) count as
        one listing from the first one's day."""
        if party_id is None:
            return None
        spans: list[tuple[dt.date, dt.date | None]] = []
        for r in self.rows:
            rid = r["fab_id"] if on_fab else r["customer_id"]
            if rid != party_id or r["list_code"] not in node.lists:
                continue
            if node.footnotes and r["footnote"] not in node.footnotes:
                continue
            policy = (r["licence_policy"] or "").lower()
            if node.policy_contains and not any(p.lower() in policy for p in node.policy_contains):
                continue
            if any(p.lower() in policy for p in node.policy_lacks):
                continue
            day = r["since"] or dt.date.min
            if day > self.as_of:
                continue
            spans.append((day, r["until"]))
        found: dt.date | None = None
        for day, until in spans:
            if until is None or until >= self.as_of:
                found = day if found is None else min(found, day)
        if found is None:
            return None
        earlier = True
        while earlier:
            earlier = False
            for day, until in spans:
                if day < found and until is not None and until + dt.timedelta(days=1) >= found:
                    found = day
                    earlier = True
        return found

    def has(self, party_id: Any, on_fab: bool, node: Listed) -> bool:
        return self.since(party_id, on_fab, node) is not None

    def party_since(self, row: Row, node: Listed) -> dt.date | None:
        days = []
        for party in node.parties:
            if party == "customer":
                days.append(self.since(row["customer_id"], False, node))
            elif party == "fab":
                days.append(self.since(row["fab_id"], True, node))
            else:
                days.append(self.since(row["parent_customer_id"], False, node))
        known = [d for d in days if d is not None]
        return min(known) if known else None


def _compare(left: Any, op: str, right: Any) -> bool:
    if op in ("<", "before"):
        return bool(left < right)
    if op in ("<=", "on_or_before"):
        return bool(left <= right)
    if op in (">", "after"):
        return bool(left > right)
    return bool(left >= right)


def holds(
    node: Scope, row: Row, rule: ActiveRule, groups: CountryGroups, listings: _Listings
) -> bool:
    """Whether one scope node holds for one obligation row."""
    if isinstance(node, AllOf):
        return all(holds(c, row, rule, groups, listings) for c in node.items)
    if isinstance(node, AnyOf):
        return any(holds(c, row, rule, groups, listings) for c in node.items)
    if isinstance(node, NotOf):
        return not holds(node.item, row, rule, groups, listings)
    country = (
        row["fab_country"] if getattr(node, "of", "fab") == "fab" else row["customer_hq_country"]
    )
    if isinstance(node, CountryIn | CountryGroupIn) and country is None:
        return True  # an HQ country nobody stated is a doubt, and a doubt counts
    if isinstance(node, CountryIn):
        return country in node.countries
    if isinstance(node, CountryGroupIn):
        return any(country in groups.members.get(g, ()) for g in node.groups)
    if isinstance(node, AdvancedNode):
        pt, arch = row["process_type"], row["architecture"]
        adv = advanced_node(
            ProcessType(pt) if pt is not None else None,
            row["logic_node_nm"],
            Architecture(arch) if arch is not None else None,
            row["dram_half_pitch_nm"],
            row["nand_layers"],
            listings.limits,
        )
        if adv is None:
            adv = row["advanced_node"]
        return node.unknown_counts if adv is None else bool(adv)
    if isinstance(node, ProcessTypeIn):
        return row["process_type"] in [v.value for v in node.values]
    if isinstance(node, ArchitectureIn):
        return row["architecture"] in [v.value for v in node.values]
    if isinstance(node, CategoryIn):
        return row["category"] == "unknown" or row["category"] in [v.value for v in node.values]
    if isinstance(node, MachineStatusIn):
        return row["machine_status"] in [v.value for v in node.values]
    if isinstance(node, ModelIn):
        return row["vendor"] == node.vendor and row["model_code"] in node.codes
    if isinstance(node, ModelSetIn):
        return (row["vendor"], row["model_code"]) in rule.model_sets.get(node.name, ())
    if isinstance(node, ClassificationIn):
        code = row["class_" + node.regime.value.lower()]
        if code is None:
            return False
        for wanted in node.codes:
            if code == wanted:
                return True
            # Dotted sub-paragraphs: 3B001.f covers 3B001.f.1.b but not 3B001.fx.
            if node.match == "prefix" and code.split(".")[: len(wanted.split("."))] == wanted.split(
                "."
            ):
                return True
            if node.match == "starts" and code[: len(wanted)] == wanted:
                return True
        return False
    if isinstance(node, Threshold):
        value = row[node.field]
        return node.unknown_counts if value is None else _compare(value, node.op, node.value)
    if isinstance(node, Listed):
        found = False
        for party in node.parties:
            if party == "customer":
                found |= listings.has(row["customer_id"], False, node)
            elif party == "fab":
                found |= listings.has(row["fab_id"], True, node)
            else:
                found |= listings.has(row["parent_customer_id"], False, node)
        return found
    if isinstance(node, OwnedBy):
        cid = row["customer_id"]
        return cid is not None and listings.owned_pct(cid, node) >= node.min_pct
    if isinstance(node, Flag):
        flag = row[node.field]
        return node.unknown_counts if flag is None else bool(flag)
    if isinstance(node, SubjectToEar):
        origin, content = row["us_origin"], row["us_content_pct"]
        direct = row["us_direct_product"] if node.direct_product else False
        if origin is True or (content is not None and content > node.de_minimis_pct):
            return True
        if direct is True:
            return True
        if origin is None or content is None or direct is None:
            return node.unknown_counts
        return False
    if isinstance(node, DateCompare):
        day = rule.effective if node.date == "effective" else node.date
        value = row[node.field]
        return node.unknown_counts if value is None else _compare(value, node.op, day)
    if isinstance(node, ObligationOverlaps):
        day = rule.effective if node.date == "effective" else node.date
        start = row["obligation_start"]
        return bool((start is None or start <= day) and day <= row["obligation_end"])
    raise TypeError(f"not a predicate: {type(node).__name__}")


def _listed_conjuncts(node: Scope) -> list[Listed]:
    if isinstance(node, Listed):
        return [node]
    if isinstance(node, AllOf):
        out: list[Listed] = []
        for c in node.items:
            out += _listed_conjuncts(c)
        return out
    return []


def _first_affected(row: Row, rule: ActiveRule, listings: _Listings) -> dt.date | None:
    """First affected day, or None when exempt or when the obligation is over by then."""
    start = row["obligation_start"]
    first = rule.binding if start is None else max(rule.binding, start)
    for node in _listed_conjuncts(rule.rule.scope):
        since = listings.party_since(row, node)
        if since is not None:
            first = max(first, since)
    for g in rule.rule.exceptions.grandfathering:
        basis = row[g.basis]
        if basis is not None and basis < g.before:
            if g.until is None:
                return None
            first = max(first, g.until + dt.timedelta(days=1))
    return first if first <= row["obligation_end"] else None


def _model_in_scope(codes: Sequence[str], model: str) -> bool:
    """A licence's model scope: a model code, or a family prefix ending in ``*``; any case."""
    wanted = model.upper()
    for code in codes:
        entry = code.upper()
        if entry.endswith("*") and wanted.startswith(entry[:-1]):
            return True
        if entry == wanted:
            return True
    return False


def _class_in_scope(entries: Sequence[str], code: str | None) -> bool:
    """A licence's classification scope: 3B001 covers 3B001.f.1, never 3B0010; any case."""
    if code is None:
        return False
    parts = code.upper().split(".")
    for entry in entries:
        wanted = entry.upper().split(".")
        if parts[: len(wanted)] == wanted:
            return True
    return False


def _in_scope(lic: Mapping[str, Any], row: Row, jurisdiction: str) -> bool:
    """Whether a licence row's scope (records, service type, model, classification) takes in
    the obligation; validity dates are checked by the caller."""
    if lic["customer_id"] is not None and lic["customer_id"] != row["customer_id"]:
        return False
    if lic["fab_id"] is not None and lic["fab_id"] != row["fab_id"]:
        return False
    if lic["machine_id"] is not None and lic["machine_id"] != row["machine_id"]:
        return False
    if lic["service_types"] and row["service_type"] not in lic["service_types"]:
        return False
    if lic["model_codes"] and not _model_in_scope(lic["model_codes"], row["model_code"]):
        return False
    if lic["classifications"]:
        column = "class_" + jurisdiction.lower()
        if not _class_in_scope(lic["classifications"], row.get(column)):
            return False
    return True


def _covered_until(spans: Sequence[tuple[dt.date, dt.date]], check: dt.date) -> dt.date | None:
    """The last day of the unbroken stretch from ``check`` that the (valid from, valid to)
    spans cover (a renewal that starts the day after continues it), or None when no span
    covers ``check``."""
    until: dt.date | None = None
    for start, end in spans:
        if start <= check <= end and (until is None or end > until):
            until = end
    if until is None:
        return None
    grew = True
    while grew:
        grew = False
        for start, end in spans:
            if start - dt.timedelta(days=1) <= until < end:
                until = end
                grew = True
    return until


def _honoured(row: Row, rule: ActiveRule, licences: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The licence rows the rule lets count whose scope takes in the obligation."""
    ex = rule.rule.exceptions
    available = [s.upper() for s in ex.licence_exceptions]
    honoured: list[dict[str, Any]] = []
    for lic in licences:
        if lic["jurisdiction"] != rule.rule.jurisdiction:
            continue
        symbol = (lic["number"] or "").strip().upper()
        if symbol in LICENCE_EXCEPTION_SYMBOLS:
            if symbol not in available:
                continue
        elif not ex.licences_on_file:
            continue
        if _in_scope(lic, row, rule.rule.jurisdiction):
            honoured.append(lic)
    return honoured


def _cover(
    honoured: Sequence[Mapping[str, Any]], check: dt.date, end: dt.date
) -> tuple[str, str | None, dt.date | None]:
    """Coverage, licence numbers and covered-until day (None: open-ended) from these rows."""
    spans = [(lic["valid_from"], lic["valid_to"] or _FAR_FUTURE) for lic in honoured]
    until = _covered_until(spans, check)
    if until is None:
        return "none", None, None
    numbers = {
        lic["number"]
        for lic, (start, stop) in zip(honoured, spans, strict=True)
        if start <= until and stop >= check
    }
    coverage = "covered" if until >= end else "expires_before_end"
    return coverage, ", ".join(sorted(numbers)), None if until == _FAR_FUTURE else until


def _draws(pending: Sequence[Mapping[str, Any]], licensable: set[str]) -> list[Draw]:
    """Every obligation's draw on every limited licence it would use (see ``rules.facts``):
    the part of its affected period inside the licence's validity, valued pro rata."""
    found: dict[tuple[int, int], Draw] = {}
    for hit in pending:
        if hit["rule"].rule.outcome.value not in licensable:
            continue
        row, first, end = hit["row"], hit["first"], hit["row"]["obligation_end"]
        for lic in hit["honoured"]:
            if lic["value_limit"] is None and lic["quantity_limit"] is None:
                continue
            start = max(first, lic["valid_from"])
            stop = min(end, lic["valid_to"] or _FAR_FUTURE)
            if start > stop:
                continue
            part = hit["value_at_risk"] * ((stop - start).days + 1) / ((end - first).days + 1)
            key = (lic["licence_id"], row["obligation_id"])
            before = found.get(key)
            if before is not None:
                start, part = min(start, before.day), max(part, before.value)
            found[key] = Draw(
                lic["licence_id"],
                row["obligation_id"],
                start,
                part,
                row["currency"],
                row["machine_id"],
                lic["number"],
                lic["value_limit"],
                lic["limit_currency"],
                lic["quantity_limit"],
            )
    return list(found.values())


def _after_expiry(
    first: dt.date, value_at_risk: float, valid_to: dt.date, end: dt.date
) -> tuple[dt.date, float]:
    """First affected day and value at risk of a licensable hit whose licence ends before
    the obligation: from the day after expiry, the value pro rata over what is left."""
    moved = valid_to + dt.timedelta(days=1)
    return moved, value_at_risk * float((end - moved).days + 1) / float((end - first).days + 1)


def evaluate_reference(
    facts: pl.DataFrame,
    listings: pl.DataFrame,
    licences: pl.DataFrame,
    rules: Sequence[ActiveRule],
    as_of: dt.date,
    *,
    groups: CountryGroups | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    ownership: pl.DataFrame | None = None,
) -> Evaluation:
    facts = conform_facts(facts)
    groups = groups or load_country_groups(as_of)
    listed = _Listings(
        conform_listings(listings).to_dicts(),
        as_of,
        node_definition(as_of).limits,
        conform_ownership(ownership).to_dicts(),
    )
    held = conform_licences(licences).to_dicts()
    licensable = {o.value for o in LICENSABLE_OUTCOMES}
    pending: list[dict[str, Any]] = []
    total = facts.height
    for n, row in enumerate(facts.iter_rows(named=True)):
        if n % 10_000 == 0:
            if cancel is not None:
                cancel.raise_if_cancelled()
            if progress is not None:
                progress(n, total)
        for rule in rules:
            r = rule.rule
            if row["service_type"] not in r.activities:
                continue
            if not holds(r.scope, row, rule, groups, listed):
                continue
            first = _first_affected(row, rule, listed)
            if first is None:
                continue
            start = row["obligation_start"]
            # An unknown start: nothing says how much was served, so all of it is at risk.
            remaining = (row["obligation_end"] - first).days + 1
            days = remaining if start is None else max(1, (row["obligation_end"] - start).days + 1)
            value_at_risk = row["obligation_value"] * float(remaining) / float(days)
            pending.append(
                {
                    "row": row,
                    "rule": rule,
                    "first": first,
                    "value_at_risk": value_at_risk,
                    "honoured": _honoured(row, rule, held),
                }
            )
    refused = refusals(_draws(pending, licensable))
    records: list[dict[str, Any]] = []
    for hit in pending:
        row, rule, first = hit["row"], hit["rule"], hit["first"]
        value_at_risk = hit["value_at_risk"]
        r = rule.rule
        end = row["obligation_end"]
        check = min(max(first, as_of), end)
        honoured = hit["honoured"]
        oid = row["obligation_id"]
        kept = [lic for lic in honoured if (lic["licence_id"], oid) not in refused]
        note = join_notes(
            (lic["number"], lic["licence_id"], refused[(lic["licence_id"], oid)])
            for lic in honoured
            if (lic["licence_id"], oid) in refused
        )
        coverage, numbers, valid_to = _cover(kept, check, end)
        if coverage == "none" and note is not None and _cover(honoured, check, end)[0] != "none":
            coverage = OVER_LIMIT
        outcome = r.outcome.value
        final = "licensed" if coverage == "covered" and outcome in licensable else outcome
        if coverage == "expires_before_end" and outcome in licensable and valid_to:
            first, value_at_risk = _after_expiry(first, value_at_risk, valid_to, end)
        records.append(
            {
                **{c: row[c] for c in IDENTITY_COLUMNS},
                "rule_id": r.id,
                "rule_version": r.version,
                "pack": rule.pack,
                "jurisdiction": r.jurisdiction,
                "outcome": outcome,
                "final_outcome": final,
                "first_affected": first,
                "value_at_risk": value_at_risk,
                "licence_coverage": coverage,
                "licence_numbers": numbers,
                "licence_valid_to": valid_to,
                "licence_note": note,
            }
        )
    if progress is not None:
        progress(total, total)
    records.sort(key=lambda h: (h["obligation_id"], h["rule_id"]))
    hits = (
        pl.DataFrame(records, schema=HIT_SCHEMA, orient="row")
        if records
        else pl.DataFrame(schema=HIT_SCHEMA)
    )
    return Evaluation(hits, as_of, groups.describe())
