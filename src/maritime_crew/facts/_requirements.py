"""What a person's grade and duty roles require, and whether they meet it on a date."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pendulum

from ..model import DutyRole, EquipmentItem, Fleet, ItemStatus, Person
from ..model._dates import day_of_ordinal
from ._memo import dated_memo, memo, remember_person
from ._validity import _NEVER, _best, _table

__all__ = [
    "Requirement",
    "RoleStatus",
    "kit_held",
    "required_certificates",
    "required_courses",
    "requirements",
    "role_status",
    "usable_kit_types",
]


Requirement = tuple[str, tuple[str, ...]]
"""A certificate type (or course) required, with who requires it: ``grade X``, ``duty role Y``."""


def requirements(fleet: Fleet, person: Person, kind: str) -> tuple[Requirement, ...]:
    """What the person's grade and duty roles require, with who requires each.

    ``kind`` is ``"certificates"`` (types), ``"training"`` (courses) or ``"kit"``
    (equipment types, which only duty roles require). Worked out once per grade and set
    of duty roles (a fleet has a few hundred such profiles) and shared by everyone who
    has it: text only, which the garbage collector does not trace.
    """
    profile = (kind, person.grade, *person.duty_roles)
    cache: dict[tuple[str | None, ...], tuple[Requirement, ...]] = memo(fleet, "requirements")
    found = cache.get(profile)
    if found is not None:
        return found
    required: dict[str, list[str]] = {}
    grade = fleet.grade(person.grade) if person.grade else None
    if grade is not None and kind != "kit":
        for type_id in grade.certificates if kind == "certificates" else grade.courses:
            required.setdefault(type_id, []).append(f"grade {grade.id}")
    for role_id in person.duty_roles:
        role = fleet.duty_role(role_id)
        if role is not None:
            for type_id in _wanted(role, kind):
                required.setdefault(type_id, []).append(f"duty role {role.id}")
    found = tuple((type_id, tuple(why)) for type_id, why in required.items())
    return cache.setdefault(profile, found)


def _wanted(role: DutyRole, kind: str) -> tuple[str, ...]:
    if kind == "certificates":
        return role.certificates
    return role.courses if kind == "training" else role.kit


def required_certificates(fleet: Fleet, person: Person) -> dict[str, list[str]]:
    """Certificate types the person's grade and duty roles require, with who requires each.

    Reasons read ``grade deck-chief-officer`` or ``duty role medic``.
    """
    return {key: list(why) for key, why in requirements(fleet, person, "certificates")}


def required_courses(fleet: Fleet, person: Person) -> dict[str, list[str]]:
    """Courses the person's grade and duty roles require, with who requires each."""
    return {key: list(why) for key, why in requirements(fleet, person, "training")}


def kit_held(
    fleet: Fleet, person: Person, equipment_type: str, on: pendulum.Date
) -> list[EquipmentItem]:
    """Items of a type issued to the person on a date and usable (not withdrawn or lost).

    The person's own ledger is read, so two people who share a staff number each see
    their own kit (:meth:`~maritime_crew.Fleet.items_held` looks the first of them up
    by id).
    """
    return [item for item in _usable_items(fleet, person, on) if item.type == equipment_type]


def usable_kit_types(fleet: Fleet, person: Person, on: pendulum.Date) -> tuple[str, ...]:
    """The equipment types of which the person holds a usable item on a date, sorted.

    Worked out once per person and day (the roles' kit lists are checked against it);
    text only, which the garbage collector does not trace.
    """
    cache: dict[int, tuple[str, ...]] = dated_memo(fleet, on, "usable-kit")
    found = cache.get(id(person))
    if found is not None:
        return found
    usable = sorted({item.type for item in _usable_items(fleet, person, on)})
    return remember_person(cache, fleet, person, tuple(usable))


def _usable_items(fleet: Fleet, person: Person, on: pendulum.Date) -> Iterator[EquipmentItem]:
    """The items on the person's own ledger held on a date and in service then."""
    for issue in person.issues:
        if issue.held_on(on):
            item = fleet.equipment_item(issue.item)
            if item is not None and item.status_on(on) is ItemStatus.IN_SERVICE:
                yield item


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
    return status_of(role_check(fleet, person, role_id, on), role_id, on)


RoleCheck = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], int]
"""A :class:`RoleStatus` in the compact form that caches keep: the person's id, the
missing certificate types, courses and kit, and the ordinal of ``until`` (-1 for
``None``). Text and whole numbers only, which the garbage collector stops tracing."""


def role_check(fleet: Fleet, person: Person, role_id: str, on: pendulum.Date) -> RoleCheck:
    """:func:`role_status` in its compact form (:data:`RoleCheck`)."""
    role = fleet.duty_role(role_id)
    if role is None:
        return (person.id, (), (), (), -1)
    day = on.toordinal()
    missing: tuple[list[str], list[str]] = ([], [])
    earliest = _NEVER
    for wanted, kind, lacking in (
        (role.certificates, "certificates", missing[0]),
        (role.courses, "training", missing[1]),
    ):
        if not wanted:
            continue
        table = _table(fleet, person, kind)
        for type_id in wanted:
            best = _best(table, type_id, day)
            if best < 0:
                lacking.append(type_id)
            elif table[2][best] < earliest:
                earliest = table[2][best]
    kit: tuple[str, ...] = ()
    if role.kit:
        usable = usable_kit_types(fleet, person, on)
        kit = tuple(kind for kind in role.kit if kind not in usable)
    qualified = not (missing[0] or missing[1] or kit)
    until = earliest if qualified and earliest != _NEVER else -1
    return (person.id, tuple(missing[0]), tuple(missing[1]), kit, until)


def status_of(check: RoleCheck, role_id: str, on: pendulum.Date) -> RoleStatus:
    """The :class:`RoleStatus` of a compact :data:`RoleCheck` of the role on a date."""
    person, certificates, courses, kit, until = check
    return RoleStatus(
        person=person,
        role=role_id,
        on=on,
        missing_certificates=certificates,
        missing_courses=courses,
        missing_kit=kit,
        until=day_of_ordinal(until) if until >= 0 else None,
    )
