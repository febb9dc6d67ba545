"""The generated reference pages (format, rules, CLI) are in step with the code."""

from __future__ import annotations

import importlib.util
import re
import typing
from pathlib import Path

import pytest

import maritime_crew as mc

ROOT = Path(__file__).resolve().parent.parent


def _tool() -> typing.Any:
    spec = importlib.util.spec_from_file_location("update_docs", ROOT / "tools" / "update_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
PAGES = TOOL.updated_pages()


@pytest.mark.parametrize("path", sorted(PAGES), ids=lambda path: path.name)
def test_generated_page_is_in_step_with_the_code(path: Path) -> None:
    current, generated = PAGES[path]
    assert current == generated, "run: python tools/update_docs.py"


RULES_PAGE = TOOL.rules_page()
"""The rule reference as ``docs/conf.py`` makes it when the documentation is built."""


def test_the_rule_reference_has_a_section_for_every_built_in_rule() -> None:
    page = RULES_PAGE
    headings = re.findall(r"^### ([A-Z]+[0-9]{3}) `([a-z0-9-]+)`$", page, re.M)
    assert headings == [(rule.code, rule.name) for rule in _in_family_order()]


def _in_family_order() -> list[typing.Any]:
    rules = TOOL.builtin_rules()
    return [rule for family in TOOL.FAMILIES for rule in rules if rule.family == family]


def test_every_rule_section_shows_the_findings_of_its_example() -> None:
    page = RULES_PAGE
    sections = re.split(r"^\([a-z]+[0-9]{3}\)=$", page, flags=re.M)[1:]
    for rule, section in zip(_in_family_order(), sections, strict=True):
        assert f"--select {rule.code}\n```\n\n- **" in section, rule.code


def test_the_cli_reference_documents_every_option_of_every_command() -> None:
    from maritime_crew.cli._app import _parser

    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    commands = TOOL._subcommands(_parser())
    assert commands
    for name, parser in commands.items():
        section = page.split(f"### `maritime-crew {name}`")[1].split("\n### ")[0]
        for action in parser._actions:
            for option in action.option_strings:
                assert f"`{option}" in section, f"{name} {option}"


def test_no_rule_takes_the_code_of_a_retired_rule() -> None:
    taken = {rule.code for rule in TOOL.builtin_rules()}
    assert set(TOOL.RETIRED) & taken == set()
    assert "\n## Retired rules\n" in RULES_PAGE


def test_every_rule_has_the_anchor_a_sarif_help_uri_points_at() -> None:
    # ``<docs-url>/rules.html#cert001``: each rule's section is labelled by its code.
    page = _tool().rules_page()
    built_in = [
        rule
        for rule in mc.rules.default_registry().rules()
        if rule.origin.startswith("maritime_crew.rules.builtin.")
    ]
    assert len(built_in) >= 60
    for rule in built_in:
        assert f"\n({rule.code.lower()})=\n" in page
