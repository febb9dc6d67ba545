"""Running the enabled rules over a fleet as of a date."""

from __future__ import annotations

import datetime

import attrs
import pendulum

from ..model import Fleet, Subject
from ..model._dates import as_date
from ._config import Config, EnabledRule
from ._finding import Finding
from ._report import Report
from ._rule import Context, Registry, default_registry

__all__ = ["as_date", "check"]


def check(
    fleet: Fleet,
    as_of: pendulum.Date | datetime.date | str,
    config: Config | None = None,
    *,
    registry: Registry | None = None,
) -> Report:
    """Run every enabled rule over ``fleet`` as of a date and return the report.

    ``config`` selects rules, overrides severities and sets parameters (see
    :class:`Config`); without it every registered rule runs at its defaults. Findings
    covered by a waiver in force on ``as_of`` are marked as waived.
    """
    day = as_date(as_of)
    config = config or Config()
    registry = registry or default_registry()
    enabled = config.resolve(registry)
    findings: list[Finding] = []
    for entry in enabled:
        if not entry.rule.needs_findings:
            findings.extend(
                _run(entry, Context(day, entry.params, entry.rule, entry.severity, fleet))
            )
    findings = _apply_waivers(fleet, findings, day)
    catalogue = registry.rules()
    ran = tuple(entry.rule for entry in enabled if not entry.rule.needs_findings)
    for entry in enabled:
        if entry.rule.needs_findings:
            context = Context(
                day,
                entry.params,
                entry.rule,
                entry.severity,
                fleet,
                findings=tuple(findings),
                catalogue=catalogue,
                ran=ran,
            )
            findings.extend(_apply_waivers(fleet, list(_run(entry, context)), day))
    findings.sort(key=Finding.sort_key)
    return Report(
        as_of=day,
        findings=tuple(findings),
        rules=tuple(entry.rule for entry in enabled),
        fail_on=config.fail_on,
    )


def _run(entry: EnabledRule, context: Context) -> list[Finding]:
    """The rule's findings; a rule that crashes is reported at its own severity, never raised."""
    found = _attempt(entry, context)
    return found if isinstance(found, list) else _crashed(entry, context, found)


def _attempt(entry: EnabledRule, context: Context) -> list[Finding] | Exception:
    """The rule's findings, or the exception it raised."""
    try:
        return list(entry.rule.check(context.fleet, context))
    except Exception as exc:  # a rule must never take the whole check down
        return exc


def _crashed(entry: EnabledRule, context: Context, error: Exception) -> list[Finding]:
    """The one finding that stands for a rule that raised ``error``."""
    return [
        context.finding(
            Subject("rule", entry.rule.code),
            f"rule {entry.rule.code} ({entry.rule.name}) stopped with an error and its "
            f"results are missing: {type(error).__name__}: {error}",
            details={"error": type(error).__name__, "reason": str(error)},
        )
    ]


def _apply_waivers(fleet: Fleet, findings: list[Finding], as_of: pendulum.Date) -> list[Finding]:
    in_force = [waiver for waiver in fleet.waivers if waiver.in_force_on(as_of)]
    if not in_force:
        return findings
    by_subject: dict[tuple[str, str, str], str] = {}
    for waiver in in_force:
        by_subject.setdefault((waiver.rule, waiver.subject.kind, waiver.subject.id), waiver.id)
    result = []
    for finding in findings:
        key = (finding.subject.kind, finding.subject.id)
        waiver_id = by_subject.get((finding.code, *key)) or by_subject.get((finding.name, *key))
        result.append(attrs.evolve(finding, waived_by=waiver_id) if waiver_id else finding)
    return result
