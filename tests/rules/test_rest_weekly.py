"""REST013: the Working Time Regulations 1998, regulation 11 (weekly rest).

Hours count from Monday 2021-02-01 00:00 UK time, the start of a week.
"""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc

from .builders import D, run
from .test_rest import at, on_profile

MINUTE = 1 / 60
WTR = mc.model.BUILTIN_REST_PROFILES["wtr-1998"]


def on_own_profile(spans: list[tuple[float, float]], **limits: object) -> mc.model.Fleet:
    """BF1 on terms naming a profile like wtr-1998 with ``limits`` changed."""
    profile = attrs.evolve(WTR, id="agreed", name="Agreed", **limits)
    data = on_profile("agreed", spans)
    return attrs.evolve(data, rest_profiles=(profile,))


def week_with_rest(hours: float) -> list[tuple[float, float]]:
    """Days 0 to 4 at work 08:00-17:00; then ``hours`` off from 17:00 on day 4; then work
    to 17:00 on day 6; and 08:00-17:00 on day 7, the next Monday."""
    back = 4 * 24 + 17 + hours
    return [(d * 24 + 8, d * 24 + 17) for d in range(5)] + [
        (back, 6 * 24 + 17),
        (7 * 24 + 8, 7 * 24 + 17),
    ]


@pytest.mark.parametrize(("minutes", "fails"), [(-1, True), (0, False), (1, False)])
def test_a_weekly_rest_of_24_hours_besides_11_hours_daily_rest(minutes: int, fails: bool) -> None:
    found = run(on_profile("wtr-1998", week_with_rest(35 + minutes / 60)), "REST013")
    assert bool(found) == fails
    if fails:
        (finding,) = found
        assert finding.details["longest_rest_hours"] * 60 == 35 * 60 - 1
        assert finding.details["window_start"] == at(0).isoformat()
        assert finding.details["window_end"] == at(7 * 24).isoformat()
        assert finding.message == (
            "BF1's longest uninterrupted rest was 34 h 59 min in the 7 days from "
            "2021-02-01 00:00 to 2021-02-08 00:00; one of at least 35 hours (a weekly rest "
            "of 24 hours besides the daily rest) is required"
        )


def test_objective_reasons_let_the_weekly_rest_include_the_daily_rest() -> None:
    spans = week_with_rest(24)
    assert len(run(on_profile("wtr-1998", spans), "REST013")) == 1
    assert run(on_own_profile(spans, weekly_rest_includes_daily_rest=True), "REST013") == []
    (finding,) = run(
        on_own_profile(week_with_rest(24 - MINUTE), weekly_rest_includes_daily_rest=True),
        "REST013",
    )
    assert finding.message.endswith(
        "one of at least 24 hours (a weekly rest of 24 hours) is required"
    )


def test_a_rest_across_the_start_of_a_week_counts_in_part_unless_an_agreement_moves_it() -> None:
    # work every day 08:00-17:00, with a day off on Wednesday 3 February and a rest
    # from Sunday 7 February 13:00 to Tuesday 00:00 (35 h): 24 hours of it fall in the
    # week from Monday 8 February, which has no other long rest
    spans = [(d * 24 + 8, d * 24 + 17) for d in range(14) if d not in (2, 6, 7, 8)]
    spans += [(6 * 24 + 8, 6 * 24 + 13), (8 * 24, 8 * 24 + 9)]
    (finding,) = run(on_profile("wtr-1998", spans), "REST013")
    assert finding.details["window_start"] == at(7 * 24).isoformat()
    assert finding.details["longest_rest_hours"] == 24  # the second week's part
    # an agreement that starts the periods at noon on Sunday holds it whole
    noon = pendulum.datetime(2021, 1, 3, 12, tz="Europe/London")
    assert run(on_own_profile(spans, weekly_rest_from=noon), "REST013") == []


@pytest.mark.parametrize(("minutes", "fails"), [(-1, True), (0, False)])
def test_weeks_begin_at_midnight_uk_time_across_the_clock_change(minutes: int, fails: bool) -> None:
    # the clocks went forward on Sunday 2021-03-28: the week from Monday 29 March begins
    # at 23:00 UTC on the Sunday. Work ends then, 35 hours off follow (a minute less
    # fails), then five days of 9 hours, 15 hours apart
    monday = (pendulum.datetime(2021, 3, 29, tz="Europe/London") - at(0)).in_seconds() / 3600
    back = monday + 35 + minutes / 60
    spans = [(monday - 10, monday)] + [(back + 24 * k, back + 24 * k + 9) for k in range(5)]
    found = run(on_profile("wtr-1998", spans), "REST013", as_of=D(2021, 4, 30))
    assert bool(found) == fails
    if fails:
        (finding,) = found
        assert finding.details["window_start"] == "2021-03-29T00:00:00+01:00"
        assert finding.details["window_end"] == "2021-04-05T00:00:00+01:00"


def test_a_week_under_way_is_reported_only_once_no_rest_can_fit() -> None:
    # 08:00-17:00 each day from Monday: time after the check date is not known, so it
    # counts as rest; from Saturday 17:00 to the end of the week is 31 hours, too few
    spans = [(d * 24 + 8, d * 24 + 17) for d in range(7)]
    assert run(on_profile("wtr-1998", spans[:5]), "REST013", as_of=D(2021, 2, 5)) == []
    (finding,) = run(on_profile("wtr-1998", spans[:6]), "REST013", as_of=D(2021, 2, 6))
    assert finding.details["longest_rest_hours"] == 31


def _with_rests(*rests: tuple[float, float]) -> list[tuple[float, float]]:
    """Fifteen days at work 08:00-17:00 from Monday 1 February, but for each rest
    ``(start, hours)``: work stops at its start and resumes at its end."""
    spans = [(d * 24 + 8.0, d * 24 + 17.0) for d in range(15)]
    for start, hours in rests:
        end = start + hours
        kept = [(a, b) for a, b in spans if b <= start or a >= end]
        day = int(end // 24)
        if end < day * 24 + 17:  # back at work at the rest's end, until 17:00
            kept.append((end, day * 24 + 17.0))
        spans = sorted(kept)
    return spans


@pytest.mark.parametrize(
    ("rests", "fails"),
    [
        (((3 * 24 + 17, 35), (10 * 24 + 17, 35)), False),
        (((3 * 24 + 17, 35), (10 * 24 + 17, 35 - MINUTE)), True),
        (((3 * 24 + 17, 59),), False),
        (((3 * 24 + 17, 59 - MINUTE),), True),
    ],
)
def test_two_rests_of_35_hours_or_one_of_59_in_each_fortnight(
    rests: tuple[tuple[float, float], ...], fails: bool
) -> None:
    spans = _with_rests(*rests)
    fortnightly = on_own_profile(spans, weekly_rest_fortnightly=True, weekly_rest_from=at(0))
    found = run(fortnightly, "REST013")
    assert bool(found) == fails
    if fails:
        (finding,) = found
        assert finding.details["limit_hours"] == 35
        assert finding.details["single_limit_hours"] == 59
        assert "two of at least 35 hours, or one of at least 59 hours" in finding.message
    # weekly periods: the one week with no rest fails whatever the fortnight holds
    if len(rests) == 1:
        assert len(run(on_profile("wtr-1998", spans), "REST013")) == 1


def weekly_oracle(work: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Minute by minute: the week (from Monday 00:00) whose longest rest falls furthest
    short of 35 hours, and that rest; time outside the record is rest."""
    first, last = min(a for a, _ in work), max(b for _, b in work)
    worked = set()
    for a, b in work:
        worked.update(range(a, b))
    week = 7 * 24 * 60
    worst: tuple[int, int] | None = None
    for start in range(first // week * week, last, week):
        longest = run_length = 0
        for minute in range(start, start + week):
            run_length = 0 if minute in worked else run_length + 1
            longest = max(longest, run_length)
        if longest < 35 * 60 and (worst is None or longest < worst[1]):
            worst = (start, longest)
    return worst


@given(
    st.lists(
        st.tuples(st.integers(0, 3 * 7 * 24 * 60), st.integers(60, 16 * 60)),
        min_size=1,
        max_size=30,
    )
)
def test_weekly_rest_agrees_with_the_minute_oracle(raw: list[tuple[int, int]]) -> None:
    work = [(a, a + d) for a, d in raw]
    expected = weekly_oracle(work)
    found = run(on_profile("wtr-1998", [(a / 60, b / 60) for a, b in work]), "REST013")
    if expected is None:
        assert found == []
    else:
        (finding,) = found
        assert finding.details["window_start"] == at(expected[0] / 60).isoformat()
        assert round(finding.details["longest_rest_hours"] * 60) == expected[1]
