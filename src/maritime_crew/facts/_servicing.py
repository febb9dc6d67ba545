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

from ..model import (
    AgeSchedule,
    EquipmentItem,
    Period,
    ServiceEvent,
    ServiceResult,
    ServiceSchedule,
    day_of_ordinal,
    shift,
)
from ._core import Core
from ._dates import DateQuestions
from ._trace import NEVER

__all__ = ["ServiceDue", "ServicingFacts", "ServicingQuestions", "next_due"]


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


def _fewest_days(schedule: AgeSchedule) -> int:
    """The fewest days any band's period can span from any date.

    Twelve months span at least 365 days, and each further month at least 28.
    """
    fewest = []
    for band in schedule.bands:
        years, months = divmod(band.period.years * 12 + band.period.months, 12)
        fewest.append(365 * years + 28 * months + 7 * band.period.weeks + band.period.days)
    return min(fewest)


class ServicingFacts(Core):
    """Service intervals and shelf lives: the same on every date."""

    def shelf_life_end(self, item: EquipmentItem) -> pendulum.Date | None:
        """The last day of the item's shelf life, or ``None`` (no shelf life or unknown age)."""
        manufactured = item.manufactured
        if manufactured is None:
            return None
        key = (item.type, manufactured.toordinal())  # items of a batch share it
        cache = self._memo("shelf-life-ends")  # as ordinals: no object for the collector
        if key not in cache:
            kind = self.fleet.equipment_type(item.type)
            end = None
            if kind is not None and kind.shelf_life is not None:
                end = kind.shelf_life.after(manufactured).toordinal() - 1
            cache.setdefault(key, end)
        found: int | None = cache[key]
        return None if found is None else day_of_ordinal(found)

    def _fewest(self, type_id: str, schedules: tuple[ServiceSchedule, ...]) -> tuple[int, ...]:
        """:func:`_fewest_days` of each schedule of an equipment type, once per type."""
        cache = self._memo("fewest-days")
        found: tuple[int, ...] | None = cache.get(type_id)
        if found is None:
            fewest = tuple(_fewest_days(schedule.interval) for schedule in schedules)
            found = cache.setdefault(type_id, fewest)
        return found


class ServicingQuestions(ServicingFacts, DateQuestions):
    """Services due and done on the view's date."""

    def service_status(self, item: EquipmentItem) -> tuple[ServiceDue, ...]:
        """For each service the item's type schedules, the last one passed and the next due."""
        return self._service_states(item, overdue_only=False)

    def overdue_services(self, item: EquipmentItem) -> tuple[ServiceDue, ...]:
        """The services of :meth:`service_status` that are overdue on the date.

        A service last passed (or, never passed, an item made) too recently to be due
        yet is passed over without working out its due date: whatever the age band, a
        period of ``12y + m`` months (``m`` below 12), ``w`` weeks and ``d`` days after a
        date ends at least ``365y + 28m + 7w + d`` days later.
        """
        return self._service_states(item, overdue_only=True)

    def _last_passed(self, item: EquipmentItem) -> dict[str, ServiceEvent]:
        """The last passed service of each kind on or before the date (the first of a tie)."""
        latest: dict[str, ServiceEvent] = {}
        day = self._ordinal
        change = NEVER
        passed = ServiceResult.PASS
        for event in item.services:
            if event.result is not passed:
                continue
            on = event.date.toordinal()
            if on > day:
                change = min(change, on)
                continue
            found = latest.get(event.kind)
            if found is None or event.date > found.date:
                latest[event.kind] = event
        self._note(change)
        return latest

    def _service_states(self, item: EquipmentItem, overdue_only: bool) -> tuple[ServiceDue, ...]:
        kind = self.fleet.equipment_type(item.type)
        if kind is None:
            return ()
        result = []
        latest = self._last_passed(item)
        fewest = self._fewest(kind.id, kind.services) if overdue_only else ()
        for number, schedule in enumerate(kind.services):
            last = latest.get(schedule.kind)
            start = last.date if last is not None else item.manufactured
            if start is None:
                if not overdue_only:
                    result.append(ServiceDue(schedule.kind, last, None))
                continue
            if overdue_only:
                earliest = start.toordinal() + fewest[number]
                if earliest >= self._ordinal:
                    self._note(earliest + 1)  # overdue the day after the due date at the soonest
                    continue
            due, interval = _next_due(schedule.interval, start, item.manufactured)
            if not overdue_only or self.passed(due):
                result.append(ServiceDue(schedule.kind, last, due, interval))
        return tuple(result)

    def latest_services(self, item: EquipmentItem) -> dict[str, ServiceEvent]:
        """The latest service of each kind the item's type schedules, on or before the date.

        Passed or failed; of two on the same day, the later recorded.
        """
        kind = self.fleet.equipment_type(item.type)
        scheduled = {schedule.kind for schedule in kind.services} if kind is not None else set()
        latest: dict[str, ServiceEvent] = {}
        for event in item.services:
            if event.kind in scheduled and self.reached(event.date):
                known = latest.get(event.kind)
                if known is None or event.date >= known.date:
                    latest[event.kind] = event
        return latest
