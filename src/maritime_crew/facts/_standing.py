"""Where everyone in service stands, on a date, against what their grade and roles require.

Eight rules (CERT001 to CERT004, TRN001 to TRN004) ask the same question of everyone in
service: of the certificates (or courses) the grade and duty roles require, which is not
valid on the check date, and which runs out soonest? :func:`standing` answers it in one
pass over the people per date and kind, on each person's validity table; the rules then
look closer only at the few people it names.
"""

from __future__ import annotations

from typing import NamedTuple

import pendulum

from ..model import Fleet, Person
from ._memo import dated_memo
from ._requirements import requirements
from ._validity import _NEVER, _table, _valid_ends

__all__ = ["Standing", "standing"]


class Standing(NamedTuple):
    """The people in service on a date and the requirements each does not meet."""

    people: tuple[Person, ...]
    """Everyone in service on the date, in data order."""
    unmet: tuple[tuple[int, str, tuple[str, ...]], ...]
    """Each required type or course that is not valid on the date: the person's index in
    ``people``, the type, and who requires it (``grade X``, ``duty role Y``). In data
    order, and for each person in the order of their requirements."""
    soonest: tuple[int, ...]
    """For each person, the ordinal of the first day after which a requirement met on
    the date stops being met (the earliest last day among the longest-lasting valid
    records); a day after every date when none of them expires."""

    def ending_by(self, last: pendulum.Date) -> list[Person]:
        """The people of whom a requirement met on the date runs out by ``last``."""
        day = last.toordinal()
        return [person for person, end in zip(self.people, self.soonest, strict=True) if end <= day]


def standing(fleet: Fleet, kind: str, on: pendulum.Date) -> Standing:
    """Everyone in service on ``on`` against the ``"certificates"`` or ``"training"`` required.

    Worked out once per fleet, kind and date.
    """
    cache: dict[str, Standing] = dated_memo(fleet, on, "standing")
    found = cache.get(kind)
    if found is not None:
        return found
    day = on.toordinal()
    people: list[Person] = []
    unmet: list[tuple[int, str, tuple[str, ...]]] = []
    soonest: list[int] = []
    for person in fleet.people:
        if not person.in_service_on(on):
            continue
        index = len(people)
        people.append(person)
        best = _valid_ends(_table(fleet, person, kind), day)
        earliest = _NEVER
        for type_id, why in requirements(fleet, person, kind):
            end = best.get(type_id)
            if end is None:
                unmet.append((index, type_id, why))
            elif end < earliest:
                earliest = end
        soonest.append(earliest)
    found = Standing(tuple(people), tuple(unmet), tuple(soonest))
    return cache.setdefault(kind, found)
