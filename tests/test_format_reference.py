"""docs/format.md documents every field of every record, as the model defines it."""

from __future__ import annotations

from pathlib import Path

import attrs

import maritime_crew as mc
from maritime_crew.io._reference import record_types
from maritime_crew.model import TABLES

ROOT = Path(__file__).resolve().parent.parent


def test_every_field_has_a_description() -> None:
    undocumented = [
        f"{record.__name__}.{field.name}"
        for record in record_types()
        for field in attrs.fields(record)
        if field.name != "sources" and not field.metadata.get("doc")
    ]
    assert undocumented == []


def test_every_record_type_has_a_section() -> None:
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for record in record_types():
        assert f"({record.__name__.lower()})=\n" in page


def test_help_on_a_record_explains_each_field() -> None:
    import inspect

    for record in record_types():
        text = inspect.getdoc(record) or ""
        for field in attrs.fields(record):
            if field.name != "sources":
                assert f"    {field.name}: {field.metadata['doc']}" in text, record.__name__


def test_help_on_the_fleet_explains_each_collection() -> None:
    import inspect

    text = inspect.getdoc(mc.Fleet) or ""
    fields = attrs.fields(mc.Fleet)
    assert [field.name for field in fields] == [*(t.attribute for t in TABLES), "sources"]
    for field in fields:
        assert f"    {field.name}: {field.metadata['doc']}" in text
    for table in TABLES:
        assert f"`[[{table.name}]]`" in attrs.fields_dict(mc.Fleet)[table.attribute].metadata["doc"]
