"""Property: a person judged eligible meets every requirement checked independently."""

from __future__ import annotations

import datetime

import pendulum
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc
from tests.pathways.fleets import DECK, aboard, deck_fleet
from tests.rules.builders import cert, person, trained

START = datetime.date(2018, 1, 1)
END = datetime.date(2021, 12, 31)


def as_pendulum(day: datetime.date) -> pendulum.Date:
    return pendulum.Date(day.year, day.month, day.day)


days = st.dates(min_value=START, max_value=END).map(as_pendulum)


@st.composite
def people(draw: st.DrawFn) -> tuple[mc.model.Fleet, mc.model.Person]:
    certificates = tuple(
        cert(kind, draw(days))
        for kind in draw(st.lists(st.sampled_from(["eng1", "coc-oow"]), max_size=3))
    )
    training = tuple(trained("leadership", draw(days)) for _ in range(draw(st.integers(0, 1))))
    who = person(
        "BF1",
        grade=draw(st.sampled_from(["rating", "leading-hand", "oow"])),
        grade_since=draw(days),
        certificates=certificates,
        training=training,
    )
    deployments = []
    for index in range(draw(st.integers(0, 4))):
        start = draw(days)
        end = start.add(days=draw(st.integers(0, 400))) if draw(st.booleans()) else None
        deployments.append(aboard(start, end, id=f"dep-{index}"))
    return deck_fleet([who], deployments), who


def valid_on(record: mc.model.Certificate, on: pendulum.Date) -> bool:
    years = 2 if record.type == "eng1" else 5
    return record.issued <= on < record.issued.add(years=years)


def sea_days(data: mc.model.Fleet, on: pendulum.Date) -> int:
    aboard_on: set[int] = set()
    for deployment in data.deployments:
        end = min(deployment.end or on, on)
        aboard_on.update(range(deployment.start.toordinal(), end.toordinal() + 1))
    return len(aboard_on)


@given(people(), days, st.sampled_from(DECK.grades))
def test_eligible_exactly_when_each_requirement_is_met(
    drawn: tuple[mc.model.Fleet, mc.model.Person], on: pendulum.Date, grade: mc.model.Grade
) -> None:
    data, who = drawn
    index = DECK.grades.index(grade)
    certificates = all(
        any(c.type == kind and valid_on(c, on) for c in who.certificates)
        for kind in grade.certificates
    )
    courses = all(
        any(t.course == course and t.completed <= on for t in who.training)
        for course in grade.courses
    )
    sea = sea_days(data, on) >= grade.sea_time_days
    previous = DECK.grades[index - 1].id if index else None
    months = grade.months_in_previous_grade == 0 or (
        who.grade == previous
        and who.grade_since is not None
        and who.grade_since.add(months=grade.months_in_previous_grade) <= on
    )
    judged = mc.pathways.eligibility(data, who, grade, on)
    assert judged.eligible == (certificates and courses and sea and months)


@given(people(), days)
def test_the_earliest_date_is_the_first_day_of_eligibility(
    drawn: tuple[mc.model.Fleet, mc.model.Person], on: pendulum.Date
) -> None:
    data, who = drawn
    steps = mc.pathways.next_steps(data, who, on)
    if steps.next_grade is None or steps.earliest is None:
        return
    assert mc.pathways.eligibility(data, who, steps.next_grade, steps.earliest).eligible
    if steps.earliest > on:
        before = steps.earliest.subtract(days=1)
        assert not mc.pathways.eligibility(data, who, steps.next_grade, before).eligible
