"""What every format shares: redaction, labels for subjects and vessels, grouping, counts."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from ..model import TABLES, Fleet, Subject
from ..rules import Finding, Parameter, Report, Rule, Severity
from ._redactor import Redactor

__all__ = [
    "FLEET_WIDE",
    "TOOL_NAME",
    "Group",
    "Redactor",
    "View",
    "plain",
    "relative_path",
]

TOOL_NAME = "maritime-crew"
FLEET_WIDE = "Fleet-wide"
"""Heading of the findings that belong to no vessel."""

_KIND_WORDS = {table.name: table.kind for table in TABLES}

# Records whose display name helps a reader find them; the rest show their id only.
_LOOKUPS: dict[str, Callable[[Fleet, str], Any]] = {
    "vessel": Fleet.vessel,
    "crew": Fleet.crew,
    "person": Fleet.person,
    "certificate_type": Fleet.certificate_type,
    "course": Fleet.course,
    "duty_role": Fleet.duty_role,
    "pathway": Fleet.pathway,
    "equipment_type": Fleet.equipment_type,
    "document": Fleet.document,
    "operation": Fleet.operation,
    "terms": Fleet.terms_set,
}


def plain(value: Any) -> Any:
    """A JSON-safe copy of a details value: dates as ISO text, no NaN or infinity."""
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _redact_rule(rule: Rule, redactor: Redactor) -> Rule:
    def parameter(item: Parameter) -> Parameter:
        default = redactor.text(item.default) if isinstance(item.default, str) else item.default
        return attrs.evolve(item, description=redactor.text(item.description), default=default)

    return attrs.evolve(
        rule,
        summary=redactor.text(rule.summary),
        rationale=redactor.text(rule.rationale),
        example=redactor.text(rule.example),
        fix=redactor.text(rule.fix),
        source=redactor.text(rule.source),
        parameters=tuple(parameter(item) for item in rule.parameters),
    )


def _redact_finding(finding: Finding, redactor: Redactor) -> Finding:
    # A file named after a person (people/Alex Morgan.toml) would give the name away too.
    source = finding.source
    if source is not None:
        source = attrs.evolve(source, file=redactor.text(source.file))
    message = finding.message
    subject = finding.subject
    subject_id = redactor.identifier(subject.id)
    if subject_id != subject.id:
        # A subject that is a name (the person column of an hours CSV holding one) is
        # shown as ``[name of BF1003]`` in the message too, never as the bare staff
        # number, which is another subject.
        whole = re.compile(r"(?<!\w)" + re.escape(subject.id) + r"(?!\w)")
        message = whole.sub(lambda _: subject_id, message)
        subject = attrs.evolve(subject, id=subject_id)
    vessel = finding.vessel and redactor.identifier(finding.vessel)
    crew = finding.crew and redactor.identifier(finding.crew)
    return attrs.evolve(
        finding,
        subject=subject,
        vessel=vessel,
        crew=crew,
        message=redactor.text(message),
        details=redactor.value(plain(finding.details)),
        source=source,
    )


@attrs.frozen
class Group:
    """The findings of one vessel (or fleet-wide ones), by subject in report order."""

    vessel: str | None
    """Vessel id, or ``None`` for fleet-wide findings."""
    heading: str
    """``HMC Vigilant (vigilant)`` or ``Fleet-wide``."""
    subjects: tuple[tuple[Subject, tuple[Finding, ...]], ...]


class View:
    """The report as the formats see it: redacted when asked, with labels and groups.

    When redacting, every person's name is replaced by their staff number in finding
    messages, details and file names, in rule documentation and in the names of other
    records, and person subjects are labelled by staff number only; a subject, vessel or
    crew id that is itself a name is shown as ``[name of BF1003]`` (see
    :class:`Redactor`). Formats take text from here and never from the fleet.
    """

    def __init__(self, report: Report, fleet: Fleet, *, redact: bool, tool_version: str) -> None:
        self.fleet = fleet
        self.redact = redact
        self.tool_version = tool_version
        self._redactor = Redactor(fleet) if redact else None
        if self._redactor is not None:
            redactor = self._redactor
            report = attrs.evolve(
                report,
                findings=tuple(_redact_finding(finding, redactor) for finding in report.findings),
                rules=tuple(_redact_rule(rule, redactor) for rule in report.rules),
            )
        self.report = report

    def _text(self, text: str) -> str:
        return self._redactor.text(text) if self._redactor is not None else text

    # -- labels ----------------------------------------------------------------------

    def record_name(self, kind: str, record_id: str) -> str | None:
        """The display name of a record, or ``None`` (always ``None`` for a redacted person)."""
        if kind == "person" and self.redact:
            return None
        lookup = _LOOKUPS.get(kind)
        record = lookup(self.fleet, record_id) if lookup is not None else None
        name = getattr(record, "name", None) or getattr(record, "title", None)
        return self._text(name) if isinstance(name, str) and name.strip() else None

    def subject_label(self, subject: Subject) -> str:
        """``person BF1003 Alex Morgan``, ``equipment item DS-0001``."""
        kind = _KIND_WORDS.get(subject.kind, subject.kind.replace("_", " "))
        name = self.record_name(subject.kind, subject.id)
        return f"{kind} {subject.id} {name}" if name else f"{kind} {subject.id}"

    def vessel_heading(self, vessel_id: str | None) -> str:
        """``HMC Vigilant (vigilant)``; ``Fleet-wide`` for no vessel."""
        if vessel_id is None:
            return FLEET_WIDE
        name = self.record_name("vessel", vessel_id)
        return f"{name} ({vessel_id})" if name else f"vessel {vessel_id}"

    # -- structure -------------------------------------------------------------------

    def groups(self) -> tuple[Group, ...]:
        """Findings by vessel, then subject, in report order; fleet-wide ones last."""
        by_vessel: dict[str | None, dict[Subject, list[Finding]]] = {}
        for finding in self.report.findings:
            by_vessel.setdefault(finding.vessel, {}).setdefault(finding.subject, []).append(finding)
        order = sorted(by_vessel, key=lambda vessel: (vessel is None, vessel or ""))
        return tuple(
            Group(
                vessel,
                self.vessel_heading(vessel),
                tuple((subject, tuple(found)) for subject, found in by_vessel[vessel].items()),
            )
            for vessel in order
        )

    def fails(self, finding: Finding) -> bool:
        """True when this finding makes the report fail."""
        return not finding.waived and finding.severity >= self.report.fail_on

    def by_rule(self) -> dict[str, tuple[Finding, ...]]:
        """Findings per rule code, each in report order."""
        grouped: dict[str, list[Finding]] = {}
        for finding in self.report.findings:
            grouped.setdefault(finding.code, []).append(finding)
        return {code: tuple(found) for code, found in grouped.items()}

    def all_rules(self) -> tuple[tuple[str, str, Rule | None], ...]:
        """Code, name and rule of every rule that ran, then of any rule found but not listed.

        A finding can name a rule the report does not list (a report built by hand, or
        by a newer engine); formats still give it a home.
        """
        listed = [(rule.code, rule.name, rule) for rule in self.report.rules]
        known = {rule.code for rule in self.report.rules}
        extra: dict[str, str] = {}
        for finding in self.report.findings:
            if finding.code not in known:
                extra.setdefault(finding.code, finding.name)
        return (*listed, *((code, extra[code], None) for code in sorted(extra)))

    # -- summary ---------------------------------------------------------------------

    def counts_text(self) -> str:
        """``3 errors, 5 warnings, 0 info (1 waived) from 42 rules as of 2021-03-31``."""
        report = self.report
        rules = _plural(len(report.rules), "rule")
        as_of = report.as_of.isoformat()
        if not report.findings:
            return f"No findings from {rules} as of {as_of}"
        counts = report.counts_by_severity()
        parts = ", ".join(
            f"{counts[level.value]} info"
            if level is Severity.INFO
            else _plural(counts[level.value], level.value)
            for level in sorted(Severity, reverse=True)
        )
        return f"{parts} ({report.waived_count()} waived) from {rules} as of {as_of}"

    @property
    def config_files(self) -> tuple[str, ...]:
        """The configuration files the check used, as the report shows them.

        Relative to the working directory when inside it, as finding locations are, and
        redacted when asked.
        """
        return tuple(self._text(str(relative_path(path))) for path in self.report.config_files)

    def config_text(self) -> str | None:
        """``Configuration: maritime-crew.toml``; ``None`` when the check ran at the defaults."""
        files = self.config_files
        return "Configuration: " + ", ".join(files) if files else None

    def verdict(self) -> str:
        """``FAILED (fail on error)``, ``passed (fail on error)``, or ``passed`` if no findings."""
        report = self.report
        if not report.findings:
            return "passed"
        word = "passed" if report.ok else "FAILED"
        return f"{word} (fail on {report.fail_on.value})"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def relative_path(file: str) -> Path:
    """A record's file, relative to the working directory if it lies inside it.

    CI annotations and SARIF viewers resolve paths against the checkout, which is where
    the check normally runs; a path outside it stays absolute.
    """
    path = Path(file)
    if path.is_absolute():
        try:
            return path.relative_to(os.getcwd())
        except (ValueError, OSError):
            return path
    return path
