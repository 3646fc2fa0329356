"""The evaluators' input: obligation facts, party listings and licences as polars frames.

The storage layer builds exactly these frames from the database; tests and benchmarks build
them from plain dicts with :func:`facts_frame`, :func:`listings_frame` and
:func:`licences_frame`. Flat, denormalised rows let one rule be one columnar pass.

``FACTS_SCHEMA``: one row per obligation (one service type for one machine under one contract).
Text facts are categorical (Utf8 below): a million rows hold a few thousand distinct texts, and
the evaluator compares them as small integers.

==========================  ============  ========================================================
column                      type          meaning
==========================  ============  ========================================================
obligation_id               Int64         key of the obligation; unique in the frame
contract_id                 Int64         the contract owing the service
machine_id                  Int64         the installed unit serviced
fab_id                      Int64         facility where the machine stands
customer_id                 Int64         contract customer (the legal entity served)
parent_customer_id          Int64?        the customer's group parent, if any
serial                      Utf8          machine serial as text (leading zeros kept)
vendor                      Utf8          equipment vendor, e.g. ``ASML``
model_code                  Utf8          catalogue model code, e.g. ``NXT:1980Di``
category                    Utf8          ``EquipmentCategory`` slug
class_us .. class_kr        Utf8?         classification per regime (ECCN, EU code, NL annex
                                          item, METI item, Korean item); null when unclassified
overlay_nm                  Float64?      tool overlay accuracy
wavelength_nm               Float64?      exposure wavelength (lithography)
numerical_aperture          Float64?      projection-lens NA (lithography)
fab_site_code, fab_name     Utf8          facility code and name, for explanations
fab_country                 Utf8          ISO 3166-1 alpha-2 of the facility (destination)
process_type                Utf8?         ``ProcessType`` slug; null = technology unknown
logic_node_nm               Float64?      logic node
architecture                Utf8?         ``Architecture`` slug
dram_half_pitch_nm          Float64?      DRAM half-pitch
nand_layers                 Int64?        NAND layer count
advanced_node               Boolean?      87 FR 62186 test (``domain.technology``); null unknown
customer_name               Utf8          contract customer's name
customer_hq_country         Utf8?         ISO alpha-2 of the customer's headquarters; null unknown
customer_hq_basis           Utf8?         ``stated`` or ``inferred`` (from its fabs' country)
ship_date, install_date     Date?         when the machine shipped / was installed
machine_status              Utf8          ``MachineStatus`` slug
contract_number             Utf8          contract reference
contract_signed             Date?         signature date; null when unknown
currency                    Utf8          ISO 4217 of the contract value
service_type                Utf8          ``ServiceType`` slug of the obligation
obligation_start/_end       Date          the obligation's period, both days inclusive; a null
                                          start is unknown (the import did not state it): the
                                          obligation counts as running and its whole value as
                                          at risk
obligation_value            Float64       the obligation's share of contract value (currency)
coverage_assumed            Boolean?      the import named no services: the service is assumed
wafer_size_mm               Int64?        the fab's wafer size (200 / 300); SMIC's 200 mm carve-out
us_person                   Boolean?      US persons take part in performing the contract's
                                          services (15 CFR 744.6); null = not recorded
us_origin                   Boolean?      the model is US-origin (made in the US), so subject to EAR
us_content_pct              Float64?      US-origin controlled content, % of the model's value
                                          (de minimis, 15 CFR 734.4)
us_direct_product           Boolean?      the model is a direct product of US technology or
                                          software, or made by a plant that is (FDP, 734.9)
==========================  ============  ========================================================

The last five columns are *extension facts*: a frame built without them (an older loader, a
benchmark) gets them as nulls from :func:`conform_facts`, so "not recorded" stays unknown.

``LISTINGS_SCHEMA``: confirmed restricted-party listings, one row per (party, list, footnote).
A separate small frame rather than a list column, so a rule's listing predicate becomes a set of
ids computed once and an ``is_in`` over the big frame. Exactly one of ``customer_id`` and
``fab_id`` is set; a parent customer's listing is a customer row keyed by the parent's id.
``since`` is the listing's own date: a party counts as listed only from then (null: from the
rule's effective date, as nothing says otherwise). ``until`` is the last day the row held (its
policy text was replaced by a later row, or the party was delisted; null: it still holds): a
run reads the rows that hold on its as-of date, so a back-dated run reads the policy of its
day. A party's hits start from the first day of the unbroken run of matching rows that
reaches the as-of date (a row replaced by another that also matches continues it).

``OWNERSHIP_SCHEMA``: shares one customer (``parent_id``) holds in another (``child_id``), in
percent, as a source stated them on ``as_of`` (null: undated, counts on every day). For each
pair the latest record dated on or before the evaluation date counts; records dated later are
not yet known. The ``owned_by`` predicate aggregates them (see ``model.OwnedBy``).

``LICENCES_SCHEMA``: licences held. ``jurisdiction`` is the issuing authority's
(BIS -> US, the Dutch ministry -> NL, METI -> JP). Null scope columns mean "any"; an empty
``service_types`` list means every service type. A ``number`` that is a licence-exception
symbol (``RPL``, ``GOV``) records use of that exception rather than an individual licence.
A licence naming several customers, fabs or machines is several rows with one ``licence_id``
(one per combination), so each row keeps one scope value per column. ``model_codes`` (a model
code, or a family prefix ending in ``*``) and ``classifications`` (ECCN or annex entries,
matched on whole dotted parts against the hit's classification in the licence's regime) are
extension columns: empty lists mean any, and a frame without them reads that way.

Licence coverage of a hit (both evaluators): on the check date (the as-of date clamped into
the hit's [first_affected, obligation_end]) some honoured licence in scope must be valid; the
covered stretch then runs on through licences that follow without a gap (a renewal). When
it ends before the obligation does, the obligation is affected from the day after: a
licensable hit's ``first_affected`` moves there and its value at risk shrinks pro rata over
[first_affected, obligation_end], and it is not "licensed".

Licence limits (both evaluators; ``value_limit`` in ``limit_currency``, ``quantity_limit`` in
machines; null: no limit). A licence with a limit authorises only so much, so the obligations
it would cover are counted against it one by one and those that no longer fit are not covered
by it. The counting, per ``licence_id`` on its own:

1. *Draws*: each obligation with a licensable hit (licence required, presumption of denial,
   case-by-case) for which the licence is a candidate (honoured by the hit's rule, in scope)
   and whose affected period [first_affected, obligation_end] overlaps the licence's validity
   draws on it once, however many rules hit it. Its value is the value at risk of the part of
   that period inside the validity (value at risk x days inside / days affected; the largest
   over the obligation's hits); its day is the first day inside the validity (the earliest
   over its hits).
2. *Order*: draws are counted by day, then obligation id, a defined order that follows the
   order in which the service falls due.
3. *Admission*: a draw is admitted when the machine is already admitted or fewer than
   ``quantity_limit`` machines are, and when its value fits in what is left of
   ``value_limit`` (half a cent of tolerance). Without exchange rates in the book, a draw in
   another currency than the limit's cannot be counted against it and is not admitted. A draw
   that does not fit leaves the room to later, smaller ones.
4. A draw not admitted removes the licence from the candidates of every hit of that
   obligation, and each such hit gets ``licence_note`` saying which limit and why. A hit left
   without cover that would have had it without the limits has coverage ``over_limit``.

An obligation in the scope of two limited licences is counted against both: the book cannot
know under which of the two the service will be supplied, and counting it twice never shows
more authorisation than is held.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl

FACTS_SCHEMA: dict[str, pl.DataType] = {
    "obligation_id": pl.Int64(),
    "contract_id": pl.Int64(),
    "machine_id": pl.Int64(),
    "fab_id": pl.Int64(),
    "customer_id": pl.Int64(),
    "parent_customer_id": pl.Int64(),
    "serial": pl.Categorical(),
    "vendor": pl.Categorical(),
    "model_code": pl.Categorical(),
    "category": pl.Categorical(),
    "class_us": pl.Categorical(),
    "class_eu": pl.Categorical(),
    "class_nl": pl.Categorical(),
    "class_jp": pl.Categorical(),
    "class_kr": pl.Categorical(),
    "overlay_nm": pl.Float64(),
    "wavelength_nm": pl.Float64(),
    "numerical_aperture": pl.Float64(),
    "fab_site_code": pl.Categorical(),
    "fab_name": pl.Categorical(),
    "fab_country": pl.Categorical(),
    "process_type": pl.Categorical(),
    "logic_node_nm": pl.Float64(),
    "architecture": pl.Categorical(),
    "dram_half_pitch_nm": pl.Float64(),
    "nand_layers": pl.Int64(),
    "advanced_node": pl.Boolean(),
    "customer_name": pl.Categorical(),
    "customer_hq_country": pl.Categorical(),
    "customer_hq_basis": pl.Categorical(),
    "ship_date": pl.Date(),
    "install_date": pl.Date(),
    "machine_status": pl.Categorical(),
    "contract_number": pl.Categorical(),
    "contract_signed": pl.Date(),
    "currency": pl.Categorical(),
    "service_type": pl.Categorical(),
    "obligation_start": pl.Date(),
    "obligation_end": pl.Date(),
    "obligation_value": pl.Float64(),
    "coverage_assumed": pl.Boolean(),
    "wafer_size_mm": pl.Int64(),
    "us_person": pl.Boolean(),
    "us_origin": pl.Boolean(),
    "us_content_pct": pl.Float64(),
    "us_direct_product": pl.Boolean(),
}

#: Facts added after the first schema; missing from a frame, they are read as unknown (null).
EXTENSION_FACTS = ("wafer_size_mm", "us_person", "us_origin", "us_content_pct", "us_direct_product")

LISTINGS_SCHEMA: dict[str, pl.DataType] = {
    "customer_id": pl.Int64(),
    "fab_id": pl.Int64(),
    "party_name": pl.String(),
    "list_code": pl.String(),
    "footnote": pl.String(),
    "licence_policy": pl.String(),
    "since": pl.Date(),
    "until": pl.Date(),
}

OWNERSHIP_SCHEMA: dict[str, pl.DataType] = {
    "parent_id": pl.Int64(),
    "child_id": pl.Int64(),
    "parent_name": pl.String(),
    "child_name": pl.String(),
    "share_pct": pl.Float64(),
    "as_of": pl.Date(),
    "source": pl.String(),
}

LICENCES_SCHEMA: dict[str, pl.DataType] = {
    "licence_id": pl.Int64(),
    "jurisdiction": pl.String(),
    "number": pl.String(),
    "valid_from": pl.Date(),
    "valid_to": pl.Date(),
    "customer_id": pl.Int64(),
    "fab_id": pl.Int64(),
    "machine_id": pl.Int64(),
    "service_types": pl.List(pl.String()),
    "model_codes": pl.List(pl.String()),
    "classifications": pl.List(pl.String()),
    "value_limit": pl.Float64(),
    "limit_currency": pl.String(),
    "quantity_limit": pl.Int64(),
}

#: Licence columns added after the first schema; absent from a frame, they read as "any".
LICENCE_EXTENSIONS = ("model_codes", "classifications")
#: Licence limit columns, also added later; absent from a frame (or null) they read as "none".
LICENCE_LIMITS = ("value_limit", "limit_currency", "quantity_limit")

#: Columns that must never be null: the evaluators rely on them for keys, dates and values.
REQUIRED_FACTS = (
    "obligation_id",
    "contract_id",
    "machine_id",
    "fab_id",
    "customer_id",
    "serial",
    "vendor",
    "model_code",
    "fab_country",
    "service_type",
    "obligation_end",
    "obligation_value",
)

#: Classification column per regime slug.
CLASS_COLUMNS = {
    "US": "class_us",
    "EU": "class_eu",
    "NL": "class_nl",
    "JP": "class_jp",
    "KR": "class_kr",
}


class FactsError(ValueError):
    """The frame handed to an evaluator does not have the documented shape."""


def _frame(rows: Iterable[Mapping[str, Any]], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    records = [dict(r) for r in rows]
    for r in records:
        unknown = set(r) - set(schema)
        if unknown:
            raise FactsError(f"unknown column(s): {', '.join(sorted(unknown))}")
    return pl.DataFrame(
        [{k: r.get(k) for k in schema} for r in records], schema=schema, orient="row"
    )


def facts_frame(rows: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
    """Facts from plain dicts; missing keys become null. For tests and small callers."""
    return _frame(rows, FACTS_SCHEMA)


def listings_frame(rows: Iterable[Mapping[str, Any]] = ()) -> pl.DataFrame:
    return _frame(rows, LISTINGS_SCHEMA)


def ownership_frame(rows: Iterable[Mapping[str, Any]] = ()) -> pl.DataFrame:
    return _frame(rows, OWNERSHIP_SCHEMA)


def conform_ownership(df: pl.DataFrame | None) -> pl.DataFrame:
    """Ownership in the documented shape; None (a caller that has none) is an empty frame."""
    if df is None:
        return pl.DataFrame(schema=OWNERSHIP_SCHEMA)
    return conform(df, OWNERSHIP_SCHEMA, "ownership shares")


def licences_frame(rows: Iterable[Mapping[str, Any]] = ()) -> pl.DataFrame:
    lists = ("service_types", *LICENCE_EXTENSIONS)
    out = _frame(
        ({**r, **{c: list(r.get(c) or []) for c in lists}} for r in rows),
        LICENCES_SCHEMA,
    )
    return out


def conform(df: pl.DataFrame, schema: dict[str, pl.DataType], what: str) -> pl.DataFrame:
    """Check columns and cast to the documented types, so both evaluators see one shape."""
    missing = [c for c in schema if c not in df.columns]
    if missing:
        raise FactsError(f"{what} lack column(s): {', '.join(missing)}")
    try:
        return df.select([pl.col(c).cast(t) for c, t in schema.items()])
    except pl.exceptions.PolarsError as exc:
        raise FactsError(f"{what} have a column of the wrong type: {exc}") from exc


def _with_nulls(
    df: pl.DataFrame, columns: Iterable[str], schema: dict[str, pl.DataType]
) -> pl.DataFrame:
    """``df`` with the given optional columns added as nulls where absent."""
    missing = [c for c in columns if c not in df.columns]
    return (
        df.with_columns(pl.lit(None, dtype=schema[c]).alias(c) for c in missing) if missing else df
    )


def conform_licences(df: pl.DataFrame) -> pl.DataFrame:
    """Licences in the documented shape; a frame without the extension scope lists or the
    limit columns (an older caller, a benchmark) reads as licences without model or
    classification scope and without value or quantity limits."""
    missing = [c for c in LICENCE_EXTENSIONS if c not in df.columns]
    if missing:
        empty = pl.lit([], dtype=pl.List(pl.String()))
        df = df.with_columns(empty.alias(c) for c in missing)
    return conform(_with_nulls(df, LICENCE_LIMITS, LICENCES_SCHEMA), LICENCES_SCHEMA, "licences")


def conform_listings(df: pl.DataFrame) -> pl.DataFrame:
    """Listings in the documented shape; a frame without ``since`` or ``until`` reads as
    undated listings that still hold."""
    return conform(
        _with_nulls(df, ["since", "until"], LISTINGS_SCHEMA), LISTINGS_SCHEMA, "listings"
    )


def conform_facts_shape(df: pl.DataFrame) -> pl.DataFrame:
    """Facts columns and types only (extension facts added as nulls), no content checks."""
    return conform(_with_nulls(df, EXTENSION_FACTS, FACTS_SCHEMA), FACTS_SCHEMA, "facts")


def conform_facts(df: pl.DataFrame) -> pl.DataFrame:
    out = conform_facts_shape(df)
    nulls = out.select([pl.col(c).null_count() for c in REQUIRED_FACTS]).row(0)
    bad = [c for c, n in zip(REQUIRED_FACTS, nulls, strict=True) if n]
    if bad:
        raise FactsError(f"facts have nulls in required column(s): {', '.join(bad)}")
    if out.height and out["obligation_id"].n_unique() != out.height:
        raise FactsError("facts have duplicate obligation_id values")
    return out
