"""A document's version history and the version in force on any date."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from ..facts import Facts
from ..model import ActionKind, Document, DocumentKind, DocumentVersion, Fleet, VersionStatus
from ..rules import as_date
from ._common import DateLike, iso, resolve_document

__all__ = ["AddressedFinding", "History", "VersionEntry", "history", "in_force"]


def in_force(fleet: Fleet, document: Document | str, on: DateLike) -> DocumentVersion | None:
    """The version of a document in force on a date (``None`` before its first version).

    It is the approved (or since superseded) version with the latest effective date on or
    before ``on``; drafts and withdrawn versions never are. ``KeyError`` for an unknown id.
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
    effective: pendulum.Date | None
    approved_by: str | None
    approved_on: pendulum.Date | None
    supersedes: str | None
    superseded_by: str | None
    """The label of the approved (or since superseded), dated version that names this one
    in ``supersedes``; a draft that would replace it does not count."""
    in_force_until: pendulum.Date | None
    """The last day in force: the day before the next version took effect (``None``
    while still in force, or never in force)."""
    summary: str | None
    addresses: tuple[AddressedFinding, ...]

    @property
    def in_force_from(self) -> pendulum.Date | None:
        """The first day in force; drafts, withdrawn and undated versions have none."""
        return self.effective if self.status in _LIVE else None

    def to_record(self) -> dict[str, Any]:
        """The version as a plain dict (dates as ISO text)."""
        return {
            "label": self.label,
            "status": self.status.value,
            "effective": iso(self.effective),
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
    """Dates of recorded reviews that made no new version."""

    def version(self, label: str) -> VersionEntry | None:
        """The entry of one version label."""
        return next((v for v in self.versions if v.label == label), None)

    def on(self, day: DateLike) -> VersionEntry | None:
        """The version in force on a date, as :func:`in_force`."""
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


_LIVE = (VersionStatus.APPROVED, VersionStatus.SUPERSEDED)


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


def _until(document: Document, version: DocumentVersion) -> pendulum.Date | None:
    """The day before the next live version took effect, as ``View.version_in_force``."""
    if version.status not in _LIVE or version.effective is None:
        return None
    later = [
        v.effective
        for v in document.versions
        if v.status in _LIVE and v.effective is not None and v.effective > version.effective
    ]
    return min(later).subtract(days=1) if later else None


def history(fleet: Fleet, document: Document | str) -> History:
    """A document's version history for an audit.

    Each version gives its status, approval, effective date, the version it supersedes
    and the one superseding it, the days it was in force, its change summary and the
    debrief findings it states it addresses. ``KeyError`` for an unknown document id.
    """
    record = resolve_document(fleet, document)
    successors = {
        v.supersedes: v.label
        for v in record.versions
        if v.supersedes is not None and v.status in _LIVE and v.effective is not None
    }
    versions = tuple(
        VersionEntry(
            label=version.label,
            status=version.status,
            effective=version.effective,
            approved_by=version.approved_by,
            approved_on=version.approved_on,
            supersedes=version.supersedes,
            superseded_by=successors.get(version.label),
            in_force_until=_until(record, version),
            summary=version.summary,
            addresses=tuple(_addressed(fleet, f) for f in version.addresses),
        )
        for version in record.versions
    )
    return History(
        document=record.id,
        title=record.title,
        kind=record.kind,
        owner=record.owner,
        versions=versions,
        reviews=tuple(review.date for review in record.reviews),
    )
