"""Waivers (dispensations) from a rule for one subject."""

from __future__ import annotations

import enum

import attrs
import pendulum

from ._base import Subject, doc
from ._dates import DateLike, on_day
from ._provenance import Recorded, provenance_last

__all__ = ["Waiver", "WaiverCondition"]


class WaiverCondition(str, enum.Enum):
    """A condition a waiver is granted on, which the rules then hold the subject to."""

    SHORE_DUTIES_ONLY = "shore-duties-only"
    """The person is not to be aboard a vessel while the waiver is in force."""


@attrs.frozen(field_transformer=provenance_last)
class Waiver(Recorded):
    """A dispensation: findings of one rule about one subject are accepted for a time.

    A finding covered by a waiver in force is still reported, marked as waived, and
    does not count toward failure. Dispensations are meant to be temporary, so a
    waiver should have an expiry date.
    """

    id: str = attrs.field(metadata=doc("Unique waiver id.", "W-2021-003"))
    rule: str = attrs.field(metadata=doc("Rule code or name it applies to.", "CERT001"))
    subject: Subject = attrs.field(
        metadata=doc("The record it applies to.", '{ kind = "person", id = "BF1017" }')
    )
    reason: str = attrs.field(
        metadata=doc(
            "Why the dispensation was granted.",
            "ENG1 renewal medical booked for 2021-04-12; shore duties only until then.",
        )
    )
    granted_by: str = attrs.field(metadata=doc("Who granted it.", "Director Maritime"))
    granted_on: pendulum.Date = attrs.field(metadata=doc("Date granted.", "2021-02-01"))
    expires: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Last day it applies.", "2021-05-31")
    )
    condition: WaiverCondition | None = attrs.field(
        default=None,
        metadata=doc(
            "A condition the waiver is granted on, which MAN006 holds the subject to.",
            "shore-duties-only",
        ),
    )

    def in_force_on(self, date: DateLike) -> bool:
        """True from the grant date up to and including the expiry date."""
        day = on_day(date)
        return self.granted_on <= day and (self.expires is None or day <= self.expires)
