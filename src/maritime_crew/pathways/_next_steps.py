"""The next grade on a person's pathway, what is missing, and the earliest date.

The earliest eligibility date takes into account what is already recorded after
``as_of``: deployments count as sea time on the days they happen (a deployment without
an end is taken to continue, as in :meth:`maritime_crew.facts.Facts.sea_days`), training
records dated after ``as_of`` are bookings that count from their date, and certificates
count from their issue date. The answer is the first date on which every requirement
is met at once; if no such date follows from the records, ``still_needed`` says what
would still be missing once everything scheduled has happened.

A person may switch pathway (say deck to engineering): pass ``pathway=`` and, if the
target is not the pathway's entry grade, ``grade=``. Sea time transfers; certificates
and courses transfer when the target grade requires them too; time in grade does not.
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from ..facts import Facts, View
from ..model import Fleet, Grade, Pathway, Person
from ._common import DateLike, as_date, resolve_grade, resolve_person
from ._eligibility import Eligibility, Requirement, judge

__all__ = ["NextSteps", "Transfer", "next_steps"]


@attrs.frozen
class Transfer:
    """Whether one thing a person has counts on the pathway they switch to."""

    kind: str
    """``sea-time``, ``certificate``, ``course`` or ``months-in-grade``."""
    item: str
    transfers: bool
    detail: str

    def to_record(self) -> dict[str, Any]:
        """The transfer as a plain dict."""
        return attrs.asdict(self)


@attrs.frozen
class NextSteps:
    """Where a person stands against the next grade, and when they could enter it."""

    person: str
    as_of: pendulum.Date
    current_grade: str | None
    pathway: str | None
    """The pathway of the target grade."""
    next_grade: str | None
    """``None`` when the person has no grade on a pathway or holds the top grade."""
    eligibility: Eligibility | None
    """The target grade's requirements judged on ``as_of``."""
    earliest: pendulum.Date | None
    """First date every requirement is met, from what is recorded; ``None`` if none."""
    still_needed: tuple[Requirement, ...] = ()
    """When ``earliest`` is ``None``: what is missing once everything scheduled has happened."""
    transfers: tuple[Transfer, ...] = ()
    """On a pathway switch: what counts on the new pathway and what does not."""

    @property
    def eligible(self) -> bool:
        """True if the person meets every requirement of the next grade on ``as_of``."""
        return self.eligibility is not None and self.eligibility.eligible

    def to_records(self) -> list[dict[str, Any]]:
        """Plain dicts for notebooks, all with the same keys, told apart by ``section``.

        ``requirement``: each requirement of the next grade judged on ``as_of``;
        ``still-needed``: each requirement still unmet once everything scheduled has
        happened (when there is no ``earliest`` date); ``transfer``: on a pathway switch,
        each thing the person has and whether it counts (``transfers``). Every record
        carries the person, the next grade, the current grade, the pathway and the
        earliest date. Empty when there is no next grade.
        """
        if self.eligibility is None:
            return []
        common = {
            "person": self.person,
            "grade": self.next_grade,
            "as_of": self.as_of.isoformat(),
            "current_grade": self.current_grade,
            "pathway": self.pathway,
            "earliest": self.earliest.isoformat() if self.earliest else None,
        }
        records = [
            common | {"section": "requirement"} | requirement.to_record() | {"transfers": None}
            for requirement in self.eligibility.requirements
        ]
        records += [
            common | {"section": "still-needed"} | requirement.to_record() | {"transfers": None}
            for requirement in self.still_needed
        ]
        blank = dict.fromkeys(("required", "have", "evidence", "until"))
        records += [
            common
            | {"section": "transfer", "kind": transfer.kind, "item": transfer.item, "met": None}
            | {"detail": transfer.detail}
            | blank
            | {"transfers": transfer.transfers}
            for transfer in self.transfers
        ]
        return records


def sea_time_date(view: View, person: Person, required: int) -> pendulum.Date | None:
    """The first day, on or after the view's date, by which ``required`` days at sea are served."""
    as_of = view.date
    ends = [as_of]
    for deployment in view.fleet.deployments_of(person.id):
        ends.append(deployment.start)
        if deployment.end is not None:
            ends.append(deployment.end)
    horizon = max(ends).add(days=required + 1)
    served = 0
    for start, end in view.sea_periods(person, until=horizon):
        length = end.toordinal() - start.toordinal() + 1
        if served + length >= required:
            return max(as_of, start.add(days=required - served - 1))
        served += length
    return None


def _candidates(view: View, person: Person, grade: Grade) -> list[pendulum.Date]:
    as_of = view.date
    dates = {as_of}
    if person.joined is not None:
        dates.add(person.joined)
    if grade.sea_time_days > 0:
        reached = sea_time_date(view, person, grade.sea_time_days)
        if reached is not None:
            dates.add(reached)
    if person.grade_since is not None and grade.months_in_previous_grade > 0:
        dates.add(person.grade_since.add(months=grade.months_in_previous_grade))
    accepted = {a for t in grade.certificates for a in view.accepted("certificates", t)}
    dates.update(c.issued for c in person.certificates if c.type in accepted)
    dates.update(t.completed for t in person.training if t.course in grade.courses)
    return sorted(date for date in dates if date >= as_of)


def _earliest(
    view: View, person: Person, grade: Grade
) -> tuple[pendulum.Date | None, tuple[Requirement, ...]]:
    candidates = _candidates(view, person, grade)
    for date in candidates:
        if judge(view.on(date), person, grade).eligible:
            return date, ()
    last = candidates[-1]
    for deployment in view.fleet.deployments_of(person.id):
        if deployment.end is not None and deployment.end > last:
            last = deployment.end
    return None, judge(view.on(last), person, grade).unmet


def _transfers(view: View, person: Person, grade: Grade, target: Pathway) -> tuple[Transfer, ...]:
    days = view.sea_days(person, until=view.date)
    found = [Transfer("sea-time", "days", True, f"{days} days of sea time count on {target.id}")]
    for type_id in sorted({c.type for c in person.certificates}):
        if view.valid(person, "certificates", type_id) is None:
            continue
        lower = [t for t in grade.certificates if t in view.lower(type_id)]
        needed = type_id in grade.certificates or bool(lower)
        if type_id in grade.certificates:
            detail = "required by " + grade.id
        elif lower:
            detail = f"counts for {', '.join(lower)}, required by {grade.id}"
        else:
            detail = "not required by " + grade.id
        found.append(Transfer("certificate", type_id, needed, detail))
    for course_id in sorted({t.course for t in person.training}):
        if view.valid(person, "training", course_id) is None:
            continue
        needed = course_id in grade.courses
        detail = "required by " + grade.id if needed else "not required by " + grade.id
        found.append(Transfer("course", course_id, needed, detail))
    if person.grade is not None:
        found.append(
            Transfer(
                "months-in-grade",
                person.grade,
                False,
                f"time in {person.grade} is not time in a grade of {target.id}",
            )
        )
    return tuple(found)


def next_steps(
    fleet: Fleet,
    person: Person | str,
    as_of: DateLike,
    *,
    pathway: str | None = None,
    grade: Grade | str | None = None,
) -> NextSteps:
    """The next grade for ``person``, what is missing on ``as_of``, and the earliest date.

    The grade held is the one on ``as_of``: before ``grade_since``, the latest of
    ``previous_grades`` taken up by then.

    Without ``pathway`` the target is the grade after the person's current one on its
    pathway. With ``pathway`` set to another pathway the person switches: the target is
    that pathway's entry grade (or ``grade``), and ``transfers`` lists what carries over.
    ``grade`` alone names any target grade. Raises ``KeyError`` for unknown ids.
    """
    on = as_date(as_of)
    who = Facts.of(fleet).on(on).person_on(resolve_person(fleet, person))  # grade held then
    current = fleet.pathway_of(who.grade) if who.grade else None
    target_pathway: Pathway | None = current
    switching = False
    if pathway is not None:
        target_pathway = fleet.pathway(pathway)
        if target_pathway is None:
            raise KeyError(f"no pathway with id {pathway!r}")
        switching = current is None or target_pathway.id != current.id
    target: Grade | None = None
    if grade is not None:
        target = resolve_grade(fleet, grade)
        target_pathway = fleet.pathway_of(target.id)
    elif switching and target_pathway is not None and target_pathway.grades:
        target = target_pathway.grades[0]
    elif current is not None and who.grade is not None:
        index = current.grade_index(who.grade)
        if index is not None and index + 1 < len(current.grades):
            target = current.grades[index + 1]
    if target is None:
        return NextSteps(
            who.id, on, who.grade, target_pathway.id if target_pathway else None, None, None, None
        )
    view = Facts.of(fleet).on(on)
    judged = judge(view, who, target)
    earliest, still = (on, ()) if judged.eligible else _earliest(view, who, target)
    transfers = (
        _transfers(view, who, target, target_pathway)
        if switching and target_pathway is not None
        else ()
    )
    return NextSteps(
        who.id,
        on,
        who.grade,
        target_pathway.id if target_pathway else None,
        target.id,
        judged,
        earliest,
        still,
        transfers,
    )
