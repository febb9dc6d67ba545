"""The JSON report: a documented, versioned schema (see ``docs/report-json.md``)."""

from __future__ import annotations

import json
from typing import Any

from ..rules import Finding
from ._common import TOOL_NAME, View, plain
from ._escape import escape_json

__all__ = ["SCHEMA_NAME", "SCHEMA_VERSION", "document", "render", "render_all"]

SCHEMA_NAME = "maritime-crew/report"
SCHEMA_VERSION = 1
"""Bumped only when a field is removed, renamed or changes meaning; additions keep it."""


def document(view: View) -> dict[str, Any]:
    """The report as plain data, keys in documented order."""
    report = view.report
    return {
        "schema": {"name": SCHEMA_NAME, "version": SCHEMA_VERSION},
        "tool": {"name": TOOL_NAME, "version": view.tool_version},
        "as_of": report.as_of.isoformat(),
        "dataset": view.dataset,
        "fail_on": report.fail_on.value,
        "config_files": list(view.config_files),
        "ok": report.ok,
        "summary": {
            "by_severity": report.counts_by_severity(),
            "by_rule": report.counts_by_rule(),
            "waived": report.waived_count(),
            "rules_run": len(report.rules),
        },
        "rules": [plain(rule.to_record()) for rule in report.rules],
        "findings": [_finding(view, finding) for finding in report.findings],
    }


def _finding(view: View, finding: Finding) -> dict[str, Any]:
    source = finding.source
    where = view.where(finding)
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "subject": {"kind": finding.subject.kind, "id": finding.subject.id},
        "vessel": finding.vessel,
        "crew": finding.crew,
        "message": finding.message,
        "location": None
        if source is None or where is None
        else {"file": source.file, "line": source.line, "path": where.path, "base": where.base},
        "details": plain(finding.details),
        "waived_by": finding.waived_by,
    }


def render(view: View) -> str:
    """The report as JSON text: ``indent=2``, UTF-8 characters kept, a final newline."""
    return _dumps(document(view))


def render_all(views: list[View]) -> str:
    """Several reports as one JSON array of report objects, in order."""
    return _dumps([document(view) for view in views])


def _dumps(value: Any) -> str:
    text = json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)
    return escape_json(text) + "\n"
