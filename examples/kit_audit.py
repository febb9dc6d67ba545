"""A kit audit: the personal equipment issued to each crew, and what needs action.

Seed commitment C6 gave boarding teams marinised body armour, dry suits and helmets;
each item has to be serviced on time, retired at the end of its shelf life, fit the
person it is issued to, and be off the books once withdrawn or lost. This script audits
the issue ledger on a date, grouped by vessel:

- for each vessel, how many people hold how many items (``fleet.items_held``);
- every finding of the ``EQP`` rules (``mc.check`` with ``select=["EQP"]``): role kit
  not issued, wrong size, service overdue or failed, past shelf life or a marked date,
  withdrawn or lost items still issued; waivers in force are honoured and shown;
- every issued item whose service, shelf life or marked date falls due within
  ``--within`` days (``mc.forecast``), so it can be called in before it lapses;
- for each person concerned, the items they hold, with sizes.

``--all`` lists every person's kit, not only those with something to act on.

Run it from anywhere; with no arguments it uses the bundled example fleet as of its
reference date, 31 March 2021::

    python examples/kit_audit.py
    python examples/kit_audit.py path/to/dataset --as-of 2021-06-30 --within 60

The audit exits 0 when it ran (whatever it found) and 2 for bad input.
"""

from __future__ import annotations

import argparse
from collections import defaultdict

import _cli
import pendulum

import maritime_crew as mc
from maritime_crew.rules import RegistrationError

KIT_DUE = (
    mc.forecast.DueKind.SERVICE_DUE,
    mc.forecast.DueKind.SHELF_LIFE_END,
    mc.forecast.DueKind.MARKED_DATE,
)
"""The kinds of forecast obligation that concern an equipment item."""
NO_VESSEL = "(no vessel)"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _cli.parser(
        __file__,
        "Audit issued personal equipment on a date, grouped by vessel: EQP "
        "findings and items falling due within a number of days.",
        "date of the audit",
    )
    parser.add_argument(
        "--within",
        type=_cli.days,
        default=30,
        metavar="DAYS",
        help="list items falling due within this many days (default: 30)",
    )
    parser.add_argument(
        "--all", action="store_true", help="list every person's kit, not only those to act on"
    )
    return parser.parse_args(argv)


def plural(count: int, singular: str, many: str | None = None) -> str:
    return f"{count} {singular if count == 1 else many or singular + 's'}"


def vessel_of(fleet: mc.model.Fleet, person: mc.model.Person) -> str | None:
    crew = fleet.crew(person.crew) if person.crew else None
    return crew.vessel if crew is not None else None


def kit_line(fleet: mc.model.Fleet, person: mc.model.Person, on: pendulum.Date) -> str:
    """``BF1019 Alex Morgan (Searcher B) holds BA-0009 body-armour S, …``."""
    crew = fleet.crew(person.crew) if person.crew else None
    held = [
        f"{item.id} {item.type}" + (f" {item.size}" if item.size else "")
        for item in fleet.items_held(person.id, on)
    ]
    where = f" ({crew.name})" if crew else ""
    return f"  {person.id} {person.name}{where} holds " + (", ".join(held) or "nothing")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    on: pendulum.Date = args.as_of
    try:
        # The dataset's own configuration (parameters, severities), EQP rules only.
        fleet, config = _cli.load_configured(args.path, select=["EQP"])
        report = mc.check(fleet, on, config)
    except (_cli.BadInput, mc.rules.ConfigError, RegistrationError) as problem:
        return _cli.fail(__file__, str(problem))
    due = [
        item for item in mc.forecast.forecast(fleet, on, args.within).items if item.kind in KIT_DUE
    ]

    # Everything to act on, by vessel and then by the person concerned (an item's holder).
    findings: dict[str, list[mc.rules.Finding]] = defaultdict(list)
    for finding in report.findings:
        if finding.subject.kind == "person":
            holders = [finding.subject.id]
        else:
            holders = [person.id for person in fleet.holders_of(finding.subject.id, on)]
        for holder in holders or [""]:
            findings[holder].append(finding)
    due_by_person: dict[str, list[mc.forecast.DueItem]] = defaultdict(list)
    for item in due:
        due_by_person[item.person or ""].append(item)

    people: dict[str | None, list[mc.model.Person]] = defaultdict(list)
    for person in fleet.people:
        if person.in_service_on(on) or person.id in findings:
            people[vessel_of(fleet, person)].append(person)
    held = {person.id: len(fleet.items_held(person.id, on)) for person in fleet.people}

    print(
        f"Kit audit as of {on}: {plural(sum(held.values()), 'item')} issued to "
        f"{plural(sum(1 for n in held.values() if n), 'person', 'people')}; "
        f"{plural(len(report.active), 'EQP finding')} ({len(report.waived)} waived), "
        f"{plural(len(due), 'item')} due by {on.add(days=args.within)}"
    )
    vessels: list[tuple[str | None, str]] = [(vessel.id, vessel.name) for vessel in fleet.vessels]
    if people.get(None) or findings.get("") or due_by_person.get(""):
        vessels.append((None, NO_VESSEL))
    for vessel_id, name in vessels:
        crew = people.get(vessel_id, [])
        items = sum(held[person.id] for person in crew)
        to_act = [p for p in crew if args.all or p.id in findings or p.id in due_by_person]
        found = sum(len(findings[p.id]) for p in crew)
        soon = sum(len(due_by_person[p.id]) for p in crew)
        print()
        print(
            f"{name}: {plural(len(crew), 'person', 'people')} hold {plural(items, 'item')}; "
            f"{plural(found, 'finding')}, {soon} due"
        )
        for person in to_act:
            print(kit_line(fleet, person, on))
            for finding in findings.get(person.id, []):
                waived = f" (waived by {finding.waived_by})" if finding.waived else ""
                print(
                    f"    {finding.severity.value:<7} {finding.code} {finding.subject.id}: "
                    f"{finding.message}{waived}"
                )
            for item in due_by_person.get(person.id, []):
                print(f"    due     {item.date} {item.subject.id}: {item.description}")
        if vessel_id is None:
            for finding in findings.get("", []):  # items in use that no one holds
                print(
                    f"  {finding.severity.value:<7} {finding.code} {finding.subject.id}: "
                    f"{finding.message}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
