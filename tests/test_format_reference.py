"""docs/format.md documents every field of every record, as the model defines it."""

from __future__ import annotations

import importlib.util
import typing
from pathlib import Path

import attrs

from maritime_crew.io._reference import record_types

ROOT = Path(__file__).resolve().parent.parent


def _tool() -> typing.Any:
    spec = importlib.util.spec_from_file_location(
        "update_format_reference", ROOT / "tools" / "update_format_reference.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_format_page_is_in_step_with_the_model() -> None:
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert _tool().updated(page) == page, "run: python tools/update_format_reference.py"


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
        assert f'<a id="{record.__name__.lower()}"></a>' in page


def test_help_on_a_record_explains_each_field() -> None:
    import inspect

    for record in record_types():
        text = inspect.getdoc(record) or ""
        for field in attrs.fields(record):
            if field.name != "sources":
                assert f"    {field.name}: {field.metadata['doc']}" in text, record.__name__
