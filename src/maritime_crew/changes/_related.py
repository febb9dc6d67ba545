"""The record changes that may explain a finding change."""

from __future__ import annotations

from ..rules import Finding
from ._findings import Persisted
from ._records import RecordChange

__all__ = ["Related"]


class Related:
    """The record changes by the record they are about, to find those of a finding."""

    def __init__(self, records: tuple[RecordChange, ...]) -> None:
        self.by_record: dict[tuple[str, str | None], list[RecordChange]] = {}
        for change in records:
            self.by_record.setdefault((change.table, change.record), []).append(change)

    def about(self, finding: Finding | Persisted) -> list[RecordChange]:
        """The changes of the finding's subject, then those of its waivers."""
        if isinstance(finding, Persisted):
            subject = finding.new.subject
            waivers = [finding.old.waived_by, finding.new.waived_by]
        else:
            subject, waivers = finding.subject, [finding.waived_by]
        found = list(self.by_record.get((subject.kind, subject.id), ()))
        for waiver in dict.fromkeys(waivers):
            if waiver is not None and subject.kind != "waiver":
                found += self.by_record.get(("waiver", waiver), ())
        return found
