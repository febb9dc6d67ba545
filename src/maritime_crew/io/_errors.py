"""Load errors: every problem in a dataset, located and explained in plain words."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ..model import InvalidValue
from ._converter import (
    InvalidChoice,
    Omitted,
    WrongType,
    describe,
    escaped,
    excerpt,
    quote,
    withhold,
)
from ._sources import line_of

__all__ = [
    "MORE_PROBLEMS",
    "DataError",
    "Problem",
    "ProblemLog",
    "did_you_mean",
    "nearest",
    "problems_from_exception",
    "render_path",
    "suggest",
]


@attrs.frozen
class Problem:
    r"""One problem found while loading a dataset.

    ``code`` is a stable machine code: ``syntax``, ``encoding``, ``file``,
    ``too-large`` (beyond a limit of the format), ``unknown-table``, ``unknown-field``,
    ``missing-field``, ``wrong-type``, ``invalid-choice`` or ``invalid-value``; and
    ``more-problems``, the last problem of a file whose problems were not all kept,
    which stands for the ``omitted`` ones (see ``max_problems`` of
    :func:`~maritime_crew.io.load`). ``path`` leads to the value inside the file, using
    record ids where records have them (``person[BF1003].certificates[0].expires``); it
    is empty for whole-file problems. ``line`` is the line of the enclosing
    ``[[table]]`` header (or of a syntax error).

    The file, path, message and what was found never hold an unprintable character:
    each is written as its escape (``\x1b``), so a problem can always be printed and
    cannot drive the terminal it is printed on.
    """

    code: str
    file: str = attrs.field(converter=escaped)
    path: str = attrs.field(converter=escaped)
    message: str = attrs.field(converter=escaped)
    line: int | None = None
    expected: str | None = None
    found: str | None = attrs.field(default=None, converter=attrs.converters.optional(escaped))
    omitted: int = 0
    """For a ``more-problems`` problem, how many problems of the file it stands for."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        # A path holds names and ids from the data, which may be absurdly long.
        path = self.path if len(self.path) <= 200 else self.path[:197] + "..."
        return f"{where}: {path}: {self.message}" if path else f"{where}: {self.message}"

    def redacted(self) -> Problem:
        """The problem with no value from the data in it, as ``--redact`` shows it.

        The message and ``found`` say what kind of value was found (``text``, ``a
        date``), not the value, so a name or a date of birth in the wrong place is not
        repeated. The file, line, path (which names records by id, people by staff
        number) and what was expected stay.
        """
        found = withhold(self.found) if self.found is not None else None
        return attrs.evolve(self, message=withhold(self.message), found=found)


class DataError(Exception):
    """A dataset could not be loaded. ``problems`` lists the problems found, in file order.

    A load keeps the first problems it finds (``max_problems`` of
    :func:`~maritime_crew.io.load`); a file with more ends with one ``more-problems``
    problem that counts the rest. :attr:`~maritime_crew.io.DataError.count` is the number
    of problems found.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.problems)

    @property
    def count(self) -> int:
        """How many problems were found, those only counted (``more-problems``) included."""
        return sum(p.omitted if p.code == MORE_PROBLEMS else 1 for p in self.problems)

    def __str__(self) -> str:
        count = self.count
        files = len({problem.file for problem in self.problems})
        heading = (
            f"{count:,} problem{'s' if count != 1 else ''} in "
            f"{files} file{'s' if files != 1 else ''}:"
        )
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])

    def redacted(self) -> DataError:
        """The same error with every value from the data withheld.

        See :meth:`~maritime_crew.io.Problem.redacted`.
        """
        return DataError([problem.redacted() for problem in self.problems])


MORE_PROBLEMS = "more-problems"
"""The code of the problem that counts a file's problems a load did not keep."""


def more_problems(file: str, omitted: int, kept: int) -> Problem:
    """The last problem of a file whose other ``omitted`` problems were only counted."""
    more = "problem" if omitted == 1 else "problems"
    if kept:
        message = (
            f"and {omitted:,} more {more} in this file, not shown: a load keeps the first "
            f"{kept:,} problems it finds"
        )
    else:
        message = f"{omitted:,} {more} in this file, not shown: this load keeps none"
    return Problem(MORE_PROBLEMS, file, "", message, omitted=omitted)


class ProblemLog:
    """The problems of one load: the first ``limit`` kept, the rest only counted by file.

    A dataset may hold millions of problems (a million records with the same mistake),
    and a problem costs some hundreds of bytes, its message perhaps a search for the
    nearest name. Past the limit, whoever finds a problem calls :meth:`count` (or lets
    :meth:`add` count it) and builds nothing, so a load's memory does not grow with its
    problems. :meth:`problems` ends each file that had more with one ``more-problems``
    problem saying how many.
    """

    __slots__ = ("kept", "limit", "omitted")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.kept: list[Problem] = []
        self.omitted: dict[str, int] = {}
        """Problems counted but not kept, by file (as :attr:`Problem.file` has it)."""

    @property
    def room(self) -> int:
        """How many more problems may be kept."""
        return max(self.limit - len(self.kept), 0)

    @property
    def full(self) -> bool:
        """True when a problem found now would only be counted."""
        return len(self.kept) >= self.limit

    def add(self, problem: Problem) -> None:
        """Keep ``problem`` if there is room; count it otherwise."""
        if len(self.kept) < self.limit:
            self.kept.append(problem)
        else:
            self.omitted[problem.file] = self.omitted.get(problem.file, 0) + 1

    def add_or_count(self, file: str, make: Callable[..., Problem], *args: Any) -> None:
        """Keep ``make(*args)`` if there is room; else count one problem of ``file``.

        Past the limit the problem is not built: no message, no search for a name meant.
        """
        if self.full:
            self.count(file)
        else:
            self.kept.append(make(*args))

    def count(self, file: str, more: int = 1) -> None:
        """Count ``more`` problems of ``file`` without keeping them."""
        if more:
            key = escaped(file)
            self.omitted[key] = self.omitted.get(key, 0) + more

    def found_since(self, mark: int, file: str) -> bool:
        """Whether ``file`` has had a problem since :attr:`kept` held ``mark`` problems."""
        return len(self.kept) > mark or escaped(file) in self.omitted

    def take(self, mark: int, file: str) -> tuple[list[Problem], int]:
        """The problems ``file`` has had since ``mark``, removed, and how many were counted."""
        taken = self.kept[mark:]
        del self.kept[mark:]
        return taken, self.omitted.pop(escaped(file), 0)

    def problems(self) -> list[Problem]:
        """The problems kept, and for each file with problems not kept one that counts them."""
        more = [more_problems(file, n, self.limit) for file, n in self.omitted.items()]
        return [*self.kept, *more]


def nearest(wanted: str, known: Sequence[str], *, most: int = 3) -> list[str]:
    """The ids of ``known`` nearest to a mistyped ``wanted``: up to ``most``, nearest first.

    Case is ignored: an id that differs only in case is the one suggestion (``bf1003``
    finds ``BF1003``). Otherwise an id counts when at least 60% alike (``difflib``'s
    ratio), and every id about as near as the nearest (within 0.1) is given, in sorted
    order among equals: ``alert-c`` finds both ``alert-a`` and ``alert-b``, while
    ``alrt-b`` finds ``alert-b`` alone.
    """
    word = wanted.casefold()
    choices = list(dict.fromkeys(known))
    same = [choice for choice in choices if choice.casefold() == word]
    if same:
        return same[:most]
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    scored: list[tuple[float, str]] = []
    for choice in choices:
        matcher.set_seq1(choice.casefold())
        if (
            matcher.real_quick_ratio() >= _ALIKE
            and matcher.quick_ratio() >= _ALIKE
            and (score := matcher.ratio()) >= _ALIKE
        ):
            scored.append((-score, choice))
    scored.sort()
    return [choice for score, choice in scored[:most] if score <= scored[0][0] + _AS_NEAR]


_ALIKE = 0.6
"""How alike (``difflib``'s ratio) an id must be to be suggested at all."""
_AS_NEAR = 0.1
"""How much less alike than the nearest id another may be and still be suggested."""


def did_you_mean(choices: Sequence[str]) -> str:
    """The suggestion in words: ``did you mean 'a', 'b' or 'c'?`` (one or more choices)."""
    quoted = [repr(choice) for choice in choices]
    if len(quoted) > 1:
        return f"did you mean {', '.join(quoted[:-1])} or {quoted[-1]}?"
    return f"did you mean {quoted[0]}?"


def suggest(word: str, choices: Sequence[str]) -> str | None:
    """The closest of ``choices`` to a misspelt ``word``, if one is close enough."""
    found = nearest(word, choices, most=1)
    return found[0] if found else None


def _record_label(value: Any, index: int) -> str:
    if isinstance(value, dict):
        record_id = value.get("id")
        if isinstance(record_id, str) and record_id:
            return record_id
    return str(index)


def render_path(table: str, raw: list[Any], segments: Sequence[str | int]) -> str:
    """Render a positional path as ``table[ID].field[INDEX]…``, preferring record ids."""
    text = table
    node: Any = raw
    for segment in segments:
        if isinstance(segment, int):
            element = node[segment] if isinstance(node, list) and segment < len(node) else None
            text += f"[{_record_label(element, segment)}]"
            node = element
        else:
            text += f".{segment}"
            node = node.get(segment) if isinstance(node, dict) else None
    return text


def _leaves(
    exc: BaseException, segments: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], BaseException]]:
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, attribute_note in with_notes:
            yield from _leaves(sub, (*segments, attribute_note.name))
        for sub in without:
            yield from _leaves(sub, segments)
    elif isinstance(exc, IterableValidationError):
        with_index, without = exc.group_exceptions()
        for sub, index_note in with_index:
            index = index_note.index
            yield from _leaves(sub, (*segments, index if isinstance(index, int) else str(index)))
        for sub in without:
            yield from _leaves(sub, segments)
    else:
        yield segments, exc


def _field_names(record: type[Any]) -> list[str]:
    return [field.name for field in attrs.fields(record)]


def problems_from_exception(
    exc: BaseException,
    *,
    file: str,
    table: str,
    raw: list[Any],
    lines: Mapping[tuple[str | int, ...], int] | None,
) -> Iterator[Problem]:
    """Turn a detailed cattrs error for one table of one file into problems.

    Problems are made as they are asked for, so a caller that keeps only the first few
    pays for no more.
    """

    def problem(segments: tuple[str | int, ...], code: str, message: str, **extra: Any) -> Problem:
        line = line_of(lines, (table, *segments)) if lines is not None else None
        return Problem(
            code=code,
            file=file,
            path=render_path(table, raw, segments),
            message=message,
            line=line,
            **extra,
        )

    for segments, leaf in _leaves(exc, ()):
        if isinstance(leaf, Omitted):  # only counted: see problem_count
            continue
        if isinstance(leaf, ForbiddenExtraKeysError):
            known = _field_names(leaf.cl)
            for key in sorted(leaf.extra_fields):
                hint = suggest(key, known)
                advice = f"did you mean {hint!r}?" if hint else "known fields: " + ", ".join(known)
                yield problem(
                    (*segments, key),
                    "unknown-field",
                    f"unknown field {quote(key)}; {advice}",
                    expected="one of the fields " + ", ".join(known),
                    found=excerpt(key),
                )
        elif isinstance(leaf, KeyError):
            yield problem(
                segments,
                "missing-field",
                "required field is missing",
                expected="a value for this required field",
                found="no such field",
            )
        elif isinstance(leaf, WrongType):
            yield problem(
                segments,
                "wrong-type",
                str(leaf),
                expected=leaf.expected,
                found=describe(leaf.found),
            )
        elif isinstance(leaf, InvalidChoice):
            allowed = ", ".join(repr(choice) for choice in leaf.allowed)
            found = describe(leaf.found)
            hint = suggest(str(leaf.found), leaf.allowed)
            message = f"expected one of {allowed}, found {found}"
            if hint:
                message += f"; did you mean {hint!r}?"
            yield problem(
                segments, "invalid-choice", message, expected=f"one of {allowed}", found=found
            )
        elif isinstance(leaf, InvalidValue):
            where = (*segments, leaf.field) if leaf.field else segments
            if leaf.found_words:
                found = str(leaf.found)
            elif isinstance(leaf.found, list):
                found = excerpt(repr(leaf.found))
            else:
                found = describe(leaf.found)
            message = f"expected {leaf.expected}, found {found}"
            if leaf.detail:
                message += f" ({leaf.detail})"
            yield problem(where, "invalid-value", message, expected=leaf.expected, found=found)
        else:
            yield problem(segments, "invalid-value", f"invalid value ({leaf})")
