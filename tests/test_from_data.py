"""``mc.from_data``: a dataset built in memory, checked as a file is, problems by record path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import maritime_crew as mc

EXAMPLE = Path(__file__).parent.parent / "examples" / "fleet"


@pytest.mark.parametrize("mode", ["python", "json"])
def test_the_data_of_a_fleet_gives_the_fleet_back(mode: str) -> None:
    fleet = mc.load(EXAMPLE)
    assert mc.from_data(mc.io.to_data(fleet, mode=mode)) == fleet


def test_every_problem_is_named_by_its_record_path_at_once() -> None:
    data: dict[str, Any] = {
        "person": [
            {"id": "BF1", "name": "A", "discipline": "deck"},
            {
                "id": "BF2",
                "name": "B",
                "discipline": "dekc",
                "certificates": [{"type": "eng1", "issued": "2018-13-01"}],
            },
        ],
        "vesels": [],
    }
    with pytest.raises(mc.DataError) as raised:
        mc.from_data(data, name="rota-tool")
    found = [(p.file, p.path) for p in raised.value.problems]
    assert found == [
        ("rota-tool", "vesels"),
        ("rota-tool", "person[BF2].discipline"),
        ("rota-tool", "person[BF2].certificates[0].issued"),
    ]
    assert all(p.line is None for p in raised.value.problems)


def test_data_that_is_not_a_table_of_records_is_a_data_error() -> None:
    with pytest.raises(mc.DataError, match="expected a table of records at the top"):
        mc.from_data([{"id": "BF1"}])  # type: ignore[arg-type]
    assert mc.from_data({}) == mc.model.Fleet()
