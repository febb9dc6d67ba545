"""Hours of work: the watch each berth keeps while its crew is aboard.

A cutter crew keeps three watches of two four-hour spells a day (00-04 and 12-16, 04-08
and 16-20, 08-12 and 20-24) and day work (08-12 and 13-17) for the commander and the
chief engineer. Every pattern leaves at least 10 hours of rest in any 24 hours, in no
more than two periods, with one of at least 6 hours, so it complies with MLC 2006 A2.3.
"""

from __future__ import annotations

import datetime as dt

from ._dates import Date

__all__ = ["DAY_WORK", "WATCHES", "WATCH_OF", "at", "spans_of"]

WATCHES = {1: ((0, 4), (12, 16)), 2: ((4, 8), (16, 20)), 3: ((8, 12), (20, 24))}
"""The spells of each watch, in hours of the day."""
DAY_WORK = ((8, 12), (13, 17))
"""The spells of day work (watch 0)."""
# Berth -> watch (0 = day work 08:00-12:00 and 13:00-17:00).
WATCH_OF = {0: 0, 1: 1, 2: 2, 3: 0, 4: 3, 5: 3, 6: 2, 7: 1, 8: 3, 9: 1, 10: 2, 11: 3}
"""The watch of each berth of a crew (a coastal patrol vessel's five berths use the first five)."""


def spans_of(berth: int) -> tuple[tuple[float, float], ...]:
    """The spells of work of a berth on a day aboard, in hours of the day."""
    watch = WATCH_OF[berth % len(WATCH_OF)]
    return DAY_WORK if watch == 0 else WATCHES[watch]


def at(day: Date, hour: float, tz: dt.tzinfo | None = None) -> dt.datetime:
    """The moment ``hour`` hours into ``day`` (naive, or in the time zone ``tz``)."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=tz) + dt.timedelta(hours=hour)
