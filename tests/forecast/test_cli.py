"""``maritime-crew due`` end to end on the example fleet."""

from __future__ import annotations

import csv
import io
import json

import pytest

import maritime_crew as mc
from maritime_crew.cli import main

from .conftest import EXAMPLE

AS_OF = ["--as-of", "2021-03-31"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_is_by_date_fits_100_columns_and_names_the_items(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "due", str(EXAMPLE), *AS_OF, "--within", "90d")
    assert (code, err) == (0, "")
    assert max(len(line) for line in out.splitlines()) <= 100
    assert out.startswith("Due for the fleet from 2021-03-31 to 2021-06-29 (90 days, P90D):")
    headers = [line for line in out.splitlines() if line[:4].isdigit()]
    assert headers == sorted(headers)
    assert "2021-04-22 (in 22 days)" in headers
    flat = " ".join(out.split())
    assert "M-57471 of BF1010 expires at the end of 2021-04-22" in flat
    assert "DBF-2021-008-1" in flat


def test_json_parses_and_holds_every_item(
    capsys: pytest.CaptureFixture[str], example: mc.model.Fleet
) -> None:
    code, out, _ = run(capsys, "due", str(EXAMPLE), *AS_OF, "--format", "json")
    payload = json.loads(out)
    assert code == 0
    assert (payload["as_of"], payload["until"], payload["within"]) == (
        "2021-03-31",
        "2021-06-29",
        "P90D",
    )
    expected = mc.forecast.forecast(example, "2021-03-31", 90)
    assert len(payload["items"]) == len(expected.items)
    first = payload["items"][0]
    assert (first["date"], first["kind"], first["subject_id"]) == (
        "2021-04-01",
        "terms-effective",
        "tc-2021",
    )


def test_csv_has_one_row_per_item_with_the_vessel_filter(
    capsys: pytest.CaptureFixture[str], example: mc.model.Fleet
) -> None:
    code, out, _ = run(
        capsys, "due", str(EXAMPLE), *AS_OF, "--vessel", "valiant", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert rows
    assert {row["vessel"] for row in rows} == {"valiant"}
    assert len(rows) == len(mc.forecast.forecast(example, "2021-03-31", 90, vessel="valiant").items)
    master = next(r for r in rows if r["kind"] == "certificate-expiry")
    assert (master["date"], master["person"], master["subject_id"]) == (
        "2021-05-20",
        "BF1073",
        "BF1073",
    )


def test_markdown_table_with_the_crew_filter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "due", str(EXAMPLE), *AS_OF, "--crew", "alert-b", "--format", "markdown"
    )
    rows = [
        [cell.strip() for cell in line.strip("|").split(" | ")]
        for line in out.splitlines()
        if line.startswith("|")
    ]
    assert code == 0
    assert rows[0] == ["Date", "Days", "Kind", "Subject", "Who or where", "Description"]
    body = rows[2:]
    assert body
    assert all(len(row) == 6 for row in body)
    action = next(row for row in body if row[2] == "debrief-action")
    assert action[:4] == ["2021-04-30", "30", "debrief-action", "debrief_finding:DBF-2021-008-1"]


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
def test_redact_hides_every_name(
    capsys: pytest.CaptureFixture[str], example: mc.model.Fleet, fmt: str
) -> None:
    _, plain, _ = run(capsys, "due", str(EXAMPLE), *AS_OF, "--format", fmt)
    code, out, _ = run(capsys, "due", str(EXAMPLE), *AS_OF, "--format", fmt, "--redact")
    assert code == 0
    names = {person.name for person in example.people}
    shown = {name for name in names if name in plain}
    assert shown  # without --redact, names of the people concerned appear
    assert not {name for name in names if name in out}
    assert "BF1010" in out


def test_unknown_vessel_exits_2_with_the_nearest_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "due", str(EXAMPLE), *AS_OF, "--vessel", "valliant")
    assert (code, out) == (2, "")
    assert "unknown vessel 'valliant'; did you mean 'valiant'?" in err


def test_unknown_crew_and_bad_within_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "due", str(EXAMPLE), *AS_OF, "--crew", "alert-z")
    assert code == 2
    assert "unknown crew 'alert-z'" in err
    code, _, err = run(capsys, "due", str(EXAMPLE), *AS_OF, "--within", "soon")
    assert code == 2
    assert "--within" in err
    assert "Traceback" not in err


def test_include_unissued_adds_items_in_store(capsys: pytest.CaptureFixture[str]) -> None:
    _, issued, _ = run(capsys, "due", str(EXAMPLE), *AS_OF, "--format", "json")
    _, everything, _ = run(
        capsys, "due", str(EXAMPLE), *AS_OF, "--format", "json", "--include-unissued"
    )
    before = json.loads(issued)["items"]
    after = json.loads(everything)["items"]
    added = [item for item in after if item not in before]
    assert all(item in after for item in before)
    assert {item["subject_id"] for item in added} >= {"BH-0006", "LJ-0153"}
    assert all(
        item["person"] is None and item["subject_kind"] == "equipment_item" for item in added
    )
    assert json.loads(everything)["include_unissued"] is True
