"""``maritime-crew pathway``: a person's next grade, what is missing, and when."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import TYPE_CHECKING, Any

from ..io import did_you_mean, nearest
from ._common import EXIT_OK, UsageError, as_of_date, emit, load_dataset, today_in_london

if TYPE_CHECKING:
    from ..model import Person
    from ..pathways import NextSteps

WIDTH = 100


def add_parsers(commands: Any) -> None:
    """Add the ``pathway`` command."""
    pathway = commands.add_parser(
        "pathway",
        help="a person's next grade, what is missing and the earliest date",
        description="Show the next grade on a person's career pathway, each of its entry "
        "requirements as met or missing on a date, and the earliest date the person could "
        "be eligible from deployments, training and certificates already recorded. Exit "
        "code 0 on success; 2 for bad input or an unknown person.",
    )
    pathway.add_argument("path", metavar="PATH", help="dataset file or directory")
    pathway.add_argument("person", metavar="PERSON", help="staff number, e.g. BF1003")
    pathway.add_argument(
        "--as-of",
        type=as_of_date,
        metavar="DATE",
        help="date to judge as of, YYYY-MM-DD (default: today in Europe/London)",
    )
    pathway.add_argument(
        "--switch-to",
        metavar="PATHWAY",
        help="consider a move to another pathway (e.g. engineering) and show what transfers",
    )
    pathway.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    pathway.add_argument(
        "--redact", action="store_true", help="show the staff number instead of the name"
    )
    pathway.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Load the dataset, work out the person's next steps and print them."""
    from ..facts import Facts
    from ..pathways import next_steps

    fleet = load_dataset(arguments)
    person = fleet.person(arguments.person)
    if person is None:
        raise UsageError(_unknown_person(arguments.person, [p.id for p in fleet.people]))
    if arguments.switch_to is not None and fleet.pathway(arguments.switch_to) is None:
        known = [p.id for p in fleet.pathways]
        hints = nearest(arguments.switch_to, known)
        raise UsageError(
            f"unknown pathway {arguments.switch_to!r}; "
            + (did_you_mean(hints) if hints else f"pathways: {', '.join(known)}")
        )
    steps = next_steps(
        fleet, person, arguments.as_of or today_in_london(), pathway=arguments.switch_to
    )
    person = Facts.of(fleet).on(steps.as_of).person_on(person)  # the grade held then
    if arguments.format == "json":
        record = _record(steps, person, arguments.redact)
        emit(json.dumps(record, indent=2, ensure_ascii=False) + "\n", "json")
    else:
        emit(_text(steps, person, arguments.redact) + "\n")
    return EXIT_OK


def _unknown_person(wanted: str, ids: list[str]) -> str:
    """What to say of an unknown staff number: the nearest ones, or what they look like."""
    if not ids:
        return f"unknown person {wanted!r}; the dataset has no people"
    hints = nearest(wanted, ids)
    if hints:
        return f"unknown person {wanted!r}; {did_you_mean(hints)}"
    ordered = sorted(ids)
    return (
        f"unknown person {wanted!r}; no staff number is close to it ({len(ids)} people, "
        f"from {ordered[0]!r} to {ordered[-1]!r})"
    )


def _record(steps: NextSteps, person: Person, redact: bool) -> dict[str, Any]:
    return {
        "person": person.id,
        "name": None if redact else person.name,
        "as_of": steps.as_of.isoformat(),
        "current_grade": steps.current_grade,
        "pathway": steps.pathway,
        "next_grade": steps.next_grade,
        "eligible": steps.eligible,
        "earliest": steps.earliest.isoformat() if steps.earliest else None,
        "requirements": [r.to_record() for r in steps.eligibility.requirements]
        if steps.eligibility
        else [],
        "still_needed": [r.to_record() for r in steps.still_needed],
        "transfers": [t.to_record() for t in steps.transfers],
    }


def _line(label: str, text: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=f"  {label:<9}", subsequent_indent=" " * 11
    ) or [f"  {label}"]


def _text(steps: NextSteps, person: Person, redact: bool) -> str:
    who = person.id if redact else f"{person.name} ({person.id})"
    since = f" since {person.grade_since}" if person.grade_since else ""
    lines = [f"{who}: grade {steps.current_grade or 'none'}{since}, as of {steps.as_of}"]
    if steps.next_grade is None or steps.eligibility is None:
        lines.append("No next grade: the person holds the top grade or no grade on a pathway.")
        return "\n".join(lines)
    lines.append(f"Next grade: {steps.next_grade} ({steps.pathway} pathway)")
    lines.append("Requirements:")
    for requirement in steps.eligibility.requirements:
        lines += _line("met" if requirement.met else "MISSING", requirement.detail)
    if steps.eligible:
        lines.append(f"Eligible on {steps.as_of}.")
    elif steps.earliest is not None:
        lines.append(f"Earliest eligibility, from what is scheduled: {steps.earliest}.")
    else:
        lines.append("Not eligible from what is scheduled; still needed:")
        for requirement in steps.still_needed:
            lines += _line("-", requirement.detail)
    if steps.transfers:
        lines.append(f"Switching to the {steps.pathway} pathway:")
        for transfer in steps.transfers:
            label = "counts" if transfer.transfers else "no"
            lines += _line(label, f"{transfer.kind} {transfer.item}: {transfer.detail}")
    return "\n".join(lines)
