"""The lookup indexes of a fleet: records by id and by relationship.

A :class:`~maritime_crew.model.Fleet` holds one :class:`FleetIndex`, made on first use
and gone with the fleet. Each index in it is built the first time it is asked for, from
the fleet's record tuples alone: nothing here depends on a date. Answers that depend on
a date, and everything worked out for rules, live in :mod:`maritime_crew.facts`, which
the fleet keeps here too (:meth:`FleetIndex.kept`).
"""

from __future__ import annotations

import functools
import itertools
import threading
import weakref
from collections.abc import Callable, KeysView, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from ._documents import Document, DocumentVersion
    from ._fleet import Fleet
    from ._hours import WorkPeriod
    from ._operations import Debrief, DebriefFinding, Operation
    from ._pathways import Pathway
    from ._people import Person
    from ._vessels import Crew, Deployment

__all__ = ["FleetIndex", "IdIndex"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_HasId)
V = TypeVar("V")
T = TypeVar("T")

_KEEP_LOCK = threading.Lock()

_REFERENCE = (
    "certificate_type",
    "course",
    "crew",
    "duty_role",
    "equipment_type",
    "pathway",
    "person",
    "practice_kind",
    "terms",
    "vessel",
)
"""The tables :attr:`FleetIndex.reference` holds: reference data, people, vessels, crews."""
"""Held while an object is first made for :meth:`FleetIndex.kept`, so a fleet checked from
several threads at once still keeps one of each."""


class IdIndex(Generic[R]):
    """Records of one table by id. The first record wins; duplicates stay visible."""

    __slots__ = ("_first", "_more", "_position", "_records")

    def __init__(self, records: tuple[R, ...]) -> None:
        self._records = records
        # Keys in data order, each to its first record: no int object per record (at
        # 100,000 people, a million deployments), where a position would need one.
        first = {record.id: record for record in records}
        more = _repeated(records) if len(first) < len(records) else {}
        for key, found in more.items():  # the first record wins (the key keeps its place)
            first[key] = records[found[0]]
        self._first: dict[str, R] = first
        """The first record with each id."""
        self._more = more
        """Every position of each id that is used more than once."""
        self._position: dict[str, int] | None = None
        """Each id's position, made when first asked for (few tables are asked)."""

    def get(self, record_id: str) -> R | None:
        return self._first.get(record_id)

    def first_positions(self) -> dict[str, int]:
        """The position of the first record with each id, made when first asked for."""
        position = self._position
        if position is None:
            position = {r.id: p for p, r in enumerate(self._records)}
            position.update((key, found[0]) for key, found in self._more.items())
            self._position = position
        return position

    def positions(self, record_id: str) -> tuple[int, ...]:
        found = self._more.get(record_id)
        if found is not None:
            return found
        at = self.first_positions().get(record_id)
        return () if at is None else (at,)

    def duplicates(self) -> dict[str, tuple[int, ...]]:
        return dict(self._more)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._first

    def ids(self) -> KeysView[str]:
        return self._first.keys()


def _repeated(records: Sequence[Any]) -> dict[str, tuple[int, ...]]:
    """Every position of each id that more than one of ``records`` uses, in data order."""
    seen: set[str] = set()
    twice: set[str] = set()
    for record in records:
        (twice if record.id in seen else seen).add(record.id)
    if not twice:
        return {}
    found: dict[str, list[int]] = {}
    for position, record in enumerate(records):
        if record.id in twice:
            found.setdefault(record.id, []).append(position)
    return {key: tuple(positions) for key, positions in found.items()}


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


class FleetIndex:
    """Every lookup index of one fleet, each built on first use."""

    def __init__(self, fleet: Fleet) -> None:
        # Weakly: the fleet holds this index, and a cycle between them would keep both
        # alive until the garbage collector's next full pass.
        self._fleet_ref = weakref.ref(fleet)
        self._ids: dict[str, IdIndex[Any]] = {}
        self._kept: dict[object, Any] = {}

    @property
    def _fleet(self) -> Fleet:
        fleet = self._fleet_ref()
        assert fleet is not None, "an index outlived its fleet"
        return fleet

    def kept(self, key: object, make: Callable[[Fleet], T]) -> T:
        """The object kept under ``key``, made by ``make(fleet)`` the first time."""
        found = self._kept.get(key)
        if found is None:
            with _KEEP_LOCK:
                found = self._kept.get(key)
                if found is None:
                    found = self._kept[key] = make(self._fleet)
        return found

    @functools.cached_property
    def reference(self) -> dict[str, dict[str, Any]]:
        """For each small table looked up by id all the time, the first record of each id.

        Plain dictionaries: a lookup is one ``dict.get``, where :meth:`ids` goes through
        an :class:`IdIndex`.
        """
        fleet = self._fleet
        found: dict[str, dict[str, Any]] = {}
        for table in _REFERENCE:
            by_id: dict[str, Any] = {}
            for record in fleet.records(table):
                by_id.setdefault(record.id, record)
            found[table] = by_id
        return found

    def duplicates(self, table: str) -> dict[str, tuple[int, ...]]:
        """Ids used by more than one record of a table, with the positions of those records.

        From the table's index if it is made, else worked out and forgotten: a table that
        nothing looks up by id (a million deployments at 100,000 people) then keeps no
        index only for this.
        """
        found = self._ids.get(table)
        if found is not None:
            return found.duplicates()
        return _repeated(self._fleet.records(table))

    def ids(self, table: str) -> IdIndex[Any]:
        """The id index of a table by its dataset name (``"person"``)."""
        found = self._ids.get(table)
        if found is None:
            found = self._ids.setdefault(table, IdIndex(self._fleet.records(table)))
        return found

    @functools.cached_property
    def grades(self) -> dict[str, tuple[Pathway, int]]:
        grades: dict[str, tuple[Pathway, int]] = {}
        for pathway in self._fleet.pathways:
            for position, grade in enumerate(pathway.grades):
                grades.setdefault(grade.id, (pathway, position))
        return grades

    @functools.cached_property
    def crews_by_vessel(self) -> dict[str, tuple[Crew, ...]]:
        crews = self._fleet.crews
        return _group([crew.vessel for crew in crews], crews)

    @functools.cached_property
    def members_by_crew(self) -> dict[str, tuple[Person, ...]]:
        people = self._fleet.people
        return _group([person.crew for person in people], people)

    @functools.cached_property
    def deployments_by_person(self) -> dict[str, tuple[Deployment, ...]]:
        deployments = self._fleet.deployments
        return _group([d.person for d in deployments], deployments)

    @functools.cached_property
    def deployments_by_crew(self) -> dict[str, tuple[Deployment, ...]]:
        deployments = self._fleet.deployments
        return _group([d.crew for d in deployments], deployments)

    @functools.cached_property
    def deployments_by_cover(self) -> dict[str, tuple[Deployment, ...]]:
        deployments = [d for d in self._fleet.deployments if d.cover]
        return _group(
            [p for d in deployments for p in d.cover], [d for d in deployments for _ in d.cover]
        )

    @functools.cached_property
    def deployments_by_vessel(self) -> dict[str, tuple[Deployment, ...]]:
        deployments = self._fleet.deployments
        return _group([d.vessel for d in deployments], deployments)

    @functools.cached_property
    def issues_by_item(self) -> dict[str, tuple[tuple[int, int], ...]]:
        # Positions (person, issue), not the records: whole numbers, which the garbage
        # collector does not trace (a fleet of 10,000 people has some 29,000 issues).
        people = self._fleet.people
        return _group(
            [issue.item for person in people for issue in person.issues],
            [(p, i) for p, person in enumerate(people) for i in range(len(person.issues))],
        )

    @functools.cached_property
    def operations_by_vessel(self) -> dict[str, tuple[Operation, ...]]:
        operations = self._fleet.operations
        return _group([operation.vessel for operation in operations], operations)

    @functools.cached_property
    def debriefs_by_operation(self) -> dict[str, tuple[Debrief, ...]]:
        debriefs = self._fleet.debriefs
        return _group([debrief.operation for debrief in debriefs], debriefs)

    @functools.cached_property
    def debrief_findings(self) -> dict[str, tuple[Debrief, DebriefFinding]]:
        findings: dict[str, tuple[Debrief, DebriefFinding]] = {}
        for debrief in self._fleet.debriefs:
            for finding in debrief.findings:
                findings.setdefault(finding.id, (debrief, finding))
        return findings

    @functools.cached_property
    def addressed_by(self) -> dict[str, tuple[tuple[Document, DocumentVersion], ...]]:
        addressed = [
            (finding_id, (document, version))
            for document in self._fleet.documents
            for version in document.versions
            for finding_id in version.addresses
        ]
        return _group([key for key, _ in addressed], [value for _, value in addressed])

    @functools.cached_property
    def work_by_person(self) -> dict[str, tuple[WorkPeriod, ...]]:
        periods = self._fleet.work_periods
        return _group([period.person for period in periods], periods)
