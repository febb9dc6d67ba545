"""``--redact`` holds everywhere: every command and format, files written, and load errors.

A synthetic fleet is checked years after its reference date, so nearly everyone has
something expired, lapsed or due and appears in every report. Every output (standard
output, standard error and files written) is searched for every person's full name and
surname, and for first names where they are not also words of the reports.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew import synth
from maritime_crew.cli import main
from maritime_crew.io._converter import describe, withhold

AS_OF = "2024-06-01"
"""Three years after the synthetic fleet's reference date: much has lapsed by then."""

COMMON_WORDS = {"Kit"}
"""Synthetic first names that are also words the reports use ("kit not issued")."""


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("redaction") / "fleet"
    synth.write(root, 24, seed=9)
    return root


@pytest.fixture(scope="module")
def fleet(dataset: Path) -> mc.model.Fleet:
    return mc.load(dataset)


@pytest.fixture(scope="module")
def name_pattern(fleet: mc.model.Fleet) -> re.Pattern[str]:
    """Any person's full name (however spaced, any case), surname, or first name."""
    full = {r"\s+".join(map(re.escape, p.name.split())) for p in fleet.people}
    words = {word for p in fleet.people for word in p.name.split()[1:]}
    first = {p.name.split()[0] for p in fleet.people} - COMMON_WORDS
    return re.compile(
        r"(?<!\w)(?:(?i:"
        + "|".join(sorted(full | set(map(re.escape, words)), key=len, reverse=True))
        + r")|"
        + "|".join(sorted(map(re.escape, first), key=len, reverse=True))
        + r")(?!\w)"
    )


def _commands(fleet: mc.model.Fleet) -> list[list[str]]:
    people = [fleet.people[0].id, fleet.people[len(fleet.people) // 2].id, fleet.people[-1].id]
    commands = [
        ["check", "--as-of", AS_OF, "--format", fmt]
        for fmt in ("text", "json", "junit", "markdown", "sarif", "github")
    ]
    commands += [
        ["due", "--as-of", AS_OF, "--within", "P2Y", "--format", fmt]
        for fmt in ("text", "json", "csv", "markdown")
    ]
    commands += [
        ["skills", "--as-of", AS_OF, "--within", "P1Y", "--format", fmt]
        for fmt in ("text", "json", "csv", "markdown")
    ]
    commands += [
        ["skills", "--as-of", AS_OF, "--format", "csv", "--table", "coverage"],
        ["tna", "--as-of", AS_OF, "--format", "csv", "--table", "gaps"],
        ["tna", "--as-of", AS_OF, "--format", "csv", "--table", "trainers"],
    ]
    commands += [
        ["tna", "--as-of", AS_OF, "--format", fmt] for fmt in ("text", "json", "csv", "markdown")
    ]
    commands += [
        ["pathway", "--as-of", AS_OF, "--format", fmt, "PERSON", person]
        for fmt in ("text", "json")
        for person in people
    ]
    return commands


def _run(args: list[str], dataset: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run a command on the dataset; everything it printed."""
    if "PERSON" in args:  # pathway takes the person after the dataset
        at = args.index("PERSON")
        args = [*args[:at], str(dataset), *args[at + 1 :]]
    else:
        args = [*args, str(dataset)]
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_every_command_and_format_names_no_one_when_redacted(
    dataset: Path,
    fleet: mc.model.Fleet,
    name_pattern: re.Pattern[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Reports never show a date of birth, redacted or not (ages are worked out, not
    # shown); the synthetic births (1960s to 2000s) fall on no other date they show.
    births = {p.born.isoformat() for p in fleet.people if p.born is not None}
    assert len(births) > len(fleet.people) // 2
    leaks: dict[str, list[str]] = {}
    named = []
    for args in _commands(fleet):
        code, plain = _run(args, dataset, capsys)
        assert code in (0, 1), (args, plain)
        assert [day for day in births if day in plain] == [], args  # never shown at all
        if name_pattern.search(plain):
            named.append(args)
        _, redacted = _run([args[0], "--redact", *args[1:]], dataset, capsys)
        found = sorted(set(name_pattern.findall(redacted)))
        found += [day for day in births if day in redacted]
        if found:
            leaks[" ".join(args)] = found
    assert leaks == {}
    # The search finds names where they are shown: without --redact, reports name people.
    assert len(named) >= len(_commands(fleet)) // 2, named


@pytest.mark.parametrize("format", ["text", "json", "junit", "markdown", "sarif", "github"])
def test_a_report_written_to_a_file_names_no_one(
    dataset: Path,
    name_pattern: re.Pattern[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    format: str,
) -> None:
    target = tmp_path / "report"
    args = ["check", "--redact", "--as-of", AS_OF, "--format", format, "--output", str(target)]
    code = main([*args, str(dataset)])
    captured = capsys.readouterr()
    assert code == 1
    written = target.read_text(encoding="utf-8")
    assert "BF" in written  # staff numbers stand in for names
    assert name_pattern.findall(written + captured.out + captured.err) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


# -- load errors ------------------------------------------------------------------------

BAD = """\
[[person]]
id = "BF1001"
name = "Alex Morgan"
discipline = "deck"
born = "Alex Morgan"
joined = 1986-07-14T08:00:00
grade = 19860714
crew = ["Morgan"]
duty_roles = "O'Brien \\"Sam\\" Jones"

[[person.certificates]]
type = "eng1"
issued = "14/07/1986"
number = 1986.0714

[[work_period]]
person = "BF1001"
start = 2021-03-28T01:30:00
end = "Sam Jones"
"""
PERSONAL = ["Alex", "Morgan", "Sam", "Jones", "Brien", "1986", "14/07", "0714", "01:30"]


@pytest.fixture
def bad_dataset(tmp_path: Path) -> Path:
    path = tmp_path / "people.toml"
    path.write_text(BAD, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [["check"], ["due"], ["skills"], ["tna"], ["pathway", "PERSON", "BF1001"]],
)
def test_load_errors_withhold_every_value_when_redacted(
    bad_dataset: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    code, plain = _run([*command, "--as-of", AS_OF], bad_dataset.parent, capsys)
    assert code == 2
    assert [value for value in PERSONAL if value in plain] == PERSONAL  # quoted unredacted
    code, redacted = _run([*command, "--redact", "--as-of", AS_OF], bad_dataset.parent, capsys)
    assert code == 2
    assert [value for value in PERSONAL if value in redacted] == []
    # Still located and explained: every problem keeps its file, line, path and expectation.
    assert redacted.count("people.toml:") == plain.count("people.toml:") == 9
    assert "person[BF1001].born: expected a date (YYYY-MM-DD), found text (withheld)" in redacted
    assert "person[BF1001].joined: expected a date (YYYY-MM-DD), found a date and time" in redacted
    assert "person[BF1001].grade: expected text, found a whole number (withheld)" in redacted
    assert "give the time with an offset, such as +00:00)" in redacted  # advice kept


def test_data_error_redacted_in_python(bad_dataset: Path) -> None:
    with pytest.raises(mc.DataError) as caught:
        mc.load(bad_dataset)
    error = caught.value
    redacted = error.redacted()
    assert [p.path for p in redacted.problems] == [p.path for p in error.problems]
    assert [p.code for p in redacted.problems] == [p.code for p in error.problems]
    text = str(redacted) + repr([(p.message, p.found) for p in redacted.problems])
    assert [value for value in PERSONAL if value in text] == []


# -- withholding what describe() quotes --------------------------------------------------

_KINDS = [
    (st.text(), "text (withheld)"),
    (st.integers(), "a whole number (withheld)"),
    (st.decimals(), "a number (withheld)"),
    (st.floats(), "a number (withheld)"),
    (st.dates(), "a date (withheld)"),
    (st.datetimes(timezones=st.none() | st.timezones()), "a date and time (withheld)"),
    (st.times(), "a time (withheld)"),
]


@given(
    st.one_of(*[values.map(lambda v, k=kind: (v, k)) for values, kind in _KINDS]),
    st.sampled_from(["", "; did you mean 'deck'?", " (give the time with an offset, +01:00)"]),
)
def test_withhold_removes_any_value_describe_quotes(
    value_and_kind: tuple[object, str], after: str
) -> None:
    value, kind = value_and_kind
    message = f"expected a date (YYYY-MM-DD), found {describe(value)}{after}"
    assert withhold(message) == f"expected a date (YYYY-MM-DD), found {kind}{after}"
