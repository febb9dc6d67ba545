"""No silent coercion: a value of the wrong kind is a located load error, never converted.

The test walks the model, not a sample of data: for every table it builds a record with
every field filled (nested records and lists included), checks that it loads, then puts
a value of each wrong kind in each field in turn. Each must be exactly one problem at
that field's path, on a known line, saying what was expected and what was found.

What the format deliberately accepts (and ``docs/format.md`` documents): a whole number
where a number belongs (``27`` for ``27.00``); a date or date-time written as text
(JSON has no date type); and, in JSON, ``null`` for an optional field, meaning absent.
"""

from __future__ import annotations

import copy
import datetime
import enum
import json
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Union

import attrs
import pendulum
import pytest

import maritime_crew as mc
from maritime_crew.model import TABLES, AgeSchedule, BusinessYear, Period

# -- a record with every field filled ----------------------------------------------------

DAY = datetime.date(2020, 1, 1)
MOMENT = datetime.datetime(2021, 2, 1, 6, 0, tzinfo=datetime.timezone.utc)

_LEAVES: dict[Any, Any] = {
    str: "x",
    int: 1,
    bool: True,
    Decimal: Decimal("1.50"),
    pendulum.Date: DAY,
    pendulum.DateTime: MOMENT,
    Period: "P1Y",
    AgeSchedule: [{"from_age": 0, "period": "P1Y"}],
    BusinessYear: "2021/22",
}


def _bare(type_: Any) -> Any:
    """The type without ``| None``."""
    if typing.get_origin(type_) in (Union, types.UnionType):
        return next(arg for arg in typing.get_args(type_) if arg is not type(None))
    return type_


def _full(record: type[Any], record_id: str = "X1") -> dict[str, Any]:
    """Raw data for ``record`` with every field given a valid value."""
    hints = typing.get_type_hints(record)
    raw = {field.name: _valid(hints[field.name]) for field in attrs.fields(record)}
    if "id" in raw:
        raw["id"] = record_id
    if record is mc.model.Deployment:
        del raw["crew"]  # a deployment is of one person or one crew
    return raw


def _valid(type_: Any) -> Any:
    type_ = _bare(type_)
    if type_ in _LEAVES:
        return _LEAVES[type_]
    if typing.get_origin(type_) is tuple:
        return [_valid(typing.get_args(type_)[0])]
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return next(iter(type_)).value
    if attrs.has(type_):
        return _full(type_)
    raise TypeError(f"no valid value for {type_!r}")


# -- wrong values by the kind of field -------------------------------------------------

_NAIVE = datetime.datetime(2020, 1, 1, 0, 0)
_TIME = datetime.time(12, 0)

WRONG: dict[str, list[tuple[str, Any, str]]] = {
    # kind of field: (what is put there, the value, the problem code)
    "text": [
        ("whole number", 12, "wrong-type"),
        ("number", Decimal("1.5"), "wrong-type"),
        ("boolean", True, "wrong-type"),
        ("date", DAY, "wrong-type"),
        ("date-time", MOMENT, "wrong-type"),
        ("list", ["x"], "wrong-type"),
        ("table", {"x": "y"}, "wrong-type"),
    ],
    "whole number": [
        ("text", "12", "wrong-type"),
        ("decimal with no fraction", Decimal("12.0"), "wrong-type"),
        ("boolean", True, "wrong-type"),
        ("date", DAY, "wrong-type"),
    ],
    "boolean": [
        ("text", "true", "wrong-type"),
        ("whole number", 1, "wrong-type"),
    ],
    "number": [
        ("text", "27.50", "wrong-type"),
        ("boolean", True, "wrong-type"),
        ("date", DAY, "wrong-type"),
    ],
    "date": [
        ("date-time", MOMENT, "wrong-type"),
        ("local date-time", _NAIVE, "wrong-type"),
        ("time", _TIME, "wrong-type"),
        ("whole number", 20200101, "wrong-type"),
        ("boolean", True, "wrong-type"),
        ("text not a date", "01/02/1980", "invalid-value"),
        ("text of a date-time", "2020-01-01T00:00:00Z", "invalid-value"),
    ],
    "date-time": [
        ("date", DAY, "wrong-type"),
        ("time", _TIME, "wrong-type"),
        ("whole number (epoch seconds)", 1612159200, "wrong-type"),
        ("boolean", True, "wrong-type"),
        ("text of a date", "2021-02-01", "invalid-value"),
    ],
    "choice": [
        ("whole number", 1, "wrong-type"),
        ("boolean", True, "wrong-type"),
    ],
    "period": [
        ("whole number", 5, "wrong-type"),
        ("boolean", True, "wrong-type"),
        ("words", "5 years", "invalid-value"),
    ],
    "business year": [
        ("whole number", 2021, "wrong-type"),
        ("text of one year", "2021", "invalid-value"),
    ],
    "record": [("text", "x", "wrong-type"), ("list", [], "wrong-type")],
}


def _kind(type_: Any) -> str:
    type_ = _bare(type_)
    kinds = {
        str: "text",
        int: "whole number",
        bool: "boolean",
        Decimal: "number",
        pendulum.Date: "date",
        pendulum.DateTime: "date-time",
        Period: "period",
        AgeSchedule: "period",
        BusinessYear: "business year",
    }
    if type_ in kinds:
        return kinds[type_]
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return "choice"
    if attrs.has(type_):
        return "record"
    if typing.get_origin(type_) is tuple:
        return "list"
    raise TypeError(f"no kind for {type_!r}")


# -- every field of every table -------------------------------------------------------

Segments = tuple[str | int, ...]


def _fields(record: type[Any], at: Segments) -> Iterator[tuple[Segments, Any]]:
    """Every field below ``record``: its path (list items at 0) and its type."""
    hints = typing.get_type_hints(record)
    for field in attrs.fields(record):
        if record is mc.model.Deployment and field.name == "crew":
            continue
        type_ = _bare(hints[field.name])
        path = (*at, field.name)
        yield path, type_
        if typing.get_origin(type_) is tuple:
            item = _bare(typing.get_args(type_)[0])
            yield (*path, 0), item
            if _kind(item) == "record":
                yield from _fields(item, (*path, 0))
        elif _kind(type_) == "record":
            yield from _fields(type_, path)


def _label(node: Any, index: int) -> str:
    """How a problem's path names a record: by its id when it has one that is text."""
    record_id = node.get("id") if isinstance(node, dict) else None
    return record_id if isinstance(record_id, str) and record_id else str(index)


def _rendered(table: str, raw: dict[str, Any], path: Segments) -> str:
    text, node = f"{table}[{_label(raw, 0)}]", raw
    for segment in path:
        node = node[segment]
        text += f"[{_label(node, segment)}]" if isinstance(segment, int) else f".{segment}"
    return text


def _toml(table: str, record: dict[str, Any]) -> str:
    """The record under its own ``[[table]]`` header on line 1, every value inline, a key a line."""
    return f"[[{table}]]\n" + "".join(
        f"{key} = {_inline(value)}\n" for key, value in record.items()
    )


def _inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_inline(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {value!r}")


def _put(raw: dict[str, Any], path: Segments, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(raw)
    node: Any = changed
    for segment in path[:-1]:
        node = node[segment]
    node[path[-1]] = value
    return changed


_RECORDS = {table.name: _full(table.record) for table in TABLES}

PLAIN_OR_TABLE = (mc.model.RoleHeld, mc.model.StatusSpell)
"""Dated entries that may be written as their one value, held on every day."""


@pytest.mark.parametrize(
    ("table", "text", "wrong"),
    [
        ("vessel", 'status = ["refit"]', 'status = ["refit", 3]'),
        ("person", 'duty_roles = ["coxswain"]', "duty_roles = [true]"),
    ],
)
def test_a_dated_entry_is_text_or_a_table_and_nothing_else(
    table: str, text: str, wrong: str
) -> None:
    head = {
        "vessel": 'id = "v"\nname = "V"\ntype = "cpv"\n',
        "person": 'id = "p"\nname = "P"\ndiscipline = "deck"\n',
    }[table]
    fleet = mc.loads(f"[[{table}]]\n{head}{text}\n")
    assert mc.loads(mc.dumps(fleet)) == fleet
    assert "{" not in mc.dumps(fleet)  # written back plain, as given
    with pytest.raises(mc.DataError) as caught:
        mc.loads(f"[[{table}]]\n{head}{wrong}\n")
    (problem,) = caught.value.problems
    assert problem.code == "wrong-type"
    assert "or a table" in problem.message


def _at(raw: Any, path: Segments) -> Any:
    for segment in path:
        raw = raw[segment]
    return raw


def _cases() -> Iterator[Any]:
    """(table, path, wrong value, problem code) for every field of every table."""
    for table in TABLES:
        for path, type_ in _fields(table.record, ()):
            where = ".".join([table.name, *map(str, path)])
            if typing.get_origin(type_) is tuple:
                one = _at(_RECORDS[table.name], path)[0]  # the one item, not in a list
                yield pytest.param(table.name, path, one, "wrong-type", id=f"{where}-single")
                continue
            for label, value, code in WRONG[_kind(type_)]:
                if type_ in PLAIN_OR_TABLE and label == "text":
                    continue  # a plain value is their undated form (see below)
                yield pytest.param(table.name, path, value, code, id=f"{where}-{label}")


@pytest.mark.parametrize("table", [table.name for table in TABLES])
def test_a_record_with_every_field_filled_loads(table: str) -> None:
    fleet = mc.loads(_toml(table, _RECORDS[table]))
    assert len(getattr(fleet, next(t.attribute for t in TABLES if t.name == table))) == 1


@pytest.mark.parametrize(("table", "path", "value", "code"), list(_cases()))
def test_a_value_of_the_wrong_kind_is_a_located_error(
    table: str, path: Segments, value: Any, code: str
) -> None:
    raw = _put(_RECORDS[table], path, value)
    with pytest.raises(mc.DataError) as caught:
        mc.loads(_toml(table, raw), name="data.toml")
    [problem] = caught.value.problems
    assert (problem.code, problem.path) == (code, _rendered(table, raw, path))
    # At the line of the record's key that holds the value (every value is inline).
    assert (problem.file, problem.line) == ("data.toml", 2 + list(raw).index(path[0]))
    assert problem.message.startswith("expected ")
    assert " found " in problem.message


# -- JSON: the values TOML cannot write -------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("crew_size", True, "expected a whole number, found true"),
        ("crew_size", "12", "expected a whole number, found the text '12'"),
        ("crew_size", 12.0, "expected a whole number, found the number 12.0"),
        ("crew_size", 1e2, "expected a whole number, found the number 100.0"),
        ("name", None, "expected text, found nothing (null)"),
        ("name", 12, "expected text, found the whole number 12"),
        ("length_m", "42.0", "expected a number, found the text '42.0'"),
        ("complement", None, "expected a list, found nothing (null)"),
        ("complement", {"role": "medic", "count": 1}, "expected a list, found a table"),
    ],
)
def test_json_values_of_the_wrong_kind_are_errors(field: str, value: Any, message: str) -> None:
    record = {"id": "v", "name": "HMC Vigilant", "type": "cutter", field: value}
    with pytest.raises(mc.DataError) as caught:
        mc.loads(json.dumps({"vessel": [record]}), format="json", name="data.json")
    [problem] = caught.value.problems
    assert str(problem) == f"data.json: vessel[v].{field}: {message}"


def test_what_the_format_accepts_on_purpose() -> None:
    # Each of these is documented in docs/format.md, under Values.
    fleet = mc.loads(
        json.dumps(
            {
                "vessel": [
                    {"id": "v", "name": "V", "type": "cutter", "length_m": 42, "crew_size": None}
                ],
                "person": [{"id": "B", "name": "N", "discipline": "deck", "born": "2000-02-29"}],
                "work_period": [
                    {"person": "B", "start": "2021-02-01T06:00:00Z", "end": "2021-02-01T12:00:00Z"}
                ],
            }
        ),
        format="json",
    )
    assert fleet.vessels[0].length_m == Decimal(42)  # a whole number where a number belongs
    assert fleet.vessels[0].crew_size is None  # null for an optional field: absent
    assert fleet.people[0].born == pendulum.Date(2000, 2, 29)  # a date as text
    assert fleet.work_periods[0].start == MOMENT  # a date-time as text
