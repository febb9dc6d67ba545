"""Limits for people under 18: night work (REST014), and WTR 1998 regs 10(2) and 11(3)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc

from .builders import D, run
from .test_rest import on_profile

MINUTE = 1 / 60


def young(
    spans: list[tuple[float, float]],
    born: mc.model.DateLike | None = None,
    profile: str = "mlc-a2.3",
) -> mc.model.Fleet:
    """BF1, born on ``born`` (17 in February 2021 by default), working ``spans``: hours
    from Monday 2021-02-01 00:00 UK time."""
    data = on_profile(profile, spans)
    (person,) = data.people
    born = D(2003, 6, 1) if born is None else born
    return attrs.evolve(data, people=(attrs.evolve(person, born=born),))


def test_the_adult_day_is_the_18th_birthday() -> None:
    assert mc.model.adult_from(D(2003, 2, 3)) == D(2021, 2, 3)
    assert mc.model.adult_from(D(2004, 2, 29)) == D(2022, 3, 1)


@pytest.mark.parametrize(
    ("spans", "worked"),
    [
        ([(8, 20), (24 + 5, 24 + 12)], False),  # free from 20:00 to 05:00: nine hours
        ([(8, 20 + MINUTE), (24 + 5, 24 + 12)], True),  # a minute less
        ([(8, 24), (24 + 9, 24 + 12)], False),  # free from midnight to 09:00
        ([(8, 24), (24 + 9 - MINUTE, 24 + 12)], True),
        ([(8, 16), (24 + 2, 24 + 3), (2 * 24 + 8, 2 * 24 + 16)], True),  # 02:00-03:00
    ],
)
def test_a_night_is_nine_hours_free_of_work_starting_by_midnight(
    spans: list[tuple[float, float]], worked: bool
) -> None:
    found = run(young(spans), "REST014")
    assert bool(found) == worked
    if worked:
        (finding,) = found
        assert finding.details["nights"] == ["2021-02-01"]
        assert finding.details["age"] == 17
        assert finding.message.startswith(
            "BF1, aged 17, worked in the night from 2021-02-01 20:00 to 2021-02-02 09:00"
        )


@pytest.mark.parametrize(("born", "worked"), [(D(2003, 2, 1), True), (D(2003, 1, 31), False)])
def test_night_work_the_day_before_the_18th_birthday_is_reported_not_on_it(
    born: mc.model.DateLike, worked: bool
) -> None:
    # the night that begins on Sunday 31 January 2021 (work 02:00-03:00 on 1 February)
    spans = [(-24 + 8, -24 + 16), (2, 3), (8, 16)]
    assert bool(run(young(spans, born=born), "REST014")) == worked


def test_no_date_of_birth_no_finding() -> None:
    data = young([(2, 3), (8, 16)])
    (person,) = data.people
    assert run(attrs.evolve(data, people=(attrs.evolve(person, born=None),)), "REST014") == []


def test_a_young_worker_needs_twelve_hours_daily_rest_under_the_wtr() -> None:
    # 12.5 hours' work a day: 11.5 hours off, enough for an adult, not for a young worker
    spans = [(d * 24 + 7, d * 24 + 19.5) for d in range(5)]
    assert run(young(spans, born=D(1990, 1, 1), profile="wtr-1998"), "REST011") == []
    (finding,) = run(young(spans, profile="wtr-1998"), "REST011")
    assert finding.details["limit_hours"] == 12
    assert finding.details["profile"] == "wtr-1998/under-18"
    assert "at least 12 hours is required" in finding.message


@pytest.mark.parametrize(("born", "fails"), [(D(2003, 2, 2), True), (D(2003, 2, 1), False)])
def test_the_young_limits_apply_to_windows_that_start_before_the_birthday(
    born: mc.model.DateLike, fails: bool
) -> None:
    # 11.5 hours off after each day: the 24 hours from 07:00 on 1 February are judged at
    # 12 hours when the 18th birthday is the day after, at 11 when it is that day
    spans = [(d * 24 + 7, d * 24 + 19.5) for d in range(2)]
    assert bool(run(young(spans, born=born, profile="wtr-1998"), "REST011")) == fails


def test_a_young_worker_needs_48_hours_weekly_rest() -> None:
    # Monday to Friday 08:00-17:00, then off to the end of the week: 55 hours. With work
    # from midnight to 08:00 on Saturday, 40 hours: enough for an adult (35), not for a
    # young worker (48)
    week = [(d * 24 + 8, d * 24 + 17) for d in range(5)] + [(7 * 24 + 8, 7 * 24 + 17)]
    saturday = [*week, (5 * 24, 5 * 24 + 8)]
    assert run(young(week, profile="wtr-1998"), "REST013") == []
    assert run(young(saturday, born=D(1990, 1, 1), profile="wtr-1998"), "REST013") == []
    (finding,) = run(young(saturday, profile="wtr-1998"), "REST013")
    assert finding.details["longest_rest_hours"] == 40
    assert finding.details["limit_hours"] == 48


def _night_oracle(work: list[tuple[int, int]]) -> list[str]:
    """Minute by minute: the nights (from 20:00, by the day they begin) in which no nine
    hours starting by midnight are free of work; time outside the record is free."""
    worked = set()
    for a, b in work:
        worked.update(range(a, b))
    first_day, last_day = min(a for a, _ in work) // 1440 - 1, max(b for _, b in work) // 1440
    found = []
    for day in range(first_day, last_day + 1):
        evening = day * 1440 + 20 * 60
        if not any(m in worked for m in range(evening, evening + 13 * 60)):
            continue
        free = any(
            not any(m in worked for m in range(s, s + 9 * 60))
            for s in range(evening, evening + 241)
        )
        if not free:
            found.append(D(2021, 2, 1).add(days=day).isoformat())
    return found


@given(
    st.lists(st.tuples(st.integers(0, 6 * 1440), st.integers(30, 14 * 60)), min_size=1, max_size=10)
)
def test_nights_worked_agree_with_the_minute_oracle(raw: list[tuple[int, int]]) -> None:
    work = [(a, a + d) for a, d in raw]
    expected = _night_oracle(work)
    found = run(young([(a / 60, b / 60) for a, b in work]), "REST014")
    assert (found[0].details["nights"] if found else []) == expected


@pytest.mark.parametrize(("minutes", "fails"), [(-1, False), (0, False), (1, True)])
def test_a_young_worker_works_at_most_eight_hours_a_day(minutes: int, fails: bool) -> None:
    spans = [(8, 16 + minutes / 60), (24 + 8, 24 + 16)]
    found = run(young(spans, profile="wtr-1998"), "REST015")
    assert bool(found) == fails
    if fails:
        (finding,) = found
        assert finding.message == (
            "BF1 worked 8 h 1 min in the day from 2021-02-01 00:00 to 2021-02-02 00:00; at "
            "most 8 hours are allowed"
        )
    assert run(young(spans, born=D(1990, 1, 1), profile="wtr-1998"), "REST015") == []
    assert run(young(spans, profile="mlc-a2.3"), "REST015") == []  # not a WTR profile


def test_a_young_worker_works_at_most_forty_hours_a_week() -> None:
    # six days of 7 hours from Monday: 42 hours in the week, no day over 8
    spans = [(d * 24 + 8, d * 24 + 15) for d in range(6)] + [(7 * 24 + 8, 7 * 24 + 9)]
    (finding,) = run(young(spans, profile="wtr-1998"), "REST015")
    assert finding.details["work_hours"] == 42
    assert finding.details["limit_hours"] == 40
    assert finding.details["window_start"] == "2021-02-01T00:00:00+00:00"
    assert "in the week from 2021-02-01 00:00 to 2021-02-08 00:00" in finding.message
    five = [(d * 24 + 8, d * 24 + 16) for d in range(5)] + [(7 * 24 + 8, 7 * 24 + 9)]
    assert run(young(five, profile="wtr-1998"), "REST015") == []  # 40 hours exactly
