"""Eligibility for a grade, worked by hand: sea time, months in grade, certificates, courses."""

from __future__ import annotations

import pendulum
import pytest

import maritime_crew as mc
from maritime_crew.pathways import RequirementKind
from tests.pathways.fleets import OOW, aboard, deck_fleet, leading_hand
from tests.rules.builders import D, cert, trained


def by_kind(result: mc.pathways.Eligibility, kind: RequirementKind) -> mc.pathways.Requirement:
    return next(r for r in result.requirements if r.kind is kind)


def sea_time(deployments: list[mc.model.Deployment], as_of: pendulum.Date | str) -> int | None:
    data = deck_fleet([leading_hand()], deployments)
    result = mc.pathways.eligibility(data, "BF1", "oow", as_of)
    return by_kind(result, RequirementKind.SEA_TIME).have


def test_overlapping_deployments_count_each_day_once() -> None:
    # 1 Jan to 31 Jan and 20 Jan to 10 Feb: 1 Jan to 10 Feb is 31 + 10 = 41 days.
    days = sea_time(
        [aboard(D(2021, 1, 1), D(2021, 1, 31)), aboard(D(2021, 1, 20), D(2021, 2, 10))],
        "2021-03-31",
    )
    assert days == 41


def test_a_deployment_spanning_as_of_counts_up_to_as_of() -> None:
    # 20 to 31 March inclusive: 12 days; 1 to 10 April has not happened yet.
    assert sea_time([aboard(D(2021, 3, 20), D(2021, 4, 10))], D(2021, 3, 31)) == 12


def test_an_open_deployment_runs_up_to_as_of() -> None:
    assert sea_time([aboard(D(2021, 3, 1), None)], D(2021, 3, 31)) == 31


def test_leap_day_and_month_end_are_counted_inclusively() -> None:
    # 28 Feb to 1 Mar 2020 spans 29 February: 3 days; the same in 2021: 2 days.
    assert sea_time([aboard(D(2020, 2, 28), D(2020, 3, 1))], D(2021, 3, 31)) == 3
    assert sea_time([aboard(D(2021, 2, 28), D(2021, 3, 1))], D(2021, 3, 31)) == 2
    # Back-to-back deployments (31 Jan, then 1 Feb) are one run of days, not a gap.
    assert (
        sea_time(
            [aboard(D(2021, 1, 31), D(2021, 1, 31)), aboard(D(2021, 2, 1), D(2021, 2, 28))],
            D(2021, 3, 31),
        )
        == 29
    )


def test_unmet_sea_time_says_exactly_what_is_missing() -> None:
    # 1 Jan to 9 Aug 2020 is 213 + 9 = 222 days.
    data = deck_fleet([leading_hand()], [aboard(D(2020, 1, 1), D(2020, 8, 9))])
    requirement = by_kind(
        mc.pathways.eligibility(data, "BF1", "oow", "2021-03-31"), RequirementKind.SEA_TIME
    )
    assert not requirement.met
    assert requirement.detail == "needs 143 more days of sea time (has 222 of 365)"
    assert (requirement.have, requirement.required) == (222, 365)


@pytest.mark.parametrize(
    ("since", "as_of", "months"),
    [
        (D(2020, 2, 29), D(2021, 2, 28), 12),  # no 29 Feb 2021: the month ends on the 28th
        (D(2020, 2, 29), D(2021, 2, 27), 11),
        (D(2020, 1, 31), D(2020, 2, 29), 1),
        (D(2020, 1, 31), D(2020, 2, 28), 0),
        (D(2020, 3, 1), D(2021, 3, 1), 12),
        (D(2020, 3, 1), D(2021, 2, 28), 11),
    ],
)
def test_months_in_grade_at_month_ends(
    since: pendulum.Date, as_of: pendulum.Date, months: int
) -> None:
    data = deck_fleet([leading_hand(grade_since=since)], [])
    result = mc.pathways.eligibility(data, "BF1", OOW, as_of)
    requirement = by_kind(result, RequirementKind.MONTHS_IN_PREVIOUS_GRADE)
    assert requirement.have == months
    assert requirement.met is (months >= 12)


def test_months_in_a_grade_not_held_cannot_be_shown() -> None:
    data = deck_fleet([leading_hand(grade="rating")], [])
    requirement = by_kind(
        mc.pathways.eligibility(data, "BF1", "oow", "2021-03-31"),
        RequirementKind.MONTHS_IN_PREVIOUS_GRADE,
    )
    assert not requirement.met
    assert requirement.detail == (
        "needs 12 months in leading-hand; the person's recorded grades (current: rating) "
        "do not say when they held it"
    )


@pytest.mark.parametrize(
    ("since", "months", "met"), [("2018-03-01", 12, True), ("2018-03-02", 11, False)]
)
def test_months_in_an_earlier_grade_come_from_the_grade_history(
    since: str, months: int, met: bool
) -> None:
    # A leading hand from `since` until 2019-03-01, then an officer of the watch; the
    # next grade (OOW) asks for 12 months as a leading hand.
    history = (mc.model.GradeHeld("leading-hand", D.fromisoformat(since)),)
    who = leading_hand(grade="oow", grade_since=D(2019, 3, 1), previous_grades=history)
    requirement = by_kind(
        mc.pathways.eligibility(deck_fleet([who], []), "BF1", "oow", "2021-03-31"),
        RequirementKind.MONTHS_IN_PREVIOUS_GRADE,
    )
    assert (requirement.have, requirement.met) == (months, met)
    assert requirement.detail == (
        f"{months} months in leading-hand from {since} to 2019-03-01 (needs 12)"
    )


def test_certificates_and_courses_name_their_evidence_and_end() -> None:
    who = leading_hand(
        certificates=(
            cert("eng1", D(2020, 6, 1), number="M-1"),
            cert("coc-oow", D(2016, 3, 2), number="C-9"),  # P5Y: last valid day 1 March 2021
        ),
        training=(trained("leadership", D(2019, 5, 5)),),
    )
    data = deck_fleet([who], [aboard(D(2019, 1, 1), D(2020, 12, 31))])
    result = mc.pathways.eligibility(data, who, "oow", D(2021, 3, 31))
    eng1 = result.requirements[0]
    assert eng1.met
    assert eng1.evidence == "certificate M-1"
    assert eng1.until == D(2022, 5, 31)
    coc = result.requirements[1]
    assert not coc.met
    assert coc.detail == "needs a valid coc-oow (the last one expired at the end of 2021-03-01)"
    course = by_kind(result, RequirementKind.COURSE)
    assert course.met
    assert course.until is None
    assert "completed 2019-05-05" in course.detail
    assert [r.item for r in result.unmet] == ["coc-oow"]
    assert not result.eligible


def test_a_course_counts_through_its_expiry_date_and_expired_at_its_end() -> None:
    who = leading_hand(training=(trained("leadership", D(2019, 5, 5), expires=D(2021, 3, 30)),))
    data = deck_fleet([who], [])

    def course_on(day: pendulum.Date) -> mc.pathways.Requirement:
        return by_kind(mc.pathways.eligibility(data, "BF1", "oow", day), RequirementKind.COURSE)

    on_the_day = course_on(D(2021, 3, 30))
    assert (on_the_day.met, on_the_day.until) == (True, D(2021, 3, 30))
    day_after = course_on(D(2021, 3, 31))
    assert not day_after.met
    assert day_after.detail == (
        "needs course leadership (the last completion expired at the end of 2021-03-30)"
    )


def test_a_certificate_counts_through_its_expiry_date_and_expired_at_its_end() -> None:
    who = leading_hand(certificates=(cert("coc-oow", D(2016, 3, 31), expires=D(2021, 3, 30)),))
    data = deck_fleet([who], [])

    def coc_on(day: pendulum.Date) -> mc.pathways.Requirement:
        result = mc.pathways.eligibility(data, "BF1", "oow", day)
        return next(r for r in result.requirements if r.item == "coc-oow")

    on_the_day = coc_on(D(2021, 3, 30))
    assert (on_the_day.met, on_the_day.until) == (True, D(2021, 3, 30))
    day_after = coc_on(D(2021, 3, 31))
    assert not day_after.met
    assert (
        day_after.detail == "needs a valid coc-oow (the last one expired at the end of 2021-03-30)"
    )


def test_eligible_when_every_requirement_is_met_and_records_are_plain() -> None:
    who = leading_hand(
        certificates=(cert("eng1", D(2020, 6, 1)), cert("coc-oow", D(2020, 6, 1))),
        training=(trained("leadership", D(2019, 5, 5)),),
    )
    data = deck_fleet([who], [aboard(D(2019, 1, 1), D(2020, 12, 31))])
    result = mc.pathways.eligibility(data, "BF1", "oow", "2021-03-31")
    assert result.eligible
    records = result.to_records()
    assert len(records) == 5
    assert records[0] == {
        "person": "BF1",
        "grade": "oow",
        "as_of": "2021-03-31",
        "kind": "certificate",
        "item": "eng1",
        "met": True,
        "detail": records[0]["detail"],
        "required": None,
        "have": None,
        "evidence": "certificate #1",
        "until": "2022-05-31",
    }


def test_unknown_ids_raise_key_error() -> None:
    data = deck_fleet([leading_hand()], [])
    with pytest.raises(KeyError, match="BF9"):
        mc.pathways.eligibility(data, "BF9", "oow", "2021-03-31")
    with pytest.raises(KeyError, match="bosun"):
        mc.pathways.eligibility(data, "BF1", "bosun", "2021-03-31")


def test_a_person_who_has_left_is_not_eligible_and_is_told_why() -> None:
    data = deck_fleet([leading_hand(left=D(2021, 1, 15))], [aboard(D(2020, 1, 1), D(2021, 1, 15))])
    result = mc.pathways.eligibility(data, "BF1", "oow", "2021-03-31")
    assert not result.eligible
    first = result.requirements[0]
    assert (first.kind, first.met) == (RequirementKind.IN_SERVICE, False)
    assert first.detail == "not in service on 2021-03-31: left the command on 2021-01-15"
    steps = mc.pathways.next_steps(data, "BF1", "2021-03-31")
    assert steps.earliest is None
    assert RequirementKind.IN_SERVICE in {r.kind for r in steps.still_needed}
    # On the leaving day they are still in service: no such requirement is listed.
    on_the_day = mc.pathways.eligibility(data, "BF1", "oow", "2021-01-15")
    assert RequirementKind.IN_SERVICE not in {r.kind for r in on_the_day.requirements}


def test_a_person_who_joins_later_becomes_eligible_once_joined() -> None:
    joiner = leading_hand(
        joined=D(2021, 5, 1),
        grade_since=D(2019, 1, 1),
        certificates=(cert("eng1", D(2020, 6, 1)), cert("coc-oow", D(2020, 6, 1))),
        training=(trained("leadership", D(2020, 6, 1)),),
    )
    data = deck_fleet([joiner], [aboard(D(2019, 1, 1), D(2020, 12, 31))])
    before = mc.pathways.eligibility(data, "BF1", "oow", "2021-03-31")
    assert [r.detail for r in before.unmet] == [
        "not in service on 2021-03-31: joins the command on 2021-05-01"
    ]
    assert mc.pathways.next_steps(data, "BF1", "2021-03-31").earliest == D(2021, 5, 1)
