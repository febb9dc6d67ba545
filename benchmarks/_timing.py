"""Timing shared by the benchmarks: medians of repeated runs, after a warm-up run."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def median_seconds(work: Callable[[], object], repeats: int, *, collect: bool = False) -> float:
    """Median wall time of ``work`` in seconds over ``repeats`` runs, after one warm-up run.

    With ``collect``, a full garbage collection runs (untimed) before each run, so that
    no run pays for the collector's debt of whatever ran before it.
    """
    work()
    times = []
    for _ in range(repeats):
        if collect:
            gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
