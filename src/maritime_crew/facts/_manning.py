"""How a crew covers its vessel's required complement on a date.

A member counts for a duty role when they are in service, hold the role and meet its
certificates, courses and kit. One person may count toward several roles (a commander
who is also a boarding officer): the complement is a count per role, not of berths.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pendulum

from ..model import Crew, Fleet, Person, Vessel
from ._memo import dated_memo
from ._requirements import RoleCheck, RoleStatus, role_check, status_of

__all__ = ["RoleCover", "crew_members", "crews_at_sea", "role_covers"]


@attrs.frozen
class RoleCover:
    """How one crew covers one role of its vessel's complement on a date."""

    role: str
    required: int
    on: pendulum.Date
    checks: tuple[RoleCheck, ...] = attrs.field(repr=False)
    """Every member in service who holds the role, in data order, checked against it
    (compact; :attr:`statuses` gives each as a :class:`RoleStatus`)."""

    @property
    def statuses(self) -> tuple[RoleStatus, ...]:
        """The status of every member in service who holds the role, in data order."""
        return tuple(status_of(check, self.role, self.on) for check in self.checks)

    @property
    def qualified(self) -> tuple[str, ...]:
        """Members in service who hold the role and are qualified for it."""
        return tuple(check[0] for check in self.checks if _met(check))

    @property
    def unqualified(self) -> tuple[RoleStatus, ...]:
        """Members in service who hold the role but are not qualified for it."""
        return tuple(
            status_of(check, self.role, self.on) for check in self.checks if not _met(check)
        )

    @property
    def shortfall(self) -> int:
        """How many more qualified people the complement needs (0 when it is filled)."""
        return max(0, self.required - len(self.qualified))

    @property
    def single_point(self) -> bool:
        """True when the role needs one person and exactly one member is qualified.

        A role that needs more people than are qualified is a shortfall instead.
        """
        return self.required == 1 and len(self.qualified) == 1


def _met(check: RoleCheck) -> bool:
    """True when nothing is missing: no certificate, course or kit."""
    return not (check[1] or check[2] or check[3])


def crew_members(fleet: Fleet, crew: Crew, on: pendulum.Date) -> tuple[Person, ...]:
    """Members of a crew in service on a date, in data order."""
    return tuple(person for person in fleet.members_of(crew.id) if person.in_service_on(on))


def crews_at_sea(fleet: Fleet) -> Iterator[tuple[Crew, Vessel]]:
    """Every crew assigned to a known vessel, with the vessel."""
    for crew in fleet.crews:
        vessel = fleet.vessel(crew.vessel) if crew.vessel is not None else None
        if vessel is not None:
            yield crew, vessel


def role_covers(
    fleet: Fleet, crew: Crew, vessel: Vessel, on: pendulum.Date
) -> tuple[RoleCover, ...]:
    """For each known role the vessel requires (count above 0), who in the crew can fill it.

    Unknown role ids are skipped: the ``DATA`` rules report them. The checks are worked
    out once per crew and date, and kept compact: the covers are made for each caller.
    """
    cache = dated_memo(fleet, on, "role-covers")
    key = (id(crew), id(vessel))
    rows: tuple[_Row, ...] | None = cache.get(key)
    if rows is None:
        rows = cache[key] = _role_rows(fleet, crew, vessel, on)
    grouped: dict[str, tuple[int, list[RoleCheck]]] = {}
    for role, required, person, certificates, courses, kit, until in rows:
        checks = grouped.setdefault(role, (required, []))[1]
        if person is not None:
            checks.append((person, certificates, courses, kit, until))
    return tuple(
        RoleCover(role, required, on, tuple(checks)) for role, (required, checks) in grouped.items()
    )


_Row = tuple[str, int, str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...], int]
"""One member's :data:`RoleCheck` for one role, after the role and its count: the form
kept with the fleet, flat so that the garbage collector stops tracing it at once. A role
no member holds has one row with no person."""


def _role_rows(fleet: Fleet, crew: Crew, vessel: Vessel, on: pendulum.Date) -> tuple[_Row, ...]:
    members = crew_members(fleet, crew, on)
    rows: list[_Row] = []
    seen: set[str] = set()
    for entry in vessel.complement:
        role = entry.role
        if role in seen or fleet.duty_role(role) is None:
            continue
        seen.add(role)
        required = vessel.required(role)
        if required <= 0:
            continue
        holders = [person for person in members if role in person.duty_roles]
        rows += [(role, required, *role_check(fleet, person, role, on)) for person in holders]
        if not holders:
            rows.append((role, required, None, (), (), (), -1))
    return tuple(rows)
