"""Hours of rest: an event-based engine over one person's work (MLC 2006 A2.3).

Times are whole seconds since the epoch, so periods that cross midnight or a clock
change count by elapsed time. Work intervals are half-open ``[start, end)``; rest is
every gap between work. The record is observed from the start of the first work to the
end of the last (clipped to the check date): rest before the first or after the last
record is unknown, so a window counts only when it lies wholly inside the record.

"Any 24 hours" is a sliding window that may start at any instant. Every function here is
event-based, ``O(n log n)`` in the number of work periods; none walks minute by minute:

* the least rest (most work) in a window is attained with the window starting at a work
  start, or at the last window of the record;
* the rest periods in a window are counted by the rest periods that *start* in it (a
  work end inside the half-open window), so a window cut through a rest period does not
  count the same rest twice;
* a window lacks a long enough rest period exactly where its start is not covered by
  the starts of windows that overlap a long enough gap (a union of open intervals), and
  a rest period counts at its full length when it overlaps the window.

The rest-period and long-rest checks look at the gaps inside each candidate window, so
they cost ``O(n log n + n k)`` with ``k`` the rest periods in one window (a handful).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "Window",
    "fewest_rest_in_window",
    "longest_work",
    "merge_work",
    "most_rest_periods",
    "window_without_long_rest",
]

Interval = tuple[int, int]


@attrs.frozen
class Window:
    """A window of the record: its start and end (seconds) and the figure found in it."""

    start: int
    end: int
    value: int


def merge_work(periods: Iterable[Interval]) -> list[Interval]:
    """Sort work intervals and merge those that overlap or touch; empty ones are dropped."""
    merged: list[Interval] = []
    for start, end in sorted(p for p in periods if p[1] > p[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


class _Work:
    """Merged work with prefix sums, to answer "work between a and b" in ``O(log n)``."""

    def __init__(self, work: Sequence[Interval]) -> None:
        self.starts = [s for s, _ in work]
        self.ends = [e for _, e in work]
        self.prefix = [0]
        for s, e in work:
            self.prefix.append(self.prefix[-1] + e - s)

    def until(self, t: int) -> int:
        """Work from the start of the record until ``t``."""
        i = bisect.bisect_right(self.starts, t)
        if i == 0:
            return 0
        return self.prefix[i - 1] + min(t, self.ends[i - 1]) - self.starts[i - 1]

    def between(self, a: int, b: int) -> int:
        return self.until(b) - self.until(a)


def _starts_range(work: Sequence[Interval], length: int, lo: int, hi: int) -> tuple[int, int]:
    """Window starts allowed: inside ``[lo, hi]`` and with the window inside the record."""
    return max(lo, work[0][0]), min(hi, work[-1][1] - length)


def fewest_rest_in_window(work: Sequence[Interval], length: int, lo: int, hi: int) -> Window | None:
    """The window of ``length`` seconds starting in ``[lo, hi]`` with the least rest.

    ``work`` is merged (see :func:`merge_work`). Ties go to the earliest window. ``None``
    when no window fits in the record. The most work is ``length`` minus the least rest.
    """
    if not work:
        return None
    first, last = _starts_range(work, length, lo, hi)
    if first > last:
        return None
    index = _Work(work)
    candidates = [first, *(s for s in index.starts if first < s < last), last]
    best: Window | None = None
    for t in candidates:
        rest = length - index.between(t, t + length)
        if best is None or rest < best.value:
            best = Window(t, t + length, rest)
    return best


def most_rest_periods(work: Sequence[Interval], length: int, lo: int, hi: int) -> Window | None:
    """The window starting in ``[lo, hi]`` in which the most rest periods start.

    A rest period starts where work ends. Windows are half-open; the one returned starts
    at a work end (or at the last window of the record), the earliest on ties.
    """
    if not work:
        return None
    first, last = _starts_range(work, length, lo, hi)
    if first > last:
        return None
    ends = [e for _, e in work]
    i = bisect.bisect_left(ends, first)
    candidates = [e for e in ends[i:] if e <= last]
    if not candidates or candidates[-1] != last:
        candidates.append(last)
    best: Window | None = None
    for t in candidates:
        found = bisect.bisect_left(ends, t + length) - bisect.bisect_left(ends, t)
        if best is None or found > best.value:
            best = Window(t, t + length, found)
    return best


def window_without_long_rest(
    work: Sequence[Interval], length: int, needed: int, lo: int, hi: int
) -> Window | None:
    """The window starting in ``[lo, hi]`` that overlaps no rest period of ``needed``.

    A rest period counts at its full length if it overlaps the (half-open) window, so a
    daily 10-hour rest is not split in two by a window that starts inside it. A gap
    ``[a, b)`` of at least ``needed`` covers the window starts in the open interval
    ``(a - length, b)``; a breach is a start outside their union. Of the breaching
    starts at event points, the window returned has the shortest longest rest (the
    earliest on ties) and carries that figure; ``None`` if there is no breach.
    """
    if not work:
        return None
    first, last = _starts_range(work, length, lo, hi)
    if first > last:
        return None
    gaps = [(a, b) for (_, a), (b, _) in itertools.pairwise(work)]
    covered = sorted((a - length, b) for a, b in gaps if b - a >= needed)
    points = sorted(
        {first, last}
        | {p for s, e in work for p in (s, e, s - length, e - length) if first <= p <= last}
    )
    best: Window | None = None
    k = 0
    reach = None  # the furthest cover end among covers opening before the point
    for t in points:
        while k < len(covered) and covered[k][0] < t:
            reach = covered[k][1] if reach is None else max(reach, covered[k][1])
            k += 1
        if reach is not None and reach > t:
            continue
        found = _longest_rest(gaps, t, t + length)
        if best is None or found < best.value:
            best = Window(t, t + length, found)
    return best


def _longest_rest(gaps: Sequence[Interval], a: int, b: int) -> int:
    """The longest gap (at full length) that overlaps ``[a, b)``."""
    i = bisect.bisect_right(gaps, (a, a))
    i = max(0, i - 1)
    best = 0
    for gap_from, gap_to in gaps[i:]:
        if gap_from >= b:
            break
        if gap_to > a:
            best = max(best, gap_to - gap_from)
    return best


def longest_work(work: Sequence[Interval], lo: int, hi: int) -> Window | None:
    """The longest stretch of work (time between rest periods) starting in ``[lo, hi]``.

    The earliest on ties; ``None`` when no work starts in the range.
    """
    best: Window | None = None
    for start, end in work:
        if lo <= start <= hi and (best is None or end - start > best.value):
            best = Window(start, end, end - start)
    return best
