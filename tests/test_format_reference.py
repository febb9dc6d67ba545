"""docs/format.md documents every field of every record, as the model defines it."""

from __future__ import annotations

from pathlib import Path

import attrs

from maritime_crew.io._reference import record_types

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
