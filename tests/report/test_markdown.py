"""The Markdown report: a verdict heading, a count table, then a table per vessel."""

from __future__ import annotations

import re

import maritime_crew as mc
from maritime_crew.report import render

from . import sample

# A cell boundary is a pipe not escaped by a backslash.
BOUNDARY = re.compile(r"(?<!\\)\|")


def markdown(report: mc.rules.Report, **options: bool) -> str:
    return render(report, sample.fleet(), "markdown", **options)


def tables(text: str) -> list[tuple[str | None, list[list[str]]]]:
    """Each table as (the heading above it, rows of cells); the delimiter row is checked."""
    found: list[tuple[str | None, list[list[str]]]] = []
    heading: str | None = None
    rows: list[list[str]] | None = None
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line
        if line.startswith("|"):
            assert line.endswith("|"), line
            assert not line.endswith("\\|"), line
            cells = [cell.strip() for cell in BOUNDARY.split(line)[1:-1]]
            if rows is None:
                rows = []
                found.append((heading, rows))
            rows.append(cells)
        else:
            rows = None
    for _heading, table in found:
        header, delimiter, *body = table
        assert all(re.fullmatch(r"-{3,}:?", cell) for cell in delimiter), delimiter
        assert all(len(row) == len(header) for row in (delimiter, *body)), table
    return found


def test_the_heading_gives_the_verdict_then_a_count_table() -> None:
    text = markdown(sample.report())
    lines = text.splitlines()
    assert lines[0] == "## ❌ maritime-crew check: FAILED (fail on error)"
    assert lines[2] == "1 error, 1 warning, 1 info (1 waived) from 6 rules as of 2021-03-31."
    heading, counts = tables(text)[0]
    assert heading == lines[0]
    assert counts == [
        ["severity", "findings"],
        ["---", "---:"],
        ["error", "1"],
        ["warning", "1"],
        ["info", "1"],
        ["waived", "1"],
    ]


def test_a_table_per_vessel_with_fleet_wide_findings_last() -> None:
    found = tables(markdown(sample.report()))
    assert [heading for heading, _rows in found[1:]] == [
        "### HMC Vigilant (vigilant)",
        "### Fleet-wide",
    ]
    vigilant = found[1][1]
    assert vigilant[0] == ["severity", "code", "subject", "message", "location"]
    assert vigilant[2:] == [
        [
            "**error**",
            "`CERT001`",
            "person BF1003 Zebedee Quartermain",
            "Certificate stcw-ii-1 of BF1003 expired at the end of 2021-03-01",
            "`data/people.toml:12`",
        ],
        [
            "warning",
            "`TRN002`",
            "person BF1004 Ottoline Fairweather-Brandt",
            "Boarding refresher for Ottoline Fairweather-Brandt expired at the end of 2021-02-28",
            "",
        ],
        [
            "~~error~~",
            "`EQP003`",
            "equipment item DS-0001",
            "Dry suit DS-0001 was due its pressure test on 2021-01-15 (waived by W-2021-003)",
            "`data/kit.toml:4`",
        ],
    ]
    assert found[2][1][2] == [
        "info",
        "`DOC001`",
        "document SOP-001 Boarding of non-compliant vessels",
        "SOP-001 was due for review on 2021-01-01",
        "`data/register.toml`",
    ]


def test_pipes_and_markup_in_cells_are_escaped() -> None:
    finding = sample.finding(
        "XYZ001",
        ("person", "BF1003"),
        "a | b *not bold* <b>x</b>\nnext line",
        "warning",
        file="odd|name.toml",
        line=2,
    )
    rows = tables(markdown(sample.report([finding])))[1][1]
    assert rows[2][3] == r"a \| b \*not bold\* \<b\>x\</b\> next line"
    assert rows[2][4] == r"`odd\|name.toml:2`"


def test_a_warning_fails_when_failing_on_warning() -> None:
    warning = sample.findings()[2]
    passed = markdown(sample.report([warning]))
    assert passed.startswith("## ✅ maritime-crew check: passed (fail on error)\n")
    failed = markdown(sample.report([warning], fail_on="warning"))
    assert failed.startswith("## ❌ maritime-crew check: FAILED (fail on warning)\n")
    assert "| **warning** |" in failed


def test_an_empty_report_has_the_verdict_and_counts_only() -> None:
    text = markdown(sample.report([]))
    assert text.startswith("## ✅ maritime-crew check: passed\n")
    assert "No findings from 6 rules as of 2021-03-31." in text
    assert len(tables(text)) == 1


def test_redacted_subjects_show_staff_numbers() -> None:
    rows = tables(markdown(sample.report(), redact=True))[1][1]
    assert [row[2] for row in rows[2:]] == [
        "person BF1003",
        "person BF1004",
        "equipment item DS-0001",
    ]
