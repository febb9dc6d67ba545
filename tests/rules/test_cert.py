"""CERT rules: expired, expiring, missing for grade or role, validity exceeded."""

from __future__ import annotations

import maritime_crew as mc

from .builders import D, cert, certificate_type, fleet, messages, person, role, run

MEDIC = role("medic", certificates=("eng1",))
ENG1 = certificate_type("eng1", "P2Y", name="ENG1 medical")


def medic(*certificates: mc.model.Certificate, **fields: object) -> mc.model.Fleet:
    return fleet(
        people=[person("BF1", duty_roles=("medic",), certificates=certificates, **fields)],
        duty_roles=[MEDIC],
        certificate_types=[ENG1],
    )


class TestExpired:
    def test_fires_the_day_after_expiry(self) -> None:
        data = medic(cert("eng1", D(2019, 3, 30), D(2021, 3, 30), number="M-1"))
        assert messages(run(data, "CERT001")) == [
            "ENG1 medical certificate M-1 of BF1 expired at the end of 2021-03-30, 1 day before "
            "2021-03-31; required by duty role medic"
        ]

    def test_a_type_named_certificate_is_not_called_certificate_twice(self) -> None:
        named = certificate_type("eng1", "P2Y", name="ENG1 medical certificate")
        data = mc.model.Fleet(
            people=(
                person("BF1", duty_roles=("medic",), certificates=(cert("eng1", D(2019, 1, 1)),)),
            ),
            duty_roles=(MEDIC,),
            certificate_types=(named,),
        )
        (message,) = messages(run(data, "CERT001"))
        assert message.startswith(
            "ENG1 medical certificate of BF1 expired at the end of 2020-12-31, 90 days"
        )

    def test_valid_through_the_expiry_date(self) -> None:
        data = medic(cert("eng1", D(2019, 3, 31), D(2021, 3, 31)))
        assert run(data, "CERT001") == []

    def test_a_renewal_replaces_the_expired_one(self) -> None:
        data = medic(cert("eng1", D(2018, 1, 1), D(2019, 12, 31)), cert("eng1", D(2020, 1, 1)))
        assert run(data, "CERT001") == []

    def test_expiry_follows_the_type_validity_when_not_recorded(self) -> None:
        # P2Y from 2019-03-31 runs up to and including 2021-03-30.
        data = medic(cert("eng1", D(2019, 3, 31)))
        (finding,) = run(data, "CERT001")
        assert finding.details["expired"] == "2021-03-30"
        assert run(data, "CERT001", as_of=D(2021, 3, 30)) == []

    def test_age_dependent_validity_uses_age_at_issue(self) -> None:
        eng1 = mc.model.CertificateType(
            "eng1",
            "ENG1 medical",
            validity=mc.model.AgeSchedule(
                (
                    mc.model.AgeBand(mc.model.Period(years=1), 0),
                    mc.model.AgeBand(mc.model.Period(years=2), 18),
                )
            ),
        )

        def holder(born: D) -> mc.model.Fleet:
            return fleet(
                people=[
                    person(
                        "BF1",
                        born=born,
                        duty_roles=("medic",),
                        certificates=(cert("eng1", D(2020, 6, 1)),),
                    )
                ],
                duty_roles=[MEDIC],
                certificate_types=[eng1],
            )

        # Aged 17 at issue: valid one year, up to and including 2021-05-31.
        (finding,) = run(holder(D(2003, 1, 1)), "CERT001", as_of=D(2021, 6, 1))
        assert finding.details["expired"] == "2021-05-31"
        assert run(holder(D(2003, 1, 1)), "CERT001", as_of=D(2021, 5, 31)) == []
        # Aged 18 at issue: valid two years.
        assert run(holder(D(2002, 6, 1)), "CERT001", as_of=D(2021, 6, 1)) == []

    def test_certificates_nobody_requires_are_not_reported(self) -> None:
        data = fleet(
            people=[person("BF1", certificates=(cert("eng1", D(2010, 1, 1), D(2012, 1, 1)),))],
            certificate_types=[ENG1],
        )
        assert run(data, "CERT001") == []

    def test_people_who_have_left_are_not_reported(self) -> None:
        data = medic(cert("eng1", D(2018, 1, 1), D(2020, 1, 1)), left=D(2020, 12, 31))
        assert run(data, "CERT001") == []

    def test_finding_is_placed_and_located(self) -> None:
        data = mc.loads(
            mc.dumps(
                fleet(
                    people=[
                        person(
                            "BF1",
                            crew="vigilant-a",
                            duty_roles=("medic",),
                            certificates=(cert("eng1", D(2018, 1, 1), D(2020, 1, 1)),),
                        )
                    ],
                    crews=[mc.model.Crew("vigilant-a", "Vigilant A", "vigilant")],
                    duty_roles=[MEDIC],
                    certificate_types=[ENG1],
                )
            ),
            name="fleet.toml",
        )
        (finding,) = run(data, "CERT001")
        assert (finding.vessel, finding.crew) == ("vigilant", "vigilant-a")
        assert finding.subject == mc.model.Subject("person", "BF1")
        assert finding.source is not None
        assert finding.source.file == "fleet.toml"
        assert finding.severity is mc.rules.Severity.ERROR


class TestExpiring:
    def test_fires_on_the_last_day_of_the_warning_period(self) -> None:
        # 90 days after 2021-03-31 is 2021-06-29.
        data = medic(cert("eng1", D(2019, 6, 30), D(2021, 6, 29), number="M-2"))
        assert messages(run(data, "CERT002")) == [
            "ENG1 medical certificate M-2 of BF1 expires at the end of 2021-06-29, in 90 days "
            "(warning period 90 days); required by duty role medic"
        ]

    def test_silent_the_day_after_the_warning_period(self) -> None:
        data = medic(cert("eng1", D(2019, 7, 1), D(2021, 6, 30)))
        assert run(data, "CERT002") == []

    def test_fires_on_the_expiry_date_itself(self) -> None:
        data = medic(cert("eng1", D(2019, 4, 1), D(2021, 3, 31)))
        (finding,) = run(data, "CERT002")
        assert finding.details["days_left"] == 0

    def test_an_expired_certificate_is_not_expiring(self) -> None:
        data = medic(cert("eng1", D(2019, 3, 1), D(2021, 3, 30)))
        assert run(data, "CERT002") == []

    def test_a_replacement_already_issued_silences_it(self) -> None:
        data = medic(cert("eng1", D(2019, 5, 1), D(2021, 4, 30)), cert("eng1", D(2021, 3, 1)))
        assert run(data, "CERT002") == []

    def test_the_warning_period_is_a_parameter(self) -> None:
        data = medic(cert("eng1", D(2019, 5, 1), D(2021, 4, 30)))
        assert len(run(data, "CERT002")) == 1
        assert run(data, "CERT002", **{"within-days": 29}) == []
        assert len(run(data, "CERT002", **{"within-days": 30})) == 1


GRADED = mc.model.Pathway(
    "deck",
    "Deck",
    mc.model.Discipline.DECK,
    grades=(mc.model.Grade("deck-oow", "Officer of the watch", certificates=("stcw-ii-1",)),),
)
II_1 = certificate_type("stcw-ii-1", "P5Y", name="STCW II/1")


class TestMissing:
    def test_a_grade_without_its_certificate_fires_cert003(self) -> None:
        data = fleet(
            people=[person("BF1", grade="deck-oow")],
            pathways=[GRADED],
            certificate_types=[II_1],
        )
        assert messages(run(data, "CERT003")) == [
            "BF1 has no STCW II/1 certificate, required by grade deck-oow"
        ]
        assert run(data, "CERT004") == []

    def test_a_grade_with_its_certificate_is_silent(self) -> None:
        data = fleet(
            people=[
                person("BF1", grade="deck-oow", certificates=(cert("stcw-ii-1", D(2020, 1, 1)),))
            ],
            pathways=[GRADED],
            certificate_types=[II_1],
        )
        assert run(data, "CERT003") == []

    def test_a_role_without_its_certificate_fires_cert004_and_notes_a_later_one(self) -> None:
        data = medic(cert("eng1", D(2021, 4, 12)))
        assert messages(run(data, "CERT004")) == [
            "BF1 has no ENG1 medical certificate, required by duty role medic; one is "
            "recorded from 2021-04-12"
        ]
        assert run(data, "CERT003") == []

    def test_a_certificate_issued_on_the_check_date_counts(self) -> None:
        assert run(medic(cert("eng1", D(2021, 3, 31))), "CERT004") == []

    def test_a_held_but_expired_certificate_is_cert001_not_missing(self) -> None:
        data = medic(cert("eng1", D(2018, 1, 1), D(2020, 1, 1)))
        assert run(data, "CERT004") == []


class TestValidityExceeded:
    def test_a_recorded_expiry_beyond_the_validity_fires(self) -> None:
        data = medic(cert("eng1", D(2019, 3, 31), D(2021, 3, 31), number="M-3"))
        assert messages(run(data, "CERT005")) == [
            "ENG1 medical certificate M-3 of BF1, issued 2019-03-31, is recorded as expiring at "
            "the end of 2021-03-31; a validity of P2Y runs through 2021-03-30"
        ]

    def test_the_last_allowed_day_is_silent(self) -> None:
        assert run(medic(cert("eng1", D(2019, 3, 31), D(2021, 3, 30))), "CERT005") == []

    def test_the_holders_age_at_issue_sets_the_validity(self) -> None:
        eng1 = mc.model.CertificateType(
            "eng1",
            "ENG1 medical",
            validity=mc.model.AgeSchedule(
                (
                    mc.model.AgeBand(mc.model.Period(years=1), 0),
                    mc.model.AgeBand(mc.model.Period(years=2), 18),
                )
            ),
        )
        data = fleet(
            people=[
                person(
                    "BF1",
                    born=D(2003, 1, 1),
                    certificates=(cert("eng1", D(2020, 9, 1), D(2022, 8, 31)),),
                )
            ],
            certificate_types=[eng1],
        )
        (finding,) = run(data, "CERT005")
        assert finding.details["latest_allowed"] == "2021-08-31"
        assert "for a holder aged 17" in finding.message


class TestLadder:
    """A certificate of a higher type counts for a requirement of a type it supersedes."""

    COC = mc.model.CertificateKind.COMPETENCY
    TYPES = (
        certificate_type("ii-1", "P5Y", name="STCW II/1 OOW", kind=COC),
        certificate_type(
            "ii-2-co", "P5Y", name="STCW II/2 chief mate", kind=COC, supersedes=("ii-1",)
        ),
    )

    def officer(self, *certificates: mc.model.Certificate) -> mc.model.Fleet:
        return fleet(
            people=[person("BF1", duty_roles=("oow",), certificates=certificates)],
            duty_roles=[role("oow", certificates=("ii-1",))],
            certificate_types=self.TYPES,
        )

    def test_a_valid_higher_certificate_meets_the_requirement_through_its_expiry_date(
        self,
    ) -> None:
        data = self.officer(
            cert("ii-1", D(2015, 12, 31), D(2020, 12, 31), number="C-1"),
            cert("ii-2-co", D(2016, 4, 1), D(2021, 3, 31), number="C-2"),
        )
        for day in (D(2021, 3, 30), D(2021, 3, 31)):
            for code in ("CERT001", "CERT003", "CERT004"):
                assert run(data, code, as_of=day) == [], (code, day)
        (finding,) = run(data, "CERT001", as_of=D(2021, 4, 1))
        assert finding.message == (
            "STCW II/2 chief mate certificate C-2 of BF1, which counted for STCW II/1 OOW, "
            "expired at the end of 2021-03-31, 1 day before 2021-04-01; required by duty role oow"
        )
        assert finding.details["certificate_type"] == "ii-1"
        assert finding.details["met_by"] == "ii-2-co"
        assert run(data, "CERT004", as_of=D(2021, 4, 1)) == []  # held before: CERT001's

    def test_the_lower_certificate_expired_alone_keeps_its_own_message(self) -> None:
        data = self.officer(
            cert("ii-2-co", D(2010, 1, 1), D(2014, 12, 31), number="C-2"),
            cert("ii-1", D(2015, 12, 31), D(2020, 12, 31), number="C-1"),
        )
        (finding,) = run(data, "CERT001")
        assert finding.message.startswith(
            "STCW II/1 OOW certificate C-1 of BF1 expired at the end of"
        )
        assert "met_by" not in finding.details

    def test_a_higher_certificate_recorded_from_a_later_day_is_named(self) -> None:
        data = self.officer(cert("ii-2-co", D(2021, 5, 1)))
        assert messages(run(data, "CERT004")) == [
            "BF1 has no STCW II/1 OOW certificate, required by duty role oow; STCW II/2 "
            "chief mate certificate, which counts for it, is recorded from 2021-05-01"
        ]

    def test_the_higher_certificate_is_the_one_warned_of(self) -> None:
        data = self.officer(
            cert("ii-1", D(2016, 5, 20), D(2021, 4, 30), number="C-1"),
            cert("ii-2-co", D(2016, 5, 20), D(2021, 5, 20), number="C-2"),
        )
        (finding,) = run(data, "CERT002")
        assert finding.message == (
            "STCW II/2 chief mate certificate C-2 of BF1, which counts for STCW II/1 OOW, "
            "expires at the end of 2021-05-20, in 50 days (warning period 90 days); required "
            "by duty role oow"
        )
        assert finding.details["met_by"] == "ii-2-co"

    def test_no_warning_when_a_higher_certificate_outlasts_the_expiring_one(self) -> None:
        data = self.officer(
            cert("ii-1", D(2016, 4, 30), D(2021, 4, 30)),
            cert("ii-2-co", D(2020, 1, 1), D(2024, 12, 31)),
        )
        assert run(data, "CERT002") == []
        assert run(self.officer(cert("ii-1", D(2016, 4, 30), D(2021, 4, 30))), "CERT002")

    def test_revalidation_is_not_at_risk_when_a_higher_certificate_takes_over(self) -> None:
        lower = cert("ii-1", D(2016, 4, 30), D(2021, 4, 30))
        assert run(self.officer(lower), "CERT006")  # no sea service at all
        higher = cert("ii-2-co", D(2020, 1, 1), D(2024, 12, 31))
        assert run(self.officer(lower, higher), "CERT006") == []
