"""``maritime-crew register`` and ``maritime-crew history``: the SEMS register (issue 5)."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import TYPE_CHECKING, Any

from ._common import (
    EXIT_OK,
    as_of_date,
    check_id,
    emit,
    load_dataset,
    markdown_row,
    today_in_london,
)

if TYPE_CHECKING:
    import pendulum

    from ..documents import History, Register, RegisterEntry, VersionEntry

WIDTH = 100
_KINDS = ("policy", "procedure", "guidance", "sop", "risk-assessment")


def add_parsers(commands: Any) -> None:
    """Add the ``register`` and ``history`` commands."""
    register = commands.add_parser(
        "register",
        help="the SEMS register: version in force, review due and open debrief actions",
        description="List every controlled document with its kind, owner, the version in "
        "force on a date (when it took effect and who approved it), the next review date "
        "and whether it is overdue, and the debrief actions against it still open. Exit "
        "code 0 on success; 2 for bad input or an unknown owner or vessel.",
    )
    register.add_argument("path", metavar="PATH", help="dataset file or directory")
    register.add_argument(
        "--as-of",
        type=as_of_date,
        metavar="DATE",
        help="date to look at, YYYY-MM-DD (default: today in Europe/London)",
    )
    register.add_argument("--kind", choices=_KINDS, help="only documents of this kind")
    register.add_argument("--owner", metavar="O", help="only documents of this owner (post)")
    register.add_argument(
        "--vessel", metavar="V", help="only documents that apply to this vessel (or fleet-wide)"
    )
    register.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="output format (default: text)",
    )
    register.add_argument(
        "--redact",
        action="store_true",
        help="show staff numbers instead of names: in owners, approvals, titles and actions",
    )
    register.set_defaults(run=run_register)
    history = commands.add_parser(
        "history",
        help="a document's versions, supersession and the debrief findings they addressed",
        description="Show every version of a controlled document, oldest first: its status "
        "on the date (from its dates) and the status recorded, approval, the days it was in "
        "force, what it supersedes, its change summary and the debrief findings it "
        "addressed. Without --as-of, the whole history, once every date it records has "
        "come. Exit code 0 on success; 2 for bad input or an unknown document.",
    )
    history.add_argument("path", metavar="PATH", help="dataset file or directory")
    history.add_argument("document", metavar="DOCUMENT", help="document id, e.g. SOP-BRD-01")
    history.add_argument(
        "--as-of",
        type=as_of_date,
        metavar="DATE",
        help="tell the history as of this date, YYYY-MM-DD: nothing after it counts "
        "(default: the whole history)",
    )
    history.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    history.add_argument(
        "--redact",
        action="store_true",
        help="show staff numbers instead of names: in approvals, summaries and findings",
    )
    history.set_defaults(run=run_history)


def run_register(arguments: argparse.Namespace) -> int:
    """Load the dataset and print its register on the date."""
    from ..documents import register

    fleet = load_dataset(arguments)
    check_id("owner", arguments.owner, sorted({d.owner for d in fleet.documents}))
    check_id("vessel", arguments.vessel, [v.id for v in fleet.vessels])
    table = register(
        fleet,
        arguments.as_of or today_in_london(),
        kind=arguments.kind,
        owner=arguments.owner,
        vessel=arguments.vessel,
    )
    if arguments.format == "json":
        filters = {"kind": arguments.kind, "owner": arguments.owner, "vessel": arguments.vessel}
        payload = {
            "as_of": table.as_of.isoformat(),
            "filters": filters,
            "documents": table.to_records(),
        }
        emit(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", "json")
    elif arguments.format == "markdown":
        emit(_register_markdown(table), "markdown")
    else:
        emit(_register_text(table))
    return EXIT_OK


def run_history(arguments: argparse.Namespace) -> int:
    """Load the dataset and print one document's history."""
    from ..documents import history

    fleet = load_dataset(arguments)
    check_id("document", arguments.document, [d.id for d in fleet.documents])
    audit = history(fleet, arguments.document, arguments.as_of)
    if arguments.format == "json":
        payload = {
            "as_of": audit.as_of.isoformat() if audit.as_of is not None else None,
            "document": audit.document,
            "title": audit.title,
            "kind": audit.kind.value,
            "owner": audit.owner,
            "versions": audit.to_records(),
            "reviews": [day.isoformat() for day in audit.reviews],
        }
        emit(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", "json")
    else:
        emit(_history_text(audit))
    return EXIT_OK


def _wrap(label: str, text: str) -> str:
    lines = textwrap.wrap(
        text,
        WIDTH,
        initial_indent=f"  {label:<10}",
        subsequent_indent=" " * 12,
        break_on_hyphens=False,
    )
    return "\n".join(lines) + "\n"


def _approval(by: str | None, on: pendulum.Date | None) -> str:
    if by is None and on is None:
        return "no recorded approval"
    return "approved" + (f" by {by}" if by else "") + (f" on {on}" if on else "")


def _in_force(entry: RegisterEntry) -> str:
    if entry.version is None:
        return "no version in force"
    approval = _approval(entry.approved_by, entry.approved_on)
    return f"{entry.version}, effective {entry.effective}, {approval}"


def _review(entry: RegisterEntry) -> str:
    if entry.review_due is None:
        return "none due (no version in force)"
    state = f"OVERDUE by {entry.days_overdue} days" if entry.overdue else "not overdue"
    return (
        f"due {entry.review_due}, {state} (last reviewed {entry.last_reviewed}, "
        f"interval {entry.review_interval})"
    )


def _actions(entry: RegisterEntry) -> str:
    return "; ".join(
        f"{a.finding} {a.state.value}, due {a.due or 'not set'}: {a.summary}"
        for a in entry.open_actions
    )


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _register_text(table: Register) -> str:
    actions = sum(len(e.open_actions) for e in table.entries)
    out = [
        f"SEMS register as of {table.as_of}: {_count(len(table.entries), 'document')}, "
        f"{_count(len(table.overdue), 'review')} overdue, "
        f"{_count(actions, 'open debrief action')}\n"
    ]
    for entry in table.entries:
        applies = ", ".join(entry.vessels) if entry.vessels else "fleet-wide"
        heading = (
            f"{entry.document} {entry.title} ({entry.kind.value}; owner {entry.owner}; {applies})"
        )
        out.append("\n" + textwrap.fill(heading, WIDTH, subsequent_indent="  ") + "\n")
        out.append(_wrap("in force", _in_force(entry)))
        out.append(_wrap("review", _review(entry)))
        if entry.open_actions:
            out.append(_wrap("actions", _actions(entry)))
    return "".join(out)


def _register_markdown(table: Register) -> str:
    header = ["Document", "Kind", "Owner", "Version", "Effective", "Approved by"]
    header += ["Approved on", "Review due", "Overdue", "Open actions"]
    out = [f"## SEMS register as of {table.as_of}\n\n", markdown_row(header)]
    out.append(markdown_row(["---"] * len(header)))
    for e in table.entries:
        out.append(
            markdown_row(
                [
                    e.document,
                    e.kind.value,
                    e.owner,
                    e.version or "none",
                    str(e.effective or ""),
                    e.approved_by or "",
                    str(e.approved_on or ""),
                    str(e.review_due or ""),
                    f"yes ({e.days_overdue} days)" if e.overdue else "no",
                    ", ".join(f"{a.finding} ({a.state.value})" for a in e.open_actions),
                ]
            )
        )
    return "".join(out)


def _span(version: VersionEntry) -> str:
    if version.in_force_from is None:
        if version.status.value != "withdrawn":
            return "not in force"
        return f"withdrawn from {version.withdrawn}" if version.withdrawn else "withdrawn"
    until = f"to {version.in_force_until}" if version.in_force_until else "onwards"
    return f"in force {version.in_force_from} {until}"


def _history_text(audit: History) -> str:
    out = [f"{audit.document} {audit.title} ({audit.kind.value}; owner {audit.owner})\n"]
    if audit.as_of is not None:
        out.append(f"as of {audit.as_of}\n")
    for version in audit.versions:
        status = version.status.value
        if version.recorded_status is not version.status:
            status += f" (recorded as {version.recorded_status.value})"
        out.append(f"\n{version.label} {status}, {_span(version)}\n")
        links = [_approval(version.approved_by, version.approved_on)]
        if version.supersedes:
            links.append(f"supersedes {version.supersedes}")
        if version.superseded_by:
            links.append(f"superseded by {version.superseded_by}")
        out.append(_wrap("record", "; ".join(links)))
        if version.summary:
            out.append(_wrap("changes", version.summary))
        for item in version.addresses:
            where = (
                f" (debrief {item.debrief} of {item.found}, due {item.due or 'not set'})"
                if item.debrief
                else " (no debrief records it)"
            )
            out.append(_wrap("addresses", f"{item.finding}{where}: {item.summary or ''}".rstrip()))
    if audit.reviews:
        out.append("\nReviews with no new version: ")
        out.append(", ".join(str(day) for day in audit.reviews) + "\n")
    return "".join(out)
