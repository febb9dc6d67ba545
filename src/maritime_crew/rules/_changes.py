"""Change points: the dates on which a rule's findings can change.

:func:`~maritime_crew.timeline` runs a rule only on its change points (see
``docs/timeline.md``). A rule declares them with ``change_points=`` on the
:func:`~maritime_crew.rule` decorator; :func:`record_change_points` is a ready-made
declaration for rules whose findings turn on the dates in the records.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ..model import TABLES, Fleet, Period
from ._rule import ChangePoints

__all__ = ["fleet_dates", "holder_change_points", "record_change_points", "record_change_points_in"]

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
            dates.add(_add(birthday, years=years).toordinal())
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


def _add(date: datetime.date, *, years: int = 0, months: int = 0, days: int = 0) -> datetime.date:
    """Calendar arithmetic as :meth:`pendulum.Date.add` does it (clamping to month end)."""
    if years or months:
        month0 = date.year * 12 + date.month - 1 + years * 12 + months
        year, month = divmod(month0, 12)
        month += 1
        if not 1 <= year <= 9999:
            return date
        length = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(1)).day
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
                    moved = _add(date, years=sign * period.years, months=sign * period.months)
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
