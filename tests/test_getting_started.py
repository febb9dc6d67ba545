"""The getting-started page works as written, from the root of the repository."""

from __future__ import annotations

from tests.pages import ROOT, run_page


def test_the_getting_started_page_runs_as_written() -> None:
    run_page(ROOT / "docs" / "getting-started.md", ROOT)
