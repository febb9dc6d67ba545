"""Next steps: the next grade, the earliest eligibility date, and switching pathway."""

from __future__ import annotations

import pytest

import maritime_crew as mc
from tests.pathways.fleets import aboard, deck_fleet, leading_hand
from tests.rules.builders import D, cert, trained

AS_OF = D(2021, 3, 31)
# 1 Jan to 26 Oct 2020 is 300 days at sea.
PAST = aboard(D(2020, 1, 1), D(2020, 10, 26))


def scheduled_person() -> mc.model.Person:
    """Holds eng1; a CoC issued on 1 June 2021 and leadership booked for 10 May 2021."""
    return leading_hand(
        certificates=(cert("eng1", D(2020, 6, 1)), cert("coc-oow", D(2021, 6, 1))),
        training=(trained("leadership", D(2021, 5, 10)),),
    )


def test_the_next_grade_is_the_one_above_on_the_pathway() -> None:
    steps = mc.pathways.next_steps(deck_fleet([scheduled_person()], [PAST]), "BF1", AS_OF)
    assert (steps.current_grade, steps.pathway, steps.next_grade) == ("leading-hand", "deck", "oow")
    assert steps.eligibility is not None
    assert [r.item for r in steps.eligibility.unmet] == ["coc-oow", "leadership", "days"]
    assert not steps.eligible


def test_earliest_date_comes_from_scheduled_sea_time_courses_and_certificates() -> None:
    # 65 more days from a deployment starting 1 April: 30 in April, 31 in May, 4 in June.
    future = aboard(D(2021, 4, 1), D(2021, 6, 30))
    steps = mc.pathways.next_steps(deck_fleet([scheduled_person()], [PAST, future]), "BF1", AS_OF)
    assert steps.earliest == D(2021, 6, 4)
    assert steps.still_needed == ()
    assert mc.pathways.eligibility(
        deck_fleet([scheduled_person()], [PAST, future]), "BF1", "oow", D(2021, 6, 4)
    ).eligible
    assert not mc.pathways.eligibility(
        deck_fleet([scheduled_person()], [PAST, future]), "BF1", "oow", D(2021, 6, 3)
    ).eligible


def test_the_last_scheduled_item_sets_the_date() -> None:
    # Sea time is reached on 10 May (40 days after 31 March); the CoC is issued on 1 June.
    future = aboard(D(2021, 4, 1), D(2021, 12, 31))
    past = aboard(D(2020, 1, 1), D(2020, 11, 20))  # 325 days
    steps = mc.pathways.next_steps(deck_fleet([scheduled_person()], [past, future]), "BF1", AS_OF)
    assert steps.earliest == D(2021, 6, 1)


def test_what_is_still_needed_when_the_schedule_is_not_enough() -> None:
    steps = mc.pathways.next_steps(deck_fleet([scheduled_person()], [PAST]), "BF1", AS_OF)
    assert steps.earliest is None
    assert [r.detail for r in steps.still_needed] == [
        "needs 65 more days of sea time (has 300 of 365)"
    ]
    records = steps.to_records()
    assert [(r["section"], r["item"], r["met"]) for r in records] == [
        ("requirement", "eng1", True),
        ("requirement", "coc-oow", False),
        ("requirement", "leadership", False),
        ("requirement", "days", False),
        ("requirement", "months", True),
        ("still-needed", "days", False),
    ]
    assert records[-1] | {"detail": ""} == {
        "person": "BF1",
        "grade": "oow",
        "as_of": "2021-03-31",
        "current_grade": "leading-hand",
        "pathway": "deck",
        "earliest": None,
        "section": "still-needed",
        "kind": "sea-time",
        "item": "days",
        "met": False,
        "detail": "",
        "required": 365,
        "have": 300,
        "evidence": None,
        "until": None,
        "transfers": None,
    }


def test_eligible_now_means_earliest_is_as_of() -> None:
    who = leading_hand(
        certificates=(cert("eng1", D(2020, 6, 1)), cert("coc-oow", D(2020, 6, 1))),
        training=(trained("leadership", D(2019, 5, 5)),),
    )
    steps = mc.pathways.next_steps(
        deck_fleet([who], [aboard(D(2019, 1, 1), D(2020, 12, 31))]), who, "2021-03-31"
    )
    assert steps.eligible
    assert steps.earliest == AS_OF
    assert {record["grade"] for record in steps.to_records()} == {"oow"}


def test_the_top_grade_has_no_next_grade() -> None:
    steps = mc.pathways.next_steps(deck_fleet([leading_hand(grade="oow")], []), "BF1", AS_OF)
    assert steps.next_grade is None
    assert steps.eligibility is None
    assert steps.to_records() == []


def test_switching_pathway_states_what_transfers() -> None:
    who = leading_hand(
        certificates=(cert("eng1", D(2020, 6, 1)), cert("coc-oow", D(2020, 6, 1))),
        training=(trained("leadership", D(2019, 5, 5)),),
    )
    steps = mc.pathways.next_steps(deck_fleet([who], [PAST]), "BF1", AS_OF, pathway="engineering")
    assert (steps.pathway, steps.next_grade) == ("engineering", "eng-rating")
    moves = {(t.kind, t.item): t.transfers for t in steps.transfers}
    assert moves == {
        ("sea-time", "days"): True,
        ("certificate", "eng1"): True,
        ("certificate", "coc-oow"): False,
        ("course", "leadership"): False,
        ("months-in-grade", "leading-hand"): False,
    }
    assert steps.transfers[0].detail == "300 days of sea time count on engineering"
    assert steps.eligibility is not None
    assert [r.item for r in steps.eligibility.unmet] == ["eng-cert"]
    records = steps.to_records()
    assert len({frozenset(record) for record in records}) == 1  # one shape, for a DataFrame
    transfers = [
        (r["kind"], r["item"], r["transfers"]) for r in records if r["section"] == "transfer"
    ]
    assert transfers == [(t.kind, t.item, t.transfers) for t in steps.transfers]
    assert {r["grade"] for r in records} == {"eng-rating"}


def test_the_same_pathway_is_not_a_switch() -> None:
    steps = mc.pathways.next_steps(
        deck_fleet([scheduled_person()], [PAST]), "BF1", AS_OF, pathway="deck"
    )
    assert steps.next_grade == "oow"
    assert steps.transfers == ()


def test_an_unknown_pathway_raises_key_error() -> None:
    with pytest.raises(KeyError, match="cabin"):
        mc.pathways.next_steps(deck_fleet([scheduled_person()], []), "BF1", AS_OF, pathway="cabin")
