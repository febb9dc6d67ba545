"""A reference of the dataset format, generated from the model's field metadata.

``docs/format.md`` embeds :func:`format_reference`; a test keeps the two in step, so
every field of every record is documented exactly once, in the model.
"""

from __future__ import annotations

import enum
import inspect
import json
import types
import typing
from decimal import Decimal
from typing import Any, Union

import attrs
import pendulum

from ..model import (
    PLAIN_OR_TABLE,
    TABLES,
    AgeSchedule,
    BusinessYear,
    Period,
    Recorded,
    is_provenance,
)

__all__ = ["example", "format_reference", "record_types"]

_WORDS: dict[Any, str] = {
    str: "text",
    int: "whole number",
    bool: "true or false",
    Decimal: "number",
    pendulum.Date: "date",
    pendulum.DateTime: "date-time",
    Period: "[period](#periods)",
    AgeSchedule: "[period or age bands](#age-bands)",
    BusinessYear: "[business year](#business-years)",
}


_PLAIN_WORDS = {"role": "duty role ids", "status": "statuses"}
"""What the plain values of dated entries are, in words, by the field they fill."""


def _unwrap(type_: Any) -> tuple[Any, bool]:
    """The type inside an optional, and whether it was optional."""
    if typing.get_origin(type_) in (Union, types.UnionType):
        inner = [arg for arg in typing.get_args(type_) if arg is not type(None)]
        return inner[0], True
    return type_, False


def _anchor(record: type[Any]) -> str:
    return record.__name__.lower()


def _words(type_: Any) -> str:
    type_, _ = _unwrap(type_)
    if typing.get_origin(type_) is tuple:
        inner = typing.get_args(type_)[0]
        if inner in PLAIN_OR_TABLE:
            plain = _PLAIN_WORDS[PLAIN_OR_TABLE[inner]]
            return f"list of {plain} or [{inner.__name__}](#{_anchor(inner)}) tables"
        if attrs.has(inner) and inner not in _WORDS:
            return f"list of [{inner.__name__}](#{_anchor(inner)}) tables"
        return "list of " + _words(inner)
    if type_ in _WORDS:
        return _WORDS[type_]
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return "one of " + ", ".join(f"`{member.value}`" for member in type_)
    if attrs.has(type_):
        return f"[{type_.__name__}](#{_anchor(type_)}) table"
    return str(type_)


def _nested(type_: Any) -> list[type[Any]]:
    type_, _ = _unwrap(type_)
    if typing.get_origin(type_) is tuple:
        return _nested(typing.get_args(type_)[0])
    if attrs.has(type_) and type_ not in _WORDS:
        return [type_]
    return []


def record_types() -> list[type[Any]]:
    """Every record class of the format: top-level tables first, then nested records."""
    seen: list[type[Any]] = [table.record for table in TABLES]
    position = 0
    while position < len(seen):
        hints = typing.get_type_hints(seen[position])
        for field in attrs.fields(seen[position]):
            for nested in _nested(hints[field.name]):
                if nested not in seen:
                    seen.append(nested)
        position += 1
    return seen


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(field: attrs.Attribute[Any]) -> str:
    default = field.default
    if default is attrs.NOTHING:
        return "required"
    if default is None:
        return "optional, none if left out"
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.factory is tuple:
            return "optional, empty list if left out"
        raise ValueError(f"say in words what the default of {field.name} is")
    value = default.value if isinstance(default, enum.Enum) else default
    return f"optional, `{value}` if left out"


def _is_text(type_: Any) -> bool:
    type_, _ = _unwrap(type_)
    return type_ is str or (isinstance(type_, type) and issubclass(type_, enum.Enum))


def example(record: type[Any], field: attrs.Attribute[Any]) -> str | None:
    """An example value of ``field`` of ``record``, written as in a TOML dataset.

    It comes from the field's metadata (text and choices are written there unquoted),
    or, for a field that holds nested records, is built from the examples of their
    required fields: ``[{ type = "stcw-ii-1", issued = 2016-03-02 }]``.
    """
    hint = typing.get_type_hints(record)[field.name]
    given = field.metadata.get("example")
    if given is not None:
        return json.dumps(given, ensure_ascii=False) if _is_text(hint) else str(given)
    nested = _nested(hint)
    if not nested:
        return None
    fields = [f for f in attrs.fields(nested[0]) if f.default is attrs.NOTHING]
    parts = [f"{f.name} = {example(nested[0], f)}" for f in fields]
    table = "{ " + ", ".join(parts) + " }"
    inner, _ = _unwrap(hint)
    return f"[{table}]" if typing.get_origin(inner) is tuple else table


def _summary(record: type[Any]) -> str:
    text = inspect.getdoc(record) or ""
    return text.split("\n\n")[0].replace("\n", " ")


def _section(record: type[Any], heading: str) -> list[str]:
    hints = typing.get_type_hints(record)
    lines = [
        f"### {heading}",
        "",
        _summary(record),
        "",
        "| field | type | required? | meaning | example |",
        "|---|---|---|---|---|",
    ]
    for field in attrs.fields(record):
        if field.name == "sources" or is_provenance(record, field.name):
            continue
        written = example(record, field)
        lines.append(
            "| "
            + " | ".join(
                [
                    f"`{field.name}`",
                    _cell(_words(hints[field.name])),
                    _default(field),
                    _cell(field.metadata.get("doc", "")),
                    _cell(f"`{written}`") if written else "",
                ]
            )
            + " |"
        )
    lines.append("")
    return lines


def format_reference() -> str:
    """Markdown tables of every table and record of the dataset format."""
    lines = [
        "## Tables",
        "",
        "In each table below, *required?* says whether a field must be given and, if it may "
        "be left out, what it is then; *example* is a value written as in a TOML file.",
        "",
    ]
    top = {table.record: table for table in TABLES}
    for table in TABLES:
        lines += [f"({_anchor(table.record)})=", ""]
        lines += _section(table.record, f"`[[{table.name}]]`: {table.record.__name__}")
    lines += ["## Nested records", ""]
    for record in record_types():
        if record in top:
            continue
        lines += [f"({_anchor(record)})=", ""]
        lines += _section(record, record.__name__)
    lines += ["(provenance)=", ""]
    lines += _section(Recorded, "Provenance, on every record")
    lines[-1:-1] = [
        "",
        "Every table and nested record above may carry these three fields (hours of work "
        "excepted: they are written in bulk, from the roster). A waiver's own `reason` is "
        "required: it is why the waiver was granted.",
    ]
    return "\n".join(lines).rstrip() + "\n"
