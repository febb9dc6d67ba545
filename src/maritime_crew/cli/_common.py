"""What every command shares: exit codes, option types and error output."""

from __future__ import annotations

import argparse
import datetime
import sys

import pendulum

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "UsageError",
    "as_of_date",
    "comma_list",
    "error",
    "today_in_london",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """A command was used wrongly (an unknown rule, person or vessel); exit code 2."""


def error(message: str) -> int:
    """Print ``maritime-crew: message`` to stderr and return the bad-input exit code."""
    print(f"maritime-crew: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def as_of_date(text: str) -> pendulum.Date:
    """Parse ``--as-of`` (``YYYY-MM-DD``) for argparse, with a plain-words error."""
    problem = f"expected a date as YYYY-MM-DD, such as 2021-03-31, not {text!r}"
    if len(text) != 10:
        raise argparse.ArgumentTypeError(problem)
    try:
        parsed = datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(problem) from None
    return pendulum.Date(parsed.year, parsed.month, parsed.day)


def comma_list(text: str) -> list[str]:
    """Parse ``--select CERT,DOC001`` into its items (empty items are dropped)."""
    return [item.strip() for item in text.split(",") if item.strip()]


def today_in_london() -> pendulum.Date:
    """Today's date in Europe/London: the default ``--as-of`` of every command."""
    return pendulum.today("Europe/London").date()
