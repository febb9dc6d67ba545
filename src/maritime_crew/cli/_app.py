"""Argument parsing and dispatch for ``maritime-crew``.

Exit codes follow ruff and ESLint: 0 when no finding reaches the fail level, 1 when
findings do, 2 for bad input, bad configuration or bad usage. A user never sees a
Python traceback: every expected failure has a message, and anything unexpected is
reported as an internal error, with exit code 2.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence

import pendulum

from .._version import __version__

__all__ = ["EXIT_BAD_INPUT", "EXIT_FINDINGS", "EXIT_OK", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


def as_of_date(text: str) -> pendulum.Date:
    """Parse ``--as-of`` (``YYYY-MM-DD``) for argparse, with a plain-words error."""
    try:
        parsed = datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date as YYYY-MM-DD, such as 2021-03-31, not {text!r}"
        ) from None
    if len(text) != 10:
        raise argparse.ArgumentTypeError(
            f"expected a date as YYYY-MM-DD, such as 2021-03-31, not {text!r}"
        )
    return pendulum.Date(parsed.year, parsed.month, parsed.day)


def today_in_london() -> pendulum.Date:
    """Today's date in Europe/London: the default ``--as-of`` of every command."""
    return pendulum.today("Europe/London").date()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="maritime-crew",
        description="Crew, training, kit and SOP compliance for Border Force Maritime Command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check",
        help="load a dataset and check it",
        description="Load a dataset (a .toml or .json file, or a directory of them) and "
        "check it. Load problems are listed and exit with code 2.",
    )
    check.add_argument("path", metavar="PATH", help="dataset file or directory")
    check.add_argument(
        "--as-of",
        type=as_of_date,
        metavar="DATE",
        help="date to check as of, YYYY-MM-DD (default: today in Europe/London)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    arguments = parser.parse_args(argv)
    try:
        from . import _check

        if arguments.command == "check":
            return _check.run(arguments)
        parser.error(f"unknown command {arguments.command!r}")  # pragma: no cover
    except KeyboardInterrupt:
        print("maritime-crew: interrupted", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence against a traceback
        print(
            f"maritime-crew: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in maritime-crew; please report it with the command you ran.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return EXIT_OK  # pragma: no cover
