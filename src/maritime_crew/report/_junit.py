"""The JUnit XML report: one test suite per rule, one test case per finding.

CI systems (GitLab, Jenkins, Azure Pipelines, GitHub test-report actions) show JUnit
XML as test results, so a rule reads as a suite and each finding as a test: failed
when it fails the check, skipped when waived, passed (with the finding in
``system-out``) when below the fail level. A rule without findings is one passing test.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..rules import Finding
from ._common import TOOL_NAME, View
from ._escape import escape_xml

__all__ = ["render"]

# XML 1.0 cannot carry these characters at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(view: View) -> str:
    """The report as a JUnit XML document."""
    return render_all([view])


def render_all(views: list[View]) -> str:
    """The reports of several datasets as one JUnit XML document.

    With more than one, each suite's name starts with its dataset; a suite's properties
    name its dataset whenever it is known.
    """
    root = ET.Element("testsuites", name=TOOL_NAME)
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for view in views:
        counts = _suites(root, view, named=len(views) > 1)
        for key in totals:
            totals[key] += counts[key]
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    root.set("skipped", str(totals["skipped"]))
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{escape_xml(text)}\n'


def _suites(root: ET.Element, view: View, *, named: bool) -> dict[str, int]:
    """A suite per rule of one report, under ``root``; the counts of their tests."""
    report = view.report
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    by_rule = view.by_rule()
    prefix = f"{view.dataset} " if named and view.dataset is not None else ""
    for code, name, _rule in view.all_rules():
        suite = ET.SubElement(root, "testsuite", name=_clean(f"{prefix}{code} {name}"))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        properties = ET.SubElement(suite, "properties")
        for key, value in (
            *((("dataset", view.dataset),) if view.dataset is not None else ()),
            ("as_of", report.as_of.isoformat()),
            ("fail_on", report.fail_on.value),
            ("tool_version", view.tool_version),
            *(("config_file", path) for path in view.config_files),
        ):
            ET.SubElement(properties, "property", name=key, value=_clean(value))
        findings = by_rule.get(code, ())
        for finding in findings:
            counts["tests"] += 1
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_clean(finding.vessel or "fleet"),
                name=_clean(view.subject_label(finding.subject)),
            )
            if finding.waived:
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=_clean(f"waived by {finding.waived_by}"))
            elif view.fails(finding):
                counts["failures"] += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=_clean(finding.message),
                    type=finding.severity.value,
                )
                failure.text = _clean(_body(view, finding))
            else:
                ET.SubElement(case, "system-out").text = _clean(_body(view, finding))
        if not findings:
            counts["tests"] += 1
            ET.SubElement(suite, "testcase", classname="fleet", name=_clean(f"{code} {name}"))
        suite.set("tests", str(counts["tests"]))
        suite.set("failures", str(counts["failures"]))
        suite.set("errors", "0")
        suite.set("skipped", str(counts["skipped"]))
        for key in totals:
            totals[key] += counts[key]
    return totals


def _body(view: View, finding: Finding) -> str:
    """The finding in full, as a failure's or a passing test's text."""
    lines = [
        f"{finding.severity.value} {finding.code} {finding.name}",
        f"subject: {view.subject_label(finding.subject)}",
    ]
    if finding.vessel is not None:
        lines.append(f"vessel: {view.vessel_heading(finding.vessel)}")
    if finding.crew is not None:
        lines.append(f"crew: {finding.crew}")
    location = view.location(finding)
    if location is not None:
        lines.append(f"location: {location}")
    lines.append(finding.message)
    return "\n".join(lines)
