"""docs/format.md documents every field of every record, as the model defines it."""

from __future__ import annotations

import re
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
import tomli

import maritime_crew as mc
from maritime_crew.io._converter import fast
from maritime_crew.io._reference import example, record_types
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


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (record, field)
        for record in record_types()
        for field in attrs.fields(record)
        if field.name != "sources"
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else value.name,
)
def test_every_field_has_an_example_that_loads(record: type[Any], field: Any) -> None:
    written = example(record, field)
    assert written, f"give {record.__name__}.{field.name} an example: doc(text, example)"
    value = tomli.loads(f"x = {written}", parse_float=Decimal)["x"]
    fast.structure(value, typing.get_type_hints(record)[field.name])


def test_examples_are_written_as_in_toml() -> None:
    fields = attrs.fields_dict(mc.model.Person)
    assert example(mc.model.Person, fields["name"]) == '"Alex Morgan"'
    assert example(mc.model.Person, fields["born"]) == "1986-07-14"
    assert example(mc.model.Person, fields["discipline"]) == '"deck"'
    # Nested records are shown by their required fields.
    assert example(mc.model.Person, fields["certificates"]) == (
        '[{ type = "stcw-ii-1", issued = 2016-03-02 }]'
    )
    consultation = attrs.fields_dict(mc.model.TermsAndConditions)["consultation"]
    assert example(mc.model.TermsAndConditions, consultation) == (
        "{ opens = 2020-09-01, closes = 2020-11-30 }"
    )


def test_the_reference_says_what_a_field_left_out_is() -> None:
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert "| `end` | date | optional, none if left out | Last day aboard;" in page
    assert (
        "| `duty_roles` | list of duty role ids or [RoleHeld](#roleheld) tables | optional, "
        "empty list if left out |"
    ) in page
    assert "| optional, `other` if left out | Sort of certificate. |" in page
    assert "| `id` | text | required | Unique vessel id. |" in page


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

    text = inspect.getdoc(mc.model.Fleet) or ""
    fields = attrs.fields(mc.model.Fleet)
    assert [field.name for field in fields] == [*(t.attribute for t in TABLES), "sources"]
    for field in fields:
        assert f"    {field.name}: {field.metadata['doc']}" in text
    for table in TABLES:
        assert (
            f"`[[{table.name}]]`"
            in attrs.fields_dict(mc.model.Fleet)[table.attribute].metadata["doc"]
        )


def test_the_errors_example_cites_real_files_at_their_fields_or_headers() -> None:
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    block = page.split("## Errors")[1].split("```text\n")[1].split("```")[0]
    cited = re.findall(r"^  (docs/load-errors/\S+\.toml):(\d+): (invalid TOML|\S+:) ", block, re.M)
    assert len(cited) >= 6
    for file, line, path in cited:
        text = (ROOT / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
        if path == "invalid TOML":  # a syntax error is located at its own line
            assert " = " in text
        else:
            # A field's own line where it is written in its table, else the record's header.
            field = path.rstrip(":").rsplit(".", 1)[-1]
            key = re.match(rf"\s*{re.escape(field)}\s*=", text)
            assert key or re.fullmatch(r"\[\[[a-z_.]+\]\]", text), (file, line)
