"""Work periods from CSV files: reading, local times, located problems and round trips."""

from __future__ import annotations

import csv
import datetime
import io
import pickle
import re
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import maritime_crew as mc

ROOT = Path(__file__).resolve().parent.parent
HEADER = "person,start,end,vessel\n"
MOMENT = "a date and time (YYYY-MM-DDTHH:MM:SS, with an offset or in UK local time)"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(mc.DataError) as caught:
        mc.load(path)
    return [str(problem) for problem in caught.value.problems]


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz="UTC")


# -- reading -------------------------------------------------------------------------------


def test_one_csv_file_loads_one_work_period_per_row_in_file_order(tmp_path: Path) -> None:
    path = write(
        tmp_path / "hours.csv",
        HEADER
        + "BF2,2021-02-01T18:00:00+00:00,2021-02-02T00:00:00+00:00,vigilant\n"
        + "BF1,2021-02-01T06:00:00Z,2021-02-01T12:00:00Z,\n"
        + "BF1,2021-07-01T08:00:00+02:00,2021-07-01T12:00:00+02:00,searcher\n",
    )
    fleet = mc.load(path)
    assert fleet.work_periods == (
        mc.model.WorkPeriod("BF2", at(2021, 2, 1, 18), at(2021, 2, 2, 0), "vigilant"),
        mc.model.WorkPeriod("BF1", at(2021, 2, 1, 6), at(2021, 2, 1, 12)),
        mc.model.WorkPeriod("BF1", at(2021, 7, 1, 6), at(2021, 7, 1, 10), "searcher"),
    )
    assert fleet.work_periods[2].start.utcoffset() == datetime.timedelta(hours=2)
    assert fleet.people == ()


def test_columns_may_come_in_any_order_and_vessel_is_optional(tmp_path: Path) -> None:
    path = write(
        tmp_path / "hours.csv", "end,person,start\n2021-02-01T12:00Z,BF1,2021-02-01T06:00Z\n"
    )
    assert mc.load(path).work_periods == (
        mc.model.WorkPeriod("BF1", at(2021, 2, 1, 6), at(2021, 2, 1, 12)),
    )


def test_local_times_are_london_wall_time_either_side_of_the_clock_changes(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path / "hours.csv",
        "person,start,end\n"
        "BF1,2021-03-28T00:30,2021-03-28T03:30\n"  # 00:30 GMT to 03:30 BST: 2 hours
        "BF1,2021-07-01T08:00:00,2021-07-01T12:00:00\n"
        "BF1,2021-10-31 00:30,2021-10-31 02:30\n",  # 00:30 BST to 02:30 GMT: 3 hours
    )
    first, summer, autumn = mc.load(path).work_periods
    assert (first.start, first.end) == (at(2021, 3, 28, 0, 30), at(2021, 3, 28, 2, 30))
    assert summer.start == at(2021, 7, 1, 7)
    assert summer.start.utcoffset() == datetime.timedelta(hours=1)
    assert autumn.end - autumn.start == pendulum.duration(hours=3)


@pytest.mark.parametrize(
    ("written", "words"),
    [
        (
            "2021-03-28T01:30",
            "that local time does not exist in the UK: the clocks went forward; "
            "give the time with an offset, such as +00:00",
        ),
        (
            "2021-10-31T01:30:00",
            "that local time happens twice in the UK: the clocks went back; "
            "give the time with an offset, +01:00 for the first or +00:00 for the second",
        ),
    ],
    ids=["spring-gap", "autumn-repeat"],
)
def test_doubtful_local_times_are_refused_as_toml_refuses_them(
    tmp_path: Path, written: str, words: str
) -> None:
    path = write(tmp_path / "hours.csv", f"person,start,end\nBF1,{written},2021-12-01T00:00Z\n")
    with pytest.raises(mc.DataError) as caught:
        mc.load(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.file, problem.line, problem.path, problem.expected) == (
        "invalid-value",
        str(path),
        2,
        "work_period[0].start",
        MOMENT,
    )
    assert problem.message.endswith(f"({words})")
    # the very same message as the TOML path gives for the same time
    toml = f'[[work_period]]\nperson = "BF1"\nstart = "{written}"\nend = 2021-12-01T00:00:00Z\n'
    with pytest.raises(mc.DataError) as from_toml:
        mc.loads(toml)
    assert from_toml.value.problems[0].message == problem.message


def test_the_same_moment_with_an_offset_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path / "hours.csv",
        "person,start,end\n"
        "BF1,2021-10-31T01:30:00+01:00,2021-10-31T01:30:00+00:00\n"
        "BF1,2021-03-28T01:30:00+00:00,2021-03-28T02:30:00+01:00\n",
    )
    autumn, spring = mc.load(path).work_periods
    assert autumn.end - autumn.start == pendulum.duration(hours=1)
    assert spring.end == spring.start


# -- bad input -----------------------------------------------------------------------------


def test_every_bad_row_is_reported_at_once_with_line_field_and_expectation(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path / "hours.csv",
        HEADER
        + "BF1,2021-02-01T06:00:00Z,2021-02-01T12:00:00Z,vigilant\n"  # line 2: good
        + ",2021-02-01,noon,\n"  # line 3: three problems
        + "\n"
        + "BF2,2021-02-01T06:00:00Z,,vigilant\n"  # line 5
        + "BF3,2021-02-01T06:00:00Z,2021-02-01T12:00:00Z,vigilant,spare\n",  # line 6
    )
    p = str(path)
    assert problems_of(path) == [
        f"{p}:3: work_period[1].person: required field is missing",
        f"{p}:3: work_period[1].start: expected {MOMENT}, found the text '2021-02-01'",
        f"{p}:3: work_period[1].end: expected {MOMENT}, found the text 'noon'",
        f"{p}:5: work_period[2].end: required field is missing",
        f"{p}:6: expected at most 4 values, one per column of the header, found 5",
    ]


def test_the_documented_examples_of_problems_are_what_loading_says(tmp_path: Path) -> None:
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = page[page.index("## CSV work periods") : page.index("## Errors")]
    documented = re.findall(r"^hours\.csv:.*$", section, flags=re.M)
    path = write(
        tmp_path / "hours.csv",
        "person,start,end,colour\n"
        "BF1,2021-03-27T08:00,2021-03-27T12:00,red\n"
        "BF1,2021-03-27T13:00,2021-03-27T17:00,red\n"
        "BF1,2021-03-28T01:30,2021-03-28T04:00,red\n"
        "BF1,2021-03-29T08:00,2021-03-29T12:00,red\n"
        ",2021-03-30T08:00,2021-03-30T12:00,red\n",
    )
    prefix = str(tmp_path) + "/"
    assert [problem.removeprefix(prefix) for problem in problems_of(path)] == documented


def test_header_problems_name_the_column_and_suggest(tmp_path: Path) -> None:
    path = write(
        tmp_path / "hours.csv",
        "Person,start,stop,start,,vessel\nBF1,2021-02-01T06:00Z,x,y,z,v\n",
    )
    with pytest.raises(mc.DataError) as caught:
        mc.load(path)
    assert [(p.code, p.line, p.message) for p in caught.value.problems] == [
        ("unknown-field", 1, "column 1: unknown column 'Person'; did you mean 'person'?"),
        (
            "unknown-field",
            1,
            "column 3: unknown column 'stop'; known columns: person, start, end, vessel",
        ),
        ("syntax", 1, "column 4: the column 'start' appears twice in the header"),
        (
            "unknown-field",
            1,
            "column 5: a column without a name; known columns: person, start, end, vessel",
        ),
        (
            "missing-field",
            1,
            "the header has no column 'person'; a work-period file needs the columns "
            "person, start and end (and optionally vessel)",
        ),
        (
            "missing-field",
            1,
            "the header has no column 'end'; a work-period file needs the columns "
            "person, start and end (and optionally vessel)",
        ),
    ]
    assert caught.value.problems[0].found == "Person"


def test_rows_are_still_checked_under_an_unknown_column(tmp_path: Path) -> None:
    path = write(
        tmp_path / "hours.csv",
        "person,start,end,notes\nBF1,2021-02-01T06:00Z,later,night shift\n",
    )
    assert problems_of(path) == [
        f"{path}:1: column 4: unknown column 'notes'; known columns: person, start, end, vessel",
        f"{path}:2: work_period[0].end: expected {MOMENT}, found the text 'later'",
    ]


def test_an_empty_file_has_no_header_but_a_header_alone_is_no_work(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.csv", "")
    blank = write(tmp_path / "blank.csv", "\n \n,,\n")
    header = write(tmp_path / "header.csv", "person,start,end\n")
    message = (
        "the file has no header row; a work-period file starts with the columns "
        "person, start and end (and optionally vessel)"
    )
    assert problems_of(empty) == [f"{empty}:1: {message}"]
    assert problems_of(blank) == [f"{blank}:1: {message}"]
    assert mc.load(header).work_periods == ()


def test_blank_lines_and_trailing_empty_values_are_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path / "hours.csv",
        "\nperson, start ,end,vessel,\n\n"
        "BF1 , 2021-02-01T06:00Z ,2021-02-01T12:00Z,,,\n"
        ",,,\n"
        "BF2,2021-02-01T06:00Z,2021-02-01T12:00Z\n\n",
    )
    fleet = mc.load(path)
    assert [(p.person, p.vessel) for p in fleet.work_periods] == [("BF1", None), ("BF2", None)]
    assert [str(fleet.source_of("work_period", i)) for i in range(2)] == [
        f"{path}:4",
        f"{path}:6",
    ]


def windows(path: Path, text: str) -> Path:
    """Write text as a spreadsheet on Windows does: a byte order mark and CRLF."""
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    return path


def test_a_byte_order_mark_and_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    good = HEADER + "BF1,2021-02-01T06:00Z,2021-02-01T12:00Z,vigilant\n\n"
    fleet = mc.load(
        windows(tmp_path / "good.csv", good + "BF2,2021-02-01T06:00Z,2021-02-01T12:00Z,\n")
    )
    assert [p.vessel for p in fleet.work_periods] == ["vigilant", None]
    assert fleet.source_of("work_period", 1) == mc.model.SourceLocation(
        str(tmp_path / "good.csv"), 4
    )
    bad = windows(tmp_path / "bad.csv", good + "BF2,x,y,\n")
    assert problems_of(bad) == [
        f"{bad}:4: work_period[1].start: expected {MOMENT}, found the text 'x'",
        f"{bad}:4: work_period[1].end: expected {MOMENT}, found the text 'y'",
    ]


def test_quoted_values_are_read_and_bad_quoting_is_located(tmp_path: Path) -> None:
    path = write(
        tmp_path / "hours.csv",
        'person,start,end,vessel\n"BF1","2021-02-01T06:00Z","2021-02-01T12:00Z","a, b"\n'
        'BF2,"2021-02-01T06:00Z"x,2021-02-01T12:00Z\n'
        "BF3,2021-02-01T06:00Z,soon\n",
    )
    assert problems_of(path) == [
        f"{path}:3: invalid CSV: expected ',' or the end of the line after a closing quote, "
        'found more text; a quote inside a quoted value is written twice, as in "say ""yes"""',
        f"{path}:4: work_period[1].end: expected {MOMENT}, found the text 'soon'",
    ]
    quoted = write(
        tmp_path / "quoted.csv",
        'person,start,end,vessel\n"BF1","2021-02-01T06:00Z","2021-02-01T12:00Z","a, b"\n'
        'BF2,2021-02-01T06:00Z,2021-02-01T12:00Z,"two\nlines"\n'
        "BF3,2021-02-01T06:00Z,2021-02-01T12:00Z\n",
    )
    fleet = mc.load(quoted)
    assert [p.vessel for p in fleet.work_periods] == ["a, b", "two\nlines", None]
    assert [fleet.source_of("work_period", i) for i in range(3)] == [
        mc.model.SourceLocation(str(quoted), line) for line in (2, 3, 5)
    ]


def test_a_file_that_is_not_utf8_is_an_encoding_problem(tmp_path: Path) -> None:
    path = tmp_path / "hours.csv"
    path.write_bytes("person,start,end\nZoë,x,y\n".encode("latin-1"))
    with pytest.raises(mc.DataError) as caught:
        mc.load(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line) == ("encoding", 2)


# -- datasets ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            'BF2,"2021-02-01T06:00Z',
            "invalid CSV: expected a closing quote, found the end of the file",
        ),
        (
            "BF2," + "x" * 200_000 + ",2021-02-01T12:00Z",
            "invalid CSV: expected values of at most 131,072 characters, found a longer value",
        ),
    ],
    ids=["quote-not-closed", "value-too-long"],
)
def test_a_row_the_csv_reader_cannot_split_is_explained(
    tmp_path: Path, row: str, message: str
) -> None:
    path = write(tmp_path / "hours.csv", f"person,start,end\n{row}\n")
    assert problems_of(path)[0] == f"{path}:2: {message}"


def test_csv_files_join_the_work_periods_in_sorted_path_order(tmp_path: Path) -> None:
    write(
        tmp_path / "b.toml",
        '[[person]]\nid = "BF1"\nname = "Al"\ndiscipline = "deck"\n\n'
        '[[work_period]]\nperson = "BF1"\nstart = 2021-02-03T06:00:00Z\n'
        "end = 2021-02-03T12:00:00Z\n",
    )
    hours = tmp_path / "hours"
    write(hours / "a.csv", "person,start,end\nBF1,2021-02-01T06:00Z,2021-02-01T12:00Z\n")
    write(hours / "c" / "d.csv", "person,start,end\n\nBF1,2021-02-04T06:00Z,2021-02-04T12:00Z\n")
    write(hours / "c.csv", "person,start,end\nBF1,2021-02-02T06:00Z,2021-02-02T12:00Z\n")
    write(
        tmp_path / "hours-late.csv", "person,start,end\nBF1,2021-02-05T06:00Z,2021-02-05T12:00Z\n"
    )
    write(tmp_path / ".hidden.csv", "not,a,dataset\n")
    fleet = mc.load(tmp_path)
    assert [p.start.day for p in fleet.work_periods] == [3, 5, 1, 2, 4]
    assert [str(fleet.source_of("work_period", i)) for i in range(5)] == [
        f"{tmp_path / 'b.toml'}:6",
        f"{tmp_path / 'hours-late.csv'}:2",
        f"{hours / 'a.csv'}:2",
        f"{hours / 'c.csv'}:2",
        f"{hours / 'c' / 'd.csv'}:3",
    ]
    assert fleet.person("BF1") is not None


def test_a_csv_file_outside_an_hours_folder_is_not_read_and_is_listed(tmp_path: Path) -> None:
    # A spreadsheet export left beside the data is not work periods, and breaks nothing.
    write(tmp_path / "people.toml", '[[person]]\nid = "BF1"\nname = "Al"\ndiscipline = "deck"\n')
    write(tmp_path / "exports" / "staff list.csv", "Surname,Forename,Grade\nAl,Bo,3\n")
    write(tmp_path / "roster.csv", "person,start,end\nBF1,2021-02-01T06:00Z,2021-02-01T12:00Z\n")
    write(tmp_path / "crew" / "hours" / "x.csv", "person,start,end\n")
    fleet = mc.load(tmp_path)
    assert fleet.work_periods == ()
    assert mc.io.unread_files(tmp_path) == [
        tmp_path / "roster.csv",
        tmp_path / "exports" / "staff list.csv",
    ]
    assert tmp_path / "crew" / "hours" / "x.csv" in mc.io.dataset_files(tmp_path)
    # Named on its own, a CSV file is read whatever its name.
    assert len(mc.load(tmp_path / "roster.csv").work_periods) == 1
    assert mc.io.unread_files(tmp_path / "roster.csv") == []


def test_csv_problems_merge_with_those_of_other_files(tmp_path: Path) -> None:
    write(tmp_path / "a.toml", '[[person]]\nid = "BF1"\nname = 1\ndiscipline = "deck"\n')
    write(tmp_path / "hours" / "b.csv", "person,start,end\nBF1,x,2021-02-01T12:00Z\n")
    write(tmp_path / "c.json", '{"crew": [{"id": "c"}]}')
    a, b, c = (str(tmp_path / name) for name in ("a.toml", "hours/b.csv", "c.json"))
    with pytest.raises(mc.DataError) as caught:
        mc.load(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{a}:3: person[BF1].name: expected text, found the whole number 1",
        f"{c}: crew[c].name: required field is missing",
        f"{b}:2: work_period[0].start: expected {MOMENT}, found the text 'x'",
    ]
    assert str(caught.value).splitlines()[0] == "3 problems in 3 files:"


def test_loads_reads_csv_text() -> None:
    fleet = mc.loads(
        "\ufeffperson,start,end\r\nBF1,2021-02-01T06:00Z,2021-02-01T12:00Z\r\n",
        format="csv",
        name="hours.csv",
    )
    assert fleet.work_periods == (
        mc.model.WorkPeriod("BF1", at(2021, 2, 1, 6), at(2021, 2, 1, 12)),
    )
    assert fleet.source_of("work_period", 0) == mc.model.SourceLocation("hours.csv", 2)
    with pytest.raises(mc.DataError) as caught:
        mc.loads("person,start\n", format="csv", name="hours.csv")
    assert [p.line for p in caught.value.problems] == [1]


def test_findings_about_csv_work_periods_point_at_the_row(tmp_path: Path) -> None:
    write(tmp_path / "people.toml", '[[person]]\nid = "BF1"\nname = "Al"\ndiscipline = "deck"\n')
    hours = write(
        tmp_path / "hours.csv",
        "person,start,end\n"
        "BF1,2021-02-01T06:00Z,2021-02-01T12:00Z\n"
        "BF1,2021-02-01T10:00Z,2021-02-01T14:00Z\n",
    )
    report = mc.check(
        mc.load(tmp_path), as_of="2021-03-31", config=mc.rules.Config(select=("DATA009",))
    )
    (finding,) = report.findings
    assert finding.source == mc.model.SourceLocation(str(hours), 3)
    assert f"({hours}:2) and" in finding.message


def test_a_fleet_with_csv_sources_can_be_sent_to_another_process(tmp_path: Path) -> None:
    path = write(
        tmp_path / "hours.csv", "person,start,end\n\nBF1,2021-02-01T06:00Z,2021-02-01T12:00Z\n"
    )
    fleet = mc.load(path)
    copy = pickle.loads(pickle.dumps(fleet))
    assert copy == fleet
    assert copy.source_of("work_period", 0) == mc.model.SourceLocation(str(path), 3)


# -- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_a_dataset_with_csv_hours_survives_dump_and_load(tmp_path: Path, suffix: str) -> None:
    data = tmp_path / "data"
    write(data / "people.toml", '[[person]]\nid = "BF1"\nname = "Al"\ndiscipline = "deck"\n')
    write(
        data / "hours.csv",
        HEADER
        + "BF1,2021-02-01T06:00:00Z,2021-02-01T12:00:00Z,vigilant\n"
        + "BF1,2021-07-01T08:00,2021-07-01T12:30:15.5,\n"
        + "BF1,2021-10-31T01:30:00+00:00,2021-10-31T03:00:00+05:30,\n",
    )
    fleet = mc.load(data)
    out = tmp_path / f"out{suffix}"
    mc.dump(fleet, out)
    again = mc.load(out)
    assert again == fleet
    assert [p.start.utcoffset() for p in again.work_periods] == [
        p.start.utcoffset() for p in fleet.work_periods
    ]


_OFFSETS = st.sampled_from([0, 60, -300, 330]).map(
    lambda minutes: datetime.timezone(datetime.timedelta(minutes=minutes))
)
_MOMENTS = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone),
    st.datetimes(datetime.datetime(2000, 1, 1), datetime.datetime(2040, 1, 1)),
    _OFFSETS,
)
_ROWS = st.lists(
    st.tuples(
        st.from_regex(r"BF[0-9]{1,4}", fullmatch=True),
        _MOMENTS,
        _MOMENTS,
        st.none() | st.sampled_from(["vigilant", "searcher"]),
    ),
    max_size=8,
)


@given(rows=_ROWS, crlf=st.booleans())
@settings(max_examples=60, deadline=None)
def test_work_periods_written_with_the_csv_module_read_back(
    rows: list[tuple[str, datetime.datetime, datetime.datetime, str | None]], crlf: bool
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(["person", "start", "end", "vessel"])
    for person, start, end, vessel in rows:
        writer.writerow([person, start.isoformat(), end.isoformat(), vessel or ""])
    fleet = mc.loads(buffer.getvalue(), format="csv", name="hours.csv")
    assert [
        (p.person, p.start, p.end, p.vessel, p.start.utcoffset()) for p in fleet.work_periods
    ] == [(person, start, end, vessel, start.utcoffset()) for person, start, end, vessel in rows]
    assert [fleet.source_of("work_period", i) for i in range(len(rows))] == [
        mc.model.SourceLocation("hours.csv", line) for line in range(2, len(rows) + 2)
    ]
    assert mc.loads(mc.dumps(fleet)) == fleet


def test_a_loaded_fleet_knows_the_csv_files_its_load_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "people.toml", '[[person]]\nid = "BF1"\nname = "Al"\ndiscipline = "deck"\n')
    write(tmp_path / "staff.csv", "Surname,Forename\nAl,Bo\n")
    fleet = mc.load(tmp_path)
    (tmp_path / "later.csv").write_text("added after the load\n", encoding="utf-8")
    assert mc.io.unread_files(fleet) == [tmp_path / "staff.csv"]  # as the load found them
    assert mc.io.unread_files(mc.model.Fleet()) == []  # built in code: nothing passed over
