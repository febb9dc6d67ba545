"""The public face: format names, dispatch, lazy imports, and redaction in every format."""

from __future__ import annotations

import subprocess
import sys

import pytest

import maritime_crew as mc
from maritime_crew.report import FORMATS, render

from . import sample


def test_formats_are_the_documented_ones_with_text_first() -> None:
    assert FORMATS == ("text", "json", "junit", "markdown", "sarif", "github")


def test_text_is_the_default_format() -> None:
    report, fleet = sample.report(), sample.fleet()
    assert render(report, fleet) == render(report, fleet, "text")


def test_an_unknown_format_is_a_value_error_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match="unknown report format 'html'") as caught:
        render(sample.report(), sample.fleet(), "html")
    for name in FORMATS:
        assert name in str(caught.value)


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_is_deterministic_and_ends_with_a_newline(format: str) -> None:
    first = render(sample.report(), sample.fleet(), format)
    assert first == render(sample.report(), sample.fleet(), format)
    assert first.endswith("\n")


@pytest.mark.parametrize("format", ["json", "sarif"])
def test_the_tool_version_defaults_to_the_package_version(format: str) -> None:
    assert f'"version": "{mc.__version__}"' in render(sample.report(), sample.fleet(), format)
    assert '"version": "9.9.9"' in render(
        sample.report(), sample.fleet(), format, tool_version="9.9.9"
    )


def test_importing_the_package_does_not_import_the_formats() -> None:
    code = (
        "import sys, maritime_crew.report as r\n"
        "def loaded():\n"
        "    prefixes = ('xml', 'maritime_crew.report.')\n"
        "    return sorted(m for m in sys.modules if m.startswith(prefixes))\n"
        "print(loaded())\n"
        "import maritime_crew as mc, pendulum\n"
        "report = mc.rules.Report(as_of=pendulum.Date(2021, 3, 31), findings=(), rules=())\n"
        "r.render(report, mc.model.Fleet(), 'json')\n"
        "print(loaded())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    before, after = result.stdout.splitlines()
    # The escaping and the redactor every format and command share are small and loaded
    # with the package.
    assert before == "['maritime_crew.report._escape', 'maritime_crew.report._redactor']"
    assert after == (
        "['maritime_crew.report._common', 'maritime_crew.report._escape', "
        "'maritime_crew.report._json', 'maritime_crew.report._redactor']"
    )


# -- redaction ---------------------------------------------------------------------------


def _report_with_names() -> mc.rules.Report:
    """Names in a message, in details, in different case and spacing, and in rule text."""
    rules = (
        *sample.RULES,
        sample.make_rule(
            "XYZ002",
            "buddy-check",
            "warning",
            summary="Pairs people with Ignatius Pemberton.",
            example="Zebedee Quartermain has no buddy.",
        ),
    )
    custom = sample.finding(
        "XYZ002",
        ("person", "BF1005"),
        "ZEBEDEE  QUARTERMAIN is paired with\nIgnatius Pemberton, who sailed with "
        "Ottoline Fairweather-Brandt",
        "warning",
        vessel="vigilant",
        crew="vigilant-a",
        file="data/Zebedee Quartermain.toml",
        line=30,
        details={"Zebedee Quartermain": {"buddies": ["Ottoline Fairweather-Brandt"]}},
    )
    return sample.report([*sample.findings(), custom], rules=rules)


@pytest.mark.parametrize("format", FORMATS)
def test_redacted_output_holds_no_name_in_any_format(format: str) -> None:
    output = render(_report_with_names(), sample.fleet(), format, redact=True)
    lowered = " ".join(output.split()).casefold()
    for name in sample.NAMES:
        for word in name.split():
            assert word.casefold() not in lowered, (name, format)
    if format != "github":  # annotations show messages only
        assert "BF1005" in output


def test_redaction_puts_staff_numbers_where_the_names_were() -> None:
    output = render(_report_with_names(), sample.fleet(), "json", redact=True)
    assert "BF1003 is paired with\\nBF1005, who sailed with BF1004" in output
    assert '"BF1003": {' in output  # a details key
    assert "Pairs people with BF1005." in output  # rule documentation
    assert '"file": "data/BF1003.toml"' in output


def test_names_are_shown_when_not_redacting() -> None:
    output = render(_report_with_names(), sample.fleet(), "text")
    assert "person BF1003 Zebedee Quartermain" in output
    assert "Ottoline Fairweather-Brandt" in output
    assert "Ignatius Pemberton" in output


def test_a_name_shared_by_two_people_is_redacted_without_picking_one() -> None:
    fleet = mc.model.Fleet(
        people=(
            mc.model.Person(id="BF1", name="Sam Jones", discipline=mc.model.Discipline.DECK),
            mc.model.Person(id="BF2", name="Sam  Jones", discipline=mc.model.Discipline.DECK),
        )
    )
    report = sample.report([sample.finding("XYZ001", ("person", "BF1"), "Sam Jones is late")])
    output = render(report, fleet, "text", redact=True)
    assert "[name redacted] is late" in output
    assert "Sam" not in output


def test_redaction_replaces_whole_names_only() -> None:
    fleet = mc.model.Fleet(
        people=(mc.model.Person(id="BF7", name="Al", discipline=mc.model.Discipline.DECK),),
    )
    report = sample.report(
        [sample.finding("XYZ001", ("person", "BF7"), "All kit is with Al; al's locker")]
    )
    output = render(report, fleet, "text", redact=True)
    assert "All kit is with BF7; BF7's locker" in output
