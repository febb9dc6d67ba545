"""When certificates and training records are valid.

A certificate or course completion is valid from its date up to and including its
expiry date. The expiry is the one recorded on the record when there is one; otherwise
it follows from the certificate type's validity (or the course's refresher period) and
the holder's age on the day of issue: a period of ``P5Y`` from 2 March 2016 runs up to
and including 1 March 2021. A type or course without a validity never expires.

Certificate types form a ladder through ``CertificateType.supersedes``: a certificate of
a higher type meets a requirement for a lower one (a chief mate's STCW II/2 meets a
requirement for II/1). A question asked with ``or_higher=True`` counts the records of
the type and of every type above it; the ladder is followed through once per fleet
(:meth:`ValidityFacts.higher`). A course has no ladder.

A person's records of one kind are kept as a table of types and first and last days
(ordinals), worked out once per person: text and whole numbers, which the garbage
collector does not trace (a fleet of 10,000 people has some 85,000 such records).
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Literal

import attrs
import pendulum

from ..model import AgeSchedule, Certificate, Person, TrainingRecord, shift
from ._core import Core, DatedCore
from ._trace import NEVER

__all__ = ["Held", "Kind", "ValidityFacts", "ValidityQuestions", "ladder", "last_day"]

Kind = Literal["certificates", "training"]
"""A person's certificates, or their training records (course completions and bookings)."""

Table = tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]
"""A person's certificates (or training records) in order: types, first and last days."""

_NONE: frozenset[str] = frozenset()


def last_day(schedule: AgeSchedule, start: pendulum.Date, age: int | None) -> pendulum.Date:
    """The last day of a period that starts on ``start``, for someone (or something) of ``age``."""
    return shift(schedule.for_age(age).after(start), days=-1)


@attrs.frozen
class Held:
    """A certificate or training record of a person, with where it sits and when it ends."""

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


def _end(
    person: Person,
    expires: pendulum.Date | None,
    validity: AgeSchedule | None,
    start: pendulum.Date,
) -> int:
    """The last valid day of a record as an ordinal (:data:`NEVER` if it never expires).

    The recorded expiry if there is one; else the validity of its type for the holder's
    age on the start date; else it never expires.
    """
    if expires is not None:
        return expires.toordinal()
    if validity is None:
        return NEVER
    return validity.for_age(person.age_on(start)).after_ordinal(start) - 1


def ladder(supersedes: Iterable[tuple[str, Iterable[str]]]) -> dict[str, frozenset[str]]:
    """Each type with the types below it: those it supersedes, directly or through others.

    ``supersedes`` gives each type with the types it names (the first entry of a type
    counts, as lookups by id see it). A loop (a type that supersedes itself, or two that
    supersede each other) does not stop the walk: each type of a loop is below every
    other, and below itself, which is how ``DATA011`` finds the loop to report. Types
    that supersede nothing are left out.
    """
    named: dict[str, tuple[str, ...]] = {}
    for type_id, lower in supersedes:
        if type_id not in named:
            named[type_id] = tuple(lower)
    below: dict[str, frozenset[str]] = {}
    for start, direct in named.items():
        if not direct:
            continue
        seen: set[str] = set()
        stack = list(direct)
        while stack:
            type_id = stack.pop()
            if type_id not in seen:
                seen.add(type_id)
                stack.extend(named.get(type_id, ()))
        below[start] = frozenset(seen)
    return below


class ValidityFacts(Core):
    """Questions about certificates and training that do not depend on a date."""

    def _ladder(self) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        """Each certificate type's types below it, and above it: worked out once."""
        cache = self._memo("ladder")
        found: tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]] | None
        found = cache.get("ladder")
        if found is None:
            below = ladder((t.id, t.supersedes) for t in self.fleet.certificate_types)
            above: dict[str, set[str]] = {}
            for upper, lower in below.items():
                for type_id in lower:
                    above.setdefault(type_id, set()).add(upper)
            made = (below, {key: frozenset(value) for key, value in above.items()})
            found = cache.setdefault("ladder", made)
        return found

    def lower(self, type_id: str) -> frozenset[str]:
        """The certificate types below ``type_id``: each one a valid certificate of it meets.

        Those it supersedes, and what they supersede in turn (empty when it supersedes
        nothing).
        """
        return self._ladder()[0].get(type_id, _NONE)

    def higher(self, type_id: str) -> frozenset[str]:
        """The certificate types above ``type_id``: each one whose valid certificate meets it.

        Every type that supersedes it, directly or through others (empty when none does).
        """
        return self._ladder()[1].get(type_id, _NONE)

    def accepted(self, kind: Kind, type_id: str) -> frozenset[str]:
        """The types whose valid record meets a requirement for ``type_id``.

        The type itself and, for certificates, every type above it (:meth:`higher`); for
        a course, the course alone.
        """
        cache = self._memo("accepted")
        key = (kind, type_id)
        found: frozenset[str] | None = cache.get(key)
        if found is None:
            above = self.higher(type_id) if kind == "certificates" else _NONE
            found = cache.setdefault(key, above | {type_id})
        return found

    def _types(self, kind: Kind, type_id: str, or_higher: bool) -> Container[str]:
        """What a question about ``type_id`` counts: the type, or everything that meets it."""
        return self.accepted(kind, type_id) if or_higher else (type_id,)

    def _validities(self, kind: Kind) -> dict[str, AgeSchedule | None]:
        """The validity of each certificate type (or course) by id; the first of a duplicate."""
        cache = self._memo("validities")
        found: dict[str, AgeSchedule | None] | None = cache.get(kind)
        if found is None:
            found = {}
            fleet = self.fleet
            records = fleet.certificate_types if kind == "certificates" else fleet.courses
            for record in records:
                found.setdefault(record.id, record.validity)
            found = cache.setdefault(kind, found)
        return found

    def _table(self, person: Person, kind: Kind) -> Table:
        """The person's records of ``kind`` as types and first and last days, made once."""
        return self._slot_table(person, kind, self._person_slot(person))

    def _slot_table(self, person: Person, kind: Kind, slot: int | None) -> Table:
        """:meth:`_table` for a person whose position is known (``None``: not the fleet's)."""
        if slot is None:
            return self._make_table(person, kind)
        types, starts, ends = self._store.tables[kind]
        found = types[slot]
        if found is None:  # written types last: a thread that reads them finds all three
            made = self._make_table(person, kind)
            ends[slot], starts[slot], types[slot] = made[2], made[1], made[0]
            found = made[0]
        return found, starts[slot], ends[slot]

    def _make_table(self, person: Person, kind: Kind) -> Table:
        validities = self._validities(kind)
        if kind == "certificates":
            certificates = person.certificates
            types = [certificate.type for certificate in certificates]
            starts = [certificate.issued.toordinal() for certificate in certificates]
            # A medical that finds the holder unfit (category 3 or 4) is never valid.
            ends = [
                c.issued.toordinal() - 1
                if c.fitness is not None and c.fitness.unfit
                else _end(person, c.expires, validities.get(c.type), c.issued)
                for c in certificates
            ]
        else:
            training = person.training
            types = [record.course for record in training]
            starts = [record.completed.toordinal() for record in training]
            ends = [
                _end(person, r.expires, validities.get(r.course), r.completed) for r in training
            ]
        return tuple(types), tuple(starts), tuple(ends)

    def _held(self, person: Person, kind: Kind, table: Table, position: int) -> Held:
        record: Certificate | TrainingRecord
        if kind == "certificates":
            record = person.certificates[position]
            start = record.issued
        else:
            record = person.training[position]
            start = record.completed
        return Held(record, position, start, self._day(table[2][position]))

    def expiry(self, person: Person, record: Certificate | TrainingRecord) -> pendulum.Date | None:
        """The last valid day of one of the person's records; ``None`` if it never expires."""
        if isinstance(record, Certificate):
            validity = self._validities("certificates").get(record.type)
            return self._day(_end(person, record.expires, validity, record.issued))
        validity = self._validities("training").get(record.course)
        return self._day(_end(person, record.expires, validity, record.completed))

    def records_of(self, person: Person, kind: Kind, type_id: str) -> tuple[Held, ...]:
        """Every record of one certificate type (or course) the person has, with expiries."""
        table = self._table(person, kind)
        return tuple(
            self._held(person, kind, table, position)
            for position, key in enumerate(table[0])
            if key == type_id
        )

    def held_by_type(self, person: Person, kind: Kind) -> dict[str, tuple[Held, ...]]:
        """The person's records of ``kind`` by certificate type or course, with expiries."""
        table = self._table(person, kind)
        by_type: dict[str, list[Held]] = {}
        for position, key in enumerate(table[0]):
            by_type.setdefault(key, []).append(self._held(person, kind, table, position))
        return {key: tuple(value) for key, value in by_type.items()}

    def valid_on(
        self,
        person: Person,
        kind: Kind,
        type_id: str,
        on: pendulum.Date,
        *,
        or_higher: bool = False,
    ) -> Held | None:
        """The person's record of a type valid on a fixed date that lasts longest, if any.

        Not traced: for questions about a date that is not the one being checked, such
        as whether a trainer was qualified on the day they delivered a course. With
        ``or_higher``, a certificate of a type above it counts too (:meth:`accepted`).
        """
        table = self._table(person, kind)
        best = _best(table, self._types(kind, type_id, or_higher), on.toordinal())[0]
        return self._held(person, kind, table, best) if best >= 0 else None

    def latest_on(
        self,
        person: Person,
        kind: Kind,
        type_id: str,
        on: pendulum.Date,
        *,
        or_higher: bool = False,
    ) -> Held | None:
        """The most recent record of a type dated on or before a fixed date; not traced.

        With ``or_higher``, of the type or a type above it.
        """
        table = self._table(person, kind)
        best = _latest(table, self._types(kind, type_id, or_higher), on.toordinal())[0]
        return self._held(person, kind, table, best) if best >= 0 else None


def _latest(table: Table, accepted: Container[str], day: int) -> tuple[int, int]:
    """The most recent record of the types ``accepted`` dated on or before ``day``.

    Its position (the later recorded of a tie; -1 when none), and the first later day
    on which a record of those types starts.
    """
    types, starts, _ = table
    best, best_start, change = -1, -1, NEVER
    for position, key in enumerate(types):
        if key not in accepted:
            continue
        start = starts[position]
        if start > day:
            change = min(change, start)
        elif start >= best_start:
            best, best_start = position, start
    return best, change


def _best(table: Table, accepted: Container[str], day: int) -> tuple[int, int]:
    """The record of the types ``accepted`` valid on ``day`` that lasts longest, and more.

    Its position (-1 when none is valid; of two that never expire, the later recorded),
    and the first later day on which some record of those types starts or stops being
    valid.
    """
    types, starts, ends = table
    best, best_end, change = -1, -1, NEVER
    for position, key in enumerate(types):
        if key not in accepted:
            continue
        start = starts[position]
        if start > day:
            if start < change:
                change = start
            continue
        end = ends[position]
        if day <= end:
            if end < change:
                change = end + 1
            if best < 0 or end > best_end or end == NEVER:
                best, best_end = position, end
    return best, change


class ValidityQuestions(ValidityFacts, DatedCore):
    """Questions about certificates and training on the view's date.

    ``or_higher=True`` asks what a requirement asks: a record of the type, or a
    certificate of a type above it on the ladder (:meth:`accepted`). A record found that
    way may be of another type than the one asked about: its ``record.type`` says which.
    """

    def valid(
        self, person: Person, kind: Kind, type_id: str, *, or_higher: bool = False
    ) -> Held | None:
        """The person's record of a type valid on the date that lasts longest, if any.

        Of two that never expire, the later recorded. With ``or_higher``, the record
        that meets a requirement for the type longest: of the type or a type above it.
        """
        table = self._table(person, kind)
        best, change = _best(table, self._types(kind, type_id, or_higher), self._ordinal)
        self._note(change)
        return self._held(person, kind, table, best) if best >= 0 else None

    def latest(
        self, person: Person, kind: Kind, type_id: str, *, or_higher: bool = False
    ) -> Held | None:
        """The most recent record of a type dated on or before the date, valid or not.

        Of two on the same day, the later recorded. With ``or_higher``, of the type or a
        type above it.
        """
        table = self._table(person, kind)
        best, change = _latest(table, self._types(kind, type_id, or_higher), self._ordinal)
        self._note(change)
        return self._held(person, kind, table, best) if best >= 0 else None

    def valid_types(
        self, person: Person, kind: Kind, *, or_higher: bool = False
    ) -> dict[str, pendulum.Date | None]:
        """Each type (or course) of which the person holds a valid record on the date.

        With the last day of the longest-lasting one (``None``: it never expires). With
        ``or_higher``, each type a valid record meets: its own and every type below it,
        with the last day of the longest-lasting record that meets it.
        """
        ends, change = _valid_ends(self._table(person, kind), self._ordinal)
        self._note(change)
        if or_higher and kind == "certificates":
            ends = self._lift(ends)
        return {key: self._day(last) for key, last in ends.items()}

    def _lift(self, ends: dict[str, int]) -> dict[str, int]:
        """Last days by type (ordinals), each type below a valid one given its day too."""
        below = self._ladder()[0]
        if not below:
            return ends
        lifted = dict(ends)
        for type_id, last in ends.items():
            for lower in below.get(type_id, _NONE):
                if last > lifted.get(lower, -1):
                    lifted[lower] = last
        return lifted

    def unrenewed(
        self, person: Person, kind: Kind, type_id: str, *, or_higher: bool = False
    ) -> Held | None:
        """The record of a type valid on the date, if it expires and nothing follows it.

        ``None`` when none is valid, the valid one never expires, or something already
        recorded is valid on the day after it expires. A certificate counts when it is
        recorded at all (issued by the expiry date); a course completion counts only
        when it is dated on or before the view's date, as a later one is a booking that
        may yet be cancelled. With ``or_higher``, for a requirement for the type: the
        record that meets it longest, followed by nothing that meets it.
        """
        table = self._table(person, kind)
        day = self._ordinal
        accepted = self._types(kind, type_id, or_higher)
        best, change = _best(table, accepted, day)
        self._note(change)
        if best < 0 or table[2][best] >= NEVER:
            return None
        cover = _best(table, accepted, table[2][best] + 1)[0]
        if cover >= 0:
            if kind == "certificates":
                return None
            start = table[1][cover]
            if start <= day:
                return None
            self._note(start)
        return self._held(person, kind, table, best)

    def next_booking(self, person: Person, course_id: str) -> pendulum.Date | None:
        """The first booking of a course: the earliest record of it dated after the date."""
        _, starts, _ = table = self._table(person, "training")
        day = self._ordinal
        dates = [
            starts[i] for i, key in enumerate(table[0]) if key == course_id and starts[i] > day
        ]
        if not dates:
            return None
        first = min(dates)
        self._note(first)
        return self._day(first)


def _valid_ends(
    table: Table, day: int, wanted: Container[str] | None = None
) -> tuple[dict[str, int], int]:
    """Each type valid on a day, with the last day of its longest-lasting record.

    And the first later day on which some record starts or stops being valid. With
    ``wanted``, only the types in it.
    """
    best: dict[str, int] = {}
    change = NEVER
    for key, first, last in zip(*table, strict=True):
        if wanted is not None and key not in wanted:
            continue
        if first > day:
            if first < change:
                change = first
        elif day <= last:
            if last < change:
                change = last + 1
            if last > best.get(key, -1):
                best[key] = last
    return best, change
