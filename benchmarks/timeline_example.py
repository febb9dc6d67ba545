"""Cost of a 365-day timeline of the example fleet, against one ``check``.

Run: ``python benchmarks/timeline_example.py``. Everything is measured in this one
process, interleaved (check, timeline, check, timeline ...) so that a noisy machine
slows both alike, and the medians and their ratio are printed (the target is at most
10).

Two figures:

- **repeat**: the fleet was checked before, so what the library keeps about the fleet
  itself (indexes, the parts a timeline splits it into, declared change points) is
  ready. Facts worked out for a particular date are forgotten before every run, so
  neither the check nor the timeline reuses the previous run's answers.
- **first**: a freshly loaded fleet for every run (loading not timed): the first
  check of a fleet against the first timeline of a fleet.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import maritime_crew as mc
from maritime_crew.facts import _memo

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fleet"
START, END = "2020-04-01", "2021-03-31"
REPEATS = 9


def seconds(work: Callable[[], object]) -> float:
    """Wall time of one run of ``work``, with facts for particular dates forgotten first."""
    _memo.forget_dated()
    begin = time.perf_counter()
    work()
    return time.perf_counter() - begin


def main() -> None:
    fleet = mc.load(EXAMPLE)
    result = mc.timeline(fleet, START, END)
    mc.check(fleet, END)
    checks, timelines = [], []
    for _ in range(REPEATS):
        checks.append(seconds(lambda: mc.check(fleet, END)))
        timelines.append(seconds(lambda: mc.timeline(fleet, START, END)))
    first_checks, first_timelines = [], []
    for _ in range(5):
        fresh = mc.load(EXAMPLE)
        first_checks.append(seconds(lambda fleet=fresh: mc.check(fleet, END)))
        fresh = mc.load(EXAMPLE)
        first_timelines.append(seconds(lambda fleet=fresh: mc.timeline(fleet, START, END)))

    rules = len(mc.rules.default_registry().rules())
    print(f"change points:      {len(result.change_points):8d} (of 365 days)")
    print(f"rule runs:          {result.evaluations:8d} (whole fleet, day by day: {365 * rules})")
    print()
    print("                      check    timeline    ratio (target: at most 10x)")
    for label, one, year in (
        ("repeat", checks, timelines),
        ("first", first_checks, first_timelines),
    ):
        check_ms = statistics.median(one) * 1000
        year_ms = statistics.median(year) * 1000
        print(f"{label:10} {check_ms:12.1f} ms {year_ms:8.1f} ms {year_ms / check_ms:8.1f}x")


if __name__ == "__main__":
    main()
