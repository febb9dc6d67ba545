"""The ``Fleet`` aggregate: every collection of a dataset, with lookup indexes."""

from __future__ import annotations

import functools
from collections.abc import Callable, KeysView, Mapping
from typing import Any, Protocol, TypeVar

import attrs

from ._base import doc
from ._dates import DateLike, as_date
from ._documents import Document, DocumentVersion
from ._equipment import EquipmentItem, EquipmentType
from ._hours import BUILTIN_REST_PROFILES, RestProfile, WorkPeriod
from ._index import FleetIndex, IdIndex
from ._operations import Debrief, DebriefFinding, Operation
from ._pathways import Grade, Pathway
from ._people import Issue, Person
from ._practice import PracticeKind
from ._qualifications import CertificateType, Course, DutyRole
from ._terms import TermsAndConditions
from ._vessels import Crew, Deployment, Vessel
from ._waivers import Waiver

__all__ = ["TABLES", "Fleet", "SourceLocation", "SourceLookup", "Table"]

T = TypeVar("T")


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
    """Attribute of :class:`~maritime_crew.model.Fleet` that holds the records (``people``)."""
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
    Table("practice_kind", "practice_kinds", PracticeKind, "practice kind"),
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
    practice_kinds: tuple[PracticeKind, ...] = attrs.field(
        default=(),
        metadata=doc(
            "Kinds of logged practice that currency counts (`[[practice_kind]]`). In data order."
        ),
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

    def _ids(self, table: str) -> IdIndex[Any]:
        return self._index.ids(table)

    @functools.cached_property
    def _index(self) -> FleetIndex:
        """The fleet's lookup indexes, each built when first used (see ``_index.py``)."""
        return FleetIndex(self)

    def kept(self, key: object, make: Callable[[Fleet], T]) -> T:
        """What ``make(fleet)`` works out, made once and kept as long as the fleet.

        This is how :mod:`maritime_crew.facts` keeps its caches with the fleet they
        describe, so that they go when the fleet goes. ``key`` names the kept object.
        """
        return self._index.kept(key, make)

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

    def first_positions(self, table: str) -> Mapping[str, int]:
        """The position in ``table`` of the first record with each id (made once, kept)."""
        return self._ids(table).first_positions()

    def duplicate_ids(self, table: str) -> dict[str, tuple[int, ...]]:
        """Ids used by more than one record of ``table``, with the positions of those records."""
        return self._index.duplicates(table)

    def vessel(self, vessel_id: str) -> Vessel | None:
        """The vessel with this id, or ``None``."""
        return self._index.reference["vessel"].get(vessel_id)

    def crew(self, crew_id: str) -> Crew | None:
        """The crew with this id, or ``None``."""
        return self._index.reference["crew"].get(crew_id)

    def person(self, person_id: str) -> Person | None:
        """The person with this staff number, or ``None``."""
        return self._index.reference["person"].get(person_id)

    def deployment(self, deployment_id: str) -> Deployment | None:
        """The deployment with this id, or ``None``."""
        return self._index.ids("deployment").get(deployment_id)

    def certificate_type(self, type_id: str) -> CertificateType | None:
        """The certificate type with this id, or ``None``."""
        return self._index.reference["certificate_type"].get(type_id)

    def course(self, course_id: str) -> Course | None:
        """The course with this id, or ``None``."""
        return self._index.reference["course"].get(course_id)

    def practice_kind(self, kind_id: str) -> PracticeKind | None:
        """The practice kind with this id, or ``None``."""
        return self._index.reference["practice_kind"].get(kind_id)

    def duty_role(self, role_id: str) -> DutyRole | None:
        """The duty role with this id, or ``None``."""
        return self._index.reference["duty_role"].get(role_id)

    def pathway(self, pathway_id: str) -> Pathway | None:
        """The pathway with this id, or ``None``."""
        return self._index.reference["pathway"].get(pathway_id)

    def equipment_type(self, type_id: str) -> EquipmentType | None:
        """The equipment type with this id, or ``None``."""
        return self._index.reference["equipment_type"].get(type_id)

    def equipment_item(self, item_id: str) -> EquipmentItem | None:
        """The equipment item with this id, or ``None``."""
        return self._index.ids("equipment_item").get(item_id)

    def document(self, document_id: str) -> Document | None:
        """The document with this id, or ``None``."""
        return self._index.ids("document").get(document_id)

    def operation(self, operation_id: str) -> Operation | None:
        """The operation with this id, or ``None``."""
        return self._index.ids("operation").get(operation_id)

    def debrief(self, debrief_id: str) -> Debrief | None:
        """The debrief with this id, or ``None``."""
        return self._index.ids("debrief").get(debrief_id)

    def terms_set(self, terms_id: str) -> TermsAndConditions | None:
        """The terms and conditions set with this id, or ``None``."""
        return self._index.reference["terms"].get(terms_id)

    def waiver(self, waiver_id: str) -> Waiver | None:
        """The waiver with this id, or ``None``."""
        return self._index.ids("waiver").get(waiver_id)

    def rest_profile(self, profile_id: str) -> RestProfile | None:
        """The rest profile with this id: one defined in the data, else a built-in one."""
        found: RestProfile | None = self._index.ids("rest_profile").get(profile_id)
        return found if found is not None else BUILTIN_REST_PROFILES.get(profile_id)

    # -- grades ----------------------------------------------------------------------

    def grade(self, grade_id: str) -> Grade | None:
        """The grade with this id on any pathway, or ``None``."""
        found = self._index.grades.get(grade_id)
        return found[0].grades[found[1]] if found else None

    def pathway_of(self, grade_id: str) -> Pathway | None:
        """The pathway a grade belongs to, or ``None``."""
        found = self._index.grades.get(grade_id)
        return found[0] if found else None

    # -- relationships -------------------------------------------------------------

    def crews_of(self, vessel_id: str) -> tuple[Crew, ...]:
        """Crews assigned to a vessel, in data order."""
        return self._index.crews_by_vessel.get(vessel_id, ())

    def members_of(self, crew_id: str) -> tuple[Person, ...]:
        """People whose current crew is ``crew_id``, in data order."""
        return self._index.members_by_crew.get(crew_id, ())

    def deployments_of(self, person_id: str) -> tuple[Deployment, ...]:
        """Deployments of a person: their own, then their current crew's since they joined it.

        A crew deployment that began before ``crew_since`` is included when it runs past
        that date; whoever counts sea time clips it to the days the person was in the crew.
        """
        own = self._index.deployments_by_person.get(person_id, ())
        person = self.person(person_id)
        if person is None or person.crew is None:
            return own
        crew_deployments = tuple(
            d
            for d in self._index.deployments_by_crew.get(person.crew, ())
            if person.crew_since is None or d.end is None or d.end >= person.crew_since
        )
        return own + crew_deployments

    def covered_by(self, person_id: str) -> tuple[Deployment, ...]:
        """Crew deployments a person sailed on as cover (named in ``cover``), in data order."""
        return self._index.deployments_by_cover.get(person_id, ())

    def own_deployments_of(self, person_id: str) -> tuple[Deployment, ...]:
        """Deployments of a person alone (``person = ...``), not those of their crew."""
        return self._index.deployments_by_person.get(person_id, ())

    def deployments_of_crew(self, crew_id: str) -> tuple[Deployment, ...]:
        """Deployments of a whole crew."""
        return self._index.deployments_by_crew.get(crew_id, ())

    def deployments_on(self, vessel_id: str) -> tuple[Deployment, ...]:
        """Deployments aboard a vessel, of people and of crews."""
        return self._index.deployments_by_vessel.get(vessel_id, ())

    def issues_of(self, item_id: str) -> tuple[tuple[Person, Issue], ...]:
        """Every ledger entry for an item, with the person it was issued to."""
        people = self.people
        return tuple(
            (people[p], people[p].issues[i]) for p, i in self._index.issues_by_item.get(item_id, ())
        )

    def ledger_positions(self, item_id: str) -> tuple[tuple[int, int], ...]:
        """Where the item's ledger entries are: each (person's position, entry's position).

        The positions in ``people`` and in that person's ``issues``, in data order.
        """
        return self._index.issues_by_item.get(item_id, ())

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
        return self._index.operations_by_vessel.get(vessel_id, ())

    def debriefs_of(self, operation_id: str) -> tuple[Debrief, ...]:
        """Debriefs recorded for an operation."""
        return self._index.debriefs_by_operation.get(operation_id, ())

    def debrief_finding(self, finding_id: str) -> tuple[Debrief, DebriefFinding] | None:
        """A debrief finding by id, with the debrief that recorded it."""
        return self._index.debrief_findings.get(finding_id)

    def versions_addressing(self, finding_id: str) -> tuple[tuple[Document, DocumentVersion], ...]:
        """Document versions that state they address a debrief finding."""
        return self._index.addressed_by.get(finding_id, ())

    def work_periods_of(self, person_id: str) -> tuple[WorkPeriod, ...]:
        """A person's recorded work periods, in data order."""
        return self._index.work_by_person.get(person_id, ())

    def records(self, table: str) -> tuple[Any, ...]:
        """The records of a table by its dataset name (``"person"``, ``"vessel"`` …)."""
        return getattr(self, _ATTRIBUTES[table])  # type: ignore[no-any-return]


_ATTRIBUTES: Mapping[str, str] = {table.name: table.attribute for table in TABLES}
