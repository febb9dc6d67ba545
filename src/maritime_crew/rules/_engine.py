"""Running the enabled rules over a fleet: the one evaluation loop of ``check`` and the timeline.

:class:`Evaluation` holds what a configuration enables and knows how to run a rule on a
date: on the whole fleet, or subject by subject for a rule with ``each``; how a rule
that raises is reported; how waivers in force mark findings; and how rules that read
other rules' findings run last. :func:`check` runs it once, on one date, keeping the
first ``max-findings-per-rule`` findings of each rule (:class:`Kept`);
:func:`~maritime_crew.timeline` runs the same pieces date by date, following what each
rule asked of the facts, and keeps every finding.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
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
from ._severity import Severity

__all__ = ["Evaluation", "Kept", "Waivers", "as_date", "check"]


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
    The report lists the first ``max-findings-per-rule`` findings of each rule (1,000 by
    default) and one more, about the rule itself, that stands for the rest.
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
        docs_url=evaluation.config.docs_url,
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
        self._wrong_types: str | None = None

    def findings_on(self, view: View) -> list[Finding]:
        """Every enabled rule's findings on the view's date, waivers applied.

        Of each rule, the first ``max-findings-per-rule`` are kept and one more stands
        for the rest (see :meth:`kept`).
        """
        waivers = Waivers.on(view)
        most = self.config.max_findings_per_rule
        findings = [f for entry in self.plain for f in self.kept(entry, view, waivers, most)]
        for entry in self.dependent:
            findings.extend(self.kept(entry, view, waivers, most, tuple(findings)))
        return findings

    def kept(
        self,
        entry: EnabledRule,
        view: View,
        waivers: Waivers,
        most: int,
        findings: tuple[Finding, ...] = (),
    ) -> list[Finding]:
        """The rule's findings on the view's date, waived, at most ``most`` and a count.

        Past ``most``, findings are counted, not kept, and one more finding of the rule,
        about the rule itself, stands for them (``details`` ``not_shown`` and ``waived``;
        :attr:`Finding.stands_for`). It has the highest severity among those it stands
        for that are not waived, and is waived only if they all are. A finding past
        ``most`` that is the first covered by its waiver is kept all the same. A rule
        that raises is reported as :meth:`run` reports it.
        """
        context = self.context(entry, view, findings)
        kept = Kept(entry, waivers, most)
        try:
            kept.extend(self._found(entry, view, context))
        except Exception as error:  # a rule must never take the whole check down
            return waivers.apply([self.crashed(context, error)])
        return kept.findings()

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

    def _found(self, entry: EnabledRule, view: View, context: Context) -> Iterator[Finding]:
        """The rule's findings one at a time, as :meth:`run` would list them."""
        each = self.subjects(entry)
        if each is None:
            yield from entry.rule.check(context.fleet, context)
            return
        check = entry.rule.check
        for subject in view.each(each):
            yield from check(subject, context)

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
        cause = self.wrong_types() if isinstance(error, (AttributeError, TypeError)) else ""
        return context.finding(
            Subject("rule", rule.code),
            f"rule {rule.code} ({rule.name}) stopped with an error and its "
            f"results are missing: {type(error).__name__}: {error}{cause}",
            details={"error": type(error).__name__, "reason": str(error)},
        )

    def wrong_types(self) -> str:
        """What to add to a rule's crash when the fleet holds a value of the wrong type.

        A fleet built from the record classes in code is not checked on the way in (the
        constructors check little, so that loading stays fast); a rule that then meets
        text where a date should be fails with an ``AttributeError`` or ``TypeError``.
        Only then is the fleet validated, once, and the first wrong value named.
        """
        if self._wrong_types is None:
            from ..io import DataError, validate

            try:
                validate(self.fleet)
            except DataError as problem:
                first, count = problem.problems[0], len(problem.problems)
                more = f" and {count - 1:,} more" if count > 1 else ""
                self._wrong_types = (
                    f"; the fleet holds values of the wrong type, the likely cause: "
                    f"{first.path}: {first.message}{more} (mc.validate(fleet) names them all)"
                )
            else:
                self._wrong_types = ""
        return self._wrong_types

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
            waiver_id = self.covering(finding)
            result.append(attrs.evolve(finding, waived_by=waiver_id) if waiver_id else finding)
        return result

    def covering(self, finding: Finding) -> str | None:
        """The id of the waiver that covers ``finding``, if one does."""
        by_subject = self._by_subject
        key = (finding.subject.kind, finding.subject.id)
        return by_subject.get((finding.code, *key)) or by_subject.get((finding.name, *key))

    def __bool__(self) -> bool:
        return bool(self._by_subject)


class Kept:
    """The findings of one rule on one date: the first ``most`` kept, the rest counted.

    A rule may find millions of things (a million records with the same mistake); a
    finding costs some hundreds of bytes, and a report a line or more for each. Past
    ``most``, a finding is counted and dropped, and :meth:`findings` ends with findings
    of the rule about the rule itself (subject kind ``rule``) that say how many there
    were besides: one for each severity among those not waived, and one for those a
    waiver covers (waived by the first such waiver). Each has ``details`` ``not_shown``
    (how many) and ``waived`` (how many of them a waiver covers), and counts as the
    findings it stands for (:attr:`Finding.stands_for`), so a report's counts by
    severity and by rule, and its verdict, are those of every finding. A finding past
    ``most`` that is the first covered by its waiver is kept all the same: every waiver
    in use is seen in use.
    """

    __slots__ = ("_entry", "_findings", "_first_waiver", "_most", "_omitted", "_used", "_waivers")

    def __init__(self, entry: EnabledRule, waivers: Waivers, most: int) -> None:
        self._entry = entry
        self._waivers = waivers
        self._most = most
        self._findings: list[Finding] = []
        self._used: set[str] = set()
        self._omitted: dict[Severity | None, int] = {}
        """How many findings were dropped, by severity; ``None`` for the waived ones."""
        self._first_waiver: str | None = None

    @property
    def omitted(self) -> int:
        """How many findings were counted and dropped."""
        return sum(self._omitted.values())

    def extend(self, findings: Iterable[Finding]) -> None:
        """Waive, then keep or count, each of ``findings``."""
        kept, most, used, omitted = self._findings, self._most, self._used, self._omitted
        waivers = self._waivers if self._waivers else None
        for found in findings:
            finding = found
            waiver = waivers.covering(found) if waivers is not None else None
            if waiver is not None:
                finding = attrs.evolve(found, waived_by=waiver)
            if len(kept) < most or (waiver is not None and waiver not in used):
                kept.append(finding)
                if waiver is not None:
                    used.add(waiver)
                continue
            key = None if waiver is not None else finding.severity
            omitted[key] = omitted.get(key, 0) + 1
            if waiver is not None and self._first_waiver is None:
                self._first_waiver = waiver

    def findings(self) -> list[Finding]:
        """The findings kept, and those that stand for the rest if any were counted."""
        if not self._omitted:
            return self._findings
        closing = [
            self._closing(count, severity, None)
            for severity in sorted(Severity, reverse=True)
            if (count := self._omitted.get(severity, 0))
        ]
        waived = self._omitted.get(None, 0)
        if waived:
            closing.append(self._closing(waived, self._entry.severity, self._first_waiver))
        return [*self._findings, *closing]

    def _closing(self, count: int, severity: Severity, waiver: str | None) -> Finding:
        rule = self._entry.rule
        what = "waived" if waiver is not None else severity.value
        besides = "finding" if count == 1 else "findings"
        message = (
            f"rule {rule.code} ({rule.name}) found {count:,} more {what} {besides} than it "
            f"lists; a check lists the first {self._most:,} findings of each rule "
            "(max-findings-per-rule)"
        )
        return Finding(
            code=rule.code,
            name=rule.name,
            severity=severity,
            subject=Subject("rule", rule.code),
            message=message,
            details={"not_shown": count, "waived": count if waiver is not None else 0},
            waived_by=waiver,
            stands_for=count,
        )
