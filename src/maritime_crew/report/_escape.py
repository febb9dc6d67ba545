"""Escaping of data for every kind of output: one function per kind.

A dataset is untrusted: an id, a name or a title may hold terminal control sequences,
bidirectional overrides, newlines, Markdown or HTML, spreadsheet formulas or GitHub
workflow commands. Whatever a command or a report writes passes through the function
for its kind of output, so that the data shows as text and does nothing:

- :func:`escape_terminal`: text for a terminal or a CI log (the text formats and
  everything written to standard error);
- :func:`escape_workflow_commands`: the part of :func:`escape_terminal` that keeps a
  line from being read as a GitHub Actions workflow command, for text that has already
  had its control characters escaped (a report coloured with ANSI codes of its own);
- :func:`escape_github_data` and :func:`escape_github_property`: the message and the
  properties of a workflow command;
- :func:`escape_markdown`: a Markdown table cell or line of text;
- :func:`escape_csv`: a CSV cell, with spreadsheet formulas neutralised;
- :func:`escape_json` and :func:`escape_xml`: a whole JSON or XML document, whose own
  syntax already escapes what it must; these also escape what would otherwise reach a
  terminal raw when the document is shown, without changing what it parses to.

Each is cheap when there is nothing to escape: a scan at C speed, then the text itself.
"""

from __future__ import annotations

import re

__all__ = [
    "escape_csv",
    "escape_github_data",
    "escape_github_property",
    "escape_json",
    "escape_markdown",
    "escape_terminal",
    "escape_workflow_commands",
    "escape_xml",
]

# The characters that act rather than show: C0 controls, DEL and C1 controls (NEL,
# CSI, OSC...), the bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E,
# U+2066-U+2069), the line and paragraph separators, and lone surrogates (which no
# encoder writes). All are non-printable by str.isprintable(), which is the fast path.
_ACTING = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROLS = re.compile(f"[\x00-\x1f{_ACTING}]")
_CONTROLS_BUT_LAYOUT = re.compile(f"[\x00-\x08\x0b-\x1f{_ACTING}]")
"""As :data:`_CONTROLS`, but keeping the tab and the newline of a layout."""
_ACTING_ONLY = re.compile(f"[{_ACTING}]")
"""What ``json.dumps`` leaves raw (it escapes C0 controls itself)."""
_ACTING_OR_CR = re.compile(f"[\r{_ACTING}]")
"""What ``ElementTree`` leaves raw once the JUnit report has replaced what XML forbids."""

_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_LEADING_COMMAND = re.compile(r"^([^\S\n]*)::", re.MULTILINE)
_LEGACY_COMMAND = "##["
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""OWASP's list of the first characters that make a spreadsheet read a cell as a formula."""
_MARKDOWN_SPECIAL = re.compile(r"[\\|*`\[\]<>_]")
"""Characters that end a table cell or start markup."""


def _visible(match: re.Match[str]) -> str:
    r"""A control character as a Python-style escape: ``\x1b``, ``\n``, ``\u202e``."""
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _controls(text: str, *, multiline: bool = False) -> str:
    if text.isprintable():
        return text
    pattern = _CONTROLS_BUT_LAYOUT if multiline else _CONTROLS
    return pattern.sub(_visible, text)


def escape_workflow_commands(text: str) -> str:
    r"""``text`` with no line that a GitHub Actions runner would take for a command.

    The runner reads a line whose first characters after blanks are ``::`` as a
    workflow command (``::error::``, ``::stop-commands::``, ``::add-mask::``), and
    ``##[command]`` anywhere in a line as one in the older syntax. A leading ``::``
    becomes ``\::`` and ``##[`` becomes ``#\#[``; nothing else changes, and text that is
    already escaped is left as it is.
    """
    if "::" in text:
        text = _LEADING_COMMAND.sub(r"\1\\::", text)
    if _LEGACY_COMMAND in text:
        text = text.replace(_LEGACY_COMMAND, "#\\#[")
    return text


def escape_terminal(text: str, *, multiline: bool = False) -> str:
    r"""``text`` safe to show in a terminal or a CI log: every control made visible.

    C0 and C1 control characters, DEL, the bidirectional controls and overrides (such as
    U+202E), the line and paragraph separators and lone surrogates are shown as Python
    escapes (``\x1b``, ``\x85``, ``\u202e``; ``\n``, ``\t`` and ``\r`` for those
    three), so an escape sequence cannot set a window title or clear the screen, and a
    name cannot reverse the text after it. With ``multiline`` the newline and the tab,
    which a layout needs, are kept; without it the text stays on one line. No line is
    left that a CI runner would read as a workflow command
    (:func:`escape_workflow_commands`).
    """
    return escape_workflow_commands(_controls(text, multiline=multiline))


def escape_github_data(text: str) -> str:
    """A workflow command's message, escaped as the runner expects.

    ``%``, carriage returns and newlines are percent-encoded (the runner decodes them, so
    a message may span lines); other controls are made visible as by
    :func:`escape_terminal`, since the log viewer would act on ANSI sequences.
    """
    text = _controls(text.replace("%", "%25").replace("\r", "%0D"), multiline=True)
    return text.replace("\n", "%0A")


def escape_github_property(text: str) -> str:
    """A workflow command's property value (a file, a title), escaped as the runner expects.

    As :func:`escape_github_data`, and ``:`` and ``,`` percent-encoded too, since they
    end a property.
    """
    return escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def escape_markdown(text: str) -> str:
    r"""``text`` safe in a Markdown table cell or a line of Markdown: shown, not rendered.

    Runs of whitespace, newlines included, become one space, so a value stays in its
    cell; controls are made visible as by :func:`escape_terminal`; and the characters
    that end a cell or start markup (``\ | * _ ` [ ] < >``: emphasis, code, links,
    images and HTML such as ``<img onerror=...>``) are escaped with a backslash; ``_``
    inside a word (``debrief_finding``), which cannot make emphasis, is left as it is.
    """
    if not text.isprintable() or " " in text:
        text = " ".join(text.split())
    text = _controls(text)
    if _MARKDOWN_SPECIAL.search(text) is None:
        return text
    return _MARKDOWN_SPECIAL.sub(_markdown_escape, text)


def _markdown_escape(match: re.Match[str]) -> str:
    char, at, text = match.group(), match.start(), match.string
    # ``_`` between two letters or digits can neither open nor close emphasis.
    if char == "_" and 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum():
        return char
    return "\\" + char


def escape_csv(value: str | int | float) -> str:
    """A CSV cell, safe to open in a spreadsheet.

    A number the library writes (an ``int`` or a ``float``, such as a count or a
    negative spare) is written as it is. Text has its controls made visible as by
    :func:`escape_terminal` (newlines too, so a row stays on one line), and, as OWASP
    advises against CSV injection (https://owasp.org/www-community/attacks/CSV_Injection),
    text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading ``'``, so that a spreadsheet shows it as text instead of running it as a
    formula. Text that merely looks like a number, such as an id ``-1``, is text too.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = escape_terminal(str(value))
    if text.startswith(_FORMULA_STARTS):
        text = "'" + text
    return text


def _acting(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`_ACTING` (a quick answer for ASCII)."""
    if text.isascii():
        return "\x7f" in text
    return _ACTING_ONLY.search(text) is not None


def escape_json(text: str) -> str:
    r"""JSON text (from ``json.dumps``) with what it leaves raw escaped as ``\uXXXX``.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls but writes DEL, C1
    controls, bidirectional controls, the line and paragraph separators and lone
    surrogates raw. Those can only be inside strings, so they become ``\u`` escapes,
    as does the ``#`` of ``##[``; the document parses to exactly the same values, and
    is byte for byte the same when nothing needed escaping.
    """
    if _acting(text):
        text = _ACTING_ONLY.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
    if _LEGACY_COMMAND in text:
        text = text.replace(_LEGACY_COMMAND, "#\\u0023[")
    return text


def escape_xml(text: str) -> str:
    """An XML document with what its serializer leaves raw written as character references.

    A serializer escapes ``&``, ``<`` and ``>`` but writes carriage returns, DEL, C1
    controls, bidirectional controls and the line and paragraph separators raw, and a
    newline in an element's text may start a line with ``::``. Outside tags these can
    only be in text or attribute values, so they become references such as ``&#x202E;``
    (and ``##[`` becomes ``#&#x23;[``, and a line's leading ``::`` becomes ``&#x3A;:``);
    the document parses to the same values. Characters that XML 1.0 forbids outright
    must be replaced before serializing.
    """
    if "\r" in text or _acting(text):
        text = _ACTING_OR_CR.sub(lambda found: f"&#x{ord(found.group()):X};", text)
    if _LEGACY_COMMAND in text:
        text = text.replace(_LEGACY_COMMAND, "#&#x23;[")
    if "::" in text:
        text = _LEADING_COMMAND.sub(r"\1&#x3A;:", text)
    return text
