"""Operations and their debriefs, whose findings drive SOP revisions (commitment C8)."""

from __future__ import annotations

import enum

import attrs
import pendulum

from ._base import doc
from ._provenance import Recorded, provenance_last

__all__ = ["ActionKind", "Debrief", "DebriefFinding", "Operation"]


@attrs.frozen(field_transformer=provenance_last)
class Operation(Recorded):
    """An operation or tasking a vessel took part in. Each needs a documented debrief."""

    id: str = attrs.field(metadata=doc("Unique operation id.", "OP-2020-031"))
    vessel: str = attrs.field(metadata=doc("Vessel id.", "seeker"))
    kind: str = attrs.field(metadata=doc("Kind of operation.", "search-and-rescue"))
    start: pendulum.Date = attrs.field(metadata=doc("First day.", "2020-08-12"))
    end: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Last day; absent for a one-day operation.", "2020-08-13")
    )
    name: str | None = attrs.field(
        default=None,
        metadata=doc("Name or short description.", "Boarding of a yacht off Dungeness"),
    )
    crew: str | None = attrs.field(default=None, metadata=doc("Crew id aboard.", "seeker-b"))

    @property
    def last_day(self) -> pendulum.Date:
        """The last day of the operation."""
        return self.end if self.end is not None else self.start


class ActionKind(str, enum.Enum):
    """What a debrief finding requires of a document."""

    REVISE = "revise"
    """The document must be revised: closed by a version that addresses the finding."""
    REVIEW = "review"
    """The document must be reviewed: closed by a version that addresses the finding."""
    NONE = "none"
    """Noted only; nothing to track."""


@attrs.frozen(field_transformer=provenance_last)
class DebriefFinding(Recorded):
    """A finding recorded at a debrief, possibly requiring a document to change."""

    id: str = attrs.field(metadata=doc("Unique finding id.", "DBF-2020-031-1"))
    summary: str = attrs.field(
        metadata=doc("What was found.", "A boarding officer slipped stepping across in a swell.")
    )
    document: str | None = attrs.field(
        default=None, metadata=doc("Id of the document concerned.", "SOP-BRD-01")
    )
    action: ActionKind = attrs.field(
        default=ActionKind.NONE, metadata=doc("Action required of the document.", "revise")
    )
    due: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Date by which the action is due.", "2020-11-30")
    )


@attrs.frozen(field_transformer=provenance_last)
class Debrief(Recorded):
    """The documented debrief of an operation."""

    id: str = attrs.field(metadata=doc("Unique debrief id.", "DB-2020-031"))
    operation: str = attrs.field(metadata=doc("Operation id.", "OP-2020-031"))
    date: pendulum.Date = attrs.field(metadata=doc("Date held.", "2020-08-15"))
    vessel: str | None = attrs.field(default=None, metadata=doc("Vessel id.", "seeker"))
    led_by: str | None = attrs.field(
        default=None, metadata=doc("Staff number of whoever led it.", "BF1001")
    )
    findings: tuple[DebriefFinding, ...] = attrs.field(
        factory=tuple, metadata=doc("Findings recorded.")
    )
