"""The shapes every list reader produces, whatever the file it read.

One :class:`ListEntry` per row of a list, whichever publisher wrote it, so matching, diffing
and storage never care whether the list came from trade.gov's CSV or JSON or from
OpenSanctions.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from pathlib import Path


class ListFormat(StrEnum):
    """File layouts we can read; the values are the CLI's ``--format`` words."""

    CSL_CSV = "csl-csv"
    CSL_JSON = "csl-json"
    OPENSANCTIONS_CSV = "opensanctions-csv"


class PolicyCategory(StrEnum):
    """The licence review policy of an entry, reduced to what rules reason about.

    Ordered from most to least restrictive; an entry whose policy text names several (for
    example "presumption of denial ... case-by-case for 200 mm") gets the most restrictive,
    because that is the policy for everything not carved out.
    """

    POLICY_OF_DENIAL = "policy_of_denial"
    PRESUMPTION_OF_DENIAL = "presumption_of_denial"
    CASE_BY_CASE = "case_by_case"
    PRESUMPTION_OF_APPROVAL = "presumption_of_approval"
    SEE_REGULATION = "see_regulation"  # the cell only points to a section of the EAR


class ListFormatError(ValueError):
    """Bad input in a list file: one sentence naming file, row and column."""

    def __init__(
        self, path: Path | str, message: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        self.path = str(path)
        self.row = row
        self.column = column
        self.detail = message
        where = [Path(self.path).name]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {message}")


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One entry of a restricted-party list.

    ``key`` is stable across versions of the same list (the publisher's id), so that a
    decision on a match can be kept until the entry itself changes. ``source`` is the short
    list code (``entity_list``, ``meu``, ``uvl``, ``sdn``, ``cmic``, ``dpl``, ``isn``, ...),
    ``source_name`` the publisher's full wording. Footnotes are normalised to ``"FN1"`` style.
    """

    key: str
    source: str
    name: str
    aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    entity_type: str | None = None
    source_name: str | None = None
    entity_number: str | None = None
    federal_register_notice: str | None = None
    start_date: date | None = None
    licence_requirement: str | None = None
    licence_policy: str | None = None
    footnotes: tuple[str, ...] = ()
    policy_category: PolicyCategory | None = None
    remarks: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by the aliases: every spelling the list gives."""
        return (self.name, *self.aliases)


#: Fields compared when diffing two versions of an entry (everything but the key).
ENTRY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ListEntry) if f.name != "key")


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """One version of a list as read from one file: what the storage layer keeps per import."""

    fmt: ListFormat
    file_name: str
    sha256: str
    entries: tuple[ListEntry, ...]
    list_date: date | None = None

    @property
    def counts(self) -> dict[str, int]:
        """Entries per source list code, plus ``"total"``."""
        result: dict[str, int] = {}
        for entry in self.entries:
            result[entry.source] = result.get(entry.source, 0) + 1
        result["total"] = len(self.entries)
        return result
