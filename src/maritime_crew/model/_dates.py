"""Dates as callers give them: a ``pendulum.Date``, a ``datetime.date`` or ISO text."""

from __future__ import annotations

import calendar
import datetime

import pendulum

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "DateLike",
    "as_date",
    "day_of_ordinal",
    "months_later",
    "on_day",
    "shift",
    "shift_ordinal",
]

DateLike = pendulum.Date | datetime.date | str
"""What every function that asks about a date accepts."""


FIRST_DATE = datetime.date(1800, 1, 1)
"""The earliest date a dataset may hold, or a question ask about (see :data:`LAST_DATE`)."""
LAST_DATE = datetime.date(2999, 12, 31)
"""The latest date a dataset may hold, or a question ask about.

Dates in a dataset, and dates asked about, lie in these years: far beyond any crew
record, and far enough from the ends of the calendar (years 1 to 9999) that a date moved
by any period (at most 100 years) stays in it."""


def as_date(value: DateLike, name: str = "as_of") -> pendulum.Date:
    """A date from a ``pendulum.Date``, a ``datetime.date`` or ISO text ``YYYY-MM-DD``.

    ``name`` is the argument's name in the error raised for anything else: a date and
    time (the time would be silently dropped), text in another layout, another type, a
    date outside the years 1800 to 2999.
    """
    day = _as_date(value, name)
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ValueError(
            f"{name} must be a date from {FIRST_DATE} to {LAST_DATE} (the years a dataset "
            f"may hold), not {day}"
        )
    return day


def on_day(value: DateLike) -> datetime.date:
    """The date a record's ``..._on(date)`` method is asked about.

    ISO text is read as by :func:`as_date`; a date is taken as it is (the common case
    costs one type test).
    """
    return as_date(value, "date") if isinstance(value, str) else value


def _as_date(value: DateLike, name: str) -> pendulum.Date:
    if type(value) is pendulum.Date:
        return value
    if isinstance(value, datetime.datetime):
        raise TypeError(f"{name} must be a date, not a date and time ({value.isoformat()})")
    if isinstance(value, datetime.date):
        return pendulum.Date(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            parsed = datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None
        if len(value) != 10:
            raise ValueError(f"{name} must be a date as YYYY-MM-DD, not {value!r}")
        return pendulum.Date(parsed.year, parsed.month, parsed.day)
    raise TypeError(f"{name} must be a date or YYYY-MM-DD text, not {type(value).__name__}")


def shift(date: pendulum.Date, months: int = 0, days: int = 0) -> pendulum.Date:
    """``date`` moved by calendar months, then by days, as pendulum's ``add`` does it.

    The month keeps its day, or the month's last day if it is shorter. Several times
    quicker than pendulum's own ``add``, which is general.
    """
    if months:
        date = pendulum.Date(*months_later(date, months))
    if days:
        return day_of_ordinal(date.toordinal() + days)
    if type(date) is not pendulum.Date:
        return pendulum.Date(date.year, date.month, date.day)
    return date


def shift_ordinal(date: datetime.date, months: int = 0, days: int = 0) -> int:
    """The ordinal of :func:`shift`'s answer, worked out without making a date object."""
    if months:
        return datetime.date(*months_later(date, months)).toordinal() + days
    return date.toordinal() + days


def day_of_ordinal(ordinal: int) -> pendulum.Date:
    """The day with this proleptic Gregorian ordinal (as ``date.fromordinal``)."""
    day = datetime.date.fromordinal(ordinal)
    return pendulum.Date(day.year, day.month, day.day)


def months_later(date: datetime.date, months: int) -> tuple[int, int, int]:
    """Year, month and day ``months`` calendar months after ``date`` (before, if negative).

    The day is kept, or clamped to the last day of a shorter month.
    """
    year, month = divmod(date.year * 12 + date.month - 1 + months, 12)
    month += 1
    day = date.day
    if day > 28:
        last = _MONTH_DAYS[month] if month != 2 or not calendar.isleap(year) else 29
        day = min(day, last)
    return year, month, day


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""Days in each month of a common year (January is 1)."""
