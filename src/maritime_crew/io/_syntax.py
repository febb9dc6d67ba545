"""Syntax errors in plain words: what was expected where, and what was found there.

``tomli`` says what went wrong in a parser's terms ("Invalid value", "Expected newline or
end of document after a statement") at a line and column. Here each of its messages
becomes what the reader should have written at that column and what the file has there
instead, with advice for the usual slips: text without quotes, a date written the
British way or with one-digit months, a date that does not exist, a field given twice.
A message this module does not know (from a newer ``tomli``) keeps the parser's words.
"""

from __future__ import annotations

import calendar
import json
import re

import attrs
import tomli

from ._converter import NO_SUCH_DAY, NO_SUCH_HOUR, NO_SUCH_MINUTE, NO_SUCH_MONTH, quote

__all__ = ["SyntaxExplained", "explain_json", "explain_toml"]


@attrs.frozen
class SyntaxExplained:
    """A TOML syntax error, explained: the column, what was expected and what was found."""

    column: int
    expected: str
    found: str
    detail: str | None = None
    """Why what was found is wrong, where that is not plain from ``found``."""
    advice: str | None = None
    """How to write it instead."""
    lines_back: int = 0
    """How many lines before the one the parser stopped on the problem is: a key whose
    value (a list over several lines) ends where the parser saw it was repeated."""

    def message(self, language: str) -> str:
        """The whole explanation, as a load problem shows it: ``invalid TOML at column 8: …``."""
        text = (
            f"invalid {language} at column {self.column}: "
            f"expected {self.expected}, found {self.found}"
        )
        if self.detail:
            text += f" ({self.detail})"
        return f"{text}; {self.advice}" if self.advice else text


_VALUE = "a value: text in double quotes, a number, a date, true or false, or a list in [ ]"
_QUOTES = 'text is written in double quotes, such as name = "HMC Vigilant"'
_ONCE = "each field once in a record"

# A date or date-time as a value, written any of the ways people write dates; the
# groups are the date and, if any, the time.
_DATE_LIKE = re.compile(
    r"(?<![\w.:+-])(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
    r"([Tt ]\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{1,2}:\d{1,2})?)?(?![\w:.+-])",
    re.ASCII,  # ASCII digits only, as TOML has (\w too, which is all a boundary needs)
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_ISO_TIME = re.compile(
    r"[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-](\d{2}):(\d{2}))?", re.ASCII
)
_WORD = re.compile(r"[A-Za-z][\w-]*")
_KEY = re.compile(r"\s*\[{0,2}\s*([^=\]]*?)\s*(?:\]|=|$)")
_PERIOD_IN_WORDS = re.compile(r"=\s*[0-9]+\s+(?:year|month|week|day|hour)s?\b", re.IGNORECASE)
_LEADING_ZERO = re.compile(r"=\s*[+-]?0[0-9][0-9_]*$")


_BARE_OR_QUOTED = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_STATEMENT = re.compile(rf"[ \t]*({_BARE_OR_QUOTED}(?:[ \t]*\.[ \t]*{_BARE_OR_QUOTED})*)[ \t]*=")
"""The start of a ``key = value`` line; the key, dotted or quoted, as written."""
_LOOK_BACK = 10_000
"""The most lines a repeated key's value is looked for over (a list that long is rare)."""


def _statement_before(text: str, line_start: int) -> tuple[str, int, int] | None:
    """The ``key = value`` line above the one at ``line_start`` whose value runs to it.

    Its key, the key's column and how many lines up it is; ``None`` if not found within
    :data:`_LOOK_BACK` lines. No header can stand inside a value, so the first such line
    going up is the one.
    """
    start = line_start
    for back in range(1, _LOOK_BACK + 1):
        if start == 0:
            return None
        start = text.rfind("\n", 0, start - 1) + 1
        end = text.find("\n", start)
        found = _STATEMENT.match(text[start : len(text) if end == -1 else end])
        if found is not None:
            return found[1], found.start(1) + 1, back
    return None


def _key_on(line: str, column: int) -> tuple[str, int]:
    """The key (or header) a line sets, and its column; else the line and ``column``."""
    key = _KEY.match(line)
    if key is None or not key[1]:
        return line.strip(), column
    return key[1], key.start(1) + 1


def explain_toml(exc: tomli.TOMLDecodeError) -> SyntaxExplained:
    """Explain a ``tomli`` syntax error in words a person who edits data understands."""
    text: str = exc.doc
    pos: int = exc.pos
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    dated = _date_problem(line, pos - line_start)
    if dated is not None:
        return dated
    column = exc.colno
    found = _found_at(text, pos)
    msg: str = exc.msg
    if msg == "Invalid value":
        word = _WORD.match(text, pos)
        if word and word[0].lower() in ("true", "false"):
            return SyntaxExplained(
                column, _VALUE, found, advice="write true and false in lower case"
            )
        return SyntaxExplained(column, _VALUE, found, advice=_QUOTES if word else None)
    if msg == "Expected newline or end of document after a statement":
        if _PERIOD_IN_WORDS.search(line):
            advice = 'a period is written in quotes, such as "P12M" for 12 months or "P90D"'
        elif _LEADING_ZERO.search(line, 0, pos - line_start + 1):
            advice = 'a whole number does not start with 0; write text such as "0123" in quotes'
        elif _WORD.match(text, pos):
            advice = _QUOTES
        else:
            advice = None
        return SyntaxExplained(
            column,
            "the end of the line after the value (one field = value on each line)",
            found,
            advice=advice,
        )
    if msg == "Invalid statement":
        return SyntaxExplained(
            column,
            "a line such as field = value, a [[table]] header, or a comment starting with #",
            found,
        )
    if msg == "Expected '=' after a key in a key/value pair":
        return SyntaxExplained(
            column,
            "'=' after the field name",
            found,
            advice="a field name is one word, such as home_port"
            if _WORD.match(text, pos)
            else None,
        )
    if msg == "Invalid initial character for a key part":
        return SyntaxExplained(column, "a name made of letters, digits, _ and -", found)
    if msg == "Expected ']]' at the end of an array declaration":
        return SyntaxExplained(column, "']]' to close the [[table]] header", found)
    if msg == "Expected ']' at the end of a table declaration":
        return SyntaxExplained(column, "']' to close the [table] header", found)
    if msg == "Unclosed array":
        return SyntaxExplained(column, "',' between the items of a list, or ']' to end it", found)
    if msg == "Unclosed inline table":
        return SyntaxExplained(
            column, "',' between the fields of a table in { }, or '}' to end it", found
        )
    if msg == "Illegal character '\\n'" or (
        msg.startswith(("Illegal character", "Found invalid character")) and _at_end(text, pos)
    ):
        return SyntaxExplained(
            column,
            "a closing quote before the end of the line",
            found,
            advice='text over several lines goes in triple quotes, """like this"""',
        )
    if msg.startswith(("Illegal character", "Found invalid character")):
        return SyntaxExplained(
            column,
            "text without control characters (write a tab as \\t)",
            f"the control character U+{ord(text[pos]):04X}",
        )
    if msg == "Unterminated string" or (msg.startswith("Expected ") and _at_end(text, pos)):
        return SyntaxExplained(column, "a closing quote at the end of the text", found)
    if msg.startswith("Cannot declare") or msg.startswith("Cannot redefine namespace"):
        header = line.strip()
        return SyntaxExplained(
            column,
            "each [table] header once",
            f"the header {quote(header)} a second time",
            advice="a list of records has a [[table]] header, with two brackets, for each record",
        )
    if msg == "Cannot overwrite a value":
        if _STATEMENT.match(line) is None:  # the end of a value over several lines
            above = _statement_before(text, line_start)
            if above is not None:
                name, column, back = above
                return SyntaxExplained(
                    column, _ONCE, f"{quote(name)} a second time", lines_back=back
                )
        name, column = _key_on(line, column)
        return SyntaxExplained(column, _ONCE, f"{quote(name)} a second time")
    if msg.startswith("Cannot mutate immutable namespace"):
        name, column = _key_on(line, column)
        return SyntaxExplained(
            column, "every field of a table in { } inside its braces", f"{quote(name)} added later"
        )
    if msg.startswith("Duplicate inline table key"):
        name = msg.removeprefix("Duplicate inline table key").strip().strip("'\"")
        return SyntaxExplained(column, _ONCE, f"{quote(name)} a second time")
    if msg == "Unescaped '\\' in a string":
        escape = text[pos - 2 : pos] if text[pos - 2 : pos - 1] == "\\" else text[pos : pos + 2]
        return SyntaxExplained(
            column,
            'a backslash only in \\\\, \\", \\n, \\t or \\u and a character code',
            f"the text {quote(escape)}",
            advice="write \\\\ for a backslash, or put the text in single quotes, 'like this'",
        )
    if msg in ("Invalid hex value", "Escaped character is not a Unicode scalar value"):
        return SyntaxExplained(
            column, "a character code after \\u (4 hexadecimal digits) or \\U (8)", found
        )
    return SyntaxExplained(column, msg, found)


def _at_end(text: str, pos: int) -> bool:
    """True at the end of a line or of the file."""
    return pos >= len(text) or text[pos] in "\r\n"


def _found_at(text: str, pos: int) -> str:
    """What the file has at ``pos``, in words: the rest of the line, or an end."""
    if pos >= len(text):
        return "the end of the file"
    if text[pos] in "\r\n":
        return "the end of the line"
    end = text.find("\n", pos)
    rest = text[pos : end if end != -1 else len(text)].rstrip()
    return f"the text {quote(rest)}"


def _date_problem(line: str, column: int) -> SyntaxExplained | None:
    """A date or date-time at ``column`` of ``line`` that TOML cannot read, explained."""
    for match in _DATE_LIKE.finditer(line):
        if match.start() <= column <= match.end():
            break
    else:
        return None
    date, time = match[1], match[2]
    expected = (
        "a date and time written YYYY-MM-DDTHH:MM:SS, such as 2021-03-31T06:00:00Z"
        if time
        else "a date written YYYY-MM-DD, such as 2021-03-31"
    )
    found = f"the date{' and time' if time else ''} {match[0]}"
    explained = SyntaxExplained(column=match.start() + 1, expected=expected, found=found)
    iso = _ISO_DATE.fullmatch(date)
    if iso is None:
        return attrs.evolve(
            explained,
            advice="write the year first, then the month and the day, with two digits each, "
            "joined by -",
        )
    year, month, day = (int(part) for part in iso.groups())
    if not 1 <= month <= 12:
        return attrs.evolve(explained, detail=NO_SUCH_MONTH)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return attrs.evolve(explained, detail=NO_SUCH_DAY)
    if not time:
        return None  # a real date: the problem is elsewhere on the line
    clock = _ISO_TIME.fullmatch(time)
    if clock is None:
        return attrs.evolve(explained, advice="hours, minutes and seconds have two digits each")
    hour, minute, second, offset_hour, offset_minute = (
        int(part) if part is not None else 0 for part in clock.groups()
    )
    if hour > 23 or offset_hour > 23:
        return attrs.evolve(explained, detail=NO_SUCH_HOUR)
    if minute > 59 or second > 59 or offset_minute > 59:
        return attrs.evolve(explained, detail=NO_SUCH_MINUTE)
    return None


_JSON_EXPECTED = {
    "Expecting value": "a value: text in double quotes, a number, true, false, null, "
    "a list in [ ] or an object in { }",
    "Expecting ',' delimiter": "',' between two items, or the ] or } that ends them",
    "Expecting ':' delimiter": "':' after the name",
    "Expecting property name enclosed in double quotes": "a name in double quotes "
    "(and no ',' after the last item)",
    "Unterminated string starting at": "text that ends with a closing quote",
    "Invalid control character at": "text without control characters (write a new line as \\n)",
    "Extra data": "the end of the file after the object that holds the tables",
    "Invalid \\escape": 'a backslash only in \\\\, \\", \\n, \\t or \\u and 4 hexadecimal digits',
    "Invalid \\uXXXX escape": "4 hexadecimal digits after \\u",
}


def explain_json(exc: json.JSONDecodeError) -> SyntaxExplained:
    """Explain a JSON syntax error in words a person who edits data understands."""
    expected = _JSON_EXPECTED.get(exc.msg, exc.msg)
    if exc.msg == "Unterminated string starting at":
        return SyntaxExplained(exc.colno, expected, "the end of the file")
    return SyntaxExplained(exc.colno, expected, _found_at(exc.doc, exc.pos))
