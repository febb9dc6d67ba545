"""Hypothesis strategies for the domain model, down to whole fleets.

Strategies are derived from the attrs classes themselves (field types and validators),
so a field added to the model is generated without touching this file. Values cover
what the format must carry losslessly: any Unicode text, every optional field present
or absent, dates at the edges of months and years (29 February, 31 December), moments
with UTC, fixed-offset and Europe/London zones, and exact decimals.
"""

from __future__ import annotations

import datetime
import enum
import functools
import types
import typing
from decimal import Decimal
from typing import Any, Union

import attrs
import pendulum
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew.model import TABLES

_EDGE_DATES = [
    datetime.date(2020, 2, 29),
    datetime.date(2024, 2, 29),
    datetime.date(2000, 2, 29),
    datetime.date(2020, 12, 31),
    datetime.date(2021, 1, 1),
    datetime.date(2021, 3, 31),
    datetime.date(2021, 4, 1),
    datetime.date(1999, 12, 31),
]

dates = st.one_of(
    st.sampled_from(_EDGE_DATES),
    st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2060, 12, 31)),
).map(lambda d: pendulum.Date(d.year, d.month, d.day))

_ZONES = [
    pendulum.UTC,
    pendulum.timezone("Europe/London"),
    pendulum.FixedTimezone(3600),
    pendulum.FixedTimezone(-5 * 3600 - 1800),
]

moments = st.builds(
    lambda when, zone: pendulum.instance(when.replace(tzinfo=datetime.timezone.utc)).in_timezone(
        zone
    ),
    st.datetimes(
        min_value=datetime.datetime(1990, 1, 1), max_value=datetime.datetime(2040, 12, 31)
    ),
    st.sampled_from(_ZONES),
)

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=20)
identifiers = st.one_of(
    st.from_regex(r"[A-Z]{2}[0-9]{4}", fullmatch=True),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
)

periods = st.one_of(
    st.builds(
        mc.Period,
        years=st.integers(0, 10),
        months=st.integers(0, 24),
        days=st.integers(0, 400),
        hours=st.integers(0, 48),
        minutes=st.integers(0, 59),
        seconds=st.integers(0, 59),
    ),
    st.builds(mc.Period, weeks=st.integers(0, 10)),
)

age_schedules = st.one_of(
    periods.map(mc.AgeSchedule.fixed),
    st.lists(st.integers(1, 80), max_size=3, unique=True).flatmap(
        lambda ages: st.tuples(*[periods for _ in range(len(ages) + 1)]).map(
            lambda ps: mc.AgeSchedule(
                tuple(
                    mc.AgeBand(period, age)
                    for period, age in zip(ps, [0, *sorted(ages)], strict=True)
                )
            )
        )
    ),
)

business_years = st.integers(1990, 2060).map(mc.BusinessYear)

decimals = st.decimals(
    min_value=Decimal("-100000"), max_value=Decimal("100000"), places=2, allow_nan=False
)

_SPECIAL: dict[Any, st.SearchStrategy[Any]] = {
    str: text,
    bool: st.booleans(),
    Decimal: decimals,
    pendulum.Date: dates,
    pendulum.DateTime: moments,
    mc.Period: periods,
    mc.AgeSchedule: age_schedules,
    mc.BusinessYear: business_years,
}


def _for_type(type_: Any, validator: Any = None) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    if origin in (Union, types.UnionType):
        inner = [arg for arg in args if arg is not type(None)]
        return st.none() | _for_type(inner[0], validator)
    if origin is tuple:
        return st.lists(_for_type(args[0]), max_size=3).map(tuple)
    if type_ in _SPECIAL:
        return _SPECIAL[type_]
    if type_ is int:
        low = 1 if validator is mc.model._base.positive else 0
        return st.integers(low, 10**6)
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return st.sampled_from(list(type_))
    if attrs.has(type_):
        return records(type_)
    raise TypeError(f"no strategy for {type_!r}")


@functools.cache
def records(record: type[Any]) -> st.SearchStrategy[Any]:
    """Any valid instance of a model record class."""
    hints = typing.get_type_hints(record)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in attrs.fields(record):
        strategy = (
            identifiers if field.name == "id" else _for_type(hints[field.name], field.validator)
        )
        fields[field.name] = strategy
    if record is mc.Deployment:
        # Exactly one of person and crew.
        fields["person"] = identifiers
        fields["crew"] = st.none()
        return st.one_of(
            st.builds(record, **fields),
            st.builds(record, **{**fields, "person": st.none(), "crew": identifiers}),
        )
    return st.builds(record, **fields)


def fleets(max_records: int = 3) -> st.SearchStrategy[mc.Fleet]:
    """Fleets with up to ``max_records`` records in every table."""
    return st.builds(
        mc.Fleet,
        **{
            table.attribute: st.lists(records(table.record), max_size=max_records).map(tuple)
            for table in TABLES
        },
    )
