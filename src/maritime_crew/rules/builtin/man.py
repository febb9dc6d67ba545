"""MAN: manning and resilience of vessels and crews (seed C2, C9)."""

from __future__ import annotations

from collections.abc import Iterator

from ...facts import RoleCover, RoleStatus, Subjects, View
from ...model import Crew, Subject, Vessel
from .._context import Context
from .._finding import Finding
from .._severity import Severity
from ._registry import builtin


def _lacks(status: RoleStatus) -> str:
    parts = (
        [f"course {c}" for c in status.missing_courses]
        + [f"certificate {c}" for c in status.missing_certificates]
        + [f"kit {k}" for k in status.missing_kit]
    )
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{status.person} lacks {listed}"


def _who(cover: RoleCover) -> str:
    if not cover.qualified and not cover.unqualified:
        return "no member in service holds the duty role"
    people = [f"{person} qualified" for person in cover.qualified]
    people += [_lacks(status) for status in cover.unqualified]
    return "; ".join(people)


def _manned_or_uncrewed(view: View, record: Crew | Vessel) -> bool:
    """A crew assigned to a known vessel, or a vessel needing people that has no crew."""
    if isinstance(record, Crew):
        return view.vessel_of(record) is not None
    return any(e.count > 0 for e in record.complement) and not view.fleet.crews_of(record.id)


MANNED_OR_UNCREWED = Subjects(
    "crews assigned to a vessel, and vessels needing a complement that no crew is assigned to",
    ("crew", "vessel"),
    _manned_or_uncrewed,
)
"""MAN001's subjects: a crew is checked against its vessel's complement; a vessel with
no crew is reported as such."""

AT_SEA = Subjects(
    "crews assigned to a vessel", ("crew",), lambda view, crew: view.vessel_of(crew) is not None
)
"""Crews whose vessel the fleet has: the ones that man a complement."""


@builtin(
    code="MAN001",
    name="complement-not-filled",
    severity=Severity.ERROR,
    summary="A crew cannot fill its vessel's required complement with qualified people.",
    rationale="The command committed to engage staff on its capacity (seed commitment C2) "
    "and to a skills audit of who is qualified for which duty role (C9): a vessel sails "
    "only with its required complement qualified on the day. A member is counted for a "
    "role when they hold it and meet its certificates, courses and kit. One person may "
    "count toward several roles (a commander who is also a boarding officer), as the "
    "complement is a count per role, not of berths.",
    source="seed C2, C9",
    example="Vigilant A can fill 1 of 2 coxswain places with qualified people on 2021-03-31 "
    "(BF1003 qualified; BF1010 lacks course fast-rescue-boat).",
    fix="Qualify the members who hold the role (training, certificates, kit), give the role "
    "to another qualified member, or move a qualified person into the crew.",
    each=MANNED_OR_UNCREWED,
)
def complement_not_filled(subject: Crew | Vessel, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    if isinstance(subject, Vessel):
        required = {e.role: subject.required(e.role) for e in subject.complement if e.count > 0}
        roles = ", ".join(f"{count} {role}" for role, count in required.items())
        yield ctx.finding(
            Subject("vessel", subject.id),
            f"{subject.name} requires a complement ({roles}) but no crew is assigned to it",
            details={"complement": required},
        )
        return
    crew, vessel = subject, view.vessel_of(subject)
    assert vessel is not None  # MANNED_OR_UNCREWED keeps crews with a known vessel
    for cover in view.role_covers(crew, vessel):
        if len(cover.qualified) >= cover.required:
            continue
        yield ctx.finding(
            Subject("crew", crew.id),
            f"{crew.name} can fill {len(cover.qualified)} of {cover.required} "
            f"{cover.role} places with qualified people on {view.date} ({_who(cover)})",
            details={
                "vessel": vessel.id,
                "role": cover.role,
                "required": cover.required,
                "qualified": list(cover.qualified),
                "unqualified": {
                    status.person: {
                        "courses": list(status.missing_courses),
                        "certificates": list(status.missing_certificates),
                        "kit": list(status.missing_kit),
                    }
                    for status in cover.unqualified
                },
            },
        )


@builtin(
    code="MAN002",
    name="single-qualified-person",
    severity=Severity.WARNING,
    summary="Only one member of a crew is qualified for a role the vessel requires.",
    rationale="The command committed to multi-skilling for resilience (seed commitment C9): "
    "a role covered by one qualified person is a single point of failure, as leave, "
    "sickness or a lapsed certificate leaves the vessel unable to sail. Roles that already "
    "cannot be filled are MAN001's.",
    source="seed C9",
    example="In Vigilant A only BF1017 is qualified as medic on 2021-03-31.",
    fix="Train and qualify a second member of the crew for the role.",
    each=AT_SEA,
)
def single_qualified_person(crew: Crew, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    vessel = view.vessel_of(crew)
    assert vessel is not None  # AT_SEA keeps crews with a known vessel
    for cover in view.role_covers(crew, vessel):
        if not cover.single_point:
            continue
        (only,) = cover.qualified
        yield ctx.finding(
            Subject("crew", crew.id),
            f"in {crew.name} only {only} is qualified as {cover.role} on {view.date}; "
            "no one else can cover the role",
            details={"vessel": vessel.id, "role": cover.role, "qualified": only},
        )


@builtin(
    code="MAN003",
    name="crew-below-size",
    severity=Severity.WARNING,
    summary="A crew has fewer members in service than its vessel's crew size.",
    rationale="A vessel's crew size is the number aboard a full crew; a crew short of it "
    "cannot sail without relief from other crews (seed commitment C2, capacity).",
    source="seed C2",
    example="Vigilant A has 9 members in service on 2021-03-31; HMC Vigilant needs a crew "
    "of 12 (3 short).",
    fix="Post people into the crew (with their `crew` and `crew_since`), or correct the "
    "vessel's crew size.",
    each=AT_SEA,
)
def crew_below_size(crew: Crew, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    vessel = view.vessel_of(crew)
    assert vessel is not None  # AT_SEA keeps crews with a known vessel
    if vessel.crew_size is None:
        return
    members = len(view.crew_members(crew))
    if members >= vessel.crew_size:
        return
    yield ctx.finding(
        Subject("crew", crew.id),
        f"{crew.name} has {members} members in service on {view.date}; {vessel.name} "
        f"needs a crew of {vessel.crew_size} ({vessel.crew_size - members} short)",
        details={
            "vessel": vessel.id,
            "members": members,
            "crew_size": vessel.crew_size,
            "short": vessel.crew_size - members,
        },
    )
