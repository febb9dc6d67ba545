"""Writing a dataset back out as TOML or JSON, atomically."""

from __future__ import annotations

import contextlib
import datetime
import errno
import functools
import json
import os
import re
import stat
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, overload

from ..model import TABLES, Fleet
from ._converter import unstructure

__all__ = ["dump", "dumps", "to_data"]


@overload
def to_data(fleet: Fleet, *, mode: str = "python") -> dict[str, list[Any]]: ...
@overload
def to_data(fleet: Any, *, mode: str = "python") -> Any: ...
def to_data(fleet: Any, *, mode: str = "python") -> Any:
    """The fleet, or one record of it, as plain data in the dataset format.

    A fleet gives its tables in documented order; empty tables and fields left at their
    default are omitted, and loading the result gives an equal fleet. Any record (a
    person, a certificate, a vessel …) gives the table it is written as in a file.

    ``mode="python"`` keeps dates, date-times and decimals as Python objects, as TOML
    writes them; ``mode="json"`` makes them what the JSON format holds (ISO text and
    numbers), so that ``json.dumps(to_data(fleet, mode="json"))`` works and loads back
    equal, in the manner of pydantic's ``model_dump(mode="json")``.
    """
    if mode not in ("python", "json"):
        raise ValueError(f"mode must be 'python' or 'json', not {mode!r}")
    data = _fleet_data(fleet) if isinstance(fleet, Fleet) else unstructure(fleet)
    return _json_safe(data) if mode == "json" else data


def _wrong_values(fleet: Fleet) -> None:
    """Raise the fleet's ``DataError`` if it holds a value of the wrong type, else return.

    A fleet built from the record classes directly can hold anything (the constructors
    check little, so that loading stays fast); writing one that does says which values,
    by record path, instead of failing inside the converter.
    """
    from ._validate import validate

    validate(fleet)


def _json_safe(value: Any) -> Any:
    """Plain data with dates and decimals as the JSON format holds them."""
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    if isinstance(value, (datetime.date, Decimal)):
        return _json_default(value)
    return value


def _fleet_data(fleet: Fleet) -> dict[str, list[Any]]:
    data: dict[str, list[Any]] = {}
    for table in TABLES:
        records = getattr(fleet, table.attribute)
        if not records:
            continue
        data[table.name] = written = []
        for position, record in enumerate(records):
            try:
                written.append(unstructure(record))
            except ValueError as problem:  # a value no dataset can hold: say which record
                _wrong_values(fleet)
                name = getattr(record, "id", None) or f"#{position + 1}"
                raise ValueError(f"{table.name} {name}: {problem}") from None
            except (AttributeError, TypeError, KeyError):  # a value of the wrong type
                _wrong_values(fleet)
                raise
    return data


def _json_default(value: object) -> object:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and value.as_tuple().exponent >= 0:  # type: ignore[operator]
            return int(value)
        number = float(value)
        if Decimal(repr(number)) != value:
            raise ValueError(f"{value} cannot be written exactly as a JSON number")
        return number
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(fleet: Fleet, format: str = "toml") -> str:
    """The fleet as TOML (``format="toml"``) or JSON (``format="json"``) text."""
    data = to_data(fleet)
    if format == "toml":
        import tomli_w  # only writing needs it: not imported for a check

        return tomli_w.dumps(data)
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False, default=_json_default) + "\n"
    raise ValueError(f"format must be 'toml' or 'json', not {format!r}")


def dump(fleet: Fleet, path: str | os.PathLike[str]) -> None:
    """Write the fleet to one file, as TOML or JSON by the file's suffix.

    The file is written atomically: the text goes to a temporary file in the same
    directory, which then replaces the target. If anything fails on the way, the old
    file is left as it was.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise ValueError(f"cannot tell the format of {target}: use a .toml or .json suffix")
    text = dumps(fleet, suffix[1:])
    write_atomically(target, text)


def write_atomically(target: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``target`` so that nothing that is not a report is destroyed.

    A **regular file or a new path** is replaced atomically, so that readers see the
    old file or the new one, whole: the text goes to a new file beside the target
    (``.<name>.<8 hex digits>.tmp``), is flushed to disk, and is then renamed over the
    target. A failure at any step removes the new file and leaves the target as it was.
    A symbolic link is followed, so the file it points to is replaced and the link stays.

    Permissions: the temporary file is created ``0o600`` (its owner only may read it
    while it is incomplete). The result gets the read, write and execute bits of the
    file it replaces, or ``0o644`` (owner read-write, everyone else read) when the
    target is new, whatever the umask. Modes are set on the open file descriptor; the
    process umask is never read or changed, which would affect every other thread.

    Before writing, temporary files of the same target left by a process that was
    killed are removed: only names of exactly that pattern, beside the target, last
    modified before this process started.

    **Anything else** is written in place, never replaced: a character or block
    device (``/dev/null``), a FIFO, or a socket is opened for writing (without creating
    or truncating it), and ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N`` and
    ``/proc/self/fd/N`` are written to the open descriptor they name. A directory is
    an :class:`IsADirectoryError`.
    """
    data = text.encode("utf-8")
    descriptor = _descriptor_named(os.fspath(target))
    if descriptor is not None:
        _write_all(descriptor, data)
        return
    if _written_in_place(target, data):
        return
    real = Path(os.path.realpath(target))
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode) & 0o777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    _sweep_stale_temporaries(real)
    descriptor, temporary = _create_beside(real)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            _set_mode(handle.fileno(), temporary, mode)
            os.fsync(handle.fileno())
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_directory(real.parent)


NEW_FILE_MODE = 0o644
"""The permission bits of a report or dataset written where no file was."""


_IMPORTED = time.time()
"""When this module was imported: no later than the start of any write of this process."""


@functools.cache
def _process_start() -> float:
    """When this process started, as a Unix time; the time of the import if unknown.

    A temporary file last modified before then cannot be one that this process is still
    writing. On Linux the start is read from ``/proc``, to within the second of the boot
    time, rounded down (so never later than the start).
    """
    try:
        with open("/proc/self/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        with open("/proc/stat", "rb") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith(b"btime "))
        started = boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration, AttributeError):
        return _IMPORTED
    return min(started, _IMPORTED)


def _descriptor_named(path: str) -> int | None:
    """The descriptor that ``/dev/stdout``, ``/dev/fd/N`` and the like name, on POSIX."""
    if os.name != "posix":
        return None
    if path in ("/dev/stdout", "/dev/stderr"):
        return 1 if path == "/dev/stdout" else 2
    named = re.fullmatch(r"/(?:dev/fd|proc/self/fd)/([0-9]+)", path)
    return int(named[1]) if named else None


def _written_in_place(target: str | os.PathLike[str], data: bytes) -> bool:
    """Write ``data`` to a device, FIFO or socket without replacing it; ``False`` if not one.

    A regular file or a path that does not exist is left for the atomic replace. A
    target that is opened as something else but turns out to be a regular file (it was
    swapped in between) is left alone, unchanged, for the replace too.
    """
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return False
    if stat.S_ISREG(status.st_mode):
        return False
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(target))
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(target, flags)  # no O_CREAT, no O_TRUNC: the node stays as it is
    try:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        _write_all(descriptor, data)
    finally:
        os.close(descriptor)
    return True


def _write_all(descriptor: int, data: bytes) -> None:
    """Write all of ``data`` to an open descriptor, however little each write takes."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _set_mode(descriptor: int, path: str, mode: int) -> None:
    """Give the open file ``mode``: through its descriptor, or by path where there is none."""
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, mode)
    else:  # Windows before Python 3.13
        os.chmod(path, mode)


def _sweep_stale_temporaries(target: Path) -> None:
    """Remove ``.<name>.<8 hex>.tmp`` files of ``target`` older than this process.

    They are what a writer killed before it could clean up leaves behind. A file still
    being written by another process, or by this one, is newer and is left alone, as is
    anything else: another name, a symbolic link or a directory.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{8}}\.tmp")
    try:
        entries = os.scandir(target.parent)
    except OSError:
        return
    with entries:
        for entry in entries:
            if not pattern.fullmatch(entry.name):
                continue
            try:
                status = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(status.st_mode) and status.st_mtime < _process_start():
                    os.unlink(entry.path)
            except OSError:
                continue


def _create_beside(target: Path) -> tuple[int, str]:
    """A new, empty file in the target's directory, open for writing, and its path.

    It is created ``0o600`` (the umask can only take bits away), so that no one else
    can read a report before it is complete.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = os.path.join(target.parent, f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no unused temporary file name beside {target}")


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable, where the system allows opening a directory."""
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows
    try:
        descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
