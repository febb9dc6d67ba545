"""Limits on the size of what loading accepts, so absurd input fails fast with a message.

Each limit is far above what a real dataset needs: a synthetic fleet of 100,000 people
(``python -m maritime_crew.synth --people 100000``) is about 450 MB in some 10,900
files, the largest of them under 130 MB, and nests values 4 levels deep. The limits are
documented in ``docs/format.md`` ("Limits").
"""

from __future__ import annotations

import decimal
from collections.abc import Iterator
from typing import Any

from ..model import FIRST_DATE, LAST_DATE

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_DATASET_BYTES",
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "MAX_INTEGER",
    "MAX_NESTING",
    "MAX_PROBLEMS",
    "MIN_INTEGER",
    "TOO_DEEP",
    "beyond_parser",
    "nested_too_deeply",
    "size_in_words",
]

MAX_FILE_BYTES = 512 * 1024**2
"""The largest file read: 512 MiB."""

MAX_DATASET_BYTES = 2 * 1024**3
"""The most bytes read from all the files of a directory: 2 GiB."""

MAX_FILES = 100_000
"""The most data files read from a directory, subdirectories included."""

MAX_NESTING = 400
"""The most levels of tables and arrays inside a file's top table; a dataset needs 7."""

MAX_PROBLEMS = 1_000
"""The most problems a load keeps, by default (``load(..., max_problems=...)``).

Past it, problems are counted and not made, and each file with problems not kept ends
with one that counts them: a file of a million bad records costs no more memory than a
file of a thousand (docs/security.md, "Memory").
"""

MIN_INTEGER = -(2**63)
MAX_INTEGER = 2**63 - 1
"""Whole numbers are 64-bit, as the TOML specification has them."""


def size_in_words(size: int) -> str:
    """A byte count for a message: ``512 MiB``, ``2 GiB``, ``1.5 KiB``."""
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= scale:
            return f"{size / scale:.4g} {unit}"
    return f"{size} bytes"


TOO_DEEP = (
    f"arrays, tables or keys are nested too deeply to read (more than {MAX_NESTING} levels), "
    "far deeper than a dataset needs"
)
"""Why data nested beyond :data:`MAX_NESTING` (or beyond what a parser can read) is refused."""


def nested_too_deeply(data: Any) -> bool:
    """True if tables and arrays in ``data`` nest more than :data:`MAX_NESTING` levels.

    Parsers refuse deep nesting on their own terms: ``tomli`` limits inline arrays and
    tables (and, in recent versions, dotted keys), and JSON runs into Python's recursion limit.
    A key of many parts (``[a.a.a…]``) costs an older ``tomli`` no recursion, so it reads
    it; this check, made without recursion, holds every parser to the same limit.
    """
    if not isinstance(data, (dict, list)):
        return False
    # The iterators of the tables and arrays being walked, one per level: memory grows
    # with the depth, not with the number of values (a million records is one level).
    stack: list[Iterator[Any]] = [iter(data.values() if isinstance(data, dict) else data)]
    while stack:
        for child in stack[-1]:
            if isinstance(child, (dict, list)):
                if len(stack) > MAX_NESTING:
                    return True
                stack.append(iter(child.values() if isinstance(child, dict) else child))
                break
        else:
            stack.pop()
    return False


def beyond_parser(exc: RecursionError | ValueError | decimal.InvalidOperation) -> str:
    """Why a parser gave up on text whose syntax may be right: too deep, or too long."""
    if isinstance(exc, RecursionError):
        return TOO_DEEP
    if isinstance(exc, decimal.InvalidOperation):  # an exponent beyond 18 digits
        return "a number's exponent is too large to read, such as 1e1000000000000000000"
    # Python refuses to read a whole number of more than 4300 digits.
    return (
        "a whole number is too long to read (more than 4300 digits); whole numbers "
        f"must lie between {MIN_INTEGER:,} and {MAX_INTEGER:,}"
    )
