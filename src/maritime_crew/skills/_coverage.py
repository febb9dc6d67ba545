"""Coverage of each crew against its vessel's required complement (seed C2, C9)."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pendulum

from ..facts import Facts, View
from ..model import Crew, Fleet, Vessel, Within, window_days
from ..rules import as_date

__all__ = ["Coverage", "CrewCoverage", "RoleCoverage", "coverage", "crews_in_scope"]


@attrs.frozen
class RoleCoverage:
    """How one crew covers one role of its vessel's complement on a date.

    The counting is the ``MAN`` rules': a member counts when in service, holding the role
    and qualified for it on the date.
    """

    crew: str
    vessel: str
    role: str
    required: int
    qualified: tuple[str, ...]
    """Members holding the role and qualified for it on the date."""
    unqualified: tuple[str, ...]
    """Members holding the role but not qualified for it."""
    lapsing: tuple[str, ...]
    """Qualified members whose qualification ends within the lapse window."""
    single_point: bool
    """One member only is qualified for a role that needs one person (``MAN002``)."""

    @property
    def shortfall(self) -> int:
        """How many more qualified members the complement needs today."""
        return max(0, self.required - len(self.qualified))

    @property
    def resilience(self) -> int:
        """Qualified members beyond the requirement (0 when short)."""
        return max(0, len(self.qualified) - self.required)

    @property
    def lapses(self) -> bool:
        """True when filled today but short once the lapsing qualifications end."""
        return not self.shortfall and len(self.qualified) - len(self.lapsing) < self.required

    def to_record(self) -> dict[str, Any]:
        """The role's coverage as a plain dict."""
        return {
            "crew": self.crew,
            "vessel": self.vessel,
            "role": self.role,
            "required": self.required,
            "qualified": len(self.qualified),
            "qualified_people": list(self.qualified),
            "unqualified_people": list(self.unqualified),
            "lapsing_people": list(self.lapsing),
            "shortfall": self.shortfall,
            "single_point": self.single_point,
            "resilience": self.resilience,
            "lapses": self.lapses,
        }


@attrs.frozen
class CrewCoverage:
    """One crew against every role its vessel's complement requires."""

    crew: str
    vessel: str
    members: tuple[str, ...]
    """Who mans the vessel on the date: members available, less those who did not sail,
    plus cover (see ``View.manning_crew``)."""
    roles: tuple[RoleCoverage, ...]
    crew_size: int | None = None
    """The vessel's crew size: people a full crew has aboard (``None`` if not recorded)."""

    @property
    def below_size(self) -> int:
        """People available short of the vessel's crew size (``MAN003``); 0 if none."""
        return max(0, self.crew_size - len(self.members)) if self.crew_size is not None else 0

    @property
    def shortfalls(self) -> tuple[RoleCoverage, ...]:
        """Roles the crew cannot fill with qualified members."""
        return tuple(role for role in self.roles if role.shortfall)

    @property
    def single_points(self) -> tuple[RoleCoverage, ...]:
        """Roles only one member is qualified for."""
        return tuple(role for role in self.roles if role.single_point)

    def role(self, role_id: str) -> RoleCoverage | None:
        """The coverage of one role, if the complement requires it."""
        return next((role for role in self.roles if role.role == role_id), None)


@attrs.frozen
class Coverage:
    """Coverage of the crews in scope on a date."""

    as_of: pendulum.Date
    within: int
    crews: tuple[CrewCoverage, ...]
    uncrewed: tuple[str, ...]
    """Vessels in scope that require a complement but have no crew (``MAN001``)."""

    def crew(self, crew_id: str) -> CrewCoverage | None:
        """The coverage of one crew, if in scope."""
        return next((crew for crew in self.crews if crew.crew == crew_id), None)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per crew and role, with the crew's size and the people available."""
        return [
            role.to_record()
            | {
                "crew_size": crew.crew_size,
                "available": len(crew.members),
                "below_size": crew.below_size,
            }
            for crew in self.crews
            for role in crew.roles
        ]


def crews_in_scope(
    view: View, *, vessel: str | None = None, crew: str | None = None
) -> list[tuple[Crew, Vessel]]:
    """The crews (with their vessels) of the fleet, of one vessel, or one crew."""
    pairs = view.crews_at_sea()
    if crew is not None:
        return [(c, v) for c, v in pairs if c.id == crew][:1]
    if vessel is not None:
        return [(c, v) for c, v in pairs if v.id == vessel]
    return list(pairs)


def _crew_coverage(view: View, crew: Crew, vessel: Vessel, ahead: View) -> CrewCoverage:
    """The crew's coverage on the view's date; ``ahead`` is the view at the lapse horizon."""
    roles = []
    for cover in view.role_covers(crew, vessel):
        lapsing = tuple(s.person for s in cover.statuses if s.qualified and ahead.reached(s.until))
        roles.append(
            RoleCoverage(
                crew=crew.id,
                vessel=vessel.id,
                role=cover.role,
                required=cover.required,
                qualified=cover.qualified,
                unqualified=tuple(s.person for s in cover.unqualified),
                lapsing=lapsing,
                single_point=cover.single_point,
            )
        )
    members = tuple(p.id for p in view.manning_crew(crew))
    return CrewCoverage(
        crew=crew.id,
        vessel=vessel.id,
        members=members,
        roles=tuple(roles),
        crew_size=vessel.crew_size,
    )


def coverage(
    fleet: Fleet,
    as_of: pendulum.Date | datetime.date | str,
    *,
    vessel: str | None = None,
    crew: str | None = None,
    within: Within = 90,
) -> Coverage:
    """Each crew in scope against its vessel's required complement on a date.

    Gives, per role: required and qualified counts, the shortfall, whether it is a
    single point of failure, the resilience (qualified people beyond the requirement)
    and who lapses within ``within`` days.
    ``within`` is a number of days (``90``), days as text (``"90d"``) or a period
    (``"P3M"``), as for :func:`~maritime_crew.forecast`.
    """
    as_of = as_date(as_of)
    within = window_days(as_of, within)
    view = Facts.of(fleet).on(as_of)
    ahead = view.later(within)
    crews = tuple(
        _crew_coverage(view, c, v, ahead) for c, v in crews_in_scope(view, vessel=vessel, crew=crew)
    )
    vessels = fleet.vessels if vessel is None and crew is None else ()
    if vessel is not None and crew is None:
        vessels = tuple(v for v in fleet.vessels if v.id == vessel)[:1]
    uncrewed = tuple(
        v.id for v in vessels if any(e.count > 0 for e in v.complement) and not fleet.crews_of(v.id)
    )
    return Coverage(as_of=as_of, within=within, crews=crews, uncrewed=uncrewed)
