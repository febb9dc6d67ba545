"""Load and the hours-of-rest rules on hours-heavy fleets, against the floor of their hours.

Run: ``python benchmarks/hours_scale.py`` (10,000 people for 30 days and 1,000 people for
365 days of watch-keeping, and 1,000 people for 30 days for the scaling; a few minutes),
``--repeats N`` for more or fewer rounds, ``--smoke`` for the CI smoke run (100 and 1,000
people for 30 days and 100 for 365, one round without a warm-up; it asserts nothing
about time).

Datasets come from the synthetic generator with watch-keeping hours
(``python -m maritime_crew.synth --people N --hours watch --days D``, seed 0), written
once to ``benchmarks/.data/`` and reused, as ``scale.py`` does. Their hours are CSV files
of about two work periods a person a day, with the offset ``+00:00`` (which
``datetime.fromisoformat`` reads on every supported Python, where ``Z`` needs 3.11).

Figures, for each dataset, measured in one process in rounds (floor, load, REST, load
without hours, then again) and given as medians; the collector is on, as in a program,
with a full collection before each run:

- **floor**: ``csv.reader`` over every hours CSV file, and ``datetime.fromisoformat``
  of its ``start`` and ``end`` columns, the rows kept: the least any loader of the hours
  does;
- **load**: ``mc.load`` of the dataset;
- **load without hours**: ``mc.load`` of the same files less the ``hours/`` folder
  (hard links in a sibling directory), so that the hours' own share of the load shows;
- **REST**: ``mc.check`` with the ``REST`` rules selected (built-in rules only), as of
  2021-03-31, on the fleet the load of the same round made (its first check).

Targets (issue 23): load at most 2.0x the floor and REST at most 3.0x, for 10,000
people x 30 days and 1,000 people x 365 days; REST from 1,000 to 10,000 people (30 days)
at most 11x.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _timing import interleaved_medians
from scale import SEED
from scale import dataset as scale_dataset

import maritime_crew as mc
from maritime_crew.model import Fleet

AS_OF = "2021-03-31"
BUILT_IN = mc.rules.Registry(load_plugins=False)
REST_ONLY = mc.rules.Config(select=("REST",))
TARGETS = {"load / floor": 2.0, "REST / floor": 3.0, "REST scaling": 11.0}


@dataclass(frozen=True)
class Workload:
    """A fleet of ``people`` people with ``days`` days of watch-keeping hours."""

    people: int
    days: int
    heavy: bool
    """Whether the load and REST targets apply to it (the others are for the scaling)."""

    @property
    def label(self) -> str:
        """The workload in words, such as ``10,000 x 30 d``."""
        return f"{self.people:,} x {self.days} d"


FULL = (Workload(1_000, 30, False), Workload(10_000, 30, True), Workload(1_000, 365, True))
SMOKE = (Workload(100, 30, False), Workload(1_000, 30, True), Workload(100, 365, True))


def dataset(people: int, days: int) -> Path:
    """The synthetic dataset with watch-keeping hours (seed 0), generated on first use."""
    return scale_dataset(people, days=days)


def without_hours(path: Path) -> Path:
    """A sibling of the dataset with the same files but for its ``hours/`` folder."""
    bare = path.with_name(path.name + "-no-hours")
    if not (bare / ".complete").exists():
        if bare.exists():
            shutil.rmtree(bare)
        for file in sorted(path.rglob("*")):
            relative = file.relative_to(path)
            if not file.is_file() or relative.parts[0] in ("hours", ".complete"):
                continue
            target = bare / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(file, target)
            except OSError:  # a file system without hard links
                shutil.copy2(file, target)
        (bare / ".complete").write_text("")
    return bare


def hours_files(path: Path) -> list[Path]:
    """The dataset's hours CSV files, in the order the loader reads them."""
    return sorted((path / "hours").glob("*.csv"))


def floor(files: list[Path]) -> Callable[[], object]:
    """Read every hours file with ``csv.reader`` and parse both date-time columns."""
    parse = dt.datetime.fromisoformat

    def read() -> object:
        rows = []
        for file in files:
            with file.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                next(reader)  # the header
                rows += [(row[0], parse(row[1]), parse(row[2]), row[3]) for row in reader]
        return rows

    return read


def measure(workload: Workload, repeats: int, *, warm_up: bool) -> dict[str, float]:
    """The medians of one workload (see the module documentation), and its size."""
    path = dataset(workload.people, workload.days)
    bare = without_hours(path)
    files = hours_files(path)
    held: dict[str, Fleet] = {}

    def load() -> object:
        held["fleet"] = mc.load(path)
        return None

    def rest() -> object:
        fleet = held.pop("fleet")
        return fleet, mc.check(fleet, as_of=AS_OF, config=REST_ONLY, registry=BUILT_IN)

    figures = interleaved_medians(
        {"floor": floor(files), "load": load, "REST": rest, "bare": lambda: mc.load(bare)},
        repeats,
        warm_up=warm_up,
    )
    figures["periods"] = sum(len(rows) for rows in map(_lines, files)) - len(files)
    figures["MB"] = sum(file.stat().st_size for file in files) / 1e6
    return figures


def _lines(file: Path) -> list[str]:
    return file.read_text(encoding="utf-8").splitlines()


def main(argv: list[str] | None = None) -> int:
    """Measure every workload, then print the table of medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeats", type=int, default=5, help="rounds per median (default 5)")
    parser.add_argument("--smoke", action="store_true", help="small fleets, one round")
    arguments = parser.parse_args(argv)
    workloads = SMOKE if arguments.smoke else FULL
    repeats = 1 if arguments.smoke else arguments.repeats
    results = {w: measure(w, repeats, warm_up=not arguments.smoke) for w in workloads}

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:,.0f} ms"

    rows: list[tuple[str, Callable[[dict[str, float]], str]]] = [
        ("work periods", lambda f: f"{f['periods']:,.0f}"),
        ("hours CSV", lambda f: f"{f['MB']:,.1f} MB"),
        ("floor (csv.reader + fromisoformat)", lambda f: ms(f["floor"])),
        ("load", lambda f: ms(f["load"])),
        ("load without hours/", lambda f: ms(f["bare"])),
        ("load of the hours (difference)", lambda f: ms(f["load"] - f["bare"])),
        ("REST rules, first check", lambda f: ms(f["REST"])),
        ("load / floor", lambda f: f"{f['load'] / f['floor']:.2f}x"),
        ("load of the hours / floor", lambda f: f"{(f['load'] - f['bare']) / f['floor']:.2f}x"),
        ("REST / floor", lambda f: f"{f['REST'] / f['floor']:.2f}x"),
    ]
    width = max(len(label) for label, _ in rows)
    column = max(16, *(len(w.label) + 2 for w in workloads))
    rounds = "one round" if arguments.smoke else f"medians of {repeats} rounds after a warm-up"
    print(f"\nwatch-keeping hours, seed {SEED}, REST as of {AS_OF}; {rounds}; collector on\n")
    print(f"{'':<{width}}" + "".join(f"{w.label:>{column}}" for w in workloads))
    for label, show in rows:
        print(f"{label:<{width}}" + "".join(f"{show(results[w]):>{column}}" for w in workloads))

    ratios: list[tuple[str, float, float]] = []
    for w in workloads:
        if w.heavy:
            figures = results[w]
            for name, seconds in (("load", figures["load"]), ("REST", figures["REST"])):
                limit = TARGETS[f"{name} / floor"]
                ratios.append((f"{name} / floor, {w.label}", seconds / figures["floor"], limit))
    small, large = workloads[0], workloads[1]
    ratios.append(
        (
            f"REST scaling, {small.people:,} -> {large.people:,} people ({large.days} d)",
            results[large]["REST"] / results[small]["REST"],
            TARGETS["REST scaling"],
        )
    )
    name_width = max(len(name) for name, _, _ in ratios)
    print("\ntargets")
    for name, ratio, limit in ratios:
        verdict = "met" if ratio <= limit else "MISSED"
        print(f"  {name:<{name_width}}  {ratio:6.2f}  (target <= {limit})  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
