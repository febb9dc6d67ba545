"""Terms sets: lifecycle stages from dates, who was on which set and why, consultations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import maritime_crew as mc
from maritime_crew.cli import main
from tests.rules.builders import D, fleet, person

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "fleet"


@pytest.fixture(scope="module")
def example() -> mc.model.Fleet:
    return mc.load(EXAMPLE)


def _set(**fields: object) -> mc.model.TermsAndConditions:
    fields.setdefault("status", mc.model.TermsStatus.DRAFT)
    return mc.model.TermsAndConditions(id="tc-1", title="Terms", **fields)  # type: ignore[arg-type]


def test_the_stage_follows_the_dates_step_by_step() -> None:
    terms = _set(
        drafted=D(2020, 6, 30),
        consultation=mc.model.Consultation(D(2020, 9, 1), D(2020, 11, 30)),
        agreed=D(2021, 1, 29),
        effective=D(2021, 4, 1),
        superseded=D(2025, 4, 1),
    )
    data = fleet(terms=[terms])
    stages = {
        D(2020, 1, 1): mc.model.TermsStatus.DRAFT,
        D(2020, 8, 31): mc.model.TermsStatus.DRAFT,
        D(2020, 9, 1): mc.model.TermsStatus.CONSULTATION,
        D(2021, 1, 28): mc.model.TermsStatus.CONSULTATION,
        D(2021, 1, 29): mc.model.TermsStatus.AGREED,
        D(2021, 3, 31): mc.model.TermsStatus.AGREED,
        D(2021, 4, 1): mc.model.TermsStatus.IN_FORCE,
        D(2025, 3, 31): mc.model.TermsStatus.IN_FORCE,
        D(2025, 4, 1): mc.model.TermsStatus.SUPERSEDED,
    }
    for day, stage in stages.items():
        found = mc.terms.lifecycle(data, "tc-1", day)
        assert found.stage is stage, day
        assert found.in_force is (stage is mc.model.TermsStatus.IN_FORCE)
        # the stage agrees with the facts the TERMS rules use
        assert found.in_force is mc.facts.Facts.of(data).on(day).terms_in_force(terms)
    assert [step.recorded_as for step in found.steps] == [
        "drafted",
        "consultation.opens",
        "agreed",
        "effective",
        "superseded",
    ]
    assert found.out_of_order == ()


def test_dates_that_run_backwards_are_named() -> None:
    terms = _set(agreed=D(2021, 5, 1), effective=D(2021, 4, 1))
    found = mc.terms.lifecycle(fleet(terms=[terms]), terms, "2021-06-01")
    assert found.out_of_order == ("effective 2021-04-01 is before agreed 2021-05-01",)
    with pytest.raises(KeyError, match="no terms set 'tc-9'"):
        mc.terms.lifecycle(fleet(terms=[terms]), "tc-9", "2021-06-01")


def test_terms_for_says_which_set_applied_and_why(example: mc.model.Fleet) -> None:
    before = mc.terms.terms_for(example, "BF1003", "2021-03-31")
    assert before.terms is not None
    assert before.terms.id == "tc-2012"
    assert before.applies is before.terms
    assert before.why == (
        "BF1003 is assigned to tc-2012 from 2017-12-03 to 2021-03-31; "
        "tc-2012 is in force from 2012-04-01 until 2021-03-31"
    )
    after = mc.terms.terms_for(example, "BF1003", "2021-04-01")
    assert after.terms is not None
    assert after.terms.id == "tc-2021"
    assert after.why.endswith("tc-2021 is in force from 2021-04-01")
    assert after.to_record()["assignment_start"] == "2021-04-01"


def test_terms_for_explains_each_way_a_set_does_not_apply() -> None:
    terms = _set(effective=D(2021, 4, 1), superseded=D(2022, 4, 1))
    someone = person(
        "BF1",
        terms=(
            mc.model.TermsAssignment("tc-1", D(2021, 1, 1), D(2022, 12, 31)),
            mc.model.TermsAssignment("tc-x", D(2023, 1, 1), D(2023, 1, 31)),
        ),
    )
    data = fleet(terms=[terms], people=[someone])
    early = mc.terms.terms_for(data, "BF1", "2021-02-01")
    assert (early.in_force, early.applies) == (False, None)
    assert early.why.endswith("tc-1 only comes into force on 2021-04-01")
    late = mc.terms.terms_for(data, someone, "2022-06-01")
    assert late.why.endswith("tc-1 was superseded on 2022-04-01")
    unknown = mc.terms.terms_for(data, "BF1", "2023-01-15")
    assert unknown.why.endswith("but no set 'tc-x' is recorded")
    gap = mc.terms.terms_for(data, "BF1", "2024-01-01")
    assert gap.assignment is None
    assert gap.why == (
        "no assignment of BF1 covers 2024-01-01 "
        "(tc-1 from 2021-01-01 to 2022-12-31; tc-x from 2023-01-01 to 2023-01-31)"
    )
    with pytest.raises(KeyError):
        mc.terms.terms_for(data, "BF9", "2024-01-01")


def test_consultation_summary_of_the_example(example: mc.model.Fleet) -> None:
    summary = mc.terms.consultation_summary(example, "tc-2021")
    assert summary is not None
    assert (summary.opens, summary.closes, summary.days) == (D(2020, 9, 1), D(2020, 11, 30), 91)
    assert summary.responses == 8
    assert dict(summary.by_theme) == {
        "allowances": 2,
        "leave": 2,
        "rest-periods": 2,
        "working-pattern": 2,
        "career-pathways": 1,
        "fatigue": 1,
        "training": 1,
    }
    assert summary.by_theme[0] == ("allowances", 2)  # most first, then by name
    assert (summary.answered, summary.unanswered) == (6, ("R-005", "R-008"))
    assert summary.answered_share == 0.75
    assert summary.outside_window == ()
    assert mc.terms.consultation_summary(example, "tc-2012") is None


def test_responses_outside_the_window_are_listed() -> None:
    responses = (
        mc.model.ConsultationResponse("R-1", D(2020, 8, 31)),
        mc.model.ConsultationResponse("R-2", D(2020, 9, 1), management_response="Noted."),
        mc.model.ConsultationResponse("R-3", D(2020, 12, 1)),
    )
    terms = _set(consultation=mc.model.Consultation(D(2020, 9, 1), D(2020, 11, 30), responses))
    summary = mc.terms.consultation_summary(fleet(terms=[terms]), "tc-1")
    assert summary is not None
    assert summary.outside_window == ("R-1", "R-3")
    assert summary.answered_share == pytest.approx(1 / 3)


class TestConsultationAsOfADate:
    """Only what had happened by the date counts (issue 20)."""

    RESPONSES = (
        mc.model.ConsultationResponse(
            "R-1",
            D(2020, 9, 30),
            themes=("leave",),
            management_response="Noted.",
            responded_on=D(2020, 10, 1),
        ),
        mc.model.ConsultationResponse(
            "R-2", D(2020, 10, 1), themes=("allowances",), management_response="Agreed."
        ),
        mc.model.ConsultationResponse(
            "R-3",
            D(2020, 10, 2),
            themes=("allowances",),
            management_response="Later.",
            responded_on=D(2020, 10, 2),
        ),
    )

    def summary(self, as_of: str | None) -> mc.terms.ConsultationSummary:
        window = mc.model.Consultation(D(2020, 9, 1), D(2020, 11, 30), self.RESPONSES)
        found = mc.terms.consultation_summary(
            fleet(terms=[_set(consultation=window)]), "tc-1", as_of
        )
        assert found is not None
        return found

    def test_a_response_on_the_date_counts_and_one_the_day_after_does_not(self) -> None:
        on = self.summary("2020-10-01")
        assert (on.as_of, on.responses) == (D(2020, 10, 1), 2)
        assert dict(on.by_theme) == {"allowances": 1, "leave": 1}
        # R-1 answered on the date; R-2's answer has no date, so counts with R-2 itself.
        assert (on.answered, on.unanswered) == (2, ())
        after = self.summary("2020-10-02")
        assert (after.responses, after.answered) == (3, 3)
        assert dict(after.by_theme) == {"allowances": 2, "leave": 1}

    def test_an_answer_given_the_day_after_does_not_count(self) -> None:
        before = self.summary("2020-09-30")
        assert (before.responses, before.answered, before.unanswered) == (1, 0, ("R-1",))
        assert before.answered_share == 0.0

    def test_without_a_date_everything_recorded_counts(self) -> None:
        summary = self.summary(None)
        assert (summary.as_of, summary.responses, summary.answered) == (None, 3, 3)
        assert summary.to_record()["as_of"] is None

    def test_the_example_before_december(self, example: mc.model.Fleet) -> None:
        """The management responses of December 2020 do not count on 2020-10-01."""
        summary = mc.terms.consultation_summary(example, "tc-2021", "2020-10-01")
        assert summary is not None
        assert (summary.responses, summary.answered) == (3, 0)
        assert summary.unanswered == ("R-001", "R-002", "R-003")
        assert summary.to_record()["as_of"] == "2020-10-01"
        for day, answered in (("2020-12-10", 5), ("2020-12-11", 6)):  # R-007's answer
            late = mc.terms.consultation_summary(example, "tc-2021", day)
            assert late is not None
            assert (late.responses, late.answered) == (8, answered), day


def test_terms_command_summarises_the_consultation_as_of_the_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys, "terms", str(EXAMPLE), "tc-2021", "--as-of", "2020-10-01")
    assert code == 0
    assert "(91 days), 3 responses, 0 answered (0%)" in out
    assert "no management response: R-001, R-002, R-003" in out
    code, out, _ = _run(
        capsys, "terms", str(EXAMPLE), "tc-2021", "--as-of", "2020-10-01", "--format", "json"
    )
    consultation = json.loads(out)["consultation"]
    assert (consultation["as_of"], consultation["responses"]) == ("2020-10-01", 3)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_terms_command_lists_sets_with_their_stage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(
        capsys, "terms", str(EXAMPLE), "--as-of", "2021-03-31", "--format", "json"
    )
    assert (code, err) == (0, "")
    rows = {row["id"]: row for row in json.loads(out)["sets"]}
    assert rows["tc-2012"]["stage"] == "in-force"
    assert rows["tc-2021"]["stage"] == "agreed"
    assert rows["tc-2021"]["business_year"] == "2021/22"
    example = mc.load(EXAMPLE)
    on_2012 = [
        p.id
        for p in example.people
        if p.in_service_on(D(2021, 3, 31))
        and mc.terms.terms_for(example, p, "2021-03-31").applies is example.terms_set("tc-2012")
    ]
    assert rows["tc-2012"]["people"] == len(on_2012) > 0
    code, out, _ = _run(capsys, "terms", str(EXAMPLE), "--as-of", "2021-03-31")
    assert "tc-2021  Maritime Command crew terms 2021" in out
    assert "planned for 2021/22" in out


def test_terms_command_shows_one_set(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "terms", str(EXAMPLE), "tc-2021", "--as-of", "2021-04-01")
    assert code == 0
    assert "Stage on 2021-04-01: in-force (recorded: agreed)" in out
    assert "8 responses, 6 answered (75%)" in out
    assert "no management response: R-005, R-008" in out
    assert "Sea-going allowance: £27.50 per day at sea" in out
    code, out, _ = _run(capsys, "terms", str(EXAMPLE), "tc-2021", "--format", "json")
    assert json.loads(out)["consultation"]["answered"] == 6


def test_terms_command_shows_the_working_pattern(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = _run(capsys, "terms", str(EXAMPLE), "tc-2021", "--format", "json")
    assert json.loads(out)["working_pattern"] == {
        "days_on": 14,
        "days_off": 14,
        "max_consecutive_days_at_sea": 21,
        "rest_days_after_tour": None,
    }
    pattern = mc.model.WorkingPattern(
        14, 14, max_consecutive_days_at_sea=21, rest_days_after_tour=4
    )
    restful = mc.model.TermsAndConditions(
        "tc-rest", "Rest", mc.model.TermsStatus.IN_FORCE, working_pattern=pattern
    )
    mc.dump(mc.model.Fleet(terms=(restful,)), tmp_path / "terms.toml")
    code, out, _ = _run(capsys, "terms", str(tmp_path / "terms.toml"), "tc-rest")
    assert code == 0
    assert (
        "Working pattern: 14 days on, 14 off, at most 21 consecutive days at sea, 4 days "
        "ashore owed after a tour"
    ) in out


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "json", "tc-2021"],  # the set after an option
        ["--format", "json", "--", "tc-2021"],  # after "--", as an id beginning "-" must be
    ],
)
def test_terms_command_takes_the_set_after_options(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, err = _run(capsys, "terms", str(EXAMPLE), "--as-of", "2021-04-01", *args)
    assert (code, err) == (0, "")
    assert json.loads(out)["id"] == "tc-2021"


def test_terms_command_explains_a_person(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("terms", str(EXAMPLE), "--person", "BF1003", "--as-of", "2021-04-01")
    code, out, _ = _run(capsys, *args)
    assert code == 0
    assert out.strip() == mc.terms.terms_for(mc.load(EXAMPLE), "BF1003", "2021-04-01").why


def test_terms_command_rejects_unknown_ids(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "terms", str(EXAMPLE), "tc-1999")
    assert code == 2
    assert out == ""
    assert "unknown terms set 'tc-1999'" in err
    assert "Traceback" not in err
    code, _, err = _run(capsys, "terms", str(EXAMPLE), "--person", "BF0000")
    assert code == 2
    assert "unknown person 'BF0000'" in err
