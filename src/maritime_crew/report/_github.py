"""GitHub Actions workflow commands: one annotation per finding.

A finding's severity picks the command (``error``, ``warning`` or ``notice``). A waived
finding is still shown, as a ``notice`` whose title says it is waived and whose message
names the waiver: the dispensation stays visible in the pull request, without failing
the annotation's level.
"""

from __future__ import annotations

from ..rules import Severity
from ._common import View
from ._escape import escape_github_data as escape_data
from ._escape import escape_github_property as escape_property

__all__ = ["escape_data", "escape_property", "render"]

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(view: View) -> str:
    """``::error file=…,line=…,title=CODE name::message`` lines; empty if nothing to annotate.

    A check that used a configuration file ends with a ``::notice`` naming it.
    """
    lines = []
    for finding in view.report.findings:
        properties = []
        where = view.where(finding)
        if where is not None and finding.source is not None:
            properties.append(f"file={escape_property(where.path)}")
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
    config = view.config_text()
    if config is not None:  # a check a file changed is never taken for one at the defaults
        lines.append(f"::notice title=maritime-crew configuration::{escape_data(config)}")
    return "".join(f"{line}\n" for line in lines)
