"""A short break is not rest (MLC 2006 A2.3 1(b)): a profile's ``min_rest_period``."""

from __future__ import annotations

import pytest

import maritime_crew as mc
from maritime_crew.model import BUILTIN_REST_PROFILES, Period

from .builders import run
from .test_rest import crew_of, daily, on_profile

MINUTE = 1 / 60


def _long_day(break_minutes: int) -> list[tuple[float, float]]:
    """06:00 to 14:00, a break, then 8 hours more; a normal day before and after."""
    resume = 14 + break_minutes * MINUTE
    return [(6 - 24, 14 - 24), (6, 14), (resume, resume + 8), (30, 38)]


@pytest.mark.parametrize(("minutes", "breached"), [(59, True), (60, False), (61, False)])
def test_a_break_under_an_hour_does_not_end_a_stretch_of_work(minutes: int, breached: bool) -> None:
    found = run(crew_of(*_long_day(minutes)), "REST005")
    assert bool(found) is breached
    if breached:
        assert "worked 16 h 59 min without rest" in found[0].message


def test_a_day_workers_tea_break_and_lunch_are_not_rest_periods() -> None:
    # 08:00-10:00, tea to 10:15, 10:15-12:00, lunch to 12:30, 12:30-17:00, for a week
    day = daily((8, 10), (10.25, 12), (12.5, 17), days=7)
    assert run(crew_of(*day), "REST003") == []
    # the same breaks of an hour each are rest: three periods in 24 hours
    hour_breaks = daily((8, 10), (11, 12), (13, 17), days=7)
    (finding,) = run(crew_of(*hour_breaks), "REST003")
    assert finding.details["periods"] == 3


def test_a_short_break_counts_as_work_in_the_rest_of_the_day() -> None:
    # 14 h of work with a 59-minute break inside: the break is work, so 9 h 1 min of rest
    spans = daily((6, 13), (13 + 59 * MINUTE, 20 + 59 * MINUTE), days=3)
    (finding,) = run(crew_of(*spans), "REST001")
    assert finding.details["rest_hours"] == pytest.approx(9 + MINUTE)
    # an hour's break is rest: 10 hours exactly
    assert run(crew_of(*daily((6, 13), (14, 21), days=3)), "REST001") == []


def test_a_profile_without_a_shortest_rest_counts_every_break() -> None:
    profile = mc.model.RestProfile(
        id="every-break",
        name="MLC limits, every break is rest",
        min_rest_24h=Period.parse("PT10H"),
        max_interval_between_rests=Period.parse("PT14H"),
    )
    data = on_profile("every-break", _long_day(15))
    data = mc.model.Fleet(
        people=data.people,
        terms=data.terms,
        work_periods=data.work_periods,
        rest_profiles=(profile,),
    )
    assert run(data, "REST005") == []  # the 15-minute break ended the stretch
    assert run(on_profile("mlc-a2.3", _long_day(15)), "REST005")  # under MLC it did not


def test_the_built_in_profiles_say_which_breaks_are_rest() -> None:
    hour = Period.parse("PT1H")
    assert BUILTIN_REST_PROFILES["mlc-a2.3"].min_rest_period == hour
    assert BUILTIN_REST_PROFILES["mlc-a2.3-work"].min_rest_period == hour
    assert BUILTIN_REST_PROFILES["stcw-a-viii-1"].min_rest_period == hour
    assert BUILTIN_REST_PROFILES["wtr-1998"].min_rest_period is None
