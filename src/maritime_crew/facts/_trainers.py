"""Who is qualified to deliver an in-house course on a date (seed commitment C3).

A trainer must hold, current on the day, every course in the course's
``trainer_courses`` and every certificate type in its ``trainer_certificates``.
"""

from __future__ import annotations

import attrs
import pendulum

from ..model import Course, Fleet
from ._validity import _table, _valid_ends

__all__ = ["TrainerHolders", "trainer_holders"]


@attrs.frozen
class TrainerHolders:
    """Who in service holds each trainer course and certificate type, current on a date.

    Only courses and certificate types that some course names in ``trainer_courses`` or
    ``trainer_certificates`` are listed.
    """

    courses: dict[str, frozenset[str]]
    """Course id to the staff numbers with a current completion."""
    certificates: dict[str, frozenset[str]]
    """Certificate type id to the staff numbers with a valid certificate."""

    def requirements(self, course: Course) -> list[tuple[str, str, frozenset[str]]]:
        """Each trainer requirement of a course as ``(kind, id, holders)``.

        ``kind`` is ``"course"`` or ``"certificate"``.
        """
        empty: frozenset[str] = frozenset()
        return [("course", c, self.courses.get(c, empty)) for c in course.trainer_courses] + [
            ("certificate", t, self.certificates.get(t, empty)) for t in course.trainer_certificates
        ]

    def trainers(self, course: Course) -> frozenset[str]:
        """Staff numbers meeting every trainer requirement of the course.

        Empty when the course names no trainer requirement: nobody is specifically
        qualified, and :meth:`requirements` is empty too.
        """
        needs = self.requirements(course)
        if not needs:
            return frozenset()
        return frozenset.intersection(*(holders for _, _, holders in needs))


def trainer_holders(fleet: Fleet, on: pendulum.Date) -> TrainerHolders:
    """Who in service holds, on a date, what some course asks of its trainers, in one pass.

    Only the courses and certificate types that a course names as a trainer requirement
    are listed.
    """
    wanted = {
        "training": {c for course in fleet.courses for c in course.trainer_courses},
        "certificates": {t for course in fleet.courses for t in course.trainer_certificates},
    }
    found: dict[str, dict[str, set[str]]] = {"training": {}, "certificates": {}}
    day = on.toordinal()
    for person in fleet.people:
        if not person.in_service_on(on):
            continue
        for kind, keys in wanted.items():
            if not keys:
                continue
            holders = found[kind]
            for key in _valid_ends(_table(fleet, person, kind), day):
                if key in keys:
                    holders.setdefault(key, set()).add(person.id)
    return TrainerHolders(
        courses={key: frozenset(value) for key, value in found["training"].items()},
        certificates={key: frozenset(value) for key, value in found["certificates"].items()},
    )
