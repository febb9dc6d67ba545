"""People and what they hold: certificates, training, issued kit, sizes and terms."""

from __future__ import annotations

import enum

import attrs
import pendulum

from ._base import doc
from ._dates import DateLike, on_day
from ._entries import PLAIN_OR_TABLE, held_always, plain_entries
from ._period import completed_years
from ._practice import PracticeEvent
from ._provenance import Recorded, provenance_last

__all__ = [
    "Absence",
    "AbsenceKind",
    "Certificate",
    "CrewSpell",
    "Discipline",
    "Issue",
    "MedicalFitness",
    "Person",
    "Restriction",
    "RestrictionKind",
    "RoleHeld",
    "Size",
    "TermsAssignment",
    "TrainingRecord",
]


class Discipline(str, enum.Enum):
    """The branch a crew member belongs to."""

    DECK = "deck"
    ENGINEERING = "engineering"
    OTHER = "other"


class MedicalFitness(str, enum.Enum):
    """The outcome of a seafarer medical (ENG1): the UK's four categories of fitness.

    MSN 1886 (M+F) and the Merchant Shipping (Maritime Labour Convention) (Medical
    Certification) Regulations 2010: category 1 is fit with no restrictions, 2 fit with
    restrictions (recorded on an ENG1 with an ENG3 notice), 3 temporarily and 4
    permanently unfit (an ENG3 notice of failure).
    """

    FIT = "fit"
    """Category 1: fit for sea service, with no restrictions."""
    RESTRICTED = "fit-with-restrictions"
    """Category 2: fit, within the restrictions recorded."""
    TEMPORARILY_UNFIT = "temporarily-unfit"
    """Category 3: not fit for sea service until re-examined."""
    PERMANENTLY_UNFIT = "permanently-unfit"
    """Category 4: not fit for sea service."""

    @property
    def unfit(self) -> bool:
        """True for the categories that forbid sea service."""
        return self in (MedicalFitness.TEMPORARILY_UNFIT, MedicalFitness.PERMANENTLY_UNFIT)


class RestrictionKind(str, enum.Enum):
    """A restriction an approved doctor records on an ENG1 (category 2, MSN 1886).

    The UK practice restricts by area, by capacity or duties, by vessel, and MLC Standard
    A1.2 para 6(d) has the certificate state fitness for look-out duties.
    """

    NEAR_COASTAL = "near-coastal"
    """Near-coastal waters only (within 150 miles of a safe haven): not aboard a cutter."""
    NAMED_VESSEL = "named-vessel"
    """Service on the vessel named in ``vessel`` only."""
    EXCLUDED_DUTIES = "excluded-duties"
    """Not to fill the duty roles named in ``roles``."""
    NO_LOOKOUT = "no-lookout"
    """Not fit for look-out duties: not to fill the duty roles named in ``roles`` (those
    that keep a look-out)."""
    NO_TROPICS = "no-tropics"
    """Not in tropical areas; recorded, never breached in home waters."""


@attrs.frozen(field_transformer=provenance_last)
class Restriction(Recorded):
    """A restriction on a medical certificate, in force while the certificate is valid.

    ``until`` ends it sooner: a restriction the doctor set for a time.
    """

    kind: RestrictionKind = attrs.field(metadata=doc("What is restricted.", "near-coastal"))
    roles: tuple[str, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "Duty roles the person may not fill (for `excluded-duties` and `no-lookout`).",
            '["officer-of-the-watch"]',
        ),
    )
    vessel: str | None = attrs.field(
        default=None, metadata=doc("The one vessel allowed (for `named-vessel`).", "vigilant")
    )
    until: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Last day of the restriction, if sooner.", "2020-09-30")
    )


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
        default=None,
        metadata=doc(
            "Expiry date as printed (last valid day). If left out: the day before the "
            "type's validity has run from the issue date, for the holder's age on that day.",
            "2021-03-01",
        ),
    )
    issuer: str | None = attrs.field(
        default=None, metadata=doc("Issuing authority.", "Maritime and Coastguard Agency")
    )
    fitness: MedicalFitness | None = attrs.field(
        default=None,
        metadata=doc(
            "For a medical (ENG1): its category of fitness. Absent on a medical: fit.",
            "fit-with-restrictions",
        ),
    )
    restrictions: tuple[Restriction, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "For a medical: the restrictions recorded on it (MSN 1886 category 2).",
            '[{ kind = "near-coastal" }]',
        ),
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
            "Expiry if recorded (last valid day); otherwise the day before the course's "
            "refresher period has run from completion.",
            "2024-05-09",
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

    def held_on(self, date: DateLike) -> bool:
        """True if the person held the item on ``date``.

        The issue day counts and the return day does not, so an item handed back and
        re-issued on the same day has one holder on that day: the new one.
        """
        day = on_day(date)
        return self.issued <= day and (self.returned is None or day < self.returned)


@attrs.frozen(field_transformer=provenance_last)
class Size(Recorded):
    """A person's recorded size for one type of equipment, from a date to a date.

    Undated, it holds on every day; of two sizes for one type on a day, the first listed
    holds.
    """

    equipment: str = attrs.field(metadata=doc("Equipment type id.", "dry-suit"))
    size: str = attrs.field(metadata=doc("The size, as the equipment type names it.", "L"))
    start: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("First day of the size; absent: from the start.", "2020-06-01")
    )
    end: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Last day of the size; absent: open-ended.", "2021-05-31")
    )


@attrs.frozen(field_transformer=provenance_last)
class RoleHeld(Recorded):
    """A duty role a person holds, from a date to a date (both included).

    Written as a plain role id (``"coxswain"``) it is held on every day; as a table it
    carries its dates: ``{ role = "coxswain", start = 2020-06-01 }``. A dump writes each
    entry back in the form it was given.
    """

    role: str = attrs.field(metadata=doc("Duty role id.", "coxswain"))
    start: pendulum.Date | None = attrs.field(
        default=None,
        metadata=doc("First day the role is held; absent: from the start.", "2020-06-01"),
    )
    end: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Last day it is held; absent: open-ended.", "2021-03-31")
    )

    @property
    def undated(self) -> bool:
        """True for a role held on every day with nothing else recorded: a plain id."""
        return held_always(self)


def _roles_held(values: tuple[RoleHeld | str, ...]) -> tuple[RoleHeld, ...]:
    return plain_entries(values, RoleHeld)


@attrs.frozen(field_transformer=provenance_last)
class CrewSpell(Recorded):
    """A crew a person was a member of before their current one, with its dates."""

    crew: str = attrs.field(metadata=doc("Crew id.", "seeker-b"))
    start: pendulum.Date = attrs.field(metadata=doc("First day in the crew.", "2019-04-01"))
    end: pendulum.Date = attrs.field(metadata=doc("Last day in the crew.", "2020-05-31"))


class AbsenceKind(str, enum.Enum):
    """Why a person is not available for duty."""

    ANNUAL_LEAVE = "annual-leave"
    SICKNESS = "sickness"
    TRAINING_ASHORE = "training-ashore"
    DETACHED_DUTY = "detached-duty"
    SUSPENSION = "suspension"
    OTHER = "other"


@attrs.frozen(field_transformer=provenance_last)
class Absence(Recorded):
    """A time a person is away from their crew: not aboard and not available.

    Both days count: a person on leave from 1 to 14 June is back on 15 June.
    """

    kind: AbsenceKind = attrs.field(metadata=doc("Why they are away.", "annual-leave"))
    start: pendulum.Date = attrs.field(metadata=doc("First day away.", "2020-06-01"))
    end: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Last day away; absent while still away.", "2020-06-14")
    )
    note: str | None = attrs.field(default=None, metadata=doc("A note.", "Booked in March"))


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
    crew: str | None = attrs.field(
        default=None,
        metadata=doc(
            "Current crew id: a member from `crew_since` (absent: from the day after the "
            "last of `previous_crews`, or on every day if there are none).",
            "vigilant-a",
        ),
    )
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
    previous_crews: tuple[CrewSpell, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "Crews the person was in before the current one, each with its first and last "
            "day. Used for crew membership, and so sea time and manning, on past dates.",
            '[{ crew = "seeker-b", start = 2019-04-01, end = 2020-05-31 }]',
        ),
    )
    duty_roles: tuple[RoleHeld, ...] = attrs.field(
        factory=tuple,
        converter=_roles_held,
        metadata=doc(
            "Duty roles the person holds: a role id (held on every day) or a table with "
            'the dates it is held (`{ role = "coxswain", start = 2020-06-01 }`).',
            '["boarding-officer", "coxswain"]',
        ),
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
    practice: tuple[PracticeEvent, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "Practice logged (boat launches, drills): what keeps the currency that duty "
            "roles require."
        ),
    )
    issues: tuple[Issue, ...] = attrs.field(
        factory=tuple, metadata=doc("Kit issue ledger: items issued to the person and returned.")
    )
    absences: tuple[Absence, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "Leave, sickness, training ashore, detached duty, suspension: days the person is "
            "neither aboard nor available."
        ),
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
        """The person's first listed size for an equipment type, whatever its dates.

        Rules ask the facts layer (``view.size_for``), which reads the dates.
        """
        for entry in self.sizes:
            if entry.equipment == equipment_type:
                return entry.size
        return None

    @property
    def role_ids(self) -> tuple[str, ...]:
        """Every duty role id listed, whatever its dates, in data order (repeats once)."""
        return tuple(dict.fromkeys(entry.role for entry in self.duty_roles))

    def age_on(self, date: DateLike) -> int | None:
        """Age in completed years on ``date``, or ``None`` if the birth date is unknown.

        ``date`` is a date or ISO text, as everywhere a date is asked about.
        """
        if self.born is None:
            return None
        return completed_years(self.born, on_day(date))

    def in_service_on(self, date: DateLike) -> bool:
        """True if the person was in the command on ``date`` (join and leave days count)."""
        day = on_day(date)
        joined = self.joined is None or self.joined <= day
        return joined and (self.left is None or day <= self.left)


PLAIN_OR_TABLE[RoleHeld] = "role"
