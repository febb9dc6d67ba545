"""The skills matrix: people by duty roles on a date (seed commitment C9)."""

from __future__ import annotations

import datetime
import enum
import itertools
from collections.abc import Iterator
from typing import Any

import attrs
import pendulum

from ..facts import Facts, View
from ..model import Crew, DutyRole, Fleet, Person, Vessel, Within, window_days
from ..rules import as_date

__all__ = [
    "CellState",
    "Judge",
    "SkillCell",
    "SkillsMatrix",
    "Verdict",
    "assess",
    "scope",
    "skills_matrix",
]


class CellState(str, enum.Enum):
    """What one cell of the skills matrix says about a person and a duty role."""

    QUALIFIED = "qualified"
    """Holds the role and meets it, beyond the lapse window."""
    LAPSING = "lapsing"
    """Holds the role and meets it today, but something lapses within the window."""
    NOT_QUALIFIED = "not-qualified"
    """Holds the role and lacks a course, certificate, kit or currency for it."""
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
    missing_currency: tuple[str, ...] = ()
    """Practice kinds of the role's currency requirements not met on the date."""
    lapsing_currency: tuple[str, ...] = ()
    """Practice kinds met on the date whose currency ends within the lapse window, unless
    more practice is logged."""

    @property
    def held(self) -> bool:
        """True when the person holds the duty role."""
        return self.state is not CellState.NOT_HELD

    @property
    def meets(self) -> bool:
        """True when nothing the role requires is missing on the date (held or not)."""
        return not (
            self.missing_courses
            or self.missing_certificates
            or self.missing_kit
            or self.missing_currency
        )

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
            "missing_currency": list(self.missing_currency),
            "lapsing_currency": list(self.lapsing_currency),
        }


Verdict = tuple[
    CellState,
    "pendulum.Date | None",
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
]
"""A cell without its person and role: state, until, missing and lapsing items (courses,
certificates, kit, lapsing courses and certificates, then missing and lapsing currency)."""

_Expiries = dict[str, "pendulum.Date | None"]


class Judge:
    """Judges people against duty roles on one date, one row of the matrix at a time.

    The verdict of a cell is what :meth:`maritime_crew.facts.View.role_status` says,
    worked out from each person's valid certificates, courses and kit looked up once per
    row rather than once per cell, and their currency in each practice a role asks for.
    Identical verdicts (and lists of missing items) are shared, so that a matrix of
    10,000 people holds a few thousand distinct ones.
    """

    def __init__(self, view: View, within: int) -> None:
        self.view = view
        """The facts on the date judged."""
        self.ahead = view.later(within)
        """The facts ``within`` days later: what ends by then lapses."""
        self._verdicts: dict[Verdict, Verdict] = {}
        self._items: dict[tuple[str, ...], tuple[str, ...]] = {(): ()}

    @property
    def as_of(self) -> pendulum.Date:
        """The date judged."""
        return self.view.date

    def _valid(self, person: Person) -> tuple[_Expiries, _Expiries]:
        """The last valid day of each certificate type and course met on the date.

        The longest-lasting record of each type counts, as in ``role_status``; a
        certificate of a type above another on the ladder counts for it too. ``None`` is
        a record that never expires.
        """
        view = self.view
        certificates = view.valid_types(person, "certificates", or_higher=True)
        return certificates, view.valid_types(person, "training")

    def _shared(self, items: list[str]) -> tuple[str, ...]:
        if not items:
            return ()
        key = tuple(items)
        return self._items.setdefault(key, key)

    def _lapses(self, expires: pendulum.Date | None) -> bool:
        """True when a record's last valid day is on or before the lapse horizon."""
        return self.ahead.reached(expires)

    def row(self, person: Person, roles: tuple[DutyRole, ...]) -> list[Verdict]:
        """The verdict of each role for one person, in the order of ``roles``."""
        certificates, courses = self._valid(person)
        kit = self.view.usable_kit(person) if any(role.kit for role in roles) else ()
        held_roles = self.view.roles_held(person)
        verdicts = self._verdicts
        lapses = self._lapses
        row: list[Verdict] = []
        for role in roles:
            missing_certificates = [t for t in role.certificates if t not in certificates]
            missing_courses = [c for c in role.courses if c not in courses]
            missing_kit = [k for k in role.kit if k not in kit]
            missing_currency, practice = self._practice(person, role)
            until: pendulum.Date | None = None
            lapsing_courses: tuple[str, ...] = ()
            lapsing_certificates: tuple[str, ...] = ()
            lapsing_currency: tuple[str, ...] = ()
            qualified = not (
                missing_certificates or missing_courses or missing_kit or missing_currency
            )
            if qualified:
                expiries = [
                    day
                    for day in itertools.chain(
                        (certificates[t] for t in role.certificates),
                        (courses[c] for c in role.courses),
                        (through for _, through in practice),
                    )
                    if day is not None
                ]
                until = min(expiries) if expiries else None
                if lapses(until):
                    lapsing_courses = self._shared([c for c in role.courses if lapses(courses[c])])
                    lapsing_certificates = self._shared(
                        [t for t in role.certificates if lapses(certificates[t])]
                    )
                    lapsing_currency = self._shared(
                        list(dict.fromkeys(kind for kind, through in practice if lapses(through)))
                    )
            if role.id not in held_roles:
                state = CellState.NOT_HELD
            elif not qualified:
                state = CellState.NOT_QUALIFIED
            elif lapsing_courses or lapsing_certificates or lapsing_currency:
                state = CellState.LAPSING
            else:
                state = CellState.QUALIFIED
            verdict: Verdict = (
                state,
                until,
                self._shared(missing_courses),
                self._shared(missing_certificates),
                self._shared(missing_kit),
                lapsing_courses,
                lapsing_certificates,
                self._shared(list(dict.fromkeys(missing_currency))),
                lapsing_currency,
            )
            row.append(verdicts.setdefault(verdict, verdict))
        return row

    def _practice(
        self, person: Person, role: DutyRole
    ) -> tuple[list[str], list[tuple[str, pendulum.Date | None]]]:
        """The role's practice kinds the person is not current in, and those they are.

        Those they are, each with the last day they stay current with no more practice.
        """
        if not role.currency:
            return [], []
        missing: list[str] = []
        current: list[tuple[str, pendulum.Date | None]] = []
        for requirement in role.currency:
            standing = self.view.currency(person, requirement)
            if standing.current:
                current.append((requirement.practice, standing.through))
            else:
                missing.append(requirement.practice)
        return missing, current


def assess(
    fleet: Fleet, person: Person, role: DutyRole, as_of: pendulum.Date, horizon: pendulum.Date
) -> SkillCell:
    """The matrix cell of a person and a role: lapsing means ending on or before ``horizon``."""
    judge = Judge(Facts.of(fleet).on(as_of), horizon.toordinal() - as_of.toordinal())
    return SkillCell(person.id, role.id, *judge.row(person, (role,))[0])


def _positions(ids: tuple[str, ...]) -> dict[str, int]:
    return {key: position for position, key in reversed(list(enumerate(ids)))}


@attrs.frozen
class SkillsMatrix:
    """People by duty roles on a date, for the fleet, one vessel or one crew.

    The matrix keeps each cell as a verdict without its person and role, and identical
    verdicts are one shared object: 10,000 people by 20 roles hold a few thousand
    verdicts, not 200,000 objects for the garbage collector to scan. :class:`SkillCell`
    objects are made when asked for, by :meth:`cell`, :meth:`row`, :meth:`rows` and
    :attr:`cells`; :meth:`state` and :meth:`to_records` read the verdicts directly.
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
    _verdicts: tuple[Verdict, ...] = attrs.field(repr=False)
    """Row by row, each cell's state, ``until`` and missing and lapsing items."""
    _index: dict[str, int] = attrs.field(init=False, repr=False, eq=False)
    _columns: dict[str, int] = attrs.field(init=False, repr=False, eq=False)

    @_index.default
    def _build_index(self) -> dict[str, int]:
        return _positions(self.people)

    @_columns.default
    def _build_columns(self) -> dict[str, int]:
        return _positions(self.roles)

    @property
    def cells(self) -> tuple[SkillCell, ...]:
        """Every cell, row by row: every role of the first person, then of the next.

        Made afresh on each use (one object per cell): iterate :meth:`rows` to make one
        row at a time.
        """
        return tuple(cell for _, row in self.rows() for cell in row)

    def _position(self, person: str, role: str) -> int | None:
        row, column = self._index.get(person), self._columns.get(role)
        if row is None or column is None:
            return None
        return row * len(self.roles) + column

    def state(self, person: str, role: str) -> CellState | None:
        """The state of one cell, without making the cell; ``None`` if not in the matrix."""
        position = self._position(person, role)
        return None if position is None else self._verdicts[position][0]

    def cell(self, person: str, role: str) -> SkillCell | None:
        """One cell, or ``None`` when the person or role is not in the matrix."""
        position = self._position(person, role)
        if position is None:
            return None
        return SkillCell(person, role, *self._verdicts[position])

    def row(self, person: str) -> tuple[SkillCell, ...]:
        """Every cell of one person, in column order (empty if not in the matrix)."""
        position = self._index.get(person)
        if position is None:
            return ()
        width = len(self.roles)
        verdicts = self._verdicts[position * width : (position + 1) * width]
        return tuple(
            SkillCell(person, role, *verdict)
            for role, verdict in zip(self.roles, verdicts, strict=True)
        )

    def rows(self) -> Iterator[tuple[str, tuple[SkillCell, ...]]]:
        """Each person with their cells."""
        for person in self.people:
            yield person, self.row(person)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per cell, for notebooks (``pandas.DataFrame(m.to_records())``)."""
        width = len(self.roles)
        return [
            _record(person, role, self._verdicts[row * width + column])
            for row, person in enumerate(self.people)
            for column, role in enumerate(self.roles)
        ]


def _record(person: str, role: str, verdict: Verdict) -> dict[str, Any]:
    state, until, courses, certificates, kit, lapsing_courses, lapsing_certificates = verdict[:7]
    missing_currency, lapsing_currency = verdict[7:]
    return {
        "person": person,
        "role": role,
        "state": state.value,
        "until": until.isoformat() if until is not None else None,
        "missing_courses": list(courses),
        "missing_certificates": list(certificates),
        "missing_kit": list(kit),
        "lapsing_courses": list(lapsing_courses),
        "lapsing_certificates": list(lapsing_certificates),
        "missing_currency": list(missing_currency),
        "lapsing_currency": list(lapsing_currency),
    }


def scope(
    fleet: Fleet, as_of: pendulum.Date, *, vessel: str | None = None, crew: str | None = None
) -> tuple[tuple[Person, ...], tuple[DutyRole, ...]]:
    """The people available and duty roles a matrix covers.

    People: everyone available on the date (in service, not away, not medically unfit),
    or those who man the crew's vessel (``View.manning_crew``; of every crew of the
    vessel). Roles: those the people hold and those the complement of the vessel
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
    view = Facts.of(fleet).on(as_of)
    if crew is None and vessel is None:
        people = tuple(p for p in fleet.people if view.available(p))
    else:
        people = tuple(p for c in crews for p in view.manning_crew(c))
    wanted = {r for p in people for r in view.roles_held(p)}
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
    judge = Judge(Facts.of(fleet).on(as_of), within)
    verdicts = tuple(verdict for p in people for verdict in judge.row(p, roles))
    return SkillsMatrix(
        as_of=as_of,
        within=within,
        vessel=vessel,
        crew=crew,
        people=tuple(p.id for p in people),
        roles=tuple(r.id for r in roles),
        verdicts=verdicts,
    )
