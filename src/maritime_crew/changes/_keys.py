"""Which entry of one version is which entry of the other: keys, and the paths they make.

A top-level record or a nested entry (a certificate, a service, a grade) is known by its
``id``, or else by its ``number``, or else by its content without its provenance. Two
entries of one list with the same key are told apart by their order (``#2``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ._values import one_line, plain, shown

__all__ = ["Key", "keyed", "merged", "segment"]

Key = tuple[str, str, int]
"""What an entry is known by (``id``, ``number`` or ``content``), its value, and which
entry with that key it is in its list (0 for the first)."""

_NAMING_FIELDS = ("id", "number")


def keyed(
    entries: Sequence[Mapping[str, Any]], provenance: Iterable[str]
) -> dict[Key, Mapping[str, Any]]:
    """The entries of a list by key, in their order."""
    skip = frozenset(provenance)
    seen: Counter[tuple[str, str]] = Counter()
    found: dict[Key, Mapping[str, Any]] = {}
    for entry in entries:
        base = _base(entry, skip)
        found[(base[0], base[1], seen[base])] = entry
        seen[base] += 1
    return found


def _base(entry: Mapping[str, Any], skip: frozenset[str]) -> tuple[str, str]:
    for field in _NAMING_FIELDS:
        value = entry.get(field)
        if isinstance(value, str) and value:
            return field, value
    content = {name: value for name, value in entry.items() if name not in skip}
    return "content", json.dumps(plain(content), sort_keys=True, ensure_ascii=False)


def merged(old: Sequence[Key], new: Sequence[Key]) -> list[Key]:
    """Every key of either list, in the order of ``new``, and the keys only in ``old`` too.

    A key only in ``old`` comes after the last key before it in ``old`` that ``new``
    still has: at its old place.
    """
    position = {key: number for number, key in enumerate(new)}
    places: list[tuple[tuple[int, int, int], Key]] = [
        ((number, 0, 0), key) for number, key in enumerate(new)
    ]
    anchor = -1
    for number, key in enumerate(old):
        if key in position:
            anchor = position[key]
        else:
            places.append(((anchor, 1, number), key))
    places.sort(key=lambda place: place[0])
    return [key for _, key in places]


def segment(key: Key, entry: Mapping[str, Any], provenance: Iterable[str]) -> str:
    """The bracketed part of a path that names an entry.

    ``[BF1003]`` for an id, ``[number=C-1234]`` for a number, and the entry's fields for
    an entry known by its content: ``[equipment=dry-suit, size=L]``.
    """
    kind, value, occurrence = key
    if kind == "id":
        text = one_line(value)
    elif kind == "number":
        text = f"number={one_line(value)}"
    else:
        skip = frozenset(provenance)
        text = ", ".join(
            f"{one_line(name)}={shown(item)}" for name, item in entry.items() if name not in skip
        )
    return f"[{text}]" + (f"#{occurrence + 1}" if occurrence else "")
