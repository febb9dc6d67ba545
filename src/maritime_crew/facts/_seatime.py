"""Sea time: days aboard, counted from deployments.

Each calendar day aboard counts once, however many deployments cover it: deployments
are merged before counting, and both the first and the last day of a deployment count
(a deployment from 1 to 14 April is 14 days). A deployment without an end runs up to
the date asked about. Crew deployments count for a member only while they are in the
crew and in the command: an earlier crew (``previous_crews``) on the days listed, the
current one from the day they joined it (``crew_since``, or the day after the last
earlier crew ended, and not before they joined the command, ``joined``) up to the day
they left the command (``left``), and never a deployment they are named as not sailing
on (``absent``). A person's own deployments, and the crew deployments they sailed on as
cover, count as recorded. Days away (``absences``) do not count at all: the person was
not aboard. Days after the date asked about do not count yet.
"""

from __future__ import annotations

import bisect
import datetime
from array import array

import pendulum

from ..model import Deployment, Fleet, Person, shift_ordinal
from ..model import day_of_ordinal as _day
from ._core import Core
from ._dates import DateQuestions

__all__ = ["SeaTimeFacts", "SeaTimeQuestions", "Span"]

Span = tuple[pendulum.Date, pendulum.Date]
"""A period aboard: its first and last day."""


class SeaTimeFacts(Core):
    """Sea time up to a given date: the question names its own dates, so none is traced."""

    def sea_periods(
        self, person: Person, *, until: pendulum.Date, since: pendulum.Date | None = None
    ) -> tuple[Span, ...]:
        """Merged, inclusive periods aboard between ``since`` and ``until`` (both included)."""
        slot = self._person_slot(person)
        if slot is None:
            merged = _person_periods(self, person, until)
        else:
            # Kept as ordinals: dates are objects the garbage collector traces.
            cache = self._store.dated_memo(until.toordinal(), "sea-periods")
            kept: tuple[tuple[int, int], ...] | None = cache.get(slot)
            if kept is None:
                spans = _person_periods(self, person, until)
                kept = tuple((start.toordinal(), end.toordinal()) for start, end in spans)
                cache.setdefault(slot, kept)
                merged = spans
            else:
                day = self._store.day
                merged = tuple((day(start), day(end)) for start, end in kept)
        if since is None:
            return merged
        return tuple((max(start, since), end) for start, end in merged if end >= since)

    def sea_days(
        self, person: Person, *, until: pendulum.Date, since: pendulum.Date | None = None
    ) -> int:
        """Days aboard between ``since`` and ``until``, both included, each day counted once."""
        fleet = self.fleet
        if (
            person.crew is not None
            and not fleet.own_deployments_of(person.id)
            and not person.previous_crews
            and not person.absences
            and person.id not in self._named_in_exceptions()
        ):
            # Only the crew's deployments: count from running totals, without listing periods.
            bounds = [day for day in (_crew_start(person), since) if day is not None]
            first = max(bounds) if bounds else None
            return _crew_days(self, person.crew, _crew_end(person, until), first)
        return sum(
            end.toordinal() - start.toordinal() + 1
            for start, end in self.sea_periods(person, until=until, since=since)
        )

    def _named_in_exceptions(self) -> frozenset[str]:
        """Everyone named as not sailing on, or covering, some deployment; made once."""
        cache = self._memo("named-in-exceptions")
        found: frozenset[str] | None = cache.get("all")
        if found is None:
            named = {p for d in self.fleet.deployments for p in (*d.absent, *d.cover)}
            found = cache.setdefault("all", frozenset(named))
        return found


def _person_periods(facts: SeaTimeFacts, person: Person, until: pendulum.Date) -> tuple[Span, ...]:
    """The person's own deployments and their crew's while they were in it, merged.

    The crew's deployments are merged once per crew and then cut at the days the person
    joined and left it and at ``until``: cutting merged periods gives the same days as
    merging cut ones. A person with earlier crews, absences, or named in a deployment's
    exceptions has their periods worked out deployment by deployment.
    """
    fleet = facts.fleet
    if person.previous_crews or person.absences or person.id in facts._named_in_exceptions():
        return tuple(_exact_periods(fleet, person, until))
    joined = _crew_start(person)
    crew: list[Span] = []
    if person.crew is not None:
        starts, ends, _ = _crew_totals(facts, person.crew)
        last = _crew_end(person, until).toordinal()
        first = joined.toordinal() if joined is not None else None
        for start, end in zip(starts, ends, strict=True):
            if start > last:
                break
            if first is not None:
                start = max(start, first)
            end = min(end, last)
            if start <= end:
                crew.append((_day(start), _day(end)))
    own = facts.fleet.own_deployments_of(person.id)
    if not own:
        return tuple(crew)
    return tuple(_merge(crew + _spans(own, joined, until)))


def _exact_periods(fleet: Fleet, person: Person, until: pendulum.Date) -> list[Span]:
    """Days aboard, deployment by deployment: memberships, exceptions, cover and absences."""
    # Crew deployments count only while the person is in the command, whichever crew.
    joined = person.joined
    memberships: list[tuple[str, pendulum.Date | None, pendulum.Date]] = [
        (s.crew, s.start if joined is None else max(s.start, joined), _crew_end(person, s.end))
        for s in person.previous_crews
    ]
    memberships = [(crew, first, min(last, until)) for crew, first, last in memberships]
    if person.crew is not None:
        first = person.crew_since
        if first is None and person.previous_crews:
            first = max(s.end for s in person.previous_crews).add(days=1)
        if person.joined is not None:
            first = person.joined if first is None else max(first, person.joined)
        memberships.append((person.crew, first, _crew_end(person, until)))
    spans: list[Span] = []
    for crew, first, last in memberships:
        for deployment in fleet.deployments_of_crew(crew):
            if person.id in deployment.absent:
                continue
            start = deployment.start if first is None else max(deployment.start, first)
            end = min(deployment.end or until, last)
            if start <= end:
                spans.append((start, end))
    sailed = fleet.own_deployments_of(person.id) + fleet.covered_by(person.id)
    spans += _spans(sailed, None, until)
    return _without(_merge(spans), person, until)


def _without(spans: list[Span], person: Person, until: pendulum.Date) -> list[Span]:
    """The periods less every day the person was away."""
    for absence in person.absences:
        first, last = absence.start, min(absence.end or until, until)
        kept: list[Span] = []
        for start, end in spans:
            if end < first or start > last:
                kept.append((start, end))
                continue
            if start < first:
                kept.append((start, first.subtract(days=1)))
            if end > last:
                kept.append((last.add(days=1), end))
        spans = kept
    return spans


def _crew_start(person: Person) -> pendulum.Date | None:
    """The first day the person's crew's deployments count for them, if bounded."""
    bounds = [day for day in (person.crew_since, person.joined) if day is not None]
    return max(bounds) if bounds else None


def _crew_end(person: Person, until: pendulum.Date) -> pendulum.Date:
    """The last day up to ``until`` the person's crew's deployments count for them."""
    return until if person.left is None else min(until, person.left)


def _spans(
    deployments: tuple[Deployment, ...], joined: pendulum.Date | None, until: pendulum.Date
) -> list[Span]:
    """Each deployment's days up to ``until``; a crew's from the day the person joined it."""
    spans: list[Span] = []
    for deployment in deployments:
        start = deployment.start
        end = deployment.end if deployment.end is not None else until
        if deployment.crew is not None and joined is not None:
            start = max(start, joined)
        end = min(end, until)
        if start <= end:
            spans.append((start, end))
    return spans


def _merge(spans: list[Span]) -> list[Span]:
    """Sorted periods with overlapping and adjacent ones joined (each day counted once)."""
    spans.sort()
    merged: list[Span] = []
    for start, end in spans:
        if merged and start.toordinal() <= merged[-1][1].toordinal() + 1:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


_OPEN = datetime.date.max.toordinal()
"""The end of a deployment without one: it runs on, up to whatever date is asked about."""


_Totals = tuple["array[int]", "array[int]", "array[int]"]
"""A crew's merged periods: first days, last days, and the days before each (ordinals)."""


def _crew_totals(facts: SeaTimeFacts, crew: str) -> _Totals:
    """A crew's merged deployments as day ordinals, with the days before each period.

    Worked out once per crew, whatever the date asked about: an open deployment runs to
    :data:`_OPEN` here, and a question about a date cuts the periods there. Kept as
    arrays of machine integers (8 bytes a day number, where a tuple of ints costs 40).
    """
    cache = facts._memo("crew-sea-time")
    totals: _Totals | None = cache.get(crew)
    if totals is None:
        spans = sorted(
            (d.start.toordinal(), d.end.toordinal() if d.end is not None else _OPEN)
            for d in facts.fleet.deployments_of_crew(crew)
            if d.end is None or d.start <= d.end
        )
        starts: list[int] = []
        ends: list[int] = []
        for start, end in spans:
            if ends and start <= ends[-1] + 1:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        before = [0]
        for first, last in zip(starts, ends, strict=True):
            before.append(before[-1] + last - first + 1)
        totals = cache[crew] = (array("q", starts), array("q", ends), array("q", before))
    return totals


def _crew_days(
    facts: SeaTimeFacts, crew: str, until: pendulum.Date, since: pendulum.Date | None
) -> int:
    """Days aboard with the crew from ``since`` (or ever) up to ``until``, both included."""
    totals = _crew_totals(facts, crew)
    days = _days_to(totals, until.toordinal())
    if since is None:
        return days
    return max(0, days - _days_to(totals, since.toordinal() - 1))  # none when ``since`` is later


def _days_to(totals: _Totals, last: int) -> int:
    """Days of the periods up to and including the day ordinal ``last``."""
    starts, ends, before = totals
    count = bisect.bisect_right(starts, last)  # the periods that start by ``last``
    if count == 0:
        return 0
    return before[count - 1] + min(ends[count - 1], last) - starts[count - 1] + 1


class SeaTimeQuestions(SeaTimeFacts, DateQuestions):
    """Sea service in windows that end on the view's date."""

    def sea_service_met(
        self,
        person: Person,
        *,
        long_days: int,
        long_years: int,
        short_days: int,
        short_months: int,
        until: pendulum.Date,
    ) -> bool:
        """Whether the person served enough sea time in a window ending on the date.

        Enough is ``long_days`` in the last ``long_years`` years, or ``short_days`` in
        the last ``short_months`` months. Each window ends on the date and starts the day
        after the same date ``long_years`` years (``short_months`` months) before. The
        answer moves with the
        date as days aboard enter and leave the windows: it notes the first day, up to
        ``until`` (after which the caller no longer asks), on which it turns.
        """
        day = self._ordinal
        on = self.date
        long_served = self.sea_days(
            person, until=on, since=self._store.day(_window_start(day, -12 * long_years))
        )
        short_served = self.sea_days(
            person, until=on, since=self._store.day(_window_start(day, -short_months))
        )
        now = long_served >= long_days or short_served >= short_days
        if not self.traced:
            # Looking ahead only serves a trace. Never called inside a cached answer, which
            # must know when it changes whoever asked first.
            return now
        day = self._ordinal
        last = max(day, until.toordinal())
        origin = _window_start(day, -12 * long_years) - 1
        # aboard[k]: days aboard from origin + 1 to origin + k (prefix sums)
        aboard = [0] * (last - origin + 1)
        for start, end in self.sea_periods(person, until=self._store.day(last)):
            for ordinal in range(
                max(start.toordinal(), origin + 1), min(end.toordinal(), last) + 1
            ):
                aboard[ordinal - origin] = 1
        for k in range(1, len(aboard)):
            aboard[k] += aboard[k - 1]

        def meets(on: int) -> bool:
            long_first = max(_window_start(on, -12 * long_years), origin + 1)
            short_first = max(_window_start(on, -short_months), origin + 1)
            long_served = aboard[on - origin] - aboard[long_first - 1 - origin]
            short_served = aboard[on - origin] - aboard[short_first - 1 - origin]
            return long_served >= long_days or short_served >= short_days

        for later in range(day + 1, last + 1):
            if meets(later) != now:
                self._note(later)
                break
        else:
            self._note(last + 1)
        return now


def _window_start(day: int, months: int) -> int:
    """The first day (ordinal) of a window of ``-months`` months that ends on ``day``."""
    date = datetime.date.fromordinal(day)
    return shift_ordinal(date, months) + 1
