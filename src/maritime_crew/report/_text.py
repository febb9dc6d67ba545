"""The text report: findings by vessel and subject, one line each, and a verdict."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from ..rules import Finding
from ._common import View
from ._escape import escape_terminal, escape_workflow_commands

__all__ = ["render"]

WIDTH = 100
"""Lines are wrapped to this many columns (an unbreakable word may run past it)."""

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_PASSED = "\x1b[1;32m"
_FAILED = "\x1b[1;31m"
_SEVERITY = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_SEVERITY_WIDTH = max(len(level) for level in _SEVERITY)


def render(view: View, *, color: bool = False, summary: bool = True, named: bool = False) -> str:
    """The report as plain text, with ANSI colour only when ``color`` is true.

    ``summary`` false leaves out the closing counts, verdict and configuration lines.
    ``named`` starts the report with a line naming its dataset (``Dataset data/fleet``).

    Data is escaped for a terminal (:func:`escape_terminal`) before it is laid out, and
    the lines are kept from reading as workflow commands after it, so the only control
    sequences in the text are the report's own colours.
    """

    def paint(text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if color else text

    report = view.report
    code_width = max((len(finding.code) for finding in report.findings), default=0)
    lines: list[str] = []
    if named and view.dataset is not None:
        lines += [paint(escape_terminal(f"Dataset {view.dataset}"), _BOLD), ""]
    for group in view.groups():
        lines.append(paint(escape_terminal(group.heading), _BOLD))
        for subject, findings in group.subjects:
            lines.extend(_wrap(escape_terminal(view.subject_label(subject)), "  ", "    "))
            for finding in findings:
                lines.extend(_finding_lines(view, finding, code_width, paint))
        lines.append("")
    if not summary:
        return escape_workflow_commands("".join(line + "\n" for line in lines[:-1]))
    verdict = view.verdict()
    style = _PASSED if report.ok else _FAILED
    lines.append(f"{escape_terminal(view.counts_text())}: {paint(verdict, style)}")
    for note in (view.dataset_text(), view.config_text()):
        if note is not None:
            lines.append(escape_terminal(note))
    return escape_workflow_commands("\n".join(lines) + "\n")


_KEEP = "\x00"


def _finding_lines(
    view: View, finding: Finding, code_width: int, paint: Callable[[str, str], str]
) -> list[str]:
    severity = finding.severity.value
    prefix = f"    {severity:<{_SEVERITY_WIDTH}}  {escape_terminal(finding.code):<{code_width}}  "
    parts = [escape_terminal(" ".join(finding.message.split()))]
    location = view.location(finding)
    if location is not None:
        parts.append(escape_terminal(location))
    if finding.waived_by is not None:
        # A non-breaking join keeps the waiver reference whole on one line.
        parts.append(f"(waived{_KEEP}by{_KEEP}{escape_terminal(finding.waived_by)})")
    wrapped = _wrap("  ".join(parts), prefix, " " * len(prefix))
    lines = [line.replace(_KEEP, " ") for line in wrapped]
    # Colour goes on after wrapping so escape codes never count toward the width.
    style = _DIM if finding.waived else _SEVERITY[severity]
    coloured = f"    {paint(severity, style)}{prefix[4 + len(severity) :]}"
    lines[0] = coloured + lines[0][len(prefix) :]
    return lines


def _wrap(text: str, first: str, rest: str) -> list[str]:
    wrapper = textwrap.TextWrapper(
        width=max(WIDTH, len(first) + 40),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return wrapper.wrap(text) or [first.rstrip()]
