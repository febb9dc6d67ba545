from __future__ import annotations

from pathlib import Path

import pytest

import maritime_crew as mc

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fleet"
AS_OF = "2021-03-31"


@pytest.fixture(scope="session")
def example() -> mc.model.Fleet:
    return mc.load(EXAMPLE)
