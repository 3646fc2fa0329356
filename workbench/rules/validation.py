"""Validation of rule packs and scenarios with the YAML line and column of every error.

Analysts write packs by hand, so one run must report every problem, each where it is. We
compose the YAML node tree (which keeps marks), validate the plain data with pydantic, and walk
each error's location back down the node tree; then semantic checks the schema cannot express
(country groups, model sets, dates, duplicates) report the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import pycountry
import yaml
from pydantic import BaseModel, ValidationError

from workbench.rules.country_groups import known_groups
from workbench.rules.model import (
    AllOf,
    AnyOf,
    CountryGroupIn,
    CountryIn,
    ModelSetIn,
    NotOf,
    RulePack,
    Scenario,
    Scope,
)
from workbench.rules.model import Rule as RuleModel

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]

#: ISO codes pycountry lacks but export texts use.
_EXTRA_COUNTRIES = frozenset({"XK"})


@dataclass(frozen=True, slots=True)
class ValidationMessage:
    file: str
    line: int  # 1-based
    column: int  # 1-based
    message: str
    location: str  # dotted path inside the document, e.g. "rules.2.scope.all.0.in"
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f" (at {self.location})" if self.location else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}{where}"


class _Locator:
    """Maps a pydantic/semantic location onto the YAML node that holds it."""

    def __init__(self, file: str, root: yaml.Node | None) -> None:
        self.file = file
        self.root = root

    def node(self, loc: Loc) -> yaml.Node | None:
        node = self.root
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                found = next((v for k, v in node.value if k.value == part), None)
                if found is not None:
                    node = found
                # Otherwise ``part`` is a union tag or a missing key: stay on the parent.
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                node = node.value[part]
        return node

    def message(
        self, loc: Loc, text: str, severity: Literal["error", "warning"] = "error"
    ) -> ValidationMessage:
        node = self.node(loc)
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        where = ".".join(str(p) for p in loc)
        return ValidationMessage(self.file, line, col, text, where, severity)


def _duplicate_keys(node: yaml.Node, loc: Loc, loc8: _Locator) -> Iterator[ValidationMessage]:
    """YAML silently keeps the last of two equal keys; a pack author never means that."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                mark = key.start_mark
                yield ValidationMessage(
                    loc8.file, mark.line + 1, mark.column + 1,
                    f"duplicate key {key.value!r}", ".".join(str(p) for p in (*loc, key.value)),
                )  # fmt: skip
            seen.add(key.value)
            yield from _duplicate_keys(value, (*loc, key.value), loc8)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _duplicate_keys(item, (*loc, i), loc8)


def _pydantic_text(err: Any) -> str:
    msg = str(err["msg"]).removeprefix("Value error, ")
    value = err.get("input")
    if isinstance(value, bool) and err["type"] in ("string_type", "string_pattern_mismatch"):
        msg += "; YAML reads bare yes/no/on/off (e.g. the country code NO) as booleans: quote it"
    if err["type"] in ("date_type", "date_parsing") and isinstance(value, str):
        msg += "; write dates unquoted as YYYY-MM-DD"
    if err["type"] == "missing":
        msg = f"missing required field {err['loc'][-1]!r}"
    elif err["type"] == "extra_forbidden":
        msg = f"unknown field {err['loc'][-1]!r}"
    return msg


def _parse(text: str, file: str) -> tuple[Any, _Locator, list[ValidationMessage]]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
        return (
            None,
            _Locator(file, None),
            [ValidationMessage(file, line, col, f"YAML: {problem}", "")],
        )
    loc8 = _Locator(file, root)
    return data, loc8, list(_duplicate_keys(root, (), loc8)) if root is not None else []


def validate_document(
    text: str, file: str, model: type[M]
) -> tuple[M | None, list[ValidationMessage]]:
    """Parse and validate one YAML document against ``model``: the object, and every error."""
    data, loc8, messages = _parse(text, file)
    if messages and data is None:
        return None, messages
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        messages += [loc8.message(tuple(e["loc"]), _pydantic_text(e)) for e in exc.errors()]
        return None, sorted(messages, key=lambda m: (m.line, m.column))
    if isinstance(obj, RulePack):
        messages += _semantic_pack(obj, loc8)
    return (obj if not any(m.severity == "error" for m in messages) else None), sorted(
        messages, key=lambda m: (m.line, m.column)
    )


def _walk_scope(node: Scope, loc: Loc) -> Iterator[tuple[Any, Loc]]:
    yield node, loc
    if isinstance(node, AllOf):
        for i, child in enumerate(node.items):
            yield from _walk_scope(child, (*loc, "all", i))
    elif isinstance(node, AnyOf):
        for i, child in enumerate(node.items):
            yield from _walk_scope(child, (*loc, "any", i))
    elif isinstance(node, NotOf):
        yield from _walk_scope(node.item, (*loc, "not"))


def _known_country(code: str) -> bool:
    return code in _EXTRA_COUNTRIES or pycountry.countries.get(alpha_2=code) is not None


def _semantic_rule(
    rule: RuleModel, loc: Loc, pack: RulePack, groups: frozenset[str], loc8: _Locator
) -> Iterator[ValidationMessage]:
    if rule.effective and rule.published and rule.effective < rule.published:
        # A warning, not an error: US interim final rules take effect on public display,
        # days before the Federal Register issue is dated.
        yield loc8.message(
            (*loc, "effective"),
            f"effective date {rule.effective} is before the published date {rule.published};"
            " right only for rules effective on public display",
            "warning",
        )
    if rule.compliance and rule.effective and rule.compliance < rule.effective:
        yield loc8.message(
            (*loc, "compliance"),
            f"compliance date {rule.compliance} is before the effective date {rule.effective}",
        )
    if rule.superseded and rule.effective and rule.superseded <= rule.effective:
        yield loc8.message(
            (*loc, "superseded"),
            f"superseded on {rule.superseded}, not after the effective date {rule.effective}",
        )
    if rule.status in ("in_force", "published") and rule.effective is None:
        yield loc8.message(
            (*loc, "effective"), f"a rule with status {rule.status} needs an effective date"
        )
    for i, g in enumerate(rule.exceptions.grandfathering):
        if g.until and g.until < g.before:
            yield loc8.message(
                (*loc, "exceptions", "grandfathering", i, "until"),
                f"grandfathering ends {g.until}, before its cut-off date {g.before}",
            )
    for node, where in _walk_scope(rule.scope, (*loc, "scope")):
        if isinstance(node, CountryGroupIn):
            for i, label in enumerate(node.groups):
                if label not in groups:
                    yield loc8.message(
                        (*where, "in", i),
                        f"unknown country group {label!r}; known: {', '.join(sorted(groups))}",
                    )
        elif isinstance(node, CountryIn):
            for i, c in enumerate(node.countries):
                if not _known_country(c):
                    yield loc8.message((*where, "in", i), f"unknown country code {c!r}")
            if rule.jurisdiction == "US" and "CN" in node.countries and "HK" not in node.countries:
                # The country groups fold Hong Kong into China; a plain country test does not.
                yield loc8.message(
                    (*where, "in"),
                    "the EAR treats Hong Kong as China since 23 Dec 2020 (85 FR 83765): "
                    "name HK beside CN",
                    "warning",
                )
        elif isinstance(node, ModelSetIn) and node.name not in pack.model_sets:
            known = ", ".join(sorted(pack.model_sets)) or "none defined"
            yield loc8.message(
                (*where, "set"), f"unknown model set {node.name!r}; this pack defines: {known}"
            )
    if not rule.facts:
        yield loc8.message((*loc, "id"), "rule lists no facts with their confidence", "warning")


def _semantic_pack(pack: RulePack, loc8: _Locator) -> list[ValidationMessage]:
    groups = known_groups()
    out: list[ValidationMessage] = []
    seen: dict[str, int] = {}
    for i, rule in enumerate(pack.rules):
        if rule.id in seen:
            out.append(
                loc8.message(
                    ("rules", i, "id"),
                    f"duplicate rule id {rule.id!r} (first at rules.{seen[rule.id]})",
                )
            )
        seen.setdefault(rule.id, i)
        out += _semantic_rule(rule, ("rules", i), pack, groups, loc8)
    return out


def validate_pack(path: Path | str) -> list[ValidationMessage]:
    """Every error and warning of the pack at ``path``; empty means it loads cleanly."""
    p = Path(path)
    return validate_document(p.read_text(encoding="utf-8"), p.name, RulePack)[1]


def validate_scenario(path: Path | str) -> list[ValidationMessage]:
    p = Path(path)
    return validate_document(p.read_text(encoding="utf-8"), p.name, Scenario)[1]


def errors_only(messages: Sequence[ValidationMessage]) -> list[ValidationMessage]:
    return [m for m in messages if m.severity == "error"]
