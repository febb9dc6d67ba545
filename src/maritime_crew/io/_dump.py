"""Writing a dataset back out as TOML or JSON, atomically."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli_w

from ..model import TABLES, Fleet
from ._converter import unstructure

__all__ = ["dump", "dumps", "to_data"]


def to_data(fleet: Fleet) -> dict[str, list[Any]]:
    """The fleet as plain data in the dataset format, tables in documented order.

    Empty tables and fields left at their default are omitted; loading the result gives
    an equal fleet.
    """
    return {
        table.name: [unstructure(record) for record in records]
        for table in TABLES
        if (records := getattr(fleet, table.attribute))
    }


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
    """Replace ``target`` with ``text`` so that readers see the old or the new file, whole."""
    directory = target.parent
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    descriptor, temporary = tempfile.mkstemp(
        dir=directory, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
