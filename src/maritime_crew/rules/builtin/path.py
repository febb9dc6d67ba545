"""PATH: grades held against their entry requirements (seed C4)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pendulum

from ...facts import PEOPLE_IN_SERVICE, Facts, Subjects, View
from ...model import Grade, GradeHeld, Person
from ...pathways import completed_months
from .._context import Context
from .._finding import Finding
from .._severity import Severity
from ._people import count
from ._registry import builtin


def _asks(facts: Facts, person: Person, what: str) -> bool:
    """Whether the person's grade (taken up on a known day) asks for ``what``."""
    grade = facts.fleet.grade(person.grade) if person.grade else None
    return grade is not None and person.grade_since is not None and getattr(grade, what) > 0


def _asking(words: str, what: str) -> Subjects:
    """People in service whose grade (taken up on a known day) asks for ``what``."""
    return Subjects(
        f"people in service in a grade that asks for {words}",
        ("person",),
        among=lambda facts, person: _asks(facts, person, what),
        within=PEOPLE_IN_SERVICE,
    )


def _graded(view: View, person: Person) -> tuple[Grade, pendulum.Date] | None:
    """The person's known grade and the day they took it up, if by the date."""
    grade = view.fleet.grade(person.grade) if person.grade else None
    since = person.grade_since
    if grade is None or since is None or not view.reached(since):
        return None
    return grade, since


@builtin(
    code="PATH001",
    name="grade-sea-time-not-met",
    severity=Severity.ERROR,
    summary="A person took up a grade with less sea time than the grade requires.",
    rationale="The deck and engineering pathways (seed commitment C4) set the sea time "
    "needed to enter each grade, in line with the sea-service requirements of STCW "
    "chapters II and III. Sea time is counted from deployments up to and including the "
    "day the person took up the grade. Months in the previous grade are checked by "
    "PATH002, the grade's certificates and courses by CERT003 and TRN004.",
    source="seed C4; STCW II, III",
    example="BF1 took up grade deck-chief-officer on 2020-06-01 with 300 days of sea time; "
    "the grade requires 365 (65 short).",
    fix="Record the missing deployments if the sea time was served; otherwise review the "
    "person's grade.",
    each=_asking("sea time", "sea_time_days"),
)
def grade_sea_time_not_met(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    graded = _graded(view, person)
    if graded is None:
        return
    grade, since = graded
    if grade.sea_time_days > 0:
        days = view.sea_days(person, until=since)
        if days >= grade.sea_time_days:
            return
        short = grade.sea_time_days - days
        yield ctx.about_person(
            person,
            f"{person.id} took up grade {grade.id} on {since} with {count(days, 'day')} of sea "
            f"time; the grade requires {grade.sea_time_days} ({short} short)",
            details={
                "grade": grade.id,
                "grade_since": since.isoformat(),
                "sea_days": days,
                "required_days": grade.sea_time_days,
                "short": short,
            },
        )


@builtin(
    code="PATH002",
    name="grade-time-not-served",
    severity=Severity.ERROR,
    summary="A person took up a grade before serving the months the grade asks for in the "
    "grade below it.",
    rationale="Each grade of the deck and engineering pathways (seed commitment C4) asks for "
    "time in the grade below it (`months_in_previous_grade`), so that a promotion follows "
    "experience at the level beneath. The time is counted in whole calendar months from "
    "the day the person took up the grade below (from `previous_grades`) to the day they "
    "took up their current grade. Where the grade below is not in the person's recorded "
    "grade history, the time cannot be known and nothing is reported.",
    source="seed C4",
    example="BF1 took up deck-second-officer on 2019-06-01 after 8 months as "
    "deck-third-officer (from 2018-10-01); the grade asks for 12 months (4 short).",
    fix="Record the grade history if the time was served (an earlier start in the grade "
    "below); otherwise review the promotion.",
    each=_asking("time in the grade below", "months_in_previous_grade"),
)
def grade_time_not_served(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    graded = _graded(view, person)
    if graded is None:
        return
    grade, since = graded
    if grade.months_in_previous_grade <= 0:
        return
    pathway = view.fleet.pathway_of(grade.id)
    grade_below = pathway.grade_below(grade.id) if pathway is not None else None
    if grade_below is None:
        return  # an entry grade has no grade below it
    below = grade_below.id
    spell = person.spell_in(below)
    if spell is None:
        return  # no record of the grade below: the time cannot be known
    start, end = spell
    months = completed_months(start, min(end or since, since))
    required = grade.months_in_previous_grade
    if months < required:
        yield ctx.about_person(
            person,
            f"{person.id} took up {grade.id} on {since} after {count(months, 'month')} as "
            f"{below} (from {start}); the grade asks for {required} months "
            f"({required - months} short)",
            nested=("previous_grades", _last_index(person.previous_grades, below)),
            details={
                "grade": grade.id,
                "grade_since": since.isoformat(),
                "previous_grade": below,
                "previous_since": start.isoformat(),
                "months": months,
                "required_months": required,
                "short": required - months,
            },
        )


def _last_index(held: Sequence[GradeHeld], grade: str) -> int:
    return max(i for i, entry in enumerate(held) if entry.grade == grade)
