"""The JSON report: its schema, its documentation, and what it holds."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import maritime_crew as mc
from maritime_crew.report import render

from . import sample

DOC = Path(__file__).resolve().parents[2] / "docs" / "report-json.md"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    text = files("maritime_crew.report").joinpath("report.schema.json").read_text("utf-8")
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_json(report: mc.rules.Report, **options: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(report, sample.fleet(), "json", **options))
    return data


def doc_example() -> str:
    text = DOC.read_text("utf-8")
    section = text.split("## Example", 1)[1]
    found = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert found is not None
    return found.group(1)


# -- schema ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "report",
    [
        sample.report(),
        sample.report([]),
        sample.report([], rules=()),
        sample.report(fail_on="info"),
    ],
    ids=["findings", "empty", "no-rules", "fail-on-info"],
)
def test_the_output_validates_against_the_schema(
    validator: Draft202012Validator, report: mc.rules.Report
) -> None:
    validator.validate(as_json(report))
    validator.validate(as_json(report, redact=True))


def test_the_schema_catches_a_broken_report(validator: Draft202012Validator) -> None:
    data = as_json(sample.report())
    data["findings"][0]["severity"] = "fatal"
    del data["summary"]["waived"]
    assert len(list(validator.iter_errors(data))) == 2


def test_the_documented_example_is_what_the_library_writes(
    validator: Draft202012Validator, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = doc_example()
    validator.validate(json.loads(example))
    root = DOC.parent.parent
    monkeypatch.chdir(root)  # the page shows paths from the repository's root
    dataset = "docs/report-example"  # as `maritime-crew check docs/report-example` gives it
    fleet = mc.load(dataset)
    config = mc.rules.Config(select=("CERT001", "EQP003"))
    report = mc.check(fleet, as_of="2021-03-31", config=config)
    assert render(report, fleet, "json", root=dataset) == example
    assert [finding.code for finding in report.waived] == ["EQP003"]
    assert not report.ok


def test_every_field_of_the_schema_is_documented(validator: Draft202012Validator) -> None:
    doc = DOC.read_text("utf-8")

    def names(node: Any) -> set[str]:
        found: set[str] = set()
        if isinstance(node, dict):
            found.update(node.get("properties", {}))
            for value in node.values():
                found |= names(value)
        elif isinstance(node, list):
            for value in node:
                found |= names(value)
        return found

    missing = {name for name in names(validator.schema) if f"`{name}`" not in doc}
    assert not missing


# -- content -----------------------------------------------------------------------------


def test_keys_come_in_the_documented_order() -> None:
    data = as_json(sample.report())
    assert list(data) == [
        "schema",
        "tool",
        "as_of",
        "dataset",
        "fail_on",
        "config_files",
        "ok",
        "summary",
        "rules",
        "findings",
    ]
    assert list(data["summary"]) == ["by_severity", "by_rule", "waived", "rules_run"]
    assert list(data["findings"][0]) == [
        "code",
        "name",
        "severity",
        "subject",
        "vessel",
        "crew",
        "message",
        "location",
        "details",
        "waived_by",
    ]


def test_the_header_names_the_schema_tool_date_and_verdict() -> None:
    data = as_json(sample.report(), tool_version="1.2.3")
    assert data["schema"] == {"name": "maritime-crew/report", "version": 1}
    assert data["tool"] == {"name": "maritime-crew", "version": "1.2.3"}
    assert data["as_of"] == "2021-03-31"
    assert data["fail_on"] == "error"
    assert data["ok"] is False


def test_the_summary_counts_unwaived_findings_and_rules_run() -> None:
    data = as_json(sample.report())
    assert data["summary"] == {
        "by_severity": {"error": 1, "warning": 1, "info": 1},
        "by_rule": {"CERT001": 1, "DOC001": 1, "TRN002": 1},
        "waived": 1,
        "rules_run": 6,
    }
    assert [rule["code"] for rule in data["rules"]] == [rule.code for rule in sample.RULES]
    assert data["rules"][0] == sample.RULES[0].to_record()


def test_findings_keep_report_order_and_their_fields() -> None:
    data = as_json(sample.report())
    assert [f["code"] for f in data["findings"]] == ["EQP003", "CERT001", "TRN002", "DOC001"]
    waived, expired, lapsed, review = data["findings"]
    assert waived["waived_by"] == "W-2021-003"
    assert expired == {
        "code": "CERT001",
        "name": "certificate-expired",
        "severity": "error",
        "subject": {"kind": "person", "id": "BF1003"},
        "vessel": "vigilant",
        "crew": "vigilant-a",
        "message": "Certificate stcw-ii-1 of BF1003 expired at the end of 2021-03-01",
        "location": {
            "file": "data/people.toml",
            "line": 12,
            "path": "data/people.toml",
            "base": "checkout",
        },
        "details": {"certificate": "stcw-ii-1", "expired": "2021-03-01"},
        "waived_by": None,
    }
    assert lapsed["location"] is None
    assert review["location"] == {
        "file": "data/register.toml",
        "line": None,
        "path": "data/register.toml",
        "base": "checkout",
    }
    assert review["vessel"] is None


def test_a_warning_fails_when_failing_on_warning() -> None:
    warning = sample.findings()[2]
    assert as_json(sample.report([warning]))["ok"] is True
    assert as_json(sample.report([warning], fail_on="warning"))["ok"] is False


def test_an_empty_report_passes_with_zero_counts() -> None:
    data = as_json(sample.report([]))
    assert data["ok"] is True
    assert data["findings"] == []
    assert data["summary"]["by_severity"] == {"error": 0, "warning": 0, "info": 0}
    assert data["summary"]["by_rule"] == {}


def test_text_is_written_as_utf8_characters_and_odd_values_stay_valid_json() -> None:
    finding = sample.finding(
        "XYZ001",
        ("person", "BF1003"),
        "Øresund transit: 20 °C",
        "info",
        details={"ratio": float("nan"), "when": sample.AS_OF, "tags": ("a", "b")},
    )
    text = render(sample.report([finding]), sample.fleet(), "json")
    assert "Øresund transit: 20 °C" in text
    details = json.loads(text)["findings"][0]["details"]
    assert details == {"ratio": "nan", "when": "2021-03-31", "tags": ["a", "b"]}
