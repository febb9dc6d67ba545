"""How a crew covers its vessel's required complement on a date.

A crew's members on a date are the people whose crew it is on that date (``crew``,
``crew_since`` and ``previous_crews``) and who are in service. Those who man the vessel
are the members available on the date (not away, not medically unfit), less those who
did not sail on the crew's deployment that day, plus those who sailed with it as cover.
A person counts for a duty role when they hold it on the date, meet its certificates (a
certificate of a higher type meets a lower one), courses, kit and currency (practice
logged within its period), and no medical restriction excludes it. Each person fills
one slot of the complement at a time: who fills which is a maximum bipartite matching
(:mod:`._slots`), so a commander who is also a boarding officer fills one or the other.
"""

from __future__ import annotations

import datetime
from itertools import groupby
from operator import itemgetter

import attrs
import pendulum

from ..model import Crew, Currency, Person, Vessel
from ._availability import AvailabilityQuestions
from ._currency import CurrencyFacts, CurrencyQuestions
from ._kit import KitQuestions
from ._people import PeopleQuestions
from ._requirements import RequirementQuestions
from ._slots import Manning, could_fill, fill
from ._trace import NEVER
from ._validity import Kind, _best

__all__ = ["ManningFacts", "ManningQuestions", "RoleCover", "RoleStatus"]


@attrs.frozen
class RoleStatus:
    """Whether a person meets a duty role's requirements on a date, and until when."""

    person: str
    """The person's staff number."""
    role: str
    """The duty role id."""
    missing_certificates: tuple[str, ...]
    """Certificate types required and not valid on the date."""
    missing_courses: tuple[str, ...]
    """Courses required and not current on the date."""
    missing_kit: tuple[str, ...]
    """Equipment types required and not issued (in service) on the date."""
    until: pendulum.Date | None
    """When qualified: the first last day among the certificates and courses that qualify
    and the currency the person keeps (``None`` if none of them ends). When not
    qualified: ``None``."""
    missing_currency: tuple[str, ...] = ()
    """Practice kinds of the role's currency requirements not met on the date."""

    @property
    def qualified(self) -> bool:
        """True when nothing is missing."""
        return not (
            self.missing_certificates
            or self.missing_courses
            or self.missing_kit
            or self.missing_currency
        )


@attrs.frozen
class RoleCover:
    """How one crew covers one role of its vessel's complement on a date."""

    role: str
    """The duty role id."""
    required: int
    """How many people holding the role the complement requires."""
    checks: tuple[_Check, ...] = attrs.field(repr=False)
    """Every member in service who holds the role, in data order, checked against it,
    in the compact form facts keep; :attr:`statuses` gives them as records."""

    @property
    def statuses(self) -> tuple[RoleStatus, ...]:
        """Every member in service who holds the role, in data order, checked against it."""
        return tuple(_status(check, self.role) for check in self.checks)

    @property
    def qualified(self) -> tuple[str, ...]:
        """Staff numbers of the members who hold the role and are qualified for it."""
        return tuple(check[0] for check in self.checks if _meets(check))

    @property
    def unqualified(self) -> tuple[RoleStatus, ...]:
        """Members in service who hold the role but are not qualified for it."""
        return tuple(_status(check, self.role) for check in self.checks if not _meets(check))

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


def _meets(check: _Check) -> bool:
    """Whether a check finds nothing missing."""
    return not (check[1] or check[2] or check[3] or check[4])


def _candidates(rows: tuple[_Row, ...]) -> list[tuple[str, list[str]]]:
    """Each person qualified for some role of the covers' rows, with those roles, in order."""
    roles: dict[str, list[str]] = {}
    for role, _, person, certificates, courses, kit, currency, _ in rows:
        if person is not None and not (certificates or courses or kit or currency):
            roles.setdefault(person, []).append(role)
    return list(roles.items())


def _complement(rows: tuple[_Row, ...]) -> list[tuple[str, int]]:
    """The roles of the covers' rows with their required counts, in order, each once."""
    return list(dict.fromkeys((role, required) for role, required, *_ in rows))


def _status(check: _Check, role_id: str) -> RoleStatus:
    person, certificates, courses, kit, currency, until = check
    return RoleStatus(
        person=person,
        role=role_id,
        missing_certificates=certificates,
        missing_courses=courses,
        missing_kit=kit,
        until=_day_or_none(until),
        missing_currency=currency,
    )


def _day_or_none(ordinal: int) -> pendulum.Date | None:
    if ordinal >= NEVER:
        return None
    value = datetime.date.fromordinal(ordinal)
    return pendulum.Date(value.year, value.month, value.day)


_Check = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], int]
"""A :class:`RoleStatus` as caches keep it: the person's staff number, the missing
certificate types, courses, kit and practice kinds, and the ordinal of ``until``
(:data:`NEVER` for none). Text and whole numbers, which the garbage collector stops
tracing."""

_Row = tuple[
    str, int, str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], int
]
"""One member's :data:`_Check` for one role, after the role and its count: the form of
a crew's covers kept for a date. A role no member holds has one row with no person."""


_NOTHING: tuple[str, ...] = ()


class ManningFacts(CurrencyFacts):
    """Which crews man which vessels: the same on every date."""

    def vessel_of(self, crew: Crew) -> Vessel | None:
        """The vessel the crew is assigned to, if the fleet has it."""
        return self.fleet.vessel(crew.vessel) if crew.vessel is not None else None

    def _crew_positions(self) -> dict[str, tuple[int, ...]]:
        """The positions in ``fleet.people`` of each crew's people, in data order; made once."""
        cache = self._memo("crew-positions")
        found: dict[str, tuple[int, ...]] | None = cache.get("all")
        if found is None:
            rows = [
                (crew, n)
                for n, p in enumerate(self._store.people)
                for crew in dict.fromkeys(
                    [*(spell.crew for spell in p.previous_crews), *([p.crew] if p.crew else [])]
                )
            ]
            rows.sort(key=itemgetter(0))  # stable: data order within each crew
            grouped = {
                crew: tuple([n for _, n in group]) for crew, group in groupby(rows, itemgetter(0))
            }
            found = cache.setdefault("all", grouped)
        return found

    def crews_at_sea(self) -> tuple[tuple[Crew, Vessel], ...]:
        """Every crew assigned to a known vessel, with the vessel, in data order."""
        found = []
        for crew in self.fleet.crews:
            vessel = self.vessel_of(crew)
            if vessel is not None:
                found.append((crew, vessel))
        return tuple(found)


class ManningQuestions(
    ManningFacts,
    CurrencyQuestions,
    RequirementQuestions,
    AvailabilityQuestions,
    KitQuestions,
    PeopleQuestions,
):
    """Questions about crews and duty roles on the view's date."""

    def crew_members(self, crew: Crew) -> tuple[Person, ...]:
        """The members of the crew in service on the date, in data order.

        Members are the people whose crew it is on the date (see :meth:`crew_of`).
        Worked out once per crew and date.
        """
        people = self._store.people
        return tuple([people[p] for p in self._member_positions(crew)])

    def _member_positions(self, crew: Crew) -> tuple[int, ...]:
        """:meth:`crew_members` as positions in ``fleet.people``, kept for the days they hold."""
        found: tuple[int, ...] = self._answer_row(
            "crew-members", crew.id, lambda: self._find_members(crew)
        )
        return found

    def _find_members(self, crew: Crew) -> tuple[int, ...]:
        people = self._store.people
        in_service = self._in_service_codes(self._crew_positions().get(crew.id, ()))
        return tuple([p for p in in_service if self.crew_of(people[p]) == crew.id])

    def manning_crew(self, crew: Crew) -> tuple[Person, ...]:
        """Who mans the crew's vessel on the date, in data order, then any cover.

        The members available on the date (not away, not medically unfit, not sailing
        with another crew as cover, and with no medical restriction that rules out the
        crew's vessel); when the crew is deployed, less those who did not sail and plus
        those who sailed with it as cover (if in the command and available).
        """
        people = self._store.people
        return tuple([people[p] for p in self._manning_positions(crew)])

    def _manning_positions(self, crew: Crew) -> tuple[int, ...]:
        found: tuple[int, ...] = self._answer_row(
            "manning-crew", crew.id, lambda: self._find_manning(crew)
        )
        return found

    def _covering_elsewhere(self, person: Person, crew: Crew) -> bool:
        """True when the person sails with another crew as cover on the date."""
        return any(
            d.crew != crew.id and self.covers(d.start, d.end)
            for d in self.fleet.covered_by(person.id)
        )

    def _find_manning(self, crew: Crew) -> tuple[int, ...]:
        people = self._store.people
        # Only a deployment that names who did not sail or who covered changes who mans
        # the vessel; most crews have none, and then the days they sail are not asked.
        deployment = self.crew_deployment(crew.id) if self._has_exceptions(crew.id) else None
        absent = deployment.absent if deployment is not None else ()
        vessel = self.vessel_of(crew)
        kept = [
            p
            for p in self._member_positions(crew)
            if people[p].id not in absent
            and self._may_man(people[p], vessel)
            and not self._covering_elsewhere(people[p], crew)
        ]
        if deployment is not None:
            first = self._store.first_person
            for person_id in deployment.cover:
                p = first.get(person_id)
                if p is not None and p not in kept and self._may_man(people[p], vessel):
                    kept.append(p)
        return tuple(kept)

    def _has_exceptions(self, crew_id: str) -> bool:
        """Whether any deployment of the crew names people who did not sail or covered."""
        cache = self._memo("crew-exceptions")
        found: bool | None = cache.get(crew_id)
        if found is None:
            deployments = self.fleet.deployments_of_crew(crew_id)
            found = cache.setdefault(crew_id, any(d.absent or d.cover for d in deployments))
        return found

    def _may_man(self, person: Person, vessel: Vessel | None) -> bool:
        """Available, and no medical restriction rules out the crew's vessel."""
        if not self.available(person):
            return False
        return vessel is None or not self.barred(person, vessel)

    def role_status(self, person: Person, role_id: str) -> RoleStatus:
        """The person against a duty role's certificates, courses, kit and currency on the date.

        An unknown role id gives a status with nothing missing; the ``DATA`` rules report
        the dangling reference.
        """
        return _status(self._check(person, role_id), role_id)

    def role_covers(self, crew: Crew, vessel: Vessel) -> tuple[RoleCover, ...]:
        """For each known role the vessel requires (count above 0), who in the crew fills it.

        Roles come in the order of the vessel's complement, each once; unknown role ids
        are skipped (the ``DATA`` rules report them). Worked out once per crew, vessel
        and date, and kept compact: the covers are made for each caller.
        """
        rows = self._cover_rows(crew, vessel)
        grouped: dict[str, tuple[int, list[_Check]]] = {}
        for role, required, person, certificates, courses, kit, currency, until in rows:
            checks = grouped.setdefault(role, (required, []))[1]
            if person is not None:
                checks.append((person, certificates, courses, kit, currency, until))
        return tuple(
            RoleCover(role, required, tuple(checks)) for role, (required, checks) in grouped.items()
        )

    def _cover_rows(self, crew: Crew, vessel: Vessel) -> tuple[_Row, ...]:
        """:meth:`role_covers` in the compact form kept for the days it holds."""
        slot = self._vessel_slot(vessel)
        key = None if slot is None else (crew.id, slot)
        rows: tuple[_Row, ...] = self._answer_row(
            "role-covers", key, lambda: self._role_rows(crew, vessel)
        )
        return rows

    def manning(self, crew: Crew, vessel: Vessel) -> Manning:
        """Who fills which slot of the vessel's complement on the date: one slot each.

        A maximum bipartite matching of the qualified people of :meth:`manning_crew` to
        the slots of :meth:`role_covers`; of the matchings that fill most slots, the one
        that fills the earliest slots, trying people in data order.
        """
        slot = self._vessel_slot(vessel)
        key = None if slot is None else (crew.id, slot)
        return self._answer("manning", key, lambda: self._fill(crew, vessel))

    def _fill(self, crew: Crew, vessel: Vessel) -> Manning:
        rows = self._cover_rows(crew, vessel)
        return fill(_complement(rows), _candidates(rows))

    def could_fill(self, crew: Crew, vessel: Vessel) -> dict[str, tuple[str, ...]]:
        """For each role the crew leaves short, who from the vessel's other crews could fill it.

        The people of the other crews (each as :meth:`manning_crew` finds them on the
        date, not counted twice) whose being lent to this crew, on their own, fills one
        more of the role's slots while every slot filled stays filled.
        """
        slot = self._vessel_slot(vessel)
        key = None if slot is None else (crew.id, slot)
        found: dict[str, tuple[str, ...]] = self._answer(
            "could-fill", key, lambda: self._lenders(crew, vessel)
        )
        return dict(found)

    def _lenders(self, crew: Crew, vessel: Vessel) -> dict[str, tuple[str, ...]]:
        rows = self._cover_rows(crew, vessel)
        own = _candidates(rows)
        mine = {person for person, _ in own}
        others: dict[str, list[str]] = {}
        for other in self.fleet.crews_of(vessel.id):
            if other.id == crew.id:
                continue
            for person, roles in _candidates(self._cover_rows(other, vessel)):
                if person not in mine:
                    others.setdefault(person, []).extend(roles)
        return could_fill(_complement(rows), own, list(others.items()), self.manning(crew, vessel))

    def _vessel_slot(self, vessel: Vessel) -> int | None:
        """The position of this very record in ``fleet.vessels``, or ``None`` if not there."""
        vessels = self.fleet.vessels
        return next(
            (p for p in self.fleet.positions("vessel", vessel.id) if vessels[p] is vessel), None
        )

    def _role_rows(self, crew: Crew, vessel: Vessel) -> tuple[_Row, ...]:
        fleet = self.fleet
        # What each member may fill on the date, asked once per member, not per role.
        members = [
            (person, self.roles_held(person), self.excluded_roles(person))
            for person in self.manning_crew(crew)
        ]
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
            holders = [
                person
                for person, held, excluded in members
                if role in held and role not in excluded
            ]
            rows += [(role, required, *self._check(person, role)) for person in holders]
            if not holders:
                rows.append((role, required, None, (), (), (), (), NEVER))
        return tuple(rows)

    def _check(self, person: Person, role_id: str) -> _Check:
        """:meth:`role_status` in its compact form, kept for the days it holds."""
        slot = self._person_slot(person)
        key = None if slot is None else (slot, role_id)
        found: _Check = self._answer_row(
            "role-checks", key, lambda: self._make_check(person, role_id)
        )
        return found

    def _make_check(self, person: Person, role_id: str) -> _Check:
        role = self.fleet.duty_role(role_id)
        if role is None:
            return (person.id, (), (), (), (), NEVER)
        certificates, courses, kit, currency = _NOTHING, _NOTHING, _NOTHING, _NOTHING
        earliest = NEVER
        if role.certificates:
            certificates, earliest = self._lacking(person, "certificates", role.certificates)
        if role.courses:
            courses, last = self._lacking(person, "training", role.courses)
            earliest = min(earliest, last)
        if role.kit:
            usable = self.usable_kit(person)
            kit = tuple([kind for kind in role.kit if kind not in usable])
        if role.currency:
            currency, last = self._out_of_practice(person, role.currency)
            earliest = min(earliest, last)
        qualified = not (certificates or courses or kit or currency)
        return (person.id, certificates, courses, kit, currency, earliest if qualified else NEVER)

    def _out_of_practice(
        self, person: Person, wanted: tuple[Currency, ...]
    ) -> tuple[tuple[str, ...], int]:
        """The practice kinds of ``wanted`` not current, and the first last day of the rest."""
        lacking: list[str] = []
        earliest = NEVER
        for requirement in wanted:
            standing = self.currency(person, requirement)
            if not standing.current:
                lacking.append(requirement.practice)
            elif standing.through is not None:
                earliest = min(earliest, standing.through.toordinal())
        return (tuple(dict.fromkeys(lacking)) if lacking else _NOTHING), earliest

    def _lacking(
        self, person: Person, kind: Kind, wanted: tuple[str, ...]
    ) -> tuple[tuple[str, ...], int]:
        """The types ``wanted`` with no valid record, and the first last day of the rest.

        A certificate of a type above one wanted counts for it (:meth:`accepted`). The
        earliest last day among the valid records (:data:`NEVER` if none expires).
        """
        table = self._table(person, kind)
        day = self._ordinal
        lacking: list[str] = []
        earliest = NEVER
        for type_id in wanted:
            best, change = _best(table, self.accepted(kind, type_id), day)
            self._note(change)
            if best < 0:
                lacking.append(type_id)
            elif table[2][best] < earliest:
                earliest = table[2][best]
        return (tuple(lacking) if lacking else _NOTHING), earliest
