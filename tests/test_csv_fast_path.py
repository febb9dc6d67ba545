"""The quick reading of a plain CSV file of work periods gives what the careful one gives.

The loader reads the usual export (no quotes, no spaces, known columns, a value in every
required cell) by splitting lines, and anything else the careful way. For any text, the
two must agree: the same work periods at the same lines, or the same problems.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew.io import _load

MOMENTS = [
    "2021-02-01T06:00:00Z",
    "2021-02-01T10:00:00+00:00",
    "2021-06-01T08:00:00+01:00",
    "2021-02-01T12:00",  # UK local time
    "2021-03-28T01:30:00",  # does not exist in the UK: refused
    "2021-10-31T01:30:00",  # happens twice in the UK: refused
    "2021-02-30T06:00:00Z",  # no such day
    "2021-02-01T06:00:00.5Z",
    "yesterday",
]
CELLS = [
    "BF1003",
    "BF1010",
    "vigilant",
    "",
    " BF1003",
    "BF1003\u00a0",
    '"BF1003"',
    "a,b",
    *MOMENTS,
]
COLUMNS = ["person", "start", "end", "vessel"]


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    header = draw(st.permutations(COLUMNS))
    header = header[: draw(st.integers(2, 4))] if draw(st.integers(0, 4)) == 0 else header
    if draw(st.integers(0, 19)) == 0:
        header = [*header, draw(st.sampled_from(["colour", "person", ""]))]
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 19)) == 0:
            rows.append(draw(st.sampled_from(["", ",,,", "BF1003"])))
            continue
        cells = []
        for column in header:
            odd = draw(st.integers(0, 29)) == 0  # most files are plain: so are most cells
            if odd:
                cells.append(draw(st.sampled_from(CELLS)))
            elif column == "person":
                cells.append(draw(st.sampled_from(["BF1003", "BF1010"])))
            elif column in ("start", "end"):
                cells.append(draw(st.sampled_from([*MOMENTS[:4], MOMENTS[7]])))  # readable
            else:
                cells.append(draw(st.sampled_from(["vigilant", ""])))
        if draw(st.integers(0, 19)) == 0:
            cells += draw(st.sampled_from([[""], ["x"]]))
        rows.append(",".join(cells))
    newline = "\r\n" if draw(st.integers(0, 19)) == 0 else "\n"
    end = newline if draw(st.booleans()) else ""
    return newline.join([",".join(header), *rows]) + end


def read(text: str) -> tuple[str, object]:
    """The fleet's work periods with their lines, or the problems, as the loader says."""
    try:
        fleet = mc.loads(text, format="csv", name="hours.csv")
    except mc.DataError as error:
        return "problems", [str(problem) for problem in error.problems]
    lines = [fleet.source_of("work_period", i) for i in range(len(fleet.work_periods))]
    return "periods", (fleet.work_periods, lines)


def careful(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, object]:
    with monkeypatch.context() as patched:
        patched.setattr(_load, "_csv_plainly", lambda *args, **kwargs: False)
        return read(text)


@settings(max_examples=400)
@given(text=csv_texts())
def test_the_quick_and_the_careful_reading_agree(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert read(text) == careful(text, monkeypatch)


def test_a_plain_export_is_read_the_quick_way(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "person,start,end,vessel\n"
        "BF1003,2021-02-01T06:00:00Z,2021-02-01T10:00:00Z,vigilant\n"
        "\n"
        "BF1010,2021-02-01T12:00,2021-02-01T16:00\n"
    )
    taken: list[bool] = []
    quick = _load._csv_plainly

    def spy(*args: object, **kwargs: object) -> bool:
        taken.append(quick(*args, **kwargs))  # type: ignore[arg-type]
        return taken[-1]

    monkeypatch.setattr(_load, "_csv_plainly", spy)
    kind, (periods, lines) = read(text)  # type: ignore[misc]
    assert kind == "periods"
    assert taken == [True]
    assert [str(line) for line in lines] == ["hours.csv:2", "hours.csv:4"]
    assert periods[1].vessel is None
    assert str(periods[1].start) == "2021-02-01 12:00:00+00:00"  # UK local time in winter


@pytest.mark.parametrize(
    "text",
    [
        'person,start,end\n"BF1003",2021-02-01T06:00:00Z,2021-02-01T10:00:00Z\n',
        "person,start,end\nBF1003 ,2021-02-01T06:00:00Z,2021-02-01T10:00:00Z\n",
        "person,start,end\r\nBF1003,2021-02-01T06:00:00Z,2021-02-01T10:00:00Z\r\n",
        "\ufeffperson,start,end\nBF1003,2021-02-01T06:00:00Z,2021-02-01T10:00:00Z\n",
        "person,start,end\nBF1003,2021-02-01T06:00:00Z,2021-02-01T10:00:00Z,\n",
        "person,start,end\n,2021-02-01T06:00:00Z,2021-02-01T10:00:00Z\n",
        "person,start,end\nBF1003,2021-03-28T01:30:00,2021-02-01T10:00:00Z\n",
        "person,start,colour\nBF1003,2021-02-01T06:00:00Z,red\n",
    ],
    ids=["quoted", "space", "crlf", "bom", "trailing-comma", "no-person", "spring-gap", "colour"],
)
def test_anything_unusual_is_read_the_careful_way_with_the_same_result(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read(text) == careful(text, monkeypatch)
