"""MAN: manning and resilience of vessels and crews (seed C2, C9)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ... import facts
from ...model import Fleet, Subject
from .._changes import held_days, service_days
from .._finding import Finding
from .._rule import Context
from .._severity import Severity
from ._registry import builtin


def _lacks(status: facts.RoleStatus) -> str:
    parts = (
        [f"course {c}" for c in status.missing_courses]
        + [f"certificate {c}" for c in status.missing_certificates]
        + [f"kit {k}" for k in status.missing_kit]
    )
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{status.person} lacks {listed}"


def _who(cover: facts.RoleCover) -> str:
    if not cover.qualified and not cover.unqualified:
        return "no member in service holds the duty role"
    people = [f"{person} qualified" for person in cover.qualified]
    people += [_lacks(status) for status in cover.unqualified]
    return "; ".join(people)


def _manning_days(fleet: Fleet, params: Mapping[str, Any]) -> Iterable[datetime.date]:
    """Change points of the MAN rules.

    Days on which a crew member joins, leaves or joins the crew, or gains or loses a
    certificate, course or item of kit that a duty role of a vessel's complement needs.
    """
    roles = [fleet.duty_role(entry.role) for v in fleet.vessels for entry in v.complement]
    certificates = {c for role in roles if role is not None for c in role.certificates}
    courses = {c for role in roles if role is not None for c in role.courses}
    kit = {k for role in roles if role is not None for k in role.kit}
    days: set[datetime.date] = set()
    for person in fleet.people:
        days.update(service_days(person))
        days.update(held_days(fleet, person, "certificates", certificates))
        days.update(held_days(fleet, person, "training", courses))
        if person.crew_since is not None:
            days.add(person.crew_since)
        for issue in person.issues:
            item = fleet.equipment_item(issue.item)
            if item is not None and item.type in kit:
                days.update(d for d in (issue.issued, issue.returned, item.status_date) if d)
    return days


@builtin(
    code="MAN001",
    change_points=_manning_days,
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
)
def complement_not_filled(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for vessel in fleet.vessels:
        required = {e.role: vessel.required(e.role) for e in vessel.complement if e.count > 0}
        if required and not fleet.crews_of(vessel.id):
            roles = ", ".join(f"{count} {role}" for role, count in required.items())
            yield ctx.finding(
                Subject("vessel", vessel.id),
                f"{vessel.name} requires a complement ({roles}) but no crew is assigned to it",
                details={"complement": required},
            )
    for crew, vessel in facts.crews_at_sea(fleet):
        for cover in facts.role_covers(fleet, crew, vessel, ctx.as_of):
            if len(cover.qualified) >= cover.required:
                continue
            yield ctx.finding(
                Subject("crew", crew.id),
                f"{crew.name} can fill {len(cover.qualified)} of {cover.required} "
                f"{cover.role} places with qualified people on {ctx.as_of} ({_who(cover)})",
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
    change_points=_manning_days,
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
)
def single_qualified_person(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for crew, vessel in facts.crews_at_sea(fleet):
        for cover in facts.role_covers(fleet, crew, vessel, ctx.as_of):
            if not cover.single_point:
                continue
            (only,) = cover.qualified
            yield ctx.finding(
                Subject("crew", crew.id),
                f"in {crew.name} only {only} is qualified as {cover.role} on {ctx.as_of}; "
                "no one else can cover the role",
                details={"vessel": vessel.id, "role": cover.role, "qualified": only},
            )


@builtin(
    code="MAN003",
    change_points=_manning_days,
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
)
def crew_below_size(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for crew, vessel in facts.crews_at_sea(fleet):
        if vessel.crew_size is None:
            continue
        members = len(facts.crew_members(fleet, crew, ctx.as_of))
        if members >= vessel.crew_size:
            continue
        yield ctx.finding(
            Subject("crew", crew.id),
            f"{crew.name} has {members} members in service on {ctx.as_of}; {vessel.name} "
            f"needs a crew of {vessel.crew_size} ({vessel.crew_size - members} short)",
            details={
                "vessel": vessel.id,
                "members": members,
                "crew_size": vessel.crew_size,
                "short": vessel.crew_size - members,
            },
        )
