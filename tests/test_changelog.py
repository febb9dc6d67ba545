"""The changelog fragments in changelog.d/ are named as towncrier reads them, and say something.

A fragment is ``<issue>.<type>.md`` or ``+<slug>.<type>.md`` (``22.added.md``,
``+api-pages.changed.md``), with an optional counter for a second fragment of the same
issue and type (``22.added.1.md``); the types are those of ``towncrier.toml``. towncrier
itself is not needed to run this test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomli

from tests.pages import ROOT

FRAGMENTS = ROOT / "changelog.d"
CONFIG = tomli.loads((ROOT / "towncrier.toml").read_text(encoding="utf-8"))["tool"]["towncrier"]
TYPES = [entry["directory"] for entry in CONFIG["type"]]
NOT_FRAGMENTS = {"README.md", ".gitignore", ".gitkeep"}


def _fragments() -> list[Path]:
    return sorted(path for path in FRAGMENTS.iterdir() if path.name not in NOT_FRAGMENTS)


def _pattern() -> re.Pattern[str]:
    prefix = re.escape(CONFIG["orphan_prefix"])
    types = "|".join(re.escape(kind) for kind in TYPES)
    return re.compile(rf"(?:[0-9]+|{prefix}[a-z0-9][a-z0-9-]*)\.(?:{types})(?:\.[0-9]+)?\.md")


def test_the_readme_describes_the_configuration() -> None:
    assert CONFIG["directory"] == "changelog.d"
    assert CONFIG["filename"] == "CHANGELOG.md"
    assert set(CONFIG["ignore"]) <= NOT_FRAGMENTS
    readme = (FRAGMENTS / "README.md").read_text(encoding="utf-8")
    assert all(f"| `{kind}` |" in readme for kind in TYPES)


def test_the_changelog_has_the_line_towncrier_writes_after() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.count(CONFIG["start_string"].rstrip("\n")) == 1


@pytest.mark.parametrize("path", _fragments(), ids=lambda path: path.name)
def test_a_fragment_is_named_as_towncrier_reads_it_and_is_not_empty(path: Path) -> None:
    assert path.is_file(), f"{path.name}: a fragment is a file"
    assert _pattern().fullmatch(path.name), (
        f"{path.name}: name it <issue>.<type>.md or +<slug>.<type>.md, with a type of {TYPES}"
    )
    assert path.read_text(encoding="utf-8").strip(), f"{path.name} is empty"


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("22.added.md", True),
        ("22.fixed.1.md", True),
        ("+api-pages.changed.md", True),
        ("22.feature.md", False),
        ("22.added.rst", False),
        ("added.md", False),
        ("api-pages.changed.md", False),
        ("22.md", False),
    ],
)
def test_the_pattern_of_a_name(name: str, valid: bool) -> None:
    assert bool(_pattern().fullmatch(name)) is valid
