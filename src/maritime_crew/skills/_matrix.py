"""The skills matrix: people by duty roles on a date (seed commitment C9)."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import pendulum

from .. import facts
from ..model import Crew, DutyRole, Fleet, Person, Vessel
from ..model._window import Within, window_days
from ..rules import as_date

__all__ = ["CellState", "SkillCell", "SkillsMatrix", "assess", "scope", "skills_matrix"]


class CellState(str, enum.Enum):
    """What one cell of the skills matrix says about a person and a duty role."""

    QUALIFIED = "qualified"
    """Holds the role and meets it, beyond the lapse window."""
    LAPSING = "lapsing"
    """Holds the role and meets it today, but something lapses within the window."""
    NOT_QUALIFIED = "not-qualified"
    """Holds the role and lacks a course, certificate or kit for it."""
    NOT_HELD = "not-held"
    """Does not hold the role; the cell still lists what the role would need."""


@attrs.frozen
class SkillCell:
    """One person against one duty role on a date.

    ``missing_*`` list what is not valid on the date; ``lapsing_*`` what is valid on the
    date but ends within the lapse window. For a role the person does not hold, the
    cell says what they would need to take it on (nothing, if they already meet it).
    """

    person: str
    role: str
    state: CellState
    until: pendulum.Date | None
    """When the person meets the role: the last day they do, if anything expires."""
    missing_courses: tuple[str, ...] = ()
    missing_certificates: tuple[str, ...] = ()
    missing_kit: tuple[str, ...] = ()
    lapsing_courses: tuple[str, ...] = ()
    lapsing_certificates: tuple[str, ...] = ()

    @property
    def held(self) -> bool:
        """True when the person holds the duty role."""
        return self.state is not CellState.NOT_HELD

    @property
    def meets(self) -> bool:
        """True when nothing the role requires is missing on the date (held or not)."""
        return not (self.missing_courses or self.missing_certificates or self.missing_kit)

    def to_record(self) -> dict[str, Any]:
        """The cell as a plain dict: dates as ISO text, lists for tuples."""
        return {
            "person": self.person,
            "role": self.role,
            "state": self.state.value,
            "until": self.until.isoformat() if self.until is not None else None,
            "missing_courses": list(self.missing_courses),
            "missing_certificates": list(self.missing_certificates),
            "missing_kit": list(self.missing_kit),
            "lapsing_courses": list(self.lapsing_courses),
            "lapsing_certificates": list(self.lapsing_certificates),
        }


def _lapsing(held: Iterable[facts.Held | None], horizon: pendulum.Date) -> bool:
    return any(h is not None and h.expires is not None and h.expires <= horizon for h in held)


def assess(
    fleet: Fleet, person: Person, role: DutyRole, as_of: pendulum.Date, horizon: pendulum.Date
) -> SkillCell:
    """The matrix cell of a person and a role: lapsing means ending on or before ``horizon``."""
    status = facts.role_status(fleet, person, role.id, as_of)
    lapsing_courses: tuple[str, ...] = ()
    lapsing_certificates: tuple[str, ...] = ()
    if status.qualified and status.until is not None and status.until <= horizon:
        lapsing_courses = tuple(
            c
            for c in role.courses
            if _lapsing([facts.valid_training(fleet, person, c, as_of)], horizon)
        )
        lapsing_certificates = tuple(
            t
            for t in role.certificates
            if _lapsing([facts.valid_certificate(fleet, person, t, as_of)], horizon)
        )
    if role.id not in person.duty_roles:
        state = CellState.NOT_HELD
    elif not status.qualified:
        state = CellState.NOT_QUALIFIED
    elif lapsing_courses or lapsing_certificates:
        state = CellState.LAPSING
    else:
        state = CellState.QUALIFIED
    return SkillCell(
        person=person.id,
        role=role.id,
        state=state,
        until=status.until,
        missing_courses=status.missing_courses,
        missing_certificates=status.missing_certificates,
        missing_kit=status.missing_kit,
        lapsing_courses=lapsing_courses,
        lapsing_certificates=lapsing_certificates,
    )


def _positions(people: tuple[str, ...]) -> dict[str, int]:
    return {person: position for position, person in reversed(list(enumerate(people)))}


@attrs.frozen
class SkillsMatrix:
    """People by duty roles on a date, for the fleet, one vessel or one crew.

    ``cells`` is row by row: every role of the first person, then of the next.
    """

    as_of: pendulum.Date
    within: int
    """Lapse window in days: a cell is lapsing when it ends on or before ``as_of + within``."""
    vessel: str | None
    crew: str | None
    people: tuple[str, ...]
    """Staff numbers of the rows, in data order."""
    roles: tuple[str, ...]
    """Duty role ids of the columns, in catalogue order."""
    cells: tuple[SkillCell, ...]
    _index: dict[str, int] = attrs.field(init=False, repr=False, eq=False)

    @_index.default
    def _build_index(self) -> dict[str, int]:
        return _positions(self.people)

    def row(self, person: str) -> tuple[SkillCell, ...]:
        """Every cell of one person, in column order (empty if not in the matrix)."""
        position = self._index.get(person)
        if position is None:
            return ()
        width = len(self.roles)
        return self.cells[position * width : (position + 1) * width]

    def cell(self, person: str, role: str) -> SkillCell | None:
        """One cell, or ``None`` when the person or role is not in the matrix."""
        for cell in self.row(person):
            if cell.role == role:
                return cell
        return None

    def rows(self) -> Iterator[tuple[str, tuple[SkillCell, ...]]]:
        """Each person with their cells."""
        for person in self.people:
            yield person, self.row(person)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per cell, for notebooks (``pandas.DataFrame(m.to_records())``)."""
        return [cell.to_record() for cell in self.cells]


def scope(
    fleet: Fleet, as_of: pendulum.Date, *, vessel: str | None = None, crew: str | None = None
) -> tuple[tuple[Person, ...], tuple[DutyRole, ...]]:
    """The people in service and duty roles a matrix covers.

    People: everyone in service, or the members in service of the crew (or of every crew
    of the vessel). Roles: those the people hold and those the complement of the vessel
    (every vessel, for the whole fleet) requires, in catalogue order; unknown role ids
    are left out (the ``DATA`` rules report them).
    """
    if crew is not None:
        found = fleet.crew(crew)
        crews: tuple[Crew, ...] = (found,) if found is not None else ()
        home = fleet.vessel(found.vessel) if found is not None and found.vessel else None
        vessels: tuple[Vessel, ...] = (home,) if home is not None else ()
    elif vessel is not None:
        crews = fleet.crews_of(vessel)
        home = fleet.vessel(vessel)
        vessels = (home,) if home is not None else ()
    else:
        crews = ()
        vessels = fleet.vessels
    if crew is None and vessel is None:
        people = tuple(p for p in fleet.people if p.in_service_on(as_of))
    else:
        people = tuple(p for c in crews for p in facts.crew_members(fleet, c, as_of))
    wanted = {r for p in people for r in p.duty_roles}
    wanted.update(e.role for v in vessels for e in v.complement if e.count > 0)
    roles: list[DutyRole] = []
    seen: set[str] = set()
    for role in fleet.duty_roles:
        if role.id in wanted and role.id not in seen:
            seen.add(role.id)
            roles.append(role)
    return people, tuple(roles)


def skills_matrix(
    fleet: Fleet,
    as_of: pendulum.Date | datetime.date | str,
    *,
    vessel: str | None = None,
    crew: str | None = None,
    within: Within = 90,
) -> SkillsMatrix:
    """The skills matrix of the fleet, one vessel's crews or one crew, on a date.

    Each cell is qualified (until a date), lapsing within ``within`` days, not qualified
    (with the missing courses, certificates and kit), or not held. Unknown vessel or
    crew ids give an empty matrix. The cost is one role check per person and role.
    ``within`` is a number of days (``90``), days as text (``"90d"``) or a period
    (``"P3M"``), as for :func:`~maritime_crew.forecast`.
    """
    as_of = as_date(as_of)
    people, roles = scope(fleet, as_of, vessel=vessel, crew=crew)
    within = window_days(as_of, within)
    horizon = as_of.add(days=within)
    cells = tuple(assess(fleet, p, r, as_of, horizon) for p in people for r in roles)
    return SkillsMatrix(
        as_of=as_of,
        within=within,
        vessel=vessel,
        crew=crew,
        people=tuple(p.id for p in people),
        roles=tuple(r.id for r in roles),
        cells=cells,
    )
