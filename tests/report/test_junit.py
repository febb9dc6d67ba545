"""The JUnit XML report: a suite per rule, a test case per finding, correct counts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import maritime_crew as mc
from maritime_crew.report import render

from . import sample


def parse(report: mc.rules.Report, **options: bool) -> ET.Element:
    text = render(report, sample.fleet(), "junit", **options)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def counts(element: ET.Element) -> dict[str, int]:
    return {key: int(element.get(key, "-1")) for key in ("tests", "failures", "errors", "skipped")}


def suite(root: ET.Element, name: str) -> ET.Element:
    found = root.find(f"testsuite[@name='{name}']")
    assert found is not None, name
    return found


def check_counts(root: ET.Element) -> None:
    """Every suite's counts match its test cases, and the root's match the suites."""
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for each in root.iter("testsuite"):
        cases = each.findall("testcase")
        actual = {
            "tests": len(cases),
            "failures": sum(case.find("failure") is not None for case in cases),
            "errors": sum(case.find("error") is not None for case in cases),
            "skipped": sum(case.find("skipped") is not None for case in cases),
        }
        assert counts(each) == actual, each.get("name")
        for key in total:
            total[key] += actual[key]
    assert counts(root) == total


def test_one_suite_per_rule_that_ran_named_by_code_and_name() -> None:
    root = parse(sample.report())
    assert root.tag == "testsuites"
    assert [each.get("name") for each in root.findall("testsuite")] == [
        f"{rule.code} {rule.name}" for rule in sample.RULES
    ]
    check_counts(root)
    assert counts(root) == {"tests": 6, "failures": 1, "errors": 0, "skipped": 1}


def test_a_failing_finding_is_a_failure_with_the_whole_finding() -> None:
    root = parse(sample.report())
    (case,) = suite(root, "CERT001 certificate-expired").findall("testcase")
    assert case.get("classname") == "vigilant"
    assert case.get("name") == "person BF1003 Zebedee Quartermain"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert (
        failure.get("message") == "Certificate stcw-ii-1 of BF1003 expired at the end of 2021-03-01"
    )
    assert "location: data/people.toml:12" in (failure.text or "")


def test_a_waived_finding_is_skipped_with_the_waiver() -> None:
    root = parse(sample.report())
    (case,) = suite(root, "EQP003 service-overdue").findall("testcase")
    skipped = case.find("skipped")
    assert skipped is not None
    assert skipped.get("message") == "waived by W-2021-003"
    assert case.find("failure") is None


def test_a_finding_below_the_fail_level_passes_with_system_out() -> None:
    root = parse(sample.report())
    (case,) = suite(root, "DOC001 review-overdue").findall("testcase")
    assert case.get("classname") == "fleet"
    assert case.find("failure") is None
    out = case.find("system-out")
    assert out is not None
    assert "SOP-001 was due for review on 2021-01-01" in (out.text or "")


def test_a_rule_without_findings_is_one_passing_test() -> None:
    root = parse(sample.report())
    (case,) = suite(root, "MAN001 complement-unfilled").findall("testcase")
    assert list(case) == []
    assert counts(suite(root, "MAN001 complement-unfilled"))["tests"] == 1


def test_failing_on_warning_or_info_turns_those_findings_into_failures() -> None:
    warning = parse(sample.report(fail_on="warning"))
    check_counts(warning)
    assert counts(warning)["failures"] == 2
    info = parse(sample.report(fail_on="info"))
    check_counts(info)
    assert counts(info)["failures"] == 3
    assert counts(info)["skipped"] == 1  # waived stays skipped whatever the level


def test_an_empty_report_is_all_passing_tests() -> None:
    root = parse(sample.report([]))
    check_counts(root)
    assert counts(root) == {"tests": 6, "failures": 0, "errors": 0, "skipped": 0}
    assert parse(sample.report([], rules=())).findall("testsuite") == []


def test_several_findings_of_one_rule_are_counted_and_unlisted_rules_get_a_suite() -> None:
    found = [
        sample.finding("CERT001", ("person", "BF1003"), "First"),
        sample.finding("CERT001", ("person", "BF1004"), "Second", waived_by="W-1"),
        sample.finding("CERT001", ("person", "BF1005"), "Third"),
        sample.finding("ZZZ999", ("vessel", "vigilant"), "From a rule not listed"),
    ]
    root = parse(sample.report(found))
    check_counts(root)
    assert counts(suite(root, "CERT001 certificate-expired")) == {
        "tests": 3,
        "failures": 2,
        "errors": 0,
        "skipped": 1,
    }
    assert counts(suite(root, "ZZZ999 unlisted-rule"))["failures"] == 1


def test_characters_xml_cannot_hold_are_replaced() -> None:
    finding = sample.finding("XYZ001", ("person", "BF1003"), "bell \x07 & <tag> ok")
    root = parse(sample.report([finding]))
    failure = root.find(".//failure")
    assert failure is not None
    assert failure.get("message") == "bell \ufffd & <tag> ok"


def test_redacted_test_names_show_staff_numbers() -> None:
    root = parse(sample.report(), redact=True)
    names = [case.get("name") for case in root.iter("testcase")]
    assert "person BF1003" in names
    assert "person BF1004" in names
