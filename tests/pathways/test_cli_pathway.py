"""``maritime-crew pathway`` end to end on the example fleet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maritime_crew.cli import main

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "fleet"
AS_OF = ["--as-of", "2021-03-31"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_names_the_next_grade_and_fits_100_columns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "pathway", str(EXAMPLE), "BF1120", *AS_OF)
    assert code == 0
    assert err == ""
    assert out.startswith("Ellis Ilori (BF1120): grade eng-rating since 2020-04-28")
    assert "Next grade: eng-mechanic (engineering pathway)" in out
    assert "Earliest eligibility, from what is scheduled: 2021-04-28." in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_json_parses_and_reports_eligibility(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pathway", str(EXAMPLE), "BF1010", *AS_OF, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["next_grade"] == "deck-leading-hand"
    assert data["eligible"] is True
    assert data["earliest"] == "2021-03-31"
    assert all(requirement["met"] for requirement in data["requirements"])


def test_redact_shows_the_staff_number_not_the_name(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "pathway", str(EXAMPLE), "BF1120", *AS_OF, "--redact")
    assert "Ellis Ilori" not in out
    assert out.startswith("BF1120: grade eng-rating")
    _, out, _ = run(
        capsys, "pathway", str(EXAMPLE), "BF1120", *AS_OF, "--redact", "--format", "json"
    )
    assert "Ellis Ilori" not in out
    assert json.loads(out)["name"] is None


def test_switch_to_lists_what_transfers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "pathway", str(EXAMPLE), "BF1003", *AS_OF, "--switch-to", "engineering"
    )
    assert code == 0
    assert "Switching to the engineering pathway:" in out
    assert "counts   sea-time days: 560 days of sea time count on engineering" in out


def test_an_unknown_person_exits_2_with_the_nearest_ids(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "pathway", str(EXAMPLE), "BF103", *AS_OF)
    assert code == 2
    assert out == ""
    # Many staff numbers are one digit away: the first three in order.
    assert "unknown person 'BF103'; did you mean 'BF1003', 'BF1013' or 'BF1023'?" in err
    code, _, err = run(capsys, "pathway", str(EXAMPLE), "bf1003", *AS_OF)
    assert code == 2
    assert "unknown person 'bf1003'; did you mean 'BF1003'?" in err


def test_an_unknown_person_like_no_staff_number_says_what_they_look_like(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "pathway", str(EXAMPLE), "XYZ", *AS_OF)
    assert (code, out) == (2, "")
    assert err == (
        "maritime-crew: unknown person 'XYZ'; no staff number is close to it (171 people, "
        "from 'BF1001' to 'BF1177')\n"
    )


def test_an_unknown_pathway_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "pathway", str(EXAMPLE), "BF1003", *AS_OF, "--switch-to", "enginering"
    )
    assert code == 2
    assert "did you mean 'engineering'?" in err


def test_bad_data_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "fleet.toml"
    broken.write_text('[[person]]\nid = "BF1"\n', encoding="utf-8")
    code, _, err = run(capsys, "pathway", str(broken), "BF1", *AS_OF)
    assert code == 2
    assert err.startswith(f"maritime-crew: cannot load {broken}")
