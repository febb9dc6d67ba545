"""The SARIF 2.1.0 report, for code-scanning dashboards (GitHub, Azure DevOps, IDEs)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..rules import Finding, Rule, Severity
from ._common import TOOL_NAME, Place, View, checkout, dataset_directory, plain
from ._escape import escape_json

__all__ = ["FINGERPRINT", "SARIF_SCHEMA", "document", "render", "render_all"]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
"""The base that relative artifact paths resolve against: the checkout (``GITHUB_WORKSPACE``
in GitHub Actions, else the directory the check ran in), given in ``originalUriBaseIds``."""
DATASETROOT = "DATASETROOT"
"""The base of the files of a dataset that lies outside the checkout: its directory."""
BUILT_IN_RULES = "maritime_crew.rules.builtin."
"""Where the built-in rules are defined (``Rule.origin``): the rules the reference lists."""
FINGERPRINT = "maritimeCrewFinding/v1"
"""Key of the stable finding hash in ``partialFingerprints``."""

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def document(view: View) -> dict[str, Any]:
    """The report as a SARIF log with one run."""
    report = view.report
    rules = view.all_rules()
    index = {code: position for position, (code, _name, _rule) in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": view.tool_version,
                        "rules": [
                            _descriptor(code, name, rule, report.docs_url)
                            for code, name, rule in rules
                        ],
                    }
                },
                "originalUriBaseIds": _bases(view),
                "invocations": [_invocation(view)],
                "results": [
                    _result(finding, index[finding.code], view.where(finding))
                    for finding in report.findings
                ],
                "properties": {
                    "as_of": report.as_of.isoformat(),
                    "fail_on": report.fail_on.value,
                    "ok": report.ok,
                },
            }
        ],
    }


def _invocation(view: View) -> dict[str, Any]:
    """How the check ran: its exit code, and a notification for each rule that failed.

    The exit code is the check's own verdict (0 passed, 1 failed); ``--exit-zero`` does
    not change what the report says. A rule that stopped with an error has its results
    missing, so the run is not marked successful.
    """
    report = view.report
    crashed = [
        finding
        for finding in report.findings
        if finding.subject.kind == "rule" and "error" in finding.details
    ]
    return {
        "executionSuccessful": not crashed,
        "exitCode": 0 if report.ok else 1,
        "exitCodeDescription": "passed"
        if report.ok
        else f"failed (fail on {report.fail_on.value})",
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": finding.message},
                "descriptor": {"id": finding.code},
            }
            for finding in crashed
        ],
        "properties": {"configFiles": list(view.config_files)},
    }


def _bases(view: View) -> dict[str, Any]:
    """The checkout's URI, and the dataset directory's when a result is relative to it."""
    bases: dict[str, Any] = {SRCROOT: {"uri": _directory_uri(checkout())}}
    root = view.root
    if root is not None and any(
        (where := view.where(finding)) is not None and where.base == "dataset"
        for finding in view.report.findings
    ):
        bases[DATASETROOT] = {"uri": _directory_uri(dataset_directory(root))}
    return bases


def _directory_uri(directory: str) -> str:
    """A directory's ``file:`` URI, ending in ``/`` as a base URI must."""
    uri = Path(directory).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _descriptor(code: str, name: str, rule: Rule | None, docs: str | None) -> dict[str, Any]:
    """A rule's ``reportingDescriptor``.

    With ``docs``, a built-in rule's ``helpUri`` is its section of the rule reference (a
    plugin's rules are not on that page).
    """
    if rule is None:
        return {"id": code, "name": name}
    built_in = rule.origin.startswith(BUILT_IN_RULES)
    link = {"helpUri": f"{docs}/rules.html#{rule.code.lower()}"} if docs and built_in else {}
    help_parts = [
        f"Example: {rule.example}" if rule.example else "",
        f"Fix: {rule.fix}" if rule.fix else "",
    ]
    help_text = "\n\n".join(part for part in help_parts if part) or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale or rule.summary},
        "help": {"text": help_text},
        **link,
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "family": rule.family,
            "source": rule.source,
            "parameters": [plain(parameter.to_record()) for parameter in rule.parameters],
            "tags": [rule.family],
        },
    }


def _result(finding: Finding, rule_index: int, where: Place | None) -> dict[str, Any]:
    subject = {"kind": finding.subject.kind, "id": finding.subject.id}
    location: dict[str, Any] = {
        "logicalLocations": [
            {
                "name": finding.subject.id,
                "fullyQualifiedName": f"{finding.subject.kind}/{finding.subject.id}",
            }
        ]
    }
    if finding.source is not None and where is not None:
        physical: dict[str, Any] = {"artifactLocation": artifact_location(where)}
        if finding.source.line is not None and finding.source.line >= 1:
            physical["region"] = {"startLine": finding.source.line}
        location = {"physicalLocation": physical, **location}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: fingerprint(finding)},
        "properties": {
            "vessel": finding.vessel,
            "crew": finding.crew,
            "subject": subject,
            "details": plain(finding.details),
        },
    }
    if finding.waived_by is not None:
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": finding.waived_by}
        ]
    return result


def fingerprint(finding: Finding) -> str:
    """A stable hash of the rule, the subject and the message, to track a finding across runs.

    The message is the one shown, so a redacted report hashes the redacted text and
    never a name.
    """
    key = "\x1f".join((finding.code, finding.subject.kind, finding.subject.id, finding.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def artifact_location(where: Place) -> dict[str, str]:
    """A record's file as SARIF's ``artifactLocation``: a URI, and the base it is relative to.

    Inside the checkout the URI is relative to ``%SRCROOT%``; a dataset outside it has its
    files relative to ``DATASETROOT`` (its directory); anything else is a ``file:`` URI.
    """
    if where.base == "absolute":
        return {"uri": Path(where.path).as_uri()}
    base = SRCROOT if where.base == "checkout" else DATASETROOT
    return {"uri": quote(where.path), "uriBaseId": base}


def render(view: View) -> str:
    """The SARIF log as JSON text."""
    return render_all([view])


def render_all(views: list[View]) -> str:
    """One SARIF log with a run for each report, in order, as JSON text."""
    logs = [document(view) for view in views]
    log = logs[0]
    log["runs"] = [run for each in logs for run in each["runs"]]
    text = json.dumps(log, indent=2, ensure_ascii=False, allow_nan=False)
    return escape_json(text) + "\n"
