"""Fingerprints that let a stored run be reproduced: of the rules, and of the data read.

A reviewer re-running a signed-off evaluation must be able to tell whether the rules or the
data changed since. Both hashes are SHA-256 over a canonical serialisation that does not
depend on row order or on polars' internal hashing (which is not stable across versions).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import polars as pl

from workbench.rules.facts import (
    LICENCES_SCHEMA,
    LISTINGS_SCHEMA,
    conform,
    conform_facts_shape,
    conform_listings,
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


def data_fingerprint(facts: pl.DataFrame, listings: pl.DataFrame, licences: pl.DataFrame) -> str:
    """Hash of everything an evaluation reads, independent of row order."""
    digest = hashlib.sha256()
    _feed(digest, "facts", conform_facts_shape(facts), ["obligation_id"])
    _feed(
        digest,
        "listings",
        conform_listings(listings),
        list(LISTINGS_SCHEMA),
    )
    _feed(digest, "licences", conform(licences, LICENCES_SCHEMA, "licences"), ["licence_id"])
    return digest.hexdigest()
