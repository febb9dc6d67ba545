"""Which terms and conditions set is in force, and which one applied to a person."""

from __future__ import annotations

import pendulum

from ..model import Fleet, Person, TermsAndConditions, TermsAssignment

__all__ = ["assignment_on", "terms_in_force"]


def terms_in_force(terms: TermsAndConditions, on: pendulum.Date) -> bool:
    """True from the set's effective date until (not including) the day it was superseded.

    This follows the dates, not the recorded ``status``, so it answers for any day.
    """
    if terms.effective is None or on < terms.effective:
        return False
    return terms.superseded is None or on < terms.superseded


def assignment_on(
    fleet: Fleet, person: Person, on: pendulum.Date
) -> tuple[TermsAssignment, TermsAndConditions | None] | None:
    """The person's terms assignment covering a date (the last one listed wins), and its set."""
    found = None
    for assignment in person.terms:
        if assignment.start <= on and (assignment.end is None or on <= assignment.end):
            found = assignment
    if found is None:
        return None
    return found, fleet.terms_set(found.set)
