"""``maritime-crew terms``: terms and conditions sets, their lifecycle and who is on them."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._common import (
    EXIT_OK,
    as_of_date,
    check_id,
    emit,
    load_dataset,
    markdown_row,
    markdown_text,
    today_in_london,
)

if TYPE_CHECKING:
    import pendulum

    from ..model import Fleet, TermsAndConditions


def add_parsers(commands: Any) -> None:
    """Add the ``terms`` command."""
    terms = commands.add_parser(
        "terms",
        help="terms and conditions sets: lifecycle, consultation and who is on them",
        description="Without SET, list every terms and conditions set with its stage on a "
        "date (worked out from its dates), its effective and superseded dates, the "
        "business year it was planned for and how many people in service it applied to. "
        "With SET, show its lifecycle step by step, its consultation (window, responses by "
        "theme, the share answered), working pattern, rest profile, allowances and leave. "
        "With --person, say which set applied to that person on the date and why. Exit "
        "code 0 on success; 2 for bad input or an unknown set or person.",
    )
    terms.add_argument("path", metavar="PATH", help="dataset file or directory")
    terms.add_argument("set", metavar="SET", nargs="?", help="terms set id, e.g. tc-2021")
    terms.add_argument(
        "--as-of",
        type=as_of_date,
        metavar="DATE",
        help="date to look at, YYYY-MM-DD (default: today in Europe/London)",
    )
    terms.add_argument("--person", metavar="ID", help="staff number: which set applied, and why")
    terms.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="output format (default: text)",
    )
    terms.add_argument(
        "--redact",
        action="store_true",
        help="show staff numbers instead of names, in titles and consultation responses too",
    )
    terms.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Load the dataset and print what was asked about its terms sets."""
    fleet = load_dataset(arguments)
    check_id("terms set", arguments.set, [t.id for t in fleet.terms])
    check_id("person", arguments.person, [p.id for p in fleet.people])
    on = arguments.as_of or today_in_london()
    if arguments.person is not None:
        payload = _person(fleet, arguments.person, on)
    elif arguments.set is not None:
        payload = _one(fleet, fleet.terms_set(arguments.set), on)  # type: ignore[arg-type]
    else:
        payload = {"as_of": on.isoformat(), "sets": [_row(fleet, t, on) for t in fleet.terms]}
    if arguments.format == "json":
        emit(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", "json")
    elif arguments.person is not None:
        why = str(payload["why"])
        emit(
            (markdown_text(why) if arguments.format == "markdown" else why) + "\n", arguments.format
        )
    elif arguments.set is not None:
        emit(_detail_text(payload, markdown=arguments.format == "markdown"), arguments.format)
    elif arguments.format == "markdown":
        emit(_list_markdown(payload), "markdown")
    else:
        emit(_list_text(payload))
    return EXIT_OK


def _person(fleet: Fleet, person: str, on: pendulum.Date) -> dict[str, Any]:
    from ..terms import terms_for

    return terms_for(fleet, person, on).to_record()


def _on_set(fleet: Fleet, terms: TermsAndConditions, on: pendulum.Date) -> list[str]:
    """Staff numbers of the people in service whom the set applied to on the date."""
    from ..terms import terms_for

    return [
        person.id
        for person in fleet.people
        if person.in_service_on(on) and terms_for(fleet, person, on).applies is terms
    ]


def _row(fleet: Fleet, terms: TermsAndConditions, on: pendulum.Date) -> dict[str, Any]:
    from ..terms import lifecycle

    stage = lifecycle(fleet, terms, on)
    year = terms.business_year
    return {
        "id": terms.id,
        "title": terms.title,
        "stage": stage.stage.value,
        "recorded_status": terms.status.value,
        "effective": terms.effective.isoformat() if terms.effective else None,
        "superseded": terms.superseded.isoformat() if terms.superseded else None,
        "business_year": str(year) if year else None,
        "rest_profile": terms.rest_profile,
        "people": len(_on_set(fleet, terms, on)),
    }


def _one(fleet: Fleet, terms: TermsAndConditions, on: pendulum.Date) -> dict[str, Any]:
    from ..terms import consultation_summary, lifecycle

    summary = consultation_summary(fleet, terms, on)
    pattern = terms.working_pattern
    return _row(fleet, terms, on) | {
        "lifecycle": lifecycle(fleet, terms, on).to_record(),
        "consultation": summary.to_record() if summary else None,
        "working_pattern": None
        if pattern is None
        else {
            "days_on": pattern.days_on,
            "days_off": pattern.days_off,
            "max_consecutive_days_at_sea": pattern.max_consecutive_days_at_sea,
            "rest_days_after_tour": pattern.rest_days_after_tour,
        },
        "allowances": [
            {"id": a.id, "name": a.name, "amount": str(a.amount), "per": a.per}
            for a in terms.allowances
        ],
        "leave": [{"kind": e.kind, "days": e.days} for e in terms.leave],
        "people_on_set": _on_set(fleet, terms, on),
    }


def _list_text(payload: dict[str, Any]) -> str:
    lines = [f"Terms and conditions sets as of {payload['as_of']}", ""]
    for row in payload["sets"]:
        stage = row["stage"]
        if row["recorded_status"] != stage:
            stage += f" (recorded as {row['recorded_status']})"
        lines.append(f"{row['id']}  {row['title']}")
        lines.append(f"  stage       {stage}")
        lines.append(
            f"  in force    from {row['effective'] or 'no date'}"
            + (f", superseded on {row['superseded']}" if row["superseded"] else "")
        )
        if row["business_year"]:
            lines.append(f"  planned for {row['business_year']}")
        lines.append(f"  rest        {row['rest_profile']}")
        lines.append(f"  applies to  {row['people']} people in service")
        lines.append("")
    return "\n".join(lines)


def _list_markdown(payload: dict[str, Any]) -> str:
    header = ["Set", "Title", "Stage", "Effective", "Superseded", "Planned for", "People"]
    lines = [
        f"Terms and conditions sets as of {payload['as_of']}",
        "",
        markdown_row(header),
        markdown_row(["---"] * len(header)),
    ]
    for row in payload["sets"]:
        values = [
            row["id"],
            row["title"],
            row["stage"],
            row["effective"] or "",
            row["superseded"] or "",
            row["business_year"] or "",
            str(row["people"]),
        ]
        lines.append(markdown_row(values))
    return "\n".join(lines) + "\n"


def _detail_text(payload: dict[str, Any], *, markdown: bool) -> str:
    """One set in detail, as text or (``markdown``) with every data value escaped."""

    def show(value: Any) -> str:
        return markdown_text(str(value)) if markdown else str(value)

    item = "- " if markdown else "  "
    heading = "## " if markdown else ""
    lines = [f"{heading}{show(payload['id'])}: {show(payload['title'])}", ""]
    life = payload["lifecycle"]
    lines.append(f"Stage on {life['on']}: {life['stage']} (recorded: {life['recorded_status']})")
    for step in life["steps"]:
        lines.append(f"{item}{step['status']:<13} {step['date'] or 'not recorded'}")
    for problem in life["out_of_order"]:
        lines.append(f"{item}out of order: {show(problem)}")
    lines.append("")
    consultation = payload["consultation"]
    if consultation is None:
        lines.append("Consultation: none recorded")
    else:
        share = consultation["answered_share"]
        answered = f"{share:.0%}" if share is not None else "n/a"
        lines.append(
            f"Consultation: {consultation['opens']} to {consultation['closes']} "
            f"({consultation['days']} days), {consultation['responses']} responses, "
            f"{consultation['answered']} answered ({answered})"
        )
        for theme, count in consultation["by_theme"].items():
            lines.append(f"{item}{show(theme)}: {count}")
        if consultation["unanswered"]:
            unanswered = show(", ".join(consultation["unanswered"]))
            lines.append(f"{item}no management response: {unanswered}")
        if consultation["outside_window"]:
            outside = show(", ".join(consultation["outside_window"]))
            lines.append(f"{item}received outside the window: {outside}")
    lines.append("")
    pattern = payload["working_pattern"]
    if pattern is not None:
        limit, rest = pattern["max_consecutive_days_at_sea"], pattern["rest_days_after_tour"]
        lines.append(
            f"Working pattern: {pattern['days_on']} days on, {pattern['days_off']} off"
            + (f", at most {limit} consecutive days at sea" if limit else "")
            + (f", {rest} days ashore owed after a tour" if rest else "")
        )
    lines.append(f"Rest profile: {show(payload['rest_profile'])}")
    for allowance in payload["allowances"]:
        amount = f"£{Decimal(allowance['amount']):.2f}"
        name, per = show(allowance["name"]), show(allowance["per"])
        lines.append(f"{item}allowance {name}: {amount} per {per}")
    for entitlement in payload["leave"]:
        lines.append(f"{item}leave {show(entitlement['kind'])}: {entitlement['days']} days")
    lines.append(
        f"Applies on {life['on']} to {payload['people']} people in service "
        "(--format json lists them)"
    )
    return "\n".join(lines) + "\n"
