"""``check`` with several datasets, and where reports say a record's file is."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import maritime_crew as mc
from tests.test_cli_check import AS_OF, EXAMPLE, run


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout holding the example fleet under ``data/fleet``, and a ``tools`` folder."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    shutil.copytree(EXAMPLE, tmp_path / "data" / "fleet")
    (tmp_path / "tools").mkdir()
    return tmp_path


def clean_fleet(folder: Path) -> Path:
    """A small dataset with no findings at all."""
    folder.mkdir(parents=True)
    (folder / "fleet.toml").write_text(
        '[[vessel]]\nid = "v1"\nname = "CPV One"\ntype = "cpv"\n', "utf-8"
    )
    return folder


# -- where files are shown -----------------------------------------------------------------


def test_a_dataset_outside_the_working_directory_is_shown_relative_to_itself(
    capsys: pytest.CaptureFixture[str], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace / "tools")
    code, out, _ = run(capsys, "check", "../data/fleet", *AS_OF, "--format", "github")
    assert code == 1
    files = [line.split("file=", 1)[1].split(",", 1)[0] for line in out.splitlines()]
    assert files
    assert not any(file.startswith(("..", "/")) for file in files)
    assert "people/nimrod-a.toml" in files
    assert "file=equipment.toml,line=5329" in out

    code, out, _ = run(capsys, "check", "../data/fleet", *AS_OF)
    assert "equipment.toml:5329" in out
    assert "../data" not in out.split("FAILED")[0]
    assert "Files are relative to the dataset ../data/fleet" in out.splitlines()


def test_in_the_checkout_files_are_relative_to_it(
    capsys: pytest.CaptureFixture[str], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    _, out, _ = run(capsys, "check", "data/fleet", *AS_OF, "--format", "github")
    assert "file=data/fleet/equipment.toml,line=5329" in out
    _, out, _ = run(capsys, "check", "data/fleet", *AS_OF)
    assert "Files are relative" not in out


def test_github_workspace_is_the_checkout_wherever_the_check_runs(
    capsys: pytest.CaptureFixture[str], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace / "tools")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(workspace))
    _, out, _ = run(capsys, "check", "../data/fleet", *AS_OF, "--format", "github")
    assert "file=data/fleet/equipment.toml,line=5329" in out
    _, out, _ = run(capsys, "check", "../data/fleet", *AS_OF, "--format", "sarif")
    run_ = json.loads(out)["runs"][0]
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": workspace.as_uri() + "/"}}
    location = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uriBaseId"] == "%SRCROOT%"
    assert location["uri"].startswith("data/fleet/")


def test_sarif_names_the_dataset_directory_a_result_is_relative_to(
    capsys: pytest.CaptureFixture[str], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace / "tools")
    _, out, _ = run(capsys, "check", "../data/fleet", *AS_OF, "--format", "sarif")
    run_ = json.loads(out)["runs"][0]
    dataset = (workspace / "data" / "fleet").as_uri() + "/"
    assert run_["originalUriBaseIds"]["DATASETROOT"] == {"uri": dataset}
    for result in run_["results"]:
        for location in result["locations"]:
            artifact = location.get("physicalLocation", {}).get("artifactLocation")
            if artifact is not None:
                assert artifact["uriBaseId"] == "DATASETROOT"
                assert not artifact["uri"].startswith((".", "/"))


def test_json_keeps_the_file_as_loaded_and_adds_where_it_is_shown(
    capsys: pytest.CaptureFixture[str], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace / "tools")
    _, out, _ = run(capsys, "check", "../data/fleet", *AS_OF, "--format", "json")
    report = json.loads(out)
    assert report["dataset"] == "../data/fleet"
    located = [f["location"] for f in report["findings"] if f["location"] is not None]
    assert located
    for location in located:
        assert location["base"] == "dataset"
        assert location["file"] == "../data/fleet/" + location["path"]


# -- several datasets ----------------------------------------------------------------------


def test_several_datasets_are_checked_each_on_its_own(
    capsys: pytest.CaptureFixture[str], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    clean = clean_fleet(workspace / "data" / "clean")
    code, out, err = run(capsys, "check", "data/fleet", "data/clean", *AS_OF)
    assert code == 1  # the worst of the two
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "Dataset data/fleet"
    assert "Dataset data/clean" in lines
    assert lines[-1] == "No findings from 69 rules as of 2021-03-31: passed"

    code, out, _ = run(capsys, "check", str(clean), *AS_OF)
    assert code == 0
    assert not out.startswith("Dataset")


def test_several_datasets_in_each_machine_format(
    capsys: pytest.CaptureFixture[str], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    clean_fleet(workspace / "data" / "clean")
    single = mc.check(mc.load("data/fleet"), as_of="2021-03-31")
    _, out, _ = run(capsys, "check", "data/fleet", "data/clean", *AS_OF, "--format", "json")
    reports = json.loads(out)
    assert [report["dataset"] for report in reports] == ["data/fleet", "data/clean"]
    assert len(reports[0]["findings"]) == len(single.findings)
    assert reports[1]["findings"] == []
    assert reports[1]["ok"] is True

    _, out, _ = run(capsys, "check", "data/fleet", "data/clean", *AS_OF, "--format", "sarif")
    runs = json.loads(out)["runs"]
    assert [run_["invocations"][0]["exitCode"] for run_ in runs] == [1, 0]

    _, out, _ = run(capsys, "check", "data/fleet", "data/clean", *AS_OF, "--format", "junit")
    suites = ET.fromstring(out).findall("testsuite")
    assert {suite.get("name", "").split(" ")[0] for suite in suites} == {
        "data/fleet",
        "data/clean",
    }

    _, out, _ = run(capsys, "check", "data/fleet", "data/clean", *AS_OF, "--format", "markdown")
    assert "## ❌ maritime-crew check of `data/fleet`: FAILED" in out
    assert "## ✅ maritime-crew check of `data/clean`: passed" in out


def test_each_dataset_reads_its_own_configuration(
    capsys: pytest.CaptureFixture[str], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    shutil.copytree(workspace / "data" / "fleet", workspace / "data" / "quiet")
    (workspace / "data" / "quiet" / "maritime-crew.toml").write_text('select = ["CERT"]\n', "utf-8")
    _, out, _ = run(capsys, "check", "data/fleet", "data/quiet", *AS_OF, "--format", "json")
    everything, certificates = json.loads(out)
    assert {f["code"][:4] for f in certificates["findings"]} == {"CERT"}
    assert len(everything["findings"]) > len(certificates["findings"])
    assert certificates["config_files"] == ["data/quiet/maritime-crew.toml"]


def test_every_bad_dataset_is_reported_before_anything_is_checked(
    capsys: pytest.CaptureFixture[str], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    (workspace / "data" / "broken").mkdir()
    (workspace / "data" / "broken" / "fleet.toml").write_text("[[vessel]]\nid = 3\n", "utf-8")
    code, out, err = run(
        capsys, "check", "data/fleet", "data/broken", "data/missing", *AS_OF, "--output", "r.json"
    )
    assert code == 2
    assert out == ""
    assert "cannot load data/broken" in err
    assert "cannot load data/missing" in err
    assert "Traceback" not in err
    assert not (workspace / "r.json").exists()


def test_a_dataset_named_twice_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    code, out, err = run(capsys, "check", "data/fleet", "data/fleet", *AS_OF)
    assert code == 2
    assert out == ""
    assert "named twice" in err


def test_statistics_add_up_over_several_datasets(
    capsys: pytest.CaptureFixture[str], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    shutil.copytree(workspace / "data" / "fleet", workspace / "data" / "copy")
    _, one, _ = run(capsys, "check", "data/fleet", *AS_OF, "--statistics", "--format", "json")
    _, two, _ = run(
        capsys, "check", "data/fleet", "data/copy", *AS_OF, "--statistics", "--format", "json"
    )
    single = {row["code"]: row["count"] for row in json.loads(one)}
    double = {row["code"]: row["count"] for row in json.loads(two)}
    assert double == {code: 2 * count for code, count in single.items()}


def test_check_names_the_csv_files_it_did_not_read(
    capsys: pytest.CaptureFixture[str], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    (workspace / "data" / "fleet" / "staff\x1b[31m.csv").write_text("a,b\n1,2\n", "utf-8")
    code, _, err = run(capsys, "check", "data/fleet", *AS_OF)
    assert code == 1  # the export breaks nothing
    assert "note: data/fleet: not read: staff\\x1b[31m.csv" in err
    assert "\x1b" not in err
    _, _, err = run(capsys, "check", "data/fleet", *AS_OF, "-q")
    assert err == ""
