"""REST under the STCW A-VIII/1 and WTR 1998 profiles: hand-worked figures."""

from __future__ import annotations

import random

import attrs
import pendulum
import pytest

import maritime_crew as mc
from maritime_crew.facts import rest as _rest

from .builders import D, fleet, person, run

BASE = pendulum.datetime(2021, 1, 4, tz="UTC")  # a Monday, far from the clock changes
H = 3600
DAY = 24 * H


def at(hour: float) -> pendulum.DateTime:
    return BASE.add(seconds=int(hour * H))


def on_profile(profile: str, spans: list[tuple[float, float]]) -> mc.model.Fleet:
    terms = mc.model.TermsAndConditions(
        id="tc-1", title="Terms", status=mc.model.TermsStatus.IN_FORCE, rest_profile=profile
    )
    who = person("BF1", terms=(mc.model.TermsAssignment("tc-1", D(2020, 1, 1)),))
    work = [mc.model.WorkPeriod("BF1", at(a), at(b)) for a, b in spans]
    return fleet(people=[who], terms=[terms], work_periods=work)


def days(count: int, *spans: tuple[float, float], first: int = 0) -> list[tuple[float, float]]:
    return [((first + d) * 24 + a, (first + d) * 24 + b) for d in range(count) for a, b in spans]


# -- STCW A-VIII/1: 70 h allowed for at most two consecutive weeks ---------------------------

# 14 h of work a day (00:00-14:00) leaves 70 h of rest in any 7 days: reduced, not below 70
REDUCED = (0.0, 14.0)
NORMAL = (0.0, 13.0)  # 11 h rest a day: 77 h in any 7 days


def test_seventy_hours_is_allowed_under_the_stcw_exception_not_under_mlc() -> None:
    spans = days(10, REDUCED)
    assert run(on_profile("stcw-a-viii-1", spans), "REST002") == []
    (finding,) = run(on_profile("mlc-a2.3", spans), "REST002")
    assert "had 70 hours of rest" in finding.message


def test_below_seventy_hours_fails_even_under_the_exception() -> None:
    spans = days(10, REDUCED)
    spans[3] = (spans[3][0], spans[3][1] + 1)  # one 15-hour day: 69 h in some 7 days
    (finding,) = run(on_profile("stcw-a-viii-1", spans), "REST002")
    assert finding.message.endswith("at least 70 hours are required")


def test_two_weeks_of_reduced_rest_pass_and_a_day_more_fails() -> None:
    # 14 reduced days and then normal ones: reduced 7-day windows start from day 0
    # through the start of day 8, so the exception covers days 0 to 14 less an instant
    ok = days(14, REDUCED) + days(14, NORMAL, first=14)
    assert run(on_profile("stcw-a-viii-1", ok), "REST010") == []
    long = days(15, REDUCED) + days(14, NORMAL, first=15)
    (finding,) = run(on_profile("stcw-a-viii-1", long), "REST010")
    # the exception ends at 14:00 on day 14: a window starting then holds 91 hours of
    # work, 77 of rest, and one starting an instant before holds less rest
    assert finding.message == (
        "BF1's rest was below 77 hours in every 7 days starting from 2021-01-04 00:00 to "
        "2021-01-18 14:00 (14.6 days); the reduced weekly rest may last at most 2 weeks"
    )
    assert finding.details["exception_days"] == (14 * DAY + 14 * H) / DAY
    assert run(on_profile("mlc-a2.3", long), "REST010") == []  # no exception to limit


def test_an_exception_must_not_come_back_too_soon() -> None:
    # three reduced days, eight normal ones, then eight reduced again
    spans = days(3, REDUCED) + days(8, NORMAL, first=3) + days(8, REDUCED, first=11)
    spans += days(14, NORMAL, first=19)
    (finding,) = run(on_profile("stcw-a-viii-1", spans), "REST010")
    # the first exception: from day 0 to 14:00 on day 2, where the rest is back to 77
    # hours; the next begins at 13:00 on day 4, where it falls below again
    first = 2 * DAY + 14 * H
    gap = (4 * DAY + 13 * H) - first
    assert finding.details["interval_days"] == gap / DAY
    assert finding.details["limit_days"] == 2 * first / DAY
    assert finding.message == (
        "BF1's rest fell below 77 hours in 7 days again at 2021-01-08 13:00, 2.0 days after "
        "the previous exception ended at 2021-01-06 14:00; at least 5.2 days (twice the "
        "previous exception) are required"
    )


def _blocks(*starts: float) -> list[tuple[float, float]]:
    """Normal days (77 h of rest in every 7 days) for 45 days, and an hour's extra work
    at each of ``starts`` (hours from the first day, in the rest after 13:00): each 7 days
    that overlap an extra hour hold less than 77 hours of rest."""
    return days(45, NORMAL) + [(start, start + 1) for start in starts]


@pytest.mark.parametrize(("minutes", "fails"), [(-1, False), (0, False), (1, True)])
def test_an_exception_of_exactly_two_weeks_passes_a_minute_more_fails(
    minutes: int, fails: bool
) -> None:
    # an extra hour at b is in the 7 days starting in (b - 7 days, b + 1 hour): the
    # exception from day 1 18:00 runs to the end of the second extra hour, 14 days later
    # when it starts 7 days less an hour after the first
    first = 8 * 24 + 18
    second = first + 7 * 24 - 1 + minutes / 60
    found = run(on_profile("stcw-a-viii-1", _blocks(first, second)), "REST010")
    assert bool(found) == fails
    if fails:
        (finding,) = found
        assert finding.details["window_start"] == at(first - 7 * 24).isoformat()
        assert finding.details["window_end"] == at(second + 1).isoformat()
        assert finding.details["exception_days"] == 14 + 1 / (24 * 60)


@pytest.mark.parametrize(("minutes", "fails"), [(-1, True), (0, False), (1, False)])
def test_exceptions_twice_their_length_apart_pass_a_minute_closer_fails(
    minutes: int, fails: bool
) -> None:
    # each extra hour makes an exception of 7 days and an hour; the next must begin at
    # least 14 days and 2 hours after the first ends
    first = 8 * 24 + 18
    second = first + 1 + (14 * 24 + 2) + 7 * 24 + minutes / 60
    found = run(on_profile("stcw-a-viii-1", _blocks(first, second)), "REST010")
    assert bool(found) == fails
    if fails:
        (finding,) = found
        assert finding.details["window_start"] == at(first + 1).isoformat()
        assert finding.details["window_end"] == at(second - 7 * 24).isoformat()
        assert finding.details["limit_days"] == 2 * (7 + 1 / 24)


def test_reduced_starts_agree_with_a_second_by_second_count() -> None:
    rng = random.Random(7)
    for _ in range(300):
        t, spans = 0, []
        for _ in range(rng.randint(1, 6)):
            t += rng.randint(1, 5)
            start = t
            t += rng.randint(1, 6)
            spans.append((start, t))
        length, limit = rng.randint(2, 10), rng.randint(0, 10)
        lo, hi = spans[0][0], max(spans[0][0], spans[-1][1] - length)
        worked = {second for a, b in spans for second in range(a, b)}
        expected: list[tuple[int, int]] = []
        for s in range(lo, hi + 1):
            if length - sum(1 for x in range(s, s + length) if x in worked) < limit:
                if expected and expected[-1][1] == s - 1:
                    expected[-1] = (expected[-1][0], s)
                else:
                    expected.append((s, s))
        assert _rest.reduced_starts(_rest.Work(spans), length, limit, lo, hi) == expected


# -- WTR 1998: 11 h daily rest, 24 h weekly rest, 48 h average week over 17 weeks -------------


def test_wtr_daily_rest_is_eleven_consecutive_hours() -> None:
    assert run(on_profile("wtr-1998", days(8, (0, 13))), "REST011") == []
    (finding,) = run(on_profile("wtr-1998", days(8, (0, 13.5))), "REST011")
    assert "an unbroken rest of at least 11 hours is required" in finding.message
    assert finding.details["longest_rest_hours"] == 10.5
    assert run(on_profile("wtr-1998", days(8, (0, 13.5))), "REST004") == []  # not WTR's


def test_a_day_off_in_any_seven_days_on_a_profile_that_asks_for_one() -> None:
    # REST008: a sliding 7 days, for profiles of one's own (wtr-1998 uses REST013)
    sliding = mc.model.RestProfile(
        id="sliding", name="Sliding week", min_longest_rest_7d=mc.model.Period.parse("PT24H")
    )

    def on_sliding(spans: list[tuple[float, float]]) -> mc.model.Fleet:
        return attrs.evolve(on_profile("sliding", spans), rest_profiles=(sliding,))

    # six 8-hour days then a day off: a 40-hour break each week
    week = [(d * 24 + 8, d * 24 + 16) for d in range(6)]
    ok = week + [(7 * 24 + a, 7 * 24 + b) for a, b in week]
    assert run(on_sliding(ok), "REST008") == []
    # every day worked: the longest break is 16 hours
    (finding,) = run(on_sliding(days(9, (8, 16))), "REST008")
    assert finding.message.startswith("BF1's longest rest was 16 hours in the 7 days from")
    assert finding.message.endswith("one period of at least 24 hours is required")
    assert run(on_profile("wtr-1998", days(9, (8, 16))), "REST008") == []


def test_wtr_average_week_over_seventeen_weeks() -> None:
    # 5 days a week: 9.6 h a day is 48 h a week exactly; 10 h a day is 50
    def weeks(hours_a_day: float) -> list[tuple[float, float]]:
        return [(d * 24 + 8, d * 24 + 8 + hours_a_day) for d in range(18 * 7) if d % 7 < 5]

    assert run(on_profile("wtr-1998", weeks(9.6)), "REST009", as_of=D(2021, 6, 30)) == []
    (finding,) = run(on_profile("wtr-1998", weeks(10)), "REST009", as_of=D(2021, 6, 30))
    assert "an average of 50 hours a week; at most 48 hours a week are allowed" in finding.message
    assert finding.details["average_hours"] == pytest.approx(50)
    # a record shorter than the reference period is not judged
    short = weeks(12)[: 5 * 10]
    assert run(on_profile("wtr-1998", short), "REST009", as_of=D(2021, 6, 30)) == []


def test_explain_names_the_sources() -> None:
    registry = mc.rules.default_registry()
    assert "regulation 11" in registry.get("REST008").source  # type: ignore[union-attr]
    assert "regulation 4" in registry.get("REST009").source  # type: ignore[union-attr]
    assert "A-VIII/1" in registry.get("REST010").source  # type: ignore[union-attr]


def test_a_profile_defined_in_the_data_sets_the_limits() -> None:
    data = mc.loads(
        """
[[rest_profile]]
id = "patrol-12"
name = "Patrol rest: 12 hours a day"
source = "Local agreement (example)"
min_rest_24h = "PT12H"

[[terms]]
id = "tc-1"
title = "Terms"
status = "in-force"
rest_profile = "patrol-12"

[[person]]
id = "BF1"
name = "Person BF1"
discipline = "deck"
terms = [{ set = "tc-1", start = 2020-01-01 }]

[[work_period]]
person = "BF1"
start = 2021-01-04T00:00:00Z
end = 2021-01-04T13:00:00Z

[[work_period]]
person = "BF1"
start = 2021-01-05T00:00:00Z
end = 2021-01-05T13:00:00Z
"""
    )
    # 11 hours of rest a day: enough for MLC (10), not for this profile (12)
    (finding,) = run(data, "REST001")
    assert finding.message.endswith("at least 12 hours are required")
    assert finding.details["profile"] == "patrol-12"


# -- STCW A-VIII/1 paragraph 9: rest in three periods on at most two days in 7 ---------------

# two watches a day (00:00-04:00 and 12:00-16:00): rest in two periods in any 24 hours
WATCHES = ((0.0, 4.0), (12.0, 16.0))


def _split_by_drills(*rest_starts: float) -> list[tuple[float, float]]:
    """Twelve days of two watches, with an hour's drill ending at each of ``rest_starts``
    (hours from the first day, inside an evening rest): each drill adds a rest period,
    so the 24 hours that hold it and the two before hold three."""
    return days(12, *WATCHES) + [(start - 1, start) for start in rest_starts]


def test_rest_in_three_periods_is_an_stcw_exception_and_an_mlc_breach() -> None:
    spans = _split_by_drills(24 + 20)
    assert run(on_profile("stcw-a-viii-1", spans), "REST003") == []
    assert run(on_profile("stcw-a-viii-1", spans), "REST012") == []
    (finding,) = run(on_profile("mlc-a2.3", spans), "REST003")
    assert "at most 2 are allowed" in finding.message
    assert run(on_profile("mlc-a2.3", spans), "REST012") == []  # no exception to limit


def test_rest_in_four_periods_is_a_breach_even_under_the_stcw_exception() -> None:
    spans = _split_by_drills(24 + 18, 24 + 21)
    (finding,) = run(on_profile("stcw-a-viii-1", spans), "REST003")
    assert finding.message.endswith("at most 3 are allowed")
    assert finding.details["periods"] == 4


@pytest.mark.parametrize(("minutes", "fails"), [(-1, True), (0, False), (1, False)])
def test_three_split_days_within_seven_days_fail_a_minute_later_pass(
    minutes: int, fails: bool
) -> None:
    # the first split 24 hours start at the first drill's rest, day 1 20:00, and the
    # third ends a minute after the third drill's rest begins: the three fit in the
    # 7 days from day 1 20:00 while that rest begins before day 8 20:00
    third = 8 * 24 + 20 + minutes / 60
    spans = _split_by_drills(24 + 20, 4 * 24 + 20, third)
    found = run(on_profile("stcw-a-viii-1", spans), "REST012")
    assert bool(found) == fails
    if fails:
        (finding,) = found
        assert finding.details["split_periods"] == [
            at(24 + 20).isoformat(),
            at(3 * 24 + 20 + 1 / 60).isoformat(),
            at(third - 24 + 1 / 60).isoformat(),
        ]
        assert finding.details["limit"] == 2
        assert finding.message == (
            "BF1's rest was divided into more than 2 periods in 3 separate 24-hour periods "
            "within 7 days: the 24 hours from 2021-01-05 20:00, 2021-01-07 20:01 and "
            "2021-01-11 20:00; the exception is allowed in at most 2 24-hour periods in any "
            "7 days"
        )
    assert run(on_profile("stcw-a-viii-1", spans), "REST003") == []


def test_a_break_shorter_than_an_hour_splits_no_rest() -> None:
    # a drill half an hour after each afternoon watch on three days running: the
    # 30-minute break is not rest, so the rest is still in two periods
    drills = [(d * 24 + 16.5, d * 24 + 17.5) for d in (1, 2, 3)]
    spans = days(12, *WATCHES) + drills
    assert run(on_profile("stcw-a-viii-1", spans), "REST012") == []
    # an hour's break is rest: three days of rest in three periods
    later = [(a + 0.5, b + 0.5) for a, b in drills]
    (finding,) = run(on_profile("stcw-a-viii-1", days(12, *WATCHES) + later), "REST012")
    assert finding.details["limit"] == 2
