"""Record changes: what was added, removed and changed between two versions' plain data."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ..model import TABLES, Table
from ._keys import keyed, merged, segment
from ._provenance import Provenance, entry_class, provenance_fields
from ._values import one_line, plain

__all__ = ["Change", "FieldChange", "RecordChange", "record_changes"]


class Change(str, enum.Enum):
    """What happened to a record or a nested entry between the two versions."""

    ADDED = "added"
    """Only the new version has it."""
    REMOVED = "removed"
    """Only the old version has it."""
    CHANGED = "changed"
    """Both have it, with different values in some of its own fields."""


@attrs.frozen
class FieldChange:
    """One field whose value differs between the versions (``None``: not given)."""

    path: str
    """Where it is: ``people[BF1003].certificates[number=C-1234].expires``."""
    field: str
    """Its name within its record or entry: ``expires``, or ``subject.id`` in a table."""
    old: Any = attrs.field(hash=False)
    """The value in the old version, as plain data (``None``: not given)."""
    new: Any = attrs.field(hash=False)
    """The value in the new version, as plain data (``None``: not given)."""

    def to_record(self) -> dict[str, Any]:
        """The change as plain values, for JSON."""
        return {
            "path": self.path,
            "field": self.field,
            "old": plain(self.old),
            "new": plain(self.new),
        }


@attrs.frozen
class RecordChange:
    """A record, or an entry nested in one, added, removed or changed.

    A changed record lists only its own fields; a changed, added or removed entry inside
    it is a change of its own, after it, with a longer ``path``.
    """

    change: Change
    """Added, removed or changed."""
    table: str
    """The dataset table of the record, or of the record the entry is nested in: ``person``."""
    record: str | None
    """The ``id`` of that record (``None`` in a table without ids, such as ``work_period``)."""
    path: str
    """Where it is: ``people[BF1003]``, ``people[BF1003].certificates[number=C-1234]``."""
    fields: tuple[FieldChange, ...] = ()
    """For a changed record or entry: the fields that differ, in its order."""
    entry: Mapping[str, Any] | None = attrs.field(default=None, hash=False)
    """For an added or removed one: what it holds, as plain data."""
    provenance: Provenance | None = None
    """For an added or changed one: who recorded it, when and why, if it says."""

    def to_record(self) -> dict[str, Any]:
        """The change as plain values, for JSON."""
        return {
            "change": self.change.value,
            "table": self.table,
            "record": self.record,
            "path": self.path,
            "fields": [field.to_record() for field in self.fields],
            "entry": None if self.entry is None else plain(self.entry),
            "provenance": None if self.provenance is None else self.provenance.to_record(),
        }


def record_changes(
    old: Mapping[str, Sequence[Mapping[str, Any]]], new: Mapping[str, Sequence[Mapping[str, Any]]]
) -> tuple[RecordChange, ...]:
    """Every change from ``old`` to ``new``, two fleets' plain data (``io.to_data``).

    In table order; in a table or a list, in the order of ``new``, with what ``new`` no
    longer has at its place in ``old``. A change of order alone is not a change.
    """
    found: list[RecordChange] = []
    for table in TABLES:
        before, after = old.get(table.name, ()), new.get(table.name, ())
        if before != after:
            _Walk(table, found).entries(table.attribute, before, after, table.record, None)
    return tuple(found)


class _Walk:
    """The changes of one table, appended to ``found`` in order."""

    def __init__(self, table: Table, found: list[RecordChange]) -> None:
        self.table = table
        self.found = found

    def entries(
        self,
        path: str,
        old: Sequence[Mapping[str, Any]],
        new: Sequence[Mapping[str, Any]],
        record: type[Any] | None,
        root: str | None,
    ) -> None:
        """Compare two lists of entries (a table, or a list of entries in a record)."""
        provenance = provenance_fields(record)
        before, after = keyed(old, provenance), keyed(new, provenance)
        for key in merged(list(before), list(after)):
            was, now = before.get(key), after.get(key)
            if was is not None and now is not None and was == now:
                continue
            entry = now if now is not None else was
            assert entry is not None  # every key is of one list or the other
            here = path + segment(key, entry, provenance)
            owner = root if root is not None else _id(entry)
            if was is None or now is None:
                change = Change.ADDED if was is None else Change.REMOVED
                self.found.append(
                    RecordChange(
                        change,
                        self.table.name,
                        owner,
                        here,
                        entry=entry,
                        provenance=Provenance.of(entry, record) if now is not None else None,
                    )
                )
            else:
                self.entry(here, was, now, record, owner)

    def entry(
        self,
        path: str,
        old: Mapping[str, Any],
        new: Mapping[str, Any],
        record: type[Any] | None,
        root: str | None,
    ) -> None:
        """Compare one entry: its own change first, then those of the entries it holds."""
        fields: list[FieldChange] = []
        outer, self.found = self.found, []
        try:
            self.fields(path, "", old, new, record, root, fields)
        finally:
            nested, self.found = self.found, outer
        if fields:
            provenance = Provenance.of(new, record)
            self.found.append(
                RecordChange(
                    Change.CHANGED, self.table.name, root, path, tuple(fields), None, provenance
                )
            )
        self.found.extend(nested)

    def fields(
        self,
        path: str,
        prefix: str,
        old: Mapping[str, Any],
        new: Mapping[str, Any],
        record: type[Any] | None,
        root: str | None,
        into: list[FieldChange],
    ) -> None:
        """Compare the fields of an entry (or of a table in it, under ``prefix``)."""
        for name in [*new, *(name for name in old if name not in new)]:
            was, now = old.get(name), new.get(name)
            if was == now:
                continue
            field = prefix + one_line(name)
            if _entries(was) and _entries(now):
                held = entry_class(record, name)
                self.entries(f"{path}.{field}", was or (), now or (), held, root)
            elif _table(was) and _table(now):
                held = entry_class(record, name)
                self.fields(path, field + ".", was or {}, now or {}, held, root, into)
            else:
                into.append(FieldChange(f"{path}.{field}", field, was, now))


def _entries(value: Any) -> bool:
    """Whether a value is a list of entries (or absent, as an empty list is)."""
    return value is None or (
        isinstance(value, list) and all(isinstance(item, Mapping) for item in value)
    )


def _table(value: Any) -> bool:
    """Whether a value is a table of fields in a record (or absent)."""
    return value is None or isinstance(value, Mapping)


def _id(entry: Mapping[str, Any]) -> str | None:
    value = entry.get("id")
    return value if isinstance(value, str) else None
