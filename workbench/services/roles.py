"""Who may do what: viewer (reads), analyst (changes the book), approver (also approves reports).

SQLite book (one user's file, or a few sharing a folder): roles are a setting in the book, in
``user_roles``, set with ``workbench roles set USER ROLE`` by an approver. Nobody is listed in a
new book, so whoever writes first becomes its approver (recorded at that first write) and
everyone who comes later is an analyst until an approver says otherwise. The setting guards
against slips, not against someone who can edit the file or set ``WORKBENCH_USER``.

PostgreSQL book (a team): roles are database roles granted to each person's login --
``workbench_viewer``, ``workbench_analyst`` (includes viewer) and ``workbench_approver``
(includes analyst) -- so the server itself enforces them. The highest one granted counts. A
login holding none of them is an approver if it owns the database (whoever created it
administers it), else a viewer. Migration 0005 creates the roles when its login may; otherwise
a database administrator runs :func:`grant_sql` once (``workbench roles sql``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from workbench.domain.errors import WorkbenchError
from workbench.services import audit
from workbench.services.identity import current_user
from workbench.storage.database import Database
from workbench.storage.orm import UserRoleRow

VIEWER, ANALYST, APPROVER = "viewer", "analyst", "approver"
ROLES = (VIEWER, ANALYST, APPROVER)
_RANK = {role: rank for rank, role in enumerate(ROLES)}
PG_ROLES = {role: f"workbench_{role}" for role in ROLES}


class RoleError(WorkbenchError):
    """The current user's role does not allow the action, or a role cannot be set."""


@dataclass(frozen=True, slots=True)
class RoleInfo:
    user: str
    role: str
    #: Where the role comes from: setting, first user, default, database role, database owner,
    #: no role granted.
    source: str

    def as_json(self) -> dict[str, str]:
        return {"user": self.user, "role": self.role, "source": self.source}


def _check_role(role: str) -> str:
    if role not in _RANK:
        raise RoleError(f"'{role}' is not a role; choose {', '.join(ROLES)}.")
    return role


def role_of(session: Session, user: str | None = None) -> RoleInfo:
    """The role of ``user`` (default: the current user; on PostgreSQL, the login)."""
    if session.get_bind().dialect.name == "postgresql":
        return _pg_role(session)
    name = user or current_user()
    row = session.get(UserRoleRow, name)
    if row is not None:
        return RoleInfo(name, row.role, "setting")
    anyone = session.scalar(select(UserRoleRow.user_name).limit(1))
    if anyone is None:
        return RoleInfo(name, APPROVER, "first user")
    return RoleInfo(name, ANALYST, "default")


def _pg_role(session: Session) -> RoleInfo:
    login = str(session.scalar(text("SELECT current_user")))
    held = set(
        session.scalars(
            text(
                "SELECT rolname FROM pg_roles WHERE rolname = ANY(:names) "
                "AND pg_has_role(current_user, oid, 'MEMBER')"
            ),
            {"names": list(PG_ROLES.values())},
        )
    )
    for role in reversed(ROLES):
        if PG_ROLES[role] in held:
            return RoleInfo(login, role, "database role")
    owner = session.scalar(
        text(
            "SELECT pg_has_role(current_user, datdba, 'MEMBER') FROM pg_database "
            "WHERE datname = current_database()"
        )
    )
    if owner:
        return RoleInfo(login, APPROVER, "database owner")
    return RoleInfo(login, VIEWER, "no role granted")


def require(session: Session, needed: str, action: str) -> RoleInfo:
    """Refuse ``action`` unless the current user holds ``needed`` or a higher role.

    In a SQLite book the first user's approver role is recorded here, at their first write.
    """
    info = role_of(session)
    if _RANK[info.role] < _RANK[_check_role(needed)]:
        raise RoleError(
            f"{info.user} is a {info.role} in this book, and {action} needs the {needed} "
            f"role; an approver can grant it (workbench roles set {info.user} {needed})."
        )
    if info.source == "first user" and needed != VIEWER:
        session.add(UserRoleRow(user_name=info.user, role=APPROVER, granted_by=info.user))
        session.flush()
        audit.record_many(
            session,
            [audit.AuditEvent("insert", "user_roles", None, info.user, new={"role": APPROVER})],
            "cli",
            comment="first user of the book becomes its approver",
        )
    return info


def require_write(session: Session, action: str = "changing the book") -> RoleInfo:
    return require(session, ANALYST, action)


def current_role(db: Database) -> RoleInfo:
    with db.read() as session:
        return role_of(session)


def assigned(db: Database) -> list[RoleInfo]:
    """Everyone with a role set: rows of the setting (SQLite) or role members (PostgreSQL)."""
    with db.read() as session:
        if db.backend != "postgresql":
            rows = session.scalars(select(UserRoleRow).order_by(UserRoleRow.user_name))
            return [RoleInfo(r.user_name, r.role, "setting") for r in rows]
        found = session.execute(
            text(
                "SELECT m.rolname, r.rolname FROM pg_auth_members a "
                "JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
                "WHERE r.rolname = ANY(:names) ORDER BY m.rolname"
            ),
            {"names": list(PG_ROLES.values())},
        )
        by_name = {v: k for k, v in PG_ROLES.items()}
        best: dict[str, str] = {}
        for member, role_name in found:
            if member in PG_ROLES.values():
                continue
            role = by_name[role_name]
            if member not in best or _RANK[role] > _RANK[best[member]]:
                best[member] = role
        return [RoleInfo(m, r, "database role") for m, r in sorted(best.items())]


def set_role(db: Database, user: str, role: str) -> RoleInfo:
    """Give ``user`` ``role``; only an approver may (on PostgreSQL: a role administrator)."""
    _check_role(role)
    name = user.strip()
    if not name:
        raise RoleError("Name the user whose role to set.")
    if db.backend == "postgresql":
        return _pg_set_role(db, name, role)
    with db.session() as session:
        require(session, APPROVER, "setting roles")
        row = session.get(UserRoleRow, name)
        old = row.role if row else None
        if row is None:
            session.add(UserRoleRow(user_name=name, role=role, granted_by=current_user()))
        else:
            row.role, row.granted_by = role, current_user()
            row.granted_at = dt.datetime.now(dt.UTC)
        if old != role:
            session.flush()
            audit.record_many(
                session,
                [
                    audit.AuditEvent(
                        "insert" if old is None else "update",
                        "user_roles",
                        None,
                        name,
                        "role",
                        old,
                        role,
                    )
                ],
                "cli",
            )
    return RoleInfo(name, role, "setting")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _pg_set_role(db: Database, user: str, role: str) -> RoleInfo:
    target = PG_ROLES[role]
    statements = [f"GRANT {target} TO {_quoted(user)}"] + [
        f"REVOKE {other} FROM {_quoted(user)}" for other in PG_ROLES.values() if other != target
    ]
    try:
        with db.session() as session:
            for statement in statements:
                session.execute(text(statement))
            audit.record_many(
                session,
                [audit.AuditEvent("update", "database_roles", None, user, "role", None, role)],
                "cli",
            )
    except DBAPIError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise RoleError(
            f"Cannot set the role of {user} ({reason}); a database administrator can run: "
            + "; ".join(statements)
            + "."
        ) from exc
    return RoleInfo(user, role, "database role")


def grant_sql() -> str:
    """What a PostgreSQL administrator runs once per cluster and database to set roles up."""
    viewer, analyst, approver = (PG_ROLES[r] for r in ROLES)
    return "\n".join(
        [
            "-- once per cluster, as a role administrator:",
            f"CREATE ROLE {viewer} NOLOGIN;",
            f"CREATE ROLE {analyst} NOLOGIN;",
            f"CREATE ROLE {approver} NOLOGIN;",
            f"GRANT {viewer} TO {analyst};",
            f"GRANT {analyst} TO {approver};",
            "-- once per database, as the owner of its tables:",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {viewer};",
            f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {analyst};",
            f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {analyst};",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {viewer};",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
            f"GRANT INSERT, UPDATE, DELETE ON TABLES TO {analyst};",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO {analyst};",
            "REVOKE UPDATE, DELETE, TRUNCATE ON audit_events "
            f"FROM PUBLIC, {viewer}, {analyst}, {approver};",
            "-- then per person:",
            f"GRANT {analyst} TO alice;  -- or {viewer} / {approver}",
        ]
    )
