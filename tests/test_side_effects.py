"""No network, no logs, no stray files: loading, checking and reporting touch nothing else.

A Python audit hook (PEP 578) sees every socket and every file opened for writing,
whether by Python code or by C code underneath, so the test does not depend on which
function a network call or a write would go through. Socket use is refused as well as
recorded. Logging is captured at DEBUG from the root logger, and warnings are recorded.
Temporary files would go to a fresh ``TMPDIR``, which must stay empty.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import maritime_crew as mc
from maritime_crew import report, synth
from maritime_crew.cli import main

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "fleet"
AS_OF = "2021-03-31"
FORMATS = ("text", "json", "junit", "markdown", "sarif", "github")

_EVENTS: list[tuple[str, str]] | None = None
"""What the audit hook saw while recording; ``None`` when not recording."""

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_CHANGES = {"os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.symlink"}
_CHANGES |= {"os.link", "os.truncate", "os.chmod", "shutil.copyfile", "shutil.move"}


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _EVENTS is None:
        return
    if event.startswith("socket."):
        _EVENTS.append((event, repr(args)[:200]))
        raise OSError(f"network use during a check: {event}")
    if event == "open":
        path, mode, flags = args
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if writes:
            _EVENTS.append((event, os.fsdecode(path) if isinstance(path, (str, bytes)) else "fd"))
    elif event in _CHANGES or event.startswith("tempfile."):
        _EVENTS.append((event, repr(args)[:200]))


sys.addaudithook(_audit)  # hooks cannot be removed: this one does nothing unless recording


def _compiled(event: tuple[str, str]) -> bool:
    """Python's own bytecode cache, written when a module is first imported."""
    return "__pycache__" in event[1] or event[1].endswith(".pyc")


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """Record sockets and writes; temporary files go to an empty TMPDIR; cwd is empty."""
    global _EVENTS
    fresh_tmp = tmp_path / "tmp"
    fresh_tmp.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("TMPDIR", str(fresh_tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # so tempfile reads TMPDIR afresh
    monkeypatch.chdir(work)
    events: list[tuple[str, str]] = []
    _EVENTS = events
    try:
        yield events
    finally:
        _EVENTS = None
    assert list(fresh_tmp.iterdir()) == []


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("side-effects") / "fleet"
    synth.write(root, 20, seed=4)
    return root


def _names(fleet: mc.model.Fleet) -> set[str]:
    return {p.name for p in fleet.people} | {p.name.split()[-1] for p in fleet.people}


def test_the_audit_hook_sees_what_it_must(watched: list[tuple[str, str]]) -> None:
    # The test below can only pass for the right reason if these are seen.
    with pytest.raises(OSError, match="network use"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(OSError, match="network use"):
        socket.create_connection(("192.0.2.1", 9))  # TEST-NET-1: never routed
    Path("written.txt").write_text("x", encoding="utf-8")
    assert [event for event, _ in watched[:2]] == ["socket.__new__", "socket.getaddrinfo"]
    assert watched[2:] == [("open", "written.txt")]


@pytest.mark.parametrize("source", ["example", "synthetic"])
def test_load_check_and_render_use_no_network_no_logs_and_no_files(
    watched: list[tuple[str, str]],
    caplog: pytest.LogCaptureFixture,
    synthetic: Path,
    source: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        fleet = mc.load(EXAMPLE if source == "example" else synthetic)
        result = mc.check(fleet, as_of=AS_OF)
        texts = [
            report.render(result, fleet, fmt, redact=redact, tool_version="0")
            for fmt in FORMATS
            for redact in (False, True)
        ]
    assert [e for e in watched if not _compiled(e)] == []
    assert result.findings  # a real check ran, with findings to report
    assert any(name in text for text in texts for name in _names(fleet))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert [name for name in _names(fleet) if name in logged] == []
    assert [str(w.message) for w in warned] == []
    assert not [n for n in logging.Logger.manager.loggerDict if n.startswith("maritime_crew")]


def test_the_command_line_writes_only_the_output_it_was_asked_for(
    watched: list[tuple[str, str]],
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    synthetic: Path,
) -> None:
    caplog.set_level(logging.DEBUG)
    fleet = mc.load(synthetic)
    person = fleet.people[0].id
    path = str(synthetic)
    assert main(["check", path, "--as-of", AS_OF, "--format", "json", "--output", "r.json"]) == 1
    for command in (["due", path], ["skills", path], ["tna", path], ["pathway", path, person]):
        assert main([*command, "--as-of", AS_OF]) == 0
    capsys.readouterr()
    writes = [e for e in watched if not _compiled(e)]
    # One temporary file beside the output, written through its descriptor, given the
    # mode of a new report through that descriptor, renamed over it.
    assert [event for event, _ in writes] == ["open", "open", "os.chmod", "os.rename"]
    temporary = writes[0][1]
    assert Path(temporary).parent == Path.cwd()
    assert Path(temporary).name.startswith(".r.json.")
    assert writes[1] == ("open", "fd")
    assert writes[2][1].split(", ")[1] == str(0o644)  # os.fchmod(descriptor, 0o644)
    assert writes[3][1].startswith(repr((temporary, str(Path.cwd() / "r.json")))[:-1])
    assert sorted(os.listdir()) == ["r.json"]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert [name for name in _names(fleet) if name in logged] == []
