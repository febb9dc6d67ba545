"""``maritime-crew skills`` and ``maritime-crew tna`` end to end on the example fleet."""

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


def markdown_rows(text: str) -> list[list[str]]:
    rows = [line for line in text.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]


class TestSkills:
    def test_text_fits_100_columns_and_shows_the_gap(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(capsys, "skills", str(EXAMPLE), *AS_OF, "--crew", "vigilant-a")
        assert (code, err) == (0, "")
        assert max(len(line) for line in out.splitlines()) <= 100
        assert "officer-of-the-watch not qualified: lacks certificate gmdss-goc" in out
        assert "required 2, qualified 1, spare 0; SHORT 1" in out

    def test_json_parses_with_cells_and_coverage(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys, "skills", str(EXAMPLE), *AS_OF, "--crew", "alert-b", "--format", "json"
        )
        payload = json.loads(out)
        assert code == 0
        assert len(payload["cells"]) == len(payload["people"]) * len(payload["roles"])
        eow = next(r for r in payload["coverage"] if r["role"] == "engineer-of-the-watch")
        assert (eow["single_point"], eow["qualified_people"]) == (True, ["BF1148"])

    def test_csv_has_one_row_per_cell(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys, "skills", str(EXAMPLE), *AS_OF, "--vessel", "vigilant", "--format", "csv"
        )
        rows = list(csv.DictReader(io.StringIO(out)))
        assert code == 0
        bf1051 = next(
            r for r in rows if r["person"] == "BF1051" and r["role"] == "officer-of-the-watch"
        )
        assert (bf1051["state"], bf1051["missing_certificates"]) == ("not-qualified", "gmdss-goc")

    def test_markdown_table_has_a_column_per_role(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys, "skills", str(EXAMPLE), *AS_OF, "--crew", "vigilant-a", "--format", "markdown"
        )
        rows = markdown_rows(out.split("## Coverage")[0])
        assert code == 0
        header, rule, *body = rows
        assert rule == ["---"] * len(header)
        assert len(body) == 12
        assert all(len(row) == len(header) for row in body)

    @pytest.mark.parametrize(
        ("option", "typo", "hint"),
        [("--vessel", "vigilnt", "vigilant"), ("--crew", "alrt-b", "alert-b")],
    )
    def test_unknown_ids_exit_2_with_a_suggestion(
        self, capsys: pytest.CaptureFixture[str], option: str, typo: str, hint: str
    ) -> None:
        code, out, err = run(capsys, "skills", str(EXAMPLE), *AS_OF, option, typo)
        assert (code, out) == (2, "")
        assert f"did you mean {hint!r}?" in err

    @pytest.mark.parametrize(
        ("command", "option", "typo", "hint"),
        [
            ("skills", "--crew", "alert-c", "'alert-a' or 'alert-b'"),
            ("skills", "--crew", "ALERT-B", "'alert-b'"),
            ("skills", "--vessel", "Vigilant", "'vigilant'"),
            ("tna", "--vessel", "seker", "'seeker'"),
        ],
    )
    def test_every_id_as_near_is_suggested_whatever_the_case(
        self, capsys: pytest.CaptureFixture[str], command: str, option: str, typo: str, hint: str
    ) -> None:
        code, out, err = run(capsys, command, str(EXAMPLE), *AS_OF, option, typo)
        assert (code, out) == (2, "")
        assert err.endswith(f"; did you mean {hint}?\n")


class TestTna:
    def test_text_lists_the_actions(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "tna", str(EXAMPLE), *AS_OF)
        assert code == 0
        assert max(len(line) for line in out.splitlines()) <= 100
        assert "certificate gmdss-goc" in out
        assert "alert-b engineer-of-the-watch: single-point" in out

    def test_json_parses(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys, "tna", str(EXAMPLE), *AS_OF, "--vessel", "vigilant", "--format", "json"
        )
        payload = json.loads(out)
        assert code == 0
        assert [(a["person"], a["item"]) for a in payload["actions"]] == [("BF1051", "gmdss-goc")]
        assert {c["course"] for c in payload["trainers"]} >= {"boarding-ops"}

    def test_markdown_tables(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "tna", str(EXAMPLE), *AS_OF, "--format", "markdown")
        rows = markdown_rows(out)
        assert code == 0
        assert rows[0] == ["Crew", "Role", "Gap", "Needed", "Filled by", "Unmet"]
        assert [
            "vigilant-a",
            "officer-of-the-watch",
            "shortfall",
            "1",
            "BF1051 Mei Lindqvist",
            "0",
        ] in rows

    def test_unknown_vessel_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "tna", str(EXAMPLE), "--vessel", "serчer")
        assert code == 2
        assert "unknown vessel" in err


@pytest.mark.parametrize(
    ("command", "fmt"),
    [("skills", f) for f in ("text", "json", "csv", "markdown")]
    + [("tna", f) for f in ("text", "json", "markdown")],
)
def test_redaction_hides_every_name(
    capsys: pytest.CaptureFixture[str], command: str, fmt: str
) -> None:
    code, out, _ = run(capsys, command, str(EXAMPLE), *AS_OF, "--format", fmt, "--redact")
    assert code == 0
    assert "BF1051" in out
    for person in mc.load(EXAMPLE).people:
        assert person.name not in out


def test_the_lapse_window_takes_days_or_a_period(capsys: pytest.CaptureFixture[str]) -> None:
    base = ("skills", str(EXAMPLE), "--crew", "alert-b", "--as-of", "2021-03-31", "--format")
    code, by_period, _ = run(capsys, *base, "json", "--within", "P2M")
    assert code == 0
    assert json.loads(by_period)["within"] == 61
    assert run(capsys, *base, "json", "--within", "61")[1] == by_period
    code, _, err = run(capsys, *base, "text", "--within", "soon")
    assert code == 2
    assert "--within must be days such as 90" in err
    assert "Traceback" not in err


def test_tna_renews_what_lapses_within_the_window(capsys: pytest.CaptureFixture[str]) -> None:
    base = ("tna", str(EXAMPLE), "--as-of", "2021-03-31", "--format", "json")
    code, today, _ = run(capsys, *base)
    assert code == 0
    code, ahead, _ = run(capsys, *base, "--within", "P6M")
    assert code == 0
    fleet = mc.load(EXAMPLE)
    expected = mc.training_needs(fleet, "2021-03-31", within="P6M")
    assert [gap["role"] for gap in json.loads(ahead)["gaps"]] == [g.role for g in expected.gaps]
    assert len(json.loads(ahead)["gaps"]) > len(json.loads(today)["gaps"])
