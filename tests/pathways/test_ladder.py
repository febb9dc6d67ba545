"""Grade entry requirements honour the certificate ladder: a master's CoC meets an OOW's."""

from __future__ import annotations

import attrs

import maritime_crew as mc
from maritime_crew.pathways import RequirementKind
from tests.pathways.fleets import aboard, deck_fleet, leading_hand
from tests.rules.builders import D, cert, certificate_type, trained

MASTER = certificate_type(
    "coc-master", "P5Y", kind=mc.model.CertificateKind.COMPETENCY, supersedes=("coc-oow",)
)
# 400 days at sea by 2021-03-31, 12 months as a leading hand from 2020-03-01.
PAST = aboard(D(2019, 12, 1), D(2021, 1, 3))


def with_master(people: list[mc.model.Person], *deployments: mc.model.Deployment) -> mc.model.Fleet:
    data = deck_fleet(people, list(deployments))
    return attrs.evolve(data, certificate_types=(*data.certificate_types, MASTER))


def officer(*certificates: mc.model.Certificate, **fields: object) -> mc.model.Person:
    return leading_hand(
        certificates=(cert("eng1", D(2020, 6, 1)), *certificates),
        training=(trained("leadership", D(2019, 5, 5)),),
        **fields,
    )


def coc(result: mc.pathways.Eligibility) -> mc.pathways.Requirement:
    return next(
        r
        for r in result.requirements
        if r.kind is RequirementKind.CERTIFICATE and r.item == "coc-oow"
    )


def test_a_higher_certificate_meets_the_grade_through_its_expiry_date() -> None:
    data = with_master(
        [
            officer(
                cert("coc-oow", D(2015, 1, 1), D(2019, 12, 31), number="O-1"),
                cert("coc-master", D(2016, 4, 1), D(2021, 3, 31), number="M-1"),
            )
        ],
        PAST,
    )
    for day in (D(2021, 3, 30), D(2021, 3, 31)):
        result = mc.pathways.eligibility(data, "BF1", "oow", day)
        assert result.eligible, day
        requirement = coc(result)
        assert requirement.detail == (
            "coc-oow: met by coc-master certificate M-1 issued 2016-04-01, valid until 2021-03-31"
        )
        assert (requirement.evidence, requirement.until) == (
            "coc-master certificate M-1",
            D(2021, 3, 31),
        )
    after = mc.pathways.eligibility(data, "BF1", "oow", D(2021, 4, 1))
    assert [r.item for r in after.unmet] == ["coc-oow"]
    assert coc(after).detail == (
        "needs a valid coc-oow or higher (the last one, coc-master, was valid through 2021-03-31)"
    )


def test_the_certificate_of_the_type_itself_keeps_its_plain_evidence() -> None:
    data = with_master([officer(cert("coc-oow", D(2020, 1, 1), number="O-1"))], PAST)
    requirement = coc(mc.pathways.eligibility(data, "BF1", "oow", D(2021, 3, 31)))
    assert requirement.evidence == "certificate O-1"
    assert requirement.detail.startswith("coc-oow: certificate O-1 issued 2020-01-01")


def test_a_higher_certificate_recorded_later_sets_the_earliest_date() -> None:
    data = with_master([officer(cert("coc-master", D(2021, 6, 1)))], PAST)
    steps = mc.pathways.next_steps(data, "BF1", D(2021, 3, 31))
    assert steps.next_grade == "oow"
    assert steps.earliest == D(2021, 6, 1)


def test_a_higher_certificate_transfers_to_a_grade_that_asks_for_a_lower_one() -> None:
    engineer = officer(
        cert("coc-master", D(2020, 1, 1)),
        grade="eng-rating",
        discipline=mc.model.Discipline.ENGINEERING,
    )
    data = with_master([engineer], PAST)
    steps = mc.pathways.next_steps(data, "BF1", D(2021, 3, 31), pathway="deck", grade="oow")
    (transfer,) = [t for t in steps.transfers if t.item == "coc-master"]
    assert (transfer.transfers, transfer.detail) == (True, "counts for coc-oow, required by oow")
