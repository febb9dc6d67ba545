"""A JSON Schema (draft 2020-12) of the dataset format, generated from the model.

Other tools can validate their files with it, in any language, and TOML editors
(Taplo / Even Better TOML) use it for completion and inline errors. It says what
``load`` accepts: the tables, each record's fields and their types, required fields,
and no unknown keys. ``load`` checks more (the values of periods and dates, and the
references between records are the ``DATA`` rules' business), so a file that passes
the schema can still fail to load with a precise message; one that fails the schema
never loads.
"""

from __future__ import annotations

import enum
import inspect
import typing
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from .._version import __version__
from ..model import (
    BUSINESS_YEAR_PATTERN,
    PERIOD_PATTERN,
    PLAIN_OR_TABLE,
    TABLES,
    AgeBand,
    AgeSchedule,
    BusinessYear,
    Period,
)
from ._converter import _DATE as _DATE_TEXT
from ._converter import _MOMENT
from ._reference import _unwrap, record_types

__all__ = ["SCHEMA_ID", "dataset_schema"]

SCHEMA_ID = "https://maritime-crew.invalid/schema/dataset.json"
"""The schema's ``$id``: a name, not a place to fetch it from (nothing is published)."""

# the same patterns as the loader's, anchored
_PERIOD = f"^{PERIOD_PATTERN.pattern}$"
_DATE = f"^{_DATE_TEXT.pattern}$"
_DATETIME = f"^{_MOMENT.pattern}$"

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    Decimal: {"type": "number"},
    pendulum.Date: {
        "type": "string",
        "format": "date",
        "pattern": _DATE,
        "description": "A date, YYYY-MM-DD (a TOML date, or text in JSON).",
    },
    pendulum.DateTime: {
        "type": "string",
        "pattern": _DATETIME,
        "description": "A date and time with an offset, or UK local time without one.",
    },
    Period: {
        "type": "string",
        "pattern": _PERIOD,
        "description": "An ISO 8601 period, e.g. P5Y, P6M, P90D, PT10H.",
    },
    BusinessYear: {
        "type": "string",
        "pattern": f"^{BUSINESS_YEAR_PATTERN.pattern}$",
        "description": "A business year, 1 April to 31 March, written 2021/22.",
    },
}


def _type(type_: Any) -> dict[str, Any]:
    type_, _ = _unwrap(type_)
    if typing.get_origin(type_) is tuple:
        return {"type": "array", "items": _type(typing.get_args(type_)[0])}
    if type_ in _SCALARS:
        return dict(_SCALARS[type_])
    if type_ is AgeSchedule:
        return {
            "oneOf": [
                {"$ref": "#/$defs/period"},
                {"type": "array", "items": {"$ref": f"#/$defs/{AgeBand.__name__}"}},
            ],
            "description": "One period, or periods by age band.",
        }
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return {"enum": [member.value for member in type_]}
    if type_ in PLAIN_OR_TABLE:  # a plain value is held on every day
        plain = _type(typing.get_type_hints(type_)[PLAIN_OR_TABLE[type_]])
        return {"oneOf": [plain, {"$ref": f"#/$defs/{type_.__name__}"}]}
    if attrs.has(type_):
        return {"$ref": f"#/$defs/{type_.__name__}"}
    raise TypeError(f"no JSON Schema for {type_!r}")  # pragma: no cover - a new model type


def _record(record: type[Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(record)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(record):
        if field.name == "sources":
            continue
        schema = _type(hints[field.name])
        _, optional = _unwrap(hints[field.name])
        if optional:  # JSON may spell a missing value null
            schema = {"anyOf": [schema, {"type": "null"}]}
        text = field.metadata.get("doc")
        if text:
            schema["description"] = text
        properties[field.name] = schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    schema = {
        "type": "object",
        "description": (inspect.getdoc(record) or "").split("\n\n")[0].replace("\n", " "),
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


def dataset_schema() -> dict[str, Any]:
    """The JSON Schema of a dataset file, as plain data (ready for ``json.dumps``)."""
    definitions: dict[str, Any] = {"period": dict(_SCALARS[Period])}
    records = record_types()
    if AgeBand not in records:
        records.append(AgeBand)
    for record in records:
        definitions[record.__name__] = _record(record)
    tables = {
        table.name: {
            "type": "array",
            "description": f"[[{table.name}]] tables: {table.kind} records.",
            "items": {"$ref": f"#/$defs/{table.record.__name__}"},
        }
        for table in TABLES
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "maritime-crew dataset",
        "description": f"A dataset file of maritime-crew {__version__}: each key a table.",
        "type": "object",
        "properties": tables,
        "additionalProperties": False,
        "$defs": definitions,
    }
