"""The qualification catalogue: certificate types, courses and duty roles."""

from __future__ import annotations

import enum

import attrs

from ._base import doc, positive
from ._period import AgeSchedule
from ._practice import Currency
from ._provenance import Recorded, provenance_last

__all__ = ["CertificateKind", "CertificateType", "Course", "DutyRole"]


class CertificateKind(str, enum.Enum):
    """What sort of certificate a type is."""

    COMPETENCY = "competency"
    """An STCW certificate of competency (CoC), revalidated every 5 years."""
    MEDICAL = "medical"
    """A seafarer medical fitness certificate, e.g. ENG1."""
    BASIC_TRAINING = "basic-training"
    """STCW VI/1 basic safety training and its updates: one of its four elements (tables
    A-VI/1-1 to A-VI/1-4), each a certificate type of its own (see ``docs/pathways.md``)."""
    PROFICIENCY = "proficiency"
    """A certificate of proficiency, e.g. STCW VI/2 survival craft and rescue boats."""
    ENDORSEMENT = "endorsement"
    """An endorsement or licence, e.g. a GMDSS or powerboat licence."""
    OTHER = "other"


@attrs.frozen(field_transformer=provenance_last)
class CertificateType(Recorded):
    """A kind of certificate that people hold, such as STCW II/1 or an ENG1 medical.

    ``supersedes`` puts certificates of competency on a ladder: a chief mate's STCW II/2
    certificate meets a requirement for STCW II/1, so a role that asks for II/1 asks for
    "II/1 or higher" (see the certificate ladder in ``docs/pathways.md``).
    """

    id: str = attrs.field(metadata=doc("Unique certificate type id.", "stcw-ii-1"))
    name: str = attrs.field(metadata=doc("Name.", "STCW II/1 Officer of the Watch (deck)"))
    kind: CertificateKind = attrs.field(
        default=CertificateKind.OTHER, metadata=doc("Sort of certificate.", "competency")
    )
    stcw: str | None = attrs.field(
        default=None, metadata=doc("STCW regulation it is issued under.", "II/1")
    )
    validity: AgeSchedule | None = attrs.field(
        default=None,
        metadata=doc(
            "How long a certificate is valid from issue, possibly by the holder's age; "
            "absent if it does not expire.",
            '"P5Y"',
        ),
    )
    supersedes: tuple[str, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "Ids of the certificate types below this one on the ladder of certificates of "
            "competency: a valid certificate of this type meets a requirement for each of "
            "them, and for the types they supersede in turn.",
            '["stcw-ii-1"]',
        ),
    )


@attrs.frozen(field_transformer=provenance_last)
class Course(Recorded):
    """A course of the maritime training offer, with its refresher period.

    ``trainer_courses`` and ``trainer_certificates`` are what a member of staff must
    hold on the delivery date to deliver the course in-house (seed commitment C3).
    """

    id: str = attrs.field(metadata=doc("Unique course id.", "boarding-ops"))
    name: str = attrs.field(metadata=doc("Course name.", "Boarding operations"))
    validity: AgeSchedule | None = attrs.field(
        default=None,
        metadata=doc(
            "Refresher period: how long completion counts; absent if it does not lapse.",
            '"P3Y"',
        ),
    )
    trainer_courses: tuple[str, ...] = attrs.field(
        factory=tuple,
        metadata=doc("Courses a trainer must hold to deliver it.", '["boarding-instructor"]'),
    )
    trainer_certificates: tuple[str, ...] = attrs.field(
        factory=tuple,
        metadata=doc("Certificate types a trainer must hold to deliver it.", '["stcw-vi-4-1"]'),
    )
    duration_days: int | None = attrs.field(
        default=None, validator=positive, metadata=doc("Length of the course in days.", "3")
    )
    provider: str | None = attrs.field(
        default=None,
        metadata=doc("External provider; absent for courses delivered in-house.", "Warsash"),
    )


@attrs.frozen(field_transformer=provenance_last)
class DutyRole(Recorded):
    """A duty role aboard, such as commander, boarding officer, coxswain or medic.

    To be qualified for a role a person holds every listed certificate and course,
    valid on the day, has every listed kind of equipment issued, and is current in every
    listed kind of practice (``currency``).
    """

    id: str = attrs.field(metadata=doc("Unique duty role id.", "boarding-officer"))
    name: str = attrs.field(metadata=doc("Role name.", "Boarding officer"))
    certificates: tuple[str, ...] = attrs.field(
        factory=tuple, metadata=doc("Certificate types required.", '["eng1"]')
    )
    courses: tuple[str, ...] = attrs.field(
        factory=tuple, metadata=doc("Courses required.", '["boarding-ops", "pst"]')
    )
    kit: tuple[str, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "Equipment types the holder must be issued.",
            '["body-armour", "dry-suit", "boarding-helmet", "lifejacket"]',
        ),
    )
    currency: tuple[Currency, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "Practice the holder must keep up: at least `count` events of a practice kind "
            "within a period up to the day.",
            '[{ practice = "boat-launch", count = 1, within = "P3M" }]',
        ),
    )
    description: str | None = attrs.field(
        default=None, metadata=doc("What the role does.", "Member of the boarding team.")
    )
