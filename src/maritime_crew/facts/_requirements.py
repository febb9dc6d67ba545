"""What a person's grade and duty roles require, and whether they meet it on a date."""

from __future__ import annotations

import attrs
import pendulum

from ..model import EquipmentItem, Fleet, ItemStatus, Person
from ._memo import dated_memo, recall, remember
from ._validity import held_by_type, longest_valid

__all__ = ["RoleStatus", "kit_held", "required_certificates", "required_courses", "role_status"]


def required_certificates(fleet: Fleet, person: Person) -> dict[str, list[str]]:
    """Certificate types the person's grade and duty roles require, with who requires each.

    Reasons read ``grade deck-chief-officer`` or ``duty role medic``.
    """
    required: dict[str, list[str]] = {}
    grade = fleet.grade(person.grade) if person.grade else None
    if grade is not None:
        for type_id in grade.certificates:
            required.setdefault(type_id, []).append(f"grade {grade.id}")
    for role_id in person.duty_roles:
        role = fleet.duty_role(role_id)
        if role is not None:
            for type_id in role.certificates:
                required.setdefault(type_id, []).append(f"duty role {role.id}")
    return required


def required_courses(fleet: Fleet, person: Person) -> dict[str, list[str]]:
    """Courses the person's grade and duty roles require, with who requires each."""
    required: dict[str, list[str]] = {}
    grade = fleet.grade(person.grade) if person.grade else None
    if grade is not None:
        for course_id in grade.courses:
            required.setdefault(course_id, []).append(f"grade {grade.id}")
    for role_id in person.duty_roles:
        role = fleet.duty_role(role_id)
        if role is not None:
            for course_id in role.courses:
                required.setdefault(course_id, []).append(f"duty role {role.id}")
    return required


def kit_held(
    fleet: Fleet, person: Person, equipment_type: str, on: pendulum.Date
) -> list[EquipmentItem]:
    """Items of a type issued to the person on a date and usable (not withdrawn or lost)."""
    return list(_usable_kit(fleet, person, on).get(equipment_type, ()))


def _usable_kit(
    fleet: Fleet, person: Person, on: pendulum.Date
) -> dict[str, tuple[EquipmentItem, ...]]:
    """The person's usable items on a date by equipment type, worked out once per day."""
    cache = dated_memo(fleet, on, "usable-kit")
    found: dict[str, tuple[EquipmentItem, ...]] | None = recall(cache, person)
    if found is not None:
        return found
    by_type: dict[str, list[EquipmentItem]] = {}
    for item in fleet.items_held(person.id, on):
        if item.status_on(on) is ItemStatus.IN_SERVICE:
            by_type.setdefault(item.type, []).append(item)
    return remember(cache, person, {kind: tuple(items) for kind, items in by_type.items()})


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
            by_type = held_by_type(fleet, person, kind) if wanted else {}
            for type_id in wanted:
                held = longest_valid(by_type.get(type_id, ()), on)
                if held is None:
                    missing.append(type_id)
                elif held.expires is not None:
                    expiries.append(held.expires)
        usable = _usable_kit(fleet, person, on)
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
