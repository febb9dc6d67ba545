"""Controlled documents: the version in force, reviews due, and debrief actions closed.

A version takes effect on its effective date when it is approved (or approved and since
superseded); drafts and withdrawn versions never do. The version in force on a date is
the one that took effect last by then. A document's last review is the last day by the
date on which a version took effect or a review was held; the next is due one review
interval later, and is overdue only after that day.

A debrief finding that requires a document to be revised or reviewed is closed on the
effective date of the first version that lists it in ``addresses`` and takes effect.
"""

from __future__ import annotations

import attrs
import pendulum

from ..model import (
    ActionKind,
    Debrief,
    DebriefFinding,
    Document,
    DocumentVersion,
    Period,
    VersionStatus,
)
from ._core import Core
from ._dates import DateQuestions

__all__ = [
    "ACTION_DONE",
    "TRACKED_ACTIONS",
    "AddressingVersion",
    "DocumentFacts",
    "DocumentQuestions",
    "ReviewDue",
    "TrackedAction",
]

TRACKED_ACTIONS = (ActionKind.REVISE, ActionKind.REVIEW)
"""Debrief actions followed up until a document version addresses them."""
ACTION_DONE = {ActionKind.REVISE: "revised", ActionKind.REVIEW: "reviewed"}
"""What a document must be, in words, for each tracked action."""

_LIVE = (VersionStatus.APPROVED, VersionStatus.SUPERSEDED)
"""Statuses of versions that take effect on their effective date."""


@attrs.frozen
class TrackedAction:
    """A debrief finding that requires a document to be revised or reviewed."""

    debrief: Debrief
    """The debrief that recorded the finding."""
    finding: DebriefFinding


@attrs.frozen
class AddressingVersion:
    """A document version that lists a debrief finding in its ``addresses``."""

    document: Document
    version: DocumentVersion


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


def _effective(version: DocumentVersion) -> pendulum.Date:
    """The effective date of a version that has one (every version that took effect)."""
    assert version.effective is not None
    return version.effective


class DocumentFacts(Core):
    """Questions about documents and debrief actions that do not depend on a date."""

    def tracked_actions(self) -> tuple[TrackedAction, ...]:
        """Every debrief finding that requires a document to be revised or reviewed.

        In data order: debriefs as recorded, and each debrief's findings in order.
        """
        cache = self._memo("tracked-actions")
        found: tuple[TrackedAction, ...] | None = cache.get(None)
        if found is None:
            found = tuple(
                TrackedAction(debrief, item)
                for debrief in self.fleet.debriefs
                for item in debrief.findings
                if item.action in TRACKED_ACTIONS
            )
            found = cache.setdefault(None, found)
        return found

    def addressing(self, finding_id: str) -> tuple[AddressingVersion, ...]:
        """Every document version that lists a debrief finding in ``addresses``.

        Whatever its status or date, in data order.
        """
        return tuple(
            AddressingVersion(document, version)
            for document, version in self.fleet.versions_addressing(finding_id)
        )


class DocumentQuestions(DocumentFacts, DateQuestions):
    """Questions about documents and debriefs on the view's date."""

    def started(self, version: DocumentVersion) -> bool:
        """True when the version is approved (or since superseded) and took effect by the date."""
        return version.status in _LIVE and self.reached(version.effective)

    def version_in_force(self, document: Document) -> DocumentVersion | None:
        """The version of a document in force on the date.

        The approved (or since superseded) version with the latest effective date on or
        before the date (the first recorded of a tie). Drafts and withdrawn versions are
        never in force.
        """
        live = [version for version in document.versions if self.started(version)]
        return max(live, key=_effective) if live else None

    def versions_in_force(self, document: Document) -> tuple[DocumentVersion, ...]:
        """Versions still marked approved, effective by the date, that no later one replaces.

        A version is replaced once another version that names it in ``supersedes`` has
        taken effect (by its date, whatever its status). Normally one version is left;
        more than one means the register says two versions are in force at once.
        """
        return tuple(
            version
            for version in document.versions
            if version.status is VersionStatus.APPROVED
            and self.reached(version.effective)
            and not self._replaced(document, version)
        )

    def _replaced(self, document: Document, version: DocumentVersion) -> bool:
        return any(
            later.supersedes == version.label and self.reached(later.effective)
            for later in document.versions
        )

    def last_reviewed(self, document: Document) -> pendulum.Date | None:
        """The last day, by the date, on which a version took effect or a review was held."""
        dates = [_effective(v) for v in document.versions if self.started(v)]
        dates += [review.date for review in document.reviews if self.reached(review.date)]
        return max(dates) if dates else None

    def review_due(self, document: Document, default: Period) -> ReviewDue | None:
        """The next review of a document, with the interval that sets it.

        ``None`` when no version is in force on the date (nothing to review) or the
        document was never reviewed. ``default`` is the interval of documents that set
        none. Whether the review is overdue is a question of the due date:
        ``view.passed(review.due)``.
        """
        if self.version_in_force(document) is None:
            return None
        last = self.last_reviewed(document)
        if last is None:
            return None
        interval = document.review_interval if document.review_interval is not None else default
        return ReviewDue(last, interval, document.review_interval is None, interval.after(last))

    def closing_version(self, finding_id: str) -> AddressingVersion | None:
        """The first version that addresses a debrief finding and has taken effect by the date.

        The action is closed on that version's effective date (the first recorded of a
        tie). ``None`` while no addressing version is approved (or since superseded) and
        effective.
        """
        closing = [found for found in self.addressing(finding_id) if self.started(found.version)]
        return min(closing, key=lambda found: _effective(found.version)) if closing else None

    def debriefs_held(self, operation_id: str) -> tuple[Debrief, ...]:
        """The debriefs of an operation held on or before the date, in data order."""
        return tuple(
            debrief
            for debrief in self.fleet.debriefs_of(operation_id)
            if self.reached(debrief.date)
        )
