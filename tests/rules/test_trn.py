"""TRN rules: lapsed, expiring and missing training; trainers qualified to deliver."""

from __future__ import annotations

from typing import Any

import maritime_crew as mc

from .builders import D, cert, certificate_type, course, fleet, messages, person, role, run, trained

BOARDING = role("boarding-officer", courses=("sea-survival",))
SEA_SURVIVAL = course("sea-survival", "P3Y", name="Sea survival")
LEADERSHIP = course("leadership", "P5Y", name="Leadership")
CHIEF_OFFICER = mc.model.Grade("deck-chief-officer", "Chief officer", courses=("leadership",))
DECK = mc.model.Pathway("deck", "Deck", mc.model.Discipline.DECK, (CHIEF_OFFICER,))


def boarding_officer(*training: mc.model.TrainingRecord, **fields: Any) -> mc.model.Fleet:
    return fleet(
        people=[person("BF1", duty_roles=("boarding-officer",), training=training, **fields)],
        duty_roles=[BOARDING],
        courses=[SEA_SURVIVAL, LEADERSHIP],
        pathways=[DECK],
    )


class TestLapsed:
    def test_fires_with_the_lapse_date_and_days(self) -> None:
        # P3Y from 2018-03-01 runs up to and including 2021-02-28.
        data = boarding_officer(trained("sea-survival", D(2018, 3, 1)))
        (finding,) = run(data, "TRN001")
        assert finding.message == (
            "Sea survival training of BF1 expired at the end of 2021-02-28, "
            "31 days before 2021-03-31; required by duty role boarding-officer"
        )
        assert finding.details == {
            "course": "sea-survival",
            "completed": "2018-03-01",
            "lapsed": "2021-02-28",
            "days_ago": 31,
            "required_by": ["duty role boarding-officer"],
            "booked": None,
        }
        assert finding.severity is mc.rules.Severity.ERROR

    def test_valid_through_the_expiry_date_and_expired_at_its_end(self) -> None:
        data = boarding_officer(trained("sea-survival", D(2018, 3, 1)))
        assert run(data, "TRN001", as_of=D(2021, 2, 28)) == []
        assert messages(run(data, "TRN001", as_of=D(2021, 3, 1))) == [
            "Sea survival training of BF1 expired at the end of 2021-02-28, "
            "1 day before 2021-03-01; required by duty role boarding-officer"
        ]

    def test_a_recorded_expiry_wins(self) -> None:
        data = boarding_officer(trained("sea-survival", D(2020, 1, 1), expires=D(2021, 1, 31)))
        (finding,) = run(data, "TRN001")
        assert finding.details["lapsed"] == "2021-01-31"

    def test_a_current_refresher_clears_it(self) -> None:
        data = boarding_officer(
            trained("sea-survival", D(2015, 3, 1)), trained("sea-survival", D(2020, 3, 1))
        )
        assert run(data, "TRN001") == []

    def test_a_booking_is_mentioned_but_does_not_clear_it(self) -> None:
        data = boarding_officer(
            trained("sea-survival", D(2018, 3, 1)), trained("sea-survival", D(2021, 5, 10))
        )
        assert messages(run(data, "TRN001")) == [
            "Sea survival training of BF1 expired at the end of 2021-02-28, "
            "31 days before 2021-03-31; required by duty role boarding-officer; "
            "a place is booked for 2021-05-10"
        ]

    def test_grade_and_role_reasons_are_combined(self) -> None:
        role_and_grade = role("boarding-officer", courses=("leadership",))
        data = fleet(
            people=[
                person(
                    "BF1",
                    grade="deck-chief-officer",
                    duty_roles=("boarding-officer",),
                    training=(trained("leadership", D(2015, 1, 1)),),
                )
            ],
            duty_roles=[role_and_grade],
            courses=[LEADERSHIP],
            pathways=[DECK],
        )
        assert messages(run(data, "TRN001")) == [
            "Leadership training of BF1 expired at the end of 2019-12-31, "
            "456 days before 2021-03-31; required by grade deck-chief-officer and "
            "duty role boarding-officer"
        ]

    def test_never_completed_is_not_a_lapse(self) -> None:
        assert run(boarding_officer(), "TRN001") == []

    def test_courses_nobody_requires_and_people_who_left_are_not_reported(self) -> None:
        unrequired = fleet(
            people=[person("BF1", training=(trained("sea-survival", D(2010, 1, 1)),))],
            courses=[SEA_SURVIVAL],
        )
        assert run(unrequired, "TRN001") == []
        left = boarding_officer(trained("sea-survival", D(2017, 1, 1)), left=D(2021, 3, 30))
        assert run(left, "TRN001") == []


class TestExpiring:
    def test_fires_within_the_warning_period(self) -> None:
        # P3Y from 2018-05-20 runs up to and including 2021-05-19.
        data = boarding_officer(trained("sea-survival", D(2018, 5, 20)))
        (finding,) = run(data, "TRN002")
        assert finding.message == (
            "Sea survival training of BF1 expires at the end of 2021-05-19, "
            "in 49 days (warning period 90 days); required by duty role boarding-officer"
        )
        assert finding.details["days_left"] == 49
        assert finding.severity is mc.rules.Severity.WARNING

    def test_the_warning_period_is_a_parameter_and_its_last_day_counts(self) -> None:
        data = boarding_officer(trained("sea-survival", D(2018, 5, 20)))
        (finding,) = run(data, "TRN002", **{"within-days": 49})
        assert finding.details["within_days"] == 49
        assert run(data, "TRN002", **{"within-days": 48}) == []

    def test_lapsing_on_the_check_date_is_expiring_not_lapsed(self) -> None:
        data = boarding_officer(trained("sea-survival", D(2018, 4, 1)))
        assert messages(run(data, "TRN002")) == [
            "Sea survival training of BF1 expires at the end of 2021-03-31, "
            "in 0 days (warning period 90 days); required by duty role boarding-officer"
        ]
        assert run(data, "TRN001") == []

    def test_a_booking_does_not_clear_the_warning(self) -> None:
        data = boarding_officer(
            trained("sea-survival", D(2018, 5, 20)), trained("sea-survival", D(2021, 5, 1))
        )
        assert messages(run(data, "TRN002")) == [
            "Sea survival training of BF1 expires at the end of 2021-05-19, "
            "in 49 days (warning period 90 days); required by duty role boarding-officer; "
            "a place is booked for 2021-05-01"
        ]

    def test_a_refresher_already_completed_clears_it(self) -> None:
        data = boarding_officer(
            trained("sea-survival", D(2018, 5, 20)), trained("sea-survival", D(2021, 3, 31))
        )
        assert run(data, "TRN002") == []

    def test_lapsed_and_never_lapsing_training_is_not_expiring(self) -> None:
        assert run(boarding_officer(trained("sea-survival", D(2018, 3, 1))), "TRN002") == []
        no_refresher = fleet(
            people=[
                person(
                    "BF1",
                    duty_roles=("boarding-officer",),
                    training=(trained("sea-survival", D(2018, 5, 20)),),
                )
            ],
            duty_roles=[BOARDING],
            courses=[course("sea-survival", name="Sea survival")],
        )
        assert run(no_refresher, "TRN002") == []


class TestMissing:
    def test_missing_for_role_fires(self) -> None:
        (finding,) = run(boarding_officer(), "TRN003")
        assert finding.message == (
            "BF1 has never completed Sea survival training, required by duty role boarding-officer"
        )
        assert finding.details == {
            "course": "sea-survival",
            "required_by": ["duty role boarding-officer"],
            "booked": None,
        }

    def test_a_booking_is_mentioned(self) -> None:
        data = boarding_officer(trained("sea-survival", D(2021, 5, 10)))
        assert messages(run(data, "TRN003")) == [
            "BF1 has never completed Sea survival training, required by duty role "
            "boarding-officer; a place is booked for 2021-05-10"
        ]

    def test_completed_on_the_check_date_counts_the_day_after_is_a_booking(self) -> None:
        assert run(boarding_officer(trained("sea-survival", D(2021, 3, 31))), "TRN003") == []
        booked = boarding_officer(trained("sea-survival", D(2021, 4, 1)))
        assert run(booked, "TRN003")[0].details["booked"] == "2021-04-01"

    def test_a_lapsed_completion_is_not_missing(self) -> None:
        assert run(boarding_officer(trained("sea-survival", D(2010, 1, 1))), "TRN003") == []

    def test_unknown_courses_are_left_to_data002(self) -> None:
        data = fleet(
            people=[person("BF1", duty_roles=("boarding-officer",))],
            duty_roles=[role("boarding-officer", courses=("no-such-course",))],
        )
        assert run(data, "TRN003") == []

    def test_missing_for_grade_fires_and_role_rule_does_not(self) -> None:
        data = boarding_officer(trained("sea-survival", D(2020, 1, 1)), grade="deck-chief-officer")
        assert run(data, "TRN003") == []
        assert messages(run(data, "TRN004")) == [
            "BF1 has never completed Leadership training, required by grade deck-chief-officer"
        ]

    def test_grade_rule_ignores_role_courses(self) -> None:
        data = boarding_officer(trained("leadership", D(2020, 1, 1)), grade="deck-chief-officer")
        assert run(data, "TRN004") == []
        assert len(run(data, "TRN003")) == 1


INSTRUCTOR = course("instructor-boarding", "P3Y", name="Boarding instructor")
BOARDING_OPS = course(
    "boarding-ops",
    "P3Y",
    name="Boarding operations",
    trainer_courses=("instructor-boarding",),
)
FRB = certificate_type("stcw-vi-2", "P5Y", name="STCW VI/2 fast rescue boat")


def delivered(
    on: D,
    *trainer_training: mc.model.TrainingRecord,
    trainer_certificates: tuple[mc.model.Certificate, ...] = (),
    course_record: mc.model.Course = BOARDING_OPS,
    **trainee: Any,
) -> mc.model.Fleet:
    return fleet(
        people=[
            person("BF1", training=(trained("boarding-ops", on, trainer="BF2"),), **trainee),
            person("BF2", training=trainer_training, certificates=trainer_certificates),
        ],
        courses=[course_record, INSTRUCTOR],
        certificate_types=[FRB],
    )


class TestTrainerNotQualified:
    # P3Y from 2017-10-01 runs up to and including 2020-09-30.
    INSTRUCTED = trained("instructor-boarding", D(2017, 10, 1))

    def test_fires_when_the_trainer_qualification_had_lapsed(self) -> None:
        (finding,) = run(delivered(D(2020, 11, 12), self.INSTRUCTED), "TRN005")
        assert finding.message == (
            "BF2 was not qualified to deliver Boarding operations to BF1 on 2020-11-12: "
            "their Boarding instructor training had expired at the end of 2020-09-30"
        )
        assert finding.subject == mc.model.Subject("person", "BF1")
        assert finding.details == {
            "course": "boarding-ops",
            "trainer": "BF2",
            "completed": "2020-11-12",
            "lacking": ["their Boarding instructor training had expired at the end of 2020-09-30"],
        }

    def test_qualified_on_the_last_day_not_the_day_after(self) -> None:
        assert run(delivered(D(2020, 9, 30), self.INSTRUCTED), "TRN005") == []
        assert messages(run(delivered(D(2020, 10, 1), self.INSTRUCTED), "TRN005")) == [
            "BF2 was not qualified to deliver Boarding operations to BF1 on 2020-10-01: "
            "their Boarding instructor training had expired at the end of 2020-09-30"
        ]

    def test_never_held_and_held_only_later(self) -> None:
        expected = [
            "BF2 was not qualified to deliver Boarding operations to BF1 on 2020-11-12: "
            "they had no Boarding instructor training"
        ]
        assert messages(run(delivered(D(2020, 11, 12)), "TRN005")) == expected
        later = trained("instructor-boarding", D(2021, 1, 5))
        assert messages(run(delivered(D(2020, 11, 12), later), "TRN005")) == expected

    def test_certificates_are_checked_too(self) -> None:
        needs_both = mc.model.Course(
            "boarding-ops",
            "Boarding operations",
            trainer_courses=("instructor-boarding",),
            trainer_certificates=("stcw-vi-2",),
        )
        expired = cert("stcw-vi-2", D(2015, 1, 1), D(2019, 12, 31))
        data = delivered(
            D(2020, 11, 12),
            trainer_certificates=(expired,),
            course_record=needs_both,
        )
        assert messages(run(data, "TRN005")) == [
            "BF2 was not qualified to deliver Boarding operations to BF1 on 2020-11-12: "
            "they had no Boarding instructor training; their STCW VI/2 fast rescue boat "
            "certificate had expired at the end of 2019-12-31"
        ]
        never = delivered(D(2020, 11, 12), self.INSTRUCTED, course_record=needs_both)
        assert messages(run(never, "TRN005", as_of=D(2020, 11, 12)))[0].endswith(
            ": their Boarding instructor training had expired at the end of 2020-09-30; "
            "they held no STCW VI/2 fast rescue boat certificate"
        )

    def test_qualified_trainer_passes(self) -> None:
        current = trained("instructor-boarding", D(2019, 1, 1))
        assert run(delivered(D(2020, 11, 12), current), "TRN005") == []

    def test_bookings_unknown_trainers_and_external_courses_are_skipped(self) -> None:
        assert run(delivered(D(2021, 4, 20)), "TRN005") == []
        unknown = fleet(
            people=[person("BF1", training=(trained("boarding-ops", D(2020, 1, 1), trainer="X"),))],
            courses=[BOARDING_OPS],
        )
        assert run(unknown, "TRN005") == []
        no_requirement = course("boarding-ops", "P3Y", name="Boarding operations")
        assert run(delivered(D(2020, 11, 12), course_record=no_requirement), "TRN005") == []

    def test_trainees_who_left_are_not_reported(self) -> None:
        assert run(delivered(D(2020, 11, 12), left=D(2021, 1, 1)), "TRN005") == []


class TestCourseWithoutTrainer:
    @staticmethod
    def catalogue(*people: mc.model.Person, **course_fields: Any) -> mc.model.Fleet:
        course_fields.setdefault("trainer_courses", ("instructor-boarding",))
        ops = course("boarding-ops", "P3Y", name="Boarding operations", **course_fields)
        return fleet(people=people, courses=[ops, INSTRUCTOR], certificate_types=[FRB])

    def test_fires_when_no_one_in_service_is_qualified(self) -> None:
        lapsed = person("BF2", training=(trained("instructor-boarding", D(2017, 10, 1)),))
        (finding,) = run(self.catalogue(lapsed), "TRN006")
        assert finding.message == (
            "no one in service on 2021-03-31 is qualified to deliver the in-house course "
            "Boarding operations (boarding-ops); people holding each trainer requirement: "
            "course instructor-boarding: 0"
        )
        assert finding.subject == mc.model.Subject("course", "boarding-ops")
        assert finding.severity is mc.rules.Severity.WARNING

    def test_a_current_trainer_in_service_clears_it(self) -> None:
        # P3Y from 2018-04-01 runs up to and including 2021-03-31.
        trainer = person("BF2", training=(trained("instructor-boarding", D(2018, 4, 1)),))
        data = self.catalogue(trainer)
        assert run(data, "TRN006") == []
        assert len(run(data, "TRN006", as_of=D(2021, 4, 1))) == 1

    def test_a_trainer_who_left_does_not_count(self) -> None:
        trainer = person(
            "BF2",
            left=D(2021, 3, 30),
            training=(trained("instructor-boarding", D(2020, 1, 1)),),
        )
        assert len(run(self.catalogue(trainer), "TRN006")) == 1

    def test_every_requirement_must_be_held_by_one_person(self) -> None:
        instructor = person("BF2", training=(trained("instructor-boarding", D(2020, 1, 1)),))
        coxswain = person("BF3", certificates=(cert("stcw-vi-2", D(2020, 1, 1)),))
        data = self.catalogue(instructor, coxswain, trainer_certificates=("stcw-vi-2",))
        assert messages(run(data, "TRN006")) == [
            "no one in service on 2021-03-31 is qualified to deliver the in-house course "
            "Boarding operations (boarding-ops); people holding each trainer requirement: "
            "course instructor-boarding: 1, certificate stcw-vi-2: 1"
        ]
        both = person(
            "BF4",
            training=(trained("instructor-boarding", D(2020, 1, 1)),),
            certificates=(cert("stcw-vi-2", D(2020, 1, 1)),),
        )
        data = self.catalogue(instructor, coxswain, both, trainer_certificates=("stcw-vi-2",))
        assert run(data, "TRN006") == []

    def test_external_courses_and_courses_without_trainer_requirements_are_skipped(self) -> None:
        assert run(self.catalogue(provider="Warsash"), "TRN006") == []
        assert run(self.catalogue(trainer_courses=()), "TRN006") == []


class TestTrainerLadder:
    """A trainer's certificate requirement is met by a certificate of a higher type."""

    TYPES = (
        certificate_type("stcw-iii-1", "P5Y", name="STCW III/1 EOOW"),
        certificate_type(
            "stcw-iii-2-ce", "P5Y", name="STCW III/2 chief engineer", supersedes=("stcw-iii-1",)
        ),
    )
    MACHINERY = course(
        "machinery", name="Machinery watchkeeping", trainer_certificates=("stcw-iii-1",)
    )

    def delivered(self, on: D, *certificates: mc.model.Certificate) -> mc.model.Fleet:
        return fleet(
            people=[
                person("BF1", training=(trained("machinery", on, trainer="BF2"),)),
                person("BF2", certificates=certificates),
            ],
            courses=[self.MACHINERY],
            certificate_types=self.TYPES,
        )

    def test_qualified_through_the_higher_certificates_expiry_and_not_after(self) -> None:
        held = (
            cert("stcw-iii-1", D(2012, 1, 1), D(2016, 12, 31)),
            cert("stcw-iii-2-ce", D(2015, 10, 1), D(2020, 9, 30)),
        )
        assert run(self.delivered(D(2020, 9, 30), *held), "TRN005") == []
        assert messages(run(self.delivered(D(2020, 10, 1), *held), "TRN005")) == [
            "BF2 was not qualified to deliver Machinery watchkeeping to BF1 on 2020-10-01: "
            "their STCW III/2 chief engineer certificate, which counted for STCW III/1 EOOW, "
            "had expired at the end of 2020-09-30"
        ]

    def test_no_one_qualified_counts_holders_of_the_higher_certificate(self) -> None:
        data = self.delivered(D(2020, 9, 30), cert("stcw-iii-2-ce", D(2019, 1, 1)))
        assert run(data, "TRN006") == []
        expired = self.delivered(D(2020, 9, 30), cert("stcw-iii-2-ce", D(2015, 1, 1)))
        (finding,) = run(expired, "TRN006")
        assert finding.details["holders"] == {"certificate stcw-iii-1": 0}


LAUNCH = mc.model.PracticeKind("boat-launch", "Boat launch")
COXSWAIN = role("coxswain", currency=(mc.model.Currency("boat-launch", mc.model.Period(months=3)),))


def launched(*days: D, count: int = 1) -> tuple[mc.model.PracticeEvent, ...]:
    return tuple(mc.model.PracticeEvent("boat-launch", day, count=count) for day in days)


def coxswain(*practice: mc.model.PracticeEvent, **fields: Any) -> mc.model.Fleet:
    fields.setdefault("duty_roles", ("coxswain",))
    fields.setdefault("roles", [COXSWAIN])
    roles = fields.pop("roles")
    return fleet(
        people=[person("BF1", practice=practice, **fields)],
        duty_roles=roles,
        practice_kinds=[LAUNCH],
    )


class TestCurrencyLapsed:
    def test_fires_with_the_last_event_and_the_last_day_current(self) -> None:
        data = coxswain(*launched(D(2020, 8, 14), D(2020, 11, 2)))
        (finding,) = run(data, "TRN007")
        assert finding.message == (
            "BF1's currency in Boat launch lapsed at the end of 2021-02-01: none in the 3 "
            "months to 2021-03-31 (the last on 2020-11-02), and duty role coxswain requires "
            "at least 1"
        )
        assert finding.details == {
            "practice": "boat-launch",
            "required": 1,
            "within": "P3M",
            "counted": 0,
            "last": "2020-11-02",
            "current_through": "2021-02-01",
            "required_by": ["duty role coxswain"],
            "next": None,
        }
        assert finding.severity is mc.rules.Severity.ERROR
        assert finding.subject == mc.model.Subject("person", "BF1")

    def test_current_through_the_last_day_and_lapsed_the_next(self) -> None:
        data = coxswain(*launched(D(2020, 11, 2)))
        assert run(data, "TRN007", as_of=D(2021, 2, 1)) == []
        (finding,) = run(data, "TRN007", as_of=D(2021, 2, 2))
        assert finding.details["current_through"] == "2021-02-01"

    def test_an_event_on_the_check_date_counts(self) -> None:
        data = coxswain(*launched(D(2021, 3, 31)))
        assert run(data, "TRN007") == []
        assert messages(run(data, "TRN007", as_of=D(2021, 3, 30))) == [
            "BF1 has never been current in Boat launch: none logged, and duty role coxswain "
            "requires at least 1 in the 3 months to 2021-03-30; the next is logged for 2021-03-31"
        ]

    def test_more_than_one_required(self) -> None:
        twice = role(
            "coxswain",
            currency=(mc.model.Currency("boat-launch", mc.model.Period(months=3), count=2),),
        )
        data = coxswain(*launched(D(2020, 12, 20), D(2021, 2, 10)), roles=[twice])
        assert run(data, "TRN007", as_of=D(2021, 3, 19)) == []
        (finding,) = run(data, "TRN007", as_of=D(2021, 3, 20))
        assert finding.message == (
            "BF1's currency in Boat launch lapsed at the end of 2021-03-19: 1 in the 3 months "
            "to 2021-03-20 (the last on 2021-02-10), and duty role coxswain requires at least 2"
        )
        assert finding.details["counted"] == 1
        # two launches logged on one day count twice
        data = coxswain(*launched(D(2021, 2, 10), count=2), roles=[twice])
        assert run(data, "TRN007") == []

    def test_silent_for_a_role_not_held_on_the_date_and_for_roles_without_currency(self) -> None:
        held = mc.model.RoleHeld("coxswain", end=D(2021, 1, 31))
        assert run(coxswain(duty_roles=(held,)), "TRN007") == []
        assert run(coxswain(duty_roles=("coxswain",), roles=[role("coxswain")]), "TRN007") == []

    def test_silent_for_a_person_who_has_left(self) -> None:
        assert run(coxswain(left=D(2021, 1, 1)), "TRN007") == []
