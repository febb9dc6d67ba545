"""Dates of the synthetic world and the calendar arithmetic the generators share.

The example fleet (``tools/build_example_fleet.py``) and the synthetic fleets are set in
the same years: rotations recorded from April 2014, planned to June 2021, and a
reference date of 31 March 2021, the last day of the 2020/21 business year.
"""

from __future__ import annotations

import datetime as dt

from ..model import months_later

__all__ = [
    "HISTORY_START",
    "REFERENCE",
    "SCHEDULE_END",
    "Date",
    "add_months",
    "days",
    "issued_for_expiry",
    "last_valid_day",
]

Date = dt.date

REFERENCE = Date(2021, 3, 31)
"""The date the data is compliant on, apart from what is planted."""
HISTORY_START = Date(2014, 4, 7)
"""The first rotation recorded (a Monday)."""
SCHEDULE_END = Date(2021, 6, 30)
"""Rotations are planned up to here."""


def days(n: int) -> dt.timedelta:
    """``n`` days, as a time delta."""
    return dt.timedelta(days=n)


def add_months(start: Date, months: int) -> Date:
    """Calendar months later, clamped to the month's last day (as the library does)."""
    return Date(*months_later(start, months))


def last_valid_day(issued: Date, years: int = 0, months: int = 0) -> Date:
    """The last day of a period of ``years`` and ``months`` that starts on ``issued``."""
    return add_months(issued, years * 12 + months) - dt.timedelta(days=1)


def issued_for_expiry(expires: Date, years: int) -> Date:
    """The issue date that makes ``expires`` the last valid day of a ``years`` certificate."""
    return add_months(expires + dt.timedelta(days=1), -12 * years)
