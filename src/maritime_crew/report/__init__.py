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

from collections.abc import Sequence
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
    "render_all",
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
    root: str | None = None,
) -> str:
    """The report in ``format``, as text ending in a newline (empty if nothing to say).

    ``fleet`` gives names for vessels, crews and people. With ``redact`` no person's
    name appears: subjects show staff numbers, and names in messages and details are
    replaced by staff numbers. ``color`` adds ANSI colour to the ``text`` format only.
    ``tool_version`` is the version the JSON and SARIF reports name. ``summary`` false
    leaves the ``text`` format's closing counts and verdict out (``check -q``).

    ``root`` is the dataset as it was loaded (a file or a directory). Files are shown
    relative to the checkout (``GITHUB_WORKSPACE``, else the working directory) when
    they lie inside it, else relative to ``root``'s directory, which the report then
    names; a shown path never starts with ``..``.

    Raises :class:`ValueError` for a format not in :data:`FORMATS`.
    """
    return render_all(
        [(report, fleet, root)],
        format,
        redact=redact,
        color=color,
        tool_version=tool_version,
        summary=summary,
    )


def render_all(
    checks: Sequence[tuple[Report, Fleet, str | None]],
    format: str = "text",
    *,
    redact: bool = False,
    color: bool = False,
    tool_version: str = __version__,
    summary: bool = True,
) -> str:
    """The reports of several datasets as one document in ``format``.

    ``checks`` holds each report with its fleet and its dataset's path (as for
    :func:`render`), in the order to show them. One check gives exactly what
    :func:`render` gives. With several, each keeps its own findings, configuration and
    verdict: ``text`` and ``markdown`` give one report after another, each naming its
    dataset; ``github`` gives every annotation; ``json`` gives a JSON array of the
    report objects; ``sarif`` gives one log with a run per dataset; ``junit`` gives one
    document whose suite names start with their dataset.

    Raises :class:`ValueError` for a format not in :data:`FORMATS`.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown report format {format!r}: expected one of {', '.join(FORMATS)}")
    from ._common import View

    views = [
        View(report, fleet, redact=redact, tool_version=tool_version, root=root)
        for report, fleet, root in checks
    ]
    named = len(views) > 1
    if format == "text":
        from . import _text

        return "\n".join(
            _text.render(view, color=color, summary=summary, named=named) for view in views
        )
    if format == "json":
        from . import _json

        return _json.render_all(views) if named else _json.render(views[0])
    if format == "junit":
        from . import _junit

        return _junit.render_all(views)
    if format == "markdown":
        from . import _markdown

        return "\n".join(_markdown.render(view, named=named) for view in views)
    if format == "sarif":
        from . import _sarif

        return _sarif.render_all(views)
    from . import _github

    return "".join(_github.render(view) for view in views)
