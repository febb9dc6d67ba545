"""TERMS: terms and conditions sets and working patterns (seed C1)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pendulum

from ...facts import PEOPLE_IN_SERVICE, TERMS_SETS, Subjects, Tour, View
from ...model import (
    Deployment,
    Person,
    SourceLocation,
    Subject,
    TermsAndConditions,
    WorkingPattern,
)
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


def _days(first: pendulum.Date, last: pendulum.Date) -> int:
    """Days from ``first`` to ``last``, both counted."""
    return last.toordinal() - first.toordinal() + 1


def _pattern(
    view: View, person: Person, tour: Tour
) -> tuple[TermsAndConditions, WorkingPattern] | None:
    """The set the person was assigned on the tour's first day, and its working pattern.

    A tour is judged, and earns its rest, by the terms it began under. ``None`` for no
    set (or an unknown one, DATA002's) or a set with no working pattern.
    """
    assigned = view.assignment_on(person, tour.first)
    terms = assigned.terms if assigned is not None else None
    if terms is None or terms.working_pattern is None:
        return None
    return terms, terms.working_pattern


def _deployment(person: Person, deployment: Deployment) -> str:
    """``dep-1 of crew vigilant-a aboard vigilant from 2021-05-01 to 2021-05-14``."""
    if deployment.person is not None:
        whose = ""
    elif person.id in deployment.cover:
        whose = f" of crew {deployment.crew} (as cover)"
    else:
        whose = f" of crew {deployment.crew}"
    span = (
        f"from {deployment.start} to {deployment.end}"
        if deployment.end is not None
        else f"since {deployment.start}, with no end"
    )
    return f"{deployment.id}{whose} aboard {deployment.vessel} {span}"


def _joining(person: Person, deployments: tuple[Deployment, ...]) -> str:
    """``deployment X`` or ``it joins deployments X, Y and Z``."""
    named = [_deployment(person, deployment) for deployment in deployments]
    if len(named) == 1:
        return f"deployment {named[0]}"
    return f"it joins deployments {', '.join(named[:-1])} and {named[-1]}"


def _tour_span(view: View, tour: Tour) -> tuple[int, str]:
    """The tour's length so far, and ``from D1 to D2 (N days)``.

    A tour that runs on to the date is counted up to it: the count changes every day.
    """
    if tour.last is not None:
        last, so_far = tour.last, ""
    else:
        view.every_day()
        last, so_far = view.date, " so far"
    days = _days(tour.first, last)
    return days, f"from {tour.first} to {last} ({count(days, 'day')}{so_far})"


TOURING = Subjects(
    "people whose tours at sea may be longer than some working pattern allows",
    ("person",),
    among=lambda facts, person: facts.may_tour_long(person),
)
"""People whose deployments, joined back to back, can run longer than the shortest limit
of any set, or without an end (see :meth:`~maritime_crew.facts.Facts.may_tour_long`)."""


@builtin(
    code="TERMS003",
    name="deployment-exceeds-working-pattern",
    severity=Severity.WARNING,
    summary="A tour at sea (consecutive days aboard, back-to-back deployments joined) is "
    "longer than the person's terms allow.",
    rationale="The working pattern of a terms set limits the consecutive days a person "
    "spends at sea; the command committed to 'a new set of terms and conditions' developed "
    "with staff and implemented (seed C1, recommendation 5.2). Deployments that follow each "
    "other with no day ashore between them are one stretch away from home, however they "
    "are recorded: two 14-day postings back to back are 28 consecutive days at sea. A "
    "single day ashore breaks the run, as 'consecutive days at sea' reads; the rest owed "
    "after a tour is TERMS005's. A longer tour breaches the agreed terms and adds to "
    "fatigue. The limit is the set's own, in the data: the seed gives none.",
    source="seed C1",
    example="BF0001's tour at sea from 2021-01-01 to 2021-01-28 (28 days) is longer than "
    "the 21 consecutive days at sea allowed by tc-2012; it joins deployments dep-0042 of "
    "crew vigilant-a aboard vigilant from 2021-01-01 to 2021-01-14 and dep-0043 aboard "
    "seeker from 2021-01-15 to 2021-01-28.",
    fix="Relieve the person sooner, or give them a break ashore between the deployments "
    "(at least the days their terms owe after a tour); if the dates are wrong, correct them.",
    each=TOURING,
)
def deployment_exceeds_working_pattern(person: Person, ctx: Context) -> Iterator[Finding]:
    """Each tour longer than the limit of the set the person was on on its first day.

    A tour is a run of consecutive days aboard (``View.tours``): deployments that
    overlap, or where one starts the day after another ends, are joined; a day ashore
    between them ends the tour. A deployment counts once its first day has come, to its
    last day, planned or past; one without an end counts up to the check date.
    """
    view = ctx.facts
    for tour in view.tours(person):
        found = _pattern(view, person, tour)
        limit = found[1].max_consecutive_days_at_sea if found is not None else None
        if found is None or limit is None:
            continue
        terms = found[0]
        if tour.last is not None:
            if _days(tour.first, tour.last) <= limit:
                continue
        elif not view.reached(tour.first.add(days=limit)):
            continue  # not yet longer than the limit
        days, span = _tour_span(view, tour)
        yield ctx.about_person(
            person,
            f"{person.id}'s tour at sea {span} is longer than the {limit} consecutive days "
            f"at sea allowed by {terms.id}; {_joining(person, tour.deployments)}",
            details={
                "first": tour.first.isoformat(),
                "last": tour.last.isoformat() if tour.last is not None else None,
                "days": days,
                "limit": limit,
                "terms": terms.id,
                "deployments": [deployment.id for deployment in tour.deployments],
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


RESTING = Subjects(
    "people who may go back to sea before the days ashore a working pattern owes",
    ("person",),
    among=lambda facts, person: facts.may_owe_rest(person),
)
"""People whose tours can be closer together than the most days ashore any set owes
(see :meth:`~maritime_crew.facts.Facts.may_owe_rest`)."""


@builtin(
    code="TERMS005",
    name="back-at-sea-before-rest-owed",
    severity=Severity.WARNING,
    summary="A person goes back to sea before the days ashore their terms owe after a "
    "tour have passed.",
    rationale="A working pattern is days on and days off, and the days off after a tour "
    "are what make its days on safe; the command committed to 'a new set of terms and "
    "conditions' developed with staff and implemented (seed C1, recommendation 5.2). A set "
    "that owes days ashore after every tour (`rest_days_after_tour`) is breached by a "
    "deployment that puts the person back aboard before they have passed. The number of "
    "days is the set's own, in the data: the seed gives none.",
    source="seed C1",
    example="BF0001 was back at sea on 2021-01-17, after 2 days ashore, on deployment "
    "dep-0044 aboard seeker from 2021-01-17 to 2021-01-28; their tour at sea from "
    "2021-01-01 to 2021-01-14 (14 days) owes 4 days ashore under tc-2012, to the end of "
    "2021-01-18: the next could start on 2021-01-19 at the earliest.",
    fix="Move the next deployment to start after the rest owed, or send someone else; if "
    "the dates are wrong, correct them.",
    each=RESTING,
)
def back_at_sea_before_rest_owed(person: Person, ctx: Context) -> Iterator[Finding]:
    """Each tour that starts fewer days after the one before than that one owes.

    The rest owed is that of the set the person was on on the first day of the tour
    before: a fixed number of days ashore after every tour, whatever its length. It is
    judged once the next tour has started (``View.tours`` answers only those).
    """
    view = ctx.facts
    tours = view.tours(person)
    for before, after in pairwise(tours):
        found = _pattern(view, person, before)
        owed = found[1].rest_days_after_tour if found is not None else None
        assert before.last is not None  # a tour that another follows has ended
        ashore = after.first.toordinal() - before.last.toordinal() - 1
        if found is None or owed is None or ashore >= owed:
            continue
        terms = found[0]
        until = before.last.add(days=owed)
        back = after.deployments[0]
        yield ctx.about_person(
            person,
            f"{person.id} was back at sea on {after.first}, after "
            f"{count(ashore, 'day')} ashore, on deployment {_deployment(person, back)}; "
            f"their tour at sea from {before.first} to {before.last} "
            f"({count(_days(before.first, before.last), 'day')}) owes "
            f"{count(owed, 'day')} ashore under {terms.id}, to the end of {until}: the next "
            f"could start on {until.add(days=1)} at the earliest",
            details={
                "tour_first": before.first.isoformat(),
                "tour_last": before.last.isoformat(),
                "back": after.first.isoformat(),
                "deployment": back.id,
                "days_ashore": ashore,
                "rest_days": owed,
                "rest_until": until.isoformat(),
                "terms": terms.id,
            },
        )
