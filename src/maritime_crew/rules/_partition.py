"""Partitions: the parts of a fleet that a rule can be run on one at a time.

A rule that looks at each person (or item, or crew) on its own finds, in the
whole fleet, exactly what it finds in each part of the fleet together. Declaring that
with ``partition=`` lets :func:`~maritime_crew.timeline` run the rule again only for
the parts whose records change on a date, and work out change points part by part,
which is far fewer than for the whole fleet. ``check`` always runs rules on the whole
fleet; a partition only changes how the timeline gets the same answer.

A part is itself a :class:`~maritime_crew.Fleet`: the records of the part, every
record of the tables the partition leaves whole, and the sources of the original
records, so findings name the same files and lines as in the whole fleet.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import attrs

from ..model import TABLES, Fleet, SourceLocation, SourceLookup, Subject

__all__ = [
    "Partition",
    "Parts",
    "by_crew",
    "by_equipment_item",
    "by_person",
]


@attrs.frozen
class Parts:
    """A fleet split by a :class:`Partition`: the parts, and which subject names each."""

    fleets: tuple[Fleet, ...]
    """The parts, in the order of the records that name them."""
    subjects: Mapping[Subject, int] = attrs.field(eq=False)
    """Position in ``fleets`` of the part a finding about each subject comes from."""


@attrs.frozen
class Partition:
    """A way to split a fleet so that a rule's findings can be found part by part.

    The promise a rule makes by declaring a partition: its findings in the whole fleet
    are exactly its findings in the parts together, and each finding's subject names
    the part it comes from.
    """

    name: str
    """What one part is, e.g. ``"person"``."""
    split: Callable[[Fleet], Iterable[tuple[Subject, Fleet]]] = attrs.field(eq=False, repr=False)
    """The parts of a fleet, each with the subject that names it."""

    def parts(self, fleet: Fleet) -> Parts:
        """The parts of ``fleet``, made once per fleet."""
        key = (id(fleet), self.name)
        with _LOCK:
            found = _PARTS.get(key)
        if found is not None and found[0] is fleet and found[1] is self:
            return found[2]
        pairs = list(self.split(fleet))
        parts = Parts(
            tuple(piece for _, piece in pairs),
            {subject: index for index, (subject, _) in enumerate(pairs)},
        )
        with _LOCK:
            if len(_PARTS) > 32:
                _PARTS.clear()
            _PARTS[key] = (fleet, self, parts)
        return parts


_TABLE_OF = {table.attribute: table.name for table in TABLES}
_LOCK = threading.Lock()
_PARTS: dict[tuple[int, str], tuple[Fleet, Partition, Parts]] = {}
"""Parts of recent fleets, by fleet and partition name."""


class _Remapped:
    """Sources of a part: positions in the part mapped back to the whole fleet."""

    __slots__ = ("_maps", "_sources")

    def __init__(self, sources: SourceLookup, maps: Mapping[str, Sequence[int]]) -> None:
        self._sources = sources
        self._maps = maps

    def __call__(self, path: tuple[str | int, ...]) -> SourceLocation | None:
        table, position, *rest = path
        positions = self._maps.get(str(table))
        if positions is not None and isinstance(position, int):
            if not 0 <= position < len(positions):
                return None
            position = positions[position]
        return self._sources((table, position, *rest))


def part(fleet: Fleet, positions: Mapping[str, Sequence[int]]) -> Fleet:
    """The fleet with only the records at ``positions`` in some tables (by attribute).

    Records keep their order; the other tables stay whole.
    """
    changes: dict[str, object] = {
        attribute: tuple(getattr(fleet, attribute)[i] for i in chosen)
        for attribute, chosen in positions.items()
    }
    if fleet.sources is not None:
        changes["sources"] = _Remapped(
            fleet.sources,
            {_TABLE_OF[attribute]: tuple(chosen) for attribute, chosen in positions.items()},
        )
    piece = attrs.evolve(fleet, **changes)  # type: ignore[arg-type]
    piece._share_indexes(fleet)
    return piece


def _by_id(records: Iterable[object]) -> dict[str, list[int]]:
    """Positions of records by id; records that share an id go in one part."""
    return _positions_by(records, "id")  # type: ignore[return-value]


def _positions_by(records: Iterable[object], field: str) -> dict[object, list[int]]:
    groups: dict[object, list[int]] = {}
    for position, record in enumerate(records):
        groups.setdefault(getattr(record, field), []).append(position)
    return groups


def _people(fleet: Fleet) -> Iterator[tuple[Subject, Fleet]]:
    """One part per staff number.

    A part holds the person, their deployments (their own and their crew's) and their
    work periods; every other table whole.
    """
    own = _positions_by(fleet.deployments, "person")
    of_crew = _positions_by((d for d in fleet.deployments if d.person is None), "crew")
    crew_positions = [i for i, d in enumerate(fleet.deployments) if d.person is None]
    periods = _positions_by(fleet.work_periods, "person")
    for person_id, positions in _by_id(fleet.people).items():
        crews = {fleet.people[i].crew for i in positions} - {None}
        deployments = own.get(person_id, []) + [
            crew_positions[i] for crew in crews for i in of_crew.get(crew, [])
        ]
        chosen = {
            "people": positions,
            "deployments": sorted(deployments),
            "work_periods": periods.get(person_id, []),
        }
        yield Subject("person", person_id), part(fleet, chosen)


def _items(fleet: Fleet) -> Iterator[tuple[Subject, Fleet]]:
    """One part per equipment item id: the item and the people it was ever issued to."""
    holders: dict[str, list[int]] = {}
    for position, person in enumerate(fleet.people):
        for item in {issue.item for issue in person.issues}:
            holders.setdefault(item, []).append(position)
    for item_id, positions in _by_id(fleet.equipment_items).items():
        chosen = {"equipment_items": positions, "people": holders.get(item_id, [])}
        yield Subject("equipment_item", item_id), part(fleet, chosen)


def _crews(fleet: Fleet) -> Iterator[tuple[Subject, Fleet]]:
    """One part per crew id, and one per vessel id that no crew is assigned to.

    A crew's part holds the crew, its vessel, its members, and the deployments of the
    crew and of its members; a crewless vessel's part holds only the vessel.
    """
    vessels = _by_id(fleet.vessels)
    members = _positions_by(fleet.people, "crew")
    by_person = _positions_by(fleet.deployments, "person")
    by_crew_id = _positions_by(fleet.deployments, "crew")
    for crew_id, positions in _by_id(fleet.crews).items():
        vessel_ids = {fleet.crews[i].vessel for i in positions}
        people = members.get(crew_id, [])
        deployments = set(by_crew_id.get(crew_id, []))
        for i in people:
            deployments.update(by_person.get(fleet.people[i].id, []))
        chosen = {
            "crews": positions,
            "vessels": sorted(i for v in vessel_ids if v for i in vessels.get(v, [])),
            "people": people,
            "deployments": sorted(deployments),
        }
        yield Subject("crew", crew_id), part(fleet, chosen)
    crewed = {crew.vessel for crew in fleet.crews}
    for vessel_id, positions in vessels.items():
        if vessel_id not in crewed:
            chosen = {"vessels": positions, "crews": [], "people": [], "deployments": []}
            yield Subject("vessel", vessel_id), part(fleet, chosen)


by_person = Partition("person", _people)
"""One part per staff number: the person, their own and their crew's deployments, and
their work periods."""
by_equipment_item = Partition("equipment item", _items)
"""One part per equipment item: the item and everyone it was ever issued to."""
by_crew = Partition("crew", _crews)
"""One part per crew (with its vessel and members), and one per vessel without a crew."""
