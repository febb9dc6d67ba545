"""Loading what was dumped gives back the same fleet: nothing lost, nothing changed.

Fleets come from two sources: the Hypothesis strategies (any Unicode text, every
optional field present, absent or either, dates and moments at their edges) and the
synthetic generator (whole, realistic datasets, several seeds and sizes). The
Hypothesis tests run the example budget of the active profile (``ci``: 60 examples per
test, derandomised; see ``tests/conftest.py``).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pendulum
import pytest
from hypothesis import example, given

import maritime_crew as mc
from maritime_crew import synth

from .strategies import _EDGE_DATES, _EDGE_MOMENTS, _ZONES, EDGE_TEXT, fleets

EXAMPLE = Path(__file__).parent.parent / "examples" / "fleet"
FORMATS = ["toml", "json"]

# 01:30 on 25 October 2020 in London is in the hour the clocks repeat: written back as
# 01:30+00:00 it once loaded unequal to itself (PEP 495 equality across zones).
_IN_THE_FOLD = mc.model.Fleet(
    work_periods=(
        mc.model.WorkPeriod(
            "BF1",
            pendulum.datetime(2020, 10, 25, 0, 30, tz="UTC").in_timezone("Europe/London"),
            pendulum.datetime(2020, 10, 25, 1, 30, tz="UTC").in_timezone("Europe/London"),
        ),
    )
)


def _round_trip(fleet: mc.model.Fleet, format: str) -> mc.model.Fleet:
    return mc.loads(mc.dumps(fleet, format), format=format)


@given(fleets())
@example(_IN_THE_FOLD)
def test_toml_round_trip_of_any_fleet(fleet: mc.model.Fleet) -> None:
    assert _round_trip(fleet, "toml") == fleet


@given(fleets())
@example(_IN_THE_FOLD)
def test_json_round_trip_of_any_fleet(fleet: mc.model.Fleet) -> None:
    assert _round_trip(fleet, "json") == fleet


@given(fleets(max_records=2, optional="present"))
def test_round_trip_with_every_optional_field_present(fleet: mc.model.Fleet) -> None:
    for format in FORMATS:
        assert _round_trip(fleet, format) == fleet


@given(fleets(max_records=2, optional="absent"))
def test_round_trip_with_every_optional_field_absent(fleet: mc.model.Fleet) -> None:
    for format in FORMATS:
        assert _round_trip(fleet, format) == fleet


def _edge_fleet() -> mc.model.Fleet:
    """Every edge text as a name, every edge date as a birthday, every edge moment in every zone."""
    people = tuple(
        mc.model.Person(
            id=f"BF{n:04d}",
            name=name,
            discipline=mc.model.Discipline.DECK,
            born=pendulum.Date(born.year, born.month, born.day),
        )
        for n, (name, born) in enumerate(zip(EDGE_TEXT, _EDGE_DATES * len(EDGE_TEXT), strict=False))
    )
    moments = [
        pendulum.instance(when.replace(tzinfo=datetime.timezone.utc)).in_timezone(zone)
        for when in _EDGE_MOMENTS
        for zone in _ZONES
    ]
    work = tuple(mc.model.WorkPeriod(people[0].id, moment, moment) for moment in moments)
    return mc.model.Fleet(people=people, work_periods=work)


@pytest.mark.parametrize("format", FORMATS)
def test_edge_names_dates_and_moments_survive_a_file(tmp_path: Path, format: str) -> None:
    fleet = _edge_fleet()
    assert {p.name for p in fleet.people} == set(EDGE_TEXT)
    target = tmp_path / f"fleet.{format}"
    mc.dump(fleet, target)
    again = mc.load(target)
    assert again == fleet
    assert [p.name for p in again.people] == EDGE_TEXT  # not normalised, trimmed or reordered
    assert [w.start.timestamp() for w in again.work_periods] == [
        w.start.timestamp() for w in fleet.work_periods
    ]


@pytest.mark.parametrize(("people", "seed"), [(1, 1), (6, 2), (45, 3)])
@pytest.mark.parametrize("format", FORMATS)
def test_every_generated_fleet_survives_load_dump_load(
    tmp_path: Path, people: int, seed: int, format: str
) -> None:
    synth.write(tmp_path / "fleet", people, seed=seed)
    fleet = mc.load(tmp_path / "fleet")
    assert len(fleet.people) == people
    out = tmp_path / f"fleet.{format}"
    mc.dump(fleet, out)
    again = mc.load(out)
    assert again == fleet
    # And the text is stable: dumping the reloaded fleet writes the same bytes.
    mc.dump(again, tmp_path / f"again.{format}")
    assert (tmp_path / f"again.{format}").read_bytes() == out.read_bytes()


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


_LADDER_TOML = """\
[[certificate_type]]
id = "stcw-ii-1"
name = "STCW II/1 officer of the watch"

[[certificate_type]]
id = "stcw-ii-2-co"
name = "STCW II/2 chief mate"
supersedes = ["stcw-ii-1"]
"""


@pytest.mark.parametrize("format", FORMATS)
def test_supersedes_is_written_where_given_and_left_out_where_not(format: str) -> None:
    fleet = mc.loads(_LADDER_TOML)
    oow, chief_mate = fleet.certificate_types
    assert (oow.supersedes, chief_mate.supersedes) == ((), ("stcw-ii-1",))
    text = mc.dumps(fleet, format=format)
    assert text.count("supersedes") == 1
    assert mc.loads(text, format=format) == fleet
    assert text.index("supersedes") > text.index("stcw-ii-2-co")  # the chief mate's
