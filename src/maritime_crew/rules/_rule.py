"""Rules, their parameters, and the registry that holds them."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ..facts import Subjects
from ..model import Period
from ._finding import Finding, family_of
from ._severity import Severity

if TYPE_CHECKING:
    from ._context import Context

__all__ = [
    "Each",
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
_PARAMETER_TYPES: dict[Any, str] = {
    int: "whole number",
    str: "text",
    bool: "true or false",
    Period: "period (ISO 8601, e.g. P90D)",
    tuple[str, ...]: "list of text",
    tuple[int, ...]: "list of whole numbers",
}
_BUILT_IN = "maritime-crew"
"""The distribution of the built-in rules (see :meth:`Registry.package_of`)."""
_LISTS = {tuple[str, ...]: str, tuple[int, ...]: int}
"""The list types a parameter may have, and the type of their items."""


class RegistrationError(ValueError):
    """A rule could not be registered: a bad or duplicate code or name, or a bad parameter."""


@attrs.frozen
class Parameter:
    """A typed, documented parameter of a rule, set per rule in the configuration."""

    name: str
    """Kebab-case name, as written in configuration (``within-days``)."""
    type: Any
    """``int``, ``str``, ``bool``, :class:`~maritime_crew.model.Period`, or a list:
    ``tuple[str, ...]`` or ``tuple[int, ...]`` (a TOML array; the value is a tuple)."""
    default: Any
    """Value used when the configuration does not set one."""
    description: str
    """What the parameter controls, with its unit."""

    def __attrs_post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise RegistrationError(f"parameter name {self.name!r} is not kebab-case")
        if self.type not in _PARAMETER_TYPES:
            raise RegistrationError(
                f"parameter {self.name!r} has type {self.type!r}; use int, str, bool, Period, "
                "tuple[str, ...] or tuple[int, ...]"
            )
        # the default as a value of the type: a list given for a list is kept as a tuple
        object.__setattr__(self, "default", self.validate(self.default))

    @property
    def type_words(self) -> str:
        """The parameter's type in plain words."""
        return _PARAMETER_TYPES[self.type]

    def validate(self, value: Any) -> Any:
        """``value`` as this parameter's type, or :class:`ValueError` in plain words."""
        if self.type is Period and isinstance(value, str):
            return Period.parse(value)
        item = _LISTS.get(self.type)
        if item is not None:
            if not isinstance(value, (list, tuple)) or any(type(v) is not item for v in value):
                raise ValueError(
                    f"parameter {self.name!r} expects a {self.type_words}, not {value!r}"
                )
            if item is int and any(v < 0 for v in value):
                raise ValueError(f"parameter {self.name!r} must hold numbers of 0 or more")
            return tuple(value)
        if type(value) is not self.type:
            raise ValueError(f"parameter {self.name!r} expects a {self.type_words}, not {value!r}")
        if self.type is int and value < 0:
            raise ValueError(f"parameter {self.name!r} must be 0 or more, not {value}")
        return value

    def to_record(self) -> dict[str, Any]:
        """The parameter as plain data, for catalogues."""
        default = self.default
        if isinstance(default, Period):
            default = str(default)
        elif isinstance(default, tuple):
            default = list(default)
        return {
            "name": self.name,
            "type": self.type_words,
            "default": default,
            "description": self.description,
        }


Each = Subjects | Callable[[Mapping[str, Any]], Subjects]
"""The subjects of a rule run on one subject at a time: a
:class:`~maritime_crew.facts.Subjects`, or a function of the rule's parameters that gives
one."""

RuleCheck = Callable[[Any, "Context"], Iterable[Finding]]
"""The function behind a rule: given the fleet (or, for a rule with ``each``, one
subject) and a context, yield findings."""


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
    each: Each | None = attrs.field(default=None, eq=False)
    """The subjects the rule is run on one at a time (its function then takes a subject,
    not the fleet), or a function of the rule's parameters that gives them; ``None``: it
    is run once on the whole fleet."""

    def subjects(self, params: Mapping[str, Any]) -> Subjects | None:
        """The rule's subjects with these parameters; ``None`` for a whole-fleet rule."""
        each = self.each
        if each is None or isinstance(each, Subjects):
            return each
        return each(params)

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
        return family_of(self.code)

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
        self._packages: dict[str, tuple[str, str]] = {}
        self._load_builtins = load_builtins
        self._load_plugins = load_plugins
        self._loaded = False
        self._loading = False
        self._failure: RegistrationError | None = None
        self._lock = threading.RLock()

    def register(self, new: Rule) -> Rule:
        """Add a rule; raises :class:`~maritime_crew.rules.RegistrationError` on a clash."""
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
                    from .._version import __version__
                    from .builtin import RULES

                    for builtin_rule in RULES:
                        self.register(builtin_rule)
                        self._packages[builtin_rule.code] = (_BUILT_IN, __version__)
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

    def package_of(self, code: str) -> tuple[str, str] | None:
        """The distribution a rule came with, and its version.

        ``maritime-crew`` for the built-in rules, the plugin's distribution for a rule a
        plugin registers, ``None`` for a rule registered in code.
        """
        self._ensure_loaded()
        return self._packages.get(code)

    def plugin_of(self, code: str) -> tuple[str, str] | None:
        """:meth:`package_of` for a plugin's rule; ``None`` for a built-in or one of code."""
        package = self.package_of(code)
        return None if package is None or package[0] == _BUILT_IN else package

    def _came_with(self, codes: Collection[str], package: tuple[str, str]) -> None:
        """Note the package that the rules ``codes`` were registered by loading."""
        for code in codes:
            self._packages[code] = package


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
    each: Each | None = None,
) -> Callable[[RuleCheck], RuleCheck]:
    """Register the decorated function as a rule.

    The function receives the fleet and a :class:`~maritime_crew.rules.Context` and
    yields findings, usually made with ``ctx.finding(...)`` or
    ``ctx.about_person(...)``. It must not raise for bad data: a rule reports what it
    finds. With ``each`` (a
    :class:`~maritime_crew.facts.Subjects`, such as ``facts.PEOPLE_IN_SERVICE``) it
    receives one subject at a time instead of the fleet, and the timeline follows each
    subject on its own. A rule that asks ``ctx.facts`` rather than reading the fleet or
    ``ctx.as_of`` itself gets an exact, fast timeline (see ``docs/timeline.md``). ::

        @mc.rule(code="XYZ001", name="no-nicknames", severity="warning",
                 summary="Names are full names.", rationale="Good practice.",
                 each=facts.PEOPLE_IN_SERVICE)
        def no_nicknames(person, ctx):
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
                each=each,
            )
        )
        return check

    return register
