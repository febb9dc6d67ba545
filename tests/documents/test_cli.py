"""``maritime-crew register`` and ``maritime-crew history`` end to end on the example fleet."""

from __future__ import annotations

import json

import pytest

from ..skills.test_cli import markdown_rows, run
from .conftest import AS_OF, EXAMPLE


class TestRegister:
    def test_text_fits_100_columns_and_flags_the_overdue_review(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(capsys, "register", str(EXAMPLE), "--as-of", AS_OF)
        assert (code, err) == (0, "")
        assert max(len(line) for line in out.splitlines()) <= 100
        assert out.startswith(
            "SEMS register as of 2021-03-31: 13 documents, 1 review overdue, "
            "3 open debrief actions\n"
        )
        assert "review    due 2020-11-20, OVERDUE by 131 days" in out
        assert "actions   DBF-2020-009-1 overdue, due 2021-01-31" in out

    def test_json_parses_and_filters_by_kind(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys, "register", str(EXAMPLE), "--as-of", AS_OF, "--kind", "sop", "--format", "json"
        )
        payload = json.loads(out)
        assert code == 0
        assert payload["as_of"] == AS_OF
        assert payload["filters"] == {"kind": "sop", "owner": None, "vessel": None}
        assert {d["kind"] for d in payload["documents"]} == {"sop"}
        fire = next(d for d in payload["documents"] if d["document"] == "SOP-FIRE-01")
        assert (fire["version"], fire["review_due"], fire["overdue"]) == ("1.2", "2020-11-20", True)

    def test_markdown_is_a_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys,
            "register",
            str(EXAMPLE),
            "--as-of",
            AS_OF,
            "--owner",
            "Kit Manager",
            "--format",
            "markdown",
        )
        rows = markdown_rows(out)
        assert code == 0
        assert rows[0][:4] == ["Document", "Kind", "Owner", "Version"]
        assert rows[1] == ["---"] * 10
        assert len(rows) == 3
        assert rows[2][0] == "PRO-KIT-01"
        assert rows[2][-1] == "DBF-2021-008-1 (open)"

    def test_vessel_filter(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(
            capsys,
            "register",
            str(EXAMPLE),
            "--as-of",
            AS_OF,
            "--vessel",
            "nimrod",
            "--format",
            "json",
        )
        ids = [d["document"] for d in json.loads(out)["documents"]]
        assert "SOP-RES-01" not in ids
        assert len(ids) == 12

    @pytest.mark.parametrize(
        ("option", "value", "hint"),
        [("--vessel", "nimrd", "'nimrod'"), ("--owner", "Kit Manger", "'Kit Manager'")],
    )
    def test_unknown_vessel_or_owner_exits_2(
        self, capsys: pytest.CaptureFixture[str], option: str, value: str, hint: str
    ) -> None:
        code, out, err = run(capsys, "register", str(EXAMPLE), "--as-of", AS_OF, option, value)
        assert (code, out) == (2, "")
        assert f"did you mean {hint}?" in err


class TestHistory:
    def test_text_shows_supersession_and_the_addressed_finding(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(capsys, "history", str(EXAMPLE), "SOP-BRD-01")
        assert (code, err) == (0, "")
        assert max(len(line) for line in out.splitlines()) <= 100
        assert "2.0 superseded, in force 2019-05-01 to 2020-09-14" in out
        assert "2.1 approved, in force 2020-09-15 onwards" in out
        assert "addresses DBF-2020-004-1 (debrief DB-2020-004 of 2020-06-08" in out

    def test_json_parses(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "history", str(EXAMPLE), "SOP-SAR-01", "--format", "json")
        payload = json.loads(out)
        assert code == 0
        assert [v["label"] for v in payload["versions"]] == ["1.0", "1.1", "2.0"]
        draft = payload["versions"][2]
        assert (draft["status"], draft["in_force_from"]) == ("draft", None)
        assert draft["addresses"][0]["finding"] == "DBF-2020-009-1"

    def test_unknown_document_exits_2_with_the_nearest_id(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(capsys, "history", str(EXAMPLE), "SOP-BRD-1")
        assert (code, out) == (2, "")
        assert "unknown document 'SOP-BRD-1'; did you mean 'SOP-BRD-01'?" in err
