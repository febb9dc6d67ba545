"""Bad input, systematically: valid datasets, mutated at random, never crash the library.

Each example starts from a small valid synthetic fleet (:func:`maritime_crew.synth.generate`)
and applies one or more mutations: a required field dropped, a value of another type, a
corrupt date or period, an unknown key, a duplicate id, a dangling reference, dates swapped,
deep nesting, huge text or numbers, then at the byte level a truncated file, invalid
UTF-8, a byte order mark, Windows line endings or an empty file. Whatever comes out,
loading either raises :class:`maritime_crew.DataError` whose problems are located (file,
line, record and field) and said in words, or gives a fleet that ``check`` reports on.
Any other exception fails the test. The command line is held to the same: exit code 0, 1
or 2, and never a traceback on standard error.

Example budget: the two mutation properties run :data:`EXAMPLES` (150) examples each
under the ``ci`` profile of ``tests/conftest.py`` (derandomised, so every CI run tries
the same ones), and the profile's own budget when it is larger (``dev``: 300); the CSV
property runs the profile's budget (``ci``: 60). This file takes about 20 seconds.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import event, given, settings
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew import synth
from maritime_crew.cli import main

AS_OF = "2021-03-31"
Data = dict[str, list[Any]]


def _base() -> Data:
    """A valid fleet of 20 people with every table in use, trimmed to stay quick to check."""
    data = synth.generate(20)
    for table in ("deployment", "work_period", "equipment_item", "document"):
        data[table] = data[table][:8]
    return {table: records for table, records in data.items() if records}


BASE = _base()

# -- where to mutate --------------------------------------------------------------------

Path_ = tuple[str | int, ...]


def _walk(value: Any, path: Path_) -> Iterator[tuple[Path_, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))


def _places(data: Data) -> list[tuple[Path_, Any]]:
    """Every value below a record (fields, nested records, list items), with its path."""
    return [(path, value) for path, value in _walk(data, ()) if len(path) >= 3]


def _records(data: Data) -> list[tuple[Path_, dict[str, Any]]]:
    """Every record and nested record (a table inside a record) with its path."""
    return [
        (path, value)
        for path, value in _walk(data, ())
        if len(path) >= 2 and isinstance(value, dict)
    ]


def _parent(data: Any, path: Path_) -> Any:
    for segment in path[:-1]:
        data = data[segment]
    return data


def _set(data: Any, path: Path_, value: Any) -> None:
    _parent(data, path)[path[-1]] = value


# -- mutations of the data ---------------------------------------------------------------

_OTHER_VALUES = st.sampled_from(
    [
        "12",
        "",
        "true",
        12,
        0,
        -1,
        Decimal("12.5"),
        True,
        False,
        datetime.date(2021, 3, 31),
        datetime.datetime(2021, 3, 31, 6, 0, tzinfo=datetime.timezone.utc),
        [],
        ["a", 1],
        {},
        {"id": "x"},
    ]
)

_BAD_DATES = st.sampled_from(
    [
        "2021-02-30",
        "2021-13-01",
        "31/03/2021",
        "2021-3-1",
        "0000-01-01",
        "2021-03-31T25:00:00",
        "2021-03-28T01:30:00",  # the hour the clocks skip
        "2020-10-25T01:30:00",  # the hour that happens twice
        "",
        "yesterday",
        datetime.date(1, 1, 1),
        datetime.date(9999, 12, 31),
        datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.timezone.utc),
        datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.timezone.utc),
    ]
)

_BAD_PERIODS = st.sampled_from(
    ["P", "PT", "5Y", "P-1Y", "P1.5Y", "P99999999999999Y", "P9999Y", "PT99999999999H", "P1Y2", ""]
)

_HUGE = st.sampled_from(
    [
        "x" * 100_000,
        "\u00e9" * 50_000,
        2**62,  # a whole number in range, but absurd for a count of days
        2**63,
        -(2**63) - 1,
        10**40,
        Decimal("1e999999"),
        Decimal("-1e-999999"),
        Decimal("9" * 400),
        Decimal("Infinity"),
        Decimal("NaN"),
    ]
)


def _is_date(value: Any) -> bool:
    return isinstance(value, (datetime.date, datetime.datetime)) or (
        isinstance(value, str) and len(value) >= 10 and value[:4].isdigit() and value[4] == "-"
    )


def _is_period(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("P") and len(value) <= 12


@st.composite
def mutated(draw: st.DrawFn) -> Data:
    """The base fleet with one to three mutations of its data."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(
            st.sampled_from(
                [
                    "drop",
                    "type",
                    "date",
                    "period",
                    "unknown",
                    "duplicate",
                    "dangle",
                    "swap",
                    "huge",
                    "table",
                ]
            )
        )
        places = _places(data)
        records = _records(data)
        if kind == "drop" and records:
            path, record = draw(st.sampled_from(records))
            if record:
                del record[draw(st.sampled_from(sorted(record)))]
        elif kind == "type" and places:
            path, _ = draw(st.sampled_from(places))
            _set(data, path, draw(_OTHER_VALUES))
        elif kind == "date":
            dates = [path for path, value in places if _is_date(value)]
            if dates:
                _set(data, draw(st.sampled_from(dates)), draw(_BAD_DATES))
        elif kind == "period":
            periods = [path for path, value in places if _is_period(value)]
            if periods:
                _set(data, draw(st.sampled_from(periods)), draw(_BAD_PERIODS))
        elif kind == "unknown" and records:
            _, record = draw(st.sampled_from(records))
            record[draw(st.sampled_from(["colour", "nmae", "id ", "Name", "expires_on"]))] = 1
        elif kind == "duplicate":
            table = draw(st.sampled_from(sorted(data)))
            if isinstance(data[table], list) and data[table]:
                data[table].append(copy.deepcopy(draw(st.sampled_from(data[table]))))
        elif kind == "dangle":
            texts = [path for path, value in places if isinstance(value, str) and value]
            if texts:
                _set(data, draw(st.sampled_from(texts)), "no-such-record")
        elif kind == "swap" and records:
            _, record = draw(st.sampled_from(records))
            dated = sorted(key for key, value in record.items() if _is_date(value))
            if len(dated) >= 2:
                first, second = draw(st.permutations(dated))[:2]
                record[first], record[second] = record[second], record[first]
        elif kind == "huge" and places:
            path, _ = draw(st.sampled_from(places))
            _set(data, path, draw(_HUGE))
        elif kind == "table":
            table = draw(st.sampled_from(sorted(data)))
            data[table] = draw(st.sampled_from([{}, "person", 1, [1, "x"], [[]]]))
    return data


# -- text and bytes --------------------------------------------------------------------


def _toml(data: Data) -> str | None:
    try:
        return tomli_w.dumps(data)
    except (TypeError, ValueError):  # tomli-w cannot write some mutations (a list of mixed types)
        return None


def _json_value(value: object) -> object:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):  # exactly as written, as a JSON number
        return float(value) if not value.is_finite() else json.loads(str(value))
    raise TypeError(type(value).__name__)


def _json(data: Data) -> str:
    return json.dumps(data, default=_json_value, indent=1)


@st.composite
def dataset_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name (``.toml`` or ``.json``) and its bytes, mutated as data and as bytes."""
    data = draw(mutated()) if draw(st.booleans()) else copy.deepcopy(BASE)
    suffix = draw(st.sampled_from([".toml", ".json"]))
    text = _toml(data) if suffix == ".toml" else _json(data)
    if text is None:
        suffix, text = ".json", _json(data)
    depth = draw(st.sampled_from([0, 0, 0, 5, 300, 1_000, 50_000]))
    if depth:
        nested = (
            "[" * depth + "]" * depth if draw(st.booleans()) else "{a=" * depth + "1" + "}" * depth
        )
        if suffix == ".json":
            nested = nested.replace("{a=", '{"a":')
            text = text.replace("{", '{"deep": ' + nested + ", ", 1)
        else:
            text = "deep = " + nested + "\n" + text
    raw = text.encode("utf-8")
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["truncate", "utf8", "bom", "crlf", "empty", "nul", "number"]))
        at = draw(st.integers(0, len(raw)))
        if kind == "truncate":
            raw = raw[:at]
        elif kind == "utf8":
            raw = (
                raw[:at]
                + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80"]))
                + raw[at:]
            )
        elif kind == "bom":
            raw = b"\xef\xbb\xbf" + raw
        elif kind == "crlf":
            raw = raw.replace(b"\n", b"\r\n")
        elif kind == "empty":
            raw = b""
        elif kind == "number":  # too long for Python to read, let alone 64 bits
            huge = draw(st.sampled_from([b"9" * 5000, b"1e" + b"9" * 30]))
            raw = re.sub(rb"(= ?|: )\d+", rb"\g<1>" + huge, raw, count=1)
        else:
            raw = raw[:at] + b"\x00" + raw[at:]
    return "fleet" + suffix, raw


# -- what must hold ----------------------------------------------------------------------

_RECORD_CODES = {"unknown-field", "missing-field", "wrong-type", "invalid-choice", "invalid-value"}
_UNHUMAN = ("Traceback", "Error(", "<class", " object at 0x", "KeyError", "exceeds the limit")


def _assert_located(error: mc.DataError, files: list[Path]) -> None:
    names = {str(file) for file in files}
    assert error.problems
    for problem in error.problems:
        assert problem.message, problem
        assert not any(word in problem.message for word in _UNHUMAN), problem
        assert len(problem.message) < 2_000, problem.message[:200]
        if problem.code == "file" and not problem.file.endswith((".toml", ".json", ".csv")):
            continue  # a problem with the directory itself
        assert problem.file in names, problem
        if problem.code in _RECORD_CODES and problem.path:
            # The record and the field: table[id or index].field...
            table = problem.path.split("[", 1)[0].split(".", 1)[0]
            assert table in BASE, problem
            if problem.file.endswith(".toml"):
                assert problem.line is not None, problem
        elif problem.code in _RECORD_CODES:  # a CSV header: the column is in the message
            assert problem.file.endswith(".csv"), problem
            assert problem.line is not None, problem
        if problem.code in ("syntax", "encoding"):
            assert problem.line is not None or problem.file.endswith(".json"), problem


def _load_and_check(root: Path, files: list[Path]) -> None:
    """Load ``root``: a located DataError, or a fleet that ``check`` reports on."""
    try:
        fleet = mc.load(root)
    except mc.DataError as error:
        event("load error: " + ", ".join(sorted({p.code for p in error.problems})))
        _assert_located(error, files)
        return
    event("loaded and checked")
    report = mc.check(fleet, as_of=AS_OF)
    for finding in report.findings:
        assert finding.message
        # The engine turns a rule that raised into a finding; for data it is a crash.
        assert finding.subject.kind != "rule", finding.message


def _run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _assert_cli_holds(root: Path) -> None:
    code, _, err = _run_cli("check", str(root), "--as-of", AS_OF)
    assert code in (0, 1, 2), err
    assert "Traceback" not in err
    assert "internal error" not in err, err
    if code == 2:
        assert err.startswith("maritime-crew: cannot load"), err[:300]


EXAMPLES = 150
_BUDGET = settings(max_examples=max(EXAMPLES, settings().max_examples))


@_BUDGET
@given(dataset_bytes())
def test_a_mutated_file_loads_or_gives_located_problems(case: tuple[str, bytes]) -> None:
    name, raw = case
    with tempfile.TemporaryDirectory() as directory:
        file = Path(directory, name)
        file.write_bytes(raw)
        _load_and_check(file, [file])


@_BUDGET
@given(mutated(), st.sampled_from(["people.toml", "people.json"]))
def test_a_mutated_directory_loads_or_gives_located_problems_at_the_cli(
    data: Data, name: str
) -> None:
    # The people in one file, everything else in another: problems name the right file.
    people = {"person": data.pop("person", [])}
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        files = []
        for file_name, part in ((name, people), ("fleet.toml", data)):
            text = _json(part) if file_name.endswith(".json") else _toml(part)
            file = root / (file_name if text is not None else Path(file_name).stem + ".json")
            file.write_text(text if text is not None else _json(part), encoding="utf-8")
            files.append(file)
        _load_and_check(root, files)
        _assert_cli_holds(root)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["person", "start", "end", "vessel", "", "persn"]),
            st.sampled_from(
                ["BF1003", "2021-02-01T06:00:00Z", "2021-02-01T06:00", "", '"', "x" * 5000]
            ),
        ),
        max_size=8,
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_a_malformed_csv_loads_or_gives_located_problems(
    cells: list[tuple[str, str]], newline: str
) -> None:
    header = ",".join(column for column, _ in cells)
    row = ",".join(value for _, value in cells)
    with tempfile.TemporaryDirectory() as directory:
        file = Path(directory, "hours.csv")
        file.write_bytes(newline.join([header, row, row]).encode())
        _load_and_check(file, [file])


def test_an_empty_file_is_a_located_problem(tmp_path: Path) -> None:
    for name in ("fleet.toml", "fleet.json", "hours.csv"):
        file = tmp_path / name
        file.write_bytes(b"")
        if name == "fleet.toml":
            assert mc.load(file) == mc.model.Fleet()  # an empty TOML document is an empty table
            continue
        with pytest.raises(mc.DataError) as raised:
            mc.load(file)
        assert raised.value.problems[0].file == str(file)


def test_an_empty_directory_is_a_problem_at_the_cli(tmp_path: Path) -> None:
    code, out, err = _run_cli("check", str(tmp_path), "--as-of", AS_OF)
    assert (code, out) == (2, "")
    assert "the directory holds no .toml, .json or .csv files" in err


# -- a few real processes ------------------------------------------------------------------

_BAD_FILES = {
    "invalid-utf8.toml": b'[[vessel]]\nid = "v\xff"\n',
    "truncated.toml": tomli_w.dumps(BASE).encode()[:5000],
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "deep.toml": b"x = " + b"[" * 100_000 + b"]" * 100_000,
    "huge-number.toml": b"[[vessel]]\nid = 'v'\ncrew_size = " + b"9" * 5000 + b"\n",
    "bom-crlf.toml": b"\xef\xbb\xbf" + tomli_w.dumps(BASE).encode().replace(b"\n", b"\r\n"),
}


@pytest.mark.parametrize("name", sorted(_BAD_FILES))
def test_the_command_line_never_shows_a_traceback(tmp_path: Path, name: str) -> None:
    file = tmp_path / name
    file.write_bytes(_BAD_FILES[name])
    done = subprocess.run(
        [sys.executable, "-m", "maritime_crew", "check", str(file), "--as-of", AS_OF],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode in (0, 1, 2)
    assert "Traceback" not in done.stderr
    assert "internal error" not in done.stderr
    if name == "bom-crlf.toml":
        assert done.returncode in (0, 1), done.stderr
    else:
        assert done.returncode == 2
        assert done.stderr.startswith(f"maritime-crew: cannot load {file}\n")
        assert str(file) in done.stderr.splitlines()[2]
