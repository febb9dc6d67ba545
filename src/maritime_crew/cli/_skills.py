"""``maritime-crew skills`` and ``maritime-crew tna``: skills matrix and training needs."""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ._common import (
    EXIT_OK,
    UsageError,
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
    import pendulum

    from ..model import Fleet
    from ..skills import (
        Coverage,
        CrewCoverage,
        RoleCoverage,
        SkillCell,
        SkillsMatrix,
        TrainerCapacity,
        TrainingNeeds,
    )

WIDTH = 100
_MARKS = {"qualified": "Q", "lapsing": "L", "not-qualified": "X", "not-held": "."}
_TRAINERS_SHOWN = 5
"""Trainers named per course in text; JSON, CSV and Markdown name every one."""
_SKILLS_TABLES = ("cells", "coverage")
_TNA_TABLES = ("actions", "gaps", "trainers")

Namer = Callable[[str], str]


def add_parsers(commands: Any) -> None:
    """Add the ``skills`` and ``tna`` commands."""
    skills = commands.add_parser(
        "skills",
        help="skills matrix of people by duty role, with coverage of each crew",
        description="Show who is qualified for which duty role on a date (qualified, "
        "lapsing within --within days, not qualified with what is missing, or role not "
        "held), and how each crew covers its vessel's required complement and crew size.",
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
    skills.add_argument(
        "--table",
        choices=_SKILLS_TABLES,
        help="with --format csv, the table to write: the matrix, one row per person and "
        "role (cells, the default), or the coverage, one row per crew and role (coverage)",
    )
    _redact(skills)
    skills.set_defaults(run=run_skills)
    tna = commands.add_parser(
        "tna",
        help="training needs analysis: actions that close every manning gap",
        description="List the training actions (person by course, certificate, kit or duty "
        "role) that close every shortfall and single point of failure of the crews, with "
        "the gaps each closes, found by greedy set cover (within ln n + 1 of the fewest), "
        "and who can deliver each in-house course.",
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
        choices=("text", "json", "csv", "markdown"),
        default="text",
        help="output format (default: text)",
    )
    tna.add_argument(
        "--table",
        choices=_TNA_TABLES,
        help="with --format csv, the table to write: one row per action (actions, the "
        "default), per gap (gaps) or per in-house course with its trainers (trainers)",
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


def _namer(fleet: Fleet, redact: bool) -> Namer:
    def name(person_id: str) -> str:
        found = fleet.person(person_id)
        if redact or found is None:
            return person_id
        return f"{person_id} {found.name}"

    return name


def _table(arguments: argparse.Namespace, default: str) -> str:
    """``--table``, which chooses among the CSV tables: a usage error with another format."""
    if arguments.table is not None and arguments.format != "csv":
        raise UsageError(
            f"--table chooses which CSV table to write; use it with --format csv "
            f"(--format {arguments.format} shows every part)"
        )
    return str(arguments.table or default)


def _window(as_of: pendulum.Date, within: str) -> int:
    """``--within`` in days from ``as_of``, or a usage error in plain words."""
    from ..model import as_date, window_days

    return window_days(as_date(as_of), within_option(within))


def _unbroken(text: str) -> str:
    """Text that :func:`_wrap` keeps on one line (a name, say)."""
    return text.replace(" ", "\xa0")


def _wrap(text: str, indent: str = "    ") -> str:
    """One entry wrapped to :data:`WIDTH`; never breaks what :func:`_unbroken` joined."""
    filled = textwrap.fill(text, width=WIDTH, subsequent_indent=indent, break_on_hyphens=False)
    return filled.replace("\xa0", " ") + "\n"


def _names(name: Namer, people: Iterable[str]) -> str:
    return ", ".join(_unbroken(name(person)) for person in people)


def _csv(rows: Iterable[Sequence[object]]) -> str:
    """The rows as CSV, each cell escaped (:func:`~maritime_crew.report.escape_csv`)."""
    return csv_table(rows)


def run_skills(arguments: argparse.Namespace) -> int:
    """Print the skills matrix and the coverage of the crews in scope."""
    from ..skills import coverage, skills_matrix

    table = _table(arguments, "cells")
    fleet = load_dataset(arguments)
    check_id("vessel", arguments.vessel, [v.id for v in fleet.vessels])
    check_id("crew", arguments.crew, [c.id for c in fleet.crews])
    as_of = arguments.as_of or today_in_london()
    within = _window(as_of, arguments.within)
    scope = {"vessel": arguments.vessel, "crew": arguments.crew, "within": within}
    matrix = skills_matrix(fleet, as_of, **scope)
    cover = coverage(fleet, as_of, **scope)
    name = _namer(fleet, arguments.redact)
    if arguments.format == "csv":
        text = _cells_csv(matrix, name) if table == "cells" else _coverage_csv(cover)
    else:
        render = {"text": _skills_text, "json": _skills_json}.get(
            arguments.format, _skills_markdown
        )
        text = render(matrix, cover, name)
    emit(text, arguments.format)
    return EXIT_OK


def _missing(cell: SkillCell) -> str:
    parts = (
        [f"course {c}" for c in cell.missing_courses]
        + [f"certificate {c}" for c in cell.missing_certificates]
        + [f"kit {k}" for k in cell.missing_kit]
        + [f"currency in {p}" for p in cell.missing_currency]
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


def _in_service(crew: CrewCoverage) -> str:
    """``4 of 5 available, 1 below crew size (MAN003)``, or ``4 available``."""
    if crew.crew_size is None:
        return f"{len(crew.members)} available"
    below = f", {crew.below_size} below crew size (MAN003)" if crew.below_size else ""
    return f"{len(crew.members)} of {crew.crew_size} available{below}"


def _skills_text(matrix: SkillsMatrix, cover: Coverage, name: Namer) -> str:
    where = matrix.crew or matrix.vessel or "fleet"
    out = [f"Skills matrix of {where} as of {matrix.as_of} (lapsing within {matrix.within} days)\n"]
    label_width = 30
    per_block = (WIDTH - label_width) // 3
    rows = list(matrix.rows())
    for start in range(0, max(len(matrix.roles), 1), per_block):
        block = range(start, min(start + per_block, len(matrix.roles)))
        out.append("\n" + " " * label_width + "".join(f"{i + 1:>3}" for i in block) + "\n")
        for person, cells in rows:
            label = name(person)[: label_width - 1]
            marks = "".join(f"{_MARKS[cells[i].state.value]:>3}" for i in block)
            out.append(f"{label:<{label_width}}{marks}\n")
    out.append("\n")
    out.append(
        _wrap(
            f"Q qualified beyond {matrix.within} days, L lapsing within them, X not qualified, "
            ". role not held; --format json, csv or markdown give every cell's last day. "
            "Roles:",
            "",
        )
    )
    out += [_wrap(f"  {i + 1:>2} {role}") for i, role in enumerate(matrix.roles)]
    notes = [
        _wrap(f"  {_unbroken(name(cell.person))}: {cell.role} {_cell_words(cell)}")
        for _, cells in rows
        for cell in cells
        if cell.state.value in ("lapsing", "not-qualified")
    ]
    if notes:
        out.append("\nLapsing and not qualified:\n")
        out += notes
    out.append("\nCoverage against the required complement:\n")
    for crew in cover.crews:
        out.append(_wrap(f"  crew {crew.crew} ({crew.vessel}): {_in_service(crew)}"))
        for role in crew.roles:
            out.append(_wrap(_role_line(role, cover.within, name), " " * 6))
    for vessel in cover.uncrewed:
        out.append(f"  vessel {vessel}: no crew assigned\n")
    return "".join(out)


def _role_line(role: RoleCoverage, within: int, name: Namer) -> str:
    flags = []
    if role.shortfall:
        flags.append(f"SHORT {role.shortfall}")
    if role.single_point:
        flags.append(f"single point of failure: {_unbroken(name(role.qualified[0]))}")
    if role.lapses:
        flags.append(f"lapses within {within} days: {_names(name, role.lapsing)}")
    text = (
        f"    {role.role:<26} required {role.required}, qualified "
        f"{len(role.qualified)}, spare {role.resilience}"
    )
    return text + ("; " + "; ".join(flags) if flags else "")


def _skills_json(matrix: SkillsMatrix, cover: Coverage, name: Namer) -> str:
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


_CELL_LISTS = (
    "missing_courses",
    "missing_certificates",
    "missing_kit",
    "lapsing_courses",
    "lapsing_certificates",
    "missing_currency",
    "lapsing_currency",
)


def _cells_csv(matrix: SkillsMatrix, name: Namer) -> str:
    rows: list[list[object]] = [["person", "label", "role", "state", "until", *_CELL_LISTS]]
    for record in matrix.to_records():
        values = [record["person"], name(record["person"])]
        values += [record[c] or "" for c in ("role", "state", "until")]
        values += [";".join(record[c]) for c in _CELL_LISTS]
        rows.append(values)
    return _csv(rows)


_COVERAGE_COLUMNS = (
    "crew",
    "vessel",
    "crew_size",
    "available",
    "below_size",
    "role",
    "required",
    "qualified",
    "spare",
    "shortfall",
    "single_point",
    "lapses",
    "qualified_people",
    "lapsing_people",
    "unqualified_people",
)


def _coverage_csv(cover: Coverage) -> str:
    """One row per crew and role; people as staff numbers only, so nothing to redact."""
    rows: list[Sequence[object]] = [_COVERAGE_COLUMNS]
    for crew in cover.crews:
        size = "" if crew.crew_size is None else crew.crew_size
        for role in crew.roles:
            rows.append(
                (
                    *(crew.crew, crew.vessel, size, len(crew.members), crew.below_size),
                    *(role.role, role.required, len(role.qualified), role.resilience),
                    *(role.shortfall, _yes(role.single_point), _yes(role.lapses)),
                    *(";".join(role.qualified), ";".join(role.lapsing)),
                    ";".join(role.unqualified),
                )
            )
    return _csv(rows)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _skills_markdown(matrix: SkillsMatrix, cover: Coverage, name: Namer) -> str:
    out = [f"## Skills matrix as of {matrix.as_of}\n\n"]
    out.append(markdown_row(["Person", *matrix.roles]))
    out.append(markdown_row(["---"] * (len(matrix.roles) + 1)))
    for person, cells in matrix.rows():
        out.append(markdown_row([name(person), *(_cell_words(c) for c in cells)]))
    out.append("\n## Coverage\n\n")
    out.append(markdown_row(["Crew", "Vessel", "In service", "Crew size", "Below size"]))
    out.append(markdown_row(["---"] * 5))
    for crew in cover.crews:
        size = "-" if crew.crew_size is None else str(crew.crew_size)
        out.append(
            markdown_row(
                [crew.crew, crew.vessel, str(len(crew.members)), size, str(crew.below_size)]
            )
        )
    out.append("\n")
    lapsing = f"Lapsing within {cover.within} days"
    header = ["Crew", "Role", "Required", "Qualified", "Spare", "Short", "Single point"]
    out.append(markdown_row([*header, "Lapses", lapsing]))
    out.append(markdown_row(["---"] * 9))
    for crew in cover.crews:
        for role in crew.roles:
            row = [crew.crew, role.role, str(role.required), str(len(role.qualified))]
            row += [str(role.resilience), str(role.shortfall), _yes(role.single_point)]
            row += [_yes(role.lapses), ", ".join(name(p) for p in role.lapsing)]
            out.append(markdown_row(row))
    if cover.uncrewed:
        out.append(f"\nNo crew assigned: {markdown_text(', '.join(cover.uncrewed))}.\n")
    return "".join(out)


def run_tna(arguments: argparse.Namespace) -> int:
    """Print the training needs analysis, with who can deliver each in-house course."""
    from ..skills import trainer_capacity, training_needs

    table = _table(arguments, "actions")
    fleet = load_dataset(arguments)
    check_id("vessel", arguments.vessel, [v.id for v in fleet.vessels])
    as_of = arguments.as_of or today_in_london()
    within = _window(as_of, arguments.within)
    needs = training_needs(fleet, as_of, vessel=arguments.vessel, within=within)
    trainers = trainer_capacity(fleet, as_of)
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
            "trainers": trainers.to_records(),
        }
        text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    elif arguments.format == "csv":
        text = {"actions": _actions_csv, "gaps": _gaps_csv, "trainers": _trainers_csv}[table](
            needs, trainers, name
        )
    elif arguments.format == "markdown":
        text = _tna_markdown(needs, trainers, name)
    else:
        text = _tna_text(needs, trainers, name)
    emit(text, arguments.format)
    return EXIT_OK


def _tna_text(needs: TrainingNeeds, trainers: TrainerCapacity, name: Namer) -> str:
    out = [f"Training needs analysis as of {needs.as_of}\n\nGaps:\n"]
    if not needs.gaps:
        out.append("  none: every crew fills its complement with two or more to spare\n")
    for gap in needs.gaps:
        filled = _names(name, gap.filled_by) or "nobody"
        unmet = f"; {gap.unmet} cannot be filled from the crew" if gap.unmet else ""
        out.append(
            _wrap(
                f"  {gap.crew} {gap.role}: {gap.kind}, required {gap.required}, counted "
                f"{gap.counted}, target {gap.counted + gap.needed}, needs {gap.needed} more; "
                f"filled by {filled}{unmet}",
                " " * 6,
            )
        )
    out.append(f"\nActions ({len(needs.actions)}), by person:\n")
    item_width = max((len(action.item) for action in needs.actions), default=0)
    last: tuple[str, str] | None = None
    for action in needs.actions:
        if (action.person, action.crew) != last:
            last = (action.person, action.crew)
            out.append(_wrap(f"  {_unbroken(name(action.person))}, crew {action.crew}"))
        closes = ", ".join(action.closes) or "-"
        out.append(
            _wrap(
                f"      {action.kind.value:<11} {action.item:<{item_width}}  closes {closes}",
                " " * 8,
            )
        )
    out.append("\n")
    out += _trainers_text(needs, trainers, name)
    return "".join(out)


def _trainers_text(needs: TrainingNeeds, trainers: TrainerCapacity, name: Namer) -> list[str]:
    out = [f"Trainer capacity: in-house courses and who can deliver them on {trainers.as_of}\n"]
    if not trainers.courses:
        out.append("  no in-house courses\n")
    width = max((len(course.course) for course in trainers.courses), default=0)
    for course in trainers.courses:
        if not course.restricted:
            who = "names no trainer requirement"
        elif course.without_trainer:
            who = "NO QUALIFIED TRAINER (TRN006)"
        else:
            shown = _names(name, course.trainers[:_TRAINERS_SHOWN])
            more = len(course.trainers) - _TRAINERS_SHOWN
            count = f"{len(course.trainers)} trainer" + ("s" if len(course.trainers) > 1 else "")
            who = f"{count}: {shown}" + (f" and {more} more" if more > 0 else "")
        out.append(_wrap(f"  {course.course:<{width}}  {who}", " " * (width + 4)))
    missing = trainers.without_trainer
    if missing:
        needed = set(needs.courses_without_trainer)
        listed = ", ".join(f"{c} (the plan needs it)" if c in needed else c for c in missing)
        out.append("\n")
        out.append(_wrap(f"No qualified in-house trainer for: {listed} (TRN006)", "  "))
    return out


def _tna_markdown(needs: TrainingNeeds, trainers: TrainerCapacity, name: Namer) -> str:
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
    out.append(f"\n## Trainer capacity on {trainers.as_of}\n\n")
    out.append(markdown_row(["Course", "Name", "Trainers", "Qualified to deliver", "Finding"]))
    out.append(markdown_row(["---"] * 5))
    needed = set(needs.courses_without_trainer)
    for course in trainers.courses:
        finding = ""
        if course.without_trainer:
            finding = "TRN006: no qualified trainer" + (
                "; the plan needs it" if course.course in needed else ""
            )
        elif not course.restricted:
            finding = "no trainer requirement"
        who = ", ".join(name(p) for p in course.trainers)
        out.append(
            markdown_row([course.course, course.name, str(len(course.trainers)), who, finding])
        )
    if trainers.without_trainer:
        out.append(
            "\nNo qualified in-house trainer for: "
            f"{markdown_text(', '.join(trainers.without_trainer))} (TRN006).\n"
        )
    return "".join(out)


def _actions_csv(needs: TrainingNeeds, _: TrainerCapacity, name: Namer) -> str:
    rows: list[Sequence[object]] = [["person", "label", "crew", "kind", "item", "closes"]]
    for action in needs.actions:
        rows.append(
            (
                action.person,
                name(action.person),
                action.crew,
                action.kind.value,
                action.item,
                ";".join(action.closes),
            )
        )
    return _csv(rows)


def _gaps_csv(needs: TrainingNeeds, _: TrainerCapacity, name: Namer) -> str:
    columns = ["crew", "vessel", "role", "kind", "required", "counted", "needed"]
    rows: list[Sequence[object]] = [[*columns, "filled_by", "filled_by_labels", "unmet"]]
    for gap in needs.gaps:
        labels = ";".join(name(p) for p in gap.filled_by)
        rows.append(
            (
                gap.crew,
                gap.vessel,
                gap.role,
                gap.kind,
                gap.required,
                gap.counted,
                gap.needed,
                ";".join(gap.filled_by),
                labels,
                gap.unmet,
            )
        )
    return _csv(rows)


def _trainers_csv(needs: TrainingNeeds, trainers: TrainerCapacity, name: Namer) -> str:
    columns = ["course", "name", "trainer_courses", "trainer_certificates", "trainers"]
    rows: list[Sequence[object]] = [
        [*columns, "trainer_labels", "without_trainer", "needed_by_plan"]
    ]
    needed = set(needs.courses_without_trainer)
    for course in trainers.courses:
        labels = ";".join(name(p) for p in course.trainers)
        rows.append(
            (
                course.course,
                course.name,
                ";".join(course.trainer_courses),
                ";".join(course.trainer_certificates),
                ";".join(course.trainers),
                labels,
                _yes(course.without_trainer),
                _yes(course.course in needed),
            )
        )
    return _csv(rows)
