"""The maritime-crew domain model: frozen attrs classes, pure data, no I/O.

Every entity of the design's domain model is here. Records refer to each other by id;
:class:`Fleet` holds every collection and answers lookups. Dates are
:class:`pendulum.Date`, moments :class:`pendulum.DateTime`, and calendar periods
:class:`Period` (written as ISO 8601 durations such as ``P5Y``).
"""

import attrs as _attrs

from ._base import InvalidValue, Subject, describe_fields
from ._business_year import BUSINESS_YEAR_PATTERN, BusinessYear
from ._dates import (
    FIRST_DATE,
    LAST_DATE,
    DateLike,
    as_date,
    day_of_ordinal,
    months_later,
    shift,
    shift_ordinal,
)
from ._documents import Document, DocumentKind, DocumentReview, DocumentVersion, VersionStatus
from ._entries import PLAIN_OR_TABLE
from ._equipment import (
    EquipmentItem,
    EquipmentType,
    ItemStatus,
    ServiceEvent,
    ServiceResult,
    ServiceSchedule,
)
from ._fleet import TABLES, Fleet, SourceLocation, SourceLookup, Table
from ._hours import (
    ADULT_AGE,
    BUILTIN_REST_PROFILES,
    RestProfile,
    WorkPeriod,
    adult_from,
    for_young_worker,
)
from ._operations import ActionKind, Debrief, DebriefFinding, Operation
from ._pathways import Grade, Pathway
from ._people import (
    Absence,
    AbsenceKind,
    Certificate,
    CrewSpell,
    Discipline,
    GradeHeld,
    Issue,
    MedicalFitness,
    Person,
    Restriction,
    RestrictionKind,
    RoleHeld,
    Size,
    TermsAssignment,
    TrainingRecord,
)
from ._period import PERIOD_PATTERN, AgeBand, AgeSchedule, Period, completed_years
from ._practice import Currency, PracticeEvent, PracticeKind
from ._provenance import PROVENANCE, Recorded, is_provenance
from ._qualifications import CertificateKind, CertificateType, Course, DutyRole
from ._terms import (
    Allowance,
    Consultation,
    ConsultationResponse,
    LeaveEntitlement,
    TermsAndConditions,
    TermsStatus,
    WorkingPattern,
)
from ._vessels import (
    Crew,
    Deployment,
    RoleCount,
    StatusSpell,
    Vessel,
    VesselStatus,
    VesselType,
)
from ._waivers import Waiver, WaiverCondition
from ._window import Within, parse_within, window_days, window_end

__all__ = [
    "ADULT_AGE",
    "BUILTIN_REST_PROFILES",
    "BUSINESS_YEAR_PATTERN",
    "FIRST_DATE",
    "LAST_DATE",
    "PERIOD_PATTERN",
    "PLAIN_OR_TABLE",
    "PROVENANCE",
    "TABLES",
    "Absence",
    "AbsenceKind",
    "ActionKind",
    "AgeBand",
    "AgeSchedule",
    "Allowance",
    "BusinessYear",
    "Certificate",
    "CertificateKind",
    "CertificateType",
    "Consultation",
    "ConsultationResponse",
    "Course",
    "Crew",
    "CrewSpell",
    "Currency",
    "DateLike",
    "Debrief",
    "DebriefFinding",
    "Deployment",
    "Discipline",
    "Document",
    "DocumentKind",
    "DocumentReview",
    "DocumentVersion",
    "DutyRole",
    "EquipmentItem",
    "EquipmentType",
    "Fleet",
    "Grade",
    "GradeHeld",
    "InvalidValue",
    "Issue",
    "ItemStatus",
    "LeaveEntitlement",
    "MedicalFitness",
    "Operation",
    "Pathway",
    "Period",
    "Person",
    "PracticeEvent",
    "PracticeKind",
    "Recorded",
    "RestProfile",
    "Restriction",
    "RestrictionKind",
    "RoleCount",
    "RoleHeld",
    "ServiceEvent",
    "ServiceResult",
    "ServiceSchedule",
    "Size",
    "SourceLocation",
    "SourceLookup",
    "StatusSpell",
    "Subject",
    "Table",
    "TermsAndConditions",
    "TermsAssignment",
    "TermsStatus",
    "TrainingRecord",
    "VersionStatus",
    "Vessel",
    "VesselStatus",
    "VesselType",
    "Waiver",
    "WaiverCondition",
    "Within",
    "WorkPeriod",
    "WorkingPattern",
    "adult_from",
    "as_date",
    "completed_years",
    "day_of_ordinal",
    "for_young_worker",
    "is_provenance",
    "months_later",
    "parse_within",
    "shift",
    "shift_ordinal",
    "window_days",
    "window_end",
]

for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type) and _attrs.has(_value):
        describe_fields(_value)
