"""The embedding guide's Python examples run as written from the root of the repository."""

from __future__ import annotations

from tests.pages import ROOT, blocks, run_page

PAGE = ROOT / "docs" / "embedding.md"


def test_the_embedding_guide_runs_as_written() -> None:
    run_page(PAGE, ROOT)


def test_the_embedding_guide_covers_what_embedders_need() -> None:
    languages = [block.language for block in blocks(PAGE)]
    assert languages.count("pycon") >= 4
    text = PAGE.read_text(encoding="utf-8")
    for topic in (
        "--output sarif:",
        "--exit-zero",
        "--format junit",
        "maritime_crew.rules",
        "report.schema.json",
    ):
        assert topic in text
