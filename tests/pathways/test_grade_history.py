"""Pathways on a past date judge the grade held then (``previous_grades``), not today's."""

from __future__ import annotations

import pendulum

import maritime_crew as mc
from maritime_crew.pathways import eligibility, next_steps

D = pendulum.Date

PROMOTED = D(2019, 9, 21)


def _fleet() -> mc.model.Fleet:
    deck = mc.model.Pathway(
        id="deck",
        name="Deck",
        discipline=mc.model.Discipline.DECK,
        grades=(
            mc.model.Grade(id="rating", name="Rating"),
            mc.model.Grade(id="leading-hand", name="Leading hand", months_in_previous_grade=12),
            mc.model.Grade(id="oow", name="Officer of the watch", months_in_previous_grade=12),
        ),
    )
    person = mc.model.Person(
        id="BF1",
        name="A",
        discipline=mc.model.Discipline.DECK,
        joined=D(2018, 5, 23),
        grade="leading-hand",
        grade_since=PROMOTED,
        previous_grades=(mc.model.GradeHeld("rating", D(2018, 5, 23)),),
    )
    return mc.model.Fleet(people=(person,), pathways=(deck,))


def test_the_day_before_a_promotion_the_earlier_grade_is_held() -> None:
    fleet = _fleet()
    before = next_steps(fleet, "BF1", PROMOTED.subtract(days=1))
    assert (before.current_grade, before.next_grade) == ("rating", "leading-hand")
    assert before.eligibility is not None
    assert before.eligibility.eligible
    on = next_steps(fleet, "BF1", PROMOTED)
    assert (on.current_grade, on.next_grade) == ("leading-hand", "oow")
    assert on.eligibility is not None
    assert not on.eligibility.eligible  # 0 of 12 months in leading-hand


def test_eligibility_counts_months_in_the_grade_held_on_the_date() -> None:
    judged = eligibility(_fleet(), "BF1", "leading-hand", PROMOTED.subtract(days=1))
    (months,) = judged.requirements
    assert months.kind == mc.pathways.RequirementKind.MONTHS_IN_PREVIOUS_GRADE
    assert months.met
    assert months.detail == "15 months in rating since 2018-05-23 (needs 12)"


def test_before_any_recorded_grade_there_is_none() -> None:
    steps = next_steps(_fleet(), "BF1", D(2018, 1, 1))
    assert steps.current_grade is None
