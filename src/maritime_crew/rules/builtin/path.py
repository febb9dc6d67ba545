"""PATH: grades held against their entry requirements (seed C4)."""

from __future__ import annotations

from collections.abc import Iterator

from ... import facts
from ...model import Fleet
from .._finding import Finding
from .._rule import Context
from .._severity import Severity
from ._people import count, in_service
from ._registry import builtin


@builtin(
    code="PATH001",
    name="grade-sea-time-not-met",
    severity=Severity.ERROR,
    summary="A person took up a grade with less sea time than the grade requires.",
    rationale="The deck and engineering pathways (seed commitment C4) set the sea time "
    "needed to enter each grade, in line with the sea-service requirements of STCW "
    "chapters II and III. Sea time is counted from deployments up to and including the "
    "day the person took up the grade. Months in the previous grade cannot be checked, as "
    "only the current grade and its start date are recorded, not the grade history. The "
    "grade's certificates and courses are checked by CERT003 and TRN004.",
    source="seed C4; STCW II, III",
    example="BF1 took up grade deck-chief-officer on 2020-06-01 with 300 days of sea time; "
    "the grade requires 365 (65 short).",
    fix="Record the missing deployments if the sea time was served; otherwise review the "
    "person's grade.",
)
def grade_sea_time_not_met(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for person in in_service(fleet, ctx.as_of):
        grade = fleet.grade(person.grade) if person.grade else None
        since = person.grade_since
        if grade is None or grade.sea_time_days <= 0 or since is None:
            continue
        if since > ctx.as_of:
            continue  # not yet in the grade on the check date
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
