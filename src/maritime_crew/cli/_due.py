"""``maritime-crew due``: what falls due in the next days (issue 5)."""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ._common import (
    EXIT_OK,
    as_of_date,
    check_id,
    csv_table,
    emit,
    load_dataset,
    markdown_row,
    markdown_text,
    today_in_london,
    within_option,
)

if TYPE_CHECKING:
    from ..forecast import DueItem, Forecast
    from ..model import Fleet

WIDTH = 100
_COLUMNS = ("date", "days", "kind", "subject_kind", "subject_id", "vessel", "crew", "person")


def add_parsers(commands: Any) -> None:
    """Add the ``due`` command."""
    due = commands.add_parser(
        "due",
        help="what falls due next: expiries, services, reviews, actions, terms dates",
        description="List every dated obligation that falls due from the as-of date to "
        "--within days after it (both included), by date: certificate and training "
        "expiries, equipment services, shelf-life ends and marked dates, document reviews, "
        "open debrief actions, and terms consultation close and effective dates.",
    )
    due.add_argument("path", metavar="PATH", help="dataset file or directory")
    due.add_argument(
        "--within",
        default="90d",
        metavar="PERIOD",
        help="how far ahead: days (90 or 90d) or a period (P90D, P3M); default 90d",
    )
    due.add_argument(
        "--as-of",
        type=as_of_date,
        metavar="DATE",
        help="date to look from, YYYY-MM-DD (default: today in Europe/London)",
    )
    scope = due.add_mutually_exclusive_group()
    scope.add_argument("--vessel", metavar="V", help="only items of this vessel")
    scope.add_argument("--crew", metavar="C", help="only items of this crew")
    due.add_argument(
        "--include-unissued",
        action="store_true",
        help="also forecast equipment in store, not only items issued to someone",
    )
    due.add_argument(
        "--format",
        choices=("text", "json", "csv", "markdown"),
        default="text",
        help="output format (default: text)",
    )
    due.add_argument("--redact", action="store_true", help="show staff numbers instead of names")
    due.set_defaults(run=run_due)


def _namer(fleet: Fleet, redact: bool) -> Callable[[str | None], str]:
    def name(person_id: str | None) -> str:
        if person_id is None:
            return ""
        found = fleet.person(person_id)
        if redact or found is None:
            return person_id
        return f"{person_id} {found.name}"

    return name


def run_due(arguments: argparse.Namespace) -> int:
    """Print what falls due in the window."""
    from ..forecast import forecast

    within = within_option(arguments.within)
    fleet = load_dataset(arguments)
    check_id("vessel", arguments.vessel, [v.id for v in fleet.vessels])
    check_id("crew", arguments.crew, [c.id for c in fleet.crews])
    as_of = arguments.as_of or today_in_london()
    result = forecast(
        fleet,
        as_of,
        within,
        vessel=arguments.vessel,
        crew=arguments.crew,
        include_unissued=arguments.include_unissued,
    )
    name = _namer(fleet, arguments.redact)
    render = {"text": _text, "json": _json, "csv": _csv}.get(arguments.format, _markdown)
    emit(render(result, name), arguments.format)
    return EXIT_OK


def _scope(result: Forecast) -> str:
    if result.crew is not None:
        return f"crew {result.crew}"
    if result.vessel is not None:
        return f"vessel {result.vessel}"
    return "the fleet"


def _where(item: DueItem, name: Callable[[str | None], str]) -> str:
    if item.person is not None:
        return f"{name(item.person)} ({item.crew or 'no crew'})"
    if item.crew is not None:
        return f"{item.vessel or 'no vessel'}, crew {item.crew}"
    if item.vessels:
        return ", ".join(item.vessels)
    return "fleet-wide"


def _text(result: Forecast, name: Callable[[str | None], str]) -> str:
    count = len(result.items)
    out = [
        f"Due for {_scope(result)} from {result.as_of} to {result.until} "
        f"({result.days} days, {result.within}): {count} item{'' if count == 1 else 's'}\n"
    ]
    if not result.items:
        out.append("\nNothing falls due in the window.\n")
    for date, items in result.by_date():
        days = items[0].days
        when = "today" if days == 0 else f"in {days} day{'' if days == 1 else 's'}"
        out.append(f"\n{date} ({when})\n")
        for item in items:
            head = f"  {item.kind.value:<20} {_where(item, name)}: {item.description}"
            out.append(
                textwrap.fill(head, width=WIDTH, subsequent_indent=" " * 6, break_on_hyphens=False)
                + "\n"
            )
    return "".join(out)


def _record(item: DueItem, name: Callable[[str | None], str]) -> dict[str, Any]:
    record = item.to_record()
    record["label"] = name(item.person) or None
    return record


def _json(result: Forecast, name: Callable[[str | None], str]) -> str:
    payload = {
        "as_of": result.as_of.isoformat(),
        "until": result.until.isoformat(),
        "within": str(result.within),
        "vessel": result.vessel,
        "crew": result.crew,
        "include_unissued": result.include_unissued,
        "items": [_record(item, name) for item in result.items],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _csv(result: Forecast, name: Callable[[str | None], str]) -> str:
    """One row per item; the days are a number, every other cell text (escaped)."""
    rows: list[Sequence[object]] = [[*_COLUMNS, "label", "vessels", "description"]]
    for item in result.items:
        record = item.to_record()
        values = ["" if record[column] is None else record[column] for column in _COLUMNS]
        values += [name(item.person), ";".join(item.vessels), item.description]
        rows.append(values)
    return csv_table(rows)


def _markdown(result: Forecast, name: Callable[[str | None], str]) -> str:
    scope = markdown_text(_scope(result))
    out = [
        f"## Due for {scope} from {result.as_of} to {result.until}\n\n",
        markdown_row(["Date", "Days", "Kind", "Subject", "Who or where", "Description"]),
        markdown_row(["---"] * 6),
    ]
    for item in result.items:
        cells = [item.date.isoformat(), str(item.days), item.kind.value, str(item.subject)]
        out.append(markdown_row([*cells, _where(item, name), item.description]))
    return "".join(out)
