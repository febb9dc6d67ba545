"""``maritime-crew check``: load a dataset, check it, and report."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_selection_options,
    as_of_date,
    cannot_load,
    error,
    load_dataset,
    today_in_london,
    write_output,
)
from ._redaction import redacted

FORMATS = ("text", "json", "junit", "markdown", "sarif", "github")
SEVERITIES = ("error", "warning", "info")


def add_parsers(commands: Any) -> None:
    """Add the ``check`` command."""
    check = commands.add_parser(
        "check",
        help="load a dataset, check it and report the findings",
        description="Load a dataset (a .toml or .json file, or a directory of them), run "
        "every enabled rule as of a date, and report. Exit code 0: no finding at or above "
        "--fail-on; 1: findings; 2: bad input, configuration or usage. Configuration is "
        "read from maritime-crew.toml in the dataset directory or [tool.maritime-crew] in "
        "the nearest pyproject.toml (see --isolated); these options override it.",
    )
    check.add_argument("path", metavar="PATH", help="dataset file or directory")
    check.add_argument(
        "--as-of",
        type=as_of_date,
        metavar="DATE",
        help="date to check as of, YYYY-MM-DD (default: today in Europe/London)",
    )
    check.add_argument(
        "--format", choices=FORMATS, default="text", help="report format (default: text)"
    )
    add_selection_options(check)
    check.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        help="lowest severity that makes the check fail (default: error)",
    )
    check.add_argument(
        "--output",
        metavar="FILE",
        help="write the report to FILE instead of standard output (- means standard output); "
        "a dataset file or a path inside the dataset directory is refused",
    )
    check.add_argument(
        "--isolated",
        action="store_true",
        help="ignore every configuration file: the built-in defaults and these options only",
    )
    check.add_argument(
        "--redact",
        action="store_true",
        help="show staff numbers instead of names in the report",
    )
    check.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Load, check, render; the exit code says whether the report passed."""
    from .. import io, report
    from .._version import __version__
    from ..rules import Config, ConfigError, Severity, check, default_registry

    # Report a bad configuration and bad data together, not one after the other.
    problems: list[str] = []
    config = None
    try:
        found = Config() if arguments.isolated else Config.discover(arguments.path)
        config = found.with_options(
            select=arguments.select,
            extend_select=arguments.extend_select,
            ignore=(arguments.ignore or []) + (arguments.extend_ignore or []),
            fail_on=Severity.parse(arguments.fail_on) if arguments.fail_on else None,
        )
        config.resolve(default_registry())  # unknown rules and parameters, before the data
    except ConfigError as problem:
        problems.append(str(problem))
    try:
        fleet = load_dataset(arguments)
    except io.DataError as problem:
        problems.append(cannot_load(arguments, problem))
    if problems or config is None:
        return error("\n".join(problems))
    result = check(fleet, arguments.as_of or today_in_london(), config)
    color = (
        arguments.format == "text"
        and arguments.output is None
        and sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")  # no-color.org: present and not empty
    )
    text = report.render(
        result,
        fleet,
        arguments.format,
        redact=arguments.redact,
        color=color,
        tool_version=__version__,
    )
    text = redacted(text, arguments.format)  # the net under the report's own redaction
    if arguments.output is None:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    else:
        inputs = [arguments.path, *([config.source] if config.source else [])]
        write_output(arguments.output, text, inputs=inputs)
    return EXIT_OK if result.ok else EXIT_FINDINGS
