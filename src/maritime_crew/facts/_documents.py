"""Controlled documents: the version in force, reviews due, and debrief actions closed."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pendulum

from ..model import (
    ActionKind,
    Debrief,
    DebriefFinding,
    Document,
    DocumentVersion,
    Fleet,
    Period,
    VersionStatus,
)

__all__ = [
    "ACTION_DONE",
    "TRACKED_ACTIONS",
    "ReviewDue",
    "closing_version",
    "last_reviewed",
    "review_due",
    "started",
    "tracked_actions",
    "version_in_force",
    "versions_in_force",
]

_LIVE = (VersionStatus.APPROVED, VersionStatus.SUPERSEDED)

TRACKED_ACTIONS = (ActionKind.REVISE, ActionKind.REVIEW)
"""Debrief actions followed up until a document version addresses them."""
ACTION_DONE = {ActionKind.REVISE: "revised", ActionKind.REVIEW: "reviewed"}
"""What a document must be, in words, for each tracked action."""


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


@attrs.frozen
class ReviewDue:
    """When a document in force was last reviewed and when its next review is due."""

    last: pendulum.Date
    """The last review: a version taking effect or a recorded review."""
    interval: Period
    """The review interval applied."""
    default_interval: bool
    """The document sets no interval of its own, so the default applies."""
    due: pendulum.Date
    """The next review date; overdue only after this date."""


def review_due(document: Document, on: pendulum.Date, default: Period) -> ReviewDue | None:
    """The next review of a document on a date, with the interval that sets it.

    ``None`` when no version is in force on the date (nothing to review) or the document
    was never reviewed. ``default`` is the interval of documents that set none.
    """
    if version_in_force(document, on) is None:
        return None
    last = last_reviewed(document, on)
    if last is None:
        return None
    interval = document.review_interval if document.review_interval is not None else default
    return ReviewDue(last, interval, document.review_interval is None, interval.after(last))


def tracked_actions(fleet: Fleet) -> Iterator[tuple[int, Debrief, int, DebriefFinding]]:
    """Debrief findings that require a document to be revised or reviewed, with positions.

    Each is ``(debrief position, debrief, finding position, finding)``.
    """
    for position, debrief in enumerate(fleet.debriefs):
        for index, item in enumerate(debrief.findings):
            if item.action in TRACKED_ACTIONS:
                yield position, debrief, index, item


def closing_version(
    fleet: Fleet, finding_id: str, on: pendulum.Date
) -> tuple[Document, DocumentVersion] | None:
    """The first version that addresses a debrief finding and has started by a date.

    The action is closed on that version's effective date. ``None`` while no addressing
    version is approved (or since superseded) and effective.
    """
    closing = [
        (owner, version)
        for owner, version in fleet.versions_addressing(finding_id)
        if started(version, on)
    ]
    return min(closing, key=lambda pair: pair[1].effective or on) if closing else None
