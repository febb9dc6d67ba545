"""EQP: personal equipment issued for duty roles (seed C6)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pendulum

from ... import facts
from ...facts._memo import dated_memo
from ...model import EquipmentItem, Fleet, ItemStatus, ServiceEvent, ServiceResult, Subject
from .._finding import Finding
from .._rule import Context, Parameter
from .._severity import Severity
from ._people import count, days_between, in_service
from ._registry import builtin

INCLUDE_UNISSUED = Parameter(
    "include-unissued",
    bool,
    False,
    "Also check items in stock (issued to no one on the check date), not only issued ones.",
)


def _type_name(fleet: Fleet, type_id: str) -> str:
    kind = fleet.equipment_type(type_id)
    return kind.name if kind is not None else type_id


def _in_scope(fleet: Fleet, ctx: Context) -> tuple[EquipmentItem, ...]:
    """Items in service on the check date and issued to someone (or in stock too, if asked).

    Several rules ask on one date, so the answer is worked out once per date.
    """
    everything: bool = ctx.params["include-unissued"]
    cache = dated_memo(fleet, ctx.as_of, "equipment-in-scope")
    found: tuple[EquipmentItem, ...] | None = cache.get(everything)
    if found is None:
        on = ctx.as_of
        # One pass over the ledger finds every item held on the date.
        held = {issue.item for p in fleet.people for issue in p.issues if issue.held_on(on)}
        found = cache[everything] = tuple(
            item
            for item in fleet.equipment_items
            if (everything or item.id in held) and item.status_on(on) is ItemStatus.IN_SERVICE
        )
    return found


@builtin(
    code="EQP001",
    name="kit-not-issued",
    severity=Severity.ERROR,
    summary="A person holds a duty role without an item of the role's kit issued and in service.",
    rationale="The command committed to giving every crew member the personal equipment "
    "the job needs, including marinised body armour, dry suits and helmets for boarding "
    "teams (seed commitment C6). A role's kit list is what its holder must be issued. "
    "On a person's leaving day their kit is not required: it is handed in that day.",
    source="seed C6",
    example="BF1010 is a boarding officer but holds no boarding helmet on 2021-03-31.",
    fix="Issue an item of the type and record it in the ledger, or take the person off the "
    "duty role.",
)
def kit_not_issued(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for person in in_service(fleet, ctx.as_of):
        if person.left == ctx.as_of or not person.duty_roles:
            continue  # the leaving day (kit is handed in), or no role
        kit = facts.requirements(fleet, person, "kit")
        if not kit:
            continue
        usable = facts.usable_kit_types(fleet, person, ctx.as_of)
        for type_id, why in kit:
            if type_id in usable or fleet.equipment_type(type_id) is None:
                continue  # an unknown type is DATA002's
            out = [
                item
                for item in fleet.items_held(person.id, ctx.as_of)
                if item.type == type_id and item.status_on(ctx.as_of) is not ItemStatus.IN_SERVICE
            ]
            note = "".join(
                f"; {item.id} issued to them is {item.status_on(ctx.as_of).value}"
                + (f" since {item.status_date}" if item.status_date else "")
                for item in out
            )
            yield ctx.about_person(
                person,
                f"{person.id} holds no {_type_name(fleet, type_id)} in service on {ctx.as_of}, "
                f"required by {' and '.join(why)}{note}",
                details={
                    "equipment_type": type_id,
                    "required_by": list(why),
                    "unusable_items": [item.id for item in out],
                },
            )


@builtin(
    code="EQP002",
    name="kit-wrong-size",
    severity=Severity.WARNING,
    summary="An item issued to a person is not in the person's recorded size.",
    rationale="Ill-fitting protective equipment protects less: a loose dry suit floods, body "
    "armour that does not cover the vital organs fails its purpose (seed commitment C6; "
    "ISO 15027, Home Office Body Armour Standard 2017).",
    source="seed C6; ISO 15027; HO Body Armour Standard 2017",
    example="Dry suit DS-0042, size M, is issued to BF1010, whose recorded dry suit size is L.",
    fix="Exchange the item for one of the right size, or correct the recorded size.",
)
def kit_wrong_size(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for person in in_service(fleet, ctx.as_of):
        for position, issue in enumerate(person.issues):
            if not issue.held_on(ctx.as_of):
                continue
            item = fleet.equipment_item(issue.item)
            kind = fleet.equipment_type(item.type) if item is not None else None
            if item is None or kind is None or not kind.sizes:
                continue
            wanted = person.size_for(kind.id)
            if item.size is None or wanted is None or item.size == wanted:
                continue
            yield ctx.about_person(
                person,
                f"{kind.name} {item.id} issued to {person.id} is size {item.size}; "
                f"{person.id}'s recorded size is {wanted}",
                nested=("issues", position),
                details={
                    "item": item.id,
                    "equipment_type": kind.id,
                    "item_size": item.size,
                    "person_size": wanted,
                },
            )


def _named_item(fleet: Fleet, item: EquipmentItem, on: pendulum.Date) -> tuple[str, str | None]:
    """``Dry suit DS-1, issued to BF1,`` (or ``Dry suit DS-1``) and the holder's id."""
    holders = fleet.holders_of(item.id, on)
    name = f"{_type_name(fleet, item.type)} {item.id}"
    if not holders:
        return name, None
    return f"{name}, issued to {', '.join(h.id for h in holders)},", holders[0].id


def _overdue(fleet: Fleet, ctx: Context, item: EquipmentItem, status: facts.ServiceDue) -> Finding:
    assert status.due is not None
    kind = fleet.equipment_type(item.type)
    schedule = next((s for s in kind.services if s.kind == status.kind), None) if kind else None
    days = days_between(status.due, ctx.as_of)
    if status.last is not None:
        last = str(status.last.date)
    else:
        last = f"never, manufactured on {item.manufactured}"
    interval = f"every {status.interval}"
    age = item.age_on(status.due)
    if schedule is not None and not schedule.interval.is_fixed:
        if age is None:
            interval += f" (the shortest of {schedule.interval}, as its age is unknown)"
        else:
            interval += f" for an item aged {age} on the due date ({schedule.interval})"
    named, holder = _named_item(fleet, item, ctx.as_of)
    return ctx.finding(
        Subject("equipment_item", item.id),
        f"{named} was due its {status.kind} on {status.due}, "
        f"{count(days, 'day')} before {ctx.as_of}; last {status.kind}: {last}; {interval}",
        details={
            "holder": holder,
            "service": status.kind,
            "due": status.due.isoformat(),
            "days_overdue": days,
            "last": status.last.date.isoformat() if status.last else None,
            "manufactured": item.manufactured.isoformat() if item.manufactured else None,
            "interval": str(status.interval),
            "age_on_due_date": age,
        },
    )


@builtin(
    code="EQP003",
    name="service-overdue",
    severity=Severity.ERROR,
    summary="An item in use is overdue for a service or inspection its type requires.",
    rationale="Protective equipment is only trusted between services: lifejackets are "
    "serviced annually (ISO 12402, manufacturers' practice), immersion and dry suits are "
    "pressure-tested at most every 3 years, every 2 years once over 10 years old (ISO 15027, "
    "SOLAS suits); intervals come from the equipment type (seed commitment C6).",
    source="seed C6; ISO 12402; ISO 15027",
    parameters=(INCLUDE_UNISSUED,),
    example="Dry suit DS-0001, issued to BF1010, was due its pressure-test on 2021-01-15; its "
    "last pressure-test was on 2018-01-15 and the interval is 3 years.",
    fix="Withdraw the item from use and have it serviced; record the service when it passes.",
)
def service_overdue(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for item in _in_scope(fleet, ctx):
        for status in facts.overdue_services(fleet, item, ctx.as_of):
            yield _overdue(fleet, ctx, item, status)


@builtin(
    code="EQP004",
    name="past-shelf-life",
    severity=Severity.ERROR,
    summary="An item in use is past the shelf life of its type.",
    rationale="Materials age whatever the servicing: body armour panels are typically "
    "warranted for 5 years (Home Office Body Armour Standard 2017, manufacturers' figures), "
    "and the type's shelf life from manufacture says when an item must be withdrawn "
    "(seed commitment C6).",
    source="seed C6; HO Body Armour Standard 2017",
    parameters=(INCLUDE_UNISSUED,),
    example="Body armour BA-0007, manufactured on 2015-11-02 with a 5-year shelf life, "
    "reached the end of it on 2020-11-01 and is still issued to BF1022.",
    fix="Withdraw the item and issue a replacement.",
)
def past_shelf_life(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for item in _in_scope(fleet, ctx):
        end = facts.shelf_life_end(fleet, item)
        if end is None or end >= ctx.as_of:
            continue
        kind = fleet.equipment_type(item.type)
        life = str(kind.shelf_life) if kind is not None else None
        days = days_between(end, ctx.as_of)
        named, holder = _named_item(fleet, item, ctx.as_of)
        yield ctx.finding(
            Subject("equipment_item", item.id),
            f"{named.rstrip(',')}, manufactured on {item.manufactured} "
            f"with a shelf life of {life}, reached the end of it on {end}, {count(days, 'day')} "
            f"before {ctx.as_of}",
            details={
                "holder": holder,
                "manufactured": item.manufactured.isoformat() if item.manufactured else None,
                "shelf_life": life,
                "shelf_life_end": end.isoformat(),
                "days_ago": days,
            },
        )


@builtin(
    code="EQP005",
    name="withdrawn-item-issued",
    severity=Severity.ERROR,
    summary="A withdrawn or lost item is still recorded as issued to someone.",
    rationale="An item withdrawn from service must be handed back so nobody relies on it, "
    "and a lost item's ledger entry must be closed; otherwise the ledger shows kit the "
    "person does not (safely) have (seed commitment C6).",
    source="seed C6",
    example="Dry suit DS-0042 was withdrawn on 2021-01-10 but is still issued to BF1010.",
    fix="Record the return (or the loss) in the issue ledger, and issue a replacement.",
)
def withdrawn_item_issued(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for item in fleet.equipment_items:
        status = item.status_on(ctx.as_of)
        if status is ItemStatus.IN_SERVICE:
            continue
        since = f" on {item.status_date}" if item.status_date else " (date not recorded)"
        for holder, issue in fleet.issues_of(item.id):
            if not issue.held_on(ctx.as_of):
                continue
            yield ctx.finding(
                Subject("equipment_item", item.id),
                f"{_type_name(fleet, item.type)} {item.id} was {status.value}{since} but is "
                f"still issued to {holder.id} (since {issue.issued}) on {ctx.as_of}",
                details={
                    "status": status.value,
                    "status_date": item.status_date.isoformat() if item.status_date else None,
                    "holder": holder.id,
                    "issued": issue.issued.isoformat(),
                },
            )


@builtin(
    code="EQP006",
    name="item-past-marked-date",
    severity=Severity.ERROR,
    summary="An item in use is past a date marked on it, such as a battery replace-by date.",
    rationale="Some items carry their own limit: a personal locator beacon's battery must be "
    "replaced by the date marked on it, or the beacon may not transmit for long enough "
    "(manufacturers' practice; seed commitment C6).",
    source="seed C6; manufacturers' practice",
    parameters=(INCLUDE_UNISSUED,),
    example="PLB PLB-0012, issued to BF1031, passed its marked battery replace-by date of "
    "2021-02-28.",
    fix="Replace the battery (or the item) and record the new marked date.",
)
def item_past_marked_date(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    for item in _in_scope(fleet, ctx):
        if item.expires is None or item.expires >= ctx.as_of:
            continue
        days = days_between(item.expires, ctx.as_of)
        named, holder = _named_item(fleet, item, ctx.as_of)
        yield ctx.finding(
            Subject("equipment_item", item.id),
            f"{named} passed the date marked on it, "
            f"{item.expires}, {count(days, 'day')} before {ctx.as_of}",
            details={"holder": holder, "marked_date": item.expires.isoformat(), "days_ago": days},
        )


@builtin(
    code="EQP007",
    name="service-failed",
    severity=Severity.ERROR,
    summary="An item in use failed its latest service or inspection and has not passed one since.",
    rationale="An item that failed a pressure test or inspection is not fit for use until "
    "it is repaired and passes again (ISO 15027, ISO 12402; seed commitment C6).",
    source="seed C6; ISO 12402; ISO 15027",
    parameters=(INCLUDE_UNISSUED,),
    example="Dry suit DS-0001, issued to BF1010, failed its pressure-test on 2021-02-01 and "
    "has not passed one since.",
    fix="Withdraw the item and have it repaired and retested, or replace it.",
)
def service_failed(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    fail = ServiceResult.FAIL
    for item in _in_scope(fleet, ctx):
        if not any(event.result is fail for event in item.services):
            continue  # most items never failed one
        kind = fleet.equipment_type(item.type)
        scheduled = {schedule.kind for schedule in kind.services} if kind is not None else set()
        latest: dict[str, ServiceEvent] = {}
        for event in item.services:
            # Data order breaks ties between events on the same day.
            if event.kind in scheduled and event.date <= ctx.as_of:
                known = latest.get(event.kind)
                if known is None or event.date >= known.date:
                    latest[event.kind] = event
        for service_kind, event in latest.items():
            if event.result is not ServiceResult.FAIL:
                continue
            notes = f" ({event.notes})" if event.notes else ""
            named, holder = _named_item(fleet, item, ctx.as_of)
            details: dict[str, Any] = {
                "holder": holder,
                "service": service_kind,
                "failed": event.date.isoformat(),
                "by": event.by,
                "notes": event.notes,
            }
            yield ctx.finding(
                Subject("equipment_item", item.id),
                f"{named} failed its {service_kind} on "
                f"{event.date}{notes} and has not passed one since, as of {ctx.as_of}",
                details=details,
            )
