"""How datasets are found, merged and located."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from unittest import mock

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew.io import _sources
from maritime_crew.io._sources import HeaderLines, header_lines

PERSON = '[[person]]\nid = "{id}"\nname = "{name}"\ndiscipline = "deck"\n'


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_arrays_of_tables_merge_across_files_in_sorted_path_order(tmp_path: Path) -> None:
    write(tmp_path / "b.toml", PERSON.format(id="B", name="Bea"))
    write(
        tmp_path / "a.toml", PERSON.format(id="A", name="Al") + PERSON.format(id="A2", name="Ali")
    )
    write(tmp_path / "sub" / "c.toml", PERSON.format(id="C", name="Cy"))
    write(
        tmp_path / "d.json",
        json.dumps({"person": [{"id": "D", "name": "Di", "discipline": "deck"}]}),
    )
    fleet = mc.load(tmp_path)
    assert [p.id for p in fleet.people] == ["A", "A2", "B", "D", "C"]


def test_hidden_config_and_other_files_are_not_data(tmp_path: Path) -> None:
    write(tmp_path / "people.toml", PERSON.format(id="A", name="Al"))
    write(tmp_path / ".draft.toml", "this is not toml")
    write(tmp_path / ".git" / "x.toml", "nor this")
    write(tmp_path / "maritime-crew.toml", 'select = ["ALL"]\n')
    write(tmp_path / "pyproject.toml", "[tool.maritime-crew]\n")
    write(tmp_path / "notes.md", "# notes")
    assert [p.id for p in mc.load(tmp_path).people] == ["A"]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + PERSON.format(id="A", name="Al").encode())
    assert mc.load(path).person("A") is not None


def test_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "crlf.toml"
    path.write_bytes(PERSON.format(id="A", name="Al").replace("\n", "\r\n").encode())
    fleet = mc.load(path)
    assert fleet.person("A") is not None
    assert fleet.source_of("person", 0) == mc.model.SourceLocation(str(path), 1)


def test_records_know_the_file_and_header_line_they_came_from(tmp_path: Path) -> None:
    first = write(tmp_path / "a.toml", PERSON.format(id="A", name="Al"))
    second = write(
        tmp_path / "b.toml",
        "# people of crew B\n\n"
        + PERSON.format(id="B", name="Bea")
        + 'sizes = [{ equipment = "dry-suit", size = "L" }]\n'
        + '\n[[person.certificates]]\ntype = "eng1"\nissued = 2020-01-01\n'
        + '\n[[person.certificates]]\ntype = "pst"\nissued = 2019-01-01\n',
    )
    fleet = mc.load(tmp_path)
    assert fleet.locate("person", "A") == mc.model.SourceLocation(str(first), 1)
    assert fleet.locate("person", "B") == mc.model.SourceLocation(str(second), 3)
    assert fleet.source_of("person", 1, "certificates", 1) == mc.model.SourceLocation(
        str(second), 13
    )
    # Inline records have no header of their own: the enclosing header is given.
    assert fleet.source_of("person", 1, "sizes", 0) == mc.model.SourceLocation(str(second), 3)
    assert fleet.locate("person", "nobody") is None


def test_locations_are_of_the_text_that_was_loaded(tmp_path: Path) -> None:
    """A file edited after loading does not move the findings of the fleet loaded before."""
    path = write(tmp_path / "a.toml", "# crew A\n\n" + PERSON.format(id="A", name="Al"))
    fleet = mc.load(tmp_path)
    write(path, "# crew A, edited\n\n\n\n" + PERSON.format(id="A", name="Al"))
    path.unlink()  # nor does a file deleted since
    assert fleet.locate("person", "A") == mc.model.SourceLocation(str(path), 3)
    findings = mc.check(fleet, as_of="2021-03-31").findings
    assert {f.source for f in findings if f.subject.id == "A"} == {
        mc.model.SourceLocation(str(path), 3)
    }


def test_an_id_and_the_references_to_it_are_one_string() -> None:
    """Shared, not copied: a lookup by reference finds the id without comparing text."""
    fleet = mc.load(Path(__file__).parent.parent / "examples" / "fleet")
    deployment = next(d for d in fleet.deployments if d.crew is not None)
    crew = fleet.crew(deployment.crew)
    assert crew is not None
    assert crew.id is deployment.crew
    issue = next(issue for person in fleet.people for issue in person.issues)
    item = fleet.equipment_item(issue.item)
    assert item is not None
    assert item.id is issue.item


def test_json_records_know_their_file(tmp_path: Path) -> None:
    path = write(
        tmp_path / "p.json",
        json.dumps({"person": [{"id": "A", "name": "Al", "discipline": "deck"}]}),
    )
    assert mc.load(path).locate("person", "A") == mc.model.SourceLocation(str(path), None)


def test_header_scan_follows_the_toml_grammar() -> None:
    text = "\n".join(
        [
            "[[terms]]  # the old set",
            'id = "t1"',
            'summary = """',
            "[[terms]]",  # inside a multi-line string: not a header
            '"""',
            "[terms.consultation]",
            "[[terms.consultation.responses]]",
            "[[ terms ]]",
            '[["terms".consultation]]',
            "[[terms.consultation.responses]]",
        ]
    )
    assert header_lines(text) == {
        ("terms", 0): 1,
        ("terms", 0, "consultation"): 6,
        ("terms", 0, "consultation", "responses", 0): 7,
        ("terms", 1): 8,
        ("terms", 1, "consultation", 0): 9,
        ("terms", 1, "consultation", 0, "responses", 0): 10,
    }


_LINES = st.sampled_from(
    [
        "[[person]]",
        "  [[person.certificates]]  # a comment",
        "[[terms]]",
        '[["person".training]]',
        'name = "Al"',
        'note = """',
        'note = """ one line """',
        "note = '''",
        "'''",
        '"""',
        "x = [1, 2]",
        "[not a header",
        "",
        "# [[person]] in a comment",
    ]
)


@given(st.lists(_LINES, max_size=40), st.sampled_from(["\n", "\r\n"]))
def test_header_scan_numbers_lines_as_a_reader_would(lines: list[str], newline: str) -> None:
    """Each header is found on the line a reader sees it on, whatever surrounds it."""
    found = header_lines(newline.join(lines))
    # Inside a multi-line string a header is text; outside, every array header counts
    # (each gets its own path, so none hides another).
    expected: list[int] = []
    top: dict[str, int] = {}  # top-level arrays: how many seen so far
    open_string: str | None = None
    for number, line in enumerate(lines, start=1):
        if open_string is not None:
            if line.count(open_string) % 2 == 1:
                open_string = None
        elif line.lstrip().startswith("[["):
            expected.append(number)
            if line in ("[[person]]", "[[terms]]"):
                name = line[2:-2]
                top[name] = top.get(name, -1) + 1
                assert found[(name, top[name])] == number
        elif not line.lstrip().startswith("["):
            for delimiter in ('"""', "'''"):
                if line.count(delimiter) % 2 == 1:
                    open_string = delimiter
                    break
    assert sorted(line for path, line in found.items() if len(path) > 1) == expected


def _line_by_line(text: str) -> HeaderLines:
    """The header scan's plain definition: every line read, in order, one at a time."""
    scan = _sources._HeaderScan()
    for number, line in enumerate(text.split("\n"), start=1):
        scan.line(line, number)
    return scan.lines


_REPEATED = st.lists(
    st.sampled_from(
        [
            "[[deployment]]",
            "[[deployment]]",
            "[[deployment]]",
            'id = "D1"',
            "start = 2021-01-01",
            "",
            "# [[deployment]] in a comment",
            "[[vessel]]",
            "  [[deployment]]",
            "[[deployment]] # a comment",
            "[deployment.crew]",
            "[[deployment.crew]]",
            "x = [",
            "[1, 2],",
            "]",
            'note = """',
            '"""',
        ]
    ),
    max_size=30,
)


@given(
    st.sampled_from(["", "# a file of deployments\n\n", 'vessel = "x"\n']),
    _REPEATED,
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.integers(min_value=0, max_value=60),
)
def test_a_run_of_one_header_is_numbered_as_line_by_line(
    prefix: str, lines: list[str], newline: str, final_newline: bool, window: int
) -> None:
    """Counting a file of repeated headers at once gives each the line a reader sees it on.

    Whatever breaks the run (another table, an indented or commented header, two on
    consecutive lines, one on the last line, a multi-line string or array) falls back to
    reading lines, and agrees too. The run is split a window at a time; small windows
    put their ends everywhere a large file's would fall.
    """
    text = prefix.replace("\n", newline) + "[[deployment]]" + newline + newline.join(lines)
    text += newline if final_newline else ""
    with mock.patch.object(_sources, "_WINDOW", window):
        found = header_lines(text)
    assert found == _line_by_line(text)
    assert dict(found) == dict(_line_by_line(text))


def test_a_large_file_of_one_array_is_not_read_line_by_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines_read = []
    line = _sources._HeaderScan.line

    def counted(scan: _sources._HeaderScan, text: str, number: int) -> None:
        lines_read.append(number)
        line(scan, text, number)

    monkeypatch.setattr(_sources._HeaderScan, "line", counted)
    record = '[[deployment]]\nid = "D{}"\nvessel = "alert"\n\n'
    text = "# deployments\n\n" + "".join(record.format(i) for i in range(1000))
    found = header_lines(text)
    assert [found[("deployment", i)] for i in (0, 1, 999)] == [3, 7, 3 + 4 * 999]
    assert len(found) == 1000
    assert lines_read == [1, 2, 3]  # up to the first header; the rest were counted at once


def test_a_large_file_of_one_array_is_scanned_without_a_second_copy() -> None:
    """Numbering the headers of a large file takes a window of memory, not another file."""
    record = '[[deployment]]\nid = "D{}"\nnote = "' + "x" * 1000 + '"\n\n'
    text = "".join(record.format(i) for i in range(8000))  # 8 MB, eight windows
    tracemalloc.start()
    try:
        found = header_lines(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [found[("deployment", i)] for i in (0, 1, 7999)] == [1, 5, 1 + 4 * 7999]
    assert len(found) == 8000
    assert peak < len(text) / 2


def test_a_file_of_many_different_headers_is_not_read_again_for_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tries = []
    repeats = _sources._repeats

    def counted(text: str, start: int, header: str, number: int) -> list[int] | None:
        tries.append(header)
        return repeats(text, start, header, number)

    monkeypatch.setattr(_sources, "_repeats", counted)
    text = "".join(f'[[person]] # {i}\nid = "P{i}"\n' for i in range(200))
    found = header_lines(text)
    assert [found[("person", i)] for i in (0, 199)] == [1, 399]
    assert len(tries) == _sources._TRIES


def test_header_lines_answer_like_a_mapping() -> None:
    found = header_lines('[[person]]\nid = "A"\n[[person.certificates]]\n[[person]]\n')
    assert found == {("person", 0): 1, ("person", 0, "certificates", 0): 3, ("person", 1): 4}
    assert found.get(("person", 2)) is None
    assert found.get(("person", -1)) is None
    assert found.get(("person", "0")) is None
    assert found.get(("vessel", 0), 7) == 7
    with pytest.raises(KeyError):
        found[("person", 2)]
    assert sorted(found) == [("person", 0), ("person", 0, "certificates", 0), ("person", 1)]


def test_a_table_given_a_value_before_the_first_header_is_located() -> None:
    text = 'crew = [\n    [],\n]\nvessel = "x"\n\n[[person]]\nname = 1\n'
    assert header_lines(text) == {("crew",): 1, ("vessel",): 4, ("person", 0): 6}
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text)
    assert [(p.path, p.line) for p in caught.value.problems][:2] == [("crew[0]", 1), ("vessel", 4)]


def test_local_times_are_europe_london_and_offsets_are_kept() -> None:
    fleet = mc.loads(
        '[[work_period]]\nperson = "A"\nstart = 2021-07-01T08:00:00\n'
        "end = 2021-07-01T12:00:00+02:00\n"
    )
    (period,) = fleet.work_periods
    assert period.start == pendulum.datetime(2021, 7, 1, 7, 0, tz="UTC")
    assert period.start.utcoffset() == pendulum.duration(hours=1)
    assert period.end == pendulum.datetime(2021, 7, 1, 10, 0, tz="UTC")


def test_dates_may_be_written_as_text() -> None:
    fleet = mc.loads(
        '[[person]]\nid = "A"\nname = "Al"\ndiscipline = "deck"\nborn = "1980-02-29"\n'
    )
    assert fleet.person("A").born == pendulum.Date(1980, 2, 29)  # type: ignore[union-attr]


def test_imperfect_references_still_load() -> None:
    fleet = mc.loads(
        PERSON.format(id="A", name="Al")
        + 'crew = "no-such-crew"\n'
        + PERSON.format(id="A", name="Al again")
    )
    assert fleet.person("A").name == "Al"  # type: ignore[union-attr]
    assert fleet.duplicate_ids("person") == {"A": (0, 1)}
    assert fleet.crew("no-such-crew") is None


def test_loads_rejects_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="format must be"):
        mc.loads("", format="yaml")


def test_a_loaded_fleet_can_be_sent_to_another_process(tmp_path: Path) -> None:
    import pickle

    path = write(tmp_path / "people.toml", "\n" + PERSON.format(id="A", name="Al"))
    fleet = mc.load(path)
    copy = pickle.loads(pickle.dumps(fleet))
    assert copy == fleet
    assert copy.locate("person", "A") == mc.model.SourceLocation(str(path), 2)
