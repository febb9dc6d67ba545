"""What every command shares: exit codes, option types and error output."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import pendulum

if TYPE_CHECKING:
    from ..io import DataError
    from ..model import Fleet, Period

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "UsageError",
    "as_of_date",
    "cannot_load",
    "check_id",
    "collector_restored",
    "comma_list",
    "error",
    "load_dataset",
    "markdown_row",
    "today_in_london",
    "write_output",
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


def cannot_load(arguments: argparse.Namespace, problem: DataError) -> str:
    """What to say of a dataset that cannot be loaded: with ``--redact``, no data values.

    A load error quotes the offending value, which may be a name or a date of birth in
    the wrong field; redacted, it says only what kind of value was found.
    """
    if getattr(arguments, "redact", False):
        problem = problem.redacted()
    return f"cannot load {getattr(arguments, 'path', 'the dataset')}\n{problem}"


def load_dataset(path: str | os.PathLike[str]) -> Fleet:
    """``io.load`` for a command, with the garbage collector kept out of the way.

    Loading makes millions of objects at scale and no reference cycles, so the collector
    is paused while it runs. A command keeps its fleet until it ends, so the fleet is
    then frozen (``gc.freeze``): the collections that a check triggers no longer scan it
    (a quarter of a check's time at 10,000 people). :func:`collector_restored` undoes
    both for a program that runs the command line in-process; a program that freezes
    objects itself is left alone.
    """
    from ..io import load

    enabled = gc.isenabled()
    gc.disable()
    try:
        fleet = load(path)
    finally:
        if enabled:
            gc.enable()
    if gc.get_freeze_count() == 0:
        gc.freeze()
    return fleet


@contextlib.contextmanager
def collector_restored() -> Iterator[None]:
    """Leave the garbage collector as it was found: on or off, and nothing frozen by us."""
    enabled, frozen = gc.isenabled(), gc.get_freeze_count()
    try:
        yield
    finally:
        if frozen == 0 and gc.get_freeze_count():
            gc.unfreeze()
        if enabled:
            gc.enable()
        else:
            gc.disable()


def as_of_date(text: str) -> pendulum.Date:
    """Parse ``--as-of`` (``YYYY-MM-DD``) for argparse, with a plain-words error."""
    problem = f"expected a date as YYYY-MM-DD, such as 2021-03-31, not {text!r}"
    if len(text) != 10:
        raise argparse.ArgumentTypeError(problem)
    try:
        parsed = datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(problem) from None
    from ..model import FIRST_DATE, LAST_DATE

    if not FIRST_DATE <= parsed <= LAST_DATE:
        raise argparse.ArgumentTypeError(
            f"expected a date from {FIRST_DATE} to {LAST_DATE} (the years a dataset may hold), "
            f"not {text}"
        )
    return pendulum.Date(parsed.year, parsed.month, parsed.day)


def within_option(text: str) -> Period:
    """``--within`` as a period (``90``, ``90d``, ``P3M``), or a usage error in plain words."""
    from ..model import parse_within

    try:
        return parse_within(text)
    except (TypeError, ValueError) as problem:
        raise UsageError(str(problem).replace("within must", "--within must", 1)) from None


def comma_list(text: str) -> list[str]:
    """Parse ``--select CERT,DOC001`` into its items (empty items are dropped)."""
    return [item.strip() for item in text.split(",") if item.strip()]


def today_in_london(now: datetime.datetime | None = None) -> pendulum.Date:
    """Today's date in Europe/London: the default ``--as-of`` of every command.

    ``now`` is the moment to date (the clock's, when not given): at 23:30 UTC on a
    summer evening it is already tomorrow in London.
    """
    moment = pendulum.now("UTC") if now is None else pendulum.instance(now)
    return moment.in_timezone("Europe/London").date()


def check_id(kind: str, wanted: str | None, known: Sequence[str]) -> None:
    """Raise :class:`UsageError` naming the nearest ids when ``wanted`` is not ``known``."""
    if wanted is None or wanted in known:
        return
    from ..io import did_you_mean, nearest

    hints = nearest(wanted, known)
    hint = did_you_mean(hints) if hints else "known: " + ", ".join(known[:10])
    raise UsageError(f"unknown {kind} {wanted!r}; {hint}")


def write_output(path: str, text: str) -> None:
    """Write ``--output FILE`` atomically; a failure is a :class:`UsageError` in plain words.

    The old file, if any, is left as it was, and no temporary file is left behind.
    """
    from pathlib import Path

    from ..io import write_atomically

    if path.endswith(("/", os.sep)) or Path(path).is_dir():
        raise UsageError(f"cannot write {path}: it names a directory; give a file name")
    try:
        write_atomically(Path(path), text)
    except OSError as problem:
        reason = problem.strerror or str(problem)
        raise UsageError(f"cannot write {path}: {reason}") from None


def markdown_row(values: Sequence[str]) -> str:
    """One row of a Markdown table, with ``|`` in values escaped."""
    return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |\n"
