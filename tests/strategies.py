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

_EDGE_MOMENTS = [
    datetime.datetime(2020, 12, 31, 23, 59, 59),  # the last second of a year
    datetime.datetime(2021, 1, 1, 0, 0, 0),
    datetime.datetime(2020, 2, 29, 12, 0, 0),
    datetime.datetime(2021, 3, 28, 1, 0, 0),  # UK clocks go forward
    datetime.datetime(2020, 10, 25, 0, 30, 0),  # 01:30 UK time, the first of two
    datetime.datetime(2020, 10, 25, 1, 30, 0),  # 01:30 UK time, the second of two
    datetime.datetime(2021, 6, 30, 23, 0, 0, 123456),  # microseconds
]
"""Moments in UTC at year ends, leap days and the UK clock changes."""

moments = st.builds(
    lambda when, zone: pendulum.instance(when.replace(tzinfo=datetime.timezone.utc)).in_timezone(
        zone
    ),
    st.one_of(
        st.sampled_from(_EDGE_MOMENTS),
        st.datetimes(
            min_value=datetime.datetime(1990, 1, 1), max_value=datetime.datetime(2040, 12, 31)
        ),
    ),
    st.sampled_from(_ZONES),
)

EDGE_TEXT = [
    "Zoë Ó Briain-Ní Dhúill",  # precomposed accents
    "Zoe\u0308 Bjo\u0308rk",  # combining diaeresis: not normalised, kept as written
    "𠮷田 花子 \U0001d504\U0001d529\U0001d522\U0001d535",  # beyond the Basic Multilingual Plane
    "👩🏽\u200d✈️ Pilot",  # emoji with a skin tone and a zero-width joiner
    "مريم الحسن",  # right to left (Arabic)
    "דוד כהן (David)",  # right to left (Hebrew) mixed with left to right
    "\u202eevil\u202c \u200fmark",  # bidirectional controls
    "क्षत्रिय",  # Devanagari conjuncts
    "Straße İstanbul ǅ",  # case mappings that change length
    'O\'Brien "Jr" \\ back\\slash',  # quotes and backslashes
    "line\nbreak\r\nand\ttab",  # line breaks and a tab
    "nul\x00del\x7f\u2028sep",  # control characters and a line separator
    "\ufeffbom-led",  # a byte order mark inside text
    " padded ",  # surrounding spaces are kept
    "",
]
"""Text the format must keep exactly: every script, direction and escape."""

_any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=20)
text = st.one_of(st.sampled_from(EDGE_TEXT), _any_text)
identifiers = st.one_of(
    st.from_regex(r"[A-Z]{2}[0-9]{4}", fullmatch=True),
    st.sampled_from([t for t in EDGE_TEXT if t]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
)

periods = st.one_of(
    st.builds(
        mc.model.Period,
        years=st.integers(0, 10),
        months=st.integers(0, 24),
        days=st.integers(0, 400),
        hours=st.integers(0, 48),
        minutes=st.integers(0, 59),
        seconds=st.integers(0, 59),
    ),
    st.builds(mc.model.Period, weeks=st.integers(0, 10)),
)

day_periods = periods.map(
    lambda period: attrs.evolve(period, hours=0, minutes=0, seconds=0)
).filter(lambda period: str(period) != "P0D")
"""Periods of at least a day and no time parts, as currency requirements take."""

age_schedules = st.one_of(
    periods.map(mc.model.AgeSchedule.fixed),
    st.lists(st.integers(1, 80), max_size=3, unique=True).flatmap(
        lambda ages: st.tuples(*[periods for _ in range(len(ages) + 1)]).map(
            lambda ps: mc.model.AgeSchedule(
                tuple(
                    mc.model.AgeBand(period, age)
                    for period, age in zip(ps, [0, *sorted(ages)], strict=True)
                )
            )
        )
    ),
)

business_years = st.integers(1990, 2060).map(mc.model.BusinessYear)

decimals = st.decimals(
    min_value=Decimal("-100000"), max_value=Decimal("100000"), places=2, allow_nan=False
)

_SPECIAL: dict[Any, st.SearchStrategy[Any]] = {
    str: text,
    bool: st.booleans(),
    Decimal: decimals,
    pendulum.Date: dates,
    pendulum.DateTime: moments,
    mc.model.Period: periods,
    mc.model.AgeSchedule: age_schedules,
    mc.model.BusinessYear: business_years,
}


Optional = typing.Literal["any", "present", "absent"]
"""Which optional fields a strategy fills: at random, every one, or none (defaults)."""


def _for_type(
    type_: Any, validator: Any = None, optional: Optional = "any"
) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    if origin in (Union, types.UnionType):
        inner = [arg for arg in args if arg is not type(None)]
        present = _for_type(inner[0], validator, optional)
        return present if optional == "present" else st.none() | present
    if origin is tuple:
        items = _for_type(args[0], optional=optional)
        return st.lists(items, min_size=int(optional == "present"), max_size=3).map(tuple)
    if type_ is mc.model.Period and validator is mc.model._practice._days_or_more:
        return day_periods
    if type_ in _SPECIAL:
        return _SPECIAL[type_]
    if type_ is int:
        options = getattr(getattr(validator, "validator", validator), "options", None)
        if options is not None:  # attrs.validators.in_, perhaps optional
            return st.sampled_from(sorted(options))
        low = 1 if validator is mc.model._base.positive else 0
        return st.integers(low, 10**6)
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return st.sampled_from(list(type_))
    if attrs.has(type_):
        return records(type_, optional)
    raise TypeError(f"no strategy for {type_!r}")


@functools.cache
def records(record: type[Any], optional: Optional = "any") -> st.SearchStrategy[Any]:
    """Any valid instance of a model record class.

    With ``optional="present"`` every optional field holds a value and every list at
    least one item; with ``"absent"`` every field with a default is left at it.
    """
    hints = typing.get_type_hints(record)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in attrs.fields(record):
        if optional == "absent" and field.default is not attrs.NOTHING:
            continue
        fields[field.name] = (
            identifiers
            if field.name == "id"
            else _for_type(hints[field.name], field.validator, optional)
        )
    if record is mc.model.Deployment:
        # Exactly one of person and crew.
        fields["person"] = identifiers
        fields["crew"] = st.none()
        return st.one_of(
            st.builds(record, **fields),
            st.builds(record, **{**fields, "person": st.none(), "crew": identifiers}),
        )
    return st.builds(record, **fields)


def fleets(max_records: int = 3, optional: Optional = "any") -> st.SearchStrategy[mc.model.Fleet]:
    """Fleets with up to ``max_records`` records in every table (see :func:`records`)."""
    return st.builds(
        mc.model.Fleet,
        **{
            table.attribute: st.lists(records(table.record, optional), max_size=max_records).map(
                tuple
            )
            for table in TABLES
        },
    )
