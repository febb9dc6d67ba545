"""The generator's command line: write a synthetic fleet.

``python -m maritime_crew.synth --people N [--seed S] [--hours {crew-month,watch}]
[--days D] OUT``.

Exit codes: 0 when the fleet is written; 2 for bad usage, an ``OUT`` that exists and is
not an empty directory, or a failure to write (with a message, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from . import HOURS, write_counted
from ._watch import DEFAULT_DAYS


def _at_least_one(what: str) -> Callable[[str], int]:
    """An argument type: a whole number of ``what``, at least 1."""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
        if number < 1:
            raise argparse.ArgumentTypeError(f"expected at least 1 {what}, found {number}")
        return number

    return parse


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m maritime_crew.synth",
        description="Write a deterministic synthetic fleet dataset of any size, laid out "
        "like examples/fleet and compliant on 2021-03-31 apart from a small seeded rate "
        "of planted problems.",
    )
    parser.add_argument(
        "--people",
        type=_at_least_one("person"),
        required=True,
        metavar="N",
        help="number of people (exact)",
    )
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    parser.add_argument(
        "--hours",
        choices=HOURS,
        default=HOURS[0],
        help="hours of work: crew-month (default) writes one crew-month a squadron; watch "
        "writes every person's work on a watch-keeping pattern (4-on/8-off, 6-on/6-off, day "
        "work or a split shift) for the days up to 2021-03-31, about one person in a hundred "
        "with a long day that breaches MLC hours of rest",
    )
    parser.add_argument(
        "--days",
        type=_at_least_one("day"),
        metavar="D",
        help=f"with --hours watch: days of work, ending on 2021-03-31 (default {DEFAULT_DAYS})",
    )
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
    if args.days is not None and args.hours != "watch":
        parser.error("--days applies only to --hours watch")
    if out.exists() and not out.is_dir():
        parser.exit(2, f"{parser.prog}: error: {out} exists and is not a directory\n")
    if out.is_dir() and next(out.iterdir(), None) is not None:
        parser.exit(2, f"{parser.prog}: error: {out} is not empty; give a new or empty directory\n")
    started = time.perf_counter()
    # Progress only where a person watches: a terminal, and not under -q.
    shown = not args.quiet and sys.stderr.isatty()
    try:
        counts = write_counted(
            out,
            args.people,
            seed=args.seed,
            hours=args.hours,
            days=args.days,
            progress=_show if shown else None,
        )
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
