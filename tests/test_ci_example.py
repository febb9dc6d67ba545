"""The embedding guide's GitHub Actions job, run as written from a wheel of this package.

The job's step is taken from the page, not copied here: the ``pip install`` line installs
a wheel built from this checkout, and the ``maritime-crew check`` command runs in a
checkout that holds the example fleet as ``fleet``, with ``GITHUB_WORKSPACE`` and
``GITHUB_STEP_SUMMARY`` set as Actions sets them. The one thing added is ``--as-of``, so
that the result does not depend on the day the test runs.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pages import ROOT

PAGE = ROOT / "docs" / "embedding.md"
EXAMPLE = ROOT / "examples" / "fleet"
SARIF_SCHEMA = Path(
    os.environ.get("MC_SARIF_SCHEMA")
    or ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
)


def workflow() -> str:
    text = PAGE.read_text("utf-8")
    found = re.search(r"```yaml\n(# \.github/workflows/.*?)```", text, re.DOTALL)
    assert found is not None, "the GitHub Actions example is missing"
    return found.group(1)


def step(name: str) -> str:
    """The command of a ``run: >`` step (YAML folds its lines into one)."""
    lines = workflow().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- name: {name}")
    assert lines[start + 1].strip() == "run: >"
    indent = len(lines[start + 2]) - len(lines[start + 2].lstrip())
    folded = []
    for line in lines[start + 2 :]:
        if len(line) - len(line.lstrip()) < indent or not line.strip():
            break
        folded.append(line.strip())
    return " ".join(folded)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package installed from a wheel built from this checkout (its ``bin`` folder)."""
    install = next(line for line in workflow().splitlines() if "pip install" in line)
    assert install.strip() == "- run: pip install tools/maritime_crew-*.whl"
    tools = tmp_path_factory.mktemp("tools")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tools), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tools.glob("maritime_crew-*.whl")
    target = tmp_path_factory.mktemp("site")
    # The wheel alone, beside the dependencies this interpreter already has.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    return target


def run_step(installed: Path, checkout: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    summary = checkout / "summary.md"
    env = {
        **os.environ,
        "PYTHONPATH": str(installed),
        "GITHUB_WORKSPACE": str(checkout),
        "GITHUB_STEP_SUMMARY": str(summary),
        "PATH": str(installed / "bin") + os.pathsep + os.environ.get("PATH", ""),
    }
    command = shlex.split(step("check the crew data").replace("$GITHUB_STEP_SUMMARY", str(summary)))
    assert command[:2] == ["maritime-crew", "check"]
    program = str(installed / "bin" / "maritime-crew")
    return subprocess.run(
        [program, *command[1:], *extra],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "fleet")
    return tmp_path


def test_the_job_annotates_uploads_and_summarises_from_one_check(
    installed: Path, checkout: Path
) -> None:
    done = run_step(installed, checkout, "--as-of", "2021-03-31")
    assert done.returncode == 1, done.stderr  # the example has findings: the step fails
    assert "Traceback" not in done.stderr
    # The wheel's own code ran, not this checkout's.
    assert "maritime_crew" in {p.name for p in installed.iterdir()}
    annotations = done.stdout.splitlines()
    assert annotations
    assert all(line.startswith("::") for line in annotations)
    assert "file=fleet/equipment.toml,line=5329" in done.stdout  # resolvable in the checkout
    sarif = json.loads((checkout / "reports" / "crew.sarif").read_text("utf-8"))
    (run,) = sarif["runs"]
    assert run["invocations"][0]["exitCode"] == 1
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == checkout.as_uri() + "/"
    summary = (checkout / "summary.md").read_text("utf-8")
    assert summary.startswith("## ❌ maritime-crew check: FAILED")
    names = [
        line.split('"')[1]
        for line in (EXAMPLE / "people" / "alert-a.toml").read_text("utf-8").splitlines()
        if line.startswith("name = ")
    ]
    kept = done.stdout + json.dumps(sarif, ensure_ascii=False) + summary
    assert names
    assert not [name for name in names if name in kept]  # --redact: no one is named
    if SARIF_SCHEMA.is_file():
        from jsonschema import Draft4Validator

        schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
        Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER).validate(sarif)


def test_unreadable_data_exits_2_and_leaves_nothing_to_upload(
    installed: Path, checkout: Path
) -> None:
    (checkout / "fleet" / "vessels.toml").write_text("[[vessel]\n", "utf-8")
    done = run_step(installed, checkout, "--as-of", "2021-03-31")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "invalid TOML" in done.stderr
    assert not (checkout / "reports").exists()  # hashFiles('reports/crew.sarif') == ''
    assert not (checkout / "summary.md").exists()


def test_exit_zero_reports_without_failing_but_never_hides_bad_data(
    installed: Path, checkout: Path
) -> None:
    done = run_step(installed, checkout, "--as-of", "2021-03-31", "--exit-zero")
    assert done.returncode == 0
    assert (checkout / "reports" / "crew.sarif").is_file()
    (checkout / "fleet" / "vessels.toml").write_text("[[vessel]\n", "utf-8")
    assert run_step(installed, checkout, "--as-of", "2021-03-31", "--exit-zero").returncode == 2
