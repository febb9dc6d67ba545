"""Tours: runs of consecutive days aboard, whatever deployments make them up.

A person is aboard on a day when a deployment puts them there, as
:meth:`~maritime_crew.facts.View.aboard` reads it: their own deployments and the crew
deployments they sailed on as cover, as recorded; their crew's while they are a member,
in the command, not away and not named among those who did not sail. A *tour* is a run
of consecutive days aboard. Deployments that overlap, or follow each other with no day
between (one ends on D, the next starts on D + 1), make one tour; a day ashore ends it,
as a day not at sea breaks "consecutive days at sea" (see ``docs/terms.md``).

Asked on a date, a tour is made of what has started by then: each deployment whose first
day has come counts to its recorded last day, planned or past, and one without an end up
to the date. A tour is answered once its first day has come. Days of a started
deployment are read from the records as they stand (absences and crew moves recorded for
later days count), so the answer changes only on the days a deployment starts, and,
while one without an end runs, on the days its tour grows into another or is cut.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import pairwise

import attrs
import pendulum

from ..model import Deployment, Person
from ._availability import AvailabilityQuestions
from ._seatime import _OPEN, SeaTimeFacts, _crew_totals
from ._terms import TermsFacts
from ._trace import NEVER

__all__ = ["Tour", "TourFacts", "TourQuestions"]


@attrs.frozen
class Tour:
    """A run of consecutive days aboard, and the deployments that make it up."""

    first: pendulum.Date
    """The first day aboard."""
    last: pendulum.Date | None
    """The last day aboard, planned or past; ``None`` while a deployment without an end
    keeps the person aboard up to the date asked about (so that the answer is the same on
    each of those days: the tour then lasts from :attr:`first` to that date)."""
    deployments: tuple[Deployment, ...]
    """The deployments that put the person aboard on its days (their own, as cover, and
    their crew's), in order of the first day each did, and on a tie in the order
    :meth:`~maritime_crew.facts.View.aboard` lists them."""


_Outline = tuple[int, int, bool]
"""What the records allow a person's tours to be on any date: the longest run of days
that any of their deployments could put them aboard (:data:`NEVER` if one has no end),
the fewest days between two such runs (:data:`NEVER` for fewer than two), and whether
their tours are exactly their crew's deployments cut to one span of days (``plain``)."""

_NONE: _Outline = (0, NEVER, True)

_Leg = tuple[int, int, Deployment, bool, int]
"""Days aboard through one deployment: first and last (ordinals), the deployment,
whether it has no end and keeps the person aboard on the date asked about, and where
``View.aboard`` lists it among deployments starting to count on the same day (their
own and as cover in data order, then their crew's)."""


class TourFacts(SeaTimeFacts, TermsFacts):
    """Which people can ever be on a tour that some working pattern judges."""

    def may_tour_long(self, person: Person) -> bool:
        """Whether some tour of the person could last longer than any set's limit.

        From the records alone, on no particular date: a run of days that their
        deployments (own, as cover, and every crew's they were ever in) cover back to
        back, longer than the shortest limit of any set, or without an end. Tours are
        never longer than those runs: the days a person is aboard are some of their days.
        """
        shortest = self.shortest_sea_limit()
        if shortest is None:
            return False
        return self._outline(person)[0] > shortest

    def may_owe_rest(self, person: Person) -> bool:
        """Whether the person could go back to sea fewer days after a tour than a set owes.

        Days aboard only through one crew's deployments, cut to the span of their
        membership and service, have the gaps of the crew's own runs of deployments, or
        longer ones: such a person can be short of rest only if the crew's runs are
        closer than the most days any set owes. Anyone else with a deployment may have a
        tour cut short by an absence, a move or a deployment they did not sail on, and is
        looked at.
        """
        most = self.longest_rest_after_tour()
        if most is None:
            return False
        longest, gap, plain = self._outline(person)
        return longest > 0 and (gap < most or not plain)

    def _outline(self, person: Person) -> _Outline:
        fleet = self.fleet
        own = fleet.own_deployments_of(person.id)
        covered = fleet.covered_by(person.id)
        if not (
            own
            or covered
            or person.previous_crews
            or person.absences
            or person.id in self._named_in_exceptions()
        ):
            return _NONE if person.crew is None else self._crew_outline(person.crew)
        spans = [
            (d.start.toordinal(), d.end.toordinal() if d.end is not None else _OPEN)
            for d in own + covered
            if d.end is None or d.start <= d.end
        ]
        crews = {spell.crew for spell in person.previous_crews}
        if person.crew is not None:
            crews.add(person.crew)
        for crew in sorted(crews):
            starts, ends, _ = _crew_totals(self, crew)
            spans += zip(starts, ends, strict=True)
        return (*_runs(spans)[:2], False)

    def _crew_outline(self, crew: str) -> _Outline:
        """The outline of the crew's own deployments; once per crew."""
        cache = self._memo("crew-tours")
        found: _Outline | None = cache.get(crew)
        if found is None:
            starts, ends, _ = _crew_totals(self, crew)
            longest, gap = _runs(zip(starts, ends, strict=True))
            found = cache.setdefault(crew, (longest, gap, True))
        return found


def _runs(spans: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """The longest run of back-to-back spans, and the fewest days between two runs.

    Spans are first and last days (ordinals, :data:`_OPEN` for no end); a run with no
    end is :data:`NEVER` long.
    """
    longest, gap = 0, NEVER
    first = last = None
    for start, end in sorted(spans):
        if last is not None and start <= last + 1:
            last = max(last, end)
            continue
        if first is not None and last is not None:
            longest = max(longest, NEVER if last >= _OPEN else last - first + 1)
            gap = min(gap, start - last - 1)
        first, last = start, end
    if first is not None and last is not None:
        longest = max(longest, NEVER if last >= _OPEN else last - first + 1)
    return longest, gap


class TourQuestions(TourFacts, AvailabilityQuestions):
    """A person's tours as they stand on the view's date."""

    def tours(self, person: Person) -> tuple[Tour, ...]:
        """The person's tours that have started by the date, in order.

        Worked out once per person for the days the answer holds. It changes on the
        first day of a deployment of theirs to come, or of a tour to come; and while a
        deployment without an end keeps them aboard, on the days that tour meets the
        days of another deployment or stops at a day ashore.
        """
        return self._answer("tours", self._person_slot(person), lambda: self._tours(person))

    def _tours(self, person: Person) -> tuple[Tour, ...]:
        day = self._ordinal
        changes: list[int] = []
        legs = self._legs(person, day, changes)
        legs.sort(key=lambda leg: (leg[0], leg[4]))
        found: list[Tour] = []
        at = 0
        while at < len(legs):
            first, last, *_ = legs[at]
            end = at
            while end + 1 < len(legs) and legs[end + 1][0] <= last + 1:
                end += 1
                last = max(last, legs[end][1])
            joined = legs[at : end + 1]
            at = end + 1
            if first > day:
                changes.append(first)  # a tour to come
                continue
            # the date stands in for the last day of a deployment that runs on
            runs_on = last == day and any(leg[3] for leg in joined)
            deployments = tuple({id(leg[2]): leg[2] for leg in joined}.values())
            day_of = self._store.day
            found.append(Tour(day_of(first), None if runs_on else day_of(last), deployments))
        for change in changes:
            self._note(change)
        return tuple(found)

    def _legs(self, person: Person, day: int, changes: list[int]) -> list[_Leg]:
        """Days aboard through each deployment started by ``day`` (an ordinal).

        Notes in ``changes`` the first days of the deployments to come, and, where a
        deployment without an end keeps the person aboard, the days on which their
        membership or availability changes and on which days aboard start or stop.
        """
        fleet = self.fleet
        legs: list[_Leg] = []
        sailed = fleet.own_deployments_of(person.id) + fleet.covered_by(person.id)
        for rank, deployment in enumerate(sailed):
            start = deployment.start.toordinal()
            if start > day:
                changes.append(start)
                continue
            open_ended = deployment.end is None
            until = day if deployment.end is None else deployment.end.toordinal()
            if start <= until:
                legs.append((start, until, deployment, open_ended, rank))
        segments = _crew_days(person)
        for member_from, member_to, crew in segments:
            starts, ends, listed = self._crew_spans(crew)
            deployments = fleet.deployments_of_crew(crew)
            for at in range(bisect.bisect_right(starts, member_to)):
                start = starts[at]
                if start > day:
                    changes.append(start)  # and every later one starts later still
                    break
                end = ends[at]
                if end < member_from:
                    continue
                deployment = deployments[listed[at]]
                if person.id in deployment.absent:
                    continue
                running = end >= NEVER
                leg_first = max(start, member_from)
                leg_last = min(day if running else end, member_to)
                if leg_first <= leg_last:
                    rank = len(sailed) + listed[at]
                    runs_on = running and leg_last == day
                    legs.append((leg_first, leg_last, deployment, runs_on, rank))
                elif running and leg_first > day:
                    changes.append(leg_first)  # it keeps them aboard once they join the crew
        if any(leg[3] for leg in legs):
            # A tour grows with the date: it may meet, or stop at, any of these days.
            for member_from, member_to, _ in segments:
                changes += (member_from, member_to + 1)
            for first, last, *_ in legs:
                changes += (first - 1, last + 1)
        return legs


def _crew_days(person: Person) -> list[tuple[int, int, str]]:
    """The spans of days (ordinals) on which the person's crew deployments count for them.

    A crew's deployment counts on a day the person is its member (as
    :meth:`~maritime_crew.facts.View.crew_of` reads it), in the command and not away:
    each of those can change only on a day some record of the person names, so the
    answer is worked out once for each stretch between two such days.
    """
    if person.crew is None and not person.previous_crews:
        return []
    turns = set()
    for spell in person.previous_crews:
        turns |= {spell.start.toordinal(), spell.end.toordinal() + 1}
    if person.crew_since is not None:
        turns.add(person.crew_since.toordinal())
    elif person.previous_crews:
        turns.add(max(spell.end for spell in person.previous_crews).toordinal() + 1)
    if person.joined is not None:
        turns.add(person.joined.toordinal())
    if person.left is not None:
        turns.add(person.left.toordinal() + 1)
    for absence in person.absences:
        turns.add(absence.start.toordinal())
        if absence.end is not None:
            turns.add(absence.end.toordinal() + 1)
    bounds = [1, *sorted(turn for turn in turns if 1 < turn < NEVER), NEVER]
    found: list[tuple[int, int, str]] = []
    for first, after in pairwise(bounds):
        crew = _crew_on(person, first) if _serving(person, first) else None
        if crew is None:
            continue
        if found and found[-1][2] == crew and found[-1][1] == first - 1:
            found[-1] = (found[-1][0], after - 1, crew)
        else:
            found.append((first, after - 1, crew))
    return found


def _crew_on(person: Person, day: int) -> str | None:
    """The person's crew on ``day`` (an ordinal), as ``View.crew_of`` reads it."""
    for spell in person.previous_crews:
        if spell.start.toordinal() <= day <= spell.end.toordinal():
            return spell.crew
    if person.crew is None:
        return None
    if person.crew_since is None:
        if person.previous_crews:
            last = max(spell.end for spell in person.previous_crews).toordinal()
            return person.crew if day > last else None
        return person.crew
    return person.crew if day >= person.crew_since.toordinal() else None


def _serving(person: Person, day: int) -> bool:
    """In the command and not away on ``day`` (an ordinal)."""
    if person.joined is not None and day < person.joined.toordinal():
        return False
    if person.left is not None and day > person.left.toordinal():
        return False
    return not any(
        absence.start.toordinal() <= day and (absence.end is None or day <= absence.end.toordinal())
        for absence in person.absences
    )
