"""Reports of a check, in the formats people and CI systems read.

``render(report, fleet, format)`` turns a :class:`~maritime_crew.rules.Report` into
text: ``text`` for a terminal, ``json`` (a versioned schema, see the JSON report page),
``junit`` and ``sarif`` for CI dashboards, ``markdown`` for a job summary, and
``github`` for workflow-command annotations. ``redact=True`` keeps every person's name
out of the output, showing staff numbers instead; :class:`Redactor` does the same for
any text or value, and the command line applies it to everything it writes.

Each format lives in its own module, imported only when used, so that importing this
package stays cheap. The escaping every format and command uses, one function per kind of
output (terminal, GitHub workflow command, Markdown, CSV, JSON, XML), is public too, for
a program that writes data of a dataset itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._version import __version__
from ._escape import (
    escape_csv,
    escape_github_data,
    escape_github_property,
    escape_json,
    escape_markdown,
    escape_terminal,
    escape_workflow_commands,
    escape_xml,
)
from ._redactor import Redactor

if TYPE_CHECKING:
    from ..model import Fleet
    from ..rules import Report

__all__ = [
    "FORMATS",
    "Redactor",
    "escape_csv",
    "escape_github_data",
    "escape_github_property",
    "escape_json",
    "escape_markdown",
    "escape_terminal",
    "escape_workflow_commands",
    "escape_xml",
    "render",
]

FORMATS = ("text", "json", "junit", "markdown", "sarif", "github")
"""Names of the report formats, the default first."""


def render(
    report: Report,
    fleet: Fleet,
    format: str = "text",
    *,
    redact: bool = False,
    color: bool = False,
    tool_version: str = __version__,
    summary: bool = True,
) -> str:
    """The report in ``format``, as text ending in a newline (empty if nothing to say).

    ``fleet`` gives names for vessels, crews and people. With ``redact`` no person's
    name appears: subjects show staff numbers, and names in messages and details are
    replaced by staff numbers. ``color`` adds ANSI colour to the ``text`` format only.
    ``tool_version`` is the version the JSON and SARIF reports name. ``summary`` false
    leaves the ``text`` format's closing counts and verdict out (``check -q``).

    Raises :class:`ValueError` for a format not in :data:`FORMATS`.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown report format {format!r}: expected one of {', '.join(FORMATS)}")
    from ._common import View

    view = View(report, fleet, redact=redact, tool_version=tool_version)
    if format == "text":
        from . import _text

        return _text.render(view, color=color, summary=summary)
    if format == "json":
        from . import _json

        return _json.render(view)
    if format == "junit":
        from . import _junit

        return _junit.render(view)
    if format == "markdown":
        from . import _markdown

        return _markdown.render(view)
    if format == "sarif":
        from . import _sarif

        return _sarif.render(view)
    from . import _github

    return _github.render(view)
