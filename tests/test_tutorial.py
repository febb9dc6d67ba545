"""The tutorial works as written: its files, commands, outputs and Python, step by step."""

from __future__ import annotations

from pathlib import Path

from tests.pages import ROOT, blocks, run_page

TUTORIAL = ROOT / "docs" / "tutorial.md"


def test_the_tutorial_runs_as_written(tmp_path: Path) -> None:
    run_page(TUTORIAL, tmp_path)
    assert (tmp_path / "my-fleet" / "maritime-crew.toml").is_file()


def test_the_tutorial_covers_every_step_it_promises() -> None:
    steps = list(blocks(TUTORIAL))
    written = {block.file for block in steps if block.file is not None}
    assert {
        "my-fleet/vessels.toml",
        "my-fleet/catalogue.toml",
        "my-fleet/people.toml",
        "my-fleet/equipment.toml",
        "my-fleet/documents.toml",
    } <= written
    checks = [block for block in steps if "$ maritime-crew check" in block.text]
    assert len(checks) == 2, "a first check and a check after the fixes"
    assert "FAILED" in checks[0].text
    assert "passed" in checks[1].text
