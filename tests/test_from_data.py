"""``mc.from_data``: a dataset built in memory, checked as a file is, problems by record path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pendulum
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


def test_a_loaded_fleet_validates_as_it_is() -> None:
    fleet = mc.load(EXAMPLE)
    assert mc.validate(fleet) is fleet


def test_a_fleet_built_in_code_with_wrong_values_is_refused_with_every_path() -> None:
    person = mc.model.Person(
        "BF1",
        "A",
        mc.model.Discipline.DECK,
        certificates=(mc.model.Certificate("eng1", "2018-01-01"),),  # type: ignore[arg-type]
        born=True,  # type: ignore[arg-type]
    )
    vessel = mc.model.Vessel("v1", "V", "cpv")  # type: ignore[arg-type]
    listed = mc.model.Person("BF2", "B", mc.model.Discipline.DECK, previous_crews=[])  # type: ignore[arg-type]
    with pytest.raises(mc.DataError) as raised:
        mc.validate(mc.model.Fleet(people=(person, listed), vessels=(vessel,)), name="rota-tool")
    found = [(p.code, p.file, p.path) for p in raised.value.problems]
    assert found == [
        ("wrong-type", "rota-tool", "vessel[v1].type"),
        ("wrong-type", "rota-tool", "person[BF1].born"),
        ("wrong-type", "rota-tool", "person[BF1].certificates[0].issued"),
        ("wrong-type", "rota-tool", "person[BF2].previous_crews"),
    ]
    messages = [p.message for p in raised.value.problems]
    assert messages[0] == "expected a VesselType, found str 'cpv'"
    assert messages[2].startswith("expected a pendulum.Date (mc.model.as_date makes one)")
    # the same values, right, pass
    fixed = attrs.evolve(
        person,
        certificates=(mc.model.Certificate("eng1", mc.model.as_date("2018-01-01")),),
        born=None,
    )
    assert mc.validate(mc.model.Fleet(people=(fixed,)))


def test_one_record_is_structured_from_a_mapping_as_a_file_would_be() -> None:
    person = mc.io.record_from_data(
        "person",
        {
            "id": "BF1",
            "name": "Al Brennan",
            "discipline": "deck",
            "certificates": [{"type": "eng1", "number": "M-1", "issued": "2020-01-01"}],
        },
    )
    assert isinstance(person, mc.model.Person)
    assert person.certificates[0].issued == pendulum.Date(2020, 1, 1)
    assert type(person.certificates[0].issued) is pendulum.Date
    # The record class names the table too, and a dumped record comes back equal.
    assert mc.io.record_from_data(mc.model.Person, mc.io.to_data(person)) == person


def test_every_problem_of_one_record_is_reported_by_its_path() -> None:
    with pytest.raises(mc.DataError) as caught:
        mc.io.record_from_data(
            "person",
            {"id": "BF1", "name": 3, "discipline": "dek", "certificates": [{"issued": "x"}]},
        )
    paths = [problem.path for problem in caught.value.problems]
    assert "person[BF1].name" in paths
    assert "person[BF1].discipline" in paths
    assert "person[BF1].certificates[0].issued" in paths
    assert "person[BF1].certificates[0].type" in paths  # required, and missing


def test_a_table_that_does_not_exist_is_refused_with_a_suggestion() -> None:
    with pytest.raises(ValueError, match="'persn' is not a dataset table: did you mean 'person'"):
        mc.io.record_from_data("persn", {})
    with pytest.raises(ValueError, match="not a dataset table"):
        mc.io.record_from_data(mc.model.Certificate, {})  # nested in a person, not a table


def _with_text_for_a_date() -> mc.model.Fleet:
    fleet = mc.load(EXAMPLE)
    person = fleet.people[0]
    wrong = attrs.evolve(person.certificates[0], issued="2018-01-01")
    person = attrs.evolve(person, certificates=(wrong, *person.certificates[1:]))
    return attrs.evolve(fleet, people=(person, *fleet.people[1:]))


def test_writing_a_fleet_with_a_wrong_value_names_it_instead_of_crashing() -> None:
    fleet = mc.model.Fleet(vessels=(mc.model.Vessel(id="v", name="V", type="cpv"),))  # type: ignore[arg-type]
    with pytest.raises(mc.DataError) as caught:
        mc.dumps(fleet)
    assert [problem.path for problem in caught.value.problems] == ["vessel[v].type"]
    with pytest.raises(mc.DataError, match=r"certificates\[0\]\.issued"):
        mc.io.to_data(_with_text_for_a_date())


def test_a_rule_that_fails_on_a_wrong_value_says_which_value() -> None:
    fleet = _with_text_for_a_date()
    report = mc.check(fleet, as_of="2021-03-31")
    crashed = [f for f in report.findings if f.subject.kind == "rule"]
    assert crashed  # the rules that read that date cannot run
    path = f"person[{fleet.people[0].id}].certificates[0].issued"
    assert all(f"the likely cause: {path}: expected a pendulum.Date" in f.message for f in crashed)
    # A fleet whose values are all right keeps the plain message (validation finds nothing).
    assert not [
        f
        for f in mc.check(mc.load(EXAMPLE), as_of="2021-03-31").findings
        if f.subject.kind == "rule"
    ]
