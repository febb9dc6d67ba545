"""What every command shares: exit codes, option types and error output."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import pendulum

from ._redaction import redacted, redacted_cell, use_fleet, withheld_load_error

if TYPE_CHECKING:
    from ..io import DataError
    from ..model import Fleet, Period
    from ..rules import Config, Registry

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "STANDARD_STREAMS",
    "UsageError",
    "add_selection_options",
    "as_of_date",
    "cannot_load",
    "check_id",
    "collector_restored",
    "comma_list",
    "csv_table",
    "emit",
    "error",
    "load_dataset",
    "markdown_row",
    "markdown_text",
    "read_configuration",
    "refuse_to_overwrite_inputs",
    "today_in_london",
    "write_output",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """A command was used wrongly (an unknown rule, person or vessel); exit code 2."""


def error(message: str) -> int:
    """Print ``maritime-crew: message`` to stderr and return the bad-input exit code.

    Every error the command line reports comes here, so here it is escaped for a
    terminal: a control sequence or a bidirectional override in a file name, an id or a
    value is shown as an escape, and no line can start a GitHub workflow command
    (:func:`~maritime_crew.report.escape_terminal`). Under ``--redact`` every person's
    name in it is replaced first (:func:`~._redaction.redacted`).
    """
    from ..report import escape_terminal

    message = redacted(message)
    print(f"maritime-crew: {escape_terminal(message, multiline=True)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def emit(text: str, format: str = "text") -> None:
    """Write a command's output to standard output, escaped for its ``format``.

    JSON goes through :func:`~maritime_crew.report.escape_json`. Every other format
    (text, Markdown, CSV), whose renderer has already escaped its cells as the format
    needs, goes through :func:`~maritime_crew.report.escape_terminal` with its layout
    kept: the net that leaves no control character and no workflow command in the output.
    Under ``--redact`` every person's name is replaced first (in JSON, in the strings
    it holds, so the JSON stays valid): see :func:`~._redaction.redacted`.
    """
    from ..report import escape_json, escape_terminal

    text = redacted(text, format)
    escaped = escape_json(text) if format == "json" else escape_terminal(text, multiline=True)
    sys.stdout.write(escaped)


def csv_table(rows: Iterable[Sequence[object]]) -> str:
    """Rows as CSV, every cell through :func:`~maritime_crew.report.escape_csv`.

    Numbers (``int`` and ``float``) are written as they are; anything else is text, with
    controls made visible and formulas neutralised, and, under ``--redact``, names
    replaced (a cell that is a name becomes ``[name of BF1003]``).
    """
    import csv
    import io

    from ..report import escape_csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(
            [
                escape_csv(cell if isinstance(cell, (int, float)) else redacted_cell(str(cell)))
                for cell in row
            ]
        )
    return buffer.getvalue()


def cannot_load(arguments: argparse.Namespace, problem: DataError, path: str | None = None) -> str:
    """What to say of a dataset that cannot be loaded: with ``--redact``, no data values.

    A load error quotes the offending value, which may be a name or a date of birth in
    the wrong field, or a name in the header row of a CSV file exported without one;
    redacted, it quotes no value from the data (:func:`~._redaction.withheld_load_error`).
    """
    path = path or getattr(arguments, "path", None)
    if getattr(arguments, "redact", False):
        problem = withheld_load_error(problem, path)
    return f"cannot load {path or 'the dataset'}\n{problem}"


def load_dataset(
    arguments: argparse.Namespace, path: str | None = None, *, redact_with: bool = True
) -> Fleet:
    """``io.load`` for a command, with the garbage collector kept out of the way.

    Loading makes millions of objects at scale and no reference cycles, so the collector
    is paused while it runs. A command keeps its fleet until it ends, so the fleet is
    then frozen (``gc.freeze``): the collections that a check triggers no longer scan it
    (a quarter of a check's time at 10,000 people). :func:`collector_restored` undoes
    both for a program that runs the command line in-process; a program that freezes
    objects itself is left alone. Under ``--redact`` the fleet's people are the names
    redacted from everything the command writes from then on
    (:func:`~._redaction.use_fleet`; ``redact_with`` false leaves that to the caller, which
    loads several). ``path`` is the dataset, ``arguments.path`` by default.
    ``--follow-outside-links`` is ``load(..., follow_outside_links=True)``.
    """
    from ..io import load

    path = path or arguments.path
    follow = getattr(arguments, "follow_outside_links", False)

    enabled = gc.isenabled()
    gc.disable()
    try:
        fleet = load(path, follow_outside_links=follow)
    finally:
        if enabled:
            gc.enable()
    if gc.get_freeze_count() == 0:
        gc.freeze()
    if redact_with:
        use_fleet(fleet)
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


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    """``--select``, ``--extend-select``, ``--ignore`` and ``--extend-ignore``, as in ruff.

    Each may be repeated, and its values add up; ``--select`` replaces the
    configuration file's selection, the others add to it or take from it (see
    :class:`~maritime_crew.rules.Selection`).
    """
    parser.add_argument(
        "--select",
        type=comma_list,
        action="extend",
        metavar="RULES",
        help="rules to run instead of the configuration's: codes, prefixes (CERT), names or "
        "ALL, comma-separated",
    )
    parser.add_argument(
        "--extend-select",
        type=comma_list,
        action="extend",
        metavar="RULES",
        help="rules to run in addition to the configuration's",
    )
    parser.add_argument(
        "--ignore",
        type=comma_list,
        action="extend",
        metavar="RULES",
        help="rules not to run, in addition to the configuration's ignore",
    )
    parser.add_argument(
        "--extend-ignore",
        type=comma_list,
        action="extend",
        metavar="RULES",
        help="the same as --ignore (ruff's older name)",
    )


def read_configuration(arguments: argparse.Namespace, registry: Registry, dataset: str) -> Config:
    """The configuration a command runs with, its selection options on top.

    None under ``--isolated``, the file ``--config`` names, or the one found beside
    ``dataset``; the options of :func:`add_selection_options`, for the commands that
    have them, as a layer above it.

    Raises :class:`~maritime_crew.rules.ConfigError` with every problem at once.
    """
    from ..rules import Config

    named = getattr(arguments, "config", None)
    if arguments.isolated:
        found = Config()
    elif named is not None:
        found = Config.from_file(named, registry)
    else:
        found = Config.discover(dataset, registry)
    return found.with_options(
        select=getattr(arguments, "select", None),
        extend_select=getattr(arguments, "extend_select", None),
        ignore=[
            *(getattr(arguments, "ignore", None) or ()),
            *(getattr(arguments, "extend_ignore", None) or ()),
        ],
    )


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
    from ..report import escape_terminal

    shown = ", ".join(escape_terminal(item) for item in known[:10])
    hint = did_you_mean(hints) if hints else "known: " + shown
    raise UsageError(f"unknown {kind} {wanted!r}; {hint}")


STANDARD_STREAMS = {
    "-": "stdout",
    "/dev/stdout": "stdout",
    "/dev/fd/1": "stdout",
    "/proc/self/fd/1": "stdout",
    "/dev/stderr": "stderr",
    "/dev/fd/2": "stderr",
    "/proc/self/fd/2": "stderr",
}
"""``--output`` values that name a standard stream, written through ``sys.stdout``/``stderr``."""


def write_output(path: str, text: str, *, inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Write ``--output FILE``; a failure or a refusal is a :class:`UsageError` in plain words.

    ``-`` and ``/dev/stdout`` (also ``/dev/stderr`` and ``/dev/fd/1`` or ``2``) go to
    the standard stream. Anything that names an input of the run (``inputs``: the
    dataset and configuration files read) is refused: see
    :func:`refuse_to_overwrite_inputs`. Otherwise the text goes to
    :func:`maritime_crew.io.write_atomically`: a regular file is replaced atomically
    (the old file, if any, is left as it was on a failure, and no temporary file is left
    behind), and a device or FIFO is written in place, never replaced. Missing parent
    folders are made first.
    """
    from pathlib import Path

    from ..io import write_atomically

    stream = STANDARD_STREAMS.get(path)
    if stream is not None:
        handle = sys.stdout if stream == "stdout" else sys.stderr
        handle.write(text)
        handle.flush()
        return
    if path.endswith(("/", os.sep)) or Path(path).is_dir():
        raise UsageError(f"cannot write {path}: it names a directory; give a file name")
    refuse_to_overwrite_inputs(path, inputs)
    try:
        parent = Path(path).parent
        if not parent.is_dir():  # reports/ in a fresh checkout
            parent.mkdir(parents=True, exist_ok=True)
        write_atomically(Path(path), text)
    except OSError as problem:
        reason = problem.strerror or str(problem)
        raise UsageError(f"cannot write {path}: {reason}") from None


def refuse_to_overwrite_inputs(output: str, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise :class:`UsageError` if writing ``output`` would change an input of the run.

    ``inputs`` are the dataset (a file or a directory) and configuration files the run
    read. Refused, with the reason:

    - a file the run read: the same file by device and inode, so also through a
      symbolic link or a hard link, and a file reached through a link in a dataset
      directory;
    - a path inside a dataset directory that the next load would read, existing or new:
      a name with a data suffix (``.toml``, ``.json``, ``.csv``) that is not hidden, or
      a configuration file's name. ``--output report.sarif`` or ``.report.json`` there is
      allowed: loading skips it.

    Every command with ``--output`` calls it, through :func:`write_output`.
    """
    if output in STANDARD_STREAMS:
        return
    target = _identity(output)
    holders: set[tuple[int, int]] = set()  # the directories the output would be in
    directory = os.path.dirname(os.path.realpath(output))
    while True:
        identity = _identity(directory)
        if identity is not None:
            holders.add(identity)
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    for source in inputs:
        found = _identity(source)
        if found is None:
            continue
        if found == target:
            raise UsageError(
                f"refusing to write {output}: it is {os.fspath(source)}, which this run "
                "reads; write the report to another file"
            )
        if not os.path.isdir(source):
            continue
        files, directories = _reached_from(source, with_files=target is not None)
        if target is not None and target in files:
            raise UsageError(
                f"refusing to write {output}: it is a file of the dataset "
                f"{os.fspath(source)}, which this run reads; write the report to another file"
            )
        if (found in holders or holders & directories) and _read_by_a_load(output):
            raise UsageError(
                f"refusing to write {output}: it is inside the dataset directory "
                f"{os.fspath(source)}, where the next load would read it as data; write the "
                "report outside it"
            )


def _read_by_a_load(path: str) -> bool:
    """Whether a load of a directory holding a file of this name would read it."""
    from ..io import CONFIG_FILES, DATA_SUFFIXES

    name = os.path.basename(path)
    if name in CONFIG_FILES:
        return True
    return not name.startswith(".") and name.lower().endswith(DATA_SUFFIXES)


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """Device and inode of what ``path`` leads to, following links; ``None`` if nothing."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino)


def _reached_from(
    root: str | os.PathLike[str], *, with_files: bool
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The files (if ``with_files``) and directories a load of ``root`` can reach.

    Links are followed as the loader follows them; a link back to a directory it is in
    is not, and hidden directories are not entered (a path inside the root is refused
    by its name anyway).
    """
    files: set[tuple[int, int]] = set()
    directories: set[tuple[int, int]] = set()
    ancestors: dict[str, frozenset[tuple[int, int] | None]] = {}
    for directory, subdirectories, names in os.walk(root, followlinks=True):
        identity = _identity(directory)
        holders = ancestors.pop(directory, frozenset()) | {identity}
        if identity is not None:
            directories.add(identity)
        kept = []
        for name in subdirectories:
            path = os.path.join(directory, name)
            if name.startswith(".") or _identity(path) in holders:
                continue
            ancestors[path] = holders
            kept.append(name)
        subdirectories[:] = kept
        for name in names if with_files else ():
            reached = _identity(os.path.join(directory, name))
            if reached is not None:
                files.add(reached)
    return files, directories


def markdown_row(values: Sequence[str]) -> str:
    """One row of a Markdown table, each value escaped by :func:`.report.escape_markdown`.

    A value stays in its cell, on one line, and shows as text: no markup, links or HTML.
    """
    from ..report import escape_markdown

    return "| " + " | ".join(escape_markdown(redacted_cell(v)) for v in values) + " |\n"


def markdown_text(value: str) -> str:
    """A value in a line of Markdown (a heading, a list): redacted, then escaped."""
    from ..report import escape_markdown

    return escape_markdown(redacted(value))
