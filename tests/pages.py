"""Run a documentation page as a reader would: write its files, run its commands and code.

A page is read top to bottom:

- a block right after a paragraph that ends "as `PATH`:" (as in "Save this as
  `my-fleet/vessels.toml`:") is a file the reader writes: it is written to ``PATH``
  (replacing what was there). The block is plain fenced code, so that it reads and copies
  as the file on GitHub too, and the file's name is in the prose for the reader;
- a ```` ```console```` block holds ``$ COMMAND`` lines, each followed by the output it
  prints; every command is run in a shell and its output compared. A line ``...`` in the
  output stands for one or more lines; ``echo $?`` prints the exit code of the command
  before it;
- a ```` ```pycon```` block is a doctest; all of a page's doctests share one namespace.

Everything runs in one working directory, so later steps see earlier files. The rule
count in a check's summary line (``from 55 rules``) counts every rule registered,
installed plugins among them, which the page cannot know about: unless the command
selects rules, it is not compared, so that adding a rule does not mean editing every
page that shows a check.
"""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
_BLOCK = re.compile(r"^```(\{code-block\} )?([\w-]*)\n(.*?)^```$", re.M | re.S)
_OPTION = re.compile(r":([\w-]+):(?: (.*))?")
_SAVE_AS = re.compile(r"\bas\s+`([^`\s]+)`:\n\n\Z")
"""The end of the paragraph before a block that is a file: "Save this as `PATH`:"."""


@attrs.frozen
class Block:
    """A fenced block of a page: its language, options, text, line, and the file it is."""

    language: str
    options: dict[str, str]
    text: str
    line: int
    file: str | None = None


def _file_named_before(source: str, start: int) -> str | None:
    """The ``PATH`` of "as `PATH`:" that ends the paragraph right before a block, if any."""
    found = _SAVE_AS.search(source, 0, start)
    if found is None:
        return None
    path = found.group(1)
    if path.startswith("/") or ".." in Path(path).parts:
        raise ValueError(f"a page writes files inside its working directory, not {path!r}")
    return path


def blocks(page: Path) -> Iterator[Block]:
    """The fenced blocks of a Markdown page, in order."""
    source = page.read_text(encoding="utf-8")
    for match in _BLOCK.finditer(source):
        body = match.group(3)
        options: dict[str, str] = {}
        if match.group(1):
            lines = body.split("\n")
            while lines and (option := _OPTION.fullmatch(lines[0])):
                options[option.group(1)] = option.group(2) or ""
                lines.pop(0)
            if lines and not lines[0]:
                lines.pop(0)
            body = "\n".join(lines)
        yield Block(
            match.group(2),
            options,
            body,
            source.count("\n", 0, match.start()) + 1,
            _file_named_before(source, match.start()),
        )


_RULE_COUNT = re.compile(r"from \d+ rules as of")


def _uncounted(printed: str, expected: str, command: str) -> tuple[str, str]:
    """The output and what is expected of it, without the rule count unless rules are selected."""
    if "--select" in command:
        return printed, expected
    return _RULE_COUNT.sub("from N rules as of", printed), _RULE_COUNT.sub(
        "from N rules as of", expected
    )


def _commands(text: str) -> Iterator[tuple[str, str]]:
    command: str | None = None
    output: list[str] = []
    for line in text.split("\n"):
        if line.startswith("$ "):
            if command is not None:
                yield command, "\n".join(output)
            command, output = line[2:], []
        elif command is not None:
            output.append(line)
    if command is not None:
        yield command, "\n".join(output)


def _matches(printed: str, expected: str) -> bool:
    lines = expected.rstrip("\n").split("\n")
    pattern = "\n".join(".*?" if line == "..." else re.escape(line) for line in lines)
    return re.fullmatch(pattern, printed, re.S) is not None


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    environment["PATH"] = bin_dir + os.pathsep + environment.get("PATH", "")
    environment.pop("NO_COLOR", None)
    environment["COLUMNS"] = "100"
    return environment


def run_page(page: Path, workdir: Path) -> None:
    """Follow every step of ``page`` in ``workdir``; fail with the step's line on a mismatch."""
    namespace: dict[str, object] = {}
    last_exit = 0
    environment = _environment()
    cwd = Path.cwd()
    os.chdir(workdir)
    try:
        for block in blocks(page):
            where = f"{page.name}:{block.line}"
            assert "caption" not in block.options, (
                f"{where}: name the file in the prose (Save this as `PATH`:) and make the block "
                "plain fenced code, so that it copies as the file on GitHub too"
            )
            if block.file is not None:
                target = workdir / block.file
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(block.text, encoding="utf-8")
            elif block.language == "console":
                for command, expected in _commands(block.text):
                    if command == "echo $?":
                        assert str(last_exit) == expected.strip(), f"{where}: exit code"
                        continue
                    done = subprocess.run(
                        command,
                        shell=True,
                        cwd=workdir,
                        env=environment,
                        capture_output=True,
                        text=True,
                        check=False,
                    )
                    last_exit = done.returncode
                    assert "Traceback" not in done.stderr, f"{where}: {command}\n{done.stderr}"
                    printed = (done.stdout + done.stderr).rstrip("\n")
                    shown, wanted = _uncounted(printed, expected, command)
                    assert _matches(shown, wanted), f"{where}: {command}\n{printed}"
            elif block.language == "pycon":
                test = doctest.DocTestParser().get_doctest(
                    block.text, namespace, where, str(page), block.line
                )
                runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
                result = runner.run(test, clear_globs=False)
                namespace.update(test.globs)  # the test ran on a copy
                assert result.failed == 0, f"{where}: doctest failed (see output above)"
    finally:
        os.chdir(cwd)
