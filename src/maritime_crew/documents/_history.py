"""A document's version history and the version in force on any date."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from ..facts import Facts, View
from ..model import ActionKind, Document, DocumentKind, DocumentVersion, Fleet, VersionStatus
from ..rules import as_date
from ._common import DateLike, iso, resolve_document

__all__ = ["AddressedFinding", "History", "VersionEntry", "history", "in_force"]


def in_force(fleet: Fleet, document: Document | str, on: DateLike) -> DocumentVersion | None:
    """The version of a document in force on a date (``None`` when none is).

    It is the version that took effect last by ``on`` (its effective date), unless it has
    been withdrawn; see ``facts.View.version_status``. ``KeyError`` for an unknown id.
    """
    return Facts.of(fleet).on(as_date(on)).version_in_force(resolve_document(fleet, document))


@attrs.frozen
class AddressedFinding:
    """A debrief finding a version states it addresses."""

    finding: str
    debrief: str | None
    """``None`` when no debrief records the finding (``DATA`` rules report it)."""
    operation: str | None
    found: pendulum.Date | None
    summary: str | None
    action: ActionKind | None
    due: pendulum.Date | None

    def to_record(self) -> dict[str, Any]:
        """The finding as a plain dict."""
        return {
            "finding": self.finding,
            "debrief": self.debrief,
            "operation": self.operation,
            "found": iso(self.found),
            "summary": self.summary,
            "action": self.action.value if self.action is not None else None,
            "due": iso(self.due),
        }


@attrs.frozen
class VersionEntry:
    """One version of a document in its history, with when it was in force."""

    label: str
    status: VersionStatus
    """Its status on the history's date, from its dates (``approved``: in force)."""
    recorded_status: VersionStatus
    """The status recorded with it (``DATA010`` reports one the dates contradict)."""
    effective: pendulum.Date | None
    withdrawn: pendulum.Date | None
    approved_by: str | None
    approved_on: pendulum.Date | None
    supersedes: str | None
    superseded_by: str | None
    """The label of the version whose taking effect superseded this one by the date: the
    next to take effect after it, whatever its ``supersedes`` says."""
    in_force_from: pendulum.Date | None
    """The first day in force, once it took effect by the date."""
    in_force_until: pendulum.Date | None
    """The last day in force, once it ended by the date: the day before it was superseded
    or withdrawn (``None`` while still in force, or never in force)."""
    summary: str | None
    addresses: tuple[AddressedFinding, ...]

    def to_record(self) -> dict[str, Any]:
        """The version as a plain dict (dates as ISO text)."""
        return {
            "label": self.label,
            "status": self.status.value,
            "recorded_status": self.recorded_status.value,
            "effective": iso(self.effective),
            "withdrawn": iso(self.withdrawn),
            "approved_by": self.approved_by,
            "approved_on": iso(self.approved_on),
            "supersedes": self.supersedes,
            "superseded_by": self.superseded_by,
            "in_force_from": iso(self.in_force_from),
            "in_force_until": iso(self.in_force_until),
            "summary": self.summary,
            "addresses": [a.to_record() for a in self.addresses],
        }


@attrs.frozen
class History:
    """A document's versions, oldest first as recorded, for an audit."""

    document: str
    title: str
    kind: DocumentKind
    owner: str
    versions: tuple[VersionEntry, ...]
    reviews: tuple[pendulum.Date, ...]
    """Dates of recorded reviews that made no new version, held by the date."""
    as_of: pendulum.Date | None = None
    """The date it is told as of; ``None``: once every date it records has come."""

    def version(self, label: str) -> VersionEntry | None:
        """The entry of one version label."""
        return next((v for v in self.versions if v.label == label), None)

    def on(self, day: DateLike) -> VersionEntry | None:
        """The version in force on a date up to the history's date, as :func:`in_force`."""
        when = as_date(day)
        live = [
            v
            for v in self.versions
            if v.in_force_from is not None
            and v.in_force_from <= when
            and (v.in_force_until is None or when <= v.in_force_until)
        ]
        return max(live, key=lambda v: v.in_force_from or when) if live else None

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per version."""
        return [version.to_record() for version in self.versions]


def _addressed(fleet: Fleet, finding_id: str) -> AddressedFinding:
    found = fleet.debrief_finding(finding_id)
    if found is None:
        return AddressedFinding(finding_id, None, None, None, None, None, None)
    debrief, item = found
    return AddressedFinding(
        finding=item.id,
        debrief=debrief.id,
        operation=debrief.operation,
        found=debrief.date,
        summary=item.summary,
        action=item.action,
        due=item.due,
    )


def _last_day(document: Document) -> pendulum.Date:
    """The last date a document's record names (a version's or a review's date)."""
    days = [
        day
        for version in document.versions
        for day in (version.effective, version.withdrawn, version.approved_on)
        if day is not None
    ]
    days += [review.date for review in document.reviews]
    return max(days) if days else pendulum.Date(1, 1, 1)


def _entry(view: View, fleet: Fleet, document: Document, version: DocumentVersion) -> VersionEntry:
    started = view.started(version)
    successor = view.successor(document, version)
    replaced = successor.effective if successor is not None else None
    withdrawn = version.withdrawn
    end = (
        replaced
        if withdrawn is None or (replaced is not None and replaced < withdrawn)
        else withdrawn
    )
    superseded = successor is not None and end == replaced and view.reached(replaced)
    approved = version.approved_on is None or view.reached(version.approved_on)
    return VersionEntry(
        label=version.label,
        status=view.version_status(document, version),
        recorded_status=version.status,
        effective=version.effective,
        withdrawn=version.withdrawn,
        approved_by=version.approved_by if approved else None,
        approved_on=version.approved_on if approved else None,
        supersedes=version.supersedes,
        superseded_by=successor.label if successor is not None and superseded else None,
        in_force_from=version.effective if started else None,
        in_force_until=end.subtract(days=1) if end and started and view.reached(end) else None,
        summary=version.summary,
        addresses=tuple(_addressed(fleet, f) for f in version.addresses),
    )


def history(fleet: Fleet, document: Document | str, as_of: DateLike | None = None) -> History:
    """A document's version history for an audit, as of a date.

    Each version gives its status on the date (from its dates) beside the one recorded,
    its approval, effective and withdrawal dates, the version it names in ``supersedes``
    and the one that superseded it, the days it was in force, its change summary and the
    debrief findings it states it addresses. Statuses, days in force, supersession,
    approvals and reviews are as of ``as_of``: a version superseded later is still in
    force, and an approval given later is not shown. Labels, dates planned, summaries
    and ``addresses`` are shown as recorded. Without ``as_of``, the history once every
    date the document records has come. ``KeyError`` for an unknown document id.
    """
    record = resolve_document(fleet, document)
    on = as_date(as_of) if as_of is not None else _last_day(record).add(days=1)
    view = Facts.of(fleet).on(on)
    return History(
        document=record.id,
        title=record.title,
        kind=record.kind,
        owner=record.owner,
        versions=tuple(_entry(view, fleet, record, version) for version in record.versions),
        reviews=tuple(review.date for review in record.reviews if view.reached(review.date)),
        as_of=as_date(as_of) if as_of is not None else None,
    )
