"""TERMS rules: sets in force, consultation, working pattern, business-year plan."""

from __future__ import annotations

from typing import Any

import pendulum

import maritime_crew as mc
from maritime_crew.timeline import finding_key

from .builders import D, crew, fleet, messages, person, run


def terms(id: str = "tc-2021", **fields: Any) -> mc.model.TermsAndConditions:
    fields.setdefault("title", "Maritime Command crew terms 2021")
    fields.setdefault("status", mc.model.TermsStatus.IN_FORCE)
    return mc.model.TermsAndConditions(id=id, **fields)


def on(
    set_id: str, start: pendulum.Date, end: pendulum.Date | None = None
) -> tuple[mc.model.TermsAssignment, ...]:
    return (mc.model.TermsAssignment(set_id, start, end),)


OLD = terms(
    "tc-2012",
    title="Crew terms 2012",
    status=mc.model.TermsStatus.SUPERSEDED,
    effective=D(2012, 4, 1),
    superseded=D(2021, 4, 1),
    working_pattern=mc.model.WorkingPattern(14, 14, max_consecutive_days_at_sea=28),
)
NEW = terms(
    effective=D(2021, 4, 1),
    supersedes="tc-2012",
    working_pattern=mc.model.WorkingPattern(14, 14, max_consecutive_days_at_sea=21),
)


class TestNoTermsInForce:
    def test_a_set_not_yet_effective(self) -> None:
        data = fleet(people=[person("BF1", terms=on("tc-2021", D(2021, 3, 1)))], terms=[NEW])
        (finding,) = run(data, "TERMS001")
        assert finding.message == (
            "BF1 is on tc-2021 (Maritime Command crew terms 2021), which is not in force on "
            "2021-03-31: it is not effective until 2021-04-01"
        )
        assert finding.details == {
            "terms": "tc-2021",
            "effective": "2021-04-01",
            "superseded": None,
        }
        assert run(data, "TERMS001", as_of=D(2021, 4, 1)) == []

    def test_a_superseded_set_from_the_day_it_is_superseded(self) -> None:
        data = fleet(people=[person("BF1", terms=on("tc-2012", D(2012, 4, 1)))], terms=[OLD])
        assert run(data, "TERMS001") == []
        assert messages(run(data, "TERMS001", as_of=D(2021, 4, 1))) == [
            "BF1 is on tc-2012 (Crew terms 2012), which is not in force on 2021-04-01: it was "
            "superseded on 2021-04-01"
        ]

    def test_a_set_never_given_an_effective_date(self) -> None:
        undated = terms(status=mc.model.TermsStatus.IN_FORCE)
        data = fleet(people=[person("BF1", terms=on("tc-2021", D(2021, 1, 1)))], terms=[undated])
        assert messages(run(data, "TERMS001")) == [
            "BF1 is on tc-2021 (Maritime Command crew terms 2021), which is not in force on "
            "2021-03-31: it has never been given an effective date"
        ]

    def test_dates_decide_not_the_recorded_status(self) -> None:
        draft = terms(status=mc.model.TermsStatus.DRAFT, effective=D(2020, 1, 1))
        data = fleet(people=[person("BF1", terms=on("tc-2021", D(2020, 1, 1)))], terms=[draft])
        assert run(data, "TERMS001") == []

    def test_an_assignment_that_ended(self) -> None:
        data = fleet(
            people=[person("BF1", terms=on("tc-2012", D(2012, 4, 1), D(2021, 3, 30)))],
            terms=[OLD],
        )
        assert run(data, "TERMS001", as_of=D(2021, 3, 30)) == []
        (finding,) = run(data, "TERMS001")
        assert finding.message == (
            "BF1 is in service on 2021-03-31 but on no terms and conditions set: their "
            "assignment to tc-2012 ended on 2021-03-30"
        )

    def test_an_assignment_yet_to_start_or_none_at_all(self) -> None:
        data = fleet(
            people=[person("BF1", terms=on("tc-2021", D(2021, 4, 1))), person("BF2")],
            terms=[NEW],
        )
        assert messages(run(data, "TERMS001")) == [
            "BF1 is in service on 2021-03-31 but on no terms and conditions set: their "
            "assignment to tc-2021 starts on 2021-04-01",
            "BF2 is in service on 2021-03-31 but on no terms and conditions set: no terms "
            "assignment is recorded",
        ]

    def test_the_latest_assignment_covering_the_date_applies(self) -> None:
        moved = (
            mc.model.TermsAssignment("tc-2012", D(2012, 4, 1), D(2021, 3, 31)),
            mc.model.TermsAssignment("tc-2021", D(2021, 4, 1)),
        )
        data = fleet(people=[person("BF1", terms=moved)], terms=[OLD, NEW])
        assert run(data, "TERMS001") == []
        assert run(data, "TERMS001", as_of=D(2021, 4, 1)) == []

    def test_unknown_sets_and_people_not_in_service_are_not_reported(self) -> None:
        data = fleet(
            people=[
                person("BF1", terms=on("tc-1999", D(2000, 1, 1))),  # DATA002
                person("BF2", left=D(2021, 3, 30)),
                person("BF3", joined=D(2021, 4, 1)),
            ]
        )
        assert run(data, "TERMS001") == []

    def test_finding_points_at_the_assignment(self) -> None:
        data = mc.loads(
            mc.dumps(
                fleet(people=[person("BF1", terms=on("tc-2021", D(2021, 3, 1)))], terms=[NEW])
            ),
            name="fleet.toml",
        )
        (finding,) = run(data, "TERMS001")
        assert finding.subject == mc.model.Subject("person", "BF1")
        assert finding.source is not None
        assert finding.source.file == "fleet.toml"


def consulted(effective: pendulum.Date | None) -> mc.model.TermsAndConditions:
    window = mc.model.Consultation(D(2020, 9, 1), D(2020, 11, 30))
    return terms(effective=effective, consultation=window)


class TestInForceBeforeConsultationClosed:
    def test_effective_on_the_last_day_of_consultation(self) -> None:
        (finding,) = run(fleet(terms=[consulted(D(2020, 11, 30))]), "TERMS002")
        assert finding.message == (
            "tc-2021 (Maritime Command crew terms 2021) is effective from 2020-11-30, but its "
            "consultation ran from 2020-09-01 to 2020-11-30 inclusive; it could take effect "
            "from 2020-12-01 at the earliest"
        )
        assert finding.details["days_early"] == 1
        assert finding.subject == mc.model.Subject("terms", "tc-2021")

    def test_effective_the_day_after_it_closed(self) -> None:
        assert run(fleet(terms=[consulted(D(2020, 12, 1))]), "TERMS002") == []

    def test_the_check_date_does_not_matter(self) -> None:
        data = fleet(terms=[consulted(D(2020, 10, 1))])
        (finding,) = run(data, "TERMS002", as_of=D(2020, 6, 1))
        assert finding.details["days_early"] == 61

    def test_no_consultation_or_no_effective_date(self) -> None:
        data = fleet(terms=[terms(effective=D(2020, 1, 1)), consulted(None)])
        assert run(data, "TERMS002") == []


def planned(effective: pendulum.Date | None) -> mc.model.TermsAndConditions:
    return terms(
        status=mc.model.TermsStatus.AGREED,
        effective=effective,
        business_year=mc.model.BusinessYear.parse("2021/22"),
    )


class TestNotInForceByYearEnd:
    def test_no_effective_date_once_the_year_has_ended(self) -> None:
        data = fleet(terms=[planned(None)])
        assert run(data, "TERMS004", as_of=D(2022, 3, 31)) == []
        (finding,) = run(data, "TERMS004", as_of=D(2022, 4, 1))
        assert finding.message == (
            "tc-2021 (Maritime Command crew terms 2021) was planned for 2021/22 but not in "
            "force by 2022-03-31: it has no effective date"
        )
        assert finding.details == {
            "business_year": "2021/22",
            "year_end": "2022-03-31",
            "effective": None,
        }

    def test_effective_on_the_last_day_of_the_year_is_in_time(self) -> None:
        assert run(fleet(terms=[planned(D(2022, 3, 31))]), "TERMS004", as_of=D(2023, 1, 1)) == []

    def test_effective_after_the_year_end(self) -> None:
        data = fleet(terms=[planned(D(2022, 4, 1))])
        assert messages(run(data, "TERMS004", as_of=D(2022, 4, 1))) == [
            "tc-2021 (Maritime Command crew terms 2021) was planned for 2021/22 but not in "
            "force by 2022-03-31: it is effective from 2022-04-01, 1 day after the year ended"
        ]

    def test_sets_without_a_planned_year_are_not_reported(self) -> None:
        assert run(fleet(terms=[terms()]), "TERMS004", as_of=D(2030, 1, 1)) == []


# -- the facts the TERMS rules ask, and the timeline that follows them -----------------------


def _same_until_noted(
    data: mc.model.Fleet, question: Any, first: pendulum.Date, last: pendulum.Date
) -> None:
    """Asked on each day, ``question``'s answer stays the same up to the day its trace names."""
    facts = mc.facts.Facts.of(data)
    for day in range(first.toordinal(), last.toordinal() + 1):
        trace = mc.facts.Trace(day)
        answer = question(facts.traced(D.fromordinal(day), trace))
        for later in range(day + 1, min(trace.next, last.toordinal() + 1)):
            assert question(facts.on(D.fromordinal(later))) == answer, (day, later)


def _timeline_is_check(
    data: mc.model.Fleet, code: str, first: pendulum.Date, last: pendulum.Date
) -> None:
    """The timeline of one rule holds, on every day, the findings ``check`` finds."""
    result = mc.timeline.timeline(data, first, last, config=mc.rules.Config(select=(code,)))
    for day in range(first.toordinal(), last.toordinal() + 1):
        on = D.fromordinal(day)
        expected = {finding_key(f) for f in run(data, code, as_of=on)}
        assert {key for key, _ in result.on(on)} == expected, on


MOVED = (
    mc.model.TermsAssignment("tc-2012", D(2012, 4, 1), D(2021, 3, 10)),
    mc.model.TermsAssignment("tc-2021", D(2021, 3, 20)),
)


def test_the_assignment_and_the_set_in_force_know_when_they_change() -> None:
    data = fleet(people=[person("BF1", terms=MOVED)], terms=[OLD, NEW])
    someone = data.people[0]
    view = mc.facts.Facts.of(data).on(D(2021, 3, 25))
    found = view.assignment(someone)
    assert found == mc.facts.Assigned(MOVED[1], 1, NEW)
    assert not view.terms_in_force(NEW)
    assert view.assignment_on(someone, D(2021, 3, 1)) == mc.facts.Assigned(MOVED[0], 0, OLD)
    assert view.assignment_on(someone, D(2021, 3, 15)) is None
    first, last = D(2021, 3, 1), D(2021, 4, 10)
    _same_until_noted(data, lambda v: v.assignment(someone), first, last)
    _same_until_noted(data, lambda v: (v.terms_in_force(OLD), v.terms_in_force(NEW)), first, last)


def test_the_timeline_of_terms001_follows_assignments_and_sets() -> None:
    data = fleet(
        people=[person("BF1", terms=MOVED), person("BF2", terms=on("tc-2021", D(2021, 3, 25)))],
        terms=[OLD, NEW],
    )
    _timeline_is_check(data, "TERMS001", D(2021, 3, 1), D(2021, 4, 10))


def test_an_open_deployment_is_followed_day_by_day_once_someone_is_over() -> None:
    def deployed(id: str, start: pendulum.Date, end: pendulum.Date | None, **fields: Any) -> Any:
        return mc.model.Deployment(id=id, vessel="vigilant", start=start, end=end, **fields)

    data = fleet(
        crews=[crew("vigilant-a")],
        people=[
            person("BF1", crew="vigilant-a", terms=on("tc-2021", D(2021, 1, 1))),
            person(
                "BF2",
                crew="vigilant-a",
                crew_since=D(2021, 5, 10),
                terms=on("tc-2021", D(2021, 1, 1)),
            ),
        ],
        deployments=[
            deployed("dep-1", D(2021, 5, 1), None, crew="vigilant-a"),
            deployed("dep-2", D(2021, 5, 3), D(2021, 6, 2), person="BF2"),
        ],
        terms=[terms(effective=D(2021, 1, 1), working_pattern=NEW.working_pattern)],
    )
    _timeline_is_check(data, "TERMS003", D(2021, 4, 20), D(2021, 6, 20))
    found = {f.subject.id: f.details for f in run(data, "TERMS003", as_of=D(2021, 6, 5))}
    # BF1 aboard with the crew since 1 May; BF2 on their own deployment from 3 May, then
    # with the crew, which they joined on 10 May: one tour, 34 days by 5 June.
    assert {who: (d["first"], d["last"], d["days"]) for who, d in found.items()} == {
        "BF1": ("2021-05-01", None, 36),
        "BF2": ("2021-05-03", None, 34),
    }
    assert found["BF2"]["deployments"] == ["dep-2", "dep-1"]


def test_the_timeline_of_terms004_starts_the_day_after_the_year_end() -> None:
    data = fleet(
        terms=[
            planned(None),
            terms(
                "tc-late",
                effective=D(2022, 5, 1),
                business_year=mc.model.BusinessYear.parse("2021/22"),
            ),
        ]
    )
    _timeline_is_check(data, "TERMS004", D(2022, 3, 20), D(2022, 4, 10))
