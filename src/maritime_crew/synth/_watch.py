"""Watch-keeping hours: a pattern of work for every person, every day of a period.

``--hours watch`` gives each person one pattern for the whole period, drawn from the
seed, and records its work on every day of the period that the person is in service
(the join and leave days count):

- **4-on/8-off**: two four-hour watches a day, 00-04 and 12-16, 04-08 and 16-20, or
  08-12 and 20-24;
- **6-on/6-off**: two six-hour watches a day, 00-06 and 12-18, or 06-12 and 18-24;
- **day work**: 08-12 and 13-17, a lunch break of an hour between;
- **split shift**: 06-10 and 16-20, or 07-12 and 17-21.

A crew keeps 4-on/8-off (a cutter's, four crews in five) or 6-on/6-off (a coastal
patrol vessel's, four in five), its members taking the watches in turn; its commander,
its chief engineer and anyone under 18 on any day of the period do day work, and about
one member in ten works a split shift. People ashore do day work from Monday to Friday.
Now and then a spell starts 5 to 20 minutes early or late (never before midnight, and
for 6-on/6-off only late, so that rest grows). Every pattern leaves at least
10 hours of rest in any 24 hours, in no more than two periods, one of at least 6 hours,
and at least 77 hours in any 7 days, so it complies with MLC 2006 A2.3. About one
person in a hundred has one long day, 04:00 to 20:30 in one go, which breaches it
(REST001 and REST005).

Times are UTC, written with the offset ``+00:00``. Rows are made as text, a crew (or
the people ashore of a squadron) at a time, so memory grows with the days of a crew and
not with the size of the fleet.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from ._catalogue import Record
from ._dates import REFERENCE, Date, add_months

__all__ = [
    "BREACH_RATE",
    "DAY_WORK",
    "DEFAULT_DAYS",
    "FOUR_ON_EIGHT_OFF",
    "LONG_DAY",
    "PATTERNS",
    "SIX_ON_SIX_OFF",
    "SPLIT_SHIFTS",
    "Period",
    "WatchHours",
]

Spells = tuple[tuple[int, int], ...]
"""The spells of work of one day, as minutes from midnight (UTC)."""


def _hours(*spells: tuple[int, int]) -> Spells:
    return tuple((start * 60, end * 60) for start, end in spells)


FOUR_ON_EIGHT_OFF = (_hours((0, 4), (12, 16)), _hours((4, 8), (16, 20)), _hours((8, 12), (20, 24)))
"""The three watches of 4-on/8-off."""
SIX_ON_SIX_OFF = (_hours((0, 6), (12, 18)), _hours((6, 12), (18, 24)))
"""The two watches of 6-on/6-off."""
DAY_WORK = (_hours((8, 12), (13, 17)),)
"""Day work, with an hour's lunch break."""
SPLIT_SHIFTS = (_hours((6, 10), (16, 20)), _hours((7, 12), (17, 21)))
"""Split shifts: a morning and an evening spell."""
PATTERNS: dict[str, tuple[Spells, ...]] = {
    "4-on/8-off": FOUR_ON_EIGHT_OFF,
    "6-on/6-off": SIX_ON_SIX_OFF,
    "day work": DAY_WORK,
    "split shift": SPLIT_SHIFTS,
}
"""Each pattern's name and its variants."""
LONG_DAY: Spells = ((4 * 60, 20 * 60 + 30),)
"""The planted breach: 16 hours 30 minutes of work in one go."""
DEFAULT_DAYS = 30
"""Days of work when none are given: the 30 days up to the reference date."""

BREACH_RATE = 0.01
"""Chance that a person has one long day."""
_USUAL_WATCHES = 0.8
"""Chance that a crew keeps its vessel type's usual watches."""
_SPLIT_RATE = 0.1
"""Chance that a watchkeeper works a split shift instead."""
_HANDOVER_RATE = 0.03
"""Chance that a spell starts a few minutes early or late."""
_EARLIER = (-20, -15, -10, -5)
_LATER = (5, 10, 15, 20)
_DAY_ROLES = {"commander", "chief-engineer"}
_MINUTES = 24 * 60
_TIMES = [f"T{m // 60:02d}:{m % 60:02d}:00+00:00" for m in range(_MINUTES)]


class Period(NamedTuple):
    """One work period, in minutes from midnight (UTC) of the first day of the record.

    Sorted as tuples, periods are in order of start, then person.
    """

    start: int
    person: str
    end: int
    vessel: str


@dataclass(frozen=True)
class _Plan:
    """One person's work: the spells of a day, on which days, and any long day."""

    person: Record
    spells: Spells
    slack: bool
    """Whether a spell may start early (not in 6-on/6-off, whose rest is tight)."""
    weekdays_only: bool
    long_day: int | None = None


class WatchHours:
    """Watch-keeping hours for the squadrons of one fleet, from one random number generator.

    ``days`` days end on the reference date, 31 March 2021, so that a check as of that
    date reads all of them.
    """

    def __init__(self, seed: int, days: int = DEFAULT_DAYS) -> None:
        if days < 1:
            raise ValueError(f"expected at least 1 day of hours, found {days}")
        # A generator of its own, so that the rest of the fleet is the same with any hours.
        self.rng = random.Random(f"watch hours {seed}")
        self.days = days
        self.first = REFERENCE - dt.timedelta(days=days - 1)
        self._dates = [(self.first + dt.timedelta(days=n)).isoformat() for n in range(days + 1)]
        self._weekdays = [(self.first + dt.timedelta(days=n)).weekday() < 5 for n in range(days)]
        months = _months(self.first, REFERENCE)
        self._month_starts = [start for start, _ in months]
        self._month_names = [name for _, name in months]

    def squadron(
        self,
        people: dict[str, list[Record]],
        vessel_of: dict[str, str],
        cutter_crews: set[str],
        shore: str,
    ) -> Iterator[tuple[str, list[Period]]]:
        """The work periods of a squadron's people, by file name, sorted by start and person.

        ``people`` holds person records by group (a crew's id, or ``shore``),
        ``vessel_of`` each crew's vessel, ``cutter_crews`` the crews of cutters, and
        ``shore`` names the files of the people ashore (``shore-3`` for the third
        squadron). A file holds one group's work of one calendar month.
        """
        for group, members in people.items():
            crew = None if group == "shore" else group
            plans = self._plans(members, crew, crew in cutter_crews)
            periods: list[Period] = []
            for plan in plans:
                periods += self._periods(plan, vessel_of.get(crew or "", ""))
            periods.sort()
            months: dict[str, list[Period]] = {}
            for period in periods:
                month = self._month_names[bisect_right(self._month_starts, period.start) - 1]
                months.setdefault(month, []).append(period)
            for month, chunk in months.items():
                yield f"{crew or shore}-{month}", chunk

    def csv(self, periods: list[Period]) -> str:
        """Work periods as CSV: a header ``person,start,end,vessel`` and one row each."""
        dates, times = self._dates, _TIMES
        rows = ["person,start,end,vessel"]
        for p in periods:
            start_day, start = divmod(p.start, _MINUTES)
            end_day, end = divmod(p.end, _MINUTES)
            rows.append(
                f"{p.person},{dates[start_day]}{times[start]},{dates[end_day]}{times[end]},"
                f"{p.vessel}"
            )
        return "\n".join(rows) + "\n"

    def records(self, periods: list[Period]) -> list[Record]:
        """Work periods as records of the dataset format (time-zone-aware date-times)."""
        midnight = dt.datetime(
            self.first.year, self.first.month, self.first.day, tzinfo=dt.timezone.utc
        )
        minute = dt.timedelta(minutes=1)
        return [
            {
                "person": p.person,
                "start": midnight + p.start * minute,
                "end": midnight + p.end * minute,
                "vessel": p.vessel or None,
            }
            for p in periods
        ]

    def _plans(self, members: list[Record], crew: str | None, cutter: bool) -> list[_Plan]:
        """Each member's pattern: the crew's watches in turn, day work or a split shift."""
        rng = self.rng
        if crew is None:
            watches: tuple[Spells, ...] = ()
        elif rng.random() < _USUAL_WATCHES:
            watches = FOUR_ON_EIGHT_OFF if cutter else SIX_ON_SIX_OFF
        else:
            watches = SIX_ON_SIX_OFF if cutter else FOUR_ON_EIGHT_OFF
        turn = 0
        plans = []
        for person in members:
            spells, slack, weekdays_only = DAY_WORK[0], True, crew is None
            if crew is None or self._day_worker(person):
                pass
            elif rng.random() < _SPLIT_RATE:
                spells = rng.choice(SPLIT_SHIFTS)
            else:
                spells, slack = watches[turn % len(watches)], watches is FOUR_ON_EIGHT_OFF
                turn += 1
            plan = _Plan(person, spells, slack, weekdays_only)
            if rng.random() < BREACH_RATE:
                worked = self._days_worked(plan)
                if worked:
                    plan = _Plan(person, spells, slack, weekdays_only, rng.choice(worked))
            plans.append(plan)
        return plans

    def _day_worker(self, person: Record) -> bool:
        """A commander, a chief engineer, or under 18 on some day of the period."""
        if _DAY_ROLES.intersection(person.get("duty_roles") or ()):
            return True
        born: Date | None = person.get("born")
        return born is not None and add_months(born, 18 * 12) > self.first

    def _days_worked(self, plan: _Plan) -> list[int]:
        """The days of the period (counted from 0) on which the person works."""
        person = plan.person
        joined: Date | None = person.get("joined")
        left: Date | None = person.get("left")
        first = 0 if joined is None else max(0, (joined - self.first).days)
        last = self.days - 1 if left is None else min(self.days - 1, (left - self.first).days)
        weekdays = self._weekdays
        return [day for day in range(first, last + 1) if not plan.weekdays_only or weekdays[day]]

    def _periods(self, plan: _Plan, vessel: str) -> list[Period]:
        """The person's work periods over the period, each spell now and then moved."""
        draw = self.rng.random
        choice = self.rng.choice
        person = str(plan.person["id"])
        # Only the start moves: the REST rules count a rest period in the 24 hours in which
        # it starts, so a spell that ended at another time than the day before would put
        # three rest periods in some 24 hours (REST003). With no slack, only later.
        moves = _EARLIER + _LATER if plan.slack else _LATER
        out = []
        for day in self._days_worked(plan):
            midnight = day * _MINUTES
            for start, end in LONG_DAY if day == plan.long_day else plan.spells:
                if draw() < _HANDOVER_RATE:
                    start = max(0, start + choice(moves))  # never before midnight
                out.append(Period(midnight + start, person, midnight + end, vessel))
        return out


def _months(first: Date, last: Date) -> list[tuple[int, str]]:
    """Each calendar month from ``first`` to ``last``: its first minute, and its name.

    The first minute counts from midnight of ``first``; the name is as in ``2021-03``.
    """
    out = []
    month = Date(first.year, first.month, 1)
    while month <= last:
        out.append((max(0, (month - first).days) * _MINUTES, f"{month:%Y-%m}"))
        month = add_months(month, 1)
    return out
