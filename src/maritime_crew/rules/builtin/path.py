"""PATH: grades held against their entry requirements (seed C4)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pendulum

from ... import facts
from ...model import Fleet, Grade, GradeHeld, Person
from ...pathways._common import completed_months
from .._finding import Finding
from .._rule import Context
from .._severity import Severity
from ._people import count, in_service
from ._registry import builtin


def _graded(fleet: Fleet, ctx: Context) -> Iterator[tuple[Person, Grade, pendulum.Date]]:
    """People in service with a known grade taken up by the check date, and that date."""
    for person in in_service(fleet, ctx.as_of):
        grade = fleet.grade(person.grade) if person.grade else None
        since = person.grade_since
        if grade is not None and since is not None and since <= ctx.as_of:
            yield person, grade, since


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
)
def grade_sea_time_not_met(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for person, grade, since in _graded(fleet, ctx):
        if grade.sea_time_days <= 0:
            continue
        days = facts.sea_days(fleet, person, until=since)
        if days >= grade.sea_time_days:
            continue
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
)
def grade_time_not_served(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for person, grade, since in _graded(fleet, ctx):
        if grade.months_in_previous_grade <= 0:
            continue
        pathway = fleet.pathway_of(grade.id)
        grade_below = pathway.grade_below(grade.id) if pathway is not None else None
        if grade_below is None:
            continue  # an entry grade has no grade below it
        below = grade_below.id
        spell = person.spell_in(below)
        if spell is None:
            continue  # no record of the grade below: the time cannot be known
        start, end = spell
        months = completed_months(start, min(end or since, since))
        required = grade.months_in_previous_grade
        if months >= required:
            continue
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
