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
from ._requirements import RoleStatus, role_status

__all__ = ["RoleCover", "crew_members", "crews_at_sea", "role_covers"]


@attrs.frozen
class RoleCover:
    """How one crew covers one role of its vessel's complement on a date."""

    role: str
    required: int
    statuses: tuple[RoleStatus, ...]
    """The status of every member in service who holds the role, in data order."""

    @property
    def qualified(self) -> tuple[str, ...]:
        """Members in service who hold the role and are qualified for it."""
        return tuple(status.person for status in self.statuses if status.qualified)

    @property
    def unqualified(self) -> tuple[RoleStatus, ...]:
        """Members in service who hold the role but are not qualified for it."""
        return tuple(status for status in self.statuses if not status.qualified)

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

    Unknown role ids are skipped: the ``DATA`` rules report them.
    """
    cache = dated_memo(fleet, on, "role-covers")
    key = (id(crew), id(vessel))
    found: tuple[RoleCover, ...] | None = cache.get(key)
    if found is None:
        found = cache[key] = _role_covers(fleet, crew, vessel, on)
    return found


def _role_covers(
    fleet: Fleet, crew: Crew, vessel: Vessel, on: pendulum.Date
) -> tuple[RoleCover, ...]:
    members = crew_members(fleet, crew, on)
    covers: list[RoleCover] = []
    seen: set[str] = set()
    for entry in vessel.complement:
        role = entry.role
        if role in seen or fleet.duty_role(role) is None:
            continue
        seen.add(role)
        required = vessel.required(role)
        if required <= 0:
            continue
        statuses = tuple(
            role_status(fleet, person, role, on) for person in members if role in person.duty_roles
        )
        covers.append(RoleCover(role=role, required=required, statuses=statuses))
    return tuple(covers)
