"""``mc.diff`` and ``maritime-crew diff``: record changes, finding changes, the command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import maritime_crew as mc
from maritime_crew.changes import Change, Diff, FieldChange, Provenance, RecordChange
from maritime_crew.cli import main

AS_OF = ["--as-of", "2021-03-31"]

OLD = """\
[[person]]
id = "BF0001"
name = "Kit Harlow"
discipline = "deck"
joined = 2015-09-01
duty_roles = ["medic"]
terms = [{ set = "tc-2012", start = 2015-09-01 }]
certificates = [{ type = "eng1", number = "M-40871", issued = 2019-02-15, expires = 2021-02-14 }]

[[person]]
id = "BF0002"
name = "Alex Morgan"
discipline = "deck"
joined = 2015-09-01
duty_roles = ["medic"]
terms = [{ set = "tc-2012", start = 2015-09-01 }]
certificates = [{ type = "eng1", number = "M-50000", issued = 2019-04-21, expires = 2021-04-20 }]

[[certificate_type]]
id = "eng1"
name = "ENG1 seafarer medical certificate"
kind = "medical"
validity = "P2Y"

[[duty_role]]
id = "medic"
name = "Medic"
certificates = ["eng1"]

[[terms]]
id = "tc-2012"
title = "Maritime Command crew terms 2012"
status = "in-force"
effective = 2012-04-01

[[waiver]]
id = "W-1"
rule = "CERT001"
subject = { kind = "person", id = "BF0001" }
reason = "Renewal medical booked for 2021-04-12."
granted_by = "Head of Maritime Operations"
granted_on = 2021-03-01
expires = 2021-04-30
"""

NEW_PERSON = """\
[[person]]
id = "BF0003"
name = "Sam Quill"
discipline = "deck"
joined = 2021-03-20
duty_roles = ["medic"]
terms = [{ set = "tc-2012", start = 2021-03-20 }]
certificates = [{ type = "eng1", number = "M-60000", issued = 2019-01-10, expires = 2021-01-09 }]
recorded_by = "Alex Morgan"
recorded_on = 2021-03-20
reason = "joined from another command"

"""


def changed(text: str) -> str:
    """The new version: a renewal with provenance, an earlier expiry, a terms entry moved,
    a person added and the waiver removed."""
    text = text.replace(
        "expires = 2021-02-14 }",
        'expires = 2023-02-14, recorded_by = "BF0002", recorded_on = 2021-03-02, '
        'reason = "renewed at the annual medical" }',
    )
    text = text.replace("expires = 2021-04-20 }", "expires = 2021-04-18 }")
    text = text.replace(
        'terms = [{ set = "tc-2012", start = 2015-09-01 }]\n'
        'certificates = [{ type = "eng1", number = "M-50000"',
        'terms = [{ set = "tc-2012", start = 2016-01-01 }]\n'
        'certificates = [{ type = "eng1", number = "M-50000"',
    )
    text = text.replace("[[certificate_type]]", NEW_PERSON + "[[certificate_type]]", 1)
    return text[: text.index("[[waiver]]")]


NEW = changed(OLD)


def dataset(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "data.toml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    return dataset(tmp_path / "old", OLD), dataset(tmp_path / "new", NEW)


@pytest.fixture(scope="module")
def result() -> Diff:
    return mc.diff(mc.loads(OLD), mc.loads(NEW), as_of="2021-03-31")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- records ------------------------------------------------------------------------------


def test_record_changes_in_order_with_their_paths(result: Diff) -> None:
    assert [(r.change, r.path) for r in result.records] == [
        (Change.CHANGED, "people[BF0001].certificates[number=M-40871]"),
        (Change.REMOVED, "people[BF0002].terms[set=tc-2012, start=2015-09-01]"),
        (Change.ADDED, "people[BF0002].terms[set=tc-2012, start=2016-01-01]"),
        (Change.CHANGED, "people[BF0002].certificates[number=M-50000]"),
        (Change.ADDED, "people[BF0003]"),
        (Change.REMOVED, "waivers[W-1]"),
    ]
    assert {(r.table, r.record) for r in result.records} == {
        ("person", "BF0001"),
        ("person", "BF0002"),
        ("person", "BF0003"),
        ("waiver", "W-1"),
    }


def test_a_changed_field_gives_its_path_and_both_values(result: Diff) -> None:
    later = result.records[3]
    assert later.fields == (
        FieldChange(
            "people[BF0002].certificates[number=M-50000].expires",
            "expires",
            mc.model.as_date("2021-04-20"),
            mc.model.as_date("2021-04-18"),
        ),
    )
    assert later.provenance is None
    renewal = result.records[0]
    assert [(f.path, str(f.old), str(f.new)) for f in renewal.fields] == [
        ("people[BF0001].certificates[number=M-40871].expires", "2021-02-14", "2023-02-14"),
        ("people[BF0001].certificates[number=M-40871].recorded_by", "None", "BF0002"),
        ("people[BF0001].certificates[number=M-40871].recorded_on", "None", "2021-03-02"),
        (
            "people[BF0001].certificates[number=M-40871].reason",
            "None",
            "renewed at the annual medical",
        ),
    ]


def test_provenance_is_shown_beside_a_change_and_an_addition(result: Diff) -> None:
    renewal, added = result.records[0], result.records[4]
    assert renewal.provenance == Provenance(
        "BF0002", mc.model.as_date("2021-03-02"), "renewed at the annual medical"
    )
    assert (
        str(renewal.provenance) == "recorded by BF0002 on 2021-03-02: renewed at the annual medical"
    )
    assert added.provenance is not None
    assert (
        str(added.provenance)
        == "recorded by Alex Morgan on 2021-03-20: joined from another command"
    )
    assert added.entry is not None
    assert added.entry["name"] == "Sam Quill"
    removed = result.records[-1]
    assert removed.provenance is None  # a removal records nothing of who removed it
    assert removed.entry is not None
    assert removed.entry["reason"] == "Renewal medical booked for 2021-04-12."


def test_a_waivers_own_reason_is_not_provenance() -> None:
    old = mc.loads(OLD)
    new = mc.loads(OLD.replace("booked for 2021-04-12.", "booked for 2021-04-19."))
    (change,) = mc.diff(old, new, as_of="2021-03-31").records
    assert change.path == "waivers[W-1]"
    assert [f.field for f in change.fields] == ["reason"]
    assert change.provenance is None


def test_nested_tables_of_a_record_are_compared_field_by_field() -> None:
    old = mc.loads(OLD)
    new = mc.loads(
        OLD.replace(
            'subject = { kind = "person", id = "BF0001" }',
            'subject = { kind = "person", id = "BF0002" }',
        )
    )
    (change,) = mc.diff(old, new, as_of="2021-03-31").records
    assert [(f.path, f.old, f.new) for f in change.fields] == [
        ("waivers[W-1].subject.id", "BF0001", "BF0002")
    ]


PEOPLE = """\
[[person]]
id = "{id}"
name = "Person {id}"
discipline = "deck"
joined = 2015-09-01
grade = "{grade}"
sizes = [{sizes}]
"""


def people(*records: tuple[str, str, str]) -> mc.model.Fleet:
    return mc.loads("\n".join(PEOPLE.format(id=i, grade=g, sizes=s) for i, g, s in records))


def test_order_is_that_of_the_new_file_with_removals_at_their_old_place() -> None:
    old = people(("A", "a", ""), ("B", "b", ""), ("C", "c", ""))
    new = people(("C", "c2", ""), ("A", "a2", ""), ("D", "d", ""))
    changes = mc.diff(old, new, as_of="2021-03-31").records
    assert [(r.change.value, r.path) for r in changes] == [
        ("changed", "people[C]"),
        ("changed", "people[A]"),
        ("removed", "people[B]"),
        ("added", "people[D]"),
    ]


def test_entries_without_id_or_number_are_known_by_their_content() -> None:
    size = '{{ equipment = "dry-suit", size = "{}" }}'
    old = people(("A", "a", f"{size.format('L')}, {size.format('L')}, {size.format('M')}"))
    new = people(("A", "a", f"{size.format('L')}, {size.format('XL')}"))
    changes = mc.diff(old, new, as_of="2021-03-31").records
    assert [(r.change.value, r.path) for r in changes] == [
        ("removed", "people[A].sizes[equipment=dry-suit, size=L]#2"),
        ("removed", "people[A].sizes[equipment=dry-suit, size=M]"),
        ("added", "people[A].sizes[equipment=dry-suit, size=XL]"),
    ]


def test_a_dataset_against_itself_is_no_change(result: Diff) -> None:
    fleet = mc.loads(OLD)
    same = mc.diff(fleet, mc.loads(OLD), as_of="2021-03-31")
    assert not same.changed
    assert same.records == ()
    assert same.appeared == same.resolved == ()
    assert same.persisted
    assert not any(p.changed for p in same.persisted)
    assert result.changed


# -- findings -----------------------------------------------------------------------------


def codes(findings: tuple[mc.rules.Finding, ...]) -> list[tuple[str, str]]:
    return [(f.code, f.subject.id) for f in findings]


def test_findings_appeared_resolved_and_persisted(result: Diff) -> None:
    assert codes(result.appeared) == [("CERT005", "BF0001"), ("CERT001", "BF0003")]
    assert codes(result.resolved) == [("CERT001", "BF0001")]
    assert result.resolved[0].waived_by == "W-1"
    assert [(p.new.code, p.new.subject.id, p.differences) for p in result.persisted] == [
        ("CERT002", "BF0002", ("message", "details"))
    ]
    (moved,) = result.persisted
    assert "2021-04-20" in moved.old.message
    assert "2021-04-18" in moved.new.message


def test_a_finding_knows_the_record_changes_that_may_explain_it(result: Diff) -> None:
    assert [r.path for r in result.related(result.appeared[1])] == ["people[BF0003]"]
    assert [r.path for r in result.related(result.resolved[0])] == [
        "people[BF0001].certificates[number=M-40871]",
        "waivers[W-1]",
    ]


def test_a_finding_whose_waiver_ends_persists_changed() -> None:
    old, new = mc.loads(OLD), mc.loads(OLD[: OLD.index("[[waiver]]")])
    result = mc.diff(old, new, as_of="2021-03-31")
    assert result.appeared == result.resolved == ()
    (unwaived,) = [p for p in result.persisted if p.changed]
    assert unwaived.differences == ("waived_by",)
    assert (unwaived.old.waived_by, unwaived.new.waived_by) == ("W-1", None)
    assert [r.path for r in result.related(unwaived)] == ["waivers[W-1]"]


def test_the_configuration_applies_to_both_checks() -> None:
    config = mc.rules.Config(ignore=("CERT005",))
    result = mc.diff(mc.loads(OLD), mc.loads(NEW), "2021-03-31", config)
    assert codes(result.appeared) == [("CERT001", "BF0003")]


# -- the result ---------------------------------------------------------------------------


def test_to_data_is_json_with_a_fixed_shape(result: Diff) -> None:
    data = json.loads(json.dumps(result.to_data()))
    assert list(data) == ["as_of", "changed", "summary", "records", "findings"]
    assert data["as_of"] == "2021-03-31"
    assert data["changed"] is True
    assert data["summary"] == {
        "records_added": 2,
        "records_removed": 2,
        "records_changed": 2,
        "findings_appeared": 2,
        "findings_resolved": 1,
        "findings_persisted": 1,
        "findings_changed": 1,
    }
    first = data["records"][0]
    assert list(first) == ["change", "table", "record", "path", "fields", "entry", "provenance"]
    assert first["fields"][0] == {
        "path": "people[BF0001].certificates[number=M-40871].expires",
        "field": "expires",
        "old": "2021-02-14",
        "new": "2023-02-14",
    }
    assert first["provenance"] == {
        "recorded_by": "BF0002",
        "recorded_on": "2021-03-02",
        "reason": "renewed at the annual medical",
    }
    assert data["records"][4]["entry"]["id"] == "BF0003"
    assert list(data["findings"]) == ["appeared", "resolved", "persisted"]
    appeared = data["findings"]["appeared"][1]
    assert appeared["code"] == "CERT001"
    assert appeared["related"] == ["people[BF0003]"]
    persisted = data["findings"]["persisted"][0]
    assert list(persisted) == ["differences", "old", "new", "related"]
    assert persisted["differences"] == ["message", "details"]


def test_withholding_recorded_by_hides_it_everywhere(result: Diff) -> None:
    hidden = result.withholding_recorded_by()
    text = json.dumps(hidden.to_data())
    assert 'BF0002", "recorded_on' not in text
    assert "Alex Morgan" not in text
    renewal, added = hidden.records[0], hidden.records[4]
    assert renewal.provenance is not None
    assert renewal.provenance.recorded_by == "(withheld)"
    assert [(f.field, f.new) for f in renewal.fields if f.field == "recorded_by"] == [
        ("recorded_by", "(withheld)")
    ]
    assert added.entry is not None
    assert added.entry["recorded_by"] == "(withheld)"


def test_mc_diff_is_the_function_of_the_changes_package() -> None:
    code = (
        "import maritime_crew as mc\n"
        "old = mc.loads(open(0).read())\n"
        "print(mc.diff is mc.changes.diff, mc.diff(old, old, as_of='2021-03-31').changed)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=OLD, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "False"]


# -- the command line ---------------------------------------------------------------------


def test_the_command_reports_changes_and_exits_1(
    capsys: pytest.CaptureFixture[str], versions: tuple[Path, Path]
) -> None:
    old, new = versions
    code, out, err = run(capsys, "diff", str(old), str(new), *AS_OF)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == (
        "Changes as of 2021-03-31: records 2 added, 2 removed, 2 changed; "
        "findings 2 appeared, 1 resolved, 1 changed, 0 unchanged"
    )
    assert "  changed    people[BF0001].certificates[number=M-40871]" in lines
    assert "             expires: 2021-02-14 -> 2023-02-14" in lines
    assert "             recorded by BF0002 on 2021-03-02: renewed at the annual medical" in lines
    assert "  removed    waivers[W-1]" in lines
    assert any(line.startswith("  appeared   CERT001  error   person BF0003: ") for line in lines)
    assert any(line.startswith("  resolved   CERT001  error   person BF0001: ") for line in lines)


def test_a_dataset_against_itself_exits_0(
    capsys: pytest.CaptureFixture[str], versions: tuple[Path, Path]
) -> None:
    old, _ = versions
    code, out, err = run(capsys, "diff", str(old), str(old), *AS_OF)
    assert (code, err) == (0, "")
    assert out.startswith("No changes as of 2021-03-31: the records are the same")
    code, out, _ = run(capsys, "diff", str(old), str(old), *AS_OF, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["changed"] is False
    assert data["records"] == []


def test_json_output_is_to_data(
    capsys: pytest.CaptureFixture[str], versions: tuple[Path, Path], result: Diff
) -> None:
    old, new = versions
    code, out, _ = run(capsys, "diff", str(old), str(new), *AS_OF, "--format", "json")
    assert code == 1
    data = json.loads(out)
    expected = result.to_data()
    assert data["summary"] == expected["summary"]
    assert data["records"] == json.loads(json.dumps(expected["records"]))


def test_unreadable_versions_are_both_reported_with_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = tmp_path / "missing"
    new = dataset(tmp_path / "new", "[[person]\n")
    code, out, err = run(capsys, "diff", str(old), str(new), *AS_OF)
    assert (code, out) == (2, "")
    assert f"cannot load {old}" in err
    assert f"cannot load {new}" in err
    assert "Traceback" not in err


def test_a_bad_configuration_and_bad_data_are_reported_together(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "diff.toml"
    config.write_text('ignore = ["CERT999"]\n', encoding="utf-8")
    good = dataset(tmp_path / "good", OLD)
    bad = dataset(tmp_path / "bad", "[[person]\n")
    code, _, err = run(capsys, "diff", str(good), str(bad), *AS_OF, "--config", str(config))
    assert code == 2
    assert "CERT999" in err
    assert f"cannot load {bad}" in err


def test_config_selects_the_rules_of_both_checks(
    capsys: pytest.CaptureFixture[str], versions: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = versions
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.maritime-crew]\nignore = ["CERT005"]\n', encoding="utf-8")
    args = [str(old), str(new), *AS_OF, "--format", "json"]
    _, out, _ = run(capsys, "diff", *args, "--config", str(config))
    appeared = json.loads(out)["findings"]["appeared"]
    assert [f["code"] for f in appeared] == ["CERT001"]
    # The one check finds for NEW, as check does: here, in its directory.
    (new / "maritime-crew.toml").write_text('ignore = ["CERT"]\n', encoding="utf-8")
    _, out, _ = run(capsys, "diff", *args)
    assert json.loads(out)["summary"]["findings_appeared"] == 0
    _, out, _ = run(capsys, "diff", *args, "--isolated")
    assert json.loads(out)["summary"]["findings_appeared"] == 2


@pytest.mark.parametrize("format", ["text", "json"])
def test_redact_hides_names_and_who_recorded_changes(
    capsys: pytest.CaptureFixture[str], versions: tuple[Path, Path], format: str
) -> None:
    old, new = versions
    code, out, _ = run(capsys, "diff", str(old), str(new), *AS_OF, "--format", format, "--redact")
    assert code == 1
    for name in ("Kit Harlow", "Alex Morgan", "Sam Quill"):
        assert name not in out
    assert "BF0003" in out
    if format == "text":
        assert (
            "             recorded by (withheld) on 2021-03-02: renewed at the annual medical"
            in out
        )
        assert "recorded by (withheld) on 2021-03-20: joined from another command" in out
    else:
        data = json.loads(out)
        assert data["records"][0]["provenance"]["recorded_by"] == "(withheld)"
        assert data["records"][4]["provenance"]["recorded_by"] == "(withheld)"
        assert data["records"][4]["entry"]["name"] == "[name of BF0003]"


def test_redact_knows_the_people_of_both_versions(
    capsys: pytest.CaptureFixture[str], versions: tuple[Path, Path]
) -> None:
    old, new = versions
    code, out, _ = run(capsys, "diff", str(new), str(old), *AS_OF, "--redact")
    assert code == 1
    assert "  removed    people[BF0003]" in out
    assert "Sam Quill" not in out  # a person of the first version given only


def test_control_characters_in_the_data_never_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = dataset(tmp_path / "old", OLD)
    hostile = NEW.replace(
        "renewed at the annual medical", "renewed\\u001b]0;pwned\\u0007\\n  added    people[FAKE]"
    ).replace('"Sam Quill"', '"Sam \\u202eQuill"')
    new = dataset(tmp_path / "new", hostile)
    printed = {}
    for format in ("text", "json"):
        code, printed[format], _ = run(
            capsys, "diff", str(old), str(new), *AS_OF, "--format", format
        )
        assert code == 1
        assert not any(char in printed[format] for char in "\x1b\x07\u202e")
        assert not any(
            line.lstrip().startswith("added    people[FAKE]")
            for line in printed[format].splitlines()
        )
    assert "renewed\\x1b]0;pwned\\x07\\n  added    people[FAKE]" in printed["text"]
    assert "Sam \\u202eQuill" in printed["text"]
    assert json.loads(printed["json"])["records"][4]["entry"]["name"] == "Sam \u202eQuill"


def test_output_goes_to_a_file_and_never_into_a_dataset(
    capsys: pytest.CaptureFixture[str], versions: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = versions
    target = tmp_path / "changes.json"
    code, out, _ = run(
        capsys, "diff", str(old), str(new), *AS_OF, "--format", "json", "--output", str(target)
    )
    assert (code, out) == (1, "")
    assert json.loads(target.read_text(encoding="utf-8"))["changed"] is True
    for inside in (old / "changes.toml", new / "data.toml"):
        code, _, err = run(capsys, "diff", str(old), str(new), *AS_OF, "--output", str(inside))
        assert code == 2
        assert "refusing to write" in err
    assert (new / "data.toml").read_text(encoding="utf-8") == NEW


@pytest.mark.parametrize("linked", ["old", "new"])
def test_both_versions_follow_links_out_only_when_told(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, linked: str
) -> None:
    elsewhere = dataset(tmp_path / "elsewhere", NEW_PERSON)
    roots = {"old": dataset(tmp_path / "old", OLD), "new": dataset(tmp_path / "new", OLD)}
    (roots[linked] / "more").symlink_to(elsewhere, target_is_directory=True)
    args = ["diff", str(roots["old"]), str(roots["new"]), *AS_OF]
    code, _, err = run(capsys, *args)
    assert code == 2
    assert f"cannot load {roots[linked]}" in err
    code, out, err = run(capsys, *args, "--follow-outside-links")
    assert (code, err) == (1, "")
    assert f"  {'added' if linked == 'new' else 'removed':<11}people[BF0003]\n" in out


def test_as_of_is_checked_like_checks(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["diff", "a", "b", "--as-of", "31/03/2021"])
    assert exited.value.code == 2
    assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err


def test_record_change_types_are_exported() -> None:
    assert {RecordChange, FieldChange, Provenance} <= {
        getattr(mc.changes, n) for n in mc.changes.__all__
    }


# -- documentation ------------------------------------------------------------------------


def test_the_diff_page_runs_as_written(tmp_path: Path) -> None:
    from tests.pages import ROOT, run_page

    run_page(ROOT / "docs" / "diff.md", tmp_path)


def test_the_api_reference_documents_every_name_of_the_package() -> None:
    from tests.pages import ROOT

    page = (ROOT / "docs" / "api" / "changes.md").read_text(encoding="utf-8")
    section = page.split(".. module:: maritime_crew.changes\n")[1].split("```")[0]
    documented = set(re.findall(r"^\.\. (?:auto\w+|data):: (\S+)$", section, re.M))
    assert documented == set(mc.changes.__all__)
