"""People and what they hold: certificates, training, issued kit, sizes and terms."""

from __future__ import annotations

import enum

import attrs
import pendulum

from ._base import doc
from ._period import completed_years
from ._provenance import Recorded, provenance_last

__all__ = [
    "Certificate",
    "Discipline",
    "Issue",
    "Person",
    "Size",
    "TermsAssignment",
    "TrainingRecord",
]


class Discipline(str, enum.Enum):
    """The branch a crew member belongs to."""

    DECK = "deck"
    ENGINEERING = "engineering"
    OTHER = "other"


@attrs.frozen(field_transformer=provenance_last)
class Certificate(Recorded):
    """A certificate held by a person: a certificate of competency, a medical, etc.

    A certificate is valid up to and including its expiry date. When ``expires`` is
    absent, the expiry follows from the certificate type's validity and the holder's
    age on the issue date; a type without validity never expires.
    """

    type: str = attrs.field(metadata=doc("Certificate type id.", "stcw-ii-1"))
    issued: pendulum.Date = attrs.field(metadata=doc("Date of issue.", "2016-03-02"))
    number: str | None = attrs.field(
        default=None, metadata=doc("Certificate number as printed.", "C-1234")
    )
    expires: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Expiry date as printed (last valid day).", "2021-03-01")
    )
    issuer: str | None = attrs.field(
        default=None, metadata=doc("Issuing authority.", "Maritime and Coastguard Agency")
    )


@attrs.frozen(field_transformer=provenance_last)
class TrainingRecord(Recorded):
    """A course completed (or, when dated in the future, scheduled) by a person."""

    course: str = attrs.field(metadata=doc("Course id.", "boarding-ops"))
    completed: pendulum.Date = attrs.field(
        metadata=doc("Date the course was completed; a later date is a booking.", "2019-05-10")
    )
    trainer: str | None = attrs.field(
        default=None,
        metadata=doc("Staff number of the in-house trainer who delivered it.", "BF1001"),
    )
    provider: str | None = attrs.field(
        default=None, metadata=doc("External training provider, if not in-house.", "Warsash")
    )
    expires: pendulum.Date | None = attrs.field(
        default=None,
        metadata=doc(
            "Expiry if recorded; otherwise the course's refresher period applies.", "2024-05-09"
        ),
    )


@attrs.frozen(field_transformer=provenance_last)
class Issue(Recorded):
    """An entry of the kit issue ledger: an item issued to a person, and its return.

    The person holds the item from the issue day up to the day before the return day.
    """

    item: str = attrs.field(metadata=doc("Equipment item id.", "DS-0001"))
    issued: pendulum.Date = attrs.field(metadata=doc("Date issued.", "2019-01-07"))
    returned: pendulum.Date | None = attrs.field(
        default=None,
        metadata=doc(
            "Date returned (not held that day); absent while the person holds it.", "2020-06-30"
        ),
    )

    def held_on(self, date: pendulum.Date) -> bool:
        """True if the person held the item on ``date``.

        The issue day counts and the return day does not, so an item handed back and
        re-issued on the same day has one holder on that day: the new one.
        """
        return self.issued <= date and (self.returned is None or date < self.returned)


@attrs.frozen(field_transformer=provenance_last)
class Size(Recorded):
    """A person's recorded size for one type of equipment."""

    equipment: str = attrs.field(metadata=doc("Equipment type id.", "dry-suit"))
    size: str = attrs.field(metadata=doc("The size, as the equipment type names it.", "L"))


@attrs.frozen(field_transformer=provenance_last)
class TermsAssignment(Recorded):
    """A person's move onto a set of terms and conditions from a date."""

    set: str = attrs.field(metadata=doc("Terms and conditions set id.", "tc-2012"))
    start: pendulum.Date = attrs.field(metadata=doc("First day on this set.", "2012-04-01"))
    end: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Last day on this set, if they have left it.", "2021-03-31")
    )


@attrs.frozen(field_transformer=provenance_last)
class GradeHeld(Recorded):
    """A grade a person held before their current one, from the day they took it up.

    It ends the day the next grade (the next entry, or the current grade) begins.
    """

    grade: str = attrs.field(metadata=doc("Grade id on a pathway.", "deck-third-officer"))
    since: pendulum.Date = attrs.field(
        metadata=doc("Date the person took up the grade.", "2016-04-01")
    )


@attrs.frozen(field_transformer=provenance_last)
class Person(Recorded):
    """A crew member, identified by staff number."""

    id: str = attrs.field(metadata=doc("Staff number (unique).", "BF1003"))
    name: str = attrs.field(metadata=doc("Full name (personal data; redactable).", "Alex Morgan"))
    discipline: Discipline = attrs.field(metadata=doc("Deck, engineering or other.", "deck"))
    born: pendulum.Date | None = attrs.field(
        default=None,
        metadata=doc("Date of birth, for age-dependent validity (personal data).", "1986-07-14"),
    )
    joined: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Date the person joined the command.", "2014-09-01")
    )
    left: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Date the person left the command, if they have.", "2020-12-31")
    )
    grade: str | None = attrs.field(
        default=None, metadata=doc("Current grade id on a pathway.", "deck-second-officer")
    )
    grade_since: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Date the person took up the current grade.", "2018-06-01")
    )
    previous_grades: tuple[GradeHeld, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "Grades held before the current one, earliest first, each with the date it was "
            "taken up; each lasts until the next begins (the last until `grade_since`). "
            "Used to check time served in the previous grade (PATH002).",
            '[{ grade = "deck-third-officer", since = 2016-04-01 }]',
        ),
    )
    crew: str | None = attrs.field(default=None, metadata=doc("Current crew id.", "vigilant-a"))
    crew_since: pendulum.Date | None = attrs.field(
        default=None,
        metadata=doc(
            "Date the person joined the current crew; crew deployments that ended before it "
            "are not theirs. Absent: the crew's deployments count as theirs from the day they "
            "joined the command (`joined`, or every one if that is absent too), and none "
            "count after they left it (`left`). Sea time served elsewhere (another crew, "
            "before the records start) is recorded as deployments of the person.",
            "2019-04-01",
        ),
    )
    duty_roles: tuple[str, ...] = attrs.field(
        factory=tuple,
        metadata=doc("Duty role ids the person holds.", '["boarding-officer", "coxswain"]'),
    )
    terms: tuple[TermsAssignment, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "Terms and conditions sets the person has been on, with dates.",
            '[{ set = "tc-2012", start = 2014-09-01 }]',
        ),
    )
    sizes: tuple[Size, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "Recorded sizes per equipment type.", '[{ equipment = "dry-suit", size = "L" }]'
        ),
    )
    certificates: tuple[Certificate, ...] = attrs.field(
        factory=tuple, metadata=doc("Certificates held, current and past.")
    )
    training: tuple[TrainingRecord, ...] = attrs.field(
        factory=tuple, metadata=doc("Training records: courses completed or booked.")
    )
    issues: tuple[Issue, ...] = attrs.field(
        factory=tuple, metadata=doc("Kit issue ledger: items issued to the person and returned.")
    )

    def spell_in(self, grade: str) -> tuple[pendulum.Date, pendulum.Date | None] | None:
        """When the person held ``grade`` before the current one: (first day, next grade's).

        The spell ends the day the next recorded grade begins (``None`` when that day is
        not recorded). Of two spells in one grade, the later counts. ``None`` when the
        grade is not in ``previous_grades``.
        """
        found = None
        for index, held in enumerate(self.previous_grades):
            if held.grade == grade:
                following = self.previous_grades[index + 1 :]
                found = (held.since, following[0].since if following else self.grade_since)
        return found

    def size_for(self, equipment_type: str) -> str | None:
        """The person's recorded size for an equipment type, if any."""
        for entry in self.sizes:
            if entry.equipment == equipment_type:
                return entry.size
        return None

    def age_on(self, date: pendulum.Date) -> int | None:
        """Age in completed years on ``date``, or ``None`` if the birth date is unknown."""
        if self.born is None:
            return None
        return completed_years(self.born, date)

    def in_service_on(self, date: pendulum.Date) -> bool:
        """True if the person was in the command on ``date`` (join and leave days count)."""
        joined = self.joined is None or self.joined <= date
        return joined and (self.left is None or date <= self.left)
