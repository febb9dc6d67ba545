"""The example in docs/documents.md runs as written and says what it shows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "docs" / "documents.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", text, re.S)[0]
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    assert namespace["overdue"] == ["SOP-FIRE-01"]
    assert namespace["then"].label == "2.0"
    assert namespace["audit"].version("2.1").addresses[0].finding == "DBF-2020-004-1"
    assert namespace["loop"].action("DBF-2020-009-1").state.value == "overdue"
    assert {row["document"] for row in namespace["rows"]} >= {"SOP-FIRE-01", "SOP-BRD-01"}
