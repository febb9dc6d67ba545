"""What the example scripts share: their arguments, loading a dataset, and bad input.

Each script runs as ``python examples/SCRIPT.py`` from any directory; Python then finds
this module beside it. With no arguments a script uses the bundled example fleet as of
its reference date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pendulum

import maritime_crew as mc
from maritime_crew.rules import as_date

EXAMPLE_FLEET = Path(__file__).resolve().parent / "fleet"
EXAMPLE_DATE = "2021-03-31"


class BadInput(Exception):
    """A dataset, configuration or option that cannot be used; the message says why."""


def as_of_date(text: str) -> pendulum.Date:
    """``--as-of`` as a date, with argparse's plain-words error (exit code 2) if it is not one."""
    try:
        return as_date(text)
    except ValueError:
        message = f"expected a date as YYYY-MM-DD, such as {EXAMPLE_DATE}, not {text!r}"
        raise argparse.ArgumentTypeError(message) from None


def days(text: str) -> int:
    """``--within`` as a number of days, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number of days, 0 or more, not {text!r}")
    return value


def parser(prog: str, description: str, date_help: str) -> argparse.ArgumentParser:
    """An argument parser with the dataset path and ``--as-of`` every script takes."""
    made = argparse.ArgumentParser(prog=Path(prog).name, description=description)
    made.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=EXAMPLE_FLEET,
        help="dataset file or directory (default: the bundled example fleet)",
    )
    made.add_argument(
        "--as-of",
        type=as_of_date,
        default=as_date(EXAMPLE_DATE),
        metavar="DATE",
        help=f"{date_help}, YYYY-MM-DD (default: {EXAMPLE_DATE})",
    )
    return made


def load(path: Path) -> mc.model.Fleet:
    """The dataset at ``path``, or :class:`BadInput` with every load problem."""
    try:
        return mc.load(path)
    except mc.DataError as problem:
        raise BadInput(f"cannot load {path}\n{problem}") from None


def load_configured(
    path: Path, select: list[str] | None = None
) -> tuple[mc.model.Fleet, mc.rules.Config]:
    """The dataset and its configuration, as ``maritime-crew check`` finds it.

    ``select`` runs only those rules, whatever the file selects. A bad configuration and
    bad data are reported together, as the command line does.
    """
    problems = []
    config = None
    try:
        config = mc.rules.Config.discover(path)
        if select is not None:
            config = config.with_options(select=select, extend_select=[])
    except mc.rules.ConfigError as problem:
        problems.append(str(problem))
    try:
        fleet = load(path)
    except BadInput as problem:
        problems.append(str(problem))
    if problems or config is None:
        raise BadInput("\n".join(problems))
    return fleet, config


def fail(prog: str, message: str) -> int:
    """Print a message to stderr and return the bad-input exit code."""
    print(f"{Path(prog).name}: {message}", file=sys.stderr)
    return 2
