"""Load and check time of the bundled example fleet, against the bare TOML parse of its files.

Run: ``python benchmarks/load_example.py``. Prints medians of repeated runs, measured
in this one process, and their ratio; the machine is noisy, so trust the ratio and the
median rather than any single figure.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import tomli
from _timing import median_seconds

import maritime_crew as mc

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fleet"
REPEATS = 25


def main() -> None:
    files = sorted(EXAMPLE.rglob("*.toml"))

    def bare_parse() -> None:
        for file in files:
            tomli.loads(file.read_text(encoding="utf-8"), parse_float=Decimal)

    def load() -> None:
        mc.load(EXAMPLE)

    fleet = mc.load(EXAMPLE)

    def check() -> None:
        mc.check(fleet, as_of="2021-03-31")

    parse = median_seconds(bare_parse, REPEATS)
    full = median_seconds(load, REPEATS)
    checked = median_seconds(check, REPEATS)
    print(f"example fleet: {len(files)} files, {len(fleet.people)} people")
    print(f"bare tomli parse   median {parse * 1000:8.2f} ms")
    print(f"mc.load            median {full * 1000:8.2f} ms   ({full / parse:.2f}x the parse)")
    print(
        f"mc.check (all)     median {checked * 1000:8.2f} ms   ({checked / parse:.2f}x the parse)"
    )
    print(f"load target: under 1000 ms -> {'met' if full < 1.0 else 'MISSED'}")


if __name__ == "__main__":
    main()
