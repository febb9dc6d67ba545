"""The Fleet aggregate answers lookups by id and by relationship, on any date."""

from __future__ import annotations

import pendulum
import pytest

import maritime_crew as mc

D = pendulum.Date


@pytest.fixture
def fleet() -> mc.model.Fleet:
    return mc.model.Fleet(
        vessels=(
            mc.model.Vessel(
                id="vigilant",
                name="HMC Vigilant",
                type=mc.model.VesselType.CUTTER,
                complement=(
                    mc.model.RoleCount("boarding-officer", 2),
                    mc.model.RoleCount("medic", 1),
                ),
            ),
        ),
        crews=(
            mc.model.Crew("vigilant-a", "Vigilant A", "vigilant"),
            mc.model.Crew("spare", "Spare"),
        ),
        people=(
            mc.model.Person(
                id="BF1",
                name="Ann",
                discipline=mc.model.Discipline.DECK,
                born=D(2003, 6, 1),
                joined=D(2020, 1, 6),
                crew="vigilant-a",
                crew_since=D(2020, 6, 1),
                sizes=(mc.model.Size("dry-suit", "L"),),
                issues=(
                    mc.model.Issue("DS-1", D(2020, 1, 6), D(2020, 6, 30)),
                    mc.model.Issue("DS-2", D(2020, 7, 1)),
                ),
            ),
            mc.model.Person(
                id="BF2",
                name="Bo",
                discipline=mc.model.Discipline.ENGINEERING,
                left=D(2021, 1, 31),
                issues=(mc.model.Issue("DS-1", D(2020, 6, 30)),),
            ),
        ),
        deployments=(
            mc.model.Deployment("d1", "vigilant", D(2020, 5, 1), D(2020, 5, 14), crew="vigilant-a"),
            mc.model.Deployment("d2", "vigilant", D(2020, 6, 1), D(2020, 6, 14), crew="vigilant-a"),
            mc.model.Deployment("d3", "vigilant", D(2020, 3, 1), D(2020, 3, 5), person="BF1"),
        ),
        equipment_items=(
            mc.model.EquipmentItem(
                "DS-1",
                "dry-suit",
                manufactured=D(2010, 5, 1),
                status=mc.model.ItemStatus.WITHDRAWN,
                status_date=D(2021, 2, 1),
            ),
            mc.model.EquipmentItem("DS-2", "dry-suit", size="L"),
        ),
        pathways=(
            mc.model.Pathway(
                "deck",
                "Deck",
                mc.model.Discipline.DECK,
                grades=(mc.model.Grade("ab", "Able seaman"), mc.model.Grade("bosun", "Bosun")),
            ),
        ),
        documents=(
            mc.model.Document(
                "SOP-1",
                mc.model.DocumentKind.SOP,
                "Boarding",
                "Ops",
                versions=(
                    mc.model.DocumentVersion("1", mc.model.VersionStatus.SUPERSEDED),
                    mc.model.DocumentVersion(
                        "2", mc.model.VersionStatus.APPROVED, addresses=("F-1",)
                    ),
                ),
            ),
        ),
        operations=(mc.model.Operation("OP-1", "vigilant", "patrol", D(2020, 5, 2)),),
        debriefs=(
            mc.model.Debrief(
                "DB-1",
                "OP-1",
                D(2020, 5, 4),
                findings=(
                    mc.model.DebriefFinding(
                        "F-1", "Ladder unsafe", "SOP-1", mc.model.ActionKind.REVISE
                    ),
                ),
            ),
        ),
        work_periods=(
            mc.model.WorkPeriod(
                "BF1", pendulum.datetime(2021, 2, 1, 6), pendulum.datetime(2021, 2, 1, 12)
            ),
        ),
    )


def test_lookups_by_id(fleet: mc.model.Fleet) -> None:
    assert fleet.person("BF2").name == "Bo"  # type: ignore[union-attr]
    assert fleet.vessel("vigilant").required("boarding-officer") == 2  # type: ignore[union-attr]
    assert fleet.vessel("vigilant").required("coxswain") == 0  # type: ignore[union-attr]
    assert fleet.crew("nope") is None
    assert fleet.grade("bosun").name == "Bosun"  # type: ignore[union-attr]
    assert fleet.pathway_of("bosun").id == "deck"  # type: ignore[union-attr]
    assert fleet.grade("nope") is None


def test_relationships(fleet: mc.model.Fleet) -> None:
    assert [c.id for c in fleet.crews_of("vigilant")] == ["vigilant-a"]
    assert [p.id for p in fleet.members_of("vigilant-a")] == ["BF1"]
    assert [o.id for o in fleet.operations_of("vigilant")] == ["OP-1"]
    assert [d.id for d in fleet.debriefs_of("OP-1")] == ["DB-1"]
    debrief, finding = fleet.debrief_finding("F-1")  # type: ignore[misc]
    assert (debrief.id, finding.summary) == ("DB-1", "Ladder unsafe")
    assert [(d.id, v.label) for d, v in fleet.versions_addressing("F-1")] == [("SOP-1", "2")]
    assert len(fleet.work_periods_of("BF1")) == 1
    assert fleet.work_periods_of("BF2") == ()


def test_deployments_of_a_person_include_their_crew_since_joining_it(fleet: mc.model.Fleet) -> None:
    # d1 ended before BF1 joined the crew; d2 is the crew's; d3 is their own.
    assert [d.id for d in fleet.deployments_of("BF1")] == ["d3", "d2"]
    assert [d.id for d in fleet.deployments_of("BF2")] == []
    assert [d.id for d in fleet.deployments_on("vigilant")] == ["d1", "d2", "d3"]


def test_who_held_what_on_any_day(fleet: mc.model.Fleet) -> None:
    # On the hand-over day the item is with its new holder only.
    assert [p.id for p in fleet.holders_of("DS-1", D(2020, 6, 29))] == ["BF1"]
    assert [p.id for p in fleet.holders_of("DS-1", D(2020, 6, 30))] == ["BF2"]
    assert [p.id for p in fleet.holders_of("DS-1", D(2020, 7, 1))] == ["BF2"]
    assert [i.id for i in fleet.items_held("BF1", D(2020, 3, 1))] == ["DS-1"]
    assert [i.id for i in fleet.items_held("BF1", D(2021, 3, 31))] == ["DS-2"]
    assert fleet.items_held("BF1", D(2019, 12, 31)) == ()
    assert fleet.items_held("nobody", D(2020, 3, 1)) == ()


def test_item_status_and_age_on_a_date(fleet: mc.model.Fleet) -> None:
    suit = fleet.equipment_item("DS-1")
    assert suit is not None
    assert suit.status_on(D(2021, 1, 31)) is mc.model.ItemStatus.IN_SERVICE
    assert suit.status_on(D(2021, 2, 1)) is mc.model.ItemStatus.WITHDRAWN
    assert suit.age_on(D(2020, 4, 30)) == 9
    assert suit.age_on(D(2020, 5, 1)) == 10
    assert fleet.equipment_item("DS-2").age_on(D(2020, 1, 1)) is None  # type: ignore[union-attr]


def test_person_facts_on_a_date(fleet: mc.model.Fleet) -> None:
    ann, bo = fleet.person("BF1"), fleet.person("BF2")
    assert ann is not None
    assert bo is not None
    assert ann.age_on(D(2021, 5, 31)) == 17
    assert ann.age_on(D(2021, 6, 1)) == 18
    assert bo.age_on(D(2021, 6, 1)) is None
    assert ann.size_for("dry-suit") == "L"
    assert ann.size_for("helmet") is None
    assert not ann.in_service_on(D(2020, 1, 5))
    assert ann.in_service_on(D(2020, 1, 6))
    assert bo.in_service_on(D(2021, 1, 31))
    assert not bo.in_service_on(D(2021, 2, 1))


def test_rest_profiles_come_from_the_data_or_are_built_in() -> None:
    custom = mc.model.RestProfile(
        id="mlc-a2.3", name="Our own reading", min_rest_24h=mc.model.Period(hours=11)
    )
    assert mc.model.Fleet().rest_profile("mlc-a2.3") == mc.model.BUILTIN_REST_PROFILES["mlc-a2.3"]
    assert mc.model.Fleet(rest_profiles=(custom,)).rest_profile("mlc-a2.3") == custom
    assert mc.model.Fleet().rest_profile("nope") is None
    mlc = mc.model.BUILTIN_REST_PROFILES["mlc-a2.3"]
    assert (mlc.min_rest_24h, mlc.min_rest_7d) == (
        mc.model.Period(hours=10),
        mc.model.Period(hours=77),
    )
    assert mlc.max_rest_periods_24h == 2
    assert (
        mc.model.TermsAndConditions("t", "T", mc.model.TermsStatus.DRAFT).rest_profile == "mlc-a2.3"
    )


def test_waiver_in_force_through_its_expiry_day() -> None:
    waiver = mc.model.Waiver(
        "W1",
        "CERT001",
        mc.model.Subject("person", "BF1"),
        "Sailing",
        "Director",
        D(2021, 2, 1),
        expires=D(2021, 2, 28),
    )
    assert not waiver.in_force_on(D(2021, 1, 31))
    assert waiver.in_force_on(D(2021, 2, 28))
    assert not waiver.in_force_on(D(2021, 3, 1))


def test_records_are_frozen(fleet: mc.model.Fleet) -> None:
    person = fleet.person("BF1")
    with pytest.raises(AttributeError):
        person.name = "Changed"  # type: ignore[misc, union-attr]


def test_a_deployment_is_of_a_person_or_a_crew() -> None:
    with pytest.raises(mc.model.InvalidValue):
        mc.model.Deployment("d", "v", D(2020, 1, 1))
    with pytest.raises(mc.model.InvalidValue):
        mc.model.Deployment("d", "v", D(2020, 1, 1), person="p", crew="c")


@pytest.mark.parametrize(
    "ids",
    [["a", "b", "c"], ["a", "b", "a", "c", "b", "a"], [], ["x", "x"]],
)
def test_an_id_index_keeps_data_order_and_the_first_of_a_repeated_id(ids: list[str]) -> None:
    people = tuple(
        mc.model.Person(id=pid, name=f"N{n}", discipline=mc.model.Discipline.DECK)
        for n, pid in enumerate(ids)
    )
    repeated = {
        pid: tuple(n for n, other in enumerate(ids) if other == pid)
        for pid in dict.fromkeys(ids)
        if ids.count(pid) > 1
    }
    data = mc.model.Fleet(people=people)
    # before any lookup (worked out without an index), and after
    assert data.duplicate_ids("person") == repeated
    assert list(data.ids("person")) == list(dict.fromkeys(ids))
    for pid in set(ids):
        positions = tuple(n for n, other in enumerate(ids) if other == pid)
        assert data.positions("person", pid) == positions
        assert data.first_positions("person")[pid] == positions[0]
        found = data.person(pid)
        assert found is people[positions[0]]
    assert data.duplicate_ids("person") == repeated
    assert dict(data.first_positions("person")) == {pid: ids.index(pid) for pid in set(ids)}
