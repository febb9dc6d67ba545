"""Dated entries: records written as their one value or as a table with their dates.

A duty role held and a vessel's status are such entries: a plain value holds on every
day, a table carries its dates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["PLAIN_OR_TABLE", "held_always", "plain_entries"]

E = TypeVar("E")

PLAIN_OR_TABLE: dict[type[Any], str] = {}
"""Dated entries that may be written as their one value (held on every day) instead of a
table, each with the field that value fills. Loading, dumping, the schema and the format
reference follow it."""


def held_always(entry: Any) -> bool:
    """True for an entry with no dates and nothing else recorded: its plain form."""
    return (
        entry.start is None
        and entry.end is None
        and entry.recorded_by is None
        and entry.recorded_on is None
        and entry.reason is None
    )


def plain_entries(values: tuple[E | str, ...], make: Callable[[str], E]) -> tuple[E, ...]:
    """The entries with each plain value made into its record (for an attrs converter)."""
    if not any(isinstance(value, str) for value in values):
        return values  # type: ignore[return-value]
    return tuple([make(value) if isinstance(value, str) else value for value in values])
