"""Loading what was dumped gives back the same fleet: nothing lost, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

import maritime_crew as mc

from .strategies import fleets

EXAMPLE = Path(__file__).parent.parent / "examples" / "fleet"


@given(fleets())
def test_toml_round_trip_of_any_fleet(fleet: mc.Fleet) -> None:
    assert mc.loads(mc.dumps(fleet, "toml"), format="toml") == fleet


@given(fleets())
def test_json_round_trip_of_any_fleet(fleet: mc.Fleet) -> None:
    assert mc.loads(mc.dumps(fleet, "json"), format="json") == fleet


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_example_fleet_survives_dump_and_load(tmp_path: Path, suffix: str) -> None:
    fleet = mc.load(EXAMPLE)
    out = tmp_path / f"fleet{suffix}"
    mc.dump(fleet, out)
    again = mc.load(out)
    assert again == fleet
    # And the dumped text is stable: dumping the reloaded fleet writes the same bytes.
    out2 = tmp_path / f"again{suffix}"
    mc.dump(again, out2)
    assert out2.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
