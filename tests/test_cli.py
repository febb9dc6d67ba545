"""The command line: exit codes 0/1/2, clear messages, never a traceback."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

import maritime_crew as mc
from maritime_crew.cli import main

GOOD = """
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
terms = [{ set = "tc-2012", start = 2015-01-05 }]
"""


def test_check_of_a_compliant_dataset_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "people.toml").write_text(GOOD, encoding="utf-8")
    assert main(["check", str(tmp_path), "--as-of", "2021-03-31"]) == 0
    out = capsys.readouterr().out
    assert "No findings" in out
    assert "as of 2021-03-31" in out


def test_check_with_an_error_finding_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "people.toml").write_text(
        GOOD.replace("2015-01-05 }", "2015-01-05, end = 2020-12-31 }"), encoding="utf-8"
    )
    assert main(["check", str(tmp_path), "--as-of", "2021-03-31"]) == 1
    assert "TERMS001" in capsys.readouterr().out


def test_check_of_bad_data_lists_every_problem_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "people.toml").write_text(
        '[[person]]\nid = "BF1"\nname = 7\ndiscipline = "dek"\n', encoding="utf-8"
    )
    assert main(["check", str(tmp_path), "--as-of", "2021-03-31"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2 problems in 1 file:" in captured.err
    assert (
        "people.toml:3: person[BF1].name: expected text, found the whole number 7" in captured.err
    )
    assert "did you mean 'deck'?" in captured.err
    assert "Traceback" not in captured.err


def test_check_of_a_missing_path_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "nowhere")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["2021-02-30", "31/03/2021", "yesterday", "20210331"])
def test_a_bad_as_of_date_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check", str(tmp_path), "--as-of", bad])
    assert caught.value.code == 2
    assert (
        f"expected a date as YYYY-MM-DD, such as 2021-03-31, not {bad!r}" in capsys.readouterr().err
    )


@pytest.mark.parametrize("far", ["1799-12-31", "3000-01-01", "9999-12-31"])
def test_an_as_of_date_beyond_the_years_a_dataset_may_hold_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], far: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check", str(tmp_path), "--as-of", far])
    assert caught.value.code == 2
    assert "expected a date from 1800-01-01 to 2999-12-31" in capsys.readouterr().err


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    assert "usage: maritime-crew" in capsys.readouterr().err


def test_an_unexpected_failure_is_reported_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: object, **options: object) -> mc.model.Fleet:
        raise RuntimeError("boom")

    monkeypatch.setattr(mc.io, "load", broken)
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err
    assert "Traceback" not in err


def test_python_dash_m_runs_the_same_command_line(tmp_path: Path) -> None:
    version = subprocess.run(
        [sys.executable, "-m", "maritime_crew", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert version.returncode == 0
    assert version.stdout.strip() == f"maritime-crew {mc.__version__}"
    (tmp_path / "bad.toml").write_text("[[person]\n", encoding="utf-8")
    check = subprocess.run(
        [sys.executable, "-m", "maritime_crew", "check", str(tmp_path / "bad.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 2
    assert "invalid TOML" in check.stderr
    assert "Traceback" not in check.stderr


@pytest.mark.parametrize("dataset", ["example", "broken"])
@pytest.mark.parametrize("collector_on", [True, False])
def test_the_command_line_leaves_the_garbage_collector_as_it_found_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], dataset: str, collector_on: bool
) -> None:
    """A program that runs the command line in-process keeps its own collector settings.

    (The command pauses the collector while loading and freezes the loaded fleet.)
    """
    path = Path(__file__).parent.parent / "examples" / "fleet"
    if dataset == "broken":
        path = tmp_path / "broken.toml"
        path.write_text('[[person]]\nid = "A"\n', encoding="utf-8")
    assert gc.get_freeze_count() == 0
    if not collector_on:
        gc.disable()
    try:
        code = main(["check", str(path), "--as-of", "2021-03-31"])
        assert (gc.isenabled(), gc.get_freeze_count()) == (collector_on, 0)
    finally:
        gc.enable()
    assert code == (1 if dataset == "example" else 2)
    capsys.readouterr()


def test_objects_a_program_froze_itself_stay_frozen(capsys: pytest.CaptureFixture[str]) -> None:
    held = [object() for _ in range(10)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        main(
            [
                "check",
                str(Path(__file__).parent.parent / "examples" / "fleet"),
                "--as-of",
                "2021-03-31",
            ]
        )
        # still frozen (objects freed meanwhile leave the count), and nothing added
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
    del held
    capsys.readouterr()


def test_a_dataset_config_that_lowers_severities_is_ignored_with_isolated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "people.toml").write_text(
        GOOD.replace("2015-01-05 }", "2015-01-05, end = 2020-12-31 }"), encoding="utf-8"
    )
    (tmp_path / "maritime-crew.toml").write_text('[severity]\nALL = "info"\n', encoding="utf-8")
    assert main(["check", str(tmp_path), "--as-of", "2021-03-31"]) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path), "--as-of", "2021-03-31", "--isolated"]) == 1
    assert "TERMS001" in capsys.readouterr().out
