"""A promotion board: who is eligible for their next grade, who is close, what is missing.

For a board sitting on a date, this script takes everyone in service who holds a grade
on a career pathway (deck or engineering) and asks ``mc.pathways.next_steps`` about the grade
above theirs. It prints:

- **eligible now**: everyone who meets every entry requirement of their next grade on
  the date, grouped by that grade, with the evidence for each requirement (the date each
  certificate or course stays valid until, the days of sea time and the months in grade
  against what is required). A ``!`` marks evidence that lapses within the window:
  renew it, or the person is no longer eligible when the promotion takes effect;
- **close**: everyone whose earliest eligibility date, from deployments, training and
  certificates already recorded, falls within ``--within`` days, and what they still need;
- **not yet**: how many others there are, and the requirements they most often miss.

``--details`` prints each eligible person's evidence in full sentences instead of the
table.

Run it from anywhere; with no arguments it uses the bundled example fleet as of its
reference date, 31 March 2021::

    python examples/promotion_board.py
    python examples/promotion_board.py path/to/dataset --as-of 2021-09-01 --within 60

The same questions for one person: ``maritime-crew pathway examples/fleet BF1120
--as-of 2021-03-31`` (see docs/pathways.md).
"""

from __future__ import annotations

import argparse
from collections import Counter

import _cli
import pendulum

import maritime_crew as mc


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _cli.parser(
        __file__,
        "Promotion board: who is eligible for their next grade on a date, who "
        "will be within a number of days, and what they still need.",
        "date of the board",
    )
    parser.add_argument(
        "--within",
        type=_cli.days,
        default=90,
        metavar="DAYS",
        help="'close' means eligible within this many days (default: 90)",
    )
    parser.add_argument(
        "--details", action="store_true", help="print the evidence in full sentences"
    )
    return parser.parse_args(argv)


def who(fleet: mc.model.Fleet, person_id: str) -> str:
    """``BF1010 Victor Kowalczyk (Searcher A)``."""
    person = fleet.person(person_id)
    if person is None:
        return person_id
    crew = fleet.crew(person.crew) if person.crew else None
    return f"{person.id} {person.name}" + (f" ({crew.name})" if crew else "")


def heading(requirement: mc.pathways.Requirement) -> str:
    if requirement.kind is mc.pathways.RequirementKind.SEA_TIME:
        return "sea days"
    if requirement.kind is mc.pathways.RequirementKind.MONTHS_IN_PREVIOUS_GRADE:
        return "months"
    return requirement.item


def label(requirement: mc.pathways.Requirement) -> str:
    if requirement.kind is mc.pathways.RequirementKind.SEA_TIME:
        return "sea time"
    if requirement.kind is mc.pathways.RequirementKind.MONTHS_IN_PREVIOUS_GRADE:
        return "months in the previous grade"
    return f"{requirement.kind.value} {requirement.item}"


def evidence(requirement: mc.pathways.Requirement, lapse_by: pendulum.Date) -> str:
    """One table cell: valid-until date (``!`` if it lapses by ``lapse_by``), or have/required."""
    if requirement.required is not None:
        return f"{requirement.have}/{requirement.required}"
    if requirement.until is None:
        return "no expiry"
    return f"{requirement.until}" + ("!" if requirement.until <= lapse_by else "")


def table(
    fleet: mc.model.Fleet, steps: list[mc.pathways.NextSteps], lapse_by: pendulum.Date
) -> list[str]:
    """The eligible people for one grade, one row each, one column per requirement."""
    first = steps[0].eligibility
    assert first is not None
    header = ["person", *(heading(r) for r in first.requirements)]
    rows = [
        [who(fleet, s.person), *(evidence(r, lapse_by) for r in s.eligibility.requirements)]
        for s in steps
        if s.eligibility is not None
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return [
        "    "
        + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        fleet = _cli.load(args.path)
    except _cli.BadInput as problem:
        return _cli.fail(__file__, str(problem))
    on: pendulum.Date = args.as_of
    horizon = on.add(days=args.within)

    eligible: dict[str, list[mc.pathways.NextSteps]] = {}
    close: list[mc.pathways.NextSteps] = []
    later: list[mc.pathways.NextSteps] = []
    top = 0
    for person in fleet.people:
        if (
            not person.in_service_on(on)
            or person.grade is None
            or fleet.grade(person.grade) is None
        ):
            continue
        steps = mc.pathways.next_steps(fleet, person, on)
        if steps.next_grade is None:
            top += 1
        elif steps.eligible:
            eligible.setdefault(steps.next_grade, []).append(steps)
        elif steps.earliest is not None and steps.earliest <= horizon:
            close.append(steps)
        else:
            later.append(steps)

    count = sum(len(group) for group in eligible.values())
    print(
        f"Promotion board as of {on}: {count} eligible now, {len(close)} within "
        f"{args.within} days (by {horizon}), {len(later)} not yet, {top} at the top of "
        "their pathway."
    )

    print()
    print(f"Eligible now ({count}):")
    if not args.details:
        print(f"  (valid-until dates and have/required; ! = lapses by {horizon})")
    for grade_id in sorted(eligible):
        grade = fleet.grade(grade_id)
        group = sorted(eligible[grade_id], key=lambda s: s.person)
        print(f"  {grade.name if grade else grade_id} ({grade_id}): {len(group)}")
        if not args.details:
            print("\n".join(table(fleet, group, horizon)))
            continue
        for steps in group:
            print(f"    {who(fleet, steps.person)}")
            for requirement in steps.eligibility.requirements if steps.eligibility else ():
                print(f"      {requirement.detail}")

    print()
    print(f"Close: eligible within {args.within} days ({len(close)}):")
    for steps in sorted(close, key=lambda s: (s.earliest, s.person)):
        assert steps.earliest is not None
        print(
            f"  {who(fleet, steps.person)}: {steps.current_grade} -> {steps.next_grade} "
            f"on {steps.earliest} (in {(steps.earliest - on).days} days); still needs:"
        )
        for requirement in steps.eligibility.unmet if steps.eligibility else ():
            print(f"    - {requirement.detail}")

    print()
    print(f"Not yet ({len(later)}): the requirements they most often still need")
    missing: Counter[str] = Counter()
    for steps in later:
        # Without an earliest date, still_needed is what remains once everything
        # scheduled has happened; otherwise, what is missing today.
        unmet = steps.still_needed or (steps.eligibility.unmet if steps.eligibility else ())
        for requirement in unmet:
            missing[label(requirement)] += 1
    for requirement_label, number in missing.most_common(5):
        print(f"  {number:>4}  {requirement_label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
