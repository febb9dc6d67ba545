"""When equipment is due for service, and when its life ends.

The interval between services may depend on the item's age (a dry suit is
pressure-tested every 3 years, every 2 years once it is 10). The next service falls due
on the earliest date that some age band asks for it: for each band, the later of "last
service plus the band's interval" and "the day the item reaches the band's age", kept
only if the item is still in that band on that day. So a suit last tested at 8 is due at
10 if the 2-year interval has already run out by then, and a suit tested at 9 is due at
11. The first service is counted from the date of manufacture. Only passed services
count; with an unknown manufacture date the shortest interval applies.

An item is due on its due date and overdue the day after. Shelf life and marked expiry
dates work like certificates: ``P5Y`` from 1 February 2016 runs up to and including
31 January 2021.
"""

from __future__ import annotations

import attrs
import pendulum

from ..model import AgeSchedule, EquipmentItem, Fleet, Period, ServiceEvent, ServiceResult
from ..model._dates import shift
from ._memo import memo

__all__ = ["ServiceDue", "next_due", "overdue_services", "service_status", "shelf_life_end"]


def next_due(
    schedule: AgeSchedule, last: pendulum.Date, manufactured: pendulum.Date | None
) -> pendulum.Date:
    """The next due date after a service on ``last`` (see the module documentation)."""
    return _next_due(schedule, last, manufactured)[0]


def _next_due(
    schedule: AgeSchedule, last: pendulum.Date, manufactured: pendulum.Date | None
) -> tuple[pendulum.Date, Period]:
    """The next due date and the interval of the age band that set it."""
    if manufactured is None:
        shortest = schedule.for_age(None)
        return shortest.after(last), shortest
    bands = schedule.bands
    if len(bands) == 1 and bands[0].from_age == 0:  # one interval for every age
        period = bands[0].period
        return max(period.after(last), manufactured), period
    candidates = []
    for index, band in enumerate(bands):
        reaches = shift(manufactured, months=12 * band.from_age)
        due = max(band.period.after(last), reaches)
        leaves = (
            shift(manufactured, months=12 * bands[index + 1].from_age)
            if index + 1 < len(bands)
            else None
        )
        if leaves is None or due < leaves:
            candidates.append((due, index))
    due, index = min(candidates)
    return due, bands[index].period


@attrs.frozen
class ServiceDue:
    """The state of one kind of service for an item on a date."""

    kind: str
    last: ServiceEvent | None
    """The last passed service of this kind on or before the date."""
    due: pendulum.Date | None
    """When the next service is due; ``None`` if it cannot be known (no dates at all)."""
    interval: Period | None = None
    """The interval (of the age band) that set the due date; ``None`` with no due date."""

    def overdue_on(self, date: pendulum.Date) -> bool:
        """True when the due date is before ``date`` (due on the day itself is not overdue)."""
        return self.due is not None and self.due < date


def service_status(fleet: Fleet, item: EquipmentItem, on: pendulum.Date) -> list[ServiceDue]:
    """For each service its type schedules, the last service and the next due date."""
    return _status(fleet, item, on, overdue_only=False)


def overdue_services(fleet: Fleet, item: EquipmentItem, on: pendulum.Date) -> list[ServiceDue]:
    """The services of :func:`service_status` that are overdue on the date.

    A service last passed (or, never passed, an item made) too recently to be due yet
    is passed over without working out its due date: whatever the age band, a period of
    ``12y + m`` months (``m`` below 12), ``w`` weeks and ``d`` days after a date ends at
    least ``365y + 28m + 7w + d`` days later.
    """
    return _status(fleet, item, on, overdue_only=True)


def _status(
    fleet: Fleet, item: EquipmentItem, on: pendulum.Date, overdue_only: bool
) -> list[ServiceDue]:
    kind = fleet.equipment_type(item.type)
    if kind is None:
        return []
    result = []
    latest: dict[str, ServiceEvent] = {}  # the last pass of each kind; the first of a tie
    for event in item.services:
        if event.result is ServiceResult.PASS and event.date <= on:
            found = latest.get(event.kind)
            if found is None or event.date > found.date:
                latest[event.kind] = event
    day = on.toordinal()
    # the fleet's own schedules, alive as long as the fleet, so their ids are safe keys
    fewest: dict[int, int] = memo(fleet, "fewest-days") if overdue_only else {}
    for schedule in kind.services:
        last = latest.get(schedule.kind)
        start = last.date if last is not None else item.manufactured
        if start is None:
            if not overdue_only:
                result.append(ServiceDue(schedule.kind, last, None))
            continue
        if overdue_only:
            least = fewest.get(id(schedule))
            if least is None:
                least = fewest[id(schedule)] = _fewest_days(schedule.interval)
            if start.toordinal() + least >= day:
                continue  # due on the date at the earliest
        due, interval = _next_due(schedule.interval, start, item.manufactured)
        if not overdue_only or due < on:
            result.append(ServiceDue(schedule.kind, last, due, interval))
    return result


def _fewest_days(schedule: AgeSchedule) -> int:
    """The fewest days any band's period can span from any date.

    Twelve months span at least 365 days, and each further month at least 28.
    """
    fewest = []
    for band in schedule.bands:
        years, months = divmod(band.period.years * 12 + band.period.months, 12)
        fewest.append(365 * years + 28 * months + 7 * band.period.weeks + band.period.days)
    return min(fewest)


def shelf_life_end(fleet: Fleet, item: EquipmentItem) -> pendulum.Date | None:
    """The last day of the item's shelf life, or ``None`` (no shelf life or unknown age)."""
    kind = fleet.equipment_type(item.type)
    if kind is None or kind.shelf_life is None or item.manufactured is None:
        return None
    return shift(kind.shelf_life.after(item.manufactured), days=-1)
