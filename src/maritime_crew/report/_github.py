"""GitHub Actions workflow commands: one annotation per finding that is not waived."""

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
    for finding in view.report.active:
        properties = []
        if finding.source is not None:
            file = relative_path(finding.source.file).as_posix()
            properties.append(f"file={escape_property(file)}")
            if finding.source.line is not None:
                properties.append(f"line={finding.source.line}")
        properties.append(f"title={escape_property(f'{finding.code} {finding.name}')}")
        command = _COMMANDS[finding.severity]
        lines.append(f"::{command} {','.join(properties)}::{escape_data(finding.message)}")
    return "".join(f"{line}\n" for line in lines)
