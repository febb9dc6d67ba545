"""``maritime-crew timeline``: the findings of every day in a range, on the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import maritime_crew as mc
from maritime_crew.cli import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "fleet"
RANGE = ["--from", "2021-03-01", "--to", "2021-03-31"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def expected() -> mc.timeline.Timeline:
    return mc.timeline.timeline(mc.load(EXAMPLE), "2021-03-01", "2021-03-31")


def test_json_is_the_timeline_of_the_library(
    capsys: pytest.CaptureFixture[str], expected: mc.timeline.Timeline
) -> None:
    code, out, err = run(capsys, "timeline", str(EXAMPLE), *RANGE, "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert (document["from"], document["to"]) == ("2021-03-01", "2021-03-31")
    assert document["findings"] == json.loads(json.dumps(expected.to_records()))
    assert document["errors"] == expected.error_records()


def test_csv_has_a_row_per_interval_and_text_a_line(
    capsys: pytest.CaptureFixture[str], expected: mc.timeline.Timeline
) -> None:
    _, out, _ = run(capsys, "timeline", str(EXAMPLE), *RANGE, "--format", "csv", "--select", "CERT")
    rows = list(csv.DictReader(io.StringIO(out)))
    wanted = [r for r in expected.to_records() if r["code"].startswith("CERT")]
    assert [(r["code"], r["subject_id"], r["start"], r["end"]) for r in rows] == [
        (r["code"], r["subject_id"], r["start"], r["end"]) for r in wanted
    ]
    assert {r["waived_by"] for r in rows if not r["waived_by"]} == {""}  # not "None"
    _, text, _ = run(capsys, "timeline", str(EXAMPLE), *RANGE)
    intervals = sum(len(h.intervals) for h in expected.findings)
    assert text.splitlines()[-1] == (
        f"{len(expected.findings)} findings in {intervals} intervals from 2021-03-01 to 2021-03-31"
    )


def test_redact_keeps_every_name_out(capsys: pytest.CaptureFixture[str]) -> None:
    names = [person.name for person in mc.load(EXAMPLE).people]
    _, named, _ = run(capsys, "timeline", str(EXAMPLE), *RANGE)
    assert [name for name in names if name in named]  # the text names people
    for format in ("text", "json", "csv"):
        _, out, _ = run(capsys, "timeline", str(EXAMPLE), *RANGE, "--format", format, "--redact")
        assert [name for name in names if name in out] == []


def test_a_range_that_ends_before_it_starts_is_bad_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, "timeline", str(EXAMPLE), "--from", "2021-03-31", "--to", "2021-03-01"
    )
    assert (code, out) == (2, "")
    assert "--to 2021-03-01 is before --from 2021-03-31" in err
