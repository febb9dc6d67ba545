"""MAN rules: complement filled with qualified people, single points of failure, crew size."""

from __future__ import annotations

from typing import Any

import maritime_crew as mc

from .builders import D, course, crew, fleet, messages, person, role, run, trained, vessel

COXSWAIN = role("coxswain", courses=("fast-rescue-boat",))
MEDIC = role("medic", courses=("first-aid",))
FRB = course("fast-rescue-boat", "P5Y", name="Fast rescue boat")
FIRST_AID = course("first-aid", "P3Y", name="First aid")


def qualified(id: str, *roles: str, **fields: Any) -> mc.model.Person:
    """A member of Vigilant A holding ``roles`` with current training for both roles."""
    fields.setdefault(
        "training",
        (trained("fast-rescue-boat", D(2020, 1, 1)), trained("first-aid", D(2020, 1, 1))),
    )
    return person(id, crew="vigilant-a", duty_roles=roles, **fields)


def untrained(id: str, *roles: str, **fields: Any) -> mc.model.Person:
    return qualified(id, *roles, training=(), **fields)


def manned(
    *people: mc.model.Person, crews: tuple[mc.model.Crew, ...] | None = None, **ship: Any
) -> mc.model.Fleet:
    ship.setdefault("complement", (mc.model.RoleCount("coxswain", 2),))
    return fleet(
        vessels=[vessel("vigilant", **ship)],
        crews=[crew("vigilant-a")] if crews is None else crews,
        people=people,
        duty_roles=[COXSWAIN, MEDIC],
        courses=[FRB, FIRST_AID],
    )


class TestComplementNotFilled:
    def test_fires_on_the_crew_naming_who_is_qualified_and_what_others_lack(self) -> None:
        data = manned(qualified("BF1003", "coxswain"), untrained("BF1010", "coxswain"))
        (finding,) = run(data, "MAN001")
        assert finding.message == (
            "Vigilant A can fill 1 of 2 coxswain places with qualified people on 2021-03-31 "
            "(BF1003 qualified; BF1010 lacks course fast-rescue-boat)"
        )
        assert finding.subject == mc.model.Subject("crew", "vigilant-a")
        assert (finding.vessel, finding.crew) == ("vigilant", "vigilant-a")
        assert finding.details == {
            "vessel": "vigilant",
            "role": "coxswain",
            "required": 2,
            "qualified": ["BF1003"],
            "unqualified": {
                "BF1010": {"courses": ["fast-rescue-boat"], "certificates": [], "kit": []}
            },
        }

    def test_exactly_the_required_count_passes(self) -> None:
        data = manned(qualified("BF1", "coxswain"), qualified("BF2", "coxswain"))
        assert run(data, "MAN001") == []

    def test_qualification_lapsing_on_the_check_date_still_counts(self) -> None:
        lapsing = (trained("fast-rescue-boat", D(2016, 4, 1)),)  # last day 2021-03-31
        data = manned(qualified("BF1", "coxswain"), qualified("BF2", "coxswain", training=lapsing))
        assert run(data, "MAN001") == []
        assert messages(run(data, "MAN001", as_of=D(2021, 4, 1))) == [
            "Vigilant A can fill 1 of 2 coxswain places with qualified people on 2021-04-01 "
            "(BF1 qualified; BF2 lacks course fast-rescue-boat)"
        ]

    def test_every_missing_requirement_is_listed(self) -> None:
        demanding = role(
            "coxswain", courses=("fast-rescue-boat",), certificates=("stcw-vi-2",), kit=("helmet",)
        )
        data = fleet(
            vessels=[vessel("vigilant", complement=(mc.model.RoleCount("coxswain", 1),))],
            crews=[crew("vigilant-a")],
            people=[untrained("BF1", "coxswain")],
            duty_roles=[demanding],
            courses=[FRB],
        )
        assert messages(run(data, "MAN001")) == [
            "Vigilant A can fill 0 of 1 coxswain places with qualified people on 2021-03-31 "
            "(BF1 lacks course fast-rescue-boat, certificate stcw-vi-2 and kit helmet)"
        ]

    def test_members_without_the_role_or_out_of_service_do_not_count(self) -> None:
        data = manned(
            qualified("BF1", "medic"),
            qualified("BF2", "coxswain", left=D(2021, 3, 30)),
            qualified("BF3", "coxswain", joined=D(2021, 4, 1)),
        )
        assert messages(run(data, "MAN001")) == [
            "Vigilant A can fill 0 of 2 coxswain places with qualified people on 2021-03-31 "
            "(no member in service holds the duty role)"
        ]

    def test_one_person_counts_toward_several_roles(self) -> None:
        complement = (mc.model.RoleCount("coxswain", 1), mc.model.RoleCount("medic", 1))
        data = manned(qualified("BF1", "coxswain", "medic"), complement=complement)
        assert run(data, "MAN001") == []

    def test_a_vessel_with_a_complement_and_no_crew(self) -> None:
        complement = (mc.model.RoleCount("coxswain", 2), mc.model.RoleCount("medic", 1))
        (finding,) = run(manned(crews=(), complement=complement), "MAN001")
        assert finding.message == (
            "HMC Vigilant requires a complement (2 coxswain, 1 medic) but no crew is assigned to it"
        )
        assert finding.subject == mc.model.Subject("vessel", "vigilant")
        assert run(manned(crews=(), complement=()), "MAN001") == []

    def test_zero_counts_unknown_roles_and_crews_without_a_vessel_are_skipped(self) -> None:
        assert run(manned(complement=(mc.model.RoleCount("coxswain", 0),)), "MAN001") == []
        assert run(manned(complement=(mc.model.RoleCount("no-such-role", 1),)), "MAN001") == []
        data = manned(
            untrained("BF1", "coxswain"),
            crews=(crew("vigilant-a"), crew("spare", vessel=None)),
            complement=(mc.model.RoleCount("coxswain", 1),),
        )
        assert [f.subject.id for f in run(data, "MAN001")] == ["vigilant-a"]


class TestSingleQualifiedPerson:
    ONE = (mc.model.RoleCount("coxswain", 1),)

    def test_fires_when_one_person_covers_a_role(self) -> None:
        data = manned(
            qualified("BF1003", "coxswain"), untrained("BF1010", "coxswain"), complement=self.ONE
        )
        (finding,) = run(data, "MAN002")
        assert finding.message == (
            "in Vigilant A only BF1003 is qualified as coxswain on 2021-03-31; "
            "no one else can cover the role"
        )
        assert finding.subject == mc.model.Subject("crew", "vigilant-a")
        assert finding.severity is mc.rules.Severity.WARNING

    def test_two_qualified_people_pass(self) -> None:
        data = manned(
            qualified("BF1", "coxswain"), qualified("BF2", "coxswain"), complement=self.ONE
        )
        assert run(data, "MAN002") == []

    def test_not_when_the_role_cannot_be_filled(self) -> None:
        # Two required and one qualified is MAN001's; none qualified likewise.
        two = manned(qualified("BF1", "coxswain"))
        assert run(two, "MAN002") == []
        assert len(run(two, "MAN001")) == 1
        none = manned(untrained("BF1", "coxswain"), complement=self.ONE)
        assert run(none, "MAN002") == []


class TestCrewBelowSize:
    def test_fires_when_short(self) -> None:
        data = manned(qualified("BF1"), qualified("BF2"), crew_size=3)
        (finding,) = run(data, "MAN003")
        assert finding.message == (
            "Vigilant A has 2 members in service on 2021-03-31; HMC Vigilant needs a crew of 3 "
            "(1 short)"
        )
        assert finding.details == {"vessel": "vigilant", "members": 2, "crew_size": 3, "short": 1}

    def test_exactly_the_crew_size_passes(self) -> None:
        data = manned(qualified("BF1"), qualified("BF2"), qualified("BF3"), crew_size=3)
        assert run(data, "MAN003") == []

    def test_members_who_left_do_not_count(self) -> None:
        data = manned(
            qualified("BF1"), qualified("BF2"), qualified("BF3", left=D(2021, 3, 30)), crew_size=3
        )
        assert len(run(data, "MAN003")) == 1
        assert run(data, "MAN003", as_of=D(2021, 3, 30)) == []

    def test_no_crew_size_no_finding(self) -> None:
        assert run(manned(qualified("BF1")), "MAN003") == []
