"""Fingerprints that let a stored run be reproduced: of the rules, and of the data read.

A reviewer re-running a signed-off evaluation must be able to tell whether the rules or the
data changed since. Both hashes are SHA-256 over a canonical serialisation that does not
depend on row order or on polars' internal hashing (which is not stable across versions).

The data fingerprint has two schemes, recorded with each run (``fingerprint_scheme``): 1 hashed
the sorted frames written as CSV; 2 (runs from 0.x on, see ``SCHEMES``) hashes each column's
values as fixed-width little-endian numbers or length-prefixed UTF-8, and its nulls as a bit
mask, which skips formatting every number and date as text (half the time on the large book).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence

import numpy as np
import polars as pl

from workbench.rules.facts import (
    LICENCE_EXTENSIONS,
    LICENCE_LIMITS,
    LISTINGS_SCHEMA,
    conform_facts_shape,
    conform_licences,
    conform_listings,
    conform_ownership,
)
from workbench.rules.packs import ActiveRule

_CHUNK = 100_000


def rules_fingerprint(rules: Sequence[ActiveRule]) -> str:
    """Hash of the rules as evaluated: content, version, effective date used, model sets."""
    canonical = [
        {
            "rule": r.rule.model_dump(mode="json", by_alias=True),
            "pack": r.pack,
            "effective": r.effective.isoformat(),
            "model_sets": {k: sorted(map(list, v)) for k, v in sorted(r.model_sets.items())},
        }
        for r in sorted(rules, key=lambda r: r.rule.id)
    ]
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _feed(digest: hashlib._Hash, name: str, df: pl.DataFrame, key: Sequence[str]) -> None:
    digest.update(f"{name}:{df.height}:{','.join(df.columns)}\n".encode())
    ordered = df.sort(list(key), nulls_last=True)
    # CSV cannot hold list columns: write them as sorted, "|"-joined text.
    ordered = ordered.with_columns(
        [
            pl.col(c).list.sort().list.join("|")
            for c, t in ordered.schema.items()
            if isinstance(t, pl.List)
        ]
    )
    for start in range(0, ordered.height, _CHUNK):
        chunk = ordered.slice(start, _CHUNK)
        digest.update(chunk.write_csv(include_header=False, null_value="\\N").encode("utf-8"))


def _ordered(
    facts: pl.DataFrame, listings: pl.DataFrame, licences: pl.DataFrame
) -> list[tuple[str, pl.DataFrame, list[str]]]:
    return [
        ("facts", conform_facts_shape(facts), ["obligation_id"]),
        ("listings", *_listings(listings)),
        ("licences", _licences(licences), list(_LICENCE_KEY)),
    ]


#: A licence naming several records is several rows of one ``licence_id``: sort on the scope
#: too, so the hash cannot depend on row order (for one row per licence the order is the same).
_LICENCE_KEY = ("licence_id", "customer_id", "fab_id", "machine_id")


#: Listing columns added after runs were first stored; hashed only when some row sets them.
_LISTING_EXTENSIONS = ("until",)


def _listings(listings: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """Listings as hashed, with their sort key: ``until`` only when some row has one, so a
    book whose listings all still hold keeps the fingerprint its runs were stored with."""
    frame = conform_listings(listings)
    unused = [c for c in _LISTING_EXTENSIONS if frame[c].null_count() == frame.height]
    frame = frame.drop(unused)
    return frame, [c for c in LISTINGS_SCHEMA if c not in unused]


def _licences(licences: pl.DataFrame) -> pl.DataFrame:
    """Licences as hashed: the extension scope lists and the limit columns only when some
    licence uses them, so a book without model or classification scope, or without value and
    quantity limits, keeps the fingerprint it had before them."""
    frame = conform_licences(licences)
    unused = [c for c in LICENCE_EXTENSIONS if not frame[c].list.len().sum()]
    unused += [c for c in LICENCE_LIMITS if frame[c].null_count() == frame.height]
    return frame.drop(unused)


def data_fingerprint_csv(
    facts: pl.DataFrame, listings: pl.DataFrame, licences: pl.DataFrame
) -> str:
    """Scheme 1: the sorted frames as CSV (runs stored before the column-wise hash)."""
    digest = hashlib.sha256()
    for name, frame, key in _ordered(facts, listings, licences):
        _feed(digest, name, frame, key)
    return digest.hexdigest()


def _column_bytes(series: pl.Series) -> list[bytes]:
    """A column as bytes that depend only on its values: nulls as a bit mask, numbers and dates
    as little-endian fixed width, text (and categorical text) as UTF-8 with byte lengths."""
    nulls = np.packbits(series.is_null().to_numpy()).tobytes()
    dtype = series.dtype
    if isinstance(dtype, pl.List):
        series = series.list.sort().list.join("|")
        dtype = pl.String()
    if isinstance(dtype, pl.String | pl.Categorical | pl.Enum):
        text = series.cast(pl.String).fill_null("")
        lengths = text.str.len_bytes().to_numpy().astype("<u4").tobytes()
        return [nulls, lengths, text.str.join("").item().encode("utf-8")]
    if dtype == pl.Date:
        values = series.cast(pl.Int32).fill_null(0).to_numpy().astype("<i4")
    elif dtype.is_float():
        values = series.cast(pl.Float64).fill_null(0.0).to_numpy().astype("<f8")
    elif dtype.is_integer() or dtype == pl.Boolean:
        values = series.cast(pl.Int64).fill_null(0).to_numpy().astype("<i8")
    else:
        raise TypeError(f"cannot fingerprint a {dtype} column ({series.name})")
    return [nulls, values.tobytes()]


def data_fingerprint_columns(
    facts: pl.DataFrame, listings: pl.DataFrame, licences: pl.DataFrame
) -> str:
    """Scheme 2: each sorted frame's columns hashed value by value (see the module text)."""
    digest = hashlib.sha256()
    for name, frame, key in _ordered(facts, listings, licences):
        # The facts arrive sorted by their key: checking is cheaper than sorting 1M rows.
        presorted = len(key) == 1 and frame[key[0]].null_count() == 0 and frame[key[0]].is_sorted()
        ordered = frame if presorted else frame.sort(key, nulls_last=True)
        digest.update(f"{name}:{ordered.height}:{','.join(ordered.columns)}\n".encode())
        for column in ordered.columns:
            for part in _column_bytes(ordered[column]):
                digest.update(len(part).to_bytes(8, "little"))
                digest.update(part)
    return digest.hexdigest()


#: Data fingerprint schemes by number, as ``evaluation_runs.fingerprint_scheme`` records them.
SCHEMES: dict[int, Callable[[pl.DataFrame, pl.DataFrame, pl.DataFrame], str]] = {
    1: data_fingerprint_csv,
    2: data_fingerprint_columns,
}
#: The scheme new runs are fingerprinted with.
CURRENT_SCHEME = 2


def data_fingerprint(
    facts: pl.DataFrame,
    listings: pl.DataFrame,
    licences: pl.DataFrame,
    scheme: int = CURRENT_SCHEME,
    ownership: pl.DataFrame | None = None,
) -> str:
    """Hash of everything an evaluation reads, independent of row order.

    Ownership shares (read since the Affiliates rule) are folded in only when there are any,
    so a book without them keeps the fingerprint its runs were stored with."""
    base = SCHEMES[scheme](facts, listings, licences)
    shares = conform_ownership(ownership)
    if not shares.height:
        return base
    digest = hashlib.sha256(base.encode("ascii"))
    _feed(digest, "ownership", shares, ["parent_id", "child_id", "as_of", "share_pct"])
    return digest.hexdigest()
