"""A person on a date: in the command or not, and in their current grade yet."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Person
from ._dates import DateQuestions
from ._trace import NEVER

__all__ = ["PeopleQuestions"]


class PeopleQuestions(DateQuestions):
    """Questions about people on the view's date."""

    def in_service(self, person: Person) -> bool:
        """True when the person is in the command on the date (join and leave days count)."""
        day = self._ordinal
        joined, left = person.joined, person.left
        if joined is not None:
            first = joined.toordinal()
            if first > day:
                self._note(first)
                return False
        if left is not None:
            last = left.toordinal()
            if last < day:
                return False
            self._note(last + 1)
        return True

    def _in_service_codes(self, positions: Sequence[int]) -> tuple[int, ...]:
        """Of these positions in ``fleet.people``, those of people in service on the date.

        :meth:`in_service` for many people at once, noting the same days, from two
        columns of whole numbers made once per fleet.
        """
        first, last = self._service_days()
        day = self._ordinal
        change = NEVER
        kept = []
        for position in positions:
            joined = first[position]
            if joined > day:
                if joined < change:
                    change = joined
            elif day <= last[position]:
                kept.append(position)
                if last[position] < change:
                    change = last[position] + 1
        self._note(change)
        return tuple(kept)

    def _service_days(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Everyone's first and last day in service as ordinals (0 and :data:`NEVER` if open)."""
        cache = self._memo("service-days")
        found: tuple[tuple[int, ...], tuple[int, ...]] | None = cache.get("all")
        if found is None:
            people = self._store.people
            first = tuple([p.joined.toordinal() if p.joined else 0 for p in people])
            last = tuple([p.left.toordinal() if p.left else NEVER for p in people])
            found = cache.setdefault("all", (first, last))
        return found

    def in_grade(self, person: Person) -> bool:
        """True when the person has a grade and took it up on or before the date.

        A grade with no ``grade_since`` is not known to have been taken up.
        """
        return person.grade is not None and self.reached(person.grade_since)

    def leaving_day(self, person: Person) -> bool:
        """True when the date is the person's last day in the command."""
        left = person.left
        return left is not None and self.reached(left) and not self.passed(left)
