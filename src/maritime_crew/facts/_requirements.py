"""What a person's grade and duty roles require, and which of it they meet on a date."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs
import pendulum

from ..model import DutyRole, Person
from ._availability import AvailabilityQuestions
from ._trace import NEVER
from ._validity import Kind, ValidityFacts, _valid_ends

__all__ = ["Requirement", "RequirementFacts", "RequirementQuestions", "Standing"]

Needs = Literal["certificates", "training", "kit"]
"""Certificate types, courses, or equipment types (which only duty roles require)."""

_Needs = tuple["tuple[Requirement, ...]", frozenset[str], tuple[tuple[str, frozenset[str]], ...]]
"""What a profile requires, the types whose records count, and the ladder's steps."""


@attrs.frozen
class Requirement:
    """A certificate type, course or equipment type required, and what requires it."""

    type: str
    """The certificate type, course or equipment type id."""
    required_by: tuple[str, ...]
    """What requires it, in words: ``grade deck-chief-officer``, ``duty role medic``."""


@attrs.frozen
class Standing:
    """A person against what their grade and roles require of one kind, on a date."""

    unmet: tuple[Requirement, ...]
    """The requirements with no valid record on the date (of the type or, for a
    certificate, of a type above it), in the order they are required."""
    soonest: pendulum.Date | None
    """The first day after which a requirement met on the date stops being met: the
    earliest last day among the longest-lasting valid records. ``None`` when none of
    them expires (or nothing is met)."""


class RequirementFacts(ValidityFacts):
    """What grades and duty roles require: the same on every date."""

    def requirements(self, person: Person, kind: Needs) -> tuple[Requirement, ...]:
        """What the person's grade and duty roles require of ``kind``, with who requires each.

        Worked out once per grade and set of duty roles (a fleet has a few hundred such
        profiles) and shared by everyone who has it.
        """
        grade_id, roles = self._profile(person)
        profile = (kind, grade_id, *roles)
        cache = self._memo("requirements")
        found: tuple[Requirement, ...] | None = cache.get(profile)
        if found is not None:
            return found
        fleet = self.fleet
        required: dict[str, list[str]] = {}
        grade = fleet.grade(grade_id) if grade_id else None
        if grade is not None and kind != "kit":
            for type_id in grade.certificates if kind == "certificates" else grade.courses:
                required.setdefault(type_id, []).append(f"grade {grade.id}")
        for role_id in roles:
            role = fleet.duty_role(role_id)
            if role is not None:
                for type_id in _asked(role, kind):
                    required.setdefault(type_id, []).append(f"duty role {role.id}")
        found = tuple(Requirement(type_id, tuple(why)) for type_id, why in required.items())
        kept: tuple[Requirement, ...] = cache.setdefault(profile, found)
        return kept

    def _needs(self, person: Person, kind: Needs) -> _Needs:
        """:meth:`requirements`, the types whose records count, and the ladder: per profile.

        The types are those required and, for certificates, every type above one of
        them (:meth:`accepted`). The ladder is each required type with the types that
        meet it, for the required types some type is above; empty when none is.
        """
        grade_id, roles = self._profile(person)
        profile = (kind, grade_id, *roles)
        cache = self._memo("needs")
        found: _Needs | None = cache.get(profile)
        if found is None:
            required = self.requirements(person, kind)
            wanted = {r.type for r in required}
            steps: list[tuple[str, frozenset[str]]] = []
            if kind == "certificates":
                for requirement in required:
                    accepted = self.accepted(kind, requirement.type)
                    if len(accepted) > 1:
                        steps.append((requirement.type, accepted))
                        wanted |= accepted
            found = cache.setdefault(profile, (required, frozenset(wanted), tuple(steps)))
        return found

    def _profile(self, person: Person) -> tuple[str | None, tuple[str, ...]]:
        """The grade and duty roles the requirements follow from.

        Asked of a view, those held on its date; asked of the facts of no date, the
        current grade and every duty role listed.
        """
        if isinstance(self, AvailabilityQuestions):
            return self.grade_on(person), self.roles_held(person)
        return person.grade, person.role_ids


def _asked(role: DutyRole, kind: Needs) -> tuple[str, ...]:
    if kind == "certificates":
        return role.certificates
    return role.courses if kind == "training" else role.kit


class RequirementQuestions(RequirementFacts, AvailabilityQuestions):
    """Which requirements a person meets on the view's date."""

    def standing(self, person: Person, kind: Kind) -> Standing:
        """The person's certificates (or training) against what grade and roles require.

        Worked out once per person, kind and date, and shared by every rule that asks.
        """
        unmet, soonest = self._standing(person, kind)
        return Standing(unmet, self._day(soonest))

    def unmet(self, person: Person, kind: Kind) -> tuple[Requirement, ...]:
        """The requirements of ``kind`` the person does not meet on the date."""
        return self._standing(person, kind)[0]

    def _standing(self, person: Person, kind: Kind) -> tuple[tuple[Requirement, ...], int]:
        """:meth:`standing` as kept for the date.

        The unmet requirements and the ordinal of the soonest last day (:data:`NEVER`
        for none), kept for the days they hold (see :meth:`_spans`): nothing the garbage
        collector traces, mostly, as nearly everyone meets every requirement.
        """
        return self._standing_at(person, kind, self._person_slot(person))

    def _standing_at(
        self, person: Person, kind: Kind, slot: int | None
    ) -> tuple[tuple[Requirement, ...], int]:
        """:meth:`_standing` of the person at position ``slot`` (``None``: not the fleet's)."""
        cache = self._spans(_STANDING[kind]) if slot is not None else None
        found = self._held_answer(cache, slot) if cache is not None else None
        if found is None:  # kept as (first, until, unmet, soonest)
            unmet, soonest, change = self._stand(person, kind, slot)
            found = (self._ordinal, change, unmet, soonest)
            if cache is not None:
                cache[slot] = found
            self._note(change)
        return found[2], found[3]

    def _unmet_codes(self, positions: Sequence[int], kind: Kind) -> tuple[int, ...]:
        """Of these positions in ``fleet.people``, those of people with an unmet requirement.

        :meth:`unmet` for many people at once, noting the same days.
        """
        people = self._store.people
        standing = self._standing_at
        return tuple([p for p in positions if standing(people[p], kind, p)[0]])

    def _ending_codes(self, positions: Sequence[int], kind: Kind, days: int) -> tuple[int, ...]:
        """Of these positions in ``fleet.people``, those whose requirements end soon.

        A requirement met on the date by a record that ends within ``days`` days (see
        :meth:`standing`), for many people at once, noting the same days.
        """
        people = self._store.people
        standing = self._standing_at
        horizon = self._ordinal + days
        kept = []
        for position in positions:
            soonest = standing(people[position], kind, position)[1]
            if soonest <= horizon:
                kept.append(position)
            elif soonest < NEVER:  # reached ``days`` days later, in this view's frame
                self._note(soonest - days)
        return tuple(kept)

    def _stand(
        self, person: Person, kind: Kind, slot: int | None
    ) -> tuple[tuple[Requirement, ...], int, int]:
        """The person's unmet requirements, soonest last day, and when they may change.

        What is required changes with the grade and duty roles held, and so may the answer.
        """
        (required, wanted, steps), changed = self._capture(lambda: self._needs(person, kind))
        if not required:
            return (), NEVER, changed
        best, change = _valid_ends(self._slot_table(person, kind, slot), self._ordinal, wanted)
        change = min(change, changed)
        if steps:  # a requirement is met by the longest-lasting record of a type that meets it
            best = _climb(best, required, steps)
        if len(best) == len(required):  # the common case: everything is met
            unmet: tuple[Requirement, ...] = ()
        else:
            unmet = tuple([requirement for requirement in required if requirement.type not in best])
        return unmet, min(best.values(), default=NEVER), change


def _climb(
    best: dict[str, int],
    required: tuple[Requirement, ...],
    steps: tuple[tuple[str, frozenset[str]], ...],
) -> dict[str, int]:
    """The last day of each required type met, from those of the valid types.

    ``best`` holds the valid types among those required and those above them. A
    required type with a ladder step is met by the longest-lasting type that meets it.
    """
    climbed = {r.type: best[r.type] for r in required if r.type in best}
    for type_id, accepted in steps:
        last = max((best[key] for key in accepted if key in best), default=-1)
        if last >= 0:
            climbed[type_id] = last
    return climbed


_STANDING = {"certificates": "standing-certificates", "training": "standing-training"}
"""The names of the caches of :meth:`RequirementQuestions.standing`, by kind."""
