"""Configuration: which rules run, how severe they are, their parameters, the fail level.

Configuration is read from ``maritime-crew.toml`` in the dataset's directory, or from
the ``[tool.maritime-crew]`` table of the nearest ``pyproject.toml`` at or above it::

    select = ["ALL"]                  # codes, prefixes (CERT), names, or ALL
    extend-select = []                # added to select
    ignore = ["TRN002"]
    fail-on = "warning"               # error (default), warning or info
    max-findings-per-rule = 1000      # the most findings of one rule a report lists

    [severity]
    certificate-expiring = "error"    # per rule (code, name or prefix)

    [rules.CERT002]                   # per-rule parameters (code or name)
    within-days = 60

A rule runs when the most specific selector that matches it is in ``select`` (or
``extend-select``) rather than in ``ignore``; on a tie, ``ignore`` wins. ``ALL`` is the
least specific, then prefixes (longer is more specific), then a full code or a name.
Codes, prefixes and ``ALL`` are read without regard to case (``cert001``).

Command-line options are a second layer on top of the file's, as in ruff:
``--select`` replaces the file's selection (its ``ignore`` too), while
``--extend-select`` adds rules to what the file chose and ``--ignore`` (or its alias
``--extend-ignore``) takes rules away from it. Within a layer the most specific selector
decides; a rule the layer does not name keeps the earlier layer's answer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import tomli

from ..io import beyond_parser, explain_toml, key_lines, suggest
from ._rule import Registry, Rule
from ._severity import Severity

__all__ = [
    "MAX_FINDINGS_PER_RULE",
    "Config",
    "ConfigError",
    "EnabledRule",
    "Selection",
    "find_config",
]

_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "fail-on",
    "max-findings-per-rule",
    "plugins",
    "docs-url",
    "severity",
    "rules",
)

MAX_FINDINGS_PER_RULE = 1_000
"""The most findings of one rule a check keeps, by default (``max-findings-per-rule``)."""


class ConfigError(ValueError):
    """The configuration is wrong. ``problems`` lists every problem, in plain words.

    ``lines`` gives the line of the file each problem is about (``None`` where none is
    known, or the configuration was not read from a file); the message shows each
    problem as ``FILE:LINE: problem``, as a load error does.
    """

    def __init__(
        self,
        problems: Sequence[str],
        source: str | None = None,
        lines: Sequence[int | None] | None = None,
    ) -> None:
        self.problems = tuple(problems)
        self.source = source
        if lines is None and source is not None:
            lines = _problem_lines(self.problems, source)
        self.lines: tuple[int | None, ...] = (
            tuple(lines) if lines is not None else (None,) * len(self.problems)
        )
        super().__init__(self.problems)

    def __str__(self) -> str:
        where = f" in {self.source}" if self.source else ""
        count = len(self.problems)
        heading = f"{count} configuration problem{'s' if count != 1 else ''}{where}:"
        shown = [
            f"{self.source}:{line}: {problem}" if self.source and line else problem
            for problem, line in zip(self.problems, self.lines, strict=True)
        ]
        return "\n".join([heading, *(f"  {problem}" for problem in shown)])


_PROBLEM_KEY = re.compile(
    r"unknown key '(?P<unknown>[^']+)'|'(?P<quoted>[^']+)' must"
    r"|(?P<path>[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*):"
)
_PARAMETER = re.compile(r"parameter '([^']+)'")


def _problem_lines(problems: Sequence[str], source: str) -> tuple[int | None, ...] | None:
    """The line of the key each problem names, in the file ``source``, where found."""
    try:
        text = Path(source).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    lines = key_lines(text)
    base: tuple[str, ...] = (
        ("tool", "maritime-crew") if Path(source).name == "pyproject.toml" else ()
    )
    located: list[int | None] = []
    for problem in problems:
        match = _PROBLEM_KEY.match(problem)
        if match is None:
            located.append(None)
            continue
        named = match.group("unknown") or match.group("quoted")
        path = (named,) if named else tuple(match.group("path").split("."))
        parameter = _PARAMETER.search(problem)
        if parameter is not None and path[:1] == ("rules",):
            path = (*path, parameter.group(1))
        line = None
        for length in range(len(path), 0, -1):
            line = lines.get((*base, *path[:length]))
            if line is not None:
                break
        located.append(line)
    return tuple(located)


@attrs.frozen
class EnabledRule:
    """A rule that will run, with its effective severity and parameters."""

    rule: Rule
    severity: Severity
    params: Mapping[str, Any]


@attrs.frozen
class Selection:
    """A layer of rule selection applied on top of a configuration's own (the command line's).

    ``select``, when given, starts afresh: the rules it and ``extend_select`` name, less
    those ``ignore`` names. Without it, ``extend_select`` adds to the rules chosen before
    and ``ignore`` takes away from them. In either case the most specific selector
    decides for a rule (``ignore`` on a tie), and a rule the layer does not name keeps
    the earlier answer.
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def decide(self, rule: Rule, chosen: bool) -> bool:
        """Whether ``rule`` runs after this layer, given ``chosen`` by the layers before."""
        if self.select is not None:
            chosen = False
        picked = _most_specific(rule, (*(self.select or ()), *self.extend_select))
        dropped = _most_specific(rule, self.ignore)
        if dropped is not None and (picked is None or dropped >= picked):
            return False
        return True if picked is not None else chosen


@attrs.frozen
class Config:
    """Rule selection, severities, parameters and the fail level of a check."""

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    severity: Mapping[str, Severity] = attrs.field(factory=dict, hash=False)
    parameters: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict, hash=False)
    source: str | None = None
    """The file the configuration came from, for messages."""
    command_line: tuple[Selection, ...] = ()
    """Selection from command-line options, applied in order after the file's own."""
    plugins: tuple[str, ...] | None = None
    """The plugins whose rules may run, by distribution name (``plugins``); ``None``: every
    installed plugin's. The built-in rules, and rules registered in code, always may."""
    docs_url: str | None = None
    """Where the team publishes this documentation site (``docs-url``): an ``https://`` or
    ``http://`` address, or ``None``. SARIF reports then give each built-in rule a
    ``helpUri``, its section of the rule reference (``<docs-url>/rules.html#cert001``)."""
    max_findings_per_rule: int = MAX_FINDINGS_PER_RULE
    """The most findings of one rule a check keeps (``max-findings-per-rule``, at least 1).

    The rest are counted, not kept: findings of the rule about the rule itself, one for
    each severity and one for the waived, say how many there were and count as that
    many, so the counts and the verdict are those of every finding while the report,
    and the memory of the check, stay bounded (see docs/security.md). The first finding
    covered by each waiver is kept even past the limit, so that a waiver in use is never
    reported unused (``DATA008``).
    """

    @property
    def files(self) -> tuple[str, ...]:
        """The configuration files this configuration was read from (none: built in code)."""
        return () if self.source is None else (self.source,)

    @classmethod
    def from_mapping(
        cls, data: Mapping[str, Any], source: str | None = None, registry: Registry | None = None
    ) -> Config:
        """Build a configuration from a parsed TOML table; raises :class:`ConfigError`.

        With a ``registry``, the rules it names (selectors, severities, parameters) are
        checked against it too, and every problem of the table is reported at once: a
        misspelt key and a misspelt rule code in one error.
        """
        problems: list[str] = []

        def selectors(key: str) -> tuple[str, ...]:
            value = data.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{key!r} must be a list of rule codes, prefixes or names")
                return ()
            return tuple(value)

        for key in data:
            if key not in _KEYS:
                hint = suggest(key, _KEYS)
                advice = (
                    f"; did you mean {hint!r}?" if hint else "; known keys: " + ", ".join(_KEYS)
                )
                problems.append(f"unknown key {key!r}{advice}")
        select = selectors("select") if "select" in data else ("ALL",)
        extend = selectors("extend-select")
        ignore = selectors("ignore")
        most = MAX_FINDINGS_PER_RULE
        if "max-findings-per-rule" in data:
            value = data["max-findings-per-rule"]
            if type(value) is int and value >= 1:
                most = value
            else:
                problems.append(
                    f"max-findings-per-rule: expected a whole number of at least 1, found {value!r}"
                )
        fail_on = Severity.ERROR
        if "fail-on" in data:
            try:
                fail_on = Severity.parse(str(data["fail-on"]))
            except ValueError as exc:
                problems.append(f"fail-on: {exc}")
        severity: dict[str, Severity] = {}
        levels = data.get("severity", {})
        if not isinstance(levels, dict):
            problems.append("'severity' must be a table of rule = level")
        else:
            for key, level in levels.items():
                try:
                    severity[key] = Severity.parse(str(level))
                except ValueError as exc:
                    problems.append(f"severity.{key}: {exc}")
        parameters: dict[str, dict[str, Any]] = {}
        tables = data.get("rules", {})
        if not isinstance(tables, dict) or not all(isinstance(v, dict) for v in tables.values()):
            problems.append(
                "'rules' must hold one table of parameters per rule, e.g. [rules.CERT002]"
            )
        else:
            parameters = {key: dict(value) for key, value in tables.items()}
        plugins: tuple[str, ...] | None = None
        if "plugins" in data:
            value = data["plugins"]
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                plugins = tuple(value)
            else:
                problems.append("'plugins' must be a list of installed plugin distribution names")
        docs_url: str | None = None
        if "docs-url" in data:
            value = data["docs-url"]
            if isinstance(value, str) and re.fullmatch(r"https?://[^\s/?#]+(?:/[^\s?#]*)?", value):
                docs_url = value.rstrip("/")
            else:
                problems.append(
                    "docs-url: expected the https:// address of the documentation site "
                    f"(no query or fragment), found {value!r}"
                )
        built = cls(
            select,
            extend,
            ignore,
            fail_on,
            severity,
            parameters,
            source,
            max_findings_per_rule=most,
            plugins=plugins,
            docs_url=docs_url,
        )
        if registry is not None:
            try:
                built.resolve(registry)
            except ConfigError as error:
                problems += [p for p in error.problems if not p.startswith("no rule is left")]
        if problems:
            raise ConfigError(problems, source)
        return built

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], registry: Registry | None = None) -> Config:
        """The configuration in a file named on purpose (``--config``).

        A ``pyproject.toml`` gives its ``[tool.maritime-crew]`` table, which must be
        there; any other file is read as a ``maritime-crew.toml``. Raises
        :class:`ConfigError` for a file that cannot be read or is wrong; with a
        ``registry``, every problem at once (see :meth:`from_mapping`).
        """
        file = Path(path)
        table = _read(file)
        if file.name == "pyproject.toml":
            found = table.get("tool", {}).get("maritime-crew")
            if not isinstance(found, dict):
                raise ConfigError(["it has no [tool.maritime-crew] table"], str(file))
            table = found
        return cls.from_mapping(table, str(file), registry)

    @classmethod
    def discover(cls, dataset: str | os.PathLike[str], registry: Registry | None = None) -> Config:
        """The configuration for a dataset: see the module documentation.

        With a ``registry``, every problem is reported at once (see :meth:`from_mapping`).
        """
        found = find_config(Path(dataset))
        if found is None:
            return cls()
        path, table = found
        return cls.from_mapping(table, str(path), registry)

    def with_options(
        self,
        *,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        fail_on: Severity | None = None,
    ) -> Config:
        """A copy with command-line options applied on top of the file's, as ruff does.

        ``select`` replaces the file's selection; ``extend_select`` adds to it and
        ``ignore`` takes away from it (see :class:`Selection`); ``fail_on`` replaces the
        file's. Options that are ``None`` (or empty, for the selectors) change nothing.
        """
        layer = Selection(
            tuple(select) if select is not None else None,
            tuple(extend_select or ()),
            tuple(ignore or ()),
        )
        changed = layer != Selection()
        return attrs.evolve(
            self,
            fail_on=fail_on if fail_on is not None else self.fail_on,
            command_line=(*self.command_line, layer) if changed else self.command_line,
        )

    def resolve(self, registry: Registry) -> tuple[EnabledRule, ...]:
        """The rules to run, in code order; raises :class:`ConfigError` for anything unknown.

        The rules of plugins that ``plugins`` leaves out are not known to the check at
        all: selectors that name only them are unknown.
        """
        problems: list[str] = []
        rules = self._allowed(registry, problems)
        named = [
            (key, getattr(self, key.replace("-", "_")))
            for key in ("select", "extend-select", "ignore")
        ]
        for layer in self.command_line:
            named += [
                (f"--{key} (command line)", getattr(layer, key.replace("-", "_")) or ())
                for key in ("select", "extend-select", "ignore")
            ]
        for label, selectors in named:
            for selector in selectors:
                if not selector.strip():
                    problems.append(
                        f"{label}: an empty selector selects nothing; give a code, "
                        "prefix or name, or ALL"
                    )
                elif not any(_specificity(selector, rule) is not None for rule in rules):
                    problems.append(f"{label}: {_unknown(selector, rules)}")
        for selector in self.severity:
            if not any(_specificity(selector, rule) is not None for rule in rules):
                problems.append(f"severity: {_unknown(selector, rules)}")
        chosen_params: dict[str, dict[str, Any]] = {}
        for key, values in self.parameters.items():
            target = registry.get(key)
            if target is None:
                problems.append(f"rules.{key}: {_unknown(key, rules, exact=True)}")
                continue
            known = {parameter.name: parameter for parameter in target.parameters}
            for name, value in values.items():
                parameter = known.get(name)
                if parameter is None:
                    hint = suggest(name, list(known))
                    advice = (
                        f"did you mean {hint!r}?"
                        if hint
                        else (
                            "it has parameters " + ", ".join(known)
                            if known
                            else "it has no parameters"
                        )
                    )
                    problems.append(
                        f"rules.{key}: {target.code} has no parameter {name!r}; {advice}"
                    )
                    continue
                try:
                    chosen_params.setdefault(target.code, {})[name] = parameter.validate(value)
                except ValueError as exc:
                    problems.append(f"rules.{key}: {exc}")
        if problems:
            raise ConfigError(problems, self.source)

        enabled = []
        own = Selection(self.select, self.extend_select, self.ignore)
        for rule in rules:
            chosen = own.decide(rule, False)
            for layer in self.command_line:
                chosen = layer.decide(rule, chosen)
            if not chosen:
                continue
            params = {**rule.defaults(), **chosen_params.get(rule.code, {})}
            enabled.append(EnabledRule(rule, self._severity_of(rule), params))
        if rules and not enabled:  # a check of nothing would pass, and say nothing
            raise ConfigError(
                [
                    "no rule is left to run: select "
                    f"{list(self.select + self.extend_select)} and ignore {list(self.ignore)}"
                    + "".join(
                        f", then on the command line {_words(layer)}" for layer in self.command_line
                    )
                    + " leave nothing; select at least one rule (ALL selects every rule)"
                ],
                self.source,
            )
        return tuple(enabled)

    def _allowed(self, registry: Registry, problems: list[str]) -> tuple[Rule, ...]:
        """The registry's rules less those of plugins ``plugins`` leaves out."""
        rules = registry.rules()
        if self.plugins is None:
            return rules
        installed = {
            package[0] for rule in rules if (package := registry.plugin_of(rule.code)) is not None
        }
        for name in self.plugins:
            if name not in installed:
                hint = suggest(name, sorted(installed))
                advice = (
                    f"did you mean {hint!r}?"
                    if hint
                    else (
                        "installed: " + ", ".join(sorted(installed))
                        if installed
                        else "none is installed"
                    )
                )
                problems.append(f"plugins: no installed rule plugin {name!r}; {advice}")
        allowed = set(self.plugins)
        return tuple(
            rule
            for rule in rules
            if (package := registry.plugin_of(rule.code)) is None or package[0] in allowed
        )

    def _severity_of(self, rule: Rule) -> Severity:
        best: tuple[int, Severity] | None = None
        for selector, level in self.severity.items():
            rank = _specificity(selector, rule)
            if rank is not None and (best is None or rank > best[0]):
                best = (rank, level)
        return best[1] if best else rule.severity


def _words(layer: Selection) -> str:
    """A command-line layer in words, for a message."""
    parts = [] if layer.select is None else [f"--select {list(layer.select)}"]
    if layer.extend_select:
        parts.append(f"--extend-select {list(layer.extend_select)}")
    if layer.ignore:
        parts.append(f"--ignore {list(layer.ignore)}")
    return " ".join(parts)


def _specificity(selector: str, rule: Rule) -> int | None:
    """How specifically ``selector`` names ``rule``, or ``None`` if it does not.

    Codes, prefixes and ``ALL`` in any case; a name as written.
    """
    upper = selector.upper()
    if upper == "ALL":
        return 0
    if selector == rule.name or upper == rule.code:
        return 100
    if upper[:1].isalpha() and rule.code.startswith(upper):
        return len(upper)
    return None


def _most_specific(rule: Rule, selectors: Iterable[str]) -> int | None:
    ranks = [rank for s in selectors if (rank := _specificity(s, rule)) is not None]
    return max(ranks) if ranks else None


def _unknown(selector: str, rules: Sequence[Rule], *, exact: bool = False) -> str:
    words = [r.code for r in rules] + [r.name for r in rules]
    if not exact:
        words += sorted({r.family for r in rules})
    hint = suggest(selector, words)  # without case: 'doc01' suggests 'DOC001'
    kind = "rule" if exact else "rule, prefix or name"
    return f"unknown {kind} {selector!r}" + (f"; did you mean {hint!r}?" if hint else "")


def find_config(dataset: Path) -> tuple[Path, dict[str, Any]] | None:
    """The configuration file and table that apply to a dataset, if any.

    ``maritime-crew.toml`` in the dataset's directory wins. Otherwise the search walks up
    from that directory and takes the ``[tool.maritime-crew]`` table of the first
    ``pyproject.toml`` that has one. It stops, finding nothing, at the first
    ``pyproject.toml`` without that table (another project's, read no further even if it
    is broken), and after the root of a repository (a directory holding ``.git``) or the
    home directory, as ruff does: a configuration far above the data never applies by
    accident.
    """
    start = dataset if dataset.is_dir() else dataset.parent
    start = start.resolve()
    own = start / "maritime-crew.toml"
    if own.is_file():
        return own, _read(own)
    home = _home()
    for directory in (start, *start.parents):
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            if not _mentions_us(pyproject):
                return None
            table = _read(pyproject).get("tool", {}).get("maritime-crew")
            return (pyproject, table) if isinstance(table, dict) else None
        if directory == home or (directory / ".git").exists():
            return None
    return None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (KeyError, RuntimeError, OSError):  # no home directory known
        return None


def _mentions_us(pyproject: Path) -> bool:
    """Whether a ``pyproject.toml`` may hold a ``[tool.maritime-crew]`` table at all.

    A file that does not name the tool is another project's: it ends the search, and is
    not parsed, so that a broken one cannot stop a check.
    """
    try:
        return "maritime-crew" in pyproject.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return True  # unreadable: let _read say so


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomli.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError([f"cannot read the file: {reason}"], str(path)) from None
    except tomli.TOMLDecodeError as exc:
        explained = explain_toml(exc)
        raise ConfigError([f"line {exc.lineno}: {explained.message('TOML')}"], str(path)) from None
    except (RecursionError, ValueError) as exc:
        raise ConfigError([beyond_parser(exc)], str(path)) from None
