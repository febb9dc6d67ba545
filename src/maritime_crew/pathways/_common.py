"""What the pathway analyses share: resolving ids, dates and months served."""

from __future__ import annotations

import pendulum

from ..model import DateLike, Fleet, Grade, Person, as_date

__all__ = ["DateLike", "as_date", "completed_months", "resolve_grade", "resolve_person"]


def resolve_person(fleet: Fleet, person: Person | str) -> Person:
    """The person record for an id (or the record itself); ``KeyError`` if unknown."""
    if isinstance(person, Person):
        return person
    found = fleet.person(person)
    if found is None:
        raise KeyError(f"no person with id {person!r}")
    return found


def resolve_grade(fleet: Fleet, grade: Grade | str) -> Grade:
    """The grade record for an id (or the record itself); ``KeyError`` if unknown."""
    if isinstance(grade, Grade):
        return grade
    found = fleet.grade(grade)
    if found is None:
        raise KeyError(f"no grade with id {grade!r}")
    return found


def completed_months(since: pendulum.Date, on: pendulum.Date) -> int:
    """Whole calendar months from ``since`` to ``on`` (0 if ``on`` is earlier).

    A month is complete on the same day of the next month, or on its last day when
    that day does not exist: from 31 January one month is complete on 28 (or 29)
    February, and from 29 February 2020 twelve months are complete on 28 February 2021.
    """
    if on < since:
        return 0
    months = (on.year - since.year) * 12 + on.month - since.month
    while months > 0 and since.add(months=months) > on:
        months -= 1
    return months
