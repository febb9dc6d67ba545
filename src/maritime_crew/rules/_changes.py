"""Change points: the dates on which a rule's findings can change.

:func:`~maritime_crew.timeline` runs a rule only on its change points (see
``docs/timeline.md``). A rule declares them with ``change_points=`` on the
:func:`~maritime_crew.rule` decorator; :func:`record_change_points` is a ready-made
declaration for rules whose findings turn on the dates in the records.
"""

from __future__ import annotations

import calendar
import datetime
import threading
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from typing import Any

import attrs

from .. import facts
from ..facts._memo import memo
from ..model import TABLES, EquipmentItem, Fleet, Period, Person
from ._rule import ChangePoints

__all__ = [
    "ASPECTS",
    "ChangeDays",
    "fleet_dates",
    "held_days",
    "holder_change_points",
    "record_change_points",
    "record_change_points_in",
    "service_days",
    "state_change_points",
]

_LOCK = threading.Lock()
_Tables = tuple[str, ...] | None
_CACHE: dict[tuple[int, _Tables], tuple[Fleet, frozenset[int], frozenset[Period]]] = {}
_YEARS = 120
"""How many anniversaries of each date of birth count (age bands change on birthdays)."""


def _walk(value: Any, dates: set[int], periods: set[Period], births: set[int]) -> None:
    if isinstance(value, datetime.datetime):
        day = value.date().toordinal()
        dates.update((day, day + 1))
    elif isinstance(value, datetime.date):
        dates.add(value.toordinal())
    elif isinstance(value, Period):
        periods.add(value)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            _walk(item, dates, periods, births)
    elif isinstance(value, Mapping):
        for item in value.values():
            _walk(item, dates, periods, births)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            if field.name == "born" and isinstance(item, datetime.date):
                births.add(item.toordinal())
            _walk(item, dates, periods, births)


def _scan(fleet: Fleet, tables: _Tables = None) -> tuple[frozenset[int], frozenset[Period]]:
    with _LOCK:
        cached = _CACHE.get((id(fleet), tables))
        if cached is not None and cached[0] is fleet:
            return cached[1], cached[2]
    dates: set[int] = set()
    periods: set[Period] = set()
    births: set[int] = set()
    if tables is None:
        _walk(fleet, dates, periods, births)
    else:
        for spec in tables:
            table, _, field = spec.partition(".")
            records = getattr(fleet, table)
            if not field:
                _walk(records, dates, periods, births)
                continue
            values = [getattr(record, field) for record in records]
            _walk(values, dates, periods, births)
            if field == "born":
                births.update(value.toordinal() for value in values if value is not None)
    for born in births:
        birthday = datetime.date.fromordinal(born)
        for years in range(1, _YEARS):
            dates.add(calendar_add(birthday, years=years).toordinal())
    if dates:
        first = datetime.date.fromordinal(min(dates)).year
        last = datetime.date.fromordinal(max(dates)).year
        # business years (1 April to 31 March) start on 1 April
        dates.update(datetime.date(year, 4, 1).toordinal() for year in range(first - 1, last + 2))
    result = frozenset(dates), frozenset(periods)
    with _LOCK:
        if len(_CACHE) > 8:
            _CACHE.clear()
        _CACHE[(id(fleet), tables)] = (fleet, *result)
    return result


def fleet_dates(fleet: Fleet) -> frozenset[datetime.date]:
    """Every date in the fleet's records (a moment counts as its day and the next).

    Also every birthday of a recorded date of birth and every 1 April (start of a
    business year) from a year before the first recorded date to a year after the last.
    """
    return frozenset(datetime.date.fromordinal(day) for day in _scan(fleet)[0])


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""Days in each month of a common year (``calendar.mdays`` is not public)."""


def calendar_add(
    date: datetime.date, *, years: int = 0, months: int = 0, days: int = 0
) -> datetime.date:
    """Calendar arithmetic as :meth:`pendulum.Date.add` does it (clamping to month end)."""
    if years or months:
        month0 = date.year * 12 + date.month - 1 + years * 12 + months
        year, month = divmod(month0, 12)
        month += 1
        if not 1 <= year <= 9999:
            return date
        length = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]
        date = datetime.date(year, month, min(date.day, length))
    if days:
        ordinal = date.toordinal() + days
        if 1 <= ordinal <= datetime.date.max.toordinal():
            return datetime.date.fromordinal(ordinal)
    return date


_PointsKey = tuple[int, _Tables, frozenset[int], frozenset[Period]]
_POINTS: dict[_PointsKey, tuple[Fleet, frozenset[datetime.date]]] = {}


def record_change_points_in(*tables: str) -> ChangePoints:
    """:func:`record_change_points` over only some of the fleet's tables.

    ``tables`` are :class:`~maritime_crew.Fleet` attribute names (``"people"``,
    ``"documents"`` …), or a table and one field of its records (``"people.issues"``,
    ``"people.joined"``). For a rule that reads only those, this is as safe as
    :func:`record_change_points` and gives fewer dates.
    """
    for spec in tables:
        table, _, field = spec.partition(".")
        fields = attrs.fields_dict(Fleet)
        if table not in fields:
            raise ValueError(f"the fleet has no table {table!r}")
        if field:
            record = _record_type(table)
            if record is None or field not in attrs.fields_dict(record):
                raise ValueError(f"the records of {table!r} have no field {field!r}")
    chosen = tuple(sorted(set(tables)))

    def change_points(fleet: Fleet, params: Mapping[str, Any]) -> Iterable[datetime.date]:
        return _points(fleet, params, chosen)

    change_points.__doc__ = f"Change points from the dates in {', '.join(chosen)}."
    return change_points


def _record_type(attribute: str) -> type[Any] | None:
    """The record class of the fleet table held in ``attribute``."""
    for table in TABLES:
        if table.attribute == attribute:
            return table.record
    return None


def record_change_points(fleet: Fleet, params: Mapping[str, Any]) -> Iterable[datetime.date]:
    """A broad, safe declaration of change points for rules driven by record dates.

    Takes every date of :func:`fleet_dates` and each of those dates moved forward and
    back by every period in the records and in the rule's parameters (validities,
    service intervals, shelf lives, review intervals), then moves each result by every
    whole-number parameter of the rule (day counts such as ``within-days``) in both
    directions, and adds the day before and the day after each (a validity may end the
    day before an anniversary; a record stops applying the day after its last day).
    Suits a rule whose findings change only when the as-of date passes one of the dates
    in its records, or such a date moved by a period or a number of days from the data
    or its parameters.
    """
    return _points(fleet, params, None)


def _points(fleet: Fleet, params: Mapping[str, Any], tables: _Tables) -> frozenset[datetime.date]:
    shifts = {0}
    extra: set[Period] = set()
    for value in params.values():
        if isinstance(value, Period):
            extra.add(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            shifts.update((value, -value))
    cache_key = (id(fleet), tables, frozenset(shifts), frozenset(extra))
    with _LOCK:
        cached = _POINTS.get(cache_key)
    if cached is not None and cached[0] is fleet:
        return cached[1]
    result = _record_points(fleet, tables, shifts, extra)
    with _LOCK:
        if len(_POINTS) > 64:
            _POINTS.clear()
        _POINTS[cache_key] = (fleet, result)
    return result


def _record_points(
    fleet: Fleet, tables: _Tables, shifts: set[int], extra: set[Period]
) -> frozenset[datetime.date]:
    dates, periods = _scan(fleet, tables)
    all_periods = set(periods) | extra
    calendar = [p for p in all_periods if p.years or p.months]
    fixed = {p.weeks * 7 + p.days for p in all_periods if not (p.years or p.months)}
    fixed.discard(0)
    bases = set(dates)
    for days in fixed:
        bases.update(day + days for day in dates)
        bases.update(day - days for day in dates)
    if calendar:
        for day in dates:
            date = datetime.date.fromordinal(day)
            for period in calendar:
                days = period.weeks * 7 + period.days
                for sign in (1, -1):
                    moved = calendar_add(
                        date, years=sign * period.years, months=sign * period.months
                    )
                    bases.add(moved.toordinal() + sign * days)
    result: set[int] = set()
    for shift in shifts:
        for base in bases:
            result.update((base + shift - 1, base + shift, base + shift + 1))
    low, high = 1, datetime.date.max.toordinal()
    return frozenset(datetime.date.fromordinal(day) for day in result if low <= day <= high)


def holder_change_points(fleet: Fleet, params: Mapping[str, Any]) -> Iterable[datetime.date]:
    """The dates on which an item changes hands: every issue and return date.

    A finding about an equipment item is placed on the crew and vessel of the item's
    holder on the as-of date, so these are the change points of a rule whose findings
    do not otherwise depend on the date.
    """
    return frozenset(
        date
        for person in fleet.people
        for issue in person.issues
        for date in (issue.issued, issue.returned)
        if date is not None
    )


@attrs.frozen
class ChangeDays:
    """Change points that run on: some dates, and every day from ``every_day_from`` on.

    A declaration may return one of these instead of a collection of dates, for findings
    that change daily from some date without end (a count of days that keeps growing).
    """

    dates: frozenset[datetime.date] = frozenset()
    every_day_from: datetime.date | None = None

    def __iter__(self) -> Iterator[datetime.date]:
        """The dates (not the open-ended run)."""
        return iter(self.dates)


ASPECTS = frozenset(
    {
        "service",
        "leaving",
        "grade",
        "crew",
        "certificates",
        "training",
        "issues",
        "kit",
        "terms",
        "deployments",
        "holders",
        "status",
        "servicing",
        "shelf-life",
        "expiry",
    }
)
"""What :func:`state_change_points` can follow (see its documentation)."""


def state_change_points(*aspects: str) -> ChangePoints:
    """Change points from the days on which the state of some records changes.

    Precise where :func:`record_change_points` is broad: each record contributes only
    the first day of each new state, worked out as the facts do (a certificate is valid
    from its issue date and lapses the day after its expiry, whether recorded or worked
    out from its type's validity). Each such day ``d`` is also moved by every
    whole-number parameter ``n`` of the rule to ``d - n`` and ``d - n - 1``, for rules
    that look ``n`` days ahead (``within-days``). ``aspects`` choose the records:

    - ``service``: people joining and leaving; ``leaving``: the leaving day itself;
      ``grade``: taking up a grade;
      ``crew``: joining a crew;
    - ``certificates``, ``training``: people's certificates and training (start, lapse);
    - ``issues``: kit issued and returned; ``kit``: that, and the items people were
      issued being withdrawn or lost;
    - ``terms``: people's terms assignments and when their sets are in force;
      ``deployments``: deployments (start, end);
    - of the fleet's equipment items: ``holders`` (issued and returned), ``status``
      (withdrawn or lost), ``servicing`` (services done and falling overdue),
      ``shelf-life`` and ``expiry`` (the marked expiry date).

    Best used with a partition (see :mod:`maritime_crew.rules`), where the fleet is one
    person, item or vessel and its records.
    """
    unknown = set(aspects) - ASPECTS
    if unknown:
        raise ValueError(f"unknown aspects {sorted(unknown)}: expected some of {sorted(ASPECTS)}")
    chosen = frozenset(aspects)

    def change_points(fleet: Fleet, params: Mapping[str, Any]) -> Iterable[datetime.date]:
        days = _state_days(fleet, chosen)
        moved = set(days)
        for value in params.values():
            if isinstance(value, int) and not isinstance(value, bool) and value:
                # "ends within n days" turns true n days before the last day, "is valid
                # in n days" n days before the day after it: both are covered
                moved.update(day - value for day in days)
                moved.update(day - value - 1 for day in days)
        top = datetime.date.max.toordinal()
        return [datetime.date.fromordinal(day) for day in moved if 1 <= day <= top]

    change_points.__doc__ = f"Days on which the {', '.join(sorted(chosen))} of records change."
    return change_points


def service_days(person: Person) -> Iterator[datetime.date]:
    """The days a person's being in service changes: joining, and the day after leaving."""
    if person.joined is not None:
        yield person.joined
    if person.left is not None:
        yield person.left + datetime.timedelta(days=1)


def held_days(
    fleet: Fleet, person: Person, kind: str, types: Container[str] | None = None
) -> Iterator[datetime.date]:
    """The days a person's certificates or training (``kind``) start and lapse.

    Each record's issue or completion date and the day after its expiry (recorded, or
    worked out as the facts do); only the types in ``types``, if given.
    """
    for type_id, records in facts.held_by_type(fleet, person, kind).items():
        if types is not None and type_id not in types:
            continue
        for held in records:
            yield held.start
            if held.expires is not None:
                yield held.expires + datetime.timedelta(days=1)


def _state_days(fleet: Fleet, aspects: frozenset[str]) -> frozenset[int]:
    """The days (ordinals) on which the chosen aspects of the fleet's records change.

    Each is the first day of a new state: a start date itself, the day after a last day
    (a leaving date, an expiry, the end of a deployment or assignment).
    """
    cache = memo(fleet, "state-days")
    found: frozenset[int] | None = cache.get(aspects)
    if found is not None:
        return found
    days: set[int] = set()

    def start(day: datetime.date | None) -> None:
        if day is not None:
            days.add(day.toordinal())

    def after(day: datetime.date | None) -> None:
        if day is not None:
            days.add(day.toordinal() + 1)

    for person in fleet.people:
        if "service" in aspects:
            days.update(day.toordinal() for day in service_days(person))
        if "leaving" in aspects:
            start(person.left)
        if "grade" in aspects:
            start(person.grade_since)
        if "crew" in aspects:
            start(person.crew_since)
        for kind in aspects & {"certificates", "training"}:
            days.update(day.toordinal() for day in held_days(fleet, person, kind))
        if "issues" in aspects or "kit" in aspects:
            for issue in person.issues:
                start(issue.issued)
                start(issue.returned)  # held up to the day before it is returned
                item = fleet.equipment_item(issue.item) if "kit" in aspects else None
                if item is not None:
                    start(item.status_date)
        if "terms" in aspects:
            for assignment in person.terms:
                start(assignment.start)
                after(assignment.end)
                terms = fleet.terms_set(assignment.set)
                if terms is not None:  # in force from its effective date until superseded
                    start(terms.effective)
                    start(terms.superseded)
    if "deployments" in aspects:
        for deployment in fleet.deployments:
            start(deployment.start)
            after(deployment.end)
    for aspect in aspects & _ITEM_ASPECTS:
        for item in fleet.equipment_items:
            _item_days(fleet, item, aspect, start, after)
    found = frozenset(days)
    cache[aspects] = found
    return found


_ITEM_ASPECTS = frozenset({"holders", "status", "servicing", "shelf-life", "expiry"})


def _item_days(
    fleet: Fleet,
    item: EquipmentItem,
    aspect: str,
    start: Callable[[datetime.date | None], None],
    after: Callable[[datetime.date | None], None],
) -> None:
    """The days on which one aspect of an item changes."""
    if aspect == "holders":
        for _, issue in fleet.issues_of(item.id):
            start(issue.issued)
            start(issue.returned)
    elif aspect == "status":
        start(item.status_date)
    elif aspect == "expiry":
        after(item.expires)
    elif aspect == "shelf-life":
        after(facts.shelf_life_end(fleet, item))
    elif aspect == "servicing":
        kind = fleet.equipment_type(item.type)
        for schedule in kind.services if kind is not None else ():
            starts = [e.date for e in item.services if e.kind == schedule.kind]
            for day in starts:
                start(day)
            if item.manufactured is not None:
                starts.append(item.manufactured)
            for day in starts:  # due on the day, overdue the day after
                after(facts.next_due(schedule.interval, day, item.manufactured))
