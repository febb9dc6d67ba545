"""Calendar periods, age-dependent schedules and business years."""

from __future__ import annotations

import datetime

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew.model import InvalidValue, completed_years

from .strategies import age_schedules, periods


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P5Y", mc.model.Period(years=5)),
        ("P12M", mc.model.Period(months=12)),
        ("P90D", mc.model.Period(days=90)),
        ("P14D", mc.model.Period(days=14)),  # not folded into weeks
        ("P2W", mc.model.Period(weeks=2)),
        ("PT10H", mc.model.Period(hours=10)),
        ("PT36H", mc.model.Period(hours=36)),  # not folded into days
        ("P1Y6M", mc.model.Period(years=1, months=6)),
        ("P1DT12H30M15S", mc.model.Period(days=1, hours=12, minutes=30, seconds=15)),
    ],
)
def test_periods_keep_the_units_they_were_written_in(text: str, expected: mc.model.Period) -> None:
    assert mc.model.Period.parse(text) == expected
    assert str(expected) == text


@pytest.mark.parametrize("text", ["", "P", "PT", "P1DT", "5Y", "P-1Y", "-P1Y", "P1.5Y", "p5y"])
def test_malformed_periods_are_refused(text: str) -> None:
    with pytest.raises(InvalidValue):
        mc.model.Period.parse(text)


@given(periods)
def test_every_period_prints_as_text_that_reads_back_equal(period: mc.model.Period) -> None:
    assert mc.model.Period.parse(str(period)) == period


def test_p1y_and_p365d_are_different_periods() -> None:
    leap_day = pendulum.Date(2020, 2, 29)
    assert mc.model.Period.parse("P1Y") != mc.model.Period.parse("P365D")
    assert mc.model.Period.parse("P1Y").after(leap_day) == pendulum.Date(2021, 2, 28)
    assert mc.model.Period.parse("P365D").after(leap_day) == pendulum.Date(2021, 2, 28)
    assert mc.model.Period.parse("P1Y").after(pendulum.Date(2020, 1, 1)) == pendulum.Date(
        2021, 1, 1
    )
    assert mc.model.Period.parse("P365D").after(pendulum.Date(2020, 1, 1)) == pendulum.Date(
        2020, 12, 31
    )


def test_calendar_arithmetic_clamps_to_month_end() -> None:
    assert mc.model.Period(months=1).after(pendulum.Date(2021, 1, 31)) == pendulum.Date(2021, 2, 28)
    assert mc.model.Period(months=1).before(pendulum.Date(2021, 3, 31)) == pendulum.Date(
        2021, 2, 28
    )


def test_only_periods_without_years_or_months_have_a_length_in_hours() -> None:
    assert mc.model.Period.parse("P7D").as_timedelta() == datetime.timedelta(hours=168)
    assert mc.model.Period.parse("PT77H").as_timedelta() == datetime.timedelta(hours=77)
    with pytest.raises(ValueError, match="no fixed length"):
        mc.model.Period.parse("P1M").as_timedelta()


def test_age_schedule_picks_the_band_for_the_age() -> None:
    eng1 = mc.model.AgeSchedule(
        (
            mc.model.AgeBand(mc.model.Period(years=1), 0),
            mc.model.AgeBand(mc.model.Period(years=2), 18),
        )
    )
    assert eng1.for_age(17) == mc.model.Period(years=1)
    assert eng1.for_age(18) == mc.model.Period(years=2)
    assert eng1.for_age(60) == mc.model.Period(years=2)
    # Unknown age: the shortest period, so nothing looks valid for longer than it may be.
    assert eng1.for_age(None) == mc.model.Period(years=1)
    assert str(eng1) == "P1Y from age 0, P2Y from age 18"
    assert str(mc.model.AgeSchedule.fixed("P5Y")) == "P5Y"


@pytest.mark.parametrize(
    "bands",
    [
        (),
        (mc.model.AgeBand(mc.model.Period(years=2), 18),),
        (
            mc.model.AgeBand(mc.model.Period(years=3), 0),
            mc.model.AgeBand(mc.model.Period(years=2), 0),
        ),
        (
            mc.model.AgeBand(mc.model.Period(years=3), 0),
            mc.model.AgeBand(mc.model.Period(years=2), 10),
            mc.model.AgeBand(mc.model.Period(years=1), 5),
        ),
    ],
)
def test_age_bands_must_start_at_zero_and_increase(bands: tuple[mc.model.AgeBand, ...]) -> None:
    with pytest.raises(InvalidValue):
        mc.model.AgeSchedule(bands)


@given(age_schedules, st.integers(0, 120))
def test_the_band_chosen_is_the_last_one_reached(schedule: mc.model.AgeSchedule, age: int) -> None:
    reached = [band for band in schedule.bands if band.from_age <= age]
    assert schedule.for_age(age) == reached[-1].period


@pytest.mark.parametrize(
    ("start", "on", "years"),
    [
        ((1980, 6, 15), (2021, 6, 14), 40),
        ((1980, 6, 15), (2021, 6, 15), 41),
        ((2000, 2, 29), (2021, 2, 28), 20),  # a leap-day birthday falls on 1 March
        ((2000, 2, 29), (2021, 3, 1), 21),
        ((2000, 2, 29), (2024, 2, 29), 24),
    ],
)
def test_completed_years(start: tuple[int, int, int], on: tuple[int, int, int], years: int) -> None:
    assert completed_years(pendulum.Date(*start), pendulum.Date(*on)) == years


def test_business_year_reads_prints_and_bounds() -> None:
    year = mc.model.BusinessYear.parse("2021/22")
    assert year == mc.model.BusinessYear(2021)
    assert str(year) == "2021/22"
    assert year.start == pendulum.Date(2021, 4, 1)
    assert year.end == pendulum.Date(2022, 3, 31)
    assert str(mc.model.BusinessYear(1999)) == "1999/00"
    assert mc.model.BusinessYear.parse("1999/00") == mc.model.BusinessYear(1999)
    assert year.next == mc.model.BusinessYear(2022)
    assert year.previous == mc.model.BusinessYear(2020)
    assert mc.model.BusinessYear(2020) < year


@pytest.mark.parametrize(
    ("date", "year"),
    [
        ((2021, 3, 31), 2020),
        ((2021, 4, 1), 2021),
        ((2021, 12, 31), 2021),
        ((2022, 1, 1), 2021),
        ((2024, 2, 29), 2023),
    ],
)
def test_business_year_of_a_date(date: tuple[int, int, int], year: int) -> None:
    day = pendulum.Date(*date)
    assert mc.model.BusinessYear.of(day) == mc.model.BusinessYear(year)
    assert day in mc.model.BusinessYear(year)
    assert day not in mc.model.BusinessYear(year + 1)


@pytest.mark.parametrize("text", ["2021/23", "2021-22", "2021/2022", "21/22", "2021 / 22"])
def test_malformed_business_years_are_refused(text: str) -> None:
    with pytest.raises(InvalidValue):
        mc.model.BusinessYear.parse(text)


@given(
    day=st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2200, 12, 31)),
    years=st.integers(0, 20),
    months=st.integers(0, 40),
    days=st.integers(0, 800),
    weeks=st.integers(0, 60),
    in_weeks=st.booleans(),
)
def test_period_arithmetic_is_pendulums(
    day: datetime.date, years: int, months: int, days: int, weeks: int, in_weeks: bool
) -> None:
    period = (
        mc.model.Period(weeks=weeks)
        if in_weeks
        else mc.model.Period(years=years, months=months, days=days)
    )
    start = pendulum.Date(day.year, day.month, day.day)
    after = period.after(start)
    before = period.before(start)
    assert after == start.add(
        years=period.years, months=period.months, weeks=period.weeks, days=period.days
    )
    assert before == start.subtract(
        years=period.years, months=period.months, weeks=period.weeks, days=period.days
    )
    assert type(after) is pendulum.Date
    assert type(before) is pendulum.Date
