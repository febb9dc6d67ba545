"""``maritime-crew check``: load a dataset, check it, and report."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

from ._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    STANDARD_STREAMS,
    add_selection_options,
    as_of_date,
    cannot_load,
    error,
    load_dataset,
    read_configuration,
    refuse_to_overwrite_inputs,
    today_in_london,
    write_output,
)
from ._redaction import redacted, use_fleet

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
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="dataset file or directory; several are each loaded and checked on their own, "
        "with the configuration found beside each, and reported together",
    )
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
        action="append",
        metavar="[FORMAT:]FILE",
        help="write the report to FILE, making its folders if need be, instead of standard "
        "output (- means standard output); FORMAT: gives that file its own format, and the "
        "option may be repeated for several reports of one check "
        "(--output json:check.json --output sarif:check.sarif); "
        "a dataset file or a path inside the dataset directory is refused",
    )
    check.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when findings fail the check (bad input still exits 2)",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="instead of the findings, how many each rule found (text, or json with --format json)",
    )
    where = check.add_mutually_exclusive_group()
    where.add_argument(
        "--config",
        metavar="PATH",
        help="read the configuration from PATH (a maritime-crew.toml, or a pyproject.toml's "
        "[tool.maritime-crew]) instead of looking for one beside the dataset",
    )
    where.add_argument(
        "--isolated",
        action="store_true",
        help="ignore every configuration file: the built-in defaults and these options only",
    )
    check.add_argument(
        "--no-plugins",
        action="store_true",
        help="run the built-in rules only: no installed rule plugin is imported",
    )
    check.add_argument(
        "--show-settings",
        action="store_true",
        help="print the configuration that applies and the rules it runs, then exit "
        "(the data is not loaded)",
    )
    check.add_argument(
        "-q",
        "--quiet",
        action="count",
        default=0,
        help="-q: no progress on a terminal, and the findings without the closing counts "
        "and verdict; -qq: nothing on standard output either, the exit code only (files "
        "given to --output are still written)",
    )
    check.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="say on standard error which configuration applies, what was loaded and how "
        "long loading and checking took",
    )
    check.add_argument(
        "--redact",
        action="store_true",
        help="show staff numbers instead of names in the report",
    )
    check.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Load, check, render; the exit code says whether every report passed.

    Each dataset is loaded and checked on its own, with the configuration found beside
    it (or the one ``--config`` names); every problem with any of them is reported
    before anything is checked or written.
    """
    from .. import io, report
    from .._version import __version__
    from ..rules import ConfigError, Registry, Severity, check, default_registry

    paths: list[str] = arguments.paths
    several = len(paths) > 1
    arguments.path = paths[0]
    # Report a bad configuration and bad data together, not one after the other.
    problems: list[str] = []
    registry = Registry(load_plugins=False) if arguments.no_plugins else default_registry()
    fail_on = Severity.parse(arguments.fail_on) if arguments.fail_on else None
    configs: dict[str, tuple[Any, Any]] = {}
    if len(set(paths)) < len(paths):
        return error("a dataset is named twice: give each PATH once")
    for path in paths:
        try:
            config = read_configuration(arguments, registry, path).with_options(fail_on=fail_on)
            configs[path] = (config, config.resolve(registry))  # unknown rules, before the data
        except ConfigError as problem:
            problems.append(f"{path}: {problem}" if several else str(problem))
    if arguments.show_settings and not problems:
        shown = [
            (f"dataset: {path}\n" if several else "") + settings(config, enabled, registry)
            for path, (config, enabled) in configs.items()
        ]
        sys.stdout.write("\n\n".join(shown) + "\n")
        return EXIT_OK
    progress = Progress(enabled=not arguments.quiet)
    started = time.perf_counter()
    fleets: dict[str, Any] = {}
    for path in paths:
        progress.show(f"loading {path}" if several else "loading the dataset")
        try:
            fleets[path] = load_dataset(arguments, path, redact_with=False)
        except io.DataError as problem:
            problems.append(cannot_load(arguments, problem, path))
        finally:
            progress.clear()
    if fleets:
        first, *others = fleets.values()
        use_fleet(first, *others)
        if not arguments.quiet:
            for path, fleet in fleets.items():
                unread(path, fleet)
    targets = outputs(arguments.output, arguments.format)
    for format, _ in targets:
        if arguments.statistics and format not in ("text", "json"):
            problems.append(f"--statistics writes text or json, not {format}")
    if len({target for _, target in targets}) < len(targets):
        problems.append("--output names one file twice")
    if problems:
        return error("\n".join(problems))
    inputs = [*paths, *(config.source for config, _ in configs.values() if config.source)]
    for _, target in targets:  # refuse before checking, so no report is left half written
        if target is not None:
            refuse_to_overwrite_inputs(target, inputs)
    loaded = time.perf_counter()
    as_of = arguments.as_of or today_in_london()
    results = []
    for path in paths:
        fleet = fleets[path]
        config, enabled = configs[path]
        progress.show(f"checking {len(fleet.people):,} people with {len(enabled)} rules")
        try:
            results.append((check(fleet, as_of, config, registry=registry), fleet, path))
        finally:
            progress.clear()
    if arguments.verbose:
        for (result, fleet, path), (config, _) in zip(results, configs.values(), strict=True):
            say(
                (f"dataset: {path}\n" if several else "")
                + f"configuration: {config.source or 'built-in defaults'}\n"
                f"loaded {len(fleet.people):,} people and {len(fleet.work_periods):,} "
                f"work periods\n"
                f"checked with {len(result.rules)} rules as of {result.as_of}: "
                f"{len(result.findings):,} findings\n"
            )
        say(
            f"loaded in {loaded - started:.2f} s, checked in {time.perf_counter() - loaded:.2f} s\n"
        )
    for format, target in targets:
        if target is None and arguments.quiet >= 2:
            continue  # the exit code only
        if arguments.statistics:
            text = statistics([result for result, _, _ in results], format)
        else:
            color = (
                format == "text"
                and target is None
                and sys.stdout.isatty()
                and not os.environ.get("NO_COLOR")  # no-color.org: present and not empty
            )
            rendered = report.render_all(
                results,
                format,
                redact=arguments.redact,
                color=color,
                tool_version=__version__,
                summary=not (target is None and arguments.quiet),
            )
            text = redacted(rendered, format)  # the net under the report's own redaction
        _write(target, text, inputs)
    passed = all(result.ok for result, _, _ in results)
    return EXIT_OK if passed or arguments.exit_zero else EXIT_FINDINGS


def outputs(given: list[str] | None, format: str) -> list[tuple[str, str | None]]:
    """Each report to write: its format and its file (``None``: standard output).

    ``FORMAT:FILE`` gives a file a format of its own, where ``FORMAT`` is one of the
    report formats; anything else is a file in ``--format``'s format (so a Windows
    drive's ``C:`` and ``notes:2021.txt`` are files).
    """
    if not given:
        return [(format, None)]
    found: list[tuple[str, str | None]] = []
    for spec in given:
        head, colon, tail = spec.partition(":")
        kind, path = (head, tail) if colon and head in FORMATS and tail else (format, spec)
        # standard output however it is named (``-``), which -qq silences
        found.append((kind, None if STANDARD_STREAMS.get(path) == "stdout" else path))
    return found


class Progress:
    """What a long run is doing, on standard error, only where a person watches it.

    Shown when standard error is a terminal and ``-q`` was not given: a CI log or a
    redirected stream never gets it. One line, rewritten in place and cleared when the
    step ends, with counts only (no names, no data).
    """

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty()

    def show(self, what: str) -> None:
        """Say what the run is doing now (``loading the dataset``)."""
        if self.enabled:
            sys.stderr.write(f"\r\x1b[K{what}…")
            sys.stderr.flush()

    def clear(self) -> None:
        """Take the line away."""
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def unread(dataset: str, fleet: Any) -> None:
    """Say on standard error which ``.csv`` files of a dataset directory were not read."""
    from ..io import HOURS_FOLDER, unread_files
    from ..report import escape_terminal

    files = unread_files(fleet)  # as its load found them: no second walk
    if not files:
        return
    shown = ", ".join(os.path.relpath(file, dataset) for file in files[:5]) + (
        f" and {len(files) - 5:,} more" if len(files) > 5 else ""
    )
    say(
        escape_terminal(
            redacted(
                f"maritime-crew: note: {dataset}: not read: {shown} (a .csv file holds work "
                f"periods only in a folder named {HOURS_FOLDER}/ or with a name starting "
                f"{HOURS_FOLDER})"
            )
        )
        + "\n"
    )


def say(text: str) -> None:
    """Timings and counts for ``-v``, on standard error (no names: counts only)."""
    sys.stderr.write(text)
    sys.stderr.flush()


def _write(path: str | None, text: str, inputs: list[str]) -> None:
    """A report to standard output, or to a file (never over the inputs)."""
    if path is None:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    else:
        write_output(path, text, inputs=inputs)


def settings(config: Any, enabled: Any, registry: Any) -> str:
    """What ``--show-settings`` prints: where the configuration came from, and what runs."""
    lines = [
        f"configuration: {config.source or 'built-in defaults'}",
        f"fail-on: {config.fail_on.value}",
        f"max-findings-per-rule: {config.max_findings_per_rule:,}",
        *([f"docs-url: {config.docs_url}"] if config.docs_url else []),
        f"rules: {len(enabled)}",
    ]
    for entry in enabled:
        rule = entry.rule
        params = ", ".join(f"{key} = {value!r}" for key, value in entry.params.items())
        line = f"  {rule.code:<8} {entry.severity.value:<8} {rule.name}"
        plugin = registry.plugin_of(rule.code)
        if plugin is not None:
            line += f"  [{plugin[0]} {plugin[1]}]"
        lines.append(line + (f"  ({params})" if params else ""))
    return "\n".join(lines)


def statistics(results: list[Any], format: str) -> str:
    """How many findings each rule found, as ``--statistics`` writes them.

    One row per rule with a finding, in code order: the unwaived findings (those past
    ``max-findings-per-rule`` counted), the waived ones, the rule's code, its severity in
    this check and its name. Several datasets' counts are added up (the severity is the
    first dataset's, where configurations differ). Nothing here comes from the data but
    counts.
    """
    from ..rules import Severity

    active: dict[str, int] = {}
    waived: dict[str, int] = {}
    severity: dict[str, Severity] = {}
    names: dict[str, str] = {}
    for result in results:
        for code, count in result.counts_by_rule().items():
            active[code] = active.get(code, 0) + count
        for finding in result.findings:
            severity.setdefault(finding.code, finding.severity)
            names.setdefault(finding.code, result.rule(finding.code).name)
            if finding.waived:
                waived[finding.code] = waived.get(finding.code, 0) + finding.stands_for
    rows = [
        (code, active.get(code, 0), waived.get(code, 0), severity[code], names[code])
        for code in sorted(set(active) | set(waived))
    ]
    if format == "json":
        return json.dumps(
            [
                {"code": c, "count": n, "waived": w, "severity": s.value, "name": name}
                for c, n, w, s, name in rows
            ],
            indent=2,
        )
    if not rows:
        return "no findings"
    width = max(len(f"{n:,}") for _, n, _, _, _ in rows)
    return "\n".join(
        f"{n:>{width},}  {c:<8} {s.value:<8} {name}" + (f"  ({w:,} waived)" if w else "")
        for c, n, w, s, name in rows
    )
