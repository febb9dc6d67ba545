"""Subjects: the records a rule looks at one at a time, and which of them count on a date.

A rule declared with ``each=`` (see :func:`maritime_crew.rules.rule`) is a function of
one subject: a person, an item of kit, a crew, a document. The engine runs it on each
member of its :class:`Subjects` on the date. Because each run sees one subject, the
timeline can follow each subject on its own: when the answers about one person change,
only that person is looked at again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from ._core import Core
    from ._facts import Facts
    from ._validity import Kind
    from ._view import View

__all__ = [
    "COURSES",
    "CREWS",
    "DEBRIEFS",
    "DEPLOYMENTS",
    "DOCUMENTS",
    "EQUIPMENT_IN_USE",
    "EQUIPMENT_ISSUED",
    "EQUIPMENT_ITEMS",
    "OPERATIONS",
    "PEOPLE",
    "PEOPLE_IN_SERVICE",
    "TERMS_SETS",
    "VESSELS",
    "WAIVERS",
    "SubjectKey",
    "Subjects",
    "ending_within",
    "unmet",
]

SubjectKey = tuple[str, int]
"""A subject: its table's dataset name and its position there (``("person", 3)``)."""


@attrs.frozen(eq=False)
class Subjects:
    """Which records of some tables a per-subject rule is run on, on a date.

    ``test`` says whether a record counts on the view's date; it asks the view, so the
    timeline knows when the answer changes. Without it every record counts.

    ``among``, if given, says of a record whether it can count on any date at all, from
    its records alone (a deployment longer than any working pattern allows, an item that
    ever failed a service): it is asked once per record of a fleet, and only the records
    it keeps are candidates, on every date.

    ``within`` names subjects these are drawn from: a record counts only if it counts
    there too (people in service who hold a certificate of competency are drawn from
    people in service). Several rules' subjects drawn from one set share the work of
    finding its members on a date.
    """

    name: str
    """What the subjects are, in words (``"people in service"``)."""
    tables: tuple[str, ...]
    """The tables (dataset names, ``"person"``) the subjects come from, in this order."""
    test: Callable[[View, Any], bool] | None = attrs.field(default=None, eq=False, repr=False)
    among: Callable[[Facts, Any], bool] | None = attrs.field(default=None, eq=False, repr=False)
    within: Subjects | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.within is not None and self.within.tables != self.tables:
            raise ValueError(f"{self.name} are drawn from subjects of other tables")

    def candidates(self, facts: Core) -> Iterator[tuple[SubjectKey, Any]]:
        """Every record that may be a subject on some date, with its key, in data order."""
        fleet = facts.fleet
        store = facts._store
        for code in self.codes(facts):
            table, position = self.tables[code >> _SHIFT], code & _MASK
            record = fleet.records(table)[position]
            if table == "person":  # questions about them then skip finding where they sit
                store.last_person = (record, position)
            yield (table, position), record

    def codes(self, facts: Core) -> Sequence[int]:
        """:meth:`candidates` as whole numbers: table (by index) and position in one."""
        if self.among is None:
            if self.within is not None:
                return self.within.codes(facts)
            fleet = facts.fleet
            return range(0, 0) if not self.tables else _all_codes(fleet, self.tables)
        return self._chosen(facts)

    def _chosen(self, facts: Core) -> tuple[int, ...]:
        """The codes of the candidates ``among`` keeps; made once per fleet."""
        cache = facts._memo("candidates")
        found: tuple[int, ...] | None = cache.get(self)
        if found is None:
            from ._facts import Facts

            fleet = facts.fleet
            owner = Facts.of(fleet)
            among = self.among
            assert among is not None
            records = [fleet.records(table) for table in self.tables]
            base = self.within.codes(facts) if self.within is not None else None
            everything = _all_codes(fleet, self.tables) if base is None else base
            if len(records) == 1:
                only = records[0]
                kept = [code for code in everything if among(owner, only[code])]
            else:
                kept = [
                    code
                    for code in everything
                    if among(owner, records[code >> _SHIFT][code & _MASK])
                ]
            found = cache.setdefault(self, tuple(kept))
        return found

    def record(self, facts: Core, key: SubjectKey) -> Any:
        """The record a key names."""
        table, position = key
        record = facts.fleet.records(table)[position]
        if table == "person":  # as in :meth:`candidates`
            facts._store.last_person = (record, position)
        return record

    def memberships(self, view: View) -> Iterator[tuple[SubjectKey, Any, bool, int]]:
        """Every candidate, whether it is a subject on the view's date, and until when.

        Each candidate's key and record, whether :meth:`includes` holds on the date, and
        the first later day (an ordinal, as :class:`~maritime_crew.facts.Trace` counts)
        on which that may change. Worked out once per date and shared by every rule run
        on these subjects: an engine that follows each subject on its own starts here.
        """
        rows = view._memberships(self)
        fleet, store = view.fleet, view._store
        tables = [fleet.records(table) for table in self.tables]
        for at in range(0, len(rows), 3):
            code = rows[at]
            table, position = code >> _SHIFT, code & _MASK
            record = tables[table][position]
            name = self.tables[table]
            if name == "person":  # as in :meth:`candidates`
                store.last_person = (record, position)
            yield (name, position), record, bool(rows[at + 1]), rows[at + 2]

    def includes(self, view: View, record: Any) -> bool:
        """Whether ``record``, one of the candidates, is a subject on the view's date."""
        if self.within is not None and not self.within.includes(view, record):
            return False
        return self.test is None or self.test(view, record)

    def members(self, view: View) -> tuple[Any, ...]:
        """The subjects on the view's date, in data order; worked out once per date."""
        return view.members(self)

    def _keep(self, view: View, codes: Sequence[int]) -> tuple[int, ...]:
        """The codes among ``codes`` (candidates) whose records pass ``test`` on the date."""
        test = self.test
        if test is None:
            return tuple(codes)
        fleet = view.fleet
        if len(self.tables) == 1:
            records = fleet.records(self.tables[0])
            return tuple([code for code in codes if test(view, records[code & _MASK])])
        tables = [fleet.records(table) for table in self.tables]
        return tuple([code for code in codes if test(view, tables[code >> _SHIFT][code & _MASK])])


class _InService(Subjects):
    """People in service, found from columns of joining and leaving days at once."""

    def _keep(self, view: View, codes: Sequence[int]) -> tuple[int, ...]:
        return view._in_service_codes(codes)


class _InUse(Subjects):
    """Items not withdrawn or lost, found from a column of withdrawal days at once."""

    def _keep(self, view: View, codes: Sequence[int]) -> tuple[int, ...]:
        return view._in_use_codes(codes)


class _Issued(Subjects):
    """Items issued to someone, found from the kit ledgers at once."""

    def _keep(self, view: View, codes: Sequence[int]) -> tuple[int, ...]:
        return view._issued_codes(codes)


@attrs.frozen(eq=False)
class _Unmet(Subjects):
    """People with a requirement of a kind they do not meet, found at once."""

    kind: Kind = "certificates"

    def _keep(self, view: View, codes: Sequence[int]) -> tuple[int, ...]:
        return view._unmet_codes(codes, self.kind)


@attrs.frozen(eq=False)
class _Ending(Subjects):
    """People with a requirement met by a record that ends within some days, at once."""

    kind: Kind = "certificates"
    days: int = 0

    def _keep(self, view: View, codes: Sequence[int]) -> tuple[int, ...]:
        return view._ending_codes(codes, self.kind, self.days)


def unmet(kind: Kind | Literal["currency"]) -> Subjects:
    """People in service who do not meet a requirement of ``kind`` on the date.

    ``"certificates"`` or ``"training"``: their grade or a duty role requires a type (or
    course) of which they hold no valid record, nor one of a type above it (see
    :meth:`~maritime_crew.facts.View.unmet`). ``"currency"``: a duty role they hold
    requires practice they have not kept up (see
    :meth:`~maritime_crew.facts.View.currency_unmet`). One set per kind, shared by every
    rule that asks for it.
    """
    return _OUT_OF_PRACTICE if kind == "currency" else _UNMET[kind]


def ending_within(kind: Kind, days: int) -> Subjects:
    """People in service with a requirement of ``kind`` that stops being met soon.

    A requirement met on the date by a record that ends within ``days`` days: the
    soonest end of :meth:`~maritime_crew.facts.View.standing` is reached ``days`` days
    later. A new set for each call: ask once per rule and parameters.
    """
    return _Ending(
        f"people in service whose required {kind} end within {days} days",
        ("person",),
        lambda view, person: view.later(days).reached(view.standing(person, kind).soonest),
        within=PEOPLE_IN_SERVICE,
        kind=kind,
        days=days,
    )


_SHIFT = 32
_MASK = (1 << _SHIFT) - 1


def _all_codes(fleet: Any, tables: tuple[str, ...]) -> Sequence[int]:
    if len(tables) == 1:  # the first table's codes are its positions
        return range(len(fleet.records(tables[0])))
    return [
        number << _SHIFT | position
        for number, table in enumerate(tables)
        for position in range(len(fleet.records(table)))
    ]


PEOPLE = Subjects("people", ("person",))
"""Everyone on record, whatever the date."""
PEOPLE_IN_SERVICE: Subjects = _InService(
    "people in service", ("person",), lambda view, person: view.in_service(person)
)
"""People in the command on the date (the days they join and leave count)."""


def _short_of(kind: Kind) -> Subjects:
    return _Unmet(
        f"people in service who do not meet a requirement for {kind}",
        ("person",),
        lambda view, person: bool(view.unmet(person, kind)),
        within=PEOPLE_IN_SERVICE,
        kind=kind,
    )


_UNMET: dict[Kind, Subjects] = {"certificates": _short_of("certificates")}
_UNMET["training"] = _short_of("training")
_OUT_OF_PRACTICE = Subjects(
    "people in service who do not meet a currency requirement of a duty role they hold",
    ("person",),
    lambda view, person: bool(view.currency_unmet(person)),
    # only people listed with a role that asks for currency can ever be short of it
    among=lambda facts, person: facts.asks_currency(person),
    within=PEOPLE_IN_SERVICE,
)
EQUIPMENT_ITEMS = Subjects("equipment items", ("equipment_item",))
"""Every item of kit on record."""
EQUIPMENT_IN_USE: Subjects = _InUse(
    "equipment items in service",
    ("equipment_item",),
    lambda view, item: view.in_use(item),
)
"""Items not withdrawn or lost on the date: in use, or in stock."""
EQUIPMENT_ISSUED: Subjects = _Issued(
    "issued equipment items in service",
    ("equipment_item",),
    lambda view, item: bool(view.holders(item.id)),
    within=EQUIPMENT_IN_USE,
)
"""Items in service and issued to someone on the date."""
CREWS = Subjects("crews", ("crew",))
"""Every crew on record."""
VESSELS = Subjects("vessels", ("vessel",))
"""Every vessel on record."""
DOCUMENTS = Subjects("documents", ("document",))
"""Every SEMS document on record."""
OPERATIONS = Subjects("operations", ("operation",))
"""Every operation on record."""
DEBRIEFS = Subjects("debriefs", ("debrief",))
"""Every operation debrief on record."""
DEPLOYMENTS = Subjects("deployments", ("deployment",))
"""Every deployment on record, of a person or of a crew."""
TERMS_SETS = Subjects("terms and conditions sets", ("terms",))
"""Every terms and conditions set on record."""
WAIVERS = Subjects("waivers", ("waiver",))
"""Every waiver on record, in force or not."""
COURSES = Subjects("courses", ("course",))
"""Every course in the catalogue."""
