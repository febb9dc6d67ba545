"""The oracle: a timeline equals running ``check`` on every day of its range."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pendulum
from hypothesis import given

import maritime_crew as mc
from maritime_crew.rules import Severity
from maritime_crew.timeline import FindingKey, timeline
from maritime_crew.timeline._timeline import _keyed

from .fleets import fleets, ranges

_State = tuple[FindingKey, str | None, str | None, str | None]


def _day_by_day(fleet: mc.Fleet, day: pendulum.Date) -> tuple[set[_State], Counter[str | None]]:
    findings = mc.check(fleet, day).findings
    states = {(key, f.vessel, f.crew, f.waived_by) for key, f in _keyed(findings).items()}
    errors = Counter(f.vessel for f in findings if f.severity is Severity.ERROR and not f.waived)
    return states, errors


def _assert_equals_check(
    fleet: mc.Fleet, result: mc.Timeline, start: pendulum.Date, end: pendulum.Date
) -> None:
    """The timeline's findings and error counts are check's on every day of the range."""
    day = start
    while day <= end:
        expected, errors = _day_by_day(fleet, day)
        found = {(key, i.vessel, i.crew, i.waived_by) for key, i in result.on(day)}
        assert found == expected, day
        assert result.errors_on(day) == {v: n for v, n in errors.items() if n}, day
        day = day.add(days=1)


# Each example runs check on every day of a range of up to three months; the fleets are
# small, so the ci profile's 60 examples take a few seconds.
@given(fleet=fleets(), span=ranges)
def test_timeline_equals_check_on_every_day(
    fleet: mc.Fleet, span: tuple[pendulum.Date, pendulum.Date]
) -> None:
    start, end = span
    result = timeline(fleet, start, end)
    _assert_equals_check(fleet, result, start, end)
    assert len(result.change_points) <= (end - start).days + 1


EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "fleet"


def test_example_fleet_timeline_equals_check_on_every_day() -> None:
    # The busiest stretch of the example: the hours of rest of February 2021, kit
    # changing hands, expiries and the end of the business year.
    fleet = mc.load(EXAMPLE)
    start, end = pendulum.Date(2021, 1, 25), pendulum.Date(2021, 4, 5)
    result = timeline(fleet, start, end)
    _assert_equals_check(fleet, result, start, end)
