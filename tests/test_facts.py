"""Facts derived from records on a date: sea time, servicing, validity, documents, terms."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew import facts
from maritime_crew.facts._servicing import _fewest_days

from .strategies import age_schedules

D = pendulum.Date
_SPAN = st.integers(0, 400).map(lambda n: D(2020, 1, 1).add(days=n))
_SHORT = (
    st.builds(mc.Period, months=st.integers(0, 2), days=st.integers(0, 40))
    | st.builds(mc.Period, weeks=st.integers(0, 3))
).map(mc.AgeSchedule.fixed)


def person(**fields: object) -> mc.Person:
    return mc.Person(id="BF1", name="Ann", discipline=mc.Discipline.DECK, **fields)  # type: ignore[arg-type]


class TestSeaTime:
    def fleet(self, *deployments: mc.Deployment, **person_fields: object) -> mc.Fleet:
        return mc.Fleet(people=(person(**person_fields),), deployments=deployments)

    def test_both_ends_of_a_deployment_count(self) -> None:
        data = self.fleet(mc.Deployment("d", "v", D(2020, 4, 1), D(2020, 4, 14), person="BF1"))
        assert facts.sea_days(data, data.people[0], until=D(2021, 1, 1)) == 14

    def test_overlapping_deployments_count_once(self) -> None:
        data = self.fleet(
            mc.Deployment("a", "v", D(2020, 4, 1), D(2020, 4, 14), person="BF1"),
            mc.Deployment("b", "v", D(2020, 4, 10), D(2020, 4, 20), person="BF1"),
            mc.Deployment("c", "v", D(2020, 4, 21), D(2020, 4, 21), person="BF1"),
        )
        assert facts.sea_days(data, data.people[0], until=D(2021, 1, 1)) == 21
        assert facts.sea_periods(data, data.people[0], until=D(2021, 1, 1)) == [
            (D(2020, 4, 1), D(2020, 4, 21))
        ]

    def test_days_after_the_date_asked_about_do_not_count_yet(self) -> None:
        data = self.fleet(mc.Deployment("d", "v", D(2021, 3, 25), D(2021, 4, 7), person="BF1"))
        assert facts.sea_days(data, data.people[0], until=D(2021, 3, 31)) == 7
        ongoing = self.fleet(mc.Deployment("d", "v", D(2021, 3, 25), person="BF1"))
        assert facts.sea_days(ongoing, ongoing.people[0], until=D(2021, 3, 31)) == 7

    def test_leap_day_and_month_ends(self) -> None:
        data = self.fleet(mc.Deployment("d", "v", D(2020, 2, 28), D(2020, 3, 1), person="BF1"))
        assert facts.sea_days(data, data.people[0], until=D(2020, 12, 31)) == 3
        data = self.fleet(mc.Deployment("d", "v", D(2021, 2, 28), D(2021, 3, 1), person="BF1"))
        assert facts.sea_days(data, data.people[0], until=D(2021, 12, 31)) == 2

    def test_a_window_counts_only_its_days(self) -> None:
        data = self.fleet(mc.Deployment("d", "v", D(2020, 1, 1), D(2020, 12, 31), person="BF1"))
        assert (
            facts.sea_days(data, data.people[0], since=D(2020, 10, 1), until=D(2020, 10, 31)) == 31
        )

    def test_crew_deployments_count_from_joining_the_crew(self) -> None:
        data = mc.Fleet(
            people=(person(crew="c", crew_since=D(2020, 4, 8)),),
            deployments=(mc.Deployment("d", "v", D(2020, 4, 1), D(2020, 4, 14), crew="c"),),
        )
        assert facts.sea_days(data, data.people[0], until=D(2021, 1, 1)) == 7


class TestServicing:
    # A dry suit's pressure test: every 3 years, every 2 years from age 10.
    SCHEDULE = mc.AgeSchedule(
        (mc.AgeBand(mc.Period(years=3), 0), mc.AgeBand(mc.Period(years=2), 10))
    )
    MADE = D(2010, 5, 1)

    @pytest.mark.parametrize(
        ("last", "due"),
        [
            (D(2016, 5, 1), D(2019, 5, 1)),  # tested at 6: due at 9, still the 3-year band
            (D(2018, 6, 1), D(2020, 6, 1)),  # tested at 8: the 2-year band applies at 10
            (D(2017, 11, 1), D(2020, 5, 1)),  # tested at 7.5: already 2.5 years by age 10
            (D(2019, 5, 1), D(2021, 5, 1)),  # tested at 9: due at 11
            (D(2021, 5, 1), D(2023, 5, 1)),  # tested at 11: every 2 years
        ],
    )
    def test_due_date_follows_the_age_band_in_force(self, last: D, due: D) -> None:
        assert facts.next_due(self.SCHEDULE, last, self.MADE) == due

    def test_unknown_age_takes_the_shortest_interval(self) -> None:
        assert facts.next_due(self.SCHEDULE, D(2018, 6, 1), None) == D(2020, 6, 1)

    def test_only_passed_services_count_and_the_first_counts_from_manufacture(self) -> None:
        suit_type = mc.EquipmentType(
            "dry-suit", "Dry suit", services=(mc.ServiceSchedule("pressure-test", self.SCHEDULE),)
        )
        suit = mc.EquipmentItem(
            "DS-1",
            "dry-suit",
            manufactured=self.MADE,
            services=(
                mc.ServiceEvent("pressure-test", D(2013, 5, 1)),
                mc.ServiceEvent("pressure-test", D(2016, 4, 1), mc.ServiceResult.FAIL),
            ),
        )
        data = mc.Fleet(equipment_types=(suit_type,), equipment_items=(suit,))
        (status,) = facts.service_status(data, suit, D(2016, 6, 1))
        assert status.last is not None
        assert status.last.date == D(2013, 5, 1)
        assert status.due == D(2016, 5, 1)
        assert not status.overdue_on(D(2016, 5, 1))
        assert status.overdue_on(D(2016, 5, 2))
        (never,) = facts.service_status(data, suit, D(2012, 1, 1))
        assert never.last is None
        assert never.due == D(2013, 5, 1)

    @given(
        st.lists(_SHORT | age_schedules, min_size=1, max_size=2),
        st.lists(st.tuples(_SPAN, st.booleans(), st.sampled_from([0, 1])), max_size=4),
        st.none() | _SPAN,
        _SPAN,
    )
    def test_overdue_services_are_those_of_the_status_overdue_on_the_date(
        self,
        schedules: list[mc.AgeSchedule],
        events: list[tuple[D, bool, int]],
        made: D | None,
        on: D,
    ) -> None:
        kind = mc.EquipmentType(
            "suit",
            "Suit",
            services=tuple(
                mc.ServiceSchedule(f"test-{n}", schedule) for n, schedule in enumerate(schedules)
            ),
        )
        results = {True: mc.ServiceResult.PASS, False: mc.ServiceResult.FAIL}
        item = mc.EquipmentItem(
            "S-1",
            "suit",
            manufactured=made,
            services=tuple(
                mc.ServiceEvent(f"test-{which}", day, results[passed])
                for day, passed, which in events
            ),
        )
        data = mc.Fleet(equipment_types=(kind,), equipment_items=(item,))
        days = {on} | {
            status.due.add(days=offset)
            for status in facts.service_status(data, item, on)
            if status.due is not None
            for offset in (-1, 0, 1, 2)
        }
        for day in sorted(days):
            every = facts.service_status(data, item, day)
            overdue = [status for status in every if status.overdue_on(day)]
            assert facts.overdue_services(data, item, day) == overdue

    @pytest.mark.parametrize(
        ("period", "shortest", "bound"),
        [
            (mc.Period(months=1), 28, 28),  # 31 January to 28 February
            (mc.Period(months=11), 334, 308),  # 1 January to 1 December
            (mc.Period(months=12), 365, 365),
            (mc.Period(months=13, days=3), 396, 396),  # 31 January 2021 to 3 March 2022
            (mc.Period(years=2), 730, 730),  # 29 February 2020 to 28 February 2022
            (mc.Period(weeks=3), 21, 21),
        ],
    )
    def test_a_period_after_any_date_spans_at_least_its_fewest_days(
        self, period: mc.Period, shortest: int, bound: int
    ) -> None:
        """The bound ``overdue_services`` relies on: 365 days a year, 28 a month, 7 a week."""
        spans = [
            (period.after(start) - start).days
            for start in (D(2019, 1, 1).add(days=n) for n in range(4 * 366))
        ]
        assert min(spans) == shortest
        assert _fewest_days(mc.AgeSchedule.fixed(period)) == bound <= shortest

    def test_shelf_life_runs_up_to_and_including_its_last_day(self) -> None:
        armour = mc.EquipmentType("armour", "Body armour", shelf_life=mc.Period(years=5))
        item = mc.EquipmentItem("BA-1", "armour", manufactured=D(2016, 2, 1))
        data = mc.Fleet(equipment_types=(armour,), equipment_items=(item,))
        assert facts.shelf_life_end(data, item) == D(2021, 1, 31)


class TestValidity:
    def test_recorded_expiry_wins_and_derived_expiry_is_inclusive(self) -> None:
        coc = mc.CertificateType("coc", "CoC", validity=mc.AgeSchedule.fixed("P5Y"))
        holder = person(
            certificates=(
                mc.Certificate("coc", D(2016, 3, 2)),
                mc.Certificate("coc", D(2016, 3, 2), expires=D(2020, 1, 1)),
            )
        )
        data = mc.Fleet(people=(holder,), certificate_types=(coc,))
        first, second = facts.certificates_of(data, holder, "coc")
        assert first.expires == D(2021, 3, 1)
        assert second.expires == D(2020, 1, 1)
        assert facts.valid_certificate(data, holder, "coc", D(2021, 3, 1)) == first
        assert facts.valid_certificate(data, holder, "coc", D(2021, 3, 2)) is None
        assert facts.latest_certificate(data, holder, "coc", D(2021, 3, 2)) is not None

    def test_a_future_dated_record_is_not_yet_held(self) -> None:
        course = mc.Course("sea-survival", "Sea survival", validity=mc.AgeSchedule.fixed("P3Y"))
        booked = person(training=(mc.TrainingRecord("sea-survival", D(2021, 5, 1)),))
        data = mc.Fleet(people=(booked,), courses=(course,))
        assert facts.valid_training(data, booked, "sea-survival", D(2021, 3, 31)) is None
        assert facts.latest_training(data, booked, "sea-survival", D(2021, 3, 31)) is None
        held = facts.valid_training(data, booked, "sea-survival", D(2021, 5, 1))
        assert held is not None
        assert held.expires == D(2024, 4, 30)


class TestDocuments:
    def sop(self, *versions: mc.DocumentVersion, **fields: object) -> mc.Document:
        return mc.Document(
            "SOP-1", mc.DocumentKind.SOP, "Boarding", "Ops", versions=versions, **fields
        )  # type: ignore[arg-type]

    def test_the_version_in_force_on_any_date(self) -> None:
        sop = self.sop(
            mc.DocumentVersion("1", mc.VersionStatus.SUPERSEDED, effective=D(2019, 1, 1)),
            mc.DocumentVersion(
                "2", mc.VersionStatus.APPROVED, effective=D(2020, 3, 1), supersedes="1"
            ),
            mc.DocumentVersion("3", mc.VersionStatus.DRAFT, effective=D(2021, 1, 1)),
        )
        assert facts.version_in_force(sop, D(2018, 12, 31)) is None
        assert facts.version_in_force(sop, D(2020, 2, 29)).label == "1"  # type: ignore[union-attr]
        assert facts.version_in_force(sop, D(2021, 3, 31)).label == "2"  # type: ignore[union-attr]
        assert [v.label for v in facts.versions_in_force(sop, D(2021, 3, 31))] == ["2"]

    def test_two_approved_versions_without_supersession_are_both_in_force(self) -> None:
        sop = self.sop(
            mc.DocumentVersion("1", mc.VersionStatus.APPROVED, effective=D(2019, 1, 1)),
            mc.DocumentVersion("2", mc.VersionStatus.APPROVED, effective=D(2020, 3, 1)),
        )
        assert [v.label for v in facts.versions_in_force(sop, D(2021, 3, 31))] == ["1", "2"]

    def test_last_reviewed_is_the_latest_version_or_review(self) -> None:
        sop = self.sop(
            mc.DocumentVersion("1", mc.VersionStatus.APPROVED, effective=D(2019, 1, 1)),
            reviews=(mc.DocumentReview(D(2020, 1, 15)), mc.DocumentReview(D(2022, 1, 1))),
        )
        assert facts.last_reviewed(sop, D(2021, 3, 31)) == D(2020, 1, 15)
        assert facts.last_reviewed(sop, D(2018, 1, 1)) is None


class TestTerms:
    OLD = mc.TermsAndConditions(
        "tc-2012", "Old", mc.TermsStatus.IN_FORCE, effective=D(2012, 4, 1), superseded=D(2021, 4, 1)
    )

    def test_in_force_by_dates_until_the_day_it_is_superseded(self) -> None:
        assert not facts.terms_in_force(self.OLD, D(2012, 3, 31))
        assert facts.terms_in_force(self.OLD, D(2012, 4, 1))
        assert facts.terms_in_force(self.OLD, D(2021, 3, 31))
        assert not facts.terms_in_force(self.OLD, D(2021, 4, 1))

    def test_the_assignment_covering_a_date(self) -> None:
        someone = person(
            terms=(
                mc.TermsAssignment("tc-2012", D(2014, 9, 1), D(2021, 3, 31)),
                mc.TermsAssignment("tc-2021", D(2021, 4, 1)),
            )
        )
        data = mc.Fleet(people=(someone,), terms=(self.OLD,))
        found = facts.assignment_on(data, someone, D(2021, 3, 31))
        assert found is not None
        assert found[0].set == "tc-2012"
        assert found[1] == self.OLD
        later = facts.assignment_on(data, someone, D(2021, 4, 1))
        assert later is not None
        assert later[0].set == "tc-2021"
        assert later[1] is None  # not in the data: DATA002 reports it
        assert facts.assignment_on(data, someone, D(2014, 8, 31)) is None


_DAYS = st.integers(0, 60).map(lambda n: D(2020, 1, 1).add(days=n))


@given(
    st.lists(st.tuples(_DAYS, st.none() | _DAYS, st.sampled_from(["coc", "medical"])), max_size=6),
    _DAYS,
)
def test_the_valid_certificate_is_the_longest_lasting_of_those_valid_that_day(
    records: list[tuple[D, D | None, str]], on: D
) -> None:
    """One that never expires beats any dated one (the later of two such); then the latest
    expiry (the first recorded of equal ones); none if none is valid on the day."""
    coc = mc.CertificateType("coc", "CoC", validity=mc.AgeSchedule.fixed("P10D"))
    medical = mc.CertificateType("medical", "Medical")  # no validity: never expires
    holder = person(
        certificates=tuple(
            mc.Certificate(kind, issued, expires=expires) for issued, expires, kind in records
        )
    )
    data = mc.Fleet(people=(holder,), certificate_types=(coc, medical))
    for kind in ("coc", "medical"):
        best = None
        for position, certificate in enumerate(holder.certificates):
            if certificate.type != kind:
                continue
            last = certificate.expires
            if last is None and kind == "coc":
                last = certificate.issued.add(days=9)
            if not (certificate.issued <= on and (last is None or on <= last)):
                continue
            if best is None or last is None or (best[1] is not None and last > best[1]):
                best = (position, last)
        found = facts.valid_certificate(data, holder, kind, on)
        assert ((found.position, found.expires) if found else None) == best


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["coc", "medical", "gmdss"]),
            _DAYS,
            st.none() | _DAYS,
            st.sampled_from(["a", "b"]),
        ),
        max_size=8,
    ),
    st.lists(st.sampled_from(["medic", "coxswain", "nobody"]), max_size=3, unique=True),
    st.none() | _DAYS,
    _DAYS,
)
def test_standing_names_every_unmet_requirement_and_the_first_to_run_out(
    records: list[tuple[str, D, D | None, str]],
    roles: list[str],
    left: D | None,
    on: D,
) -> None:
    """``standing`` agrees, person by person, with asking each required type in turn."""
    coc = mc.CertificateType("coc", "CoC", validity=mc.AgeSchedule.fixed("P10D"))
    medical = mc.CertificateType("medical", "Medical")  # never expires
    grade = mc.Grade("officer", "Officer", certificates=("coc",))
    pathway = mc.Pathway("deck", "Deck", mc.Discipline.DECK, grades=(grade,))
    duty_roles = (
        mc.DutyRole("medic", "Medic", certificates=("medical", "gmdss")),
        mc.DutyRole("coxswain", "Coxswain", certificates=("coc",)),
    )
    people = tuple(
        mc.Person(
            id=who,
            name="Ann",
            discipline=mc.Discipline.DECK,
            grade="officer",
            duty_roles=tuple(roles) if who == "a" else (),
            left=left if who == "b" else None,
            certificates=tuple(
                mc.Certificate(kind, issued, expires=expires)
                for kind, issued, expires, holder in records
                if holder == who
            ),
        )
        for who in ("a", "b")
    )
    data = mc.Fleet(
        people=people, certificate_types=(coc, medical), pathways=(pathway,), duty_roles=duty_roles
    )
    found = facts.standing(data, "certificates", on)
    in_service = [p for p in people if p.in_service_on(on)]
    assert list(found.people) == in_service
    unmet, soonest = [], []
    for index, holder in enumerate(in_service):
        ends = []
        for type_id, why in facts.required_certificates(data, holder).items():
            valid = facts.valid_certificate(data, holder, type_id, on)
            if valid is None:
                unmet.append((index, type_id, tuple(why)))
            elif valid.expires is not None:
                ends.append(valid.expires)
        soonest.append(min(ends) if ends else None)
    assert list(found.unmet) == unmet
    for holder, end in zip(in_service, soonest, strict=True):
        for last in (on, on.add(days=5), on.add(days=20)):
            expected = end is not None and end <= last
            assert (holder in found.ending_by(last)) is expected


@given(
    st.lists(st.tuples(_DAYS, st.none() | _DAYS, st.sampled_from(["coc", "medical"])), max_size=6),
    _DAYS,
    st.integers(0, 30),
)
def test_ending_by_says_whether_a_record_valid_on_a_day_ends_in_the_window(
    records: list[tuple[D, D | None, str]], on: D, within: int
) -> None:
    coc = mc.CertificateType("coc", "CoC", validity=mc.AgeSchedule.fixed("P10D"))
    medical = mc.CertificateType("medical", "Medical")  # no validity: never expires
    holder = person(
        certificates=tuple(
            mc.Certificate(kind, issued, expires=expires) for issued, expires, kind in records
        )
    )
    data = mc.Fleet(people=(holder,), certificate_types=(coc, medical))
    last = on.add(days=within)
    held = [h for kind in ("coc", "medical") for h in facts.certificates_of(data, holder, kind)]
    expected = any(h.valid_on(on) and h.expires is not None and h.expires <= last for h in held)
    assert facts.ending_by(data, holder, "certificates", on, last) is expected


def test_kit_is_read_from_the_persons_own_ledger_when_staff_numbers_repeat() -> None:
    """Two records with one staff number each hold their own kit (DATA001 reports the id)."""
    on = D(2021, 3, 31)
    helmet = mc.EquipmentItem(id="H1", type="helmet")
    withdrawn = mc.EquipmentItem(
        id="H2", type="helmet", status=mc.ItemStatus.WITHDRAWN, status_date=D(2021, 1, 1)
    )
    suit = mc.EquipmentItem(id="S1", type="dry-suit")
    first = person(issues=(mc.Issue(item="S1", issued=D(2020, 1, 1)),))
    second = person(
        issues=(
            mc.Issue(item="H1", issued=D(2020, 1, 1)),
            mc.Issue(item="H2", issued=D(2020, 1, 1)),
            mc.Issue(item="S1", issued=D(2019, 1, 1), returned=D(2019, 12, 31)),
        )
    )
    fleet = mc.Fleet(people=(first, second), equipment_items=(helmet, withdrawn, suit))
    assert facts.kit_held(fleet, second, "helmet", on) == [helmet]
    assert facts.kit_held(fleet, second, "dry-suit", on) == []
    assert facts.kit_held(fleet, first, "dry-suit", on) == [suit]
    assert facts.usable_kit_types(fleet, second, on) == ("helmet",)
    assert facts.usable_kit_types(fleet, first, on) == ("dry-suit",)
    # Looked up by id, the staff number finds the first record.
    assert fleet.items_held("BF1", on) == (suit,)


def test_a_checked_fleet_is_freed_with_its_caches_when_no_longer_used() -> None:
    """Loading and checking one dataset after another does not keep the earlier fleets."""
    fleet = mc.load(Path(__file__).parent.parent / "examples" / "fleet")
    for day in ("2021-03-31", "2021-06-30"):  # caches of two dates
        mc.check(fleet, as_of=day)
    gone = weakref.ref(fleet)
    del fleet
    gc.collect()
    assert gone() is None
