"""The loader's fast path accepts exactly what the detailed path accepts, and agrees with it."""

from __future__ import annotations

import copy
import datetime
import enum
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from maritime_crew import model
from maritime_crew.io._converter import detailed, fast
from maritime_crew.io._limits import FIRST_DATE, LAST_DATE, MAX_INTEGER, MIN_INTEGER
from maritime_crew.model import TABLES, Person, Table

ROOT = Path(__file__).resolve().parent.parent
PEOPLE: list[dict[str, Any]] = tomli.loads(
    (ROOT / "examples" / "fleet" / "people" / "vigilant-a.toml").read_text(encoding="utf-8"),
    parse_float=Decimal,
)["person"]

ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.text(max_size=12),
    st.sampled_from(["2021-02-30", "2021-03-31", "P5Y", "deck", "BF1003"]),
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2030, 1, 1)),
    st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2030, 1, 1)),
    st.just(Decimal("1.5")),
    st.just([]),
    st.just(["a", 1]),
    st.just({}),
    st.just({"type": "eng1"}),
)


def _outcome(converter: Any, records: list[dict[str, Any]]) -> tuple[bool, Any]:
    try:
        return True, converter.structure(records, tuple[Person, ...])
    except Exception:
        return False, None


@given(
    person=st.integers(0, len(PEOPLE) - 1),
    path=st.lists(st.integers(0, 40), min_size=1, max_size=4),
    key=st.sampled_from(
        [
            "id",
            "name",
            "discipline",
            "born",
            "grade_since",
            "duty_roles",
            "certificates",
            "training",
            "issues",
            "sizes",
            "terms",
            "type",
            "issued",
            "expires",
            "course",
            "completed",
            "item",
            "returned",
            "equipment",
            "size",
            "set",
            "start",
            "end",
            "number",
            "trainer",
            "unknown",
        ]
    ),
    value=ODD_VALUES,
)
def test_fast_and_detailed_agree_on_mutated_people(
    person: int, path: list[int], key: str, value: Any
) -> None:
    records = copy.deepcopy(PEOPLE[person : person + 1])
    # Walk into the record (tables and lists) and set one key to an odd value.
    node: Any = records[0]
    for step in path[:-1]:
        children = [
            v for v in node.values() if isinstance(v, list) and v and isinstance(v[0], dict)
        ]
        if not children:
            break
        items = children[step % len(children)]
        node = items[step % len(items)]
    node[key] = value
    fast_ok, fast_result = _outcome(fast, records)
    detailed_ok, detailed_result = _outcome(detailed, records)
    assert fast_ok == detailed_ok
    assert fast_result == detailed_result


def test_the_paths_agree_on_the_example_people() -> None:
    assert fast.structure(PEOPLE, tuple[Person, ...]) == detailed.structure(
        PEOPLE, tuple[Person, ...]
    )


def test_ids_repeated_across_records_share_one_string() -> None:
    # At 100,000 people the certificate types, courses and crew ids repeat millions of
    # times; keeping one string for each saves hundreds of megabytes.
    people = fast.structure(PEOPLE, tuple[Person, ...])
    types = [c.type for p in people for c in p.certificates if c.type == "eng1"]
    assert len(types) > 1
    assert all(t is types[0] for t in types)
    crews = [p.crew for p in people if p.crew]
    assert all(c is crews[0] for c in crews)


# -- every table ------------------------------------------------------------------------
#
# Each table's valid records (the example fleet's, or made here for a table it lacks) are
# changed in one place, and both paths must then accept them with equal results, or both
# refuse them. A place is any value in a record, at any depth; places are grouped by
# their shape (``certificates[].issued`` for every certificate's date), so that each
# field of each nested record is as likely to be changed as any other.

Place = tuple[str | int, ...]
"""Where a value is in a list of records: keys of tables and positions in lists."""


def _example_records() -> dict[str, list[dict[str, Any]]]:
    """The records of each table in the example dataset, as the loader parses them."""
    found: dict[str, list[dict[str, Any]]] = {}
    for file in sorted((ROOT / "examples" / "fleet").rglob("*.toml")):
        data = tomli.loads(file.read_text(encoding="utf-8"), parse_float=Decimal)
        for table, records in data.items():
            found.setdefault(table, []).extend(records)
    return found


HAND_MADE: dict[str, list[dict[str, Any]]] = {
    # The example fleet uses the built-in rest profiles only: one with every field.
    "rest_profile": [
        {
            "id": "night-watch",
            "name": "Night watch limits",
            "source": "Company policy 7.2",
            "min_rest_24h": "PT10H",
            "min_rest_7d": "PT77H",
            "max_rest_periods_24h": 2,
            "min_longest_rest_24h": "PT6H",
            "min_longest_rest_7d": "PT24H",
            "max_interval_between_rests": "PT14H",
            "max_work_24h": "PT14H",
            "max_work_7d": "PT72H",
            "reduced_min_rest_7d": "PT70H",
            "max_consecutive_reduced_weeks": 2,
            "max_average_work_week": "PT48H",
            "averaging_weeks": 17,
        },
        {"id": "bare", "name": "Name only"},
    ],
    "practice_kind": [
        {"id": "boat-launch", "name": "Boat launch", "description": "A launch of the RIB."},
        {"id": "mob-drill", "name": "Man overboard drill"},
    ],
}

ADDED: dict[str, list[dict[str, Any]]] = {
    # Nested records the example fleet has none of, added to its tables.
    "person": [
        {
            "id": "BF9001",
            "name": "Sam Okafor",
            "discipline": "deck",
            "practice": [
                {"kind": "boat-launch", "date": datetime.date(2021, 2, 10)},
                {
                    "kind": "mob-drill",
                    "date": datetime.date(2021, 2, 11),
                    "count": 2,
                    "vessel": "vigilant",
                    "recorded_on": datetime.date(2021, 2, 12),
                },
            ],
        }
    ],
    "duty_role": [
        {
            "id": "coxswain-rib",
            "name": "RIB coxswain",
            "currency": [
                {"practice": "boat-launch", "within": "P3M"},
                {"practice": "mob-drill", "count": 2, "within": "P1Y", "reason": "SOP 4"},
            ],
        }
    ],
}


def _records() -> dict[str, list[dict[str, Any]]]:
    found = {**_example_records(), **HAND_MADE}
    for table, records in ADDED.items():
        found[table] = [*found.get(table, []), *records]
    return found


RECORDS: dict[str, list[dict[str, Any]]] = _records()


def _field_names(record: type[Any]) -> list[str]:
    """The field names of a record class and of every record class nested in it."""
    names: set[str] = set()
    seen: set[type[Any]] = set()
    pending = [record]
    while pending:
        cls = pending.pop()
        if cls in seen or not attrs.has(cls):
            continue
        seen.add(cls)
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            names.add(field.name)
            for outer in (hints[field.name], *typing.get_args(hints[field.name])):
                pending += [t for t in (outer, *typing.get_args(outer)) if isinstance(t, type)]
    return sorted(names)


def _places(value: Any, place: Place) -> list[Place]:
    """``place``, where ``value`` is, and the place of every value inside it."""
    if isinstance(value, dict):
        inner = [p for key, item in value.items() for p in _places(item, (*place, key))]
    elif isinstance(value, list):
        inner = [p for i, item in enumerate(value) for p in _places(item, (*place, i))]
    else:
        inner = []
    return [place, *inner]


def _shape(place: Place) -> str:
    return "".join("[]" if isinstance(step, int) else f".{step}" for step in place[1:])


def _places_by_shape(records: list[dict[str, Any]]) -> list[list[tuple[int, Place]]]:
    """Every place in each record (as the only record of a list), grouped by shape."""
    groups: dict[str, list[tuple[int, Place]]] = {}
    for index, record in enumerate(records):
        for place in _places(record, (0,)):
            groups.setdefault(_shape(place), []).append((index, place))
    return [groups[shape] for shape in sorted(groups)]


def _leaves(value: Any) -> list[Any]:
    """The plain values (not tables, not lists) anywhere in ``value``."""
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


FIELD_NAMES = {table.name: _field_names(table.record) for table in TABLES}
PLACES = {name: _places_by_shape(records) for name, records in RECORDS.items()}
LEAVES = {name: _leaves(records) for name, records in RECORDS.items()}

_ENUM_VALUES = sorted(
    {
        member.value
        for cls in vars(model).values()
        if isinstance(cls, type) and issubclass(cls, enum.Enum)
        for member in cls
    }
)

TABLE_ODD_VALUES = st.one_of(
    ODD_VALUES,
    st.sampled_from(_ENUM_VALUES),
    st.sampled_from(["PT10H", "P", "P1.5Y", "-P1D", "2021/22", "2021/23", "2021/2022"]),
    st.sampled_from(
        [
            "2021-03-28T01:30:00",  # no such local time in the UK
            "2021-10-31T01:30:00",  # twice in the UK
            "2021-06-01T08:00:00Z",
            "2021-06-01 08:00",
            "2021-06-01T24:00:00",
            "1799-12-31",
            "3000-01-01",
        ]
    ),
    st.sampled_from([MIN_INTEGER - 1, MAX_INTEGER + 1, 10**70, 1.5, 2.0]),
    st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-0.0"), Decimal("1e999")]),
    st.datetimes(
        min_value=datetime.datetime(2000, 1, 1),
        max_value=datetime.datetime(2030, 1, 1),
        timezones=st.sampled_from(
            [datetime.timezone.utc, datetime.timezone(datetime.timedelta(hours=-5))]
        ),
    ),
    st.times(),
    st.just([{}]),
    st.just([[]]),
    st.just({"unknown": 1}),
)


def _near_misses(value: Any) -> list[Any]:
    """Values like ``value`` that one path might take for it and the other refuse."""
    if isinstance(value, bool):
        near: list[Any] = [int(value), str(value).lower()]
    elif isinstance(value, int):
        near = [str(value), float(value), Decimal(value), value > 0, -value]
        near += [MIN_INTEGER, MAX_INTEGER, MIN_INTEGER - 1, MAX_INTEGER + 1]
    elif isinstance(value, Decimal):
        near = [str(value), float(value), int(value), Decimal("NaN"), Decimal("-Infinity")]
    elif isinstance(value, datetime.datetime):
        near = [value.isoformat(), value.date(), value.replace(tzinfo=None), value.time()]
        near += [value.isoformat(" ", "minutes"), value.isoformat()[:-3]]
        # local times a UK clock change skips, and one it repeats
        near += ["2021-03-28T01:30:00", datetime.datetime(2021, 3, 28, 1, 30)]
        near += ["2021-10-31T01:30:00", datetime.datetime(2021, 10, 31, 1, 30)]
    elif isinstance(value, datetime.date):
        near = [value.isoformat(), datetime.datetime(value.year, value.month, value.day)]
        near += [FIRST_DATE, LAST_DATE, FIRST_DATE - datetime.timedelta(days=1)]
        near += [value.isoformat().replace("-", "/"), f"{value.year}-02-30"]
    elif isinstance(value, str):
        near = [value.upper(), f" {value}", "", [value], {"id": value}, value.encode()]
    elif isinstance(value, list):
        near = [[], [None], value[0] if value else 0, tuple(value), {"0": value}]
    elif isinstance(value, dict):
        near = [[value], {}, list(value)]
    else:
        near = []
    return [None, *near]


def _value_at(records: list[Any], place: Place) -> Any:
    value: Any = records
    for step in place:
        value = value[step]
    return value


def _change(records: list[Any], place: Place, change: str, new: Any = None) -> None:
    """Replace or delete the value at ``place``."""
    holder = _value_at(records, place[:-1])
    if change == "replace":
        holder[place[-1]] = new
    else:
        del holder[place[-1]]


def _table_for_a_key(records: list[Any], place: Place) -> dict[str, Any] | None:
    """The table a new key goes into: the value at ``place``, or the table holding it."""
    for table in (_value_at(records, place), _value_at(records, place[:-1])):
        if isinstance(table, dict):
            return table
    return None


def _target(table: Table) -> Any:
    return tuple[table.record, ...]  # type: ignore[name-defined]


def _structure(converter: Any, table: Table, records: list[Any]) -> tuple[bool, Any]:
    try:
        return True, converter.structure(records, _target(table))
    except Exception:
        return False, None


def _assert_agree(table: Table, records: list[Any]) -> None:
    fast_ok, fast_result = _structure(fast, table, records)
    detailed_ok, detailed_result = _structure(detailed, table, records)
    assert fast_ok == detailed_ok, (
        f"[[{table.name}]]: the fast path {'accepts' if fast_ok else 'refuses'} "
        f"and the detailed path {'accepts' if detailed_ok else 'refuses'} {records!r}"
    )
    assert fast_result == detailed_result, f"[[{table.name}]]: different records from {records!r}"


_BY_NAME = pytest.mark.parametrize("table", TABLES, ids=[table.name for table in TABLES])


@_BY_NAME
def test_every_table_has_valid_records_the_paths_agree_on(table: Table) -> None:
    records = RECORDS.get(table.name)
    assert records, f"no valid {table.kind} record to change: add one to HAND_MADE"
    assert _structure(fast, table, records)[0], f"the fast path refuses the valid {table.kind}"
    _assert_agree(table, records)


@_BY_NAME
@given(data=st.data())
def test_fast_and_detailed_agree_on_every_changed_table(table: Table, data: st.DataObject) -> None:
    samples = RECORDS[table.name]
    shape = data.draw(st.sampled_from(PLACES[table.name]), label="shape")
    index, place = data.draw(st.sampled_from(shape), label="place")
    records = copy.deepcopy(samples[index : index + 1])
    value = _value_at(records, place)
    holder = _table_for_a_key(records, place)
    changes = ["replace", "delete"]
    if holder is not None:
        changes += ["add a field", "add an unknown key"]
    change = data.draw(st.sampled_from(changes), label="change")
    odd = st.one_of(TABLE_ODD_VALUES, st.sampled_from(LEAVES[table.name]))
    if change == "replace":
        # (one_of would weigh the values like it as one choice among all the odd kinds)
        like_it = data.draw(st.booleans(), label="like it")
        new = data.draw(st.sampled_from(_near_misses(value)) if like_it else odd, label="value")
        _change(records, place, "replace", new)
    elif change == "delete":
        _change(records, place, "delete")
    else:  # a field of this record or another, perhaps in the wrong place; or an unknown key
        names = FIELD_NAMES[table.name] if change == "add a field" else ["unknown", "Id", ""]
        key = data.draw(st.sampled_from(names), label="key")
        assert holder is not None
        holder[key] = data.draw(odd, label="value")
    _assert_agree(table, records)


@_BY_NAME
def test_fast_and_detailed_agree_on_every_near_miss(table: Table) -> None:
    # Every shape of place once: its value replaced by each value like it, deleted, and
    # (a table) given an unknown key. Random odd values are the property's job (above).
    for (index, place), *_ in PLACES[table.name]:
        value = _value_at(RECORDS[table.name][index : index + 1], place)
        changes = [("replace", near) for near in _near_misses(value)] + [("delete", None)]
        if isinstance(value, dict):
            changes.append(("unknown key", 1))
        for change, new in changes:
            records = copy.deepcopy(RECORDS[table.name][index : index + 1])
            if change == "unknown key":
                _value_at(records, place)["unknown"] = new
            else:
                _change(records, place, change, new)
            _assert_agree(table, records)
