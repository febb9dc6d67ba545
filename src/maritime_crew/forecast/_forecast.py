"""What falls due next: every dated obligation in a window after a date (issue 5)."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterator, Mapping
from typing import Any, TypedDict

import attrs
import pendulum

from ..facts import ACTION_DONE, Facts, Kind, View
from ..model import (
    Certificate,
    EquipmentItem,
    Fleet,
    ItemStatus,
    Period,
    Person,
    Subject,
    parse_within,
    window_end,
)
from ..rules import as_date

__all__ = ["DEFAULT_REVIEW_INTERVAL", "DueItem", "DueKind", "Forecast", "forecast"]

DEFAULT_REVIEW_INTERVAL = Period(months=12)
"""Review interval of a document that sets none: the default of rule ``DOC001``."""


class DueKind(str, enum.Enum):
    """What kind of obligation falls due."""

    CERTIFICATE_EXPIRY = "certificate-expiry"
    """The last valid day of a certificate a person holds (rules ``CERT001``/``CERT002``)."""
    TRAINING_EXPIRY = "training-expiry"
    """The last day a course completion counts (rules ``TRN001``/``TRN002``)."""
    CURRENCY_LAPSE = "currency-lapse"
    """The last day a person stays current in the practice a duty role requires, if no
    more is logged (rule ``TRN007``)."""
    SERVICE_DUE = "service-due"
    """An equipment item's next service or inspection (rule ``EQP003``)."""
    SHELF_LIFE_END = "shelf-life-end"
    """The last day of an equipment item's shelf life (rule ``EQP004``)."""
    MARKED_DATE = "marked-date"
    """A date marked on an item, such as a battery replace-by date (rule ``EQP006``)."""
    DOCUMENT_REVIEW = "document-review"
    """A controlled document's next review (rule ``DOC001``)."""
    DEBRIEF_ACTION = "debrief-action"
    """A debrief finding's document action, not yet closed (rule ``DOC006``)."""
    CONSULTATION_CLOSES = "consultation-closes"
    """The last day of a terms and conditions consultation."""
    TERMS_EFFECTIVE = "terms-effective"
    """The day a terms and conditions set takes effect."""


_ORDER = {kind: position for position, kind in enumerate(DueKind)}


@attrs.frozen
class DueItem:
    """One obligation that falls due on a date, and whom it concerns."""

    date: pendulum.Date
    """The due date: a last valid day for expiries, the day due for services, reviews
    and actions, the day itself for terms dates."""
    kind: DueKind
    subject: Subject
    """The record the obligation belongs to, e.g. ``person:BF1010`` or ``document:SOP-BRD-01``."""
    description: str
    """One sentence with the dates and numbers; names staff numbers, never names."""
    days: int
    """Days from the forecast date to :attr:`date` (0 when due on the forecast date)."""
    vessel: str | None = None
    """The vessel concerned, if one: the person's (or item holder's) crew's vessel."""
    crew: str | None = None
    """The crew concerned: the person's (or item holder's) current crew."""
    person: str | None = None
    """The staff number concerned: the holder of the certificate, training or item."""
    vessels: tuple[str, ...] = ()
    """Every vessel the obligation applies to (a document may list several)."""
    details: Mapping[str, Any] = attrs.field(factory=dict)
    """Machine-readable facts behind the description; dates as ISO text."""

    def concerns_vessel(self, vessel: str) -> bool:
        """True when the item is attributed to ``vessel`` or applies to it."""
        return self.vessel == vessel or vessel in self.vessels

    def sort_key(self) -> tuple[datetime.date, int, str, str, str]:
        """Date, then kind, then subject, then person: a stable order."""
        return (self.date, _ORDER[self.kind], self.subject.kind, self.subject.id, self.person or "")

    def to_record(self) -> dict[str, Any]:
        """The item as a plain dict: dates as ISO text, lists for tuples."""
        return {
            "date": self.date.isoformat(),
            "days": self.days,
            "kind": self.kind.value,
            "subject_kind": self.subject.kind,
            "subject_id": self.subject.id,
            "vessel": self.vessel,
            "crew": self.crew,
            "person": self.person,
            "vessels": list(self.vessels),
            "description": self.description,
            "details": dict(self.details),
        }


@attrs.frozen
class Forecast:
    """Obligations falling due from ``as_of`` to ``until``, both days included, by date."""

    as_of: pendulum.Date
    until: pendulum.Date
    """The last day of the window."""
    within: Period
    """The window length as asked (``until`` is ``as_of`` plus it)."""
    items: tuple[DueItem, ...]
    """Sorted by date, then kind, subject and person."""
    vessel: str | None = None
    crew: str | None = None
    person: str | None = None
    include_unissued: bool = False
    """Whether items in store (issued to no one on ``as_of``) were included."""

    @property
    def days(self) -> int:
        """Length of the window in days after ``as_of``."""
        return self.until.toordinal() - self.as_of.toordinal()

    def of_kind(self, kind: DueKind | str) -> tuple[DueItem, ...]:
        """The items of one kind, in order."""
        wanted = DueKind(kind)
        return tuple(item for item in self.items if item.kind is wanted)

    def by_date(self) -> Iterator[tuple[pendulum.Date, tuple[DueItem, ...]]]:
        """The items grouped by due date, in date order."""
        group: list[DueItem] = []
        for item in self.items:
            if group and item.date != group[0].date:
                yield group[0].date, tuple(group)
                group = []
            group.append(item)
        if group:
            yield group[0].date, tuple(group)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per item, for notebooks (``pandas.DataFrame(f.to_records())``)."""
        return [item.to_record() for item in self.items]


class _Place(TypedDict):
    vessel: str | None
    crew: str | None
    person: str | None


@attrs.frozen
class _Scan:
    """Shared state of one forecast: the facts on its date, the window and where people belong."""

    view: View
    """The facts on the forecast date: who is in service, what is valid, held and in force."""
    until: pendulum.Date

    @property
    def fleet(self) -> Fleet:
        return self.view.fleet

    @property
    def as_of(self) -> pendulum.Date:
        return self.view.date

    def inside(self, date: pendulum.Date | None) -> bool:
        return date is not None and self.as_of <= date <= self.until

    def days(self, date: pendulum.Date) -> int:
        return date.toordinal() - self.as_of.toordinal()

    def place(self, person: Person | None) -> _Place:
        """Vessel, crew and staff number of a person: their crew, and its vessel."""
        if person is None:
            return {"vessel": None, "crew": None, "person": None}
        crew_id = self.view.crew_of(person)  # the crew on the date the forecast is from
        crew = self.fleet.crew(crew_id) if crew_id is not None else None
        return {
            "vessel": crew.vessel if crew is not None else None,
            "crew": crew_id,
            "person": person.id,
        }


def forecast(
    fleet: Fleet,
    as_of: pendulum.Date | datetime.date | str,
    within: int | str | Period = 90,
    *,
    vessel: str | None = None,
    crew: str | None = None,
    person: str | None = None,
    include_unissued: bool = False,
    default_review_interval: Period = DEFAULT_REVIEW_INTERVAL,
) -> Forecast:
    """Every dated obligation falling due from ``as_of`` to ``as_of + within``, both included.

    ``within`` is a number of days, ``"90d"``, or an ISO 8601 period (``"P90D"``,
    ``"P3M"``). The forecast date itself is in the window: an item due that day is due,
    not yet overdue, as the rules treat it; anything due earlier is overdue and is
    reported by ``check`` instead. Each obligation is listed once, at its next date.

    The filters keep the items attributed to a vessel (or, for documents, applying to
    it), a crew or a person; fleet-wide items (terms sets, documents without vessels)
    are left out by a filter. Unknown ids give an empty forecast. ``include_unissued``
    adds equipment in store; otherwise only items issued to someone on ``as_of`` count,
    as in the ``EQP`` rules. ``default_review_interval`` is the review interval of
    documents that set none (``DOC001``'s default).
    """
    start = as_date(as_of)
    period = parse_within(within)
    scan = _Scan(Facts.of(fleet).on(start), window_end(start, period))
    found = [
        *_certificates(scan),
        *_training(scan),
        *_currency(scan),
        *_equipment(scan, include_unissued),
        *_documents(scan, default_review_interval),
        *_debrief_actions(scan),
        *_terms(scan),
    ]
    if vessel is not None:
        found = [item for item in found if item.concerns_vessel(vessel)]
    if crew is not None:
        found = [item for item in found if item.crew == crew]
    if person is not None:
        found = [item for item in found if item.person == person]
    found.sort(key=DueItem.sort_key)
    return Forecast(
        as_of=start,
        until=scan.until,
        within=period,
        items=tuple(found),
        vessel=vessel,
        crew=crew,
        person=person,
        include_unissued=include_unissued,
    )


def _in_days(days: int) -> str:
    if days == 0:
        return "on the forecast date"
    return f"in {days} day" if days == 1 else f"in {days} days"


def _required_by(why: list[str]) -> str:
    return "required by " + " and ".join(why) if why else "not required by grade or duty role"


def _required(view: View, person: Person, kind: Kind) -> dict[str, list[str]]:
    """What the person's grade and duty roles require of ``kind``, with who requires each.

    A certificate type above a required one on the ladder counts for it: it is required
    by the same, ``for`` the type it counts for.
    """
    required: dict[str, list[str]] = {}
    for need in view.requirements(person, kind):
        required.setdefault(need.type, []).extend(need.required_by)
        if kind == "certificates":
            for higher in sorted(view.higher(need.type)):
                why = [f"{reason} (for {need.type})" for reason in need.required_by]
                required.setdefault(higher, []).extend(why)
    return required


def _certificates(scan: _Scan) -> Iterator[DueItem]:
    view = scan.view
    fleet = view.fleet
    for person in fleet.people:
        if not person.certificates or not view.in_service(person):
            continue
        required = _required(view, person, "certificates")
        for type_id in dict.fromkeys(c.type for c in person.certificates):
            held = view.unrenewed(person, "certificates", type_id)
            if held is None or held.expires is None or not scan.inside(held.expires):
                continue
            certificate = held.record
            assert isinstance(certificate, Certificate)
            kind = fleet.certificate_type(type_id)
            name = kind.name if kind is not None else type_id
            number = f" {certificate.number}" if certificate.number else ""
            why = required.get(type_id, [])
            days = scan.days(held.expires)
            yield DueItem(
                date=held.expires,
                kind=DueKind.CERTIFICATE_EXPIRY,
                subject=Subject("person", person.id),
                description=f"{name}{number} of {person.id} expires at the end of "
                f"{held.expires} ({_in_days(days)}); {_required_by(why)}",
                days=days,
                details={
                    "certificate_type": type_id,
                    "number": certificate.number,
                    "issued": certificate.issued.isoformat(),
                    "expires": held.expires.isoformat(),
                    "required": bool(why),
                    "required_by": why,
                },
                **scan.place(person),
            )


def _training(scan: _Scan) -> Iterator[DueItem]:
    view = scan.view
    fleet = view.fleet
    for person in fleet.people:
        if not person.training or not view.in_service(person):
            continue
        required = _required(view, person, "training")
        for course_id in dict.fromkeys(r.course for r in person.training):
            held = view.unrenewed(person, "training", course_id)
            if held is None or held.expires is None or not scan.inside(held.expires):
                continue
            booked = view.next_booking(person, course_id)
            course = fleet.course(course_id)
            name = course.name if course is not None else course_id
            why = required.get(course_id, [])
            days = scan.days(held.expires)
            note = f"; a place is booked for {booked}" if booked is not None else ""
            yield DueItem(
                date=held.expires,
                kind=DueKind.TRAINING_EXPIRY,
                subject=Subject("person", person.id),
                description=f"{name} of {person.id}, completed {held.start}, expires at "
                f"the end of {held.expires} ({_in_days(days)}); {_required_by(why)}{note}",
                days=days,
                details={
                    "course": course_id,
                    "completed": held.start.isoformat(),
                    "lapses": held.expires.isoformat(),
                    "required": bool(why),
                    "required_by": why,
                    "booked": booked.isoformat() if booked is not None else None,
                },
                **scan.place(person),
            )


def _currency(scan: _Scan) -> Iterator[DueItem]:
    view = scan.view
    fleet = view.fleet
    for person in fleet.people:
        if not view.asks_currency(person) or not view.in_service(person):
            continue
        for need in view.currency_needs(person):
            requirement = need.requirement
            standing = view.currency(person, requirement)
            through = standing.through
            if not standing.current or through is None or not scan.inside(through):
                continue
            kind = fleet.practice_kind(requirement.practice)
            name = kind.name if kind is not None else requirement.practice
            days = scan.days(through)
            planned = f"; the next is logged for {standing.next}" if standing.next else ""
            yield DueItem(
                date=through,
                kind=DueKind.CURRENCY_LAPSE,
                subject=Subject("person", person.id),
                description=f"{person.id} is current in {name} through {through} "
                f"({_in_days(days)}) unless more is logged: at least {requirement.count} in "
                f"any {requirement.within.in_words()}, {_required_by(list(need.required_by))}; "
                f"the last on {standing.last}{planned}",
                days=days,
                details={
                    "practice": requirement.practice,
                    "required": requirement.count,
                    "within": str(requirement.within),
                    "counted": standing.counted,
                    "last": standing.last.isoformat() if standing.last else None,
                    "current_through": through.isoformat(),
                    "required_by": list(need.required_by),
                    "next": standing.next.isoformat() if standing.next else None,
                },
                **scan.place(person),
            )


def _items_in_use(
    scan: _Scan, include_unissued: bool
) -> Iterator[tuple[EquipmentItem, Person | None]]:
    view = scan.view
    for item in view.fleet.equipment_items:
        if view.item_status(item) is not ItemStatus.IN_SERVICE:
            continue
        holders = view.holders(item.id)
        if holders:
            yield item, holders[0]
        elif include_unissued:
            yield item, None


def _equipment(scan: _Scan, include_unissued: bool) -> Iterator[DueItem]:
    fleet = scan.fleet
    for item, holder in _items_in_use(scan, include_unissued):
        kind = fleet.equipment_type(item.type)
        name = kind.name if kind is not None else item.type
        place = scan.place(holder)
        held = f", issued to {holder.id}" if holder is not None else ", in store"
        subject = Subject("equipment_item", item.id)
        for status in scan.view.service_status(item):
            if not scan.inside(status.due):
                continue
            assert status.due is not None
            days = scan.days(status.due)
            last = (
                f"last {status.kind} {status.last.date}"
                if status.last is not None
                else f"never serviced, manufactured {item.manufactured}"
            )
            age = item.age_on(status.due)
            aged = f", aged {age} on the due date" if age is not None else ""
            yield DueItem(
                date=status.due,
                kind=DueKind.SERVICE_DUE,
                subject=subject,
                description=f"{name} {item.id}{held}: {status.kind} due on {status.due} "
                f"({_in_days(days)}); {last}, every {status.interval}{aged}",
                days=days,
                details={
                    "equipment_type": item.type,
                    "service": status.kind,
                    "due": status.due.isoformat(),
                    "last": status.last.date.isoformat() if status.last is not None else None,
                    "interval": str(status.interval),
                    "manufactured": item.manufactured.isoformat() if item.manufactured else None,
                    "age_on_due_date": age,
                    "holder": holder.id if holder is not None else None,
                },
                **place,
            )
        end = scan.view.shelf_life_end(item)
        if scan.inside(end):
            assert end is not None
            days = scan.days(end)
            life = str(kind.shelf_life) if kind is not None else None
            yield DueItem(
                date=end,
                kind=DueKind.SHELF_LIFE_END,
                subject=subject,
                description=f"{name} {item.id}{held}, manufactured {item.manufactured} with a "
                f"shelf life of {life}, reaches the end of it on {end} ({_in_days(days)})",
                days=days,
                details={
                    "equipment_type": item.type,
                    "manufactured": item.manufactured.isoformat() if item.manufactured else None,
                    "shelf_life": life,
                    "shelf_life_end": end.isoformat(),
                    "holder": holder.id if holder is not None else None,
                },
                **place,
            )
        if scan.inside(item.expires):
            assert item.expires is not None
            days = scan.days(item.expires)
            yield DueItem(
                date=item.expires,
                kind=DueKind.MARKED_DATE,
                subject=subject,
                description=f"{name} {item.id}{held}, reaches the date marked on it, "
                f"{item.expires} ({_in_days(days)})",
                days=days,
                details={
                    "equipment_type": item.type,
                    "marked_date": item.expires.isoformat(),
                    "holder": holder.id if holder is not None else None,
                },
                **place,
            )


def _documents(scan: _Scan, default: Period) -> Iterator[DueItem]:
    for document in scan.fleet.documents:
        review = scan.view.review_due(document, default)
        if review is None or not scan.inside(review.due):
            continue  # not in force, never reviewed, overdue (DOC001) or later
        due = review.due
        days = scan.days(due)
        which = "the default" if review.default_interval else "its"
        yield DueItem(
            date=due,
            kind=DueKind.DOCUMENT_REVIEW,
            subject=Subject("document", document.id),
            description=f"{document.id} ({document.title}) is due for review on {due} "
            f"({_in_days(days)}): last reviewed {review.last}, {which} review interval "
            f"{review.interval}",
            days=days,
            vessel=document.vessels[0] if len(document.vessels) == 1 else None,
            vessels=document.vessels,
            details={
                "document_kind": document.kind.value,
                "owner": document.owner,
                "last_reviewed": review.last.isoformat(),
                "review_interval": str(review.interval),
                "default_interval": review.default_interval,
                "due": due.isoformat(),
            },
        )


def _debrief_actions(scan: _Scan) -> Iterator[DueItem]:
    view = scan.view
    fleet = view.fleet
    for tracked in view.tracked_actions():
        debrief, finding = tracked.debrief, tracked.finding
        if not scan.inside(finding.due):
            continue
        assert finding.due is not None
        if view.closing_version(finding.id) is not None:
            continue  # closed
        operation = fleet.operation(debrief.operation)
        vessel = debrief.vessel or (operation.vessel if operation is not None else None)
        crew = operation.crew if operation is not None else None
        addressing = view.addressing(finding.id)
        pending = [
            f"{found.document.id} version {found.version.label}"
            + (f" takes effect on {found.version.effective}" if found.version.effective else "")
            for found in addressing
        ]
        note = f"; pending: {'; '.join(pending)}" if pending else ""
        target = finding.document or "a document it does not name"
        days = scan.days(finding.due)
        yield DueItem(
            date=finding.due,
            kind=DueKind.DEBRIEF_ACTION,
            subject=Subject("debrief_finding", finding.id),
            description=f"debrief finding {finding.id} (debrief {debrief.id}) requires "
            f"{target} to be {ACTION_DONE[finding.action]} by {finding.due} "
            f"({_in_days(days)}); no version addressing it is in force{note}",
            days=days,
            vessel=vessel,
            crew=crew,
            vessels=(vessel,) if vessel is not None else (),
            details={
                "finding": finding.id,
                "debrief": debrief.id,
                "operation": debrief.operation,
                "document": finding.document,
                "action": finding.action.value,
                "due": finding.due.isoformat(),
                "led_by": debrief.led_by,
                "addressed_by": [
                    f"{found.document.id} {found.version.label}" for found in addressing
                ],
            },
        )


def _terms(scan: _Scan) -> Iterator[DueItem]:
    for terms in scan.fleet.terms:
        subject = Subject("terms", terms.id)
        consultation = terms.consultation
        if consultation is not None and scan.inside(consultation.closes):
            days = scan.days(consultation.closes)
            responses = len(consultation.responses)
            yield DueItem(
                date=consultation.closes,
                kind=DueKind.CONSULTATION_CLOSES,
                subject=subject,
                description=f"consultation on {terms.id} ({terms.title}), open since "
                f"{consultation.opens}, closes on {consultation.closes} ({_in_days(days)}); "
                f"{responses} response{'' if responses == 1 else 's'} so far",
                days=days,
                details={
                    "opens": consultation.opens.isoformat(),
                    "closes": consultation.closes.isoformat(),
                    "responses": responses,
                    "status": terms.status.value,
                },
            )
        if scan.inside(terms.effective):
            assert terms.effective is not None
            days = scan.days(terms.effective)
            moving = sum(
                1
                for person in scan.fleet.people
                for assignment in person.terms
                if assignment.set == terms.id and assignment.start == terms.effective
            )
            replaces = f", replacing {terms.supersedes}" if terms.supersedes else ""
            yield DueItem(
                date=terms.effective,
                kind=DueKind.TERMS_EFFECTIVE,
                subject=subject,
                description=f"{terms.id} ({terms.title}) takes effect on {terms.effective} "
                f"({_in_days(days)}){replaces}; {moving} "
                f"{'person moves' if moving == 1 else 'people move'} onto it that day",
                days=days,
                details={
                    "effective": terms.effective.isoformat(),
                    "supersedes": terms.supersedes,
                    "status": terms.status.value,
                    "people_moving": moving,
                },
            )
