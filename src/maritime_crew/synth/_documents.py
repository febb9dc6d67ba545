"""The SEMS register of a squadron, its operations of 2020/21 and their debriefs.

Each squadron keeps local versions of the example fleet's SOPs and risk assessments
(``SOP-BRD-01`` for the first squadron, ``SOP-BRD-02`` for the second …), listing its own
vessels; the first squadron also holds the fleet-wide policy, guidance and procedures.
Versions follow each other in date order, each approved before it takes effect, and a
review is recorded whenever one falls due, so every register is compliant on the
reference date. Operations are debriefed within a week; a debrief finding that needs a
document revised or reviewed is closed by a version that addresses it, on or before its
due date, or is still open and not yet due.

Planted, when the caller asks: a document whose review is overdue (DOC001), an operation
with no debrief (DOC005) and a debrief action overdue, its revision still a draft
(DOC006).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from ._catalogue import Record
from ._dates import REFERENCE, Date, add_months, days

__all__ = ["Register", "register"]

_HEAD = "Head of Maritime Operations"
_OPS = "Maritime Operations Lead"
_ENG = "Marine Engineering Lead"

# (id prefix, kind, title, owner, review interval in months, approver)
_FLEET_DOCUMENTS = [
    (
        "POL-SEMS",
        "policy",
        "Safety and Environmental Management System policy",
        "Director Maritime",
        24,
        "Director Maritime",
    ),
    (
        "GUI-FAT",
        "guidance",
        "Fatigue management and hours of rest",
        _HEAD,
        24,
        "Director Maritime",
    ),
    (
        "PRO-KIT",
        "procedure",
        "Issue, care and servicing of personal protective equipment",
        "Kit Manager",
        24,
        _HEAD,
    ),
    (
        "PRO-TRN",
        "procedure",
        "Maritime training offer and trainer qualification",
        "Maritime Training Lead",
        24,
        "Director Maritime",
    ),
]
_LOCAL_DOCUMENTS = [
    ("SOP-BRD", "sop", "Boarding of vessels at sea", _OPS, 12, _HEAD),
    ("SOP-SAR", "sop", "Search and rescue response", _OPS, 12, _HEAD),
    ("SOP-SBO", "sop", "Launch and recovery of the sea boat", _OPS, 12, _HEAD),
    ("SOP-POB", "sop", "Person overboard recovery", _OPS, 12, _HEAD),
    ("SOP-FIRE", "sop", "Fire fighting at sea", _ENG, 12, _HEAD),
    ("SOP-ENG", "sop", "Machinery space isolation and entry", _ENG, 12, _HEAD),
    ("SOP-RES", "sop", "Rescue of people from small craft", _OPS, 12, _HEAD),
    ("RA-BRD", "risk-assessment", "Boarding operations risk assessment", _OPS, 12, _HEAD),
    ("RA-SBO", "risk-assessment", "Sea boat operations risk assessment", _OPS, 12, _HEAD),
]
_CUTTERS_ONLY = {"SOP-RES"}

# Operation kind -> (name, finding summaries as (summary, document prefix or None)).
_OPERATIONS: dict[str, tuple[list[str], list[tuple[str, str | None]]]] = {
    "boarding": (
        ["Boarding of a yacht", "Boarding of a cargo vessel", "Boarding of a fishing vessel"],
        [
            ("A boarding officer slipped stepping across in a swell.", "SOP-BRD"),
            ("Body armour hampered climbing a high freeboard.", "RA-BRD"),
            ("Radio checks before boarding worked well.", None),
        ],
    ),
    "search-and-rescue": (
        ["Search for a missing kayaker", "Search for a fishing vessel's crew"],
        [
            ("No procedure for handing survivors over to a lifeboat crew at sea.", "SOP-SAR"),
            ("A casualty was recovered over the side without a recovery net.", "SOP-POB"),
            ("Hand-over to the lifeboat was smooth.", None),
        ],
    ),
    "exercise": (
        ["Night sea boat recovery exercise", "Engine room fire exercise"],
        [
            ("Recovery at night in sea state 5 put the boat crew at risk.", "SOP-SBO"),
            ("The sea boat's davit brake was slow to release.", "RA-SBO"),
            ("Boundary cooling started later than the drill requires.", "SOP-FIRE"),
        ],
    ),
    "small-craft-rescue": (
        ["Rescue of people from a small craft"],
        [
            ("The casualty count at the boarding point was unclear.", "SOP-RES"),
            ("Lifejackets for survivors ran short.", "SOP-RES"),
            ("Medical triage on deck worked well.", None),
        ],
    ),
    "interdiction": (
        ["Interception of a rigid-hull inflatable", "Interception of a fast boat"],
        [
            ("The pursuit exceeded the sea boat's limits in the dark.", "SOP-SBO"),
            ("The approach briefing did not cover a second vessel.", "SOP-BRD"),
            ("Coordination with the coastguard worked well.", None),
        ],
    ),
    "vessel-search": (
        ["Search of a vessel alongside", "Search of a vessel at anchor"],
        [
            ("A machinery space was entered before it was isolated.", "SOP-ENG"),
            ("Search teams lacked gas detectors for a fish hold.", "RA-BRD"),
            ("The search plan was followed throughout.", None),
        ],
    ),
}
_KINDS = sorted(_OPERATIONS)


@dataclass
class Register:
    """A squadron's documents, operations and debriefs."""

    documents: list[Record] = field(default_factory=list)
    operations: list[Record] = field(default_factory=list)
    debriefs: list[Record] = field(default_factory=list)


@dataclass
class _Action:
    finding: str
    document: str
    held: Date
    due: Date
    closed_on: Date | None  # effective date of the version that closes it
    draft: bool  # addressed by a draft only


def _label(major: int, minor: int) -> str:
    return f"{major}.{minor}"


def register(
    rng: random.Random,
    number: int,
    vessels: list[Record],
    crew_aboard: Callable[[str, Date], str],
    led_by: Callable[[str], str],
    op_numbers: dict[int, int],
    *,
    overdue_review: bool,
    undebriefed: bool,
    overdue_action: bool,
) -> Register:
    """The register, operations and debriefs of squadron ``number`` (from 1).

    ``crew_aboard(vessel, date)`` names the crew aboard, ``led_by(crew)`` the staff number
    of its commander; ``op_numbers`` counts operations per year across squadrons, for
    their ids. The three flags plant a DOC001, a DOC005 and a DOC006 problem.
    """
    result = Register()
    cutters = [v["id"] for v in vessels if v["type"] == "cutter"]
    local = [v["id"] for v in vessels]
    templates: list[tuple[tuple[str, str, str, str, int, str], list[str] | None]] = (
        [(t, None) for t in _FLEET_DOCUMENTS] if number == 1 else []
    )
    if local:
        templates += [
            (t, cutters if t[0] in _CUTTERS_ONLY else local)
            for t in _LOCAL_DOCUMENTS
            if t[0] not in _CUTTERS_ONLY or cutters
        ]
    ids = {t[0]: f"{t[0]}-{number:02d}" for t, _ in templates}
    overdue = ""
    if overdue_review:
        choices = [t[0] for t, _ in templates if t[4] == 12]
        overdue = ids[rng.choice(choices)] if choices else ""

    actions: dict[str, list[_Action]] = {}
    if vessels:
        _operations(rng, result, vessels, crew_aboard, led_by, op_numbers, ids, overdue, actions)
        if undebriefed:
            _undebriefed(rng, result, vessels, crew_aboard, op_numbers)
        if overdue_action:
            closed = [a for acts in actions.values() for a in acts if a.closed_on is not None]
            if closed:
                chosen = rng.choice(closed)
                chosen.closed_on = None
                chosen.draft = True
    for template, applies in templates:
        result.documents.append(
            _document(
                rng, template, ids[template[0]], applies, actions, ids[template[0]] == overdue
            )
        )
    return result


def _operations(
    rng: random.Random,
    result: Register,
    vessels: list[Record],
    crew_aboard: Callable[[str, Date], str],
    led_by: Callable[[str], str],
    op_numbers: dict[int, int],
    ids: dict[str, str],
    overdue: str,
    actions: dict[str, list[_Action]],
) -> None:
    count = max(1, round(len(vessels) * rng.randint(9, 13) / 8))
    planned = []
    for _ in range(count):
        vessel = rng.choice(vessels)["id"]
        kind = rng.choice(_KINDS)
        start = Date(2020, 4, 1) + days(rng.randint(0, 360))
        planned.append((start, vessel, kind, rng.choice([0, 0, 0, 1, 2])))
    planned.sort()
    for start, vessel, kind, length in planned:
        names, findings = _OPERATIONS[kind]
        oid = _operation_id(start, op_numbers)
        end = start + days(length) if length else None
        crew = crew_aboard(vessel, start)
        operation: Record = {"id": oid, "vessel": vessel, "kind": kind, "start": start}
        if end is not None:
            operation["end"] = end
        if rng.random() < 0.7:
            operation["name"] = rng.choice(names)
        operation["crew"] = crew
        result.operations.append(operation)
        held = (end or start) + days(rng.randint(1, 7))
        if held > REFERENCE:
            continue  # still within the 14 days a debrief may take
        debrief: Record = {
            "id": "DB" + oid[2:],
            "operation": oid,
            "date": held,
            "vessel": vessel,
            "led_by": led_by(crew),
        }
        items = []
        for index in range(rng.choice([0, 1, 1, 2])):
            summary, prefix = rng.choice(findings)
            item: Record = {"id": f"DBF{oid[2:]}-{index + 1}", "summary": summary}
            document = ids.get(prefix) if prefix else None
            if document is not None and document != overdue:
                due = held + days(rng.randint(45, 120))
                item["document"] = document
                item["action"] = "revise" if rng.random() < 0.7 else "review"
                item["due"] = due
                closed_on = None
                if due < REFERENCE:
                    closed_on = held + days(rng.randint(7, (due - held).days - 1))
                draft = closed_on is None and rng.random() < 0.5
                actions.setdefault(document, []).append(
                    _Action(item["id"], document, held, due, closed_on, draft)
                )
            items.append(item)
        if items:
            debrief["findings"] = items
        result.debriefs.append(debrief)


def _operation_id(start: Date, op_numbers: dict[int, int]) -> str:
    op_numbers[start.year] = op_numbers.get(start.year, 0) + 1
    return f"OP-{start.year}-{op_numbers[start.year]:03d}"


def _undebriefed(
    rng: random.Random,
    result: Register,
    vessels: list[Record],
    crew_aboard: Callable[[str, Date], str],
    op_numbers: dict[int, int],
) -> None:
    """PLANTED DOC005: an interdiction early in 2021 that was never debriefed."""
    vessel = rng.choice(vessels)["id"]
    start = Date(2021, 1, 15) + days(rng.randint(0, 50))
    result.operations.append(
        {
            "id": _operation_id(start, op_numbers),
            "vessel": vessel,
            "kind": "interdiction",
            "start": start,
            "name": "Interception of a rigid-hull inflatable",
            "crew": crew_aboard(vessel, start),
        }
    )


def _document(
    rng: random.Random,
    template: tuple[str, str, str, str, int, str],
    doc_id: str,
    applies: list[str] | None,
    actions: dict[str, list[_Action]],
    overdue: bool,
) -> Record:
    """One document with its versions and reviews (see the module documentation)."""
    _, kind, title, owner, months, approver = template
    # PLANTED DOC001: nothing has happened to an overdue document for over its interval.
    until = add_months(REFERENCE, -months) - days(rng.randint(5, 150)) if overdue else REFERENCE
    base_until = min(until, Date(2020, 3, 31))
    effective = [Date(2016, 1, 4) + days(rng.randint(0, 1000))]
    while True:
        following = effective[-1] + days(rng.randint(250, 800))
        if following > base_until:
            break
        effective.append(following)
    effective = [d for d in effective if d <= base_until] or [base_until - days(400)]
    mine = actions.get(doc_id, [])
    closing: dict[Date, list[str]] = {}
    for action in sorted(mine, key=lambda a: (a.closed_on or REFERENCE, a.finding)):
        if action.closed_on is not None:
            closing.setdefault(action.closed_on, []).append(action.finding)
    versions: list[Record] = []
    major, minor = 1, 0
    dates: list[tuple[Date, list[str]]] = [(d, []) for d in effective]
    dates += sorted(closing.items())
    for index, (day, addresses) in enumerate(dates):
        if index:
            if rng.random() < 0.3:
                major, minor = major + 1, 0
            else:
                minor += 1
        version: Record = {
            "label": _label(major, minor),
            "status": "approved" if index == len(dates) - 1 else "superseded",
            "effective": day,
            "approved_by": approver,
            "approved_on": day - days(rng.randint(3, 20)),
        }
        if index:
            version["supersedes"] = versions[-1]["label"]
            version["summary"] = (
                "Revised after debrief finding " + " and ".join(addresses) + "."
                if addresses
                else "Periodic revision."
            )
        if addresses:
            version["addresses"] = addresses
        versions.append(version)
    drafts = [a.finding for a in mine if a.draft]
    if drafts:
        # PLANTED DOC006 when one of these is past its due date: the revision is a draft.
        versions.append(
            {
                "label": _label(major, minor + 1),
                "status": "draft",
                "supersedes": versions[-1]["label"],
                "summary": "Draft revision after debrief finding " + " and ".join(drafts) + ".",
                "addresses": drafts,
            }
        )
    reviews = []
    last = dates[0][0]
    upcoming = [d for d, _ in dates[1:]]
    while True:
        review = add_months(last, months) - days(rng.randint(10, 60))
        if upcoming and upcoming[0] <= review:
            last = upcoming.pop(0)
            continue
        if review > until - days(3):
            break
        reviews.append({"date": review, "by": "SEMS manager", "outcome": "No change required"})
        last = review
    record: Record = {
        "id": doc_id,
        "kind": kind,
        "title": title,
        "owner": owner,
        "review_interval": f"P{months}M",
    }
    if applies is not None:
        record["vessels"] = applies
    record["versions"] = versions
    if reviews:
        record["reviews"] = reviews
    return record
