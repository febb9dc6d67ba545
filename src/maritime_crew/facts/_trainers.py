"""Who is qualified to deliver an in-house course (seed commitment C3).

A trainer must hold, current on the day, every course in the course's
``trainer_courses`` and every certificate type in its ``trainer_certificates`` (or a
certificate of a type above it on the ladder of ``CertificateType.supersedes``).
"""

from __future__ import annotations

from typing import Literal

import attrs
import pendulum

from ..model import Course, Person
from ._people import PeopleQuestions
from ._trace import NEVER
from ._validity import Kind, ValidityFacts, _best, _latest

__all__ = ["Lack", "TrainerFacts", "TrainerQuestions", "TrainerRequirement", "Trainers"]


@attrs.frozen
class Lack:
    """A trainer requirement a person did not meet on a day."""

    kind: Literal["course", "certificate"]
    type: str
    """The course or certificate type id."""
    lapsed: pendulum.Date | None
    """The last day of their latest record of it (or, for a certificate, of a type above
    it), if they had one that lapsed; ``None`` when they never had one by the day."""
    lapsed_type: str | None = None
    """The type of that latest record when it is a certificate of a type above
    :attr:`type`; ``None`` otherwise."""


@attrs.frozen
class TrainerRequirement:
    """One trainer requirement of a course and who in service meets it on a date."""

    kind: Literal["course", "certificate"]
    type: str
    """The course or certificate type id."""
    holders: frozenset[str]
    """Staff numbers of the people in service with a current record of it."""


@attrs.frozen
class Trainers:
    """Who can deliver a course on a date."""

    requirements: tuple[TrainerRequirement, ...]
    """Each trainer requirement of the course: its courses, then its certificates."""

    @property
    def qualified(self) -> frozenset[str]:
        """Staff numbers meeting every requirement; empty when the course names none."""
        if not self.requirements:
            return frozenset()
        return frozenset.intersection(*(need.holders for need in self.requirements))


_KINDS: tuple[tuple[Literal["course", "certificate"], Kind], ...] = (
    ("course", "training"),
    ("certificate", "certificates"),
)


class TrainerFacts(ValidityFacts):
    """Whether a trainer was qualified on a fixed day: the same on every date."""

    def trainer_lacks(self, trainer: Person, course: Course, on: pendulum.Date) -> tuple[Lack, ...]:
        """What ``trainer`` lacked on ``on`` to deliver ``course``: nothing if qualified.

        Worked out once per trainer, course and day: what a trainer lacked on a past day
        never changes.
        """
        slot = self._person_slot(trainer)
        key = (slot, course.id, on.toordinal())
        cache = self._memo("trainer-lacks")
        found: tuple[Lack, ...] | None = cache.get(key) if slot is not None else None
        if found is None:
            found = self._lacks(trainer, course, on)
            if slot is not None:
                found = cache.setdefault(key, found)
        return found

    def _lacks(self, trainer: Person, course: Course, on: pendulum.Date) -> tuple[Lack, ...]:
        lacks = []
        day = on.toordinal()
        for word, kind in _KINDS:
            wanted = course.trainer_courses if kind == "training" else course.trainer_certificates
            if not wanted:
                continue
            table = self._table(trainer, kind)
            for type_id in wanted:
                accepted = self.accepted(kind, type_id)
                if _best(table, accepted, day)[0] >= 0:
                    continue  # valid that day
                latest = _latest(table, accepted, day)[0]
                lapsed = self._day(table[2][latest]) if latest >= 0 else None
                held = table[0][latest] if latest >= 0 else type_id
                lacks.append(Lack(word, type_id, lapsed, None if held == type_id else held))
        return tuple(lacks)


class TrainerQuestions(TrainerFacts, PeopleQuestions):
    """Who can deliver which in-house course on the view's date."""

    def trainers(self, course: Course) -> Trainers:
        """For each trainer requirement of ``course``, who in service meets it on the date."""
        return Trainers(
            tuple(
                TrainerRequirement(word, type_id, self.holders_of(kind, type_id))
                for word, kind in _KINDS
                for type_id in (
                    course.trainer_courses if kind == "training" else course.trainer_certificates
                )
            )
        )

    def holders_of(self, kind: Kind, type_id: str) -> frozenset[str]:
        """Staff numbers of the people in service with a valid record of a type on the date.

        For a certificate type, a valid certificate of a type above it counts too.
        """
        return self._answer("holders", (kind, type_id), lambda: self._holders(kind, type_id))

    def _holders(self, kind: Kind, type_id: str) -> frozenset[str]:
        found = set()
        people = self._store.people
        joined, left = self._service_days()  # in_service, from its columns
        day = self._ordinal
        change = NEVER
        records = [self._records_of_type(kind, key) for key in sorted(self.accepted(kind, type_id))]
        for position, first, last in (
            row for columns in records for row in zip(*columns, strict=True)
        ):
            if first > day:
                if first < change:
                    change = first
                continue
            if day > last:
                continue
            if last < change:
                change = last + 1
            start, end = joined[position], left[position]
            if start > day:
                if start < change:
                    change = start
            elif day <= end:
                if end < change:
                    change = end + 1
                found.add(people[position].id)
        self._note(change)
        return frozenset(found)

    def _records_of_type(
        self, kind: Kind, type_id: str
    ) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        """Every record of a type: its holders' positions, first and last days; made once.

        Three columns of whole numbers rather than a tuple per record: a few objects for
        the garbage collector instead of one per certificate in the fleet.
        """
        cache = self._memo("records-of-type")
        found: dict[str, tuple[tuple[int, ...], ...]] | None = cache.get(kind)
        if found is None:
            grouped: dict[str, tuple[list[int], list[int], list[int]]] = {}
            for position, person in enumerate(self.fleet.people):
                types, starts, ends = self._table(person, kind)
                for key, first, last in zip(types, starts, ends, strict=True):
                    columns = grouped.get(key)
                    if columns is None:
                        columns = grouped[key] = ([], [], [])
                    columns[0].append(position)
                    columns[1].append(first)
                    columns[2].append(last)
            made = {key: tuple(map(tuple, columns)) for key, columns in grouped.items()}
            found = cache.setdefault(kind, made)
        return found.get(type_id, _NO_RECORDS)  # type: ignore[return-value]


_NO_RECORDS: tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]] = ((), (), ())
