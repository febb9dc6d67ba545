"""The SEMS register on a date: each document's version in force, review and open actions."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from ..facts import Facts
from ..model import Document, DocumentKind, Fleet, Period
from ..rules import as_date
from ._common import DEFAULT_REVIEW_INTERVAL, DateLike, iso
from ._loop import ActionState, DebriefAction, debrief_actions

__all__ = ["Register", "RegisterEntry", "register"]


@attrs.frozen
class RegisterEntry:
    """One document of the register on a date."""

    as_of: pendulum.Date
    document: str
    title: str
    kind: DocumentKind
    owner: str
    vessels: tuple[str, ...]
    """Vessels it applies to; empty when it applies fleet-wide."""
    version: str | None
    """Label of the version in force (``None``: no version in force, ``DOC002``)."""
    effective: pendulum.Date | None
    approved_by: str | None
    approved_on: pendulum.Date | None
    last_reviewed: pendulum.Date | None
    review_interval: Period | None
    """The interval applied (the default when the document sets none)."""
    review_due: pendulum.Date | None
    overdue: bool
    """The review is past due (due on the date itself is not overdue, as ``DOC001``)."""
    open_actions: tuple[DebriefAction, ...]
    """Debrief actions against the document not closed on the date, overdue ones included."""

    @property
    def days_overdue(self) -> int | None:
        """Days past the review due date, when overdue."""
        if not self.overdue or self.review_due is None:
            return None
        return self.review_due.diff(self.as_of).in_days()

    def to_record(self) -> dict[str, Any]:
        """The entry as a plain dict (dates as ISO text)."""
        return {
            "document": self.document,
            "title": self.title,
            "kind": self.kind.value,
            "owner": self.owner,
            "vessels": list(self.vessels),
            "version": self.version,
            "effective": iso(self.effective),
            "approved_by": self.approved_by,
            "approved_on": iso(self.approved_on),
            "last_reviewed": iso(self.last_reviewed),
            "review_interval": str(self.review_interval) if self.review_interval else None,
            "review_due": iso(self.review_due),
            "overdue": self.overdue,
            "days_overdue": self.days_overdue,
            "open_actions": [a.finding for a in self.open_actions],
            "overdue_actions": [
                a.finding for a in self.open_actions if a.state is ActionState.OVERDUE
            ],
        }


@attrs.frozen
class Register:
    """The documents of the register in scope on a date, in register order."""

    as_of: pendulum.Date
    entries: tuple[RegisterEntry, ...]

    def entry(self, document_id: str) -> RegisterEntry | None:
        """The entry of one document, if in scope."""
        return next((e for e in self.entries if e.document == document_id), None)

    @property
    def overdue(self) -> tuple[RegisterEntry, ...]:
        """Entries whose review is overdue."""
        return tuple(e for e in self.entries if e.overdue)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per document."""
        return [entry.to_record() for entry in self.entries]


def _matches(
    document: Document, kind: DocumentKind | None, owner: str | None, vessel: str | None
) -> bool:
    return (
        (kind is None or document.kind is kind)
        and (owner is None or document.owner == owner)
        and (vessel is None or not document.vessels or vessel in document.vessels)
    )


def register(
    fleet: Fleet,
    as_of: DateLike,
    *,
    kind: DocumentKind | str | None = None,
    owner: str | None = None,
    vessel: str | None = None,
    default_interval: Period = DEFAULT_REVIEW_INTERVAL,
) -> Register:
    """The SEMS register on a date: every document with its version in force and review.

    Filters keep documents of one ``kind``, one ``owner`` (exact post name) or that apply
    to one ``vessel`` (a document with no ``vessels`` applies fleet-wide, so it matches
    every vessel). The review due date follows ``DOC001``: the last review (a version
    taking effect or a recorded review) plus the document's interval, or
    ``default_interval`` when it sets none.
    """
    on = as_date(as_of)
    wanted = DocumentKind(kind) if kind is not None else None
    view = Facts.of(fleet).on(on)
    open_actions: dict[str, list[DebriefAction]] = {}
    for action in debrief_actions(fleet, on):
        if action.is_open and action.document is not None:
            open_actions.setdefault(action.document, []).append(action)
    entries = []
    for document in fleet.documents:
        if not _matches(document, wanted, owner, vessel):
            continue
        version = view.version_in_force(document)
        review = view.review_due(document, default_interval)
        entries.append(
            RegisterEntry(
                as_of=on,
                document=document.id,
                title=document.title,
                kind=document.kind,
                owner=document.owner,
                vessels=document.vessels,
                version=version.label if version is not None else None,
                effective=version.effective if version is not None else None,
                approved_by=version.approved_by if version is not None else None,
                approved_on=version.approved_on if version is not None else None,
                last_reviewed=review.last if review is not None else None,
                review_interval=review.interval if review is not None else None,
                review_due=review.due if review is not None else None,
                overdue=review is not None and view.passed(review.due),
                open_actions=tuple(open_actions.get(document.id, ())),
            )
        )
    return Register(as_of=on, entries=tuple(entries))
