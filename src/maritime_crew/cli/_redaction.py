"""``--redact`` at the edge: one redactor for everything a command writes.

While a command runs under ``--redact`` (:func:`redacting`), every text it writes, to
standard output, standard error or an ``--output`` file, passes through one
:class:`~maritime_crew.report.Redactor` first. Once the dataset is loaded the redactor
knows every person in it (:func:`use_fleet`). A dataset that cannot be loaded gives no
fleet: its load error is shown with no value from the data at all, and with the names of
whatever person records can still be read from its files replaced
(:func:`withheld_load_error`).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..io import DataError, Problem
    from ..model import Fleet
    from ..report import Redactor

__all__ = [
    "redacted",
    "redacted_cell",
    "redacting",
    "use_fleet",
    "withheld_load_error",
]


class _Redaction:
    """Whether the running command redacts, and its redactor once it has one."""

    def __init__(self) -> None:
        self.redactor: Redactor | None = None


_CURRENT: contextvars.ContextVar[_Redaction | None] = contextvars.ContextVar(
    "maritime_crew_redaction", default=None
)
"""The redaction of the command running in this thread (or task); ``None`` if none."""


@contextlib.contextmanager
def redacting(wanted: bool) -> Iterator[None]:
    """Redact everything the command writes while it runs, if ``wanted`` (``--redact``).

    Kept per thread, so a program that runs commands in-process on several threads
    redacts exactly the ones asked to.
    """
    token = _CURRENT.set(_Redaction() if wanted else None)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def use_fleet(fleet: Fleet, *others: Fleet) -> None:
    """Under ``--redact``, redact from now on with the names of ``fleet``'s people.

    ``others`` adds the people of more fleets: ``diff`` names people of two versions.
    """
    redaction = _CURRENT.get()
    if redaction is not None:
        from ..report import Redactor

        people = [(person.id, person.name) for other in others for person in other.people]
        redaction.redactor = Redactor(fleet, people=people)


def redacted(text: str, format: str = "text") -> str:
    """``text`` as the command may write it: every person's name replaced under ``--redact``.

    JSON (``format`` ``json`` or ``sarif``) is redacted in its strings, so it stays valid
    and a name written with escapes is found too; it is rewritten only if it named
    someone. In Markdown, what replaces a name is escaped as Markdown.
    """
    redaction = _CURRENT.get()
    redactor = redaction.redactor if redaction is not None else None
    if redactor is None:
        return text
    if format in ("json", "sarif"):
        try:
            value = json.loads(text)
        except ValueError:  # not JSON after all: redact it as text
            return redactor.text(text)
        replaced = redactor.value(value)
        if replaced == value:  # no one named: the text as it was, byte for byte
            return text
        end = "\n" if text.endswith("\n") else ""
        return json.dumps(replaced, indent=2, ensure_ascii=False) + end
    replaced_text = redactor.text(text)
    if format == "markdown" and replaced_text != text:
        # Replacements hold brackets: escape them where they were not in the text.
        replaced_text = _DESCRIBED.sub(r"\\[\1\\]", replaced_text)
    return replaced_text


_DESCRIBED = re.compile(r"(?<!\\)\[(name (?:of [^\]\s]*|redacted))\]")
"""What :class:`~maritime_crew.report.Redactor` puts for a name, unescaped."""


def redacted_cell(value: str) -> str:
    """A table cell (CSV, Markdown) under ``--redact``: a cell that is a name is described."""
    redaction = _CURRENT.get()
    redactor = redaction.redactor if redaction is not None else None
    return value if redactor is None else str(redactor.value(value))


# -- load errors ----------------------------------------------------------------------------


def withheld_load_error(problem: DataError, dataset: str | os.PathLike[str] | None) -> DataError:
    """A load error as ``--redact`` shows it: no value from the data, no known name.

    The dataset could not be loaded, so there is no fleet to know the people by. So:

    - every value a message quotes is withheld, unless it is a word of the format (a
      table, a field, a column, a choice), which is what a suggestion quotes:
      ``unknown column 'Alex Morgan'`` becomes ``unknown column (withheld)``, as
      ``found the text 'Alex Morgan'`` becomes ``found text (withheld)``;
    - in a problem's path, a field or table name that is not a word of the format is
      withheld too (record ids, which are staff numbers for people, stay);
    - the names of the person records that can still be read from the dataset's files
      (:func:`_people_in`) are replaced in file names, paths and messages, and so in
      everything the command writes after.
    """
    import attrs

    from ..io import DataError
    from ..report import Redactor

    redactor = Redactor(people=_people_in(dataset) if dataset is not None else ())
    redaction = _CURRENT.get()
    if redaction is not None:
        redaction.redactor = redactor
    problems = problem.redacted().problems

    def withheld(item: Problem) -> Problem:
        return attrs.evolve(
            item,
            file=redactor.text(item.file),
            path=redactor.text(_withheld_path(item.path)),
            message=redactor.text(_withheld_quotes(item.message)),
            found=None,
        )

    return DataError([withheld(item) for item in problems])


_QUOTED = re.compile(r"""(?<!\\)(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")""")
"""A quoted value, as ``repr`` writes one."""
_ADVICE = frozenset({"P12M", "P90D", "0123", "HMC Vigilant", "like this", "say ", "yes"})
"""The examples that load errors' advice quotes: not data, so shown."""


def _withheld_quotes(message: str) -> str:
    def quoted(match: re.Match[str]) -> str:
        value = match[1] if match[1] is not None else match[2]
        shown = (
            value in _ADVICE
            or value in _format_words()
            or not any(char.isalnum() for char in value)  # syntax, such as ']]'
        )
        return match[0] if shown else "(withheld)"

    return _QUOTED.sub(quoted, message)


_SEGMENT = re.compile(r"\[[^\]]*\]|[^.\[]+")


def _withheld_path(path: str) -> str:
    """``person[BF1003].certificates[0].expiry`` keeps only what the format names.

    Record ids and positions (in brackets) stay; a field or table name that is not a
    word of the format, which the dataset wrote, is withheld.
    """

    def segment(match: re.Match[str]) -> str:
        text = match[0]
        return text if text.startswith("[") or text in _format_words() else "(withheld)"

    return _SEGMENT.sub(segment, path)


@functools.cache
def _format_words() -> frozenset[str]:
    """The words of the dataset format: tables, fields, columns and choices."""
    from ..io import dataset_schema

    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, item in node.items():
                if key in ("properties", "$defs") and isinstance(item, dict):
                    words.update(item)
                elif key == "enum" and isinstance(item, list):
                    words.update(str(choice) for choice in item)
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(dataset_schema())
    return frozenset(words)


_MOST_BYTES = 64 * 1024**2
"""The most a file read for names may hold, and all of them together."""


def _people_in(dataset: str | os.PathLike[str]) -> list[tuple[str | None, str]]:
    """``(staff number, name)`` of each person record readable in the dataset's files.

    The dataset could not be loaded, but most of its files usually can be read: each
    TOML or JSON file inside the dataset (never through a link out of it, never a hidden
    one, at most :data:`_MOST_BYTES` in all) that parses gives the ``id`` and ``name`` of
    its ``[[person]]`` records, whatever else is wrong with them. A file that does not
    parse gives the names its lines write as ``name = "..."`` (in a ``[[person]]`` table
    of TOML; anywhere in JSON), without a staff number (``None``).
    """
    from ..io import dataset_files

    try:
        found = dataset_files(dataset)
    except (OSError, RuntimeError, ValueError):
        return []
    files = [file for file in found if file.suffix.lower() in (".toml", ".json")]
    people: list[tuple[str | None, str]] = []
    budget = _MOST_BYTES
    for file in files:
        try:
            size = file.stat().st_size
            if size > budget:
                break
            budget -= size
            text = file.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
        except OSError:
            continue
        is_json = file.suffix.lower() == ".json"
        try:
            data = json.loads(text) if is_json else _toml(text)
        except (ValueError, RecursionError, MemoryError):
            people += [(None, name) for name in _names_written(text, is_json=is_json)]
            continue
        records = data.get("person") if isinstance(data, dict) else None
        for record in records if isinstance(records, list) else ():
            if isinstance(record, dict) and isinstance(record.get("name"), str):
                staff_number = record.get("id")
                known = staff_number if isinstance(staff_number, str) and staff_number else None
                people.append((known, record["name"]))
    return people


_TOML_HEADER = re.compile(r"^\s*\[\[?\s*([^\]\s]+)")
_TOML_NAME = re.compile(r"""^\s*name\s*=\s*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')""")
_JSON_NAME = re.compile(r'"name"\s*:\s*("(?:[^"\\\n]|\\.)*")')


def _names_written(text: str, *, is_json: bool) -> list[str]:
    """The names a file that does not parse writes, line by line, as best they can be read."""
    if is_json:
        names = []
        for match in _JSON_NAME.finditer(text):
            with contextlib.suppress(ValueError):
                names.append(str(json.loads(match[1])))
        return names
    names, table = [], ""
    for line in text.splitlines():
        header = _TOML_HEADER.match(line)
        if header is not None:
            table = header[1]
            continue
        found = _TOML_NAME.match(line)
        if found is not None and table == "person":
            basic = found[1]
            if basic is None:
                names.append(found[2])
            else:
                with contextlib.suppress(ValueError):
                    names.append(str(json.loads(f'"{basic}"')))
    return names


def _toml(text: str) -> Any:
    import tomli

    return tomli.loads(text)
