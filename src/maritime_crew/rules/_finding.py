"""Findings: what a rule reports about one subject, explained."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ..model import SourceLocation, Subject
from ._severity import Severity

__all__ = ["Finding", "family_of", "plain_details"]


_PLAIN = frozenset({str, int, float, bool, type(None)})


def plain_details(value: Any) -> Any:
    """A JSON-friendly copy of a details value (dates become ISO text)."""
    if type(value) in _PLAIN:  # the common case, before the slower checks below
        return value
    if type(value) is dict or isinstance(value, Mapping):
        return {str(key): plain_details(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_details(item) for item in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def family_of(code: str) -> str:
    """The family of a rule code, its letters: ``CERT`` for ``CERT001``."""
    return code.rstrip("0123456789")


@attrs.frozen
class Finding:
    """One problem a rule found, about one subject, as of the date of the check.

    ``message`` is for people and carries the dates and numbers that matter;
    ``details`` carries the same facts for machines. ``vessel`` and ``crew`` say where
    the subject belongs, so reports can group; ``source`` is the file and line of the
    record. ``waived_by`` names the waiver in force that covers the finding, if any.
    """

    code: str
    """Stable rule code, e.g. ``CERT001``."""
    name: str
    """Rule name, e.g. ``certificate-expired``."""
    severity: Severity
    """Severity after configuration overrides."""
    subject: Subject
    """What the finding is about."""
    message: str
    """Plain-words explanation with the dates and figures that matter."""
    vessel: str | None = None
    """Vessel id the subject belongs to, where known."""
    crew: str | None = None
    """Crew id the subject belongs to, where known."""
    source: SourceLocation | None = None
    """File and line of the record, where known."""
    details: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    """Structured facts behind the message (ids, dates as ISO text, numbers)."""
    waived_by: str | None = None
    """Id of the waiver in force that covers this finding."""
    stands_for: int = 1
    """How many findings this one counts as: 1, except for the finding that ends a rule's
    findings beyond ``max-findings-per-rule``, about the rule itself, which stands for
    the findings the report leaves out (see :class:`~maritime_crew.rules.Config`)."""

    @property
    def family(self) -> str:
        """The letters of the rule's code: ``DATA`` for ``DATA002``."""
        return family_of(self.code)

    @property
    def waived(self) -> bool:
        """True when a waiver in force covers the finding."""
        return self.waived_by is not None

    def sort_key(self) -> tuple[str, str, str, str, str, str]:
        """Order of findings in reports: vessel, crew, subject, rule, message."""
        return (
            self.vessel or "\uffff",
            self.crew or "\uffff",
            self.subject.kind,
            self.subject.id,
            self.code,
            self.message,
        )

    def to_record(self) -> dict[str, Any]:
        """The finding as a flat dict of plain values, for tables and JSON."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "subject_kind": self.subject.kind,
            "subject_id": self.subject.id,
            "vessel": self.vessel,
            "crew": self.crew,
            "message": self.message,
            "file": self.source.file if self.source else None,
            "line": self.source.line if self.source else None,
            "waived": self.waived,
            "waived_by": self.waived_by,
            "details": plain_details(self.details),
        }
