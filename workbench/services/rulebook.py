"""The rules and scenarios a user can evaluate: shipped files plus the database's own.

A pack or scenario stored in the database (imported or edited in the app) replaces the shipped
one with the same id, so a user can correct a shipped reading without touching the install.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.errors import WorkbenchError
from workbench.rules.model import RulePack, Scenario
from workbench.rules.pack_changes import RuleChange, pack_changes
from workbench.rules.packs import RuleBook, load_shipped_packs, load_shipped_scenarios
from workbench.rules.validation import errors_only, validate_document, validate_pack
from workbench.services import audit, roles
from workbench.services.identity import current_user
from workbench.storage.database import Database
from workbench.storage.orm import RulePackRow, ScenarioRow


class RuleError(WorkbenchError):
    """A rule pack or scenario is invalid or unknown."""


@dataclass(frozen=True)
class PackInfo:
    pack: RulePack
    origin: str  # "shipped" or "database"


def packs(db: Database) -> list[PackInfo]:
    """Every pack in effect: database packs override shipped ones with the same id."""
    chosen: dict[str, PackInfo] = {p.pack: PackInfo(p, "shipped") for p in load_shipped_packs()}
    with db.read() as session:
        for row in session.scalars(select(RulePackRow).order_by(RulePackRow.pack_id)):
            chosen[row.pack_id] = PackInfo(
                RulePack.model_validate(yaml.safe_load(row.yaml_text)), "database"
            )
    return sorted(chosen.values(), key=lambda p: p.pack.pack)


def rule_book(db: Database) -> RuleBook:
    return RuleBook.of(p.pack for p in packs(db))


def scenarios(db: Database) -> list[Scenario]:
    chosen = {s.id: s for s in load_shipped_scenarios()}
    with db.read() as session:
        for row in session.scalars(select(ScenarioRow).order_by(ScenarioRow.scenario_id)):
            chosen[row.scenario_id] = Scenario.model_validate(yaml.safe_load(row.yaml_text))
    return sorted(chosen.values(), key=lambda s: (not s.in_force or bool(s.rules), s.id))


def scenario(db: Database, scenario_id: str) -> Scenario:
    for candidate in scenarios(db):
        if candidate.id == scenario_id:
            return candidate
    known = ", ".join(s.id for s in scenarios(db))
    raise RuleError(f"There is no scenario '{scenario_id}'; known scenarios: {known}.")


@dataclass(frozen=True)
class ImportedPack:
    """A pack taken in, what it changed against the version in effect before, and the
    scenarios whose results it can change (so the user can re-run them). Stored runs keep
    the rules they were evaluated with, so runs made with the old version are unaffected."""

    pack: RulePack
    previous: PackInfo | None
    changes: list[RuleChange]
    scenarios: list[str]


def import_pack(db: Database, path: Path) -> ImportedPack:
    """Validate a pack file and store it, replacing a pack with the same id; report what
    changed rule by rule against the pack in effect before (shipped or stored)."""
    if not path.is_file():
        raise RuleError(f"{path} does not exist or is not a file.")
    problems = errors_only(validate_pack(path))
    if problems:
        raise RuleError(
            f"{path.name} is not a valid rule pack ({len(problems)} error(s)); first: {problems[0]}"
        )
    text = path.read_text(encoding="utf-8")
    pack = RulePack.model_validate(yaml.safe_load(text))
    previous = next((p for p in packs(db) if p.pack.pack == pack.pack), None)
    changes = pack_changes(previous.pack if previous else None, pack)
    save_pack_text(db, pack, text, source=path.name)
    ids = {r.id for r in pack.rules}
    affected = [
        s.id for s in scenarios(db) if s.in_force or pack.pack in s.packs or ids & set(s.rules)
    ]
    return ImportedPack(pack, previous, changes, affected)


def save_pack_text(db: Database, pack: RulePack, text: str, source: str) -> None:
    """Store a validated pack's YAML text (shared by the CLI import and the rule editor)."""
    others = [p.pack for p in packs(db) if p.pack.pack != pack.pack]
    try:
        RuleBook.of([*others, pack])
    except ValueError as exc:
        raise RuleError(f"Pack '{pack.pack}' clashes with a pack already loaded: {exc}.") from exc
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with db.session() as session:
        roles.require_write(session, "changing rule packs")
        row = session.scalar(select(RulePackRow).where(RulePackRow.pack_id == pack.pack))
        old = None if row is None else {"title": row.title, "sha256": row.sha256}
        if row is None:
            row = RulePackRow(
                pack_id=pack.pack,
                title=pack.title,
                yaml_text=text,
                sha256=digest,
                source=source,
                user_name=current_user(),
            )
            session.add(row)
        else:
            row.title, row.yaml_text, row.sha256 = pack.title, text, digest
            row.source, row.user_name = source, current_user()
            row.version += 1
        session.flush()
        _audit_rule_edit(session, "rule_packs", row.id, pack.pack, old, pack.title, digest)


def save_scenario(db: Database, scenario_obj: Scenario) -> None:
    """Store a user scenario (create or replace), after checking its rules exist."""
    book = rule_book(db)
    for pack_id in scenario_obj.packs:
        try:
            book.pack(pack_id)
        except KeyError as exc:
            raise RuleError(
                f"Scenario '{scenario_obj.id}' names unknown pack '{pack_id}'."
            ) from exc
    for rule_id in scenario_obj.rules:
        try:
            book.find(rule_id)
        except KeyError as exc:
            raise RuleError(
                f"Scenario '{scenario_obj.id}' names unknown rule '{rule_id}'."
            ) from exc
    text = yaml.safe_dump(
        scenario_obj.model_dump(mode="python", exclude_defaults=True),
        allow_unicode=True,
        sort_keys=False,
    )
    _parsed, found = validate_document(text, f"scenario {scenario_obj.id}", Scenario)
    messages = errors_only(found)
    if messages:
        raise RuleError(str(messages[0]))
    with db.session() as session:
        roles.require_write(session, "changing scenarios")
        row = session.scalar(select(ScenarioRow).where(ScenarioRow.scenario_id == scenario_obj.id))
        old = (
            None
            if row is None
            else {"title": row.title, "sha256": hashlib.sha256(row.yaml_text.encode()).hexdigest()}
        )
        if row is None:
            row = ScenarioRow(
                scenario_id=scenario_obj.id,
                title=scenario_obj.title,
                yaml_text=text,
                user_name=current_user(),
            )
            session.add(row)
        else:
            row.title, row.yaml_text, row.user_name = scenario_obj.title, text, current_user()
            row.version += 1
        session.flush()
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        _audit_rule_edit(session, "scenarios", row.id, scenario_obj.id, old, row.title, digest)


def _audit_rule_edit(
    session: Session,
    table: str,
    row_id: int,
    key: str,
    old: dict[str, str] | None,
    title: str,
    digest: str,
) -> None:
    """One entry per changed field: the YAML itself stays in its row, its SHA-256 is logged."""
    new = {"title": title, "sha256": digest}
    if old is None:
        events = [audit.AuditEvent("insert", table, row_id, key, None, None, new)]
    else:
        events = [
            audit.AuditEvent("update", table, row_id, key, name, old[name], value)
            for name, value in new.items()
            if old[name] != value
        ]
    audit.record_many(session, events, "rule_edit", key)
