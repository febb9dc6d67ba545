"""Currency: practice that keeps a qualification in use, and what a duty role asks of it.

Some qualifications lapse without practice: a coxswain who has launched no boat in the
last three months is out of practice, whatever their certificates say. A person's
practice log (``Person.practice``) records events of a kind on a day; a duty role's
currency requirement (``DutyRole.currency``) asks for at least so many of a kind within
a period up to the day. Kinds are a small catalogue (``[[practice_kind]]``) so that a
misspelt kind is reported rather than never counted.
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from ._base import InvalidValue, doc, positive
from ._period import Period
from ._provenance import Recorded, provenance_last

__all__ = ["Currency", "PracticeEvent", "PracticeKind"]


@attrs.frozen(field_transformer=provenance_last)
class PracticeKind(Recorded):
    """A kind of practice that is logged, such as a boat launch or a man-overboard drill."""

    id: str = attrs.field(metadata=doc("Unique practice kind id.", "boat-launch"))
    name: str = attrs.field(metadata=doc("Name.", "Boat launch and recovery"))
    description: str | None = attrs.field(
        default=None,
        metadata=doc("What counts as one.", "A launch and recovery of the RIB, as coxswain."),
    )


@attrs.frozen(field_transformer=provenance_last)
class PracticeEvent(Recorded):
    """Practice a person logged: events of one kind on one day.

    An event counts toward currency from its day through the day before the period of
    the requirement has run from it (see ``Currency``).
    """

    kind: str = attrs.field(metadata=doc("Practice kind id.", "boat-launch"))
    date: pendulum.Date = attrs.field(metadata=doc("Day of the practice.", "2021-02-10"))
    count: int = attrs.field(
        default=1,
        validator=positive,
        metadata=doc("How many events of the kind that day (launches, drills).", "2"),
    )
    vessel: str | None = attrs.field(
        default=None, metadata=doc("Vessel it took place on, if aboard one.", "vigilant")
    )


def _days_or_more(_instance: Any, attribute: attrs.Attribute[Any], period: Period) -> None:
    if period.hours or period.minutes or period.seconds:
        raise InvalidValue(
            "a period of days, weeks, months or years",
            str(period),
            detail="currency is counted in whole days",
            field=attribute.name,
        )
    if not (period.years or period.months or period.weeks or period.days):
        raise InvalidValue("a period of at least one day", str(period), field=attribute.name)


@attrs.frozen(field_transformer=provenance_last)
class Currency(Recorded):
    """A currency requirement: at least so many events of a practice kind within a period.

    A person meets it on a day when the events of the kind that count on that day add up
    to ``count``. An event on day E counts from E through the day before ``within`` has
    run from E, as a certificate issued on E with that validity is valid: with
    ``within = "P3M"``, a boat launch on 2 November 2020 counts from that day through
    1 February 2021.
    """

    practice: str = attrs.field(metadata=doc("Practice kind id.", "boat-launch"))
    within: Period = attrs.field(
        validator=_days_or_more,
        metadata=doc(
            "The period up to the day in which the events must fall: an event counts "
            "through the day before this period has run from it.",
            '"P3M"',
        ),
    )
    count: int = attrs.field(
        default=1,
        validator=positive,
        metadata=doc("How many events of the kind are needed within the period.", "1"),
    )
