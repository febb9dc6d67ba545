"""Which terms and conditions set is in force, and which one applied to a person.

A set is in force from its effective date until (not including) the day it was
superseded; this follows the dates, not the recorded ``status``. A person is on a set
through an assignment (``[[person.terms]]``) covering the date; where assignments
overlap, the last listed wins.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import attrs

from ..model import Person, TermsAndConditions, TermsAssignment
from ._core import Core
from ._dates import DateQuestions

__all__ = ["Assigned", "TermsFacts", "TermsQuestions"]


@attrs.frozen
class Assigned:
    """A person's terms assignment covering a day, where it is listed, and its set."""

    assignment: TermsAssignment
    position: int
    """Index of the assignment in the person's ``terms`` (to point a finding at it)."""
    terms: TermsAndConditions | None
    """The set the assignment names; ``None`` when no set has that id (DATA002's)."""


class TermsFacts(Core):
    """Questions about terms that name their own day, so none is traced."""

    def assignment_on(self, person: Person, day: datetime.date) -> Assigned | None:
        """The person's assignment covering ``day`` (the last listed wins), and its set.

        For a day that does not move with the date checked, such as a person's first
        day aboard a deployment.
        """
        found: int | None = None
        for position, assignment in enumerate(person.terms):
            if assignment.start <= day and (assignment.end is None or day <= assignment.end):
                found = position
        return None if found is None else self._assigned(person, found)

    def shortest_sea_limit(self) -> int | None:
        """The fewest consecutive days at sea any set's working pattern allows.

        ``None`` when no set limits them. Worked out once per fleet.
        """
        return self._pattern_figure("max_consecutive_days_at_sea", min)

    def longest_rest_after_tour(self) -> int | None:
        """The most days ashore any set's working pattern owes after a tour.

        ``None`` when no set owes any. Worked out once per fleet.
        """
        return self._pattern_figure("rest_days_after_tour", max)

    def _pattern_figure(self, field: str, pick: Callable[[list[int]], int]) -> int | None:
        """``pick`` of a working-pattern field over every set that sets it; once per fleet."""
        cache = self._memo("terms")
        found = cache.get(field, cache)  # the cache itself: not there yet
        if found is cache:
            figures = [
                figure
                for terms in self.fleet.terms
                if (pattern := terms.working_pattern) is not None
                and (figure := getattr(pattern, field)) is not None
            ]
            found = cache.setdefault(field, pick(figures) if figures else None)
        return found  # type: ignore[no-any-return]

    def _assigned(self, person: Person, position: int) -> Assigned:
        assignment = person.terms[position]
        return Assigned(assignment, position, self.fleet.terms_set(assignment.set))


class TermsQuestions(TermsFacts, DateQuestions):
    """Questions about terms and conditions on the view's date."""

    def terms_in_force(self, terms: TermsAndConditions) -> bool:
        """True from the set's effective date until (not including) the day it was superseded.

        A set with no effective date is never in force.
        """
        return self.reached(terms.effective) and not self.reached(terms.superseded)

    def assignment(self, person: Person) -> Assigned | None:
        """The person's assignment covering the date (the last listed wins), and its set.

        Every assignment is asked about, as a later one may cover the date from its start.
        """
        found: int | None = None
        day = self._ordinal
        for position, assignment in enumerate(person.terms):  # self.covers, inlined
            start = assignment.start.toordinal()
            if start > day:
                self._note(start)
                continue
            if assignment.end is not None:
                last = assignment.end.toordinal()
                if last < day:
                    continue
                self._note(last + 1)
            found = position
        return None if found is None else self._assigned(person, found)
