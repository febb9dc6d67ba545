"""Every answer of the facts knows when it may change: it stays the same until then.

The timeline's exactness rests on this. For each question, asked on a date with a trace,
the answer must be the same on every later day before the day the trace names. A day
named too early costs a little work; a day named too late would make the timeline miss a
change, so that is what these tests look for, over random fleets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew.facts import Facts, Trace, View

from .timeline.fleets import BASE, fleets

D = pendulum.Date
Question = Callable[[View], Any]

_KINDS = ("certificates", "training")


_CURRENCY = (
    mc.model.Currency("launch", mc.model.Period(months=1)),
    mc.model.Currency("launch", mc.model.Period(days=45), count=2),
    mc.model.Currency("launch", mc.model.Period(weeks=2), count=3),
)
"""Currency requirements asked about, whatever the fleet's roles require."""

_SUBJECTS = (
    mc.facts.PEOPLE_IN_SERVICE,
    mc.facts.PEOPLE,
    mc.facts.EQUIPMENT_IN_USE,
    mc.facts.EQUIPMENT_ISSUED,
    mc.facts.unmet("certificates"),
    mc.facts.unmet("training"),
    mc.facts.unmet("currency"),
    mc.facts.ending_within("certificates", 30),
    mc.facts.ending_within("training", 90),
)
"""Sets of subjects, among them those worked out for many records at once."""


def questions(fleet: mc.model.Fleet) -> Iterator[tuple[str, Question]]:
    """Every question the rules ask, about every record of the fleet it can be asked of."""
    types = {"certificates": ["stcw-bst", "eng-coc"], "training": ["sea-survival", "boarding"]}
    for n, person in enumerate(fleet.people):
        yield f"in_service {n}", lambda v, p=person: v.in_service(p)
        yield f"in_grade {n}", lambda v, p=person: v.in_grade(p)
        yield f"leaving_day {n}", lambda v, p=person: v.leaving_day(p)
        yield f"items_held {n}", lambda v, p=person: v.items_held(p)
        yield f"usable_kit {n}", lambda v, p=person: v.usable_kit(p)
        yield f"two_places {n}", lambda v, p=person: v.two_places(p)
        yield f"next_booking {n}", lambda v, p=person: v.next_booking(p, "boarding")
        yield f"roles_held {n}", lambda v, p=person: v.roles_held(p)
        yield f"grade_on {n}", lambda v, p=person: v.grade_on(p)
        yield f"crew_of {n}", lambda v, p=person: v.crew_of(p)
        yield f"size_for {n}", lambda v, p=person: v.size_for(p, "lj")
        yield f"absence {n}", lambda v, p=person: v.absence(p)
        yield f"medical {n}", lambda v, p=person: v.medical(p)
        yield f"unfit {n}", lambda v, p=person: v.unfit(p)
        yield f"restrictions {n}", lambda v, p=person: v.restrictions(p)
        yield f"available {n}", lambda v, p=person: v.available(p)
        yield f"aboard {n}", lambda v, p=person: v.aboard(p)
        yield f"tours {n}", lambda v, p=person: v.tours(p)
        yield f"role_status {n}", lambda v, p=person: v.role_status(p, "boarding-officer")
        yield f"currency_needs {n}", lambda v, p=person: v.currency_needs(p)
        yield f"currency_unmet {n}", lambda v, p=person: v.currency_unmet(p)
        for requirement in _CURRENCY:
            yield (
                f"currency {n} {requirement}",
                lambda v, p=person, r=requirement: v.currency(p, r),
            )
        for kind in _KINDS:
            yield f"standing {n} {kind}", lambda v, p=person, k=kind: v.standing(p, k)
            for higher in (False, True):
                yield (
                    f"valid_types {n} {kind} {higher}",
                    lambda v, p=person, k=kind, h=higher: v.valid_types(p, k, or_higher=h),
                )
                for type_id in types[kind]:
                    for name in ("valid", "latest", "unrenewed"):
                        yield (
                            f"{name} {n} {kind} {type_id} {higher}",
                            lambda v, p=person, k=kind, t=type_id, q=name, h=higher: getattr(v, q)(
                                p, k, t, or_higher=h
                            ),
                        )
        yield (
            f"sea_service_met {n}",
            lambda v, p=person: v.sea_service_met(
                p,
                long_days=20,
                long_years=1,
                short_days=5,
                short_months=1,
                until=BASE.add(days=200),
            ),
        )
    for item in fleet.equipment_items:
        yield f"holders {item.id}", lambda v, i=item: v.holders(i.id)
        yield f"item_status {item.id}", lambda v, i=item: v.item_status(i)
        yield f"service_status {item.id}", lambda v, i=item: v.service_status(i)
        yield f"overdue_services {item.id}", lambda v, i=item: v.overdue_services(i)
        yield f"latest_services {item.id}", lambda v, i=item: v.latest_services(i)
    for course in fleet.courses:
        yield f"trainers {course.id}", lambda v, c=course: v.trainers(c)
    for type_id in ("eng-coc", "eng-coc-2"):
        yield f"holders_of {type_id}", lambda v, t=type_id: v.holders_of("certificates", t)
    for waiver in fleet.waivers:
        yield f"waiver_in_force {waiver.id}", lambda v, w=waiver: v.waiver_in_force(w)
    yield "waivers_in_force", lambda v: v.waivers_in_force()
    for subject in [mc.model.Subject("equipment_item", i.id) for i in fleet.equipment_items] + [
        mc.model.Subject("person", p.id) for p in fleet.people
    ]:
        yield f"placement {subject}", lambda v, s=subject: v.placement(s)
    for subjects in _SUBJECTS:
        yield f"members {subjects.name}", lambda v, s=subjects: v.members(s)
    for document in fleet.documents:
        yield f"version_in_force {document.id}", lambda v, d=document: v.version_in_force(d)
        yield f"versions_in_force {document.id}", lambda v, d=document: v.versions_in_force(d)
        yield f"last_reviewed {document.id}", lambda v, d=document: v.last_reviewed(d)
        yield (
            f"review_due {document.id}",
            lambda v, d=document: v.review_due(d, mc.model.Period(months=12)),
        )
        for n, version in enumerate(document.versions):
            yield (
                f"version_status {document.id} {n}",
                lambda v, d=document, r=version: v.version_status(d, r),
            )
            yield f"started {document.id} {n}", lambda v, r=version: v.started(r)
    for finding in ("F1", "F2"):
        yield f"closing_version {finding}", lambda v, f=finding: v.closing_version(f)
    for crew in fleet.crews:
        yield f"crew_members {crew.id}", lambda v, c=crew: v.crew_members(c)
        yield f"manning_crew {crew.id}", lambda v, c=crew: v.manning_crew(c)
        yield f"crew_deployment {crew.id}", lambda v, c=crew: v.crew_deployment(c.id)
        yield f"crew_sailing {crew.id}", lambda v, c=crew: v.crew_sailing(c.id)
        for vessel in fleet.vessels:
            yield (
                f"role_covers {crew.id} {vessel.id}",
                lambda v, c=crew, s=vessel: [
                    (r.role, r.required, r.statuses) for r in v.role_covers(c, s)
                ],
            )
            yield f"manning {crew.id} {vessel.id}", lambda v, c=crew, s=vessel: v.manning(c, s)
            yield (
                f"could_fill {crew.id} {vessel.id}",
                lambda v, c=crew, s=vessel: v.could_fill(c, s),
            )
    for vessel in fleet.vessels:
        yield f"vessel_status {vessel.id}", lambda v, s=vessel: v.vessel_status(s)
    for days in (-30, 7, 90):
        for person in fleet.people:
            yield (
                f"later({days}).unrenewed {person.id}",
                lambda v, p=person, d=days: v.later(d).unrenewed(p, "certificates", "stcw-bst"),
            )
            yield (
                f"later({days}).currency {person.id}",
                lambda v, p=person, d=days: v.later(d).currency(p, _CURRENCY[0]),
            )


def _next_change(fleet: mc.model.Fleet, question: Question, day: D) -> tuple[Any, int]:
    trace = Trace(day.toordinal())
    answer = question(Facts.of(fleet).traced(day, trace))
    return answer, trace.next


@settings(max_examples=40, deadline=None)
@given(fleet=fleets(), offset=st.integers(-40, 100))
def test_every_answer_holds_until_the_day_its_trace_names(
    fleet: mc.model.Fleet, offset: int
) -> None:
    day = BASE.add(days=offset)
    for name, question in questions(fleet):
        answer, change = _next_change(fleet, question, day)
        later = day.add(days=1)
        while later.toordinal() < min(change, day.toordinal() + 150):
            assert question(Facts.of(fleet).on(later)) == answer, (name, day, later)
            later = later.add(days=1)


@settings(max_examples=30, deadline=None)
@given(fleet=fleets(), offset=st.integers(-40, 100))
def test_a_cached_answer_is_traced_as_one_worked_out_afresh(
    fleet: mc.model.Fleet, offset: int
) -> None:
    """Answers kept for a date carry the day they may change, whoever asked first."""
    day = BASE.add(days=offset)
    fresh = {name: _next_change(fleet, question, day) for name, question in questions(fleet)}
    again = attrs.evolve(fleet)  # the same records, facts of its own
    for _, question in questions(again):  # fill the caches without a trace first
        question(Facts.of(again).on(day))
    for name, question in questions(again):
        assert _next_change(again, question, day) == fresh[name], name


@pytest.mark.parametrize(
    ("ask", "expected", "change"),
    [
        # a day that has come stays come; one still ahead comes on that day
        (lambda v: v.reached(D(2021, 3, 31)), True, None),
        (lambda v: v.reached(D(2021, 4, 1)), False, D(2021, 4, 1)),
        # a day is over from the next day on
        (lambda v: v.passed(D(2021, 3, 31)), False, D(2021, 4, 1)),
        (lambda v: v.passed(D(2021, 3, 30)), True, None),
        (lambda v: v.covers(D(2021, 3, 1), D(2021, 3, 31)), True, D(2021, 4, 1)),
        (lambda v: v.covers(D(2021, 4, 1), None), False, D(2021, 4, 1)),
        (lambda v: v.reached(None), False, None),
        # "within 90 days": the expiry is reached 90 days on, which first happens on
        # the expiry less 90 days
        (lambda v: v.later(90).reached(D(2021, 7, 1)), False, D(2021, 4, 2)),
        (lambda v: v.earlier(10).passed(D(2021, 3, 25)), False, D(2021, 4, 5)),
        (lambda v: v.every_day(), None, D(2021, 4, 1)),
    ],
)
def test_the_date_questions_name_the_day_their_answer_turns(
    ask: Question, expected: object, change: D | None
) -> None:
    trace = Trace(D(2021, 3, 31).toordinal())
    assert ask(Facts.of(mc.model.Fleet()).traced(D(2021, 3, 31), trace)) == expected
    assert trace.next == (change.toordinal() if change is not None else mc.facts.NEVER)


@settings(max_examples=30, deadline=None)
@given(fleet=fleets(), offset=st.integers(-40, 100), gap=st.integers(1, 60))
def test_an_answer_kept_from_an_earlier_day_is_the_answer_of_the_later_day(
    fleet: mc.model.Fleet, offset: int, gap: int
) -> None:
    """An answer is kept for the days it holds: a later view reads it only if it holds."""
    day = BASE.add(days=offset)
    later = day.add(days=gap)
    fresh = {name: _next_change(fleet, question, later) for name, question in questions(fleet)}
    again = attrs.evolve(fleet)
    for _, question in questions(again):  # keep the answers of the earlier day
        question(Facts.of(again).on(day))
    for name, question in questions(again):
        assert _next_change(again, question, later) == fresh[name], name


@settings(max_examples=40, deadline=None)
@given(fleet=fleets(), offset=st.integers(-40, 100))
def test_the_members_of_a_set_of_subjects_are_those_its_test_keeps(
    fleet: mc.model.Fleet, offset: int
) -> None:
    """Sets worked out at once (people in service, items issued…) agree record by record."""
    view = Facts.of(fleet).on(BASE.add(days=offset))
    for subjects in _SUBJECTS:
        one_by_one = [
            record
            for _, record in subjects.candidates(Facts.of(fleet))
            if subjects.includes(view, record)
        ]
        assert list(view.members(subjects)) == one_by_one, subjects.name
