"""Writing a dataset back out as TOML or JSON, atomically."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..model import TABLES, Fleet
from ._converter import unstructure

__all__ = ["dump", "dumps", "to_data"]


def to_data(fleet: Fleet) -> dict[str, list[Any]]:
    """The fleet as plain data in the dataset format, tables in documented order.

    Empty tables and fields left at their default are omitted; loading the result gives
    an equal fleet.
    """
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
                name = getattr(record, "id", None) or f"#{position + 1}"
                raise ValueError(f"{table.name} {name}: {problem}") from None
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


def write_atomically(target: Path, text: str) -> None:
    """Replace ``target`` with ``text`` so that readers see the old or the new file, whole.

    The text goes to a new file beside the target, is flushed to disk, and is then
    renamed over the target. A failure at any step removes the new file and leaves the
    target as it was.

    A target that exists keeps its permission bits. A new one gets the permissions any
    new file gets, applied by the operating system (``0o666`` less the umask): the
    process umask is never read by setting it, which would change it for a moment for
    every other thread. A symbolic link is followed, so the file it points to is
    replaced and the link stays.
    """
    target = Path(os.path.realpath(target))
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    # Until it is complete, the new file is readable by its owner only.
    descriptor, temporary = _create_beside(target, 0o666 if mode is None else 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_directory(target.parent)


def _create_beside(target: Path, mode: int) -> tuple[int, str]:
    """A new, empty file in the target's directory, open for writing, and its path.

    ``mode`` goes to the operating system, which takes the umask off it.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = os.path.join(target.parent, f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(path, flags, mode), path
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
