"""Tours at sea: TERMS003 (a tour longer than the terms allow) and TERMS005 (back at sea
before the rest owed), against a brute-force oracle that walks day by day.

The oracle asks ``View.aboard`` on each day which deployments put a person aboard, keeps
those started by the check date (one without an end counting up to it), and splits the
days aboard into runs of consecutive days: the tours.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew.facts import Facts, Tour, Trace
from maritime_crew.timeline import finding_key

from .builders import D, crew, fleet, messages, person, run

BASE = D(2021, 5, 1)


def day(offset: int) -> pendulum.Date:
    return BASE.add(days=offset)


def pattern(limit: int | None = 21, rest: int | None = None) -> mc.model.WorkingPattern:
    return mc.model.WorkingPattern(
        14, 14, max_consecutive_days_at_sea=limit, rest_days_after_tour=rest
    )


def terms(id: str = "tc-2021", **fields: Any) -> mc.model.TermsAndConditions:
    fields.setdefault("title", "Maritime Command crew terms 2021")
    fields.setdefault("status", mc.model.TermsStatus.IN_FORCE)
    fields.setdefault("effective", D(2021, 1, 1))
    fields.setdefault("working_pattern", pattern(21, 4))
    return mc.model.TermsAndConditions(id=id, **fields)


ON_TERMS = (mc.model.TermsAssignment("tc-2021", D(2021, 1, 1)),)


def deployed(
    id: str, start: pendulum.Date, end: pendulum.Date | None, **fields: Any
) -> mc.model.Deployment:
    fields.setdefault("vessel", "vigilant")
    if "crew" not in fields:
        fields.setdefault("person", "BF1")
    return mc.model.Deployment(id=id, start=start, end=end, **fields)


def crew_fleet(
    *deployments: mc.model.Deployment,
    people: tuple[mc.model.Person, ...] | None = None,
    sets: tuple[mc.model.TermsAndConditions, ...] | None = None,
    **fields: Any,
) -> mc.model.Fleet:
    """BF1 in crew vigilant-a on tc-2021 (21 days at most, 4 days ashore owed)."""
    fields.setdefault("crew", "vigilant-a")
    fields.setdefault("terms", ON_TERMS)
    return fleet(
        crews=[crew("vigilant-a"), crew("seeker-a", "seeker")],
        people=people if people is not None else [person("BF1", **fields)],
        deployments=deployments,
        terms=sets if sets is not None else [terms()],
    )


def tours_on(data: mc.model.Fleet, on: pendulum.Date, who: int = 0) -> tuple[Tour, ...]:
    return Facts.of(data).on(on).tours(data.people[who])


# -- joining deployments into tours -------------------------------------------------------


class TestJoining:
    def test_back_to_back_deployments_are_one_tour(self) -> None:
        # Ends on the 14th, the next starts on the 15th: no day at home between them.
        first = deployed("dep-1", day(0), day(13), crew="vigilant-a")
        second = deployed("dep-2", day(14), day(27), vessel="seeker")
        data = crew_fleet(first, second)
        assert tours_on(data, day(30)) == (Tour(day(0), day(27), (first, second)),)

    def test_overlapping_deployments_are_one_tour(self) -> None:
        first = deployed("dep-1", day(0), day(13), crew="vigilant-a")
        second = deployed("dep-2", day(10), day(20))
        assert tours_on(crew_fleet(first, second), day(30)) == (
            Tour(day(0), day(20), (first, second)),
        )

    def test_one_day_ashore_ends_a_tour(self) -> None:
        first = deployed("dep-1", day(0), day(13), crew="vigilant-a")
        second = deployed("dep-2", day(15), day(28))
        assert tours_on(crew_fleet(first, second), day(30)) == (
            Tour(day(0), day(13), (first,)),
            Tour(day(15), day(28), (second,)),
        )

    def test_a_deployment_counts_from_its_first_day_to_its_planned_end(self) -> None:
        first = deployed("dep-1", day(0), day(13), crew="vigilant-a")
        second = deployed("dep-2", day(14), day(27))
        data = crew_fleet(first, second)
        assert tours_on(data, day(13)) == (Tour(day(0), day(13), (first,)),)
        assert tours_on(data, day(14)) == (Tour(day(0), day(27), (first, second)),)
        assert tours_on(data, day(-1)) == ()

    def test_an_open_deployment_runs_on_to_the_date(self) -> None:
        first = deployed("dep-1", day(0), day(13), crew="vigilant-a")
        running = deployed("dep-2", day(14), None)
        data = crew_fleet(first, running)
        assert tours_on(data, day(20)) == (Tour(day(0), None, (first, running)),)

    def test_cover_joins_the_crews_own_fortnight(self) -> None:
        # BF1 of seeker-a covers on vigilant-a's deployment, then sails with their own crew.
        covered = deployed("dep-1", day(0), day(6), crew="vigilant-a", cover=("BF1",))
        own = deployed("dep-2", day(7), day(20), crew="seeker-a", vessel="seeker")
        data = crew_fleet(covered, own, crew="seeker-a")
        assert tours_on(data, day(30)) == (Tour(day(0), day(20), (covered, own)),)

    def test_a_day_away_splits_a_crew_deployment(self) -> None:
        deployment = deployed("dep-1", day(0), day(29), crew="vigilant-a")
        sick = mc.model.Absence(mc.model.AbsenceKind.SICKNESS, day(10), day(10))
        data = crew_fleet(deployment, absences=(sick,))
        assert tours_on(data, day(30)) == (
            Tour(day(0), day(9), (deployment,)),
            Tour(day(11), day(29), (deployment,)),
        )

    def test_a_deployment_the_person_did_not_sail_on_is_not_theirs(self) -> None:
        first = deployed("dep-1", day(0), day(13), crew="vigilant-a", absent=("BF1",))
        second = deployed("dep-2", day(14), day(27))
        assert tours_on(crew_fleet(first, second), day(30)) == (Tour(day(14), day(27), (second,)),)

    def test_crew_deployments_count_while_a_member(self) -> None:
        before = deployed("dep-1", day(0), day(13), crew="seeker-a", vessel="seeker")
        after = deployed("dep-2", day(0), day(27), crew="vigilant-a")
        moved = (mc.model.CrewSpell("seeker-a", D(2020, 1, 1), day(9)),)
        data = crew_fleet(before, after, previous_crews=moved, crew_since=day(10))
        assert tours_on(data, day(30)) == (Tour(day(0), day(27), (before, after)),)

    def test_a_tour_to_come_is_not_answered_until_its_first_day(self) -> None:
        deployment = deployed("dep-1", day(0), day(29), crew="vigilant-a")
        away = mc.model.Absence(mc.model.AbsenceKind.ANNUAL_LEAVE, day(5), day(9))
        data = crew_fleet(deployment, absences=(away,))
        assert tours_on(data, day(9)) == (Tour(day(0), day(4), (deployment,)),)
        assert len(tours_on(data, day(10))) == 2


# -- TERMS003 ----------------------------------------------------------------------------


class TestTourExceedsWorkingPattern:
    def test_a_tour_exactly_at_the_limit_passes(self) -> None:
        data = crew_fleet(
            deployed("dep-1", day(0), day(13), crew="vigilant-a"),
            deployed("dep-2", day(14), day(20)),
        )
        assert run(data, "TERMS003", as_of=day(40)) == []

    def test_a_tour_a_day_over_the_limit_fails(self) -> None:
        data = crew_fleet(
            deployed("dep-1", day(0), day(13), crew="vigilant-a"),
            deployed("dep-2", day(14), day(21), vessel="seeker"),
        )
        (finding,) = run(data, "TERMS003", as_of=day(40))
        assert finding.message == (
            "BF1's tour at sea from 2021-05-01 to 2021-05-22 (22 days) is longer than the 21 "
            "consecutive days at sea allowed by tc-2021; it joins deployments dep-1 of crew "
            "vigilant-a aboard vigilant from 2021-05-01 to 2021-05-14 and dep-2 aboard seeker "
            "from 2021-05-15 to 2021-05-22"
        )
        assert finding.details == {
            "first": "2021-05-01",
            "last": "2021-05-22",
            "days": 22,
            "limit": 21,
            "terms": "tc-2021",
            "deployments": ["dep-1", "dep-2"],
        }
        assert finding.subject == mc.model.Subject("person", "BF1")
        assert finding.severity is mc.rules.Severity.WARNING

    def test_two_fortnights_back_to_back_fail_and_a_day_between_passes(self) -> None:
        # The issue: two 14-day postings back to back are 28 days away against 21.
        back_to_back = crew_fleet(
            deployed("dep-1", day(0), day(13), crew="vigilant-a"),
            deployed("dep-2", day(14), day(27)),
        )
        assert [f.details["days"] for f in run(back_to_back, "TERMS003", as_of=day(40))] == [28]
        a_day_between = crew_fleet(
            deployed("dep-1", day(0), day(13), crew="vigilant-a"),
            deployed("dep-2", day(15), day(28)),
        )
        assert run(a_day_between, "TERMS003", as_of=day(40)) == []

    def test_a_single_long_deployment(self) -> None:
        data = crew_fleet(deployed("dep-1", day(0), day(21)))
        assert messages(run(data, "TERMS003", as_of=day(40))) == [
            "BF1's tour at sea from 2021-05-01 to 2021-05-22 (22 days) is longer than the 21 "
            "consecutive days at sea allowed by tc-2021; deployment dep-1 aboard vigilant "
            "from 2021-05-01 to 2021-05-22"
        ]

    def test_a_tour_is_reported_from_the_day_its_last_deployment_starts(self) -> None:
        data = crew_fleet(
            deployed("dep-1", day(0), day(13), crew="vigilant-a"),
            deployed("dep-2", day(14), day(27)),
        )
        assert run(data, "TERMS003", as_of=day(13)) == []
        assert len(run(data, "TERMS003", as_of=day(14))) == 1

    def test_an_open_deployment_is_reported_once_over_the_limit(self) -> None:
        data = crew_fleet(
            deployed("dep-1", day(0), day(13), crew="vigilant-a"),
            deployed("dep-2", day(14), None),
        )
        assert run(data, "TERMS003", as_of=day(20)) == []
        (finding,) = run(data, "TERMS003", as_of=day(21))
        assert finding.message == (
            "BF1's tour at sea from 2021-05-01 to 2021-05-22 (22 days so far) is longer than "
            "the 21 consecutive days at sea allowed by tc-2021; it joins deployments dep-1 of "
            "crew vigilant-a aboard vigilant from 2021-05-01 to 2021-05-14 and dep-2 aboard "
            "vigilant since 2021-05-15, with no end"
        )
        assert finding.details["last"] is None

    def test_the_set_on_the_first_day_of_the_tour_applies(self) -> None:
        strict = terms("tc-strict", working_pattern=pattern(10))
        moved = (
            mc.model.TermsAssignment("tc-2021", D(2021, 1, 1), day(0)),
            mc.model.TermsAssignment("tc-strict", day(1)),
        )
        data = crew_fleet(deployed("dep-1", day(0), day(14)), sets=(terms(), strict), terms=moved)
        assert run(data, "TERMS003", as_of=day(40)) == []  # 15 days under tc-2021's 21
        later = crew_fleet(deployed("dep-1", day(1), day(15)), sets=(terms(), strict), terms=moved)
        assert [f.details["terms"] for f in run(later, "TERMS003", as_of=day(40))] == ["tc-strict"]

    def test_each_member_of_a_crew_is_judged_on_their_own_tour(self) -> None:
        crew_deployment = deployed("dep-1", day(0), day(13), crew="vigilant-a")
        relief = deployed("dep-2", day(14), day(27), person="BF2")
        people = (
            person("BF1", crew="vigilant-a", terms=ON_TERMS),
            person("BF2", crew="vigilant-a", terms=ON_TERMS),
            person("BF3", crew="vigilant-a", terms=ON_TERMS, crew_since=day(7)),
        )
        data = crew_fleet(crew_deployment, relief, people=people)
        (finding,) = run(data, "TERMS003", as_of=day(40))
        assert finding.subject.id == "BF2"
        assert finding.details["deployments"] == ["dep-1", "dep-2"]

    def test_a_day_away_in_the_middle_ends_the_tour(self) -> None:
        long = deployed("dep-1", day(0), day(29), crew="vigilant-a")
        sick = mc.model.Absence(mc.model.AbsenceKind.SICKNESS, day(15), day(15))
        assert len(run(crew_fleet(long), "TERMS003", as_of=day(40))) == 1
        assert run(crew_fleet(long, absences=(sick,)), "TERMS003", as_of=day(40)) == []

    def test_no_set_or_no_limit_means_nothing_to_exceed(self) -> None:
        long = deployed("dep-1", day(0), day(40))
        assert run(crew_fleet(long, terms=()), "TERMS003", as_of=day(50)) == []
        unlimited = terms(working_pattern=pattern(None, 4))
        assert run(crew_fleet(long, sets=(unlimited,)), "TERMS003", as_of=day(50)) == []

    def test_unknown_people_and_crews_are_skipped(self) -> None:
        data = crew_fleet(
            deployed("dep-1", day(0), day(40), person="BF9"),
            deployed("dep-2", day(0), day(40), crew="nobody"),
            people=(),
        )
        assert run(data, "TERMS003", as_of=day(50)) == []


# -- TERMS005 ----------------------------------------------------------------------------


def rested(ashore: int, *, rest: int | None = 4) -> mc.model.Fleet:
    """A 14-day crew deployment, then one of BF1's own after ``ashore`` days at home."""
    back = 14 + ashore
    return crew_fleet(
        deployed("dep-1", day(0), day(13), crew="vigilant-a"),
        deployed("dep-2", day(back), day(back + 13)),
        sets=(terms(working_pattern=pattern(21, rest)),),
    )


class TestBackAtSeaBeforeRestOwed:
    def test_back_on_the_day_the_rest_owed_ends_fails(self) -> None:
        # The tour ends on 2021-05-14; 4 days owed are 15 to 18 May.
        (finding,) = run(rested(3), "TERMS005", as_of=day(40))
        assert finding.message == (
            "BF1 was back at sea on 2021-05-18, after 3 days ashore, on deployment dep-2 "
            "aboard vigilant from 2021-05-18 to 2021-05-31; their tour at sea from 2021-05-01 "
            "to 2021-05-14 (14 days) owes 4 days ashore under tc-2021, to the end of "
            "2021-05-18: the next could start on 2021-05-19 at the earliest"
        )
        assert finding.details == {
            "tour_first": "2021-05-01",
            "tour_last": "2021-05-14",
            "back": "2021-05-18",
            "deployment": "dep-2",
            "days_ashore": 3,
            "rest_days": 4,
            "rest_until": "2021-05-18",
            "terms": "tc-2021",
        }
        assert finding.subject == mc.model.Subject("person", "BF1")
        assert finding.severity is mc.rules.Severity.WARNING

    def test_back_the_day_after_the_rest_owed_passes(self) -> None:
        assert run(rested(4), "TERMS005", as_of=day(40)) == []

    def test_back_on_the_second_day_after_a_tour(self) -> None:
        (finding,) = run(rested(1), "TERMS005", as_of=day(40))
        assert finding.details["days_ashore"] == 1

    def test_back_to_back_is_one_tour_not_a_short_rest(self) -> None:
        assert run(rested(0), "TERMS005", as_of=day(40)) == []

    def test_only_once_the_next_tour_has_started(self) -> None:
        data = rested(2)
        assert run(data, "TERMS005", as_of=day(15)) == []
        assert len(run(data, "TERMS005", as_of=day(16))) == 1

    def test_no_rest_owed_means_nothing_to_check(self) -> None:
        assert run(rested(1, rest=None), "TERMS005", as_of=day(40)) == []

    def test_the_rest_is_owed_under_the_set_the_tour_began_under(self) -> None:
        restful = terms("tc-rest", working_pattern=pattern(21, 10))
        moved = (
            mc.model.TermsAssignment("tc-rest", D(2021, 1, 1), day(0)),
            mc.model.TermsAssignment("tc-2021", day(1)),
        )
        data = crew_fleet(
            deployed("dep-1", day(0), day(13), crew="vigilant-a"),
            deployed("dep-2", day(20), day(33)),
            sets=(terms(), restful),
            terms=moved,
        )
        assert [f.details["rest_days"] for f in run(data, "TERMS005", as_of=day(40))] == [10]

    def test_a_short_absence_during_a_deployment_is_not_rest(self) -> None:
        # Two days off sick, then back aboard: the rest owed after the first part is cut.
        long = deployed("dep-1", day(0), day(29), crew="vigilant-a")
        sick = mc.model.Absence(mc.model.AbsenceKind.SICKNESS, day(10), day(11))
        (finding,) = run(crew_fleet(long, absences=(sick,)), "TERMS005", as_of=day(40))
        assert finding.details["days_ashore"] == 2


# -- the brute-force oracle ---------------------------------------------------------------

LAST = 60
"""Every deployment, absence and check date of the random fleets lies within days 0 to 60
after BASE; membership and service may start or end a little outside."""


def _span(
    lo: int, hi: int, longest: int = 12
) -> st.SearchStrategy[tuple[pendulum.Date, pendulum.Date]]:
    return st.tuples(st.integers(lo, hi), st.integers(0, longest)).map(
        lambda pair: (day(pair[0]), day(pair[0] + pair[1]))
    )


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _seldom(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``None`` three times in four: a bound that cuts days aboard only now and then."""
    return st.one_of(st.none(), st.none(), st.none(), strategy)


@st.composite
def tour_fleets(draw: st.DrawFn) -> mc.model.Fleet:
    """One or two people, two crews, up to eight short deployments close together."""
    sets = [
        terms(
            f"tc-{n}",
            working_pattern=pattern(
                draw(_maybe(st.integers(1, 12))), draw(_maybe(st.integers(1, 8)))
            ),
        )
        for n in (1, 2)
    ]
    crews = ["vigilant-a", "seeker-a"]
    people = []
    for n in range(draw(st.integers(1, 2))):
        switch = draw(st.integers(-5, LAST))
        assigned = draw(
            st.sampled_from(
                [
                    (),
                    (mc.model.TermsAssignment("tc-1", D(2021, 1, 1)),),
                    (mc.model.TermsAssignment("tc-2", D(2021, 1, 1)),),
                    (
                        mc.model.TermsAssignment("tc-1", D(2021, 1, 1), day(switch)),
                        mc.model.TermsAssignment("tc-2", day(switch + draw(st.integers(1, 3)))),
                    ),
                ]
            )
        )
        joined = draw(_seldom(st.integers(-5, LAST).map(day)))
        people.append(
            person(
                f"BF{n + 1}",
                crew=draw(st.sampled_from([*crews, crews[0], None])),
                crew_since=draw(_seldom(st.integers(-5, LAST).map(day))),
                previous_crews=tuple(
                    mc.model.CrewSpell(draw(st.sampled_from(crews)), first, last)
                    for first, last in draw(st.lists(_span(-5, LAST), max_size=1))
                ),
                joined=joined,
                left=draw(
                    _seldom(
                        st.integers(-5, LAST)
                        .map(day)
                        .filter(lambda d, j=joined: j is None or d >= j)
                    )
                ),
                absences=tuple(
                    mc.model.Absence(
                        mc.model.AbsenceKind.SICKNESS, first, draw(_maybe(st.just(last)))
                    )
                    for first, last in draw(st.lists(_span(0, LAST, 3), max_size=2))
                ),
                terms=assigned,
            )
        )
    ids = [p.id for p in people]
    deployments = []
    cursor = draw(st.integers(0, 10))
    for n in range(draw(st.integers(1, 8))):
        # mostly one after another, a few days apart, back to back or overlapping
        start = max(0, cursor + draw(st.integers(-4, 5)))
        length = draw(st.integers(0, 7))
        cursor = start + length + 1
        end = draw(st.sampled_from([day(start + length)] * 5 + [None]))
        by_crew = draw(st.booleans())
        deployments.append(
            mc.model.Deployment(
                id=f"dep-{n}",
                vessel="vigilant",
                start=day(start),
                end=end,
                person=None if by_crew else draw(st.sampled_from([*ids, *ids, "BF9"])),
                crew=draw(st.sampled_from(crews)) if by_crew else None,
                absent=tuple(draw(st.lists(st.sampled_from(ids), max_size=1))) if by_crew else (),
                cover=tuple(draw(st.lists(st.sampled_from(ids), max_size=1))) if by_crew else (),
            )
        )
    return fleet(
        crews=[crew("vigilant-a"), crew("seeker-a", "seeker")],
        people=people,
        deployments=deployments,
        terms=sets,
    )


def brute_tours(data: mc.model.Fleet, who: mc.model.Person, on: pendulum.Date) -> list[Tour]:
    """The tours of ``who`` as of ``on``, found day by day from ``View.aboard``."""
    facts = Facts.of(data)
    runs: list[tuple[pendulum.Date, pendulum.Date, list[mc.model.Deployment]]] = []
    aboard_on: dict[pendulum.Date, list[mc.model.Deployment]] = {}
    for offset in range(-10, LAST + 20):
        today = day(offset)
        aboard = [
            d
            for d in facts.on(today).aboard(who)
            if d.start <= on and (d.end is not None or today <= on)
        ]
        aboard_on[today] = aboard
        if not aboard:
            continue
        if runs and runs[-1][1] == today.subtract(days=1):
            first, _, deployments = runs[-1]
            runs[-1] = (first, today, deployments)
        else:
            runs.append((today, today, deployments := []))
        for deployment in aboard:
            if all(deployment is not seen for seen in deployments):
                deployments.append(deployment)
    found = []
    for first, last, deployments in runs:
        if first > on:
            continue
        running = last == on and any(d.end is None for d in aboard_on[last])
        found.append(Tour(first, None if running else last, tuple(deployments)))
    return found


def _set_on(data: mc.model.Fleet, who: mc.model.Person, on: pendulum.Date) -> Any:
    covering = [a for a in who.terms if a.start <= on and (a.end is None or on <= a.end)]
    return data.terms_set(covering[-1].set) if covering else None


def expected_findings(
    data: mc.model.Fleet, on: pendulum.Date
) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """What TERMS003 and TERMS005 should report as of ``on``, from the brute-force tours."""
    long, short = set(), set()
    for who in data.people:
        tours = brute_tours(data, who, on)
        for tour in tours:
            terms_set = _set_on(data, who, tour.first)
            limit = terms_set.working_pattern.max_consecutive_days_at_sea if terms_set else None
            days = ((tour.last or on) - tour.first).days + 1
            if limit is not None and days > limit:
                long.add((who.id, tour.first.isoformat(), days))
        for before, after in pairwise(tours):
            terms_set = _set_on(data, who, before.first)
            owed = terms_set.working_pattern.rest_days_after_tour if terms_set else None
            assert before.last is not None
            ashore = (after.first - before.last).days - 1
            if owed is not None and ashore < owed:
                short.add((who.id, after.first.isoformat(), ashore))
    return long, short


DATES = st.lists(st.integers(-2, LAST).map(day), min_size=1, max_size=6, unique=True)
"""Check dates of one random fleet: before, during and after its deployments."""


@given(data=tour_fleets(), dates=DATES)
def test_tours_are_the_runs_of_days_aboard(
    data: mc.model.Fleet, dates: list[pendulum.Date]
) -> None:
    for on in dates:
        for who in data.people:
            found = list(Facts.of(data).on(on).tours(who))
            assert found == brute_tours(data, who, on), (who.id, on)


@given(data=tour_fleets(), dates=DATES)
def test_the_rules_report_what_the_oracle_finds(
    data: mc.model.Fleet, dates: list[pendulum.Date]
) -> None:
    for on in dates:
        long, short = expected_findings(data, on)
        found = {
            (f.subject.id, f.details["first"], f.details["days"])
            for f in run(data, "TERMS003", as_of=on)
        }
        assert found == long, on
        found = {
            (f.subject.id, f.details["back"], f.details["days_ashore"])
            for f in run(data, "TERMS005", as_of=on)
        }
        assert found == short, on


@given(data=tour_fleets(), offset=st.integers(-2, LAST))
def test_tours_stay_the_same_until_the_day_their_trace_names(
    data: mc.model.Fleet, offset: int
) -> None:
    first = day(offset).toordinal()
    for n, who in enumerate(data.people):
        trace = Trace(first)
        answer = Facts.of(data).traced(D.fromordinal(first), trace).tours(who)
        for later in range(first + 1, min(trace.next, day(LAST + 15).toordinal())):
            # facts of their own on each day: a kept answer would hide a change
            fresh = attrs.evolve(data)
            assert tours_on(fresh, D.fromordinal(later), n) == answer, (who.id, later)


@given(data=tour_fleets())
def test_the_timeline_of_the_tour_rules_is_check_on_every_day(data: mc.model.Fleet) -> None:
    first, last = day(-2), day(LAST)
    config = mc.rules.Config(select=("TERMS003", "TERMS005"))
    result = mc.timeline.timeline(data, first, last, config=config)
    on = first
    while on <= last:
        expected = {finding_key(f) for f in mc.check(data, on, config).findings}
        assert {key for key, _ in result.on(on)} == expected, on
        on = on.add(days=1)


def test_candidates_are_only_people_whose_deployments_can_run_long_or_close() -> None:
    # Crew a's fortnights with a fortnight between them can neither run over 21 days nor
    # come closer than 4 days; crew b's come back to back.
    a = [deployed(f"a-{n}", day(28 * n), day(28 * n + 13), crew="vigilant-a") for n in range(3)]
    b = [deployed(f"b-{n}", day(14 * n), day(14 * n + 13), crew="seeker-a") for n in range(3)]
    people = (
        person("BF1", crew="vigilant-a"),
        person("BF2", crew="seeker-a"),
        person(
            "BF3",
            crew="vigilant-a",
            absences=(mc.model.Absence(mc.model.AbsenceKind.SICKNESS, day(3), day(3)),),
        ),
        person("BF4"),
    )
    data = crew_fleet(*a, *b, people=people)
    facts = Facts.of(data)
    assert [facts.may_tour_long(p) for p in people] == [False, True, False, False]
    assert [facts.may_owe_rest(p) for p in people] == [False, False, True, False]
