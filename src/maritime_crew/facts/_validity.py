"""When certificates and training records are valid.

A certificate or course completion is valid from its date up to and including its
expiry date. The expiry is the one recorded on the record when there is one; otherwise
it follows from the certificate type's validity (or the course's refresher period) and
the holder's age on the day of issue: a period of ``P5Y`` from 2 March 2016 runs up to
and including 1 March 2021. A type or course without a validity never expires.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

import pendulum

from ..model import AgeSchedule, Certificate, Fleet, Person, TrainingRecord
from ..model._dates import day_of_ordinal, shift
from ._memo import memo, remember_person

__all__ = [
    "Held",
    "certificate_expiry",
    "certificates_of",
    "ending_by",
    "held_by_type",
    "held_on",
    "last_day",
    "latest_certificate",
    "latest_training",
    "longest_valid",
    "next_booking",
    "training_expiry",
    "training_of",
    "unrenewed_certificate",
    "unrenewed_training",
    "valid_certificate",
    "valid_training",
    "valid_until",
]


def last_day(schedule: AgeSchedule, start: pendulum.Date, age: int | None) -> pendulum.Date:
    """The last day of a period that starts on ``start``, for someone (or something) of ``age``."""
    return shift(schedule.for_age(age).after(start), days=-1)


_NEVER = 1 << 40
"""The last valid day (as an ordinal) of a record that never expires: after every date."""


def _end(
    person: Person,
    expires: pendulum.Date | None,
    validity: AgeSchedule | None,
    start: pendulum.Date,
) -> int:
    """The last valid day of a record as an ordinal (:data:`_NEVER` if it never expires).

    The recorded expiry if there is one; else the validity of its type for the holder's
    age on the start date; else it never expires.
    """
    if expires is not None:
        return expires.toordinal()
    if validity is None:
        return _NEVER
    return validity.for_age(person.age_on(start)).after_ordinal(start) - 1


def _validities(fleet: Fleet, kind: str) -> dict[str, AgeSchedule | None]:
    """The validity of each certificate type (or course) by id; the first of a duplicated id."""
    cache: dict[str, dict[str, AgeSchedule | None]] = memo(fleet, "validities")
    found = cache.get(kind)
    if found is None:
        found = {}
        records = fleet.certificate_types if kind == "certificates" else fleet.courses
        for record in records:
            found.setdefault(record.id, record.validity)
        found = cache.setdefault(kind, found)
    return found


def _certificate_end(fleet: Fleet, person: Person, certificate: Certificate) -> int:
    validity = _validities(fleet, "certificates").get(certificate.type)
    return _end(person, certificate.expires, validity, certificate.issued)


def _training_end(fleet: Fleet, person: Person, record: TrainingRecord) -> int:
    validity = _validities(fleet, "training").get(record.course)
    return _end(person, record.expires, validity, record.completed)


def _day_or_none(end: int) -> pendulum.Date | None:
    return None if end == _NEVER else day_of_ordinal(end)


def certificate_expiry(
    fleet: Fleet, person: Person, certificate: Certificate
) -> pendulum.Date | None:
    """The last valid day of a certificate, or ``None`` if it does not expire."""
    return _day_or_none(_certificate_end(fleet, person, certificate))


def training_expiry(fleet: Fleet, person: Person, record: TrainingRecord) -> pendulum.Date | None:
    """The last day a course completion counts, or ``None`` if it does not lapse."""
    return _day_or_none(_training_end(fleet, person, record))


class Held(NamedTuple):
    """A certificate or training record of a person, with where it sits and when it ends.

    A named tuple, the cheapest record Python makes: one is made for each answer to a
    question such as :func:`valid_certificate`, from the person's validity table.
    """

    record: Certificate | TrainingRecord
    position: int
    """Index in the person's ``certificates`` or ``training``."""
    start: pendulum.Date
    """Issue or completion date."""
    expires: pendulum.Date | None
    """Last valid day; ``None`` when it never expires."""

    def valid_on(self, date: pendulum.Date) -> bool:
        """True from the start date up to and including the expiry date."""
        return self.start <= date and (self.expires is None or date <= self.expires)


_Table = tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]
"""A person's certificates (or training records) in order: types, first and last days."""


def _table(fleet: Fleet, person: Person, kind: str) -> _Table:
    """The person's ``"certificates"`` or ``"training"`` as types and day ordinals.

    Worked out once per person of the fleet. Only text and whole numbers are kept, which
    the garbage collector does not trace: a fleet of 10,000 people has some 85,000
    records, and keeping an object for each made every full collection during a check
    slower, and more frequent.
    """
    cache: dict[int, _Table] = memo(fleet, kind)
    found = cache.get(id(person))
    if found is not None:
        return found
    validities = _validities(fleet, kind)
    if kind == "certificates":
        certificates = person.certificates
        types = [certificate.type for certificate in certificates]
        starts = [certificate.issued.toordinal() for certificate in certificates]
        ends = [_end(person, c.expires, validities.get(c.type), c.issued) for c in certificates]
    else:
        training = person.training
        types = [record.course for record in training]
        starts = [record.completed.toordinal() for record in training]
        ends = [_end(person, r.expires, validities.get(r.course), r.completed) for r in training]
    table = (tuple(types), tuple(starts), tuple(ends))
    return remember_person(cache, fleet, person, table)


def _held(person: Person, kind: str, table: _Table, position: int) -> Held:
    """The :class:`Held` for one record of the table."""
    record: Certificate | TrainingRecord
    if kind == "certificates":
        record = person.certificates[position]
        start = record.issued
    else:
        record = person.training[position]
        start = record.completed
    end = table[2][position]
    return Held(record, position, start, _day_or_none(end))


def _of_type(fleet: Fleet, person: Person, kind: str, type_id: str) -> Iterator[Held]:
    table = _table(fleet, person, kind)
    for position, key in enumerate(table[0]):
        if key == type_id:
            yield _held(person, kind, table, position)


def certificates_of(fleet: Fleet, person: Person, type_id: str) -> Iterator[Held]:
    """Every certificate of one type a person holds or held, with its expiry."""
    return _of_type(fleet, person, "certificates", type_id)


def training_of(fleet: Fleet, person: Person, course_id: str) -> Iterator[Held]:
    """Every completion (or booking) of one course by a person, with its expiry."""
    return _of_type(fleet, person, "training", course_id)


def held_by_type(fleet: Fleet, person: Person, kind: str) -> dict[str, tuple[Held, ...]]:
    """A person's ``"certificates"`` or ``"training"`` by type or course, with expiries."""
    table = _table(fleet, person, kind)
    by_type: dict[str, list[Held]] = {}
    for position, key in enumerate(table[0]):
        by_type.setdefault(key, []).append(_held(person, kind, table, position))
    return {key: tuple(value) for key, value in by_type.items()}


def held_on(
    fleet: Fleet, person: Person, kind: str, on: pendulum.Date
) -> dict[str, pendulum.Date | None]:
    """The certificate types (or courses) of which the person holds a valid one on a date.

    Each with the last day of the longest-lasting one (``None``: it never expires).
    """
    ends = _valid_ends(_table(fleet, person, kind), on.toordinal())
    return {key: _day_or_none(last) for key, last in ends.items()}


def _valid_ends(table: _Table, day: int) -> dict[str, int]:
    """Each type valid on a day (ordinal), with the last day of its longest-lasting record."""
    best: dict[str, int] = {}
    for key, first, last in zip(*table, strict=True):
        if first <= day <= last and last > best.get(key, -1):
            best[key] = last
    return best


def ending_by(
    fleet: Fleet, person: Person, kind: str, on: pendulum.Date, last: pendulum.Date
) -> bool:
    """Whether a ``"certificates"`` (or ``"training"``) record valid on ``on`` ends by ``last``.

    A quick test on the validity table, before a closer look at what is expiring.
    """
    _, starts, ends = _table(fleet, person, kind)
    day, by = on.toordinal(), last.toordinal()
    return any(first <= day <= end <= by for first, end in zip(starts, ends, strict=True))


def longest_valid(held: Iterable[Held], on: pendulum.Date) -> Held | None:
    """Of some certificates or completions, the one valid on a date that lasts longest."""
    best: Held | None = None
    for item in held:
        if item.valid_on(on) and (
            best is None
            or item.expires is None
            or (best.expires is not None and item.expires > best.expires)
        ):
            best = item
    return best


def _best(table: _Table, type_id: str, day: int) -> int:
    """The position of the record of a type valid on a day (ordinal) that lasts longest.

    Of two that never expire, the later recorded; -1 when none is valid.
    """
    types, starts, ends = table
    best, best_end = -1, -1
    for position, key in enumerate(types):
        if key == type_id and starts[position] <= day:
            end = ends[position]
            if day <= end and (best < 0 or end > best_end or end == _NEVER):
                best, best_end = position, end
    return best


def _longest(
    fleet: Fleet, person: Person, kind: str, type_id: str, on: pendulum.Date
) -> Held | None:
    """:func:`longest_valid` of the person's records of one type, on the compact table."""
    table = _table(fleet, person, kind)
    best = _best(table, type_id, on.toordinal())
    return _held(person, kind, table, best) if best >= 0 else None


def valid_until(
    fleet: Fleet, person: Person, kind: str, type_id: str, on: pendulum.Date
) -> pendulum.Date | bool:
    """Whether the person holds a valid ``"certificates"`` (or ``"training"``) of a type.

    ``False`` when none is valid on the date; the last day of the longest-lasting valid
    one; ``True`` when it never expires. No record object is made.
    """
    table = _table(fleet, person, kind)
    best = _best(table, type_id, on.toordinal())
    if best < 0:
        return False
    end = table[2][best]
    return True if end == _NEVER else day_of_ordinal(end)


def _latest(
    fleet: Fleet, person: Person, kind: str, type_id: str, on: pendulum.Date
) -> Held | None:
    """The most recent record of one type on or before a date (the later recorded of a tie)."""
    table = _table(fleet, person, kind)
    types, starts, _ = table
    day = on.toordinal()
    best, best_start = -1, -1
    for position, key in enumerate(types):
        start = starts[position]
        if key == type_id and start <= day and start >= best_start:
            best, best_start = position, start
    return _held(person, kind, table, best) if best >= 0 else None


def valid_certificate(fleet: Fleet, person: Person, type_id: str, on: pendulum.Date) -> Held | None:
    """The person's certificate of a type valid on a date that lasts longest, if any."""
    return _longest(fleet, person, "certificates", type_id, on)


def latest_certificate(
    fleet: Fleet, person: Person, type_id: str, on: pendulum.Date
) -> Held | None:
    """The most recently issued certificate of a type on or before a date, valid or not."""
    return _latest(fleet, person, "certificates", type_id, on)


def valid_training(fleet: Fleet, person: Person, course_id: str, on: pendulum.Date) -> Held | None:
    """The person's completion of a course that counts on a date and lasts longest, if any."""
    return _longest(fleet, person, "training", course_id, on)


def latest_training(fleet: Fleet, person: Person, course_id: str, on: pendulum.Date) -> Held | None:
    """The most recent completion of a course on or before a date, current or lapsed."""
    return _latest(fleet, person, "training", course_id, on)


def _unrenewed(
    fleet: Fleet, person: Person, kind: str, type_id: str, on: pendulum.Date, booked: bool
) -> Held | None:
    table = _table(fleet, person, kind)
    day = on.toordinal()
    best = _best(table, type_id, day)
    if best < 0 or table[2][best] == _NEVER:
        return None
    cover = _best(table, type_id, table[2][best] + 1)
    if cover >= 0 and (booked or table[1][cover] <= day):
        return None
    return _held(person, kind, table, best)


def unrenewed_certificate(
    fleet: Fleet, person: Person, type_id: str, on: pendulum.Date
) -> Held | None:
    """The certificate of a type valid on a date, if it expires and nothing follows it.

    ``None`` when none is valid, the valid one never expires, or a replacement already
    recorded (issued by the expiry date) is valid the day after: then nothing lapses.
    """
    return _unrenewed(fleet, person, "certificates", type_id, on, booked=True)


def unrenewed_training(
    fleet: Fleet, person: Person, course_id: str, on: pendulum.Date
) -> Held | None:
    """The completion of a course current on a date, if it lapses and nothing follows it.

    Only a completion on or before ``on`` covers the day after the lapse; a booking (a
    record dated later) may yet be cancelled, so it does not.
    """
    return _unrenewed(fleet, person, "training", course_id, on, booked=False)


def next_booking(person: Person, course_id: str, after: pendulum.Date) -> pendulum.Date | None:
    """The first booking of a course: the earliest record of it dated after ``after``."""
    dates = [r.completed for r in person.training if r.course == course_id and r.completed > after]
    return min(dates) if dates else None
