"""Cost of a 365-day timeline against one ``check``: the example fleet and synthetic fleets.

Run: ``python benchmarks/timeline_scale.py`` (the example fleet, 1,000 and 10,000
synthetic people; about five minutes), ``--people 1000`` for fewer sizes, ``--smoke``
for the CI smoke run (the example fleet and 1,000 people, one run each; it asserts
nothing about time). The target is at most 10 times one check at every size.

Everything is measured in this one process, interleaved (check, timeline, check,
timeline …) so that a noisy machine slows both alike; the medians and their ratio are
printed. Two figures per fleet:

- **repeat**: the fleet was checked before, so what the facts keep about the fleet
  itself (tables, ledgers, candidate subjects) is ready. What they worked out for
  particular dates is forgotten before every run (``Facts.forget_dates``), so neither
  the check nor the timeline reuses the previous run's answers.
- **first**: a freshly loaded fleet for every run (loading not timed): the first check
  of a fleet against the first timeline of a fleet.

The timeline runs from 2020-04-01 to 2021-03-31, the check is as of 2021-03-31, both
with the built-in rules only (installed plugins would measure themselves); the synthetic
datasets are those of ``scale.py`` (seed 0, kept in ``benchmarks/.data/``).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from scale import dataset

import maritime_crew as mc
from maritime_crew.facts import Facts
from maritime_crew.model import Fleet
from maritime_crew.timeline import timeline

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fleet"
START, END = "2020-04-01", "2021-03-31"
BUILT_IN = mc.rules.Registry(load_plugins=False)


def check(fleet: Fleet) -> object:
    """One check of the fleet as of the end of the range."""
    return mc.check(fleet, END, registry=BUILT_IN)


def year(fleet: Fleet) -> object:
    """The timeline of the fleet over the range."""
    return timeline(fleet, START, END, registry=BUILT_IN)


def seconds(fleet: Fleet, work: Callable[[], object]) -> float:
    """Wall time of one run of ``work``, with the fleet's facts for dates forgotten first."""
    Facts.of(fleet).forget_dates()
    begin = time.perf_counter()
    work()
    return time.perf_counter() - begin


def repeated(path: Path, repeats: int) -> tuple[float, float]:
    """Median check and timeline seconds, run again and again on one fleet."""
    fleet = mc.load(path)
    check(fleet)
    year(fleet)
    checks, timelines = [], []
    for _ in range(repeats):
        checks.append(seconds(fleet, lambda: check(fleet)))
        timelines.append(seconds(fleet, lambda: year(fleet)))
    return statistics.median(checks), statistics.median(timelines)


def first(path: Path, runs: int) -> tuple[float, float]:
    """Median check and timeline seconds, each on a freshly loaded fleet."""
    checks, timelines = [], []
    for _ in range(runs):
        fresh = mc.load(path)
        checks.append(seconds(fresh, lambda fleet=fresh: check(fleet)))
        fresh = mc.load(path)
        timelines.append(seconds(fresh, lambda fleet=fresh: year(fleet)))
    return statistics.median(checks), statistics.median(timelines)


def main(argv: list[str] | None = None) -> int:
    """Measure the example fleet and every size asked for, and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--people", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--repeats", type=int, default=5, help="repeat runs (default 5)")
    parser.add_argument("--firsts", type=int, default=3, help="first runs (default 3)")
    parser.add_argument("--smoke", action="store_true", help="example and 1,000 people, once")
    arguments = parser.parse_args(argv)
    sizes = [1_000] if arguments.smoke else sorted(arguments.people)
    repeats = 1 if arguments.smoke else arguments.repeats
    firsts = 1 if arguments.smoke else arguments.firsts
    fleets = [("example fleet", EXAMPLE)] + [(f"{n:,} people", dataset(n)) for n in sizes]
    print(f"\n365-day timeline ({START} to {END}) against one check as of {END}")
    print(f"medians of {repeats} repeat and {firsts} first run(s); target: at most 10x\n")
    print(f"{'':16} {'':7} {'check':>10} {'timeline':>11} {'ratio':>7}")
    worst = 0.0
    for label, path in fleets:
        figures = {"repeat": repeated(path, repeats), "first": first(path, firsts)}
        for kind, (check, year) in figures.items():
            ratio = year / check
            worst = max(worst, ratio)
            print(f"{label:16} {kind:7} {check * 1000:8.0f} ms {year * 1000:8.0f} ms {ratio:6.1f}x")
    print(f"\nhighest ratio {worst:.1f}x (target <= 10): {'met' if worst <= 10 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
