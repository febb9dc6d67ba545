"""A load problem with a field points at the field's own line, not only its table's header."""

from __future__ import annotations

from pathlib import Path

import pytest

import maritime_crew as mc

PEOPLE = """\
[[person]]
id = "BF1"
name = "Al"
discipline = "deck"

[[person.certificates]]
type = "eng1"
number = "x"
issued = 2020-01-01
  expires   =   "soon"

[[person]]
id = "BF2"
"name" = 3
discipline = "deck"
sizes = { chest = 4 }
certificates = [
  { type = "eng1", number = "y", issued = 2020-01-01, expires = "later" },
]

[[person]]
id = "BF3"
discipline = "deck"

[[person.certificates]]
type = "eng1"
number = "z"
issued = 2020-01-01
expires = 2021-01-01
"""


def problems(tmp_path: Path) -> dict[str, int | None]:
    file = tmp_path / "people.toml"
    file.write_text(PEOPLE, "utf-8")
    with pytest.raises(mc.DataError) as caught:
        mc.load(file)
    return {problem.path: problem.line for problem in caught.value.problems}


def test_a_field_of_a_table_with_a_header_is_located_at_its_own_line(tmp_path: Path) -> None:
    found = problems(tmp_path)
    assert found["person[BF1].certificates[0].expires"] == 10  # indented, spaced
    assert found["person[BF2].name"] == 14  # a quoted key
    assert found["person[BF2].sizes"] == 16  # an inline table is the key's line


def test_a_field_inside_an_inline_array_is_located_at_the_arrays_key(tmp_path: Path) -> None:
    # The element has no header of its own, so no line inside the array is guessed: the
    # problem points at the line that opens it, ``certificates = [``.
    found = problems(tmp_path)
    assert found["person[BF2].certificates[0].expires"] == 17


def test_a_missing_field_is_located_at_its_tables_header(tmp_path: Path) -> None:
    # BF3 has no name: there is no line of its own to point at. The next table's
    # ``expires`` (line 39) is never taken for the key of an earlier one.
    found = problems(tmp_path)
    assert found["person[BF3].name"] == 21
