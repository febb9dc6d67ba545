"""Reading a dataset: one TOML, JSON or CSV file, or a directory of them."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli

from ..model import TABLES, Fleet
from ._converter import describe, detailed, fast
from ._errors import DataError, Problem, problems_from_exception, suggest
from ._sources import DatasetSources, header_lines

__all__ = ["CONFIG_FILES", "load", "loads"]

CONFIG_FILES = frozenset({"maritime-crew.toml", "pyproject.toml"})
"""Files in a dataset directory that hold configuration, not data."""

_SUFFIXES = (".toml", ".json", ".csv")
_TABLE_NAMES = [table.name for table in TABLES]
_BY_ATTRIBUTE = {table.attribute: table.name for table in TABLES}


def _tuple_of(record: type[Any]) -> Any:
    return tuple[record, ...]  # type: ignore[valid-type]


_TUPLE_TYPES: dict[str, Any] = {table.name: _tuple_of(table.record) for table in TABLES}

_CSV_TABLE = "work_period"
"""The table a CSV file fills: one work period per row."""
_CSV_REQUIRED = ("person", "start", "end")
_CSV_COLUMNS = (*_CSV_REQUIRED, "vessel")
_CSV_NEEDS = "the columns person, start and end (and optionally vessel)"
_Lines = dict[tuple[str | int, ...], int]


def _dataset_files(root: Path) -> Iterator[Path]:
    """Data files under a directory, in sorted path order, skipping hidden entries."""
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name in CONFIG_FILES:
                continue
            if name.lower().endswith(_SUFFIXES):
                yield Path(directory, name)


def _parse(name: str, text: str, *, is_toml: bool) -> tuple[Any, list[Problem]]:
    """Parse TOML or JSON text into plain data; syntax problems are returned, not raised."""
    if not is_toml:
        try:
            return json.loads(text, parse_float=Decimal, object_pairs_hook=_no_duplicate_keys), []
        except json.JSONDecodeError as exc:
            message = f"invalid JSON at column {exc.colno}: {exc.msg}"
            return None, [Problem("syntax", name, "", message, line=exc.lineno)]
        except _DuplicateKey as exc:
            return None, [
                Problem("syntax", name, "", f"invalid JSON: the key {exc.key!r} appears twice")
            ]
    try:
        return tomli.loads(text, parse_float=Decimal), []
    except tomli.TOMLDecodeError as exc:
        # tomli before 2.1 has no position attributes; its message then carries them.
        column = getattr(exc, "colno", None)
        where = f" at column {column}" if column is not None else ""
        message = f"invalid TOML{where}: {getattr(exc, 'msg', None) or exc}"
        line = getattr(exc, "lineno", None)
        if line is not None and _MISWRITTEN_DATE.search(_line(text, line)):
            message += (
                "; dates are written YYYY-MM-DD without quotes, such as 2021-03-31 "
                "(with two-digit months and days)"
            )
        return None, [Problem("syntax", name, "", message, line=line)]


# A date written some other way (20/01/2020, 2020-1-20, 20.01.2020) after an ``=``, which
# TOML cannot parse: the syntax error it causes says nothing about dates.
_MISWRITTEN_DATE = re.compile(
    r"=\s*(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}(?!\d))(?![\w:-])"
)


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _check_tables(
    name: str, data: Any, located: Callable[[], dict[tuple[str | int, ...], int] | None]
) -> list[Problem]:
    if not isinstance(data, dict):
        return [
            Problem(
                "wrong-type",
                name,
                "",
                f"expected a table of records at the top of the file, found {describe(data)}",
            )
        ]
    problems = []
    for key, value in data.items():
        if key not in _TUPLE_TYPES:
            hint = _BY_ATTRIBUTE.get(key) or suggest(key, _TABLE_NAMES)
            advice = (
                f"did you mean [[{hint}]]?" if hint else "known tables: " + ", ".join(_TABLE_NAMES)
            )
            problems.append(
                Problem(
                    "unknown-table",
                    name,
                    key,
                    f"unknown table {key!r}; {advice}",
                    line=_first_line(located(), key),
                    found=key,
                )
            )
        elif not isinstance(value, list):
            problems.append(
                Problem(
                    "wrong-type",
                    name,
                    key,
                    f"expected a list of records, written [[{key}]], found {describe(value)}",
                    line=_first_line(located(), key),
                    expected="a list of records",
                    found=describe(value),
                )
            )
    return problems


def _first_line(lines: dict[tuple[str | int, ...], int] | None, key: str) -> int | None:
    if lines is None:
        return None
    return lines.get((key,)) or lines.get((key, 0))


def _read(path: Path) -> tuple[str | None, list[Problem]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem("file", str(path), "", f"cannot read the file: {exc.strerror}")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                "encoding",
                str(path),
                "",
                f"the file is not valid UTF-8 text (byte {exc.start + 1} cannot be decoded)",
                line=line,
            )
        ]


def load(path: str | os.PathLike[str]) -> Fleet:
    """Load a dataset: a ``.toml``, ``.json`` or ``.csv`` file, or a directory of them.

    In a directory, every ``.toml``, ``.json`` and ``.csv`` file is read, in sorted path
    order, including subdirectories; hidden files and directories, other suffixes and the
    configuration files ``maritime-crew.toml`` and ``pyproject.toml`` are skipped.
    Arrays of tables with the same name in several files are concatenated in that order.
    A CSV file holds work periods, one per row under a header row ``person,start,end``
    (and optionally ``vessel``); they join the ``work_period`` table in that order too.

    Raises :class:`DataError` listing every problem found in every file: syntax errors,
    unknown tables and fields, missing fields, wrong types, bad dates, periods and
    choices. Integrity problems between records (duplicate ids, references to records
    that do not exist, dates out of order) do not stop loading; the ``DATA`` rules of
    ``check`` report them.
    """
    root = Path(path)
    if root.is_dir():
        files = list(_dataset_files(root))
        if not files:
            raise DataError(
                [
                    Problem(
                        "file", str(root), "", "the directory holds no .toml, .json or .csv files"
                    )
                ]
            )
    elif root.exists():
        files = [root]
    else:
        raise DataError([Problem("file", str(root), "", "no such file or directory")])

    problems: list[Problem] = []
    sources = DatasetSources()
    collected: dict[str, list[Any]] = {table.name: [] for table in TABLES}
    for file in files:
        text, file_problems = _read(file)
        if text is None:
            problems.extend(file_problems)
            continue
        problems.extend(
            _load_file(str(file), text, file.suffix.lower(), sources=sources, collected=collected)
        )

    if problems:
        raise DataError(_in_order(problems, files))
    return _fleet(collected, sources)


def _in_order(problems: list[Problem], files: list[Path]) -> list[Problem]:
    """Problems by file (in reading order), then by line; unlocated ones first in a file.

    Where a line has an unknown field, its missing fields come after the others: a
    misspelt field name causes both, and the unknown one (with its "did you mean") is the
    one to fix.
    """
    order = {str(file): position for position, file in enumerate(files)}
    misspelt = {(p.file, p.line) for p in problems if p.code == "unknown-field"}

    def key(p: Problem) -> tuple[int, int, bool]:
        later = p.code == "missing-field" and (p.file, p.line) in misspelt
        return order.get(p.file, -1), p.line or 0, later

    return sorted(problems, key=key)


def _load_file(
    name: str,
    text: str,
    suffix: str,
    *,
    sources: DatasetSources,
    collected: dict[str, list[Any]],
    keep_text: bool = False,
) -> list[Problem]:
    """Read one file's text by its suffix: CSV work periods, JSON, or else TOML."""
    if suffix == ".csv":
        return _load_csv(name, text, sources=sources, collected=collected)
    return _load_text(
        name,
        text,
        is_toml=suffix != ".json",
        sources=sources,
        collected=collected,
        keep_text=keep_text,
    )


def _load_text(
    name: str,
    text: str,
    *,
    is_toml: bool,
    sources: DatasetSources,
    collected: dict[str, list[Any]],
    keep_text: bool = False,
) -> list[Problem]:
    data, problems = _parse(name, text, is_toml=is_toml)
    if problems:
        return problems
    # Header lines are only needed to locate problems; valid files are scanned lazily.
    lines: dict[tuple[str | int, ...], int] | None = None

    def located() -> dict[tuple[str | int, ...], int] | None:
        nonlocal lines
        if is_toml and lines is None:
            lines = header_lines(text)
        return lines

    problems = _check_tables(name, data, located)
    if not isinstance(data, dict):
        return problems
    file_index = sources.add_file(name, toml_text=text if is_toml else None, keep_text=keep_text)
    for table, raw in data.items():
        if table not in _TUPLE_TYPES or not isinstance(raw, list):
            continue  # reported by _check_tables
        records, table_problems = _structure(name, table, raw, located)
        problems.extend(table_problems)
        collected[table].extend(records)
        sources.add_records(table, file_index, len(records))
    return problems


def _structure(
    name: str, table: str, raw: list[Any], located: Callable[[], _Lines | None]
) -> tuple[tuple[Any, ...], list[Problem]]:
    """The records of one table of one file, or no records and every problem in them."""
    target = _TUPLE_TYPES[table]
    try:
        return fast.structure(raw, target), []
    except Exception:  # any failure is re-run in detail below
        try:
            return detailed.structure(raw, target), []
        except Exception as exc:  # turned into located problems
            found = problems_from_exception(exc, file=name, table=table, raw=raw, lines=located())
            return (), list(found)


# -- CSV work periods ---------------------------------------------------------------------


def _load_csv(
    name: str, text: str, *, sources: DatasetSources, collected: dict[str, list[Any]]
) -> list[Problem]:
    """Read a CSV file of work periods into ``collected``; return every problem in it.

    The first record is the header. Each later row becomes a plain ``work_period``
    table of its non-empty values, structured by the same converter as TOML and JSON
    (so a local time is read as Europe/London time, and refused when a clock change
    makes it doubtful). Row ``i`` is ``work_period[i]`` of the file, located at its line.
    """
    problems: list[Problem] = []
    records = _csv_records(name, text, problems)
    header = next(records, None)
    if header is None:
        message = f"the file has no header row; a work-period file starts with {_CSV_NEEDS}"
        return [*problems, Problem("syntax", name, "", message, line=1)]
    columns, header_problems = _csv_header(name, *header)
    problems.extend(header_problems)
    rows: list[dict[str, str]] = []
    lines: _Lines = {}
    for line, cells in records:
        if len(cells) > len(header[1]):
            problems.append(_csv_too_wide(name, line, len(cells), len(header[1])))
        lines[(_CSV_TABLE, len(rows))] = line
        rows.append(
            {column: cells[i] for column, i in columns.items() if i < len(cells) and cells[i]}
        )
    if any(column not in columns for column in _CSV_REQUIRED):
        return problems  # every row would lack the column: the header problem says it once
    found, row_problems = _structure(name, _CSV_TABLE, rows, lambda: lines)
    problems.extend(row_problems)
    file_index = sources.add_file(name, toml_text=None, record_lines=lines)
    collected[_CSV_TABLE].extend(found)
    sources.add_records(_CSV_TABLE, file_index, len(found))
    return problems


def _csv_records(name: str, text: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """``(line, values)`` of each record that is not blank.

    Values are stripped of spaces, and empty values at the end of a record are dropped.
    Malformed records (a stray or unclosed quote) are added to ``problems`` and skipped.
    A record's line is the line it starts on; a quoted value may run over several lines.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem("syntax", name, "", f"invalid CSV: {exc}", line=line))
            if reader.line_num < line:  # nothing was consumed: the reader cannot go on
                return
            continue
        values = [cell.strip() for cell in cells]
        while values and not values[-1]:
            values.pop()
        if values:
            yield line, values


def _csv_header(name: str, line: int, cells: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """The position of each known column, and the header's problems."""
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    for position, column in enumerate(cells):
        where = f"column {position + 1}"
        if column in columns:
            message = f"{where}: the column {column!r} appears twice in the header"
            problems.append(Problem("syntax", name, "", message, line=line, found=column))
        elif column not in _CSV_COLUMNS:
            hint = suggest(column, _CSV_COLUMNS) if column else None
            advice = (
                f"did you mean {hint!r}?" if hint else "known columns: " + ", ".join(_CSV_COLUMNS)
            )
            what = f"unknown column {column!r}" if column else "a column without a name"
            message = f"{where}: {what}; {advice}"
            problems.append(Problem("unknown-field", name, "", message, line=line, found=column))
        else:
            columns[column] = position
    for column in _CSV_REQUIRED:
        if column not in columns:
            message = f"the header has no column {column!r}; a work-period file needs {_CSV_NEEDS}"
            problems.append(
                Problem("missing-field", name, "", message, line=line, expected=_CSV_NEEDS)
            )
    return columns, problems


def _csv_too_wide(name: str, line: int, found: int, width: int) -> Problem:
    expected = f"at most {width} values, one per column of the header"
    return Problem(
        "syntax",
        name,
        "",
        f"expected {expected}, found {found}",
        line=line,
        expected=expected,
        found=str(found),
    )


def loads(text: str, *, format: str = "toml", name: str = "<string>") -> Fleet:
    """Load a dataset from TOML (``format="toml"``), JSON (``"json"``) or CSV (``"csv"``) text.

    CSV text holds work periods, as a ``.csv`` file does. ``name`` stands for the file
    name in problem messages and record locations. Raises :class:`DataError` as
    :func:`load` does.
    """
    if format not in ("toml", "json", "csv"):
        raise ValueError(f"format must be 'toml', 'json' or 'csv', not {format!r}")
    sources = DatasetSources()
    collected: dict[str, list[Any]] = {table.name: [] for table in TABLES}
    problems = _load_file(
        name,
        text.removeprefix("\ufeff"),
        f".{format}",
        sources=sources,
        collected=collected,
        keep_text=True,
    )
    if problems:
        raise DataError(_in_order(problems, [Path(name)]))
    return _fleet(collected, sources)


def _fleet(collected: dict[str, list[Any]], sources: DatasetSources) -> Fleet:
    return Fleet(
        **{table.attribute: tuple(collected[table.name]) for table in TABLES}, sources=sources
    )
