"""Regenerate the field tables of docs/format.md from the model.

Run after changing a model class: ``python tools/update_format_reference.py``.
``tests/test_format_reference.py`` fails while the page and the model disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from maritime_crew.io._reference import format_reference

BEGIN = "<!-- BEGIN GENERATED: python tools/update_format_reference.py -->"
END = "<!-- END GENERATED -->"
PAGE = Path(__file__).resolve().parent.parent / "docs" / "format.md"


def updated(text: str) -> str:
    """The page text with the generated section replaced by the current reference."""
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n\n{format_reference()}\n{END}{tail}"


if __name__ == "__main__":
    current = PAGE.read_text(encoding="utf-8")
    new = updated(current)
    if new != current:
        PAGE.write_text(new, encoding="utf-8")
        print(f"updated {PAGE}")
    sys.exit(0)
