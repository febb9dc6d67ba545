"""Running the enabled rules over a fleet: the one evaluation loop of ``check`` and the timeline.

:class:`Evaluation` holds what a configuration enables and knows how to run a rule on a
date: on the whole fleet, or subject by subject for a rule with ``each``; how a rule
that raises is reported; how waivers in force mark findings; and how rules that read
other rules' findings run last. :func:`check` runs it once, on one date;
:func:`~maritime_crew.timeline` runs the same pieces date by date, following what each
rule asked of the facts.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from ..facts import Facts, Subjects, View
from ..model import Fleet, Subject, as_date
from ._config import Config, EnabledRule
from ._context import Context
from ._finding import Finding
from ._report import Report
from ._rule import Registry, default_registry

__all__ = ["Evaluation", "Waivers", "as_date", "check"]


def check(
    fleet: Fleet,
    as_of: pendulum.Date | datetime.date | str,
    config: Config | None = None,
    *,
    registry: Registry | None = None,
) -> Report:
    """Run every enabled rule over ``fleet`` as of a date and return the report.

    ``config`` selects rules, overrides severities and sets parameters (see
    :class:`~maritime_crew.rules.Config`); without it every registered rule runs at its
    defaults. Findings covered by a waiver in force on ``as_of`` are marked as waived.
    """
    day = as_date(as_of)
    evaluation = Evaluation(fleet, config, registry)
    findings = evaluation.findings_on(evaluation.facts.on(day))
    findings.sort(key=Finding.sort_key)
    return Report(
        as_of=day,
        findings=tuple(findings),
        rules=tuple(entry.rule for entry in evaluation.enabled),
        fail_on=evaluation.config.fail_on,
        config_files=evaluation.config.files,
    )


class Evaluation:
    """The rules a configuration enables, ready to run over one fleet."""

    def __init__(
        self, fleet: Fleet, config: Config | None = None, registry: Registry | None = None
    ) -> None:
        self.config = config or Config()
        registry = registry or default_registry()
        self.fleet = fleet
        self.facts = Facts.of(fleet)
        self.enabled = tuple(self.config.resolve(registry))
        self.plain = tuple(entry for entry in self.enabled if not entry.rule.needs_findings)
        """Rules that look at the data."""
        self.dependent = tuple(entry for entry in self.enabled if entry.rule.needs_findings)
        """Rules that look at the other rules' findings: run last."""
        self.catalogue = registry.rules()
        self.ran = tuple(entry.rule for entry in self.plain)
        self._subjects: dict[str, Subjects] = {}

    def findings_on(self, view: View) -> list[Finding]:
        """Every enabled rule's findings on the view's date, waivers applied."""
        findings = [finding for entry in self.plain for finding in self.run(entry, view)]
        findings = self.waive(findings, view)
        for entry in self.dependent:
            found = self.run(entry, view, tuple(findings))
            findings.extend(self.waive(found, view))
        return findings

    def context(
        self, entry: EnabledRule, view: View, findings: tuple[Finding, ...] = ()
    ) -> Context:
        """The context a rule is run with on the view's date."""
        if not entry.rule.needs_findings:
            return Context(view, entry.params, entry.rule, entry.severity)
        return Context(
            view,
            entry.params,
            entry.rule,
            entry.severity,
            findings=findings,
            catalogue=self.catalogue,
            ran=self.ran,
        )

    def run(
        self, entry: EnabledRule, view: View, findings: tuple[Finding, ...] = ()
    ) -> list[Finding]:
        """The rule's findings on the view's date: on the whole fleet, or on each subject.

        A rule that raises is never raised: its findings are the one finding that says
        so (:meth:`crashed`), as they would be missing.
        """
        context = self.context(entry, view, findings)
        try:
            rule = entry.rule
            each = self.subjects(entry)
            if each is None:
                return list(rule.check(context.fleet, context))
            found: list[Finding] = []
            check = rule.check
            for subject in view.each(each):
                found.extend(check(subject, context))
            return found
        except Exception as error:  # a rule must never take the whole check down
            return [self.crashed(context, error)]

    def subjects(self, entry: EnabledRule) -> Subjects | None:
        """The subjects of a rule run one at a time, with its parameters; made once."""
        found = self._subjects.get(entry.rule.code)
        if found is None:
            found = entry.rule.subjects(entry.params)
            if found is not None:
                self._subjects[entry.rule.code] = found
        return found

    def run_subject(self, entry: EnabledRule, context: Context, subject: Any) -> list[Finding]:
        """The rule's findings about one of its subjects, if it is one on the date.

        Raises what the rule raises: the caller reports it (see :meth:`run`).
        """
        each = self.subjects(entry)
        assert each is not None
        if not each.includes(context.facts, subject):
            return []
        return list(entry.rule.check(subject, context))

    def crashed(self, context: Context, error: Exception) -> Finding:
        """The one finding that stands for a rule that raised ``error``."""
        rule = context.rule
        return context.finding(
            Subject("rule", rule.code),
            f"rule {rule.code} ({rule.name}) stopped with an error and its "
            f"results are missing: {type(error).__name__}: {error}",
            details={"error": type(error).__name__, "reason": str(error)},
        )

    def waive(self, findings: Iterable[Finding], view: View) -> list[Finding]:
        """The findings, each covered by a waiver in force on the view's date marked so."""
        return Waivers.on(view).apply(findings)


class Waivers:
    """The waivers in force on a date, by the rule (code or name) and subject they cover."""

    __slots__ = ("_by_subject",)

    def __init__(self, by_subject: dict[tuple[str, str, str], str]) -> None:
        self._by_subject = by_subject

    @classmethod
    def on(cls, view: View) -> Waivers:
        """The waivers in force on the view's date (the first listed wins a tie)."""
        by_subject: dict[tuple[str, str, str], str] = {}
        for waiver in view.waivers_in_force():
            by_subject.setdefault((waiver.rule, waiver.subject.kind, waiver.subject.id), waiver.id)
        return cls(by_subject)

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings, each covered by one of the waivers marked with its id."""
        by_subject = self._by_subject
        if not by_subject:
            return list(findings)
        result = []
        for finding in findings:
            key = (finding.subject.kind, finding.subject.id)
            waiver_id = by_subject.get((finding.code, *key)) or by_subject.get((finding.name, *key))
            result.append(attrs.evolve(finding, waived_by=waiver_id) if waiver_id else finding)
        return result
