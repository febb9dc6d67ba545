"""Calendar arithmetic on dates: the library's fast ``shift`` moves dates as pendulum does."""

from __future__ import annotations

import datetime

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from maritime_crew.model import day_of_ordinal, shift, shift_ordinal

dates = st.dates(datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)


@given(dates, st.integers(-1200, 1200), st.integers(-20_000, 20_000))
def test_shift_moves_a_date_as_pendulum_add_does(
    date: pendulum.Date, months: int, days: int
) -> None:
    """Months first, keeping the day or clamping it to a shorter month's end; then days."""
    moved = shift(date, months=months, days=days)
    assert moved == date.add(months=months, days=days)
    assert type(moved) is pendulum.Date
    assert shift_ordinal(date, months=months, days=days) == moved.toordinal()


@given(st.sampled_from([(2020, 1, 31), (2019, 1, 31), (2000, 1, 29), (1900, 1, 29)]))
def test_a_month_from_the_end_of_january_lands_on_the_last_of_february(
    day: tuple[int, int, int],
) -> None:
    date = pendulum.Date(*day)
    last = 29 if (day[0] % 4 == 0 and day[0] % 100 != 0) or day[0] % 400 == 0 else 28
    assert shift(date, months=1) == pendulum.Date(day[0], 2, min(day[2], last))


@given(st.integers(datetime.date(1800, 1, 1).toordinal(), datetime.date(2300, 1, 1).toordinal()))
def test_days_by_ordinal_are_the_calendar_days(ordinal: int) -> None:
    day = day_of_ordinal(ordinal)
    assert day == datetime.date.fromordinal(ordinal)


@given(dates)
def test_a_day_reached_any_way_is_the_same_pendulum_date(date: pendulum.Date) -> None:
    """Ordinals and moved dates give pendulum dates, never plain ``datetime.date``."""
    for found in (day_of_ordinal(date.toordinal()), shift(date.subtract(days=1), days=1)):
        assert found == date
        assert type(found) is pendulum.Date


@given(dates, st.sampled_from(["person", "issue", "waiver", "item"]))
def test_a_records_on_date_methods_read_iso_text_as_the_date(
    date: pendulum.Date, which: str
) -> None:
    """``person.in_service_on("2021-03-31")`` as the functions read a date, not an error."""
    import maritime_crew as mc

    day = pendulum.Date(2020, 6, 15)
    person = mc.model.Person(
        "BF1", "A", mc.model.Discipline.DECK, born=day, joined=day, left=day.add(years=1)
    )
    issue = mc.model.Issue("LJ-1", day, day.add(days=30))
    waiver = mc.model.Waiver(
        "W1", "CERT001", mc.model.Subject("person", "BF1"), "r", "g", day, day.add(days=9)
    )
    item = mc.model.EquipmentItem(
        "LJ-1", "lifejacket", manufactured=day, status=mc.model.ItemStatus.LOST, status_date=day
    )
    text = date.isoformat()
    asked = {
        "person": lambda on: (person.in_service_on(on), person.age_on(on)),
        "issue": issue.held_on,
        "waiver": waiver.in_force_on,
        "item": lambda on: (item.status_on(on), item.age_on(on)),
    }[which]
    assert asked(text) == asked(date) == asked(datetime.date(date.year, date.month, date.day))
