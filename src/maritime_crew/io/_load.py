"""Reading a dataset: one TOML, JSON or CSV file, or a directory of them."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import stat
import sys
from array import array
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path
from typing import Any

import tomli

from ..model import TABLES, Fleet, WorkPeriod
from ._converter import (
    describe,
    detailed,
    escaped,
    excerpt,
    fast,
    keeping_errors,
    moment,
    problem_count,
    quote,
    sharing_values,
)
from ._errors import (
    MORE_PROBLEMS,
    DataError,
    Problem,
    ProblemLog,
    problems_from_exception,
    render_path,
    suggest,
)
from ._limits import (
    MAX_DATASET_BYTES,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_PROBLEMS,
    TOO_DEEP,
    beyond_parser,
    nested_too_deeply,
    size_in_words,
)
from ._sources import DatasetSources, FieldLines, HeaderLines, header_lines, line_of
from ._syntax import SyntaxExplained, explain_json, explain_toml

__all__ = [
    "CONFIG_FILES",
    "DATA_SUFFIXES",
    "HOURS_FOLDER",
    "from_data",
    "load",
    "loads",
    "record_from_data",
    "unread_files",
]

CONFIG_FILES = frozenset({"maritime-crew.toml", "pyproject.toml"})
"""Files in a dataset directory that hold configuration, not data."""

DATA_SUFFIXES = (".toml", ".json", ".csv")
"""The suffixes (in any case) of the files a dataset directory's load reads."""
HOURS_FOLDER = "hours"
"""In a dataset directory, a ``.csv`` file holds work periods in a folder of this name, or
when its own name starts with it.

Any folder named so counts (``hours/2021-02.csv``, ``crews/alert/hours/a.csv``), the
dataset directory itself included, and so does a file such as ``hours.csv`` or
``hours-2021-02.csv`` anywhere (in any case). Any other ``.csv`` file (a spreadsheet
export left beside the data) is not read: :func:`unread_files` lists such files.
"""
_SUFFIXES = DATA_SUFFIXES
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
_Lines = Mapping[tuple[str | int, ...], int]


def dataset_files(path: str | os.PathLike[str]) -> list[Path]:
    """The data files a load of ``path`` reads, in the order it reads them.

    A file is itself. A directory gives its ``.toml``, ``.json`` and ``.csv`` files in
    sorted path order, a directory's own files before its subdirectories', without
    hidden entries, configuration files, or anything reached
    through a symbolic link that leads outside it, as :func:`load` finds them.
    """
    root = Path(path)
    if not root.is_dir():
        return [root]
    return _dataset_files(root)[0]


def unread_files(dataset: str | os.PathLike[str] | Fleet) -> list[Path]:
    """The ``.csv`` files in a dataset directory that a load does not read, in path order.

    A ``.csv`` file holds work periods only inside a folder named :data:`HOURS_FOLDER` or
    with a name that starts with it; one elsewhere is left alone, and named here so that a
    command can say so. Hidden entries and anything reached through a link out of the
    directory are not listed. Empty for a file. Given a fleet that :func:`load` made, the
    files its load passed over, as it found them, without walking the directory again.
    """
    if isinstance(dataset, Fleet):
        sources = dataset.sources
        return list(sources.unread) if isinstance(sources, DatasetSources) else []
    root = Path(dataset)
    if not root.is_dir():
        return []
    return _dataset_files(root)[3]


def _dataset_files(
    root: Path, *, follow_outside_links: bool = False
) -> tuple[list[Path], list[Problem], set[Path], list[Path]]:
    """Data files under a directory, the problems finding them, and the files outside it.

    Also the ``.csv`` files not read (see :data:`HOURS_FOLDER`).
    The files are in sorted path order, a directory's own files before its
    subdirectories'; those outside the directory were reached through
    a symbolic link. Hidden entries, configuration files and other suffixes are skipped.
    Symbolic links to directories are followed, except one that leads back to a directory
    it is in (a loop), which is a problem; so is a directory that cannot be read. A link
    (to a file or a directory) that leads outside ``root`` is a problem and is not
    followed, unless ``follow_outside_links``.
    """
    files: list[Path] = []
    unread: list[Path] = []
    problems: list[Problem] = []
    inside = os.path.realpath(root)
    hours = {str(root)} if root.name == HOURS_FOLDER else set()  # folders holding hours
    beyond: set[str] = set()  # directories walked that lie outside the dataset
    outside: set[Path] = set()

    def lies_outside(path: str, directory: str) -> bool:
        """Whether ``path`` (in ``directory``) is outside the dataset; a problem if refused."""
        if directory in beyond:
            return True
        if not os.path.islink(path) or _within(os.path.realpath(path), inside):
            return False
        if not follow_outside_links:
            problems.append(Problem("file", path, "", _OUTSIDE))
        return True

    def unreadable(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else str(root)
        message = f"cannot read the directory: {_reason(exc)}"
        problems.append(Problem("file", str(where), "", message))

    # The identities of the directories that hold each directory: a link to one is a loop.
    ancestors: dict[str, frozenset[tuple[int, int] | None]] = {}
    for directory, subdirectories, names in os.walk(root, onerror=unreadable, followlinks=True):
        holders = ancestors.pop(directory, frozenset()) | {_identity(directory)}
        kept = []
        for name in sorted(subdirectories):
            if name.startswith("."):
                continue
            path = os.path.join(directory, name)
            identity = _identity(path)
            if identity is not None and identity in holders:
                message = (
                    f"a symbolic link loop: it leads back to {os.path.realpath(path)}, "
                    "a directory it is already in; the link is not followed"
                )
                problems.append(Problem("file", path, "", message))
                continue
            if lies_outside(path, directory):
                if not follow_outside_links:
                    continue
                beyond.add(path)
            ancestors[path] = holders
            if name == HOURS_FOLDER or directory in hours:
                hours.add(path)
            kept.append(name)
        subdirectories[:] = kept
        for name in sorted(names):
            if name.startswith(".") or name in CONFIG_FILES:
                continue
            if name.lower().endswith(_SUFFIXES):
                path = os.path.join(directory, name)
                lower = name.lower()
                if lower.endswith(".csv") and not (
                    directory in hours or lower.startswith(HOURS_FOLDER)
                ):
                    # Not read, so a link out of the dataset here is no problem either.
                    away = os.path.islink(path) and not _within(os.path.realpath(path), inside)
                    if not away and directory not in beyond:
                        unread.append(Path(path))
                    continue
                if lies_outside(path, directory):
                    if not follow_outside_links:
                        continue
                    outside.add(Path(path))
                files.append(Path(path))
                if len(files) > MAX_FILES:
                    message = (
                        f"the directory holds more than {MAX_FILES:,} .toml, .json and .csv "
                        "files, the most a dataset may have; is it the right directory?"
                    )
                    problems.append(Problem("too-large", str(root), "", message))
                    return [], problems, set(), []
    return files, problems, outside, unread


_OUTSIDE = (
    "a symbolic link that leads outside the dataset directory; links out of the dataset "
    "are not followed, and nothing is read through them (--follow-outside-links, or "
    "loading with follow_outside_links=True, follows them)"
)


def _within(path: str, directory: str) -> bool:
    """Whether the resolved ``path`` is ``directory`` or lies under it (both resolved)."""
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def _withheld(file: Path, problems: list[Problem], more: int) -> Problem:
    """The problems of a file outside the dataset, in one problem that quotes none of it.

    Such a file was reached through a symbolic link, and may be anything (a key, a
    password file): what it holds is never repeated in a message. ``more`` problems of
    it were only counted.
    """
    count = len(problems) + more
    codes = ", ".join(dict.fromkeys(problem.code for problem in problems))
    message = (
        f"{count:,} problem{'s' if count != 1 else ''}{f' ({codes})' if codes else ''} in a "
        "file outside the dataset directory, reached through a symbolic link; the details "
        "are withheld, since such a file may hold anything: load the file on its own to see "
        "them"
    )
    return Problem(problems[0].code if problems else "file", str(file), "", message)


def _identity(path: str) -> tuple[int, int] | None:
    """Device and inode of what ``path`` leads to, following links; ``None`` if unknown."""
    try:
        status = os.stat(path)
    except OSError:
        return None  # os.walk reports it when it tries to list the directory
    return (status.st_dev, status.st_ino)


def _reason(exc: OSError) -> str:
    """Why a file or directory cannot be read, in words."""
    if exc.errno == errno.ELOOP:
        return "it is a symbolic link in a loop (too many levels of symbolic links)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror.lower() if exc.strerror else str(exc)


def _parse(name: str, text: str, *, is_toml: bool) -> tuple[Any, list[Problem]]:
    """Parse TOML or JSON text into plain data; syntax problems are returned, not raised."""
    if not is_toml:
        try:
            return json.loads(text, parse_float=Decimal, object_pairs_hook=_no_duplicate_keys), []
        except json.JSONDecodeError as exc:
            return None, [_syntax(name, "JSON", explain_json(exc), exc.lineno)]
        except _DuplicateKey as exc:
            return None, [
                Problem("syntax", name, "", f"invalid JSON: the key {quote(exc.key)} appears twice")
            ]
        except (RecursionError, ValueError, InvalidOperation) as exc:
            return None, [_beyond_parser(name, exc)]
    try:
        return tomli.loads(text, parse_float=Decimal), []
    except tomli.TOMLDecodeError as exc:
        return None, [_syntax(name, "TOML", explain_toml(exc), exc.lineno)]
    except (RecursionError, ValueError, InvalidOperation) as exc:
        return None, [_beyond_parser(name, exc)]


def _syntax(name: str, language: str, explained: SyntaxExplained, line: int) -> Problem:
    return Problem(
        "syntax",
        name,
        "",
        explained.message(language),
        line=line - explained.lines_back,
        expected=explained.expected,
        found=explained.found,
    )


def _beyond_parser(name: str, exc: RecursionError | ValueError | InvalidOperation) -> Problem:
    """A file the parser gives up on although its syntax may be right: too deep, too long."""
    return Problem("too-large", name, "", beyond_parser(exc))


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


def _check_tables(name: str, data: Any, lines: _Lines | None, log: ProblemLog) -> None:
    if not isinstance(data, dict):
        log.add(
            Problem(
                "wrong-type",
                name,
                "",
                f"expected a table of records at the top of the file, found {describe(data)}",
                expected="a table of records at the top of the file",
                found=describe(data),
            )
        )
        return
    for key, value in data.items():
        if key in _TUPLE_TYPES and isinstance(value, list):
            continue
        if log.full:  # counted, without the search for a table it might have meant
            log.count(name)
        elif key not in _TUPLE_TYPES:
            hint = _BY_ATTRIBUTE.get(key) or suggest(key, _TABLE_NAMES)
            advice = (
                f"did you mean [[{hint}]]?" if hint else "known tables: " + ", ".join(_TABLE_NAMES)
            )
            log.add(
                Problem(
                    "unknown-table",
                    name,
                    key,
                    f"unknown table {quote(key)}; {advice}",
                    line=_first_line(lines, key),
                    expected="one of the tables " + ", ".join(_TABLE_NAMES),
                    found=excerpt(key),
                )
            )
        else:
            log.add(
                Problem(
                    "wrong-type",
                    name,
                    key,
                    f"expected a list of records, written [[{key}]], found {describe(value)}",
                    line=_first_line(lines, key),
                    expected="a list of records",
                    found=describe(value),
                )
            )


def _first_line(lines: _Lines | None, key: str) -> int | None:
    if lines is None:
        return None
    return lines.get((key,)) or lines.get((key, 0))


def _read(path: Path) -> tuple[str | None, int, list[Problem]]:
    """The text of a file, its size in bytes, and its problems (no text if it has any).

    Only regular files are read (not a named pipe, which would wait for a writer, nor a
    device, which may never end), and none larger than :data:`MAX_FILE_BYTES`.
    """
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            message = "not a regular file (a directory, pipe or device); it cannot be read as data"
            return None, 0, [Problem("file", str(path), "", message)]
        if status.st_size > MAX_FILE_BYTES:
            return None, status.st_size, [_too_large(path, status.st_size)]
        with path.open("rb") as handle:
            # As much as the file holds, and a byte more to notice one that grew: a read
            # of the limit itself would set aside 512 MiB for every file, however small.
            data = handle.read(status.st_size + 1)
            if len(data) > status.st_size:  # it grew: read on, up to the limit
                data += handle.read(MAX_FILE_BYTES + 1 - len(data))
    except OSError as exc:
        return None, 0, [Problem("file", str(path), "", f"cannot read the file: {_reason(exc)}")]
    if len(data) > MAX_FILE_BYTES:  # it grew while it was read
        return None, len(data), [_too_large(path, len(data))]
    try:
        return data.decode("utf-8-sig"), len(data), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return (
            None,
            len(data),
            [
                Problem(
                    "encoding",
                    str(path),
                    "",
                    f"the file is not valid UTF-8 text (byte {exc.start + 1} cannot be decoded)",
                    line=line,
                )
            ],
        )


def _too_large(path: Path, size: int) -> Problem:
    message = (
        f"the file is {size_in_words(size)}, larger than the {size_in_words(MAX_FILE_BYTES)} "
        "a dataset file may be; split it into several files in a directory"
    )
    return Problem("too-large", str(path), "", message, found=size_in_words(size))


@sharing_values()
def load(
    path: str | os.PathLike[str],
    *,
    follow_outside_links: bool = False,
    max_problems: int = MAX_PROBLEMS,
) -> Fleet:
    """Load a dataset: a ``.toml``, ``.json`` or ``.csv`` file, or a directory of them.

    In a directory, every ``.toml``, ``.json`` and ``.csv`` file is read, in sorted path
    order (a directory's own files before its subdirectories'), including
    subdirectories and symbolic links; hidden files and directories,
    other suffixes and the configuration files ``maritime-crew.toml`` and
    ``pyproject.toml`` are skipped. A link loop, a file or directory that cannot be read,
    and input beyond the limits of the format (docs/format.md, "Limits") are problems.

    The directory is the boundary of the dataset: a symbolic link (to a file or a
    directory) that leads outside it is a problem, and nothing is read through it,
    unless ``follow_outside_links`` is true. Even then, a problem in a file outside the
    directory is reported without quoting anything from the file. A file named on its
    own is read wherever a link leads.
    Arrays of tables with the same name in several files are concatenated in that order.
    A CSV file holds work periods, one per row under a header row ``person,start,end``
    (and optionally ``vessel``); they join the ``work_period`` table in that order too.

    Raises :class:`~maritime_crew.io.DataError` listing the problems found in every
    file: syntax errors, unknown tables and fields, missing fields, wrong types, bad
    dates, periods and choices. Integrity problems between records (duplicate ids,
    references to records that do not exist, dates out of order) do not stop loading;
    the ``DATA`` rules of ``check`` report them.

    The error keeps the first ``max_problems`` problems found (1,000 by default; 0 keeps
    none), and each file with more ends with one ``more-problems`` problem that counts
    the rest (:attr:`DataError.count <maritime_crew.io.DataError.count>` is the total).
    Problems past the limit are counted, not built, so that a file of a million bad
    records costs no more memory than a file of a thousand (docs/security.md). Problems
    in finding the files (links, unreadable directories) are always kept.
    """
    log = ProblemLog(_problem_limit(max_problems))
    root = Path(path)
    problems: list[Problem] = []
    outside: set[Path] = set()
    unread: list[Path] = []
    if root.is_dir():
        files, problems, outside, unread = _dataset_files(
            root, follow_outside_links=follow_outside_links
        )
        if not files and not problems:
            raise DataError(
                [
                    Problem(
                        "file", str(root), "", "the directory holds no .toml, .json or .csv files"
                    )
                ]
            )
    elif root.exists() or root.is_symlink():  # a broken or looping link is read, and says so
        files = [root]
    else:
        raise DataError([Problem("file", str(root), "", "no such file or directory")])

    sources = DatasetSources()
    sources.unread = tuple(unread)
    collected: dict[str, list[Any]] = {table.name: [] for table in TABLES}
    total = 0
    for file in files:
        text, size, file_problems = _read(file)
        total += size
        if total > MAX_DATASET_BYTES:
            message = (
                f"the files of the directory come to more than "
                f"{size_in_words(MAX_DATASET_BYTES)}, the most a dataset may hold"
            )
            problems.append(Problem("too-large", str(root), "", message))
            break
        mark = len(log.kept)
        if text is None:
            for problem in file_problems:
                log.add(problem)
        else:
            _load_file(
                str(file),
                text,
                file.suffix.lower(),
                sources=sources,
                collected=collected,
                decoded=True,
                log=log,
            )
        if file in outside and log.found_since(mark, str(file)):
            found, more = log.take(mark, str(file))
            log.kept.append(_withheld(file, found, more))

    problems.extend(log.problems())
    if problems:
        raise DataError(_in_order(problems, files))
    return _fleet(collected, sources)


def _problem_limit(max_problems: int) -> int:
    if isinstance(max_problems, bool) or not isinstance(max_problems, int):
        raise TypeError(f"max_problems must be a whole number, not {max_problems!r}")
    if max_problems < 0:
        raise ValueError(f"max_problems must be 0 or more, not {max_problems}")
    return max_problems


def _in_order(problems: list[Problem], files: list[Path]) -> list[Problem]:
    """Problems by file (in reading order), then by line; unlocated ones first in a file.

    Where a line has an unknown field, its missing fields come after the others: a
    misspelt field name causes both, and the unknown one (with its "did you mean") is the
    one to fix. The problem that counts a file's problems not kept comes last in it.
    """
    order = {escaped(str(file)): position for position, file in enumerate(files)}
    misspelt = {(p.file, p.line) for p in problems if p.code == "unknown-field"}

    def key(p: Problem) -> tuple[int, bool, int, bool]:
        later = p.code == "missing-field" and (p.file, p.line) in misspelt
        return order.get(p.file, -1), p.code == MORE_PROBLEMS, p.line or 0, later

    return sorted(problems, key=key)


def _load_file(
    name: str,
    text: str,
    suffix: str,
    *,
    sources: DatasetSources,
    collected: dict[str, list[Any]],
    decoded: bool,
    log: ProblemLog,
) -> None:
    """Read one file's text by its suffix: CSV work periods, JSON, or else TOML.

    Its records go to ``collected``, its problems to ``log``. ``decoded`` says the text
    was decoded from UTF-8, and so holds no lone surrogate (UTF-8 cannot encode one);
    other text is checked for them.
    """
    raw = not decoded and _unencodable(text)
    if suffix == ".csv":
        _load_csv(name, text, sources=sources, collected=collected, raw=raw, log=log)
        return
    is_toml = suffix != ".json"
    # A JSON escape (\ud800) makes a surrogate from valid text; a pair of them makes one
    # character beyond the Basic Multilingual Plane, and only a lone one is left as is.
    raw = raw or (not is_toml and _SURROGATE_ESCAPE.search(text) is not None)
    _load_text(name, text, is_toml=is_toml, sources=sources, collected=collected, raw=raw, log=log)


_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = (
    "text with a lone surrogate (not valid Unicode): a character code from \\ud800 to "
    "\\udfff that is not half of a pair"
)


def _unencodable(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate; quick for ASCII text, the usual case."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _lone_surrogates(name: str, data: Any, lines: _Lines | None, log: ProblemLog) -> bool:
    """Whether ``data`` has text with a lone surrogate; a located problem in ``log`` for each.

    Text that holds one cannot be written as UTF-8, so it would fail every report and
    ``dump`` later; it is refused at load, where it can be located.
    """
    found = False
    # Not recursive (the data may be nested as deep as the parser goes), and one iterator
    # per level, so that the walk costs memory by depth, not by the number of values.
    stack: list[tuple[Iterator[tuple[Any, Any]], tuple[str | int, ...]]] = []
    if isinstance(data, dict):
        stack.append((iter(data.items()), ()))
    elif isinstance(data, list):
        stack.append((enumerate(data), ()))
    elif isinstance(data, str) and _SURROGATE.search(data):
        found = True
        log.add_or_count(name, _lone_surrogate, name, data, (), lines)
    while stack:
        entries, where = stack[-1]
        for key, value in entries:
            if isinstance(key, str) and _SURROGATE.search(key):
                found = True
                log.add_or_count(name, _lone_surrogate, name, data, (*where, key), lines)
            elif isinstance(value, str):
                if _SURROGATE.search(value):
                    found = True
                    log.add_or_count(name, _lone_surrogate, name, data, (*where, key), lines)
            elif isinstance(value, dict):
                stack.append((iter(value.items()), (*where, key)))
                break
            elif isinstance(value, list):
                stack.append((enumerate(value), (*where, key)))
                break
        else:
            stack.pop()
    return found


def _lone_surrogate(
    name: str, data: Any, where: tuple[str | int, ...], lines: _Lines | None
) -> Problem:
    if not where or not isinstance(where[0], str):
        path = ""
    else:
        table = where[0]
        records = data.get(table) if isinstance(data, dict) else None
        path = render_path(table, records if isinstance(records, list) else [], where[1:])
    line = line_of(lines, where) if lines is not None else None
    return Problem("encoding", name, path, _LONE_SURROGATE, line=line)


def _load_text(
    name: str,
    text: str,
    *,
    is_toml: bool,
    sources: DatasetSources,
    collected: dict[str, list[Any]],
    log: ProblemLog,
    raw: bool = False,
) -> None:
    data, problems = _parse(name, text, is_toml=is_toml)
    if problems:
        for problem in problems:
            log.add(problem)
        return
    # The line of each record, found now, while the text is in memory: it locates the
    # file's problems and, later, every finding about its records (see _sources).
    lines = header_lines(text) if is_toml else None
    if raw and _lone_surrogates(name, data, lines, log):  # the text may hold one
        return
    mark = len(log.kept)
    _structure_tables(name, data, lines, sources=sources, collected=collected, log=log, text=text)
    # Data that fits the model nests no deeper than the model does, so only data with a
    # problem can be nested too deeply: valid data pays nothing for this check.
    if log.found_since(mark, name) and nested_too_deeply(data):
        log.take(mark, name)
        log.add(Problem("too-large", name, "", TOO_DEEP))


def _structure_tables(
    name: str,
    data: Any,
    lines: _Lines | None,
    *,
    sources: DatasetSources,
    collected: dict[str, list[Any]],
    log: ProblemLog,
    text: str | None = None,
) -> None:
    """The records of every table of one file's data into ``collected``; problems to ``log``.

    ``text``, the TOML text of ``data``, locates a problem with a field at its own line.
    """
    _check_tables(name, data, lines, log)
    if not isinstance(data, dict):
        return
    file_index = sources.add_file(name, lines)
    located = FieldLines(lines, text) if lines is not None and text is not None else lines
    for table, raw in data.items():
        if table not in _TUPLE_TYPES or not isinstance(raw, list):
            continue  # reported by _check_tables
        records = _structure(name, table, raw, located, log)
        collected[table].extend(records)
        sources.add_records(table, file_index, len(records))


def _structure(
    name: str, table: str, raw: list[Any], lines: _Lines | None, log: ProblemLog
) -> tuple[Any, ...]:
    """The records of one table of one file, or no records and its problems in ``log``.

    Valid data takes the fast path. Otherwise the detailed converter says what is wrong,
    keeping the errors of only as many records as ``log`` has room for problems
    (:func:`keeping_errors`); the problems of the others are counted.
    """
    target = _TUPLE_TYPES[table]
    try:
        return fast.structure(raw, target)
    except Exception:  # any failure is re-run in detail below
        pass
    room = log.room
    try:
        with keeping_errors(room):
            return detailed.structure(raw, target)
    except Exception as exc:  # turned into located problems
        found = problems_from_exception(exc, file=name, table=table, raw=raw, lines=lines)
        kept = list(islice(found, room))
        for problem in kept:
            log.add(problem)
        log.count(name, problem_count(exc) - len(kept))
        return ()


# -- CSV work periods ---------------------------------------------------------------------


def _load_csv(
    name: str,
    text: str,
    *,
    sources: DatasetSources,
    collected: dict[str, list[Any]],
    log: ProblemLog,
    raw: bool = False,
) -> None:
    """Read a CSV file of work periods into ``collected``, and its problems into ``log``.

    The first record is the header. Each later row becomes a plain ``work_period``
    table of its non-empty values, structured by the same converter as TOML and JSON
    (so a local time is read as Europe/London time, and refused when a clock change
    makes it doubtful). Row ``i`` is ``work_period[i]`` of the file, located at its line.
    """
    if not raw and _csv_plainly(name, text, sources=sources, collected=collected):
        return
    records = _csv_records(name, text, log)
    header = next(records, None)
    if header is None:
        message = f"the file has no header row; a work-period file starts with {_CSV_NEEDS}"
        log.add(Problem("syntax", name, "", message, line=1))
        return
    columns = _csv_header(name, *header, log)
    rows: list[dict[str, str]] = []
    lines = HeaderLines()
    numbers = lines.arrays[_CSV_TABLE] = array("l")  # the line of each row, in order
    for line, cells in records:
        if len(cells) > len(header[1]):
            log.add_or_count(name, _csv_too_wide, name, line, len(cells), len(header[1]))
        numbers.append(line)
        rows.append(
            {column: cells[i] for column, i in columns.items() if i < len(cells) and cells[i]}
        )
    if any(column not in columns for column in _CSV_REQUIRED):
        return  # every row would lack the column: the header problem says it once
    if raw and _lone_surrogates(name, {_CSV_TABLE: rows}, lines, log):  # the text may hold one
        return
    found = _structure(name, _CSV_TABLE, rows, lines, log)
    file_index = sources.add_file(name, lines)
    collected[_CSV_TABLE].extend(found)
    sources.add_records(_CSV_TABLE, file_index, len(found))


_NOT_PLAIN = re.compile(r'["\x00\ufeff]|[^\S\n]')
"""What a plain CSV file never holds: a quote, a NUL, a byte-order mark, or any white
space but line feeds (what ``str.strip`` would take off a value, and carriage returns)."""
_NOT_PLAIN_ASCII = tuple('"\x00') + tuple(
    c for c in map(chr, range(128)) if c.isspace() and c != "\n"
)
"""The same, for ASCII text: each looked for by a fast substring search."""


_MOMENTS_SEEN = 100_000
"""The most moments :func:`_csv_plainly` keeps by their text while reading a file."""


def _csv_plainly(
    name: str, text: str, *, sources: DatasetSources, collected: dict[str, list[Any]]
) -> bool:
    """Read the usual CSV file of work periods the quick way; ``False`` to read it carefully.

    The usual file, as a rostering system exports it, has no quotes, no spaces, a header
    of known columns and a value in every required column of every row. Its lines are
    split on commas, and each row makes its ``WorkPeriod`` directly, each moment read
    by the converter's own hook, without a table of text per row. Anything else (a
    quote, a space, an unknown or missing column, an empty value, a row too wide, a
    value the hook refuses) gives ``False`` before anything is kept, and :func:`_load_csv`
    reads the file its careful way, which says what is wrong: the two ways give equal
    records for every file this one accepts.
    """
    if text.isascii():  # known at once: then the only white space is ASCII's
        if any(character in text for character in _NOT_PLAIN_ASCII):
            return False
    elif _NOT_PLAIN.search(text) is not None:
        return False
    lines = text.split("\n")
    if max(map(len, lines)) > csv.field_size_limit():
        return False  # the careful reader refuses a value that long
    columns = lines[0].split(",")
    if len(set(columns)) < len(columns) or not set(columns) <= set(_CSV_COLUMNS):
        return False
    if not set(_CSV_REQUIRED) <= set(columns):
        return False
    width = len(columns)
    who, start, end = (columns.index(column) for column in _CSV_REQUIRED)
    aboard = columns.index("vessel") if "vessel" in columns else width
    intern, read = sys.intern, moment
    seen: dict[str, Any] = {}  # each moment's text read once (a roster repeats its times)
    periods: list[WorkPeriod] = []
    numbers = array("l")
    try:
        for number, line in enumerate(lines[1:], start=2):
            if not line:
                continue  # a blank line, or the end of the last line
            cells = line.split(",")
            if len(cells) > width:
                return False
            vessel = cells[aboard] if aboard < len(cells) else ""
            person = cells[who]
            if not person:
                return False
            began, ended = cells[start], cells[end]
            first = seen.get(began)
            if first is None:
                first = read(began, None)
                if len(seen) < _MOMENTS_SEEN:
                    seen[began] = first
            last = seen.get(ended)
            if last is None:
                last = read(ended, None)
                if len(seen) < _MOMENTS_SEEN:
                    seen[ended] = last
            periods.append(
                WorkPeriod(intern(person), first, last, intern(vessel) if vessel else None)
            )
            numbers.append(number)
    except Exception:  # a short row, an empty or bad value: the careful way says which
        return False
    found = HeaderLines()
    found.arrays[_CSV_TABLE] = numbers
    file_index = sources.add_file(name, found)
    collected[_CSV_TABLE].extend(periods)
    sources.add_records(_CSV_TABLE, file_index, len(periods))
    return True


def _csv_records(name: str, text: str, log: ProblemLog) -> Iterator[tuple[int, list[str]]]:
    """``(line, values)`` of each record that is not blank.

    Values are stripped of spaces, and empty values at the end of a record are dropped.
    Malformed records (a stray or unclosed quote) are problems in ``log``, and skipped.
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
            log.add_or_count(name, _csv_syntax, name, line, str(exc))
            if reader.line_num < line:  # nothing was consumed: the reader cannot go on
                return
            continue
        values = [cell.strip() for cell in cells]
        while values and not values[-1]:
            values.pop()
        if values:
            yield line, values


_CSV_ERRORS = {
    "',' expected after '\"'": (
        "',' or the end of the line after a closing quote",
        "more text",
        'a quote inside a quoted value is written twice, as in "say ""yes"""',
    ),
    "unexpected end of data": ("a closing quote", "the end of the file", None),
}


def _csv_syntax(name: str, line: int, error: str) -> Problem:
    """A CSV record the reader cannot split into values, in plain words."""
    expected, found, advice = _CSV_ERRORS.get(error, (None, None, None))
    limit = re.fullmatch(r"field larger than field limit \(([0-9]+)\)", error)
    if limit is not None:
        expected = f"values of at most {int(limit[1]):,} characters"
        found = "a longer value"
    if expected is None or found is None:
        return Problem("syntax", name, "", f"invalid CSV: {error}", line=line)
    message = f"invalid CSV: expected {expected}, found {found}"
    message += f"; {advice}" if advice else ""
    return Problem("syntax", name, "", message, line=line, expected=expected, found=found)


def _csv_header(name: str, line: int, cells: list[str], log: ProblemLog) -> dict[str, int]:
    """The position of each known column; the header's problems go to ``log``."""
    columns: dict[str, int] = {}
    for position, column in enumerate(cells):
        where = f"column {position + 1}"
        if (column not in _CSV_COLUMNS or column in columns) and log.full:
            log.count(name)  # without the search for a column it might have meant
            continue
        if column in columns:
            message = f"{where}: the column {quote(column)} appears twice in the header"
            log.add(
                Problem(
                    "syntax",
                    name,
                    "",
                    message,
                    line=line,
                    expected="each column once in the header",
                    found=excerpt(column),
                )
            )
        elif column not in _CSV_COLUMNS:
            hint = suggest(column, _CSV_COLUMNS) if column else None
            advice = (
                f"did you mean {hint!r}?" if hint else "known columns: " + ", ".join(_CSV_COLUMNS)
            )
            what = f"unknown column {quote(column)}" if column else "a column without a name"
            message = f"{where}: {what}; {advice}"
            log.add(
                Problem(
                    "unknown-field",
                    name,
                    "",
                    message,
                    line=line,
                    expected="one of the columns " + ", ".join(_CSV_COLUMNS),
                    found=excerpt(column),
                )
            )
        else:
            columns[column] = position
    for column in _CSV_REQUIRED:
        if column not in columns:
            message = f"the header has no column {column!r}; a work-period file needs {_CSV_NEEDS}"
            log.add(Problem("missing-field", name, "", message, line=line, expected=_CSV_NEEDS))
    return columns


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


@sharing_values()
def loads(
    text: str, *, format: str = "toml", name: str = "<string>", max_problems: int = MAX_PROBLEMS
) -> Fleet:
    """Load a dataset from TOML (``format="toml"``), JSON (``"json"``) or CSV (``"csv"``) text.

    CSV text holds work periods, as a ``.csv`` file does. ``name`` stands for the file
    name in problem messages and record locations. Raises :class:`~maritime_crew.io.DataError` as
    :func:`~maritime_crew.io.load` does, with the first ``max_problems`` problems.
    """
    if format not in ("toml", "json", "csv"):
        raise ValueError(f"format must be 'toml', 'json' or 'csv', not {format!r}")
    log = ProblemLog(_problem_limit(max_problems))
    sources = DatasetSources()
    collected: dict[str, list[Any]] = {table.name: [] for table in TABLES}
    _load_file(
        name,
        text.removeprefix("\ufeff"),
        f".{format}",
        sources=sources,
        collected=collected,
        decoded=False,
        log=log,
    )
    problems = log.problems()
    if problems:
        raise DataError(_in_order(problems, [Path(name)]))
    return _fleet(collected, sources)


def from_data(
    data: Mapping[str, Any], *, name: str = "<data>", max_problems: int = MAX_PROBLEMS
) -> Fleet:
    """A fleet from plain data in the dataset format, checked as a file is loaded.

    ``data`` maps table names to lists of records, as a parsed file holds them (dates as
    date objects or ISO text; :func:`~maritime_crew.io.to_data` gives such data, in
    either mode). For a program that builds a dataset in memory: every problem is a
    :class:`~maritime_crew.io.DataError` problem with its record path (``person[BF1].certificates[0]
    .issued``) instead of a file line, all of them at once, the first ``max_problems``
    kept. ``name`` stands for the file name in problems and record locations.
    """
    log = ProblemLog(_problem_limit(max_problems))
    sources = DatasetSources()
    collected: dict[str, list[Any]] = {table.name: [] for table in TABLES}
    tables = dict(data) if isinstance(data, Mapping) else data
    _structure_tables(name, tables, None, sources=sources, collected=collected, log=log)
    problems = log.problems()
    if problems:
        raise DataError(_in_order(problems, [Path(name)]))
    return _fleet(collected, sources)


def record_from_data(
    table: str | type[Any], data: Mapping[str, Any], *, name: str = "<data>"
) -> Any:
    """One record of a dataset table from plain data, checked as a file's records are.

    ``table`` is the table's name (``"person"``) or its record class
    (:class:`~maritime_crew.model.Person`); ``data`` is the record as a file holds it
    (dates as date objects or ISO text; ``to_data(record)`` gives one). Raises
    :class:`~maritime_crew.io.DataError` with every problem by record path
    (``person[BF1].certificates[0].issued``), as :func:`from_data` does.
    """
    names = {record.record: record.name for record in TABLES}
    found = names.get(table) if isinstance(table, type) else table
    if found not in _TUPLE_TYPES:
        known = [record.name for record in TABLES]
        hint = suggest(str(table), known)
        advice = f"did you mean {hint!r}?" if hint else "expected one of " + ", ".join(known)
        raise ValueError(f"{table!r} is not a dataset table: {advice}")
    log = ProblemLog(_problem_limit(MAX_PROBLEMS))
    records = _structure(name, found, [data], None, log)
    problems = log.problems()
    if problems:
        raise DataError(problems)
    return records[0]


def _fleet(collected: dict[str, list[Any]], sources: DatasetSources) -> Fleet:
    return Fleet(
        **{table.attribute: tuple(collected[table.name]) for table in TABLES}, sources=sources
    )
