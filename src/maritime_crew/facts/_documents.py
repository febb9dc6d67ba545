"""Controlled documents: each version's status on a date, reviews due, debrief actions closed.

A version's status on a date follows from its dates, never from the status recorded
with it: a draft until it takes effect on its effective date; in force (``approved``)
from then until a later version of the document takes effect, superseded from that day;
withdrawn from its ``withdrawn`` date, whatever it was before. A version recorded as
withdrawn with no withdrawal date is withdrawn on every date (an undated value means
"always"), and a version withdrawn on or before its effective date never takes effect.
Versions that take effect on the same day do not supersede one another.

The version in force on a date is the one in force then (the first recorded of a tie).
A document's last review is the last day by the date on which a version took effect or
a review was held; the next is due one review interval later, and is overdue only after
that day.

A debrief finding that requires a document to be revised or reviewed is closed on the
effective date of the first version that lists it in ``addresses`` and takes effect.

The recorded status is what the register said on the day it was last written. That day
is not recorded, but it can be no earlier than the last date the record says has come
(:meth:`DocumentFacts.record_written`); a recorded status that the dates contradict on
that day, or on every day, is a :class:`StatusConflict` (rule ``DATA010``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

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
    "RecordWritten",
    "ReviewDue",
    "StatusConflict",
    "TrackedAction",
]

TRACKED_ACTIONS = (ActionKind.REVISE, ActionKind.REVIEW)
"""Debrief actions followed up until a document version addresses them."""
ACTION_DONE = {ActionKind.REVISE: "revised", ActionKind.REVIEW: "reviewed"}
"""What a document must be, in words, for each tracked action."""


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


@attrs.frozen
class RecordWritten:
    """The earliest day a document's record can have been written, and what says so.

    Each recorded status says that something has happened (a version took effect, was
    superseded or withdrawn), and so do recorded approvals and reviews; the record was
    written no earlier than the last of those days.
    """

    day: pendulum.Date
    version: DocumentVersion | None
    """The version whose record sets the day; ``None`` for a review."""
    because: str
    """What sets it: ``approved`` (the version's ``approved_on``), ``in-force`` (recorded
    approved, that is in force, and took effect that day), ``superseded`` (recorded
    superseded: a later version took effect that day), ``withdrawn`` (recorded withdrawn
    from that day) or ``reviewed`` (a review of the document was held)."""


@attrs.frozen
class StatusConflict:
    """A version whose recorded status its dates contradict (rule ``DATA010``)."""

    version: DocumentVersion
    position: int
    """Index of the version in the document's ``versions``."""
    recorded: VersionStatus
    status: VersionStatus | None
    """The status its dates give on ``written.day``; ``None`` when the recorded status is
    the status its dates give on no day at all."""
    written: RecordWritten | None
    """The earliest day the document's record can have been written."""


_Span = tuple[pendulum.Date | None, pendulum.Date | None]
"""The days from the first (``None``: no first) up to the end, not included (``None``: no end)."""


def _earliest(*days: pendulum.Date | None) -> pendulum.Date | None:
    known = [day for day in days if day is not None]
    return min(known) if known else None


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

    def taking_effect(self, version: DocumentVersion) -> pendulum.Date | None:
        """The day the version takes effect: its effective date, unless withdrawn by then.

        ``None`` when it has no effective date, is withdrawn on or before it, or is
        recorded as withdrawn with no withdrawal date (withdrawn on every date).
        """
        effective, withdrawn = version.effective, version.withdrawn
        if effective is None:
            return None
        if withdrawn is None:
            return None if version.status is VersionStatus.WITHDRAWN else effective
        return effective if effective < withdrawn else None

    def successor(self, document: Document, version: DocumentVersion) -> DocumentVersion | None:
        """The version whose taking effect supersedes this one, on whatever date.

        The first to take effect of the versions that take effect after this one does
        (the first recorded of a tie), whatever their ``supersedes`` says. ``None`` when
        the version never takes effect or no later version does.
        """
        start = self.taking_effect(version)
        if start is None:
            return None
        found: DocumentVersion | None = None
        first: pendulum.Date | None = None
        for other in document.versions:
            day = self.taking_effect(other)
            if day is not None and day > start and (first is None or day < first):
                found, first = other, day
        return found

    def status_on(
        self, document: Document, version: DocumentVersion, day: datetime.date
    ) -> VersionStatus:
        """The version's status on ``day``, from its dates.

        For a day that does not move with the date checked (the day a record was
        written); a view's own date is asked with :meth:`View.version_status`.
        """
        return self._status(document, version, lambda when: when is not None and when <= day)

    def _status(
        self,
        document: Document,
        version: DocumentVersion,
        reached: Callable[[pendulum.Date | None], bool],
    ) -> VersionStatus:
        if version.withdrawn is None:
            if version.status is VersionStatus.WITHDRAWN:
                return VersionStatus.WITHDRAWN  # undated: withdrawn on every date
        elif reached(version.withdrawn):
            return VersionStatus.WITHDRAWN
        if not reached(self.taking_effect(version)):
            return VersionStatus.DRAFT
        successor = self.successor(document, version)
        if successor is not None and reached(successor.effective):
            return VersionStatus.SUPERSEDED
        return VersionStatus.APPROVED

    def _recorded_span(self, document: Document, version: DocumentVersion) -> _Span | None:
        """The days on which the recorded status is the one the dates give; ``None``: no day.

        ``approved`` is read as in force: a version approved but waiting for its
        effective date is a draft until then.
        """
        recorded, withdrawn = version.status, version.withdrawn
        start = self.taking_effect(version)
        if recorded is VersionStatus.WITHDRAWN:
            return withdrawn, None
        if recorded is VersionStatus.DRAFT:
            return None, _earliest(start, withdrawn)
        successor = self.successor(document, version)
        replaced = successor.effective if successor is not None else None
        if recorded is VersionStatus.APPROVED:
            first, end = start, _earliest(replaced, withdrawn)
        else:
            first, end = replaced, withdrawn
        if first is None or (end is not None and first >= end):
            return None
        return first, end

    def record_written(self, document: Document) -> RecordWritten | None:
        """The earliest day the document's record can have been written, and what says so.

        The last of: the day from which each recorded status holds (see
        :class:`RecordWritten`), each recorded approval and each review. ``None`` when
        nothing recorded dates it (only drafts, and no approval or review).
        """
        found: RecordWritten | None = None

        def consider(day: pendulum.Date | None, version: DocumentVersion | None, why: str) -> None:
            nonlocal found
            if day is not None and (found is None or day > found.day):
                found = RecordWritten(day, version, why)

        for version in document.versions:
            span = self._recorded_span(document, version)
            if span is not None and span[0] is not None:
                recorded = version.status
                why = "in-force" if recorded is VersionStatus.APPROVED else recorded.value
                consider(span[0], version, why)
            consider(version.approved_on, version, "approved")
        for review in document.reviews:
            consider(review.date, None, "reviewed")
        return found

    def status_conflicts(self, document: Document) -> tuple[StatusConflict, ...]:
        """The versions whose recorded status their dates contradict, in data order.

        A recorded status contradicts the dates when it is the status they give on no
        day at all, or only on days before the record can have been written
        (:meth:`record_written`). Whatever the date checked: the record is compared
        with its own dates.
        """
        written = self.record_written(document)
        found = []
        for position, version in enumerate(document.versions):
            span = self._recorded_span(document, version)
            if span is None:
                found.append(StatusConflict(version, position, version.status, None, written))
            elif written is not None and span[1] is not None and span[1] <= written.day:
                status = self.status_on(document, version, written.day)
                found.append(StatusConflict(version, position, version.status, status, written))
        return tuple(found)

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

    def version_status(self, document: Document, version: DocumentVersion) -> VersionStatus:
        """The version's status on the date, from its dates (see the module's docstring).

        ``approved`` means in force. The recorded ``status`` counts only where it is
        ``withdrawn`` with no withdrawal date: withdrawn on every date.
        """
        return self._status(document, version, self.reached)

    def started(self, version: DocumentVersion) -> bool:
        """True when the version took effect by the date (whatever became of it since)."""
        return self.reached(self.taking_effect(version))

    def version_in_force(self, document: Document) -> DocumentVersion | None:
        """The version of a document in force on the date.

        The version that took effect last by the date, unless it has been withdrawn (the
        first recorded of a tie); ``None`` when none is in force. A version superseded
        stays superseded when the one that replaced it is withdrawn.
        """
        live = self.versions_in_force(document)
        return max(live, key=_effective) if live else None

    def versions_in_force(self, document: Document) -> tuple[DocumentVersion, ...]:
        """Every version in force on the date, in data order.

        Normally one at most; more than one only when they took effect on the same day,
        so that none of them supersedes the others.
        """
        return tuple(
            version
            for version in document.versions
            if self.version_status(document, version) is VersionStatus.APPROVED
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
        tie). ``None`` while no addressing version has taken effect. A version withdrawn
        after it took effect still closed the action.
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
