"""``maritime-crew check`` end to end: formats, output file, selection, fail level, config."""

from __future__ import annotations

import datetime
import io
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pendulum
import pytest

import maritime_crew as mc
from maritime_crew.cli import main
from maritime_crew.cli._common import today_in_london
from maritime_crew.model import SourceLocation
from maritime_crew.report import render

EXAMPLE = Path(__file__).parent.parent / "examples" / "fleet"
AS_OF = ["--as-of", "2021-03-31"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def names() -> list[str]:
    return [person.name for person in mc.load(EXAMPLE).people]


def test_the_readme_command_reports_the_example_fleet(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(EXAMPLE), *AS_OF)
    assert code == 1
    assert err == ""
    assert "HMC Vigilant (vigilant)" in out
    assert "(waived by W-2021-004)" in out
    last = out.rstrip().splitlines()[-1]
    assert "as of 2021-03-31: FAILED (fail on error)" in last
    assert "(1 waived)" in last


def test_a_waiver_reference_is_never_split_across_lines() -> None:
    # Source paths of every length move the waiver across the wrapping margin.
    fleet = mc.load(EXAMPLE)
    report = mc.check(fleet, as_of="2021-03-31")
    waived = report.waived
    assert waived
    for length in range(1, 120):
        source = SourceLocation(file="/" + "d" * length + "/people.toml", line=275)
        moved = attrs.evolve(report, findings=tuple(attrs.evolve(f, source=source) for f in waived))
        text = render(moved, fleet, "text")
        assert all(f"(waived by {f.waived_by})" in text for f in waived)


def test_json_output_counts_what_the_library_reports(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLE), *AS_OF, "--format", "json")
    data = json.loads(out)
    report = mc.check(mc.load(EXAMPLE), as_of="2021-03-31")
    assert code == 1
    assert [f["code"] for f in data["findings"]] == [f.code for f in report.findings]


def test_junit_and_sarif_parse(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(EXAMPLE), *AS_OF, "--format", "junit")
    assert ET.fromstring(out).tag == "testsuites"
    _, out, _ = run(capsys, "check", str(EXAMPLE), *AS_OF, "--format", "sarif")
    assert json.loads(out)["version"] == "2.1.0"


def test_github_annotations_point_at_files_and_lines(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(EXAMPLE), *AS_OF, "--format", "github")
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert errors
    assert all("file=" in line and ",line=" in line for line in errors)


@pytest.mark.parametrize("format", ["text", "json", "junit", "markdown", "sarif", "github"])
def test_output_goes_to_a_file_when_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, format: str
) -> None:
    target = tmp_path / f"report.{format}"
    code, out, _ = run(
        capsys, "check", str(EXAMPLE), *AS_OF, "--format", format, "--output", str(target)
    )
    assert code == 1
    assert out == ""
    assert "BF1051" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("written", ["reports/", "existing"])
def test_output_to_a_directory_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, written: str
) -> None:
    (tmp_path / "existing").mkdir()
    target = str(tmp_path / written) + ("/" if written.endswith("/") else "")
    code, out, err = run(capsys, "check", str(EXAMPLE), *AS_OF, "--output", target)
    assert code == 2
    assert out == ""
    assert "it names a directory; give a file name" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing"]


@pytest.mark.parametrize("format", ["text", "json", "junit", "markdown", "sarif", "github"])
def test_redacted_reports_of_the_example_name_no_one(
    capsys: pytest.CaptureFixture[str], names: list[str], format: str
) -> None:
    _, out, _ = run(capsys, "check", str(EXAMPLE), *AS_OF, "--format", format, "--redact")
    assert "BF1051" in out
    assert [name for name in names if name in out] == []


def test_select_and_ignore_choose_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(EXAMPLE), *AS_OF, "--format", "json", "--select", "CERT")
    assert {f["code"] for f in json.loads(out)["findings"]} == {"CERT001", "CERT002"}
    _, out, _ = run(
        capsys, "check", str(EXAMPLE), *AS_OF, "--format", "json", "--select", "CERT",
        "--ignore", "certificate-expiring",
    )  # fmt: skip
    assert {f["code"] for f in json.loads(out)["findings"]} == {"CERT001"}


def test_warnings_fail_only_from_fail_on_warning(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", str(EXAMPLE), *AS_OF, "--select", "CERT002")[0] == 0
    code, *_ = run(
        capsys, "check", str(EXAMPLE), *AS_OF, "--select", "CERT002", "--fail-on", "warning"
    )
    assert code == 1


def test_an_unknown_rule_is_a_usage_error_with_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "check", str(EXAMPLE), *AS_OF, "--select", "CERT01")
    assert code == 2
    assert out == ""
    assert "CERT01" in err
    assert "did you mean" in err
    assert "Traceback" not in err


def test_the_config_file_in_the_dataset_is_read_and_flags_override_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    dataset = tmp_path / "fleet"
    dataset.mkdir()
    for source in EXAMPLE.rglob("*.toml"):
        target = dataset / source.relative_to(EXAMPLE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    (dataset / "maritime-crew.toml").write_text(
        'select = ["DOC"]\nfail-on = "error"\n[rules.DOC005]\nwithin-days = 30\n',
        encoding="utf-8",
    )
    _, out, _ = run(capsys, "check", str(dataset), *AS_OF, "--format", "json")
    # DOC005 now allows 30 days, so OP-2021-011 (ended 2021-03-05) is not yet late.
    assert {f["code"] for f in json.loads(out)["findings"]} == {"DOC001", "DOC006"}
    _, out, _ = run(capsys, "check", str(dataset), *AS_OF, "--format", "json", "--select", "MAN")
    assert {f["code"] for f in json.loads(out)["findings"]} == {"MAN001", "MAN002", "MAN003"}


def _example_with_config(tmp_path: Path, config: str) -> Path:
    dataset = tmp_path / "fleet"
    dataset.mkdir()
    for source in EXAMPLE.rglob("*.*"):
        if source.is_file() and source.suffix in (".toml", ".csv"):
            target = dataset / source.relative_to(EXAMPLE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    (dataset / "maritime-crew.toml").write_text(config, encoding="utf-8")
    return dataset


def codes(out: str) -> set[str]:
    return {f["code"] for f in json.loads(out)["findings"]}


def test_ignore_on_the_command_line_adds_to_the_files_ignore(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The tutorial's case: the file switches off TERMS; --ignore MAN002 must not bring it back.
    dataset = _example_with_config(tmp_path, 'ignore = ["TERMS", "CERT"]\n')
    _, plain, _ = run(capsys, "check", str(dataset), *AS_OF, "--format", "json")
    assert not any(code.startswith(("TERMS", "CERT")) for code in codes(plain))
    assert "MAN002" in codes(plain)
    for option in ("--ignore", "--extend-ignore"):
        _, out, _ = run(capsys, "check", str(dataset), *AS_OF, "--format", "json", option, "MAN002")
        assert codes(out) == codes(plain) - {"MAN002"}
    # --extend-select brings back part of what the file ignores; --select replaces it all
    _, out, _ = run(
        capsys, "check", str(dataset), *AS_OF, "--format", "json", "--extend-select", "CERT001"
    )
    assert codes(out) == codes(plain) | {"CERT001"}
    _, out, _ = run(capsys, "check", str(dataset), *AS_OF, "--format", "json", "--select", "TERMS")
    assert codes(out)  # the file's ignore of TERMS went with its selection
    assert all(code.startswith("TERMS") for code in codes(out))


def test_selection_options_add_up_when_repeated_and_take_any_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(
        capsys, "check", str(EXAMPLE), *AS_OF, "--format", "json",
        "--select", "cert001", "--select", "doc001,MAN001", "--ignore", "man001",
    )  # fmt: skip
    assert codes(out) == {"CERT001", "DOC001"}


def test_output_makes_the_folders_it_needs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "reports" / "2021-03" / "check.json"
    code, out, _ = run(
        capsys, "check", str(EXAMPLE), *AS_OF, "--format", "json", "--output", str(target)
    )
    assert (code, out) == (1, "")
    assert json.loads(target.read_text(encoding="utf-8"))["findings"]


def test_output_under_a_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    code, _, err = run(
        capsys, "check", str(EXAMPLE), *AS_OF, "--output", str(tmp_path / "taken" / "r.txt")
    )
    assert code == 2
    assert "cannot write" in err
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "not a folder"


def test_config_names_the_configuration_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "ci.toml"
    elsewhere.write_text('select = ["DOC001"]\n', encoding="utf-8")
    _, out, _ = run(
        capsys, "check", str(EXAMPLE), *AS_OF, "--format", "json", "--config", str(elsewhere)
    )
    assert codes(out) == {"DOC001"}
    project = tmp_path / "pyproject.toml"
    project.write_text('[tool.maritime-crew]\nselect = ["CERT001"]\n', encoding="utf-8")
    _, out, _ = run(
        capsys, "check", str(EXAMPLE), *AS_OF, "--format", "json", "--config", str(project)
    )
    assert codes(out) == {"CERT001"}
    project.write_text('[project]\nname = "x"\n', encoding="utf-8")
    code, out, err = run(capsys, "check", str(EXAMPLE), *AS_OF, "--config", str(project))
    assert (code, out) == (2, "")
    assert "has no [tool.maritime-crew] table" in err
    with pytest.raises(SystemExit) as caught:
        main(["check", str(EXAMPLE), "--config", str(elsewhere), "--isolated"])
    assert caught.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_show_settings_prints_what_would_run_without_reading_the_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "people.toml").write_text("this is not TOML", encoding="utf-8")
    (tmp_path / "maritime-crew.toml").write_text(
        'select = ["CERT00"]\nignore = ["CERT003"]\nfail-on = "warning"\n'
        "[rules.CERT002]\nwithin-days = 30\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "check", str(tmp_path), "--show-settings", "--ignore", "CERT004")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"configuration: {tmp_path / 'maritime-crew.toml'}"
    assert lines[1:4] == ["fail-on: warning", "max-findings-per-rule: 1,000", "rules: 4"]
    assert [line.split()[0] for line in lines[4:]] == ["CERT001", "CERT002", "CERT005", "CERT006"]
    assert lines[5].endswith("certificate-expiring  (within-days = 30)")


def test_several_reports_come_from_one_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys, "check", str(EXAMPLE), *AS_OF, "--format", "markdown",
        "--output", f"json:{tmp_path / 'r' / 'check.json'}",
        "--output", f"sarif:{tmp_path / 'r' / 'check.sarif'}",
        "--output", str(tmp_path / "r" / "check.md"),
    )  # fmt: skip
    assert (code, out) == (1, "")
    for format, name in (
        ("json", "check.json"),
        ("sarif", "check.sarif"),
        ("markdown", "check.md"),
    ):
        alone = run(capsys, "check", str(EXAMPLE), *AS_OF, "--format", format)[1]
        written = (tmp_path / "r" / name).read_text(encoding="utf-8")
        if format == "markdown":
            assert written == alone
        else:  # the same findings; the SARIF run's invocation differs in its command line
            assert json.loads(written).keys() == json.loads(alone).keys()
    assert codes((tmp_path / "r" / "check.json").read_text(encoding="utf-8")) == codes(
        run(capsys, "check", str(EXAMPLE), *AS_OF, "--format", "json")[1]
    )


def test_several_outputs_are_refused_before_anything_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    twice = str(tmp_path / "r.json")
    code, _, err = run(
        capsys, "check", str(EXAMPLE), *AS_OF, "--output", f"json:{twice}", "--output", twice
    )
    assert code == 2
    assert "--output names one file twice" in err
    code, _, err = run(
        capsys, "check", str(EXAMPLE), *AS_OF, "--statistics",
        "--output", f"json:{tmp_path / 's.json'}", "--output", f"sarif:{tmp_path / 's.sarif'}",
    )  # fmt: skip
    assert code == 2
    assert "--statistics writes text or json, not sarif" in err
    inside = str(EXAMPLE / "report.toml")
    code, _, err = run(
        capsys,
        "check",
        str(EXAMPLE),
        *AS_OF,
        "--output",
        f"json:{tmp_path / 'ok.json'}",
        "--output",
        inside,
    )
    assert code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert not (EXAMPLE / "report.toml").exists()


def test_quiet_and_verbose(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, full, _ = run(capsys, "check", str(EXAMPLE), *AS_OF)
    code, quiet, err = run(capsys, "check", str(EXAMPLE), *AS_OF, "-q")
    assert (code, err) == (1, "")
    # the findings as they are, without the closing counts and verdict
    assert full.startswith(quiet)
    assert "FAILED" not in quiet
    assert "FAILED (fail on error)" in full[len(quiet) :]
    target = tmp_path / "check.json"
    code, silent, err = run(
        capsys, "check", str(EXAMPLE), *AS_OF, "-qq", "--output", f"json:{target}", "--output", "-"
    )
    assert (code, silent, err) == (1, "", "")
    assert codes(target.read_text(encoding="utf-8"))  # files are still written
    code, out, err = run(capsys, "check", str(EXAMPLE), *AS_OF, "-v", "--format", "json")
    assert code == 1
    assert json.loads(out)["findings"]  # standard output is the report alone
    lines = err.splitlines()
    assert lines[0] == "configuration: built-in defaults"
    assert lines[1].startswith("loaded 171 people and ")
    assert lines[2].startswith("checked with ")
    assert lines[2].endswith(f": {len(json.loads(out)['findings'])} findings")


def test_exit_zero_passes_findings_but_not_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLE), *AS_OF, "--exit-zero")
    assert code == 0
    assert "FAILED (fail on error)" in out  # the report still gives its verdict
    (tmp_path / "people.toml").write_text('[[person]]\nid = "BF1"\n', encoding="utf-8")
    assert run(capsys, "check", str(tmp_path), *AS_OF, "--exit-zero")[0] == 2


def test_statistics_count_each_rules_findings(capsys: pytest.CaptureFixture[str]) -> None:
    full = mc.check(mc.load(EXAMPLE), as_of="2021-03-31")
    code, out, _ = run(capsys, "check", str(EXAMPLE), *AS_OF, "--statistics", "--format", "json")
    assert code == (0 if full.ok else 1)
    rows = json.loads(out)
    assert {row["code"]: row["count"] for row in rows if row["count"]} == full.counts_by_rule()
    waived = {row["code"]: row["waived"] for row in rows if row["waived"]}
    assert waived == {"CERT001": len(full.waived)}
    assert [row["code"] for row in rows] == sorted(row["code"] for row in rows)
    _, text, _ = run(capsys, "check", str(EXAMPLE), *AS_OF, "--statistics")
    lines = text.splitlines()
    assert len(lines) == len(rows)
    assert lines[0].split()[:4] == ["1", "CERT001", "error", "certificate-expired"]
    assert lines[0].endswith("(1 waived)")


def test_statistics_refuse_a_format_they_cannot_write(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(EXAMPLE), *AS_OF, "--statistics", "--format", "sarif")
    assert (code, out) == (2, "")
    assert "--statistics writes text or json, not sarif" in err


def test_bad_config_and_bad_data_are_reported_together(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "people.toml").write_text('[[person]]\nid = "BF1"\n', encoding="utf-8")
    (tmp_path / "maritime-crew.toml").write_text('select = ["CERTT"]\n', encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path), *AS_OF)
    assert code == 2
    assert out == ""
    assert "CERTT" in err
    assert "person[BF1]" in err
    assert "name" in err


class _Terminal(io.StringIO):
    """Standard output that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_shows_on_a_terminal_only_and_not_with_quiet(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], quiet: bool
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    main(["check", str(EXAMPLE), *AS_OF, "--format", "json", *(["-q"] if quiet else [])])
    shown = terminal.getvalue()
    if quiet:
        assert shown == ""
    else:
        steps = [step for step in shown.split("\r\x1b[K") if step]
        people = len(mc.load(EXAMPLE).people)
        assert steps[0] == "loading the dataset…"
        assert steps[1].startswith(f"checking {people} people with ")
        assert shown.endswith("\r\x1b[K")  # the line is taken away at the end
    assert json.loads(capsys.readouterr().out)["findings"]  # the report is untouched
    monkeypatch.undo()
    main(["check", str(EXAMPLE), *AS_OF, "--format", "json"])
    assert capsys.readouterr().err == ""  # not a terminal: no progress


@pytest.mark.parametrize(
    ("no_color", "output", "coloured"),
    [
        (None, False, True),
        ("1", False, False),
        ("", False, True),  # no-color.org: only a non-empty NO_COLOR turns colour off
        (None, True, False),  # a file never gets colour codes
    ],
)
def test_colour_only_on_a_terminal_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    no_color: str | None,
    output: bool,
    coloured: bool,
) -> None:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    target = tmp_path / "report.txt"
    extra = ["--output", str(target)] if output else []
    assert main(["check", str(EXAMPLE), *AS_OF, *extra]) == 1
    text = target.read_text(encoding="utf-8") if output else terminal.getvalue()
    assert "FAILED" in text
    assert ("\x1b[" in text) is coloured


def test_without_as_of_the_check_runs_as_of_today_in_london(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # 23:30 UTC on 31 March 2021 is 00:30 on 1 April in London (BST).
    clock = pendulum.datetime(2021, 3, 31, 23, 30, tz="UTC")
    monkeypatch.setattr(pendulum, "now", lambda tz=None: clock.in_timezone(tz or "UTC"))
    code, out, _ = run(capsys, "check", str(EXAMPLE), "--format", "json")
    assert code == 1
    assert json.loads(out)["as_of"] == "2021-04-01"


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (datetime.datetime(2021, 3, 31, 23, 30, tzinfo=datetime.timezone.utc), "2021-04-01"),
        (datetime.datetime(2021, 1, 31, 23, 30, tzinfo=datetime.timezone.utc), "2021-01-31"),
        (datetime.datetime(2021, 10, 31, 0, 30, tzinfo=datetime.timezone.utc), "2021-10-31"),
    ],
)
def test_today_is_the_date_in_london(moment: datetime.datetime, day: str) -> None:
    assert today_in_london(moment).isoformat() == day
