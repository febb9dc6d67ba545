"""``maritime-crew rules`` and ``maritime-crew explain``."""

from __future__ import annotations

import json

import pytest

from maritime_crew.cli import main
from maritime_crew.rules import default_registry


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    codes = [line.split()[0] for line in lines]
    assert codes == [rule.code for rule in default_registry().rules()]
    assert any(line.startswith("CERT001  certificate-expired") for line in lines)


def test_rules_as_json_documents_each_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in records] == [rule.code for rule in default_registry().rules()]
    for record in records:
        assert set(record) == {
            "code",
            "name",
            "family",
            "severity",
            "summary",
            "rationale",
            "source",
            "parameters",
            "example",
            "fix",
            "package",
            "package_version",
        }
    # each rule names the distribution it came with: the library's, or a plugin's
    assert {r["package"] for r in records} <= {"maritime-crew", "mc-example-plugin"}
    assert all(r["package_version"] for r in records)
    expiring = next(r for r in records if r["code"] == "CERT002")
    assert expiring["parameters"] == [
        {
            "name": "within-days",
            "type": "whole number",
            "default": 90,
            "description": "How many days ahead of the check date to warn of an expiry.",
        }
    ]


@pytest.mark.parametrize("which", ["CERT002", "certificate-expiring", "cert002"])
def test_explain_by_code_or_name(capsys: pytest.CaptureFixture[str], which: str) -> None:
    assert main(["explain", which]) == 0
    out = capsys.readouterr().out
    assert out.startswith("CERT002 certificate-expiring (warning)\n")
    assert "What it checks" in out
    assert "[Source: STCW I/11]" in out
    assert "within-days (whole number, default 90)" in out
    assert "Example" in out
    assert "How to fix" in out


def test_explain_of_an_unknown_rule_suggests_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "CERT0001"]) == 2
    assert "unknown rule 'CERT0001'; did you mean" in capsys.readouterr().err


def test_explain_names_the_plugin_and_version_a_rule_came_with(
    capsys: pytest.CaptureFixture[str],
) -> None:
    package = default_registry().package_of("XMPL001")
    if package is None:
        pytest.skip("install tests/plugins/example-plugin (tox does) to run this test")
    assert main(["explain", "XMPL001"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "XMPL001 single-word-name (info), from plugin mc-example-plugin 1.0.0"
