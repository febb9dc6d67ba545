"""What a person's grade and duty roles require, and whether they meet it on a date."""

from __future__ import annotations

import attrs
import pendulum

from ..model import EquipmentItem, Fleet, ItemStatus, Person
from ._memo import dated_memo, memo, remember_person
from ._validity import valid_until

__all__ = [
    "RoleStatus",
    "kit_held",
    "required_certificates",
    "required_courses",
    "role_status",
    "usable_kit_types",
]


Requirement = tuple[str, tuple[str, ...]]
"""A certificate type (or course) required, with who requires it: ``grade X``, ``duty role Y``."""


def _requirements(fleet: Fleet, person: Person, kind: str) -> tuple[Requirement, ...]:
    """What the person's grade and duty roles require of ``"certificates"`` or ``"training"``.

    Worked out once per grade and set of duty roles (a fleet has a few hundred such
    profiles) and shared by everyone who has it: text only, which the garbage collector
    does not trace.
    """
    profile = (kind, person.grade, *person.duty_roles)
    cache: dict[tuple[str | None, ...], tuple[Requirement, ...]] = memo(fleet, "requirements")
    found = cache.get(profile)
    if found is not None:
        return found
    certificates = kind == "certificates"
    required: dict[str, list[str]] = {}
    grade = fleet.grade(person.grade) if person.grade else None
    if grade is not None:
        for type_id in grade.certificates if certificates else grade.courses:
            required.setdefault(type_id, []).append(f"grade {grade.id}")
    for role_id in person.duty_roles:
        role = fleet.duty_role(role_id)
        if role is not None:
            for type_id in role.certificates if certificates else role.courses:
                required.setdefault(type_id, []).append(f"duty role {role.id}")
    requirements = tuple((type_id, tuple(why)) for type_id, why in required.items())
    return cache.setdefault(profile, requirements)


def required_certificates(fleet: Fleet, person: Person) -> dict[str, list[str]]:
    """Certificate types the person's grade and duty roles require, with who requires each.

    Reasons read ``grade deck-chief-officer`` or ``duty role medic``.
    """
    return {key: list(why) for key, why in _requirements(fleet, person, "certificates")}


def required_courses(fleet: Fleet, person: Person) -> dict[str, list[str]]:
    """Courses the person's grade and duty roles require, with who requires each."""
    return {key: list(why) for key, why in _requirements(fleet, person, "training")}


def kit_held(
    fleet: Fleet, person: Person, equipment_type: str, on: pendulum.Date
) -> list[EquipmentItem]:
    """Items of a type issued to the person on a date and usable (not withdrawn or lost)."""
    return [
        item
        for item in fleet.items_held(person.id, on)
        if item.type == equipment_type and item.status_on(on) is ItemStatus.IN_SERVICE
    ]


def usable_kit_types(fleet: Fleet, person: Person, on: pendulum.Date) -> tuple[str, ...]:
    """The equipment types of which the person holds a usable item on a date, sorted.

    Worked out once per person and day (the roles' kit lists are checked against it);
    text only, which the garbage collector does not trace.
    """
    cache: dict[int, tuple[str, ...]] = dated_memo(fleet, on, "usable-kit")
    found = cache.get(id(person))
    if found is not None:
        return found
    usable = {
        item.type
        for item in fleet.items_held(person.id, on)
        if item.status_on(on) is ItemStatus.IN_SERVICE
    }
    return remember_person(cache, fleet, person, tuple(sorted(usable)))


@attrs.frozen
class RoleStatus:
    """Whether a person meets a duty role's requirements on a date, and until when."""

    person: str
    role: str
    on: pendulum.Date
    missing_certificates: tuple[str, ...]
    """Certificate types required and not valid on the date."""
    missing_courses: tuple[str, ...]
    """Courses required and not current on the date."""
    missing_kit: tuple[str, ...]
    """Equipment types required and not issued (in service) on the date."""
    until: pendulum.Date | None
    """When qualified: the first expiry among the certificates and courses that qualify
    (``None`` if none of them expires). When not qualified: ``None``."""

    @property
    def qualified(self) -> bool:
        """True when nothing is missing."""
        return not (self.missing_certificates or self.missing_courses or self.missing_kit)


def role_status(fleet: Fleet, person: Person, role_id: str, on: pendulum.Date) -> RoleStatus:
    """Check a person against a duty role's certificates, courses and kit on a date.

    An unknown role id gives a status with nothing missing; the ``DATA`` rules report the
    dangling reference.
    """
    role = fleet.duty_role(role_id)
    missing_certificates: list[str] = []
    missing_courses: list[str] = []
    missing_kit: list[str] = []
    expiries: list[pendulum.Date] = []
    if role is not None:
        for wanted, kind, missing in (
            (role.certificates, "certificates", missing_certificates),
            (role.courses, "training", missing_courses),
        ):
            for type_id in wanted:
                until = valid_until(fleet, person, kind, type_id, on)
                if until is False:
                    missing.append(type_id)
                elif until is not True:
                    expiries.append(until)
        usable = usable_kit_types(fleet, person, on)
        missing_kit = [kind for kind in role.kit if kind not in usable]
    qualified = not (missing_certificates or missing_courses or missing_kit)
    return RoleStatus(
        person=person.id,
        role=role_id,
        on=on,
        missing_certificates=tuple(missing_certificates),
        missing_courses=tuple(missing_courses),
        missing_kit=tuple(missing_kit),
        until=min(expiries) if qualified and expiries else None,
    )
