"""Timing shared by the benchmarks: medians of repeated runs, after a warm-up run."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping


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


def interleaved_medians(
    works: Mapping[str, Callable[[], object]], repeats: int, *, warm_up: bool = True
) -> dict[str, float]:
    """Median wall time in seconds of each of ``works``, run in turn, round after round.

    Each round runs every work once, in the order given, so that a noisy machine slows
    every figure alike; a work may use what the one before it left (a fleet to check,
    say). There are ``repeats`` rounds, after one warm-up round unless ``warm_up`` is
    false. A full garbage collection runs before each run and the value a work returns is
    freed after the clock stops, both untimed, so that no run pays for another's garbage.
    """
    times: dict[str, list[float]] = {name: [] for name in works}
    skipped = 1 if warm_up else 0
    for round_number in range(skipped + repeats):
        for name, work in works.items():
            gc.collect()
            start = time.perf_counter()
            result = work()
            seconds = time.perf_counter() - start
            del result
            if round_number >= skipped:
                times[name].append(seconds)
    return {name: statistics.median(figures) for name, figures in times.items()}
