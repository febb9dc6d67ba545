"""PATH rules: sea time at the time a grade was taken up."""

from __future__ import annotations

from typing import Any

import maritime_crew as mc

from .builders import D, fleet, messages, person, run

CHIEF_OFFICER = mc.model.Grade("deck-chief-officer", "Chief officer", sea_time_days=365)
SECOND_OFFICER = mc.model.Grade("deck-second-officer", "Second officer")
DECK = mc.model.Pathway("deck", "Deck", mc.model.Discipline.DECK, (SECOND_OFFICER, CHIEF_OFFICER))


def promoted(*deployments: tuple[D, D], **fields: Any) -> mc.model.Fleet:
    """BF1, chief officer since 2020-06-01, with personal deployments (first, last day)."""
    fields.setdefault("grade", "deck-chief-officer")
    fields.setdefault("grade_since", D(2020, 6, 1))
    return fleet(
        people=[person("BF1", **fields)],
        pathways=[DECK],
        deployments=[
            mc.model.Deployment(f"dep-{i}", "vigilant", start, end, person="BF1")
            for i, (start, end) in enumerate(deployments)
        ],
    )


class TestGradeSeaTimeNotMet:
    def test_fires_with_the_days_served_and_short(self) -> None:
        data = promoted((D(2019, 1, 1), D(2019, 10, 27)))  # 300 days, both ends included
        (finding,) = run(data, "PATH001")
        assert finding.message == (
            "BF1 took up grade deck-chief-officer on 2020-06-01 with 300 days of sea time; "
            "the grade requires 365 (65 short)"
        )
        assert finding.details == {
            "grade": "deck-chief-officer",
            "grade_since": "2020-06-01",
            "sea_days": 300,
            "required_days": 365,
            "short": 65,
        }
        assert finding.subject == mc.model.Subject("person", "BF1")

    def test_exactly_the_required_days_pass(self) -> None:
        data = promoted((D(2019, 1, 1), D(2019, 12, 31)))  # 365 days
        assert run(data, "PATH001") == []

    def test_days_count_up_to_and_including_the_day_the_grade_was_taken_up(self) -> None:
        # 364 days to 2020-05-31, the 365th on 2020-06-01 itself.
        on_the_day = promoted((D(2019, 6, 3), D(2020, 6, 1)))
        assert run(on_the_day, "PATH001") == []
        day_before = promoted((D(2019, 6, 3), D(2020, 5, 31)))
        assert messages(run(day_before, "PATH001")) == [
            "BF1 took up grade deck-chief-officer on 2020-06-01 with 364 days of sea time; "
            "the grade requires 365 (1 short)"
        ]

    def test_sea_time_after_taking_up_the_grade_does_not_count(self) -> None:
        data = promoted((D(2019, 1, 1), D(2019, 10, 27)), (D(2020, 6, 2), D(2020, 12, 31)))
        assert run(data, "PATH001")[0].details["sea_days"] == 300

    def test_skipped_without_a_date_a_requirement_or_a_known_grade(self) -> None:
        assert run(promoted(grade_since=None), "PATH001") == []
        assert run(promoted(grade="deck-second-officer"), "PATH001") == []
        assert run(promoted(grade="no-such-grade"), "PATH001") == []
        assert run(promoted(left=D(2021, 1, 1)), "PATH001") == []

    def test_a_grade_taken_up_after_the_check_date_is_not_yet_checked(self) -> None:
        data = promoted(grade_since=D(2021, 4, 1))
        assert run(data, "PATH001") == []
        assert len(run(data, "PATH001", as_of=D(2021, 4, 1))) == 1


THIRD = mc.model.Grade("deck-third-officer", "Third officer")
SECOND = mc.model.Grade("deck-second-officer", "Second officer", months_in_previous_grade=12)
LADDER = mc.model.Pathway("deck", "Deck", mc.model.Discipline.DECK, (THIRD, SECOND))


def second_officer(*history: tuple[str, D], **fields: Any) -> mc.model.Fleet:
    """BF1, second officer since 2019-06-01, with earlier grades (grade, first day)."""
    fields.setdefault("grade", "deck-second-officer")
    fields.setdefault("grade_since", D(2019, 6, 1))
    held = tuple(mc.model.GradeHeld(grade, since) for grade, since in history)
    return fleet(people=[person("BF1", previous_grades=held, **fields)], pathways=[LADDER])


class TestGradeTimeNotServed:
    def test_fires_with_the_months_served_and_short(self) -> None:
        data = second_officer(("deck-third-officer", D(2018, 10, 1)))
        (finding,) = run(data, "PATH002")
        assert finding.message == (
            "BF1 took up deck-second-officer on 2019-06-01 after 8 months as "
            "deck-third-officer (from 2018-10-01); the grade asks for 12 months (4 short)"
        )
        assert finding.details == {
            "grade": "deck-second-officer",
            "grade_since": "2019-06-01",
            "previous_grade": "deck-third-officer",
            "previous_since": "2018-10-01",
            "months": 8,
            "required_months": 12,
            "short": 4,
        }

    def test_exactly_the_required_months_pass_and_a_day_less_fails(self) -> None:
        assert run(second_officer(("deck-third-officer", D(2018, 6, 1))), "PATH002") == []
        (finding,) = run(second_officer(("deck-third-officer", D(2018, 6, 2))), "PATH002")
        assert finding.details["months"] == 11

    def test_the_spell_ends_when_the_next_recorded_grade_begins(self) -> None:
        # Third officer from 2017, then a spell elsewhere from 2018-03-01: 8 months count.
        data = second_officer(("deck-third-officer", D(2017, 7, 1)), ("deck-cadet", D(2018, 3, 1)))
        (finding,) = run(data, "PATH002")
        assert finding.details["months"] == 8

    def test_without_the_grade_below_in_the_history_nothing_is_reported(self) -> None:
        assert run(second_officer(), "PATH002") == []
        assert run(second_officer(("deck-cadet", D(2019, 1, 1))), "PATH002") == []

    def test_an_entry_grade_asks_for_nothing(self) -> None:
        data = second_officer(("deck-cadet", D(2019, 5, 1)), grade="deck-third-officer")
        assert run(data, "PATH002") == []

    def test_a_grade_taken_up_after_the_check_date_is_not_judged_yet(self) -> None:
        data = second_officer(("deck-third-officer", D(2021, 1, 1)), grade_since=D(2021, 4, 1))
        assert run(data, "PATH002") == []
        assert run(data, "PATH002", as_of=D(2021, 4, 1)) != []

    def test_a_person_who_has_left_is_not_judged(self) -> None:
        data = second_officer(("deck-third-officer", D(2018, 10, 1)), left=D(2020, 12, 31))
        assert run(data, "PATH002") == []


def test_an_unknown_previous_grade_and_history_out_of_order_are_data_problems() -> None:
    data = second_officer(("deck-thrid-officer", D(2019, 8, 1)))
    (unknown,) = run(data, "DATA002")
    assert unknown.details["field"] == "previous_grades[0].grade"
    assert "did you mean 'deck-third-officer'?" in unknown.message
    (order,) = run(data, "DATA003")
    assert order.message == (
        "person BF1: grade_since 2019-06-01 is before previous_grades[0].since 2019-08-01"
    )
