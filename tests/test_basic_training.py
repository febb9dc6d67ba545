"""STCW VI/1 basic training as its four elements, and VI/2 and VI/6, in the example catalogue.

PST and FPFF need updating every five years (STCW section A-VI/1, paragraph 3); EFA and
PSSR do not expire. The example fleet's catalogue models each element as a certificate
type of its own, and every grade requires all four (docs/pathways.md).
"""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

import maritime_crew as mc
from maritime_crew import facts
from maritime_crew.rules import Config, check

EXAMPLE = Path(__file__).parent.parent / "examples" / "fleet"
D = pendulum.Date

PST = "stcw-a-vi-1-1-pst"
FPFF = "stcw-a-vi-1-2-fpff"
EFA = "stcw-a-vi-1-3-efa"
PSSR = "stcw-a-vi-1-4-pssr"
ELEMENTS = (PST, FPFF, EFA, PSSR)
SURVIVAL_CRAFT = "stcw-vi-2-1"
SECURITY_AWARENESS = "stcw-vi-6-1"
LAST_DAY = D(2021, 3, 31)
"""The last valid day of a five-year certificate issued on 2016-04-01."""


@pytest.fixture(scope="module")
def example() -> mc.model.Fleet:
    return mc.load(EXAMPLE)


def _type(fleet: mc.model.Fleet, type_id: str) -> mc.model.CertificateType:
    found = fleet.certificate_type(type_id)
    assert found is not None, type_id
    return found


def test_the_catalogue_has_the_four_elements_of_basic_training(example: mc.model.Fleet) -> None:
    five_years = mc.model.AgeSchedule.fixed("P5Y")
    expected = {PST: five_years, FPFF: five_years, EFA: None, PSSR: None}
    basic = [
        t for t in example.certificate_types if t.kind is mc.model.CertificateKind.BASIC_TRAINING
    ]
    assert [t.id for t in basic] == list(ELEMENTS)
    for kind in basic:
        assert kind.stcw == "VI/1"
        assert kind.validity == expected[kind.id], kind.id
        assert not kind.supersedes  # no element counts for another
    assert example.certificate_type("stcw-vi-1") is None  # replaced, not kept beside them


def test_the_catalogue_has_survival_craft_and_security_awareness(example: mc.model.Fleet) -> None:
    survival = _type(example, SURVIVAL_CRAFT)
    assert (survival.kind, survival.stcw) == (mc.model.CertificateKind.PROFICIENCY, "VI/2")
    assert survival.validity == mc.model.AgeSchedule.fixed("P5Y")
    security = _type(example, SECURITY_AWARENESS)
    assert (security.kind, security.stcw, security.validity) == (
        mc.model.CertificateKind.PROFICIENCY,
        "VI/6",
        None,
    )


def test_every_grade_requires_basic_training_and_security_awareness(
    example: mc.model.Fleet,
) -> None:
    for pathway in example.pathways:
        for grade in pathway.grades:
            assert {*ELEMENTS, SECURITY_AWARENESS} <= set(grade.certificates), grade.id


def test_the_coxswain_requires_survival_craft_and_rescue_boats(example: mc.model.Fleet) -> None:
    coxswain = example.duty_role("coxswain")
    assert coxswain is not None
    assert coxswain.certificates == (SURVIVAL_CRAFT,)
    assert "fast-rescue-boat" in coxswain.courses


def test_each_update_renews_pst_and_fpff_together(example: mc.model.Fleet) -> None:
    """The example's PST and FPFF certificates come in pairs of one day and one expiry;
    EFA, PSSR and security awareness once, on or after the first (the full course)."""
    for person in example.people:
        held = {
            kind: sorted((c.issued, c.expires) for c in person.certificates if c.type == kind)
            for kind in (*ELEMENTS, SECURITY_AWARENESS)
        }
        if not held[PST]:
            assert not any(held.values()), person.id
            continue
        assert held[PST] == held[FPFF], person.id
        first = held[PST][0][0]
        for kind in (EFA, PSSR, SECURITY_AWARENESS):
            ((issued, expires),) = held[kind]
            assert expires is None
            assert issued >= first if kind == SECURITY_AWARENESS else issued == first


def _rating(*certificates: mc.model.Certificate, roles: tuple[str, ...] = ()) -> mc.model.Person:
    return mc.model.Person(
        id="BF9001",
        name="Test Rating",
        discipline=mc.model.Discipline.DECK,
        grade="deck-rating",
        duty_roles=roles,
        certificates=certificates,
    )


def _certificates(pst_issued: pendulum.Date) -> tuple[mc.model.Certificate, ...]:
    """What a deck rating needs: ENG1, the four elements, VI/6 and II/4; PST from a day."""
    long_ago = D(2001, 5, 14)
    return (
        mc.model.Certificate(type="eng1", issued=D(2020, 6, 1), expires=D(2022, 5, 31)),
        mc.model.Certificate(type=PST, issued=pst_issued, number="C-1"),
        mc.model.Certificate(type=FPFF, issued=D(2019, 6, 1)),
        mc.model.Certificate(type=EFA, issued=long_ago),
        mc.model.Certificate(type=PSSR, issued=long_ago),
        mc.model.Certificate(type=SECURITY_AWARENESS, issued=D(2013, 2, 1)),
        mc.model.Certificate(type="stcw-ii-4", issued=long_ago),
    )


def _fleet(
    example: mc.model.Fleet,
    person: mc.model.Person,
    roles: tuple[mc.model.DutyRole, ...] = (),
) -> mc.model.Fleet:
    """The person, with the example's certificate types, pathways and duty roles."""
    return mc.model.Fleet(
        people=(person,),
        certificate_types=example.certificate_types,
        pathways=example.pathways,
        duty_roles=(*example.duty_roles, *roles),
    )


def _run(fleet: mc.model.Fleet, code: str, as_of: pendulum.Date) -> list[str]:
    return [f.message for f in check(fleet, as_of, Config(select=(code,))).findings]


def test_pst_valid_through_its_last_day_fails_the_grade_the_day_after(
    example: mc.model.Fleet,
) -> None:
    # P5Y from 2016-04-01 runs up to and including 2021-03-31, with no expiry recorded.
    fleet = _fleet(example, _rating(*_certificates(D(2016, 4, 1))))
    view = facts.Facts.of(fleet)
    person = fleet.people[0]
    held = view.on(LAST_DAY).valid(person, "certificates", PST)
    assert held is not None
    assert held.expires == LAST_DAY
    assert view.on(LAST_DAY).unmet(person, "certificates") == ()
    assert _run(fleet, "CERT001", LAST_DAY) == []
    (unmet,) = view.on(LAST_DAY.add(days=1)).unmet(person, "certificates")
    assert (unmet.type, unmet.required_by) == (PST, ("grade deck-rating",))
    assert _run(fleet, "CERT001", LAST_DAY.add(days=1)) == [
        "STCW A-VI/1-1 personal survival techniques (PST) certificate C-1 of BF9001 expired at "
        "the end of 2021-03-31, 1 day before 2021-04-01; required by grade deck-rating"
    ]


def test_a_duty_role_listing_the_four_elements_requires_each(example: mc.model.Fleet) -> None:
    """Basic training as a group is the four ids in a role's ``certificates``."""
    boat_crew = mc.model.DutyRole(id="boat-crew", name="Boat crew", certificates=ELEMENTS)
    person = _rating(*_certificates(D(2016, 4, 1)), roles=("boat-crew",))
    fleet = _fleet(example, person, (boat_crew,))
    view = facts.Facts.of(fleet)
    assert view.on(LAST_DAY).unmet(person, "certificates") == ()
    (unmet,) = view.on(LAST_DAY.add(days=1)).unmet(person, "certificates")
    assert (unmet.type, unmet.required_by) == (PST, ("grade deck-rating", "duty role boat-crew"))
    (message,) = _run(fleet, "CERT001", LAST_DAY.add(days=1))
    assert "expired at the end of 2021-03-31" in message
    assert message.endswith("required by grade deck-rating and duty role boat-crew")


def test_pst_is_warned_of_before_it_expires(example: mc.model.Fleet) -> None:
    fleet = _fleet(example, _rating(*_certificates(D(2016, 4, 1))))
    assert _run(fleet, "CERT002", D(2021, 1, 1)) == [
        "STCW A-VI/1-1 personal survival techniques (PST) certificate C-1 of BF9001 expires at "
        "the end of 2021-03-31, in 89 days (warning period 90 days); required by grade "
        "deck-rating"
    ]


def test_efa_and_pssr_never_expire(example: mc.model.Fleet) -> None:
    fleet = _fleet(example, _rating(*_certificates(D(2016, 4, 1))))
    person = fleet.people[0]
    far = facts.Facts.of(fleet).on(D(2080, 1, 1))
    for kind in (EFA, PSSR, SECURITY_AWARENESS):
        held = far.valid(person, "certificates", kind)
        assert held is not None, kind
        assert held.expires is None
    assert {need.type for need in far.unmet(person, "certificates")} == {PST, FPFF, "eng1"}
    assert _run(fleet, "CERT002", D(2080, 1, 1)) == []  # nothing valid is about to lapse


def test_survival_craft_lapses_for_the_coxswain(example: mc.model.Fleet) -> None:
    survival = mc.model.Certificate(type=SURVIVAL_CRAFT, issued=D(2016, 4, 1), number="C-2")
    person = _rating(*_certificates(D(2019, 6, 1)), survival, roles=("coxswain",))
    fleet = _fleet(example, person)
    assert _run(fleet, "CERT001", LAST_DAY) == []
    assert _run(fleet, "CERT001", LAST_DAY.add(days=1)) == [
        "STCW VI/2 survival craft and rescue boats (PSCRB) certificate C-2 of BF9001 expired at "
        "the end of 2021-03-31, 1 day before 2021-04-01; required by duty role coxswain"
    ]
