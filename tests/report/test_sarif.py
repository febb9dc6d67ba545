"""The SARIF 2.1.0 report, validated against the official OASIS schema."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

import maritime_crew as mc
from maritime_crew.report import render

from . import sample

SARIF_SCHEMA = Path(
    os.environ.get("MC_SARIF_SCHEMA")
    or Path(__file__).resolve().parents[2].parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
)
"""The official OASIS schema. It is not copied into the project (its keepers ask that it
be read from where it is kept); ``MC_SARIF_SCHEMA`` names another copy."""


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(
            f"the official SARIF 2.1.0 schema is not at {SARIF_SCHEMA}: set MC_SARIF_SCHEMA "
            "to the path of sarif-schema-2.1.0.json to validate against it"
        )
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def sarif(report: mc.rules.Report, **options: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(report, sample.fleet(), "sarif", **options))
    return data


def run_of(report: mc.rules.Report, **options: Any) -> dict[str, Any]:
    (run,) = sarif(report, **options)["runs"]
    assert isinstance(run, dict)
    return run


@pytest.mark.parametrize(
    "report",
    [
        sample.report(),
        sample.report([]),
        sample.report([], rules=()),
        sample.report(fail_on="warning"),
        sample.report([sample.finding("ZZZ999", ("vessel", "vigilant"), "Rule not listed")]),
    ],
    ids=["findings", "empty", "no-rules", "fail-on-warning", "unlisted-rule"],
)
def test_the_output_validates_against_the_official_schema(
    validator: Draft4Validator, report: mc.rules.Report
) -> None:
    validator.validate(sarif(report))
    validator.validate(sarif(report, redact=True))


def test_the_schema_would_catch_a_bad_log(validator: Draft4Validator) -> None:
    data = sarif(sample.report())
    data["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(data)


def test_the_log_names_the_version_and_the_tool() -> None:
    data = sarif(sample.report(), tool_version="1.2.3")
    assert data["version"] == "2.1.0"
    assert data["$schema"].endswith("sarif-schema-2.1.0.json")
    driver = data["runs"][0]["tool"]["driver"]
    assert driver["name"] == "maritime-crew"
    assert driver["version"] == "1.2.3"


def test_rules_are_described_with_their_documentation() -> None:
    rules = run_of(sample.report())["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in sample.RULES]
    cert = rules[0]
    assert cert == {
        "id": "CERT001",
        "name": "certificate-expired",
        "shortDescription": {"text": "Summary of certificate-expired."},
        "fullDescription": {"text": "Why certificate-expired matters (seed C3)."},
        "help": {
            "text": "Example: An OOW certificate expired last month.\n\nFix: Renew the certificate."
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {
            "family": "CERT",
            "source": "STCW A-I/2",
            "parameters": [
                {
                    "name": "within-days",
                    "type": "whole number",
                    "default": 90,
                    "description": "Days of warning before expiry.",
                }
            ],
            "tags": ["CERT"],
        },
    }
    assert rules[1]["defaultConfiguration"] == {"level": "note"}  # DOC001 is info


def test_results_point_at_their_rule_with_the_right_level() -> None:
    run = run_of(sample.report())
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["EQP003", "CERT001", "TRN002", "DOC001"]
    assert [r["level"] for r in results] == ["error", "error", "warning", "note"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_a_result_carries_its_location_subject_and_details() -> None:
    result = run_of(sample.report())["results"][1]
    assert result["message"] == {
        "text": "Certificate stcw-ii-1 of BF1003 expired at the end of 2021-03-01"
    }
    (location,) = result["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "data/people.toml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 12},
    }
    assert location["logicalLocations"] == [
        {"name": "BF1003", "fullyQualifiedName": "person/BF1003"}
    ]
    assert result["properties"] == {
        "vessel": "vigilant",
        "crew": "vigilant-a",
        "subject": {"kind": "person", "id": "BF1003"},
        "details": {"certificate": "stcw-ii-1", "expired": "2021-03-01"},
    }
    assert "suppressions" not in result


def test_unknown_locations_leave_out_what_is_not_known() -> None:
    results = run_of(sample.report())["results"]
    no_file = results[2]["locations"][0]
    assert "physicalLocation" not in no_file
    assert no_file["logicalLocations"][0]["name"] == "BF1004"
    no_line = results[3]["locations"][0]["physicalLocation"]
    assert no_line == {"artifactLocation": {"uri": "data/register.toml", "uriBaseId": "%SRCROOT%"}}


def test_a_waived_finding_is_suppressed_by_its_waiver() -> None:
    waived = run_of(sample.report())["results"][0]
    assert waived["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "W-2021-003"}
    ]


def test_fingerprints_are_stable_and_tell_findings_apart() -> None:
    def prints(report: mc.rules.Report) -> list[str]:
        results = run_of(report)["results"]
        return [r["partialFingerprints"]["maritimeCrewFinding/v1"] for r in results]

    first = prints(sample.report())
    assert first == prints(sample.report(fail_on="info"))
    assert len(set(first)) == len(first)
    assert all(len(value) == 64 for value in first)


def test_paths_are_relative_with_forward_slashes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    inside = tmp_path / "fleet dir" / "people.toml"
    outside = tmp_path.parent / "elsewhere.toml"
    found = [
        sample.finding("XYZ001", ("person", "BF1003"), "A", file=str(inside), line=3),
        sample.finding("XYZ001", ("person", "BF1004"), "B", file=str(outside), line=4),
        sample.finding("XYZ001", ("person", "BF1005"), "C", file="./data/x.toml", line=5),
    ]
    results = run_of(sample.report(found))["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris == ["fleet%20dir/people.toml", outside.as_uri(), "data/x.toml"]
    # relative paths resolve against the directory the check ran in, which the run names
    bases = [
        r["locations"][0]["physicalLocation"]["artifactLocation"].get("uriBaseId") for r in results
    ]
    assert bases == ["%SRCROOT%", None, "%SRCROOT%"]
    assert run_of(sample.report(found))["originalUriBaseIds"] == {
        "%SRCROOT%": {"uri": tmp_path.resolve().as_uri() + "/"}
    }


def test_the_invocation_gives_the_exit_code_and_each_rule_that_failed() -> None:
    (invocation,) = run_of(sample.report(fail_on="warning"))["invocations"]
    assert (invocation["exitCode"], invocation["exitCodeDescription"]) == (
        1,
        "failed (fail on warning)",
    )
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"] == []
    assert run_of(sample.report([]))["invocations"][0]["exitCode"] == 0
    crashed = sample.finding(
        "XYZ001",
        ("rule", "XYZ001"),
        "rule XYZ001 stopped with an error",
        details={"error": "KeyError"},
    )
    (invocation,) = run_of(sample.report([crashed]))["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": "rule XYZ001 stopped with an error"},
            "descriptor": {"id": "XYZ001"},
        }
    ]


def test_run_properties_give_the_date_and_verdict() -> None:
    assert run_of(sample.report(fail_on="warning"))["properties"] == {
        "as_of": "2021-03-31",
        "fail_on": "warning",
        "ok": False,
    }
    assert run_of(sample.report([]))["results"] == []


def test_several_datasets_make_one_valid_log_with_a_run_each(
    validator: Draft4Validator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maritime_crew.report import render_all

    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)  # the sample's files lie outside: shown from the dataset
    (tmp_path.parent / "elsewhere").mkdir(exist_ok=True)
    elsewhere = str(tmp_path.parent / "elsewhere")
    found = [
        sample.finding(
            f.code, (f.subject.kind, f.subject.id), f.message, file=f"{elsewhere}/a.toml"
        )
        for f in sample.findings()
    ]
    checks = [
        (sample.report(), sample.fleet(), "data"),
        (sample.report(found), sample.fleet(), elsewhere),
    ]
    log = json.loads(render_all(checks, "sarif"))
    validator.validate(log)
    first, second = log["runs"]
    assert "DATASETROOT" not in first["originalUriBaseIds"]
    assert "DATASETROOT" in second["originalUriBaseIds"]
    artifact = second["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "a.toml", "uriBaseId": "DATASETROOT"}


def test_a_configured_docs_url_links_each_built_in_rule_to_its_reference_section() -> None:
    fleet = mc.load(Path(__file__).resolve().parents[2] / "examples" / "fleet")
    config = mc.rules.Config(docs_url="https://crew.example.org/docs")
    report = mc.check(fleet, as_of="2021-03-31", config=config)
    data = json.loads(render(report, fleet, "sarif"))
    rules = {rule["id"]: rule for rule in data["runs"][0]["tool"]["driver"]["rules"]}
    built_in = [r.code for r in report.rules if r.origin.startswith("maritime_crew.rules.builtin.")]
    assert len(built_in) >= 60
    for code in built_in:
        assert rules[code]["helpUri"] == f"https://crew.example.org/docs/rules.html#{code.lower()}"
    for rule in report.rules:  # a plugin's rule is not in the reference: no link
        if not rule.origin.startswith("maritime_crew.rules.builtin."):
            assert "helpUri" not in rules[rule.code]
    unlinked = json.loads(render(mc.check(fleet, as_of="2021-03-31"), fleet, "sarif"))
    assert all("helpUri" not in rule for rule in unlinked["runs"][0]["tool"]["driver"]["rules"])
