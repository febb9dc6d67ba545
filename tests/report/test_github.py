"""GitHub workflow commands: one annotation per finding (waived ones as notices), escaped."""

from __future__ import annotations

import re

import pytest

import maritime_crew as mc
from maritime_crew.report import render

from . import sample

COMMAND = re.compile(
    r"::(?P<command>error|warning|notice)"
    r" (?:file=(?P<file>[^,:]+),)?(?:line=(?P<line>[0-9]+),)?title=(?P<title>[^,:]+)"
    r"::(?P<message>[^\r\n]*)"
)


def commands(report: mc.rules.Report) -> list[dict[str, str | None]]:
    text = render(report, sample.fleet(), "github")
    assert text == "" or text.endswith("\n")
    parsed = []
    for line in text.splitlines():
        found = COMMAND.fullmatch(line)
        assert found is not None, line
        parsed.append(found.groupdict())
    return parsed


def unescape(text: str) -> str:
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def test_one_annotation_per_finding_at_its_level_and_waived_ones_as_notices() -> None:
    assert commands(sample.report()) == [
        {
            "command": "notice",
            "file": "data/kit.toml",
            "line": "4",
            "title": "EQP003 service-overdue (waived)",
            "message": "(waived by W-2021-003) Dry suit DS-0001 was due its pressure test on "
            "2021-01-15",
        },
        {
            "command": "error",
            "file": "data/people.toml",
            "line": "12",
            "title": "CERT001 certificate-expired",
            "message": "Certificate stcw-ii-1 of BF1003 expired at the end of 2021-03-01",
        },
        {
            "command": "warning",
            "file": None,
            "line": None,
            "title": "TRN002 training-lapsed",
            "message": "Boarding refresher for Ottoline Fairweather-Brandt expired at the end "
            "of 2021-02-28",
        },
        {
            "command": "notice",
            "file": "data/register.toml",
            "line": None,
            "title": "DOC001 review-overdue",
            "message": "SOP-001 was due for review on 2021-01-01",
        },
    ]


def test_nothing_to_annotate_gives_no_output() -> None:
    assert render(sample.report([]), sample.fleet(), "github") == ""


def test_a_waived_error_is_a_notice_naming_its_waiver() -> None:
    waived = sample.findings()[1]
    assert waived.severity is mc.rules.Severity.ERROR
    (command,) = commands(sample.report([waived]))
    assert command["command"] == "notice"
    assert (command["message"] or "").startswith("(waived by W-2021-003) ")


def test_the_level_of_an_annotation_does_not_depend_on_fail_on() -> None:
    levels = [c["command"] for c in commands(sample.report(fail_on="info"))]
    assert levels == ["notice", "error", "warning", "notice"]


@pytest.mark.parametrize(
    ("message", "escaped"),
    [
        ("100% done", "100%25 done"),
        ("two\nlines\r\n", "two%0Alines%0D%0A"),
        ("a: b, c", "a: b, c"),  # only properties escape ':' and ','
        ("%0A stays literal", "%250A stays literal"),
    ],
)
def test_messages_are_escaped(message: str, escaped: str) -> None:
    finding = sample.finding("XYZ001", ("person", "BF1003"), message, "warning")
    (command,) = commands(sample.report([finding]))
    assert command["message"] == escaped
    assert unescape(escaped) == message


def test_properties_are_escaped() -> None:
    finding = sample.finding(
        "XYZ001", ("person", "BF1003"), "m", file="C:/data,v2/100%.toml", line=1
    )
    (command,) = commands(sample.report([finding]))
    assert command["file"] == "C%3A/data%2Cv2/100%25.toml"
    assert unescape(command["file"] or "") == "C:/data,v2/100%.toml"
