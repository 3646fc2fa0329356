"""Settings of the book itself, shared by everyone who opens it.

The first is the book's own company: a vendor's installed-base export has no vendor column
because every machine in it is the vendor's own. Kept in the book (not in one user's
preferences), so a colleague importing the next export gets the same machines.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.storage.database import Database
from workbench.storage.orm import BookSettingRow

OWN_COMPANY = "own_company"
#: The currency of amounts an export states without one: ERPs export in the company currency
#: and print no code beside the number.
BOOK_CURRENCY = "currency"


def get_setting(session: Session, key: str) -> str | None:
    row = session.get(BookSettingRow, key)
    return row.value if row is not None else None


def set_setting(session: Session, key: str, value: str | None) -> None:
    """Store ``value`` under ``key`` (None removes it); the caller owns the transaction."""
    row = session.get(BookSettingRow, key)
    if value is None or not value.strip():
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(BookSettingRow(key=key, value=value.strip()))
    else:
        row.value = value.strip()


def own_company(db: Database) -> str | None:
    """The company whose installed base this book holds, if someone has said."""
    with db.read() as session:
        return get_setting(session, OWN_COMPANY)


def set_own_company(db: Database, name: str | None) -> None:
    with db.session() as session:
        set_setting(session, OWN_COMPANY, name)


def all_settings(db: Database) -> dict[str, str]:
    with db.read() as session:
        return {r.key: r.value for r in session.scalars(select(BookSettingRow))}
