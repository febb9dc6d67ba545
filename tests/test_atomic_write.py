"""Writing files loses nothing: a write that fails at any step leaves the old file as it was.

Failures are injected at each step of :func:`write_atomically` (part-way through the
write, at the flush to disk, when the permissions are set, at the rename, and on an
interrupt), for ``mc.dump`` and for ``--output`` on the command line.
"""

from __future__ import annotations

import concurrent.futures
import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import maritime_crew as mc
from maritime_crew.cli import main
from maritime_crew.io._dump import write_atomically

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "fleet"
OLD = b"# the old file, exactly\r\n[[vessel]]\nid = 'old'\n"

FLEET = mc.model.Fleet(vessels=(mc.model.Vessel("v1", "HMC Vigilant", mc.model.VesselType.CUTTER),))

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


class _HalfWritten(io.RawIOBase):
    """A file that takes half of what is written to it, then finds the disk full."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def write(self, data: Any) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def fileno(self) -> int:
        return int(self._handle.fileno())

    def close(self) -> None:
        self._handle.close()
        super().close()


def _disk_full_mid_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fdopen

    def fdopen(descriptor: int, *args: Any, **kwargs: Any) -> Any:
        return _HalfWritten(real(descriptor, *args, **kwargs))

    monkeypatch.setattr(os, "fdopen", fdopen)


def _raising(error: BaseException) -> Callable[..., None]:
    def fail(*_: object, **__: object) -> None:
        raise error

    return fail


FAILURES: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "disk full mid-write": _disk_full_mid_write,
    "fsync": lambda mp: mp.setattr(os, "fsync", _raising(OSError(errno.EIO, "I/O error"))),
    "chmod": lambda mp: mp.setattr(os, "chmod", _raising(PermissionError(errno.EPERM, "denied"))),
    "rename": lambda mp: mp.setattr(os, "replace", _raising(OSError(errno.EXDEV, "cross-device"))),
    "interrupt": lambda mp: mp.setattr(os, "fsync", _raising(KeyboardInterrupt())),
}


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    target = tmp_path / "fleet.toml"
    target.write_bytes(OLD)
    target.chmod(0o640)
    return target


def _names(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_dump_leaves_the_old_file_byte_for_byte(
    old_file: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    FAILURES[failure](monkeypatch)
    with pytest.raises((OSError, KeyboardInterrupt)):
        mc.dump(FLEET, old_file)
    monkeypatch.undo()
    assert old_file.read_bytes() == OLD
    assert _names(old_file.parent) == ["fleet.toml"]  # no temporary file left behind


@pytest.mark.parametrize("failure", ["disk full mid-write", "fsync", "rename", "interrupt"])
def test_a_failed_dump_to_a_new_file_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    FAILURES[failure](monkeypatch)
    with pytest.raises((OSError, KeyboardInterrupt)):
        mc.dump(FLEET, tmp_path / "fleet.json")
    monkeypatch.undo()
    assert _names(tmp_path) == []


@pytest.mark.parametrize("failure", ["disk full mid-write", "fsync", "chmod", "rename"])
@pytest.mark.parametrize("command", ["check", "schema"])
def test_a_failed_output_file_keeps_the_old_one_and_says_why(
    old_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    failure: str,
    command: str,
) -> None:
    args = [str(EXAMPLE), "--as-of", "2020-06-01"] if command == "check" else []
    FAILURES[failure](monkeypatch)
    code = main([command, *args, "--output", str(old_file)])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"maritime-crew: cannot write {old_file}: ")
    assert "Traceback" not in err
    assert "internal error" not in err
    assert old_file.read_bytes() == OLD
    assert _names(old_file.parent) == ["fleet.toml"]


def test_output_to_a_missing_directory_is_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-directory" / "report.json"
    code = main(["check", str(EXAMPLE), "--as-of", "2020-06-01", "--output", str(target)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"maritime-crew: cannot write {target}: No such file or directory\n"
    )


@posix_only
def test_a_replaced_file_keeps_its_permissions(old_file: Path) -> None:
    old_file.chmod(0o600)
    mc.dump(FLEET, old_file)
    assert stat.S_IMODE(old_file.stat().st_mode) == 0o600
    assert mc.load(old_file) == FLEET


@pytest.fixture
def umask_027(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Umask 027 for the test; any further umask call (by the library) fails the test."""
    previous = os.umask(0o027)
    monkeypatch.setattr(os, "umask", _raising(AssertionError("the umask was changed")))
    yield
    monkeypatch.undo()
    os.umask(previous)


@posix_only
def test_a_new_file_gets_the_umask_without_the_umask_being_changed(
    tmp_path: Path, umask_027: None
) -> None:
    # Setting the umask to read it would change it, for a moment, for every thread: a
    # file another thread creates then would be world-writable.
    target = tmp_path / "fleet.toml"
    mc.dump(FLEET, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@posix_only
def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "data" / "fleet.toml"
    real.parent.mkdir()
    real.write_bytes(OLD)
    link = tmp_path / "current.toml"
    link.symlink_to(real)
    mc.dump(FLEET, link)
    assert link.is_symlink()
    assert mc.load(real) == FLEET
    assert _names(real.parent) == ["fleet.toml"]


def test_concurrent_writers_leave_one_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    texts = [f"{n}\n" * (5000 + n) for n in range(16)]  # each long enough to interleave
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda text: write_atomically(target, text), texts))
    assert target.read_text(encoding="utf-8") in texts
    assert _names(tmp_path) == ["report.txt"]
