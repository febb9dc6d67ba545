"""The example in docs/forecast.md runs as written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "docs" / "forecast.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", text, re.S)[0]
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(code, namespace)
    medicals: Any = namespace["medicals"]
    vigilant: Any = namespace["vigilant"]
    rows: Any = namespace["rows"]
    assert [(str(i.date), i.person) for i in medicals] == [("2021-04-22", "BF1010")]
    assert vigilant.items
    assert all(item.vessel == "vigilant" for item in vigilant.items)
    assert rows[0]["subject_id"] == "tc-2021"
