"""``python -m maritime_crew.synth --people N [--seed S] OUT``: write a synthetic fleet.

Exit codes: 0 when the fleet is written; 2 for bad usage, an ``OUT`` that exists and is
not an empty directory, or a failure to write (with a message, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import write_counted


def _people(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 person, found {number}")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m maritime_crew.synth",
        description="Write a deterministic synthetic fleet dataset of any size, laid out "
        "like examples/fleet and compliant on 2021-03-31 apart from a small seeded rate "
        "of planted problems.",
    )
    parser.add_argument(
        "--people", type=_people, required=True, metavar="N", help="number of people (exact)"
    )
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    parser.add_argument("out", type=Path, metavar="OUT", help="a new or empty directory")
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress on a terminal and no closing summary",
    )
    return parser


def _show(done: int, total: int) -> None:
    """How many people are written, on standard error, rewritten in place."""
    sys.stderr.write(f"\r\x1b[Kwriting people: {done:,} of {total:,}…")
    sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    out: Path = args.out
    if out.exists() and not out.is_dir():
        parser.exit(2, f"{parser.prog}: error: {out} exists and is not a directory\n")
    if out.is_dir() and next(out.iterdir(), None) is not None:
        parser.exit(2, f"{parser.prog}: error: {out} is not empty; give a new or empty directory\n")
    started = time.perf_counter()
    # Progress only where a person watches: a terminal, and not under -q.
    shown = not args.quiet and sys.stderr.isatty()
    try:
        counts = write_counted(out, args.people, seed=args.seed, progress=_show if shown else None)
    except OSError as exc:
        parser.exit(2, f"{parser.prog}: error: cannot write {out}: {exc}\n")
    finally:
        if shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
    seconds = time.perf_counter() - started
    if not args.quiet:
        print(f"wrote {counts.summary()} to {out} (seed {args.seed}) in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
