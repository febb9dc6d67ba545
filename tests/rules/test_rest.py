"""REST: hours of rest, hand-worked figures and a minute-level oracle."""

from __future__ import annotations

import itertools

import pendulum
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew.facts import _rest
from maritime_crew.rules.builtin.rest import hours

from .builders import D, fleet, messages, person, run

BASE = pendulum.datetime(2021, 2, 1, tz="Europe/London")
H = 3600


def at(hour: float) -> pendulum.DateTime:
    """``hour`` hours after 2021-02-01 00:00 UK time (elapsed)."""
    return BASE.add(seconds=int(hour * H))


def crew_of(*spans: tuple[float, float], who: str = "BF1") -> mc.Fleet:
    work = [mc.WorkPeriod(person=who, start=at(a), end=at(b)) for a, b in spans]
    return fleet(people=[person(who)], work_periods=work)


def daily(*spans: tuple[float, float], days: int = 3) -> list[tuple[float, float]]:
    return [(d * 24 + a, d * 24 + b) for d in range(days) for a, b in spans]


def test_hours_print_as_the_findings_write_them() -> None:
    assert hours(10 * H) == "10 hours"
    assert hours(int(7.5 * H)) == "7.5 hours"
    assert hours(10 * H - 60) == "9 h 59 min"
    assert hours(H) == "1 hour"


def test_ten_hours_rest_exactly_passes() -> None:
    assert run(crew_of(*daily((6, 20))), "REST001") == []


def test_nine_hours_fifty_nine_minutes_fails() -> None:
    spans = daily((6, 20), days=3)
    spans[1] = (24 + 6, 24 + 20 + 1 / 60)
    (finding,) = run(crew_of(*spans), "REST001")
    assert finding.message == (
        "BF1 had 9 h 59 min of rest in the 24 hours from 2021-02-02 06:00 to "
        "2021-02-03 06:00; at least 10 hours are required"
    )
    assert finding.details["rest_hours"] == (10 * H - 60) / H


def test_seventy_seven_hours_boundary() -> None:
    # 13 h work a day for 7 days and a bit: 11 h rest a day = 77 h in 7 days exactly
    ok = daily((6, 19), days=8)
    assert run(crew_of(*ok), "REST002") == []
    bad = daily((6, 19), days=8)
    bad[3] = (3 * 24 + 6, 3 * 24 + 19 + 1 / 60)
    (finding,) = run(crew_of(*bad), "REST002")
    assert "76 h 59 min of rest in the 7 days" in finding.message


def test_two_rest_periods_pass_three_fail() -> None:
    assert run(crew_of(*daily((0, 4), (12, 16))), "REST003") == []
    spans = daily((0, 4), (12, 16))
    spans.insert(3, (24 + 6, 24 + 7))  # breaks the 04:00-12:00 rest on day 2
    (finding,) = run(crew_of(*sorted(spans)), "REST003")
    assert "divided into 3 periods" in finding.message
    assert finding.details["periods"] == 3


def test_six_hour_longest_rest() -> None:
    # rests of 6 h and 5 h: passes; rests of 5 h 59 min and 5 h: fails
    assert run(crew_of(*daily((0, 6), (12, 19), days=3)), "REST004") == []
    spans = daily((0, 6), (12 - 1 / 60, 19), days=3)
    (finding,) = run(crew_of(*spans), "REST004")
    assert "longest rest was 5 h 59 min" in finding.message


def test_fourteen_hour_interval_exactly_passes_one_minute_more_fails() -> None:
    assert run(crew_of(*daily((6, 20))), "REST005") == []
    (finding,) = run(crew_of((6, 20), (30, 44 + 1 / 60)), "REST005")
    assert finding.message == (
        "BF1 worked 14 h 1 min without rest from 2021-02-02 06:00 to 2021-02-02 20:01; "
        "at most 14 hours are allowed between rest periods"
    )


def test_overlapping_and_touching_periods_are_one_stretch() -> None:
    (finding,) = run(crew_of((6, 12), (10, 15), (15, 21)), "REST005")
    assert "worked 15 hours without rest" in finding.message


def test_periods_crossing_midnight_count_by_elapsed_time() -> None:
    # 20:00 to 12:00 next day: 16 h of work in one stretch across midnight
    (finding,) = run(crew_of((20, 36), (44, 50)), "REST005")
    assert "from 2021-02-01 20:00 to 2021-02-02 12:00" in finding.message


def test_dst_week_counts_elapsed_time() -> None:
    # clocks go forward at 01:00 on 2021-03-28: 22:00 to 06:00 local is 7 h of rest
    def local(day: int, hour: int) -> pendulum.DateTime:
        return pendulum.datetime(2021, 3, day, hour, tz="Europe/London")

    work = [mc.WorkPeriod(person="BF1", start=local(d, 6), end=local(d, 22)) for d in range(26, 30)]
    data = fleet(people=[person()], work_periods=work)
    (finding,) = run(data, "REST001", as_of=D(2021, 3, 31))
    # 16 h work days leave 8 h of rest; the short night leaves 7 h, and the 24 hours from
    # 06:00 GMT end at 07:00 BST
    assert finding.message == (
        "BF1 had 7 hours of rest in the 24 hours from 2021-03-27 06:00 to 2021-03-28 07:00; "
        "at least 10 hours are required"
    )
    assert finding.details["window_end"] == "2021-03-28T07:00:00+01:00"


def test_work_after_the_check_date_is_ignored() -> None:
    spans = [(6, 22), (30, 46)]
    assert run(crew_of(*spans), "REST001", as_of=D(2021, 1, 31)) == []
    assert messages(run(crew_of(*spans), "REST001", as_of=D(2021, 2, 2)))


# -- the oracle ------------------------------------------------------------------------------


def _minutes(work: list[tuple[int, int]]) -> tuple[int, int, list[bool]]:
    first, last = work[0][0], work[-1][1]
    worked = [False] * (last - first)
    for a, b in work:
        for m in range(a, b):
            worked[m - first] = True
    return first, last, worked


def oracle(work: list[tuple[int, int]], length: int) -> dict[str, int | bool | None]:
    """Minute by minute: least rest, most rest starts, any window without a long rest."""
    first, last, worked = _minutes(work)
    if last - first < length:
        return {"rest": None, "periods": None, "breach": None}
    starts = range(0, last - first - length + 1)
    rest = min(sum(not w for w in worked[t : t + length]) for t in starts)
    ends = [m for m in range(1, len(worked)) if worked[m - 1] and not worked[m]]
    periods = max(sum(t <= e < t + length for e in ends) for t in starts)
    gaps = [(a, b) for (_, a), (b, _) in itertools.pairwise(work)]
    breach = any(
        not any(b - a >= 6 * 60 and a - first < t + length and b - first > t for a, b in gaps)
        for t in starts
    )
    return {"rest": rest, "periods": periods, "breach": breach}


schedules = st.lists(
    st.tuples(st.integers(0, 4 * 24 * 60), st.integers(1, 16 * 60)), min_size=1, max_size=12
)


@given(schedules, st.sampled_from([6 * 60, 12 * 60, 24 * 60]))
def test_fast_check_agrees_with_the_minute_oracle(raw: list[tuple[int, int]], length: int) -> None:
    work = _rest.merge_work((a, a + d) for a, d in raw)
    expected = oracle(work, length)
    lo, hi = -(10**9), 10**9
    least = _rest.fewest_rest_in_window(work, length, lo, hi)
    most = _rest.most_rest_periods(work, length, lo, hi)
    gap = _rest.window_without_long_rest(work, length, 6 * 60, lo, hi)
    assert (least.value if least else None) == expected["rest"]
    assert (most.value if most else None) == expected["periods"]
    assert (gap is not None if least else None) == expected["breach"]


def test_the_example_fleet_breaches_are_found_with_their_windows() -> None:
    from pathlib import Path

    example = Path(__file__).parents[2] / "examples" / "fleet"
    report = mc.check(mc.load(example), as_of=D(2021, 3, 31))
    found = sorted(
        (f.code, f.subject.id, f.message) for f in report.findings if f.code.startswith("REST")
    )
    assert [(rule, who) for rule, who, _ in found] == [
        ("REST001", "BF1055"),
        ("REST002", "BF1053"),
        ("REST003", "BF1054"),
        ("REST003", "BF1055"),
        ("REST004", "BF1054"),
        ("REST005", "BF1055"),
    ]
    text = " ".join(message for _, _, message in found)
    assert "7.5 hours of rest in the 24 hours from 2021-02-18 04:00 to 2021-02-19 04:00" in text
    assert "70 hours of rest in the 7 days from 2021-02-21 20:00 to 2021-02-28 20:00" in text
    assert "4 periods in the 24 hours from 2021-02-20 00:00 to 2021-02-21 00:00" in text
    assert "longest rest was 4 hours in the 24 hours from 2021-02-19 20:00" in text
    assert "worked 16.5 hours without rest from 2021-02-18 04:00 to 2021-02-18 20:30" in text


def test_limits_come_from_the_profile_of_the_persons_terms() -> None:
    spans = daily((0, 4), (12, 16))
    spans.insert(3, (24 + 6, 24 + 7))  # three rest periods in a day
    work = [mc.WorkPeriod(person="BF1", start=at(a), end=at(b)) for a, b in sorted(spans)]
    stcw = mc.TermsAndConditions(
        id="tc-sea",
        title="Sea terms",
        rest_profile="stcw-a-viii-1",
        effective=D(2020, 1, 1),
        status=mc.TermsStatus.IN_FORCE,
    )
    who = person(terms=(mc.TermsAssignment("tc-sea", D(2020, 1, 1)),))
    data = fleet(people=[who], terms=[stcw], work_periods=work)
    assert run(data, "REST003") == []  # STCW allows three periods
    work_profile = mc.TermsAndConditions(
        id="tc-sea",
        title="Sea terms",
        rest_profile="mlc-a2.3-work",
        effective=D(2020, 1, 1),
        status=mc.TermsStatus.IN_FORCE,
    )
    long_day = [mc.WorkPeriod(person="BF1", start=at(a), end=at(b)) for a, b in daily((4, 19))]
    data = fleet(people=[who], terms=[work_profile], work_periods=long_day)
    assert run(data, "REST001") == []  # the work profile sets no rest minimum
    (finding,) = run(data, "REST006")
    assert finding.message == (
        "BF1 worked 15 hours in the 24 hours from 2021-02-01 04:00 to 2021-02-02 04:00; "
        "at most 14 hours are allowed"
    )
