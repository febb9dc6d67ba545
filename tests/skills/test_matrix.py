"""Skills matrix cells and coverage, worked by hand."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew.skills import CellState, coverage, skills_matrix, trainer_capacity

from ..rules.builders import (
    AS_OF,
    D,
    cert,
    certificate_type,
    course,
    crew,
    fleet,
    person,
    role,
    run,
    trained,
    vessel,
)

ROOT = Path(__file__).resolve().parent.parent.parent
COXSWAIN = role("coxswain", courses=("frb",), kit=("dry-suit",))
OOW = role("oow", certificates=("gmdss",), courses=("radar",))
FRB = course("frb", "P5Y")
RADAR = course("radar", "P3Y")
GMDSS = certificate_type("gmdss", "P5Y")
SUIT = mc.model.EquipmentItem("DS-1", "dry-suit")
WHEN = st.sampled_from([D(2016, 4, 1), D(2019, 6, 1), D(2021, 3, 31), D(2021, 4, 1)])


def member(id: str, *roles: str, **fields: Any) -> mc.model.Person:
    return person(id, crew="vigilant-a", duty_roles=roles, **fields)


def ship(*people: mc.model.Person, **complement: int) -> mc.model.Fleet:
    counts = complement or {"coxswain": 1, "oow": 2}
    return fleet(
        vessels=[
            vessel(
                "vigilant", complement=tuple(mc.model.RoleCount(r, n) for r, n in counts.items())
            )
        ],
        crews=[crew("vigilant-a")],
        people=people,
        duty_roles=[COXSWAIN, OOW],
        courses=[FRB, RADAR],
        certificate_types=[GMDSS],
        equipment_items=[SUIT],
    )


# BF1: coxswain, FRB done 2020-01-01 (valid to 2024-12-31) and a suit: qualified.
# BF2: OOW whose radar course (2018-05-01, P3Y) ends 2021-04-30: lapsing within 90 days.
# BF3: OOW with radar but no GMDSS: not qualified, lacks the certificate.
BF1 = member(
    "BF1",
    "coxswain",
    training=(trained("frb", D(2020, 1, 1)),),
    issues=(mc.model.Issue("DS-1", D(2020, 1, 1)),),
)
BF2 = member(
    "BF2",
    "oow",
    training=(trained("radar", D(2018, 5, 1)),),
    certificates=(cert("gmdss", D(2019, 1, 1)),),
)
BF3 = member("BF3", "oow", training=(trained("radar", D(2020, 6, 1)),))


class TestCells:
    def test_each_state_with_its_date_or_what_is_missing(self) -> None:
        matrix = skills_matrix(ship(BF1, BF2, BF3), AS_OF, within=90)
        assert matrix.people == ("BF1", "BF2", "BF3")
        assert matrix.roles == ("coxswain", "oow")
        qualified = matrix.cell("BF1", "coxswain")
        assert qualified is not None
        assert (qualified.state, qualified.until) == (CellState.QUALIFIED, D(2024, 12, 31))
        lapsing = matrix.cell("BF2", "oow")
        assert lapsing is not None
        assert (lapsing.state, lapsing.until) == (CellState.LAPSING, D(2021, 4, 30))
        assert lapsing.lapsing_courses == ("radar",)
        assert lapsing.lapsing_certificates == ()
        lacking = matrix.cell("BF3", "oow")
        assert lacking is not None
        assert lacking.state is CellState.NOT_QUALIFIED
        assert lacking.missing_certificates == ("gmdss",)
        assert (lacking.missing_courses, lacking.missing_kit) == ((), ())

    def test_a_short_window_makes_the_lapsing_cell_qualified(self) -> None:
        cell = skills_matrix(ship(BF2), AS_OF, within=29).cell("BF2", "oow")
        assert cell is not None
        assert cell.state is CellState.QUALIFIED
        edge = skills_matrix(ship(BF2), AS_OF, within=30).cell("BF2", "oow")
        assert edge is not None
        assert edge.state is CellState.LAPSING

    def test_a_role_not_held_lists_what_it_would_need(self) -> None:
        cell = skills_matrix(ship(BF3), AS_OF).cell("BF3", "coxswain")
        assert cell is not None
        assert cell.state is CellState.NOT_HELD
        assert (cell.missing_courses, cell.missing_kit) == (("frb",), ("dry-suit",))

    def test_crew_scope_takes_members_in_service_and_complement_roles(self) -> None:
        gone = member("BF9", "coxswain", left=D(2020, 12, 31))
        other = person("BF8", crew="other", duty_roles=("coxswain",))
        data = ship(BF3, gone, other, oow=1)
        matrix = skills_matrix(data, AS_OF, crew="vigilant-a")
        assert matrix.people == ("BF3",)
        assert matrix.roles == ("oow",)
        assert skills_matrix(data, AS_OF).people == ("BF3", "BF8")

    def test_records_are_plain(self) -> None:
        records = skills_matrix(ship(BF3), AS_OF).to_records()
        assert records[1] == {
            "person": "BF3",
            "role": "oow",
            "state": "not-qualified",
            "until": None,
            "missing_courses": [],
            "missing_certificates": ["gmdss"],
            "missing_kit": [],
            "lapsing_courses": [],
            "lapsing_certificates": [],
            "missing_currency": [],
            "lapsing_currency": [],
        }


class TestCoverage:
    def test_shortfall_single_point_resilience_and_lapse(self) -> None:
        spare = member("BF4", "coxswain", training=(trained("frb", D(2020, 1, 1)),))
        result = coverage(ship(BF1, BF2, BF3, spare), AS_OF, vessel="vigilant", within=90)
        (crew_cover,) = result.crews
        cox = crew_cover.role("coxswain")
        oow = crew_cover.role("oow")
        assert cox is not None
        assert oow is not None
        # BF4 holds the role but has no dry suit issued: one qualified for one place.
        assert (cox.qualified, cox.unqualified, cox.single_point) == (("BF1",), ("BF4",), True)
        assert cox.resilience == 0
        assert (oow.required, oow.qualified, oow.shortfall) == (2, ("BF2",), 1)
        assert oow.lapsing == ("BF2",)
        assert not oow.single_point  # a shortfall, not a single point
        assert crew_cover.shortfalls == (oow,)
        assert crew_cover.single_points == (cox,)

    def test_lapses_when_filled_today_but_not_after_the_window(self) -> None:
        result = coverage(ship(BF2, oow=1), AS_OF, within=90)
        oow = result.crews[0].role("oow")
        assert oow is not None
        assert (oow.shortfall, oow.lapses) == (0, True)
        assert oow.to_record()["lapses"] is True

    def test_a_vessel_with_no_crew_is_listed_as_uncrewed(self) -> None:
        data = mc.model.Fleet(
            vessels=(vessel("seeker", complement=(mc.model.RoleCount("oow", 1),)),)
        )
        assert coverage(data, AS_OF).uncrewed == ("seeker",)


class TestTrainerCapacity:
    def test_lists_qualified_staff_and_courses_nobody_can_deliver(self) -> None:
        boarding = course("boarding", trainer_courses=("instructor",))
        radar = course("radar", trainer_certificates=("gmdss",))
        outside = course("sea-survival", provider="Warsash")
        data = fleet(
            courses=[boarding, radar, outside, course("instructor", "P2Y")],
            certificate_types=[GMDSS],
            people=[
                person("BF1", training=(trained("instructor", D(2020, 1, 1)),)),
                person("BF2", training=(trained("instructor", D(2018, 1, 1)),)),  # lapsed
            ],
        )
        capacity = trainer_capacity(data, AS_OF)
        assert [c.course for c in capacity.courses] == ["boarding", "radar", "instructor"]
        assert capacity.course("boarding") is not None
        assert capacity.course("boarding").trainers == ("BF1",)  # type: ignore[union-attr]
        assert capacity.without_trainer == ("radar",)
        assert capacity.to_records()[2]["without_trainer"] is False

    def test_agrees_with_trn006(self) -> None:
        data = fleet(
            courses=[course("boarding", trainer_courses=("instructor",)), course("instructor")],
            people=[
                person("BF1", left=D(2021, 1, 1), training=(trained("instructor", D(2020, 1, 1)),))
            ],
        )
        assert trainer_capacity(data, AS_OF).without_trainer == ("boarding",)
        assert [f.subject.id for f in run(data, "TRN006")] == ["boarding"]
        assert trainer_capacity(data, D(2020, 6, 1)).without_trainer == ()
        assert run(data, "TRN006", as_of=D(2020, 6, 1)) == []


def _agrees_with_trainer_holders(data: mc.model.Fleet, on: pendulum.Date) -> None:
    view = mc.facts.Facts.of(data).on(on)
    for entry in trainer_capacity(data, on).courses:
        found = data.course(entry.course)
        assert found is not None
        assert entry.trainers == tuple(sorted(view.trainers(found).qualified))
        # and both are who a person-by-person look at the trainer requirements finds
        if found.trainer_courses or found.trainer_certificates:
            expected = sorted(
                p.id
                for p in data.people
                if p.in_service_on(on)
                and all(view.valid(p, "training", c) for c in found.trainer_courses)
                and all(view.valid(p, "certificates", t) for t in found.trainer_certificates)
            )
            assert list(entry.trainers) == expected


@pytest.mark.parametrize("on", [D(2016, 2, 29), D(2021, 3, 31), D(2023, 1, 1)])
def test_trainer_capacity_of_the_example_counts_as_trn006(on: pendulum.Date) -> None:
    _agrees_with_trainer_holders(mc.load(ROOT / "examples" / "fleet"), on)


@given(
    records=st.lists(
        st.tuples(st.sampled_from(["instructor", "frb"]), WHEN, st.none() | WHEN), max_size=6
    ),
    certificates=st.lists(st.tuples(WHEN, st.none() | WHEN), max_size=4),
    left=st.none() | WHEN,
)
def test_trainer_capacity_counts_as_trn006(
    records: list[tuple[str, pendulum.Date, pendulum.Date | None]],
    certificates: list[tuple[pendulum.Date, pendulum.Date | None]],
    left: pendulum.Date | None,
) -> None:
    half = len(records) // 2
    people = [
        person(
            f"BF{n}",
            left=left if n else None,
            training=tuple(trained(c, day, expires=end) for c, day, end in part),
            certificates=tuple(cert("gmdss", day, end) for day, end in certificates[n::2]),
        )
        for n, part in enumerate((records[:half], records[half:]))
    ]
    data = fleet(
        people=people,
        courses=[
            course("boarding", trainer_courses=("instructor",), trainer_certificates=("gmdss",)),
            course("radar", trainer_courses=("instructor", "frb")),
            course("instructor", "P2Y"),
            FRB,
        ],
        certificate_types=[GMDSS],
    )
    _agrees_with_trainer_holders(data, AS_OF)


def test_the_window_takes_days_text_or_a_period_like_the_forecast() -> None:
    fleet = mc.load(ROOT / "examples" / "fleet")
    in_days = mc.skills.skills_matrix(fleet, "2021-03-31", crew="vigilant-a", within=61)
    assert mc.skills.skills_matrix(fleet, "2021-03-31", crew="vigilant-a", within="61d") == in_days
    # Two calendar months from 31 March end on 31 May: 61 days.
    assert mc.skills.skills_matrix(fleet, "2021-03-31", crew="vigilant-a", within="P2M") == in_days
    with pytest.raises(ValueError, match="within must be days such as 90"):
        mc.skills.skills_matrix(fleet, "2021-03-31", within="soon")
    assert mc.skills.coverage(fleet, "2021-03-31", within="P2M").within == 61
    assert mc.skills.training_needs(fleet, "2021-03-31", within="61d").within == 61


def _agrees_with_role_status(data: mc.model.Fleet, on: pendulum.Date, within: int) -> None:
    matrix = skills_matrix(data, on, within=within)
    view = mc.facts.Facts.of(data).on(on)
    horizon = on.add(days=within)
    for person_id, cells in matrix.rows():
        who = data.person(person_id)
        assert who is not None
        for cell in cells:
            status = view.role_status(who, cell.role)
            assert cell.missing_certificates == status.missing_certificates
            assert cell.missing_courses == status.missing_courses
            assert cell.missing_kit == status.missing_kit
            assert cell.until == status.until
            assert cell.held == view.holds_role(who, cell.role)
            if cell.held:
                assert (
                    cell.state in (CellState.QUALIFIED, CellState.LAPSING) or not status.qualified
                )
            lapsing = status.qualified and status.until is not None and status.until <= horizon
            assert bool(cell.lapsing_courses or cell.lapsing_certificates) == lapsing
            assert matrix.state(person_id, cell.role) is cell.state


@pytest.mark.parametrize("on", [D(2020, 2, 29), D(2021, 3, 31), D(2021, 6, 30)])
def test_every_cell_of_the_example_agrees_with_role_status(on: pendulum.Date) -> None:
    # The matrix judges a row at a time; the MAN rules judge a cell at a time.
    _agrees_with_role_status(mc.load(ROOT / "examples" / "fleet"), on, 90)


@st.composite
def _fleets(draw: st.DrawFn) -> mc.model.Fleet:
    roles = [
        role(
            r,
            courses=tuple(draw(st.lists(st.sampled_from(["frb", "radar"]), max_size=2))),
            certificates=tuple(draw(st.lists(st.just("gmdss"), max_size=1))),
            kit=tuple(draw(st.lists(st.just("dry-suit"), max_size=1))),
        )
        for r in ("r1", "r2", "r3")
    ]
    people = []
    items = []
    for n in range(draw(st.integers(1, 4))):
        expiry = st.none() | WHEN
        records = st.lists(st.tuples(st.sampled_from(["frb", "radar"]), WHEN, expiry), max_size=3)
        certificates = st.lists(st.tuples(WHEN, expiry), max_size=2)
        item = mc.model.EquipmentItem(
            f"DS-{n}",
            "dry-suit",
            status=draw(st.sampled_from(list(mc.model.ItemStatus))),
            status_date=draw(st.none() | WHEN),
        )
        items.append(item)
        people.append(
            member(
                f"BF{n}",
                *draw(st.lists(st.sampled_from(["r1", "r2", "r3"]), unique=True)),
                training=tuple(trained(c, day, expires=end) for c, day, end in draw(records)),
                certificates=tuple(cert("gmdss", day, end) for day, end in draw(certificates)),
                issues=tuple(
                    mc.model.Issue(item.id, day) for day in draw(st.lists(WHEN, max_size=1))
                ),
            )
        )
    return fleet(
        people=people,
        duty_roles=roles,
        courses=[FRB, RADAR],
        certificate_types=[GMDSS],
        equipment_items=items,
    )


@given(data=_fleets(), within=st.sampled_from([0, 1, 90]))
def test_every_cell_agrees_with_role_status(data: mc.model.Fleet, within: int) -> None:
    _agrees_with_role_status(data, AS_OF, within)


def test_the_matrix_does_not_keep_an_object_per_cell() -> None:
    # A matrix of 10,000 people by 20 roles must not leave 200,000 objects for the
    # garbage collector to scan: cells share their verdicts.
    roles = [role(f"r{n}", courses=("frb",), kit=("dry-suit",)) for n in range(10)]
    people = [
        member(f"BF{n}", f"r{n % 10}", training=(trained("frb", D(2020, 1, n % 28 + 1)),))
        for n in range(300)
    ]
    data = fleet(people=people, duty_roles=roles, courses=[FRB])
    skills_matrix(data, AS_OF)  # builds the fleet's indexes
    gc.collect()
    before = len(gc.get_objects())
    matrix = skills_matrix(data, AS_OF)
    gc.collect()
    assert len(matrix.people) * len(matrix.roles) == 3000
    assert len(gc.get_objects()) - before < 300
    assert len(matrix.cells) == 3000
    assert matrix.cell("BF1", "r1") == matrix.cells[11]


class TestCurrency:
    """A role's currency in the matrix and coverage: missing, lapsing, its last day."""

    CURRENT = role(
        "coxswain",
        courses=("frb",),
        kit=("dry-suit",),
        currency=(mc.model.Currency("boat-launch", mc.model.Period(months=3)),),
    )

    def ship(self, *people: mc.model.Person) -> mc.model.Fleet:
        return attrs.evolve(
            ship(*people, coxswain=1),
            duty_roles=(self.CURRENT,),
            practice_kinds=(mc.model.PracticeKind("boat-launch", "Boat launch"),),
        )

    @staticmethod
    def coxswain(launched: pendulum.Date) -> mc.model.Person:
        return attrs.evolve(BF1, practice=(mc.model.PracticeEvent("boat-launch", launched),))

    def test_currency_ending_within_the_window_is_lapsing(self) -> None:
        data = self.ship(self.coxswain(D(2021, 2, 10)))  # current through 2021-05-09
        cell = skills_matrix(data, AS_OF, within=90).cell("BF1", "coxswain")
        assert cell is not None
        assert (cell.state, cell.until) == (CellState.LAPSING, D(2021, 5, 9))
        assert cell.lapsing_currency == ("boat-launch",)
        assert (cell.lapsing_courses, cell.missing_currency) == ((), ())
        later = skills_matrix(data, AS_OF, within=38).cell("BF1", "coxswain")
        assert later is not None
        assert later.state is CellState.QUALIFIED
        edge = skills_matrix(data, AS_OF, within=39).cell("BF1", "coxswain")
        assert edge is not None
        assert edge.state is CellState.LAPSING
        (cover,) = coverage(data, AS_OF, within=90).crews
        role_cover = cover.role("coxswain")
        assert role_cover is not None
        assert role_cover.lapsing == ("BF1",)

    def test_currency_lapsed_is_not_qualified(self) -> None:
        data = self.ship(self.coxswain(D(2020, 11, 2)))  # current through 2021-02-01
        cell = skills_matrix(data, AS_OF).cell("BF1", "coxswain")
        assert cell is not None
        assert cell.state is CellState.NOT_QUALIFIED
        assert cell.missing_currency == ("boat-launch",)
        assert cell.until is None
        assert cell.to_record()["missing_currency"] == ["boat-launch"]
        (cover,) = coverage(data, AS_OF).crews
        role_cover = cover.role("coxswain")
        assert role_cover is not None
        assert (role_cover.qualified, role_cover.unqualified) == ((), ("BF1",))
        on_last_day = skills_matrix(data, D(2021, 2, 1)).cell("BF1", "coxswain")
        assert on_last_day is not None
        assert on_last_day.state is CellState.LAPSING
