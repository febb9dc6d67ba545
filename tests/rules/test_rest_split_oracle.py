"""REST012 (STCW A-VIII/1 paragraph 9) against a minute-by-minute oracle.

The oracle reads the paragraph literally: a 24-hour period starting at any minute is
split when at least three rest periods start in it (a rest period is a run of minutes
without work, a break under an hour being work); the exception is breached when three
split periods that do not overlap fit within one 7 days. It tries every minute as the
first period, and from there the earliest split period after the one before.
"""

from __future__ import annotations

import bisect
import itertools

from hypothesis import given
from hypothesis import strategies as st

from maritime_crew.facts import rest as _rest

DAY = 24 * 60
WEEK = 7 * DAY
SHORTEST = 60


def _worked(work: list[tuple[int, int]]) -> list[bool]:
    """Each minute of the record: worked or not, a break under an hour being work."""
    first, last = work[0][0], work[-1][1]
    worked = [False] * (last - first)
    for a, b in work:
        worked[a - first : b - first] = [True] * (b - a)
    # a break shorter than an hour is work
    m = 0
    while m < len(worked):
        if worked[m]:
            m += 1
            continue
        end = m
        while end < len(worked) and not worked[end]:
            end += 1
        if end - m < SHORTEST:
            worked[m:end] = [True] * (end - m)
        m = end
    return worked


def most_split_periods(work: list[tuple[int, int]], periods: int = 3) -> int:
    """The most split 24-hour periods, not overlapping, within any 7 days."""
    worked = _worked(work)
    rest_starts = [m for m in range(1, len(worked)) if worked[m - 1] and not worked[m]]
    split = [
        t
        for t in range(0, len(worked) - DAY + 1)
        if bisect.bisect_left(rest_starts, t + DAY) - bisect.bisect_left(rest_starts, t) >= periods
    ]
    best = 0
    for t in split:
        count, end = 1, t + DAY
        while True:
            k = bisect.bisect_left(split, end)
            if k == len(split) or split[k] + DAY > t + WEEK:
                break
            count, end = count + 1, split[k] + DAY
        best = max(best, count)
    return best


def _valid(run: list[_rest.Window], work: _rest.Work, periods: int) -> bool:
    ends = work.ends
    return all(
        bisect.bisect_left(ends, w.start + DAY) - bisect.bisect_left(ends, w.start) >= periods
        and work.starts[0] <= w.start
        and w.end <= work.ends[-1]
        for w in run
    ) and all(a.end <= b.start for a, b in itertools.pairwise(run))


# whole days of watches, some with an extra spell of work, and some shifted by minutes
day_plans = st.lists(
    st.tuples(
        st.sampled_from(
            [((0, 240), (720, 960)), ((360, 1200),), ((0, 240), (480, 540), (720, 960))]
        ),
        st.integers(-90, 90),  # the day's shift in minutes
        st.one_of(st.none(), st.tuples(st.integers(0, DAY - 60), st.integers(30, 120))),
    ),
    min_size=3,
    max_size=11,
)


@given(day_plans)
def test_split_days_agree_with_the_minute_oracle(
    plans: list[tuple[tuple[tuple[int, int], ...], int, tuple[int, int] | None]],
) -> None:
    raw = []
    for number, (spans, shift, extra) in enumerate(plans):
        base = number * DAY + shift
        raw += [(base + a, base + b) for a, b in spans]
        if extra is not None:
            raw.append((number * DAY + extra[0], number * DAY + extra[0] + extra[1]))
    merged = _rest.merge_work(raw)
    work = _rest.Work(merged).bridged(SHORTEST)
    run = _rest.split_rest_days(work, 3, -(10**9), 10**9, day=DAY, week=WEEK)
    assert len(run) == most_split_periods(merged)
    assert _valid(run, work, 3)
    if run:
        assert run[-1].end - run[0].start <= WEEK
    # asked only for a run longer than a limit (as REST012 asks), the same run or none
    for limit in range(len(run) + 2):
        shorter = _rest.split_rest_days(
            work, 3, -(10**9), 10**9, day=DAY, week=WEEK, more_than=limit
        )
        assert shorter == (run if len(run) > limit else [])
