"""TERMS: terms and conditions sets and working patterns (seed C1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pendulum

from ...facts import PEOPLE_IN_SERVICE, TERMS_SETS, Facts, Subjects, View
from ...model import Deployment, Person, SourceLocation, Subject, TermsAndConditions
from .._context import Context
from .._finding import Finding
from .._severity import Severity
from ._people import count
from ._registry import builtin


def _named(terms: TermsAndConditions) -> str:
    return f"{terms.id} ({terms.title})"


def _source(view: View, table: str, record: Any) -> SourceLocation | None:
    """Where this very record of ``table`` came from (of records sharing its id)."""
    fleet = view.fleet
    records = fleet.records(table)
    for position in fleet.positions(table, record.id):
        if records[position] is record:
            return fleet.source_of(table, position)
    return None


def _why_not_in_force(view: View, terms: TermsAndConditions) -> str:
    """Why a set that is not in force on the date is not, by its dates."""
    if terms.effective is None:
        return "it has never been given an effective date"
    if not view.reached(terms.effective):
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
    each=PEOPLE_IN_SERVICE,
)
def no_terms_in_force(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    found = view.assignment(person)
    if found is None:
        yield _no_assignment(ctx, person)
        return
    terms = found.terms
    if terms is None or view.terms_in_force(terms):
        return  # an unknown set is DATA002's
    yield ctx.about_person(
        person,
        f"{person.id} is on {_named(terms)}, which is not in force on {view.date}: "
        f"{_why_not_in_force(view, terms)}",
        nested=("terms", found.position),
        details={
            "terms": terms.id,
            "effective": terms.effective.isoformat() if terms.effective else None,
            "superseded": terms.superseded.isoformat() if terms.superseded else None,
        },
    )


def _no_assignment(ctx: Context, person: Person) -> Finding:
    """A person on no assignment: the last that ended, else the first to come, goes in."""
    view = ctx.facts
    ended = [(a, a.end) for a in person.terms if a.end is not None and view.passed(a.end)]
    coming = [a for a in person.terms if not view.reached(a.start)]
    details: dict[str, Any] = {"terms": None}
    if ended:
        last, end = max(ended, key=lambda entry: entry[1])
        why = f"their assignment to {last.set} ended on {end}"
        details.update(last_terms=last.set, ended=end.isoformat())
    elif coming:
        first = min(coming, key=lambda a: a.start)
        why = f"their assignment to {first.set} starts on {first.start}"
        details.update(next_terms=first.set, starts=first.start.isoformat())
    else:
        why = "no terms assignment is recorded"
    return ctx.about_person(
        person,
        f"{person.id} is in service on {view.date} but on no terms and conditions set: {why}",
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
    each=TERMS_SETS,
)
def in_force_before_consultation_closed(
    terms: TermsAndConditions, ctx: Context
) -> Iterator[Finding]:
    consultation = terms.consultation
    if consultation is None or terms.effective is None:
        return
    if terms.effective > consultation.closes:
        return
    earliest = consultation.closes.add(days=1)
    yield ctx.finding(
        Subject("terms", terms.id),
        f"{_named(terms)} is effective from {terms.effective}, but its consultation ran "
        f"from {consultation.opens} to {consultation.closes} inclusive; it could take "
        f"effect from {earliest} at the earliest",
        source=_source(ctx.facts, "terms", terms),
        details={
            "effective": terms.effective.isoformat(),
            "consultation_opens": consultation.opens.isoformat(),
            "consultation_closes": consultation.closes.isoformat(),
            "days_early": earliest.toordinal() - terms.effective.toordinal(),
        },
    )


def _aboard(view: View, deployment: Deployment) -> Iterator[tuple[Person, pendulum.Date]]:
    """Who a deployment put aboard, and their first day aboard (which may be to come).

    A crew member counts from the day they joined the crew (``crew_since``), as for sea
    time.
    """
    fleet = view.fleet
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
        yield member, first


def _days(first: pendulum.Date, last: pendulum.Date) -> int:
    """Days from ``first`` to ``last``, both counted."""
    return last.toordinal() - first.toordinal() + 1


_Over = tuple[Person, TermsAndConditions, int, int, pendulum.Date]
"""Someone aboard longer than their set allows: the set, its limit, their days, first day."""


def _over(view: View, deployment: Deployment) -> list[_Over]:
    """The people a started deployment keeps at sea longer than their terms allow.

    Each is judged by the set they were assigned on their first day aboard. A deployment
    with an end counts to its end, planned or past. An open one runs to the date: someone
    aboard from ``first`` is over a limit of ``n`` days from ``first + n`` on, and their
    days aboard are counted by the date only once someone is over (see the caller).
    """
    end = deployment.end
    found: list[_Over] = []
    for person, first in _aboard(view, deployment):
        if end is not None and first > end:
            continue  # joined the crew after the deployment ended: not aboard
        assigned = view.assignment_on(person, first)
        terms = assigned.terms if assigned is not None else None
        pattern = terms.working_pattern if terms is not None else None
        limit = pattern.max_consecutive_days_at_sea if pattern is not None else None
        if terms is None or limit is None:
            continue
        if end is not None:
            days = _days(first, end)
            if days > limit:
                found.append((person, terms, limit, days, first))
        elif view.reached(first.add(days=max(limit, 0))):
            found.append((person, terms, limit, view.days_since(first) + 1, first))
    return found


def _can_be_long(facts: Facts, deployment: Deployment) -> bool:
    """Whether the deployment is open, or longer than the shortest limit of any set."""
    shortest = facts.shortest_sea_limit()
    if shortest is None:
        return False
    end = deployment.end
    return end is None or end.toordinal() - deployment.start.toordinal() >= shortest


LONG_DEPLOYMENTS = Subjects(
    "deployments that run longer than some working pattern allows",
    ("deployment",),
    among=_can_be_long,
)
"""Open deployments, and those longer than the shortest limit of any terms set."""


@builtin(
    code="TERMS003",
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
    each=LONG_DEPLOYMENTS,
)
def deployment_exceeds_working_pattern(deployment: Deployment, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    shortest = view.shortest_sea_limit()
    if shortest is None:
        return  # no set limits days at sea
    start = deployment.start
    if deployment.end is not None and _days(start, deployment.end) <= shortest:
        return  # no one aboard can be over any set's limit, whatever the date
    if not view.reached(start):
        return  # planned, not started
    if deployment.end is None and not view.reached(start.add(days=shortest)):
        return  # not yet longer than any set's limit
    over = _over(view, deployment)
    if not over:
        return
    if deployment.end is None:
        # the length so far goes into the details: it changes every day
        view.every_day()
        length = view.days_since(start) + 1
    else:
        length = _days(start, deployment.end)
    _, strictest, limit, _, _ = min(over, key=lambda entry: entry[2])
    who = deployment.person if deployment.person is not None else f"crew {deployment.crew}"
    if deployment.end is not None:
        span = f"from {start} to {deployment.end} lasts {count(length, 'day')}"
    else:
        span = f"since {start} has lasted {count(length, 'day')} by {view.date}"
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
        source=_source(view, "deployment", deployment),
        details={
            "start": start.isoformat(),
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


@builtin(
    code="TERMS004",
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
    each=TERMS_SETS,
)
def not_in_force_by_year_end(terms: TermsAndConditions, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    year = terms.business_year
    if year is None:
        return
    if terms.effective is not None and terms.effective <= year.end:
        return  # in force in time
    if not view.passed(year.end):
        return  # the year has not ended
    if terms.effective is None:
        why = "it has no effective date"
    else:
        late = terms.effective.toordinal() - year.end.toordinal()
        why = f"it is effective from {terms.effective}, {count(late, 'day')} after the year ended"
    yield ctx.finding(
        Subject("terms", terms.id),
        f"{_named(terms)} was planned for {year} but not in force by {year.end}: {why}",
        source=_source(view, "terms", terms),
        details={
            "business_year": str(year),
            "year_end": year.end.isoformat(),
            "effective": terms.effective.isoformat() if terms.effective else None,
        },
    )
