"""The text report: grouping by vessel and subject, wrapping, colour and the summary line."""

from __future__ import annotations

import re

import pytest

import maritime_crew as mc
from maritime_crew.report import render

from . import sample

EXPECTED = """\
HMC Vigilant (vigilant)
  person BF1003 Zebedee Quartermain
    error    CERT001  Certificate stcw-ii-1 of BF1003 expired at the end of 2021-03-01
                      data/people.toml:12
  person BF1004 Ottoline Fairweather-Brandt
    warning  TRN002   Boarding refresher for Ottoline Fairweather-Brandt expired at the end of
                      2021-02-28
  equipment item DS-0001
    error    EQP003   Dry suit DS-0001 was due its pressure test on 2021-01-15  data/kit.toml:4
                      (waived by W-2021-003)

Fleet-wide
  document SOP-001 Boarding of non-compliant vessels
    info     DOC001   SOP-001 was due for review on 2021-01-01  data/register.toml

1 error, 1 warning, 1 info (1 waived) from 6 rules as of 2021-03-31: FAILED (fail on error)
"""

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def text(report: mc.rules.Report, **options: bool) -> str:
    return render(report, sample.fleet(), "text", **options)


def summary(report: mc.rules.Report) -> str:
    return text(report).splitlines()[-1]


def test_findings_are_grouped_by_vessel_then_subject_with_a_summary() -> None:
    assert text(sample.report()) == EXPECTED


def test_redacted_subjects_show_the_staff_number_only() -> None:
    lines = text(sample.report(), redact=True).splitlines()
    assert "  person BF1003" in lines
    assert "  person BF1004" in lines
    assert (
        "    warning  TRN002   Boarding refresher for BF1004 expired at the end of 2021-02-28"
        in lines
    )


def test_an_empty_report_says_so_and_passes() -> None:
    assert text(sample.report([])) == "No findings from 6 rules as of 2021-03-31: passed\n"


def test_one_rule_is_singular() -> None:
    report = sample.report([], rules=sample.RULES[:1])
    assert summary(report) == "No findings from 1 rule as of 2021-03-31: passed"


def test_a_warning_passes_when_failing_on_error() -> None:
    warning = sample.findings()[2]
    assert summary(sample.report([warning])) == (
        "0 errors, 1 warning, 0 info (0 waived) from 6 rules as of 2021-03-31: "
        "passed (fail on error)"
    )


def test_a_warning_fails_when_failing_on_warning() -> None:
    warning = sample.findings()[2]
    assert summary(sample.report([warning], fail_on="warning")) == (
        "0 errors, 1 warning, 0 info (0 waived) from 6 rules as of 2021-03-31: "
        "FAILED (fail on warning)"
    )


def test_info_fails_only_when_failing_on_info() -> None:
    info = sample.findings()[3]
    assert summary(sample.report([info], fail_on="warning")).endswith("passed (fail on warning)")
    assert summary(sample.report([info], fail_on="info")).endswith("FAILED (fail on info)")


def test_waived_findings_are_marked_and_do_not_fail() -> None:
    waived = sample.findings()[1]
    output = text(sample.report([waived]))
    assert "(waived by W-2021-003)" in output
    assert output.splitlines()[-1] == (
        "0 errors, 0 warnings, 0 info (1 waived) from 6 rules as of 2021-03-31: "
        "passed (fail on error)"
    )


def test_an_unknown_location_is_left_out() -> None:
    finding = sample.finding("XYZ001", ("person", "BF1003"), "No location here", "warning")
    line = text(sample.report([finding])).splitlines()[2]
    assert line == "    warning  XYZ001  No location here"


def test_a_subject_of_an_unknown_vessel_and_kind_still_gets_a_heading() -> None:
    finding = sample.finding(
        "XYZ001", ("hours_record", "H-1"), "Odd", "info", vessel="ghost", file="x.toml", line=3
    )
    assert text(sample.report([finding])).splitlines()[:3] == [
        "vessel ghost",
        "  hours record H-1",
        "    info     XYZ001  Odd  x.toml:3",
    ]


def test_long_messages_wrap_within_100_columns_with_a_hanging_indent() -> None:
    message = " ".join(["The boarding helmet BH-0042 needs its annual inspection"] * 5)
    finding = sample.finding(
        "XYZ001", ("person", "BF1003"), message, "warning", file="data/people.toml", line=7
    )
    lines = text(sample.report([finding])).splitlines()[2:-2]
    assert len(lines) > 2
    assert all(len(line) <= 100 for line in lines)
    assert lines[0].startswith("    warning  XYZ001  The boarding helmet")
    assert all(line.startswith(" " * 21) and line[21] != " " for line in lines[1:])
    assert lines[-1].endswith("data/people.toml:7")
    assert " ".join(" ".join(lines).split()) == f"warning XYZ001 {message} data/people.toml:7"


def test_no_colour_by_default() -> None:
    assert "\x1b" not in text(sample.report())


@pytest.mark.parametrize("found", [None, []])
def test_colour_when_asked_changes_nothing_but_escape_codes(
    found: list[mc.rules.Finding] | None,
) -> None:
    report = sample.report(found)
    coloured = text(report, color=True)
    assert "\x1b[" in coloured
    assert ANSI.sub("", coloured) == text(report)


def test_colour_marks_severities_and_the_verdict() -> None:
    coloured = text(sample.report(), color=True)
    assert "\x1b[1;31merror\x1b[0m" in coloured
    assert "\x1b[33mwarning\x1b[0m" in coloured
    assert "\x1b[1;31mFAILED (fail on error)\x1b[0m" in coloured
    assert "\x1b[1;32mpassed\x1b[0m" in text(sample.report([]), color=True)


def test_data_problems_come_before_the_findings_they_may_explain() -> None:
    # A fleet-wide DATA finding, and one about a person who also has another finding.
    found = [
        *sample.findings(),
        sample.finding(
            "DATA002",
            ("person", "BF1004"),
            "BF1004 names crew nowhere-a, which does not exist",
            vessel="vigilant",
            crew="vigilant-a",
        ),
        sample.finding("DATA001", ("waiver", "W-9"), "W-9 is listed twice"),
    ]
    lines = [line.strip() for line in text(sample.report(found)).splitlines() if line.strip()]
    # The fleet-wide group holds a DATA finding, so it comes before the vessel's group.
    assert lines.index("Fleet-wide") < lines.index("HMC Vigilant (vigilant)")
    # In the vessel's group the person with a DATA finding comes first, DATA first.
    vessel = lines[lines.index("HMC Vigilant (vigilant)") + 1 :]
    assert vessel[0] == "person BF1004 Ottoline Fairweather-Brandt"
    assert vessel[1].split()[:2] == ["error", "DATA002"]
    assert vessel[2].split()[:2] == ["warning", "TRN002"]


def test_subjects_under_a_vessel_go_by_kind_then_id_not_report_order() -> None:
    found = list(reversed(sample.findings()))
    lines = text(sample.report(found)).splitlines()
    subjects = [
        line.strip() for line in lines if line.startswith("  ") and not line.startswith("   ")
    ]
    assert subjects[:3] == [
        "person BF1003 Zebedee Quartermain",
        "person BF1004 Ottoline Fairweather-Brandt",
        "equipment item DS-0001",
    ]
