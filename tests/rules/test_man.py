"""MAN rules: complement filled with qualified people, single points of failure, crew size."""

from __future__ import annotations

from typing import Any

import attrs

import maritime_crew as mc

from .builders import D, course, crew, evolve, fleet, messages, person, role, run, trained, vessel

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
    fields.setdefault("crew", "vigilant-a")
    return person(id, duty_roles=roles, **fields)


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
            "filled_by": ["BF1003"],
            "unfilled": 1,
            "could_fill": [],
            "qualified": ["BF1003"],
            "unqualified": {
                "BF1010": {
                    "courses": ["fast-rescue-boat"],
                    "certificates": [],
                    "kit": [],
                    "currency": [],
                }
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
            "(no one available holds the duty role)"
        ]

    def test_one_person_fills_one_slot_at_a_time(self) -> None:
        complement = (mc.model.RoleCount("coxswain", 1), mc.model.RoleCount("medic", 1))
        data = manned(qualified("BF1", "coxswain", "medic"), complement=complement)
        assert messages(run(data, "MAN001")) == [
            "Vigilant A can fill 0 of 1 medic places with qualified people on 2021-03-31 "
            "(BF1 qualified, filling coxswain)"
        ]
        data = manned(
            qualified("BF1", "coxswain", "medic"),
            qualified("BF2", "coxswain"),
            complement=complement,
        )
        assert run(data, "MAN001") == []  # BF2 takes the coxswain slot, BF1 the medic one

    def test_names_who_from_the_other_crew_could_fill_the_slot(self) -> None:
        data = manned(
            qualified("BF1", "coxswain"),
            qualified("BF2", "coxswain", crew="vigilant-b"),
            untrained("BF3", "coxswain", crew="vigilant-b"),
            crews=(crew("vigilant-a"), crew("vigilant-b")),
        )
        by_crew = {f.subject.id: f for f in run(data, "MAN001")}
        assert by_crew["vigilant-a"].message.endswith(
            "(BF1 qualified); from another crew of the vessel, BF2 could fill one"
        )
        assert by_crew["vigilant-a"].details["could_fill"] == ["BF2"]

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
            "Vigilant A has 2 people available on 2021-03-31; HMC Vigilant needs a crew of 3 "
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


# -- who is actually there: availability, cover, vessel status (issue 20) ----------------

BEFORE, FIRST, LAST, AFTER = D(2020, 5, 31), D(2020, 6, 1), D(2020, 6, 14), D(2020, 6, 15)
"""A leave from 1 to 14 June 2020, and the days either side of it."""

LEAVE = mc.model.Absence(mc.model.AbsenceKind.ANNUAL_LEAVE, FIRST, LAST)


def deployment(id: str = "D-1", **fields: Any) -> mc.model.Deployment:
    fields.setdefault("vessel", "vigilant")
    fields.setdefault("start", D(2020, 5, 1))
    fields.setdefault("end", D(2020, 7, 31))
    return mc.model.Deployment(id=id, **fields)


def with_deployments(data: mc.model.Fleet, *deployments: mc.model.Deployment) -> mc.model.Fleet:
    return evolve(data, deployments=deployments)


class TestAvailabilityCountsForManning:
    def test_an_absence_takes_a_member_out_from_its_first_to_its_last_day(self) -> None:
        data = manned(qualified("BF1", "coxswain"), qualified("BF2", "coxswain", absences=(LEAVE,)))
        assert run(data, "MAN001", as_of=BEFORE) == []
        for day in (FIRST, LAST):
            assert messages(run(data, "MAN001", as_of=day)) == [
                f"Vigilant A can fill 1 of 2 coxswain places with qualified people on {day} "
                "(BF1 qualified)"
            ]
        assert run(data, "MAN001", as_of=AFTER) == []

    def test_crew_size_counts_people_available(self) -> None:
        data = manned(
            qualified("BF1", "coxswain"),
            qualified("BF2", "coxswain", absences=(LEAVE,)),
            crew_size=2,
        )
        assert run(data, "MAN003", as_of=BEFORE) == []
        assert messages(run(data, "MAN003", as_of=FIRST)) == [
            "Vigilant A has 1 people available on 2020-06-01; HMC Vigilant needs a crew of 2 "
            "(1 short)"
        ]

    def test_cover_sails_with_the_crew_and_counts_on_the_deployments_days_only(self) -> None:
        data = with_deployments(
            manned(
                qualified("BF1", "coxswain"),
                qualified("BF2", "coxswain", absences=(LEAVE,)),
                qualified("BF9", "coxswain", crew="vigilant-b"),
                crews=(crew("vigilant-a"), crew("vigilant-b")),
            ),
            deployment(crew="vigilant-a", start=FIRST, end=LAST, absent=("BF2",), cover=("BF9",)),
        )
        found = {
            day: [f.subject.id for f in run(data, "MAN001", as_of=day)]
            for day in (BEFORE, FIRST, LAST, AFTER)
        }
        # vigilant-b lends BF9 on the deployment's days, and is then short itself
        assert found == {
            BEFORE: ["vigilant-b"],
            FIRST: ["vigilant-b"],
            LAST: ["vigilant-b"],
            AFTER: ["vigilant-b"],
        }
        view = mc.facts.Facts.of(data).on(FIRST)
        members = [p.id for p in view.manning_crew(data.crews[0])]
        assert members == ["BF1", "BF9"]
        lent = [p.id for p in view.manning_crew(data.crews[1])]
        assert lent == []  # BF9 sails with vigilant-a, not with their own crew
        assert [p.id for p in mc.facts.Facts.of(data).on(BEFORE).manning_crew(data.crews[0])] == [
            "BF1",
            "BF2",
        ]
        assert [p.id for p in mc.facts.Facts.of(data).on(AFTER).manning_crew(data.crews[0])] == [
            "BF1",
            "BF2",
        ]

    def test_a_medical_restriction_excluding_the_role_keeps_a_person_out_of_its_slot(
        self,
    ) -> None:
        restriction = mc.model.Restriction(
            mc.model.RestrictionKind.EXCLUDED_DUTIES, roles=("coxswain",), until=LAST
        )
        medical = mc.model.Certificate(
            "eng1",
            D(2020, 1, 1),
            expires=D(2021, 12, 31),
            fitness=mc.model.MedicalFitness.RESTRICTED,
            restrictions=(restriction,),
        )
        data = evolve(
            manned(
                qualified("BF1", "coxswain"), qualified("BF2", "coxswain", certificates=(medical,))
            ),
            certificate_types=(
                mc.model.CertificateType("eng1", "ENG1", kind=mc.model.CertificateKind.MEDICAL),
            ),
        )
        assert [bool(run(data, "MAN001", as_of=day)) for day in (LAST, AFTER)] == [True, False]

    def test_a_vessel_in_refit_is_not_manned_from_its_first_to_its_last_day(self) -> None:
        refit = mc.model.StatusSpell(mc.model.VesselStatus.REFIT, FIRST, LAST)
        data = manned(qualified("BF1", "coxswain"), status=(refit,), crew_size=12)
        for code in ("MAN001", "MAN003"):
            found = [bool(run(data, code, as_of=day)) for day in (BEFORE, FIRST, LAST, AFTER)]
            assert found == [True, False, False, True]
        uncrewed = manned(crews=(), status=(refit,))
        assert [bool(run(uncrewed, "MAN001", as_of=day)) for day in (BEFORE, FIRST)] == [
            True,
            False,
        ]

    def test_a_dated_duty_role_counts_from_its_first_to_its_last_day(self) -> None:
        dated = mc.model.RoleHeld("coxswain", start=FIRST, end=LAST)
        data = manned(qualified("BF1", "coxswain"), qualified("BF2", dated))
        found = [bool(run(data, "MAN001", as_of=day)) for day in (BEFORE, FIRST, LAST, AFTER)]
        assert found == [True, False, False, True]

    def test_a_crew_move_counts_in_the_old_crew_then_the_new(self) -> None:
        moved = qualified(
            "BF2",
            "coxswain",
            crew="vigilant-b",
            crew_since=FIRST,
            previous_crews=(mc.model.CrewSpell("vigilant-a", D(2019, 4, 1), BEFORE),),
        )
        data = manned(
            qualified("BF1", "coxswain"),
            moved,
            qualified("BF3", "coxswain", crew="vigilant-b"),
            crews=(crew("vigilant-a"), crew("vigilant-b")),
        )
        assert [f.subject.id for f in run(data, "MAN001", as_of=BEFORE)] == ["vigilant-b"]
        assert [f.subject.id for f in run(data, "MAN001", as_of=FIRST)] == ["vigilant-a"]


class TestDeployedWhileUnavailable:
    def test_a_person_deployed_by_name_during_their_leave(self) -> None:
        data = with_deployments(
            manned(qualified("BF1", "coxswain", absences=(LEAVE,))),
            deployment(person="BF1", start=D(2020, 6, 3), end=D(2020, 6, 20)),
        )
        assert run(data, "MAN004", as_of=D(2020, 6, 2)) == []
        assert messages(run(data, "MAN004", as_of=LAST)) == [
            "BF1 is aboard (D-1 on vigilant) on 2020-06-14 while on annual leave from "
            "2020-06-01 to 2020-06-14"
        ]
        assert run(data, "MAN004", as_of=AFTER) == []

    def test_a_crew_member_on_leave_simply_does_not_sail(self) -> None:
        data = with_deployments(
            manned(qualified("BF1", "coxswain", absences=(LEAVE,))), deployment(crew="vigilant-a")
        )
        assert run(data, "MAN004", as_of=FIRST) == []
        view = mc.facts.Facts.of(data).on(FIRST)
        assert view.aboard(data.people[0]) == ()
        assert [d.id for d in mc.facts.Facts.of(data).on(AFTER).aboard(data.people[0])] == ["D-1"]

    def test_aboard_while_a_medical_finds_them_unfit(self) -> None:
        unfit = mc.model.Certificate(
            "eng1", FIRST, fitness=mc.model.MedicalFitness.TEMPORARILY_UNFIT
        )
        fit = mc.model.Certificate("eng1", D(2019, 1, 1), expires=D(2020, 12, 31))
        data = evolve(
            with_deployments(
                manned(qualified("BF1", "coxswain", certificates=(fit, unfit))),
                deployment(crew="vigilant-a"),
            ),
            certificate_types=(
                mc.model.CertificateType("eng1", "ENG1", kind=mc.model.CertificateKind.MEDICAL),
            ),
        )
        assert run(data, "MAN004", as_of=BEFORE) == []
        assert messages(run(data, "MAN004", as_of=FIRST)) == [
            "BF1 is aboard (D-1 on vigilant) on 2020-06-01 though the medical of 2020-06-01 "
            "finds them temporarily-unfit"
        ]
        view = mc.facts.Facts.of(data).on(FIRST)
        assert view.valid(data.people[0], "certificates", "eng1").record is fit


class TestDeployedAgainstRestriction:
    def _data(self, kind: mc.model.RestrictionKind, **fields: Any) -> mc.model.Fleet:
        restriction = mc.model.Restriction(kind, until=LAST, **fields)
        medical = mc.model.Certificate(
            "eng1", D(2020, 1, 1), expires=D(2021, 12, 31), restrictions=(restriction,)
        )
        return evolve(
            with_deployments(
                manned(qualified("BF1", "coxswain", certificates=(medical,))),
                deployment(crew="vigilant-a"),
            ),
            certificate_types=(
                mc.model.CertificateType("eng1", "ENG1", kind=mc.model.CertificateKind.MEDICAL),
            ),
        )

    def test_near_coastal_aboard_a_cutter_until_the_restriction_ends(self) -> None:
        data = self._data(mc.model.RestrictionKind.NEAR_COASTAL)
        assert messages(run(data, "MAN005", as_of=LAST)) == [
            "BF1 is aboard vigilant (D-1) on 2020-06-14 against a near-coastal restriction on "
            "their medical: HMC Vigilant is a cutter, beyond near-coastal waters"
        ]
        assert run(data, "MAN005", as_of=AFTER) == []
        cpv = evolve(data, vessels=(evolve(data.vessels[0], type=mc.model.VesselType.CPV),))
        assert run(cpv, "MAN005", as_of=LAST) == []

    def test_a_named_vessel(self) -> None:
        assert (
            run(
                self._data(mc.model.RestrictionKind.NAMED_VESSEL, vessel="vigilant"),
                "MAN005",
                as_of=LAST,
            )
            == []
        )
        other = self._data(mc.model.RestrictionKind.NAMED_VESSEL, vessel="seeker")
        assert len(run(other, "MAN005", as_of=LAST)) == 1


class TestDeployedAgainstWaiverCondition:
    def test_aboard_while_a_shore_duties_only_waiver_is_in_force(self) -> None:
        waiver = mc.model.Waiver(
            "W-1",
            "CERT001",
            mc.model.Subject("person", "BF1"),
            "ENG1 renewal booked",
            "Director Maritime",
            FIRST,
            expires=LAST,
            condition=mc.model.WaiverCondition.SHORE_DUTIES_ONLY,
        )
        data = evolve(
            with_deployments(manned(qualified("BF1", "coxswain")), deployment(crew="vigilant-a")),
            waivers=(waiver,),
        )
        found = [len(run(data, "MAN006", as_of=day)) for day in (BEFORE, FIRST, LAST, AFTER)]
        assert found == [0, 1, 1, 0]
        assert messages(run(data, "MAN006", as_of=FIRST)) == [
            "BF1 is aboard (D-1 on vigilant) on 2020-06-01 while waiver W-1 (shore duties only) "
            "is in force"
        ]


class TestDeployedOnVesselOutOfService:
    def test_a_deployment_during_a_refit(self) -> None:
        refit = mc.model.StatusSpell(mc.model.VesselStatus.REFIT, FIRST, LAST)
        data = with_deployments(manned(status=(refit,)), deployment(crew="vigilant-a"))
        found = [len(run(data, "MAN007", as_of=day)) for day in (BEFORE, FIRST, LAST, AFTER)]
        assert found == [0, 1, 1, 0]
        assert messages(run(data, "MAN007", as_of=FIRST)) == [
            "deployment D-1 puts crew vigilant-a aboard vigilant on 2020-06-01, while HMC "
            "Vigilant is in refit"
        ]

    def test_of_a_repeated_vessel_id_the_first_record_says(self) -> None:
        refit = mc.model.StatusSpell(mc.model.VesselStatus.REFIT, FIRST, LAST)
        data = with_deployments(manned(status=(refit,)), deployment(crew="vigilant-a"))
        in_service = attrs.evolve(data.vessels[0], status=())
        assert run(evolve(data, vessels=(in_service, *data.vessels)), "MAN007", as_of=FIRST) == []
        assert run(evolve(data, vessels=(*data.vessels, in_service)), "MAN007", as_of=FIRST)

    def test_maintenance_allows_sea_trials(self) -> None:
        alongside = mc.model.StatusSpell(mc.model.VesselStatus.MAINTENANCE, FIRST, LAST)
        data = with_deployments(manned(status=(alongside,)), deployment(crew="vigilant-a"))
        assert run(data, "MAN007", as_of=FIRST) == []


def test_a_near_coastal_restriction_keeps_a_person_out_of_a_cutters_manning() -> None:
    restriction = mc.model.Restriction(mc.model.RestrictionKind.NEAR_COASTAL, until=LAST)
    medical = mc.model.Certificate(
        "eng1", D(2020, 1, 1), expires=D(2021, 12, 31), restrictions=(restriction,)
    )
    data = evolve(
        manned(qualified("BF1", "coxswain"), qualified("BF2", "coxswain", certificates=(medical,))),
        certificate_types=(
            mc.model.CertificateType("eng1", "ENG1", kind=mc.model.CertificateKind.MEDICAL),
        ),
    )
    assert [len(run(data, "MAN001", as_of=day)) for day in (LAST, AFTER)] == [1, 0]
    cpv = evolve(data, vessels=(evolve(data.vessels[0], type=mc.model.VesselType.CPV),))
    assert run(cpv, "MAN001", as_of=LAST) == []


class TestCertificateLadder:
    """Who can fill a slot: a higher certificate of competency counts for a lower one."""

    TYPES = (
        mc.model.CertificateType("ii-1", "STCW II/1"),
        mc.model.CertificateType("ii-2-co", "STCW II/2 chief mate", supersedes=("ii-1",)),
    )

    def crewed(self, *certificates: mc.model.Certificate) -> mc.model.Fleet:
        oow = role("oow", certificates=("ii-1",))
        return fleet(
            vessels=[vessel("vigilant", complement=(mc.model.RoleCount("oow", 1),))],
            crews=[crew("vigilant-a")],
            people=[
                person("BF1", crew="vigilant-a", duty_roles=("oow",), certificates=certificates)
            ],
            duty_roles=[oow],
            certificate_types=self.TYPES,
        )

    def test_a_chief_mate_fills_an_officer_of_the_watch_slot_through_their_expiry(self) -> None:
        data = self.crewed(
            mc.model.Certificate("ii-1", D(2015, 1, 1), expires=D(2019, 12, 31)),
            mc.model.Certificate("ii-2-co", D(2016, 4, 1), expires=D(2021, 3, 31)),
        )
        assert run(data, "MAN001", as_of=D(2021, 3, 31)) == []
        (finding,) = run(data, "MAN001", as_of=D(2021, 4, 1))
        assert finding.details["unqualified"] == {
            "BF1": {"courses": [], "certificates": ["ii-1"], "kit": [], "currency": []}
        }


class TestCurrency:
    """A role's currency counts for manning as its courses do (issue 21)."""

    CURRENT_COXSWAIN = role(
        "coxswain",
        courses=("fast-rescue-boat",),
        currency=(mc.model.Currency("boat-launch", mc.model.Period(months=3)),),
    )

    def fleet(self, *people: mc.model.Person) -> mc.model.Fleet:
        return attrs.evolve(
            manned(*people),
            duty_roles=(self.CURRENT_COXSWAIN, MEDIC),
            practice_kinds=(mc.model.PracticeKind("boat-launch", "Boat launch"),),
        )

    @staticmethod
    def launched(day: D) -> tuple[mc.model.PracticeEvent, ...]:
        return (mc.model.PracticeEvent("boat-launch", day),)

    def test_a_member_out_of_practice_does_not_fill_a_place(self) -> None:
        data = self.fleet(
            qualified("BF1", "coxswain", practice=self.launched(D(2021, 3, 1))),
            qualified("BF2", "coxswain", practice=self.launched(D(2020, 11, 2))),
        )
        (finding,) = run(data, "MAN001")
        assert finding.message == (
            "Vigilant A can fill 1 of 2 coxswain places with qualified people on 2021-03-31 "
            "(BF1 qualified; BF2 lacks currency in boat-launch)"
        )
        assert finding.details["unqualified"] == {
            "BF2": {"courses": [], "certificates": [], "kit": [], "currency": ["boat-launch"]}
        }

    def test_counts_through_the_last_day_current_and_not_after(self) -> None:
        data = self.fleet(
            qualified("BF1", "coxswain", practice=self.launched(D(2021, 1, 15))),
            qualified("BF2", "coxswain", practice=self.launched(D(2020, 11, 2))),
        )
        assert run(data, "MAN001", as_of=D(2021, 2, 1)) == []
        assert len(run(data, "MAN001", as_of=D(2021, 2, 2))) == 1
        view = mc.facts.Facts.of(data).on(D(2021, 2, 1))
        status = view.role_status(data.people[1], "coxswain")
        assert status.qualified
        assert status.until == D(2021, 2, 1)  # currency ends before the course does
        lapsed = mc.facts.Facts.of(data).on(D(2021, 2, 2)).role_status(data.people[1], "coxswain")
        assert lapsed.missing_currency == ("boat-launch",)
        assert not lapsed.qualified
        assert lapsed.until is None

    def test_a_single_current_member_is_a_single_point(self) -> None:
        data = attrs.evolve(
            self.fleet(
                qualified("BF1", "coxswain", practice=self.launched(D(2021, 3, 1))),
                qualified("BF2", "coxswain"),
            ),
            vessels=(vessel("vigilant", complement=(mc.model.RoleCount("coxswain", 1),)),),
        )
        assert messages(run(data, "MAN002")) == [
            "in Vigilant A only BF1 is qualified as coxswain on 2021-03-31; "
            "no one else can cover the role"
        ]
