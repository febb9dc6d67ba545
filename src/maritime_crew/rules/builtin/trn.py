"""TRN: training records, refreshers and qualified trainers (seed C3)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import pendulum

from ... import facts
from ...facts._memo import memo
from ...model import Course, Fleet, Person, Subject, TrainingRecord
from ...model._dates import shift
from .._changes import held_days, service_days
from .._finding import Finding
from .._rule import Context, Parameter
from .._severity import Severity
from ._people import count, days_between, in_service, label, reasons, with_noun
from ._registry import builtin

WITHIN = Parameter(
    "within-days", int, 90, "How many days ahead of the check date to warn of a lapse."
)


def _booking_note(booked: pendulum.Date | None) -> str:
    return f"; a place is booked for {booked}" if booked is not None else ""


@builtin(
    code="TRN001",
    name="training-lapsed",
    severity=Severity.ERROR,
    summary="A course the person's grade or duty role requires has lapsed.",
    rationale="Safety and operational training must be refreshed to count: STCW requires "
    "proficiency in personal survival techniques, fire fighting and rescue boats to be "
    "updated every 5 years (STCW VI/1, VI/2, A-VI/1), and the command's routine training "
    "offer sets refresher periods for its own courses (seed commitment C3).",
    source="seed C3; STCW VI/1, VI/2",
    example="BF1 is a boarding officer; their sea survival training lapsed on 2021-02-28 and "
    "no later completion is recorded.",
    fix="Book and record the refresher, or take the person off the duty role until it is done.",
)
def training_lapsed(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    standing = facts.standing(fleet, "training", ctx.as_of)
    for index, course_id, why in standing.unmet:
        person = standing.people[index]
        done = [
            held
            for held in facts.training_of(fleet, person, course_id)
            if held.start <= ctx.as_of and held.expires is not None
        ]
        if not done:
            continue  # never completed: TRN003/TRN004
        # Cover ended when the completion that lasted longest lapsed.
        last = max(done, key=lambda held: (held.expires, held.start))
        assert last.expires is not None
        days = days_between(last.expires, ctx.as_of)
        booked = facts.next_booking(person, course_id, ctx.as_of)
        yield ctx.about_person(
            person,
            f"{with_noun(label(fleet, 'course', course_id), 'training')} of {person.id} "
            f"lapsed on "
            f"{last.expires}, {count(days, 'day')} before {ctx.as_of}; {reasons(why)}"
            f"{_booking_note(booked)}",
            nested=("training", last.position),
            details={
                "course": course_id,
                "completed": last.start.isoformat(),
                "lapsed": last.expires.isoformat(),
                "days_ago": days,
                "required_by": list(why),
                "booked": booked.isoformat() if booked else None,
            },
        )


@builtin(
    code="TRN002",
    name="training-expiring",
    severity=Severity.WARNING,
    summary="A required course's current completion lapses within the warning period.",
    rationale="Refresher courses have limited places and must be booked ahead; warning "
    "before a completion lapses keeps the person qualified for their grade and duty roles "
    "(seed commitment C3; STCW VI/1 updates every 5 years).",
    source="seed C3; STCW VI/1",
    parameters=(WITHIN,),
    example="BF1's sea survival training lapses on 2021-05-20, 50 days after the check date, "
    "and no later completion is recorded.",
    fix="Book the refresher and record it once completed; a booking alone does not clear "
    "the warning.",
)
def training_expiring(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    within: int = ctx.params["within-days"]
    horizon = shift(ctx.as_of, days=within)
    for person in facts.standing(fleet, "training", ctx.as_of).ending_by(horizon):
        for course_id, why in facts.required_courses(fleet, person).items():
            held = facts.unrenewed_training(fleet, person, course_id, ctx.as_of)
            if held is None or held.expires is None or held.expires > horizon:
                continue
            days = days_between(ctx.as_of, held.expires)
            booked = facts.next_booking(person, course_id, ctx.as_of)
            yield ctx.about_person(
                person,
                f"{with_noun(label(fleet, 'course', course_id), 'training')} of {person.id} "
                f"lapses on "
                f"{held.expires}, in {count(days, 'day')} (warning period {count(within, 'day')}); "
                f"{reasons(why)}{_booking_note(booked)}",
                nested=("training", held.position),
                details={
                    "course": course_id,
                    "lapses": held.expires.isoformat(),
                    "days_left": days,
                    "within_days": within,
                    "required_by": why,
                    "booked": booked.isoformat() if booked else None,
                },
            )


def _missing(fleet: Fleet, ctx: Context, source: str) -> Iterator[Finding]:
    standing = facts.standing(fleet, "training", ctx.as_of)
    for index, course_id, why in standing.unmet:
        why_here = [reason for reason in why if reason.startswith(source)]
        if not why_here or fleet.course(course_id) is None:
            continue  # an unknown course is DATA002's
        person = standing.people[index]
        if facts.latest_training(fleet, person, course_id, ctx.as_of) is not None:
            continue  # completed before, now lapsed: TRN001
        booked = facts.next_booking(person, course_id, ctx.as_of)
        yield ctx.about_person(
            person,
            f"{person.id} has never completed {label(fleet, 'course', course_id)} "
            f"training, {reasons(why_here)}{_booking_note(booked)}",
            details={
                "course": course_id,
                "required_by": why_here,
                "booked": booked.isoformat() if booked else None,
            },
        )


@builtin(
    code="TRN003",
    name="training-missing-for-role",
    severity=Severity.ERROR,
    summary="A person holds a duty role without a course the role requires.",
    rationale="Duty roles such as boarding officer, coxswain or medic need specific "
    "training; the skills audit and training needs analysis start from who lacks it "
    "(seed commitments C3 and C9).",
    source="seed C3, C9",
    example="BF1040 is a boarding officer but has never completed the boarding operations "
    "course; a place is booked for 2021-05-10.",
    fix="Record the completion if it happened; otherwise train the person or remove the duty role.",
)
def training_missing_for_role(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    return _missing(fleet, ctx, "duty role")


@builtin(
    code="TRN004",
    name="training-missing-for-grade",
    severity=Severity.ERROR,
    summary="A person holds a grade without a course the grade requires.",
    rationale="Each grade on the deck and engineering pathways names the courses needed to "
    "enter it (seed commitment C4).",
    source="seed C4",
    example="BF1002 is a chief officer but has never completed the leadership course.",
    fix="Record the completion if it happened; otherwise train the person or review their grade.",
)
def training_missing_for_grade(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    return _missing(fleet, ctx, "grade")


def _lacks(fleet: Fleet, trainer: Person, course: Course, on: pendulum.Date) -> list[str]:
    """What the trainer lacked on a date to deliver the course, in words."""
    lacks: list[str] = []
    for course_id in course.trainer_courses:
        if facts.valid_until(fleet, trainer, "training", course_id, on) is not False:
            continue
        name = label(fleet, "course", course_id)
        last = facts.latest_training(fleet, trainer, course_id, on)
        if last is not None and last.expires is not None:
            lacks.append(f"their {with_noun(name, 'training')} had lapsed on {last.expires}")
        else:
            lacks.append(f"they had no {with_noun(name, 'training')}")
    for type_id in course.trainer_certificates:
        if facts.valid_until(fleet, trainer, "certificates", type_id, on) is not False:
            continue
        name = label(fleet, "certificate", type_id)
        last = facts.latest_certificate(fleet, trainer, type_id, on)
        if last is not None and last.expires is not None:
            lacks.append(f"their {name} certificate had expired on {last.expires}")
        else:
            lacks.append(f"they held no {name} certificate")
    return lacks


def _delivery_days(fleet: Fleet, params: Mapping[str, Any]) -> Iterable[datetime.date]:
    """Change points of TRN005.

    People joining and leaving, and the delivery of each course by a trainer who was not
    qualified that day (whether they were never changes, so only those can be reported).
    """
    days: set[datetime.date] = set()
    for person in fleet.people:
        days.update(service_days(person))
        for record in person.training:
            course = fleet.course(record.course)
            trainer = fleet.person(record.trainer) if record.trainer else None
            if course and trainer and _lacks(fleet, trainer, course, record.completed):
                days.add(record.completed)
    return days


def _trainer_days(fleet: Fleet, params: Mapping[str, Any]) -> Iterable[datetime.date]:
    """Change points of TRN006.

    When someone gains or loses a trainer qualification, or joins or leaves holding one.
    """
    courses = {c for course in fleet.courses for c in course.trainer_courses}
    types = {t for course in fleet.courses for t in course.trainer_certificates}
    days: set[datetime.date] = set()
    for person in fleet.people:
        held = [
            *held_days(fleet, person, "training", courses),
            *held_days(fleet, person, "certificates", types),
        ]
        if held:
            days.update(held)
            days.update(service_days(person))
    return days


@builtin(
    code="TRN005",
    change_points=_delivery_days,
    name="trainer-not-qualified",
    severity=Severity.ERROR,
    summary="A course was delivered by a trainer who was not qualified to deliver it that day.",
    rationale="The command committed to a routine maritime training offer delivered by "
    "qualified staff from within the command (seed commitment C3); a course is only as "
    "good as its trainer's own qualification on the delivery date.",
    source="seed C3",
    example="BF1001 delivered boarding operations to BF1040 on 2020-11-12, but their "
    "boarding instructor training had lapsed on 2020-09-30.",
    fix="Have a qualified trainer deliver the course again, or record the trainer's "
    "qualification if it was held.",
)
def trainer_not_qualified(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    # what a trainer lacked on a past day never changes: each is worked out once
    known = memo(fleet, "TRN005")
    for person in in_service(fleet, ctx.as_of):
        for position, record in enumerate(person.training):
            if record.trainer is None or record.completed > ctx.as_of:
                continue
            course = fleet.course(record.course)
            trainer = fleet.person(record.trainer)
            if course is None or trainer is None:
                continue  # unknown ids are DATA002's
            # whole numbers only: the key and an empty answer add nothing for the
            # garbage collector to trace (a fleet has tens of thousands of deliveries)
            key = (id(trainer), id(course), record.completed.toordinal())
            lacks = known.get(key)
            if lacks is None:
                lacks = known[key] = tuple(_lacks(fleet, trainer, course, record.completed))
            if lacks:
                yield _unqualified(ctx, person, position, record, course, lacks)


def _unqualified(
    ctx: Context,
    person: Person,
    position: int,
    record: TrainingRecord,
    course: Course,
    lacks: Sequence[str],
) -> Finding:
    return ctx.about_person(
        person,
        f"{record.trainer} was not qualified to deliver {course.name} to {person.id} on "
        f"{record.completed}: {'; '.join(lacks)}",
        nested=("training", position),
        details={
            "course": course.id,
            "trainer": record.trainer,
            "completed": record.completed.isoformat(),
            "lacking": list(lacks),
        },
    )


@builtin(
    code="TRN006",
    change_points=_trainer_days,
    name="course-without-trainer",
    severity=Severity.WARNING,
    summary="No one in service is qualified to deliver an in-house course.",
    rationale="Courses delivered from within the command (seed commitment C3) depend on "
    "staff holding the trainer qualifications; when nobody does, the course cannot run "
    "and refreshers lapse across the fleet.",
    source="seed C3",
    example="Boarding operations is delivered in-house by trainers with boarding instructor "
    "training, but the only instructor's training lapsed on 2021-01-31.",
    fix="Train a member of staff as a trainer, or record an external provider for the course.",
)
def course_without_trainer(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    holders = facts.trainer_holders(fleet, ctx.as_of)
    for course in fleet.courses:
        if course.provider is not None:
            continue
        needs = holders.requirements(course)
        if not needs or holders.trainers(course):
            continue
        counts = {f"{kind} {key}": len(people) for kind, key, people in needs}
        held = ", ".join(f"{what}: {count}" for what, count in counts.items())
        yield ctx.finding(
            Subject("course", course.id),
            f"no one in service on {ctx.as_of} is qualified to deliver the in-house course "
            f"{course.name} ({course.id}); people holding each trainer requirement: {held}",
            details={
                "trainer_courses": list(course.trainer_courses),
                "trainer_certificates": list(course.trainer_certificates),
                "holders": counts,
            },
        )
