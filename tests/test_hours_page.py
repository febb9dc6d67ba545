"""docs/hours.md describes the rest profiles that are built in, all of them and no more."""

from __future__ import annotations

import re
from pathlib import Path

from maritime_crew.model import BUILTIN_REST_PROFILES

PAGE = (Path(__file__).parent.parent / "docs" / "hours.md").read_text(encoding="utf-8")
WORDS = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six"}


def test_the_profile_table_has_a_column_for_each_built_in_profile() -> None:
    header = next(line for line in PAGE.splitlines() if line.startswith("| limit | rule |"))
    columns = re.findall(r"`([^`]+)`", header)
    assert columns == list(BUILTIN_REST_PROFILES)


def test_the_page_counts_the_built_in_profiles_right() -> None:
    assert f"{WORDS[len(BUILTIN_REST_PROFILES)]} profiles are built in" in PAGE
