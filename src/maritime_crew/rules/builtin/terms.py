"""TERMS: terms and conditions sets and working patterns (seed C1)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pendulum

from ... import facts
from ...model import Deployment, Fleet, Person, Subject, TermsAndConditions
from .._changes import ChangeDays
from .._finding import Finding
from .._rule import Context
from .._severity import Severity
from ._people import count, days_between, in_service
from ._registry import builtin


def _named(terms: TermsAndConditions) -> str:
    return f"{terms.id} ({terms.title})"


def _why_not_in_force(terms: TermsAndConditions, on: pendulum.Date) -> str:
    """Why a set is not in force on a date, by its dates."""
    if terms.effective is None:
        return "it has never been given an effective date"
    if on < terms.effective:
        return f"it is not effective until {terms.effective}"
    return f"it was superseded on {terms.superseded}"


@builtin(
    code="TERMS001",
    name="no-terms-in-force",
    severity=Severity.ERROR,
    summary="A person in service is on no terms and conditions set in force.",
    rationale="Every crew member's pay, working pattern, rest and leave come from the "
    "terms and conditions set they are on; the command committed to reviewed terms, "
    "consulted on and implemented in 2021/22 (seed C1). A person on no set, or on one not "
    "(or no longer) in force, has no agreed terms.",
    source="seed C1",
    example="BF1012 is on tc-2021 (Maritime Command crew terms 2021), which is not in force "
    "on 2021-03-31: it is not effective until 2021-04-01.",
    fix="Record the person's move to the set in force (a `terms` entry with its start "
    "date), or correct the set's effective and superseded dates.",
)
def no_terms_in_force(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for person in in_service(fleet, ctx.as_of):
        found = facts.assignment_on(fleet, person, ctx.as_of)
        if found is None:
            yield _no_assignment(ctx, person)
            continue
        assignment, terms = found
        if terms is None or facts.terms_in_force(terms, ctx.as_of):
            continue  # an unknown set is DATA002's
        index = next(i for i, a in enumerate(person.terms) if a is assignment)
        yield ctx.about_person(
            person,
            f"{person.id} is on {_named(terms)}, which is not in force on {ctx.as_of}: "
            f"{_why_not_in_force(terms, ctx.as_of)}",
            nested=("terms", index),
            details={
                "terms": terms.id,
                "effective": terms.effective.isoformat() if terms.effective else None,
                "superseded": terms.superseded.isoformat() if terms.superseded else None,
            },
        )


def _no_assignment(ctx: Context, person: Person) -> Finding:
    ended = [a for a in person.terms if a.end is not None and a.end < ctx.as_of]
    coming = [a for a in person.terms if a.start > ctx.as_of]
    details: dict[str, Any] = {"terms": None}
    if ended:
        last = max(ended, key=lambda a: a.end or ctx.as_of)
        why = f"their assignment to {last.set} ended on {last.end}"
        details.update(last_terms=last.set, ended=last.end.isoformat() if last.end else None)
    elif coming:
        first = min(coming, key=lambda a: a.start)
        why = f"their assignment to {first.set} starts on {first.start}"
        details.update(next_terms=first.set, starts=first.start.isoformat())
    else:
        why = "no terms assignment is recorded"
    return ctx.about_person(
        person,
        f"{person.id} is in service on {ctx.as_of} but on no terms and conditions set: {why}",
        details=details,
    )


@builtin(
    code="TERMS002",
    name="in-force-before-consultation-closed",
    severity=Severity.ERROR,
    summary="A terms set takes effect on or before the last day of its consultation.",
    rationale="The command committed to consult staff on the new terms and then implement "
    "them (seed C1); a set that takes effect while its consultation is still open cannot "
    "have taken the responses into account.",
    source="seed C1",
    example="tc-2021 (Maritime Command crew terms 2021) is effective from 2020-11-30, but "
    "its consultation ran from 2020-09-01 to 2020-11-30 inclusive; it could take effect "
    "from 2020-12-01 at the earliest.",
    fix="Correct the effective date (or the consultation dates if they were recorded wrongly).",
)
def in_force_before_consultation_closed(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for position, terms in enumerate(fleet.terms):
        consultation = terms.consultation
        if consultation is None or terms.effective is None:
            continue
        if terms.effective > consultation.closes:
            continue
        earliest = consultation.closes.add(days=1)
        yield ctx.finding(
            Subject("terms", terms.id),
            f"{_named(terms)} is effective from {terms.effective}, but its consultation ran "
            f"from {consultation.opens} to {consultation.closes} inclusive; it could take "
            f"effect from {earliest} at the earliest",
            source=fleet.source_of("terms", position),
            details={
                "effective": terms.effective.isoformat(),
                "consultation_opens": consultation.opens.isoformat(),
                "consultation_closes": consultation.closes.isoformat(),
                "days_early": days_between(terms.effective, earliest),
            },
        )


def _aboard(
    fleet: Fleet, deployment: Deployment, end: pendulum.Date
) -> Iterator[tuple[Person, pendulum.Date]]:
    """Who a deployment put aboard, and their first day aboard.

    A crew member counts from the day they joined the crew (``crew_since``), as for sea
    time; one who joined after the deployment ended was not aboard.
    """
    if deployment.person is not None:
        person = fleet.person(deployment.person)
        if person is not None:  # unknown person: DATA002
            yield person, deployment.start
        return
    if deployment.crew is None:
        return
    for member in fleet.members_of(deployment.crew):
        first = deployment.start
        if member.crew_since is not None:
            first = max(first, member.crew_since)
        if first <= end:
            yield member, first


def _shortest_sea_limit(fleet: Fleet) -> int | None:
    """The fewest consecutive days at sea any terms set allows; ``None`` if none limits them."""
    limits = [
        terms.working_pattern.max_consecutive_days_at_sea
        for terms in fleet.terms
        if terms.working_pattern is not None
        and terms.working_pattern.max_consecutive_days_at_sea is not None
    ]
    return min(limits) if limits else None


def _deployment_days(fleet: Fleet, params: Mapping[str, Any]) -> ChangeDays:
    """Change points of TERMS003.

    Only a deployment longer than the shortest limit of any terms set can break one:
    the days such a deployment starts and the day after it ends, and every day from the
    start of an open deployment (its length grows daily).
    """
    shortest = _shortest_sea_limit(fleet)
    if shortest is None:
        return ChangeDays()
    days: set[pendulum.Date] = set()
    open_: list[pendulum.Date] = []
    for deployment in fleet.deployments:
        if deployment.end is None:
            open_.append(deployment.start)
        elif days_between(deployment.start, deployment.end) + 1 > shortest:
            days.update((deployment.start, deployment.end.add(days=1)))
    return ChangeDays(frozenset(days), min(open_) if open_ else None)


@builtin(
    code="TERMS003",
    change_points=_deployment_days,
    name="deployment-exceeds-working-pattern",
    severity=Severity.WARNING,
    summary="A deployment is longer than the consecutive days at sea the person's terms allow.",
    rationale="The working pattern of a terms set limits the consecutive days a person "
    "spends at sea (seed C1: terms reviewed with staff and implemented). A longer "
    "deployment breaches the agreed terms and adds to fatigue.",
    source="seed C1",
    example="Deployment dep-0042 of crew vigilant-a aboard vigilant from 2021-01-01 to "
    "2021-01-25 lasts 25 days, more than the 21 consecutive days at sea allowed by "
    "tc-2021; over their limit: BF1003 (limit 21 days, tc-2021), BF1004 (limit 21 "
    "days, tc-2021).",
    fix="Relieve the people concerned, or split the deployment; if the dates are wrong, "
    "correct them.",
)
def deployment_exceeds_working_pattern(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    shortest = _shortest_sea_limit(fleet)
    if shortest is None:
        return  # no set limits days at sea
    for position, deployment in enumerate(fleet.deployments):
        if deployment.start > ctx.as_of:
            continue  # planned, not started
        end = deployment.end if deployment.end is not None else ctx.as_of
        length = days_between(deployment.start, end) + 1
        if length <= shortest:
            continue  # no one aboard can be over any set's limit
        over: list[tuple[Person, TermsAndConditions, int, int, pendulum.Date]] = []
        for person, first in _aboard(fleet, deployment, end):
            found = facts.assignment_on(fleet, person, first)
            terms = found[1] if found is not None else None
            pattern = terms.working_pattern if terms is not None else None
            limit = pattern.max_consecutive_days_at_sea if pattern is not None else None
            days = days_between(first, end) + 1
            if terms is not None and limit is not None and days > limit:
                over.append((person, terms, limit, days, first))
        if not over:
            continue
        _, strictest, limit, _, _ = min(over, key=lambda entry: entry[2])
        who = deployment.person if deployment.person is not None else f"crew {deployment.crew}"
        if deployment.end is not None:
            span = f"from {deployment.start} to {deployment.end} lasts {count(length, 'day')}"
        else:
            span = f"since {deployment.start} has lasted {count(length, 'day')} by {ctx.as_of}"
        message = (
            f"deployment {deployment.id} of {who} aboard {deployment.vessel} {span}, more "
            f"than the {limit} consecutive days at sea allowed by {strictest.id}"
        )
        if deployment.crew is not None:
            listed = [
                f"{person.id} (limit {count(each, 'day')}, {terms.id}"
                + (f"; aboard {count(days, 'day')} from {first}" if days != length else "")
                + ")"
                for person, terms, each, days, first in over
            ]
            message += f"; over their limit: {', '.join(listed)}"
        yield ctx.finding(
            Subject("deployment", deployment.id),
            message,
            source=fleet.source_of("deployment", position),
            details={
                "start": deployment.start.isoformat(),
                "end": deployment.end.isoformat() if deployment.end else None,
                "days": length,
                "limit": limit,
                "terms": strictest.id,
                "people": [
                    {"person": person.id, "terms": terms.id, "limit": each, "days": days}
                    for person, terms, each, days, _ in over
                ],
            },
        )


def _year_end_days(fleet: Fleet, params: Mapping[str, Any]) -> Iterable[pendulum.Date]:
    """Change points of TERMS004: the day after each planned business year ends."""
    return {t.business_year.end.add(days=1) for t in fleet.terms if t.business_year is not None}


@builtin(
    code="TERMS004",
    change_points=_year_end_days,
    name="not-in-force-by-year-end",
    severity=Severity.ERROR,
    summary="A terms set was not in force by the end of the business year it was planned for.",
    rationale="The command committed to implement the new terms and conditions in the "
    "2021/22 business year (seed C1); a set planned for a year that has ended without it "
    "taking effect shows the commitment was missed.",
    source="seed C1",
    example="tc-2021 (Maritime Command crew terms 2021) was planned for 2021/22 but not in "
    "force by 2022-03-31: it has no effective date.",
    fix="Record the effective date if the set took effect; otherwise replan it for a later "
    "business year and report the slip.",
)
def not_in_force_by_year_end(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for position, terms in enumerate(fleet.terms):
        year = terms.business_year
        if year is None or year.end >= ctx.as_of:
            continue
        if terms.effective is not None and terms.effective <= year.end:
            continue
        if terms.effective is None:
            why = "it has no effective date"
        else:
            why = (
                f"it is effective from {terms.effective}, "
                f"{count(days_between(year.end, terms.effective), 'day')} after the year ended"
            )
        yield ctx.finding(
            Subject("terms", terms.id),
            f"{_named(terms)} was planned for {year} but not in force by {year.end}: {why}",
            source=fleet.source_of("terms", position),
            details={
                "business_year": str(year),
                "year_end": year.end.isoformat(),
                "effective": terms.effective.isoformat() if terms.effective else None,
            },
        )
