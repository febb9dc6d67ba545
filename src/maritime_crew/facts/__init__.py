"""Facts derived from the records on a date: validity, requirements, manning, sea time, servicing.

These are the shared building blocks of the rules and the analyses. Each function is
pure: it reads the fleet and returns an answer for the date it is given.
"""

from ._documents import (
    ACTION_DONE,
    TRACKED_ACTIONS,
    ReviewDue,
    closing_version,
    last_reviewed,
    review_due,
    started,
    tracked_actions,
    version_in_force,
    versions_in_force,
)
from ._manning import RoleCover, crew_members, crews_at_sea, role_covers
from ._requirements import (
    Requirement,
    RoleStatus,
    kit_held,
    required_certificates,
    required_courses,
    requirements,
    role_status,
    usable_kit_types,
)
from ._seatime import sea_days, sea_periods
from ._servicing import ServiceDue, next_due, overdue_services, service_status, shelf_life_end
from ._standing import Standing, standing
from ._terms import assignment_on, terms_in_force
from ._trainers import TrainerHolders, trainer_holders
from ._validity import (
    Held,
    certificate_expiry,
    certificates_of,
    ending_by,
    held_by_type,
    held_on,
    last_day,
    latest_certificate,
    latest_training,
    next_booking,
    training_expiry,
    training_of,
    unrenewed_certificate,
    unrenewed_training,
    valid_certificate,
    valid_training,
    valid_until,
)

__all__ = [
    "ACTION_DONE",
    "TRACKED_ACTIONS",
    "Held",
    "Requirement",
    "ReviewDue",
    "RoleCover",
    "RoleStatus",
    "ServiceDue",
    "Standing",
    "TrainerHolders",
    "assignment_on",
    "certificate_expiry",
    "certificates_of",
    "closing_version",
    "crew_members",
    "crews_at_sea",
    "ending_by",
    "held_by_type",
    "held_on",
    "kit_held",
    "last_day",
    "last_reviewed",
    "latest_certificate",
    "latest_training",
    "next_booking",
    "next_due",
    "overdue_services",
    "required_certificates",
    "required_courses",
    "requirements",
    "review_due",
    "role_covers",
    "role_status",
    "sea_days",
    "sea_periods",
    "service_status",
    "shelf_life_end",
    "standing",
    "started",
    "terms_in_force",
    "tracked_actions",
    "trainer_holders",
    "training_expiry",
    "training_of",
    "unrenewed_certificate",
    "unrenewed_training",
    "usable_kit_types",
    "valid_certificate",
    "valid_training",
    "valid_until",
    "version_in_force",
    "versions_in_force",
]
