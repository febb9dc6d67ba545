"""The API reference documents the whole public API, and nothing private."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import maritime_crew as mc
from tests.pages import ROOT

PAGE = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
DOCUMENTED = set(re.findall(r"^\.\. (?:auto\w+|data):: (\S+)$", PAGE, re.M))
PACKAGES = ["model", "io", "facts", "rules", "report"]
ANALYSES = ["pathways", "skills", "documents", "forecast", "timeline", "terms"]


def _section(module: str) -> set[str]:
    section = PAGE.split(f".. module:: {module}\n")[1].split("```")[0]
    return set(re.findall(r"^\.\. (?:auto\w+|data):: (\S+)$", section, re.M))


def test_every_top_level_name_is_documented() -> None:
    assert _section("maritime_crew") == set(mc.__all__)


@pytest.mark.parametrize("package", PACKAGES + ANALYSES)
def test_every_name_a_public_package_exports_is_documented(package: str) -> None:
    module = importlib.import_module(f"maritime_crew.{package}")
    assert _section(f"maritime_crew.{package}") == set(module.__all__)


def test_every_public_subpackage_has_a_section() -> None:
    public = {m.name for m in pkgutil.iter_modules(mc.__path__) if not m.name.startswith("_")}
    documented = set(re.findall(r"^\.\. module:: maritime_crew\.(\w+)$", PAGE, re.M))
    assert public - {"synth", "cli"} <= documented


def test_nothing_private_is_documented() -> None:
    assert not [
        name
        for name in DOCUMENTED - {"__version__"}
        if any(part.startswith("_") for part in name.split("."))
    ]
