"""The API reference documents the whole public API, and nothing private."""

from __future__ import annotations

import importlib
import re

import pytest

import maritime_crew as mc
from tests.pages import ROOT

PAGE = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
DOCUMENTED = set(re.findall(r"^\.\. (?:auto\w+|data):: (\S+)$", PAGE, re.M))


def test_every_top_level_name_is_documented() -> None:
    missing = [
        name
        for name in mc.__all__
        if name != "__version__" and f"maritime_crew.{name}" not in DOCUMENTED
    ]
    assert missing == []


@pytest.mark.parametrize("package", ["rules", "report", "io", "model"])
def test_every_name_a_public_package_adds_is_documented(package: str) -> None:
    module = importlib.import_module(f"maritime_crew.{package}")
    section = PAGE.split(f".. module:: maritime_crew.{package}\n")[1].split("```")[0]
    names = set(re.findall(r"^\.\. auto\w+:: (\S+)$", section, re.M))
    assert names == {name for name in module.__all__ if name not in mc.__all__}


def test_nothing_private_is_documented() -> None:
    assert not [
        name for name in DOCUMENTED if any(part.startswith("_") for part in name.split("."))
    ]
