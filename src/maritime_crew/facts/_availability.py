"""Who holds what, belongs where and is actually there on a date.

Dated assignments (duty roles, crew membership, sizes, a vessel's status) are read as of
the view's date; an undated one holds on every day. A person is *available* on a date
when they are in the command, not away (an absence covers the date) and not medically
unfit (the latest medical dated by then is category 3 or 4). A person is *aboard* a
vessel on a date when a deployment puts them there: their own, their crew's while they
are a member and neither away nor named among those who did not sail, or a crew's they
sailed with as cover.

Each question compares record dates with the view's date through ``covers`` and
``reached``, so each answer notes the first later day on which it may change.
"""

from __future__ import annotations

import bisect

import attrs

from ..model import (
    Absence,
    CertificateKind,
    Deployment,
    Person,
    Restriction,
    RestrictionKind,
    Vessel,
    VesselStatus,
    VesselType,
)
from ._kit import KitQuestions
from ._people import PeopleQuestions
from ._trace import NEVER
from ._validity import Held, ValidityQuestions

__all__ = ["AvailabilityQuestions"]


class AvailabilityQuestions(ValidityQuestions, KitQuestions, PeopleQuestions):
    """Dated assignments, absences, medical fitness and who is aboard, on the view's date."""

    # -- dated assignments ------------------------------------------------------------

    def roles_held(self, person: Person) -> tuple[str, ...]:
        """The duty roles the person holds on the date, in data order, each once."""
        always = self._per_person("undated-roles", person, _undated_roles, self._memo("roles"))
        if always is not _DATED:  # the same on every date: nothing to trace or keep
            return always
        return self._answer(
            "roles-held",
            self._person_slot(person),
            lambda: tuple(
                dict.fromkeys(
                    entry.role
                    for entry in person.duty_roles
                    if entry.undated or self.covers(entry.start, entry.end)
                )
            ),
        )

    def grade_on(self, person: Person) -> str | None:
        """The grade the person holds on the date.

        The current one from ``grade_since``; before it, the latest of
        ``previous_grades`` taken up by then (``None`` if none is recorded).
        """
        return self.person_on(person).grade

    def person_on(self, person: Person) -> Person:
        """The person's record with their grade history as it stood on the date.

        From ``grade_since`` on, the record itself. Before it, a copy whose grade and
        ``grade_since`` are the latest of ``previous_grades`` taken up by then, and whose
        ``previous_grades`` are the ones before that: what pathways judge on a past date.
        """
        if person.grade_since is None or self.reached(person.grade_since):
            return person
        held = [entry for entry in person.previous_grades if self.reached(entry.since)]
        last = held.pop() if held else None
        return attrs.evolve(
            person,
            grade=last.grade if last else None,
            grade_since=last.since if last else None,
            previous_grades=tuple(held),
        )

    def holds_role(self, person: Person, role_id: str) -> bool:
        """True when the person holds the duty role on the date."""
        return role_id in self.roles_held(person)

    def size_for(self, person: Person, equipment_type: str) -> str | None:
        """The person's size for an equipment type on the date: the first entry covering it."""
        for entry in person.sizes:
            if entry.equipment == equipment_type and self.covers(entry.start, entry.end):
                return entry.size
        return None

    def crew_of(self, person: Person) -> str | None:
        """The crew the person is a member of on the date, if any (in service or not).

        An earlier crew (``previous_crews``) on the days it lists; the current crew from
        ``crew_since``, or, when that is absent, from the day after the last earlier crew
        ended (on every day if there is none).
        """
        if not person.previous_crews:  # one comparison at most: not worth keeping
            return self._crew_on(person)
        return self._answer("crew-of", self._person_slot(person), lambda: self._crew_on(person))

    def _crew_on(self, person: Person) -> str | None:
        for spell in person.previous_crews:
            if self.covers(spell.start, spell.end):
                return spell.crew
        if person.crew is None:
            return None
        first = person.crew_since
        if first is None and person.previous_crews:
            last = max(spell.end for spell in person.previous_crews)
            return person.crew if self.passed(last) else None
        return person.crew if first is None or self.reached(first) else None

    def vessel_status(self, vessel: Vessel) -> VesselStatus:
        """The vessel's status on the date: the last listed entry covering it, else operational."""
        found = VesselStatus.OPERATIONAL
        for entry in vessel.status:
            if entry.undated or self.covers(entry.start, entry.end):
                found = entry.status
        return found

    # -- availability -----------------------------------------------------------------

    def absence(self, person: Person) -> Absence | None:
        """The person's first listed absence covering the date, if any."""
        for absence in person.absences:
            if self.covers(absence.start, absence.end):
                return absence
        return None

    def medical(self, person: Person) -> Held | None:
        """The person's latest medical (ENG1 or other medical type) dated by the date."""
        return self._answer("medical", self._person_slot(person), lambda: self._medical(person))

    def _medical_flags(self, person: Person) -> tuple[bool, bool]:
        """Whether any medical of the person's records is unfit, and any restricted.

        Most people have neither, and for them the answers never change.
        """
        return self._per_person("medical-flags", person, _medical_flags, self._memo("medical"))

    def _medical(self, person: Person) -> Held | None:
        best: Held | None = None
        for type_id in self._medical_types():
            held = self.latest(person, "certificates", type_id)
            if held is not None and (best is None or held.start >= best.start):
                best = held
        return best

    def _medical_types(self) -> tuple[str, ...]:
        cache = self._memo("medical-types")
        found: tuple[str, ...] | None = cache.get("all")
        if found is None:
            kinds = self.fleet.certificate_types
            medical = [t.id for t in kinds if t.kind is CertificateKind.MEDICAL]
            found = cache.setdefault("all", tuple(dict.fromkeys(medical)))
        return found

    def unfit(self, person: Person) -> bool:
        """True when the latest medical dated by the date is category 3 or 4 (unfit)."""
        if not self._medical_flags(person)[0]:
            return False
        held = self.medical(person)
        fitness = getattr(held.record, "fitness", None) if held is not None else None
        return fitness is not None and fitness.unfit

    def restrictions(self, person: Person) -> tuple[Restriction, ...]:
        """The restrictions in force: those of the latest medical, while it is valid.

        A restriction with ``until`` ends on that day, sooner than its medical.
        """
        if not self._medical_flags(person)[1]:
            return ()
        return self._answer(
            "restrictions", self._person_slot(person), lambda: self._restrictions(person)
        )

    def _restrictions(self, person: Person) -> tuple[Restriction, ...]:
        held = self.medical(person)
        if held is None or not self.covers(held.start, held.expires):
            return ()
        return tuple(
            restriction
            for restriction in getattr(held.record, "restrictions", ())
            if self.covers(None, restriction.until)
        )

    def barred(self, person: Person, vessel: Vessel) -> tuple[tuple[Restriction, str], ...]:
        """The restrictions in force that rule out serving aboard ``vessel``, each with why.

        A near-coastal restriction rules out a cutter (ocean-going); a named-vessel one,
        every other vessel. Excluded duties bar roles, not vessels (:meth:`may_fill`).
        """
        found = []
        for restriction in self.restrictions(person):
            if restriction.kind is RestrictionKind.NEAR_COASTAL:
                if vessel.type is VesselType.CUTTER:
                    found.append(
                        (restriction, f"{vessel.name} is a cutter, beyond near-coastal waters")
                    )
            elif (
                restriction.kind is RestrictionKind.NAMED_VESSEL and restriction.vessel != vessel.id
            ):
                found.append(
                    (restriction, f"the medical allows service on {restriction.vessel} only")
                )
        return tuple(found)

    def may_fill(self, person: Person, role_id: str) -> bool:
        """True unless a medical restriction in force excludes the duty role."""
        return role_id not in self.excluded_roles(person)

    def excluded_roles(self, person: Person) -> frozenset[str]:
        """The duty roles the medical restrictions in force exclude."""
        return frozenset(role for r in self.restrictions(person) for role in r.roles)

    def available(self, person: Person) -> bool:
        """True when the person is in the command, not away and not medically unfit."""
        return self.in_service(person) and self.absence(person) is None and not self.unfit(person)

    # -- aboard -----------------------------------------------------------------------

    def aboard(self, person: Person) -> tuple[Deployment, ...]:
        """The deployments that put the person aboard on the date.

        Their own deployments, then those they sailed on as cover, as recorded (even
        while away: a finding), then their crew's while they are a member, in the command, not away
        and not named among those who did not sail.
        """
        return self._answer("aboard", self._person_slot(person), lambda: self._aboard(person))

    def _aboard(self, person: Person) -> tuple[Deployment, ...]:
        fleet = self.fleet
        found = [
            d
            for d in fleet.own_deployments_of(person.id) + fleet.covered_by(person.id)
            if self.covers(d.start, d.end)
        ]
        crew = self.crew_of(person)
        if crew is not None:
            sailing = [d for d in self.crew_sailing(crew) if person.id not in d.absent]
            if sailing and self.in_service(person) and self.absence(person) is None:
                found += sailing
        seen: set[int] = set()
        kept = []
        for deployment in found:
            if id(deployment) not in seen:
                seen.add(id(deployment))
                kept.append(deployment)
        return tuple(kept)

    def crew_deployment(self, crew_id: str) -> Deployment | None:
        """The crew's first listed deployment covering the date, if it is deployed."""
        sailing = self.crew_sailing(crew_id)
        return sailing[0] if sailing else None

    def crew_sailing(self, crew_id: str) -> tuple[Deployment, ...]:
        """The crew's deployments covering the date, in data order.

        Kept for the days the answer holds.
        """
        return self._answer("crew-sailing", crew_id, lambda: self._sailing(crew_id))

    def _sailing(self, crew_id: str) -> tuple[Deployment, ...]:
        """The deployments covering the date, found by bisection in the crew's spans.

        The answer changes on the next first day after the date, or the day after the
        earliest last day among those covering it.
        """
        starts, ends, listed = self._crew_spans(crew_id)
        day = self._ordinal
        count = bisect.bisect_right(starts, day)  # the spans that start by the date
        if count < len(starts):
            self._note(starts[count])
        found = []
        for position in range(count):
            if ends[position] >= day:
                found.append(listed[position])
                self._note(ends[position] + 1)
        deployments = self.fleet.deployments_of_crew(crew_id)
        return tuple(deployments[n] for n in sorted(found))

    def _crew_spans(self, crew_id: str) -> tuple[tuple[int, ...], ...]:
        """The crew's deployments sorted by first day, as three columns; made once.

        First and last days as ordinals (:data:`NEVER` for an open end), and positions
        in ``deployments_of_crew``.
        """
        cache = self._memo("crew-spans")
        found: tuple[tuple[int, ...], ...] | None = cache.get(crew_id)
        if found is None:
            rows = sorted(
                (d.start.toordinal(), d.end.toordinal() if d.end else NEVER, n)
                for n, d in enumerate(self.fleet.deployments_of_crew(crew_id))
            )
            found = cache.setdefault(crew_id, tuple(zip(*rows, strict=True)) or ((), (), ()))
        return found


_DATED: tuple[str, ...] = ("",)
"""Stands for "some duty role is dated" where the roles held on every day would be."""


def _undated_roles(person: Person) -> tuple[str, ...]:
    """The person's duty roles if none is dated (held on every day), else :data:`_DATED`."""
    if all(entry.undated for entry in person.duty_roles):
        return person.role_ids
    return _DATED


def _medical_flags(person: Person) -> tuple[bool, bool]:
    unfit = any(c.fitness is not None and c.fitness.unfit for c in person.certificates)
    return _FLAGS[unfit, any(c.restrictions for c in person.certificates)]


_FLAGS = {(a, b): (a, b) for a in (False, True) for b in (False, True)}
"""One shared tuple per answer of :func:`_medical_flags`, rather than one per person."""
