"""Trainer capacity: who can deliver each in-house course on a date (seed C3)."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pendulum

from ..facts import Facts
from ..model import Fleet
from ..rules import as_date

__all__ = ["CourseTrainers", "TrainerCapacity", "trainer_capacity"]


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
    view = Facts.of(fleet).on(as_of)
    courses = tuple(
        CourseTrainers(
            course=course.id,
            name=course.name,
            trainer_courses=course.trainer_courses,
            trainer_certificates=course.trainer_certificates,
            trainers=tuple(sorted(view.trainers(course).qualified)),
        )
        for course in in_house
    )
    return TrainerCapacity(as_of=as_of, courses=courses)
