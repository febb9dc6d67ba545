"""Cost of a 365-day timeline of the example fleet, against one ``check``.

Run: ``python benchmarks/timeline_example.py``. Prints medians of repeated runs,
measured in this one process, and their ratio (the target is at most 10). Also prints
how many change points the timeline used and how many times it ran a rule.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import maritime_crew as mc

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fleet"
START, END = "2020-04-01", "2021-03-31"


def median_seconds(work: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``work`` over ``repeats`` runs, after one warm-up run."""
    work()
    times = []
    for _ in range(repeats):
        begin = time.perf_counter()
        work()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main() -> None:
    fleet = mc.load(EXAMPLE)
    one_check = median_seconds(lambda: mc.check(fleet, END), repeats=15)
    result = mc.timeline(fleet, START, END)
    year = median_seconds(lambda: mc.timeline(fleet, START, END), repeats=3)
    rules = len(mc.rules.default_registry().rules())
    print(f"one check:          {one_check * 1000:8.1f} ms")
    print(f"365-day timeline:   {year * 1000:8.1f} ms")
    print(f"change points:      {len(result.change_points):8d} (of 365 days)")
    print(f"rule runs:          {result.evaluations:8d} (day by day: {365 * rules})")
    print(f"ratio:              {year / one_check:8.1f}x (target: at most 10x)")


if __name__ == "__main__":
    main()
