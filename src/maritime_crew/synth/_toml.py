"""Writing records as TOML text and work periods as CSV, quickly and always the same way.

``tomli_w`` is exact but slow for hundreds of megabytes; these writers handle only the
value types the generators produce (text, whole numbers, decimals, dates, date-times,
lists and tables) and lay records out as the example fleet's files do: one
``[[table]]`` per record, nested records inline, a list of them over several lines once
it is longer than 80 characters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

from ._catalogue import Record

__all__ = ["csv_work_periods", "table", "value"]


def _list(v: list[Any]) -> str:
    return "[" + ", ".join([value(x) for x in v]) + "]"


def _inline(v: dict[str, Any]) -> str:
    return "{ " + ", ".join([f"{k} = {value(x)}" for k, x in v.items() if x is not None]) + " }"


def _date(v: dt.date) -> str:
    return v.isoformat()


_FAST: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    dt.date: _date,
    dt.datetime: _date,
    int: str,
    list: _list,
    dict: _inline,
}


def value(v: Any) -> str:
    """One value as TOML: text quoted, dates bare, tables inline."""
    fast = _FAST.get(type(v))
    if fast is not None:
        return fast(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise ValueError(f"cannot write {v} as TOML")
        return str(v)
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, str):
        return encode_basestring(v)
    if isinstance(v, list):
        return _list(v)
    if isinstance(v, dict):
        return _inline(v)
    raise TypeError(type(v))


def table(name: str, records: Iterable[Record], comment: str | None = None) -> str:
    """Records as an array of tables ``[[name]]``, after an optional comment.

    Fields set to ``None`` are left out. Every record ends with a blank line.
    """
    out = []
    if comment:
        out.append("\n".join(f"# {line}" if line else "#" for line in comment.split("\n")))
        out.append("")
    header = f"[[{name}]]"
    for record in records:
        out.append(header)
        for key, v in record.items():
            if v is None:
                continue
            if type(v) is list and v and type(v[0]) is dict:
                parts = [_inline(x) for x in v]
                if sum(map(len, parts)) + 2 * len(parts) > 80:  # the inline list's length
                    out.append(f"{key} = [")
                    out.extend([f"    {part}," for part in parts])
                    out.append("]")
                    continue
                out.append(f"{key} = [" + ", ".join(parts) + "]")
            else:
                out.append(f"{key} = {value(v)}")
        out.append("")
    return "\n".join(out)


def csv_work_periods(records: Iterable[Record]) -> str:
    """Work periods as CSV: a header ``person,start,end,vessel`` and one row each.

    Date-times are written with their offsets, so they are exact moments.
    """
    rows = ["person,start,end,vessel"]
    rows.extend(
        f"{r['person']},{r['start'].isoformat()},{r['end'].isoformat()},{r.get('vessel') or ''}"
        for r in records
    )
    return "\n".join(rows) + "\n"
