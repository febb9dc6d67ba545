"""The oracle: a timeline equals running ``check`` on every day of its range."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import given

import maritime_crew as mc
import maritime_crew.facts
import maritime_crew.model
import maritime_crew.rules
from maritime_crew.rules import Finding, Severity
from maritime_crew.timeline import FindingKey, timeline
from maritime_crew.timeline._timeline import _keyed

from .fleets import fleets, ranges

D = pendulum.Date

_State = tuple[FindingKey, str | None, str | None, str | None]


def _day_by_day(
    fleet: mc.model.Fleet,
    day: pendulum.Date,
    registry: mc.rules.Registry | None = None,
    config: mc.rules.Config | None = None,
) -> tuple[set[_State], Counter[str | None]]:
    findings = mc.check(fleet, day, config, registry=registry).findings
    states = {(key, f.vessel, f.crew, f.waived_by) for key, f in _keyed(findings).items()}
    errors = Counter(f.vessel for f in findings if f.severity is Severity.ERROR and not f.waived)
    return states, errors


def _assert_equals_check(
    fleet: mc.model.Fleet,
    result: mc.timeline.Timeline,
    start: pendulum.Date,
    end: pendulum.Date,
    registry: mc.rules.Registry | None = None,
    config: mc.rules.Config | None = None,
) -> None:
    """The timeline's findings and error counts are check's on every day of the range."""
    day = start
    while day <= end:
        expected, errors = _day_by_day(fleet, day, registry, config)
        found = {(key, i.vessel, i.crew, i.waived_by) for key, i in result.on(day)}
        assert found == expected, day
        assert result.errors_on(day) == {v: n for v, n in errors.items() if n}, day
        day = day.add(days=1)


# Each example runs check on every day of a range of up to three months; the fleets are
# small, so the ci profile's 60 examples take a few seconds.
@given(fleet=fleets(), span=ranges)
def test_timeline_equals_check_on_every_day(
    fleet: mc.model.Fleet, span: tuple[pendulum.Date, pendulum.Date]
) -> None:
    start, end = span
    result = timeline(fleet, start, end)
    _assert_equals_check(fleet, result, start, end)
    assert len(result.change_points) <= (end - start).days + 1


EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "fleet"


YEAR = (D(2020, 4, 1), D(2021, 3, 31))
"""The example's business year: every day of it is compared."""


def test_example_fleet_timeline_equals_check_on_every_day_of_a_year() -> None:
    # The hours of rest of February 2021, kit changing hands, expiries, deployments,
    # consultations and the end of the business year.
    fleet = mc.load(EXAMPLE)
    start, end = YEAR
    result = timeline(fleet, start, end)
    _assert_equals_check(fleet, result, start, end)


def test_synthetic_fleet_timeline_equals_check_on_every_day_of_a_year(tmp_path: Path) -> None:
    from maritime_crew import synth

    synth.write(tmp_path / "fleet", 40, seed=3)
    fleet = mc.load(tmp_path / "fleet")
    start, end = YEAR
    result = timeline(fleet, start, end)
    _assert_equals_check(fleet, result, start, end)


def _responses_rule(registry: mc.rules.Registry, *, through_facts: bool) -> None:
    """A plugin rule on consultation responses, which no built-in rule reads.

    A staff response should have a management response within 28 days of its receipt.
    One version asks the facts; the other reads the fleet and the date itself.
    """

    def findings(ctx: mc.rules.Context, terms: mc.model.TermsAndConditions) -> Iterator[Finding]:
        responses = terms.consultation.responses if terms.consultation else ()
        for response in responses:
            due = response.received.add(days=28)
            if through_facts:
                late = ctx.facts.passed(due) and not ctx.facts.reached(response.responded_on)
            else:
                answered = response.responded_on is not None and response.responded_on <= ctx.as_of
                late = due < ctx.as_of and not answered
            if late:
                yield ctx.finding(
                    mc.model.Subject("terms", terms.id),
                    f"response {response.id} to {terms.id} is unanswered 28 days after "
                    f"{response.received}",
                    details={"response": response.id, "due": due.isoformat()},
                )

    if through_facts:

        @mc.rule(
            code="PLUG001",
            name="response-unanswered",
            severity="error",
            summary="A consultation response has had no management response within 28 days.",
            rationale="Test plugin.",
            registry=registry,
            each=mc.facts.TERMS_SETS,
        )
        def asked(terms: mc.model.TermsAndConditions, ctx: mc.rules.Context) -> Iterator[Finding]:
            return findings(ctx, terms)

    else:

        @mc.rule(
            code="PLUG002",
            name="response-unanswered-by-hand",
            severity="error",
            summary="The same, reading the fleet and the date itself.",
            rationale="Test plugin.",
            registry=registry,
        )
        def by_hand(data: mc.model.Fleet, ctx: mc.rules.Context) -> Iterator[Finding]:
            for terms in data.terms:
                yield from findings(ctx, terms)


def test_a_plugin_rule_on_records_no_built_in_rule_reads_gets_an_exact_timeline() -> None:
    fleet = mc.load(EXAMPLE)
    registry = mc.rules.Registry(load_plugins=False)
    _responses_rule(registry, through_facts=True)
    _responses_rule(registry, through_facts=False)
    start, end = YEAR
    plugins = mc.rules.Config(select=("PLUG001", "PLUG002"))  # the built-ins: above
    result = timeline(fleet, start, end, registry=registry, config=plugins)
    _assert_equals_check(fleet, result, start, end, registry=registry, config=plugins)
    asked = {h.key.key for h in result.findings if h.key.code == "PLUG001"}
    by_hand = {h.key.key for h in result.findings if h.key.code == "PLUG002"}
    assert asked == by_hand
    # are never answered; R-007 is answered the day after it fell due,
    # so it is never late; the rest are answered late.
    late = {json.loads(key)["response"] for key in asked}
    assert late == {"R-001", "R-002", "R-003", "R-004", "R-005", "R-006", "R-008"}
    # the rule that asks the facts ran on the first day, when a response fell due and
    # when one was answered; the one that reads the date itself ran on every day
    only = mc.rules.Config(select=("PLUG001",))
    plain = timeline(fleet, start, end, registry=registry, config=only)
    assert plain.change_points[0] == start
    assert len(plain.change_points) <= 1 + 8 + 3
    only = mc.rules.Config(select=("PLUG002",))
    daily = timeline(fleet, start, end, registry=registry, config=only)
    assert daily.evaluations == (end - start).days + 1


def test_a_waiver_of_a_rule_that_reads_findings_starts_and_ends_on_its_days() -> None:
    """A rule that reads the others' findings, waived for a week.

    In a fleet where nothing else changes, so that only the waiver moves its finding.
    """
    registry = mc.rules.Registry(load_plugins=False)

    @mc.rule(
        code="PLUG009",
        name="findings-outstanding",
        severity="error",
        summary="Some finding is outstanding.",
        rationale="Test plugin.",
        registry=registry,
        needs_findings=True,
    )
    def outstanding(data: mc.model.Fleet, ctx: mc.rules.Context) -> Iterator[Finding]:
        if any(finding.code != "PLUG009" for finding in ctx.findings):
            yield ctx.finding(mc.model.Subject("rule", "PLUG009"), "findings are outstanding")

    person = mc.model.Person(
        id="BF1003", name="Ann", discipline=mc.model.Discipline.DECK, joined=D(2010, 1, 1)
    )
    week = mc.model.Waiver(
        id="W-WEEK",
        rule="PLUG009",
        subject=mc.model.Subject("rule", "PLUG009"),
        reason="Under review.",
        granted_by="Head of Maritime Operations",
        granted_on=D(2021, 3, 5),
        expires=D(2021, 3, 12),
    )
    fleet = mc.model.Fleet(people=(person,), waivers=(week,))
    start, end = D(2021, 2, 25), D(2021, 3, 31)
    config = mc.rules.Config(ignore=("DATA008",))  # it asks about waivers itself
    result = timeline(fleet, start, end, registry=registry, config=config)
    _assert_equals_check(fleet, result, start, end, registry=registry, config=config)
    waived = [
        (interval.start, interval.end)
        for history in result.findings
        if history.key.code == "PLUG009"
        for interval in history.intervals
        if interval.waived_by == "W-WEEK"
    ]
    assert waived == [(D(2021, 3, 5), D(2021, 3, 12))]


def test_the_custom_rule_of_the_timeline_page_runs_as_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """docs/timeline.md's rule with ``each=``: exact, and run on the days the page says."""
    page = (EXAMPLE.parent.parent / "docs" / "timeline.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```python\n(.*?)```", page, re.S) if "no-medical" in b]
    namespace: dict[str, Any] = {}
    monkeypatch.chdir(EXAMPLE.parent.parent)
    exec(block, namespace)
    result, fleet = namespace["result"], namespace["fleet"]
    registry, config = namespace["rules"], namespace["only"]
    stated = int(re.findall(r"len\(result.change_points\)  # (\d+) of the 365 days", block)[0])
    assert len(result.change_points) == stated
    start, end = YEAR
    _assert_equals_check(fleet, result, start, end, registry=registry, config=config)
