"""CERT: certificates of competency, medicals and other certificates (STCW)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import pendulum

from ... import facts
from ...model import Certificate, CertificateKind, Fleet, Period, Person
from ...model._dates import shift
from .._changes import calendar_add, state_change_points
from .._finding import Finding
from .._rule import Context, Parameter
from .._severity import Severity
from ._people import count, days_between, in_service, label, reasons, with_noun
from ._registry import builtin

if TYPE_CHECKING:
    from ...pathways import RevalidationCondition

WITHIN = Parameter(
    "within-days", int, 90, "How many days ahead of the check date to warn of an expiry."
)


def _number(certificate: Certificate) -> str:
    return f" {certificate.number}" if certificate.number else ""


def _named(name: str, certificate: Certificate) -> str:
    """``STCW II/1 certificate C-1234``; no second "certificate" when the name has one."""
    return f"{with_noun(name, 'certificate')}{_number(certificate)}"


@builtin(
    code="CERT001",
    name="certificate-expired",
    severity=Severity.ERROR,
    summary="A certificate the person's grade or duty role requires has expired.",
    rationale="STCW certificates of competency and proficiency, and the ENG1 medical, must "
    "be valid while the holder serves in the capacity that needs them (STCW regulation "
    "I/2 and I/11; Merchant Shipping (Medical Certification) Regulations 2010).",
    source="STCW I/2, I/11; ENG1 (MSN 1886)",
    example="BF1017 is a medic; their ENG1 medical expired on 2021-02-14 and no later one "
    "is recorded.",
    fix="Record the renewed certificate, or take the person off the duty role until it is renewed.",
)
def certificate_expired(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    standing = facts.standing(fleet, "certificates", ctx.as_of)
    for index, type_id, why in standing.unmet:
        person = standing.people[index]
        latest = facts.latest_certificate(fleet, person, type_id, ctx.as_of)
        if latest is None or latest.expires is None or latest.expires >= ctx.as_of:
            continue  # never held: CERT003/CERT004
        certificate = latest.record
        assert isinstance(certificate, Certificate)
        days = days_between(latest.expires, ctx.as_of)
        yield ctx.about_person(
            person,
            f"{_named(label(fleet, 'certificate', type_id), certificate)} of "
            f"{person.id} expired on {latest.expires}, {count(days, 'day')} before "
            f"{ctx.as_of}; {reasons(why)}",
            nested=("certificates", latest.position),
            details={
                "certificate_type": type_id,
                "number": certificate.number,
                "expired": latest.expires.isoformat(),
                "days_ago": days,
                "required_by": list(why),
            },
        )


@builtin(
    code="CERT002",
    name="certificate-expiring",
    severity=Severity.WARNING,
    summary="A required certificate expires within the warning period.",
    rationale="Revalidating a certificate of competency or renewing a medical takes weeks "
    "(sea-service evidence, an appointment with an approved doctor); warning ahead keeps "
    "the holder in role (STCW I/11).",
    source="STCW I/11",
    parameters=(WITHIN,),
    example="BF1005's STCW II/1 certificate expires on 2021-05-20, 50 days after the check "
    "date, and no replacement is recorded.",
    fix="Book the revalidation or renewal, and record the new certificate when issued.",
)
def certificate_expiring(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    within: int = ctx.params["within-days"]
    horizon = shift(ctx.as_of, days=within)
    for person in facts.standing(fleet, "certificates", ctx.as_of).ending_by(horizon):
        for type_id, why in facts.required_certificates(fleet, person).items():
            held = facts.unrenewed_certificate(fleet, person, type_id, ctx.as_of)
            if held is None or held.expires is None or held.expires > horizon:
                continue
            certificate = held.record
            assert isinstance(certificate, Certificate)
            days = days_between(ctx.as_of, held.expires)
            yield ctx.about_person(
                person,
                f"{_named(label(fleet, 'certificate', type_id), certificate)} of "
                f"{person.id} expires on {held.expires}, in {count(days, 'day')} (warning period "
                f"{count(within, 'day')}); {reasons(why)}",
                nested=("certificates", held.position),
                details={
                    "certificate_type": type_id,
                    "number": certificate.number,
                    "expires": held.expires.isoformat(),
                    "days_left": days,
                    "within_days": within,
                    "required_by": why,
                },
            )


def _missing(fleet: Fleet, ctx: Context, source: str) -> Iterator[Finding]:
    standing = facts.standing(fleet, "certificates", ctx.as_of)
    for index, type_id, why in standing.unmet:
        why_here = [reason for reason in why if reason.startswith(source)]
        if not why_here:
            continue
        person = standing.people[index]
        if facts.latest_certificate(fleet, person, type_id, ctx.as_of) is not None:
            continue  # held before, now expired: CERT001
        booked = [c.issued for c in person.certificates if c.type == type_id]
        later = f"; one is recorded from {min(booked)}" if booked else ""
        named = with_noun(label(fleet, "certificate", type_id), "certificate")
        yield ctx.about_person(
            person,
            f"{person.id} has no {named}, {reasons(why_here)}{later}",
            details={"certificate_type": type_id, "required_by": why_here},
        )


@builtin(
    code="CERT003",
    name="certificate-missing-for-grade",
    severity=Severity.ERROR,
    summary="A person holds a grade without a certificate the grade requires.",
    rationale="Each grade on the deck and engineering pathways is tied to a certificate of "
    "competency (seed commitment C4; STCW chapters II and III).",
    source="seed C4; STCW II, III",
    example="BF1002 is a chief officer but holds no STCW II/2 certificate.",
    fix="Record the certificate if it is held; otherwise review the person's grade.",
)
def certificate_missing_for_grade(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    return _missing(fleet, ctx, "grade")


@builtin(
    code="CERT004",
    name="certificate-missing-for-role",
    severity=Severity.ERROR,
    summary="A person holds a duty role without a certificate the role requires.",
    rationale="Duty roles such as coxswain or medic need specific certificates of "
    "proficiency (seed commitment C9; STCW chapter VI).",
    source="seed C9; STCW VI",
    example="BF1040 is a coxswain but holds no STCW VI/2 fast rescue boat certificate.",
    fix="Record the certificate if it is held; otherwise train the person or remove the duty role.",
)
def certificate_missing_for_role(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    return _missing(fleet, ctx, "duty role")


@builtin(
    code="CERT005",
    name="certificate-validity-exceeded",
    severity=Severity.WARNING,
    summary="A certificate's recorded expiry is later than its type's validity allows.",
    rationale="A certificate cannot be valid for longer than its regulation allows, e.g. "
    "an ENG1 medical is valid at most 2 years, or 1 year for a holder under 18 (MSN 1886); "
    "a later date is a data-entry error that hides a real expiry.",
    source="STCW I/11; MSN 1886",
    example="BF1060 was 17 when their ENG1 was issued on 2020-09-01, but its recorded "
    "expiry is 2022-08-31 rather than 2021-08-31.",
    fix="Correct the recorded expiry date to the one printed on the certificate.",
)
def certificate_validity_exceeded(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for person in fleet.people:
        for position, certificate in enumerate(person.certificates):
            if certificate.expires is None:
                continue
            kind = fleet.certificate_type(certificate.type)
            if kind is None or kind.validity is None:
                continue
            age = person.age_on(certificate.issued)
            allowed: Period = kind.validity.for_age(age)
            if certificate.expires.toordinal() < allowed.after_ordinal(certificate.issued):
                continue  # within the validity
            latest = facts.last_day(kind.validity, certificate.issued, age)
            at = f" for a holder aged {age}" if age is not None else ""
            yield ctx.about_person(
                person,
                f"{_named(kind.name, certificate)} of {person.id}, issued "
                f"{certificate.issued}, is recorded as expiring on {certificate.expires}; "
                f"a validity of {allowed}{at} ends on {latest}",
                nested=("certificates", position),
                details={
                    "certificate_type": kind.id,
                    "recorded_expiry": certificate.expires.isoformat(),
                    "latest_allowed": latest.isoformat(),
                    "validity": str(allowed),
                },
            )


_HELD = state_change_points("service", "certificates")

_SEA_SERVICE = "STCW section A-I/11; MCA MSN 1856"
_REVALIDATION = (
    Parameter(
        "long-days",
        int,
        365,
        "Days of sea service in the last `long-years` years that revalidate a CoC: 12 "
        f"months ({_SEA_SERVICE}).",
    ),
    Parameter(
        "long-years",
        int,
        5,
        f"Length in years of the long window that `long-days` counts in ({_SEA_SERVICE}).",
    ),
    Parameter(
        "short-days",
        int,
        90,
        "Days of sea service in the last `short-months` months that revalidate a CoC: 3 "
        f"months ({_SEA_SERVICE}).",
    ),
    Parameter(
        "short-months",
        int,
        6,
        f"Length in months of the short window that `short-days` counts in ({_SEA_SERVICE}).",
    ),
)


def _condition(params: Mapping[str, Any]) -> RevalidationCondition:
    """The revalidation condition that CERT006's parameters set."""
    from ...pathways._revalidation import RevalidationCondition

    return RevalidationCondition(
        long_days=params["long-days"],
        long_years=params["long-years"],
        short_days=params["short-days"],
        short_months=params["short-months"],
    )


def _revalidation_days(fleet: Fleet, params: Mapping[str, Any]) -> Iterable[datetime.date]:
    """Change points of CERT006.

    A certificate of competency that lapses without a replacement is reported from
    ``within-days`` before its expiry up to the expiry, on the days its holder does not
    meet the sea-service condition; the day counts in the finding change daily and are
    not part of its identity. So the change points are the first and last day of that
    warning window and the days inside it on which the condition starts or stops being
    met (worked out from the sea time, as the rule does).
    """
    within: int = params["within-days"]
    condition = _condition(params)
    days = set(_HELD(fleet, params))
    for person in fleet.people:
        windows = []
        for certificate in person.certificates:
            kind = fleet.certificate_type(certificate.type)
            if kind is None or kind.kind is not CertificateKind.COMPETENCY:
                continue
            expiry = facts.certificate_expiry(fleet, person, certificate)
            if expiry is None or facts.valid_certificate(
                fleet, person, certificate.type, shift(expiry, days=1)
            ):
                continue  # never lapses, or renewed in time: CERT006 never reports it
            windows.append((expiry.toordinal() - within, expiry.toordinal()))
        if windows:
            days.update(_meets_changes(fleet, person, windows, condition))
    return days


def _meets_changes(
    fleet: Fleet, person: Person, windows: list[tuple[int, int]], condition: Any
) -> Iterator[datetime.date]:
    """Window ends, and days in the windows on which the revalidation condition flips."""
    last = max(end for _, end in windows)
    until = pendulum.Date.fromordinal(last)
    first = min(start for start, _ in windows)
    origin = (
        calendar_add(datetime.date.fromordinal(first), years=-condition.long_years).toordinal() - 1
    )
    # at_sea[k]: days at sea from origin + 1 to origin + k (prefix sums)
    aboard = [0] * (last - origin + 1)
    for a, b in facts.sea_periods(fleet, person, until=until):
        for day in range(max(a.toordinal(), origin + 1), min(b.toordinal(), last) + 1):
            aboard[day - origin] = 1
    for k in range(1, len(aboard)):
        aboard[k] += aboard[k - 1]

    def served(start: int, end: int) -> int:
        return aboard[end - origin] - aboard[max(start, origin + 1) - 1 - origin]

    def starts(day: int) -> tuple[int, int]:
        """First days of the long and the short window ending on ``day``."""
        date = datetime.date.fromordinal(day)
        long_start = calendar_add(date, years=-condition.long_years).toordinal() + 1
        return long_start, calendar_add(date, months=-condition.short_months).toordinal() + 1

    for start, end in windows:
        yield datetime.date.fromordinal(start)
        yield datetime.date.fromordinal(end + 1)
        # every window of the warning period lies between these two: if the bounds
        # agree, whether the condition is met never changes inside it
        (long_first, short_first), (long_last, short_last) = starts(start), starts(end)
        most = served(long_first, end), served(short_first, end)
        least = served(long_last, start), served(short_last, start)
        if least[0] >= condition.long_days or least[1] >= condition.short_days:
            continue
        if most[0] < condition.long_days and most[1] < condition.short_days:
            continue
        before: bool | None = None
        for day in range(start, end + 1):
            long_start, short_start = starts(day)
            meets = (
                served(long_start, day) >= condition.long_days
                or served(short_start, day) >= condition.short_days
            )
            if before is not None and meets != before:
                yield datetime.date.fromordinal(day)
            before = meets


@builtin(
    code="CERT006",
    change_points=_revalidation_days,
    name="coc-revalidation-at-risk",
    severity=Severity.WARNING,
    summary="A certificate of competency expires soon and its holder lacks the sea service "
    "to revalidate it.",
    rationale="A certificate of competency is valid for 5 years. Revalidating it needs 12 "
    "months' (365 days') sea service in the last 5 years, or 3 months' (90 days') in the "
    "last 6 months (STCW regulation I/11 and section A-I/11; MCA MSN 1856); the four "
    "figures are parameters. A holder short of that near expiry must serve the remaining "
    "days in time or sit a refresher route, so the warning comes while there is time to "
    "plan sea time. When more days are missing than are left before the expiry, the "
    "message says the condition cannot be met by sea service in time.",
    source="STCW I/11, A-I/11; MSN 1856",
    parameters=(
        Parameter(
            "within-days",
            int,
            180,
            "How many days ahead of the check date to look for a CoC expiry.",
        ),
        *_REVALIDATION,
    ),
    example="BF1 holds STCW II/1 certificate C-1, which expires on 2021-06-01, in 62 days; "
    "they have 200 of 365 days of sea service in 5 years and 30 of 90 in 6 months.",
    fix="Plan deployments so the holder serves the missing sea time before the expiry, or "
    "book the alternative revalidation route with the MCA.",
)
def coc_revalidation_at_risk(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    from ...pathways._revalidation import coc_revalidation, held_cocs

    within: int = ctx.params["within-days"]
    horizon = shift(ctx.as_of, days=within)
    condition = _condition(ctx.params)
    for person in in_service(fleet, ctx.as_of):
        if not facts.ending_by(fleet, person, "certificates", ctx.as_of, horizon):
            continue  # nothing valid now expires in the window
        for held in held_cocs(fleet, person, ctx.as_of):
            if held.expires is None or held.expires > horizon:
                continue
            certificate = held.record
            if not isinstance(certificate, Certificate):
                continue
            # A replacement already issued (dated before the old one expires) is enough.
            if facts.valid_certificate(
                fleet, person, certificate.type, shift(held.expires, days=1)
            ):
                continue
            status = coc_revalidation(fleet, person, held, ctx.as_of, condition)
            if status is None or status.meets:
                continue
            days = days_between(ctx.as_of, held.expires)
            needs = count(status.needed_days, "more day")
            outlook = (
                f"needs {needs} by {status.serve_by} to revalidate"
                if status.feasible
                else f"cannot meet it before the expiry: needs {needs}, with "
                f"{count(days, 'day')} left"
            )
            yield ctx.about_person(
                person,
                f"{_named(label(fleet, 'certificate', certificate.type), certificate)} of "
                f"{person.id} expires on {held.expires}, in {count(days, 'day')}; "
                f"{person.id} has {count(status.long_days, 'day')} of sea service in "
                f"{condition.long_window} (needs {condition.long_days}) and "
                f"{status.short_days} in {condition.short_window} (needs "
                f"{condition.short_days}), and {outlook}",
                nested=("certificates", held.position),
                details={
                    "certificate_type": certificate.type,
                    "number": certificate.number,
                    "expires": held.expires.isoformat(),
                    "days_left": days,
                    "within_days": within,
                    "sea_days_long": status.long_days,
                    "sea_days_short": status.short_days,
                    "needed_days": status.needed_days,
                    "serve_by": status.serve_by.isoformat(),
                },
            )
