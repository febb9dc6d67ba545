"""``Context``: what a rule is given besides its fleet or subject."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pendulum

from ..facts import View
from ..model import TABLES, Fleet, Person, SourceLocation, Subject
from ._finding import Finding
from ._severity import Severity

if TYPE_CHECKING:
    from ._rule import Rule

__all__ = ["Context"]

_ID_TABLES = frozenset(table.name for table in TABLES if table.name != "work_period")
_KINDS = frozenset(table.name for table in TABLES) | {"debrief_finding", "rule"}
"""The kinds of subject the library places and locates; a rule may name kinds of its own."""


def misspelt_kind(kind: str) -> str | None:
    """The known subject kind that ``kind`` is a slip for (``vesel``, ``persons``), if any.

    A kind of one's own that is not within a letter or two of a known kind is left alone,
    as are nested kinds such as ``certificate``.
    """
    if kind in _KINDS:
        return None
    word = kind.strip().lower().replace(" ", "_").replace("-", "_")
    if word in _KINDS:
        return word
    close = difflib.get_close_matches(word, sorted(_KINDS), n=1, cutoff=0.8)
    return close[0] if close and abs(len(close[0]) - len(word)) <= 2 else None


class Context:
    """What a rule is given besides the fleet (or its subject).

    The facts of the check date, the rule's parameters, and helpers that make findings.
    A rule reaches its conclusions through :attr:`facts`, the
    :class:`~maritime_crew.facts.View` of the check date, whose answers know when they
    change. Reading :attr:`as_of` or :attr:`fleet` (or the fleet a whole-fleet rule is
    given) is allowed, but the timeline then cannot tell when the rule's findings change,
    and evaluates the rule (or the subject) again on every day: correct, but slower.
    """

    __slots__ = ("_fleet", "_view", "catalogue", "findings", "params", "ran", "rule", "severity")

    def __init__(
        self,
        view: View,
        params: Mapping[str, Any],
        rule: Rule,
        severity: Severity,
        *,
        findings: tuple[Finding, ...] = (),
        catalogue: tuple[Rule, ...] = (),
        ran: tuple[Rule, ...] = (),
    ) -> None:
        self._view = view
        self._fleet = view.fleet if not view.traced else _watched(view)
        self.params = params
        """The rule's parameters, resolved from defaults and configuration."""
        self.rule = rule
        """The rule being run."""
        self.severity = severity
        """The rule's severity after configuration overrides."""
        self.findings = findings
        """Findings of the other rules (only for rules with ``needs_findings``)."""
        self.catalogue = catalogue
        """Every registered rule (only for rules with ``needs_findings``)."""
        self.ran = ran
        """The rules whose findings are in ``findings`` (only for rules with
        ``needs_findings``): a rule that did not run has found nothing, which says
        nothing about the data."""

    def __repr__(self) -> str:
        return f"<Context {self.rule.code} on {self._view.date}>"

    @property
    def facts(self) -> View:
        """The facts on the check date: ask them, and the timeline follows the answers."""
        return self._view

    @property
    def as_of(self) -> pendulum.Date:
        """The date the check is made as of.

        A rule that reads it is evaluated on every day of a timeline. For wording, use
        ``ctx.facts.date``; to compare a record's date with it, ask ``ctx.facts``
        (:meth:`~maritime_crew.facts.View.reached`, :meth:`~maritime_crew.facts.View.passed`).
        """
        self._view.every_day()
        return self._view.date

    @property
    def fleet(self) -> Fleet:
        """The fleet being checked; a rule that reads it is evaluated on every day.

        Read records through ``ctx.facts.fleet`` instead, and compare their dates with
        the check date only through ``ctx.facts``.
        """
        return self._fleet

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

        Where ``vessel`` and ``crew`` are not given they are worked out from the subject
        on the date (a person's crew and its vessel, an item's holder, an operation's
        vessel); where ``source`` is not given, it is the file and line of the subject's
        record. A subject kind a letter or two from a known one (``vesel``) raises
        :class:`ValueError` rather than give a finding that cannot be placed; a kind of
        one's own is fine.
        """
        slip = misspelt_kind(subject.kind)
        if slip is not None:  # such a finding would have no vessel, crew or source line
            raise ValueError(
                f"subject kind {subject.kind!r} is not a kind of record; did you mean {slip!r}?"
            )
        view = self._view
        if vessel is None and crew is None:
            placed = view.placement(subject)
            vessel, crew = placed.vessel, placed.crew
        if source is None and subject.kind in _ID_TABLES:
            source = view.fleet.locate(subject.kind, subject.id)
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
        fleet = self._view.fleet
        positions = fleet.positions("person", person.id)
        source = fleet.source_of("person", positions[0], *nested) if positions else None
        return self.finding(Subject("person", person.id), message, source=source, details=details)


class _WatchedFleet(Fleet):
    """A fleet that tells its view, on every read, that the date itself was depended on."""

    __slots__ = ("_watched_fleet", "_watched_view")

    def __getattribute__(self, name: str) -> Any:
        if name in _OWN:
            return object.__getattribute__(self, name)
        object.__getattribute__(self, "_watched_view").every_day()
        return getattr(object.__getattribute__(self, "_watched_fleet"), name)


_OWN = frozenset({"_watched_fleet", "_watched_view", "__class__"})


def _watched(view: View) -> Fleet:
    """The view's fleet, watched: reading it makes the reader's answers change daily."""
    watched = object.__new__(_WatchedFleet)
    object.__setattr__(watched, "_watched_fleet", view.fleet)
    object.__setattr__(watched, "_watched_view", view)
    return watched
