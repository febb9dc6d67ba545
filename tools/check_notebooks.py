"""Run the example notebooks and check that the outputs stored in them are current.

The notebooks in ``examples/notebooks/`` are committed with their outputs, so that their
tables and plots show on GitHub. This runs each one again in a fresh kernel, on a copy in
memory and from the notebook's own directory (as Jupyter and nbmake do), and compares what
it outputs with what is stored:

- text (``text/plain``, ``text/html``, ``text/markdown``, any output type that is not an
  image) and streams (``stdout``, ``stderr``) must be equal exactly;
- an image must still be there with the same type, at the same place (the same output of
  the same cell); its bytes are not compared, as PNG bytes differ between matplotlib and
  FreeType builds;
- the execution counts must be 1, 2, 3, ... as after "Restart Kernel and Run All Cells".

For each stale notebook it prints the cell and a short diff, and it exits with 1; a cell
that raises is reported with its error. With ``--update`` it writes the new outputs into
the notebooks instead::

    python tools/check_notebooks.py             # check them all (tox -e examples)
    python tools/check_notebooks.py --update    # refresh the stored outputs
    python tools/check_notebooks.py --update examples/notebooks/career_pathways.ipynb

The files are written as nbformat writes them, without the volatile metadata a kernel
or an editor adds (``language_info`` details, execution timings), so the same outputs
make the same bytes. It needs ``nbclient``, ``nbformat`` and ``ipykernel``, and the
notebooks' own requirements (the ``notebooks-run`` dependency group has them all).
"""

from __future__ import annotations

import argparse
import copy
import difflib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat import NotebookNode

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "examples" / "notebooks"
CELL_TIMEOUT = 600  # seconds; every cell of the example notebooks takes a few at most
MAX_DIFF_LINES = 24  # of each cell's diff
MAX_LINE = 160  # characters of each diff line shown
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Problem:
    """Why a notebook is stale: where, what, and a diff of the outputs if there is one."""

    where: str
    what: str
    diff: tuple[str, ...] = ()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run the example notebooks and check their stored outputs are current."
    )
    parser.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        metavar="NOTEBOOK",
        help="notebooks to run (default: every examples/notebooks/*.ipynb)",
    )
    parser.add_argument(
        "--update", action="store_true", help="write the new outputs into the notebooks"
    )
    args = parser.parse_args(argv)
    paths: list[Path] = args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not paths:
        parser.error(f"no notebooks in {NOTEBOOKS}")
    stale = 0
    with kernel_environment():
        for path in paths:
            stale += not check(path, update=args.update)
    done = "updated or current" if args.update else "current"
    noun = "notebook" if len(paths) == 1 else "notebooks"
    print(f"{len(paths)} {noun} run: {len(paths) - stale} {done}, {stale} failed")
    return 1 if stale else 0


@contextmanager
def kernel_environment() -> Iterator[None]:
    """Environment variables for the kernels: the same outputs on any machine.

    The inline backend, so ``plt.show()`` puts a PNG in the notebook even where
    ``MPLBACKEND`` says ``Agg``; and neither the user's IPython profile nor their
    ``matplotlibrc`` (a default figure size or DPI shows in ``<Figure size ...>``).
    """
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="check-notebooks-") as scratch:
        (Path(scratch) / "matplotlibrc").write_text("", encoding="utf-8")
        os.environ.update(
            MPLBACKEND="module://matplotlib_inline.backend_inline",
            MATPLOTLIBRC=scratch,
            IPYTHONDIR=str(Path(scratch) / "ipython"),
            PYDEVD_DISABLE_FILE_VALIDATION="1",  # the debugger's note on frozen modules
        )
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved)


def check(path: Path, *, update: bool) -> bool:
    """Run one notebook; report (or with ``update`` write) what changed. True if all is well."""
    name = _display(path)
    try:
        stored: NotebookNode = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    except (OSError, ValueError) as error:  # no such file, or not a notebook (not JSON)
        print(f"{name}: FAILED, cannot read it: {error}")
        return False
    started = time.perf_counter()
    try:
        fresh = execute(stored, path.parent)
    except CellError as failure:
        print(f"{name}: FAILED, {failure}")
        print(_describe_error(failure.error))
        return False
    seconds = time.perf_counter() - started
    if update:
        text: str = nbformat.writes(fresh) + "\n"  # type: ignore[no-untyped-call]
        if text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
            print(f"{name}: updated ({seconds:.1f} s)")
        else:
            print(f"{name}: current, unchanged ({seconds:.1f} s)")
        return True
    problems = compare(stored, fresh)
    if not problems:
        print(f"{name}: current ({seconds:.1f} s)")
        return True
    print(f"{name}: STALE, {len(problems)} problem(s)")
    for problem in problems:
        print(f"  {problem.where}: {problem.what}")
        for line in problem.diff:
            print(f"    {_clip(line)}")
    print(f"  refresh it (examples/README.md): tox -e examples -- --update {name}")
    return False


class CellError(Exception):
    """A cell of the notebook raised: which one, and the error with its traceback."""

    def __init__(self, where: str, error: CellExecutionError) -> None:
        super().__init__(f"{where} raised {error.ename}: {error.evalue}")
        self.where = where
        self.error = error


def execute(stored: NotebookNode, directory: Path) -> NotebookNode:
    """A copy of the notebook run top to bottom in a fresh kernel, in canonical form."""
    notebook = copy.deepcopy(stored)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        record_timing=False,
        resources={"metadata": {"path": str(directory)}},  # run it from its own directory
        # Not the kernel's warning that it talks to this process over TCP on localhost.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    try:
        client.execute()
    except CellExecutionError as error:
        failed = [
            _where(number, cell)
            for number, cell in enumerate(notebook.cells, start=1)
            if any(output.output_type == "error" for output in cell.get("outputs", []))
        ]
        raise CellError(failed[0] if failed else "a cell", error) from error
    return canonical(notebook)


def canonical(notebook: NotebookNode) -> NotebookNode:
    """The notebook without volatile metadata, its streams joined (in place)."""
    metadata = notebook.metadata
    if "language_info" in metadata:
        metadata.language_info = {"name": metadata.language_info.get("name", "python")}
    for cell in notebook.cells:
        for key in ("execution", "ExecuteTime"):  # timings: nbclient's, and an extension's
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = _join_streams(cell.outputs)
    return notebook


def _join_streams(outputs: list[NotebookNode]) -> list[NotebookNode]:
    # Consecutive writes to one stream arrive in one output or several, as timing has it.
    joined: list[NotebookNode] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            output.output_type == "stream"
            and previous is not None
            and previous.output_type == "stream"
            and previous.name == output.name
        ):
            previous.text += output.text
        else:
            joined.append(copy.deepcopy(output))
    return joined


def compare(stored: NotebookNode, fresh: NotebookNode) -> list[Problem]:
    """What differs between the stored notebook and a fresh run of it."""
    problems: list[Problem] = []
    clean = canonical(copy.deepcopy(stored))
    if clean.metadata != stored.metadata:
        problems.append(Problem("notebook", "volatile metadata stored (language_info details)"))
    for number, (old, new) in enumerate(zip(clean.cells, fresh.cells, strict=True), start=1):
        where = _where(number, old)
        if old.metadata != stored.cells[number - 1].metadata:
            problems.append(Problem(where, "volatile metadata stored (timings)"))
        if old.cell_type != "code":
            continue
        if old.execution_count != new.execution_count:
            problems.append(
                Problem(
                    where,
                    f"execution count {old.execution_count}, expected {new.execution_count} "
                    "(run all cells in order in a fresh kernel)",
                )
            )
        before, after = describe(old.outputs), describe(new.outputs)
        if before != after:
            diff = list(difflib.unified_diff(before, after, "stored", "now", n=1, lineterm=""))
            if len(diff) > MAX_DIFF_LINES:
                diff = [*diff[:MAX_DIFF_LINES], f"... {len(diff) - MAX_DIFF_LINES} more lines"]
            problems.append(Problem(where, "outputs differ", tuple(diff)))
    return problems


def describe(outputs: list[NotebookNode]) -> list[str]:
    """The outputs of a cell as lines to compare: text in full, images by their type."""
    lines: list[str] = []
    for number, output in enumerate(outputs, start=1):
        kind = output.output_type
        if kind == "stream":
            lines.append(f"[output {number}: {output.name}]")
            lines.extend(output.text.splitlines())
        elif kind == "error":
            lines.append(f"[output {number}: error] {output.ename}: {output.evalue}")
        else:
            for mime, data in sorted(output.data.items()):
                if mime.startswith("image/"):
                    lines.append(f"[output {number}: {kind} {mime}] (an image; bytes not compared)")
                else:
                    lines.append(f"[output {number}: {kind} {mime}]")
                    lines.extend(_text(data).splitlines())
    return lines


def _text(data: Any) -> str:
    # JSON outputs (application/json) are objects; every other type is text.
    return data if isinstance(data, str) else json.dumps(data, indent=1, sort_keys=True)


def _where(number: int, cell: NotebookNode) -> str:
    return f"cell {number} (id {cell.get('id', '?')})"


def _describe_error(error: CellExecutionError) -> str:
    # The end of the traceback (after the cell's source), without terminal colours.
    lines = _ANSI.sub("", str(error)).strip().splitlines()
    shown = lines[-MAX_DIFF_LINES:]
    return "\n".join(
        f"    {_clip(line)}" for line in (["...", *shown] if lines[:-MAX_DIFF_LINES] else shown)
    )


def _clip(line: str) -> str:
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 3] + "..."


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
