"""The loader's fast path accepts exactly what the detailed path accepts, and agrees with it."""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli
from hypothesis import given
from hypothesis import strategies as st

from maritime_crew.io._converter import detailed, fast
from maritime_crew.model import Person

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
