"""Rules run part by part: fewer runs, the same answers, and safe fallbacks."""

from __future__ import annotations

from pathlib import Path

import pendulum

import maritime_crew as mc
from maritime_crew.rules import Context, Finding, by_crew, by_equipment_item, by_person
from maritime_crew.timeline import timeline
from tests.rules.builders import D, cert, certificate_type, crew, fleet, person, role, vessel

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "fleet"


def _crew_of(count: int) -> mc.Fleet:
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


def _expired_rule(registry: mc.rules.Registry, **how: object) -> list[tuple[str, pendulum.Date]]:
    runs: list[tuple[str, pendulum.Date]] = []

    @mc.rule(
        code="ZZZ010",
        name="expired",
        severity="error",
        summary="A certificate has expired.",
        rationale="Test.",
        registry=registry,
        **how,  # type: ignore[arg-type]
    )
    def expired(data: mc.Fleet, ctx: Context) -> list[Finding]:
        found = []
        for someone in data.people:
            runs.append((someone.id, ctx.as_of))
            if all(c.expires is not None and c.expires < ctx.as_of for c in someone.certificates):
                found.append(ctx.about_person(someone, f"{someone.id} has nothing valid"))
        return found

    return runs


def _day_by_day(data: mc.Fleet, start: str, end: str, registry: mc.rules.Registry) -> set[object]:
    states = set()
    day = mc.rules.as_date(start)
    while day <= mc.rules.as_date(end):
        for f in mc.check(data, day, registry=registry).findings:
            states.add((day, f.code, f.subject, f.vessel, f.crew))
        day = day.add(days=1)
    return states


def _spread(result: mc.Timeline) -> set[object]:
    return {
        (day, h.key.code, h.key.subject, i.vessel, i.crew)
        for h in result.findings
        for i in h.intervals
        for day in (i.start.add(days=n) for n in range(i.days))
    }


def test_a_partitioned_rule_runs_only_the_people_whose_records_change() -> None:
    data = _crew_of(6)
    registry = mc.rules.Registry(load_builtins=False, load_plugins=False)
    runs = _expired_rule(
        registry,
        partition=by_person,
        change_points=mc.rules.state_change_points("certificates"),
    )
    result = timeline(data, "2020-12-01", "2021-03-31", registry=registry)
    # one run of the whole fleet on the first day, then each person once, the day
    # after their certificate expires
    assert len(runs) == 6 + 6
    expiries = [D(2021, 1, 2).add(days=10 * n) for n in range(6)]
    assert sorted(day for _, day in runs[6:]) == expiries
    assert result.evaluations == 1 + 6
    assert _spread(result) == _day_by_day(data, "2020-12-01", "2021-03-31", registry)


def test_a_rule_that_breaks_its_partition_is_run_whole() -> None:
    registry = mc.rules.Registry(load_builtins=False, load_plugins=False)

    @mc.rule(
        code="ZZZ011",
        name="crew-short",
        severity="error",
        summary="Fewer than three people hold a valid certificate.",
        rationale="Test.",
        registry=registry,
        partition=by_person,  # wrong: the finding is about the crew, not a person
        change_points=mc.rules.state_change_points("certificates"),
    )
    def crew_short(data: mc.Fleet, ctx: Context) -> list[Finding]:
        valid = [
            p
            for p in data.people
            if any(c.expires and c.expires >= ctx.as_of for c in p.certificates)
        ]
        if len(valid) < 3:
            return [ctx.finding(mc.Subject("crew", "vigilant-a"), f"{len(valid)} valid")]
        return []

    data = _crew_of(5)
    result = timeline(data, "2020-12-01", "2021-03-31", registry=registry)
    assert _spread(result) == _day_by_day(data, "2020-12-01", "2021-03-31", registry)
    (history,) = result.findings
    assert history.intervals[0].start == D(2021, 1, 22)  # the third expiry was the 21st


def test_a_partitioned_rule_that_raises_is_reported_as_check_reports_it() -> None:
    registry = mc.rules.Registry(load_builtins=False, load_plugins=False)

    @mc.rule(
        code="ZZZ012",
        name="fragile",
        severity="warning",
        summary="Breaks after New Year.",
        rationale="Test.",
        registry=registry,
        partition=by_person,
        change_points=lambda data, params: [D(2021, 1, 1)],
    )
    def fragile(data: mc.Fleet, ctx: Context) -> list[Finding]:
        if ctx.as_of >= D(2021, 1, 1):
            raise RuntimeError("no data")
        return []

    data = _crew_of(3)
    result = timeline(data, "2020-12-25", "2021-01-05", registry=registry)
    assert _spread(result) == _day_by_day(data, "2020-12-25", "2021-01-05", registry)
    (history,) = result.findings
    assert history.key.subject == mc.Subject("rule", "ZZZ012")
    assert history.intervals[0].start == D(2021, 1, 1)


def test_open_ended_change_days() -> None:
    days = mc.rules.ChangeDays(frozenset({D(2021, 1, 3)}), every_day_from=D(2021, 1, 20))
    registry = mc.rules.Registry(load_builtins=False, load_plugins=False)
    seen: list[pendulum.Date] = []

    @mc.rule(
        code="ZZZ013",
        name="counting",
        severity="info",
        summary="Counts.",
        rationale="Test.",
        registry=registry,
        change_points=lambda data, params: days,
    )
    def counting(data: mc.Fleet, ctx: Context) -> list[Finding]:
        seen.append(ctx.as_of)
        return []

    timeline(_crew_of(1), "2021-01-01", "2021-01-23", registry=registry)
    assert seen == [D(2021, 1, 1), D(2021, 1, 3), *(D(2021, 1, d) for d in range(20, 24))]


def test_parts_of_the_example_fleet_keep_their_sources() -> None:
    data = mc.load(EXAMPLE)
    for partition, table, attribute in (
        (by_person, "person", "people"),
        (by_equipment_item, "equipment_item", "equipment_items"),
        (by_crew, "crew", "crews"),
    ):
        parts = partition.parts(data)
        assert partition.parts(data) is parts  # made once per fleet
        records = [r for piece in parts.fleets for r in getattr(piece, attribute)]
        assert sorted(r.id for r in records) == sorted(r.id for r in getattr(data, attribute))
        for subject, index in parts.subjects.items():
            piece = parts.fleets[index]
            if subject.kind != table:
                continue
            assert piece.locate(table, subject.id) == data.locate(table, subject.id)
    people = by_person.parts(data)
    someone = people.fleets[people.subjects[mc.Subject("person", "BF1003")]]
    assert [p.id for p in someone.people] == ["BF1003"]
    assert someone.source_of("person", 0, "certificates", 0) == data.source_of(
        "person", data.positions("person", "BF1003")[0], "certificates", 0
    )
    assert {w.person for w in someone.work_periods} <= {"BF1003"}
