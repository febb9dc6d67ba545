"""The redactor: every person's name replaced by their staff number, wherever it stands."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Fleet

__all__ = ["Redactor"]

_AMBIGUOUS = "[name redacted]"
"""What a name shared by two people becomes: no single staff number is right."""

_WORD = re.compile(r"\w+")
_QUOTES = ("'", '"')
# Letters that ``re.IGNORECASE`` takes for another letter but ``str.casefold`` does not.
_FOLD_MORE = str.maketrans({"\u0130": "i", "\u0131": "i"})
_CACHED_PATTERNS = 256


class Redactor:
    """Replaces every person's name with their staff number, in text and in plain values.

    A name matches as whole words, ignoring case and however its words are spaced or
    wrapped (``alex  MORGAN``), and also written surname first (``Morgan, Alex``). A
    longer name wins over a name it contains. A name shared by two people becomes
    ``[name redacted]``: no single staff number is right.

    In running text a name becomes the staff number (``approved by BF1003``). Where a
    name stands as a value of its own (a quoted value, a whole field, an id) it becomes
    ``[name of BF1003]``: a bare ``BF1003`` there would read as a reference to that
    record (``person 'BF1003', which does not exist``), which is not what the data says.

    ``Redactor(fleet)`` knows the people of a fleet; ``people`` adds ``(staff number,
    name)`` pairs, such as those read from a dataset that could not be loaded (``None``
    for a staff number that is not known: the name becomes ``[name redacted]``). Finding
    the names costs one pass over the text and a look-up per word, however many people
    there are, so it can be applied to everything a command writes.
    """

    def __init__(
        self, fleet: Fleet | None = None, *, people: Iterable[tuple[str | None, str]] = ()
    ) -> None:
        known: Iterable[tuple[str | None, str]] = (
            ((person.id, person.name) for person in fleet.people) if fleet is not None else ()
        )
        ids: dict[str, str] = {}
        forms: dict[str, str] = {}  # key -> the regular expression of one way of writing it
        for staff_number, name in itertools.chain(known, people):
            person_id = _AMBIGUOUS if staff_number is None else staff_number
            for key, form in _forms(name):
                forms[key] = form
                ids[key] = person_id if ids.get(key, person_id) == person_id else _AMBIGUOUS
        anchors: dict[str, set[str]] = {}
        unanchored: set[str] = set()
        for key in forms:
            words = _WORD.findall(_folded(key))
            if words:
                anchors.setdefault(max(words, key=len), set()).add(key)
            else:
                unanchored.add(key)
        self._ids = ids
        self._forms = forms
        self._anchors = anchors
        self._unanchored = frozenset(unanchored)
        self._patterns: dict[frozenset[str], re.Pattern[str]] = {}

    def text(self, text: str) -> str:
        """``text`` with every person's name replaced.

        A name becomes the staff number, or ``[name of BF1003]`` where it is quoted
        (``person 'Alex Morgan', which does not exist``).
        """
        pattern = self._pattern(text)
        return text if pattern is None else pattern.sub(self._in_text, text)

    def identifier(self, text: str) -> str:
        """An id (a finding's subject, say) with every name in it as ``[name of BF1003]``.

        An hours CSV whose person column holds a name makes that name the subject of
        findings; shown as the bare staff number, it would claim to be that person's
        record.
        """
        pattern = self._pattern(text)
        return text if pattern is None else pattern.sub(self._described, text)

    def value(self, value: Any) -> Any:
        """A plain value (as from JSON) with names replaced in every string, keys included.

        A string that is a name and nothing else becomes ``[name of BF1003]``; a name in
        longer text becomes the staff number, as in :meth:`text`. A value that names no
        one is returned as it is.
        """
        strings: list[str] = []
        _strings(value, strings)
        pattern = self._pattern("\n".join(strings))
        return value if pattern is None else self._value(value, pattern)

    # -- internals ---------------------------------------------------------------------

    def _value(self, value: Any, pattern: re.Pattern[str]) -> Any:
        if isinstance(value, str):
            return pattern.sub(self._in_value, value)
        if isinstance(value, Mapping):
            return {
                pattern.sub(self._in_text, str(key)): self._value(item, pattern)
                for key, item in value.items()
            }
        if isinstance(value, (list, tuple)):
            return [self._value(item, pattern) for item in value]
        return value

    def _pattern(self, text: str) -> re.Pattern[str] | None:
        """A pattern of the names that ``text`` may hold, or ``None`` if it holds none.

        A name can only be in the text if the longest word of the name is one of its
        words; the pattern is made of those names alone (and kept for the next text).
        """
        if not self._forms:
            return None
        words = set(_WORD.findall(_folded(text)))
        found = [self._anchors[word] for word in words.intersection(self._anchors)]
        if not found and not self._unanchored:
            return None
        keys = frozenset(self._unanchored.union(*found))
        pattern = self._patterns.get(keys)
        if pattern is None:
            alternatives = [self._forms[key] for key in sorted(keys, key=lambda k: (-len(k), k))]
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
            if len(self._patterns) >= _CACHED_PATTERNS:
                self._patterns.clear()
            self._patterns[keys] = pattern
        return pattern

    def _in_text(self, match: re.Match[str]) -> str:
        # Case folding can match where the lookup key differs (ß and SS): still redact.
        whole, start, end = match.string, match.start(), match.end()
        before = whole[start - 1] if start else ""
        if before in _QUOTES and whole[end : end + 1] == before:
            return self._described(match)
        return self._ids.get(_key(match.group()), _AMBIGUOUS)

    def _in_value(self, match: re.Match[str]) -> str:
        whole = match.string
        if not whole[: match.start()].strip() and not whole[match.end() :].strip():
            return self._described(match)
        return self._in_text(match)

    def _described(self, match: re.Match[str]) -> str:
        found = self._ids.get(_key(match.group()), _AMBIGUOUS)
        return found if found == _AMBIGUOUS else f"[name of {found}]"


def _forms(name: str) -> Iterator[tuple[str, str]]:
    """Each way of writing ``name`` that is matched: as it is, and surname first.

    The surname may be any number of the last words (``Ó Briain, Oisín`` and ``Briain,
    Oisín Ó``); a name that already holds a comma is matched only as it is.
    """
    words = name.split()
    if not words:
        return
    yield _key(name), _words_pattern(words)
    if "," in name:
        return
    for split in range(1, len(words)):
        first, last = words[:split], words[split:]
        text = " ".join(last) + ", " + " ".join(first)
        yield _key(text), _words_pattern(last) + r"\s*,\s*" + _words_pattern(first)


def _words_pattern(words: list[str]) -> str:
    return r"\s+".join(re.escape(word) for word in words)


def _key(name: str) -> str:
    """The name as looked up: words single-spaced, ``, `` between surname and name, folded."""
    return re.sub(r"\s*,\s*", ", ", " ".join(name.split())).casefold()


def _folded(text: str) -> str:
    return text.translate(_FOLD_MORE).casefold()


def _strings(value: Any, into: list[str]) -> None:
    if isinstance(value, str):
        into.append(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            into.append(str(key))
            _strings(item, into)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _strings(item, into)
