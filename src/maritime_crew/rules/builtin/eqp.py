"""EQP: personal equipment issued for duty roles (seed C6)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ...facts import (
    EQUIPMENT_IN_USE,
    EQUIPMENT_ISSUED,
    PEOPLE_IN_SERVICE,
    Facts,
    ServiceDue,
    Subjects,
    View,
)
from ...model import EquipmentItem, ItemStatus, Person, ServiceResult, Subject
from .._context import Context
from .._finding import Finding
from .._rule import Parameter
from .._severity import Severity
from ._people import count
from ._registry import builtin

INCLUDE_UNISSUED = Parameter(
    "include-unissued",
    bool,
    False,
    "Also check items in stock (issued to no one on the check date), not only issued ones.",
)


def _type_name(view: View, type_id: str) -> str:
    kind = view.fleet.equipment_type(type_id)
    return kind.name if kind is not None else type_id


_ITEMS = ("equipment_item",)


def _items(
    what: str, among: Callable[[Facts, EquipmentItem], bool]
) -> Callable[[Mapping[str, Any]], Subjects]:
    """The items a rule checks: in use on the date, issued unless ``include-unissued``.

    ``among`` keeps the items the rule can ever report, from their records alone.
    """
    issued = Subjects(
        f"issued equipment items in service {what}", _ITEMS, among=among, within=EQUIPMENT_ISSUED
    )
    stock = Subjects(
        f"equipment items in service {what}", _ITEMS, among=among, within=EQUIPMENT_IN_USE
    )
    return lambda params: stock if params["include-unissued"] else issued


def _scheduled(facts: Facts, item: EquipmentItem) -> bool:
    kind = facts.fleet.equipment_type(item.type)
    return kind is not None and bool(kind.services)


def _with_shelf_life(facts: Facts, item: EquipmentItem) -> bool:
    kind = facts.fleet.equipment_type(item.type)
    return kind is not None and kind.shelf_life is not None and item.manufactured is not None


def _marked(facts: Facts, item: EquipmentItem) -> bool:
    return item.expires is not None


def _ever_failed(facts: Facts, item: EquipmentItem) -> bool:
    return ServiceResult.FAIL in [event.result for event in item.services]


def _needs_kit(facts: Facts, person: Person) -> bool:
    return bool(person.duty_roles) and bool(facts.requirements(person, "kit"))


def _has_kit(facts: Facts, person: Person) -> bool:
    return bool(person.issues)


def _not_in_use(view: View, item: EquipmentItem) -> bool:
    return not view.in_use(item)


WITHDRAWN = Subjects(
    "equipment items withdrawn or lost",
    _ITEMS,
    _not_in_use,
    lambda facts, item: item.status is not ItemStatus.IN_SERVICE,
)
"""Items withdrawn or lost by the date."""
NEEDING_KIT = Subjects(
    "people in service whose duty roles need kit",
    ("person",),
    among=_needs_kit,
    within=PEOPLE_IN_SERVICE,
)
HOLDING_KIT = Subjects(
    "people in service with kit on their ledger",
    ("person",),
    among=_has_kit,
    within=PEOPLE_IN_SERVICE,
)


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
    each=NEEDING_KIT,
)
def kit_not_issued(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    if not view.roles_held(person) or view.leaving_day(person):
        return  # no role, or the leaving day (kit is handed in)
    kit = view.requirements(person, "kit")
    if not kit:
        return
    usable = view.usable_kit(person)
    for need in kit:
        type_id = need.type
        if type_id in usable or view.fleet.equipment_type(type_id) is None:
            continue  # an unknown type is DATA002's
        out = [
            (held.item, status)
            for held in view.items_held(person)
            if held.item.type == type_id
            and (status := view.item_status(held.item)) is not ItemStatus.IN_SERVICE
        ]
        note = "".join(
            f"; {item.id} issued to them is {status.value}"
            + (f" since {item.status_date}" if item.status_date else "")
            for item, status in out
        )
        yield ctx.about_person(
            person,
            f"{person.id} holds no {_type_name(view, type_id)} in service on {view.date}, "
            f"required by {' and '.join(need.required_by)}{note}",
            details={
                "equipment_type": type_id,
                "required_by": list(need.required_by),
                "unusable_items": [item.id for item, _ in out],
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
    each=HOLDING_KIT,
)
def kit_wrong_size(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    fleet = view.fleet
    for held in view.items_held(person):
        item, position = held.item, held.position
        kind = fleet.equipment_type(item.type)
        if kind is None or not kind.sizes:
            continue
        wanted = view.size_for(person, kind.id)
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


def _named_item(view: View, item: EquipmentItem) -> tuple[str, str | None]:
    """``Dry suit DS-1, issued to BF1,`` (or ``Dry suit DS-1``) and the holder's id."""
    holders = view.holders(item.id)
    name = f"{_type_name(view, item.type)} {item.id}"
    if not holders:
        return name, None
    return f"{name}, issued to {', '.join(h.id for h in holders)},", holders[0].id


def _overdue(ctx: Context, item: EquipmentItem, status: ServiceDue) -> Finding:
    view = ctx.facts
    assert status.due is not None
    kind = view.fleet.equipment_type(item.type)
    schedule = next((s for s in kind.services if s.kind == status.kind), None) if kind else None
    days = view.days_since(status.due)
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
    named, holder = _named_item(view, item)
    return ctx.finding(
        Subject("equipment_item", item.id),
        f"{named} was due its {status.kind} on {status.due}, "
        f"{count(days, 'day')} before {view.date}; last {status.kind}: {last}; {interval}",
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
    each=_items("with services scheduled", _scheduled),
)
def service_overdue(item: EquipmentItem, ctx: Context) -> Iterator[Finding]:
    for status in ctx.facts.overdue_services(item):
        yield _overdue(ctx, item, status)


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
    each=_items("with a shelf life", _with_shelf_life),
)
def past_shelf_life(item: EquipmentItem, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    end = view.shelf_life_end(item)
    if not view.passed(end):
        return
    assert end is not None
    kind = view.fleet.equipment_type(item.type)
    life = str(kind.shelf_life) if kind is not None else None
    days = view.days_since(end)
    named, holder = _named_item(view, item)
    yield ctx.finding(
        Subject("equipment_item", item.id),
        f"{named.rstrip(',')}, manufactured on {item.manufactured} "
        f"with a shelf life of {life}, reached the end of it on {end}, {count(days, 'day')} "
        f"before {view.date}",
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
    each=WITHDRAWN,
)
def withdrawn_item_issued(item: EquipmentItem, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    status = view.item_status(item)
    since = f" on {item.status_date}" if item.status_date else " (date not recorded)"
    for holder, issue in view.ledger(item.id):
        if not view.holding(issue):
            continue
        yield ctx.finding(
            Subject("equipment_item", item.id),
            f"{_type_name(view, item.type)} {item.id} was {status.value}{since} but is "
            f"still issued to {holder.id} (since {issue.issued}) on {view.date}",
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
    each=_items("with a marked date", _marked),
)
def item_past_marked_date(item: EquipmentItem, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    if not view.passed(item.expires):
        return
    assert item.expires is not None
    days = view.days_since(item.expires)
    named, holder = _named_item(view, item)
    yield ctx.finding(
        Subject("equipment_item", item.id),
        f"{named} passed the date marked on it, "
        f"{item.expires}, {count(days, 'day')} before {view.date}",
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
    each=_items("that failed a service", _ever_failed),
)
def service_failed(item: EquipmentItem, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    for service_kind, event in view.latest_services(item).items():
        if event.result is not ServiceResult.FAIL:
            continue
        notes = f" ({event.notes})" if event.notes else ""
        named, holder = _named_item(view, item)
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
            f"{event.date}{notes} and has not passed one since, as of {view.date}",
            details=details,
        )
