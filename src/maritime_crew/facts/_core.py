"""The machinery under every question: the caches of one fleet, and the date a view is on.

:class:`Store` holds every cache of one fleet's facts. The fleet keeps its
:class:`~maritime_crew.facts.Facts` (and so the store) for as long as it lives, and
nothing else holds them: when the fleet goes, its caches go (see ``docs/architecture.md``).

Caches are filled by "look it up; if absent, work it out and store it", and a value goes
in whole and is never changed after. ``check`` may run from several threads on one
fleet: two threads may both work out a value and both store it, and either copy is
right. Making and dropping the caches of a date happens under a lock.

Inside the store, records are known by their position in their table, days by their
ordinal, and compact answers are tuples of text and whole numbers, which the garbage
collector does not trace. None of that leaves this package: answers are dates, periods
and records.
"""

from __future__ import annotations

import datetime
import threading
import weakref
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

import pendulum

from ..model import Fleet, Person
from ._trace import NEVER, Trace

__all__ = ["Core", "DatedCore", "Store"]

T = TypeVar("T")

_DATED_SIZE = 256
"""How many dates' caches a store keeps; the one made first is dropped first."""


class Store:
    """Every cache of one fleet's facts."""

    def __init__(self, fleet: Fleet) -> None:
        # The fleet keeps its facts, and so this store: a strong reference back would
        # make a cycle that only the garbage collector's full pass could free.
        self._fleet = weakref.ref(fleet)
        self.people = fleet.people
        self.first_person: Mapping[str, int] = fleet.first_positions("person")
        """The position of the first person with each staff number (the fleet's own)."""
        self.static: dict[str, dict[Any, Any]] = {}
        count = len(self.people)
        self.tables: dict[str, tuple[list[Any], list[Any], list[Any]]] = {
            kind: ([None] * count, [None] * count, [None] * count)
            for kind in ("certificates", "training")
        }
        """Each person's certificates and training as compact tables, by position: the
        types, first days and last days in three lists, so that nothing kept holds a
        tuple of tuples (which the garbage collector keeps tracing); a list costs 8 bytes
        a person, where a mapping by position costs some 50 and an int."""
        self.last_person: tuple[Person | None, int | None] = (None, None)
        """The person asked about last and their position: questions come in runs about one
        person. Replaced whole, never changed, so threads never see half of it."""
        self.dated: dict[tuple[int, str], dict[Any, Any]] = {}
        self.spans: dict[Hashable, dict[Any, tuple[Any, ...]]] = {}
        """Answers with the days they hold for, by question and key (see ``DatedCore``)."""
        self.days: dict[int, pendulum.Date] = {}
        self.lock = threading.Lock()

    @property
    def fleet(self) -> Fleet:
        fleet = self._fleet()
        assert fleet is not None, "facts outlived their fleet"
        return fleet

    def memo(self, name: str) -> dict[Any, Any]:
        """The cache called ``name``: what depends on the fleet alone, kept while it lives."""
        found = self.static.get(name)
        if found is None:
            with self.lock:
                found = self.static.setdefault(name, {})
        return found

    def dated_memo(self, day: int, name: str) -> dict[Any, Any]:
        """The cache called ``name`` for the day ``day`` (an ordinal), kept for recent days."""
        key = (day, name)
        found = self.dated.get(key)  # atomic: the common case needs no lock
        if found is not None:
            return found
        with self.lock:
            found = self.dated.get(key)
            if found is None:
                found = self.dated[key] = {}
                while len(self.dated) > _DATED_SIZE:
                    del self.dated[next(iter(self.dated))]
            return found

    def span_memo(self, name: Hashable) -> dict[Any, tuple[Any, ...]]:
        """The answers of the question ``name`` with the days they hold for, by key."""
        found = self.spans.get(name)
        if found is None:
            with self.lock:
                found = self.spans.setdefault(name, {})
        return found

    def forget_dates(self) -> None:
        """Drop what was worked out for dates (benchmarks measure work without it)."""
        with self.lock:
            self.dated.clear()
            self.spans.clear()

    def day(self, ordinal: int) -> pendulum.Date:
        """The day with this ordinal; each day is one shared object."""
        found = self.days.get(ordinal)
        if found is None:
            value = datetime.date.fromordinal(ordinal)
            found = self.days.setdefault(ordinal, pendulum.Date(value.year, value.month, value.day))
        return found


class Core:
    """What every question needs: the fleet and its store."""

    _store: Store
    fleet: Fleet
    """The fleet the facts are about.

    Its records are the same on every date: read them freely. Compare their dates
    with the date of a :class:`~maritime_crew.facts.View` only through the view's
    questions, so that the timeline knows when the answer changes.
    """

    def _memo(self, name: str) -> dict[Any, Any]:
        store = self._store
        return store.static.get(name) or store.memo(name)

    def _day(self, ordinal: int) -> pendulum.Date | None:
        """The day of an ordinal, or ``None`` for :data:`NEVER` (no end)."""
        return None if ordinal >= NEVER else self._store.day(ordinal)

    def _person_slot(self, person: Person) -> int | None:
        """The position of this very record in ``fleet.people``, or ``None`` if not there.

        A person built outside the fleet (a what-if copy) has no position; questions
        about them are worked out afresh each time rather than cached.
        """
        store = self._store
        last, slot = store.last_person
        if last is person:
            return slot
        people = store.people
        position = store.first_person.get(person.id)
        if position is not None and people[position] is not person:
            position = next(
                (p for p in self.fleet.positions("person", person.id) if people[p] is person), None
            )
        store.last_person = (person, position)
        return position

    def _per_person(
        self, name: str, person: Person, make: Callable[[Person], T], cache: dict[Any, Any]
    ) -> T:
        """``make(person)``, kept in ``cache`` under the person's position."""
        slot = self._person_slot(person)
        if slot is None:
            return make(person)
        found: T | None = cache.get(slot)
        if found is None:
            found = cache.setdefault(slot, make(person))
        return found


class DatedCore(Core):
    """What every question about a date needs: the date, and the trace that follows it."""

    # A view holds its fleet strongly (a slot, read without a call): nothing the fleet
    # keeps holds a view, so this makes no cycle.
    __slots__ = ("fleet",)
    fleet: Fleet

    date: pendulum.Date
    """The date the view is on."""
    _ordinal: int
    _trace: Trace
    """Where answers note when they may change: the engine's, or the view's own."""
    _caches: dict[Hashable, dict[Any, Any]]
    """The store's caches for this date, by name, as this view has met them."""
    traced: bool
    """True when an engine follows the answers over time (see :class:`Trace`)."""
    _offset: int
    """Days from the date the trace follows to this view's date (a view ``later`` by some
    days notes its days that many days earlier)."""

    def _note(self, day: int) -> None:
        """The answer being given may change on ``day`` (an ordinal of this view's frame)."""
        if day < NEVER:  # Trace.note, inlined: it is the most frequent call there is
            trace = self._trace
            day -= self._offset
            if trace.today < day < trace.next:
                trace.next = day

    def _spans(self, name: Hashable) -> dict[Any, tuple[Any, ...]]:
        """Answers to the question ``name`` by key, each with the days it holds for.

        An entry is ``(first, until, ...)``: the answer that follows was worked out on
        the day ``first`` (an ordinal) and holds up to the day before ``until``, the first
        later day on which it may change (both of this view's frame). A view on any day in
        between reads it instead of working it out: a timeline, which moves forward,
        works an answer out again only when it changes. The latest answer replaces the
        one before.
        """
        found = self._caches.get(name)
        if found is None:
            found = self._caches[name] = self._store.span_memo(name)
        return found

    def _held_answer(self, cache: dict[Any, tuple[Any, ...]], key: Any) -> tuple[Any, ...] | None:
        """The entry of ``cache`` for ``key`` if it holds on this view's day, noted."""
        found = cache.get(key)
        if found is not None and found[0] <= self._ordinal < found[1]:
            self._note(found[1])
            return found
        return None

    def _answer(self, name: Hashable, key: Any, make: Callable[[], T]) -> T:
        """``make()``, kept under ``key`` for the days it holds, noting when it may change.

        ``make`` asks the view its questions as any caller would; the first later day
        on which one of its answers may change is kept with the value (see
        :meth:`_spans`), so an answer read from the cache is traced as one worked out
        afresh. A ``key`` of ``None`` is not kept (a person who is not the fleet's).
        """
        if key is not None:
            cache = self._spans(name)
            found = self._held_answer(cache, key)
            if found is not None:
                return found[2]  # type: ignore[no-any-return]
        value, change = self._capture(make)
        if key is not None:
            cache[key] = (self._ordinal, change, value)
        return value

    def _answer_row(self, name: str, key: Any, make: Callable[[], tuple[Any, ...]]) -> Any:
        """:meth:`_answer` for a tuple, kept flat: ``(first, until, *value)``.

        One tuple of text and whole numbers instead of a tuple holding another: the
        garbage collector stops tracing it at its first look, rather than after a pass
        per level (and a tuple still traced when the collector next looks at its
        generation moves on to the oldest, and counts toward a full collection).
        """
        if key is not None:
            cache = self._spans(name)
            found = self._held_answer(cache, key)
            if found is not None:
                return found[2:]
        value, change = self._capture(make)
        if key is not None:
            cache[key] = (self._ordinal, change, *value)
        return value

    def _capture(self, make: Callable[[], T]) -> tuple[T, int]:
        """``make()``, and the first later day (of this view) on which it may change.

        The day is noted in the trace as well, as for any answer.
        """
        trace = self._trace
        before = trace.next
        trace.next = NEVER
        try:
            value = make()
        finally:
            change = trace.next
            trace.next = min(before, change)
        return value, change + self._offset if change < NEVER else NEVER
