"""Facts: the one layer that answers questions about a fleet, on a date.

Rules, the analyses and plugin rules ask here; nothing else works out validity, currency,
kit, manning, sea time, servicing or document standing::

    from maritime_crew import facts

    today = facts.Facts.of(fleet).on("2021-03-31")
    today.valid(person, "certificates", "eng1")       # a Held record, or None
    today.later(90).reached(held.expires)             # does it expire within 90 days?

:class:`Facts` is made once per fleet, kept with it, and holds every cache; it goes when
the fleet goes. :class:`View` is the facts on one date. Every answer is a date, a period,
a record or a small named record. Each answer knows which record dates can change it:
given a :class:`Trace`, it notes the first later day on which it may change, which is how
the timeline knows when to look again (see ``docs/timeline.md``).
"""

from ._currency import CurrencyNeed, CurrencyStanding
from ._deployments import Overlap
from ._documents import (
    ACTION_DONE,
    TRACKED_ACTIONS,
    AddressingVersion,
    RecordWritten,
    ReviewDue,
    StatusConflict,
    TrackedAction,
)
from ._facts import Facts
from ._hours import HoursOnRecord, ProfileRun
from ._kit import HeldItem
from ._manning import RoleCover, RoleStatus
from ._placement import Placement
from ._requirements import Requirement, Standing
from ._seatime import Span
from ._servicing import ServiceDue, next_due
from ._slots import Manning, Slot
from ._subjects import (
    COURSES,
    CREWS,
    DEBRIEFS,
    DEPLOYMENTS,
    DOCUMENTS,
    EQUIPMENT_IN_USE,
    EQUIPMENT_ISSUED,
    EQUIPMENT_ITEMS,
    OPERATIONS,
    PEOPLE,
    PEOPLE_IN_SERVICE,
    TERMS_SETS,
    VESSELS,
    WAIVERS,
    SubjectKey,
    Subjects,
    ending_within,
    unmet,
)
from ._terms import Assigned
from ._tours import Tour
from ._trace import NEVER, Trace
from ._trainers import Lack, TrainerRequirement, Trainers
from ._validity import Held, Kind, ladder, last_day
from ._view import View

__all__ = [
    "ACTION_DONE",
    "COURSES",
    "CREWS",
    "DEBRIEFS",
    "DEPLOYMENTS",
    "DOCUMENTS",
    "EQUIPMENT_IN_USE",
    "EQUIPMENT_ISSUED",
    "EQUIPMENT_ITEMS",
    "NEVER",
    "OPERATIONS",
    "PEOPLE",
    "PEOPLE_IN_SERVICE",
    "TERMS_SETS",
    "TRACKED_ACTIONS",
    "VESSELS",
    "WAIVERS",
    "AddressingVersion",
    "Assigned",
    "CurrencyNeed",
    "CurrencyStanding",
    "Facts",
    "Held",
    "HeldItem",
    "HoursOnRecord",
    "Kind",
    "Lack",
    "Manning",
    "Overlap",
    "Placement",
    "ProfileRun",
    "RecordWritten",
    "Requirement",
    "ReviewDue",
    "RoleCover",
    "RoleStatus",
    "ServiceDue",
    "Slot",
    "Span",
    "Standing",
    "StatusConflict",
    "SubjectKey",
    "Subjects",
    "Tour",
    "Trace",
    "TrackedAction",
    "TrainerRequirement",
    "Trainers",
    "View",
    "ending_within",
    "ladder",
    "last_day",
    "next_due",
    "unmet",
]
