"""The timeline follows what each rule asked of the facts: fewer runs, the same answers.

A rule with ``each`` is run again only for the subjects whose answers may change; a rule
that reads the date or the fleet itself is run on every day; a rule that raises is
reported as ``check`` reports it. Each case is compared with ``check`` day by day.
"""

from __future__ import annotations

from collections.abc import Iterator

import pendulum

import maritime_crew as mc
from maritime_crew import facts
from maritime_crew.rules import Context, Finding
from maritime_crew.timeline import timeline
from tests.rules.builders import D, cert, certificate_type, crew, fleet, person, role, vessel


def _crew_of(count: int) -> mc.model.Fleet:
    """People whose certificates expire one after another, ten days apart."""
    return fleet(
        vessels=[vessel("vigilant")],
        crews=[crew("vigilant-a", "vigilant")],
        certificate_types=[certificate_type("stcw-bst")],
        duty_roles=[role("boarding-officer", certificates=("stcw-bst",))],
        people=[
            person(
                f"BF{n}",
                crew="vigilant-a",
                duty_roles=("boarding-officer",),
                certificates=(cert("stcw-bst", D(2016, 1, 1), D(2021, 1, 1).add(days=10 * n)),),
            )
            for n in range(count)
        ],
    )


def _registry() -> mc.rules.Registry:
    return mc.rules.Registry(load_builtins=False, load_plugins=False)


def _day_by_day(
    data: mc.model.Fleet, start: str, end: str, registry: mc.rules.Registry
) -> set[object]:
    states = set()
    day = mc.rules.as_date(start)
    while day <= mc.rules.as_date(end):
        for f in mc.check(data, day, registry=registry).findings:
            states.add((day, f.code, f.subject, f.vessel, f.crew))
        day = day.add(days=1)
    return states


def _spread(result: mc.timeline.Timeline) -> set[object]:
    return {
        (day, h.key.code, h.key.subject, i.vessel, i.crew)
        for h in result.findings
        for i in h.intervals
        for day in (i.start.add(days=n) for n in range(i.days))
    }


def test_a_rule_run_on_each_person_runs_again_only_for_the_people_whose_answers_change() -> None:
    data = _crew_of(6)
    registry = _registry()
    runs: list[tuple[str, pendulum.Date]] = []

    @mc.rule(
        code="ZZZ010",
        name="expired",
        severity="error",
        summary="A certificate has expired.",
        rationale="Test.",
        registry=registry,
        each=facts.PEOPLE,
    )
    def expired(someone: mc.model.Person, ctx: Context) -> Iterator[Finding]:
        view = ctx.facts
        runs.append((someone.id, view.date))
        if view.valid(someone, "certificates", "stcw-bst") is None:
            yield ctx.about_person(someone, f"{someone.id} has nothing valid")

    result = timeline(data, "2020-12-01", "2021-03-31", registry=registry)
    # each person on the first day, then each once more, the day after their expiry
    assert len(runs) == 6 + 6
    expiries = [D(2021, 1, 2).add(days=10 * n) for n in range(6)]
    assert sorted(day for _, day in runs[6:]) == expiries
    assert [who for who, _ in runs[6:]] == [f"BF{n}" for n in range(6)]
    assert result.evaluations == 1 + 6
    assert _spread(result) == _day_by_day(data, "2020-12-01", "2021-03-31", registry)


def test_a_rule_that_asks_the_facts_about_everyone_at_once_runs_when_any_answer_changes() -> None:
    registry = _registry()
    seen: list[pendulum.Date] = []

    @mc.rule(
        code="ZZZ011",
        name="crew-short",
        severity="error",
        summary="Fewer than three people hold a valid certificate.",
        rationale="Test.",
        registry=registry,
    )
    def crew_short(_: mc.model.Fleet, ctx: Context) -> list[Finding]:
        view = ctx.facts
        seen.append(view.date)
        valid = [p for p in view.fleet.people if view.valid(p, "certificates", "stcw-bst")]
        if len(valid) < 3:
            return [ctx.finding(mc.model.Subject("crew", "vigilant-a"), f"{len(valid)} valid")]
        return []

    data = _crew_of(5)
    result = timeline(data, "2020-12-01", "2021-03-31", registry=registry)
    # the first day, then the day after each of the five expiries
    assert seen == [D(2020, 12, 1), *(D(2021, 1, 2).add(days=10 * n) for n in range(5))]
    assert _spread(result) == _day_by_day(data, "2020-12-01", "2021-03-31", registry)
    (history,) = result.findings
    assert history.intervals[0].start == D(2021, 1, 22)  # the third expiry was the 21st


def test_a_rule_that_reads_the_fleet_itself_runs_every_day() -> None:
    registry = _registry()
    seen: list[pendulum.Date] = []

    @mc.rule(
        code="ZZZ012",
        name="old-style",
        severity="error",
        summary="A certificate has expired (compared by hand).",
        rationale="Test.",
        registry=registry,
    )
    def old_style(data: mc.model.Fleet, ctx: Context) -> list[Finding]:
        day = ctx.facts.date  # the date for wording: not what makes the rule daily
        seen.append(day)
        return [
            ctx.about_person(p, f"{p.id} expired")
            for p in data.people  # read directly: the timeline cannot follow this
            if all(c.expires is not None and c.expires < day for c in p.certificates)
        ]

    data = _crew_of(2)
    result = timeline(data, "2020-12-25", "2021-01-20", registry=registry)
    assert len(seen) == 27  # every day of the range
    assert _spread(result) == _day_by_day(data, "2020-12-25", "2021-01-20", registry)


def test_a_rule_that_raises_is_reported_as_check_reports_it() -> None:
    registry = _registry()

    @mc.rule(
        code="ZZZ013",
        name="fragile",
        severity="warning",
        summary="Breaks after New Year.",
        rationale="Test.",
        registry=registry,
        each=facts.PEOPLE,
    )
    def fragile(someone: mc.model.Person, ctx: Context) -> list[Finding]:
        if ctx.facts.reached(D(2021, 1, 1)):
            raise RuntimeError("no data")
        return []

    data = _crew_of(3)
    result = timeline(data, "2020-12-25", "2021-01-05", registry=registry)
    assert _spread(result) == _day_by_day(data, "2020-12-25", "2021-01-05", registry)
    (history,) = result.findings
    assert history.key.subject == mc.model.Subject("rule", "ZZZ013")
    assert history.intervals[0].start == D(2021, 1, 1)


def test_a_count_that_grows_daily_is_followed_every_day() -> None:
    registry = _registry()
    seen: list[pendulum.Date] = []

    @mc.rule(
        code="ZZZ014",
        name="counting",
        severity="info",
        summary="Counts the days since New Year, from 20 January.",
        rationale="Test.",
        registry=registry,
    )
    def counting(_: mc.model.Fleet, ctx: Context) -> list[Finding]:
        view = ctx.facts
        seen.append(view.date)
        if not view.reached(D(2021, 1, 20)):
            return []
        view.every_day()  # the count goes into the finding's details
        return [
            ctx.finding(
                mc.model.Subject("vessel", "vigilant"),
                "counting",
                details={"days": view.days_since(D(2021, 1, 1))},
            )
        ]

    data = _crew_of(1)
    result = timeline(data, "2021-01-01", "2021-01-23", registry=registry)
    assert seen == [D(2021, 1, 1), *(D(2021, 1, d) for d in range(20, 24))]
    assert len(result.findings) == 4  # one identity per day counted
