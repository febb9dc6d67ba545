"""The maritime-crew domain model: frozen attrs classes, pure data, no I/O.

Every entity of the design's domain model is here. Records refer to each other by id;
:class:`Fleet` holds every collection and answers lookups. Dates are
:class:`pendulum.Date`, moments :class:`pendulum.DateTime`, and calendar periods
:class:`Period` (written as ISO 8601 durations such as ``P5Y``).
"""

import attrs as _attrs

from ._base import InvalidValue, Subject, describe_fields
from ._business_year import BusinessYear
from ._documents import Document, DocumentKind, DocumentReview, DocumentVersion, VersionStatus
from ._equipment import (
    EquipmentItem,
    EquipmentType,
    ItemStatus,
    ServiceEvent,
    ServiceResult,
    ServiceSchedule,
)
from ._fleet import TABLES, Fleet, SourceLocation, SourceLookup, Table
from ._hours import BUILTIN_REST_PROFILES, RestProfile, WorkPeriod
from ._operations import ActionKind, Debrief, DebriefFinding, Operation
from ._pathways import Grade, Pathway
from ._people import (
    Certificate,
    Discipline,
    GradeHeld,
    Issue,
    Person,
    Size,
    TermsAssignment,
    TrainingRecord,
)
from ._period import AgeBand, AgeSchedule, Period, completed_years
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
from ._vessels import Crew, Deployment, RoleCount, Vessel, VesselType
from ._waivers import Waiver

__all__ = [
    "BUILTIN_REST_PROFILES",
    "TABLES",
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
    "Operation",
    "Pathway",
    "Period",
    "Person",
    "RestProfile",
    "RoleCount",
    "ServiceEvent",
    "ServiceResult",
    "ServiceSchedule",
    "Size",
    "SourceLocation",
    "SourceLookup",
    "Subject",
    "Table",
    "TermsAndConditions",
    "TermsAssignment",
    "TermsStatus",
    "TrainingRecord",
    "VersionStatus",
    "Vessel",
    "VesselType",
    "Waiver",
    "WorkPeriod",
    "WorkingPattern",
    "completed_years",
]

for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type) and _attrs.has(_value):
        describe_fields(_value)
