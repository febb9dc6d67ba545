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
    "Place",
    "Redactor",
    "View",
    "checkout",
    "dataset_directory",
    "place",
    "plain",
]

TOOL_NAME = "maritime-crew"
FLEET_WIDE = "Fleet-wide"
"""Heading of the findings that belong to no vessel."""

_KIND_WORDS = {table.name: table.kind for table in TABLES}
_KIND_ORDER = {table.name: position for position, table in enumerate(TABLES)}

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

    def __init__(
        self,
        report: Report,
        fleet: Fleet,
        *,
        redact: bool,
        tool_version: str,
        root: str | None = None,
    ) -> None:
        self.fleet = fleet
        self.redact = redact
        self.tool_version = tool_version
        self.root = root
        """The dataset as it was given to ``load`` (a file or directory), if known."""
        self._places: dict[str, Place] = {}
        self._bases: tuple[str, str | None] | None = None
        """The checkout and the dataset's directory, found once (a stat, a getcwd)."""
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

    # -- files -----------------------------------------------------------------------

    def where(self, finding: Finding) -> Place | None:
        """Where the report shows the finding's record (see :func:`place`), or ``None``."""
        if finding.source is None:
            return None
        file = finding.source.file
        found = self._places.get(file)
        if found is None:
            if self._bases is None:
                root = self.root
                self._bases = (checkout(), None if root is None else dataset_directory(root))
            found = self._places[file] = place(file, *self._bases)
        return found

    def location(self, finding: Finding) -> str | None:
        """``people.toml:12`` as the report shows it: :meth:`where`, then the line."""
        found = self.where(finding)
        if found is None or finding.source is None:
            return None
        line = finding.source.line
        return found.path if line is None else f"{found.path}:{line}"

    @property
    def dataset(self) -> str | None:
        """The dataset as given, redacted when asked; ``None`` when not known."""
        return None if self.root is None else self._text(self.root)

    def dataset_text(self) -> str | None:
        """``Files are relative to the dataset ../data/fleet`` when any are; else ``None``."""
        if self.dataset is None:
            return None
        if any(
            (found := self.where(finding)) is not None and found.base == "dataset"
            for finding in self.report.findings
        ):
            return f"Files are relative to the dataset {self.dataset}"
        return None

    # -- structure -------------------------------------------------------------------

    def groups(self) -> tuple[Group, ...]:
        """Findings by vessel, then subject, in the order a reader can follow.

        Data problems come first, since they often explain the findings after them:
        fleet-wide ones, then the vessels with a ``DATA`` finding, then the others, and
        the fleet-wide findings of other kinds last; vessels go by id. Within a group the
        subjects with a ``DATA`` finding come first, then by kind (in the order of the
        dataset's tables) and id. Each subject's findings keep the report's order,
        ``DATA`` ones first.
        """
        by_vessel: dict[str | None, dict[Subject, list[Finding]]] = {}
        for finding in self.report.findings:
            by_vessel.setdefault(finding.vessel, {}).setdefault(finding.subject, []).append(finding)

        def explains(findings: list[Finding]) -> bool:
            return any(_is_data(finding) for finding in findings)

        def vessel_order(vessel: str | None) -> tuple[int, str]:
            # Fleet-wide data problems may explain anything, so they lead; fleet-wide
            # findings of other kinds close the report.
            explained = any(explains(found) for found in by_vessel[vessel].values())
            if vessel is None:
                return (0 if explained else 3, "")
            return (1 if explained else 2, vessel)

        def subject_order(item: tuple[Subject, list[Finding]]) -> tuple[bool, int, str]:
            subject, found = item
            return (
                not explains(found),
                _KIND_ORDER.get(subject.kind, len(_KIND_ORDER)),
                subject.id,
            )

        return tuple(
            Group(
                vessel,
                self.vessel_heading(vessel),
                tuple(
                    (subject, tuple(sorted(found, key=lambda finding: not _is_data(finding))))
                    for subject, found in sorted(by_vessel[vessel].items(), key=subject_order)
                ),
            )
            for vessel in sorted(by_vessel, key=vessel_order)
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
        return tuple(
            self._text(place(path, checkout(), None).path) for path in self.report.config_files
        )

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


def _is_data(finding: Finding) -> bool:
    """A finding of the ``DATA`` family (a problem in the data itself)."""
    return finding.family == "DATA"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@attrs.frozen
class Place:
    """Where a report shows a record's file: a path, and what it is relative to."""

    path: str
    """With forward slashes, never starting with ``..``."""
    base: str
    """``checkout``, ``dataset`` (the dataset's directory) or ``absolute``."""


def checkout() -> str:
    """The directory report paths are relative to: the checkout in CI, else the working one.

    ``GITHUB_WORKSPACE`` when set, since GitHub resolves annotations and code-scanning
    locations against it; otherwise the working directory, where a check normally runs.
    """
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return os.path.abspath(workspace)
    try:
        return os.getcwd()
    except OSError:  # the working directory was removed
        return os.path.abspath(os.sep)


def dataset_directory(root: str) -> str:
    """The directory of a dataset given by ``root``: itself, or a single file's folder."""
    absolute = os.path.abspath(root)
    return absolute if os.path.isdir(absolute) else os.path.dirname(absolute)


def place(file: str, inside: str, dataset: str | None) -> Place:
    """Where a report shows ``file``: inside the checkout, inside the dataset, or absolute.

    A file inside the checkout ``inside`` (:func:`checkout`) is shown relative to it, as
    CI annotations and SARIF viewers want. A file outside it (a dataset checked as
    ``../data``) is shown relative to the dataset's directory ``dataset``
    (:func:`dataset_directory`) when it lies there, and the report names that directory;
    anything else is absolute. A shown path never starts with
    ``..``, so it cannot point a reader somewhere the checkout does not hold.
    """
    absolute = os.path.abspath(file)
    within = _within(absolute, inside)
    if within is not None:
        return Place(within, "checkout")
    if dataset is not None:
        within = _within(absolute, dataset)
        if within is not None:
            return Place(within, "dataset")
    return Place(Path(absolute).as_posix(), "absolute")


def _within(path: str, directory: str) -> str | None:
    """``path`` relative to ``directory`` with forward slashes, or ``None`` if outside it."""
    try:
        relative = os.path.relpath(path, directory)
    except ValueError:  # another drive, on Windows
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return Path(relative).as_posix()
