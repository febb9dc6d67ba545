"""The JSON Schema of the dataset format: valid, true to the example, strict like ``load``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import maritime_crew as mc
from maritime_crew.cli import main
from maritime_crew.io import dataset_schema
from maritime_crew.io._reference import record_types

EXAMPLE = Path(__file__).parent.parent / "examples" / "fleet"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = dataset_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(mc.dumps(mc.load(EXAMPLE), format="json"))
    return data


def test_the_example_fleet_as_json_passes_the_schema(
    validator: jsonschema.Draft202012Validator, example: dict[str, Any]
) -> None:
    assert [error.message for error in validator.iter_errors(example)] == []


def test_every_field_of_every_record_is_in_the_schema() -> None:
    import attrs

    definitions = dataset_schema()["$defs"]
    for record in record_types():
        names = {field.name for field in attrs.fields(record)} - {"sources"}
        assert set(definitions[record.__name__]["properties"]) == names, record


def _both(validator: jsonschema.Draft202012Validator, data: dict[str, Any]) -> tuple[str, str]:
    """The schema's first error and load's message for the same data."""
    errors = sorted(validator.iter_errors(data), key=lambda e: e.json_path)
    with pytest.raises(mc.DataError) as problem:
        mc.loads(json.dumps(data), format="json")
    return errors[0].json_path if errors else "", str(problem.value)


def test_an_unknown_key_fails_the_schema_as_it_fails_load(
    validator: jsonschema.Draft202012Validator, example: dict[str, Any]
) -> None:
    data = json.loads(json.dumps(example))
    data["vessel"][0]["colour"] = "grey"
    where, message = _both(validator, data)
    assert where == "$.vessel[0]"
    assert "unknown field 'colour'" in message
    data = json.loads(json.dumps(example))
    data["boats"] = []
    where, message = _both(validator, data)
    assert where == "$"
    assert "boats" in message


def test_a_wrong_type_fails_the_schema_as_it_fails_load(
    validator: jsonschema.Draft202012Validator, example: dict[str, Any]
) -> None:
    for table, field, value in (
        ("vessel", "crew_size", "twelve"),
        ("person", "joined", 20200101),
        ("certificate_type", "kind", "degree"),
        ("equipment_type", "shelf_life", "ten years"),
        ("terms", "business_year", "2021-22"),
    ):
        data = json.loads(json.dumps(example))
        data[table][0][field] = value
        where, message = _both(validator, data)
        assert where.startswith(f"$.{table}[0]"), (table, field, where)
        assert field in message, (table, field, message)


def test_a_missing_required_field_fails_both(
    validator: jsonschema.Draft202012Validator, example: dict[str, Any]
) -> None:
    data = json.loads(json.dumps(example))
    del data["person"][0]["name"]
    where, message = _both(validator, data)
    assert where == "$.person[0]"
    assert "name: required field is missing" in message


def test_schema_command_prints_or_writes_the_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == dataset_schema()
    target = tmp_path / "dataset.schema.json"
    assert main(["schema", "--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == dataset_schema()
    nested = tmp_path / "missing" / "x.json"  # its folder is made
    assert main(["schema", "--output", str(nested)]) == 0
    assert json.loads(nested.read_text(encoding="utf-8")) == dataset_schema()
    assert main(["schema", "--output", str(target / "x.json")]) == 2  # under a file
    assert "cannot write" in capsys.readouterr().err
