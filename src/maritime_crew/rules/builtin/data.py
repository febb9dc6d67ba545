"""DATA: integrity of the records themselves and between records.

Most of these rules look at the whole fleet at once and never at the date. They read
the records through ``ctx.facts.fleet``: the fleet a rule is given is watched, and a
rule that reads it is evaluated on every day of a timeline (see :class:`Context`).
"""

from __future__ import annotations

import collections
import difflib
import itertools
import operator
from collections.abc import Collection, Container, Iterable, Iterator, Mapping, Sequence
from typing import Any

import pendulum

from ...facts import (
    DOCUMENTS,
    WAIVERS,
    Facts,
    RecordWritten,
    StatusConflict,
    Subjects,
    View,
)
from ...model import (
    BUILTIN_REST_PROFILES,
    TABLES,
    Document,
    EquipmentType,
    Fleet,
    Issue,
    Person,
    Subject,
    VersionStatus,
    Waiver,
    WorkPeriod,
)
from .._context import Context, misspelt_kind
from .._finding import Finding
from .._severity import Severity
from ._people import count
from ._registry import builtin

_ID_TABLES = [table for table in TABLES if table.name != "work_period"]

_PLACES_LISTED = 10
"""The most places a finding about many records lists: records that share an id (DATA001),
references to one missing id (DATA002); it says how many more there are."""


@builtin(
    code="DATA001",
    name="duplicate-id",
    severity=Severity.ERROR,
    summary="Two records of one kind share an id.",
    rationale="References are by id, so a shared id makes every reference to it ambiguous; "
    "lookups use the first record and the others are silently shadowed. Good practice.",
    source="good practice",
    example='Two [[person]] records both have id = "BF1003".',
    fix="Give each record its own id, or merge the two records into one.",
)
def duplicate_id(_: Fleet, ctx: Context) -> Iterator[Finding]:
    fleet = ctx.facts.fleet
    for table in _ID_TABLES:
        for record_id, positions in fleet.duplicate_ids(table.name).items():
            # The first places only: a million records may share one id.
            places = [fleet.source_of(table.name, p) for p in positions[:_PLACES_LISTED]]
            where = ", ".join(str(place) for place in places if place is not None)
            if where and len(positions) > _PLACES_LISTED:
                where += f" and {len(positions) - _PLACES_LISTED:,} more"
            yield ctx.finding(
                Subject(table.name, record_id),
                f"{table.kind} id {record_id!r} is used by {len(positions):,} records"
                + (f" ({where})" if where else "")
                + "; lookups see only the first",
                source=places[1],
                details={"table": table.name, "id": record_id, "count": len(positions)},
            )
    seen_grades: dict[str, str] = {}
    for pathway in fleet.pathways:
        for grade in pathway.grades:
            if grade.id in seen_grades:
                yield ctx.finding(
                    Subject("pathway", pathway.id),
                    f"grade id {grade.id!r} is used on pathway {seen_grades[grade.id]!r} "
                    f"and again on pathway {pathway.id!r}; grade ids are unique across pathways",
                    details={"grade": grade.id},
                )
            seen_grades.setdefault(grade.id, pathway.id)
    seen_findings: dict[str, str] = {}
    for debrief in fleet.debriefs:
        for item in debrief.findings:
            if item.id in seen_findings:
                yield ctx.finding(
                    Subject("debrief", debrief.id),
                    f"debrief finding id {item.id!r} is used in debrief "
                    f"{seen_findings[item.id]!r} and again in debrief {debrief.id!r}",
                    details={"finding": item.id},
                )
            seen_findings.setdefault(item.id, debrief.id)
    for document in fleet.documents:
        labels: set[str] = set()
        for version in document.versions:
            if version.label in labels:
                yield ctx.finding(
                    Subject("document", document.id),
                    f"document {document.id} has two versions labelled {version.label!r}",
                    details={"label": version.label},
                )
            labels.add(version.label)


# -- references ---------------------------------------------------------------------------

Field = str | tuple[str, int, str]
"""A field path as written, or (list, position, field) to be written only when needed."""

Reference = tuple[Field, str, str]
"""(field path, referenced kind, referenced id)."""


def _path(field: Field) -> str:
    return field if isinstance(field, str) else f"{field[0]}[{field[1]}].{field[2]}"


def _person_references(person: Person, ids: Mapping[str, Container[str]]) -> Iterator[Reference]:
    """A person's references, less those to records of ``ids`` that exist.

    A person has dozens of references and nearly all exist, so the common ones are
    looked up here, where they are read, and paths stay tuples until reported. Kept in
    step with :func:`_all_known`.
    """
    grades = ids["grade"]
    if person.grade and person.grade not in grades:
        yield "grade", "grade", person.grade
    for i, held in enumerate(person.previous_grades):
        if held.grade not in grades:
            yield ("previous_grades", i, "grade"), "grade", held.grade
    if person.crew and person.crew not in ids["crew"]:
        yield "crew", "crew", person.crew
    for i, spell in enumerate(person.previous_crews):
        if spell.crew not in ids["crew"]:
            yield ("previous_crews", i, "crew"), "crew", spell.crew
    roles = ids["duty_role"]
    for i, entry in enumerate(person.duty_roles):
        if entry.role not in roles:
            where: Field = "duty_roles" if entry.undated else ("duty_roles", i, "role")
            yield where, "duty_role", entry.role
    terms = ids["terms"]
    for i, assignment in enumerate(person.terms):
        if assignment.set not in terms:
            yield ("terms", i, "set"), "terms", assignment.set
    equipment = ids["equipment_type"]
    for i, size in enumerate(person.sizes):
        if size.equipment not in equipment:
            yield ("sizes", i, "equipment"), "equipment_type", size.equipment
    types = ids["certificate_type"]
    for i, certificate in enumerate(person.certificates):
        if certificate.type not in types:
            yield ("certificates", i, "type"), "certificate_type", certificate.type
        for j, restriction in enumerate(certificate.restrictions):
            where = f"certificates[{i}].restrictions[{j}]"
            if restriction.vessel and restriction.vessel not in ids["vessel"]:
                yield f"{where}.vessel", "vessel", restriction.vessel
            for role in restriction.roles:
                if role not in roles:
                    yield f"{where}.roles", "duty_role", role
    courses, people = ids["course"], ids["person"]
    for i, record in enumerate(person.training):
        if record.course not in courses:
            yield ("training", i, "course"), "course", record.course
        if record.trainer and record.trainer not in people:
            yield ("training", i, "trainer"), "person", record.trainer
    items = ids["equipment_item"]
    for i, issue in enumerate(person.issues):
        if issue.item not in items:
            yield ("issues", i, "item"), "equipment_item", issue.item
    practice, vessels = ids["practice_kind"], ids["vessel"]
    for i, event in enumerate(person.practice):
        if event.kind not in practice:
            yield ("practice", i, "kind"), "practice_kind", event.kind
        if event.vessel and event.vessel not in vessels:
            yield ("practice", i, "vessel"), "vessel", event.vessel


def _all_known(people: Sequence[Person], ids: Mapping[str, Container[str]]) -> bool:
    """Whether every id the people refer to is in ``ids``: then none of them is reported.

    Each distinct id is looked up once, so a clean fleet is not read person by person.
    It names the same references as :func:`_person_references`, which a reference added
    to one must be added to as well (``test_one_broken_reference_…`` breaks each kind).
    """
    certificates = _nested(people, "certificates")
    restrictions = _nested(certificates, "restrictions")
    training, practice = _nested(people, "training"), _nested(people, "practice")
    referred = {
        "grade": _given(people, "grade") | _values(_nested(people, "previous_grades"), "grade"),
        "crew": _given(people, "crew") | _values(_nested(people, "previous_crews"), "crew"),
        "duty_role": _values(_nested(people, "duty_roles"), "role")
        | set(_nested(restrictions, "roles")),
        "terms": _values(_nested(people, "terms"), "set"),
        "equipment_type": _values(_nested(people, "sizes"), "equipment"),
        "certificate_type": _values(certificates, "type"),
        "vessel": _given(restrictions, "vessel") | _given(practice, "vessel"),
        "course": _values(training, "course"),
        "person": _given(training, "trainer"),
        "equipment_item": _values(_nested(people, "issues"), "item"),
        "practice_kind": _values(practice, "kind"),
    }
    return _all_known_in((ids[kind], keys) for kind, keys in referred.items())


def _all_known_in(named: Iterable[tuple[Container[Any], Iterable[Any]]]) -> bool:
    """Whether every id of each ``(known, ids)`` pair is among its known ids (in C)."""
    return all(all(map(known.__contains__, keys)) for known, keys in named)


def _nested(records: Sequence[Any], field: str) -> list[Any]:
    """The entries of the list ``field`` of every record, one list (one pass in C)."""
    return list(itertools.chain.from_iterable(map(operator.attrgetter(field), records)))


def _values(records: Sequence[Any], field: str) -> set[Any]:
    """The distinct values of ``field`` among ``records`` (one pass in C)."""
    return set(map(operator.attrgetter(field), records))


def _given(records: Sequence[Any], field: str) -> set[Any]:
    """:func:`_values` without ``None`` and ``""``: the values of an optional field given."""
    found = _values(records, field)
    found.discard(None)
    found.discard("")
    return found


def _references(
    fleet: Fleet, ids: Mapping[str, Container[str]]
) -> Iterator[tuple[str, str, Reference]]:
    """(table, record id, reference) for every reference in the fleet.

    People's, deployments' and items' references to records of ``ids`` that exist are
    left out (there are hundreds of thousands of them); the caller looks up the rest.
    """
    for vessel in fleet.vessels:
        for i, entry in enumerate(vessel.complement):
            yield "vessel", vessel.id, (f"complement[{i}].role", "duty_role", entry.role)
    for crew in fleet.crews:
        if crew.vessel:
            yield "crew", crew.id, ("vessel", "vessel", crew.vessel)
    if not _all_known(fleet.people, ids):
        for person in fleet.people:
            for reference in _person_references(person, ids):
                yield "person", person.id, reference
    vessels, people, crews = ids["vessel"], ids["person"], ids["crew"]
    deployments = fleet.deployments
    named = (
        (vessels, _values(deployments, "vessel")),
        (people, _given(deployments, "person") | set(_nested(deployments, "absent"))),
        (people, set(_nested(deployments, "cover"))),
        (crews, _given(deployments, "crew")),
    )
    if _all_known_in(named):
        deployments = ()  # none is reported: nothing to read deployment by deployment
    for deployment in deployments:
        if deployment.vessel not in vessels:
            yield "deployment", deployment.id, ("vessel", "vessel", deployment.vessel)
        if deployment.person and deployment.person not in people:
            yield "deployment", deployment.id, ("person", "person", deployment.person)
        if deployment.crew and deployment.crew not in crews:
            yield "deployment", deployment.id, ("crew", "crew", deployment.crew)
        for field in ("absent", "cover"):
            for person_id in getattr(deployment, field):
                if person_id not in people:
                    yield "deployment", deployment.id, (field, "person", person_id)
    for certificate_type in fleet.certificate_types:
        for lower in certificate_type.supersedes:
            yield "certificate_type", certificate_type.id, ("supersedes", "certificate_type", lower)
    for course in fleet.courses:
        for course_id in course.trainer_courses:
            yield "course", course.id, ("trainer_courses", "course", course_id)
        for type_id in course.trainer_certificates:
            yield "course", course.id, ("trainer_certificates", "certificate_type", type_id)
    for role in fleet.duty_roles:
        for type_id in role.certificates:
            yield "duty_role", role.id, ("certificates", "certificate_type", type_id)
        for course_id in role.courses:
            yield "duty_role", role.id, ("courses", "course", course_id)
        for kind in role.kit:
            yield "duty_role", role.id, ("kit", "equipment_type", kind)
        for i, currency in enumerate(role.currency):
            yield (
                "duty_role",
                role.id,
                (f"currency[{i}].practice", "practice_kind", currency.practice),
            )
    for pathway in fleet.pathways:
        for i, grade in enumerate(pathway.grades):
            for type_id in grade.certificates:
                yield (
                    "pathway",
                    pathway.id,
                    (f"grades[{i}].certificates", "certificate_type", type_id),
                )
            for course_id in grade.courses:
                yield "pathway", pathway.id, (f"grades[{i}].courses", "course", course_id)
    types = ids["equipment_type"]
    items = fleet.equipment_items
    if _all_known_in([(types, _values(items, "type"))]):
        items = ()  # every item's type exists
    for item in items:
        if item.type not in types:
            yield "equipment_item", item.id, ("type", "equipment_type", item.type)
    for document in fleet.documents:
        for vessel_id in document.vessels:
            yield "document", document.id, ("vessels", "vessel", vessel_id)
        labels = {version.label for version in document.versions}
        for i, version in enumerate(document.versions):
            for finding_id in version.addresses:
                yield (
                    "document",
                    document.id,
                    (f"versions[{i}].addresses", "debrief finding", finding_id),
                )
            if version.supersedes and version.supersedes not in labels:
                yield (
                    "document",
                    document.id,
                    (
                        f"versions[{i}].supersedes",
                        f"version of document {document.id}",
                        version.supersedes,
                    ),
                )
    for operation in fleet.operations:
        yield "operation", operation.id, ("vessel", "vessel", operation.vessel)
        if operation.crew:
            yield "operation", operation.id, ("crew", "crew", operation.crew)
    for debrief in fleet.debriefs:
        yield "debrief", debrief.id, ("operation", "operation", debrief.operation)
        if debrief.vessel:
            yield "debrief", debrief.id, ("vessel", "vessel", debrief.vessel)
        if debrief.led_by:
            yield "debrief", debrief.id, ("led_by", "person", debrief.led_by)
        for i, debrief_finding in enumerate(debrief.findings):
            if debrief_finding.document:
                yield (
                    "debrief",
                    debrief.id,
                    (f"findings[{i}].document", "document", debrief_finding.document),
                )
    for terms in fleet.terms:
        if terms.supersedes:
            yield "terms", terms.id, ("supersedes", "terms", terms.supersedes)
        yield "terms", terms.id, ("rest_profile", "rest_profile", terms.rest_profile)
    for waiver in fleet.waivers:
        if _exists(fleet, waiver.subject.kind, waiver.subject.id) is not None:
            yield "waiver", waiver.id, ("subject", waiver.subject.kind, waiver.subject.id)


_ID_TABLE_NAMES = frozenset(table.name for table in _ID_TABLES)


def _exists(fleet: Fleet, kind: str, target: str) -> bool | None:
    """Whether a referenced record exists; ``None`` for kinds that cannot be checked."""
    if kind == "rest_profile":  # built-in profiles count as well as the data's own
        return fleet.rest_profile(target) is not None
    if kind in _ID_TABLE_NAMES:
        return fleet.has(kind, target)
    if kind == "grade":
        return fleet.grade(target) is not None
    if kind == "debrief finding":
        return fleet.debrief_finding(target) is not None
    if kind.startswith("version of"):
        return False  # only yielded when the label is missing
    return None


def _ids(fleet: Fleet, kind: str) -> list[str]:
    """Existing ids of a kind, to suggest the closest one."""
    if kind == "rest_profile":
        return [*BUILTIN_REST_PROFILES, *(profile.id for profile in fleet.rest_profiles)]
    if kind in _ID_TABLE_NAMES:
        return [record.id for record in fleet.records(kind)]
    if kind == "grade":
        return [grade.id for pathway in fleet.pathways for grade in pathway.grades]
    if kind == "debrief finding":
        return [item.id for debrief in fleet.debriefs for item in debrief.findings]
    return []


@builtin(
    code="DATA002",
    name="unknown-reference",
    severity=Severity.ERROR,
    summary="A record refers to an id that no record has, or to a name its target does not define.",
    rationale="A reference to a record that does not exist hides a typo or a missing "
    "record, and every check that follows the reference silently skips it. The same holds "
    "for a service whose kind the item's type does not schedule (the service is not "
    "counted), a size the equipment type does not come in (sizes cannot be compared), "
    "and a waiver whose subject kind is misspelt (it waives nothing). Good practice. "
    "Every reference to one missing id is one finding, about the first record that names "
    "it, with the number of references and the first places they are in.",
    source="good practice",
    example='A person has crew = "vigilant-c" but no [[crew]] has that id.',
    fix="Correct the id (the message suggests the closest existing one) or add the missing record.",
)
def unknown_reference(_: Fleet, ctx: Context) -> Iterator[Finding]:
    fleet = ctx.facts.fleet
    known_ids: dict[str, list[str]] = {}
    # the common case inline: ids of a table (rest profiles have built-in ones too; and
    # no reference names a deployment, whose index at 100,000 people would hold a million)
    tables: dict[str, Collection[str]] = {
        kind: fleet.ids(kind)
        for kind in _ID_TABLE_NAMES
        if kind not in ("rest_profile", "deployment")
    }
    tables["grade"] = {grade.id for pathway in fleet.pathways for grade in pathway.grades}
    # Each missing id by kind, with its first reference, or with them all if it has more:
    # a dataset may hold a million of them, so the common case costs one small tuple.
    dangling: dict[str, dict[str, tuple[str, str, Field] | _Dangling]] = {}
    for table, record_id, (written, kind, target) in _references(fleet, tables):
        ids = tables.get(kind)
        if target in ids if ids is not None else _exists(fleet, kind, target) is not False:
            continue
        of_kind = dangling.setdefault(kind, {})
        found = of_kind.get(target)
        if found is None:
            of_kind[target] = (table, record_id, written)
        else:
            if not isinstance(found, _Dangling):
                found = of_kind[target] = _Dangling(*found)
            found.add(table, record_id, written)
    for kind, target, found in _each_missing(dangling):
        table, record_id, field = found.first
        words = kind.replace("_", " ")
        message = (
            f"{table.replace('_', ' ')} {record_id} refers in `{field}` to {words} "
            f"{target!r}, which does not exist"
        )
        if kind not in known_ids:
            known_ids[kind] = _ids(fleet, kind)
        close = difflib.get_close_matches(target, known_ids[kind], n=1, cutoff=0.6)
        if close:
            message += f"; did you mean {close[0]!r}?"
        details: dict[str, object] = {"field": field, "kind": kind, "id": target}
        if found.references > 1:
            message += f"; {found.references:,} references name it in all: {found.words()}"
            details["references"] = found.references
            details["places"] = found.places_details()
        yield ctx.finding(Subject(table, record_id), message, details=details)
    yield from _unknown_work_references(fleet, ctx, tables["person"], tables["vessel"])
    yield from _unknown_names(fleet, ctx)


def _each_missing(
    dangling: dict[str, dict[str, tuple[str, str, Field] | _Dangling]],
) -> Iterator[tuple[str, str, _Dangling]]:
    for kind, of_kind in dangling.items():
        for target, found in of_kind.items():
            yield kind, target, found if isinstance(found, _Dangling) else _Dangling(*found)


class _Dangling:
    """Every reference to one id that does not exist: one finding, at the first of them.

    A typo copied to 300 people is one mistake, and a million references to one missing
    id are still one: they are counted, and the first places they are in listed (with
    how many references each), so that the finding stays short and the check's memory
    does not grow with them.
    """

    __slots__ = ("first", "places", "references")

    def __init__(self, table: str, record_id: str, written: Field) -> None:
        self.first = (table, record_id, _path(written))
        self.places: dict[tuple[str, str, str], int] = {self.first: 1}
        """References per place, for the first :data:`_PLACES_LISTED` places."""
        self.references = 1

    def add(self, table: str, record_id: str, written: Field) -> None:
        self.references += 1
        places = self.places
        place = (table, record_id, _path(written))
        if place in places:
            places[place] += 1
        elif len(places) < _PLACES_LISTED:
            places[place] = 1

    def words(self) -> str:
        """The places listed, and how many references are not in them."""
        listed = [
            f"{table.replace('_', ' ')} {record_id} `{field}`"
            + (f" ({many:,} times)" if many > 1 else "")
            for (table, record_id, field), many in self.places.items()
        ]
        rest = self.references - sum(self.places.values())
        if rest:
            listed.append(f"and {rest:,} more")
        return ", ".join(listed)

    def places_details(self) -> list[dict[str, object]]:
        return [
            {"table": table, "id": record_id, "field": field, "references": many}
            for (table, record_id, field), many in self.places.items()
        ]


def _unknown_work_references(
    fleet: Fleet, ctx: Context, people: Collection[str], vessels: Collection[str]
) -> Iterator[Finding]:
    """Work periods of an unknown person or aboard an unknown vessel.

    Hours records come by the thousand, so each unknown id is one finding, at the first
    period that names it, with the number of periods that do.
    """
    first: dict[tuple[str, str], int] = {}
    periods: collections.Counter[tuple[str, str]] = collections.Counter()
    work = fleet.work_periods
    aboard = _values(work, "vessel")
    aboard.discard(None)  # no vessel recorded
    named = (people, _values(work, "person")), (vessels, aboard)
    if _all_known_in(named):
        work = ()  # every id they name exists: not read period by period
    for position, period in enumerate(work):
        if period.person not in people:
            first.setdefault(("person", period.person), position)
            periods["person", period.person] += 1
        if period.vessel is not None and period.vessel not in vessels:
            first.setdefault(("vessel", period.vessel), position)
            periods["vessel", period.vessel] += 1
    for (field, target), position in first.items():
        period = fleet.work_periods[position]
        many = periods[field, target]
        verb = "names" if many == 2 else "name"
        others = f"; {count(many - 1, 'other work period')} {verb} it too" if many > 1 else ""
        close = difflib.get_close_matches(target, list(people if field == "person" else vessels))
        hint = f"; did you mean {close[0]!r}?" if close else ""
        skipped = (
            f"; the hours-of-rest rules skip {'them' if many > 1 else 'it'}"
            if field == "person"
            else ""
        )
        yield ctx.finding(
            Subject("person", period.person),
            f"work period {_span(period)} of {period.person} refers in `{field}` to {field} "
            f"{target!r}, which does not exist{hint}{others}{skipped}",
            source=fleet.source_of("work_period", position),
            details={
                "field": f"work_period[{position}].{field}",
                "kind": field,
                "id": target,
                "work_periods": many,
            },
        )


def _sizes_words(sizes: Sequence[str], size: str) -> str:
    # Only a difference of case is a likely slip: 'XL' is not a misspelt 'L'.
    close = [known for known in sizes if known.casefold() == size.casefold()]
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"which the type does not come in (its sizes: {', '.join(map(repr, sizes))}){hint}"


def _unknown_names(fleet: Fleet, ctx: Context) -> Iterator[Finding]:
    """Names that must match a list but do not.

    A service kind not in the item's type's schedule, a size (of an item, or recorded for
    a person) that the equipment type does not come in, and a waiver's subject kind that
    is close to, but not, a kind of record.
    """
    types: dict[str, EquipmentType] = {}
    for known in fleet.equipment_types:
        types.setdefault(known.id, known)
    scheduled_of = {key: [service.kind for service in t.services] for key, t in types.items()}

    def fits(type_id: str, size: str) -> bool:  # an unknown type is reported above
        kind = types.get(type_id)
        return kind is None or not kind.sizes or size in kind.sizes

    def on_schedule(type_id: str, service: str) -> bool:
        return type_id not in scheduled_of or service in scheduled_of[type_id]

    # Each distinct (type, name) pair is checked once; records are read one by one only
    # when one of them is wrong, for the finding.
    people, items = fleet.people, fleet.equipment_items
    sizes = {(size.equipment, size.size) for person in people for size in person.sizes}
    if all(fits(*pair) for pair in sizes):
        people = ()
    named = {(item.type, item.size) for item in items if item.size is not None}
    services = {(item.type, event.kind) for item in items for event in item.services}
    if all(fits(*pair) for pair in named) and all(on_schedule(*pair) for pair in services):
        items = ()
    for person in people:
        for i, size in enumerate(person.sizes):
            sized = types.get(size.equipment)
            if sized is not None and sized.sizes and size.size not in sized.sizes:
                yield ctx.about_person(
                    person,
                    f"person {person.id} has size {size.size!r} recorded for equipment type "
                    f"{sized.id}, {_sizes_words(sized.sizes, size.size)}",
                    nested=("sizes", i),
                    details={"field": f"sizes[{i}].size", "kind": "size", "id": size.size},
                )
    for item in items:
        kind = types.get(item.type)
        if kind is None:
            continue  # the unknown type is reported above
        if item.size is not None and kind.sizes and item.size not in kind.sizes:
            yield ctx.finding(
                Subject("equipment_item", item.id),
                f"equipment item {item.id} has size {item.size!r}, "
                f"{_sizes_words(kind.sizes, item.size)}",
                details={"field": "size", "kind": "size", "id": item.size},
            )
        scheduled = scheduled_of[kind.id]
        for i, event in enumerate(item.services):
            if event.kind in scheduled:
                continue
            close = difflib.get_close_matches(event.kind, scheduled, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield ctx.finding(
                Subject("equipment_item", item.id),
                f"equipment item {item.id} records a service of kind {event.kind!r} on "
                f"{event.date}, which equipment type {kind.id} does not schedule "
                f"(it schedules {', '.join(map(repr, scheduled)) or 'no services'}){hint}",
                details={"field": f"services[{i}].kind", "kind": "service", "id": event.kind},
            )
    for waiver in fleet.waivers:
        written = waiver.subject.kind
        slip = misspelt_kind(written)  # as a rule's finding is refused; a kind of one's own
        if slip is not None:  # (a custom rule's) is left alone
            yield ctx.finding(
                Subject("waiver", waiver.id),
                f"waiver {waiver.id} names subject kind {written!r}, which is not a kind of "
                f"record; did you mean {slip!r}?",
                details={"field": "subject.kind", "kind": "subject kind", "id": written},
            )


# -- dates ----------------------------------------------------------------------------------


_Dated = tuple[str, str, tuple[str | int, ...], Field, pendulum.Date, Field, pendulum.Date]
"""(table, id, nested path, earlier field, its date, later field, its date)."""


def _spans_out_of_order(
    table: str, record_id: str, name: str, entries: Sequence[Any]
) -> Iterator[_Dated]:
    """Dated entries of a list (``start`` and ``end``) that end before they start."""
    for i, entry in enumerate(entries):
        if entry.start is not None and entry.end is not None and entry.end < entry.start:
            yield (
                table,
                record_id,
                (name, i),
                (name, i, "start"),
                entry.start,
                (name, i, "end"),
                entry.end,
            )


def _dates_out_of_order(fleet: Fleet) -> Iterator[_Dated]:
    """Pairs of dates that must be in order and are not, with where they are.

    A fleet holds hundreds of thousands of such pairs and nearly all are in order, so
    each is compared where it is read, and a field path (``(list, position, field)``)
    is written out only for a pair that is reported.
    """
    for person in fleet.people:
        pid = person.id
        joined, left = person.joined, person.left
        if joined is not None and left is not None and left < joined:
            yield "person", pid, (), "joined", joined, "left", left
        for i, assignment in enumerate(person.terms):
            if assignment.end is not None and assignment.end < assignment.start:
                yield (
                    "person",
                    pid,
                    ("terms", i),
                    ("terms", i, "start"),
                    assignment.start,
                    ("terms", i, "end"),
                    assignment.end,
                )
        for i, certificate in enumerate(person.certificates):
            if certificate.expires is not None and certificate.expires < certificate.issued:
                yield (
                    "person",
                    pid,
                    ("certificates", i),
                    ("certificates", i, "issued"),
                    certificate.issued,
                    ("certificates", i, "expires"),
                    certificate.expires,
                )
        for i, record in enumerate(person.training):
            if record.expires is not None and record.expires < record.completed:
                yield (
                    "person",
                    pid,
                    ("training", i),
                    ("training", i, "completed"),
                    record.completed,
                    ("training", i, "expires"),
                    record.expires,
                )
        grades = person.previous_grades
        for i, held in enumerate(grades):
            last = i + 1 == len(grades)
            following = person.grade_since if last else grades[i + 1].since
            if following is not None and following < held.since:
                yield (
                    "person",
                    pid,
                    ("previous_grades", i),
                    ("previous_grades", i, "since"),
                    held.since,
                    "grade_since" if last else ("previous_grades", i + 1, "since"),
                    following,
                )
        for i, practice in enumerate(person.practice):
            if practice.recorded_on is not None and practice.recorded_on < practice.date:
                yield (
                    "person",
                    pid,
                    ("practice", i),
                    ("practice", i, "date"),
                    practice.date,
                    ("practice", i, "recorded_on"),
                    practice.recorded_on,
                )
        for name in ("duty_roles", "sizes", "absences", "previous_crews"):
            yield from _spans_out_of_order("person", pid, name, getattr(person, name))
        if person.crew_since is not None:
            for i, spell in enumerate(person.previous_crews):
                if person.crew_since <= spell.end:
                    yield (
                        "person",
                        pid,
                        ("previous_crews", i),
                        ("previous_crews", i, "end"),
                        spell.end,
                        "crew_since",
                        person.crew_since,
                    )
        for i, issue in enumerate(person.issues):
            if issue.returned is not None and issue.returned < issue.issued:
                yield (
                    "person",
                    pid,
                    ("issues", i),
                    ("issues", i, "issued"),
                    issue.issued,
                    ("issues", i, "returned"),
                    issue.returned,
                )
    for vessel in fleet.vessels:
        yield from _spans_out_of_order("vessel", vessel.id, "status", vessel.status)
    for deployment in fleet.deployments:
        if deployment.end is not None and deployment.end < deployment.start:
            yield "deployment", deployment.id, (), "start", deployment.start, "end", deployment.end
    for operation in fleet.operations:
        if operation.end is not None and operation.end < operation.start:
            yield "operation", operation.id, (), "start", operation.start, "end", operation.end
    for debrief in fleet.debriefs:
        debriefed = fleet.operation(debrief.operation)
        if debriefed is not None and debrief.date < debriefed.start:
            yield (
                "debrief",
                debrief.id,
                (),
                f"operation {debriefed.id} start",
                debriefed.start,
                "date",
                debrief.date,
            )
    for item in fleet.equipment_items:
        made = item.manufactured
        if made is None:
            continue
        if item.status_date is not None and item.status_date < made:
            yield (
                "equipment_item",
                item.id,
                (),
                "manufactured",
                made,
                "status_date",
                item.status_date,
            )
        for i, event in enumerate(item.services):
            if event.date < made:
                yield (
                    "equipment_item",
                    item.id,
                    ("services", i),
                    "manufactured",
                    made,
                    ("services", i, "date"),
                    event.date,
                )
    for terms in fleet.terms:
        consultation = terms.consultation
        if consultation is not None and consultation.closes < consultation.opens:
            yield (
                "terms",
                terms.id,
                (),
                "consultation.opens",
                consultation.opens,
                "consultation.closes",
                consultation.closes,
            )
        effective, superseded = terms.effective, terms.superseded
        if effective is not None and superseded is not None and superseded < effective:
            yield "terms", terms.id, (), "effective", effective, "superseded", superseded
    for waiver in fleet.waivers:
        if waiver.expires is not None and waiver.expires < waiver.granted_on:
            yield (
                "waiver",
                waiver.id,
                (),
                "granted_on",
                waiver.granted_on,
                "expires",
                waiver.expires,
            )


@builtin(
    code="DATA003",
    name="dates-out-of-order",
    severity=Severity.ERROR,
    summary="A record ends before it starts, or two dates are in the wrong order.",
    rationale="A period that ends before it starts cannot be counted (sea time, kit held, "
    "validity); the dates hide a typo. So does practice logged (`recorded_on`) before the "
    "day it took place: it would count toward currency on a day it had not yet happened. "
    "Good practice.",
    source="good practice",
    example="A deployment has start = 2020-05-14 and end = 2020-05-01.",
    fix="Correct whichever date is wrong.",
)
def dates_out_of_order(_: Fleet, ctx: Context) -> Iterator[Finding]:
    fleet = ctx.facts.fleet
    for table, record_id, nested, earlier, first, later, second in _dates_out_of_order(fleet):
        first_name, second_name = _path(earlier), _path(later)
        message = (
            f"{table.replace('_', ' ')} {record_id}: {second_name} {second} is before "
            f"{first_name} {first}"
        )
        details = {first_name: first.isoformat(), second_name: second.isoformat()}
        if table == "person":
            person = fleet.person(record_id)
            if person is not None:
                yield ctx.about_person(person, message, nested=nested, details=details)
                continue
        yield ctx.finding(Subject(table, record_id), message, details=details)
    for period in fleet.work_periods:
        if period.end <= period.start:
            yield ctx.finding(
                Subject("person", period.person),
                f"work period of {period.person} from {period.start.isoformat()} ends at "
                f"{period.end.isoformat()}, not after it starts",
                details={"start": period.start.isoformat(), "end": period.end.isoformat()},
            )


@builtin(
    code="DATA004",
    name="item-issued-twice",
    severity=Severity.ERROR,
    summary="One item is issued to two people at once (or twice to one person).",
    rationale="An item can only be with one person; overlapping ledger entries mean a "
    "return was not recorded, or the wrong serial was written down (seed C6).",
    source="seed C6",
    example="Dry suit DS-0042 is issued to BF1010 on 2020-05-01 and, before it is "
    "returned, to BF1022 on 2020-11-03.",
    fix="Record the return of the first issue, or correct the serial of one of them.",
)
def item_issued_twice(_: Fleet, ctx: Context) -> Iterator[Finding]:
    fleet = ctx.facts.fleet
    entries_of = collections.Counter(
        issue.item for person in fleet.people for issue in person.issues
    )
    for item_id in sorted(item for item, entries in entries_of.items() if entries > 1):
        entries = sorted(fleet.issues_of(item_id), key=lambda pair: pair[1].issued)
        open_holder: tuple[Person, Issue] | None = None  # the entry that is out longest
        for person, issue in entries:
            if open_holder is not None and _still_out(open_holder[1], issue.issued):
                first = open_holder[1]
                back = f"returned {first.returned}" if first.returned else "never returned"
                yield ctx.finding(
                    Subject("equipment_item", item_id),
                    f"item {item_id} is issued to {person.id} on {issue.issued} while still "
                    f"with {open_holder[0].id} (issued {first.issued}, {back})",
                    details={
                        "holder": open_holder[0].id,
                        "held_from": first.issued.isoformat(),
                        "second_holder": person.id,
                        "issued": issue.issued.isoformat(),
                    },
                )
            if open_holder is None or _returns_later(issue, open_holder[1]):
                open_holder = (person, issue)


def _still_out(issue: Issue, on: pendulum.Date) -> bool:
    return issue.returned is None or on < issue.returned


def _returns_later(issue: Issue, than: Issue) -> bool:
    if than.returned is None:
        return False
    return issue.returned is None or issue.returned > than.returned


def _may_be_in_two_places(facts: Facts, person: Person) -> bool:
    """Whether the person has deployments of their own, or a crew deployed on two vessels."""
    if facts.fleet.own_deployments_of(person.id):
        return True
    return person.crew is not None and len(facts.crew_vessels(person.crew)) > 1


@builtin(
    code="DATA005",
    name="person-in-two-places",
    severity=Severity.ERROR,
    summary="A person is deployed on two vessels on the same day.",
    rationale="Sea time, manning and hours of rest all follow deployments; a person aboard "
    "two vessels at once makes each of them wrong. Good practice.",
    source="good practice",
    example="BF1031 is deployed on HMC Seeker from 2020-09-01 to 2020-09-14 and on HMC "
    "Valiant from 2020-09-10 to 2020-09-23.",
    fix="Correct the dates or the vessel of one deployment, or end the person's crew "
    "membership before the relief posting.",
    each=Subjects(
        "people deployed on their own or in a crew deployed on two vessels",
        ("person",),
        among=_may_be_in_two_places,
    ),
)
def person_in_two_places(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    for overlap in view.two_places(person):
        other, deployment = overlap.earlier, overlap.later
        until = overlap.until or view.date  # an overlap running on: up to the date
        yield ctx.about_person(
            person,
            f"{person.id} is deployed on {other.vessel} ({other.id}) and on "
            f"{deployment.vessel} ({deployment.id}) from {overlap.start} to {until}",
            details={
                "deployments": [other.id, deployment.id],
                "from": overlap.start.isoformat(),
                "to": until.isoformat(),
            },
        )


# -- work periods ----------------------------------------------------------------------------

_Placed = tuple[int, WorkPeriod]
"""A work period and its position in ``fleet.work_periods``."""


def _work_by_person(fleet: Fleet) -> dict[str, list[int]]:
    """Positions of each person's work periods that end after they start.

    DATA003 reports the others. Positions, not (position, period) pairs: a pair per
    period would live through the whole pass, and the garbage collector would move
    every one of them to its oldest generation.
    """
    found: dict[str, list[int]] = {}
    for position, period in enumerate(fleet.work_periods):
        if period.start < period.end:
            found.setdefault(period.person, []).append(position)
    return found


def _overlapping_pairs(
    periods: Sequence[WorkPeriod], positions: list[int]
) -> Iterator[tuple[_Placed, _Placed]]:
    """Every pair of periods that share some time, each earlier-starting period first.

    Periods that share only an end and a start (one ends at 12:00, the next starts at
    12:00) do not overlap. Of two identical periods, the one recorded first comes first.
    """
    ordered = sorted(positions, key=lambda p: (periods[p].start, periods[p].end, p))
    running: list[int] = []
    for position in ordered:
        start = periods[position].start
        running = [earlier for earlier in running if periods[earlier].end > start]
        for earlier in running:
            yield (earlier, periods[earlier]), (position, periods[position])
        running.append(position)


def _span(period: WorkPeriod) -> str:
    return f"{period.start.isoformat()} to {period.end.isoformat()}"


def _overlap_finding(fleet: Fleet, ctx: Context, first: _Placed, second: _Placed) -> Finding:
    """The finding for one overlapping pair, located at the second period's record."""
    places = [fleet.source_of("work_period", position) for position, _ in (first, second)]
    where = [f" ({place})" if place is not None else "" for place in places]
    a, b = first[1], second[1]
    person = a.person
    duplicate = a.start == b.start and a.end == b.end
    if duplicate:
        message = (
            f"duplicate work period of {person}: {_span(a)}{where[0]} is recorded again{where[1]}"
        )
    else:
        message = (
            f"work periods of {person} overlap: {_span(a)}{where[0]} and {_span(b)}{where[1]} "
            f"both cover {b.start.isoformat()} to {min(a.end, b.end).isoformat()}"
        )
    return ctx.finding(
        Subject("person", person),
        message,
        source=places[1],
        details={
            "duplicate": duplicate,
            "first_start": a.start.isoformat(),
            "first_end": a.end.isoformat(),
            "second_start": b.start.isoformat(),
            "second_end": b.end.isoformat(),
        },
    )


@builtin(
    code="DATA009",
    name="work-periods-overlap",
    severity=Severity.WARNING,
    summary="Two work periods of one person overlap, or one is recorded twice.",
    rationale="Nobody works two periods at once: overlapping records mean a period was "
    "entered twice (for example in a TOML file and again in a CSV export) or a time is "
    "wrong. The REST rules count overlapping work once, so the record of hours kept for "
    "MLC 2006 A2.3 says one thing and the check another. Good practice. Each overlapping "
    "pair is one finding, at the record of the period that starts later.",
    source="good practice; MLC 2006 A2.3 record keeping",
    example="BF1003 has a work period from 2021-02-01T06:00 to 12:00 and another from "
    "10:00 to 14:00 the same day; or the same period is in two files.",
    fix="Remove the duplicate record, or correct the start or end of whichever period is wrong.",
)
def work_periods_overlap(_: Fleet, ctx: Context) -> Iterator[Finding]:
    fleet = ctx.facts.fleet
    for positions in _work_by_person(fleet).values():
        for first, second in _overlapping_pairs(fleet.work_periods, positions):
            yield _overlap_finding(fleet, ctx, first, second)


# -- the certificate ladder ------------------------------------------------------------------


@builtin(
    code="DATA011",
    name="certificate-ladder-loop",
    severity=Severity.ERROR,
    summary="Certificate types supersede each other in a loop, or one supersedes itself.",
    rationale="`supersedes` puts certificate types on a ladder: a valid certificate of a "
    "type counts for every type below it, as a chief mate's STCW II/2 counts for an officer "
    "of the watch's II/1. A loop (II/1 supersedes II/2, which supersedes II/1) makes each "
    "type of it count for every other, so a requirement for the higher one is met by the "
    "lower: almost always one entry written the wrong way round. A type that supersedes "
    "itself says nothing and is reported too. Unknown ids in `supersedes` are DATA002's. "
    "Good practice.",
    source="good practice",
    example="stcw-ii-1 supersedes stcw-ii-2-co, which supersedes stcw-ii-1.",
    fix="Remove the entry that points down the wrong way: a type lists only the types "
    "below it (`stcw-ii-2-co` lists `stcw-ii-1`, not the other way round).",
)
def certificate_ladder_loop(_: Fleet, ctx: Context) -> Iterator[Finding]:
    facts = ctx.facts
    named: dict[str, tuple[str, ...]] = {}
    for certificate_type in facts.fleet.certificate_types:
        named.setdefault(certificate_type.id, certificate_type.supersedes)
    reported: set[str] = set()
    for type_id in named:
        if type_id in reported or type_id not in facts.lower(type_id):
            continue
        loop = [
            t
            for t in named
            if t == type_id or (t in facts.lower(type_id) and type_id in facts.lower(t))
        ]
        reported.update(loop)
        path = _loop_path(named, type_id, set(loop))
        if len(path) == 2:
            message = (
                f"certificate type {type_id} lists itself in `supersedes`: a type cannot be "
                "above itself"
            )
        else:
            steps = ", which supersedes ".join(path[1:])
            listed = ", ".join(loop[:-1]) + " and " + loop[-1]
            message = (
                f"certificate types {listed} supersede each other in a loop: {type_id} "
                f"supersedes {steps}; each type of the loop counts for every other, so none "
                "is higher"
            )
        yield ctx.finding(
            Subject("certificate_type", type_id),
            message,
            details={"types": loop, "loop": path},
        )


def _loop_path(named: Mapping[str, Sequence[str]], start: str, within: set[str]) -> list[str]:
    """The shortest way from ``start`` back to itself through ``supersedes``, both ends named."""
    parent: dict[str, str | None] = {start: None}
    frontier = [start]
    while frontier:
        following = []
        for type_id in frontier:
            for lower in named.get(type_id, ()):
                if lower == start:
                    path = [type_id]
                    while (up := parent[path[-1]]) is not None:
                        path.append(up)
                    return [*reversed(path), start]
                if lower in within and lower not in parent:
                    parent[lower] = type_id
                    following.append(lower)
        frontier = following
    return [start, start]  # not reached: ``start`` is on a loop within ``within``


# -- waivers ---------------------------------------------------------------------------------


@builtin(
    code="DATA006",
    name="waiver-expired",
    severity=Severity.WARNING,
    summary="A waiver has expired.",
    rationale="An expired dispensation no longer covers anything: the findings it covered "
    "count again, and the record should be closed or renewed. Good practice.",
    source="good practice",
    example="Waiver W-2021-003 for CERT001 on BF1017 expired at the end of 2021-02-28.",
    fix="Renew the waiver with a new expiry date if the dispensation still applies, or "
    "remove it once the finding is resolved.",
    each=WAIVERS,
)
def waiver_expired(waiver: Waiver, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    if waiver.expires is not None and view.passed(waiver.expires):
        days = view.days_since(waiver.expires)
        yield ctx.finding(
            Subject("waiver", waiver.id),
            f"waiver {waiver.id} ({waiver.rule} for {waiver.subject}) expired at the end of "
            f"{waiver.expires}, {count(days, 'day')} before {view.date}",
            details={"expires": waiver.expires.isoformat(), "days_ago": days},
        )


@builtin(
    code="DATA007",
    name="waiver-without-expiry",
    severity=Severity.WARNING,
    summary="A waiver has no expiry date.",
    rationale="Dispensations are temporary by nature; one without an end date becomes a "
    "permanent exception nobody reviews. Good practice.",
    source="good practice",
    example="Waiver W-2021-004 has no `expires`.",
    fix="Give the waiver an `expires` date.",
)
def waiver_without_expiry(_: Fleet, ctx: Context) -> Iterator[Finding]:
    fleet = ctx.facts.fleet
    for waiver in fleet.waivers:
        if waiver.expires is None:
            yield ctx.finding(
                Subject("waiver", waiver.id),
                f"waiver {waiver.id} ({waiver.rule} for {waiver.subject}), granted on "
                f"{waiver.granted_on} by {waiver.granted_by}, has no expiry date",
            )


@builtin(
    code="DATA008",
    name="waiver-unused",
    severity=Severity.WARNING,
    summary="A waiver in force covers no finding, or names a rule that does not exist.",
    rationale="A waiver that matches nothing is either out of date (the problem was fixed) "
    "or mistyped (and the finding it was meant for still counts). Good practice.",
    source="good practice",
    example="Waiver W-2021-005 is for CERT001 on person BF1099, who has no expired certificate.",
    fix="Remove the waiver if the problem is resolved; otherwise correct its rule or subject.",
    needs_findings=True,
)
def waiver_unused(_: Fleet, ctx: Context) -> Iterator[Finding]:
    fleet = ctx.facts.fleet
    used = {finding.waived_by for finding in ctx.findings if finding.waived_by}
    rules = {rule.code for rule in ctx.catalogue} | {rule.name for rule in ctx.catalogue}
    ran = {rule.code for rule in ctx.ran} | {rule.name for rule in ctx.ran}
    for waiver in fleet.waivers:
        if waiver.rule not in rules:
            close = difflib.get_close_matches(waiver.rule, sorted(rules), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield ctx.finding(
                Subject("waiver", waiver.id),
                f"waiver {waiver.id} names rule {waiver.rule!r}, which does not exist{hint}",
                details={"rule": waiver.rule},
            )
        elif ctx.facts.waiver_in_force(waiver) and waiver.rule in ran and waiver.id not in used:
            yield ctx.finding(
                Subject("waiver", waiver.id),
                f"waiver {waiver.id} ({waiver.rule} for {waiver.subject}) is in force on "
                f"{ctx.facts.date} but covers no finding",
                details={"rule": waiver.rule, "subject": str(waiver.subject)},
            )


# -- document versions ----------------------------------------------------------------------

_RECORDED = {
    VersionStatus.DRAFT: "a draft",
    VersionStatus.APPROVED: "approved",
    VersionStatus.SUPERSEDED: "superseded",
    VersionStatus.WITHDRAWN: "withdrawn",
}


def _written_words(written: RecordWritten) -> str:
    """Why the record of a document can have been written no earlier than ``written.day``."""
    day, label = written.day, written.version.label if written.version is not None else ""
    return {
        "approved": f"version {label} was approved on {day}",
        "in-force": f"version {label} is recorded as approved, in force from {day}",
        "superseded": f"version {label} is recorded as superseded, which it is from {day}",
        "withdrawn": f"version {label} is recorded as withdrawn from {day}",
        "reviewed": f"the document was reviewed on {day}",
    }[written.because]


def _dated_words(facts: View, document: Document, conflict: StatusConflict) -> str:
    """What the dates make a version on the day its record can first have been written."""
    version = conflict.version
    if conflict.status is VersionStatus.APPROVED:
        return f"in force: it took effect on {version.effective}"
    if conflict.status is VersionStatus.SUPERSEDED:
        successor = facts.successor(document, version)
        assert successor is not None
        return f"superseded: version {successor.label} took effect on {successor.effective}"
    if conflict.status is VersionStatus.WITHDRAWN:
        return f"withdrawn from {version.withdrawn}"
    if version.effective is None:
        return "a draft: it has no effective date"
    return f"a draft until it takes effect on {version.effective}"


def _never_words(facts: View, document: Document, conflict: StatusConflict) -> str:
    """Why a version's recorded status (approved or superseded) holds on no day at all."""
    version = conflict.version
    withdrawn = version.withdrawn
    if facts.taking_effect(version) is None:
        if version.effective is None:
            return "it has no effective date"
        return f"it is withdrawn on {withdrawn}, before it takes effect"
    if conflict.recorded is VersionStatus.APPROVED:  # never: see _recorded_span
        return f"it is withdrawn on {withdrawn}"
    successor = facts.successor(document, version)
    if successor is None:
        return "no later version takes effect"
    return (
        f"it is withdrawn on {withdrawn}, before version {successor.label} takes effect on "
        f"{successor.effective}"
    )


@builtin(
    code="DATA010",
    name="version-status-contradicts-dates",
    severity=Severity.WARNING,
    summary="A document version's recorded status contradicts its dates.",
    rationale="A version's status follows from its dates: a draft until its effective date, "
    "in force (approved) from then, superseded once a later version takes effect, withdrawn "
    "from its withdrawal date. The recorded status is what the register said when it was "
    "last written, which can be no earlier than the last date the record says has come (a "
    "status recorded, an approval, a review). A recorded status the dates never give, or "
    "give only before that day, misleads anyone reading the register (ISM Code §11; "
    "ISO 9001:2015 7.5.3, identification of the current revision). The check compares the "
    "record with its own dates, so it is the same on every date.",
    source="ISM Code §11; ISO 9001:2015 7.5.3",
    example="SOP-BRD-01 (Boarding of non-compliant vessels) version 1.0 is recorded as "
    "approved, but on 2020-09-01, the earliest day the record can have been written "
    "(version 2.0 is recorded as approved, in force from 2020-09-01), its dates make it "
    "superseded: version 2.0 took effect on 2020-09-01.",
    fix="Correct the recorded status to the one the dates give (a version approved but not "
    "yet in force is a draft until its effective date), or correct the dates; give a "
    "withdrawn version its `withdrawn` date.",
    each=DOCUMENTS,
)
def version_status_contradicts_dates(document: Document, ctx: Context) -> Iterator[Finding]:
    facts = ctx.facts
    conflicts = facts.status_conflicts(document)
    if not conflicts:
        return
    fleet = facts.fleet
    records = fleet.records("document")
    position = next(
        (p for p in fleet.positions("document", document.id) if records[p] is document), None
    )
    named = f"{document.id} ({document.title})"
    for conflict in conflicts:
        version, recorded = conflict.version, conflict.recorded
        said = f"{named} version {version.label} is recorded as {_RECORDED[recorded]}"
        written = conflict.written
        if conflict.status is None:
            never = (
                "put it in force" if recorded is VersionStatus.APPROVED else "make it superseded"
            )
            message = (
                f"{said}, but its dates never {never}: {_never_words(facts, document, conflict)}"
            )
        else:
            assert written is not None
            message = (
                f"{said}, but on {written.day}, the earliest day the record can have been "
                f"written ({_written_words(written)}), its dates make it "
                f"{_dated_words(facts, document, conflict)}"
            )
        yield ctx.finding(
            Subject("document", document.id),
            message,
            source=fleet.source_of("document", position, "versions", conflict.position)
            if position is not None
            else None,
            details={
                "version": version.label,
                "recorded": recorded.value,
                "status": conflict.status.value if conflict.status is not None else None,
                "written_from": written.day.isoformat() if written is not None else None,
            },
        )
