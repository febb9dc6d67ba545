"""The example in docs/skills.md runs as written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "docs" / "skills.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", text, re.S)[0]
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(code, namespace)
    cover: Any = namespace["cover"]
    rows: Any = namespace["rows"]
    assert cover.crews[0].single_points[0].role == "engineer-of-the-watch"
    assert len(rows) == 12 * 7  # 12 members by 7 complement roles
