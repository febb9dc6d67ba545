"""``validate``: a fleet built in code holds what a loaded one holds, value by value.

Record constructors check little, so that loading stays fast; the loader checks
everything. A fleet built in code skips the loader, and a wrong value (``issued=
"2018-01-01"``, ``type="cpv"``) would surface only later, as a crash far from its cause.
:func:`validate` walks every record against its field types and raises a
:class:`~maritime_crew.io.DataError` with every wrong value, each named by its record path.
"""

from __future__ import annotations

import datetime
import types
import typing
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from ..model import TABLES, Fleet
from ._errors import DataError, Problem

__all__ = ["validate"]

_SOURCE = "<fleet>"


def validate(fleet: Fleet, *, name: str = _SOURCE) -> Fleet:
    """``fleet`` itself if every value has its field's type, else a ``DataError``.

    Each table's records are checked field by field against the model's types, nested
    records and lists included: a date is a ``pendulum.Date`` (``mc.model.as_date``
    makes one from a ``datetime.date`` or ISO text), an enumeration a member of it, a
    whole number an ``int`` and not a ``bool``, a list a ``tuple``. Every wrong value is
    a ``wrong-type`` problem with its record path (``person[BF1].certificates[0]
    .issued``); ``name`` stands for the file name in them. What the loader checks beyond
    types (references, dates in order) is for the ``DATA`` rules of a check.
    """
    problems: list[Problem] = []
    for table in TABLES:
        for position, record in enumerate(getattr(fleet, table.attribute)):
            label = getattr(record, "id", None)
            where = f"{table.name}[{label if isinstance(label, str) and label else position}]"
            problems += _record_problems(name, where, record, table.record)
    if problems:
        raise DataError(problems)
    return fleet


def _record_problems(name: str, where: str, value: Any, kind: type[Any]) -> Iterator[Problem]:
    if type(value) is not kind:
        yield _wrong(name, where, _words(kind), value)
        return
    for field, hint in _hints(kind):
        yield from _value_problems(name, f"{where}.{field}", getattr(value, field), hint)


def _hints(kind: type[Any]) -> tuple[tuple[str, Any], ...]:
    """Each init field of an attrs class with its resolved type (worked out once)."""
    found = _HINTS.get(kind)
    if found is None:
        hints = typing.get_type_hints(kind)
        found = tuple((f.name, hints[f.name]) for f in attrs.fields(kind) if f.init)
        _HINTS[kind] = found
    return found


_HINTS: dict[type[Any], tuple[tuple[str, Any], ...]] = {}


def _value_problems(name: str, where: str, value: Any, hint: Any) -> Iterator[Problem]:
    if _conforms(value, hint):
        if attrs.has(type(value)):
            yield from _record_problems(name, where, value, type(value))
        elif isinstance(value, tuple):
            for index, entry in enumerate(value):
                if attrs.has(type(entry)):
                    yield from _record_problems(name, f"{where}[{index}]", entry, type(entry))
        return
    yield _wrong(name, where, _words(hint), value)


def _options(hint: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return typing.get_args(hint)
    return (hint,)


def _conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` has the type ``hint`` names (nested records checked apart)."""
    for option in _options(hint):
        if option is Any or (option is type(None) and value is None):
            return True
        origin = typing.get_origin(option)
        if origin is tuple:
            args = typing.get_args(option)
            if isinstance(value, tuple) and all(_conforms(v, args[0]) for v in value):
                return True
        elif origin in (dict, Mapping):
            key, item = typing.get_args(option)
            if isinstance(value, Mapping) and all(
                _conforms(k, key) and _conforms(v, item) for k, v in value.items()
            ):
                return True
        elif origin is typing.Literal:
            if value in typing.get_args(option):
                return True
        elif isinstance(option, type) and _is(value, option):
            return True
    return False


def _is(value: Any, kind: type[Any]) -> bool:
    if kind is bool or kind is int:
        return type(value) is kind
    if kind is pendulum.Date:
        return type(value) is pendulum.Date
    if kind is datetime.date:
        return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    if kind is float:
        return type(value) in (float, int, Decimal)
    return isinstance(value, kind)


def _words(hint: Any) -> str:
    """The type in a reader's words."""
    words = []
    for option in _options(hint):
        origin = typing.get_origin(option)
        if option is type(None):
            words.append("nothing")
        elif origin is tuple:
            words.append(f"a tuple of {_words(typing.get_args(option)[0])}")
        elif option is pendulum.Date:
            words.append("a pendulum.Date (mc.model.as_date makes one)")
        elif isinstance(option, type):
            words.append(f"a {option.__name__}")
        else:
            words.append(str(option))
    return " or ".join(words)


def _wrong(name: str, where: str, expected: str, value: Any) -> Problem:
    found = f"{type(value).__name__} {value!r}"
    if len(found) > 80:
        found = found[:77] + "..."
    return Problem(
        "wrong-type",
        name,
        where,
        f"expected {expected}, found {found}",
        expected=expected,
        found=found,
    )
