"""Where records came from: the line of each ``[[table]]`` header in a TOML file.

tomli does not report positions, so the header lines are found by a scan of the file
text that follows the TOML grammar for table headers and multi-line strings. Array
elements written inline (``person = [{ ... }]``) have no header; they are located by
the nearest enclosing header instead.

A file's header lines are found as it is loaded, while its text is in memory, and a
fleet remembers which file and which ordinal each record came from. A CSV file holds one
record per line, so its lines are known as it is read. Finding the lines then, not when
a finding first asks, costs a load a few per cent, and spares the check a second
reading of every file (at 100,000 people, a quarter of a gigabyte of text); and every
location is of the text that was loaded, even if the file has changed since.

A large file is mostly one array of tables (``[[deployment]]`` a million times). The
lines of such an array are kept as an array of numbers, not a key each, and a run of
one header to the end of a file is numbered by string methods, not line by line.
"""

from __future__ import annotations

import bisect
import operator
import re
from array import array
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate, repeat
from pathlib import Path

from ..model import SourceLocation

__all__ = [
    "DatasetSources",
    "FieldLines",
    "HeaderLines",
    "header_lines",
    "key_lines",
    "line_of",
]

_HEADER = re.compile(r"\s*(\[\[?)\s*(.+?)\s*(\]\]?)\s*(?:#.*)?")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TABLE_LINE = re.compile(r"\n([ \t\f\v\r]*\[[^\n]*)")
"""A line that starts with ``[`` (matched from the line feed before it)."""
_DELIMITER = re.compile(r"\"\"\"|\'\'\'")
_TOP_KEY = re.compile(r"([A-Za-z0-9_-]+)\s*=")
_INDENTED_TABLE_LINE = re.compile(r"\n[ \t\f\v\r]+\[")
_TRIES = 3
"""How many headers of a file :func:`header_lines` tries as the file's last run."""
_WINDOW = 1 << 20
"""About how many characters of text :func:`_repeats` splits at a time."""

TablePath = tuple[str | int, ...]
"""Where a table sits in a file: ``("person", 1, "certificates", 0)``."""


class _Lines(Mapping[TablePath, int]):
    """Lines by table path, answered by ``get``: ``None`` where a path has none."""

    __slots__ = ()

    def get(self, path: TablePath, default: int | None = None) -> int | None:  # type: ignore[override]
        """The line of ``path``, or ``default``."""
        raise NotImplementedError

    def __getitem__(self, path: TablePath) -> int:
        line = self.get(path)
        if line is None:
            raise KeyError(path)
        return line


class HeaderLines(_Lines):
    """The 1-based line of each table header of a file, by the table's path.

    The headers of top-level arrays of tables (``("person", 3)``) are kept as one array
    of line numbers per array, which holds a large file's million headers in a few
    megabytes; every other path has its own key.
    """

    __slots__ = ("arrays", "paths")

    def __init__(self) -> None:
        self.paths: dict[TablePath, int] = {}
        self.arrays: dict[str, array[int]] = {}

    def get(self, path: TablePath, default: int | None = None) -> int | None:  # type: ignore[override]
        """The line of ``path``, or ``default``; the lookup every finding makes."""
        if len(path) == 2:
            name, index = path
            lines = self.arrays.get(name) if isinstance(name, str) else None
            if lines is not None:
                if isinstance(index, int) and 0 <= index < len(lines):
                    return lines[index]
                return default
        return self.paths.get(path, default)

    def __iter__(self) -> Iterator[TablePath]:
        yield from self.paths
        for name, lines in self.arrays.items():
            for index in range(len(lines)):
                yield (name, index)

    def __len__(self) -> int:
        return len(self.paths) + sum(len(lines) for lines in self.arrays.values())

    def __repr__(self) -> str:
        return f"HeaderLines({dict(self)!r})"


def _split_key(text: str) -> list[str] | None:
    """Split a dotted TOML key into its parts, honouring quotes; ``None`` if malformed."""
    parts: list[str] = []
    position = 0
    while True:
        while position < len(text) and text[position] in " \t":
            position += 1
        if position >= len(text):
            return None
        quote = text[position]
        if quote in "\"'":
            end = text.find(quote, position + 1)
            while quote == '"' and end > 0 and text[end - 1] == "\\":
                end = text.find(quote, end + 1)
            if end < 0:
                return None
            parts.append(text[position + 1 : end])
            position = end + 1
        else:
            match = _BARE_KEY.match(text, position)
            if match is None:
                return None
            parts.append(match.group())
            position = match.end()
        while position < len(text) and text[position] in " \t":
            position += 1
        if position == len(text):
            return parts
        if text[position] != ".":
            return None
        position += 1


def header_lines(text: str) -> HeaderLines:
    """Map the path of every table header in ``text`` to its 1-based line number.

    ``[[person]]`` headers become ``("person", 0)``, ``("person", 1)`` …; a
    ``[[person.certificates]]`` header under the second person becomes
    ``("person", 1, "certificates", 0)``; ``[terms.consultation]`` under the first
    terms set becomes ``("terms", 0, "consultation")``. A key given a value before the
    first header (``person = [...]``, or ``vessel = "x"`` by mistake) maps too, as
    ``("person",)``. Lines are counted as TOML counts them, by line feeds.

    Up to the first header every line is read; after it, only the lines that may start
    a table or open or close a multi-line string (found by one regular-expression scan).
    Once a header of a top-level array of tables is seen, and the file holds no
    multi-line string, the rest of the file is tried as repeats of that header alone
    (see :func:`_repeats`), once for each such header and for at most :data:`_TRIES`
    headers, so that a file of many different headers is still read once.
    """
    scan = _HeaderScan()
    position, number, counted = 0, 0, 0
    line = ""
    while scan.top and position <= len(text):
        end = text.find("\n", position)
        end = end if end >= 0 else len(text)
        number += 1
        line = text[position:end]
        scan.line(line, number)
        counted, position = position, end + 1  # ``number`` is the line at ``counted``
    plain = '"""' not in text and "'''" not in text
    tried: set[str] = set()
    candidates = _candidate_lines(text, position, plain=plain)
    while True:
        if plain and scan.repeating == line and line not in tried and len(tried) < _TRIES:
            tried.add(line)
            lines = _repeats(text, counted, line, number)
            if lines is not None:
                scan.repeat_lines(lines)
                break
        start_line = next(candidates, None)
        if start_line is None:
            break
        start, line = start_line
        number += text.count("\n", counted, start)
        counted = start
        scan.line(line, number)
    return scan.lines


def _repeats(text: str, start: int, header: str, number: int) -> list[int] | None:
    """Lines of the repeats of the header line at ``start``, on line ``number``, after it.

    ``None`` unless every later line that starts a table is that header, on a line of
    its own and not the file's last (in a file with no multi-line string, any line that
    starts with ``[`` starts a table). The text after the header is split at the repeats
    with their line feeds, and the line feeds of the pieces in between counted.

    The text is split a window of about :data:`_WINDOW` characters at a time, each
    ending just after a repeat, so the pieces of one window are freed before the next
    is split: a file of a hundred megabytes is not copied again whole, into memory the
    system must first hand over page by page.
    """
    end = start + len(header)  # the line feed that ends the header's line
    separator = "\n" + header + "\n"
    # Separators are found from the start, as ``count`` finds them, and cannot overlap:
    # of two repeats on consecutive lines, the second is not counted.
    before = text.count(separator, 0, end + 1)  # the header's own, unless it opens the file
    after = text.count(separator) - before
    if text.count("\n[", end) != after or _INDENTED_TABLE_LINE.search(text, end):
        return None  # another table, two repeats on consecutive lines, or one at the end
    # Every separator from the header's line feed on is one of the ``after`` repeats (the
    # first is there when the file opens with two repeats), and none overlaps another, so
    # each window's separators are the text's. Repeat k is on ``number`` - 1 + the line
    # feeds of the k pieces before it (the first from that line feed) + 2 for each
    # separator.
    counts: list[int] = []
    position = end
    while True:
        cut = text.find(separator, position + _WINDOW)
        pieces = text[position : cut + len(separator) if cut >= 0 else len(text)].split(separator)
        del pieces[-1]  # after the window's last separator: the next window's, or the tail
        counts += map(str.count, pieces, repeat("\n"))
        if cut < 0:
            break
        position = cut + len(separator)
    lines = list(accumulate(map(operator.add, counts, repeat(2)), initial=number - 1))
    del lines[0]
    return lines


class _HeaderScan:
    """What :func:`header_lines` knows so far, one line at a time."""

    def __init__(self) -> None:
        self.lines = HeaderLines()
        self.top = True
        """Before the first header: a line may give a top-level key a value."""
        self._current: dict[TablePath, int] = {}
        self._headers: dict[str, tuple[bool, list[str]] | None] = {}
        self._open_string: str | None = None
        self.repeating: str | None = None
        """The last header line, when it opened an array of tables at the top level: a file
        holds thousands of ``[[person]]`` lines, and each is numbered without parsing."""
        self._repeat_table: tuple[str] = ("",)
        self._repeat_lines: array[int] = array("l")

    def repeat_lines(self, lines: list[int]) -> None:
        """Number the lines of more repeats of the last header, found all at once."""
        self._repeat_lines.extend(lines)
        self._current[self._repeat_table] += len(lines)

    def line(self, line: str, number: int) -> None:
        if self._open_string is not None:
            if line.count(self._open_string) % 2 == 1:
                self._open_string = None
            return
        if line == self.repeating:
            self._current[self._repeat_table] += 1
            self._repeat_lines.append(number)
            return
        stripped = line.lstrip()
        if self.top and (key := _TOP_KEY.match(stripped)):
            self.lines.paths.setdefault((key.group(1),), number)
        if stripped.startswith("["):
            headers = self._headers
            header = headers[line] if line in headers else headers.setdefault(line, _header(line))
            if header is not None:
                self.top = False
                is_array, parts = header
                current = self._current
                path: tuple[str | int, ...] = ()
                for part in parts[:-1]:
                    path += (part,)
                    if path in current:
                        path += (current[path],)
                path += (parts[-1],)
                if is_array:
                    index = current.get(path, -1) + 1
                    current[path] = index
                    path += (index,)
                if is_array and len(parts) == 1:
                    arrays = self.lines.arrays
                    self._repeat_lines = arrays.setdefault(parts[0], array("l"))
                    self._repeat_lines.append(number)
                    self.repeating, self._repeat_table = line, (parts[0],)
                else:
                    self.lines.paths[path] = number
                    self.repeating = None
            return
        for delimiter in ('"""', "'''"):
            if line.count(delimiter) % 2 == 1:
                self._open_string = delimiter
                break


def _candidate_lines(text: str, position: int, *, plain: bool) -> Iterator[tuple[int, str]]:
    """Where each line from ``position`` on that may matter starts, with its text.

    Those are the lines that start with ``[`` and those that hold a multi-line string
    delimiter; any other line after the first header neither starts a table nor opens or
    closes a string. ``position`` is the start of a line after the first. In a ``plain``
    text, one with no delimiter, the lines are found as they are asked for.
    """
    found = ((match.start(1), match.group(1)) for match in _TABLE_LINE.finditer(text, position - 1))
    if plain:
        return found
    starts = {start for start, _ in found}
    starts.update(
        text.rfind("\n", 0, match.start()) + 1 for match in _DELIMITER.finditer(text, position)
    )
    lines = []
    for start in sorted(starts):
        end = text.find("\n", start)
        lines.append((start, text[start : end if end >= 0 else len(text)]))
    return iter(lines)


def _header(line: str) -> tuple[bool, list[str]] | None:
    """Whether a header line opens an array of tables, and its key's parts (``None``: no header)."""
    match = _HEADER.fullmatch(line)
    parts = _split_key(match.group(2)) if match else None
    if match is None or not parts or len(match.group(1)) != len(match.group(3)):
        return None
    return match.group(1) == "[[", parts


class DatasetSources:
    """Locates records of a loaded fleet: file, and line of the table header.

    For each table it keeps, in fleet order, runs of records that came from one file,
    so a record's file and ordinal within that file are found by bisection.
    """

    def __init__(self) -> None:
        self._files: list[Mapping[TablePath, int] | None] = []
        self._names: list[str] = []
        self._runs: dict[str, tuple[list[int], list[int]]] = {}
        self._counts: dict[str, int] = {}
        self.unread: tuple[Path, ...] = ()
        """The data-like files the load passed over (see ``io.unread_files``)."""

    def add_file(self, path: str, lines: Mapping[TablePath, int] | None) -> int:
        """Register a file, with the line of each record where known; returns its index.

        ``lines`` maps a record's path within the file, such as ``("person", 0)`` or
        ``("work_period", 3)``, to its line: a TOML file's :func:`header_lines`, a CSV
        file's rows. A JSON file has none.
        """
        self._names.append(path)
        self._files.append(lines)
        return len(self._names) - 1

    def add_records(self, table: str, file_index: int, count: int) -> None:
        """Record that the next ``count`` records of ``table`` came from a file."""
        if count == 0:
            return
        starts, files = self._runs.setdefault(table, ([], []))
        starts.append(self._counts.get(table, 0))
        files.append(file_index)
        self._counts[table] = self._counts.get(table, 0) + count

    def __call__(self, path: tuple[str | int, ...]) -> SourceLocation | None:
        """The file and header line of the record at ``path`` (see ``Fleet.source_of``)."""
        if len(path) < 2 or not isinstance(path[0], str) or not isinstance(path[1], int):
            return None
        runs = self._runs.get(path[0])
        if runs is None or not 0 <= path[1] < self._counts[path[0]]:
            return None
        starts, files = runs
        run = bisect.bisect_right(starts, path[1]) - 1
        file_index = files[run]
        local = (path[0], path[1] - starts[run], *path[2:])
        lines = self._files[file_index]
        line = line_of(lines, local) if lines is not None else None
        return SourceLocation(self._names[file_index], line)


class FieldLines(_Lines):
    """Header lines, and the line of a field written as ``key = value`` in its table.

    A load problem about a field (``person[BF1003].certificates[0].expires``) is located
    at the field's own line where the field's table has a header of its own, not only at
    the header. Asked only for problems, so the file's line offsets are found the first
    time one is asked for, and valid data pays nothing.
    """

    __slots__ = ("_starts", "headers", "text")

    def __init__(self, headers: Mapping[TablePath, int], text: str) -> None:
        self.headers = headers
        self.text = text
        self._starts: array[int] | None = None

    def get(self, path: TablePath, default: int | None = None) -> int | None:  # type: ignore[override]
        """The header line of ``path``, else the line of its key in its table's own body."""
        line = self.headers.get(path)
        if line is not None:
            return line
        if len(path) >= 3 and isinstance(path[-1], str):
            header = self.headers.get(path[:-1])
            if header is not None:
                found = self._key_line(header, path[-1])
                if found is not None:
                    return found
        return default

    def _key_line(self, header: int, key: str) -> int | None:
        """The line of ``key = …`` after the header on line ``header``, before the next one."""
        if self._starts is None:
            self._starts = array("q", [0])
            self._starts.extend(match.end() for match in re.finditer("\n", self.text))
        starts = self._starts
        for index in range(header, len(starts)):  # the lines after the header (0-based)
            start = starts[index]
            end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
            text = self.text[start:end]
            if text.lstrip().startswith("["):
                return None  # the next table: the key is not written in this one
            if _key_of(text) == [key]:
                return index + 1
        return None

    def __iter__(self) -> Iterator[TablePath]:
        return iter(self.headers)

    def __len__(self) -> int:
        return len(self.headers)


_KEY_VALUE = re.compile(r"[ \t]*([^=#\[\s][^=]*?)[ \t]*=")


def _key_of(line: str) -> list[str] | None:
    """The key a ``key = value`` line sets, split at its dots; ``None`` for another line."""
    found = _KEY_VALUE.match(line)
    return None if found is None else _split_key(found.group(1))


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The first line of every table header and every ``key =`` of a TOML text, by key path.

    ``[rules.CERT002]`` on line 4 and its ``within-days = 60`` on line 5 give
    ``("rules", "CERT002"): 4`` and ``("rules", "CERT002", "within-days"): 5``. For a
    small file read again to locate its problems (a configuration file); a dataset's
    table headers are found as it is loaded.
    """
    found: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _header(line)
        if header is not None:
            table = tuple(header[1])
            found.setdefault(table, number)
            continue
        key = _key_of(line)
        if key is not None:
            found.setdefault((*table, *key), number)
    return found


def line_of(lines: Mapping[TablePath, int], path: Sequence[str | int]) -> int | None:
    """The line of the deepest header that encloses ``path``, if any."""
    for length in range(len(path), 0, -1):
        line = lines.get(tuple(path[:length]))
        if line is not None:
            return line
    return None
