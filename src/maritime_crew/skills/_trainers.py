"""Trainer capacity: who can deliver each in-house course on a date (seed C3)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from .. import facts
from ..model import Course, Fleet
from ..rules import as_date

__all__ = ["CourseTrainers", "Holders", "TrainerCapacity", "trainer_capacity"]


@attrs.frozen
class CourseTrainers:
    """One in-house course and the staff qualified to deliver it on the date."""

    course: str
    name: str
    trainer_courses: tuple[str, ...]
    trainer_certificates: tuple[str, ...]
    trainers: tuple[str, ...]
    """Staff numbers in service meeting every trainer requirement, sorted."""

    @property
    def restricted(self) -> bool:
        """True when the course names what a trainer must hold."""
        return bool(self.trainer_courses or self.trainer_certificates)

    @property
    def without_trainer(self) -> bool:
        """True when the course needs a qualified trainer and nobody is (``TRN006``)."""
        return self.restricted and not self.trainers

    def to_record(self) -> dict[str, Any]:
        """The course's capacity as a plain dict."""
        return {
            "course": self.course,
            "name": self.name,
            "trainer_courses": list(self.trainer_courses),
            "trainer_certificates": list(self.trainer_certificates),
            "trainers": list(self.trainers),
            "without_trainer": self.without_trainer,
        }


@attrs.frozen
class TrainerCapacity:
    """Trainer capacity of every in-house course on a date."""

    as_of: pendulum.Date
    courses: tuple[CourseTrainers, ...]

    @property
    def without_trainer(self) -> tuple[str, ...]:
        """Ids of the in-house courses nobody is qualified to deliver."""
        return tuple(c.course for c in self.courses if c.without_trainer)

    def course(self, course_id: str) -> CourseTrainers | None:
        """The capacity of one course, if it is in-house."""
        return next((c for c in self.courses if c.course == course_id), None)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per in-house course."""
        return [course.to_record() for course in self.courses]


def trainer_capacity(fleet: Fleet, as_of: pendulum.Date | datetime.date | str) -> TrainerCapacity:
    """For each in-house course (no provider), the staff qualified to deliver it on a date.

    A course that names no trainer requirement is listed with no trainers and is not
    ``without_trainer``. Counts as the ``TRN006`` rule does (a trainer holds, current on
    the date, every trainer course and certificate the course names).
    """
    as_of = as_date(as_of)
    in_house = [course for course in fleet.courses if course.provider is None]
    holders = Holders(fleet, as_of, in_house)
    courses = tuple(
        CourseTrainers(
            course=course.id,
            name=course.name,
            trainer_courses=course.trainer_courses,
            trainer_certificates=course.trainer_certificates,
            trainers=tuple(sorted(holders.trainers(course))),
        )
        for course in in_house
    )
    return TrainerCapacity(as_of=as_of, courses=courses)


class Holders:
    """Who in service holds each trainer course and certificate of some courses, on a date.

    As :func:`maritime_crew.facts.trainer_holders` (which ``TRN006`` uses), for just the
    trainer requirements of ``courses``, and without filling the fleet's per-person
    caches: kept with the fleet, those would be tens of objects per person for the
    garbage collector to scan again and again.
    """

    def __init__(self, fleet: Fleet, on: pendulum.Date, courses: Iterable[Course]) -> None:
        wanted = list(courses)
        self.courses: dict[str, set[str]] = {c: set() for w in wanted for c in w.trainer_courses}
        self.certificates: dict[str, set[str]] = {
            t: set() for w in wanted for t in w.trainer_certificates
        }
        if not (self.courses or self.certificates):
            return
        for person in fleet.people:
            if not person.in_service_on(on):
                continue
            for record in person.training:
                found = self.courses.get(record.course)
                if found is not None and record.completed <= on:
                    expires = facts.training_expiry(fleet, person, record)
                    if expires is None or on <= expires:
                        found.add(person.id)
            for certificate in person.certificates:
                found = self.certificates.get(certificate.type)
                if found is not None and certificate.issued <= on:
                    expires = facts.certificate_expiry(fleet, person, certificate)
                    if expires is None or on <= expires:
                        found.add(person.id)

    def trainers(self, course: Course) -> set[str]:
        """Staff numbers meeting every trainer requirement of the course (none named: none)."""
        needs = [self.courses[c] for c in course.trainer_courses]
        needs += [self.certificates[t] for t in course.trainer_certificates]
        return set.intersection(*needs) if needs else set()
