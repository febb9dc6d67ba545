"""Provenance beside a change: who recorded the record, when, and why."""

from __future__ import annotations

import datetime
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from ._values import one_line, plain

__all__ = ["PROVENANCE", "Provenance", "entry_class", "provenance_fields"]

PROVENANCE = ("recorded_by", "recorded_on", "reason")
"""The optional provenance fields of a dataset record, as the plain data names them."""


@attrs.frozen
class Provenance:
    """What a record or nested entry says of its own recording: by whom, when and why."""

    recorded_by: str | None = None
    """Who recorded or last changed it (a staff number or a name)."""
    recorded_on: datetime.date | None = None
    """When it was recorded or last changed."""
    reason: str | None = None
    """Why it was recorded or changed."""

    @classmethod
    def of(cls, entry: Mapping[str, Any], record: type[Any] | None) -> Provenance | None:
        """The provenance an entry of the plain data holds, or ``None`` if it holds none.

        ``record`` is the entry's record class: a field of its own that shares a name
        with a provenance field (a waiver's required ``reason``) is not provenance.
        """
        fields = provenance_fields(record)
        by, on, reason = (entry.get(name) if name in fields else None for name in PROVENANCE)
        if by is None and on is None and reason is None:
            return None
        return cls(
            recorded_by=None if by is None else str(by),
            recorded_on=on if isinstance(on, datetime.date) else None,
            reason=None if reason is None else str(reason),
        )

    def __str__(self) -> str:
        """``recorded by BF1001 on 2021-03-02: renewal`` (the parts it holds)."""
        text = "recorded"
        if self.recorded_by is not None:
            text += f" by {one_line(self.recorded_by)}"
        if self.recorded_on is not None:
            text += f" on {self.recorded_on.isoformat()}"
        if self.reason is not None:
            text += f": {one_line(self.reason)}"
        return text

    def to_record(self) -> dict[str, Any]:
        """The provenance as plain values, the date as ISO text."""
        return {
            "recorded_by": self.recorded_by,
            "recorded_on": plain(self.recorded_on),
            "reason": self.reason,
        }


def provenance_fields(record: type[Any] | None) -> frozenset[str]:
    """The names of the provenance fields of a record class.

    Those it inherits from the model's provenance base: a field it defines itself under
    one of their names is its own. A class the model does not name (``None``) is taken
    to have them all.
    """
    if record is None:
        return frozenset(PROVENANCE)
    found = _INHERITED.get(record)
    if found is None:
        fields = attrs.fields(record) if attrs.has(record) else ()
        found = frozenset(f.name for f in fields if f.name in PROVENANCE and f.inherited)
        _INHERITED[record] = found
    return found


def entry_class(record: type[Any] | None, field: str) -> type[Any] | None:
    """The record class of the entries (or the table) a field of a record class holds."""
    if record is None or not attrs.has(record):
        return None
    hints = _HINTS.get(record)
    if hints is None:
        try:
            hints = typing.get_type_hints(record)
        except (NameError, TypeError):  # an annotation that cannot be resolved here
            hints = {}
        _HINTS[record] = hints
    return _record_in(hints.get(field))


_INHERITED: dict[type[Any], frozenset[str]] = {}
_HINTS: dict[type[Any], dict[str, Any]] = {}
"""What the two functions above found for each record class: classes are few and fixed."""


def _record_in(hint: Any) -> type[Any] | None:
    if isinstance(hint, type) and attrs.has(hint):
        return hint
    for argument in typing.get_args(hint):
        found = _record_in(argument)
        if found is not None:
            return found
    return None
