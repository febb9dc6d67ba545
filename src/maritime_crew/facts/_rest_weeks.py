"""Runs of reduced weeks: the STCW A-VIII/1 exception to 77 hours of rest in 7 days.

STCW Code section A-VIII/1 paragraph 9 lets the 77 hours of rest in any 7 days fall to
70, for no more than two consecutive weeks, with the intervals between two periods of
exception at least twice the length of the exception. Here a **reduced window** is a
7-day window (starting at any instant, inside the record) with less than the normal
minimum of rest, and an **exception** runs from the start of the first reduced window
to the start of the last one, while every window starting in between is reduced too:
a run of the starts of reduced windows. Fourteen days of 70 hours' rest a week make an
exception of just under two weeks; a single long day makes one of under a week.

Rest in the window starting at ``s`` changes by -1, 0 or +1 a second between the
instants where ``s`` or ``s + length`` crosses the edge of a period of work, so the
runs are found from those instants alone (O(n log n) in periods of work).
"""

from __future__ import annotations

import itertools

from ._rest import Interval, Work

__all__ = ["reduced_starts"]


def reduced_starts(work: Work, length: int, limit: int, lo: int, hi: int) -> list[Interval]:
    """Closed ranges of window starts in ``[lo, hi]`` whose rest is below ``limit``.

    Rest is ``length`` minus the work in the window.
    """
    if lo > hi:
        return []

    def rest(s: int) -> int:
        return length - work.between(s, s + length)

    points = {lo, hi}
    for a, b in work:
        for t in (a, b, a - length, b - length):
            if lo < t < hi:
                points.add(t)
    ordered = sorted(points)
    found: list[Interval] = []

    def add(a: int, b: int) -> None:
        if found and a <= found[-1][1] + 1:
            found[-1] = (found[-1][0], max(found[-1][1], b))
        else:
            found.append((a, b))

    # between two of these points each end of the window is either inside work or not
    # for the whole stretch, so rest changes by -1, 0 or +1 a second
    for s0, s1 in itertools.pairwise(ordered):
        r0 = rest(s0)
        slope = (rest(s1) - r0) // (s1 - s0)
        if slope == 0:
            if r0 < limit:
                add(s0, s1)
        elif slope < 0:  # below the limit from s0 + r0 - limit + 1 on
            first = max(s0, s0 + r0 - limit + 1)
            if first <= s1:
                add(first, s1)
        else:  # below the limit up to s0 + limit - r0 - 1
            last = min(s1, s0 + limit - r0 - 1)
            if last >= s0:
                add(s0, last)
    if len(ordered) == 1 and rest(ordered[0]) < limit:
        add(ordered[0], ordered[0])
    return found
