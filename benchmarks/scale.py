"""Load, check, structuring and start-up at scale, against their anchors, in one run.

Run: ``python benchmarks/scale.py`` (1,000, 10,000 and 100,000 people; 15 to 20 minutes,
up to 3.5 GiB of memory at the top size), ``python benchmarks/scale.py --people 1000 10000``
for a quicker table, ``python benchmarks/scale.py --smoke`` for the CI smoke run (1,000
people, one repeat; it asserts nothing about time).

Datasets come from the synthetic generator (``python -m maritime_crew.synth``), seed 0,
written once to ``benchmarks/.data/`` and reused. Every figure is a median of repeated
runs measured in this one process (peak memory: in a child process per size), and every
ratio compares two figures from this run, so a noisy machine moves both sides.

Anchors:

- **bare parse**: ``tomli.loads`` of every TOML file of the dataset (with decimal
  floats, as ``load`` reads them) and ``csv.reader`` over its CSV files: the floor under
  any loader of this format;
- **pydantic**: a pydantic v2 mirror of the person records (``pydantic_mirror.py``),
  ``model_validate`` on the same parsed data as our converter;
- **bare import**: ``python -c "import attrs, cattrs, pendulum, tomli"``.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli
from _timing import median_seconds as median

import maritime_crew as mc

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
AS_OF = "2021-03-31"
SEED = 0
TARGETS = {
    "structuring vs pydantic": 1.0,
    "load / parse at 10k": 2.0,
    "check / parse at 10k": 0.5,
    "load 10k -> 100k": 11.0,
    "check 10k -> 100k": 11.0,
    "peak memory at 100k (GiB)": 2.0,
    "import / bare import": 1.3,
    "CLI check of the example / floor process": 1.5,
}

FLOOR_PROCESS = """
import csv, sys
from decimal import Decimal
from pathlib import Path
import attrs, cattrs, pendulum, tomli
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if path.suffix == ".toml":
        tomli.loads(path.read_text("utf-8"), parse_float=Decimal)
    elif path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as file:
            list(csv.reader(file))
"""
"""Issue 23's floor for the command line's start-up: a process that imports the runtime
dependencies and parses the example fleet's TOML and CSV files, as ``check`` must."""


def dataset(people: int, *, days: int | None = None) -> Path:
    """The synthetic dataset of ``people`` people (seed 0), generated on first use.

    With ``days``, everyone has that many days of watch-keeping hours (``--hours watch``).
    """
    watch = f"-watch-{days}d" if days is not None else ""
    path = DATA / f"people-{people}-seed-{SEED}{watch}"
    if not (path / ".complete").exists():
        from maritime_crew.synth import write

        if path.exists():
            import shutil

            shutil.rmtree(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        if days is None:
            write(path, people, seed=SEED)
        else:
            write(path, people, seed=SEED, hours="watch", days=days)
        (path / ".complete").write_text("")
        what = f"{people:,} people" + (f" x {days} days" if days is not None else "")
        print(f"  (generated {what} in {time.perf_counter() - started:.1f} s)")
    return path


def first_check(path: Path, repeats: int) -> float:
    """Median time of the first check of a freshly loaded fleet, as the command line runs it.

    A fleet keeps what its checks work out (indexes, validity by type), so a second
    check of the same fleet is faster; that figure is printed too.
    """
    times = []
    for _ in range(repeats):
        fleet = mc.load(path)
        start = time.perf_counter()
        mc.check(fleet, as_of=AS_OF)
        times.append(time.perf_counter() - start)
        del fleet
    return statistics.median(times)


def bare_parse(path: Path) -> Callable[[], object]:
    """Parse every data file of a dataset with the standard parsers, from text in memory."""
    texts = [(f.suffix, f.read_text(encoding="utf-8")) for f in sorted(path.rglob("*.*"))]
    texts = [(suffix, text) for suffix, text in texts if suffix in (".toml", ".csv")]

    def parse() -> object:
        return [
            tomli.loads(text, parse_float=Decimal)
            if suffix == ".toml"
            else list(csv.reader(io.StringIO(text)))
            for suffix, text in texts
        ]

    return parse


def people_records(path: Path) -> list[dict[str, Any]]:
    """The parsed ``[[person]]`` tables of a dataset."""
    records: list[dict[str, Any]] = []
    for file in sorted(path.rglob("*.toml")):
        records += tomli.loads(file.read_text(encoding="utf-8"), parse_float=Decimal).get(
            "person", []
        )
    return records


def structuring(path: Path, repeats: int) -> dict[str, float]:
    """Our converter against pydantic's ``model_validate`` on the same person records."""
    sys.path.insert(0, str(HERE))
    import pydantic_mirror

    from maritime_crew.io._converter import fast
    from maritime_crew.model import Person

    records = people_records(path)
    target = tuple[Person, ...]
    figures: dict[str, float] = {}
    for label, collect in (("gc on", True), ("gc off", False)):
        if not collect:
            gc.disable()
        try:
            # each run starts from a full collection: neither side pays for what ran before
            figures[f"ours, {label}"] = median(
                lambda: fast.structure(records, target), repeats, collect=collect
            )
            figures[f"pydantic, {label}"] = median(
                lambda: pydantic_mirror.PEOPLE.validate_python(records), repeats, collect=collect
            )
        finally:
            gc.enable()
    return figures


def peak_memory(path: Path) -> float:
    """Peak resident memory in GiB of a fresh process that loads and checks the dataset."""
    # VmHWM, not ru_maxrss: a child started from a large parent inherits the parent's
    # high-water mark in ru_maxrss on Linux; VmHWM belongs to the new program alone.
    code = (
        "import resource, sys, maritime_crew as mc\n"
        f"fleet = mc.load(sys.argv[1]); mc.check(fleet, as_of={AS_OF!r})\n"
        "try:\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "    print(int(status.split()[0]))\n"
        "except OSError:\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip()) / 1024 / 1024  # KiB on Linux


def process_seconds(args: list[str], repeats: int) -> float:
    """Median wall time of a fresh Python process running ``args``.

    The process runs as an installed package runs for its users: with its compiled
    bytecode. ``PYTHONDONTWRITEBYTECODE`` (set on some development machines) is
    removed, so the warm-up run writes the ``.pyc`` files of an editable install too;
    otherwise every run would compile the package's sources and the dependencies'
    (installed with bytecode) would not.
    """
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return median(
        lambda: subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, check=False
        ),
        repeats,
    )


def main(argv: list[str] | None = None) -> int:
    """Measure every size asked for, then print the table of medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--people", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=5, help="runs per median (default 5)")
    parser.add_argument("--smoke", action="store_true", help="1,000 people, one repeat")
    arguments = parser.parse_args(argv)
    sizes = [1_000] if arguments.smoke else sorted(arguments.people)
    repeats = 1 if arguments.smoke else arguments.repeats

    rows: list[tuple[str, str]] = []
    ratios: dict[str, float] = {}
    loads: dict[int, float] = {}
    checks: dict[int, float] = {}
    for people in sizes:
        path = dataset(people)
        runs = max(1, repeats if people <= 10_000 else min(repeats, 3))
        parse = median(bare_parse(path), runs)
        load = median(lambda path=path: mc.load(path), runs)
        check = first_check(path, runs)
        fleet = mc.load(path)
        again = median(lambda fleet=fleet: mc.check(fleet, as_of=AS_OF), runs)
        memory = peak_memory(path)
        loads[people], checks[people] = load, check
        rows += [
            (f"{people:,} people: bare parse", f"{parse * 1000:,.0f} ms"),
            (f"{people:,} people: load", f"{load * 1000:,.0f} ms = {load / parse:.2f}x parse"),
            (
                f"{people:,} people: check (all rules)",
                f"{check * 1000:,.0f} ms = {check / parse:.2f}x parse",
            ),
            (
                f"{people:,} people: check again (same fleet)",
                f"{again * 1000:,.0f} ms = {again / parse:.2f}x parse",
            ),
            (f"{people:,} people: peak memory (load and check)", f"{memory:.2f} GiB"),
        ]
        if people == 10_000:
            ratios["load / parse at 10k"] = load / parse
            ratios["check / parse at 10k"] = check / parse
        if people == 100_000:
            ratios["peak memory at 100k (GiB)"] = memory
        del fleet
        gc.collect()
    if 10_000 in loads and 100_000 in loads:
        ratios["load 10k -> 100k"] = loads[100_000] / loads[10_000]
        ratios["check 10k -> 100k"] = checks[100_000] / checks[10_000]
        rows.append(("scaling 10k -> 100k: load", f"{ratios['load 10k -> 100k']:.1f}x"))
        rows.append(("scaling 10k -> 100k: check", f"{ratios['check 10k -> 100k']:.1f}x"))

    anchor = dataset(10_000 if 10_000 in sizes else sizes[0])
    figures = structuring(anchor, repeats)
    for label in ("gc on", "gc off"):
        ours, theirs = figures[f"ours, {label}"], figures[f"pydantic, {label}"]
        rows.append(
            (
                f"structuring people ({label})",
                f"ours {ours * 1000:,.0f} ms, pydantic {theirs * 1000:,.0f} ms = "
                f"{ours / theirs:.2f}x",
            )
        )
        ratios[f"structuring vs pydantic ({label})"] = ours / theirs

    startup_runs = 3 if arguments.smoke else 21
    bare = process_seconds(["-c", "import attrs, cattrs, pendulum, tomli"], startup_runs)
    package = process_seconds(["-c", "import maritime_crew"], startup_runs)
    cli = process_seconds(
        ["-m", "maritime_crew", "check", "examples/fleet", "--as-of", AS_OF], startup_runs
    )
    floor = process_seconds(["-c", FLOOR_PROCESS, "examples/fleet"], startup_runs)
    ratios["import / bare import"] = package / bare
    ratios["CLI check of the example / floor process"] = cli / floor
    rows += [
        ("bare import of the dependencies", f"{bare * 1000:,.0f} ms"),
        ("import maritime_crew", f"{package * 1000:,.0f} ms = {package / bare:.2f}x"),
        ("floor: import and parse the example's files", f"{floor * 1000:,.0f} ms"),
        (
            "maritime-crew check examples/fleet",
            f"{cli * 1000:,.0f} ms = {cli / floor:.2f}x floor, {cli / bare:.2f}x bare import",
        ),
    ]

    width = max(len(label) for label, _ in rows)
    print(f"\nmedians of {repeats} run(s) per figure; seed {SEED}; as of {AS_OF}\n")
    for label, figure in rows:
        print(f"{label:<{width}}  {figure}")
    print("\ntargets")
    for name, limit in TARGETS.items():
        keys = [key for key in ratios if key.startswith(name)]
        for key in keys:
            verdict = "met" if ratios[key] <= limit else "MISSED"
            print(f"  {key:<{width}}  {ratios[key]:6.2f}  (target <= {limit})  {verdict}")
        if not keys:
            print(f"  {name:<{width}}  not measured in this run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
