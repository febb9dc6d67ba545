"""Caches that live exactly as long as the fleet they describe.

``check`` may run from several threads on one fleet, and these caches are shared by
them. They stay correct without a lock around their use because of one rule every
caller keeps: **a value goes into a cache whole, and is never changed after**. A cache
is filled by "look it up; if absent, work it out and store it". Two threads may both
work out the same value and both store it; either copy is right, as the value depends
only on the fleet (and date). No thread can see a value half built.

Making and dropping the caches themselves happens under ``_LOCK``. The one read outside
it, in :func:`memo`, is a single dict lookup, which is atomic, and its identity check
refuses an entry left by a dead fleet whose ``id`` a new fleet reuses. A key made from
``id()`` of a record is stored with the record and the record's identity checked on
each read (:func:`recall`), unless only the rules (which pass records of the fleet,
kept alive by it) can reach that cache, or only the fleet's own people are stored
(:func:`remember_person`): their ``id()`` cannot be reused while the fleet, and so the
cache, lives.
``tests/test_concurrency.py`` runs parallel checks on one fleet against sequential ones.
"""

from __future__ import annotations

import datetime
import functools
import threading
import weakref
from typing import Any, TypeVar

from ..model import Fleet, Person

__all__ = ["dated_memo", "forget_dated", "memo", "recall", "remember", "remember_person"]

V = TypeVar("V")

_LOCK = threading.RLock()
"""Re-entrant: dropping a cached fleet under the lock runs :func:`_forget`."""
_MEMOS: dict[int, tuple[weakref.ref[Fleet], dict[str, dict[Any, Any]]]] = {}


def _forget(key: int, ref: weakref.ref[Fleet]) -> None:
    with _LOCK:
        entry = _MEMOS.get(key)
        if entry is not None and entry[0] is ref:
            del _MEMOS[key]


def memo(fleet: Fleet, name: str) -> dict[Any, Any]:
    """The cache called ``name`` of ``fleet``: an empty dict at first, dropped with the fleet.

    A fleet is immutable, so anything worked out from it alone (not from a date) can be
    kept here and reused by every later check of the same fleet.
    """
    key = id(fleet)
    entry = _MEMOS.get(key)  # the common case needs no lock: dict reads are atomic
    if entry is not None and entry[0]() is fleet:
        found = entry[1].get(name)
        return found if found is not None else entry[1].setdefault(name, {})
    with _LOCK:
        entry = _MEMOS.get(key)
        if entry is None or entry[0]() is not fleet:
            ref = weakref.ref(fleet, functools.partial(_forget, key))
            entry = (ref, {})
            _MEMOS[key] = entry
        return entry[1].setdefault(name, {})


def recall(cache: dict[Any, Any], record: object) -> Any:
    """What :func:`remember` stored in ``cache`` for this very record, or ``None``.

    Entries are keyed by ``id(record)`` and hold the record: one left by a record that
    is gone (a what-if copy of a person, say) is never taken for a later record that
    Python placed at the same address.
    """
    found = cache.get(id(record))
    return found[1] if found is not None and found[0] is record else None


def remember(cache: dict[Any, Any], record: object, value: V) -> V:
    """Store ``value`` in ``cache`` for ``record`` (see :func:`recall`) and return it."""
    cache[id(record)] = (record, value)
    return value


def remember_person(cache: dict[int, V], fleet: Fleet, person: Person, value: V) -> V:
    """Store ``value`` under ``id(person)`` if the person is the fleet's own record.

    Such an entry needs no identity check when it is read (see the module documentation),
    and neither key nor entry is an object the garbage collector traces. A person who is
    not the fleet's (a what-if copy) is not stored; the caller works it out each time.
    """
    if fleet.person(person.id) is person:
        cache[id(person)] = value
    return value


_DATED_SIZE = 256
"""How many caches of :func:`dated_memo` a fleet keeps (by name and date)."""


def dated_memo(fleet: Fleet, on: datetime.date, name: str) -> dict[Any, Any]:
    """A cache for facts of ``fleet`` on the date ``on``, kept for a few recent dates.

    Rules checked on the same date (and the parts of a fleet that a timeline checks on
    one date) share what they work out; the caches made first are forgotten first. They
    are kept with the fleet's other caches (:func:`memo`), so they go when the fleet
    goes: a fleet that is no longer used is not kept alive by its caches.
    """
    dated = memo(fleet, "dated")  # (name, date) -> cache, in the order they were made
    key = (name, on)
    found: dict[Any, Any] | None = dated.get(key)  # atomic: the common case needs no lock
    if found is not None:
        return found
    with _LOCK:
        found = dated.get(key)
        if found is None:
            found = dated[key] = {}
            while len(dated) > _DATED_SIZE:
                del dated[next(iter(dated))]
        return found


def forget_dated() -> None:
    """Forget every cache of :func:`dated_memo` (for benchmarks and tests)."""
    with _LOCK:
        for _, caches in _MEMOS.values():
            caches.pop("dated", None)
