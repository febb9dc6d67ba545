"""Which terms set applied to a person on a date, and why."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pendulum

from ..facts import Facts, View
from ..model import Fleet, Person, TermsAndConditions, TermsAssignment
from ..rules import as_date

__all__ = ["TermsApplied", "terms_for"]


@attrs.frozen
class TermsApplied:
    """The answer of :func:`terms_for`: the set a person was on, and the reasoning."""

    person: str
    on: pendulum.Date
    assignment: TermsAssignment | None
    """The assignment covering the date (the last listed wins); ``None`` if none does."""
    terms: TermsAndConditions | None
    """The assigned set; ``None`` without an assignment or when its id is unknown."""
    in_force: bool
    """True when the assigned set was in force on the date."""
    why: str
    """The reasoning in words: which assignment, which dates."""

    @property
    def applies(self) -> TermsAndConditions | None:
        """The set that applied: the assigned set if it was in force, else ``None``."""
        return self.terms if self.in_force else None

    def to_record(self) -> dict[str, Any]:
        """The answer as plain data."""
        assignment = self.assignment
        return {
            "person": self.person,
            "on": self.on.isoformat(),
            "terms": self.terms.id if self.terms else None,
            "assignment_start": assignment.start.isoformat() if assignment else None,
            "assignment_end": assignment.end.isoformat() if assignment and assignment.end else None,
            "in_force": self.in_force,
            "why": self.why,
        }


def terms_for(
    fleet: Fleet, person: str | Person, on: pendulum.Date | datetime.date | str
) -> TermsApplied:
    """The terms set that applied to a person on a date, and why.

    A person is on a set through an assignment (``[[person.terms]]``) covering the date;
    where assignments overlap, the last listed wins. The set applies if it was in force
    that day: on or after its effective date and before the day it was superseded.
    Raises :class:`KeyError` for an unknown staff number.
    """
    record = fleet.person(person) if isinstance(person, str) else person
    if record is None:
        raise KeyError(f"no person {person!r}")
    view = Facts.of(fleet).on(as_date(on))
    day = view.date
    found = view.assignment(record)
    if found is None:
        return TermsApplied(record.id, day, None, None, False, _unassigned(record, day))
    assignment, terms = found.assignment, found.terms
    covered = f"assigned to {assignment.set} from {assignment.start}" + (
        f" to {assignment.end}" if assignment.end else " with no end date"
    )
    if terms is None:
        why = f"{record.id} is {covered}, but no set {assignment.set!r} is recorded"
        return TermsApplied(record.id, day, assignment, None, False, why)
    in_force = view.terms_in_force(terms)
    why = f"{record.id} is {covered}; {terms.id} {_force(view, terms, in_force)}"
    return TermsApplied(record.id, day, assignment, terms, in_force, why)


def _unassigned(person: Person, day: pendulum.Date) -> str:
    if not person.terms:
        return f"{person.id} has no terms assignment on record"
    spans = "; ".join(
        f"{a.set} from {a.start}" + (f" to {a.end}" if a.end else "") for a in person.terms
    )
    return f"no assignment of {person.id} covers {day} ({spans})"


def _force(view: View, terms: TermsAndConditions, in_force: bool) -> str:
    if in_force:
        until = f" until {terms.superseded.subtract(days=1)}" if terms.superseded else ""
        return f"is in force from {terms.effective}{until}"
    if terms.effective is None:
        return "has no effective date, so is not in force"
    if not view.reached(terms.effective):
        return f"only comes into force on {terms.effective}"
    return f"was superseded on {terms.superseded}"
