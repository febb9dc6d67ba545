"""The API reference documents the whole public API, each name once, and nothing private.

``docs/api/index.md`` documents the names of ``import maritime_crew as mc``, and
``docs/api/<subpackage>.md`` the names each public subpackage exports.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import Counter

import pytest

import maritime_crew as mc
from tests.pages import ROOT

API = ROOT / "docs" / "api"
PAGES = {path.stem: path.read_text(encoding="utf-8") for path in sorted(API.glob("*.md"))}
_DIRECTIVE = re.compile(r"^\.\. (auto\w+|data|module):: (\S+)$", re.M)
SUBPACKAGES = sorted(
    m.name for m in pkgutil.iter_modules(mc.__path__) if not m.name.startswith("_")
)
DOCUMENTED_PACKAGES = [name for name in SUBPACKAGES if name != "cli"]
"""Every public subpackage but the command line, which docs/cli.md documents."""


def documented(page: str) -> dict[str, list[str]]:
    """The names each ``.. module::`` of a page documents, in order, repeats kept.

    A module's names are the directives that follow it up to the end of its ``eval-rst``
    block; an ``automodule`` documents a module of its own (``maritime_crew.facts.rest``).
    """
    modules: dict[str, list[str]] = {}
    for block in re.findall(r"^```\{eval-rst\}\n(.*?)^```$", page, re.M | re.S):
        current: list[str] | None = None
        for kind, name in _DIRECTIVE.findall(block):
            if kind == "module":
                current = modules.setdefault(name, [])
            elif kind == "automodule":
                modules.setdefault(name, []).append(name)
                current = None
            elif current is not None:
                current.append(name)
    return modules


def _all_modules() -> Counter[str]:
    return Counter(module for page in PAGES.values() for module in documented(page))


def test_every_top_level_name_is_documented_once_on_the_index() -> None:
    names = documented(PAGES["index"])["maritime_crew"]
    assert sorted(names) == sorted(mc.__all__)


@pytest.mark.parametrize("package", DOCUMENTED_PACKAGES)
def test_every_name_a_public_subpackage_exports_is_documented_once_on_its_page(
    package: str,
) -> None:
    assert package in PAGES, f"add docs/api/{package}.md"
    module = importlib.import_module(f"maritime_crew.{package}")
    names = documented(PAGES[package])[f"maritime_crew.{package}"]
    assert sorted(names) == sorted(module.__all__)


def test_each_module_is_documented_on_one_page_only() -> None:
    assert [module for module, count in _all_modules().items() if count > 1] == []


def test_every_page_is_the_index_or_a_public_subpackage() -> None:
    assert set(PAGES) == {"index", *DOCUMENTED_PACKAGES}


def test_the_index_lists_every_page() -> None:
    toctree = PAGES["index"].split("```{toctree}")[1].split("```")[0]
    listed = [line for line in toctree.split("\n") if line and not line.startswith(":")]
    assert sorted(listed) == sorted(DOCUMENTED_PACKAGES)
    for package in DOCUMENTED_PACKAGES:
        assert f"]({package}.md)" in PAGES["index"], f"link {package}.md from the index's table"


def test_nothing_private_is_documented() -> None:
    names = [
        name
        for page in PAGES.values()
        for names in documented(page).values()
        for name in names
        if name != "__version__"
    ]
    assert [name for name in names if any(part.startswith("_") for part in name.split("."))] == []


def test_the_api_reference_is_not_also_on_one_page() -> None:
    assert not (ROOT / "docs" / "api.md").exists()
