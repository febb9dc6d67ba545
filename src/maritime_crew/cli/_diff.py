"""``maritime-crew diff``: what changed between two versions of a dataset, and the findings."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from ._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    as_of_date,
    cannot_load,
    error,
    load_dataset,
    read_configuration,
    today_in_london,
    write_output,
)
from ._redaction import redacted, use_fleet

if TYPE_CHECKING:
    from ..model import Fleet

FORMATS = ("text", "json")


def add_parsers(commands: Any) -> None:
    """Add the ``diff`` command."""
    diff = commands.add_parser(
        "diff",
        help="what changed between two versions of a dataset, and the findings it changed",
        description="Compare two versions of a dataset (two checkouts, two monthly exports): "
        "the records added, removed and changed, field by field, with who recorded each "
        "change where the data says; and the findings of check on both as of one date, "
        "with one configuration, that appeared, were resolved or persisted. Exit code 0: "
        "nothing changed; 1: something did; 2: bad input, configuration or usage. The "
        "configuration is that check finds for NEW, unless --config or --isolated.",
    )
    diff.add_argument("old", metavar="OLD", help="the old version: dataset file or directory")
    diff.add_argument("new", metavar="NEW", help="the new version: dataset file or directory")
    diff.add_argument(
        "--as-of",
        type=as_of_date,
        metavar="DATE",
        help="date to check both versions as of, YYYY-MM-DD (default: today in Europe/London)",
    )
    diff.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    diff.add_argument(
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output (- means standard output); a dataset "
        "file or a path inside a dataset directory is refused",
    )
    found = diff.add_mutually_exclusive_group()
    found.add_argument(
        "--config",
        metavar="FILE",
        help="the configuration for both checks: a maritime-crew.toml, or a pyproject.toml "
        "with a [tool.maritime-crew] table",
    )
    found.add_argument(
        "--isolated",
        action="store_true",
        help="ignore every configuration file: check both at the built-in defaults",
    )
    diff.add_argument(
        "--redact",
        action="store_true",
        help="show staff numbers instead of names, and withhold who recorded each change",
    )
    diff.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Load both versions, compare them; the exit code says whether anything changed."""
    from .. import io
    from ..changes import diff
    from ..report import escape_json, escape_terminal
    from ..rules import ConfigError, default_registry

    # Report a bad configuration and both datasets' problems together.
    problems: list[str] = []
    config = None
    try:
        registry = default_registry()
        config = read_configuration(arguments, registry, arguments.new)  # check's, of NEW
        config.resolve(registry)  # unknown rules and parameters, before the data
    except ConfigError as problem:
        problems.append(str(problem))
    fleets: list[Fleet] = []
    for path in (arguments.old, arguments.new):
        dataset = argparse.Namespace(**{**vars(arguments), "path": path})
        try:
            fleets.append(load_dataset(dataset))
        except io.DataError as problem:
            problems.append(cannot_load(dataset, problem))
    if problems or config is None:
        return error("\n".join(problems))
    old, new = fleets
    use_fleet(new, old)  # a person of either version is redacted
    result = diff(old, new, arguments.as_of or today_in_london(), config)
    if arguments.redact:
        result = result.withholding_recorded_by()
    if arguments.format == "json":
        text = json.dumps(result.to_data(), indent=2, ensure_ascii=False) + "\n"
        text = escape_json(redacted(text, "json"))
    else:
        text = escape_terminal(redacted(result.to_text()), multiline=True)
    if arguments.output is None:
        sys.stdout.write(text)
    else:
        inputs = [arguments.old, arguments.new, *config.files]
        write_output(arguments.output, text, inputs=inputs)
    return EXIT_FINDINGS if result.changed else EXIT_OK
