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

A :class:`Work` holds one person's merged work as sorted arrays with its prefix sums,
built once and shared by every check of the record; the sliding windows walk those
arrays with two pointers rather than searching them again for each window.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import operator
from collections.abc import Iterable, Iterator, Sequence
from operator import ge, le, lt, sub
from typing import NamedTuple, Protocol, overload

import attrs
import pendulum

__all__ = [
    "Span",
    "Window",
    "Work",
    "earliest_least_rest",
    "fewest_rest_in_window",
    "longest_work",
    "merge_work",
    "most_rest_periods",
    "night_worked",
    "reduced_starts",
    "rest_from_work_starts",
    "rests_within",
    "span_seconds",
    "split_rest_days",
    "window_without_long_rest",
    "work_seconds",
]

Interval = tuple[int, int]

_EPOCH_DAY = datetime.date(1970, 1, 1).toordinal()
_FIXED_ZONES = (datetime.timezone, pendulum.FixedTimezone)
"""Zones whose offset is the same at every moment (exact types only; and pendulum's UTC)."""


@attrs.frozen
class Window:
    """A window of the record: its start and end (seconds) and the figure found in it."""

    start: int
    end: int
    value: int


def work_seconds(
    periods: Iterable[tuple[datetime.datetime, datetime.datetime]],
) -> tuple[list[int], list[int]]:
    """The starts and the ends of ``periods`` in whole seconds: ``int(moment.timestamp())``.

    A moment in UTC or a fixed-offset zone (what an ISO 8601 time with an offset loads
    as) is counted from its fields, the same number several times faster; any other
    moment (a zone with clock changes, a naive time, fractions of a second) asks
    ``timestamp()``.
    """
    return span_seconds(map(_Pair._make, periods))


class Span(Protocol):
    """Anything with a ``start`` and an ``end`` moment, such as a work period."""

    @property
    def start(self) -> datetime.datetime:
        """When the span starts (aware)."""
        ...

    @property
    def end(self) -> datetime.datetime:
        """When the span ends (aware)."""
        ...


class _Pair(NamedTuple):
    start: datetime.datetime
    end: datetime.datetime


def span_seconds(spans: Iterable[Span]) -> tuple[list[int], list[int]]:
    """:func:`work_seconds` of the ``(start, end)`` of each of ``spans``, without the pairs."""
    # by id(zone): the zone (kept alive, so its id is not reused) and what to subtract
    # from the moment's fields in seconds from day 1 (None: ask timestamp())
    zones: dict[int, tuple[object, int | None]] = {}
    last_zone: object = zones  # the zone of the moment before (none yet), and its shift
    last_shift: int | None = None
    found: tuple[object, int | None] | None
    seconds: list[int] = []
    add = seconds.append
    # starts and ends alternate: one loop, no call a moment
    for moment in itertools.chain.from_iterable(map(_START_END, spans)):
        zone = moment.tzinfo
        if zone is not last_zone:
            found = zones.get(id(zone))
            if found is None:
                found = zones[id(zone)] = (zone, _shift(moment))
            last_zone, last_shift = found
        if last_shift is None or moment.microsecond:
            add(int(moment.timestamp()))
        else:
            add(
                ((moment.toordinal() * 24 + moment.hour) * 60 + moment.minute) * 60
                + moment.second
                - last_shift
            )
    return seconds[0::2], seconds[1::2]


_START_END = operator.attrgetter("start", "end")


def _shift(moment: datetime.datetime) -> int | None:
    """What to subtract from a moment's fields in seconds from day 1 to count from the epoch.

    ``None`` unless the moment's zone has one whole-second offset at every moment.
    """
    zone = moment.tzinfo
    if type(zone) not in _FIXED_ZONES and zone is not pendulum.UTC:
        return None
    delta = moment.utcoffset()
    if delta is None or delta.microseconds:
        return None
    return _EPOCH_DAY * 86400 + delta.days * 86400 + delta.seconds


def merge_work(periods: Iterable[Interval]) -> list[Interval]:
    """Sort work intervals and merge those that overlap or touch; empty ones are dropped."""
    pairs = list(periods)
    return list(Work.merged([s for s, _ in pairs], [e for _, e in pairs]))


class Work(Sequence[Interval]):
    """Merged work as sorted arrays, to answer "work between a and b" in ``O(log n)``.

    A sequence of the intervals ``(start, end)``, kept as arrays of ints (nothing for the
    garbage collector to track): ``starts`` and ``ends`` are the intervals' bounds (both
    strictly increasing) and ``before[i]`` is the work before interval ``i``. Built once
    per record and shared by every check of it; the gaps between work are worked out on
    first use.
    """

    __slots__ = ("_bridged", "_gap_lengths", "_windows", "before", "ends", "starts")

    def __init__(self, work: Iterable[Interval] = ()) -> None:
        """``work`` is merged (see :func:`merge_work`)."""
        pairs = list(work)
        self._set([s for s, _ in pairs], [e for _, e in pairs])

    def _set(self, starts: list[int], ends: list[int]) -> None:
        self.starts = starts
        self.ends = ends
        # the work before each interval: the running sum from 0, less the last (the total)
        self.before: list[int] = list(itertools.accumulate(map(sub, ends, starts), initial=0))
        self.before.pop()
        self._gap_lengths: list[int] | None = None
        self._bridged: dict[int, Work | None] = {}
        """Bridged records by the shortest rest; ``None`` where that is this one (no cycle)."""
        # windows found, by the question and its arguments: rules that ask the same share
        self._windows: dict[tuple[str, int, int, int, int], Window | None] = {}

    @classmethod
    def merged(cls, starts: list[int], ends: list[int]) -> Work:
        """Work intervals ``[starts[i], ends[i])`` merged where they overlap or touch.

        The intervals may come in any order; empty ones are dropped. The lists are not
        changed.
        """
        if not all(map(lt, starts, ends)):
            keep = list(map(lt, starts, ends))
            starts = list(itertools.compress(starts, keep))
            ends = list(itertools.compress(ends, keep))
        if not all(map(le, starts, itertools.islice(starts, 1, None))):
            order = sorted(range(len(starts)), key=starts.__getitem__)
            starts = [starts[i] for i in order]
            ends = [ends[i] for i in order]
        work = cls()
        if all(map(lt, ends, itertools.islice(starts, 1, None))):  # nothing to merge
            work._set(list(starts), list(ends))
            return work
        merged_starts: list[int] = []
        merged_ends: list[int] = []
        start, end = starts[0], ends[0]
        for next_start, next_end in zip(starts, ends, strict=True):
            if next_start <= end:
                if next_end > end:
                    end = next_end
            else:
                merged_starts.append(start)
                merged_ends.append(end)
                start, end = next_start, next_end
        merged_starts.append(start)
        merged_ends.append(end)
        work._set(merged_starts, merged_ends)
        return work

    @classmethod
    def of(cls, work: Work | Iterable[Interval]) -> Work:
        """``work`` itself if it is a :class:`Work`, else the merged intervals as one."""
        return work if isinstance(work, Work) else cls(work)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Interval: ...

    @overload
    def __getitem__(self, index: slice) -> list[Interval]: ...

    def __getitem__(self, index: int | slice) -> Interval | list[Interval]:
        if isinstance(index, slice):
            return list(zip(self.starts[index], self.ends[index], strict=True))
        return self.starts[index], self.ends[index]

    def __iter__(self) -> Iterator[Interval]:
        return zip(self.starts, self.ends, strict=True)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Work):
            return NotImplemented
        return self.starts == other.starts and self.ends == other.ends

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Work({list(self)!r})"

    def clip(self, cutoff: int) -> Work:
        """The work that starts before ``cutoff``, ended there at the latest.

        The same as merging the periods that start before ``cutoff`` with their ends
        clipped to it, because clipping a union of intervals clips each merged interval.
        """
        count = bisect.bisect_left(self.starts, cutoff)
        if count == len(self.starts) and (not count or self.ends[-1] <= cutoff):
            return self
        clipped = Work()
        clipped.starts = self.starts[:count]
        clipped.ends = self.ends[:count]
        clipped.before = self.before[:count]
        if count and clipped.ends[-1] > cutoff:
            clipped.ends[-1] = cutoff
        return clipped

    def bridged(self, shortest: int | None) -> Work:
        """The work with every gap shorter than ``shortest`` seconds counted as work.

        A short break is not rest (MLC 2006 standard A2.3 paragraph 1(b)): a gap of
        exactly ``shortest`` is rest, one a second shorter is work. ``None`` or 0 keeps
        every gap. Made once per length and kept with this record.
        """
        if not shortest or len(self.starts) < 2:
            return self
        if shortest in self._bridged:
            kept = self._bridged[shortest]
            return self if kept is None else kept
        # the gaps kept as rest, picked out without a step of Python for each gap
        rests = list(map(le, itertools.repeat(shortest), self.gap_lengths))
        if all(rests):
            self._bridged[shortest] = None
            return self
        starts = [
            self.starts[0],
            *itertools.compress(itertools.islice(self.starts, 1, None), rests),
        ]
        ends = [*itertools.compress(self.ends, rests), self.ends[-1]]
        found = Work()
        found._set(starts, ends)
        self._bridged[shortest] = found
        return found

    @property
    def gap_lengths(self) -> list[int]:
        """The length of each gap between work; gap ``i`` is ``[ends[i], starts[i + 1])``."""
        if self._gap_lengths is None:
            self._gap_lengths = list(map(sub, itertools.islice(self.starts, 1, None), self.ends))
        return self._gap_lengths

    def until(self, t: int) -> int:
        """Work from the start of the record until ``t``."""
        i = bisect.bisect_right(self.starts, t)
        if i == 0:
            return 0
        end = self.ends[i - 1]
        return self.before[i - 1] + (t if t < end else end) - self.starts[i - 1]

    def between(self, a: int, b: int) -> int:
        """Work from ``a`` until ``b``: ``until(b) - until(a)``, written out."""
        starts, ends, before = self.starts, self.ends, self.before
        i = bisect.bisect_right(starts, b)
        if i == 0:
            worked = 0
        else:
            end = ends[i - 1]
            worked = before[i - 1] + (b if b < end else end) - starts[i - 1]
        i = bisect.bisect_right(starts, a)
        if i == 0:
            return worked
        end = ends[i - 1]
        return worked - (before[i - 1] + (a if a < end else end) - starts[i - 1])

    def until_each(self, moments: Iterable[int]) -> list[int]:
        """``[until(t) for t in moments]`` for ``moments`` in increasing order."""
        starts, ends, before = self.starts, self.ends, self.before
        found: list[int] = []
        put = found.append
        i = 0
        for t in moments:
            i = bisect.bisect_right(starts, t, i)
            if i == 0:
                put(0)
            else:
                end = ends[i - 1]
                put(before[i - 1] + (t if t < end else end) - starts[i - 1])
        return found


def _starts_range(work: Work, length: int, lo: int, hi: int) -> tuple[int, int]:
    """Window starts allowed: inside ``[lo, hi]`` and with the window inside the record."""
    return max(lo, work.starts[0]), min(hi, work.ends[-1] - length)


def fewest_rest_in_window(
    work: Work | Sequence[Interval], length: int, lo: int, hi: int
) -> Window | None:
    """The window of ``length`` seconds starting in ``[lo, hi]`` with the least rest.

    ``work`` is merged (see :func:`merge_work`). Ties go to the earliest candidate (see
    below); :func:`earliest_least_rest` moves a window back to the earliest with the same
    rest, for a report. ``None`` when no window fits in the record. The most work is
    ``length`` minus the least rest. The candidates are the first start, every work start
    after it and before the last start, and the last start; a window starting at a work
    start has the work before it in ``before`` and the work to its end found by a pointer
    that only moves forward.
    """
    index = Work.of(work)
    key = ("fewest", length, lo, hi, 0)
    if key in index._windows:
        return index._windows[key]
    found = index._windows[key] = _fewest_rest_in_window(index, length, lo, hi)
    return found


def _fewest_rest_in_window(index: Work, length: int, lo: int, hi: int) -> Window | None:
    if not index.starts:
        return None
    first, last = _starts_range(index, length, lo, hi)
    if first > last:
        return None
    starts, ends, before = index.starts, index.ends, index.before
    best = first
    most = index.between(first, first + length)
    k = bisect.bisect_right(starts, first)
    stop = bisect.bisect_left(starts, last)
    # j: the number of work starts at or before the window's end x; the work until x is
    # shift + min(x, end) with the before, start and end of interval j - 1
    j = k
    shift = end = 0
    # the starts with one past every window's end after them, so j never runs off
    bounded = [*starts, starts[-1] + length + 1]
    for start, done in zip(starts[k:stop], before[k:stop], strict=True):
        x = start + length
        if bounded[j] <= x:  # always on the first window, as starts[k] <= x
            j += 1
            while bounded[j] <= x:
                j += 1
            shift = before[j - 1] - starts[j - 1]
            end = ends[j - 1]
        worked = shift + (x if x < end else end) - done
        if worked > most:
            best, most = start, worked
    at_last = index.between(last, last + length)
    if at_last > most:
        best, most = last, at_last
    return Window(best, best + length, length - most)


def earliest_least_rest(work: Work | Sequence[Interval], window: Window, lo: int) -> Window:
    """The earliest window with the rest of ``window``, from there back to ``lo`` at most.

    ``window`` is one with the least rest, as :func:`fewest_rest_in_window` finds it.
    Rest in a window changes linearly between the instants where its start or its end
    crosses the edge of a period of work, so the windows with that least rest that run
    up to it form one stretch of starts: its start is found by stepping back over those
    instants while the rest stays the same. ``lo`` is not before the record's start.
    """
    index = Work.of(work)
    length = window.end - window.start
    worked = length - window.value
    first = max(lo, index.starts[0]) if index.starts else lo
    at = window.start
    edges = [(bounds, shift) for bounds in (index.starts, index.ends) for shift in (0, length)]
    while at > first:
        # the latest instant before ``at`` where the start or the end meets an edge of work
        before = first
        for bounds, shift in edges:
            k = bisect.bisect_left(bounds, at + shift) - 1
            if k >= 0 and bounds[k] - shift > before:
                before = bounds[k] - shift
        if index.between(before, before + length) != worked:
            break
        at = before
    return Window(at, at + length, window.value)


def most_rest_periods(
    work: Work | Sequence[Interval], length: int, lo: int, hi: int, grain: int = 1
) -> Window | None:
    """The earliest window starting in ``[lo, hi]`` in which the most rest periods start.

    A rest period starts where work ends, and counts in the (half-open) window it starts
    in, so that each rest period counts once in any run of back-to-back windows. The
    windows holding the same rest periods start in a range whose lower end may be open
    (a window starting exactly at an earlier work end would count that rest too): the
    window returned then starts at the first multiple of ``grain`` after it (a whole
    minute, for records kept in whole minutes), or one unit after it where that is too
    late.
    """
    index = Work.of(work)
    key = ("periods", length, lo, hi, grain)
    if key in index._windows:
        return index._windows[key]
    found = index._windows[key] = _most_rest_periods(index, length, lo, hi, grain)
    return found


def _most_rest_periods(index: Work, length: int, lo: int, hi: int, grain: int) -> Window | None:
    if not index.starts:
        return None
    first, last = _starts_range(index, length, lo, hi)
    if first > last:
        return None
    ends = index.ends
    i = bisect.bisect_left(ends, first)
    stop = bisect.bisect_right(ends, last)
    most = 0
    j = i  # the number of work ends before the window's end
    # the ends with one at or past every window's end after them, so j never runs off
    bounded = [*ends, ends[-1] + length]
    for c, end in enumerate(ends[i:stop], i):
        x = end + length
        while bounded[j] < x:
            j += 1
        if j - c > most:
            most = j - c
    at_last = bisect.bisect_left(ends, last + length) - bisect.bisect_left(ends, last)
    most = max(most, at_last)
    if most == 0:
        return Window(first, first + length, 0)
    # the earliest group of ``most`` consecutive rest starts that one window holds: of
    # the groups whose last start is less than a window after the first (picked out
    # without a step of Python for each), the first a window inside the range holds
    low = bisect.bisect_left(ends, first)
    reaches = [end - length for end in itertools.islice(ends, low + most - 1, None)]
    for c in itertools.compress(range(low, len(ends) - most + 1), map(lt, reaches, ends[low:])):
        after = reaches[c - low]  # starts after this reach the group's last
        if c:
            after = max(after, ends[c - 1])  # and leave out the rest period before it
        upper = min(ends[c], last)
        start = first if first > after else _just_after(after, upper, grain)
        if start <= upper:
            return Window(start, start + length, most)
    raise AssertionError("the most rest periods are held by some window")  # pragma: no cover


def _just_after(moment: int, upper: int, grain: int) -> int:
    """The earliest start of a window that must leave out ``moment``.

    The first multiple of ``grain`` after ``moment`` if that is not after ``upper``, else
    ``moment + 1``.
    """
    start = -(-(moment + 1) // grain) * grain
    return start if start <= upper else moment + 1


def split_rest_days(
    work: Work | Sequence[Interval],
    periods: int,
    lo: int,
    hi: int,
    *,
    day: int = 86400,
    week: int = 7 * 86400,
    grain: int = 1,
    more_than: int = 0,
) -> list[Window]:
    """The most separate ``day``-long windows in one ``week`` whose rest is split.

    A window is split when at least ``periods`` rest periods start in it (as in
    :func:`most_rest_periods`); it starts in ``[lo, hi]`` and lies inside the record.
    Of the runs of split windows that do not overlap and fit in one ``week`` (from the
    first's start to the last's end), the longest, the earliest on ties; each window at
    its earliest start after the one before, whole multiples of ``grain`` where they can
    be (see :func:`most_rest_periods`). Empty when no run holds more than ``more_than``
    windows (when no window is split, for the default 0), which spares the search for
    the run where none can be long enough. For the STCW A-VIII/1 paragraph 9 exception:
    rest in three periods in no more than two 24-hour periods in any 7 days.

    For a fixed first window, taking each next window as early as it can start fits the
    most in. The first window's start matters only where a window of the run meets the
    edge of a range of split starts, or the run's last window meets the end of the 7
    days: at those edges, less whole days (``week`` is a whole number of days), which
    are the starts tried.
    """
    index = Work.of(work)
    if not index.starts or periods < 1:
        return []
    first, last = _starts_range(index, day, lo, hi)
    if first > last:
        return []
    ends = index.ends
    # the starts of split windows: for each group of ``periods`` consecutive rest periods
    # the starts that hold it, merged into disjoint ranges [lowers[k], uppers[k]]
    lowers: list[int] = []
    uppers: list[int] = []
    low, high = bisect.bisect_left(ends, first), len(ends) - periods + 1
    # a window holding rest starts c to c + periods - 1 starts after ``reach`` (one of
    # those starts less a day) and by the first of them: the groups where that can be,
    # picked out without a step of Python for each rest start
    reaches = [end - day for end in ends[low + periods - 1 :]]
    groups = list(itertools.compress(range(low, high), map(lt, reaches, ends[low:high])))

    def add_ranges(part: Iterable[int]) -> None:
        """The ranges of the groups ``part``, in order, after those added before."""
        for c in part:
            reach = reaches[c - low]
            upper = min(ends[c], last)
            if reach >= last:
                return
            if reach < upper:
                lower = first if first > reach else _just_after(reach, upper, grain)
                if uppers and lower <= uppers[-1] + 1:
                    uppers[-1] = max(uppers[-1], upper)
                else:
                    lowers.append(lower)
                    uppers.append(upper)

    span = week - day  # from a run's first start to its last

    def run_from(start: int, limit: int) -> list[int]:
        """The starts of the run whose first window starts at ``start``, up to ``limit``."""
        found = [start]
        while True:
            bound = found[-1] + day
            k = bisect.bisect_left(uppers, bound)
            if k == len(uppers):
                return found
            following = max(bound, lowers[k])
            if following > limit:
                return found
            found.append(following)

    # ``week`` is a whole number of days, so a window of a run meets the edge of a range
    # exactly where the run's first start is that edge less whole days
    steps, rest = divmod(week, day)
    assert rest == 0, "a week of whole days"
    # Rest split every day ends the search in the first week: the groups reaching no
    # later than a week after the first start come first (reaches grow with the group),
    # and a run from the earliest start that holds a week's most windows, all of them
    # starting before any start of a later group can, is the answer.
    cutoff = first + week
    early = bisect.bisect_left(groups, low + bisect.bisect_left(reaches, cutoff))
    add_ranges(groups[:early])
    if lowers:
        best = run_from(lowers[0], lowers[0] + span)
        if len(best) >= steps and best[-1] <= cutoff:
            return [] if len(best) <= more_than else _windows(best, day, periods)
    add_ranges(groups[early:])
    if not lowers:
        return []

    # The most windows a run starting in range k can hold, worked out when first needed:
    # the run from the range's first start with the week of its last start. Each window
    # of a run starting later in the range starts no earlier than the same window of
    # that run, and ends by then.
    bounds: dict[int, int] = {}
    best = run_from(lowers[0], lowers[0] + span)  # the earliest start of all
    candidates: Iterable[int] = ()  # none needed when that run holds a week's most
    if len(best) < steps:
        candidates = sorted(
            {edge - k * day for edge in (*lowers, *uppers) for k in range(steps + 1)}
        )
    for start in candidates:
        k = bisect.bisect_left(uppers, start)
        if k == len(uppers):
            break
        if start < lowers[k]:
            continue  # no split window starts here
        bound = bounds.get(k)
        if bound is None:
            bound = bounds[k] = len(run_from(lowers[k], uppers[k] + span))
        if bound <= more_than or bound <= len(best):
            continue  # no run from here is long enough, or longer than the one found
        found = run_from(start, start + span)
        if len(found) > len(best):
            best = found
            if len(best) >= steps:
                break  # as many as a week can hold
    if len(best) <= more_than:
        return []
    return _windows(best, day, periods)


def _windows(starts: list[int], day: int, periods: int) -> list[Window]:
    return [Window(start, start + day, periods) for start in starts]


def window_without_long_rest(
    work: Work | Sequence[Interval], length: int, needed: int, lo: int, hi: int
) -> Window | None:
    """The window starting in ``[lo, hi]`` that overlaps no rest period of ``needed``.

    A rest period counts at its full length if it overlaps the (half-open) window, so a
    daily 10-hour rest is not split in two by a window that starts inside it. A gap
    ``[a, b)`` of at least ``needed`` covers the window starts in the open interval
    ``(a - length, b)``; a breach is a start outside their union. Of the breaching
    starts at event points, the window returned has the shortest longest rest (the
    earliest on ties) and carries that figure; ``None`` if there is no breach.

    Event points are the first and last start and every work start and end, and each
    of them less ``length``. Covers open and close in order (gaps are disjoint), so the
    starts they leave uncovered are the closed stretches from one cover's end to the
    next cover's start; only the event points in those stretches are looked at.
    """
    index = Work.of(work)
    if not index.starts:
        return None
    first, last = _starts_range(index, length, lo, hi)
    if first > last:
        return None
    starts, ends = index.starts, index.ends
    gap_lengths = index.gap_lengths
    # cover k: the open interval (opens[k], closes[k]) of the k-th long enough gap
    # (gap g runs from ends[g] to starts[g + 1])
    long = list(map(ge, gap_lengths, itertools.repeat(needed)))
    opens = list(map(sub, itertools.compress(ends, long), itertools.repeat(length)))
    closes = list(itertools.compress(itertools.islice(starts, 1, None), long))
    count = len(closes)
    gaps = len(gap_lengths)
    # the stretch before cover k (from the end of cover k - 1) is not empty: before the
    # first cover, after the last, and where one cover closes no later than the next opens
    stretches = itertools.chain(
        [0],
        itertools.compress(range(1, count), map(le, closes, itertools.islice(opens, 1, None))),
        [count] if count else [],
    )
    best: Window | None = None
    for k in stretches:
        lower = first if k == 0 else max(first, closes[k - 1])
        upper = last if k == count else min(last, opens[k])
        if lower > upper:
            if lower > last:
                break
            continue
        points = {p for p in (first, last) if lower <= p <= upper}
        for bounds in (starts, ends):
            inside = bounds[bisect.bisect_left(bounds, lower) : bisect.bisect_right(bounds, upper)]
            points.update(inside)
            later = bounds[
                bisect.bisect_left(bounds, lower + length) : bisect.bisect_right(
                    bounds, upper + length
                )
            ]
            points.update(p - length for p in later)
        # the gaps overlapping [t, t + length): from the first that ends after t (gap g
        # ends at starts[g + 1]) to the last that starts before t + length (at ends[g])
        ordered = sorted(points)
        g = bisect.bisect_right(starts, ordered[0], 1) - 1
        h = bisect.bisect_left(ends, ordered[0] + length, 0, gaps)
        for t in ordered:
            while g < gaps and starts[g + 1] <= t:
                g += 1
            while h < gaps and ends[h] < t + length:
                h += 1
            found = max(gap_lengths[g:h], default=0)
            if best is None or found < best.value:
                best = Window(t, t + length, found)
    return best


def rest_from_work_starts(
    work: Work | Sequence[Interval], length: int, lo: int, hi: int
) -> Window | None:
    """Of the windows that start where work starts, the one whose longest rest is shortest.

    The reading of "in each 24-hour period during which he works" (Working Time
    Regulations 1998 regulation 10): a period of ``length`` seconds from the start of
    each stretch of work, starting in ``[lo, hi]`` and inside the record, must hold a
    rest of the required length, counted up to the window's end (a rest that runs past
    it counts only in part). The window's value is its longest rest; the earliest on
    ties. ``None`` when no such window fits.
    """
    index = Work.of(work)
    if not index.starts:
        return None
    first, last = _starts_range(index, length, lo, hi)
    starts, ends = index.starts, index.ends
    best: Window | None = None
    for i in range(bisect.bisect_left(starts, first), bisect.bisect_right(starts, last)):
        end = starts[i] + length
        longest = 0
        k = i
        # the gaps after each stretch that ends inside the window, cut at its end
        while k + 1 < len(starts) and ends[k] < end:
            rest = (starts[k + 1] if starts[k + 1] < end else end) - ends[k]
            if rest > longest:
                longest = rest
            k += 1
        if best is None or longest < best.value:
            best = Window(starts[i], end, longest)
    return best


def rests_within(work: Work | Sequence[Interval], a: int, b: int) -> list[int]:
    """The length of each rest inside ``[a, b)``: the gaps between work, cut at both ends.

    A rest that runs across ``a`` or ``b`` counts only its part inside; time in
    ``[a, b)`` before the first work or after the last counts as rest. In order of time.
    """
    index = Work.of(work)
    starts, ends = index.starts, index.ends
    found: list[int] = []
    cursor = a
    for i in range(bisect.bisect_right(ends, a), bisect.bisect_left(starts, b)):
        if starts[i] > cursor:
            found.append(starts[i] - cursor)
        cursor = max(cursor, ends[i])
    if cursor < b:
        found.append(b - cursor)
    return found


def night_worked(work: Work | Sequence[Interval], start: int, latest: int, length: int) -> bool:
    """Whether no ``length`` free of work starts between ``start`` and ``latest``.

    The night of MLC 2006 standard A1.1 paragraph 2: "a period of at least nine hours
    starting no later than midnight and ending no earlier than 5 a.m.". Time before the
    first work and after the last is not known, and counts as free. False when there is
    no work from ``start`` to ``latest + length`` at all.
    """
    index = Work.of(work)
    starts, ends = index.starts, index.ends
    k = bisect.bisect_right(ends, start)  # the first work that ends after ``start``
    if k == len(starts) or starts[k] >= latest + length:
        return False
    # the gaps from the one before that work: [ends[k - 1], starts[k])
    while True:
        before = ends[k - 1] if k else start
        if before > latest:
            return True
        after = starts[k] if k < len(starts) else latest + length
        if max(before, start) + length <= after:
            return False
        if k == len(starts):
            return True
        k += 1


def longest_work(work: Work | Sequence[Interval], lo: int, hi: int) -> Window | None:
    """The longest stretch of work (time between rest periods) starting in ``[lo, hi]``.

    The earliest on ties; ``None`` when no work starts in the range.
    """
    index = Work.of(work)
    first = bisect.bisect_left(index.starts, lo)
    stop = bisect.bisect_right(index.starts, hi)
    if first >= stop:
        return None
    lengths = list(map(sub, index.ends[first:stop], index.starts[first:stop]))
    most = max(lengths)
    i = first + lengths.index(most)
    return Window(index.starts[i], index.ends[i], most)


def reduced_starts(work: Work, length: int, limit: int, lo: int, hi: int) -> list[Interval]:
    """Closed ranges of window starts in ``[lo, hi]`` whose rest is below ``limit``.

    Rest is ``length`` minus the work in the window. For the STCW A-VIII/1 exception
    (REST010): a run of such starts is one exception, from the start of the first
    reduced window to the start of the last. Between the instants where ``s`` or
    ``s + length`` crosses the edge of a period of work, each end of the window is
    either inside work or not for the whole stretch, so rest changes by -1, 0 or +1 a
    second: the runs are found from those instants alone, with the rest at each found
    in one forward walk over the work (O(n log n) in periods of work).
    """
    if lo > hi:
        return []
    starts, ends = work.starts, work.ends
    points = {lo, hi}
    # work starts and ends t, and t - length, strictly inside (lo, hi)
    for bounds in (starts, ends):
        points.update(bounds[bisect.bisect_right(bounds, lo) : bisect.bisect_left(bounds, hi)])
        points.update(
            t - length
            for t in bounds[
                bisect.bisect_right(bounds, lo + length) : bisect.bisect_left(bounds, hi + length)
            ]
        )
    ordered = sorted(points)
    ends_at = work.until_each(t + length for t in ordered)
    rests = [length - e + s for s, e in zip(work.until_each(ordered), ends_at, strict=True)]
    found: list[Interval] = []

    def run(a: int, b: int) -> None:
        if found and a <= found[-1][1] + 1:
            found[-1] = (found[-1][0], max(found[-1][1], b))
        else:
            found.append((a, b))

    # between two of these points each end of the window is either inside work or not
    # for the whole stretch, so rest changes by -1, 0 or +1 a second
    for k in range(len(ordered) - 1):
        s0, s1 = ordered[k], ordered[k + 1]
        r0 = rests[k]
        slope = (rests[k + 1] - r0) // (s1 - s0)
        if slope == 0:
            if r0 < limit:
                run(s0, s1)
        elif slope < 0:  # below the limit from s0 + r0 - limit + 1 on
            first = max(s0, s0 + r0 - limit + 1)
            if first <= s1:
                run(first, s1)
        else:  # below the limit up to s0 + limit - r0 - 1
            last = min(s1, s0 + limit - r0 - 1)
            if last >= s0:
                run(s0, last)
    if len(ordered) == 1 and rests[0] < limit:
        run(ordered[0], ordered[0])
    return found
