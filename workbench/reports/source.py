"""What a report is made from: the run's metadata, the rules as evaluated, and the hits.

Reports take these plain values rather than a database so that a signed report can be
regenerated from a stored run alone, and so that tests build one from a frame in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

DEFAULT_MARKING = "CONFIDENTIAL - EXPORT-CONTROL SENSITIVE - INTERNAL USE ONLY"

#: The text both report kinds embed in their document properties, so a file can be matched to
#: its run when it is signed off (see :mod:`workbench.reports.identify`).
MARKER_PREFIX = "workbench-run="


@dataclass(frozen=True)
class ReportRun:
    """Metadata of a stored evaluation run, plus when and by whom the report is generated.

    ``created_at`` and ``generated_at`` are naive UTC times; reports label them as UTC.
    """

    run_id: int
    scenario_id: str
    scenario_title: str
    as_of: dt.date
    created_at: dt.datetime
    created_by: str
    app_version: str
    rule_hash: str
    data_fingerprint: str
    country_groups: str
    obligations_evaluated: int
    generated_at: dt.datetime
    generated_by: str
    report_version: str
    marking: str = DEFAULT_MARKING

    @property
    def marker(self) -> str:
        """Run id and data fingerprint, as embedded in the file's properties."""
        return f"{MARKER_PREFIX}{self.run_id};data={self.data_fingerprint}"


@dataclass(frozen=True)
class RegisterEntry:
    """A licence of the register as the report lists it (the register at report time)."""

    authority: str
    number: str
    licence_type: str
    valid_from: dt.date
    valid_to: dt.date | None
    scope: str
    limits: str
    document_sha256: str | None = None


@dataclass(frozen=True)
class ApplicationEntry:
    """A licence application as the report lists it: open ones and decided ones."""

    application_id: int
    authority: str
    end_user: str
    status: str
    items: int
    submitted_on: dt.date | None
    reference: str | None
    decided_on: dt.date | None
    note: str | None


@dataclass(frozen=True)
class ReportSource:
    """Everything a report shows.

    ``rules`` are the stored rule records of the run (``{"pack", "effective", "rule": {...}}``);
    ``hits`` is the run's hit frame (``workbench.rules.hits.HIT_SCHEMA`` plus ``explanation``);
    ``local_names`` maps customer ids to their local-script names, printed next to the Latin ones.
    """

    run: ReportRun
    rules: list[dict[str, Any]]
    hits: pl.DataFrame
    local_names: Mapping[int, str] = field(default_factory=dict)
    #: Licences of the register the run relied on (their numbers appear on its hits).
    licences: Sequence[RegisterEntry] = ()
    #: Licence applications of the run's customers: open, granted, denied, withdrawn.
    applications: Sequence[ApplicationEntry] = ()

    def customer_label(self, customer_id: int, name: str) -> str:
        local = self.local_names.get(customer_id)
        return f"{name} ({local})" if local and local != name else name
