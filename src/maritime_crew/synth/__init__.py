"""Synthetic fleets of any size, for testing tools at scale.

``python -m maritime_crew.synth --people 10000 OUT`` writes a dataset directory laid out
like ``examples/fleet``; :func:`generate` returns the same data as plain Python, and
:func:`write` writes it. Both are deterministic: the same ``people`` and ``seed`` always
give the same data and byte-identical files, drawn from one ``random.Random(seed)``.

**Proportions.** A fleet is built of squadrons shaped like the example fleet: 157 people
on 8 vessels (5 cutters with two crews of 12, 3 coastal patrol vessels with two crews of
5), 4 in-house trainers ashore and 3 more people (a rating who replaced a leaver, an
apprentice under 18, a recent joiner). N people make N // 157 such squadrons plus a
smaller one for the rest, so a fleet has about 8 vessels per 157 people and exactly N people.
Each crew member holds the certificates, courses and kit of their grade and duty roles
(about 5 certificates, 3.5 training records and 3 items of kit a person, as in the
example, counting its basic training certificates as one); every item has its service
history. Crews rotate 14 days aboard and 14 ashore from April 2014 to June 2021, and each
person's grade is backed by the sea time it needs.
Each squadron has its own SOPs and risk assessments with versions and reviews (the first
also holds the fleet-wide policy and procedures), about 11 operations in 2020/21 with
their debriefs, and one crew-month of hours of work (one crew in sixteen, as a CSV file
with UTC offsets); with ``hours="watch"``, every person's hours instead, on a
watch-keeping pattern, for the ``days`` days up to the reference date (see
``maritime_crew.synth._watch``). The catalogue (12 certificate types, 11 courses, 7
duty roles, the deck and engineering pathways, 5 equipment types) and the 2012 and 2021
terms are the example's, except that STCW VI/1 basic training is one certificate type,
valid 5 years, where the example records its four elements and adds STCW VI/2 and VI/6:
synthetic fleets keep the size and shape that benchmarks have compared over time.

**What is planted.** Everything is compliant on the reference date, 31 March 2021
(:data:`REFERENCE`), except problems planted at small seeded rates (see ``RATES`` in
``maritime_crew.synth._fleet``). Each crew member has at most one, with a total chance of
about 4.4%: a required certificate expired (CERT001; a quarter of them waived) or expiring
within 90 days (CERT002), a course lapsed (TRN001) or lapsing (TRN002), kit handed in and
not replaced (EQP001), issued in the wrong size (EQP002), overdue for service (EQP003),
past its shelf life (EQP004) or lost and still issued (EQP005), a grade taken up without
the sea time (PATH001). Per squadron, each with a chance between 15% and 50%: a trainer
whose qualification lapsed while they delivered a course (TRN005), a crew member who left
without a replacement (MAN003, and MAN001 or MAN002 when they were needed), a joiner
with no terms (TERMS001), a document review overdue (DOC001), an operation not debriefed
(DOC005), a debrief action overdue (DOC006), and a long working day in the hours of work
(REST001, REST005, often REST003 or REST004; with watch-keeping hours, a long day for
one person in a hundred instead). Problems follow from these too, as they would: an
expired certificate or a lapsed course can leave a crew short of a qualified role
(MAN001, MAN002). So ``check(fleet, as_of="2021-03-31")`` finds a few problems in most
squadrons, in every rule family but DATA, and none without a planted cause. A fleet of
fewer than four people lacks some in-house trainers, which TRN006 reports.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from ._catalogue import (
    CERTIFICATE_TYPES,
    COURSES,
    DUTY_ROLES,
    EQUIPMENT_TYPES,
    PATHWAYS,
    Record,
)
from ._dates import REFERENCE
from ._fleet import FleetBuilder, Squadron, plans
from ._terms import terms
from ._toml import csv_work_periods, table
from ._watch import DEFAULT_DAYS, Period, WatchHours

__all__ = ["REFERENCE", "generate", "write"]

TABLES = (
    "vessel",
    "crew",
    "person",
    "deployment",
    "certificate_type",
    "course",
    "duty_role",
    "pathway",
    "equipment_type",
    "equipment_item",
    "document",
    "operation",
    "debrief",
    "terms",
    "work_period",
    "waiver",
)
"""The tables a synthetic fleet fills, in the documented order."""

Hours = Literal["crew-month", "watch"]
"""What hours of work a synthetic fleet has: one crew-month a squadron, or everyone's watches."""
HOURS: tuple[Hours, ...] = ("crew-month", "watch")
"""The kinds of :data:`Hours`, the default first."""


def _catalogue() -> dict[str, list[Record]]:
    return copy.deepcopy(
        {
            "certificate_type": CERTIFICATE_TYPES,
            "course": COURSES,
            "duty_role": DUTY_ROLES,
            "pathway": PATHWAYS,
            "equipment_type": EQUIPMENT_TYPES,
            "terms": terms(),
        }
    )


def _clean(value: Any) -> Any:
    """The value without fields set to ``None``, at any depth."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _watch_hours(hours: Hours, days: int | None, seed: int) -> WatchHours | None:
    """The generator of watch-keeping hours the arguments ask for, if any."""
    if hours not in HOURS:
        raise ValueError(f"hours must be one of {', '.join(HOURS)}, not {hours!r}")
    if hours != "watch":
        if days is not None:
            raise ValueError("days applies only to watch-keeping hours (hours='watch')")
        return None
    return WatchHours(seed, DEFAULT_DAYS if days is None else days)


def _watches(
    watch: WatchHours, squadron: Squadron, number: int
) -> Iterator[tuple[str, list[Period]]]:
    """A squadron's watch-keeping hours by file name (see :meth:`WatchHours.squadron`)."""
    cutters = {v["id"] for v in squadron.vessels if v["type"] == "cutter"}
    vessel_of = {c["id"]: c["vessel"] for c in squadron.crews}
    return watch.squadron(
        squadron.people,
        vessel_of,
        {crew for crew, vessel in vessel_of.items() if vessel in cutters},
        f"shore-{number}",
    )


def generate(
    people: int, *, seed: int = 0, hours: Hours = "crew-month", days: int | None = None
) -> dict[str, list[dict[str, Any]]]:
    """A synthetic fleet of exactly ``people`` people, as plain data in the dataset format.

    The result maps each table name (``vessel``, ``person``, ``work_period`` …) to its
    records: dictionaries of text, whole numbers, :class:`decimal.Decimal`,
    :class:`datetime.date` and time-zone-aware :class:`datetime.datetime` values, and
    lists and dictionaries of them, as ``tomli_w`` writes and :func:`maritime_crew.load`
    reads. The same ``people`` and ``seed`` always give the same data. See the module
    documentation for the proportions and the problems planted.

    ``hours`` chooses the hours of work: ``"crew-month"`` (the default) is one
    crew-month a squadron; ``"watch"`` is every person's hours on a watch-keeping
    pattern (4-on/8-off, 6-on/6-off, day work or a split shift) for the ``days`` days
    (default 30) up to 31 March 2021. The rest of the fleet is the same either way.

    The whole fleet is held in memory, about 25 KB a person (2.4 GB for 100,000 people)
    and 300 bytes a work period; :func:`write` builds and writes one squadron at a time
    instead.

    Raises :class:`ValueError` if ``people`` or ``days`` is less than 1, if ``hours``
    is neither of those, or if ``days`` is given without ``hours="watch"``.
    """
    plans(people)  # reject a bad size before building anything
    watch = _watch_hours(hours, days, seed)
    tables: dict[str, list[Record]] = {name: [] for name in TABLES}
    tables.update(_catalogue())
    for number, squadron in enumerate(FleetBuilder(seed).squadrons(people), 1):
        tables["vessel"] += squadron.vessels
        tables["crew"] += squadron.crews
        for group in squadron.people.values():
            tables["person"] += group
        tables["deployment"] += squadron.deployments
        tables["equipment_item"] += squadron.items
        tables["document"] += squadron.documents
        tables["operation"] += squadron.operations
        tables["debrief"] += squadron.debriefs
        if watch is None:
            for periods in squadron.hours.values():
                tables["work_period"] += periods
        else:
            for _, watches in _watches(watch, squadron, number):
                tables["work_period"] += watch.records(watches)
        tables["waiver"] += squadron.waivers
    return {name: [_clean(record) for record in tables[name]] for name in TABLES}


@dataclass(frozen=True)
class Counts:
    """How many of each kind of record :func:`write` wrote."""

    people: int = 0
    vessels: int = 0
    crews: int = 0
    items: int = 0
    deployments: int = 0
    documents: int = 0
    operations: int = 0
    work_periods: int = 0

    def summary(self) -> str:
        """One line: the counts in words."""
        return (
            f"{_n(self.people, 'person', 'people')}, {_n(self.vessels, 'vessel')} "
            f"({_n(self.crews, 'crew')}), {_n(self.items, 'equipment item')}, "
            f"{_n(self.deployments, 'deployment')}, {_n(self.documents, 'document')}, "
            f"{_n(self.operations, 'operation')} and {_n(self.work_periods, 'work period')}"
        )


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


class _File:
    """A dataset file written a table at a time: a header, then blocks of records."""

    def __init__(self, path: Path, header: str, comment: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle: IO[str] = path.open("w", encoding="utf-8", newline="\n")
        comment_lines = "\n".join(f"# {line}" for line in comment.split("\n"))
        self.handle.write(f"{header}\n{comment_lines}\n")

    def add(self, name: str, records: list[Record]) -> None:
        if records:
            self.handle.write("\n" + table(name, records))

    def close(self) -> None:
        self.handle.close()


def _empty_or_missing(out: Path) -> bool:
    if not out.exists():
        return True
    return out.is_dir() and next(out.iterdir(), None) is None


def write(
    out: str | os.PathLike[str],
    people: int,
    *,
    seed: int = 0,
    hours: Hours = "crew-month",
    days: int | None = None,
) -> None:
    """Write a synthetic fleet of ``people`` people to the directory ``out``.

    The files are laid out as in ``examples/fleet``: ``vessels.toml`` (vessels and
    crews), ``catalogue.toml``, ``pathways.toml``, ``equipment.toml`` (types and items),
    ``people/<crew>.toml`` for each crew and ``people/shore.toml`` for the trainers,
    ``deployments.toml``, ``documents.toml``, ``operations.toml`` (operations and
    debriefs), ``terms.toml``, ``hours/<crew>-<month>.csv`` and ``waivers.toml``. The
    data is that of :func:`generate` with the same arguments, built and written one
    squadron at a time, so memory stays small however large the fleet. With
    ``hours="watch"``, each crew's hours are a file a month and the hours of the people
    ashore of each squadron too (``hours/shore-<squadron>-<month>.csv``).

    Raises :class:`FileExistsError` if ``out`` exists and is not an empty directory, and
    :class:`ValueError` for the arguments :func:`generate` refuses.
    """
    write_counted(Path(out), people, seed=seed, hours=hours, days=days)


def write_counted(
    root: Path,
    people: int,
    *,
    seed: int = 0,
    hours: Hours = "crew-month",
    days: int | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> Counts:
    """:func:`write`, returning the counts of what was written (for the command line).

    ``progress``, if given, is called after each squadron with the people written so far
    and ``people``.
    """
    if not _empty_or_missing(root):
        raise FileExistsError(f"{root} exists and is not an empty directory")
    plans(people)
    watch = _watch_hours(hours, days, seed)
    root.mkdir(parents=True, exist_ok=True)
    options = "" if watch is None else f" --hours watch --days {watch.days}"
    header = (
        f"# Generated by python -m maritime_crew.synth --people {people} --seed {seed}"
        f"{options}: a synthetic fleet.\n"
    )
    catalogue = _catalogue()
    static = {
        "catalogue.toml": [
            ("certificate_type", "Certificates people hold."),
            ("course", "The maritime training offer."),
            ("duty_role", "Duty roles aboard, with what each requires."),
        ],
        "pathways.toml": [("pathway", "Career pathways.")],
        "terms.toml": [("terms", "Crew terms and conditions.")],
    }
    for name, parts in static.items():
        text = "\n".join(table(t, catalogue[t], comment) for t, comment in parts)
        (root / name).write_text(f"{header}\n{text.rstrip()}\n", encoding="utf-8", newline="\n")

    streams = {
        "deployment": _File(
            root / "deployments.toml",
            header,
            "Crew rotations since April 2014, planned to June 2021.",
        ),
        "equipment_item": _File(
            root / "equipment.toml", header, "Personal equipment and every item, with its history."
        ),
    }
    streams["equipment_item"].add("equipment_type", catalogue["equipment_type"])
    shore: _File | None = None
    held: dict[str, list[str]] = {name: [] for name in ("vessel", "crew", "document")}
    held.update({"operation": [], "debrief": [], "waiver": []})
    counts = dict.fromkeys(Counts.__dataclass_fields__, 0)
    try:
        for number, squadron in enumerate(FleetBuilder(seed).squadrons(people), 1):
            streams["deployment"].add("deployment", squadron.deployments)
            streams["equipment_item"].add("equipment_item", squadron.items)
            for group, records in squadron.people.items():
                if group == "shore":
                    if shore is None:
                        shore = _File(
                            root / "people" / "shore.toml", header, "Trainers and staff ashore."
                        )
                    shore.add("person", records)
                else:
                    crew = _File(root / "people" / f"{group}.toml", header, f"Crew {group}.")
                    crew.add("person", records)
                    crew.close()
            if watch is None:
                for stem, periods in squadron.hours.items():
                    _write_hours(root, stem, csv_work_periods(periods))
                counts["work_periods"] += sum(len(p) for p in squadron.hours.values())
            else:
                for stem, watches in _watches(watch, squadron, number):
                    _write_hours(root, stem, watch.csv(watches))
                    counts["work_periods"] += len(watches)
            _hold(held, squadron)
            _count(counts, squadron)
            if progress is not None:
                progress(counts["people"], people)
    finally:
        for stream in streams.values():
            stream.close()
        if shore is not None:
            shore.close()
    files = {
        "vessels.toml": [
            ("vessel", "The fleet."),
            ("crew", "Two crews a vessel, 14 days on, 14 off."),
        ],
        "documents.toml": [("document", "The SEMS register.")],
        "operations.toml": [("operation", "Operations of 2020/21."), ("debrief", "Debriefs.")],
        "waivers.toml": [("waiver", "Dispensations granted.")],
    }
    for name, parts in files.items():
        blocks = [f"# {comment}\n\n" + "\n".join(held[t]) for t, comment in parts]
        text = "\n".join(block.rstrip("\n") + "\n" for block in blocks)
        (root / name).write_text(f"{header}\n{text}", encoding="utf-8", newline="\n")
    return Counts(**counts)


def _write_hours(root: Path, stem: str, text: str) -> None:
    path = root / "hours" / f"{stem}.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _hold(held: dict[str, list[str]], squadron: Squadron) -> None:
    """Keep the text of the small tables, written once every squadron is built."""
    for name, records in (
        ("vessel", squadron.vessels),
        ("crew", squadron.crews),
        ("document", squadron.documents),
        ("operation", squadron.operations),
        ("debrief", squadron.debriefs),
        ("waiver", squadron.waivers),
    ):
        if records:
            held[name].append(table(name, records))


def _count(counts: dict[str, int], squadron: Squadron) -> None:
    counts["people"] += sum(len(group) for group in squadron.people.values())
    counts["vessels"] += len(squadron.vessels)
    counts["crews"] += len(squadron.crews)
    counts["items"] += len(squadron.items)
    counts["deployments"] += len(squadron.deployments)
    counts["documents"] += len(squadron.documents)
    counts["operations"] += len(squadron.operations)
