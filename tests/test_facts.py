"""Facts derived from records on a date: sea time, servicing, validity, documents, terms."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew import facts
from maritime_crew.facts import Facts
from maritime_crew.facts._servicing import _fewest_days

from .strategies import age_schedules

D = pendulum.Date
_SPAN = st.integers(0, 400).map(lambda n: D(2020, 1, 1).add(days=n))
_SHORT = (
    st.builds(mc.model.Period, months=st.integers(0, 2), days=st.integers(0, 40))
    | st.builds(mc.model.Period, weeks=st.integers(0, 3))
).map(mc.model.AgeSchedule.fixed)


def person(**fields: object) -> mc.model.Person:
    return mc.model.Person(id="BF1", name="Ann", discipline=mc.model.Discipline.DECK, **fields)  # type: ignore[arg-type]


def on(data: mc.model.Fleet, day: D) -> facts.View:
    return Facts.of(data).on(day)


class TestSeaTime:
    def fleet(self, *deployments: mc.model.Deployment, **person_fields: object) -> mc.model.Fleet:
        return mc.model.Fleet(people=(person(**person_fields),), deployments=deployments)

    def test_both_ends_of_a_deployment_count(self) -> None:
        data = self.fleet(
            mc.model.Deployment("d", "v", D(2020, 4, 1), D(2020, 4, 14), person="BF1")
        )
        assert Facts.of(data).sea_days(data.people[0], until=D(2021, 1, 1)) == 14

    def test_overlapping_deployments_count_once(self) -> None:
        data = self.fleet(
            mc.model.Deployment("a", "v", D(2020, 4, 1), D(2020, 4, 14), person="BF1"),
            mc.model.Deployment("b", "v", D(2020, 4, 10), D(2020, 4, 20), person="BF1"),
            mc.model.Deployment("c", "v", D(2020, 4, 21), D(2020, 4, 21), person="BF1"),
        )
        assert Facts.of(data).sea_days(data.people[0], until=D(2021, 1, 1)) == 21
        assert Facts.of(data).sea_periods(data.people[0], until=D(2021, 1, 1)) == (
            (D(2020, 4, 1), D(2020, 4, 21)),
        )

    def test_days_after_the_date_asked_about_do_not_count_yet(self) -> None:
        data = self.fleet(
            mc.model.Deployment("d", "v", D(2021, 3, 25), D(2021, 4, 7), person="BF1")
        )
        assert Facts.of(data).sea_days(data.people[0], until=D(2021, 3, 31)) == 7
        ongoing = self.fleet(mc.model.Deployment("d", "v", D(2021, 3, 25), person="BF1"))
        assert Facts.of(ongoing).sea_days(ongoing.people[0], until=D(2021, 3, 31)) == 7

    def test_leap_day_and_month_ends(self) -> None:
        data = self.fleet(
            mc.model.Deployment("d", "v", D(2020, 2, 28), D(2020, 3, 1), person="BF1")
        )
        assert Facts.of(data).sea_days(data.people[0], until=D(2020, 12, 31)) == 3
        data = self.fleet(
            mc.model.Deployment("d", "v", D(2021, 2, 28), D(2021, 3, 1), person="BF1")
        )
        assert Facts.of(data).sea_days(data.people[0], until=D(2021, 12, 31)) == 2

    def test_a_window_counts_only_its_days(self) -> None:
        data = self.fleet(
            mc.model.Deployment("d", "v", D(2020, 1, 1), D(2020, 12, 31), person="BF1")
        )
        assert (
            Facts.of(data).sea_days(data.people[0], since=D(2020, 10, 1), until=D(2020, 10, 31))
            == 31
        )

    def test_crew_deployments_count_from_joining_the_crew(self) -> None:
        data = mc.model.Fleet(
            people=(person(crew="c", crew_since=D(2020, 4, 8)),),
            deployments=(mc.model.Deployment("d", "v", D(2020, 4, 1), D(2020, 4, 14), crew="c"),),
        )
        assert Facts.of(data).sea_days(data.people[0], until=D(2021, 1, 1)) == 7


class TestServicing:
    # A dry suit's pressure test: every 3 years, every 2 years from age 10.
    SCHEDULE = mc.model.AgeSchedule(
        (
            mc.model.AgeBand(mc.model.Period(years=3), 0),
            mc.model.AgeBand(mc.model.Period(years=2), 10),
        )
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
        suit_type = mc.model.EquipmentType(
            "dry-suit",
            "Dry suit",
            services=(mc.model.ServiceSchedule("pressure-test", self.SCHEDULE),),
        )
        suit = mc.model.EquipmentItem(
            "DS-1",
            "dry-suit",
            manufactured=self.MADE,
            services=(
                mc.model.ServiceEvent("pressure-test", D(2013, 5, 1)),
                mc.model.ServiceEvent("pressure-test", D(2016, 4, 1), mc.model.ServiceResult.FAIL),
            ),
        )
        data = mc.model.Fleet(equipment_types=(suit_type,), equipment_items=(suit,))
        (status,) = on(data, D(2016, 6, 1)).service_status(suit)
        assert status.last is not None
        assert status.last.date == D(2013, 5, 1)
        assert status.due == D(2016, 5, 1)
        assert not status.overdue_on(D(2016, 5, 1))
        assert status.overdue_on(D(2016, 5, 2))
        (never,) = on(data, D(2012, 1, 1)).service_status(suit)
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
        schedules: list[mc.model.AgeSchedule],
        events: list[tuple[D, bool, int]],
        made: D | None,
        on: D,
    ) -> None:
        kind = mc.model.EquipmentType(
            "suit",
            "Suit",
            services=tuple(
                mc.model.ServiceSchedule(f"test-{n}", schedule)
                for n, schedule in enumerate(schedules)
            ),
        )
        results = {True: mc.model.ServiceResult.PASS, False: mc.model.ServiceResult.FAIL}
        item = mc.model.EquipmentItem(
            "S-1",
            "suit",
            manufactured=made,
            services=tuple(
                mc.model.ServiceEvent(f"test-{which}", day, results[passed])
                for day, passed, which in events
            ),
        )
        data = mc.model.Fleet(equipment_types=(kind,), equipment_items=(item,))
        days = {on} | {
            status.due.add(days=offset)
            for status in Facts.of(data).on(on).service_status(item)
            if status.due is not None
            for offset in (-1, 0, 1, 2)
        }
        for day in sorted(days):
            every = Facts.of(data).on(day).service_status(item)
            overdue = tuple(status for status in every if status.overdue_on(day))
            assert Facts.of(data).on(day).overdue_services(item) == overdue

    @pytest.mark.parametrize(
        ("period", "shortest", "bound"),
        [
            (mc.model.Period(months=1), 28, 28),  # 31 January to 28 February
            (mc.model.Period(months=11), 334, 308),  # 1 January to 1 December
            (mc.model.Period(months=12), 365, 365),
            (mc.model.Period(months=13, days=3), 396, 396),  # 31 January 2021 to 3 March 2022
            (mc.model.Period(years=2), 730, 730),  # 29 February 2020 to 28 February 2022
            (mc.model.Period(weeks=3), 21, 21),
        ],
    )
    def test_a_period_after_any_date_spans_at_least_its_fewest_days(
        self, period: mc.model.Period, shortest: int, bound: int
    ) -> None:
        """The bound ``overdue_services`` relies on: 365 days a year, 28 a month, 7 a week."""
        spans = [
            (period.after(start) - start).days
            for start in (D(2019, 1, 1).add(days=n) for n in range(4 * 366))
        ]
        assert min(spans) == shortest
        assert _fewest_days(mc.model.AgeSchedule.fixed(period)) == bound <= shortest

    def test_shelf_life_runs_up_to_and_including_its_last_day(self) -> None:
        armour = mc.model.EquipmentType(
            "armour", "Body armour", shelf_life=mc.model.Period(years=5)
        )
        item = mc.model.EquipmentItem("BA-1", "armour", manufactured=D(2016, 2, 1))
        data = mc.model.Fleet(equipment_types=(armour,), equipment_items=(item,))
        assert Facts.of(data).shelf_life_end(item) == D(2021, 1, 31)


class TestValidity:
    def test_recorded_expiry_wins_and_derived_expiry_is_inclusive(self) -> None:
        coc = mc.model.CertificateType("coc", "CoC", validity=mc.model.AgeSchedule.fixed("P5Y"))
        holder = person(
            certificates=(
                mc.model.Certificate("coc", D(2016, 3, 2)),
                mc.model.Certificate("coc", D(2016, 3, 2), expires=D(2020, 1, 1)),
            )
        )
        data = mc.model.Fleet(people=(holder,), certificate_types=(coc,))
        first, second = Facts.of(data).records_of(holder, "certificates", "coc")
        assert first.expires == D(2021, 3, 1)
        assert second.expires == D(2020, 1, 1)
        assert on(data, D(2021, 3, 1)).valid(holder, "certificates", "coc") == first
        assert on(data, D(2021, 3, 2)).valid(holder, "certificates", "coc") is None
        assert on(data, D(2021, 3, 2)).latest(holder, "certificates", "coc") is not None

    def test_a_future_dated_record_is_not_yet_held(self) -> None:
        course = mc.model.Course(
            "sea-survival", "Sea survival", validity=mc.model.AgeSchedule.fixed("P3Y")
        )
        booked = person(training=(mc.model.TrainingRecord("sea-survival", D(2021, 5, 1)),))
        data = mc.model.Fleet(people=(booked,), courses=(course,))
        assert on(data, D(2021, 3, 31)).valid(booked, "training", "sea-survival") is None
        assert on(data, D(2021, 3, 31)).latest(booked, "training", "sea-survival") is None
        held = on(data, D(2021, 5, 1)).valid(booked, "training", "sea-survival")
        assert held is not None
        assert held.expires == D(2024, 4, 30)


class TestDocuments:
    def sop(self, *versions: mc.model.DocumentVersion, **fields: object) -> mc.model.Document:
        return mc.model.Document(
            "SOP-1", mc.model.DocumentKind.SOP, "Boarding", "Ops", versions=versions, **fields
        )  # type: ignore[arg-type]

    def test_the_version_in_force_on_any_date(self) -> None:
        sop = self.sop(
            mc.model.DocumentVersion(
                "1", mc.model.VersionStatus.SUPERSEDED, effective=D(2019, 1, 1)
            ),
            mc.model.DocumentVersion(
                "2", mc.model.VersionStatus.APPROVED, effective=D(2020, 3, 1), supersedes="1"
            ),
            mc.model.DocumentVersion("3", mc.model.VersionStatus.DRAFT, effective=D(2021, 1, 1)),
        )
        data = mc.model.Fleet(documents=(sop,))
        assert on(data, D(2018, 12, 31)).version_in_force(sop) is None
        assert on(data, D(2020, 2, 29)).version_in_force(sop).label == "1"  # type: ignore[union-attr]
        assert on(data, D(2020, 12, 31)).version_in_force(sop).label == "2"  # type: ignore[union-attr]
        # The status recorded does not decide: "3" takes effect on its effective date.
        assert on(data, D(2021, 1, 1)).version_in_force(sop).label == "3"  # type: ignore[union-attr]
        assert [v.label for v in on(data, D(2021, 3, 31)).versions_in_force(sop)] == ["3"]
        statuses = [on(data, D(2020, 12, 31)).version_status(sop, v) for v in sop.versions]
        assert [s.value for s in statuses] == ["superseded", "approved", "draft"]

    def test_a_later_version_supersedes_an_earlier_one_whatever_is_recorded(self) -> None:
        sop = self.sop(
            mc.model.DocumentVersion("1", mc.model.VersionStatus.APPROVED, effective=D(2019, 1, 1)),
            mc.model.DocumentVersion("2", mc.model.VersionStatus.APPROVED, effective=D(2020, 3, 1)),
            mc.model.DocumentVersion(
                "2a", mc.model.VersionStatus.APPROVED, effective=D(2020, 3, 1)
            ),
        )
        data = mc.model.Fleet(documents=(sop,))
        # Versions taking effect the same day do not supersede one another.
        assert [v.label for v in on(data, D(2021, 3, 31)).versions_in_force(sop)] == ["2", "2a"]
        assert on(data, D(2021, 3, 31)).version_in_force(sop).label == "2"  # type: ignore[union-attr]
        assert facts.Facts.of(data).successor(sop, sop.versions[0]) is sop.versions[1]

    def test_withdrawal_ends_a_version_and_before_its_effective_date_prevents_it(self) -> None:
        withdrawn = mc.model.VersionStatus.WITHDRAWN
        sop = self.sop(
            mc.model.DocumentVersion(
                "1", withdrawn, effective=D(2019, 1, 1), withdrawn=D(2020, 1, 1)
            ),
            mc.model.DocumentVersion(
                "2", withdrawn, effective=D(2020, 6, 1), withdrawn=D(2020, 6, 1)
            ),
            mc.model.DocumentVersion("3", withdrawn, effective=D(2020, 6, 1)),
        )
        data = mc.model.Fleet(documents=(sop,))
        view = on(data, D(2019, 12, 31))
        assert [view.version_status(sop, v).value for v in sop.versions] == [
            "approved",
            "draft",
            "withdrawn",  # recorded withdrawn with no date: withdrawn on every date
        ]
        view = on(data, D(2020, 6, 1))
        assert [view.version_status(sop, v).value for v in sop.versions] == ["withdrawn"] * 3
        assert [view.started(v) for v in sop.versions] == [True, False, False]
        assert facts.Facts.of(data).taking_effect(sop.versions[1]) is None

    def test_last_reviewed_is_the_latest_version_or_review(self) -> None:
        sop = self.sop(
            mc.model.DocumentVersion("1", mc.model.VersionStatus.APPROVED, effective=D(2019, 1, 1)),
            reviews=(
                mc.model.DocumentReview(D(2020, 1, 15)),
                mc.model.DocumentReview(D(2022, 1, 1)),
            ),
        )
        data = mc.model.Fleet(documents=(sop,))
        assert on(data, D(2021, 3, 31)).last_reviewed(sop) == D(2020, 1, 15)
        assert on(data, D(2018, 1, 1)).last_reviewed(sop) is None


class TestTerms:
    OLD = mc.model.TermsAndConditions(
        "tc-2012",
        "Old",
        mc.model.TermsStatus.IN_FORCE,
        effective=D(2012, 4, 1),
        superseded=D(2021, 4, 1),
    )

    def test_in_force_by_dates_until_the_day_it_is_superseded(self) -> None:
        data = mc.model.Fleet(terms=(self.OLD,))
        assert not on(data, D(2012, 3, 31)).terms_in_force(self.OLD)
        assert on(data, D(2012, 4, 1)).terms_in_force(self.OLD)
        assert on(data, D(2021, 3, 31)).terms_in_force(self.OLD)
        assert not on(data, D(2021, 4, 1)).terms_in_force(self.OLD)

    def test_the_assignment_covering_a_date(self) -> None:
        someone = person(
            terms=(
                mc.model.TermsAssignment("tc-2012", D(2014, 9, 1), D(2021, 3, 31)),
                mc.model.TermsAssignment("tc-2021", D(2021, 4, 1)),
            )
        )
        data = mc.model.Fleet(people=(someone,), terms=(self.OLD,))
        found = on(data, D(2021, 3, 31)).assignment(someone)
        assert found is not None
        assert found.assignment.set == "tc-2012"
        assert found.position == 0
        assert found.terms == self.OLD
        later = on(data, D(2021, 4, 1)).assignment(someone)
        assert later is not None
        assert later.assignment.set == "tc-2021"
        assert later.terms is None  # not in the data: DATA002 reports it
        assert on(data, D(2014, 8, 31)).assignment(someone) is None
        assert Facts.of(data).assignment_on(someone, D(2021, 4, 1)) == later

    def test_the_shortest_limit_and_the_longest_rest_of_any_set(self) -> None:
        def with_pattern(id: str, limit: int | None, rest: int | None) -> object:
            pattern = mc.model.WorkingPattern(
                14, 14, max_consecutive_days_at_sea=limit, rest_days_after_tour=rest
            )
            return attrs.evolve(self.OLD, id=id, working_pattern=pattern)

        sets = (with_pattern("a", 28, 2), with_pattern("b", 21, None), with_pattern("c", None, 4))
        data = mc.model.Fleet(terms=sets)  # type: ignore[arg-type]
        assert Facts.of(data).shortest_sea_limit() == 21
        assert Facts.of(data).longest_rest_after_tour() == 4
        assert Facts.of(mc.model.Fleet(terms=(self.OLD,))).longest_rest_after_tour() is None


class TestTours:
    def deployed(self, id: str, start: D, end: D | None, **fields: object) -> mc.model.Deployment:
        return mc.model.Deployment(id, "vigilant", start, end, **fields)  # type: ignore[arg-type]

    def test_back_to_back_deployments_of_a_person_and_their_crew_make_one_tour(self) -> None:
        crew = self.deployed("dep-1", D(2021, 5, 1), D(2021, 5, 14), crew="vigilant-a")
        own = self.deployed("dep-2", D(2021, 5, 15), D(2021, 5, 28), person="BF1")
        later = self.deployed("dep-3", D(2021, 5, 30), None, person="BF1")
        someone = person(crew="vigilant-a")
        data = mc.model.Fleet(people=(someone,), deployments=(crew, own, later))
        assert on(data, D(2021, 6, 3)).tours(someone) == (
            facts.Tour(D(2021, 5, 1), D(2021, 5, 28), (crew, own)),
            facts.Tour(D(2021, 5, 30), None, (later,)),  # runs on to the date
        )
        assert on(data, D(2021, 5, 10)).tours(someone) == (
            facts.Tour(D(2021, 5, 1), D(2021, 5, 14), (crew,)),  # dep-2 is still to come
        )


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
    coc = mc.model.CertificateType("coc", "CoC", validity=mc.model.AgeSchedule.fixed("P10D"))
    medical = mc.model.CertificateType("medical", "Medical")  # no validity: never expires
    holder = person(
        certificates=tuple(
            mc.model.Certificate(kind, issued, expires=expires) for issued, expires, kind in records
        )
    )
    data = mc.model.Fleet(people=(holder,), certificate_types=(coc, medical))
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
        found = Facts.of(data).on(on).valid(holder, "certificates", kind)
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
    coc = mc.model.CertificateType("coc", "CoC", validity=mc.model.AgeSchedule.fixed("P10D"))
    medical = mc.model.CertificateType("medical", "Medical")  # never expires
    grade = mc.model.Grade("officer", "Officer", certificates=("coc",))
    pathway = mc.model.Pathway("deck", "Deck", mc.model.Discipline.DECK, grades=(grade,))
    duty_roles = (
        mc.model.DutyRole("medic", "Medic", certificates=("medical", "gmdss")),
        mc.model.DutyRole("coxswain", "Coxswain", certificates=("coc",)),
    )
    people = tuple(
        mc.model.Person(
            id=who,
            name="Ann",
            discipline=mc.model.Discipline.DECK,
            grade="officer",
            duty_roles=tuple(roles) if who == "a" else (),
            left=left if who == "b" else None,
            certificates=tuple(
                mc.model.Certificate(kind, issued, expires=expires)
                for kind, issued, expires, holder in records
                if holder == who
            ),
        )
        for who in ("a", "b")
    )
    data = mc.model.Fleet(
        people=people, certificate_types=(coc, medical), pathways=(pathway,), duty_roles=duty_roles
    )
    view = Facts.of(data).on(on)
    for holder in people:
        found = view.standing(holder, "certificates")
        unmet, ends = [], []
        for requirement in view.requirements(holder, "certificates"):
            valid = view.valid(holder, "certificates", requirement.type)
            if valid is None:
                unmet.append(requirement)
            elif valid.expires is not None:
                ends.append(valid.expires)
        assert list(found.unmet) == unmet
        assert found.soonest == (min(ends) if ends else None)


def test_kit_is_read_from_the_persons_own_ledger_when_staff_numbers_repeat() -> None:
    """Two records with one staff number each hold their own kit (DATA001 reports the id)."""
    on = D(2021, 3, 31)
    helmet = mc.model.EquipmentItem(id="H1", type="helmet")
    withdrawn = mc.model.EquipmentItem(
        id="H2", type="helmet", status=mc.model.ItemStatus.WITHDRAWN, status_date=D(2021, 1, 1)
    )
    suit = mc.model.EquipmentItem(id="S1", type="dry-suit")
    first = person(issues=(mc.model.Issue(item="S1", issued=D(2020, 1, 1)),))
    second = person(
        issues=(
            mc.model.Issue(item="H1", issued=D(2020, 1, 1)),
            mc.model.Issue(item="H2", issued=D(2020, 1, 1)),
            mc.model.Issue(item="S1", issued=D(2019, 1, 1), returned=D(2019, 12, 31)),
        )
    )
    fleet = mc.model.Fleet(people=(first, second), equipment_items=(helmet, withdrawn, suit))
    view = Facts.of(fleet).on(on)
    assert [held.item for held in view.items_held(second)] == [helmet, withdrawn]
    assert [held.item for held in view.items_held(first)] == [suit]
    assert view.usable_kit(second) == ("helmet",)
    assert view.usable_kit(first) == ("dry-suit",)
    # Looked up by id, the staff number finds the first record.
    assert fleet.items_held("BF1", on) == (suit,)


def test_an_item_passed_round_many_times_has_every_entry_of_its_ledger() -> None:
    """A much-issued item: each holder in turn, the ledger complete and in data order."""
    radio = mc.model.EquipmentItem(id="R1", type="radio")
    crew = [
        mc.model.Person(
            id=f"BF{n}",
            name="Ann",
            discipline=mc.model.Discipline.DECK,
            issues=(
                mc.model.Issue(
                    item="R1",
                    issued=D(2020, 1, 1).add(days=10 * n),
                    returned=D(2020, 1, 1).add(days=10 * n + 10),
                ),
            ),
        )
        for n in range(40)
    ]
    fleet = mc.model.Fleet(people=tuple(crew), equipment_items=(radio,))
    facts_of = Facts.of(fleet)
    assert [holder.id for holder, _ in facts_of.ledger("R1")] == [f"BF{n}" for n in range(40)]
    for n in (0, 15, 16, 17, 39):
        day = D(2020, 1, 1).add(days=10 * n)
        assert facts_of.on(day).holders("R1") == (crew[n],)
        assert facts_of.on(day.add(days=9)).holders("R1") == (crew[n],)
    assert facts_of.on(D(2020, 1, 1).add(days=400)).holders("R1") == ()


def test_a_checked_fleet_is_freed_with_its_caches_when_no_longer_used() -> None:
    """Loading and checking one dataset after another does not keep the earlier fleets."""
    fleet = mc.load(Path(__file__).parent.parent / "examples" / "fleet")
    for day in ("2021-03-31", "2021-06-30"):  # caches of two dates
        mc.check(fleet, as_of=day)
    gone = weakref.ref(fleet)
    del fleet
    gc.collect()
    assert gone() is None


def test_no_two_parts_of_a_view_define_the_same_name() -> None:
    """A view is made of one class per concept; one name in two would hide the other."""
    owners: dict[str, str] = {}
    for part in facts.View.__mro__[1:]:
        for name in vars(part):
            if name.startswith("__"):
                continue
            assert name not in owners, f"{name} is defined in {owners[name]} and {part.__name__}"
            owners[name] = part.__name__


def test_vessels_ever_out_of_service_are_those_with_a_status_that_cannot_deploy() -> None:
    def vessel(id: str, *status: mc.model.StatusSpell) -> mc.model.Vessel:
        return mc.model.Vessel(id=id, name=id, type=mc.model.VesselType.CUTTER, status=status)

    day = pendulum.Date(2020, 1, 6)
    refit = mc.model.StatusSpell(mc.model.VesselStatus.REFIT, day, day.add(days=80))
    trials = mc.model.StatusSpell(mc.model.VesselStatus.MAINTENANCE, day, day.add(days=9))
    laid_up = mc.model.StatusSpell(mc.model.VesselStatus.LAID_UP, day)
    fleet = mc.model.Fleet(
        vessels=(vessel("a", refit), vessel("b", trials), vessel("c"), vessel("d", laid_up))
    )
    assert Facts.of(fleet).vessels_ever_out_of_service() == frozenset({"a", "d"})


def test_conditional_waivers_of_a_person_are_theirs_in_data_order() -> None:
    def waiver(id: str, kind: str, subject: str, condition: bool) -> mc.model.Waiver:
        return mc.model.Waiver(
            id=id,
            rule="CERT001",
            subject=mc.model.Subject(kind, subject),
            reason="r",
            granted_by="g",
            granted_on=pendulum.Date(2021, 1, 1),
            condition=mc.model.WaiverCondition.SHORE_DUTIES_ONLY if condition else None,
        )

    fleet = mc.model.Fleet(
        waivers=(
            waiver("W-3", "person", "BF1", True),
            waiver("W-1", "person", "BF2", True),
            waiver("W-2", "person", "BF1", False),  # no condition
            waiver("W-4", "vessel", "BF1", True),  # a vessel of the same id
            waiver("W-0", "person", "BF1", True),
        )
    )
    facts = Facts.of(fleet)
    assert [w.id for w in facts.conditional_waivers_of("BF1")] == ["W-3", "W-0"]
    assert [w.id for w in facts.conditional_waivers_of("BF2")] == ["W-1"]
    assert facts.conditional_waivers_of("BF3") == ()


class TestLadder:
    """Certificates of competency on a ladder: a higher one counts for those below it."""

    TYPES = (
        mc.model.CertificateType("ii-3-oow", "STCW II/3 OOW (near-coastal)"),
        mc.model.CertificateType("ii-3-master", "STCW II/3 master", supersedes=("ii-3-oow",)),
        mc.model.CertificateType("ii-1", "STCW II/1 OOW", supersedes=("ii-3-oow",)),
        mc.model.CertificateType("ii-2-co", "STCW II/2 chief mate", supersedes=("ii-1",)),
        mc.model.CertificateType(
            "ii-2-master", "STCW II/2 master", supersedes=("ii-2-co", "ii-3-master")
        ),
    )

    def fleet(self, *certificates: mc.model.Certificate, role: str = "ii-1") -> mc.model.Fleet:
        watch = mc.model.DutyRole("watch", "Watch", certificates=(role,))
        holder = person(duty_roles=("watch",), certificates=certificates)
        return mc.model.Fleet(people=(holder,), certificate_types=self.TYPES, duty_roles=(watch,))

    def test_the_ladder_is_followed_through(self) -> None:
        below = facts.ladder((t.id, t.supersedes) for t in self.TYPES)
        assert below == {
            "ii-3-master": {"ii-3-oow"},
            "ii-1": {"ii-3-oow"},
            "ii-2-co": {"ii-1", "ii-3-oow"},
            "ii-2-master": {"ii-2-co", "ii-1", "ii-3-master", "ii-3-oow"},
        }

    def test_a_loop_puts_each_of_its_types_below_itself(self) -> None:
        below = facts.ladder([("a", ["b"]), ("b", ["c"]), ("c", ["a"]), ("d", ["d"]), ("e", [])])
        assert below == {
            "a": {"a", "b", "c"},
            "b": {"a", "b", "c"},
            "c": {"a", "b", "c"},
            "d": {"d"},
        }

    def test_an_unknown_id_is_below_but_nothing_follows_from_it(self) -> None:
        assert facts.ladder([("a", ["ghost"])]) == {"a": {"ghost"}}

    def test_the_first_of_two_types_with_one_id_counts(self) -> None:
        below = facts.ladder([("a", ["b"]), ("a", ["c"])])
        assert below == {"a": {"b"}}

    def test_lower_higher_and_accepted(self) -> None:
        data = self.fleet()
        found = Facts.of(data)
        assert found.lower("ii-2-co") == {"ii-1", "ii-3-oow"}
        assert found.higher("ii-1") == {"ii-2-co", "ii-2-master"}
        assert found.higher("ii-2-master") == frozenset()
        assert found.accepted("certificates", "ii-3-oow") == {
            "ii-3-oow",
            "ii-3-master",
            "ii-1",
            "ii-2-co",
            "ii-2-master",
        }
        assert found.accepted("training", "ii-1") == {"ii-1"}  # a course has no ladder

    def test_a_higher_certificate_counts_through_its_expiry_date_and_not_after(self) -> None:
        data = self.fleet(
            mc.model.Certificate("ii-1", D(2015, 1, 1), expires=D(2020, 12, 31), number="L-1"),
            mc.model.Certificate("ii-2-co", D(2016, 4, 1), expires=D(2021, 3, 31), number="H-1"),
        )
        holder = data.people[0]
        for day, met in ((D(2021, 3, 30), True), (D(2021, 3, 31), True), (D(2021, 4, 1), False)):
            view = on(data, day)
            found = view.valid(holder, "certificates", "ii-1", or_higher=True)
            assert (found.record.number if found else None) == ("H-1" if met else None), day
            assert view.valid(holder, "certificates", "ii-1") is None  # the lower one expired
            assert bool(view.unmet(holder, "certificates")) is not met, day
            assert view.role_status(holder, "watch").qualified is met, day
        assert on(data, D(2021, 3, 31)).standing(holder, "certificates").soonest == D(2021, 3, 31)

    def test_the_day_a_higher_certificate_stops_counting_is_noted(self) -> None:
        data = self.fleet(mc.model.Certificate("ii-2-co", D(2016, 4, 1), expires=D(2021, 3, 31)))
        holder = data.people[0]
        for ask in (
            lambda v: v.valid(holder, "certificates", "ii-1", or_higher=True),
            lambda v: v.standing(holder, "certificates"),
            lambda v: v.role_status(holder, "watch"),
        ):
            trace = facts.Trace(D(2021, 1, 1).toordinal())
            ask(Facts.of(data).traced(D(2021, 1, 1), trace))
            assert trace.next == D(2021, 4, 1).toordinal()

    def test_an_expired_higher_certificate_does_not_count(self) -> None:
        data = self.fleet(mc.model.Certificate("ii-2-master", D(2015, 1, 1), expires=D(2020, 1, 1)))
        view = on(data, D(2021, 3, 31))
        holder = data.people[0]
        assert view.valid(holder, "certificates", "ii-1", or_higher=True) is None
        latest = view.latest(holder, "certificates", "ii-1", or_higher=True)
        assert latest is not None
        assert latest.record.type == "ii-2-master"
        assert view.latest(holder, "certificates", "ii-1") is None
        assert view.role_status(holder, "watch").missing_certificates == ("ii-1",)

    def test_near_coastal_is_met_from_above_and_meets_nothing_above_it(self) -> None:
        near_coastal = self.fleet(mc.model.Certificate("ii-3-oow", D(2020, 1, 1)))
        assert (
            not on(near_coastal, D(2021, 3, 31))
            .role_status(near_coastal.people[0], "watch")
            .qualified
        )
        unlimited = self.fleet(mc.model.Certificate("ii-1", D(2020, 1, 1)), role="ii-3-oow")
        assert on(unlimited, D(2021, 3, 31)).role_status(unlimited.people[0], "watch").qualified
        # a master's II/2 meets the near-coastal master's II/3; a chief mate's does not
        for held, met in (("ii-2-master", True), ("ii-2-co", False)):
            data = self.fleet(mc.model.Certificate(held, D(2020, 1, 1)), role="ii-3-master")
            assert on(data, D(2021, 3, 31)).role_status(data.people[0], "watch").qualified is met

    def test_valid_types_or_higher_gives_each_type_below_the_longest_lasting_day(self) -> None:
        data = self.fleet(
            mc.model.Certificate("ii-1", D(2020, 1, 1), expires=D(2025, 6, 30)),
            mc.model.Certificate("ii-2-co", D(2020, 1, 1), expires=D(2024, 12, 31)),
        )
        view = on(data, D(2021, 3, 31))
        assert view.valid_types(data.people[0], "certificates", or_higher=True) == {
            "ii-1": D(2025, 6, 30),
            "ii-2-co": D(2024, 12, 31),
            "ii-3-oow": D(2025, 6, 30),
        }
        assert view.valid_types(data.people[0], "certificates") == {
            "ii-1": D(2025, 6, 30),
            "ii-2-co": D(2024, 12, 31),
        }

    def test_unrenewed_or_higher_follows_the_requirement_not_the_certificate(self) -> None:
        data = self.fleet(
            mc.model.Certificate("ii-1", D(2016, 5, 1), expires=D(2021, 4, 30)),
            mc.model.Certificate("ii-2-co", D(2021, 3, 1), expires=D(2026, 2, 28)),
        )
        view = on(data, D(2021, 3, 31))
        holder = data.people[0]
        unrenewed = view.unrenewed(holder, "certificates", "ii-1")
        assert unrenewed is not None
        assert unrenewed.expires == D(2021, 4, 30)
        # the requirement stands on the chief mate's certificate, to 2026
        stands = view.unrenewed(holder, "certificates", "ii-1", or_higher=True)
        assert stands is not None
        assert stands.record.type == "ii-2-co"
        assert stands.expires == D(2026, 2, 28)

    def test_a_trainer_holding_a_higher_certificate_is_qualified(self) -> None:
        course = mc.model.Course("nav", "Navigation", trainer_certificates=("ii-1",))
        data = attrs.evolve(
            self.fleet(
                mc.model.Certificate("ii-1", D(2015, 1, 1), expires=D(2019, 12, 31)),
                mc.model.Certificate("ii-2-co", D(2018, 1, 1), expires=D(2020, 6, 30)),
            ),
            courses=(course,),
        )
        holder = data.people[0]
        known = Facts.of(data)
        assert known.trainer_lacks(holder, course, D(2020, 6, 30)) == ()
        assert known.trainer_lacks(holder, course, D(2020, 7, 1)) == (
            facts.Lack("certificate", "ii-1", D(2020, 6, 30), "ii-2-co"),
        )
        assert on(data, D(2020, 6, 30)).holders_of("certificates", "ii-1") == {"BF1"}
        assert on(data, D(2020, 7, 1)).holders_of("certificates", "ii-1") == frozenset()


_LADDER_TYPES = ["ii-3-oow", "ii-1", "ii-2-co", "ii-2-master"]


@given(
    st.lists(st.tuples(st.sampled_from(_LADDER_TYPES), _DAYS, st.none() | _DAYS), max_size=6),
    st.sampled_from(_LADDER_TYPES),
    _DAYS,
)
def test_a_requirement_is_met_by_any_valid_certificate_of_its_type_or_one_above(
    records: list[tuple[str, D, D | None]], required: str, day: D
) -> None:
    """The ladder II/3 < II/1 < II/2 chief mate < II/2 master, checked against brute force."""
    types = tuple(
        mc.model.CertificateType(t, t, supersedes=(lower,) if lower else ())
        for t, lower in zip(_LADDER_TYPES, [None, *_LADDER_TYPES], strict=False)
    )
    holder = person(
        duty_roles=("watch",),
        certificates=tuple(mc.model.Certificate(t, i, expires=e) for t, i, e in records),
    )
    watch = mc.model.DutyRole("watch", "Watch", certificates=(required,))
    data = mc.model.Fleet(people=(holder,), certificate_types=types, duty_roles=(watch,))
    rank = _LADDER_TYPES.index
    meeting = [
        (c.expires, n)
        for n, c in enumerate(holder.certificates)
        if rank(c.type) >= rank(required)
        and c.issued <= day
        and (c.expires is None or day <= c.expires)
    ]
    view = on(data, day)
    found = view.valid(holder, "certificates", required, or_higher=True)
    assert (found is not None) == bool(meeting)
    if found is not None:
        lasts = [last for last, _ in meeting]
        assert found.expires == (None if None in lasts else max(lasts))  # type: ignore[type-var]
    standing = view.standing(holder, "certificates")
    assert bool(standing.unmet) is not bool(meeting)
    assert view.role_status(holder, "watch").qualified is bool(meeting)
    assert (required in view.valid_types(holder, "certificates", or_higher=True)) is bool(meeting)
