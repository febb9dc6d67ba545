"""The example scripts in examples/ run as they are, from any directory, and agree with the API.

Each script runs in a subprocess from a temporary working directory, with no arguments
(so on the bundled example fleet as of its reference date) or with options, and what it
prints is compared with what the library itself says about the same data.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

import pendulum
import pytest

import maritime_crew as mc
from maritime_crew.rules import default_registry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FLEET = EXAMPLES / "fleet"
AS_OF = pendulum.Date(2021, 3, 31)
SCRIPTS = ("compliance_check.py", "custom_rule.py", "promotion_board.py", "kit_audit.py")
MAX_LINES = 60
BROKEN = '[[vessel]]\nid = "x"\nname = "X"\ntype = "frigate"\nhome_prot = "Dover"\n'
CLEAN = '[[vessel]]\nid = "searcher"\nname = "HMC Searcher"\ntype = "cutter"\n'

Key = tuple[str, str]
Run = subprocess.CompletedProcess[str]
RUNS: dict[Key, tuple[str, ...]] = {
    **{(script, "default"): () for script in SCRIPTS},
    **{(script, "missing"): ("no-such-dataset",) for script in SCRIPTS},
    **{(script, "broken"): ("broken",) for script in SCRIPTS},
    **{(script, "bad-date"): ("--as-of", "31/03/2021") for script in SCRIPTS},
    ("compliance_check.py", "sarif"): ("--sarif", "out.sarif"),
    ("compliance_check.py", "clean"): ("clean.toml",),
    ("custom_rule.py", "within-30"): ("--within-days", "30"),
    ("promotion_board.py", "details"): ("--within", "0", "--details"),
    ("kit_audit.py", "all"): ("--all",),
}
"""Every run of a script the tests look at, by script and case; relative paths are in
the working directory, which is a temporary one."""


def run(script: str, *args: str, cwd: Path) -> Run:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        capture_output=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def section(text: str, start: str, end: str | None) -> str:
    """The lines from the one starting with ``start`` up to the one starting with ``end``."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = next(
        (i for i, line in enumerate(lines) if end and i > first and line.startswith(end)),
        len(lines),
    )
    return "\n".join(lines[first:last])


def ids_in(text: str, fleet: mc.model.Fleet) -> set[str]:
    return {p.id for p in fleet.people if re.search(rf"(?<![\w-]){re.escape(p.id)}(?![\w-])", text)}


@pytest.fixture(scope="module")
def fleet() -> mc.model.Fleet:
    return mc.load(FLEET)


@pytest.fixture(scope="module")
def report(fleet: mc.model.Fleet) -> mc.rules.Report:
    return mc.check(fleet, AS_OF, mc.rules.Config.discover(FLEET))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("elsewhere")
    (path / "broken").mkdir()
    (path / "broken" / "vessels.toml").write_text(BROKEN, encoding="utf-8")
    (path / "clean.toml").write_text(CLEAN, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def runs(workdir: Path) -> dict[Key, Run]:
    """Every run in :data:`RUNS`, side by side to keep the whole file quick."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        started = {key: pool.submit(run, key[0], *args, cwd=workdir) for key, args in RUNS.items()}
        return {key: future.result() for key, future in started.items()}


@pytest.fixture(scope="module")
def custom_rule_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "custom_rule_example", EXAMPLES / "custom_rule.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(EXAMPLES))  # as when the script runs: its helper module beside it
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(EXAMPLES))
    return module


# -- every script --------------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS)
def test_runs_from_anywhere_with_short_output(script: str, runs: dict[Key, Run]) -> None:
    result = runs[script, "default"]
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert f"as of {AS_OF}" in "\n".join(lines[:3])  # the reference date, never today
    assert 0 < len(lines) <= MAX_LINES


@pytest.mark.parametrize("script", SCRIPTS)
def test_missing_path_exits_2_with_a_message(script: str, runs: dict[Key, Run]) -> None:
    result = runs[script, "missing"]
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert "cannot load no-such-dataset" in result.stderr
    assert "no such file or directory" in result.stderr


@pytest.mark.parametrize("script", SCRIPTS)
def test_broken_dataset_exits_2_listing_every_problem(
    script: str, runs: dict[Key, Run], workdir: Path
) -> None:
    with pytest.raises(mc.DataError) as raised:
        mc.load(workdir / "broken")
    result = runs[script, "broken"]
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for problem in raised.value.problems:
        assert problem.message in result.stderr


@pytest.mark.parametrize("script", SCRIPTS)
def test_bad_date_is_a_usage_error(script: str, runs: dict[Key, Run]) -> None:
    result = runs[script, "bad-date"]
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "YYYY-MM-DD" in result.stderr


# -- compliance_check ----------------------------------------------------------------


def test_compliance_check_fails_and_names_every_error(
    runs: dict[Key, Run], report: mc.rules.Report
) -> None:
    compliance = runs["compliance_check.py", "default"]
    assert not report.ok
    assert compliance.returncode == 1, compliance.stderr
    out = compliance.stdout
    counts = report.counts_by_severity()
    assert f"{counts['error']} errors, {counts['warning']} warnings" in out.splitlines()[0]
    rules = {rule.code: rule for rule in report.rules}
    actions = section(out, "Actions", "Waived")
    errors = [f for f in report.active if f.severity is mc.rules.Severity.ERROR]
    assert errors
    for finding in errors:
        assert finding.subject.id in actions
        assert finding.message in actions
        assert rules[finding.code].fix in actions
    assert actions.count("\n    - ") == len(errors)


def test_compliance_check_honours_waivers(runs: dict[Key, Run], report: mc.rules.Report) -> None:
    compliance = runs["compliance_check.py", "default"]
    assert report.waived
    waived = section(compliance.stdout, "Waived", "Warnings")
    for finding in report.waived:
        assert f"{finding.subject.id}, waived by {finding.waived_by}" in waived
        assert finding.message not in section(compliance.stdout, "Actions", "Waived")


def test_compliance_check_summarises_per_vessel(
    runs: dict[Key, Run], fleet: mc.model.Fleet, report: mc.rules.Report
) -> None:
    compliance = runs["compliance_check.py", "default"]
    for vessel in fleet.vessels:
        row = next(
            line for line in compliance.stdout.splitlines() if line.startswith(f"  {vessel.name} ")
        )
        mine = [f for f in report.findings if f.vessel == vessel.id]
        expected = [
            sum(1 for f in mine if not f.waived and f.severity is level)
            for level in (
                mc.rules.Severity.ERROR,
                mc.rules.Severity.WARNING,
                mc.rules.Severity.INFO,
            )
        ] + [sum(1 for f in mine if f.waived)]
        assert [int(n) for n in row.split()[-4:]] == expected


def test_compliance_check_writes_sarif_with_every_finding(
    runs: dict[Key, Run], report: mc.rules.Report, workdir: Path
) -> None:
    compliance = runs["compliance_check.py", "sarif"]
    assert compliance.returncode == 1
    sarif = json.loads((workdir / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert len(results) == len(report.findings)
    assert Counter(r["ruleId"] for r in results) == Counter(f.code for f in report.findings)
    assert sum(1 for r in results if r.get("suppressions")) == len(report.waived)


def test_compliance_check_passes_on_a_clean_dataset(runs: dict[Key, Run], workdir: Path) -> None:
    assert mc.check(mc.load(workdir / "clean.toml"), AS_OF).ok
    result = runs["compliance_check.py", "clean"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASSED" in result.stdout


# -- custom_rule ---------------------------------------------------------------------


def plan_findings(
    module: ModuleType, fleet: mc.model.Fleet, config: mc.rules.Config | None = None
) -> list[mc.rules.Finding]:
    report = mc.check(fleet, AS_OF, config, registry=module.REGISTRY)
    assert any(rule.code == "CERT001" for rule in report.rules)  # with the built-in rules
    return [f for f in report.findings if f.code == module.CODE]


def test_custom_rule_prints_what_the_registered_rule_finds(
    custom_rule_module: ModuleType, fleet: mc.model.Fleet, runs: dict[Key, Run]
) -> None:
    findings = plan_findings(custom_rule_module, fleet)
    assert findings  # the example fleet has such a case
    result = runs["custom_rule.py", "default"]
    assert result.returncode == 0, result.stderr
    listed = [line for line in result.stdout.splitlines() if line.startswith("  - ")]
    assert len(listed) == len(findings)
    for line, finding in zip(listed, findings, strict=True):
        assert f"{finding.subject.kind} {finding.subject.id}" in line
        assert line.endswith(finding.message)
    # The script keeps its rule out of the default registry.
    assert default_registry().get(custom_rule_module.CODE) is None


def test_custom_rule_agrees_with_an_independent_reading(
    custom_rule_module: ModuleType, fleet: mc.model.Fleet
) -> None:
    """People whose required certificate or course is no longer valid on a deployed day."""
    expected = set()
    for item in mc.forecast.forecast(fleet, AS_OF, 90).items:
        if item.kind.value not in ("certificate-expiry", "training-expiry"):
            continue
        if not item.details.get("required") or item.person is None:
            continue
        lapsed = item.date.add(days=1)
        if any(
            d.start <= lapsed and (d.end is None or lapsed <= d.end)
            for d in fleet.deployments_of(item.person)
        ):
            expected.add(item.person)
    found = {f.subject.id for f in plan_findings(custom_rule_module, fleet)}
    assert found == expected


def test_custom_rule_parameter_changes_the_findings(
    custom_rule_module: ModuleType, fleet: mc.model.Fleet, runs: dict[Key, Run]
) -> None:
    config = mc.rules.Config(parameters={custom_rule_module.CODE: {"within-days": 30}})
    findings = plan_findings(custom_rule_module, fleet, config)
    assert len(findings) < len(plan_findings(custom_rule_module, fleet))
    result = runs["custom_rule.py", "within-30"]
    assert result.returncode == 0, result.stderr
    assert "within-days = 30" in result.stdout
    assert f", {len(findings)} from {custom_rule_module.CODE}." in result.stdout


# -- promotion_board -----------------------------------------------------------------


def board(
    fleet: mc.model.Fleet, within: int
) -> tuple[dict[str, mc.pathways.NextSteps], dict[str, mc.pathways.NextSteps]]:
    eligible, close = {}, {}
    for person in fleet.people:
        if not person.in_service_on(AS_OF) or person.grade is None:
            continue
        steps = mc.pathways.next_steps(fleet, person, AS_OF)
        if steps.eligible:
            eligible[person.id] = steps
        elif steps.earliest is not None and steps.earliest <= AS_OF.add(days=within):
            close[person.id] = steps
    return eligible, close


def test_promotion_board_lists_exactly_the_eligible_and_the_close(
    fleet: mc.model.Fleet, runs: dict[Key, Run]
) -> None:
    eligible, close = board(fleet, 90)
    assert eligible
    assert close
    result = runs["promotion_board.py", "default"]
    assert result.returncode == 0, result.stderr
    now = section(result.stdout, "Eligible now", "Close")
    soon = section(result.stdout, "Close", "Not yet")
    assert ids_in(now, fleet) == set(eligible)
    assert ids_in(soon, fleet) == set(close)
    for person_id, steps in eligible.items():
        row = next(line for line in now.splitlines() if person_id in line)
        assert steps.eligibility is not None
        for requirement in steps.eligibility.requirements:
            if requirement.required is not None:
                assert f"{requirement.have}/{requirement.required}" in row
            elif requirement.until is not None:
                assert str(requirement.until) in row
    for steps in close.values():
        assert f"{steps.next_grade} on {steps.earliest}" in soon
        assert steps.eligibility is not None
        for requirement in steps.eligibility.unmet:
            assert requirement.detail in soon


def test_promotion_board_details_and_window(fleet: mc.model.Fleet, runs: dict[Key, Run]) -> None:
    eligible, close = board(fleet, 0)
    result = runs["promotion_board.py", "details"]
    assert result.returncode == 0, result.stderr
    assert ids_in(section(result.stdout, "Close", "Not yet"), fleet) == set(close)
    for steps in eligible.values():
        assert steps.eligibility is not None
        for requirement in steps.eligibility.requirements:
            assert requirement.detail in result.stdout


# -- kit_audit -----------------------------------------------------------------------

FINDING_LINE = re.compile(r"^\s+(error|warning|info)\s+([A-Z]+[0-9]{3}) (\S+): (.*)$")
DUE_LINE = re.compile(r"^\s+due\s+(\d{4}-\d\d-\d\d) (\S+): (.*)$")


def test_kit_audit_reports_exactly_the_eqp_findings_and_what_falls_due(
    fleet: mc.model.Fleet, report: mc.rules.Report, runs: dict[Key, Run]
) -> None:
    result = runs["kit_audit.py", "default"]
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    found = [m.groups() for line in lines if (m := FINDING_LINE.match(line))]
    eqp = [f for f in report.findings if f.code.startswith("EQP")]
    assert eqp
    assert Counter((code, subject) for _, code, subject, _ in found) == Counter(
        (f.code, f.subject.id) for f in eqp
    )
    for finding in eqp:
        assert finding.message in result.stdout

    kit = ("service-due", "shelf-life-end", "marked-date")
    due = [i for i in mc.forecast.forecast(fleet, AS_OF, 30).items if i.kind.value in kit]
    listed = [m.groups() for line in lines if (m := DUE_LINE.match(line))]
    assert Counter((date, subject) for date, subject, _ in listed) == Counter(
        (str(i.date), i.subject.id) for i in due
    )

    # Each person listed is shown with every item they hold.
    for line in lines:
        if " holds " in line:
            person_id = line.split()[0]
            for item in fleet.items_held(person_id, AS_OF):
                assert item.id in line


def test_kit_audit_all_lists_everyone_with_kit(fleet: mc.model.Fleet, runs: dict[Key, Run]) -> None:
    result = runs["kit_audit.py", "all"]
    assert result.returncode == 0, result.stderr
    holders = {p.id for p in fleet.people if fleet.items_held(p.id, AS_OF)}
    shown = {line.split()[0] for line in result.stdout.splitlines() if " holds " in line}
    assert holders <= shown
