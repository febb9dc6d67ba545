"""``maritime-crew skills`` and ``maritime-crew tna`` end to end on the example fleet."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

import maritime_crew as mc
from maritime_crew.cli import main

from ..rules.builders import D, course, crew, fleet, person, role, trained, vessel
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

    def test_csv_coverage_table_has_a_row_per_crew_and_role(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(
            capsys, "skills", str(EXAMPLE), *AS_OF, "--format", "csv", "--table", "coverage"
        )
        rows = list(csv.DictReader(io.StringIO(out)))
        assert code == 0
        eow = next(
            r for r in rows if r["crew"] == "alert-b" and r["role"] == "engineer-of-the-watch"
        )
        assert eow == {
            "crew": "alert-b",
            "vessel": "alert",
            "crew_size": "5",
            "available": "4",
            "below_size": "1",
            "role": "engineer-of-the-watch",
            "required": "1",
            "qualified": "1",
            "spare": "0",
            "shortfall": "0",
            "single_point": "yes",
            "lapses": "no",
            "qualified_people": "BF1148",
            "lapsing_people": "",
            "unqualified_people": "",
        }
        cover = mc.skills.coverage(mc.load(EXAMPLE), "2021-03-31")
        assert len(rows) == sum(len(c.roles) for c in cover.crews)

    def test_table_is_for_csv_only(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(capsys, "skills", str(EXAMPLE), *AS_OF, "--table", "coverage")
        assert (code, out) == (2, "")
        assert "--table chooses which CSV table to write; use it with --format csv" in err

    def test_text_compares_members_in_service_with_the_crew_size(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(capsys, "skills", str(EXAMPLE), *AS_OF, "--crew", "alert-b")
        assert code == 0
        assert "  crew alert-b (alert): 4 of 5 available, 1 below crew size (MAN003)\n" in out
        assert "single point of failure:\n      BF1148 Fiona Mensah\n" in out

    def test_markdown_coverage_has_spare_and_lapse_columns(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(
            capsys, "skills", str(EXAMPLE), *AS_OF, "--crew", "alert-b", "--format", "markdown"
        )
        assert code == 0
        crews, roles = (
            markdown_rows(part) for part in out.split("## Coverage")[1].split("\n\n")[1:3]
        )
        assert crews == [
            ["Crew", "Vessel", "In service", "Crew size", "Below size"],
            ["---"] * 5,
            ["alert-b", "alert", "4", "5", "1"],
        ]
        assert roles[0] == [
            "Crew",
            "Role",
            "Required",
            "Qualified",
            "Spare",
            "Short",
            "Single point",
            "Lapses",
            "Lapsing within 90 days",
        ]
        assert ["alert-b", "coxswain", "1", "3", "2", "0", "no", "no", ""] in roles

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

    def test_text_shows_who_can_deliver_each_course(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(capsys, "tna", str(EXAMPLE), *AS_OF)
        assert code == 0
        section = out.split("Trainer capacity: in-house courses and who can deliver them")[1]
        assert "  boarding-ops            1 trainer: BF1151 Alex Thorley\n" in section
        # Eleven trainers: five named, then how many more (--format json lists all).
        assert "11 trainers: BF1004 Imogen Redfern," in section
        assert "and 6\n                          more\n" in section
        assert "No qualified in-house trainer" not in out

    def test_a_course_nobody_can_deliver_is_a_finding_in_every_format(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "fleet.toml"
        mc.dump(no_trainer_fleet(), path)
        code, out, _ = run(capsys, "tna", str(path), *AS_OF)
        assert code == 0
        assert "      course      drills  closes r1\n" in out
        assert re.search(r"\n  drills +NO QUALIFIED TRAINER \(TRN006\)\n", out)
        assert re.search(r"\n  radio +NO QUALIFIED TRAINER \(TRN006\)\n", out)
        assert re.search(r"\n  drills-instructor +names no trainer requirement\n", out)
        assert out.endswith(
            "\n\nNo qualified in-house trainer for: drills (the plan needs it), radio (TRN006)\n"
        )
        code, out, _ = run(capsys, "tna", str(path), *AS_OF, "--format", "markdown")
        rows = markdown_rows(out.split("## Trainer capacity")[1])
        assert ["drills", "Drills", "0", "", "TRN006: no qualified trainer; the plan needs it"] in (
            rows
        )
        assert ["radio", "Radio", "0", "", "TRN006: no qualified trainer"] in rows
        assert "No qualified in-house trainer for: drills, radio (TRN006)." in out
        code, out, _ = run(
            capsys, "tna", str(path), *AS_OF, "--format", "csv", "--table", "trainers"
        )
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [(r["course"], r["without_trainer"], r["needed_by_plan"]) for r in rows] == [
            ("drills", "yes", "yes"),
            ("radio", "yes", "no"),
            ("drills-instructor", "no", "no"),
        ]

    def test_csv_tables_of_actions_and_gaps(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "tna", str(EXAMPLE), *AS_OF, "--format", "csv")
        assert code == 0
        assert next(csv.DictReader(io.StringIO(out))) == {
            "person": "BF1051",
            "label": "BF1051 Mei Lindqvist",
            "crew": "vigilant-a",
            "kind": "certificate",
            "item": "gmdss-goc",
            "closes": "officer-of-the-watch",
        }
        code, out, _ = run(
            capsys, "tna", str(EXAMPLE), *AS_OF, "--format", "csv", "--table", "gaps"
        )
        gaps = list(csv.DictReader(io.StringIO(out)))
        assert [(g["crew"], g["role"], g["kind"], g["filled_by"]) for g in gaps] == [
            ("vigilant-a", "officer-of-the-watch", "shortfall", "BF1051"),
            ("alert-b", "engineer-of-the-watch", "single-point", "BF1146"),
        ]

    def test_unknown_vessel_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "tna", str(EXAMPLE), "--vessel", "serчer")
        assert code == 2
        assert "unknown vessel" in err


def no_trainer_fleet() -> mc.model.Fleet:
    """BF1 alone fills r1, which needs in-house course drills; nobody can teach drills."""
    drills = course("drills", trainer_courses=("drills-instructor",))
    radio = course("radio", trainer_courses=("drills-instructor",))
    return fleet(
        vessels=[vessel("v", complement=(mc.model.RoleCount("r1", 1),))],
        crews=[crew("a", vessel="v")],
        people=[
            person(
                "BF1", crew="a", duty_roles=("r1",), training=(trained("drills", D(2020, 1, 1)),)
            ),
            person("BF2", crew="a"),
        ],
        duty_roles=[role("r1", courses=("drills",))],
        courses=[drills, radio, course("drills-instructor")],
    )


TABLES = {"skills": ("cells", "coverage"), "tna": ("actions", "gaps", "trainers")}


@pytest.mark.parametrize(
    ("command", "options"),
    [
        (command, ("--format", fmt))
        for command in ("skills", "tna")
        for fmt in ("text", "json", "csv", "markdown")
    ]
    + [
        (command, ("--format", "csv", "--table", table))
        for command, tables in TABLES.items()
        for table in tables
    ],
)
def test_redaction_hides_every_name(
    capsys: pytest.CaptureFixture[str], command: str, options: tuple[str, ...]
) -> None:
    code, out, _ = run(capsys, command, str(EXAMPLE), *AS_OF, *options, "--redact")
    assert code == 0
    assert re.search(r"BF1\d\d\d", out)
    for someone in mc.load(EXAMPLE).people:
        assert someone.name not in out


@pytest.mark.parametrize("command", ["skills", "tna"])
def test_text_never_breaks_a_name_across_lines(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, out, _ = run(capsys, command, str(EXAMPLE), "--as-of", "2021-03-31", "--within", "P1Y")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 100
    people = {p.id: p.name for p in mc.load(EXAMPLE).people}
    mentioned = set(re.findall(r"BF1\d\d\d", out))
    assert len(mentioned) > 3
    for line in out.splitlines():
        for staff in re.findall(r"BF1\d\d\d", line):
            # the matrix rows cut long names to their column; nothing else may
            if not line.startswith(staff):
                assert f"{staff} {people[staff]}" in line


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
    expected = mc.skills.training_needs(fleet, "2021-03-31", within="P6M")
    assert [gap["role"] for gap in json.loads(ahead)["gaps"]] == [g.role for g in expected.gaps]
    assert len(json.loads(ahead)["gaps"]) > len(json.loads(today)["gaps"])
