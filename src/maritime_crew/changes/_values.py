"""Values of a dataset as JSON holds them, and as one line of text shows them."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

__all__ = ["one_line", "plain", "shown"]


def plain(value: Any) -> Any:
    """A JSON-friendly copy of a value of the plain data: dates as ISO text, exact numbers.

    A decimal is written as ``dumps`` writes it in JSON (a whole number, or a float that
    reads back as the same decimal), or as text when no float holds it exactly.
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        number = float(value)
        return number if Decimal(repr(number)) == value else str(value)
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return str(value)


def shown(value: Any) -> str:
    r"""A value on one line of text: ``(none)`` for an absent value, lists as JSON.

    A newline or a tab in a value is shown as ``\n`` or ``\t``, so a value cannot start
    a line of the report that looks like one of its own; other controls are for the
    terminal escaping of whatever writes the text (``report.escape_terminal``).
    """
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    value = plain(value)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return one_line(text)


def one_line(text: str) -> str:
    """``text`` with its line breaks and tabs shown as escapes."""
    if text.isprintable():
        return text
    return text.translate(_BREAKS)


_BREAKS = str.maketrans(
    {
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
        "\v": "\\x0b",
        "\f": "\\x0c",
        "\x1c": "\\x1c",
        "\x1d": "\\x1d",
        "\x1e": "\\x1e",
        "\x85": "\\x85",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)
"""Every character ``str.splitlines`` breaks a line at, and the tab."""
