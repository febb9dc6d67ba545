"""Limits on absurd input: each is enforced with a clear message, and none stops real data."""

from __future__ import annotations

from pathlib import Path

import pytest

import maritime_crew as mc
from maritime_crew import synth
from maritime_crew.cli import main
from maritime_crew.io import _limits, _load
from maritime_crew.io._limits import MAX_NESTING
from maritime_crew.model import InvalidValue

VESSEL = '[[vessel]]\nid = "v"\nname = "HMC Vigilant"\ntype = "cutter"\n'


def problems(path: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(mc.DataError) as caught:
        mc.load(path)
    return [(p.code, p.path, p.message) for p in caught.value.problems]


def messages(text: str, format: str = "toml") -> list[str]:
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text, format=format)
    return [str(problem) for problem in caught.value.problems]


def test_a_100000_person_fleet_is_well_inside_every_limit(tmp_path: Path) -> None:
    # Files grow with the number of people (one squadron of 157 is one share of each), so
    # 157 people scaled up bounds a 100,000-person fleet from above.
    synth.write(tmp_path, 157)
    sizes = [path.stat().st_size for path in tmp_path.rglob("*") if path.is_file()]
    scale = 100_000 / 157
    assert max(sizes) * scale * 2 < _limits.MAX_FILE_BYTES
    assert sum(sizes) * scale * 2 < _limits.MAX_DATASET_BYTES
    assert len(sizes) * scale * 2 < _limits.MAX_FILES


def test_a_file_over_the_size_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_load, "MAX_FILE_BYTES", 1024)
    (tmp_path / "small.toml").write_text(VESSEL, encoding="utf-8")
    (tmp_path / "big.toml").write_text(VESSEL.ljust(2048, "#"), encoding="utf-8")
    assert problems(tmp_path) == [
        (
            "too-large",
            "",
            "the file is 2 KiB, larger than the 1 KiB a dataset file may be; split it "
            "into several files in a directory",
        )
    ]


def test_a_directory_over_the_total_size_limit_stops_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_load, "MAX_DATASET_BYTES", 100)
    (tmp_path / "a.toml").write_text(VESSEL, encoding="utf-8")
    (tmp_path / "b.toml").write_text(VESSEL, encoding="utf-8")
    assert problems(tmp_path) == [
        (
            "too-large",
            "",
            "the files of the directory come to more than 100 bytes, the most a dataset may hold",
        )
    ]


def test_a_directory_with_too_many_files_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_load, "MAX_FILES", 3)
    for number in range(5):
        (tmp_path / f"{number}.toml").write_text("", encoding="utf-8")
    assert problems(tmp_path) == [
        (
            "too-large",
            "",
            "the directory holds more than 3 .toml, .json and .csv files, the most a dataset "
            "may have; is it the right directory?",
        )
    ]


def _keys(parts: int) -> str:
    return "[" + ".".join(["a"] * parts) + "]"


def _json_lists(levels: int) -> str:
    return '{"a": ' + "[" * levels + "]" * levels + "}"


@pytest.mark.parametrize(
    ("text", "format"),
    [
        ("deep = " + "[" * 10_000 + "]" * 10_000, "toml"),
        ("deep = " + "{a=" * 10_000 + "1" + "}" * 10_000, "toml"),
        (_keys(5_000), "toml"),
        # Fewer parts than any tomli refuses, more levels than the format allows.
        (_keys(MAX_NESTING + 1), "toml"),
        (VESSEL + "[vessel.complement" + ".a" * MAX_NESTING + "]\n", "toml"),
        ("[" * 100_000 + "]" * 100_000, "json"),
        # Shallower than Python's recursion limit, deeper than the format allows.
        (_json_lists(MAX_NESTING + 1), "json"),
    ],
    ids=[
        "toml-arrays",
        "toml-tables",
        "toml-keys",
        "toml-keys-past-the-limit",
        "toml-keys-inside-a-record",
        "json-arrays",
        "json-past-the-limit",
    ],
)
def test_deep_nesting_is_refused_with_a_message(text: str, format: str) -> None:
    assert messages(text, format) == [
        "<string>: arrays, tables or keys are nested too deeply to read (more than 400 "
        "levels), far deeper than a dataset needs"
    ]


@pytest.mark.parametrize(
    ("text", "format"),
    [(_keys(MAX_NESTING), "toml"), (_json_lists(MAX_NESTING), "json")],
    ids=["toml", "json"],
)
def test_nesting_up_to_the_limit_is_read_and_reported_as_what_it_is(text: str, format: str) -> None:
    (message,) = messages(text, format)
    assert "unknown table 'a'" in message


def test_the_nesting_limit_counts_levels_below_the_top_table() -> None:
    def nest(levels: int) -> dict[str, object]:
        data: dict[str, object] = {}
        for _ in range(levels):
            data = {"a": data}
        return data

    assert not _limits.nested_too_deeply(nest(MAX_NESTING))
    assert _limits.nested_too_deeply(nest(MAX_NESTING + 1))
    assert _limits.nested_too_deeply({"x": 1, "y": [nest(MAX_NESTING)]})
    assert not _limits.nested_too_deeply("scalar")


@pytest.mark.parametrize("format", ["toml", "json"])
def test_a_number_too_long_to_read_is_refused_with_a_message(format: str) -> None:
    digits = "9" * 5_000
    text = VESSEL + f"crew_size = {digits}\n" if format == "toml" else f'{{"x": {digits}}}'
    assert messages(text, format) == [
        "<string>: a whole number is too long to read (more than 4300 digits); whole numbers "
        "must lie between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807"
    ]


@pytest.mark.parametrize(
    ("text", "format"),
    [
        (VESSEL + "length_m = 1e" + "8" * 30 + "\n", "toml"),
        ("8" * 60 + "e" + "8" * 30, "json"),  # found by the fuzzer
    ],
)
def test_a_number_with_an_exponent_too_large_to_read_is_refused(text: str, format: str) -> None:
    assert messages(text, format) == [
        "<string>: a number's exponent is too large to read, such as 1e1000000000000000000"
    ]


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 10**70])
def test_whole_numbers_are_64_bit(value: int) -> None:
    found = (
        "a whole number of more than 60 digits" if value == 10**70 else f"the whole number {value}"
    )
    assert messages(VESSEL + f"crew_size = {value}\n") == [
        "<string>:5: vessel[v].crew_size: expected a whole number from "
        "-9,223,372,036,854,775,808 to 9,223,372,036,854,775,807 (64 bits), found " + found
    ]


def test_the_largest_64_bit_number_loads() -> None:
    assert mc.loads(VESSEL + f"crew_size = {2**63 - 1}\n").vessels[0].crew_size == 2**63 - 1


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("9999-12-31", "the date 9999-12-31"),
        ("0001-01-01", "the date 0001-01-01"),
        ('"1799-12-31"', "the date 1799-12-31"),
    ],
)
def test_dates_lie_between_1800_and_2999(value: str, found: str) -> None:
    text = f'[[operation]]\nid = "o"\nvessel = "v"\nkind = "boarding"\nstart = {value}\n'
    assert messages(text) == [
        f"<string>:5: operation[o].start: expected a date from 1800-01-01 to 2999-12-31, "
        f"found {found}"
    ]


def test_the_first_and_last_dates_load() -> None:
    text = '[[operation]]\nid = "o"\nvessel = "v"\nkind = "boarding"\nstart = {}\n'
    for value in ("1800-01-01", "2999-12-31"):
        assert str(mc.loads(text.format(value)).operations[0].start) == value


def test_date_times_lie_between_1800_and_2999() -> None:
    text = (
        '[[work_period]]\nperson = "BF1"\n'
        "start = 3000-01-01T00:00:00Z\nend = 3000-01-01T06:00:00Z\n"
    )
    assert messages(text) == [
        f"<string>:{line}: work_period[0].{field}: expected a date and time from 1800-01-01 "
        f"to 2999-12-31, found the date and time 3000-01-01T{time}+00:00"
        for line, field, time in ((3, "start", "00:00:00"), (4, "end", "06:00:00"))
    ]


@pytest.mark.parametrize("text", ["P101Y", "P1201M", "P5218W", "P36526D", "PT876601H"])
def test_periods_are_at_most_100_years(text: str) -> None:
    with pytest.raises(
        InvalidValue, match=f"expected a period of at most 100 years, found '{text}'"
    ):
        mc.model.Period.parse(text)


@pytest.mark.parametrize("text", ["P100Y", "P1200M", "P5217W", "P36525D"])
def test_a_period_of_100_years_is_allowed(text: str) -> None:
    assert str(mc.model.Period.parse(text)) == text


def test_a_long_period_in_a_dataset_is_located() -> None:
    text = '[[course]]\nid = "c"\nname = "Sea survival"\nvalidity = "P99999999999Y"\n'
    assert messages(text) == [
        "<string>:4: course[c].validity: expected a period of at most 100 years, "
        "found the text 'P99999999999Y'"
    ]


def test_long_names_and_values_are_cut_short_in_messages() -> None:
    name = "x" * 10_000
    shown = repr("x" * 37 + "...")  # 40 characters at most (io._converter.EXCERPT)
    assert messages(
        f"[[{name}]]\n" + VESSEL + f'{name} = 1\nclass_name = "{name}"\ncrew_size = "{name}"\n'
    ) == [
        f"<string>:1: {'x' * 197}...: unknown table {shown}; known tables: "
        + ", ".join(table.name for table in mc.model.TABLES),
        f"<string>:6: vessel[v].{'x' * 187}...: unknown field {shown}; known fields: id, name, "
        "type, home_port, class_name, length_m, crew_size, complement, status, recorded_by, "
        "recorded_on, reason",
        f"<string>:8: vessel[v].crew_size: expected a whole number, found the text {shown}",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("select = " + "[" * 10_000 + "]" * 10_000, "are nested too deeply to read"),
        ("warn_days = " + "9" * 5_000, "a whole number is too long to read"),
    ],
)
def test_a_configuration_file_beyond_the_parser_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    (tmp_path / "people.toml").write_text(VESSEL, encoding="utf-8")
    (tmp_path / "maritime-crew.toml").write_text(text, encoding="utf-8")
    assert main(["check", str(tmp_path), "--as-of", "2021-03-31"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "maritime-crew.toml" in err
    assert "internal error" not in err
