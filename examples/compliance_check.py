"""A scheduled compliance job: check a dataset, summarise it per vessel, list the actions.

This is what a nightly job (cron, CI) built on ``maritime_crew`` looks like. It loads a
dataset, runs every enabled rule as of a date (honouring the dataset's
``maritime-crew.toml`` or ``[tool.maritime-crew]`` configuration, like
``maritime-crew check``), and then acts on the findings:

- a per-vessel count of errors, warnings and waived findings, under the totals;
- the actions for every error, grouped by rule with the rule's fix text;
- what does not fail the job: the findings covered by a waiver (dispensation) in force,
  and the warnings counted by rule;
- optionally a machine-readable report (``--sarif FILE``, ``--json FILE``) for a
  code-scanning dashboard or another tool;
- exit code 1 when there are errors, 0 when there are none, and 2 for bad input.

Run it from anywhere; with no arguments it checks the bundled example fleet as of its
reference date, 31 March 2021 (whose planted problems make it exit 1)::

    python examples/compliance_check.py
    python examples/compliance_check.py path/to/dataset --as-of 2021-06-30 --sarif out.sarif

People are shown by staff number only.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import _cli

import maritime_crew as mc
from maritime_crew.report import render
from maritime_crew.rules import RegistrationError


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _cli.parser(
        __file__,
        "Check a crew dataset as of a date, summarise per vessel and list the "
        "actions. Exit code 0: no errors; 1: errors; 2: bad input.",
        "date to check as of",
    )
    parser.add_argument(
        "--sarif", type=Path, metavar="FILE", help="also write a SARIF 2.1.0 report"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write a JSON report")
    parser.add_argument(
        "--redact", action="store_true", help="keep people's names out of the report files"
    )
    return parser.parse_args(argv)


def place(fleet: mc.model.Fleet, finding: mc.rules.Finding) -> str:
    """Where a finding belongs, for a reader: its crew's name, else its vessel's."""
    crew = fleet.crew(finding.crew) if finding.crew else None
    if crew is not None:
        return crew.name
    vessel = fleet.vessel(finding.vessel) if finding.vessel else None
    return vessel.name if vessel is not None else "fleet-wide"


def vessel_table(fleet: mc.model.Fleet, report: mc.rules.Report) -> list[str]:
    """One row per vessel (and one for fleet-wide findings): errors, warnings, info, waived."""
    counts: dict[str | None, Counter[str]] = {vessel.id: Counter() for vessel in fleet.vessels}
    for finding in report.findings:
        key = "waived" if finding.waived else finding.severity.value
        counts.setdefault(finding.vessel, Counter())[key] += 1
    names = {vessel.id: vessel.name for vessel in fleet.vessels}
    width = max([len("fleet-wide"), *(len(name) for name in names.values())])
    lines = [f"  {'vessel':<{width}}  errors  warnings  info  waived"]
    for vessel_id, count in counts.items():
        label = names.get(vessel_id, vessel_id) if vessel_id is not None else "fleet-wide"
        lines.append(
            f"  {label:<{width}}  {count['error']:>6}  {count['warning']:>8}"
            f"  {count['info']:>4}  {count['waived']:>6}"
        )
    return lines


def actions(fleet: mc.model.Fleet, report: mc.rules.Report) -> list[str]:
    """The errors to act on, grouped by rule, each rule with its fix."""
    rules = {rule.code: rule for rule in report.rules}
    by_rule: dict[str, list[mc.rules.Finding]] = {}
    for finding in report.active:
        if finding.severity is mc.rules.Severity.ERROR:
            by_rule.setdefault(finding.code, []).append(finding)
    lines = []
    for code in sorted(by_rule):
        rule = rules.get(code)
        fix = rule.fix if rule is not None and rule.fix else "see `maritime-crew explain`"
        lines.append(f"  {code} {by_rule[code][0].name}. Fix: {fix}")
        for finding in by_rule[code]:
            subject = f"{finding.subject.kind.replace('_', ' ')} {finding.subject.id}"
            lines.append(f"    - {subject} ({place(fleet, finding)}): {finding.message}")
    return lines


def waived(fleet: mc.model.Fleet, report: mc.rules.Report) -> list[str]:
    """Findings a waiver in force covers: listed, but they do not fail the job."""
    lines = []
    for finding in report.waived:
        waiver = fleet.waiver(finding.waived_by) if finding.waived_by else None
        until = f" until {waiver.expires}" if waiver is not None and waiver.expires else ""
        reason = f": {waiver.reason}" if waiver is not None and waiver.reason else ""
        lines.append(
            f"  {finding.code} {finding.subject.kind.replace('_', ' ')} {finding.subject.id}, "
            f"waived by {finding.waived_by}{until}{reason}"
        )
    return lines


def write_report(
    report: mc.rules.Report, fleet: mc.model.Fleet, format: str, path: Path, redact: bool
) -> str | None:
    """Write a report file; an error message if it cannot be written."""
    try:
        path.write_text(render(report, fleet, format, redact=redact), encoding="utf-8")
    except OSError as exc:
        return f"cannot write the {format} report to {path}: {exc.strerror or exc}"
    return None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        fleet, config = _cli.load_configured(args.path)
        report = mc.check(fleet, args.as_of, config)
    except (_cli.BadInput, mc.rules.ConfigError, RegistrationError) as problem:  # plugins too
        return _cli.fail(__file__, str(problem))

    # Write the report files first: if one cannot be written, the job stops with exit 2.
    written = [(f, path) for f, path in (("sarif", args.sarif), ("json", args.json)) if path]
    for format, path in written:
        cannot = write_report(report, fleet, format, path, args.redact)
        if cannot is not None:
            return _cli.fail(__file__, cannot)

    counts = report.counts_by_severity()
    print(
        f"Compliance check of {args.path.name} as of {report.as_of} ({len(report.rules)} rules): "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info, "
        f"{len(report.waived)} waived"
    )
    print("\n".join(vessel_table(fleet, report)))
    errors = actions(fleet, report)
    if errors:
        print()
        print("Actions for errors, by rule:")
        print("\n".join(errors))
    # Waived findings and warnings do not fail the job: one block, after the actions.
    dispensed = waived(fleet, report)
    warnings = Counter(f.code for f in report.active if f.severity is mc.rules.Severity.WARNING)
    if dispensed or warnings:
        print()
    if dispensed:
        print("Waived (a dispensation is in force):")
        print("\n".join(dispensed))
    if warnings:
        listed = ", ".join(
            f"{code} x{n}" if n > 1 else code for code, n in sorted(warnings.items())
        )
        print(f"Warnings to plan for: {listed}.")

    for format, path in written:
        print(f"Wrote the {format.upper()} report ({len(report.findings)} findings) to {path}.")

    print()
    if report.ok:
        print(f"PASSED: nothing at or above {report.fail_on.value}.")
        return 0
    print(f"FAILED: {len(report.failing)} findings at or above {report.fail_on.value}.")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
