"""Rules, their parameters, and the registry that holds them."""

from __future__ import annotations

import datetime
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from ..model import TABLES, Fleet, Period, SourceLocation, Subject
from ._finding import Finding
from ._partition import Partition
from ._severity import Severity

if TYPE_CHECKING:
    from ..model import Person

__all__ = [
    "ChangePoints",
    "Context",
    "Parameter",
    "RegistrationError",
    "Registry",
    "Rule",
    "RuleCheck",
    "default_registry",
    "rule",
]

_CODE = re.compile(r"[A-Z]{2,8}[0-9]{3}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_PARAMETER_TYPES: dict[type[Any], str] = {
    int: "whole number",
    str: "text",
    bool: "true or false",
    Period: "period (ISO 8601, e.g. P90D)",
}


class RegistrationError(ValueError):
    """A rule could not be registered: a bad or duplicate code or name, or a bad parameter."""


@attrs.frozen
class Parameter:
    """A typed, documented parameter of a rule, set per rule in the configuration."""

    name: str
    """Kebab-case name, as written in configuration (``within-days``)."""
    type: type[Any]
    """``int``, ``str``, ``bool`` or :class:`~maritime_crew.Period`."""
    default: Any
    """Value used when the configuration does not set one."""
    description: str
    """What the parameter controls, with its unit."""

    def __attrs_post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise RegistrationError(f"parameter name {self.name!r} is not kebab-case")
        if self.type not in _PARAMETER_TYPES:
            raise RegistrationError(
                f"parameter {self.name!r} has type {self.type!r}; use int, str, bool or Period"
            )
        self.validate(self.default)

    @property
    def type_words(self) -> str:
        """The parameter's type in plain words."""
        return _PARAMETER_TYPES[self.type]

    def validate(self, value: Any) -> Any:
        """``value`` as this parameter's type, or :class:`ValueError` in plain words."""
        if self.type is Period and isinstance(value, str):
            return Period.parse(value)
        if type(value) is not self.type:
            raise ValueError(f"parameter {self.name!r} expects a {self.type_words}, not {value!r}")
        if self.type is int and value < 0:
            raise ValueError(f"parameter {self.name!r} must be 0 or more, not {value}")
        return value

    def to_record(self) -> dict[str, Any]:
        """The parameter as plain data, for catalogues."""
        default = str(self.default) if isinstance(self.default, Period) else self.default
        return {
            "name": self.name,
            "type": self.type_words,
            "default": default,
            "description": self.description,
        }


RuleCheck = Callable[[Fleet, "Context"], Iterable[Finding]]
"""The function behind a rule: given a fleet and a context, yield findings."""

ChangePoints = Callable[[Fleet, Mapping[str, Any]], Iterable[datetime.date]]
"""Dates on which a rule's findings can change, given the fleet and the rule's parameters.

A rule's findings (compared by :class:`~maritime_crew.FindingKey`) on any day must equal
its findings on the latest of these dates on or before that day. Used by
:func:`~maritime_crew.timeline`; see ``docs/timeline.md``.
"""


@attrs.frozen
class Rule:
    """A compliance rule: a stable code and name, documentation, and a check function.

    ``rationale`` explains why the rule exists and names its source: a seed commitment
    (C1 to C9), MLC 2006, STCW, another standard, or good practice. ``example`` describes
    a situation in which the rule fires; ``fix`` says how to resolve a finding.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    check: RuleCheck = attrs.field(eq=False, repr=False)
    parameters: tuple[Parameter, ...] = ()
    example: str = ""
    fix: str = ""
    source: str = ""
    """Short citation of the source, e.g. ``STCW A-I/2`` or ``seed C3``."""
    needs_findings: bool = False
    """True for rules that examine the other rules' findings (run last)."""
    origin: str = ""
    """Module and function that defined the rule (``package.module:function``)."""
    change_points: ChangePoints | None = attrs.field(default=None, eq=False, repr=False)
    """Dates on which the rule's findings can change; ``None`` means any day can."""
    partition: Partition | None = attrs.field(default=None, eq=False, repr=False)
    """How the rule can run on parts of a fleet (see :mod:`maritime_crew.rules`); with a
    partition, ``change_points`` is asked part by part."""

    def __attrs_post_init__(self) -> None:
        if not _CODE.fullmatch(self.code):
            raise RegistrationError(
                f"rule code {self.code!r} must be a family prefix of 2-8 capital letters "
                "and 3 digits, e.g. CERT001"
            )
        if not _NAME.fullmatch(self.name):
            raise RegistrationError(f"rule name {self.name!r} must be kebab-case")
        names = [parameter.name for parameter in self.parameters]
        if len(set(names)) != len(names):
            raise RegistrationError(f"rule {self.code} has duplicate parameter names")

    @property
    def family(self) -> str:
        """The code's letters: ``CERT`` for ``CERT001``."""
        return self.code.rstrip("0123456789")

    def defaults(self) -> dict[str, Any]:
        """Every parameter at its default value."""
        return {parameter.name: parameter.default for parameter in self.parameters}

    def to_record(self) -> dict[str, Any]:
        """The rule's documentation as plain data, for catalogues."""
        return {
            "code": self.code,
            "name": self.name,
            "family": self.family,
            "severity": self.severity.value,
            "summary": self.summary,
            "rationale": self.rationale,
            "source": self.source,
            "parameters": [parameter.to_record() for parameter in self.parameters],
            "example": self.example,
            "fix": self.fix,
        }


@attrs.frozen
class Context:
    """What a rule is given besides the fleet: the date, its parameters, and helpers."""

    as_of: pendulum.Date
    """The date the check is made as of."""
    params: Mapping[str, Any]
    """The rule's parameters, resolved from defaults and configuration."""
    rule: Rule
    """The rule being run."""
    severity: Severity
    """The rule's severity after configuration overrides."""
    fleet: Fleet = attrs.field(repr=False)
    findings: tuple[Finding, ...] = attrs.field(default=(), repr=False)
    """Findings of the other rules (only for rules with ``needs_findings``)."""
    catalogue: tuple[Rule, ...] = attrs.field(default=(), repr=False)
    """Every registered rule (only for rules with ``needs_findings``)."""
    ran: tuple[Rule, ...] = attrs.field(default=(), repr=False)
    """The rules whose findings are in ``findings`` (only for rules with ``needs_findings``):
    a rule that did not run has found nothing, which says nothing about the data."""

    def finding(
        self,
        subject: Subject,
        message: str,
        *,
        vessel: str | None = None,
        crew: str | None = None,
        source: SourceLocation | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> Finding:
        """A finding of this rule, with its code, name and effective severity.

        Where ``vessel``, ``crew`` and ``source`` are not given they are worked out from
        the subject: a person's crew and its vessel, an item's holder on the date, an
        operation's vessel, and the file and line of the subject's record.
        """
        if vessel is None and crew is None:
            vessel, crew = _placement(self.fleet, subject, self.as_of)
        if source is None and subject.kind in _ID_TABLES:
            source = self.fleet.locate(subject.kind, subject.id)
        return Finding(
            code=self.rule.code,
            name=self.rule.name,
            severity=self.severity,
            subject=subject,
            message=message,
            vessel=vessel,
            crew=crew,
            source=source,
            details=dict(details or {}),
        )

    def about_person(
        self,
        person: Person,
        message: str,
        *,
        nested: tuple[str | int, ...] = (),
        details: Mapping[str, Any] | None = None,
    ) -> Finding:
        """A finding about a person (or a record inside one, at ``nested``).

        ``nested`` points at the record inside the person that the finding concerns,
        e.g. ``("certificates", 2)``, so the source line is that record's.
        """
        positions = self.fleet.positions("person", person.id)
        source = self.fleet.source_of("person", positions[0], *nested) if positions else None
        return self.finding(Subject("person", person.id), message, source=source, details=details)


def _placement(fleet: Fleet, subject: Subject, on: pendulum.Date) -> tuple[str | None, str | None]:
    """The vessel and crew a subject belongs to, where the records say."""
    kind, key = subject.kind, subject.id
    crew_id: str | None = None
    vessel_id: str | None = None
    if kind == "person":
        person = fleet.person(key)
        crew_id = person.crew if person else None
    elif kind == "crew":
        crew_id = key
    elif kind == "vessel":
        vessel_id = key
    elif kind in ("deployment", "operation"):
        record = fleet.deployment(key) if kind == "deployment" else fleet.operation(key)
        if record is not None:
            vessel_id, crew_id = record.vessel, record.crew
    elif kind == "debrief":
        debrief = fleet.debrief(key)
        operation = fleet.operation(debrief.operation) if debrief else None
        vessel_id = (debrief.vessel if debrief else None) or (
            operation.vessel if operation else None
        )
    elif kind == "document":
        document = fleet.document(key)
        if document is not None and len(document.vessels) == 1:
            vessel_id = document.vessels[0]  # several vessels, or none: fleet-wide
    elif kind == "equipment_item":
        holders = fleet.holders_of(key, on)
        crew_id = holders[0].crew if holders else None
    if crew_id is not None and vessel_id is None:
        crew = fleet.crew(crew_id)
        vessel_id = crew.vessel if crew else None
    return vessel_id, crew_id


_ID_TABLES = frozenset(table.name for table in TABLES if table.name != "work_period")


class Registry:
    """The rules known to :func:`~maritime_crew.check`, by code and by name.

    Built-in rules and those of installed plugins (entry-point group
    ``maritime_crew.rules``) are loaded on first use, which includes the first
    registration: a rule whose code or name is taken by a built-in or a plugin rule is
    refused when it is registered, not at the next check. Registering a second rule with
    a code or name already taken is an error, except that re-running the same definition
    (same module and function, as when a notebook cell runs twice) replaces it.

    If loading fails (a plugin that cannot be imported, or two plugins that claim one
    code), nothing of that load is kept and every later use raises the same error: a
    check never runs quietly without the rules it was meant to have.
    """

    def __init__(self, *, load_builtins: bool = True, load_plugins: bool = True) -> None:
        self._by_code: dict[str, Rule] = {}
        self._by_name: dict[str, Rule] = {}
        self._load_builtins = load_builtins
        self._load_plugins = load_plugins
        self._loaded = False
        self._loading = False
        self._failure: RegistrationError | None = None
        self._lock = threading.RLock()

    def register(self, new: Rule) -> Rule:
        """Add a rule; raises :class:`~maritime_crew.RegistrationError` on a clash."""
        with self._lock:
            self._ensure_loaded()
            for key, table in ((new.code, self._by_code), (new.name, self._by_name)):
                existing = table.get(key)
                if existing is not None and not (new.origin and existing.origin == new.origin):
                    raise RegistrationError(
                        f"rule {new.code} ({new.name}) from {new.origin or 'unknown origin'} "
                        f"clashes with {existing.code} ({existing.name}) "
                        f"from {existing.origin or 'unknown origin'}: codes and names are unique"
                    )
            old = self._by_code.get(new.code)
            if old is not None:
                del self._by_name[old.name]
            self._by_code[new.code] = new
            self._by_name[new.name] = new
            return new

    def _ensure_loaded(self) -> None:
        with self._lock:
            if self._failure is not None:
                raise self._failure
            if self._loaded or self._loading:  # loading: a plugin module registering
                return
            by_code, by_name = dict(self._by_code), dict(self._by_name)
            self._loading = True
            try:
                if self._load_builtins:
                    from .builtin import RULES

                    for builtin_rule in RULES:
                        self.register(builtin_rule)
                if self._load_plugins:
                    from ._plugins import load_plugins

                    load_plugins(self)
            except RegistrationError as error:
                self._by_code, self._by_name = by_code, by_name
                self._failure = error
                raise
            finally:
                self._loading = False
            self._loaded = True

    def rules(self) -> tuple[Rule, ...]:
        """Every registered rule, sorted by code."""
        self._ensure_loaded()
        return tuple(self._by_code[code] for code in sorted(self._by_code))

    def get(self, code_or_name: str) -> Rule | None:
        """A rule by code (``CERT001``) or name (``certificate-expired``)."""
        self._ensure_loaded()
        return self._by_code.get(code_or_name) or self._by_name.get(code_or_name)


_DEFAULT = Registry()


def rule_of(check: RuleCheck, **fields: Any) -> Rule:
    """A :class:`Rule` for a check function; its origin is the function's module and name."""
    origin = f"{getattr(check, '__module__', '?')}:{getattr(check, '__qualname__', '?')}"
    return Rule(check=check, origin=origin, **fields)


def default_registry() -> Registry:
    """The registry that :func:`~maritime_crew.rule` registers into and ``check`` uses."""
    return _DEFAULT


def rule(
    *,
    code: str,
    name: str,
    severity: Severity | str,
    summary: str,
    rationale: str,
    parameters: Iterable[Parameter] = (),
    example: str = "",
    fix: str = "",
    source: str = "",
    needs_findings: bool = False,
    registry: Registry | None = None,
    change_points: ChangePoints | None = None,
    partition: Partition | None = None,
) -> Callable[[RuleCheck], RuleCheck]:
    """Register the decorated function as a rule.

    The function receives the fleet and a :class:`Context` and yields findings, usually
    made with ``ctx.finding(...)`` or ``ctx.about_person(...)``. It must not raise for
    bad data: a rule reports what it finds. ``change_points`` and ``partition`` let
    :func:`~maritime_crew.timeline` run the rule only when and where its findings can
    change (see ``docs/timeline.md``). ::

        @mc.rule(code="XYZ001", name="no-nicknames", severity="warning",
                 summary="Names are full names.", rationale="Good practice.")
        def no_nicknames(fleet, ctx):
            for person in fleet.people:
                if len(person.name.split()) < 2:
                    yield ctx.about_person(person, f"{person.id} has a one-word name")
    """
    level = severity if isinstance(severity, Severity) else Severity.parse(severity)

    def register(check: RuleCheck) -> RuleCheck:
        (registry or _DEFAULT).register(
            rule_of(
                check,
                code=code,
                name=name,
                severity=level,
                summary=summary,
                rationale=rationale,
                parameters=tuple(parameters),
                example=example,
                fix=fix,
                source=source,
                needs_findings=needs_findings,
                change_points=change_points,
                partition=partition,
            )
        )
        return check

    return register
