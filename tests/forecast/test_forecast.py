"""``forecast``: hand-worked items of each kind, window boundaries and filters."""

from __future__ import annotations

import pendulum
import pytest

import maritime_crew as mc
from maritime_crew.forecast import DueKind, parse_within

from .fleets import AS_OF, small_fleet

D = pendulum.Date


@pytest.fixture(scope="module")
def fleet() -> mc.model.Fleet:
    return small_fleet()


@pytest.fixture(scope="module")
def month(fleet: mc.model.Fleet) -> mc.forecast.Forecast:
    return mc.forecast.forecast(fleet, AS_OF, 30)


def keys(
    result: mc.forecast.Forecast, kind: DueKind | None = None
) -> list[tuple[pendulum.Date, str]]:
    return [
        (item.date, item.subject.id) for item in result.items if kind is None or item.kind is kind
    ]


class TestWindow:
    def test_the_window_runs_from_the_forecast_date_to_its_last_day(
        self, month: mc.forecast.Forecast
    ) -> None:
        assert (month.as_of, month.until, month.days) == (D(2021, 3, 31), D(2021, 4, 30), 30)
        assert min(item.date for item in month.items) == D(2021, 3, 31)
        assert max(item.date for item in month.items) == D(2021, 4, 30)

    def test_items_are_sorted_by_date_then_kind(self, month: mc.forecast.Forecast) -> None:
        assert [item.sort_key() for item in month.items] == sorted(
            item.sort_key() for item in month.items
        )
        assert [i.kind for i in month.items if i.date == D(2021, 4, 30)] == [
            DueKind.CERTIFICATE_EXPIRY,
            DueKind.SERVICE_DUE,
            DueKind.SHELF_LIFE_END,
            DueKind.DOCUMENT_REVIEW,
            DueKind.DEBRIEF_ACTION,
            DueKind.CONSULTATION_CLOSES,
        ]

    def test_a_day_longer_window_takes_in_the_next_days_items(self, fleet: mc.model.Fleet) -> None:
        longer = mc.forecast.forecast(fleet, AS_OF, "31d")
        shorter = mc.forecast.forecast(fleet, AS_OF, "P30D")
        added = set(keys(longer)) - set(keys(shorter))
        assert added == {
            (D(2021, 5, 1), "BH-1"),  # inspection due
            (D(2021, 5, 1), "SOP-B"),  # default review interval
            (D(2021, 5, 1), "F-LATER"),
            (D(2021, 5, 1), "BF1"),  # first aid lapses
            (D(2021, 5, 1), "tc-new"),  # effective
        }
        assert all(item.date <= D(2021, 5, 1) for item in longer.items)

    def test_a_zero_window_is_the_forecast_date_alone(self, fleet: mc.model.Fleet) -> None:
        today = mc.forecast.forecast(fleet, AS_OF, 0)
        assert keys(today) == [(D(2021, 3, 31), "tc-old")]
        assert today.items[0].days == 0
        assert "on the forecast date" in today.items[0].description

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (90, mc.model.Period(days=90)),
            ("90", mc.model.Period(days=90)),
            ("90d", mc.model.Period(days=90)),
            ("90 days", mc.model.Period(days=90)),
            ("P90D", mc.model.Period(days=90)),
            ("p3m", mc.model.Period(months=3)),
        ],
    )
    def test_within_reads_days_and_periods(
        self, text: int | str, expected: mc.model.Period
    ) -> None:
        assert parse_within(text) == expected

    @pytest.mark.parametrize("bad", [-1, "3x", "PT10H", "-5d", ""])
    def test_within_rejects_what_is_not_a_whole_day_period(self, bad: int | str) -> None:
        with pytest.raises(ValueError, match="within"):
            parse_within(bad)

    def test_a_calendar_period_window_ends_by_the_calendar(self, fleet: mc.model.Fleet) -> None:
        assert mc.forecast.forecast(fleet, "2021-01-31", "P1M").until == D(2021, 2, 28)


class TestPeople:
    def test_certificate_expiries_of_held_certificates_with_whether_required(
        self, month: mc.forecast.Forecast
    ) -> None:
        items = month.of_kind(DueKind.CERTIFICATE_EXPIRY)
        assert [(i.date, i.person, i.details["certificate_type"]) for i in items] == [
            (D(2021, 4, 29), "BF1", "eng1"),
            (D(2021, 4, 30), "BF1", "gmdss"),  # P5Y from 2016-05-01: last day 2021-04-30
        ]
        eng1, gmdss = items
        assert eng1.details["required_by"] == ["duty role boarding-officer"]
        assert eng1.details["required"] is True
        assert gmdss.details["required"] is False
        assert eng1.description == (
            "ENG1 medical M-1 of BF1 expires at the end of 2021-04-29 (in 29 days); "
            "required by duty role boarding-officer"
        )
        assert (eng1.vessel, eng1.crew, eng1.subject) == (
            "vigilant",
            "vigilant-a",
            mc.model.Subject("person", "BF1"),
        )

    def test_a_renewed_certificate_and_people_who_left_are_not_forecast(
        self, month: mc.forecast.Forecast
    ) -> None:
        people = {i.person for i in month.of_kind(DueKind.CERTIFICATE_EXPIRY)}
        assert "BF2" not in people  # M-3 already issued
        assert "BF3" not in people  # left the command

    def test_training_lapses_and_a_booking_does_not_clear_one(
        self, month: mc.forecast.Forecast
    ) -> None:
        items = month.of_kind(DueKind.TRAINING_EXPIRY)
        assert [(i.date, i.person, i.details["course"]) for i in items] == [
            (D(2021, 4, 15), "BF2", "officer-safety"),
            (D(2021, 4, 29), "BF1", "officer-safety"),
        ]
        assert items[0].details["booked"] == "2021-04-20"
        assert "a place is booked for 2021-04-20" in items[0].description
        assert items[1].details["required_by"] == ["duty role boarding-officer"]

    def test_dates_agree_with_the_expiring_rules(self, fleet: mc.model.Fleet) -> None:
        report = mc.check(fleet, as_of=AS_OF)
        warned = {
            (f.subject.id, f.details.get("expires") or f.details.get("lapses"))
            for f in report.findings
            if f.code in ("CERT002", "TRN002")
        }
        forecast = mc.forecast.forecast(fleet, AS_OF, 90)
        required = {
            (i.subject.id, i.date.isoformat())
            for i in forecast.items
            if i.kind in (DueKind.CERTIFICATE_EXPIRY, DueKind.TRAINING_EXPIRY)
            and i.details["required"]
        }
        assert warned == required


class TestEquipment:
    def test_age_dependent_interval_brings_the_test_forward(
        self, month: mc.forecast.Forecast
    ) -> None:
        old = next(i for i in month.of_kind(DueKind.SERVICE_DUE) if i.subject.id == "DS-OLD")
        assert old.date == D(2021, 4, 20)  # the suit turns 10; 2-year interval already run out
        assert (old.details["interval"], old.details["age_on_due_date"]) == ("P2Y", 10)
        assert (old.person, old.crew, old.vessel) == ("BF1", "vigilant-a", "vigilant")

    def test_young_item_uses_the_first_band(self, month: mc.forecast.Forecast) -> None:
        new = next(i for i in month.of_kind(DueKind.SERVICE_DUE) if i.subject.id == "DS-NEW")
        assert new.date == D(2021, 4, 30)
        assert (new.details["interval"], new.details["last"]) == ("P3Y", "2018-04-30")

    def test_shelf_life_ends_on_its_last_day(self, month: mc.forecast.Forecast) -> None:
        assert keys(month, DueKind.SHELF_LIFE_END) == [(D(2021, 4, 30), "BH-1")]

    def test_marked_dates_of_issued_items_only_unless_asked(
        self, fleet: mc.model.Fleet, month: mc.forecast.Forecast
    ) -> None:
        assert keys(month, DueKind.MARKED_DATE) == [(D(2021, 4, 10), "PLB-2")]
        everything = mc.forecast.forecast(fleet, AS_OF, 30, include_unissued=True)
        assert keys(everything, DueKind.MARKED_DATE) == [
            (D(2021, 4, 10), "PLB-2"),
            (D(2021, 4, 30), "PLB-STORE"),
        ]
        store = everything.of_kind(DueKind.MARKED_DATE)[1]
        assert (store.person, store.vessel, store.details["holder"]) == (None, None, None)
        assert "in store" in store.description
        assert everything.include_unissued

    def test_withdrawn_items_are_not_forecast(self, fleet: mc.model.Fleet) -> None:
        everything = mc.forecast.forecast(fleet, AS_OF, 365, include_unissued=True)
        assert "PLB-GONE" not in {i.subject.id for i in everything.items}


class TestDocumentsAndTerms:
    def test_review_due_at_last_review_plus_interval(self, month: mc.forecast.Forecast) -> None:
        (review,) = month.of_kind(DueKind.DOCUMENT_REVIEW)
        assert (review.date, review.subject.id, review.vessel) == (
            D(2021, 4, 30),
            "SOP-A",
            "vigilant",
        )
        assert review.details["last_reviewed"] == "2020-04-30"

    def test_default_interval_and_overdue_reviews(self, fleet: mc.model.Fleet) -> None:
        year = mc.forecast.forecast(fleet, AS_OF, 365)
        reviews = {i.subject.id: i for i in year.of_kind(DueKind.DOCUMENT_REVIEW)}
        assert reviews["SOP-B"].date == D(2021, 5, 1)
        assert reviews["SOP-B"].details["default_interval"] is True
        assert "SOP-C" not in reviews  # overdue since 2020-01-01: reported by check
        assert "SOP-D" not in reviews  # its own P24M: due 2023-03-20
        two_years = mc.forecast.forecast(fleet, AS_OF, "P2Y").of_kind(DueKind.DOCUMENT_REVIEW)
        assert (D(2023, 3, 20), "SOP-D") in [(i.date, i.subject.id) for i in two_years]
        longer = mc.forecast.forecast(
            fleet, AS_OF, 365, default_review_interval=mc.model.Period(months=18)
        )
        sop_b = next(i for i in longer.items if i.subject.id == "SOP-B")
        assert (sop_b.date, sop_b.details["review_interval"]) == (D(2021, 11, 1), "P18M")
        shorter = mc.forecast.forecast(
            fleet, AS_OF, 365, default_review_interval=mc.model.Period(months=6)
        )
        assert "SOP-B" not in {i.subject.id for i in shorter.items}  # overdue since 2020-11-01

    def test_open_debrief_actions_only(self, fleet: mc.model.Fleet) -> None:
        year = mc.forecast.forecast(fleet, AS_OF, 365)
        actions = year.of_kind(DueKind.DEBRIEF_ACTION)
        assert [(i.date, i.subject.id) for i in actions] == [
            (D(2021, 4, 30), "F-OPEN"),
            (D(2021, 5, 1), "F-LATER"),
        ]  # F-CLOSED is addressed by SOP-D 1.0 in force; F-NONE needs no action
        first = actions[0]
        assert (first.vessel, first.crew, first.person) == ("valiant", "valiant-a", None)
        assert first.details["debrief"] == "DB-1"

    def test_terms_consultation_close_and_effective_dates(self, fleet: mc.model.Fleet) -> None:
        year = mc.forecast.forecast(fleet, AS_OF, 365)
        assert keys(year, DueKind.CONSULTATION_CLOSES) == [(D(2021, 4, 30), "tc-new")]
        assert keys(year, DueKind.TERMS_EFFECTIVE) == [
            (D(2021, 3, 31), "tc-old"),
            (D(2021, 5, 1), "tc-new"),
        ]
        close = year.of_kind(DueKind.CONSULTATION_CLOSES)[0]
        assert close.details["responses"] == 1


class TestFilters:
    def test_vessel_filter_keeps_items_of_that_vessel(self, fleet: mc.model.Fleet) -> None:
        vigilant = mc.forecast.forecast(fleet, AS_OF, 30, vessel="vigilant")
        assert vigilant.vessel == "vigilant"
        assert {i.subject.id for i in vigilant.items} == {"BF1", "DS-OLD", "BH-1", "SOP-A"}
        assert all(i.concerns_vessel("vigilant") for i in vigilant.items)

    def test_crew_and_person_filters(self, fleet: mc.model.Fleet) -> None:
        crew = mc.forecast.forecast(fleet, AS_OF, 30, crew="valiant-a")
        assert {i.subject.id for i in crew.items} == {"PLB-2", "BF2", "DS-NEW", "F-OPEN"}
        person = mc.forecast.forecast(fleet, AS_OF, 30, person="BF2")
        assert {i.subject.id for i in person.items} == {"PLB-2", "BF2", "DS-NEW"}

    def test_unknown_ids_give_an_empty_forecast(self, fleet: mc.model.Fleet) -> None:
        assert mc.forecast.forecast(fleet, AS_OF, 30, vessel="nowhere").items == ()


def test_records_are_plain(month: mc.forecast.Forecast) -> None:
    records = month.to_records()
    assert len(records) == len(month.items)
    first = records[0]
    assert first["date"] == "2021-03-31"
    assert (first["kind"], first["subject_kind"], first["subject_id"]) == (
        "terms-effective",
        "terms",
        "tc-old",
    )
    assert {type(v) for r in records for k, v in r.items() if k == "vessels"} == {list}


def test_by_date_groups_every_item_once(month: mc.forecast.Forecast) -> None:
    groups = list(month.by_date())
    assert [date for date, _ in groups] == sorted({i.date for i in month.items})
    assert sum(len(items) for _, items in groups) == len(month.items)


def test_default_review_interval_is_doc001s_default() -> None:
    from maritime_crew.forecast import DEFAULT_REVIEW_INTERVAL
    from maritime_crew.rules import default_registry

    doc001 = default_registry().get("DOC001")
    assert doc001 is not None
    (interval,) = [p.default for p in doc001.parameters if p.name == "default-interval"]
    assert interval == DEFAULT_REVIEW_INTERVAL


def test_as_of_accepts_dates_and_rejects_moments(fleet: mc.model.Fleet) -> None:
    import datetime

    assert mc.forecast.forecast(fleet, datetime.date(2021, 3, 31), 30) == mc.forecast.forecast(
        fleet, AS_OF, 30
    )
    with pytest.raises(TypeError):
        mc.forecast.forecast(fleet, datetime.datetime(2021, 3, 31, 12), 30)


def test_a_higher_certificate_is_required_for_the_lower_type_it_counts_for() -> None:
    oow = mc.model.DutyRole("oow", "OOW", certificates=("ii-1",))
    data = mc.model.Fleet(
        people=(
            mc.model.Person(
                "BF1",
                "Ann",
                mc.model.Discipline.DECK,
                duty_roles=("oow",),
                certificates=(
                    mc.model.Certificate("ii-2-co", D(2016, 4, 20), expires=D(2021, 4, 19)),
                ),
            ),
        ),
        duty_roles=(oow,),
        certificate_types=(
            mc.model.CertificateType("ii-1", "STCW II/1"),
            mc.model.CertificateType("ii-2-co", "STCW II/2 chief mate", supersedes=("ii-1",)),
        ),
    )
    (item,) = mc.forecast.forecast(data, AS_OF, 30).items
    assert item.description == (
        "STCW II/2 chief mate of BF1 expires at the end of 2021-04-19 (in 19 days); required "
        "by duty role oow (for ii-1)"
    )
    assert (item.details["required"], item.details["required_by"]) == (
        True,
        ["duty role oow (for ii-1)"],
    )


class TestCurrency:
    """A currency lapse is forecast on the last day the person stays current."""

    @staticmethod
    def fleet(*launches: pendulum.Date) -> mc.model.Fleet:
        requirement = mc.model.Currency("boat-launch", mc.model.Period(months=3))
        return mc.model.Fleet(
            vessels=(mc.model.Vessel("vigilant", "HMC Vigilant", mc.model.VesselType.CUTTER),),
            crews=(mc.model.Crew("vigilant-a", "Vigilant A", vessel="vigilant"),),
            people=(
                mc.model.Person(
                    id="BF1",
                    name="Sam Okafor",
                    discipline=mc.model.Discipline.DECK,
                    crew="vigilant-a",
                    duty_roles=("coxswain",),
                    practice=tuple(
                        mc.model.PracticeEvent("boat-launch", day, vessel="vigilant")
                        for day in launches
                    ),
                ),
            ),
            practice_kinds=(mc.model.PracticeKind("boat-launch", "Boat launch"),),
            duty_roles=(mc.model.DutyRole("coxswain", "Coxswain", currency=(requirement,)),),
        )

    def test_the_lapse_is_due_on_the_last_day_current(self) -> None:
        data = self.fleet(D(2021, 1, 20), D(2021, 2, 10))
        (item,) = mc.forecast.forecast(data, AS_OF, 90).of_kind(DueKind.CURRENCY_LAPSE)
        assert item.date == D(2021, 5, 9)
        assert (item.days, item.person, item.crew, item.vessel) == (
            39,
            "BF1",
            "vigilant-a",
            "vigilant",
        )
        assert item.subject == mc.model.Subject("person", "BF1")
        assert item.description == (
            "BF1 is current in Boat launch through 2021-05-09 (in 39 days) unless more is "
            "logged: at least 1 in any 3 months, required by duty role coxswain; the last on "
            "2021-02-10"
        )
        assert item.details["current_through"] == "2021-05-09"
        # the window includes its last day and no more
        assert mc.forecast.forecast(data, AS_OF, 39).of_kind(DueKind.CURRENCY_LAPSE)
        assert not mc.forecast.forecast(data, AS_OF, 38).of_kind(DueKind.CURRENCY_LAPSE)

    def test_a_lapse_already_past_is_checks_not_the_forecasts(self) -> None:
        data = self.fleet(D(2020, 11, 2))
        assert not mc.forecast.forecast(data, AS_OF, 365).of_kind(DueKind.CURRENCY_LAPSE)

    def test_practice_logged_ahead_is_named_but_not_counted(self) -> None:
        data = self.fleet(D(2021, 2, 10), D(2021, 6, 1))
        (item,) = mc.forecast.forecast(data, AS_OF, 90).of_kind(DueKind.CURRENCY_LAPSE)
        assert item.date == D(2021, 5, 9)
        assert item.description.endswith("; the next is logged for 2021-06-01")
        assert item.details["next"] == "2021-06-01"
