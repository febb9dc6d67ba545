"""Hours of work on record up to a date, for the hours-of-rest rules (MLC 2006 A2.3).

A check audits the record up to the end of its date in Europe/London: the work that
counts is every work period that starts before midnight after the date, clipped there.
Times are whole seconds since the epoch, as in the engine of
:mod:`maritime_crew.facts._rest`, which the rules run on this record.

The limits that judge a window are those of the rest profile of the terms set the
person was assigned on the window's first day (London), MLC 2006 A2.3 when they are on
no set. The profile can only change where an assignment starts or ends, so the days of
the record fall into runs of days under one profile.
"""

from __future__ import annotations

import bisect
import datetime

import attrs
import pendulum

from ..model import BUILTIN_REST_PROFILES, Person, RestProfile, adult_from, for_young_worker
from ._dates import DateQuestions
from ._terms import TermsFacts
from .rest import Work, span_seconds

__all__ = ["LONDON", "HoursFacts", "HoursOnRecord", "HoursQuestions", "ProfileRun"]

LONDON = "Europe/London"
"""The zone whose days the record is cut at and the profiles are chosen by."""

DEFAULT_PROFILE = "mlc-a2.3"
"""The rest profile of someone on no terms set (or on a set whose profile is unknown)."""

_DAY = 24 * 3600


@attrs.frozen
class ProfileRun:
    """Days on which the windows that start are judged by one rest profile."""

    first: pendulum.Date
    """The first day (London)."""
    last: pendulum.Date | None
    """The last day (London); ``None`` for the last run, which goes on."""
    profile: RestProfile
    starts_from: int
    """The first window start of the run (seconds): midnight at the start of ``first``."""
    starts_until: int | None
    """The last window start of the run (seconds): 24 hours less a second after midnight
    at the start of ``last``; ``None`` for the last run, whose windows start up to the
    end of the record."""


@attrs.frozen
class HoursOnRecord:
    """A person's work on record up to the end of a date, and the profiles that judge it."""

    work: Work
    """The merged work that starts before the end of the date (London), ended there at
    the latest."""
    runs: tuple[ProfileRun, ...]
    """The runs of days under one profile, from the first day of work, that have begun
    by the date (the last may end after it)."""

    def work_under(self, profile: RestProfile) -> Work:
        """The work as ``profile`` counts it: short breaks are work.

        A break shorter than the profile's ``min_rest_period`` is work, since hours of
        rest do not include short breaks (MLC 2006 standard A2.3 paragraph 1(b)).
        """
        shortest = profile.min_rest_period
        return self.work.bridged(
            None if shortest is None else int(shortest.as_timedelta().total_seconds())
        )


@attrs.frozen
class _Whole:
    """All of a person's work on record, whatever the date, and its profile runs."""

    work: Work
    first: pendulum.Date | None
    """The day (London) the first work starts; ``None`` without work."""
    runs: tuple[ProfileRun, ...]


_IDLE = _Whole(Work(), None, ())
"""The record of everyone with no hours on record: one object, not one each."""


class HoursFacts(TermsFacts):
    """Questions about hours of work that do not depend on a date."""

    def rest_profile_on(self, person: Person, day: datetime.date) -> RestProfile:
        """The rest profile of the set the person was assigned on ``day``.

        MLC 2006 A2.3 when no assignment covers the day or its set or profile is unknown;
        whether the set was in force does not matter. Before the person's 18th birthday,
        the profile with the limits for young workers
        (:func:`~maritime_crew.model.for_young_worker`).
        """
        profile = BUILTIN_REST_PROFILES[DEFAULT_PROFILE]
        found = self.assignment_on(person, day)
        if found is not None and found.terms is not None:
            profile = self.fleet.rest_profile(found.terms.rest_profile) or profile
        if person.born is not None and day < adult_from(person.born):
            return for_young_worker(profile)
        return profile

    def _midnight(self, ordinal: int) -> int:
        """The start (seconds) of the London day with this ordinal."""
        cache = self._memo("london-midnight")
        found: int | None = cache.get(ordinal)
        if found is None:
            day = datetime.date.fromordinal(ordinal)
            found = cache.setdefault(
                ordinal,
                int(pendulum.datetime(day.year, day.month, day.day, tz=LONDON).timestamp()),
            )
        return found

    def _london_day(self, seconds: int) -> pendulum.Date:
        """The London day of a moment (seconds)."""
        moment = pendulum.from_timestamp(seconds, tz=LONDON)
        return self._store.day(moment.date().toordinal())

    def _make_whole(self, person: Person) -> _Whole:
        """All the person's work on record, merged, whatever the date, and its runs."""
        periods = self.fleet.work_periods_of(person.id)
        if not periods:  # most people of a large fleet have no hours on record
            return _IDLE
        work = Work.merged(*span_seconds(periods))
        if not work:
            return _IDLE
        first = self._london_day(work.starts[0])
        # the profile changes only where a terms assignment starts or ends
        changes = {first}
        if person.born is not None and adult_from(person.born) > first:
            changes.add(adult_from(person.born))  # the young workers' limits end
        for assignment in person.terms:
            for day in (assignment.start, assignment.end.add(days=1) if assignment.end else None):
                if day is not None and day > first:
                    changes.add(day)
        begun: list[tuple[pendulum.Date, RestProfile]] = []
        for day in sorted(changes):
            profile = self.rest_profile_on(person, day)
            if not begun or begun[-1][1] != profile:
                begun.append((day, profile))
        lasts: list[pendulum.Date | None] = [day.subtract(days=1) for day, _ in begun[1:]]
        lasts.append(None)
        runs = tuple(
            ProfileRun(
                self._store.day(day.toordinal()),
                None if last is None else self._store.day(last.toordinal()),
                profile,
                self._midnight(day.toordinal()),
                # as the hours-of-rest rules always counted a day: 24 hours from midnight
                None if last is None else self._midnight(last.toordinal()) + _DAY - 1,
            )
            for (day, profile), last in zip(begun, lasts, strict=True)
        )
        return _Whole(work, first, runs)

    def first_work_day(self, person: Person) -> pendulum.Date | None:
        """The day (UK time) the person's first work on record starts, whatever the date.

        ``None`` without work on record. Worked out with the record the hours-of-rest
        rules read, once per person.
        """
        return self._whole(person)[1].first

    def _whole(self, person: Person) -> tuple[int | None, _Whole]:
        """The person's position, and all their work on record with its runs (kept)."""
        slot = self._person_slot(person)
        if slot is None:
            return slot, self._make_whole(person)
        # asked of everyone on each date: the cache is read here, not via helpers
        wholes = self._memo("rest-whole")
        found: _Whole | None = wholes.get(slot)
        if found is None:
            found = wholes.setdefault(slot, self._make_whole(person))
        return slot, found


class HoursQuestions(HoursFacts, DateQuestions):
    """Questions about hours of work on the view's date."""

    def hours_on_record(self, person: Person) -> HoursOnRecord | None:
        """The person's work up to the end of the date (London) and its profile runs.

        ``None`` when no work of theirs starts by then. The work changes on each day from
        the day a period of work starts up to the day it ends; the runs where one begins.
        Worked out once per person and date.
        """
        slot, whole = self._whole(person)
        if whole.first is None or not self.reached(whole.first):
            return None
        return self._answer("hours-on-record", slot, lambda: self._on_record(whole))

    def _on_record(self, whole: _Whole) -> HoursOnRecord:
        work = whole.work
        cutoff = self._midnight(self._ordinal + 1)
        count = bisect.bisect_left(work.starts, cutoff)  # at least one: the first day came
        if work.ends[count - 1] > cutoff:
            # work runs on past the end of the date: tomorrow's record holds more of it
            self._note(self._ordinal + 1)
        elif count < len(work.starts):
            self.reached(self._london_day(work.starts[count]))  # not yet: notes the day
        runs = []
        for run in whole.runs:
            if not self.reached(run.first):
                break
            runs.append(run)
        return HoursOnRecord(work.clip(cutoff), tuple(runs))
