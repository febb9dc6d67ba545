"""``maritime-crew timeline``: when each finding held between two dates."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from ._common import (
    EXIT_OK,
    add_selection_options,
    as_of_date,
    cannot_load,
    csv_table,
    emit,
    error,
    load_dataset,
    read_configuration,
    today_in_london,
)

if TYPE_CHECKING:
    from ..model import Fleet
    from ..timeline import Timeline

_COLUMNS = (
    "code",
    "name",
    "severity",
    "subject_kind",
    "subject_id",
    "start",
    "end",
    "days",
    "vessel",
    "crew",
    "waived_by",
    "message",
)


def add_parsers(commands: Any) -> None:
    """Add the ``timeline`` command."""
    timeline = commands.add_parser(
        "timeline",
        help="when each finding held between two dates",
        description="Run the check over every day from --from to --to (both included), as "
        "if `check` ran on each day, and list each finding with the days it held; JSON "
        "adds the unwaived errors per vessel and day. Configuration is read as `check` "
        "reads it. Exit code 0, or 2 for bad input, configuration or usage.",
    )
    timeline.add_argument("path", metavar="PATH", help="dataset file or directory")
    timeline.add_argument(
        "--from",
        dest="first",
        type=as_of_date,
        required=True,
        metavar="DATE",
        help="first day, YYYY-MM-DD",
    )
    timeline.add_argument(
        "--to",
        dest="last",
        type=as_of_date,
        metavar="DATE",
        help="last day, YYYY-MM-DD (default: today in Europe/London)",
    )
    timeline.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="output format (default: text)",
    )
    add_selection_options(timeline)
    timeline.add_argument(
        "--isolated",
        action="store_true",
        help="ignore every configuration file: the built-in defaults and these options only",
    )
    timeline.add_argument(
        "--redact", action="store_true", help="show staff numbers instead of names"
    )
    timeline.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Load, follow the findings from day to day, and print them."""
    from .. import io
    from ..rules import ConfigError, default_registry
    from ..timeline import timeline

    last = arguments.last or today_in_london()
    problems: list[str] = []
    if last < arguments.first:
        problems.append(f"--to {last} is before --from {arguments.first}")
    config = None
    try:
        registry = default_registry()
        config = read_configuration(arguments, registry, arguments.path)
        config.resolve(registry)  # unknown rules, before the data
    except ConfigError as problem:
        problems.append(str(problem))
    try:
        fleet = load_dataset(arguments)
    except io.DataError as problem:
        problems.append(cannot_load(arguments, problem))
    if problems or config is None:
        return error("\n".join(problems))
    result = timeline(fleet, arguments.first, last, config=config)
    if arguments.format == "json":
        emit(json.dumps(_document(result), indent=2, ensure_ascii=False) + "\n", "json")
    elif arguments.format == "csv":
        records = result.to_records()
        rows = ([("" if r[c] is None else r[c]) for c in _COLUMNS] for r in records)
        emit(csv_table([_COLUMNS, *rows]), "csv")
    else:
        emit(_text(result, fleet))
    return EXIT_OK


def _document(result: Timeline) -> dict[str, Any]:
    return {
        "from": result.start.isoformat(),
        "to": result.end.isoformat(),
        "findings": result.to_records(),
        "errors": result.error_records(),
    }


def _text(result: Timeline, fleet: Fleet) -> str:
    """Each finding's intervals, in key order, then a line of counts.

    A person is named beside their staff number (``--redact`` leaves the number alone).
    """
    lines: list[str] = []
    for history in result.findings:
        subject = f"{history.key.subject_kind} {history.key.subject_id}"
        person = (
            fleet.person(history.key.subject_id) if history.key.subject_kind == "person" else None
        )
        if person is not None:
            subject += f" {person.name}"
        lines.append(f"{history.key.code} {history.name} ({history.severity.value})  {subject}")
        for interval in history.intervals:
            waived = f"  (waived by {interval.waived_by})" if interval.waived_by else ""
            lines.append(
                f"  {interval.start} to {interval.end} ({interval.days} days){waived}: "
                + " ".join(interval.message.split())
            )
    intervals = sum(len(history.intervals) for history in result.findings)
    lines.append(
        f"{len(result.findings)} findings in {intervals} intervals from {result.start} "
        f"to {result.end}"
    )
    return "\n".join(lines) + "\n"
