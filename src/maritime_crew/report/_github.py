"""GitHub Actions workflow commands: one annotation per finding.

A finding's severity picks the command (``error``, ``warning`` or ``notice``). A waived
finding is still shown, as a ``notice`` whose title says it is waived and whose message
names the waiver: the dispensation stays visible in the pull request, without failing
the annotation's level.
"""

from __future__ import annotations

from ..rules import Severity
from ._common import View, relative_path

__all__ = ["escape_data", "escape_property", "render"]

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A command's message, escaped as the runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command property value, escaped as the runner expects."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(view: View) -> str:
    """``::error file=…,line=…,title=CODE name::message`` lines; empty if nothing to annotate."""
    lines = []
    for finding in view.report.findings:
        properties = []
        if finding.source is not None:
            file = relative_path(finding.source.file).as_posix()
            properties.append(f"file={escape_property(file)}")
            if finding.source.line is not None:
                properties.append(f"line={finding.source.line}")
        title = f"{finding.code} {finding.name}"
        message = finding.message
        if finding.waived_by is None:
            command = _COMMANDS[finding.severity]
        else:
            command = "notice"
            title += " (waived)"
            message = f"(waived by {finding.waived_by}) {message}"
        properties.append(f"title={escape_property(title)}")
        lines.append(f"::{command} {','.join(properties)}::{escape_data(message)}")
    return "".join(f"{line}\n" for line in lines)
