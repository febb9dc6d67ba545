"""``diff``: what changed between two versions of a dataset, and what the rules now find."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import attrs
import pendulum

from ..io import to_data
from ..model import Fleet
from ..rules import Config, Finding, Registry, as_date, check
from ._findings import Persisted, matched
from ._records import Change, RecordChange, record_changes
from ._related import Related

__all__ = ["WITHHELD", "Diff", "diff"]

WITHHELD = "(withheld)"
"""What :meth:`Diff.withholding_recorded_by` shows instead of who recorded a change."""


@attrs.frozen
class Diff:
    """What changed from an old version of a dataset to a new one, as of a date.

    ``records`` are the records and nested entries added, removed and changed, in table
    order and then in the order of the new version. ``appeared``, ``resolved`` and
    ``persisted`` compare the findings of ``check`` on both versions, as of the same date
    and with the same configuration.
    """

    as_of: pendulum.Date
    """The date both versions were checked as of."""
    records: tuple[RecordChange, ...]
    """Every record change, in order."""
    appeared: tuple[Finding, ...]
    """Findings of the new version that the old one did not have, in report order."""
    resolved: tuple[Finding, ...]
    """Findings of the old version that the new one no longer has, in report order."""
    persisted: tuple[Persisted, ...]
    """Findings of both, in the new version's report order; some changed (a date moved in
    the message, a waiver now covers it)."""

    @property
    def changed(self) -> bool:
        """Whether anything changed: a record, or a finding (appeared, resolved or changed)."""
        return bool(
            self.records
            or self.appeared
            or self.resolved
            or any(finding.changed for finding in self.persisted)
        )

    def count(self, change: Change) -> int:
        """How many records and nested entries were added, removed or changed."""
        return sum(1 for record in self.records if record.change is change)

    def related(self, finding: Finding | Persisted) -> tuple[RecordChange, ...]:
        """The record changes about a finding's subject, or about a waiver that covers it.

        What may explain why a finding appeared, was resolved or changed; a rule can also
        look at other records (a crew's members, a course's trainers). For a persisted
        finding, the waivers of both versions count.
        """
        return tuple(Related(self.records).about(finding))

    def withholding_recorded_by(self, shown_as: str = WITHHELD) -> Diff:
        """A copy with every ``recorded_by`` value shown as ``shown_as``.

        ``recorded_by`` names a person, by staff number or by name, so ``--redact``
        withholds it wherever it stands: beside a change, as a changed field, and in an
        added or removed entry.
        """
        return attrs.evolve(
            self, records=tuple(_withheld(change, shown_as) for change in self.records)
        )

    def to_data(self) -> dict[str, Any]:
        """The diff as plain values, for JSON (see ``docs/diff.md``)."""
        related = Related(self.records)

        def described(finding: Finding | Persisted) -> dict[str, Any]:
            paths = [change.path for change in related.about(finding)]
            return {**finding.to_record(), "related": paths}

        return {
            "as_of": self.as_of.isoformat(),
            "changed": self.changed,
            "summary": {
                "records_added": self.count(Change.ADDED),
                "records_removed": self.count(Change.REMOVED),
                "records_changed": self.count(Change.CHANGED),
                "findings_appeared": len(self.appeared),
                "findings_resolved": len(self.resolved),
                "findings_persisted": len(self.persisted),
                "findings_changed": sum(1 for finding in self.persisted if finding.changed),
            },
            "records": [change.to_record() for change in self.records],
            "findings": {
                "appeared": [described(finding) for finding in self.appeared],
                "resolved": [described(finding) for finding in self.resolved],
                "persisted": [described(finding) for finding in self.persisted],
            },
        }

    def to_text(self) -> str:
        """The diff as text for people; see ``docs/diff.md``.

        Values are on one line each, but the text is not escaped for a terminal: pass it
        through :func:`maritime_crew.report.escape_terminal` (with ``multiline=True``)
        before showing it, as the command line does.
        """
        from ._render import text

        return text(self)


def diff(
    old: Fleet,
    new: Fleet,
    as_of: pendulum.Date | datetime.date | str,
    config: Config | None = None,
    *,
    registry: Registry | None = None,
) -> Diff:
    """What changed from ``old`` to ``new``, two versions of a dataset, as of a date.

    Compares the records (``io.to_data`` of each) and the findings of
    :func:`~maritime_crew.rules.check` on each, as of ``as_of`` with the same ``config``
    and ``registry``. See ``docs/diff.md``.
    """
    day = as_date(as_of)
    records = record_changes(to_data(old), to_data(new))
    before = check(old, day, config, registry=registry)
    after = check(new, day, config, registry=registry)
    appeared, resolved, persisted = matched(before.findings, after.findings)
    return Diff(day, records, appeared, resolved, persisted)


def _withheld(change: RecordChange, shown_as: str) -> RecordChange:
    fields = tuple(
        attrs.evolve(
            field,
            old=_recorder(field.old, shown_as),
            new=_recorder(field.new, shown_as),
        )
        if field.field.rsplit(".", 1)[-1] == "recorded_by"
        else attrs.evolve(
            field, old=_hidden_in(field.old, shown_as), new=_hidden_in(field.new, shown_as)
        )
        for field in change.fields
    )
    provenance = change.provenance
    if provenance is not None and provenance.recorded_by is not None:
        provenance = attrs.evolve(provenance, recorded_by=shown_as)
    entry = None if change.entry is None else _hidden_in(change.entry, shown_as)
    return attrs.evolve(change, fields=fields, entry=entry, provenance=provenance)


def _recorder(value: Any, shown_as: str) -> Any:
    return None if value is None else shown_as


def _hidden_in(value: Any, shown_as: str) -> Any:
    """A value of the plain data with the ``recorded_by`` of every entry in it withheld."""
    if isinstance(value, Mapping):
        return {
            name: _recorder(item, shown_as) if name == "recorded_by" else _hidden_in(item, shown_as)
            for name, item in value.items()
        }
    if isinstance(value, list):
        return [_hidden_in(item, shown_as) for item in value]
    return value
