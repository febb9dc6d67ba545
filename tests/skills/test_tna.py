"""Training needs analysis: hand-worked plans and the property that actions close gaps."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew.skills import TrainingActionKind, TrainingNeeds, coverage, training_needs

from ..rules.builders import AS_OF, D, cert, certificate_type, course, crew, person, role, trained
from ..rules.builders import vessel as make_vessel

COURSES = ("c1", "c2", "c3")
CERTIFICATES = ("g1", "g2")
KIT = ("k1", "k2")
ROLES = ("r1", "r2", "r3")


def build(
    roles: list[mc.model.DutyRole],
    people: list[mc.model.Person],
    complement: dict[str, int],
    items: tuple[mc.model.EquipmentItem, ...] = (),
) -> mc.model.Fleet:
    return mc.model.Fleet(
        vessels=(
            make_vessel(
                "v", complement=tuple(mc.model.RoleCount(r, n) for r, n in complement.items())
            ),
        ),
        crews=(crew("a", vessel="v"),),
        people=tuple(people),
        duty_roles=tuple(roles),
        courses=tuple(course(c, "P3Y") for c in COURSES),
        certificate_types=tuple(certificate_type(g, "P5Y") for g in CERTIFICATES),
        equipment_items=tuple(items),
    )


def apply(data: mc.model.Fleet, needs: TrainingNeeds, as_of: pendulum.Date) -> mc.model.Fleet:
    """The fleet with every action done on ``as_of``: records dated that day, new kit issued."""
    people = {p.id: p for p in data.people}
    items = list(data.equipment_items)
    for n, action in enumerate(needs.actions):
        who = people[action.person]
        if action.kind is TrainingActionKind.COURSE:
            who = attrs.evolve(who, training=(*who.training, trained(action.item, as_of)))
        elif action.kind is TrainingActionKind.CERTIFICATE:
            who = attrs.evolve(who, certificates=(*who.certificates, cert(action.item, as_of)))
        elif action.kind is TrainingActionKind.KIT:
            items.append(mc.model.EquipmentItem(f"NEW-{n}", action.item))
            who = attrs.evolve(who, issues=(*who.issues, mc.model.Issue(f"NEW-{n}", as_of)))
        elif action.kind is TrainingActionKind.PRACTICE:
            practice = mc.model.PracticeEvent(action.item, as_of)
            who = attrs.evolve(who, practice=(*who.practice, practice))
        else:
            who = attrs.evolve(who, duty_roles=(*who.duty_roles, action.item))
        people[action.person] = who
    return attrs.evolve(data, people=tuple(people.values()), equipment_items=tuple(items))


class TestHandWorked:
    def test_prefers_the_holder_nearest_qualification_and_shares_courses(self) -> None:
        cox = role("r1", courses=("c1", "c2"))
        boat = role("r2", courses=("c1",))
        people = [
            person("BF1", crew="a", duty_roles=("r1",), training=(trained("c1", D(2020, 1, 1)),)),
            person("BF2", crew="a", duty_roles=("r1", "r2")),
            person("BF3", crew="a", training=(trained("c1", D(2020, 1, 1)),)),
        ]
        # r1 needs 1 (none qualified: shortfall); r2 needs 1 (none qualified).
        needs = training_needs(build([cox, boat], people, {"r1": 1, "r2": 1}), AS_OF)
        assert [(g.role, g.kind, g.needed) for g in needs.gaps] == [
            ("r1", "shortfall", 2),
            ("r2", "shortfall", 2),
        ]
        # Each step closes one place per action; ties go to holders, then fewest missing:
        # BF1 + c2 (r1); BF2 + c1 (r2); BF2 + c2 (r1, sharing c1); BF1 given r2 (has c1),
        # ahead of BF3 by data order. Four actions, the fewest possible here.
        assert [(a.person, a.kind, a.item, a.closes) for a in needs.actions] == [
            ("BF1", TrainingActionKind.COURSE, "c2", ("r1",)),
            ("BF1", TrainingActionKind.ROLE, "r2", ("r2",)),
            ("BF2", TrainingActionKind.COURSE, "c1", ("r1", "r2")),
            ("BF2", TrainingActionKind.COURSE, "c2", ("r1",)),
        ]
        assert [g.filled_by for g in needs.gaps] == [("BF1", "BF2"), ("BF2", "BF1")]
        assert needs.unmet == ()

    def test_a_crew_too_small_is_unmet(self) -> None:
        only = person("BF1", crew="a", duty_roles=("r1",), training=(trained("c1", D(2020, 1, 1)),))
        needs = training_needs(build([role("r1", courses=("c1",))], [only], {"r1": 1}), AS_OF)
        (gap,) = needs.gaps
        assert (gap.kind, gap.needed, gap.filled_by, gap.unmet) == ("single-point", 1, (), 1)
        assert needs.actions == ()
        assert needs.unmet == (gap,)

    def test_lapsing_qualifications_are_renewed_within_the_window(self) -> None:
        people = [
            person("BF1", crew="a", duty_roles=("r1",), training=(trained("c1", D(2018, 5, 1)),)),
            person("BF2", crew="a", duty_roles=("r1",), training=(trained("c1", D(2020, 5, 1)),)),
        ]
        data = build([role("r1", courses=("c1",))], people, {"r1": 1})
        assert training_needs(data, AS_OF).gaps == ()
        needs = training_needs(data, AS_OF, within=60)
        assert [(g.kind, g.counted) for g in needs.gaps] == [("single-point", 1)]
        assert [(a.person, a.item) for a in needs.actions] == [("BF1", "c1")]

    def test_flags_in_house_courses_nobody_can_deliver(self) -> None:
        data = build(
            [role("r1", courses=("c1",))],
            [person("BF1", crew="a", duty_roles=("r1",)), person("BF2", crew="a")],
            {"r1": 1},
        )
        data = attrs.evolve(data, courses=(course("c1", "P3Y", trainer_courses=("c9",)),))
        assert training_needs(data, AS_OF).courses_without_trainer == ("c1",)


class TestCertificateLadder:
    """A valid higher certificate closes the gap a lower one's requirement would leave."""

    @staticmethod
    def officers(*certificates: mc.model.Certificate) -> mc.model.Fleet:
        higher = mc.model.CertificateType("g2", "G2", supersedes=("g1",))
        people = [
            person("BF1", crew="a", duty_roles=("r1",), certificates=(cert("g1", D(2020, 1, 1)),)),
            person("BF2", crew="a", duty_roles=("r1",), certificates=certificates),
        ]
        data = build([role("r1", certificates=("g1",))], people, {"r1": 2})
        return attrs.evolve(data, certificate_types=(certificate_type("g1", "P5Y"), higher))

    def test_no_gap_for_the_lower_certificate_while_the_higher_is_valid(self) -> None:
        # g1 of BF2 expired at the end of 2020-12-31; their g2 is valid through 2021-03-31.
        data = self.officers(
            cert("g1", D(2015, 1, 1), D(2020, 12, 31)), cert("g2", D(2016, 4, 1), D(2021, 3, 31))
        )
        needs = training_needs(data, D(2021, 3, 30))
        assert (needs.gaps, needs.actions) == ((), ())
        # on its last valid day it still counts, as lapsing (the TNA's window is 0 days)
        needs = training_needs(data, D(2021, 3, 31))
        assert [(g.kind, g.counted, g.filled_by) for g in needs.gaps] == [("lapsing", 1, ("BF2",))]
        for day, state in (
            (D(2021, 3, 30), mc.skills.CellState.QUALIFIED),
            (D(2021, 3, 31), mc.skills.CellState.LAPSING),
        ):
            cell = mc.skills.skills_matrix(data, day, within=0).cell("BF2", "r1")
            assert cell is not None
            assert (cell.state, cell.until) == (state, D(2021, 3, 31))
        needs = training_needs(data, D(2021, 4, 1))
        assert [(g.role, g.kind, g.counted) for g in needs.gaps] == [("r1", "shortfall", 1)]
        assert [(a.person, a.kind, a.item) for a in needs.actions] == [
            ("BF2", TrainingActionKind.CERTIFICATE, "g1")
        ]

    def test_the_higher_certificate_lapsing_is_the_requirement_lapsing(self) -> None:
        data = self.officers(cert("g2", D(2016, 5, 1), D(2021, 4, 30)))
        cell = mc.skills.skills_matrix(data, AS_OF, within=90).cell("BF2", "r1")
        assert cell is not None
        assert (cell.state, cell.lapsing_certificates) == (mc.skills.CellState.LAPSING, ("g1",))


class TestExampleFleet:
    def test_finds_the_single_point_and_the_unfilled_watch(self, example: mc.model.Fleet) -> None:
        cover = coverage(example, AS_OF)
        alert_b = cover.crew("alert-b")
        vigilant_a = cover.crew("vigilant-a")
        assert alert_b is not None
        assert vigilant_a is not None
        eow = alert_b.role("engineer-of-the-watch")
        assert eow is not None
        assert (eow.single_point, eow.qualified) == (True, ("BF1148",))
        oow = vigilant_a.role("officer-of-the-watch")
        assert oow is not None
        assert (oow.shortfall, oow.unqualified) == (1, ("BF1051",))
        needs = training_needs(example, AS_OF)
        closing = {(a.person, a.kind, a.item) for a in needs.actions}
        assert ("BF1051", TrainingActionKind.CERTIFICATE, "gmdss-goc") in closing
        eow_gap = next(g for g in needs.gaps if g.crew == "alert-b")
        assert (eow_gap.role, eow_gap.kind, eow_gap.unmet) == (
            "engineer-of-the-watch",
            "single-point",
            0,
        )


@st.composite
def small_fleets(draw: st.DrawFn) -> mc.model.Fleet:
    roles = [
        role(
            r,
            courses=tuple(draw(st.lists(st.sampled_from(COURSES), max_size=2, unique=True))),
            certificates=tuple(draw(st.lists(st.sampled_from(CERTIFICATES), max_size=1))),
            kit=tuple(draw(st.lists(st.sampled_from(KIT), max_size=1))),
        )
        for r in ROLES[: draw(st.integers(1, 3))]
    ]
    ids = [r.id for r in roles]
    when = st.sampled_from([D(2015, 1, 1), D(2019, 6, 1), D(2021, 3, 31), D(2021, 6, 1)])
    people: list[mc.model.Person] = []
    items: list[mc.model.EquipmentItem] = []
    for n in range(draw(st.integers(1, 6))):
        pid = f"BF{n}"
        kit = draw(st.lists(st.sampled_from(KIT), max_size=2, unique=True))
        items += [mc.model.EquipmentItem(f"{pid}-{k}", k) for k in kit]
        fields: dict[str, Any] = {
            "crew": "a",
            "duty_roles": tuple(draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))),
            "training": tuple(
                trained(c, draw(when))
                for c in draw(st.lists(st.sampled_from(COURSES), max_size=3, unique=True))
            ),
            "certificates": tuple(
                cert(g, draw(when))
                for g in draw(st.lists(st.sampled_from(CERTIFICATES), max_size=2, unique=True))
            ),
            "issues": tuple(mc.model.Issue(f"{pid}-{k}", D(2020, 1, 1)) for k in kit),
        }
        people.append(person(pid, **fields))
    complement = {r: draw(st.integers(0, 3)) for r in ids}
    return build(roles, people, complement, tuple(items))


@given(data=small_fleets(), within=st.sampled_from([0, 60]))
def test_applying_every_action_closes_every_gap_it_claims(
    data: mc.model.Fleet, within: int
) -> None:
    needs = training_needs(data, AS_OF, within=within)
    after = apply(data, needs, AS_OF)
    (crew_after,) = coverage(after, AS_OF, within=within).crews
    for gap in needs.gaps:
        role_after = crew_after.role(gap.role)
        assert role_after is not None
        for person_id in gap.filled_by:
            assert person_id in role_after.qualified
            assert person_id not in role_after.lapsing
        counted = len(role_after.qualified) - len(role_after.lapsing)
        assert counted >= gap.counted + len(gap.filled_by)
        if not gap.unmet:
            assert role_after.shortfall == 0
            assert not role_after.single_point
    gap_roles = {g.role for g in needs.gaps}
    for action in needs.actions:
        assert action.closes
        assert set(action.closes) <= gap_roles


def test_a_member_out_of_practice_is_planned_practice() -> None:
    launches = (mc.model.Currency("launch", mc.model.Period(months=3)),)
    cox = role("r1", courses=("c1",), currency=launches)
    done = (trained("c1", D(2020, 1, 1)),)
    people = [
        person(
            "BF1",
            crew="a",
            duty_roles=("r1",),
            training=done,
            practice=(mc.model.PracticeEvent("launch", D(2021, 3, 1)),),
        ),
        person(
            "BF2",
            crew="a",
            duty_roles=("r1",),
            training=done,
            practice=(mc.model.PracticeEvent("launch", D(2020, 11, 2)),),
        ),
    ]
    data = build([cox], people, {"r1": 1})
    needs = training_needs(data, AS_OF)
    assert [(g.role, g.kind, g.counted, g.filled_by) for g in needs.gaps] == [
        ("r1", "single-point", 1, ("BF2",))
    ]
    assert [(a.person, a.kind, a.item, a.closes) for a in needs.actions] == [
        ("BF2", TrainingActionKind.PRACTICE, "launch", ("r1",))
    ]
    assert training_needs(apply(data, needs, AS_OF), AS_OF).gaps == ()
    # lapsing within the window: BF1's launch counts through 2021-05-31
    ahead = training_needs(data, AS_OF, within=61)
    assert {(a.person, a.kind, a.item) for a in ahead.actions} == {
        ("BF1", TrainingActionKind.PRACTICE, "launch"),
        ("BF2", TrainingActionKind.PRACTICE, "launch"),
    }
