"""Hand-worked timelines: a certificate running out, a waiver covering part of the range."""

from __future__ import annotations

import datetime

import pendulum
import pytest

import maritime_crew as mc
from maritime_crew.rules import Config
from maritime_crew.timeline import Interval, Timeline, timeline
from tests.rules.builders import D, cert, certificate_type, crew, fleet, person, role, vessel

CONFIG = Config(select=("CERT001", "CERT002"), parameters={"CERT002": {"within-days": 30}})


def _fleet(*waivers: mc.model.Waiver) -> mc.model.Fleet:
    return fleet(
        vessels=[vessel("vigilant")],
        crews=[crew("vigilant-a", "vigilant")],
        certificate_types=[certificate_type("stcw-bst")],
        duty_roles=[role("boarding-officer", certificates=("stcw-bst",))],
        people=[
            person(
                "BF1",
                crew="vigilant-a",
                duty_roles=("boarding-officer",),
                certificates=(cert("stcw-bst", D(2016, 2, 15), D(2021, 2, 14)),),
            )
        ],
        waivers=list(waivers),
    )


def _spans(result: Timeline, code: str) -> list[tuple[pendulum.Date, pendulum.Date, str | None]]:
    return [
        (interval.start, interval.end, interval.waived_by)
        for history in result.findings
        if history.key.code == code
        for interval in history.intervals
    ]


def test_expiring_then_expired_certificate() -> None:
    result = timeline(_fleet(), "2021-01-01", datetime.date(2021, 3, 31), config=CONFIG)
    assert _spans(result, "CERT002") == [(D(2021, 1, 15), D(2021, 2, 14), None)]
    assert _spans(result, "CERT001") == [(D(2021, 2, 15), D(2021, 3, 31), None)]
    assert result.errors_on("2021-02-14") == {}
    assert result.errors_on("2021-02-15") == {"vigilant": 1}
    assert result.errors["vigilant"] == (0,) * 45 + (1,) * 45
    # a series for a plot: every day, zeros included
    rows = result.error_records()
    assert len(rows) == result.days == 90
    assert rows[0] == {"date": "2021-01-01", "vessel": "vigilant", "errors": 0}
    assert rows[45] == {"date": "2021-02-15", "vessel": "vigilant", "errors": 1}
    quiet = timeline(_fleet(), "2020-06-01", "2020-06-03", config=CONFIG)
    assert quiet.error_records() == [
        {"date": f"2020-06-0{day}", "vessel": None, "errors": 0} for day in (1, 2, 3)
    ]
    expired = next(h for h in result.findings if h.key.code == "CERT001")
    assert expired.key.subject == mc.model.Subject("person", "BF1")
    assert expired.intervals[0].message.startswith(
        "STCW-BST certificate of BF1 expired at the end of"
    )
    assert expired.intervals[0].days == 45
    # the day count in the message is not part of the identity, so one interval spans it
    assert "days_ago" not in expired.key.key
    assert "stcw-bst" in expired.key.key


def test_waiver_covering_part_of_the_range() -> None:
    waiver = mc.model.Waiver(
        id="W1",
        rule="CERT001",
        subject=mc.model.Subject("person", "BF1"),
        reason="Renewal course booked",
        granted_by="Director Maritime",
        granted_on=D(2021, 3, 1),
        expires=D(2021, 3, 15),
    )
    result = timeline(_fleet(waiver), "2021-01-01", "2021-03-31", config=CONFIG)
    assert _spans(result, "CERT001") == [
        (D(2021, 2, 15), D(2021, 2, 28), None),
        (D(2021, 3, 1), D(2021, 3, 15), "W1"),
        (D(2021, 3, 16), D(2021, 3, 31), None),
    ]
    assert len([h for h in result.findings if h.key.code == "CERT001"]) == 1
    assert result.errors_on("2021-02-20") == {"vigilant": 1}
    assert result.errors_on("2021-03-05") == {}
    assert result.errors_on("2021-03-16") == {"vigilant": 1}
    records = result.to_records()
    assert [(r["code"], r["start"], r["end"], r["waived_by"]) for r in records] == [
        ("CERT001", "2021-02-15", "2021-02-28", None),
        ("CERT001", "2021-03-01", "2021-03-15", "W1"),
        ("CERT001", "2021-03-16", "2021-03-31", None),
        ("CERT002", "2021-01-15", "2021-02-14", None),
    ]
    assert records[0]["vessel"] == "vigilant"
    assert records[0]["days"] == 14


def test_runs_rules_only_on_change_points() -> None:
    result = timeline(_fleet(), "2021-01-01", "2021-03-31", config=CONFIG)
    # the range start, CERT002's window opening and the day after expiry
    assert {D(2021, 1, 1), D(2021, 1, 15), D(2021, 2, 15)} <= set(result.change_points)
    assert len(result.change_points) < 20
    assert result.evaluations <= 2 * len(result.change_points) < 2 * 90


def test_custom_rule_that_reads_the_date_itself_runs_every_day() -> None:
    registry = mc.rules.Registry(load_builtins=False, load_plugins=False)

    @mc.rule(
        code="ZZZ001",
        name="odd-day",
        severity="error",
        summary="Fires on odd days of the month.",
        rationale="Test.",
        registry=registry,
    )
    def odd_day(data: mc.model.Fleet, ctx: mc.rules.Context) -> list[mc.rules.Finding]:
        if ctx.as_of.day % 2:
            return [ctx.finding(mc.model.Subject("vessel", "vigilant"), f"odd day {ctx.as_of}")]
        return []

    result = timeline(_fleet(), "2021-01-01", "2021-01-05", registry=registry)
    assert len(result.change_points) == 5
    assert result.evaluations == 5
    (history,) = result.findings
    assert [(i.start, i.end) for i in history.intervals] == [
        (D(2021, 1, 1), D(2021, 1, 1)),
        (D(2021, 1, 3), D(2021, 1, 3)),
        (D(2021, 1, 5), D(2021, 1, 5)),
    ]
    assert result.errors["vigilant"] == (1, 0, 1, 0, 1)


def test_custom_rule_that_asks_the_facts_runs_only_when_their_answers_change() -> None:
    registry = mc.rules.Registry(load_builtins=False, load_plugins=False)
    seen: list[pendulum.Date] = []

    @mc.rule(
        code="ZZZ002",
        name="after-launch",
        severity="warning",
        summary="Fires from 2021-01-10.",
        rationale="Test.",
        registry=registry,
    )
    def after_launch(_: mc.model.Fleet, ctx: mc.rules.Context) -> list[mc.rules.Finding]:
        seen.append(ctx.facts.date)
        if ctx.facts.reached(D(2021, 1, 10)):
            return [ctx.finding(mc.model.Subject("vessel", "vigilant"), "launched")]
        return []

    result = timeline(_fleet(), "2021-01-01", "2021-01-31", registry=registry)
    assert seen == [D(2021, 1, 1), D(2021, 1, 10)]
    (history,) = result.findings
    assert history.intervals == (
        Interval(D(2021, 1, 10), D(2021, 1, 31), "vigilant", None, None, "launched"),
    )
    assert result.errors == {}  # a warning is not an error


def test_bad_range() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        timeline(_fleet(), "2021-02-01", "2021-01-01")
    result = timeline(_fleet(), "2021-01-01", "2021-01-01", config=CONFIG)
    with pytest.raises(ValueError, match="outside the timeline"):
        result.errors_on("2021-01-02")
