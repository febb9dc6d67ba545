"""REST: hours of rest, hand-worked figures and a minute-level oracle."""

from __future__ import annotations

import bisect
import datetime
import itertools

import pendulum
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew.facts import rest as _rest
from maritime_crew.rules.builtin.rest import hours

from .builders import D, fleet, messages, person, run

BASE = pendulum.datetime(2021, 2, 1, tz="Europe/London")
H = 3600


def at(hour: float) -> pendulum.DateTime:
    """``hour`` hours after 2021-02-01 00:00 UK time (elapsed)."""
    return BASE.add(seconds=int(hour * H))


def crew_of(*spans: tuple[float, float], who: str = "BF1") -> mc.model.Fleet:
    work = [mc.model.WorkPeriod(person=who, start=at(a), end=at(b)) for a, b in spans]
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
    # the earliest such 24 hours: from the end of the first day's work plus a minute, so
    # that they hold all of the second day's 14 h 1 min of work
    assert finding.message == (
        "BF1 had 9 h 59 min of rest in the 24 hours from 2021-02-01 20:01 to "
        "2021-02-02 20:01; at least 10 hours are required"
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

    work = [
        mc.model.WorkPeriod(person="BF1", start=local(d, 6), end=local(d, 22))
        for d in range(26, 30)
    ]
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


def _rest_runs(worked: list[bool]) -> list[tuple[int, int]]:
    """The runs of minutes without work, ``[a, b)`` from the record's first minute."""
    return [
        (a, b)
        for a in range(len(worked))
        if not worked[a] and (a == 0 or worked[a - 1])
        for b in [next((m for m in range(a, len(worked)) if worked[m]), len(worked))]
    ]


def oracle(
    work: list[tuple[int, int]], length: int, shortest: int = 0
) -> dict[str, int | bool | None]:
    """Minute by minute: least rest, most rest starts, any window without a long rest.

    A break shorter than ``shortest`` minutes is work, as a short break is not rest.
    """
    first, last, worked = _minutes(work)
    for a, b in _rest_runs(worked):
        if b - a < shortest:
            worked[a:b] = [True] * (b - a)
    if last - first < length:
        return {"rest": None, "rest_from": None, "periods": None, "breach": None}
    starts = range(0, last - first - length + 1)
    rests = [sum(not w for w in worked[t : t + length]) for t in starts]
    ends = [m for m in range(1, len(worked)) if worked[m - 1] and not worked[m]]
    counts = [sum(t <= e < t + length for e in ends) for t in starts]
    gaps = _rest_runs(worked)
    breach = any(
        not any(b - a >= 6 * 60 and a < t + length and b > t for a, b in gaps) for t in starts
    )
    return {
        "rest": min(rests),
        "rest_from": first + rests.index(min(rests)),  # the earliest window, as reported
        "periods": max(counts),
        "periods_from": first + counts.index(max(counts)),
        "breach": breach,
    }


schedules = st.lists(
    st.tuples(st.integers(0, 4 * 24 * 60), st.integers(1, 16 * 60)), min_size=1, max_size=12
)


@given(schedules, st.sampled_from([6 * 60, 12 * 60, 24 * 60]), st.sampled_from([0, 15, 60]))
def test_fast_check_agrees_with_the_minute_oracle(
    raw: list[tuple[int, int]], length: int, shortest: int
) -> None:
    merged = _rest.merge_work((a, a + d) for a, d in raw)
    expected = oracle(merged, length, shortest)
    work = _rest.Work(merged).bridged(shortest)
    lo, hi = -(10**9), 10**9
    least = _rest.fewest_rest_in_window(work, length, lo, hi)
    most = _rest.most_rest_periods(work, length, lo, hi)
    gap = _rest.window_without_long_rest(work, length, 6 * 60, lo, hi)
    assert (least.value if least else None) == expected["rest"]
    assert (most.value if most else None) == expected["periods"]
    assert (gap is not None if least else None) == expected["breach"]
    if least is not None and most is not None:
        # the earliest window of each, whatever the ties
        assert _rest.earliest_least_rest(work, least, lo).start == expected["rest_from"]
        assert most.start == expected["periods_from"]


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
    assert "7.5 hours of rest in the 24 hours from 2021-02-17 20:30 to 2021-02-18 20:30" in text
    assert "70 hours of rest in the 7 days from 2021-02-21 20:00 to 2021-02-28 20:00" in text
    assert "4 periods in the 24 hours from 2021-02-19 18:01 to 2021-02-20 18:01" in text
    assert "3 periods in the 24 hours from 2021-02-18 20:01 to 2021-02-19 20:01" in text
    assert "longest rest was 4 hours in the 24 hours from 2021-02-19 20:00" in text
    assert "worked 16.5 hours without rest from 2021-02-18 04:00 to 2021-02-18 20:30" in text


def on_profile(profile: str, spans: list[tuple[float, float]]) -> mc.model.Fleet:
    """BF1 working ``spans``, on terms whose rest profile is ``profile``."""
    terms = mc.model.TermsAndConditions(
        id="tc-sea",
        title="Sea terms",
        rest_profile=profile,
        effective=D(2020, 1, 1),
        status=mc.model.TermsStatus.IN_FORCE,
    )
    who = person(terms=(mc.model.TermsAssignment("tc-sea", D(2020, 1, 1)),))
    work = [mc.model.WorkPeriod(person="BF1", start=at(a), end=at(b)) for a, b in sorted(spans)]
    return fleet(people=[who], terms=[terms], work_periods=work)


def _on_work_profile(spans: list[tuple[float, float]]) -> mc.model.Fleet:
    """BF1 on terms whose rest profile limits hours of work (MLC A2.3 5(a))."""
    return on_profile("mlc-a2.3-work", spans)


def test_limits_come_from_the_profile_of_the_persons_terms() -> None:
    spans = daily((0, 4), (12, 16))
    spans.insert(3, (24 + 6, 24 + 7))  # three rest periods in a day
    data = on_profile("stcw-a-viii-1", spans)
    assert run(data, "REST003") == []  # STCW allows three periods
    data = _on_work_profile(daily((4, 19)))
    assert run(data, "REST001") == []  # the work profile sets no rest minimum
    (finding,) = run(data, "REST006")
    assert finding.message == (
        "BF1 worked 15 hours in the 24 hours from 2021-02-01 04:00 to 2021-02-02 04:00; "
        "at most 14 hours are allowed"
    )


def test_fourteen_hours_of_work_in_24_hours_exactly_passes() -> None:
    assert run(_on_work_profile(daily((5, 19))), "REST006") == []
    # The rest profile (MLC by default) limits rest, not work: REST006 does not apply.
    assert run(crew_of(*daily((4, 19))), "REST006") == []


def test_more_than_72_hours_of_work_in_7_days_fails() -> None:
    # 11 h a day; a 7-day window is judged only within the record, so 8 days of it
    (finding,) = run(_on_work_profile(daily((6, 17), days=8)), "REST007")
    assert finding.message == (
        "BF1 worked 77 hours in the 7 days from 2021-02-01 06:00 to 2021-02-08 06:00; "
        "at most 72 hours are allowed"
    )
    assert finding.details["work_hours"] == 77


def test_72_hours_of_work_in_7_days_exactly_passes() -> None:
    # 12 h a day for 6 days, a day off, and again: every 7 days hold exactly 72 hours
    fortnight = [span for span in daily((6, 18), days=13) if not 6 * 24 <= span[0] < 7 * 24]
    assert run(_on_work_profile(fortnight), "REST007") == []
    assert run(_on_work_profile(daily((6, 18), days=13)), "REST007") != []
    assert run(crew_of(*daily((6, 17), days=8)), "REST007") == []  # not a work profile


# -- the fast paths: record building and the window sweeps -----------------------------------


def _merge_reference(periods: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merging as the rules define it, one interval at a time."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(p for p in periods if p[1] > p[0]):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


raw_periods = st.lists(
    st.tuples(st.integers(-3000, 3000), st.integers(-600, 900)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=15,
)


@given(raw_periods)
def test_merged_work_is_the_union_in_any_order(periods: list[tuple[int, int]]) -> None:
    expected = _merge_reference(periods)
    assert _rest.merge_work(periods) == expected
    starts, ends = [a for a, _ in periods], [b for _, b in periods]
    work = _rest.Work.merged(starts, ends)
    assert list(work) == expected
    assert work[:] == [work[i] for i in range(len(work))] == expected  # a sequence of intervals
    assert (starts, ends) == ([a for a, _ in periods], [b for _, b in periods])  # not changed
    assert work.before == [sum(b - a for a, b in expected[:i]) for i in range(len(expected))]


@given(raw_periods, st.integers(-3500, 4500))
def test_clipping_merged_work_is_merging_the_clipped_periods(
    periods: list[tuple[int, int]], cutoff: int
) -> None:
    # what the rules count on a check date: periods starting before the cutoff, ended there
    expected = _merge_reference([(a, min(b, cutoff)) for a, b in periods if a < cutoff])
    whole = _rest.Work.merged([a for a, _ in periods], [b for _, b in periods])
    clipped = whole.clip(cutoff)
    assert list(clipped) == expected
    assert clipped == _rest.Work(expected)
    assert clipped.before == _rest.Work(expected).before
    assert list(whole) == _merge_reference(periods)  # clipping leaves the whole record alone


def _zones() -> list[datetime.tzinfo | None]:
    return [
        None,
        datetime.timezone.utc,
        datetime.timezone(datetime.timedelta(hours=-3, minutes=-30)),
        datetime.timezone(datetime.timedelta(hours=5, minutes=45)),
        datetime.timezone(datetime.timedelta(seconds=3601, microseconds=5)),
        pendulum.UTC,
        pendulum.FixedTimezone(3600),
        pendulum.FixedTimezone(-7 * 3600),
        pendulum.timezone("Europe/London"),
        pendulum.timezone("America/St_Johns"),
    ]


@given(
    st.lists(
        st.tuples(
            st.datetimes(
                min_value=datetime.datetime(1900, 1, 2), max_value=datetime.datetime(2400, 1, 1)
            ),
            st.sampled_from(_zones()),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_work_seconds_are_the_whole_seconds_of_timestamp(
    moments: list[tuple[datetime.datetime, datetime.tzinfo | None, bool]],
) -> None:
    placed = [
        pendulum.instance(m.replace(tzinfo=zone))
        if as_pendulum and zone
        else m.replace(tzinfo=zone)
        for m, zone, as_pendulum in moments
    ]
    starts, ends = _rest.work_seconds(zip(placed, reversed(placed), strict=True))
    assert starts == [int(m.timestamp()) for m in placed]
    assert ends == [int(m.timestamp()) for m in reversed(placed)]


def test_work_seconds_of_iso_times_with_offsets_across_a_clock_change() -> None:
    texts = ["2021-03-27T22:00:00+00:00", "2021-03-28T06:00:00+01:00", "2021-10-31T01:30:00+01:00"]
    texts += ["2021-10-31T01:30:00+00:00", "1969-12-31T23:59:59.500000+00:00"]
    moments = [pendulum.instance(datetime.datetime.fromisoformat(t)) for t in texts]
    starts, _ = _rest.work_seconds((m, m) for m in moments)
    assert starts == [int(m.timestamp()) for m in moments]
    assert starts[1] - starts[0] == 7 * H
    assert starts[3] - starts[2] == H


def _between(work: list[tuple[int, int]], a: int, b: int) -> int:
    return sum(max(0, min(e, b) - max(s, a)) for s, e in work)


def _fewest_reference(work: list[tuple[int, int]], length: int, lo: int, hi: int) -> object:
    first, last = max(lo, work[0][0]), min(hi, work[-1][1] - length)
    if first > last:
        return None
    candidates = [first, *(s for s, _ in work if first < s < last), last]
    rests = [length - _between(work, t, t + length) for t in candidates]
    t = candidates[rests.index(min(rests))]
    return (t, min(rests))


def _periods_reference(work: list[tuple[int, int]], length: int, lo: int, hi: int) -> object:
    """The earliest window starting in range, at any whole unit, with the most rest starts."""
    first, last = max(lo, work[0][0]), min(hi, work[-1][1] - length)
    if first > last:
        return None
    ends = [e for _, e in work]
    candidates = range(first, last + 1)
    counts = [
        bisect.bisect_left(ends, t + length) - bisect.bisect_left(ends, t) for t in candidates
    ]
    return (candidates[counts.index(max(counts))], max(counts))


def _earliest_rest_reference(work: list[tuple[int, int]], length: int, lo: int, hi: int) -> object:
    """The earliest window starting in range, at any whole unit, with the least rest."""
    first, last = max(lo, work[0][0]), min(hi, work[-1][1] - length)
    if first > last:
        return None
    index = _rest.Work(work)
    rests = [length - index.between(t, t + length) for t in range(first, last + 1)]
    return (first + rests.index(min(rests)), min(rests))


def _long_rest_reference(
    work: list[tuple[int, int]], length: int, needed: int, lo: int, hi: int
) -> object:
    first, last = max(lo, work[0][0]), min(hi, work[-1][1] - length)
    if first > last:
        return None
    gaps = [(a, b) for (_, a), (b, _) in itertools.pairwise(work)]
    events = {p for s, e in work for p in (s, e, s - length, e - length)}
    points = sorted({first, last} | {p for p in events if first <= p <= last})
    breaches = [
        t for t in points if not any(b - a >= needed and a - length < t < b for a, b in gaps)
    ]
    if not breaches:
        return None
    longest = [
        max((b - a for a, b in gaps if a < t + length and b > t), default=0) for t in breaches
    ]
    return (breaches[longest.index(min(longest))], min(longest))


def _longest_work_reference(work: list[tuple[int, int]], lo: int, hi: int) -> object:
    inside = [(s, e) for s, e in work if lo <= s <= hi]
    if not inside:
        return None
    most = max(e - s for s, e in inside)
    return next((s, most) for s, e in inside if e - s == most)


def _found(window: _rest.Window | None) -> object:
    return None if window is None else (window.start, window.value)


@given(
    schedules,
    st.sampled_from([6 * 60, 12 * 60, 24 * 60, 7 * 24 * 60]),
    st.integers(-60, 6 * 24 * 60),
    st.integers(0, 6 * 24 * 60),
    st.sampled_from([3 * 60, 6 * 60, 10 * 60]),
)
def test_the_sweeps_find_the_windows_the_definitions_give(
    raw: list[tuple[int, int]], length: int, lo: int, span: int, needed: int
) -> None:
    # windows start in [lo, hi] as the rules' profile runs give them, not only the whole record
    work = _rest.merge_work((a, a + d) for a, d in raw)
    hi = lo + span
    for index in (work, _rest.Work(work)):
        assert _found(_rest.fewest_rest_in_window(index, length, lo, hi)) == _fewest_reference(
            work, length, lo, hi
        )
        assert _found(_rest.most_rest_periods(index, length, lo, hi)) == _periods_reference(
            work, length, lo, hi
        )
        least = _rest.fewest_rest_in_window(index, length, lo, hi)
        assert _found(
            None if least is None else _rest.earliest_least_rest(index, least, lo)
        ) == _earliest_rest_reference(work, length, lo, hi)
        assert _found(
            _rest.window_without_long_rest(index, length, needed, lo, hi)
        ) == _long_rest_reference(work, length, needed, lo, hi)
        assert _found(_rest.longest_work(index, lo, hi)) == _longest_work_reference(work, lo, hi)


def test_work_running_past_the_check_date_is_clipped_at_its_end() -> None:
    # 06:00 on 1 February to 08:00 on 2 February: 26 hours, of which 18 h by the end of 1 Feb
    spans = [(-18, -2), (6, 32)]
    (finding,) = run(crew_of(*spans), "REST005", as_of=D(2021, 2, 1))
    assert finding.message == (
        "BF1 worked 18 hours without rest from 2021-02-01 06:00 to 2021-02-02 00:00; "
        "at most 14 hours are allowed between rest periods"
    )
    (finding,) = run(crew_of(*spans), "REST005", as_of=D(2021, 2, 2))
    assert "worked 26 hours without rest" in finding.message


def test_one_fleet_checked_on_several_dates_gives_what_fresh_fleets_give() -> None:
    # the seconds of the work are kept per fleet and clipped for each check date
    spans = [*daily((6, 20), days=4), (4 * 24 + 2, 4 * 24 + 21), (5 * 24 + 6, 5 * 24 + 22)]
    shared = crew_of(*spans)
    codes = ("REST001", "REST002", "REST003", "REST004", "REST005")
    for day in (D(2021, 2, 6), D(2021, 2, 2), D(2021, 2, 5), D(2021, 2, 9)):
        for code in codes:
            assert messages(run(shared, code, as_of=day)) == messages(
                run(crew_of(*spans), code, as_of=day)
            )


def test_dst_week_with_offsets_as_loaded_counts_elapsed_time() -> None:
    # the DST week above, with the times given as ISO 8601 text with offsets
    texts = [
        ("2021-03-26T06:00:00+00:00", "2021-03-26T22:00:00+00:00"),
        ("2021-03-27T06:00:00+00:00", "2021-03-27T22:00:00+00:00"),
        ("2021-03-28T06:00:00+01:00", "2021-03-28T22:00:00+01:00"),
        ("2021-03-29T06:00:00+01:00", "2021-03-29T22:00:00+01:00"),
    ]

    def moment(text: str) -> pendulum.DateTime:
        return pendulum.instance(datetime.datetime.fromisoformat(text))

    work = [mc.model.WorkPeriod(person="BF1", start=moment(a), end=moment(b)) for a, b in texts]
    data = fleet(people=[person()], work_periods=work)
    (finding,) = run(data, "REST001", as_of=D(2021, 3, 31))
    assert finding.message == (
        "BF1 had 7 hours of rest in the 24 hours from 2021-03-27 06:00 to 2021-03-28 07:00; "
        "at least 10 hours are required"
    )
    assert finding.details["window_end"] == "2021-03-28T07:00:00+01:00"


# -- the oracle through the whole pipeline, in the weeks the clocks change ----------------------

LONDON = "Europe/London"
_CLOCK_WEEKS = (
    pendulum.datetime(2021, 3, 25, tz=LONDON),
    pendulum.datetime(2021, 10, 28, tz=LONDON),
)


@st.composite
def local_shifts(draw: st.DrawFn) -> tuple[pendulum.DateTime, list[tuple[int, int]]]:
    """Shifts in UK local time in a week the clocks change, on whole quarter hours (so
    window edges often fall exactly on a period's edge), as minutes from the week's start."""
    week = draw(st.sampled_from(_CLOCK_WEEKS))
    spans = draw(
        st.lists(
            st.tuples(st.integers(0, 6 * 24 * 4), st.integers(1, 14 * 4)), min_size=1, max_size=10
        )
    )
    return week, [(a * 15, (a + d) * 15) for a, d in spans]


@given(local_shifts())
def test_rest001_agrees_with_the_minute_oracle_across_clock_changes(
    case: tuple[pendulum.DateTime, list[tuple[int, int]]],
) -> None:
    week, spans = case
    # the shifts are written as local wall-clock times, as a rota would give them; a
    # time in the spring gap is moved on by the clock change (pendulum's rule)
    periods = []
    for a, b in spans:
        start, end = week.add(minutes=a), week.add(minutes=b)
        if end > start:
            periods.append(mc.model.WorkPeriod("BF1", start, end))
    data = fleet(people=[person("BF1")], work_periods=periods)
    as_of = week.add(days=14).date()
    findings = run(data, "REST001", as_of=pendulum.Date(as_of.year, as_of.month, as_of.day))
    # the oracle counts elapsed minutes from the UTC instants
    minutes = _rest.merge_work(
        (int(p.start.timestamp()) // 60, int(p.end.timestamp()) // 60) for p in periods
    )
    expected = oracle(minutes, 24 * 60, shortest=60)["rest"]  # the profile's shortest rest
    found = findings[0].details["rest_hours"] * 60 if findings else None
    if expected is None or expected >= 10 * 60:
        assert findings == []
    else:
        assert found == expected


@given(raw_periods, st.lists(st.integers(-3500, 4500), max_size=20))
def test_work_until_each_and_between_agree_with_until(
    periods: list[tuple[int, int]], moments: list[int]
) -> None:
    work = _rest.Work(_rest.merge_work(periods))
    ordered = sorted(moments)
    assert work.until_each(ordered) == [work.until(t) for t in ordered]
    for a, b in itertools.product(ordered[:6], repeat=2):
        assert work.between(a, b) == work.until(b) - work.until(a)


@given(
    st.lists(
        st.tuples(st.integers(0, 200), st.integers(1, 30)).map(lambda p: (p[0], p[0] + p[1])),
        min_size=1,
        max_size=10,
    ),
    st.integers(1, 60),
    st.integers(0, 60),
    st.integers(-20, 250),
    st.integers(-20, 250),
)
def test_no_reduced_runs_where_the_least_rest_is_not_below_the_limit(
    periods: list[tuple[int, int]], length: int, limit: int, lo: int, hi: int
) -> None:
    # REST010 stops early when the least rest in any window is not below the limit
    work = _rest.Work(_rest.merge_work(periods))
    least = _rest.fewest_rest_in_window(work, length, lo, hi)
    first, last = max(lo, work.starts[0]), min(hi, work.ends[-1] - length)
    runs = _rest.reduced_starts(work, length, limit, first, last)
    if least is None or least.value >= limit:
        assert runs == []
    else:
        assert runs


@given(raw_periods, st.integers(1, 900), st.integers(-3500, 4500), st.integers(0, 3000))
def test_fewest_rest_asked_twice_gives_what_a_fresh_record_gives(
    periods: list[tuple[int, int]], length: int, lo: int, span: int
) -> None:
    merged = _rest.merge_work(periods)
    work = _rest.Work(merged)
    first = _rest.fewest_rest_in_window(work, length, lo, lo + span)
    assert _rest.fewest_rest_in_window(work, length, lo, lo + span) == first
    assert _rest.fewest_rest_in_window(_rest.Work(merged), length, lo, lo + span) == first
    assert _rest.fewest_rest_in_window(merged, length, lo, lo + span) == first


@given(
    st.lists(
        st.tuples(
            st.datetimes(
                min_value=datetime.datetime(1900, 1, 2), max_value=datetime.datetime(2400, 1, 1)
            ),
            st.integers(0, 10**6),
            st.sampled_from([z for z in _zones() if z is not None]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_span_seconds_of_work_periods_are_the_whole_seconds_of_timestamp(
    moments: list[tuple[datetime.datetime, int, datetime.tzinfo]],
) -> None:
    periods = []
    for m, seconds, zone in moments:
        start = pendulum.instance(m.replace(tzinfo=zone))
        periods.append(
            mc.model.WorkPeriod(person="BF1", start=start, end=start.add(seconds=seconds))
        )
    starts, ends = _rest.span_seconds(periods)
    assert starts == [int(p.start.timestamp()) for p in periods]
    assert ends == [int(p.end.timestamp()) for p in periods]
    assert (starts, ends) == _rest.work_seconds((p.start, p.end) for p in periods)


# -- the record on a date: what the rules ask of the facts, and when it changes -------------


LONDON = "Europe/London"


def _london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz=LONDON)


def _changing_record() -> mc.model.Fleet:
    """BF1's work across midnight, across the clock change of 2021-03-28, and over days,
    under three profiles in turn (and none for two days)."""
    sets = [
        mc.model.TermsAndConditions(
            id=set_id, title=set_id, status=mc.model.TermsStatus.IN_FORCE, rest_profile=profile
        )
        for set_id, profile in (("tc-a", "wtr-1998"), ("tc-b", "stcw-a-viii-1"))
    ]
    moves = (
        mc.model.TermsAssignment("tc-a", D(2021, 1, 1), D(2021, 3, 28)),
        mc.model.TermsAssignment("tc-b", D(2021, 3, 31)),
    )
    spans = [
        ((2021, 3, 22, 6), (2021, 3, 22, 18)),
        ((2021, 3, 26, 22), (2021, 3, 27, 6)),
        ((2021, 3, 27, 20), (2021, 3, 28, 13)),
        ((2021, 3, 28, 23, 30), (2021, 3, 29, 9)),
        ((2021, 3, 30, 23, 30), (2021, 4, 2, 10)),
        ((2021, 4, 2, 10), (2021, 4, 2, 12)),
        ((2021, 4, 6, 8), (2021, 4, 6, 22)),
    ]
    work = [mc.model.WorkPeriod("BF1", _london(*a), _london(*b)) for a, b in spans]
    return fleet(people=[person(terms=moves)], terms=sets, work_periods=work)


def test_the_record_holds_the_work_up_to_the_end_of_the_date_and_the_profiles_begun() -> None:
    data = _changing_record()
    someone = data.people[0]
    view = mc.facts.Facts.of(data).on(D(2021, 3, 31))
    assert view.on(D(2021, 3, 21)).hours_on_record(someone) is None
    record = view.hours_on_record(someone)
    assert record is not None
    end = int(_london(2021, 4, 1).timestamp())
    assert record.work.ends[-1] == end  # the work of 30 March to 2 April, cut at midnight
    assert [(run.first, run.last, run.profile.id) for run in record.runs] == [
        (D(2021, 3, 22), D(2021, 3, 28), "wtr-1998"),
        (D(2021, 3, 29), D(2021, 3, 30), "mlc-a2.3"),
        (D(2021, 3, 31), None, "stcw-a-viii-1"),
    ]
    assert view.rest_profile_on(someone, D(2021, 3, 29)).id == "mlc-a2.3"


def test_the_record_stays_the_same_until_the_day_it_notes() -> None:
    data = _changing_record()
    someone = data.people[0]
    facts = mc.facts.Facts.of(data)
    first, last = D(2021, 3, 15).toordinal(), D(2021, 4, 12).toordinal()
    changes = set()
    for day in range(first, last + 1):
        trace = mc.facts.Trace(day)
        answer = facts.traced(D.fromordinal(day), trace).hours_on_record(someone)
        changes.add(trace.next)
        for later in range(day + 1, min(trace.next, last + 1)):
            assert facts.on(D.fromordinal(later)).hours_on_record(someone) == answer
    # each day work starts, runs into, or a profile begins; none between
    assert {D.fromordinal(day).isoformat() for day in changes if day <= last} == {
        "2021-03-22",
        "2021-03-26",
        "2021-03-27",
        "2021-03-28",
        "2021-03-29",
        "2021-03-30",
        "2021-03-31",
        "2021-04-01",
        "2021-04-02",
        "2021-04-06",
    }


def test_the_timeline_of_the_rest_rules_is_check_on_every_day() -> None:
    from maritime_crew.timeline import finding_key

    data = _changing_record()
    first, last = D(2021, 3, 15), D(2021, 4, 12)
    config = mc.rules.Config(select=("REST",))
    result = mc.timeline.timeline(data, first, last, config=config)
    for day in range(first.toordinal(), last.toordinal() + 1):
        on = D.fromordinal(day)
        expected = {finding_key(f) for f in mc.check(data, on, config).findings}
        assert {key for key, _ in result.on(on)} == expected, on
    assert result.findings  # the record breaks some limits
