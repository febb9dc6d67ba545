"""Revalidation of certificates of competency (CoC) against sea service.

A CoC is valid for 5 years. To revalidate it the holder needs sea service of at least
12 months (365 days) in the 5 years before revalidation, or 3 months (90 days) in the 6
months before it (STCW regulation I/11 and section A-I/11; in the UK, MCA MSN 1856).
These figures are the defaults of :class:`RevalidationCondition` and can be changed.

Sea service is counted as sea time is everywhere (see :mod:`maritime_crew.facts`):
each calendar day aboard once, first and last days included, and only days up to and
including the date asked about. A window of "the last 5 years" on 31 March 2021 runs from
1 April 2016 to 31 March 2021, both included.
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from ..facts import Facts, Held, View
from ..model import Certificate, CertificateKind, DateLike, Fleet, Person, as_date
from ._common import resolve_person

__all__ = [
    "CocRevalidation",
    "Revalidation",
    "RevalidationCondition",
    "coc_revalidation",
    "held_cocs",
    "revalidation",
]

SOURCE = "STCW regulation I/11 and section A-I/11; MCA MSN 1856"


@attrs.frozen
class RevalidationCondition:
    """The sea-service condition for revalidating a CoC; defaults from STCW I/11."""

    long_days: int = 365
    """Days of sea service needed in the long window (12 months)."""
    long_years: int = 5
    """Length of the long window in years."""
    short_days: int = 90
    """Days of sea service needed in the short window (3 months)."""
    short_months: int = 6
    """Length of the short window in months."""
    source: str = SOURCE

    @property
    def long_window(self) -> str:
        """The long window in words: ``5 years``."""
        return f"{self.long_years} year" + ("" if self.long_years == 1 else "s")

    @property
    def short_window(self) -> str:
        """The short window in words: ``6 months``."""
        return f"{self.short_months} month" + ("" if self.short_months == 1 else "s")

    def long_start(self, on: pendulum.Date) -> pendulum.Date:
        """First day of the long window ending on ``on``."""
        return on.subtract(years=self.long_years).add(days=1)

    def short_start(self, on: pendulum.Date) -> pendulum.Date:
        """First day of the short window ending on ``on``."""
        return on.subtract(months=self.short_months).add(days=1)


@attrs.frozen
class CocRevalidation:
    """Where one certificate of competency stands for revalidation on a date."""

    certificate_type: str
    number: str | None
    issued: pendulum.Date
    expires: pendulum.Date
    long_days: int
    """Sea days served in the long window ending on ``as_of``."""
    short_days: int
    """Sea days served in the short window ending on ``as_of``."""
    meets: bool
    """True if either route of the condition is met on ``as_of``."""
    needed_days: int
    """Further sea days, served by ``serve_by``, that would meet the condition: on the
    route needing fewest among those that can still be served in time, or, when neither
    can, the fewest on either route."""
    serve_by: pendulum.Date
    """The latest date the remaining sea service must be served by: the expiry date."""
    detail: str
    feasible: bool = True
    """False when neither route can be met by the expiry, even at sea every day left."""
    days_left: int = 0
    """Days after ``as_of`` up to and including the expiry date."""

    def to_record(self) -> dict[str, Any]:
        """The status as a plain dict."""
        return {
            "certificate_type": self.certificate_type,
            "number": self.number,
            "issued": self.issued.isoformat(),
            "expires": self.expires.isoformat(),
            "long_days": self.long_days,
            "short_days": self.short_days,
            "meets": self.meets,
            "needed_days": self.needed_days,
            "serve_by": self.serve_by.isoformat(),
            "feasible": self.feasible,
            "days_left": self.days_left,
            "detail": self.detail,
        }


@attrs.frozen
class Revalidation:
    """A person's certificates of competency and their revalidation standing on a date."""

    person: str
    as_of: pendulum.Date
    condition: RevalidationCondition
    certificates: tuple[CocRevalidation, ...]

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per CoC held, for notebooks."""
        return [
            {"person": self.person, "as_of": self.as_of.isoformat()} | entry.to_record()
            for entry in self.certificates
        ]


def coc_revalidation(
    view: View, person: Person, held: Held, condition: RevalidationCondition
) -> CocRevalidation | None:
    """The revalidation standing of one held CoC on the view's date.

    ``None`` if it never expires. Whether the condition is met is asked of the view, so
    a timeline knows the day it turns; the day counts are as of the date.
    """
    record = held.record
    if not isinstance(record, Certificate) or held.expires is None:
        return None
    on = view.date
    expires = held.expires
    long_now = view.sea_days(person, until=on, since=condition.long_start(on))
    short_now = view.sea_days(person, until=on, since=condition.short_start(on))
    meets = view.sea_service_met(
        person,
        long_days=condition.long_days,
        long_years=condition.long_years,
        short_days=condition.short_days,
        short_months=condition.short_months,
        until=expires,
    )
    days_left = view.days_until(expires)
    has = (
        f"has {long_now} of {condition.long_days} days in {condition.long_window} "
        f"and {short_now} of {condition.short_days} in {condition.short_window}"
    )
    if meets:
        detail = (
            f"meets the condition: {long_now} of {condition.long_days} days in "
            f"{condition.long_window}, {short_now} of {condition.short_days} in "
            f"{condition.short_window}"
        )
        needed, feasible = 0, True
    else:
        # What each route still needs in its window ending on the expiry date, and how
        # many days of that window are still to come after ``as_of``.
        routes = [
            _route(
                view,
                person,
                expires,
                condition.long_start(expires),
                condition.long_days,
                f"{condition.long_days} in the {condition.long_window}",
            ),
            _route(
                view,
                person,
                expires,
                condition.short_start(expires),
                condition.short_days,
                f"{condition.short_days} in the {condition.short_window}",
            ),
        ]
        possible = [route for route in routes if route.feasible]
        feasible = bool(possible)
        best = min(possible or routes, key=lambda route: route.needed)
        needed = best.needed
        if feasible:
            detail = (
                f"needs {needed} more days of sea service by {expires} ({best.words} to "
                f"expiry); {has}"
            )
        else:
            long_route, short_route = routes
            detail = (
                f"cannot be met before expiry on {expires} ({days_left} days left): needs "
                f"{long_route.needed} more days of sea service for {long_route.words}, or "
                f"{short_route.needed} for {short_route.words}; {has}"
            )
    return CocRevalidation(
        record.type,
        record.number,
        record.issued,
        expires,
        long_now,
        short_now,
        meets,
        needed,
        expires,
        detail,
        feasible,
        days_left,
    )


@attrs.frozen
class _Route:
    """One route of the condition, for the window that ends on the expiry date."""

    words: str
    needed: int
    """Sea days still missing in the window."""
    to_come: int
    """Days of the window after ``as_of``: the most that can still be served in it."""

    @property
    def feasible(self) -> bool:
        """True if the days still to come in the window are enough."""
        return self.needed <= self.to_come


def _route(
    view: View,
    person: Person,
    expires: pendulum.Date,
    start: pendulum.Date,
    required: int,
    words: str,
) -> _Route:
    """A route whose window runs from ``start`` to ``expires``, judged on the view's date."""
    served = view.sea_days(person, until=view.date, since=start)
    to_come = expires.toordinal() - max(start.toordinal(), view.date.toordinal() + 1) + 1
    return _Route(words, max(0, required - served), max(0, to_come))


def held_cocs(view: View, person: Person) -> list[Held]:
    """The latest certificate of each competency type a person holds, valid on the date."""
    fleet = view.fleet
    found: list[Held] = []
    for type_id in sorted({certificate.type for certificate in person.certificates}):
        kind = fleet.certificate_type(type_id)
        if kind is None or kind.kind is not CertificateKind.COMPETENCY:
            continue
        latest = view.latest(person, "certificates", type_id)
        if latest is not None and view.covers(latest.start, latest.expires):
            found.append(latest)
    return found


def revalidation(
    fleet: Fleet,
    person: Person | str,
    as_of: DateLike,
    condition: RevalidationCondition | None = None,
) -> Revalidation:
    """Whether the holder of each CoC held on ``as_of`` meets the revalidation condition.

    Only the latest certificate of each competency type that is valid on ``as_of`` is
    considered. When the condition is not met, ``needed_days`` and ``serve_by`` say how
    much sea service is still needed, by the certificate's expiry, on the easier route
    that can still be served in time; ``feasible`` is false when neither can (more days
    are missing than are left before the expiry), and the detail says so.
    """
    who = resolve_person(fleet, person)
    view = Facts.of(fleet).on(as_date(as_of))
    rule = condition or RevalidationCondition()
    entries = (coc_revalidation(view, who, held, rule) for held in held_cocs(view, who))
    return Revalidation(who.id, view.date, rule, tuple(e for e in entries if e is not None))
