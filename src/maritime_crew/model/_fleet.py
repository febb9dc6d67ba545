"""The ``Fleet`` aggregate: every collection of a dataset, with lookup indexes."""

from __future__ import annotations

import functools
import itertools
from collections.abc import KeysView, Mapping, Sequence
from typing import Any, Generic, Protocol, TypeVar

import attrs

from ._base import doc
from ._dates import DateLike, as_date
from ._documents import Document, DocumentVersion
from ._equipment import EquipmentItem, EquipmentType
from ._hours import BUILTIN_REST_PROFILES, RestProfile, WorkPeriod
from ._operations import Debrief, DebriefFinding, Operation
from ._pathways import Grade, Pathway
from ._people import Issue, Person
from ._qualifications import CertificateType, Course, DutyRole
from ._terms import TermsAndConditions
from ._vessels import Crew, Deployment, Vessel
from ._waivers import Waiver

__all__ = ["TABLES", "Fleet", "SourceLocation", "SourceLookup", "Table"]


@attrs.frozen
class SourceLocation:
    """Where a record was read from: the file, and the line of its table header."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


class SourceLookup(Protocol):
    """Finds where a record came from, given its table and position in the fleet.

    ``path`` is the table name, the record's position in that collection, then
    optionally nested field names and positions, e.g. ``("person", 3, "certificates", 0)``.
    """

    def __call__(self, path: tuple[str | int, ...]) -> SourceLocation | None:
        """The most precise known location of the record at ``path``."""


@attrs.frozen
class Table:
    """A top-level table of the dataset format and the fleet collection it fills."""

    name: str
    """Table name in TOML and JSON (``person`` for ``[[person]]``)."""
    attribute: str
    """Attribute of :class:`~maritime_crew.Fleet` that holds the records (``people``)."""
    record: type[Any]
    """The record class."""
    kind: str
    """What one record is called in messages ("person", "equipment item")."""


TABLES: tuple[Table, ...] = (
    Table("vessel", "vessels", Vessel, "vessel"),
    Table("crew", "crews", Crew, "crew"),
    Table("person", "people", Person, "person"),
    Table("deployment", "deployments", Deployment, "deployment"),
    Table("certificate_type", "certificate_types", CertificateType, "certificate type"),
    Table("course", "courses", Course, "course"),
    Table("duty_role", "duty_roles", DutyRole, "duty role"),
    Table("pathway", "pathways", Pathway, "pathway"),
    Table("equipment_type", "equipment_types", EquipmentType, "equipment type"),
    Table("equipment_item", "equipment_items", EquipmentItem, "equipment item"),
    Table("document", "documents", Document, "document"),
    Table("operation", "operations", Operation, "operation"),
    Table("debrief", "debriefs", Debrief, "debrief"),
    Table("terms", "terms", TermsAndConditions, "terms and conditions set"),
    Table("rest_profile", "rest_profiles", RestProfile, "rest profile"),
    Table("work_period", "work_periods", WorkPeriod, "work period"),
    Table("waiver", "waivers", Waiver, "waiver"),
)
"""Every top-level table, in the order the format documents and dumps them."""


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_HasId)


class _IdIndex(Generic[R]):
    """Records of one table by id. The first record wins; duplicates stay visible."""

    __slots__ = ("_first", "_more", "_records")

    def __init__(self, records: tuple[R, ...]) -> None:
        self._records = records
        ids = [record.id for record in records]
        # Keys in data order; each id's position, which is its first when no id repeats.
        first = dict(zip(ids, range(len(ids)), strict=True))
        more: dict[str, list[int]] = {}
        if len(first) < len(ids):  # some id is used twice: keep the first position
            first = {}
            for position, record_id in enumerate(ids):
                if first.setdefault(record_id, position) != position:
                    more.setdefault(record_id, []).append(position)
        self._first = first
        """The position of the first record with each id (one int each: no list per record)."""
        self._more = more
        """Positions of the later records with an id that is used more than once."""

    def get(self, record_id: str) -> R | None:
        found = self._first.get(record_id)
        return self._records[found] if found is not None else None

    def positions(self, record_id: str) -> tuple[int, ...]:
        found = self._first.get(record_id)
        if found is None:
            return ()
        return (found, *self._more.get(record_id, ()))

    def duplicates(self) -> dict[str, tuple[int, ...]]:
        return {key: (self._first[key], *later) for key, later in self._more.items()}

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._first

    def ids(self) -> KeysView[str]:
        return self._first.keys()


class _Indexes(dict[str, "_IdIndex[Any]"]):
    """Id indexes by table name, each built when first asked for."""

    __slots__ = ("parent", "records")

    def __init__(self, records: dict[str, tuple[Any, ...]]) -> None:
        super().__init__()
        self.records = records
        self.parent: _Indexes | None = None
        """Indexes of a fleet this one shares tables with (the same record tuples)."""

    def __missing__(self, table: str) -> _IdIndex[Any]:
        records = self.records[table]
        parent = self.parent
        if parent is not None and parent.records[table] is records:
            index = parent[table]
        else:
            index = _IdIndex(records)
        self[table] = index
        return index


V = TypeVar("V")


def _group(keys: Sequence[str | None], values: Sequence[V]) -> dict[str, tuple[V, ...]]:
    """The values of each key, in data order; keys in order of first appearance.

    A ``None`` key is left out. Positions are sorted by key rather than appended to a
    list per key: those lists would live until the last value is read, long enough for
    the garbage collector to move them all to its oldest generation, where they count
    toward its next full pass (a fleet of 10,000 people has 29,000 items of kit).
    """
    rank: dict[str | None, int] = {}
    for key in keys:
        rank.setdefault(key, len(rank))
    ranks = [rank[key] for key in keys]
    order = sorted(range(len(keys)), key=ranks.__getitem__)
    return {
        key: tuple([values[i] for i in run])
        for key, run in itertools.groupby(order, key=keys.__getitem__)
        if key is not None
    }


@attrs.frozen
class Fleet:
    """Everything a dataset holds, with lookups by id and by relationship.

    Collections keep the order of the data. Records that share an id, or refer to ids
    that do not exist, load without complaint: the ``DATA`` rules report them. Lookups
    by id return the first record with that id.

    Indexes are built once, on first use, so a rule never scans one collection for each
    record of another.
    """

    vessels: tuple[Vessel, ...] = attrs.field(
        default=(),
        metadata=doc("Cutters and coastal patrol vessels (`[[vessel]]`). In data order."),
    )
    crews: tuple[Crew, ...] = attrs.field(
        default=(),
        metadata=doc("Rotation teams, each assigned to a vessel (`[[crew]]`). In data order."),
    )
    people: tuple[Person, ...] = attrs.field(
        default=(),
        metadata=doc(
            "Crew members and trainers, with what each holds (`[[person]]`). In data order."
        ),
    )
    deployments: tuple[Deployment, ...] = attrs.field(
        default=(),
        metadata=doc(
            "Time aboard a vessel, of a person or a crew (`[[deployment]]`). In data order."
        ),
    )
    certificate_types: tuple[CertificateType, ...] = attrs.field(
        default=(),
        metadata=doc(
            "Kinds of certificate, with validity (`[[certificate_type]]`). In data order."
        ),
    )
    courses: tuple[Course, ...] = attrs.field(
        default=(),
        metadata=doc("The training offer, with refresher periods (`[[course]]`). In data order."),
    )
    duty_roles: tuple[DutyRole, ...] = attrs.field(
        default=(), metadata=doc("Duty roles and what each needs (`[[duty_role]]`). In data order.")
    )
    pathways: tuple[Pathway, ...] = attrs.field(
        default=(), metadata=doc("Career pathways and their grades (`[[pathway]]`). In data order.")
    )
    equipment_types: tuple[EquipmentType, ...] = attrs.field(
        default=(),
        metadata=doc("Kinds of kit, with service schedules (`[[equipment_type]]`). In data order."),
    )
    equipment_items: tuple[EquipmentItem, ...] = attrs.field(
        default=(),
        metadata=doc("Items of kit, with service history (`[[equipment_item]]`). In data order."),
    )
    documents: tuple[Document, ...] = attrs.field(
        default=(),
        metadata=doc("The SEMS document register, with versions (`[[document]]`). In data order."),
    )
    operations: tuple[Operation, ...] = attrs.field(
        default=(), metadata=doc("Operations carried out (`[[operation]]`). In data order.")
    )
    debriefs: tuple[Debrief, ...] = attrs.field(
        default=(),
        metadata=doc("Debriefs of operations, with findings (`[[debrief]]`). In data order."),
    )
    terms: tuple[TermsAndConditions, ...] = attrs.field(
        default=(), metadata=doc("Terms and conditions sets (`[[terms]]`). In data order.")
    )
    rest_profiles: tuple[RestProfile, ...] = attrs.field(
        default=(),
        metadata=doc("Hours-of-rest profiles of the dataset (`[[rest_profile]]`). In data order."),
    )
    work_periods: tuple[WorkPeriod, ...] = attrs.field(
        default=(),
        metadata=doc("Hours of work, from `[[work_period]]` tables and CSV files. In data order."),
    )
    waivers: tuple[Waiver, ...] = attrs.field(
        default=(),
        metadata=doc("Dispensations that waive matching findings (`[[waiver]]`). In data order."),
    )
    sources: SourceLookup | None = attrs.field(
        default=None,
        eq=False,
        repr=False,
        metadata=doc(
            "Where each record was read from (see `source_of`); None for a fleet built in code."
        ),
    )

    # -- sources -------------------------------------------------------------------

    def source_of(self, table: str, position: int, *nested: str | int) -> SourceLocation | None:
        """Where the record at ``position`` of ``table`` (and optionally a nested record) came from.

        ``fleet.source_of("person", 3, "certificates", 0)`` gives the file and line of the
        fourth person's first certificate, or of the person if the certificate has no
        header line of its own.
        """
        if self.sources is None:
            return None
        return self.sources((table, position, *nested))

    def locate(self, table: str, record_id: str) -> SourceLocation | None:
        """Where the first record with ``record_id`` in ``table`` came from."""
        positions = self._ids(table).positions(record_id)
        return self.source_of(table, positions[0]) if positions else None

    # -- lookups by id -------------------------------------------------------------

    def _ids(self, table: str) -> _IdIndex[Any]:
        return self._id_indexes[table]

    @functools.cached_property
    def _id_indexes(self) -> _Indexes:
        return _Indexes(
            {
                table.name: getattr(self, table.attribute)
                for table in TABLES
                if table.name != "work_period"
            }
        )

    def _share_indexes(self, other: Fleet) -> None:
        """Use the id indexes of ``other`` for the tables this fleet shares with it."""
        self._id_indexes.parent = other._id_indexes

    def has(self, table: str, record_id: str) -> bool:
        """True if ``table`` has a record with ``record_id``."""
        return record_id in self._ids(table)

    def ids(self, table: str) -> KeysView[str]:
        """Every id used in ``table`` (``"person"``, ``"vessel"`` …), once each, in data order."""
        return self._ids(table).ids()

    def positions(self, table: str, record_id: str) -> tuple[int, ...]:
        """Positions of every record in ``table`` with ``record_id``.

        More than one position means the id is duplicated.
        """
        return self._ids(table).positions(record_id)

    def duplicate_ids(self, table: str) -> dict[str, tuple[int, ...]]:
        """Ids used by more than one record of ``table``, with the positions of those records."""
        return self._ids(table).duplicates()

    def vessel(self, vessel_id: str) -> Vessel | None:
        """The vessel with this id, or ``None``."""
        return self._id_indexes["vessel"].get(vessel_id)

    def crew(self, crew_id: str) -> Crew | None:
        """The crew with this id, or ``None``."""
        return self._id_indexes["crew"].get(crew_id)

    def person(self, person_id: str) -> Person | None:
        """The person with this staff number, or ``None``."""
        return self._id_indexes["person"].get(person_id)

    def deployment(self, deployment_id: str) -> Deployment | None:
        """The deployment with this id, or ``None``."""
        return self._id_indexes["deployment"].get(deployment_id)

    def certificate_type(self, type_id: str) -> CertificateType | None:
        """The certificate type with this id, or ``None``."""
        return self._id_indexes["certificate_type"].get(type_id)

    def course(self, course_id: str) -> Course | None:
        """The course with this id, or ``None``."""
        return self._id_indexes["course"].get(course_id)

    def duty_role(self, role_id: str) -> DutyRole | None:
        """The duty role with this id, or ``None``."""
        return self._id_indexes["duty_role"].get(role_id)

    def pathway(self, pathway_id: str) -> Pathway | None:
        """The pathway with this id, or ``None``."""
        return self._id_indexes["pathway"].get(pathway_id)

    def equipment_type(self, type_id: str) -> EquipmentType | None:
        """The equipment type with this id, or ``None``."""
        return self._id_indexes["equipment_type"].get(type_id)

    def equipment_item(self, item_id: str) -> EquipmentItem | None:
        """The equipment item with this id, or ``None``."""
        return self._id_indexes["equipment_item"].get(item_id)

    def document(self, document_id: str) -> Document | None:
        """The document with this id, or ``None``."""
        return self._id_indexes["document"].get(document_id)

    def operation(self, operation_id: str) -> Operation | None:
        """The operation with this id, or ``None``."""
        return self._id_indexes["operation"].get(operation_id)

    def debrief(self, debrief_id: str) -> Debrief | None:
        """The debrief with this id, or ``None``."""
        return self._id_indexes["debrief"].get(debrief_id)

    def terms_set(self, terms_id: str) -> TermsAndConditions | None:
        """The terms and conditions set with this id, or ``None``."""
        return self._id_indexes["terms"].get(terms_id)

    def waiver(self, waiver_id: str) -> Waiver | None:
        """The waiver with this id, or ``None``."""
        return self._id_indexes["waiver"].get(waiver_id)

    def rest_profile(self, profile_id: str) -> RestProfile | None:
        """The rest profile with this id: one defined in the data, else a built-in one."""
        found: RestProfile | None = self._id_indexes["rest_profile"].get(profile_id)
        return found if found is not None else BUILTIN_REST_PROFILES.get(profile_id)

    # -- grades ----------------------------------------------------------------------

    @functools.cached_property
    def _grades(self) -> dict[str, tuple[Pathway, int]]:
        grades: dict[str, tuple[Pathway, int]] = {}
        for pathway in self.pathways:
            for position, grade in enumerate(pathway.grades):
                grades.setdefault(grade.id, (pathway, position))
        return grades

    def grade(self, grade_id: str) -> Grade | None:
        """The grade with this id on any pathway, or ``None``."""
        found = self._grades.get(grade_id)
        return found[0].grades[found[1]] if found else None

    def pathway_of(self, grade_id: str) -> Pathway | None:
        """The pathway a grade belongs to, or ``None``."""
        found = self._grades.get(grade_id)
        return found[0] if found else None

    # -- relationships -------------------------------------------------------------

    @functools.cached_property
    def _crews_by_vessel(self) -> dict[str, tuple[Crew, ...]]:
        return _group([crew.vessel for crew in self.crews], self.crews)

    @functools.cached_property
    def _members_by_crew(self) -> dict[str, tuple[Person, ...]]:
        return _group([person.crew for person in self.people], self.people)

    @functools.cached_property
    def _deployments_by_person(self) -> dict[str, tuple[Deployment, ...]]:
        return _group([d.person for d in self.deployments], self.deployments)

    @functools.cached_property
    def _deployments_by_crew(self) -> dict[str, tuple[Deployment, ...]]:
        return _group([d.crew for d in self.deployments], self.deployments)

    @functools.cached_property
    def _deployments_by_vessel(self) -> dict[str, tuple[Deployment, ...]]:
        return _group([d.vessel for d in self.deployments], self.deployments)

    @functools.cached_property
    def _issues_by_item(self) -> dict[str, tuple[tuple[int, int], ...]]:
        # Positions (person, issue), not the records: whole numbers, which the garbage
        # collector does not trace (a fleet of 10,000 people has some 29,000 issues).
        people = self.people
        return _group(
            [issue.item for person in people for issue in person.issues],
            [(p, i) for p, person in enumerate(people) for i in range(len(person.issues))],
        )

    @functools.cached_property
    def _operations_by_vessel(self) -> dict[str, tuple[Operation, ...]]:
        return _group([operation.vessel for operation in self.operations], self.operations)

    @functools.cached_property
    def _debriefs_by_operation(self) -> dict[str, tuple[Debrief, ...]]:
        return _group([debrief.operation for debrief in self.debriefs], self.debriefs)

    @functools.cached_property
    def _findings(self) -> dict[str, tuple[Debrief, DebriefFinding]]:
        findings: dict[str, tuple[Debrief, DebriefFinding]] = {}
        for debrief in self.debriefs:
            for finding in debrief.findings:
                findings.setdefault(finding.id, (debrief, finding))
        return findings

    @functools.cached_property
    def _addressed_by(self) -> dict[str, tuple[tuple[Document, DocumentVersion], ...]]:
        addressed = [
            (finding_id, (document, version))
            for document in self.documents
            for version in document.versions
            for finding_id in version.addresses
        ]
        return _group([key for key, _ in addressed], [value for _, value in addressed])

    @functools.cached_property
    def _work_by_person(self) -> dict[str, tuple[WorkPeriod, ...]]:
        return _group([period.person for period in self.work_periods], self.work_periods)

    def crews_of(self, vessel_id: str) -> tuple[Crew, ...]:
        """Crews assigned to a vessel, in data order."""
        return self._crews_by_vessel.get(vessel_id, ())

    def members_of(self, crew_id: str) -> tuple[Person, ...]:
        """People whose current crew is ``crew_id``, in data order."""
        return self._members_by_crew.get(crew_id, ())

    def deployments_of(self, person_id: str) -> tuple[Deployment, ...]:
        """Deployments of a person: their own, then their current crew's since they joined it.

        A crew deployment that began before ``crew_since`` is included when it runs past
        that date; whoever counts sea time clips it to the days the person was in the crew.
        """
        own = self._deployments_by_person.get(person_id, ())
        person = self.person(person_id)
        if person is None or person.crew is None:
            return own
        crew_deployments = tuple(
            d
            for d in self._deployments_by_crew.get(person.crew, ())
            if person.crew_since is None or d.end is None or d.end >= person.crew_since
        )
        return own + crew_deployments

    def own_deployments_of(self, person_id: str) -> tuple[Deployment, ...]:
        """Deployments of a person alone (``person = ...``), not those of their crew."""
        return self._deployments_by_person.get(person_id, ())

    def deployments_of_crew(self, crew_id: str) -> tuple[Deployment, ...]:
        """Deployments of a whole crew."""
        return self._deployments_by_crew.get(crew_id, ())

    def deployments_on(self, vessel_id: str) -> tuple[Deployment, ...]:
        """Deployments aboard a vessel, of people and of crews."""
        return self._deployments_by_vessel.get(vessel_id, ())

    def issues_of(self, item_id: str) -> tuple[tuple[Person, Issue], ...]:
        """Every ledger entry for an item, with the person it was issued to."""
        people = self.people
        return tuple(
            (people[p], people[p].issues[i]) for p, i in self._issues_by_item.get(item_id, ())
        )

    def holders_of(self, item_id: str, on: DateLike) -> tuple[Person, ...]:
        """Who held the item on a date (more than one person is a data problem)."""
        on = as_date(on, "on")
        return tuple(person for person, issue in self.issues_of(item_id) if issue.held_on(on))

    def items_held(self, person_id: str, on: DateLike) -> tuple[EquipmentItem, ...]:
        """Items issued to a person and not yet returned on a date (unknown items are skipped)."""
        on = as_date(on, "on")
        person = self.person(person_id)
        if person is None:
            return ()
        items = (self.equipment_item(issue.item) for issue in person.issues if issue.held_on(on))
        return tuple(item for item in items if item is not None)

    def operations_of(self, vessel_id: str) -> tuple[Operation, ...]:
        """Operations a vessel took part in."""
        return self._operations_by_vessel.get(vessel_id, ())

    def debriefs_of(self, operation_id: str) -> tuple[Debrief, ...]:
        """Debriefs recorded for an operation."""
        return self._debriefs_by_operation.get(operation_id, ())

    def debrief_finding(self, finding_id: str) -> tuple[Debrief, DebriefFinding] | None:
        """A debrief finding by id, with the debrief that recorded it."""
        return self._findings.get(finding_id)

    def versions_addressing(self, finding_id: str) -> tuple[tuple[Document, DocumentVersion], ...]:
        """Document versions that state they address a debrief finding."""
        return self._addressed_by.get(finding_id, ())

    def work_periods_of(self, person_id: str) -> tuple[WorkPeriod, ...]:
        """A person's recorded work periods, in data order."""
        return self._work_by_person.get(person_id, ())

    def records(self, table: str) -> tuple[Any, ...]:
        """The records of a table by its dataset name (``"person"``, ``"vessel"`` …)."""
        return getattr(self, _ATTRIBUTES[table])  # type: ignore[no-any-return]


_ATTRIBUTES: Mapping[str, str] = {table.name: table.attribute for table in TABLES}
