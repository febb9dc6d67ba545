"""The cattrs converters between plain data (TOML/JSON values) and the model.

Structuring is strict: a value of the wrong type is an error, never a conversion. The
rules of the format that go beyond plain TOML types are:

* a date may be a TOML date or a ``YYYY-MM-DD`` string (JSON has no date type);
* a moment may be a TOML date-time or an ISO 8601 string; one without an offset is
  Europe/London local time, and must exist and be unambiguous there;
* a decimal amount may be written as a float or a whole number;
* periods are ISO 8601 duration strings (``P5Y``); business years are ``2021/22``.

Two converters share these hooks: a fast one that stops at the first problem, and a
detailed one that collects every problem. Loading uses the fast one and falls back to
the detailed one only when the data has a problem.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import decimal
import enum
import re
import sys
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from types import UnionType
from typing import Any, Union, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.errors import (
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from .. import model
from ..model import AgeBand, AgeSchedule, BusinessYear, InvalidValue, Period
from ._limits import FIRST_DATE, LAST_DATE, MAX_INTEGER, MIN_INTEGER

__all__ = [
    "EXCERPT",
    "LONDON",
    "NO_SUCH_DAY",
    "NO_SUCH_HOUR",
    "NO_SUCH_MINUTE",
    "NO_SUCH_MONTH",
    "Omitted",
    "WrongType",
    "describe",
    "detailed",
    "escaped",
    "excerpt",
    "fast",
    "keeping_errors",
    "moment",
    "problem_count",
    "quote",
    "sharing_values",
    "unstructure",
    "withhold",
]

LONDON = pendulum.timezone("Europe/London")

# Digits are ASCII digits only: ``\d`` would also match Arabic-Indic and other digits.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_MOMENT = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?", re.ASCII
)


class WrongType(TypeError):
    """A value of the wrong kind: text where a number belongs, a table where a list does."""

    def __init__(self, expected: str, found: object) -> None:
        super().__init__(expected, found)
        self.expected = expected
        self.found = found

    def __str__(self) -> str:
        return f"expected {self.expected}, found {describe(self.found)}"


class InvalidChoice(ValueError):
    """A value outside an enumeration."""

    def __init__(self, allowed: tuple[str, ...], found: object) -> None:
        super().__init__(allowed, found)
        self.allowed = allowed
        self.found = found


EXCERPT = 40
"""The most characters of a value from the data that a message quotes."""


def quote(text: str) -> str:
    r"""``text`` quoted for a message: short, and with unprintable characters escaped.

    It is cut short after :data:`EXCERPT` characters, and control and other unprintable
    characters are escaped (``'\x1b[2J'``), as ``repr`` does. Every value a load error
    shows passes through here (or :func:`describe`, which uses it), so a message stays
    readable and can neither run on for a megabyte nor drive the terminal it is printed
    on.
    """
    return repr(excerpt(text))


def excerpt(text: str) -> str:
    """At most :data:`EXCERPT` characters of ``text``, ending ``...`` when cut."""
    return text if len(text) <= EXCERPT else text[: EXCERPT - 3] + "..."


def escaped(text: str) -> str:
    r"""``text`` with each unprintable character written as its escape (``\x1b``, ``\n``).

    Printable text, the usual case, is returned as it is. A lone surrogate is escaped
    too (``\ud800``), so the text can always be encoded and printed.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def describe(value: object) -> str:
    """Say in plain words what a value from a TOML or JSON file is."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the text {quote(value)}"
    if isinstance(value, int):
        if abs(value) >= 10**60:
            return "a whole number of more than 60 digits"
        return f"the whole number {value}"
    if isinstance(value, (float, Decimal)):
        return f"the number {excerpt(str(value))}"
    if isinstance(value, datetime.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, datetime.time):
        return f"the time {value.isoformat()}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


# What describe() says of a single value, quoting it: the kind of value, then the value.
_QUOTED = re.compile(
    r"\bthe text (?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
    r"|\bthe (whole number|number|date and time|date|time) "
    r"[-+]?(?:[0-9][^\s,;()]*|Infinity|s?NaN|nan|inf)"
)
_UNEXPLAINED = re.compile(r"^invalid value \(.*\)$", re.DOTALL)


def withhold(message: str) -> str:
    """``message`` with every value that :func:`describe` quoted replaced by its kind.

    ``found the text 'Alex Morgan'`` becomes ``found text (withheld)``, and ``found the
    date 1986-07-14`` becomes ``found a date (withheld)``: what ``--redact`` shows of a
    load error, which still says where the problem is and what was expected.
    """

    def kind(match: re.Match[str]) -> str:
        return "text (withheld)" if match[1] is None else f"a {match[1]} (withheld)"

    return _UNEXPLAINED.sub("invalid value (details withheld)", _QUOTED.sub(kind, message))


# -- primitives -----------------------------------------------------------------------


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise WrongType("text", value)
    return value


_INTEGER_WORDS = f"a whole number from {MIN_INTEGER:,} to {MAX_INTEGER:,} (64 bits)"


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise WrongType("a whole number", value)
    if not MIN_INTEGER <= value <= MAX_INTEGER:
        raise InvalidValue(_INTEGER_WORDS, value)
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        raise WrongType("true or false", value)
    return value


def _structure_decimal(value: Any, _: Any) -> Decimal:
    if type(value) is Decimal:
        if not value.is_finite():
            raise InvalidValue("a finite number", str(value))
        return value
    if type(value) is int:
        return Decimal(value)
    if type(value) is float:
        # Only reached when a caller parsed without Decimal floats; str() keeps the digits
        # a person wrote for any float that round-trips.
        return _structure_decimal(Decimal(repr(value)), None)
    raise WrongType("a number", value)


_DATE_WORDS = "a date (YYYY-MM-DD)"


# Dates recur (a fleet has a few thousand distinct days among millions of date fields),
# and pendulum.Date is immutable: each distinct TOML date of one load is converted once
# and shared by the records of that load. The table is emptied when the load ends
# (:func:`sharing_values`), so nothing outlives a load.
_DATES: dict[datetime.date, pendulum.Date] = {}
_DATES_KEPT = 200_000  # about 550 years of days; beyond that, dates are converted afresh
_TEXT_KEPT = 200_000  # distinct texts shared; beyond that, each keeps its own string
_PLAIN_ENTRIES: dict[tuple[type[Any], str], Any] = {}
"""Likewise one dated entry written plain (a duty role id held on every day) per value."""
_MOMENTS: dict[object, pendulum.DateTime] = {}
"""Likewise one date and time per distinct text, or TOML date and time with its offset
(watch times repeat across a crew)."""
_TEXT: dict[str, str] = {}
"""Likewise one string per distinct value of the free text that repeats (:data:`_REPEATED_TEXT`)."""


@contextlib.contextmanager
def sharing_values() -> Iterator[None]:
    """Share each distinct date, moment, repeated text and plain dated entry of one load.

    Forget them all after it.
    """
    try:
        yield
    finally:
        _DATES.clear()
        _PLAIN_ENTRIES.clear()
        _TEXT.clear()
        _MOMENTS.clear()


_DATE_RANGE = f"from {FIRST_DATE} to {LAST_DATE}"

NO_SUCH_MONTH = "the month must be from 01 to 12"
NO_SUCH_DAY = "that month has no such day"
NO_SUCH_HOUR = "hours run from 00 to 23"
NO_SUCH_MINUTE = "minutes and seconds run from 00 to 59"

# What Python's date parsing says of a date or time that does not exist, in plain words.
_CALENDAR_WORDS = {
    "month must be in 1..12": NO_SUCH_MONTH,
    "day is out of range for month": NO_SUCH_DAY,
    "hour must be in 0..23": NO_SUCH_HOUR,
    "minute must be in 0..59": NO_SUCH_MINUTE,
    "second must be in 0..59": NO_SUCH_MINUTE,
}


def _calendar_words(exc: ValueError) -> str | None:
    """Why a date or date-time of the right shape does not exist, or ``None`` if unknown."""
    message = str(exc)
    if message.startswith("offset must be a timedelta"):
        return "an offset must be less than 24 hours"
    return _CALENDAR_WORDS.get(message)


def _in_range(value: datetime.date) -> None:
    if isinstance(value, datetime.datetime):
        if not FIRST_DATE <= value.date() <= LAST_DATE:
            raise InvalidValue(f"a date and time {_DATE_RANGE}", value)
    elif not FIRST_DATE <= value <= LAST_DATE:
        raise InvalidValue(f"a date {_DATE_RANGE}", value)


def _structure_date(value: Any, _: Any) -> pendulum.Date:
    if type(value) is datetime.date:
        known = _DATES.get(value)
        if known is None:
            _in_range(value)
            known = pendulum.Date(value.year, value.month, value.day)
            if len(_DATES) < _DATES_KEPT:
                _DATES[value] = known
        return known
    if isinstance(value, pendulum.Date) and not isinstance(value, datetime.datetime):
        return value
    if type(value) is str:
        if not _DATE.fullmatch(value):
            raise InvalidValue(_DATE_WORDS, value)
        try:
            parsed = datetime.date.fromisoformat(value)
        except ValueError as exc:
            raise InvalidValue(_DATE_WORDS, value, detail=_calendar_words(exc)) from None
        _in_range(parsed)
        return pendulum.Date(parsed.year, parsed.month, parsed.day)
    raise WrongType(_DATE_WORDS, value)


_FRACTION = re.compile(r"\.\d{1,6}", re.ASCII)
_MOMENT_WORDS = "a date and time (YYYY-MM-DDTHH:MM:SS, with an offset or in UK local time)"


def _structure_moment(value: Any, _: Any) -> pendulum.DateTime:
    if type(value) is str:
        key: object = value
    elif type(value) is datetime.datetime:  # as TOML gives it: the offset makes the zone
        key = (value, value.utcoffset())
    else:
        return _moment(value)
    known = _MOMENTS.get(key)
    if known is None:
        known = _moment(value)
        if len(_MOMENTS) < _DATES_KEPT:
            _MOMENTS[key] = known
    return known


moment = _structure_moment
"""The date-time structure hook itself, ``moment(text, None)``: for a loader that builds
records without the converter (the CSV reader's quick way), reading a value exactly as a
field does, and raising where the converter would."""


def _moment(value: Any) -> pendulum.DateTime:
    if type(value) is str:
        if not _MOMENT.fullmatch(value):
            raise InvalidValue(_MOMENT_WORDS, value)
        text = value[:-1] + "+00:00" if value.endswith("Z") else value
        # Python 3.10 reads a fraction of a second only with 3 or 6 digits: pad it to 6.
        text = _FRACTION.sub(lambda digits: digits[0].ljust(7, "0"), text)
        try:
            value = datetime.datetime.fromisoformat(text)
        except ValueError as exc:
            raise InvalidValue(_MOMENT_WORDS, value, detail=_calendar_words(exc)) from None
    if not isinstance(value, datetime.datetime):
        raise WrongType(_MOMENT_WORDS, value)
    _in_range(value)
    if value.tzinfo is not None:
        return pendulum.instance(value)
    return _london(value)


def _london(naive: datetime.datetime) -> pendulum.DateTime:
    """Place a local time in Europe/London, refusing times a clock change makes doubtful."""
    first = naive.replace(tzinfo=LONDON, fold=0)
    second = naive.replace(tzinfo=LONDON, fold=1)
    if first.utcoffset() != second.utcoffset():
        back = first.astimezone(datetime.timezone.utc).astimezone(LONDON).replace(tzinfo=None)
        if back != naive:
            raise InvalidValue(
                _MOMENT_WORDS,
                naive.isoformat(),
                detail="that local time does not exist in the UK: the clocks went forward; "
                "give the time with an offset, such as +00:00",
            )
        raise InvalidValue(
            _MOMENT_WORDS,
            naive.isoformat(),
            detail="that local time happens twice in the UK: the clocks went back; "
            "give the time with an offset, +01:00 for the first or +00:00 for the second",
        )
    return pendulum.instance(first)


def _structure_period(value: Any, _: Any) -> Period:
    if type(value) is not str:
        raise WrongType("a period such as P5Y, P12M or P90D (ISO 8601 duration)", value)
    return Period.parse(value)


def _structure_business_year(value: Any, _: Any) -> BusinessYear:
    if type(value) is not str:
        raise WrongType("a business year such as 2021/22, in quotes", value)
    return BusinessYear.parse(value)


# -- collections and records ------------------------------------------------------------

_ENUMS: tuple[type[enum.Enum], ...] = tuple(
    value
    for value in vars(model).values()
    if isinstance(value, type) and issubclass(value, enum.Enum)
)


def _enum_value(member: enum.Enum) -> Any:
    return member.value


_ENUM_VALUES: dict[type[enum.Enum], dict[object, enum.Enum]] = {}


def _structure_enum(value: Any, enum_type: type[enum.Enum]) -> enum.Enum:
    by_value = _ENUM_VALUES.get(enum_type)
    if by_value is None:
        by_value = _ENUM_VALUES[enum_type] = {member.value: member for member in enum_type}
    if type(value) is not str:
        raise WrongType("one of " + ", ".join(repr(v) for v in by_value), value)
    try:
        return by_value[value]
    except KeyError:
        raise InvalidChoice(tuple(str(v) for v in by_value), value) from None


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


class Omitted(Exception):
    """Stands for the problems of a list's items that detailed structuring only counted.

    See :func:`keeping_errors`: past its room, an item's errors are counted, their
    tracebacks dropped, and the items' problems become this one number.
    """

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


class _Room:
    """How many more problems the errors the detailed structuring keeps may make."""

    __slots__ = ("left",)

    def __init__(self, left: int) -> None:
        self.left = left


_ROOM: contextvars.ContextVar[_Room | None] = contextvars.ContextVar("room", default=None)


@contextlib.contextmanager
def keeping_errors(room: int) -> Iterator[None]:
    """Within, the detailed converter keeps errors for about ``room`` problems, no more.

    Lists are structured item by item. Once the errors kept make ``room`` problems
    (counted over every list, however nested), the errors of a later failed item are
    only counted: they end as one :class:`Omitted` in the list's error. Without this, a
    table of a million bad records makes a million exceptions, with their tracebacks and
    notes, at some kilobytes each, all alive at once. An item that fails while there is
    room keeps its errors whole, so one record with a million bad values still shows its
    first ones (its own lists stop keeping where the room ends).
    """
    token = _ROOM.set(_Room(room))
    try:
        yield
    finally:
        _ROOM.reset(token)


def problem_count(exc: BaseException) -> int:
    """How many problems the error of a detailed structuring stands for.

    One per error, except an unknown-keys error (one per key) and :class:`Omitted` (its
    count). The tracebacks of the error and of everything in it are dropped on the way:
    each leads to a frame that holds the list of errors it is in, a reference cycle that
    only the garbage collector would free (and loading runs with it paused).
    """
    return sum(_tally(exc))


def _tally(exc: BaseException) -> tuple[int, int]:
    """The problems ``exc`` makes, and those it only counts; its tracebacks dropped."""
    made = counted = 0
    stack = [exc]
    while stack:
        error = stack.pop()
        error.__traceback__ = None
        if isinstance(error, BaseValidationError):
            stack.extend(error.exceptions)
        elif isinstance(error, ForbiddenExtraKeysError):
            made += len(error.extra_fields)
        elif isinstance(error, Omitted):
            counted += error.count
        else:
            made += 1
    return made, counted


def _detailed_tuple(type_: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """``tuple[X, ...]`` in detail: every item's errors, noted with its index, within room.

    It notes errors as cattrs' own list hook does (an ``IterableValidationNote`` per
    item), so a problem's path is the same; past the room of :func:`keeping_errors` it
    counts them instead.
    """
    item_type = get_args(type_)[0]
    item = converter.get_structure_hook(item_type)

    def structure(value: Any, target: Any) -> Any:
        if type(value) is not list:
            raise WrongType("a list", value)
        room = _ROOM.get()
        result = []
        errors: list[Exception] = []
        omitted = 0
        for index, entry in enumerate(value):
            before = room.left if room is not None else 1
            try:
                result.append(item(entry, item_type))
            except Exception as exc:
                made, counted = _tally(exc)
                if before <= 0:
                    omitted += made + counted
                    continue
                note = IterableValidationNote(
                    f"Structuring {target} @ index {index}", index, item_type
                )
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]  # type: ignore[attr-defined]
                errors.append(exc)
                if room is not None:  # its own lists took off theirs: all of it, once
                    room.left = before - made
        if omitted:
            errors.append(Omitted(omitted))
        if errors:
            raise IterableValidationError(f"While structuring {target!r}", errors, target)
        return tuple(result)

    return structure


def _tuple_hook(type_: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    if converter.detailed_validation:
        return _detailed_tuple(type_, converter)
    item_type = get_args(type_)[0]
    item = converter.get_structure_hook(item_type)

    def fast(value: Any, _: Any) -> Any:
        if type(value) is not list:
            raise WrongType("a list", value)
        return tuple([item(entry, item_type) for entry in value])

    return fast


_PLAIN = {str: "str", int: "int", bool: "bool"}
"""Types the fast path checks inline (``type(v) is str``), as their hooks would."""

_SHARED_TEXT = frozenset(
    {
        "id",
        "type",
        "course",
        "item",
        "vessel",
        "crew",
        "person",
        "set",
        "equipment",
        "role",
        "trainer",
        "grade",
        "kind",
        "size",
        "document",
        "operation",
        "rule",
        "supersedes",
    }
)
"""Fields whose text is an id: a record's own, or a reference to another's.

One string object (``sys.intern``) serves every field with the same id. References repeat
across records, so sharing them saves hundreds of megabytes at 100,000 people; and a
lookup by a reference (``fleet.person(deployment.person)``) then finds the indexed id
by identity, without reading a second string from memory, which at 100,000 people is
what a lookup mostly waits for."""

_REPEATED_TEXT = frozenset(
    {
        "by",
        "issuer",
        "provider",
        "approved_by",
        "outcome",
        "recorded_by",
        "reason",
        "name",
        "owner",
        "led_by",
        "summary",
        "title",
        "home_port",
        "class_name",
        "label",
        "notes",
    }
)
"""Free-text fields whose values repeat across records: who serviced kit, who issued a
certificate, who recorded a change, a person's name.

One string object per distinct value of a load serves them all (a dictionary of the
load, not ``sys.intern``, whose table outlives it). At 100,000 people this saves about
130 MB: 1.45 million service events name one of two servicing agents."""

_UNREFERENCED = frozenset({model.Deployment})
"""Records whose ids nothing refers to, in their millions at 100,000 people: interning
those would only fill the interpreter's table of interned strings (half a second)."""


_ABSENT = object()
"""What the fast path reads for a key the table does not have."""


def _fast_record(record: type[Any], converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """A structuring function for one record class, written for the fast path.

    It does what the cattrs-generated function of the detailed converter does, and
    refuses whatever that one refuses: exact types for text, whole numbers and booleans
    (checked inline rather than by a hook call each), the hooks of this module for every
    other type, nested records and lists by their own functions, and no unknown key. It
    raises at the first problem, with nothing to explain it: the loader then re-runs the
    data through the detailed converter, which says what is wrong. Inlining the checks
    and the list comprehensions is what makes loading fast (see benchmarks/README.md).
    """
    hints = typing.get_type_hints(record)
    fields = [field for field in attrs.fields(record) if field.init]
    names: dict[str, Any] = {"_cls": record, "_keys": frozenset(f.name for f in fields)}
    body = ["def structure(o, _=None):", "    if not _keys.issuperset(o.keys()): raise KeyError"]
    arguments: list[str] = []
    for field in fields:
        type_ = hints[field.name]
        optional = _is_optional(type_)
        inner = next(a for a in get_args(type_) if a is not type(None)) if optional else type_
        key = repr(field.name)
        value = f"_v_{field.name}"
        lines = [f"{value} = o[{key}]"]
        if optional:
            lines.append(f"if {value} is not None:")
        indent = "    " if optional else ""
        if inner is pendulum.Date:  # a date seen before is a dict lookup away
            names["_dates"] = _DATES
            names[f"_h_{field.name}"] = converter.get_structure_hook(inner)
            # (a date and time is never equal to a date, so it is not found either)
            lines += [
                f"{indent}try: {value} = _dates[{value}]",
                f"{indent}except (KeyError, TypeError): {value} = _h_{field.name}({value}, None)",
            ]
        elif inner in _PLAIN:
            names[f"_t_{field.name}"] = inner
            lines.append(f"{indent}if {value}.__class__ is not _t_{field.name}: raise TypeError")
            if inner is int:
                names["_least"], names["_most"] = MIN_INTEGER, MAX_INTEGER
                lines.append(f"{indent}if not _least <= {value} <= _most: raise ValueError")
            unreferenced = field.name == "id" and record in _UNREFERENCED
            if inner is str and field.name in _SHARED_TEXT and not unreferenced:
                names["_intern"] = sys.intern
                lines.append(f"{indent}{value} = _intern({value})")
            elif inner is str and field.name in _REPEATED_TEXT:
                names["_text"] = _TEXT
                names["_kept"] = _TEXT_KEPT
                lines += [
                    f"{indent}_s = _text.get({value})",
                    f"{indent}if _s is not None: {value} = _s",
                    f"{indent}elif len(_text) < _kept: _text[{value}] = {value}",
                ]
        elif _is_homogeneous_tuple(inner) and get_args(inner)[0] in _PLAIN:
            names[f"_t_{field.name}"] = get_args(inner)[0]
            lines += [
                f"{indent}if {value}.__class__ is not list: raise TypeError",
                f"{indent}for _x in {value}:",
                f"{indent}    if _x.__class__ is not _t_{field.name}: raise TypeError",
            ]
            if get_args(inner)[0] is str:  # lists of text are lists of ids
                names["_intern"] = sys.intern
                lines.append(f"{indent}{value} = tuple([_intern(_x) for _x in {value}])")
            else:
                lines.append(f"{indent}{value} = tuple({value})")
        elif _is_homogeneous_tuple(inner):
            item_type = get_args(inner)[0]
            names[f"_h_{field.name}"] = converter.get_structure_hook(item_type)
            names[f"_a_{field.name}"] = item_type
            each = f"_h_{field.name}(_x, _a_{field.name})"
            lines += [
                f"{indent}if {value}.__class__ is not list: raise TypeError",
                f"{indent}{value} = tuple([{each} for _x in {value}])",
            ]
        else:
            names[f"_h_{field.name}"] = converter.get_structure_hook(inner)
            names[f"_a_{field.name}"] = inner
            lines.append(f"{indent}{value} = _h_{field.name}({value}, _a_{field.name})")
        if field.default is attrs.NOTHING:
            body += [f"    {line}" for line in lines]
        else:  # absent: the field's default, passed on as attrs would make it
            names["_absent"] = _ABSENT
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                names[f"_f_{field.name}"] = field.default.factory
                default = f"_f_{field.name}()"
            else:
                names[f"_D_{field.name}"] = field.default
                default = f"_D_{field.name}"
            body += [
                f"    {value} = o.get({key}, _absent)",
                f"    if {value} is _absent: {value} = {default}",
                "    else:",
            ]
            body += [f"        {line}" for line in lines[1:]] or ["        pass"]
        arguments.append(f"{field.name}={value}" if field.kw_only else value)
    body.append(f"    return _cls({', '.join(arguments)})")
    namespace = dict(names)
    # The source is made from the model's own classes, never from data (as attrs and
    # cattrs make theirs).
    code = compile("\n".join(body), f"<maritime-crew fast structure {record.__name__}>", "exec")
    exec(code, namespace)
    function: Callable[[Any, Any], Any] = namespace["structure"]
    return function


def _record_hook(record: type[Any], converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    if not converter.detailed_validation:
        return _fast_record(record, converter)
    generated = make_dict_structure_fn(
        record,
        converter,
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=converter.detailed_validation,
    )

    if not converter.detailed_validation:
        # Anything but a table fails inside the generated function (``o['id']``), and a
        # failure is re-run by the detailed converter, which names it: no wrapper needed.
        return generated

    def structure(value: Any, target: Any) -> Any:
        if type(value) is not dict:
            raise WrongType("a table", value)
        return generated(value, target)

    return structure


def _is_optional(type_: Any) -> bool:
    args = get_args(type_)
    return len(args) == 2 and type(None) in args and get_origin(type_) in (Union, UnionType)


def _optional_hook(type_: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """``X | None``: ``None``, or X's own hook, looked up once (cattrs looks it up per value)."""
    (inner_type,) = (arg for arg in get_args(type_) if arg is not type(None))
    inner = converter.get_structure_hook(inner_type)

    def structure(value: Any, _: Any) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure


def _age_schedule_hook(converter: cattrs.Converter) -> Callable[[Any, Any], AgeSchedule]:
    bands = converter.get_structure_hook(tuple[AgeBand, ...])

    def structure(value: Any, _: Any) -> AgeSchedule:
        if type(value) is str:
            return AgeSchedule.fixed(Period.parse(value))
        if type(value) is list:
            return AgeSchedule(bands(value, tuple[AgeBand, ...]))
        raise WrongType("a period such as P5Y, or a list of age bands", value)

    return structure


_PLAIN_OR_TABLE = model.PLAIN_OR_TABLE
_PLAIN_WORDS = {"role": "a duty role id", "status": "a vessel status"}
"""What the plain value of a dated entry is, in words, by the field it fills."""


def _plain_or_table_hook(
    record: type[Any], converter: cattrs.Converter
) -> Callable[[Any, Any], Any]:
    """A dated entry written as a plain value (every day) or as a table with its dates."""
    field = _PLAIN_OR_TABLE[record]
    words = f"{_PLAIN_WORDS[field]}, or a table with `{field}` and its dates"
    table = _record_hook(record, converter)
    hint = typing.get_type_hints(record)[field]
    plain = converter.get_structure_hook(hint)
    intern = sys.intern if hint is str else None

    def structure(value: Any, _: Any) -> Any:
        if type(value) is str:  # one shared record per plain value of a load
            key = (record, value)
            found = _PLAIN_ENTRIES.get(key)
            if found is None:
                found = record(intern(value) if intern else plain(value, hint))
                if len(_PLAIN_ENTRIES) < _DATES_KEPT:
                    _PLAIN_ENTRIES[key] = found
            return found
        if type(value) is dict:
            return table(value, record)
        raise WrongType(words, value)

    return structure


def _unstructure_plain_or_table(
    record: type[Any], converter: cattrs.Converter
) -> Callable[[Any], Any]:
    """Write a dated entry back as it was given: plain when it holds on every day."""
    field = _PLAIN_OR_TABLE[record]
    table = make_dict_unstructure_fn(record, converter, _cattrs_omit_if_default=True)

    def unstructure(value: Any) -> Any:
        if value.undated:
            return converter.unstructure(getattr(value, field))
        return table(value)

    return unstructure


def _make(detailed_validation: bool) -> cattrs.Converter:
    converter = cattrs.Converter(
        detailed_validation=detailed_validation, forbid_extra_keys=True, omit_if_default=True
    )
    for type_, hook in (
        (str, _structure_str),
        (int, _structure_int),
        (bool, _structure_bool),
        (Decimal, _structure_decimal),
        (pendulum.Date, _structure_date),
        (pendulum.DateTime, _structure_moment),
        (Period, _structure_period),
        (BusinessYear, _structure_business_year),
    ):
        converter.register_structure_hook(type_, hook)
    # Each enum is registered by its own class: the model's enums subclass str, and the
    # str hook would otherwise claim them.
    for enum_type in _ENUMS:
        converter.register_structure_hook(enum_type, _structure_enum)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    if not detailed_validation:  # the detailed converter keeps cattrs' own, for its messages
        converter.register_structure_hook_factory(_is_optional, _optional_hook)
    converter.register_structure_hook_factory(
        lambda t: attrs.has(t) and t not in (Period, BusinessYear, AgeSchedule, *_PLAIN_OR_TABLE),
        _record_hook,
    )
    converter.register_structure_hook(AgeSchedule, _age_schedule_hook(converter))
    for record in _PLAIN_OR_TABLE:
        converter.register_structure_hook(record, _plain_or_table_hook(record, converter))
    _register_unstructure(converter)
    for record in _PLAIN_OR_TABLE:
        converter.register_unstructure_hook(record, _unstructure_plain_or_table(record, converter))
    return converter


# -- unstructuring (dump) -------------------------------------------------------------------


def _unstructure_moment(value: pendulum.DateTime) -> datetime.datetime:
    offset = value.utcoffset()
    return datetime.datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=datetime.timezone(offset if offset is not None else datetime.timedelta(0)),
    )


def _unstructure_decimal(value: decimal.Decimal) -> decimal.Decimal:
    """A number as it is written; NaN and infinities are refused, as loading refuses them."""
    if not value.is_finite():
        raise ValueError(
            f"cannot write the number {value}: a dataset holds only finite numbers "
            "(loading would refuse it)"
        )
    return value


def _unstructure_schedule(value: AgeSchedule) -> str | list[dict[str, Any]]:
    if value.is_fixed and value.bands[0].from_age == 0:
        return str(value.bands[0].period)
    return [{"from_age": band.from_age, "period": str(band.period)} for band in value.bands]


def _register_unstructure(converter: cattrs.Converter) -> None:
    converter.register_unstructure_hook(
        pendulum.Date, lambda d: datetime.date(d.year, d.month, d.day)
    )
    converter.register_unstructure_hook(pendulum.DateTime, _unstructure_moment)
    converter.register_unstructure_hook(Period, str)
    converter.register_unstructure_hook(decimal.Decimal, _unstructure_decimal)
    converter.register_unstructure_hook(BusinessYear, str)
    converter.register_unstructure_hook(AgeSchedule, _unstructure_schedule)
    for enum_type in _ENUMS:
        converter.register_unstructure_hook(enum_type, _enum_value)


fast = _make(detailed_validation=False)
"""Stops at the first problem; used first because valid data is the common case."""

detailed = _make(detailed_validation=True)
"""Collects every problem, with the path to each."""


def unstructure(record: Any) -> Any:
    """Plain data (dicts, lists, dates, decimals) for a record, omitting default values."""
    return fast.unstructure(record)
