"""Every report names the configuration files its check used (issue 19, section 5)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from maritime_crew.cli import main

DATA = """
[[terms]]
id = "tc-2012"
title = "Crew terms 2012"
status = "in-force"
effective = 2012-04-01

[[person]]
id = "BF1"
name = "Ann Example"
discipline = "deck"
joined = 2015-01-05
terms = [{ set = "tc-2012", start = 2015-01-05, end = 2020-12-31 }]
"""


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    (tmp_path / "people.toml").write_text(DATA, encoding="utf-8")
    (tmp_path / "maritime-crew.toml").write_text('[severity]\nALL = "info"\n', encoding="utf-8")
    return tmp_path


def _check(dataset: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    main(["check", str(dataset), "--as-of", "2021-03-31", *options])
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def test_the_text_report_ends_with_the_configuration_file(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _check(dataset, capsys)
    config = str((dataset / "maritime-crew.toml").resolve())
    assert out.splitlines()[-1] == f"Configuration: {config}"


def test_json_sarif_junit_markdown_and_github_name_the_file(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str((dataset / "maritime-crew.toml").resolve())
    assert json.loads(_check(dataset, capsys, "--format", "json"))["config_files"] == [config]
    sarif = json.loads(_check(dataset, capsys, "--format", "sarif"))
    (invocation,) = sarif["runs"][0]["invocations"]
    assert invocation["properties"]["configFiles"] == [config]
    junit = ET.fromstring(_check(dataset, capsys, "--format", "junit"))
    values = {p.get("value") for p in junit.iter("property") if p.get("name") == "config_file"}
    assert values == {config}
    assert f"Configuration: {config}" in _check(dataset, capsys, "--format", "markdown")
    github = _check(dataset, capsys, "--format", "github").splitlines()
    assert github[-1] == f"::notice title=maritime-crew configuration::Configuration: {config}"


def test_with_isolated_no_file_is_named_and_the_defaults_apply(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(_check(dataset, capsys, "--format", "json", "--isolated"))
    assert document["config_files"] == []
    assert document["summary"]["by_severity"]["error"] == 1  # TERMS001 at its own severity
    assert "Configuration" not in _check(dataset, capsys, "--isolated")
    sarif = json.loads(_check(dataset, capsys, "--format", "sarif", "--isolated"))
    assert sarif["runs"][0]["invocations"][0]["properties"]["configFiles"] == []
