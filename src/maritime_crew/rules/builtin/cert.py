"""CERT: certificates of competency, medicals and other certificates (STCW)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ...facts import PEOPLE_IN_SERVICE, Facts, Subjects, ending_within, last_day, unmet
from ...model import Certificate, CertificateKind, Period, Person
from ...pathways import RevalidationCondition, coc_revalidation, held_cocs
from .._context import Context
from .._finding import Finding
from .._rule import Parameter
from .._severity import Severity
from ._people import count, counting_for, label, reasons, with_noun
from ._registry import builtin

WITHIN = Parameter(
    "within-days", int, 90, "How many days ahead of the check date to warn of an expiry."
)


def _number(certificate: Certificate) -> str:
    return f" {certificate.number}" if certificate.number else ""


def _named(name: str, certificate: Certificate) -> str:
    """``STCW II/1 certificate C-1234``; no second "certificate" when the name has one."""
    return f"{with_noun(name, 'certificate')}{_number(certificate)}"


SHORT_OF_A_CERTIFICATE = unmet("certificates")


@builtin(
    code="CERT001",
    name="certificate-expired",
    severity=Severity.ERROR,
    summary="A certificate the person's grade or duty role requires has expired.",
    rationale="STCW certificates of competency and proficiency, and the ENG1 medical, must "
    "be valid while the holder serves in the capacity that needs them (STCW regulation "
    "I/2 and I/11; Merchant Shipping (Medical Certification) Regulations 2010). A "
    "certificate of a type higher on the ladder (`supersedes`: a chief mate's II/2 above "
    "II/1) counts for the lower one while it is valid; when the last one held was a "
    "higher one, the message names it and `met_by` gives its type.",
    source="STCW I/2, I/11; ENG1 (MSN 1886)",
    example="BF1017 is a medic; their ENG1 medical expired at the end of 2021-02-14 and no "
    "later one is recorded.",
    fix="Record the renewed certificate, or take the person off the duty role until it is renewed.",
    each=SHORT_OF_A_CERTIFICATE,
)
def certificate_expired(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    for need in view.unmet(person, "certificates"):
        latest = view.latest(person, "certificates", need.type, or_higher=True)
        if latest is None or not view.passed(latest.expires):
            continue  # never held: CERT003/CERT004
        certificate = latest.record
        assert isinstance(certificate, Certificate)
        assert latest.expires is not None
        days = view.days_since(latest.expires)
        stands_in = counting_for(view, certificate.type, need.type, "counted")
        yield ctx.about_person(
            person,
            f"{_named(label(view, 'certificate', certificate.type), certificate)} of "
            f"{person.id}{stands_in} expired at the end of {latest.expires}, "
            f"{count(days, 'day')} before {view.date}; {reasons(need.required_by)}",
            nested=("certificates", latest.position),
            details={
                "certificate_type": need.type,
                "number": certificate.number,
                "expired": latest.expires.isoformat(),
                "days_ago": days,
                "required_by": list(need.required_by),
                **_met_by(certificate, need.type),
            },
        )


def _met_by(certificate: Certificate, required: str) -> dict[str, str]:
    """``{"met_by": type}`` when a certificate of a higher type stands in for the one required."""
    return {} if certificate.type == required else {"met_by": certificate.type}


@builtin(
    code="CERT002",
    name="certificate-expiring",
    severity=Severity.WARNING,
    summary="A required certificate expires within the warning period.",
    rationale="Revalidating a certificate of competency or renewing a medical takes weeks "
    "(sea-service evidence, an appointment with an approved doctor); warning ahead keeps "
    "the holder in role (STCW I/11). A requirement met by a certificate of a higher type "
    "(`supersedes`) is warned of when the longest-lasting certificate that meets it "
    "expires, and the message names that one.",
    source="STCW I/11",
    parameters=(WITHIN,),
    example="BF1005's STCW II/1 certificate expires at the end of 2021-05-20, 50 days after "
    "the check date, and no replacement is recorded.",
    fix="Book the revalidation or renewal, and record the new certificate when issued.",
    each=lambda params: ending_within("certificates", params["within-days"]),
)
def certificate_expiring(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    within: int = ctx.params["within-days"]
    horizon = view.later(within)  # "expires within n days": its last day is reached n days on
    for need in view.requirements(person, "certificates"):
        held = view.unrenewed(person, "certificates", need.type, or_higher=True)
        if held is None or not horizon.reached(held.expires):
            continue
        certificate = held.record
        assert isinstance(certificate, Certificate)
        assert held.expires is not None
        days = view.days_until(held.expires)
        stands_in = counting_for(view, certificate.type, need.type)
        yield ctx.about_person(
            person,
            f"{_named(label(view, 'certificate', certificate.type), certificate)} of "
            f"{person.id}{stands_in} expires at the end of {held.expires}, in {count(days, 'day')} "
            f"(warning period {count(within, 'day')}); {reasons(need.required_by)}",
            nested=("certificates", held.position),
            details={
                "certificate_type": need.type,
                "number": certificate.number,
                "expires": held.expires.isoformat(),
                "days_left": days,
                "within_days": within,
                "required_by": list(need.required_by),
                **_met_by(certificate, need.type),
            },
        )


def _missing(person: Person, ctx: Context, source: str) -> Iterator[Finding]:
    view = ctx.facts
    for need in view.unmet(person, "certificates"):
        why_here = [reason for reason in need.required_by if reason.startswith(source)]
        if not why_here:
            continue
        if view.latest(person, "certificates", need.type, or_higher=True) is not None:
            continue  # held before, now expired: CERT001
        named = with_noun(label(view, "certificate", need.type), "certificate")
        accepted = view.accepted("certificates", need.type)
        booked = [c for c in person.certificates if c.type in accepted]
        later = ""
        if booked:
            first = min(booked, key=lambda c: (c.issued, c.type != need.type))
            if first.type == need.type:
                later = f"; one is recorded from {first.issued}"
            else:
                higher = with_noun(label(view, "certificate", first.type), "certificate")
                later = f"; {higher}, which counts for it, is recorded from {first.issued}"
        yield ctx.about_person(
            person,
            f"{person.id} has no {named}, {reasons(why_here)}{later}",
            details={"certificate_type": need.type, "required_by": why_here},
        )


@builtin(
    code="CERT003",
    name="certificate-missing-for-grade",
    severity=Severity.ERROR,
    summary="A person holds a grade without a certificate the grade requires.",
    rationale="Each grade on the deck and engineering pathways is tied to a certificate of "
    "competency (seed commitment C4; STCW chapters II and III). A certificate of a type "
    "higher on the ladder (`supersedes`) meets the grade's requirement for a lower one; "
    "one recorded from a later day is named in the message.",
    source="seed C4; STCW II, III",
    example="BF1002 is a chief officer but holds no STCW II/2 certificate.",
    fix="Record the certificate if it is held; otherwise review the person's grade.",
    each=SHORT_OF_A_CERTIFICATE,
)
def certificate_missing_for_grade(person: Person, ctx: Context) -> Iterator[Finding]:
    return _missing(person, ctx, "grade")


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
    each=SHORT_OF_A_CERTIFICATE,
)
def certificate_missing_for_role(person: Person, ctx: Context) -> Iterator[Finding]:
    return _missing(person, ctx, "duty role")


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
    each=Subjects(
        "people with a certificate whose recorded expiry may exceed its validity",
        ("person",),
        among=lambda facts, person: any(c.expires is not None for c in person.certificates),
    ),
)
def certificate_validity_exceeded(person: Person, ctx: Context) -> Iterator[Finding]:
    fleet = ctx.facts.fleet
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
        latest = last_day(kind.validity, certificate.issued, age)
        at = f" for a holder aged {age}" if age is not None else ""
        yield ctx.about_person(
            person,
            f"{_named(kind.name, certificate)} of {person.id}, issued "
            f"{certificate.issued}, is recorded as expiring at the end of "
            f"{certificate.expires}; a validity of {allowed}{at} runs through {latest}",
            nested=("certificates", position),
            details={
                "certificate_type": kind.id,
                "recorded_expiry": certificate.expires.isoformat(),
                "latest_allowed": latest.isoformat(),
                "validity": str(allowed),
            },
        )


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


def _holds_a_coc(facts: Facts, person: Person) -> bool:
    fleet = facts.fleet
    return any(
        (kind := fleet.certificate_type(certificate.type)) is not None
        and kind.kind is CertificateKind.COMPETENCY
        for certificate in person.certificates
    )


def _condition(params: Mapping[str, Any]) -> RevalidationCondition:
    """The revalidation condition that CERT006's parameters set."""
    return RevalidationCondition(
        long_days=params["long-days"],
        long_years=params["long-years"],
        short_days=params["short-days"],
        short_months=params["short-months"],
    )


@builtin(
    code="CERT006",
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
    "message says the condition cannot be met by sea service in time. A CoC whose holder "
    "has a replacement, or a certificate of a higher type (`supersedes`), valid on the day "
    "after it expires is not at risk.",
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
    example="BF1 holds STCW II/1 certificate C-1, which expires at the end of 2021-06-01, in "
    "62 days; they have 200 of 365 days of sea service in 5 years and 30 of 90 in 6 months.",
    fix="Plan deployments so the holder serves the missing sea time before the expiry, or "
    "book the alternative revalidation route with the MCA.",
    each=Subjects(
        "people in service who hold a certificate of competency",
        ("person",),
        among=_holds_a_coc,
        within=PEOPLE_IN_SERVICE,
    ),
)
def coc_revalidation_at_risk(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    within: int = ctx.params["within-days"]
    horizon = view.later(within)
    ends = [day for day in view.valid_types(person, "certificates").values() if day is not None]
    if not horizon.reached(min(ends, default=None)):
        return  # nothing valid today expires within the window
    condition = _condition(ctx.params)
    for held in held_cocs(view, person):
        if held.expires is None or not horizon.reached(held.expires):
            continue
        certificate = held.record
        if not isinstance(certificate, Certificate):
            continue
        # A replacement already issued (dated before the old one expires) is enough, and
        # so is a certificate of a higher type valid then: it counts for this one.
        after = held.expires.add(days=1)
        if view.valid_on(person, "certificates", certificate.type, after, or_higher=True):
            continue
        status = coc_revalidation(view, person, held, condition)
        if status is None or status.meets:
            continue
        days = view.days_until(held.expires)
        needs = count(status.needed_days, "more day")
        outlook = (
            f"needs {needs} by {status.serve_by} to revalidate"
            if status.feasible
            else f"cannot meet it before the expiry: needs {needs}, with {count(days, 'day')} left"
        )
        yield ctx.about_person(
            person,
            f"{_named(label(view, 'certificate', certificate.type), certificate)} of "
            f"{person.id} expires at the end of {held.expires}, in {count(days, 'day')}; "
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
