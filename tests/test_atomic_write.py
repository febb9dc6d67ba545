"""Writing files loses nothing: a write that fails at any step leaves the old file as it was.

Failures are injected at each step of :func:`write_atomically` (part-way through the
write, at the flush to disk, when the permissions are set, at the rename, and on an
interrupt), for ``mc.dump`` and for ``--output`` on the command line.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime
import errno
import io
import os
import shutil
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


def _fail_chmod(monkeypatch: pytest.MonkeyPatch) -> None:
    denied = _raising(PermissionError(errno.EPERM, "denied"))
    monkeypatch.setattr(os, "chmod", denied)
    if hasattr(os, "fchmod"):
        monkeypatch.setattr(os, "fchmod", denied)


FAILURES: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "disk full mid-write": _disk_full_mid_write,
    "fsync": lambda mp: mp.setattr(os, "fsync", _raising(OSError(errno.EIO, "I/O error"))),
    "chmod": lambda mp: _fail_chmod(mp),
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


def test_output_under_a_file_is_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("kept\n", encoding="utf-8")
    target = tmp_path / "a-file" / "report.json"
    code = main(["check", str(EXAMPLE), "--as-of", "2020-06-01", "--output", str(target)])
    assert code == 2
    assert capsys.readouterr().err.startswith(f"maritime-crew: cannot write {target}: ")
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "kept\n"


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
def test_a_new_file_is_0o644_without_the_umask_being_changed(
    tmp_path: Path, umask_027: None
) -> None:
    # Setting the umask to read it would change it, for a moment, for every thread: a
    # file another thread creates then would be world-writable. The documented mode of
    # a new file is 0o644, whatever the umask, set on the file descriptor.
    target = tmp_path / "fleet.toml"
    mc.dump(FLEET, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


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


# Writing never destroys what is not a report (issue 19, section 4).

STALE = datetime.datetime(2020, 1, 1, 12, 0, tzinfo=datetime.timezone.utc).timestamp()
"""A fixed modification time long before this process started."""

CHECK = ["check", str(EXAMPLE), "--as-of", "2020-06-01"]


def _read_to_end(descriptor: int) -> bytes:
    chunks = []
    while chunk := os.read(descriptor, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _written_to_a_file(tmp_path: Path, args: list[str]) -> tuple[int, bytes]:
    """The exit code of a command with ``--output`` a new regular file, and what it wrote."""
    target = tmp_path / "expected.out"
    code = main([*args, "--output", str(target)])
    written = target.read_bytes()
    target.unlink()
    return code, written


@posix_only
@pytest.mark.parametrize("args", [CHECK, ["schema"]], ids=["check", "schema"])
def test_a_fifo_stays_a_fifo_and_its_reader_gets_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    expected_code, expected = _written_to_a_file(tmp_path, args)
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    # A writer of our own holds the FIFO open, so the reader sees its end only after the
    # command's, and never hangs, whatever the command does to the path.
    holder = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    os.set_blocking(reader, True)
    try:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            received = pool.submit(_read_to_end, reader)
            try:
                code = main([*args, "--output", str(fifo)])
            finally:
                os.close(holder)
            data = received.result(timeout=60)
    finally:
        os.close(reader)
    assert capsys.readouterr().err == ""
    assert code == expected_code
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert data == expected
    assert _names(tmp_path) == ["report.fifo"]


def _character_device(tmp_path: Path) -> Path:
    """A character device like ``/dev/null``, made in ``tmp_path`` where allowed."""
    null = os.stat(os.devnull)
    if stat.S_ISCHR(null.st_mode):
        device = null.st_rdev
    elif sys.platform.startswith("linux"):
        device = os.makedev(1, 3)  # /dev/null on Linux
    else:
        pytest.skip("no character device to write to")
    made = tmp_path / "null"
    try:
        os.mknod(made, stat.S_IFCHR | 0o666, device)
        with open(made, "wb"):
            pass  # a file system mounted nodev refuses to open it
    except (AttributeError, OSError):
        with contextlib.suppress(OSError):
            made.unlink()
        if not stat.S_ISCHR(null.st_mode):
            pytest.skip("cannot make a character device, and /dev/null is not one")
        return Path(os.devnull)
    return made


@posix_only
@pytest.mark.parametrize("writer", ["check --output", "write_atomically"])
def test_a_character_device_stays_a_character_device(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], writer: str
) -> None:
    device = _character_device(tmp_path)
    if writer == "write_atomically":
        write_atomically(device, "a report\n")
    else:
        assert main([*CHECK, "--output", str(device)]) == 1
        assert capsys.readouterr().err == ""
    assert stat.S_ISCHR(os.stat(device).st_mode)
    assert [n for n in _names(tmp_path) if n != "null"] == []


@posix_only
def test_a_descriptor_named_by_dev_fd_is_written_to(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    try:
        write_atomically(Path(f"/dev/fd/{write_end}"), "a report\n")
        os.close(write_end)
        assert _read_to_end(read_end) == b"a report\n"
    finally:
        os.close(read_end)
        with contextlib.suppress(OSError):
            os.close(write_end)


STANDARD_OUTPUT_CASES = {
    "check with findings": ([*CHECK, "--format", "json"], 1),
    "check passed": (["check", "{clean}", "--as-of", "2020-06-01", "--format", "sarif"], 0),
    "schema": (["schema"], 0),
}


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
@pytest.mark.parametrize("case", STANDARD_OUTPUT_CASES)
def test_output_dash_and_dev_stdout_go_to_standard_output(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    case: str,
    target: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # where a file named "-" would appear
    clean = tmp_path / "clean.toml"
    mc.dump(FLEET, clean)
    template, code = STANDARD_OUTPUT_CASES[case]
    args = [arg.replace("{clean}", str(clean)) for arg in template]
    assert _written_to_a_file(tmp_path, args)[0] == code
    expected = _written_to_a_file(tmp_path, args)[1]
    capsys.readouterr()
    assert main([*args, "--output", target]) == code
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.encode("utf-8") == expected
    assert _names(tmp_path) == ["clean.toml"]


def _snapshot(root: Path) -> dict[str, tuple[str, bytes]]:
    """Every entry under ``root``: what it is and, for a file, its bytes."""
    seen: dict[str, tuple[str, bytes]] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_symlink():
            seen[name] = ("link", os.fsencode(os.readlink(path)))
        elif path.is_dir():
            seen[name] = ("directory", b"")
        else:
            seen[name] = ("file", path.read_bytes())
    return seen


def _dataset_and_output(tmp_path: Path, case: str) -> tuple[Path, Path]:
    """A dataset in ``tmp_path`` and an ``--output`` that would change it."""
    fleet = tmp_path / "fleet"
    shutil.copytree(EXAMPLE, fleet)
    single = tmp_path / "single"
    single.mkdir()
    mc.dump(FLEET, single / "fleet.toml")
    (single / "maritime-crew.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    if case == "a file of the dataset directory":
        return fleet, fleet / "vessels.toml"
    if case == "a file in a subdirectory of the dataset":
        return fleet, fleet / "people" / "active-a.toml"
    if case == "a new file in the dataset directory":
        return fleet, fleet / "report.json"
    if case == "a new configuration file in a subdirectory of the dataset":
        return fleet, fleet / "people" / "maritime-crew.toml"
    if case == "a symbolic link to a file of the dataset":
        (tmp_path / "link.toml").symlink_to(fleet / "vessels.toml")
        return fleet, tmp_path / "link.toml"
    if case == "a hard link to a file of the dataset":
        os.link(fleet / "vessels.toml", tmp_path / "hard.toml")
        return fleet, tmp_path / "hard.toml"
    if case == "the dataset file":
        return single / "fleet.toml", single / "fleet.toml"
    if case == "the configuration file":
        return single / "fleet.toml", single / "maritime-crew.toml"
    raise AssertionError(case)


@posix_only
@pytest.mark.parametrize(
    "case",
    [
        "a file of the dataset directory",
        "a file in a subdirectory of the dataset",
        "a new file in the dataset directory",
        "a new configuration file in a subdirectory of the dataset",
        "a symbolic link to a file of the dataset",
        "a hard link to a file of the dataset",
        "the dataset file",
        "the configuration file",
    ],
)
def test_output_over_an_input_of_the_run_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    dataset, output = _dataset_and_output(tmp_path, case)
    before = _snapshot(tmp_path)
    code = main(["check", str(dataset), "--as-of", "2020-06-01", "--output", str(output)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.startswith(f"maritime-crew: refusing to write {output}: it ")
    assert captured.err.count("\n") == 1
    assert "write the report" in captured.err
    assert _snapshot(tmp_path) == before  # byte for byte, and nothing added


AS_OF = ("--as-of", "2020-06-01")


def test_output_beside_a_dataset_file_is_written(tmp_path: Path) -> None:
    mc.dump(FLEET, tmp_path / "fleet.toml")
    output = str(tmp_path / "r.txt")
    assert main(["check", str(tmp_path / "fleet.toml"), *AS_OF, "--output", output]) == 0
    assert _names(tmp_path) == ["fleet.toml", "r.txt"]


@pytest.mark.parametrize("name", ["report.sarif", "report.txt", ".report.json"])
def test_a_report_the_load_skips_may_be_written_inside_the_dataset(
    tmp_path: Path, name: str
) -> None:
    (tmp_path / "fleet").mkdir()
    mc.dump(FLEET, tmp_path / "fleet" / "fleet.toml")
    arguments = ["check", str(tmp_path / "fleet"), *AS_OF, "--format", "json"]
    assert main([*arguments, "--output", str(tmp_path / "fleet" / name)]) == 0
    assert (tmp_path / "fleet" / name).read_text(encoding="utf-8").startswith("{")
    assert mc.load(tmp_path / "fleet") == FLEET  # the next load does not read it


@pytest.fixture(params=[0o000, 0o022, 0o077], ids=lambda umask: f"umask {umask:03o}")
def umask(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """The umask for the test; any further umask call (by the library) fails the test."""
    previous = os.umask(request.param)
    monkeypatch.setattr(os, "umask", _raising(AssertionError("the umask was changed")))
    yield int(request.param)
    monkeypatch.undo()
    os.umask(previous)


@posix_only
@pytest.mark.parametrize("command", ["check", "schema"])
def test_a_new_report_is_0o644_whatever_the_umask(
    tmp_path: Path, umask: int, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    target = tmp_path / "report"
    main([*(CHECK if command == "check" else ["schema"]), "--output", str(target)])
    assert capsys.readouterr().err == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@posix_only
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o444, 0o755])
def test_a_replaced_report_keeps_its_mode(
    old_file: Path, umask: int, capsys: pytest.CaptureFixture[str], mode: int
) -> None:
    old_file.chmod(mode)
    assert main(["schema", "--output", str(old_file)]) == 0
    assert capsys.readouterr().err == ""
    assert stat.S_IMODE(old_file.stat().st_mode) == mode
    assert old_file.read_bytes() != OLD


class _Watched(io.RawIOBase):
    """A file that records the permission bits of every temporary file as it is written."""

    def __init__(self, handle: Any, modes: list[int]) -> None:
        self._handle = handle
        self._modes = modes

    def write(self, data: Any) -> int:
        self._modes.append(stat.S_IMODE(os.fstat(self._handle.fileno()).st_mode))
        return int(self._handle.write(data))

    def flush(self) -> None:
        self._handle.flush()

    def fileno(self) -> int:
        return int(self._handle.fileno())

    def close(self) -> None:
        super().close()  # flushes first
        self._handle.close()


@posix_only
@pytest.mark.parametrize("existing", [False, True], ids=["new report", "replaced report"])
def test_the_temporary_file_is_0o600_while_it_is_written(
    tmp_path: Path, umask: int, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    target = tmp_path / "report.json"
    if existing:
        target.write_bytes(OLD)
        target.chmod(0o664)
    modes: list[int] = []
    temporaries: list[int] = []
    real = os.fdopen

    def fdopen(descriptor: int, *args: Any, **kwargs: Any) -> Any:
        # The file being written is the temporary one, by its name, beside the target.
        (temporary,) = tmp_path.glob(".report.json.*.tmp")
        temporaries.append(stat.S_IMODE(temporary.stat().st_mode))
        return _Watched(real(descriptor, *args, **kwargs), modes)

    monkeypatch.setattr(os, "fdopen", fdopen)
    write_atomically(target, "{}\n" * 100)
    monkeypatch.undo()
    assert temporaries == [0o600]
    assert modes
    assert set(modes) == {0o600}
    assert stat.S_IMODE(target.stat().st_mode) == (0o664 if existing else 0o644)


@posix_only
def test_stale_temporary_files_of_the_target_are_swept_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    stale = [".report.json.0123abcd.tmp", ".report.json.ffffffff.tmp"]
    fresh = ".report.json.89abcdef.tmp"  # still being written by another process
    others = [
        ".report.json.0123ABCD.tmp",  # not how a temporary file is named
        ".report.json.0123abc.tmp",
        ".report.json.0123abcde.tmp",
        ".report.json.0123abcd.tmp.keep",
        ".report.json.0123abcd.tm",
        "report.json.0123abcd.tmp",
        ".report.jsonx.0123abcd.tmp",
        ".other.json.0123abcd.tmp",  # another target's
        ".report.json..0123abcd.tmp",
        "elsewhere",
    ]
    for name in [*stale, fresh, *others]:
        (tmp_path / name).write_text("half a report", encoding="utf-8")
    (tmp_path / ".report.json.00000000.tmp").mkdir()
    (tmp_path / ".report.json.11111111.tmp").symlink_to(tmp_path / "elsewhere")
    for path in tmp_path.iterdir():
        if path.name != fresh:
            os.utime(path, (STALE, STALE), follow_symlinks=False)
    write_atomically(target, "{}\n")
    kept = [fresh, *others, ".report.json.00000000.tmp", ".report.json.11111111.tmp"]
    assert _names(tmp_path) == sorted([*kept, "report.json"])
    assert (tmp_path / "elsewhere").read_text(encoding="utf-8") == "half a report"


@posix_only
def test_stale_temporary_files_are_swept_beside_the_file_a_link_points_to(
    tmp_path: Path,
) -> None:
    (tmp_path / "data").mkdir()
    real = tmp_path / "data" / "report.json"
    real.write_bytes(OLD)
    stale = tmp_path / "data" / ".report.json.0123abcd.tmp"
    stale.write_bytes(OLD)
    os.utime(stale, (STALE, STALE))
    (tmp_path / "current.json").symlink_to(real)
    assert main(["schema", "--output", str(tmp_path / "current.json")]) == 0
    assert _names(tmp_path / "data") == ["report.json"]
    assert (tmp_path / "current.json").is_symlink()
