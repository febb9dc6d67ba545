"""The Markdown pages read well on GitHub as well as in the Sphinx site.

GitHub renders MyST Markdown as plain Markdown: a link with no text (``[](format.md)``,
which MyST fills with the page's title) shows as nothing, a ``{doc}`` or ``{ref}`` role
shows as its source, and the options of a ``{code-block}`` directive (``:caption:``) show
as the first lines of the code, so that a reader who copies it gets a broken file.
"""

from __future__ import annotations

import importlib.util
import re
import typing
from pathlib import Path

import pytest

from tests.pages import ROOT

PAGES = sorted(
    {
        *ROOT.glob("*.md"),
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "examples").rglob("*.md"),
        *(ROOT / "benchmarks").glob("*.md"),
        *(ROOT / "changelog.d").glob("*.md"),
    }
)
_FENCE = re.compile(r"^(```+|~~~+).*?^\1\s*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_EMPTY_LINK = re.compile(r"(?<!!)\[\s*\](?=[(\[])")
_LINK = re.compile(r"(?<!!)\[[^\]]+\]\(([^)\s]+)\)")


def _prose(text: str) -> str:
    """The page with its fenced blocks left out and its code spans as ``code``, lines kept."""
    text = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return _CODE_SPAN.sub(lambda m: "code" + "\n" * m.group(0).count("\n"), text)


def _rules_page() -> str:
    """The rule reference, which ``docs/conf.py`` makes when the site is built."""
    spec = importlib.util.spec_from_file_location("update_docs", ROOT / "tools" / "update_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module: typing.Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page: str = module.rules_page()
    return page


def _empty_links(text: str) -> list[int]:
    prose = _prose(text)
    return [prose.count("\n", 0, match.start()) + 1 for match in _EMPTY_LINK.finditer(prose)]


def _name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def test_the_pages_are_found() -> None:
    names = {_name(page) for page in PAGES}
    assert {"README.md", "docs/index.md", "docs/tutorial.md", "docs/api/index.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_no_link_has_empty_text(page: Path) -> None:
    lines = _empty_links(page.read_text(encoding="utf-8"))
    assert lines == [], f"{_name(page)}: give the links on these lines their text"


def test_no_link_of_the_generated_rule_reference_has_empty_text() -> None:
    assert _empty_links(_rules_page()) == []


def test_an_empty_link_is_found() -> None:
    text = "See [](format.md) and [the format](format.md).\n```md\n[](x.md)\n```\n`[](y.md)`\n"
    assert _empty_links(text) == [1]
    assert _empty_links("an image ![](logo.png) is not a link\n") == []


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_no_role_that_github_shows_as_source(page: Path) -> None:
    prose = _prose(page.read_text(encoding="utf-8"))
    assert re.findall(r"\{(?:doc|ref)\}", prose) == [], (
        "use a Markdown link: [text](page.md#anchor)"
    )


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_no_code_block_has_options_that_github_shows_as_code(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    directives = re.findall(r"^```\{code-block\}.*\n((?::[\w-]+:.*\n)+)", text, re.M)
    assert directives == [], (
        "use a plain fenced block, and name the file in the prose: Save this as `PATH`:"
    )


@pytest.mark.parametrize(
    "page",
    [page for page in PAGES if not _name(page).startswith("docs/")],
    ids=_name,
)
def test_relative_links_outside_the_site_lead_to_files(page: Path) -> None:
    """Sphinx checks the links of docs/; GitHub alone shows the other pages.

    A changelog fragment's links are read from CHANGELOG.md, where towncrier puts it.
    """
    fragment = page.parent.name == "changelog.d" and page.name != "README.md"
    base = ROOT if fragment else page.parent
    missing = [
        target
        for target in _LINK.findall(_prose(page.read_text(encoding="utf-8")))
        if not re.match(r"[a-z]+:|#", target) and not (base / target.split("#")[0]).exists()
    ]
    assert missing == []
