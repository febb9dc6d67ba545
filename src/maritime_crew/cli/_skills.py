"""``maritime-crew skills`` and ``maritime-crew tna``: skills matrix and training needs."""

from __future__ import annotations

import argparse
import csv
import io
import json
import textwrap
from typing import TYPE_CHECKING, Any

from ._common import (
    EXIT_OK,
    as_of_date,
    check_id,
    load_dataset,
    markdown_row,
    today_in_london,
    within_option,
)

if TYPE_CHECKING:
    from ..model import Fleet
    from ..skills import Coverage, SkillCell, SkillsMatrix, TrainingNeeds

WIDTH = 100
_MARKS = {"qualified": "Q", "lapsing": "L", "not-qualified": "X", "not-held": "."}


def add_parsers(commands: Any) -> None:
    """Add the ``skills`` and ``tna`` commands."""
    skills = commands.add_parser(
        "skills",
        help="skills matrix of people by duty role, with coverage of each crew",
        description="Show who is qualified for which duty role on a date (qualified, "
        "lapsing within --within days, not qualified with what is missing, or role not "
        "held), and how each crew covers its vessel's required complement.",
    )
    skills.add_argument("path", metavar="PATH", help="dataset file or directory")
    scope = skills.add_mutually_exclusive_group()
    scope.add_argument("--vessel", metavar="V", help="only the crews of this vessel")
    scope.add_argument("--crew", metavar="C", help="only this crew")
    _as_of(skills)
    skills.add_argument(
        "--within",
        default="90d",
        metavar="PERIOD",
        help="lapse window: days (90 or 90d) or a period (P90D, P3M); default 90d",
    )
    skills.add_argument(
        "--format",
        choices=("text", "json", "csv", "markdown"),
        default="text",
        help="output format (default: text)",
    )
    _redact(skills)
    skills.set_defaults(run=run_skills)
    tna = commands.add_parser(
        "tna",
        help="training needs analysis: actions that close every manning gap",
        description="List the training actions (person by course, certificate, kit or duty "
        "role) that close every shortfall and single point of failure of the crews, with "
        "the gaps each closes, found by greedy set cover (within ln n + 1 of the fewest).",
    )
    tna.add_argument("path", metavar="PATH", help="dataset file or directory")
    tna.add_argument("--vessel", metavar="V", help="only the crews of this vessel")
    _as_of(tna)
    tna.add_argument(
        "--within",
        default="0d",
        metavar="PERIOD",
        help="also renew what lapses within this window: days (90 or 90d) or a period "
        "(P90D, P3M); default 0d, what has lapsed by the date",
    )
    tna.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="output format (default: text)",
    )
    _redact(tna)
    tna.set_defaults(run=run_tna)


def _as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=as_of_date,
        metavar="DATE",
        help="date to look at, YYYY-MM-DD (default: today in Europe/London)",
    )


def _redact(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--redact", action="store_true", help="show staff numbers instead of names")


def _namer(fleet: Fleet, redact: bool) -> Any:
    def name(person_id: str) -> str:
        found = fleet.person(person_id)
        if redact or found is None:
            return person_id
        return f"{person_id} {found.name}"

    return name


def run_skills(arguments: argparse.Namespace) -> int:
    """Print the skills matrix and the coverage of the crews in scope."""
    from ..skills import coverage, skills_matrix

    fleet = load_dataset(arguments.path)
    check_id("vessel", arguments.vessel, [v.id for v in fleet.vessels])
    check_id("crew", arguments.crew, [c.id for c in fleet.crews])
    as_of = arguments.as_of or today_in_london()
    within = _window(as_of, arguments.within)
    scope = {"vessel": arguments.vessel, "crew": arguments.crew, "within": within}
    matrix = skills_matrix(fleet, as_of, **scope)
    cover = coverage(fleet, as_of, **scope)
    name = _namer(fleet, arguments.redact)
    render = {"text": _skills_text, "json": _skills_json, "csv": _skills_csv}.get(
        arguments.format, _skills_markdown
    )
    print(render(matrix, cover, name), end="")
    return EXIT_OK


def _missing(cell: SkillCell) -> str:
    parts = (
        [f"course {c}" for c in cell.missing_courses]
        + [f"certificate {c}" for c in cell.missing_certificates]
        + [f"kit {k}" for k in cell.missing_kit]
    )
    return ", ".join(parts)


def _cell_words(cell: SkillCell) -> str:
    if cell.state.value == "qualified":
        return f"qualified until {cell.until}" if cell.until else "qualified"
    if cell.state.value == "lapsing":
        return f"lapsing: qualified until {cell.until}"
    if cell.state.value == "not-qualified":
        return f"not qualified: lacks {_missing(cell)}"
    return "not held"


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, width=WIDTH, subsequent_indent=indent, break_on_hyphens=False) + "\n"


def _skills_text(matrix: SkillsMatrix, cover: Coverage, name: Any) -> str:
    where = matrix.crew or matrix.vessel or "fleet"
    out = [f"Skills matrix of {where} as of {matrix.as_of} (lapsing within {matrix.within} days)\n"]
    label_width = 30
    per_block = (WIDTH - label_width) // 3
    for start in range(0, max(len(matrix.roles), 1), per_block):
        block = range(start, min(start + per_block, len(matrix.roles)))
        out.append("\n" + " " * label_width + "".join(f"{i + 1:>3}" for i in block) + "\n")
        for person, cells in matrix.rows():
            label = name(person)[: label_width - 1]
            marks = "".join(f"{_MARKS[cells[i].state.value]:>3}" for i in block)
            out.append(f"{label:<{label_width}}{marks}\n")
    out.append("\nQ qualified, L lapsing, X not qualified, . role not held. Roles:\n")
    out += [_wrap(f"  {i + 1:>2} {role}") for i, role in enumerate(matrix.roles)]
    notes = [
        _wrap(f"  {name(cell.person)}: {cell.role} {_cell_words(cell)}")
        for cell in matrix.cells
        if cell.state.value in ("lapsing", "not-qualified")
    ]
    if notes:
        out.append("\nLapsing and not qualified:\n")
        out += notes
    out.append("\nCoverage against the required complement:\n")
    for crew in cover.crews:
        out.append(f"  crew {crew.crew} ({crew.vessel}), {len(crew.members)} in service\n")
        for role in crew.roles:
            flags = []
            if role.shortfall:
                flags.append(f"SHORT {role.shortfall}")
            if role.single_point:
                flags.append(f"single point of failure: {name(role.qualified[0])}")
            if role.lapses:
                flags.append(f"lapses within {cover.within} days")
            text = (
                f"    {role.role:<26} required {role.required}, qualified "
                f"{len(role.qualified)}, spare {role.resilience}"
            )
            out.append(_wrap(text + ("; " + "; ".join(flags) if flags else ""), " " * 6))
    for vessel in cover.uncrewed:
        out.append(f"  vessel {vessel}: no crew assigned\n")
    return "".join(out)


def _skills_json(matrix: SkillsMatrix, cover: Coverage, name: Any) -> str:
    payload = {
        "as_of": matrix.as_of.isoformat(),
        "within": matrix.within,
        "vessel": matrix.vessel,
        "crew": matrix.crew,
        "roles": list(matrix.roles),
        "people": [{"id": p, "label": name(p)} for p in matrix.people],
        "cells": matrix.to_records(),
        "coverage": cover.to_records(),
        "uncrewed": list(cover.uncrewed),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _skills_csv(matrix: SkillsMatrix, cover: Coverage, name: Any) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = ["person", "label", "role", "state", "until", "missing_courses"]
    columns += ["missing_certificates", "missing_kit", "lapsing_courses", "lapsing_certificates"]
    writer.writerow(columns)
    for record in matrix.to_records():
        values = [record["person"], name(record["person"])]
        values += [record[c] or "" for c in ("role", "state", "until")]
        values += [";".join(record[c]) for c in columns[5:]]
        writer.writerow(values)
    return buffer.getvalue()


def _skills_markdown(matrix: SkillsMatrix, cover: Coverage, name: Any) -> str:
    out = [f"## Skills matrix as of {matrix.as_of}\n\n"]
    out.append(markdown_row(["Person", *matrix.roles]))
    out.append(markdown_row(["---"] * (len(matrix.roles) + 1)))
    for person, cells in matrix.rows():
        out.append(markdown_row([name(person), *(_cell_words(c) for c in cells)]))
    out.append("\n## Coverage\n\n")
    out.append(markdown_row(["Crew", "Role", "Required", "Qualified", "Short", "Single point"]))
    out.append(markdown_row(["---"] * 6))
    for crew in cover.crews:
        for role in crew.roles:
            row = [crew.crew, role.role, str(role.required), str(len(role.qualified))]
            row += [str(role.shortfall), "yes" if role.single_point else "no"]
            out.append(markdown_row(row))
    return "".join(out)


def _window(as_of: Any, within: str) -> int:
    """``--within`` in days from ``as_of``, or a usage error in plain words."""
    from ..model._dates import as_date
    from ..model._window import window_days

    return window_days(as_date(as_of), within_option(within))


def run_tna(arguments: argparse.Namespace) -> int:
    """Print the training needs analysis."""
    from ..skills import trainer_capacity, training_needs

    fleet = load_dataset(arguments.path)
    check_id("vessel", arguments.vessel, [v.id for v in fleet.vessels])
    as_of = arguments.as_of or today_in_london()
    within = _window(as_of, arguments.within)
    needs = training_needs(fleet, as_of, vessel=arguments.vessel, within=within)
    name = _namer(fleet, arguments.redact)
    if arguments.format == "json":
        payload = {
            "as_of": as_of.isoformat(),
            "vessel": arguments.vessel,
            "gaps": [gap.to_record() for gap in needs.gaps],
            "actions": [
                {**action.to_record(), "label": name(action.person)} for action in needs.actions
            ],
            "courses_without_trainer": list(needs.courses_without_trainer),
            "trainers": trainer_capacity(fleet, as_of).to_records(),
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    elif arguments.format == "markdown":
        print(_tna_markdown(needs, name), end="")
    else:
        print(_tna_text(needs, name), end="")
    return EXIT_OK


def _tna_text(needs: TrainingNeeds, name: Any) -> str:
    out = [f"Training needs analysis as of {needs.as_of}\n\nGaps:\n"]
    if not needs.gaps:
        out.append("  none: every crew fills its complement with two or more to spare\n")
    for gap in needs.gaps:
        filled = ", ".join(name(p) for p in gap.filled_by) or "nobody"
        unmet = f"; {gap.unmet} cannot be filled from the crew" if gap.unmet else ""
        out.append(
            _wrap(
                f"  {gap.crew} {gap.role}: {gap.kind}, required {gap.required}, counted "
                f"{gap.counted}, target {gap.counted + gap.needed}, needs {gap.needed} more; "
                f"filled by {filled}{unmet}",
                " " * 6,
            )
        )
    out.append(f"\nActions ({len(needs.actions)}):\n")
    item_width = max((len(action.item) for action in needs.actions), default=0)
    for action in needs.actions:
        closes = ", ".join(action.closes) or "-"
        out.append(
            _wrap(
                f"  {name(action.person)[:30]:<30} {action.kind.value:<11} "
                f"{action.item:<{item_width}}"
                f"  closes {action.crew}: {closes}",
                " " * 6,
            )
        )
    if needs.courses_without_trainer:
        out.append(
            _wrap(
                "\nNo qualified in-house trainer for: "
                + ", ".join(needs.courses_without_trainer)
                + " (TRN006)",
                "  ",
            )
        )
    return "".join(out)


def _tna_markdown(needs: TrainingNeeds, name: Any) -> str:
    out = [f"## Training needs analysis as of {needs.as_of}\n\n"]
    out.append(markdown_row(["Crew", "Role", "Gap", "Needed", "Filled by", "Unmet"]))
    out.append(markdown_row(["---"] * 6))
    for gap in needs.gaps:
        filled = ", ".join(name(p) for p in gap.filled_by)
        cells = [gap.crew, gap.role, gap.kind, str(gap.needed), filled, str(gap.unmet)]
        out.append(markdown_row(cells))
    out.append("\n")
    out.append(markdown_row(["Person", "Crew", "Action", "Item", "Closes"]))
    out.append(markdown_row(["---"] * 5))
    for action in needs.actions:
        cells = [name(action.person), action.crew, action.kind.value, action.item]
        out.append(markdown_row([*cells, ", ".join(action.closes)]))
    return "".join(out)
