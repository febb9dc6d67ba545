"""Which version of a controlled document is in force, and when it was last reviewed."""

from __future__ import annotations

import pendulum

from ..model import Document, DocumentVersion, VersionStatus

__all__ = ["last_reviewed", "started", "version_in_force", "versions_in_force"]

_LIVE = (VersionStatus.APPROVED, VersionStatus.SUPERSEDED)


def versions_in_force(document: Document, on: pendulum.Date) -> list[DocumentVersion]:
    """Versions still marked approved, effective by a date, that no later version replaces.

    A version is replaced when another version effective by that date names it in
    ``supersedes``. Normally one version is left; more than one means the register says
    two versions are in force at once.
    """
    return [
        version
        for version in document.versions
        if version.status is VersionStatus.APPROVED
        and version.effective is not None
        and version.effective <= on
        and not _replaced(document, version, on)
    ]


def _replaced(document: Document, version: DocumentVersion, on: pendulum.Date) -> bool:
    return any(
        later.supersedes == version.label and later.effective is not None and later.effective <= on
        for later in document.versions
    )


def started(version: DocumentVersion, on: pendulum.Date) -> bool:
    """The version is approved (or since superseded) and took effect on or before ``on``."""
    return version.status in _LIVE and version.effective is not None and version.effective <= on


def version_in_force(document: Document, on: pendulum.Date) -> DocumentVersion | None:
    """The version in force on a date.

    It is the approved (or since superseded) version with the latest effective date on or
    before that date. Drafts and withdrawn versions are never in force.
    """
    live = [v for v in document.versions if started(v, on)]
    if not live:
        return None
    return max(live, key=lambda v: v.effective or on)


def last_reviewed(document: Document, on: pendulum.Date) -> pendulum.Date | None:
    """The last time, on or before ``on``, a version took effect or a review was held."""
    dates = [v.effective for v in document.versions if started(v, on) and v.effective]
    dates += [review.date for review in document.reviews if review.date <= on]
    return max(dates) if dates else None
