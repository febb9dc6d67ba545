"""Terms and conditions sets, their consultation and lifecycle (seed commitment C1)."""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs
import pendulum

from ._base import doc, non_negative, positive
from ._business_year import BusinessYear
from ._hours import BUILTIN_REST_PROFILES
from ._provenance import Recorded, provenance_last

__all__ = [
    "Allowance",
    "Consultation",
    "ConsultationResponse",
    "LeaveEntitlement",
    "TermsAndConditions",
    "TermsStatus",
    "WorkingPattern",
]


class TermsStatus(str, enum.Enum):
    """Lifecycle of a terms and conditions set."""

    DRAFT = "draft"
    CONSULTATION = "consultation"
    AGREED = "agreed"
    IN_FORCE = "in-force"
    SUPERSEDED = "superseded"


@attrs.frozen(field_transformer=provenance_last)
class ConsultationResponse(Recorded):
    """A staff response to a consultation, and the management response to it."""

    id: str = attrs.field(metadata=doc("Response id, unique within the set.", "R-014"))
    received: pendulum.Date = attrs.field(metadata=doc("Date received.", "2020-10-02"))
    themes: tuple[str, ...] = attrs.field(
        factory=tuple, metadata=doc("Themes raised.", '["rest-periods", "allowances"]')
    )
    summary: str | None = attrs.field(
        default=None, metadata=doc("What the response said.", "Keep 14 days on, 14 off.")
    )
    management_response: str | None = attrs.field(
        default=None, metadata=doc("The recorded management response.", "The pattern is kept.")
    )
    responded_on: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Date of the management response.", "2020-11-20")
    )


@attrs.frozen(field_transformer=provenance_last)
class Consultation(Recorded):
    """The consultation window of a terms set and the responses received."""

    opens: pendulum.Date = attrs.field(metadata=doc("First day of the consultation.", "2020-09-01"))
    closes: pendulum.Date = attrs.field(metadata=doc("Last day of the consultation.", "2020-11-30"))
    responses: tuple[ConsultationResponse, ...] = attrs.field(
        factory=tuple, metadata=doc("Responses received.")
    )


@attrs.frozen(field_transformer=provenance_last)
class WorkingPattern(Recorded):
    """The working pattern a terms set provides, e.g. 14 days on, 14 days off.

    ``days_on`` and ``days_off`` describe the rota and are not checked. A *tour* is a run
    of consecutive days aboard, however many deployments make it up (see
    ``docs/terms.md``): ``max_consecutive_days_at_sea`` limits its length (TERMS003), and
    ``rest_days_after_tour`` is the days ashore owed after it before the next (TERMS005).
    """

    days_on: int = attrs.field(validator=positive, metadata=doc("Days on duty in a cycle.", "14"))
    days_off: int = attrs.field(validator=non_negative, metadata=doc("Days off in a cycle.", "14"))
    max_consecutive_days_at_sea: int | None = attrs.field(
        default=None,
        validator=positive,
        metadata=doc(
            "Longest tour allowed: consecutive days aboard, back-to-back deployments joined.",
            "21",
        ),
    )
    rest_days_after_tour: int | None = attrs.field(
        default=None,
        validator=positive,
        metadata=doc(
            "Days ashore owed after every tour before the next; none owed if left out.", "4"
        ),
    )


@attrs.frozen(field_transformer=provenance_last)
class Allowance(Recorded):
    """An allowance paid under a terms set."""

    id: str = attrs.field(metadata=doc("Allowance id, unique within the set.", "sea-day"))
    name: str = attrs.field(metadata=doc("Name.", "Sea-going allowance"))
    amount: Decimal = attrs.field(metadata=doc("Amount in pounds sterling.", "27.50"))
    per: str = attrs.field(metadata=doc("What the amount is paid per.", "day at sea"))


@attrs.frozen(field_transformer=provenance_last)
class LeaveEntitlement(Recorded):
    """A leave entitlement under a terms set."""

    kind: str = attrs.field(metadata=doc("Kind of leave.", "annual"))
    days: int = attrs.field(validator=non_negative, metadata=doc("Days per year.", "30"))


@attrs.frozen(field_transformer=provenance_last)
class TermsAndConditions(Recorded):
    """A versioned set of crew terms and conditions.

    A set moves draft → consultation → agreed → in force → superseded; the date of
    each step is recorded. ``business_year`` is the year it is planned to take effect
    in (the seed commits to implementation in 2021/22). ``rest_profile`` names the
    hours-of-rest profile the set chooses, MLC 2006 standard A2.3 by default.
    """

    id: str = attrs.field(metadata=doc("Unique id of the set.", "tc-2021"))
    title: str = attrs.field(metadata=doc("Title.", "Maritime Command crew terms 2021"))
    status: TermsStatus = attrs.field(metadata=doc("Lifecycle status.", "consultation"))
    drafted: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Date the draft was completed.", "2020-06-30")
    )
    consultation: Consultation | None = attrs.field(
        default=None, metadata=doc("Consultation window and responses.")
    )
    agreed: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Date the set was agreed.", "2021-01-29")
    )
    effective: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Date the set came (or comes) into force.", "2021-04-01")
    )
    superseded: pendulum.Date | None = attrs.field(
        default=None,
        metadata=doc(
            "First day the set no longer applies (usually the next set's effective date).",
            "2021-04-01",
        ),
    )
    supersedes: str | None = attrs.field(
        default=None, metadata=doc("Id of the set this one replaces.", "tc-2012")
    )
    business_year: BusinessYear | None = attrs.field(
        default=None, metadata=doc("Business year it is planned to take effect in.", '"2021/22"')
    )
    working_pattern: WorkingPattern | None = attrs.field(
        default=None, metadata=doc("Working pattern.")
    )
    rest_profile: str = attrs.field(
        default="mlc-a2.3",
        metadata=doc(
            "Hours-of-rest profile id: "
            + ", ".join(f"`{profile}`" for profile in BUILTIN_REST_PROFILES)
            + " (built in) or one in the data.",
            '"mlc-a2.3"',
        ),
    )
    allowances: tuple[Allowance, ...] = attrs.field(factory=tuple, metadata=doc("Allowances paid."))
    leave: tuple[LeaveEntitlement, ...] = attrs.field(
        factory=tuple, metadata=doc("Leave entitlements.")
    )
