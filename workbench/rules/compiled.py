"""The fast evaluator: every rule's predicate tree compiled to polars expressions.

One lazy query per rule filters the facts frame with the rule's mask and only then builds the
explanation texts, so string work is paid for hit rows alone; queries run in batches through
``pl.collect_all`` (polars parallelises them) with progress and cancel between batches.
Every leaf mask is null-free (unknown facts are False unless the predicate says unknown counts),
so ``not`` is plain two-valued logic, exactly as the reference evaluator reads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce

import polars as pl

from workbench.domain.cancel import CancelToken, Progress
from workbench.domain.enums import EquipmentCategory
from workbench.rules.country_groups import CountryGroups, load_country_groups
from workbench.rules.definitions import NodeDefinition, node_definition
from workbench.rules.facts import (
    CLASS_COLUMNS,
    conform_facts,
    conform_licences,
    conform_listings,
    conform_ownership,
)
from workbench.rules.hits import (
    COVERED,
    EXPIRES_BEFORE_END,
    HIT_SCHEMA,
    IDENTITY_COLUMNS,
    LICENSED,
    NO_LICENCE,
    OVER_LIMIT,
    Evaluation,
    empty_explanations,
    empty_hits,
)
from workbench.rules.limits import NOTE_SEPARATOR, Draw, refusals
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

_BATCH = 8
_ENCODED = (
    "fab_country", "customer_hq_country", "process_type", "architecture", "category",
    "machine_status", "vendor", "model_code", "class_us", "class_eu", "class_nl", "class_jp",
    "class_kr", "service_type",
)  # fmt: skip
_FAR_FUTURE = dt.date(9999, 12, 31)

_COUNTRY_COL = {
    "fab": ("fab_country", "fab country"),
    "customer_hq": ("customer_hq_country", "customer HQ country"),
}
_SET_COL = {
    ProcessTypeIn: ("process_type", "fab process type"),
    ArchitectureIn: ("architecture", "fab architecture"),
    CategoryIn: ("category", "tool category"),
    MachineStatusIn: ("machine_status", "machine status"),
}
THRESHOLD_LABELS = {
    "logic_node_nm": ("fab logic node", " nm"),
    "dram_half_pitch_nm": ("fab DRAM half-pitch", " nm"),
    "nand_layers": ("fab NAND layers", ""),
    "overlay_nm": ("tool overlay", " nm"),
    "wavelength_nm": ("tool wavelength", " nm"),
    "numerical_aperture": ("tool NA", ""),
    "wafer_size_mm": ("fab wafer size", " mm"),
    "us_content_pct": ("tool US-origin content", " %"),
}
FLAG_LABELS = {
    "us_person": "US persons take part in the service",
    "us_origin": "model is US-origin",
    "us_direct_product": "model is a direct product of US technology, software or plant",
}
_DAY_ZERO = dt.date(1, 1, 1)
DATE_LABELS = {
    "ship_date": "machine shipped",
    "install_date": "machine installed",
    "contract_signed": "contract signed",
}
DATE_OPS = {
    "before": "before",
    "on_or_before": "on or before",
    "after": "after",
    "on_or_after": "on or after",
}


def braces(values: Sequence[str]) -> str:
    return "{" + ", ".join(values) + "}"


def describe_listing(node: Listed) -> str:
    fn = f" with {'/'.join(node.footnotes)}" if node.footnotes else ""
    policy = f", policy: {' / '.join(node.policy_contains)}" if node.policy_contains else ""
    lacks = f", policy without: {' / '.join(node.policy_lacks)}" if node.policy_lacks else ""
    return f"{'/'.join(node.lists)}{fn}{policy}{lacks}"


_ListingKey = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@dataclass
class _Context:
    as_of: dt.date
    groups: CountryGroups
    listings: pl.DataFrame
    facts: pl.DataFrame
    node: NodeDefinition = field(default_factory=lambda: node_definition(dt.date.max))
    ownership: pl.DataFrame = field(default_factory=lambda: conform_ownership(None))
    _values: dict[str, list[str]] = field(default_factory=dict)
    _owned_cache: dict[tuple[tuple[str, ...], tuple[str, ...], float], dict[int, str]] = field(
        default_factory=dict
    )
    _listing_cache: dict[_ListingKey, dict[int, str]] = field(default_factory=dict)
    _since_cache: dict[_ListingKey, dict[int, dt.date]] = field(default_factory=dict)

    def matching_codes(self, column: str, node: ClassificationIn) -> list[str]:
        """The codes present in ``column`` that the predicate accepts.

        Prefix matching runs over the few distinct codes, not the million rows; the row test
        becomes one categorical ``is_in``.
        """
        if column not in self._values:
            self._values[column] = (
                self.facts[column].drop_nulls().unique().cast(pl.String).to_list()
            )
        wanted = set(node.codes)
        prefixes = tuple(c + "." for c in node.codes)
        starts = tuple(node.codes)
        return [
            v
            for v in self._values[column]
            if v in wanted
            or (node.match == "prefix" and v.startswith(prefixes))
            or (node.match == "starts" and v.startswith(starts))
        ]

    def names(self, lists: Sequence[str]) -> dict[int, str]:
        """Names of listed customers, for parents, whose names the facts do not carry."""
        return _names(self.listings, lists)

    def listed_since(self, party: str, node: Listed) -> dict[int, dt.date]:
        """Listed party ids -> the earliest date a matching listing counts from (an undated
        listing counts from the start, so it moves nothing)."""
        self.listed(party, node)
        return self._since_cache[self._key(party, node)]

    @staticmethod
    def _key(party: str, node: Listed) -> _ListingKey:
        return (
            party,
            tuple(node.lists),
            tuple(node.footnotes),
            tuple(node.policy_contains),
            tuple(node.policy_lacks),
        )

    def listed(self, party: str, node: Listed) -> dict[int, str]:
        """Listed party ids -> what their matching listings say ("entity_list FN5"), counting
        only listings that hold on the as-of date: dated on or before it (a party listed later
        is not yet) and not ended before it (a row whose policy text was replaced)."""
        lists, footnotes, policies = node.lists, node.footnotes, node.policy_contains
        key = self._key(party, node)
        if key not in self._listing_cache:
            id_col = "fab_id" if party == "fab" else "customer_id"
            cond = (
                pl.col(id_col).is_not_null()
                & pl.col("list_code").is_in(list(lists))
                & (pl.col("since").is_null() | (pl.col("since") <= pl.lit(self.as_of)))
            )
            if footnotes:
                cond &= pl.col("footnote").is_in(list(footnotes))
            policy = pl.col("licence_policy").str.to_lowercase()
            if policies:
                cond &= reduce(
                    lambda a, b: a | b,
                    (policy.str.contains(p.lower(), literal=True) for p in policies),
                ).fill_null(False)
            if node.policy_lacks:
                cond &= ~reduce(
                    lambda a, b: a | b,
                    (policy.str.contains(p.lower(), literal=True) for p in node.policy_lacks),
                ).fill_null(False)
            since = pl.col("since").dt.to_string("%Y-%m-%d")
            matching = self.listings.filter(cond)
            holds = pl.col("until").is_null() | (pl.col("until") >= pl.lit(self.as_of))
            rows = (
                matching.filter(holds)
                .with_columns(
                    entry=pl.concat_str(
                        [
                            pl.col("list_code"),
                            pl.col("footnote"),
                            pl.when(since.is_not_null()).then(pl.lit("since ") + since),
                        ],
                        separator=" ",
                        ignore_nulls=True,
                    )
                )
                .group_by(id_col)
                .agg(pl.col("entry").unique().sort().str.join(", "))
            )
            self._listing_cache[key] = dict(
                zip(rows[id_col].to_list(), rows["entry"].to_list(), strict=True)
            )
            self._since_cache[key] = _unbroken_since(matching, id_col, self.as_of)
        return self._listing_cache[key]

    def owned(self, node: OwnedBy) -> dict[int, str]:
        """Customers owned ``min_pct`` % or more by listed parties -> how ("55 % by parties on
        entity_list: SMIC holds 30 %; Huawei holds 25 %", "SMIC holds 51 % via Y").

        Set-based fixpoint over the (small) ownership graph: the holders start as the listed
        parties; each round adds every customer whose shares held by holders sum to the limit,
        until a round adds none. Each customer keeps the round it was added in, so the chain
        shown for a holder always leads down to a listed party without going round a cycle.
        """
        key = (tuple(node.lists), tuple(node.footnotes), node.min_pct)
        if key in self._owned_cache:
            return self._owned_cache[key]
        cond = (
            pl.col("customer_id").is_not_null()
            & pl.col("list_code").is_in(list(node.lists))
            & (pl.col("since").is_null() | (pl.col("since") <= pl.lit(self.as_of)))
            & (pl.col("until").is_null() | (pl.col("until") >= pl.lit(self.as_of)))
        )
        if node.footnotes:
            cond &= pl.col("footnote").is_in(list(node.footnotes))
        listed = self.listings.filter(cond)
        names: dict[int, str] = {}
        for cid, party in listed.select("customer_id", "party_name").iter_rows():
            if party:
                names.setdefault(cid, party)
        shares = (
            self.ownership.filter(
                (pl.col("as_of").is_null() | (pl.col("as_of") <= self.as_of))
                & (pl.col("parent_id") != pl.col("child_id"))
            )
            .with_row_index("__n")
            .sort(["parent_id", "child_id", "as_of", "__n"], nulls_last=False)
            .unique(subset=["parent_id", "child_id"], keep="last", maintain_order=True)
        )
        for pid, pname, cid, cname in shares.select(
            "parent_id", "parent_name", "child_id", "child_name"
        ).iter_rows():
            if pname:
                names.setdefault(pid, pname)
            if cname:
                names.setdefault(cid, cname)
        level = dict.fromkeys(listed["customer_id"].to_list(), 0)
        totals: dict[int, float] = {}
        while True:
            agg = (
                shares.filter(pl.col("parent_id").is_in(list(level)))
                .group_by("child_id")
                .agg(pl.col("share_pct").sum())
                .filter(pl.col("share_pct") >= node.min_pct)
            )
            totals = dict(zip(agg["child_id"].to_list(), agg["share_pct"].to_list(), strict=True))
            added = [c for c in totals if c not in level]
            if not added:
                break
            depth = max(level.values(), default=0) + 1
            level.update(dict.fromkeys(added, depth))
        holders = shares.filter(pl.col("parent_id").is_in(list(level)))
        by_child: dict[int, list[tuple[int, float]]] = {}
        for pid, cid, pct in holders.select("parent_id", "child_id", "share_pct").iter_rows():
            by_child.setdefault(cid, []).append((pid, pct))

        def name(cid: int) -> str:
            return names.get(cid, f"customer #{cid}")

        def root_path(holder: int) -> list[int]:
            """From a holder down to a listed party, each step to its largest earlier holder."""
            path = [holder]
            while level.get(path[-1], 0) > 0 and path[-1] in by_child:
                earlier = [
                    (pct, -pid) for pid, pct in by_child[path[-1]] if level[pid] < level[path[-1]]
                ]
                path.append(-max(earlier)[1])
            return path

        def share(pct: float) -> str:
            return f"{pct:.2f}".rstrip("0").rstrip(".")

        lists = "/".join(node.lists)
        out: dict[int, str] = {}
        for cid, total in totals.items():
            parts = []
            for pid, pct in sorted(by_child.get(cid, []), key=lambda h: (-h[1], h[0])):
                path = root_path(pid)
                via = (
                    " via " + " → ".join(name(p) for p in reversed(path[:-1]))
                    if len(path) > 1
                    else ""
                )
                parts.append(f"{name(path[-1])} holds {share(pct)} %{via}")
            out[cid] = f"{share(total)} % by parties on {lists}: " + "; ".join(parts)
        self._owned_cache[key] = out
        return out


def _unbroken_since(matching: pl.DataFrame, id_col: str, as_of: dt.date) -> dict[int, dt.date]:
    """Per party holding a matching row on ``as_of``: the first day of the unbroken run of
    matching rows that reaches it (an undated row starts at day zero). A row ending the day
    before a later matching row starts (a policy text replaced by one that also matches)
    continues the run, so SMIC stays listed from 2020 when its row's text changed in 2024."""
    spans: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for pid, since, until in matching.select(id_col, "since", "until").iter_rows():
        spans.setdefault(pid, []).append((since or _DAY_ZERO, until))
    out: dict[int, dt.date] = {}
    for pid, rows in spans.items():
        holding = [s for s, u in rows if u is None or u >= as_of]
        if not holding:
            continue
        start = min(holding)
        moved = True
        while moved:
            moved = False
            for s, u in rows:
                if s < start and u is not None and u >= start - dt.timedelta(days=1):
                    start, moved = s, True
        out[pid] = start
    return out


def _names(listings: pl.DataFrame, lists: Sequence[str]) -> dict[int, str]:
    rows = (
        listings.filter(
            pl.col("customer_id").is_not_null() & pl.col("list_code").is_in(list(lists))
        )
        .group_by("customer_id")
        .agg(pl.col("party_name").drop_nulls().min())
        .filter(pl.col("party_name").is_not_null())
    )
    return dict(zip(rows["customer_id"].to_list(), rows["party_name"].to_list(), strict=True))


def _str(col: str) -> pl.Expr:
    return pl.col(col).cast(pl.String).fill_null("unknown")


def _num(e: pl.Expr) -> pl.Expr:
    whole = e.round(0)
    return (
        pl.when(e.is_null())
        .then(pl.lit("unknown"))
        .when(e == whole)
        .then(whole.cast(pl.Int64).cast(pl.String))
        .otherwise(e.cast(pl.String))
    )


def _date_text(e: pl.Expr) -> pl.Expr:
    return e.dt.to_string("%Y-%m-%d").fill_null("unknown")


def _text(*parts: pl.Expr | str) -> pl.Expr:
    return pl.concat_str([p if isinstance(p, pl.Expr) else pl.lit(p) for p in parts])


def _only_if(cond: pl.Expr, value: pl.Expr) -> pl.Expr:
    """``value`` where ``cond`` holds, else null (dropped from an explanation)."""
    out: pl.Expr = pl.when(cond).then(value)
    return out


def _resolve_date(value: dt.date | str, rule: ActiveRule) -> dt.date:
    return rule.effective if value == "effective" else value  # type: ignore[return-value]


def _date_cmp(col: pl.Expr, op: str, day: dt.date) -> pl.Expr:
    d = pl.lit(day)
    return {"before": col < d, "on_or_before": col <= d, "after": col > d, "on_or_after": col >= d}[
        op
    ]


def _num_cmp(col: pl.Expr, op: str, value: float) -> pl.Expr:
    v = pl.lit(value)
    return {"<": col < v, "<=": col <= v, ">": col > v, ">=": col >= v}[op]


def _party_exprs(party: str) -> tuple[pl.Expr, pl.Expr]:
    if party == "customer":
        return pl.col("customer_id"), _text("customer ", _str("customer_name"))
    if party == "fab":
        return pl.col("fab_id"), _text("fab ", _str("fab_name"))
    return pl.col("parent_customer_id"), pl.lit("parent customer")


def _country(
    node: CountryIn | CountryGroupIn, members: Sequence[str], described: str
) -> tuple[pl.Expr, pl.Expr]:
    """A fab's country is always known; a customer's HQ may be unknown or inferred.

    An unknown HQ counts (a doubt is never a clean result) and says so; an inferred one is
    tested as it is and the statement says where it came from.
    """
    col, label = _COUNTRY_COL[node.of]
    inside = pl.col(col).is_in(list(members))
    if node.of != "customer_hq":
        return inside.fill_null(False), _text(f"{label} ", _str(col), f" in {described}")
    basis = pl.col("customer_hq_basis")
    value = (
        pl.when(pl.col(col).is_null())
        .then(pl.lit("unknown (counted as a doubt)"))
        .when(basis == "inferred")
        .then(_text(pl.col(col), " (inferred from the fabs' location)"))
        .otherwise(pl.col(col))
    )
    return inside.fill_null(True), _text(f"{label} ", value, f" in {described}")


def leaf(node: Scope, rule: ActiveRule, ctx: _Context) -> tuple[pl.Expr, pl.Expr]:
    """(mask, statement) of one predicate: the mask never null, the statement states the
    predicate with the row's actual value."""
    if isinstance(node, CountryIn):
        return _country(node, node.countries, braces(node.countries))
    if isinstance(node, CountryGroupIn):
        members = sorted(ctx.groups.union(node.groups))
        groups = node.groups[0] if len(node.groups) == 1 else f"any of {braces(node.groups)}"
        return _country(node, members, f"{groups} ({ctx.groups.describe()})")
    if isinstance(node, AdvancedNode):
        adv = _advanced_node(ctx.node)
        counts = "counts" if node.unknown_counts else "does not count"
        word = (
            pl.when(adv.is_null())
            .then(pl.lit(f"unknown technology {counts}"))
            .when(adv)
            .then(pl.lit("yes"))
            .otherwise(pl.lit("no"))
        )
        return adv.fill_null(node.unknown_counts), _text(
            "fab ", _str("fab_name"), " advanced-node: ", word, f" ({ctx.node.describe()})"
        )
    if isinstance(node, CategoryIn):
        # A model the import could not place has category "unknown": a doubt, never clean.
        values = [v.value for v in node.values]
        unknown = pl.col("category") == EquipmentCategory.UNKNOWN.value
        shown = (
            pl.when(unknown)
            .then(pl.lit("unknown (counted as a doubt)"))
            .otherwise(_str("category"))
        )
        return (
            (pl.col("category").is_in(values) | unknown).fill_null(False),
            _text("tool category ", shown, f" in {braces(values)}"),
        )
    if isinstance(node, ProcessTypeIn | ArchitectureIn | MachineStatusIn):
        col, label = _SET_COL[type(node)]
        values = [v.value for v in node.values]
        return (
            pl.col(col).is_in(values).fill_null(False),
            _text(f"{label} ", _str(col), f" in {braces(values)}"),
        )
    if isinstance(node, ModelIn):
        keys = [f"{node.vendor} {c}" for c in node.codes]
        return (
            ((pl.col("vendor") == node.vendor) & pl.col("model_code").is_in(node.codes)).fill_null(
                False
            ),
            _text("model ", _str("vendor"), " ", _str("model_code"), f" in {braces(keys)}"),
        )
    if isinstance(node, ModelSetIn):
        by_vendor: dict[str, list[str]] = {}
        for vendor, code in sorted(rule.model_sets.get(node.name, frozenset())):
            by_vendor.setdefault(vendor, []).append(code)
        in_set = reduce(
            lambda a, b: a | b,
            (
                (pl.col("vendor") == v) & pl.col("model_code").is_in(codes)
                for v, codes in by_vendor.items()
            ),
            pl.lit(False),
        )
        title = rule.model_set_titles.get(node.name, node.name)
        return (
            in_set.fill_null(False),
            _text("model ", _str("vendor"), " ", _str("model_code"), f" in {title}"),
        )
    if isinstance(node, ClassificationIn):
        cls = pl.col(CLASS_COLUMNS[node.regime.value])
        relation = {"prefix": "under", "exact": "in", "starts": "in group"}[node.match]
        return (
            cls.is_in(ctx.matching_codes(CLASS_COLUMNS[node.regime.value], node)).fill_null(False),
            _text(
                f"{node.regime.value} classification ",
                cls.cast(pl.String).fill_null("none"),
                f" {relation} {braces(node.codes)}",
            ),
        )
    if isinstance(node, Threshold):
        label, unit = THRESHOLD_LABELS[node.field]
        value = pl.col(node.field)
        counts = " (unknown counts)" if node.unknown_counts else ""
        suffix = pl.when(value.is_null()).then(pl.lit(counts)).otherwise(pl.lit(unit))
        return (
            _num_cmp(value, node.op, node.value).fill_null(node.unknown_counts),
            _text(f"{label} ", _num(value), suffix, f" {node.op} {node.value:g}{unit}"),
        )
    if isinstance(node, Listed):
        masks = []
        for party in node.parties:
            ids = ctx.listed(party, node)
            masks.append(_party_exprs(party)[0].is_in(list(ids)).fill_null(False))
        who = [_party_exprs(p)[1] for p in node.parties]
        statement = _text(
            pl.concat_str(who, separator=" or "),
            f" on {describe_listing(node)}",
        )
        return reduce(lambda a, b: a | b, masks), statement
    if isinstance(node, OwnedBy):
        owned = ctx.owned(node)
        customer = pl.col("customer_id")
        how = customer.replace_strict(owned, default=None, return_dtype=pl.String())
        return (
            customer.is_in(list(owned)).fill_null(False),
            _text(
                "customer ",
                _str("customer_name"),
                f" owned {node.min_pct:g} % or more: ",
                how.fill_null("no listed owners holding enough"),
            ),
        )
    if isinstance(node, Flag):
        value = pl.col(node.field)
        counts = "counts" if node.unknown_counts else "does not count"
        word = (
            pl.when(value.is_null())
            .then(pl.lit(f"unknown ({counts})"))
            .when(value)
            .then(pl.lit("yes"))
            .otherwise(pl.lit("no"))
        )
        return value.fill_null(node.unknown_counts), _text(f"{FLAG_LABELS[node.field]}: ", word)
    if isinstance(node, SubjectToEar):
        return _subject_to_ear(node)
    if isinstance(node, DateCompare):
        day = _resolve_date(node.date, rule)
        when = pl.col(node.field)
        return (
            _date_cmp(when, node.op, day).fill_null(node.unknown_counts),
            _text(
                f"{DATE_LABELS[node.field]} ",
                _date_text(when),
                f" {DATE_OPS[node.op]} {day.isoformat()}",
            ),
        )
    if isinstance(node, ObligationOverlaps):
        day = _resolve_date(node.date, rule)
        start, end = pl.col("obligation_start"), pl.col("obligation_end")
        # An unknown start (the import did not state it) counts as begun.
        return (
            ((start.is_null() | (start <= pl.lit(day))) & (end >= pl.lit(day))).fill_null(False),
            _text(
                "obligation ",
                _date_text(start),
                " to ",
                _date_text(end),
                f" spans {day.isoformat()}",
            ),
        )
    raise TypeError(f"not a predicate: {type(node).__name__}")


def _advanced_node(definition: NodeDefinition) -> pl.Expr:
    """The advanced-node test of ``definition`` on the fab's technology columns; where they
    cannot decide it (unknown technology), the fab's recorded answer stands."""
    limits = definition.limits
    process = pl.col("process_type").cast(pl.String)
    logic = process.is_in(["logic", "foundry"])
    non_planar = (
        pl.col("architecture").cast(pl.String).is_in(["finfet", "gaa"])
        if limits.non_planar
        else pl.lit(False)
    )
    node, unknown = pl.col("logic_node_nm"), pl.lit(None, dtype=pl.Boolean)
    computed = (
        pl.when(process.is_null())
        .then(unknown)
        .when(logic & non_planar)
        .then(pl.lit(True))
        .when(logic)
        .then(node <= pl.lit(limits.logic_node_nm))
        .when(process == "dram")
        .then(pl.col("dram_half_pitch_nm") <= pl.lit(limits.dram_half_pitch_nm))
        .when(process == "nand")
        .then(pl.col("nand_layers") >= pl.lit(limits.nand_layers))
        .otherwise(pl.lit(False))
    )
    return pl.coalesce(computed, pl.col("advanced_node"))


def _subject_to_ear(node: SubjectToEar) -> tuple[pl.Expr, pl.Expr]:
    origin, content = pl.col("us_origin"), pl.col("us_content_pct")
    direct = pl.col("us_direct_product")
    over = content > pl.lit(node.de_minimis_pct)
    yes = origin.fill_null(False) | over.fill_null(False)
    known = origin.is_not_null() & content.is_not_null()
    if node.direct_product:
        yes = yes | direct.fill_null(False)
        known = known & direct.is_not_null()
    counts = " (unknown counts)" if node.unknown_counts else ""
    verdict = pl.when(yes).then(True).when(known).then(False).otherwise(node.unknown_counts)

    def word(e: pl.Expr) -> pl.Expr:
        return (
            pl.when(e.is_null())
            .then(pl.lit("unknown"))
            .when(e)
            .then(pl.lit("yes"))
            .otherwise(pl.lit("no"))
        )

    parts: list[pl.Expr | str] = [
        "model subject to the EAR: US-origin ",
        word(origin),
        ", US content ",
        _num(content),
        pl.when(content.is_null()).then(pl.lit("")).otherwise(pl.lit(" %")),
        f" (de minimis {node.de_minimis_pct:g} %)",
    ]
    if node.direct_product:
        parts += [", US direct product ", word(direct)]
    parts.append(pl.when(yes | known).then(pl.lit("")).otherwise(pl.lit(counts)))
    return verdict, _text(*parts)


def mask(node: Scope, rule: ActiveRule, ctx: _Context) -> pl.Expr:
    if isinstance(node, AllOf):
        return reduce(lambda a, b: a & b, (mask(c, rule, ctx) for c in node.items))
    if isinstance(node, AnyOf):
        return reduce(lambda a, b: a | b, (mask(c, rule, ctx) for c in node.items))
    if isinstance(node, NotOf):
        return ~mask(node.item, rule, ctx)
    return leaf(node, rule, ctx)[0]


def statement(node: Scope, rule: ActiveRule, ctx: _Context) -> pl.Expr:
    if isinstance(node, AllOf | AnyOf):
        sep = " and " if isinstance(node, AllOf) else " or "
        parts = [statement(c, rule, ctx) for c in node.items]
        return parts[0] if len(parts) == 1 else _text("(", pl.concat_str(parts, separator=sep), ")")
    if isinstance(node, NotOf):
        return _text("not (", statement(node.item, rule, ctx), ")")
    return leaf(node, rule, ctx)[1]


def texts(node: Scope, rule: ActiveRule, ctx: _Context) -> list[pl.Expr]:
    """Statements of the predicates that made a hit row match (null entries are dropped):
    every child of ``all``, the true children of ``any``, and ``not`` with what it negates."""
    if isinstance(node, AllOf):
        return [t for c in node.items for t in texts(c, rule, ctx)]
    if isinstance(node, AnyOf):
        return [_only_if(mask(c, rule, ctx), t) for c in node.items for t in texts(c, rule, ctx)]
    if isinstance(node, NotOf):
        return [statement(node, rule, ctx)]
    if isinstance(node, Listed):
        out: list[pl.Expr] = []
        for party in node.parties:
            ids = ctx.listed(party, node)
            id_expr, who = _party_exprs(party)
            if party == "parent":
                names = ctx.names(node.lists)
                who = _text(
                    "parent customer ", id_expr.replace_strict(names, default="").fill_null("")
                )
            what = id_expr.replace_strict(ids, default=None, return_dtype=pl.String())
            listed = id_expr.is_in(list(ids)).fill_null(False)
            out.append(_only_if(listed, _text(who, " on ", what)))
        return out
    return [leaf(node, rule, ctx)[1]]


def _conjunct_listings(node: Scope) -> list[Listed]:
    """The listing predicates a hit must satisfy (the scope, or items of nested ``all``)."""
    if isinstance(node, Listed):
        return [node]
    if isinstance(node, AllOf):
        return [n for c in node.items for n in _conjunct_listings(c)]
    return []


def _listed_from(rule: ActiveRule, ctx: _Context) -> list[pl.Expr]:
    """Per conjunct listing predicate, the day the row's party counts as listed from."""
    out = []
    for node in _conjunct_listings(rule.rule.scope):
        days = [
            _party_exprs(party)[0].replace_strict(
                ctx.listed_since(party, node), default=None, return_dtype=pl.Date()
            )
            for party in node.parties
        ]
        out.append(pl.min_horizontal(days))
    return out


def _first_affected(rule: ActiveRule, ctx: _Context) -> tuple[pl.Expr, pl.Expr, list[pl.Expr]]:
    """(first affected date, exempt mask, grandfathering texts).

    The first affected day is the rule's binding date (compliance date if later), the
    obligation start, and for a rule on listed parties the party's own listing date.
    """
    first = pl.max_horizontal(
        pl.lit(rule.binding), pl.col("obligation_start"), *_listed_from(rule, ctx)
    )
    exempt = pl.lit(False)
    notes: list[pl.Expr] = []
    for g in rule.rule.exceptions.grandfathering:
        cond = (pl.col(g.basis) < pl.lit(g.before)).fill_null(False)
        label = f"grandfathered: {DATE_LABELS[g.basis]} before {g.before.isoformat()}"
        if g.until is None:
            exempt = exempt | cond
        else:
            resume = g.until + dt.timedelta(days=1)
            first = pl.when(cond).then(pl.max_horizontal(first, pl.lit(resume))).otherwise(first)
            notes.append(_only_if(cond, pl.lit(f"{label}, exemption ended {g.until.isoformat()}")))
    return first, exempt, notes


def _explanation(rule: ActiveRule, ctx: _Context) -> pl.Expr:
    notes = _first_affected(rule, ctx)[2]
    binding = (
        [pl.lit(f"compliance from {rule.binding.isoformat()}")]
        if rule.binding != rule.effective
        else []
    )
    return pl.concat_list(
        [
            *texts(rule.rule.scope, rule, ctx),
            _text(
                "service type ",
                _str("service_type"),
                pl.when(pl.col("coverage_assumed").fill_null(False))
                .then(pl.lit(" assumed covered (the import named no services)"))
                .otherwise(pl.lit(" covered")),
            ),
            pl.lit(f"effective {rule.effective.isoformat()}"),
            *binding,
            *notes,
        ]
    ).list.drop_nulls()


def _rule_query(base: pl.LazyFrame, rule: ActiveRule, rank: int, ctx: _Context) -> pl.LazyFrame:
    """The hits of one rule: row position, rule rank, first affected date, value at risk."""
    r = rule.rule
    first, exempt, _ = _first_affected(rule, ctx)
    services = [a for a in r.activities if a != "new_tool_shipment"]
    hit = (
        mask(r.scope, rule, ctx)
        & pl.col("service_type").is_in(services)
        & ~exempt
        & (pl.col("obligation_end") >= first)
    )
    start, end = pl.col("obligation_start"), pl.col("obligation_end")
    total = pl.max_horizontal(pl.lit(1), (end - start).dt.total_days() + 1)
    pro_rata = (
        pl.col("obligation_value")
        * ((end - pl.col("first_affected")).dt.total_days() + 1).cast(pl.Float64)
        / total.cast(pl.Float64)
    )
    return (
        base.filter(hit)
        .with_columns(first_affected=first)
        .select(
            "__row",
            pl.lit(rank, dtype=pl.UInt32).alias("__rule"),
            "first_affected",
            # With the start unknown nothing tells how much has been served: all is at risk.
            pl.when(start.is_null())
            .then(pl.col("obligation_value"))
            .otherwise(pro_rata)
            .alias("value_at_risk"),
        )
    )


def _honoured(rules: Sequence[ActiveRule], licences: pl.DataFrame) -> pl.DataFrame:
    """(rule_id, licence_id) pairs: which licences each rule lets count."""
    pairs: list[tuple[str, int]] = []
    rows = licences.select("licence_id", "jurisdiction", "number").rows()
    for rule in rules:
        ex = rule.rule.exceptions
        available = {s.upper() for s in ex.licence_exceptions}
        for licence_id, jurisdiction, number in rows:
            if jurisdiction != rule.rule.jurisdiction:
                continue
            symbol = (number or "").strip().upper()
            ok = symbol in available if symbol in LICENCE_EXCEPTION_SYMBOLS else ex.licences_on_file
            if ok:
                pairs.append((rule.rule.id, licence_id))
    return pl.DataFrame(
        pairs, schema={"rule_id": pl.String(), "licence_id": pl.Int64()}, orient="row"
    )


def _model_in_scope() -> pl.Expr:
    """Candidate rows whose licence's model scope takes in the hit's model (a code, or a
    family prefix ending in ``*``, any case); an empty scope takes in every model."""
    entry = pl.col("__model_entry").str.to_uppercase()
    model = pl.col("model_code").cast(pl.String).str.to_uppercase()
    return (entry == model) | (
        entry.str.ends_with("*") & model.str.starts_with(entry.str.strip_suffix("*"))
    )


def _class_in_scope() -> pl.Expr:
    """3B001 covers 3B001.f.1 but not 3B0010: whole dotted parts, any case."""
    entry = pl.col("__class_entry").str.to_uppercase()
    code = pl.col("__class").str.to_uppercase()
    return code.is_not_null() & ((code == entry) | code.str.starts_with(entry + "."))


def _list_scope(candidates: pl.DataFrame, column: str, entry: str, match: pl.Expr) -> pl.DataFrame:
    """Keep candidates whose list ``column`` is empty or has an entry that ``match``es."""
    limited = candidates.filter(pl.col(column).list.len() > 0)
    if not limited.height:
        return candidates
    kept = (
        limited.select(
            "__cand",
            pl.col(column).alias(entry),
            *(c for c in set(match.meta.root_names()) if c != entry),
        )
        .explode(entry)
        .filter(match)
        .select("__cand")
        .unique()
    )
    return candidates.filter(
        (pl.col(column).list.len() == 0) | pl.col("__cand").is_in(kept["__cand"].implode())
    )


def _covered_until(candidates: pl.DataFrame) -> pl.DataFrame:
    """Per hit (``__hit``), ``__to``: the last day of the unbroken stretch from its check day
    covered by its candidate licences (a renewal starting the day after continues it); hits
    with no licence valid on the check day are absent."""
    spans = candidates.select(
        "__hit", "check", "valid_from", pl.col("valid_to").fill_null(_FAR_FUTURE).alias("__end")
    )
    until = (
        spans.filter(
            (pl.col("valid_from") <= pl.col("check")) & (pl.col("__end") >= pl.col("check"))
        )
        .group_by("__hit")
        .agg(pl.col("__end").max().alias("__to"))
    )
    while True:
        longer = (
            spans.join(until, on="__hit")
            .filter(
                (pl.col("valid_from") - pl.duration(days=1) <= pl.col("__to"))
                & (pl.col("__end") > pl.col("__to"))
            )
            .group_by("__hit")
            .agg(pl.col("__end").max().alias("__longer"))
        )
        if not longer.height:
            return until
        until = until.join(longer, on="__hit", how="left").select(
            "__hit", pl.coalesce("__longer", "__to").alias("__to")
        )


def _coverage(
    hits: pl.DataFrame,
    rules: Sequence[ActiveRule],
    licences: pl.DataFrame,
    as_of: dt.date,
    facts: pl.DataFrame,
) -> pl.DataFrame:
    pairs = _honoured(rules, licences)
    lic = pairs.join(licences, on="licence_id").rename(
        {
            "customer_id": "l_customer",
            "fab_id": "l_fab",
            "machine_id": "l_machine",
            "jurisdiction": "l_jurisdiction",
        }
    )
    check = pl.min_horizontal(
        pl.max_horizontal(pl.col("first_affected"), pl.lit(as_of)), pl.col("obligation_end")
    )
    keyed = hits.with_row_index("__hit").select(
        "__hit",
        "__row",
        "rule_id",
        "jurisdiction",
        "customer_id",
        "fab_id",
        "machine_id",
        "service_type",
        "model_code",
        check.alias("check"),
        # What counting against licence limits reads (see _limit_refusals).
        "obligation_id",
        "outcome",
        "first_affected",
        "obligation_end",
        "value_at_risk",
        pl.col("currency").cast(pl.String),
    )
    m, f, c = pl.col("l_machine"), pl.col("l_fab"), pl.col("l_customer")
    # Join each licence on its most specific scope column, so the join stays as small as the
    # matches instead of hits x licences; the remaining scope columns are checked after.
    levels = [
        (m.is_not_null(), "machine_id", "l_machine"),
        (m.is_null() & f.is_not_null(), "fab_id", "l_fab"),
        (m.is_null() & f.is_null() & c.is_not_null(), "customer_id", "l_customer"),
    ]
    parts = [
        keyed.join(lic.filter(level).with_columns(pl.col(own).alias(key)), on=["rule_id", key])
        for level, key, own in levels
    ]
    parts.append(keyed.join(lic.filter(m.is_null() & f.is_null() & c.is_null()), on="rule_id"))
    in_scope = (
        (c.is_null() | (c == pl.col("customer_id")))
        & (f.is_null() | (f == pl.col("fab_id")))
        & (m.is_null() | (m == pl.col("machine_id")))
    )
    candidates = (
        pl.concat([p.select([*keyed.columns, *lic.columns[1:]]) for p in parts])
        .filter(in_scope)
        .filter(
            (pl.col("service_types").list.len() == 0)
            | pl.col("service_types").list.contains(pl.col("service_type"))
        )
        .with_row_index("__cand")
    )
    candidates = _list_scope(candidates, "model_codes", "__model_entry", _model_in_scope())
    if candidates.filter(pl.col("classifications").list.len() > 0).height:
        candidates = candidates.with_columns(_class_of(facts, candidates))
        candidates = _list_scope(candidates, "classifications", "__class_entry", _class_in_scope())
    refused = _limit_refusals(candidates)
    notes = pl.DataFrame(schema={"__hit": pl.UInt32(), "licence_note": pl.String()})
    would = pl.DataFrame(schema={"__hit": pl.UInt32(), "__would": pl.Boolean()})
    if refused.height:
        noted = (
            candidates.join(refused, on=["licence_id", "obligation_id"])
            .unique(["__hit", "licence_id"])
            .sort("__hit", "number", "licence_id")
        )
        notes = noted.group_by("__hit", maintain_order=True).agg(
            pl.col("__note").str.join(NOTE_SEPARATOR).alias("licence_note")
        )
        # Hits a refused licence would have covered (to tell "over limit" from "none").
        would = _covered_until(candidates.join(notes.select("__hit"), on="__hit")).select(
            "__hit", pl.lit(True).alias("__would")
        )
        candidates = candidates.join(
            refused.select("licence_id", "obligation_id"),
            on=["licence_id", "obligation_id"],
            how="anti",
        )
    until = _covered_until(candidates)
    found = (
        candidates.join(until, on="__hit")
        .filter(
            (pl.col("valid_from") <= pl.col("__to"))
            & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= pl.col("check")))
        )
        .group_by("__hit")
        .agg(
            pl.col("__to").first(),
            pl.col("number").unique().sort().str.join(", ").alias("licence_numbers"),
        )
    )
    out = (
        hits.with_row_index("__hit")
        .join(found, on="__hit", how="left", maintain_order="left")
        .join(notes, on="__hit", how="left", maintain_order="left")
        .join(would, on="__hit", how="left", maintain_order="left")
    )
    return _apply_coverage(out)


_REFUSED_SCHEMA: dict[str, pl.DataType] = {
    "licence_id": pl.Int64(),
    "obligation_id": pl.Int64(),
    "__note": pl.String(),
}


def _limit_refusals(candidates: pl.DataFrame) -> pl.DataFrame:
    """(licence_id, obligation_id, __note) of the obligations a limited licence does not
    admit: the draws (one per licence and obligation, see "Licence limits" in
    ``rules.facts``) are built here as columns and counted by ``limits.refusals``."""
    licensable = [o.value for o in LICENSABLE_OUTCOMES]
    limited = candidates.filter(
        (pl.col("value_limit").is_not_null() | pl.col("quantity_limit").is_not_null())
        & pl.col("outcome").is_in(licensable)
    )
    if not limited.height:
        return pl.DataFrame(schema=_REFUSED_SCHEMA)
    first, end = pl.col("first_affected"), pl.col("obligation_end")
    start = pl.max_horizontal(first, pl.col("valid_from"))
    stop = pl.min_horizontal(end, pl.col("valid_to").fill_null(_FAR_FUTURE))
    inside = ((stop - start).dt.total_days() + 1).cast(pl.Float64)
    affected = ((end - first).dt.total_days() + 1).cast(pl.Float64)
    draws = (
        limited.with_columns(start.alias("__day"), inside.alias("__inside"))
        .filter(pl.col("__inside") > 0)
        .with_columns((pl.col("value_at_risk") * pl.col("__inside") / affected).alias("__value"))
        .group_by("licence_id", "obligation_id")
        .agg(
            pl.col("__day").min(),
            pl.col("__value").max(),
            pl.col("currency").first(),
            pl.col("machine_id").first(),
            pl.col("number").first(),
            pl.col("value_limit").first(),
            pl.col("limit_currency").first(),
            pl.col("quantity_limit").first(),
        )
    )
    columns = ("licence_id", "obligation_id", "__day", "__value", "currency", "machine_id",
               "number", "value_limit", "limit_currency", "quantity_limit")  # fmt: skip
    found = refusals(Draw(*r) for r in draws.select(columns).iter_rows())
    return pl.DataFrame(
        [(lid, oid, note) for (lid, oid), note in found.items()],
        schema=_REFUSED_SCHEMA,
        orient="row",
    )


def _class_of(facts: pl.DataFrame, candidates: pl.DataFrame) -> pl.Series:
    """Each candidate's classification in its rule's regime (null for a regime without a
    classification column), read from the facts row of its hit."""
    rows = candidates["__row"]
    out = pl.Series("__class", [None] * candidates.height, dtype=pl.String())
    for regime, column in CLASS_COLUMNS.items():
        picked = facts[column].cast(pl.String).gather(rows)
        out = pl.select(
            pl.when(candidates["jurisdiction"] == regime).then(picked).otherwise(out)
        ).to_series()
    return out.alias("__class")


def _apply_coverage(out: pl.DataFrame) -> pl.DataFrame:
    """Coverage, final outcome and licence expiry from ``__to`` (the covered-until day; with
    ``__would``, a licence refused for its limit would have covered); a licensable hit whose
    cover ends before the obligation is affected from the day after, with its value at risk
    pro rata over what is left."""
    coverage = (
        pl.when(pl.col("__to").is_null() & pl.col("__would").fill_null(False))
        .then(pl.lit(OVER_LIMIT))
        .when(pl.col("__to").is_null())
        .then(pl.lit(NO_LICENCE))
        .when(pl.col("__to") >= pl.col("obligation_end"))
        .then(pl.lit(COVERED))
        .otherwise(pl.lit(EXPIRES_BEFORE_END))
    )
    licensable = [o.value for o in LICENSABLE_OUTCOMES]
    out = out.with_columns(licence_coverage=coverage)
    moves = (pl.col("licence_coverage") == EXPIRES_BEFORE_END) & pl.col("outcome").is_in(licensable)
    moved = pl.col("__to") + pl.duration(days=1)
    end = pl.col("obligation_end")
    left = ((end - moved).dt.total_days() + 1).cast(pl.Float64)
    was = ((end - pl.col("first_affected")).dt.total_days() + 1).cast(pl.Float64)
    return out.with_columns(
        final_outcome=pl.when(
            (pl.col("licence_coverage") == COVERED) & pl.col("outcome").is_in(licensable)
        )
        .then(pl.lit(LICENSED))
        .otherwise(pl.col("outcome")),
        licence_valid_to=pl.when(pl.col("__to") == pl.lit(_FAR_FUTURE))
        .then(None)
        .otherwise(pl.col("__to")),
        first_affected=pl.when(moves).then(moved).otherwise(pl.col("first_affected")),
        value_at_risk=pl.when(moves)
        .then(pl.col("value_at_risk") * left / was)
        .otherwise(pl.col("value_at_risk")),
    )


def _used_columns(rules: Sequence[ActiveRule]) -> set[str]:
    cols = {"service_type"}
    for r in rules:
        for node in _nodes(r.rule.scope):
            if isinstance(node, CountryIn | CountryGroupIn):
                cols.add(_COUNTRY_COL[node.of][0])
            elif isinstance(node, ProcessTypeIn | ArchitectureIn | CategoryIn | MachineStatusIn):
                cols.add(_SET_COL[type(node)][0])
            elif isinstance(node, ClassificationIn):
                cols.add(CLASS_COLUMNS[node.regime.value])
            elif isinstance(node, ModelIn | ModelSetIn):
                cols |= {"vendor", "model_code"}
    return cols


def explanation_columns(rule: ActiveRule, ctx: _Context) -> list[str]:
    """The facts columns a rule's explanation reads, taken from the built expression itself.

    Reading them off the expression (rather than from a table kept beside ``leaf``) keeps the
    set exact as predicates change: rows equal on these columns get equal explanations.
    """
    return sorted(set(_explanation(rule, ctx).meta.root_names()))


#: Hit order and explanation of each distinct combination of explained columns.
_COMBOS_SCHEMA: dict[str, pl.DataType] = {
    "__orders": pl.List(pl.UInt32()),
    "matched": pl.List(pl.String()),
}


class CompiledEvaluation(Evaluation):
    """Builds explanation texts on demand, for the hits asked about: showing one hit costs
    one row, storing a whole run pays once per distinct explanation, not once per hit.

    A big run has ~900k hits but ~1,300 distinct texts: each rule's text depends on a handful
    of columns (country, model, classification, dates, ...), so the texts are built once per
    distinct combination of those columns among the rule's hits and mapped back to the hits.
    """

    def __init__(
        self,
        hits: pl.DataFrame,
        as_of: dt.date,
        ctx: _Context,
        encoded: pl.DataFrame,
        rules: Sequence[ActiveRule],
    ) -> None:
        super().__init__(hits, as_of, ctx.groups.describe())
        self._ctx = ctx
        self._encoded = encoded
        self._rules = {r.rule.id: r for r in rules}

    def _combos(self, hits: pl.DataFrame) -> pl.DataFrame:
        """``_COMBOS_SCHEMA`` rows for ``hits``: ``__orders`` are positions in ``hits``."""
        keyed = hits.select("obligation_id", "rule_id").with_row_index("__order")
        parts = []
        for (rule_id,), group in keyed.group_by("rule_id", maintain_order=True):
            rule = self._rules.get(str(rule_id))
            if rule is None:
                continue
            columns = explanation_columns(rule, self._ctx)
            rows = self._encoded.select("obligation_id", *columns).join(
                group.drop("rule_id"), on="obligation_id", how="inner"
            )
            parts.append(
                rows.group_by(columns)
                .agg(pl.col("__order").alias("__orders"))
                .select("__orders", _explanation(rule, self._ctx).alias("matched"))
            )
        if not parts:
            return pl.DataFrame(schema=_COMBOS_SCHEMA)
        return pl.concat(parts)

    def explanations_for(self, hits: pl.DataFrame) -> pl.DataFrame:
        keys = hits.select("obligation_id", "rule_id").with_row_index("__order")
        per_hit = self._combos(hits).explode("__orders").rename({"__orders": "__order"})
        if not per_hit.height:
            return empty_explanations()
        return (
            keys.join(per_hit, on="__order", how="inner")
            .sort("__order")
            .select("obligation_id", "rule_id", "matched")
        )

    def explanation_numbers(self, hits: pl.DataFrame) -> tuple[pl.Series, pl.DataFrame]:
        """Each hit's explanation as a number into a table of the distinct texts.

        Returns (``explanation_number`` aligned with ``hits``, null for a hit of a rule this
        evaluation did not run; ``texts`` with ``explanation_number`` 1..n and
        ``explanation``, the matched predicates joined by newlines), numbered in the order of
        each text's first hit. This is what a stored run keeps, without a text per hit.
        """
        combos = self._combos(hits).select(
            "__orders", pl.col("matched").list.join("\n").alias("explanation")
        )
        texts = (
            combos.group_by("explanation")
            .agg(pl.col("__orders").list.min().min().alias("__first"))
            .sort("__first")
            .with_row_index("explanation_number", offset=1)
            .select(pl.col("explanation_number").cast(pl.Int64), "explanation")
        )
        per_hit = (
            combos.join(texts, on="explanation", how="left")
            .select("__orders", "explanation_number")
            .explode("__orders")
        )
        numbers = (
            pl.DataFrame({"__order": pl.Series(range(hits.height), dtype=pl.UInt32)})
            .join(per_hit, left_on="__order", right_on="__orders", how="left")
            .sort("__order")["explanation_number"]
        )
        return numbers, texts


def evaluate(
    facts: pl.DataFrame,
    listings: pl.DataFrame,
    licences: pl.DataFrame,
    rules: Sequence[ActiveRule],
    as_of: dt.date,
    *,
    groups: CountryGroups | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    categorical: bool = False,
    ownership: pl.DataFrame | None = None,
) -> CompiledEvaluation:
    """Evaluate ``rules`` against every obligation in ``facts`` as of ``as_of``.

    The hits have ``HIT_SCHEMA``; with ``categorical`` their text columns copied from the
    facts stay categorical (same values, 4 bytes a row instead of a string each: ~150 MB less
    on the large book), for callers that only store or count them.
    """
    facts = conform_facts(facts)
    listings = conform_listings(listings)
    licences = conform_licences(licences)
    # Dictionary-encode the text columns the rules test, once: set tests then compare small
    # integers instead of strings, rule after rule.
    encoded = facts.with_row_index("__row").with_columns(
        *(pl.col(c).cast(pl.Categorical) for c in sorted(_used_columns(rules)))
    )
    ctx = _Context(
        as_of,
        groups or load_country_groups(as_of),
        listings,
        encoded,
        node_definition(as_of),
        conform_ownership(ownership),
    )
    base = encoded.lazy()
    ordered = sorted(rules, key=lambda r: r.rule.id)
    report: Callable[[int, int], None] = progress or (lambda _d, _t: None)
    frames: list[pl.DataFrame] = []
    report(0, len(ordered))
    for i in range(0, len(ordered), _BATCH):
        if cancel is not None:
            cancel.raise_if_cancelled()
        batch = ordered[i : i + _BATCH]
        frames += pl.collect_all([_rule_query(base, r, i + k, ctx) for k, r in enumerate(batch)])
        report(min(i + _BATCH, len(ordered)), len(ordered))
    if cancel is not None:
        cancel.raise_if_cancelled()
    found = [f for f in frames if f.height]
    if not found:
        return CompiledEvaluation(empty_hits(), as_of, ctx, encoded, ordered)
    rule_info = pl.DataFrame(
        {
            "__rule": pl.Series(range(len(ordered)), dtype=pl.UInt32),
            "rule_id": [r.rule.id for r in ordered],
            "rule_version": [r.rule.version for r in ordered],
            "pack": [r.pack for r in ordered],
            "jurisdiction": [r.rule.jurisdiction for r in ordered],
            "outcome": [r.rule.outcome.value for r in ordered],
        }
    )
    found_all = pl.concat(found).sort(["__row", "__rule"])
    identity = facts.select(*IDENTITY_COLUMNS, "parent_customer_id")[found_all["__row"]]
    # Licences list their service types as text; the rest stays categorical until the end.
    identity = identity.with_columns(pl.col("service_type").cast(pl.String))
    hits = pl.concat([found_all, identity], how="horizontal").join(
        rule_info, on="__rule", how="left", maintain_order="left"
    )
    hits = _coverage(hits, ordered, licences, as_of, facts)
    if not facts["obligation_id"].is_sorted():
        hits = hits.sort(["obligation_id", "__rule"])
    return CompiledEvaluation(
        hits.select(
            pl.col(c)
            if categorical and hits.schema[c] == pl.Categorical and t == pl.String
            else pl.col(c).cast(t)
            for c, t in HIT_SCHEMA.items()
        ),
        as_of,
        ctx,
        encoded,
        ordered,
    )


def _nodes(node: Scope) -> list[Scope]:
    if isinstance(node, AllOf | AnyOf):
        return [node, *(n for c in node.items for n in _nodes(c))]
    if isinstance(node, NotOf):
        return [node, *_nodes(node.item)]
    return [node]
