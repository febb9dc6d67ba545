"""TRN: training records, refreshers and qualified trainers (seed C3)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pendulum

from ...facts import (
    COURSES,
    PEOPLE_IN_SERVICE,
    CurrencyStanding,
    Lack,
    Subjects,
    View,
    ending_within,
    unmet,
)
from ...model import Course, Person, Subject, TrainingRecord
from .._context import Context
from .._finding import Finding
from .._rule import Parameter
from .._severity import Severity
from ._people import count, label, reasons, with_noun
from ._registry import builtin

WITHIN = Parameter(
    "within-days", int, 90, "How many days ahead of the check date to warn of a lapse."
)


def _booking_note(booked: pendulum.Date | None) -> str:
    return f"; a place is booked for {booked}" if booked is not None else ""


SHORT_OF_TRAINING = unmet("training")


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
    example="BF1 is a boarding officer; their sea survival training expired at the end of "
    "2021-02-28 and no later completion is recorded.",
    fix="Book and record the refresher, or take the person off the duty role until it is done.",
    each=SHORT_OF_TRAINING,
)
def training_lapsed(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    for need in view.unmet(person, "training"):
        course_id, why = need.type, need.required_by
        done = [
            held
            for held in view.records_of(person, "training", course_id)
            if held.expires is not None and view.reached(held.start)
        ]
        if not done:
            continue  # never completed: TRN003/TRN004
        # Cover ended when the completion that lasted longest lapsed.
        last = max(done, key=lambda held: (held.expires, held.start))
        assert last.expires is not None
        days = view.days_since(last.expires)
        booked = view.next_booking(person, course_id)
        yield ctx.about_person(
            person,
            f"{with_noun(label(view, 'course', course_id), 'training')} of {person.id} "
            f"expired at the end of {last.expires}, {count(days, 'day')} before {view.date}; "
            f"{reasons(why)}{_booking_note(booked)}",
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
    example="BF1's sea survival training expires at the end of 2021-05-20, 50 days after the "
    "check date, and no later completion is recorded.",
    fix="Book the refresher and record it once completed; a booking alone does not clear "
    "the warning.",
    each=lambda params: ending_within("training", params["within-days"]),
)
def training_expiring(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    within: int = ctx.params["within-days"]
    horizon = view.later(within)
    for need in view.requirements(person, "training"):
        course_id = need.type
        held = view.unrenewed(person, "training", course_id)
        if held is None or not horizon.reached(held.expires):
            continue
        assert held.expires is not None
        days = view.days_until(held.expires)
        booked = view.next_booking(person, course_id)
        yield ctx.about_person(
            person,
            f"{with_noun(label(view, 'course', course_id), 'training')} of {person.id} "
            f"expires at the end of {held.expires}, in {count(days, 'day')} "
            f"(warning period {count(within, 'day')}); "
            f"{reasons(need.required_by)}{_booking_note(booked)}",
            nested=("training", held.position),
            details={
                "course": course_id,
                "lapses": held.expires.isoformat(),
                "days_left": days,
                "within_days": within,
                "required_by": list(need.required_by),
                "booked": booked.isoformat() if booked else None,
            },
        )


def _missing(person: Person, ctx: Context, source: str) -> Iterator[Finding]:
    view = ctx.facts
    for need in view.unmet(person, "training"):
        course_id = need.type
        why_here = [reason for reason in need.required_by if reason.startswith(source)]
        if not why_here or view.fleet.course(course_id) is None:
            continue  # an unknown course is DATA002's
        if view.latest(person, "training", course_id) is not None:
            continue  # completed before, now lapsed: TRN001
        booked = view.next_booking(person, course_id)
        yield ctx.about_person(
            person,
            f"{person.id} has never completed {label(view, 'course', course_id)} "
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
    each=SHORT_OF_TRAINING,
)
def training_missing_for_role(person: Person, ctx: Context) -> Iterator[Finding]:
    return _missing(person, ctx, "duty role")


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
    each=SHORT_OF_TRAINING,
)
def training_missing_for_grade(person: Person, ctx: Context) -> Iterator[Finding]:
    return _missing(person, ctx, "grade")


def _lacks_words(view: View, lacks: Sequence[Lack]) -> list[str]:
    """What a trainer lacked, in words."""
    words = []
    for lack in lacks:
        if lack.kind == "course":
            name = with_noun(label(view, "course", lack.type), "training")
            words.append(
                f"their {name} had expired at the end of {lack.lapsed}"
                if lack.lapsed is not None
                else f"they had no {name}"
            )
        elif lack.lapsed_type is not None:  # a higher certificate that counted for it
            name = with_noun(label(view, "certificate", lack.lapsed_type), "certificate")
            required = label(view, "certificate", lack.type)
            words.append(
                f"their {name}, which counted for {required}, had expired at the end of "
                f"{lack.lapsed}"
            )
        else:
            name = label(view, "certificate", lack.type)
            words.append(
                f"their {name} certificate had expired at the end of {lack.lapsed}"
                if lack.lapsed is not None
                else f"they held no {name} certificate"
            )
    return words


@builtin(
    code="TRN005",
    name="trainer-not-qualified",
    severity=Severity.ERROR,
    summary="A course was delivered by a trainer who was not qualified to deliver it that day.",
    rationale="The command committed to a routine maritime training offer delivered by "
    "qualified staff from within the command (seed commitment C3); a course is only as "
    "good as its trainer's own qualification on the delivery date.",
    source="seed C3",
    example="BF1001 delivered boarding operations to BF1040 on 2020-11-12, but their "
    "boarding instructor training had expired at the end of 2020-09-30.",
    fix="Have a qualified trainer deliver the course again, or record the trainer's "
    "qualification if it was held.",
    each=Subjects(
        "people in service trained by an in-house trainer",
        ("person",),
        among=lambda facts, person: any(record.trainer is not None for record in person.training),
        within=PEOPLE_IN_SERVICE,
    ),
)
def trainer_not_qualified(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    fleet = view.fleet
    for position, record in enumerate(person.training):
        if record.trainer is None or not view.reached(record.completed):
            continue
        course = fleet.course(record.course)
        trainer = fleet.person(record.trainer)
        if course is None or trainer is None:
            continue  # unknown ids are DATA002's
        lacks = view.trainer_lacks(trainer, course, record.completed)
        if lacks:
            yield _unqualified(ctx, person, position, record, course, _lacks_words(view, lacks))


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
    name="course-without-trainer",
    severity=Severity.WARNING,
    summary="No one in service is qualified to deliver an in-house course.",
    rationale="Courses delivered from within the command (seed commitment C3) depend on "
    "staff holding the trainer qualifications; when nobody does, the course cannot run "
    "and refreshers lapse across the fleet.",
    source="seed C3",
    example="Boarding operations is delivered in-house by trainers with boarding instructor "
    "training, but the only instructor's training expired at the end of 2021-01-31.",
    fix="Train a member of staff as a trainer, or record an external provider for the course.",
    each=COURSES,
)
def course_without_trainer(course: Course, ctx: Context) -> Iterator[Finding]:
    if course.provider is not None:
        return
    view = ctx.facts
    trainers = view.trainers(course)
    if not trainers.requirements or trainers.qualified:
        return
    counts = {f"{need.kind} {need.type}": len(need.holders) for need in trainers.requirements}
    held = ", ".join(f"{what}: {count}" for what, count in counts.items())
    yield ctx.finding(
        Subject("course", course.id),
        f"no one in service on {view.date} is qualified to deliver the in-house course "
        f"{course.name} ({course.id}); people holding each trainer requirement: {held}",
        details={
            "trainer_courses": list(course.trainer_courses),
            "trainer_certificates": list(course.trainer_certificates),
            "holders": counts,
        },
    )


def _practice_label(view: View, kind: str) -> str:
    found = view.fleet.practice_kind(kind)
    return found.name if found is not None else kind


def _last_event(person: Person, standing: CurrencyStanding) -> tuple[str | int, ...]:
    """Where the latest event counted for the standing is in the person's practice log."""
    for position, event in enumerate(person.practice):
        if event.kind == standing.practice and event.date == standing.last:
            return ("practice", position)
    return ()


@builtin(
    code="TRN007",
    name="currency-lapsed",
    severity=Severity.ERROR,
    summary="A person holds a duty role without the recent practice its currency requires.",
    rationale="Some skills fade without practice: a coxswain who has launched no boat for "
    "months is not safe at the helm, whatever their certificates say. A duty role's "
    "`currency` asks for at least so many logged events of a practice kind within a "
    "period up to the day; an event counts from its day through the day before the "
    "period has run from it, as a certificate is valid through the day before its "
    "validity has run. No regulation in the seed sets these figures: they are the "
    "command's own, kept in data, and part of keeping staff qualified for their duty "
    "roles (seed commitments C3 and C9). Good practice.",
    source="good practice; seed C3, C9",
    example="BF1's currency in Boat launch lapsed at the end of 2021-02-01: none in the 3 "
    "months to 2021-03-31 (the last on 2020-11-02), and duty role coxswain requires at "
    "least 1.",
    fix="Log the practice the role needs (a supervised launch, a drill) in the person's "
    "`practice`, or take them off the duty role until they are current again.",
    each=unmet("currency"),
)
def currency_lapsed(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    for need in view.currency_unmet(person):
        requirement = need.requirement
        standing = view.currency(person, requirement)
        name = _practice_label(view, requirement.practice)
        if standing.through is not None:
            head = f"{person.id}'s currency in {name} lapsed at the end of {standing.through}"
        else:
            head = f"{person.id} has never been current in {name}"
        window = f"in the {requirement.within.in_words()} to {view.date}"
        verb = "requires" if len(need.required_by) == 1 else "require"
        asks = f"{' and '.join(need.required_by)} {verb} at least {requirement.count}"
        if standing.last is None:
            text = f"{head}: none logged, and {asks} {window}"
        else:
            text = (
                f"{head}: {standing.counted or 'none'} {window} (the last on "
                f"{standing.last}), and {asks}"
            )
        if standing.next is not None:
            text += f"; the next is logged for {standing.next}"
        yield ctx.about_person(
            person,
            text,
            nested=_last_event(person, standing),
            details={
                "practice": requirement.practice,
                "required": requirement.count,
                "within": str(requirement.within),
                "counted": standing.counted,
                "last": standing.last.isoformat() if standing.last else None,
                "current_through": standing.through.isoformat() if standing.through else None,
                "required_by": list(need.required_by),
                "next": standing.next.isoformat() if standing.next else None,
            },
        )
