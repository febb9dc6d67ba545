"""The Markdown report, for a CI job summary: a verdict, counts, a table per vessel."""

from __future__ import annotations

from ..rules import Severity
from ._common import TOOL_NAME, View
from ._escape import escape_markdown as cell
from ._escape import escape_terminal

__all__ = ["render"]


def _code(text: str) -> str:
    """``text`` as an inline code span (plain escaped text if it holds a backtick)."""
    if "`" in text:
        return cell(text)
    # GitHub splits table cells on pipes even inside code spans, and renders ``\|`` as ``|``.
    # Inside a span markup is not rendered, but controls must still not reach a terminal.
    return "`" + escape_terminal(" ".join(text.split())).replace("|", "\\|") + "`"


def render(view: View, *, named: bool = False) -> str:
    """The report as GitHub-flavoured Markdown; ``named`` puts the dataset in the title."""
    report = view.report
    mark = "✅" if report.ok else "❌"
    of = f" of {_code(view.dataset)}" if named and view.dataset is not None else ""
    lines = [
        f"## {mark} {TOOL_NAME} check{of}: {view.verdict()}",
        "",
        f"{cell(view.counts_text())}.",
        "",
        "| severity | findings |",
        "| --- | ---: |",
    ]
    counts = report.counts_by_severity()
    lines.extend(f"| {level.value} | {counts[level.value]} |" for level in _levels())
    lines.append(f"| waived | {report.waived_count()} |")
    for group in view.groups():
        lines += [
            "",
            f"### {cell(group.heading)}",
            "",
            "| severity | code | subject | message | location |",
            "| --- | --- | --- | --- | --- |",
        ]
        for subject, findings in group.subjects:
            label = cell(view.subject_label(subject))
            for finding in findings:
                severity = finding.severity.value
                message = cell(finding.message)
                if finding.waived_by is not None:
                    severity = f"~~{severity}~~"
                    message = f"{message} (waived by {cell(finding.waived_by)})"
                elif view.fails(finding):
                    severity = f"**{severity}**"
                where = view.location(finding)
                location = _code(where) if where is not None else ""
                lines.append(
                    f"| {severity} | {_code(finding.code)} | {label} | {message} | {location} |"
                )
    for note in (view.dataset_text(), view.config_text()):
        if note is not None:
            lines += ["", f"{cell(note)}."]
    return "\n".join(lines) + "\n"


def _levels() -> list[Severity]:
    return sorted(Severity, reverse=True)
