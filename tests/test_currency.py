"""Currency: practice logged within a period up to the day, as the facts layer answers it.

An event on day E counts from E through the day before the period has run from E (the
mirror of a certificate's validity), and a person is current on a day when the events
counting that day add up to what the requirement asks.
"""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew.facts import NEVER, Facts, Trace, last_day

D = pendulum.Date
P3M = mc.model.Period(months=3)


def launch(day: D, count: int = 1, kind: str = "boat-launch") -> mc.model.PracticeEvent:
    return mc.model.PracticeEvent(kind=kind, date=day, count=count)


def coxswain_fleet(
    *events: mc.model.PracticeEvent, count: int = 1, within: str = "P3M"
) -> tuple[mc.model.Fleet, mc.model.Currency]:
    requirement = mc.model.Currency("boat-launch", mc.model.Period.parse(within), count=count)
    data = mc.model.Fleet(
        people=(
            mc.model.Person(
                id="BF1",
                name="Sam Okafor",
                discipline=mc.model.Discipline.DECK,
                duty_roles=("coxswain",),
                practice=events,
            ),
        ),
        practice_kinds=(mc.model.PracticeKind("boat-launch", "Boat launch"),),
        duty_roles=(mc.model.DutyRole("coxswain", "Coxswain", currency=(requirement,)),),
    )
    return data, requirement


def standing(
    data: mc.model.Fleet, requirement: mc.model.Currency, day: D
) -> mc.facts.CurrencyStanding:
    return Facts.of(data).on(day).currency(data.people[0], requirement)


def traced(
    data: mc.model.Fleet, requirement: mc.model.Currency, day: D
) -> tuple[mc.facts.CurrencyStanding, D | None]:
    trace = Trace(day.toordinal())
    found = Facts.of(data).traced(day, trace).currency(data.people[0], requirement)
    change = None if trace.next >= NEVER else mc.model.day_of_ordinal(trace.next)
    return found, change


class TestWindow:
    def test_an_event_counts_through_the_day_before_the_period_has_run_from_it(self) -> None:
        data, requirement = coxswain_fleet(launch(D(2020, 11, 2)))
        on_last_day, change = traced(data, requirement, D(2021, 2, 1))
        assert on_last_day.current
        assert on_last_day.through == D(2021, 2, 1)
        assert change == D(2021, 2, 2)  # the day it drops out
        day_after = standing(data, requirement, D(2021, 2, 2))
        assert not day_after.current
        assert day_after.through == D(2021, 2, 1)

    def test_an_event_on_the_check_date_counts_that_day_and_not_the_day_before(self) -> None:
        data, requirement = coxswain_fleet(launch(D(2020, 11, 2)))
        before, change = traced(data, requirement, D(2020, 11, 1))
        assert not before.current
        assert before.last is None
        assert before.through is None
        assert before.next == D(2020, 11, 2)
        assert change == D(2020, 11, 2)  # the day the event starts to count
        on_the_day = standing(data, requirement, D(2020, 11, 2))
        assert on_the_day.current
        assert on_the_day.last == D(2020, 11, 2)

    def test_the_window_mirrors_a_certificates_validity(self) -> None:
        # one month after 31 January is the last day of February, as for an expiry
        for first in (D(2021, 1, 28), D(2021, 1, 31), D(2020, 1, 31), D(2020, 2, 29)):
            for within in ("P1M", "P3M", "P1Y", "P90D", "P2W"):
                data, requirement = coxswain_fleet(launch(first), within=within)
                expiry = last_day(mc.model.AgeSchedule.fixed(within), first, None)
                assert standing(data, requirement, first).through == expiry
                assert standing(data, requirement, expiry).current
                assert not standing(data, requirement, expiry.add(days=1)).current

    def test_a_later_event_extends_currency_from_its_own_day(self) -> None:
        data, requirement = coxswain_fleet(launch(D(2020, 11, 2)), launch(D(2021, 1, 20)))
        found = standing(data, requirement, D(2021, 1, 19))
        assert found.through == D(2021, 2, 1)
        assert found.next == D(2021, 1, 20)
        assert standing(data, requirement, D(2021, 1, 20)).through == D(2021, 4, 19)


class TestCounting:
    def test_two_required_counts_the_second_longest_lasting(self) -> None:
        data, requirement = coxswain_fleet(
            launch(D(2021, 1, 10)), launch(D(2021, 2, 12)), launch(D(2021, 3, 20)), count=2
        )
        assert not standing(data, requirement, D(2021, 2, 11)).current
        first = standing(data, requirement, D(2021, 2, 12))
        assert first.current
        assert first.counted == 2
        assert first.through == D(2021, 4, 9)
        # the third launch keeps two counting until the second drops out
        later, change = traced(data, requirement, D(2021, 3, 31))
        assert later.counted == 3
        assert later.through == D(2021, 5, 11)
        assert change == D(2021, 4, 10)  # the first drops out: the count changes
        assert standing(data, requirement, D(2021, 5, 11)).current
        lapsed = standing(data, requirement, D(2021, 5, 12))
        assert not lapsed.current
        assert lapsed.counted == 1
        assert lapsed.through == D(2021, 5, 11)
        assert lapsed.last == D(2021, 3, 20)

    def test_an_event_counts_as_many_as_its_count(self) -> None:
        data, requirement = coxswain_fleet(launch(D(2021, 3, 1), count=2), count=2)
        found = standing(data, requirement, D(2021, 3, 31))
        assert found.current
        assert found.counted == 2
        assert found.through == D(2021, 5, 31)

    def test_never_enough_is_never_current(self) -> None:
        data, requirement = coxswain_fleet(launch(D(2021, 1, 1)), launch(D(2021, 6, 1)), count=2)
        found = standing(data, requirement, D(2021, 7, 1))
        assert not found.current
        assert found.counted == 1
        assert found.through is None

    def test_other_kinds_do_not_count(self) -> None:
        data, requirement = coxswain_fleet(launch(D(2021, 3, 1), kind="man-overboard"))
        assert not standing(data, requirement, D(2021, 3, 31)).current


def test_needs_follow_the_roles_held_on_the_date() -> None:
    held = mc.model.RoleHeld("coxswain", start=D(2021, 3, 1))
    data, requirement = coxswain_fleet(launch(D(2021, 1, 1)))
    data = attrs.evolve(data, people=(attrs.evolve(data.people[0], duty_roles=(held,)),))
    person = data.people[0]
    assert Facts.of(data).on(D(2021, 2, 28)).currency_needs(person) == ()
    (need,) = Facts.of(data).on(D(2021, 3, 1)).currency_needs(person)
    assert need.requirement == requirement
    assert need.required_by == ("duty role coxswain",)
    assert Facts.of(data).on(D(2021, 3, 31)).currency_unmet(person) == ()
    assert Facts.of(data).on(D(2021, 4, 1)).currency_unmet(person) == (need,)


def test_roles_asking_the_same_share_one_need() -> None:
    requirement = mc.model.Currency("boat-launch", P3M)
    data = mc.model.Fleet(
        people=(
            mc.model.Person(
                id="BF1",
                name="Sam Okafor",
                discipline=mc.model.Discipline.DECK,
                duty_roles=("coxswain", "bosun"),
            ),
        ),
        duty_roles=(
            mc.model.DutyRole("coxswain", "Coxswain", currency=(requirement,)),
            mc.model.DutyRole("bosun", "Bosun", currency=(requirement,)),
        ),
    )
    (need,) = Facts.of(data).on(D(2021, 3, 31)).currency_needs(data.people[0])
    assert need.required_by == ("duty role coxswain", "duty role bosun")


@pytest.mark.parametrize(
    ("text", "words"),
    [("P3M", "3 months"), ("P1Y6M", "1 year and 6 months"), ("P1D", "1 day"), ("P2W", "2 weeks")],
)
def test_periods_in_words(text: str, words: str) -> None:
    assert mc.model.Period.parse(text).in_words() == words


def test_a_currency_period_is_whole_days_and_not_empty() -> None:
    with pytest.raises(mc.model.InvalidValue, match="at least one day"):
        mc.model.Currency("boat-launch", mc.model.Period())
    with pytest.raises(mc.model.InvalidValue, match="whole days"):
        mc.model.Currency("boat-launch", mc.model.Period(hours=12))
    with pytest.raises(mc.model.InvalidValue, match="1 or more"):
        mc.model.Currency("boat-launch", P3M, count=0)


# -- the brute-force oracle -----------------------------------------------------------------

BASE = D(2021, 1, 1)
_WITHIN = ["P1D", "P7D", "P2W", "P1M", "P45D", "P3M", "P1Y"]


def _counts_on(events: list[tuple[D, int]], within: mc.model.Period, day: D) -> int:
    """Events counting on ``day``, straight from the definition, with pendulum's own add."""
    return sum(
        count
        for first, count in events
        if first
        <= day
        < first.add(years=within.years, months=within.months, weeks=within.weeks, days=within.days)
    )


def _expected(
    events: list[tuple[D, int]], within: mc.model.Period, required: int, day: D
) -> tuple[int, D | None, D | None, D | None]:
    """(counted, last, through, next) by walking day by day from ``day``."""
    known = [(first, count) for first, count in events if first <= day]
    later = [first for first, _ in events if first > day]
    counted = _counts_on(known, within, day)
    last = max((first for first, _ in known), default=None)
    through = None
    if counted >= required:
        through = day
        while _counts_on(known, within, through.add(days=1)) >= required:
            through = through.add(days=1)
    elif known:
        candidate = day.subtract(days=1)
        earliest = min(first for first, _ in known)
        while candidate >= earliest:
            if _counts_on(known, within, candidate) >= required:
                through = candidate
                break
            candidate = candidate.subtract(days=1)
    return counted, last, through, min(later, default=None)


@settings(max_examples=60, deadline=None)
@given(
    events=st.lists(
        st.tuples(
            st.integers(-120, 160).map(lambda n: BASE.add(days=n)),
            st.integers(1, 3),
            st.sampled_from(["boat-launch", "boat-launch", "man-overboard"]),
        ),
        max_size=6,
    ),
    within=st.sampled_from(_WITHIN),
    required=st.integers(1, 4),
    start=st.integers(-30, 60),
)
def test_currency_agrees_with_the_definition_on_every_day(
    events: list[tuple[D, int, str]], within: str, required: int, start: int
) -> None:
    data, requirement = coxswain_fleet(
        *(launch(day, count, kind) for day, count, kind in events),
        count=required,
        within=within,
    )
    mine = [(day, count) for day, count, kind in events if kind == "boat-launch"]
    person = data.people[0]
    facts = Facts.of(data)  # one store: later days read what earlier ones kept
    first = BASE.add(days=start)
    answers = []
    for offset in range(120):
        day = first.add(days=offset)
        trace = Trace(day.toordinal())
        found = facts.traced(day, trace).currency(person, requirement)
        counted, last, through, following = _expected(mine, requirement.within, required, day)
        assert (found.counted, found.last, found.through, found.next) == (
            counted,
            last,
            through,
            following,
        ), day
        assert found.current == (counted >= required)
        answers.append((found, trace.next))
    # each answer holds on every day before the one its trace names
    for offset, (found, change) in enumerate(answers):
        assert change > first.toordinal() + offset
        for later in range(offset + 1, len(answers)):
            if first.toordinal() + later >= change:
                break
            assert answers[later][0] == found, (offset, later)
