"""One customer kept under two customer numbers: duplicate master records in an export.

ERP and CRM systems accumulate duplicate master records: GlobalFoundries as ``GLOBALF`` and as
``GFMALTA``, NXP as ``K00147`` ("NXP Semiconductors Netherlands BV") and ``K00012`` ("... B.V.").
An export then names one fab, at one ship-to code, under both numbers, and the import would
reject the second row as a contradiction, or keep one company as two customers whose
machines, contracts and value at risk are counted apart.

Two numbers are one customer only when their names are the same name once case, punctuation
and legal form are set aside (``name_key``, the same key the plan uses to find a stored
customer by name). Anything looser ("TSMC" and its full name) stays the analyst's question.
The first number seen is kept; every record the other number named is written under it, and
the analyst is told which numbers were taken together, so the source system can be cleaned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from workbench.importers.outcome import Severity
from workbench.importers.records import (
    ContractRecord,
    CustomerRecord,
    FabRecord,
    ImportIssue,
    MachineRecord,
    Record,
    RecordKind,
)

#: An organisation's spelling-independent key; given by the caller (the services layer owns
#: the normaliser screening uses, which this plain-functions layer does not import).
NameKey = Callable[[str], str]


def unify_customer_numbers(
    collected: dict[RecordKind, list[Record]], name_key: NameKey
) -> list[ImportIssue]:
    """Write the records of duplicate customer numbers under the first; one warning per merge.

    ``collected`` is changed in place. Customers without a number, or whose name's key is
    blank, are left alone.
    """
    first_name: dict[str, CustomerRecord] = {}
    for record in collected[RecordKind.CUSTOMER]:
        if isinstance(record, CustomerRecord) and record.code and record.code not in first_name:
            first_name[record.code] = record
    if len(first_name) < 2:
        return []
    by_key: dict[str, str] = {}
    alias: dict[str, CustomerRecord] = {}
    for code, record in first_name.items():
        key = name_key(record.name)
        if not key:
            continue
        kept = by_key.setdefault(key, code)
        if kept != code:
            alias[code] = first_name[kept]
    if not alias:
        return []
    for kind in (RecordKind.CUSTOMER, RecordKind.FAB, RecordKind.MACHINE, RecordKind.CONTRACT):
        collected[kind] = [_renamed(r, alias) for r in collected[kind]]
    issues = []
    for code, first in alias.items():
        other = first_name[code]
        where = other.source
        issues.append(
            ImportIssue(
                where.file,
                where.sheet,
                where.row,
                None,
                None,
                code,
                f"customer numbers '{first.code}' ('{first.name}', first at {first.source}) "
                f"and '{code}' ('{other.name}') name one company: two master records of one "
                f"customer in the source system, imported as one, under '{first.code}'",
                Severity.WARNING,
                RecordKind.CUSTOMER,
            )
        )
    return issues


def _renamed(record: Record, alias: dict[str, CustomerRecord]) -> Record:
    if isinstance(record, CustomerRecord):
        kept = alias.get(record.code or "")
        return record if kept is None else replace(record, code=kept.code, name=kept.name)
    if isinstance(record, FabRecord | MachineRecord | ContractRecord):
        kept = alias.get(record.customer_code or "")
        if kept is None:
            return record
        return replace(record, customer_code=kept.code, customer_name=kept.name)
    return record
