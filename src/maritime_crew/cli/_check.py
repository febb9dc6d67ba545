"""``maritime-crew check``: load a dataset and report."""

from __future__ import annotations

import argparse
import sys

from .. import io
from ..model import TABLES
from ._app import EXIT_BAD_INPUT, EXIT_OK, today_in_london


def run(arguments: argparse.Namespace) -> int:
    """Load the dataset at ``arguments.path``; print problems (exit 2) or a summary (exit 0)."""
    as_of = arguments.as_of or today_in_london()
    try:
        fleet = io.load(arguments.path)
    except io.DataError as error:
        print(f"maritime-crew: cannot load {arguments.path}", file=sys.stderr)
        print(str(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    counts = ", ".join(
        f"{len(records)} {table.name}"
        for table in TABLES
        if (records := getattr(fleet, table.attribute))
    )
    print(f"{arguments.path}: loaded {counts or 'no records'} (as of {as_of})")
    return EXIT_OK
