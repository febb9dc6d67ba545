"""The example notebooks as stored: how they find the fleet, their outputs, their extra.

Running them is ``tox -e examples`` (``tools/check_notebooks.py``), which needs pandas and
matplotlib; these tests read the files only, so they run everywhere the suite does.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "examples" / "notebooks").glob("*.ipynb"))
FLEET = ROOT / "examples" / "fleet"
FINDER = "find-example-fleet"  # the id of the cell that finds the fleet, in every notebook
MAX_BYTES = 512 * 1024  # of a notebook with its outputs: PNGs at a modest DPI


def cells(path: Path) -> list[dict[str, Any]]:
    cells: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        cell["source"] = "".join(cell["source"])
    return cells


def code_cells(path: Path) -> list[dict[str, Any]]:
    return [cell for cell in cells(path) if cell["cell_type"] == "code"]


def finder_source() -> str:
    return str(code_cells(NOTEBOOKS[0])[0]["source"])


def test_there_are_the_three_notebooks() -> None:
    assert [path.name for path in NOTEBOOKS] == [
        "career_pathways.ipynb",
        "fleet_readiness.ipynb",
        "sops_and_debriefs.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_each_notebook_finds_the_fleet_with_the_same_first_code_cell(path: Path) -> None:
    first, *rest = code_cells(path)
    assert first["id"] == FINDER
    assert first["source"] == finder_source()
    assert "mc.load(FLEET)" in rest[0]["source"]
    assert not [cell["id"] for cell in rest if "../fleet" in cell["source"]]


@pytest.mark.parametrize("start", ["", "examples", "examples/notebooks", "examples/fleet"])
def test_the_fleet_is_found_from(start: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MC_EXAMPLE_FLEET", raising=False)
    monkeypatch.chdir(ROOT / start)
    namespace: dict[str, Any] = {}
    exec(finder_source(), namespace)
    assert namespace["FLEET"].resolve() == FLEET


def test_mc_example_fleet_says_where_the_fleet_is(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MC_EXAMPLE_FLEET", str(tmp_path / "my-fleet"))
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {}
    exec(finder_source(), namespace)
    assert namespace["FLEET"] == tmp_path / "my-fleet"


def test_outside_a_clone_it_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("MC_EXAMPLE_FLEET", raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"examples/fleet is not in .*MC_EXAMPLE_FLEET"):
        exec(finder_source(), {})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_each_notebook_is_stored_with_the_outputs_of_one_run_from_the_top(path: Path) -> None:
    # Whether the outputs are current is tools/check_notebooks.py's job (tox -e examples).
    code = code_cells(path)
    assert [cell["execution_count"] for cell in code] == list(range(1, len(code) + 1))
    assert [cell["id"] for cell in code if not cell["outputs"]] == [FINDER]
    for cell in code:
        kinds = {output["output_type"] for output in cell["outputs"]}
        assert "error" not in kinds, cell["id"]
        streams = {output["name"] for output in cell["outputs"] if "name" in output}
        assert "stderr" not in streams, f"{cell['id']}: warnings in the stored outputs"
        images = [output for output in cell["outputs"] if "image/png" in output.get("data", {})]
        assert len(images) == cell["source"].count("plt.show()"), cell["id"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_stored_outputs_hold_no_paths_addresses_or_timings(path: Path) -> None:
    assert path.stat().st_size < MAX_BYTES
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["language_info"] == {"name": "python"}
    texts = []
    for cell in notebook["cells"]:
        assert "execution" not in cell["metadata"], cell["id"]  # nbclient's timings
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            for mime, data in output.get("data", {}).items():
                if not mime.startswith("image/"):
                    texts.append(data if isinstance(data, str) else "".join(data))
    text = "\n".join(texts)
    assert not re.search(r"\b0x[0-9a-f]{6,}", text), "a memory address in the outputs"
    assert str(ROOT) not in text
    assert not re.search(r"(/home/|/root/|/tmp/|[A-Z]:\\\\)", text), "a local path in the outputs"


def test_the_library_never_imports_what_the_notebooks_use() -> None:
    # Importing every module and checking the example fleet asks for none of them, whether
    # they are installed here or not.
    code = f"""
import importlib, pkgutil, sys
BLOCKED = {{"pandas", "numpy", "matplotlib", "IPython", "ipykernel", "jupyterlab",
           "jupyter_core", "jupyter_client", "nbformat", "nbclient"}}
asked = set()
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            asked.add(name)
            raise ModuleNotFoundError(name)
sys.meta_path.insert(0, Block())
import maritime_crew as mc
for module in pkgutil.walk_packages(mc.__path__, "maritime_crew."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
mc.check(mc.load({str(FLEET)!r}), as_of="2021-03-31")
print(sorted(asked))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_notebooks_extra_runs_jupyter_and_the_pins_to_check_them_are_within_it() -> None:
    pyproject = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extra = {
        requirement.name: requirement
        for requirement in map(
            Requirement, pyproject["project"]["optional-dependencies"]["notebooks"]
        )
    }
    assert {"pandas", "matplotlib", "jupyterlab", "ipykernel"} <= set(extra)
    pinned = 0
    for text in pyproject["dependency-groups"]["notebooks-run"]:
        requirement = Requirement(text)
        for pin in (spec for spec in requirement.specifier if spec.operator == "=="):
            pinned += 1
            if requirement.name in extra:
                assert extra[requirement.name].specifier.contains(pin.version), text
    assert pinned >= 2  # pandas and matplotlib make the outputs that are compared
