"""Sea days: the running-total count of a crew member equals counting day by day."""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew.facts import Facts

START = datetime.date(2020, 1, 1)
days = st.integers(0, 400).map(lambda n: pendulum.Date.fromordinal(START.toordinal() + n))


@st.composite
def crews_at_sea(draw: st.DrawFn) -> tuple[mc.model.Fleet, pendulum.Date, pendulum.Date | None]:
    spans = draw(st.lists(st.tuples(days, st.integers(0, 30), st.booleans()), max_size=8))
    deployments = [
        mc.model.Deployment(
            id=f"d{i}",
            vessel="vigilant",
            start=start,
            end=None if open_ended else pendulum.Date.fromordinal(start.toordinal() + length),
            crew="vigilant-a",
        )
        for i, (start, length, open_ended) in enumerate(spans)
    ]
    own = draw(st.booleans())
    if own:
        deployments.append(
            mc.model.Deployment(
                id="own", vessel="seeker", start=draw(days), end=draw(days), person="BF1"
            )
        )
    person = mc.model.Person(
        id="BF1",
        name="A B",
        discipline=mc.model.Discipline.DECK,
        crew="vigilant-a",
        crew_since=draw(st.none() | days),
        joined=draw(st.none() | days),
        left=draw(st.none() | days),
    )
    fleet = mc.model.Fleet(
        vessels=(
            mc.model.Vessel(id="vigilant", name="HMC Vigilant", type=mc.model.VesselType.CUTTER),
            mc.model.Vessel(id="seeker", name="HMC Seeker", type=mc.model.VesselType.CUTTER),
        ),
        crews=(mc.model.Crew(id="vigilant-a", name="Vigilant A", vessel="vigilant"),),
        people=(person,),
        deployments=tuple(deployments),
    )
    return fleet, draw(days), draw(st.none() | days)


def _day_by_day(fleet: mc.model.Fleet, until: pendulum.Date, since: pendulum.Date | None) -> int:
    person = fleet.people[0]
    aboard: set[int] = set()
    for deployment in fleet.deployments:
        start = deployment.start
        end = min(deployment.end or until, until)
        if deployment.crew is not None:
            # a crew's deployment counts while the person is in the crew and the command
            for bound in (person.crew_since, person.joined):
                if bound is not None:
                    start = max(start, bound)
            if person.left is not None:
                end = min(end, person.left)
        aboard.update(range(start.toordinal(), end.toordinal() + 1))
    low = since.toordinal() if since is not None else 0
    return sum(1 for day in aboard if day >= low)


@given(crews_at_sea())
def test_sea_days_count_each_day_aboard_once(
    case: tuple[mc.model.Fleet, pendulum.Date, pendulum.Date | None],
) -> None:
    fleet, until, since = case
    person = fleet.people[0]
    assert Facts.of(fleet).sea_days(person, until=until, since=since) == _day_by_day(
        fleet, until, since
    )


def test_what_if_copies_of_a_person_each_get_their_own_sea_time() -> None:
    """A copy of a person made for a what-if question is not answered from another's cache.

    Each copy is dropped before the next is made, so Python may give the next one the
    same ``id``: answers must still follow each copy's own ``crew_since``.
    """
    start = pendulum.Date(2020, 1, 1)
    fleet = mc.model.Fleet(
        vessels=(
            mc.model.Vessel(id="vigilant", name="HMC Vigilant", type=mc.model.VesselType.CUTTER),
        ),
        crews=(mc.model.Crew(id="vigilant-a", name="Vigilant A", vessel="vigilant"),),
        people=(
            mc.model.Person(
                id="BF1", name="A B", discipline=mc.model.Discipline.DECK, crew="vigilant-a"
            ),
        ),
        deployments=(
            mc.model.Deployment(
                id="d0", vessel="vigilant", start=start, end=None, crew="vigilant-a"
            ),
        ),
    )
    until = pendulum.Date(2020, 12, 31)
    for offset in range(0, 300, 7):
        joined = start.add(days=offset)
        copy = attrs.evolve(fleet.people[0], crew_since=joined)
        periods = Facts.of(fleet).sea_periods(copy, until=until)
        assert periods == ((joined, until),)
        del copy, periods


def test_a_crew_deployment_after_the_person_left_does_not_count() -> None:
    # BF1011 left the command on 2020-10-30; their crew went on deploying.
    fleet = mc.load(Path(__file__).resolve().parent.parent / "examples" / "fleet")
    person = fleet.person("BF1011")
    assert person is not None
    assert person.left == pendulum.Date(2020, 10, 30)
    on_leaving = Facts.of(fleet).sea_days(person, until=person.left)
    # Counted by hand from deployments.toml: the days of Searcher A's deployments from
    # 2015-01-05 (joined, crew_since) to 2020-10-30, no absences and no cover. HMC
    # Searcher's refit took out Searcher A's three fortnights from 2020-01-09, 2020-02-06
    # and 2020-03-05 (42 days).
    assert on_leaving == 1022
    assert Facts.of(fleet).sea_days(person, until=pendulum.Date(2021, 3, 31)) == on_leaving
    periods = Facts.of(fleet).sea_periods(person, until=pendulum.Date(2021, 3, 31))
    assert periods[-1][1] <= person.left
    # the same with a deployment of their own, which takes the listing path
    own = mc.model.Deployment(
        id="own", vessel="seeker", start=pendulum.Date(2010, 1, 1), end=None, person="BF1011"
    )
    more = attrs.evolve(fleet, deployments=(*fleet.deployments, own))
    person = more.person("BF1011")
    assert person is not None
    crew_only = attrs.evolve(person, crew=None)
    assert Facts.of(more).sea_days(person, until=pendulum.Date(2021, 3, 31)) == Facts.of(
        more
    ).sea_days(crew_only, until=pendulum.Date(2021, 3, 31))


def test_a_crew_deployment_before_the_person_joined_the_command_does_not_count() -> None:
    start = pendulum.Date(2020, 1, 1)
    fleet = mc.model.Fleet(
        vessels=(
            mc.model.Vessel(id="vigilant", name="HMC Vigilant", type=mc.model.VesselType.CUTTER),
        ),
        crews=(mc.model.Crew(id="vigilant-a", name="Vigilant A", vessel="vigilant"),),
        people=(
            mc.model.Person(
                id="BF1",
                name="A B",
                discipline=mc.model.Discipline.DECK,
                crew="vigilant-a",
                joined=pendulum.Date(2020, 1, 11),
                left=pendulum.Date(2020, 1, 20),
            ),
        ),
        deployments=(
            mc.model.Deployment(
                id="d0", vessel="vigilant", start=start, end=None, crew="vigilant-a"
            ),
        ),
    )
    # 11 to 20 January, both included
    assert Facts.of(fleet).sea_days(fleet.people[0], until=pendulum.Date(2020, 12, 31)) == 10


# -- who was actually aboard: earlier crews, absences, cover (issue 20) --------------------


@st.composite
def histories(draw: st.DrawFn) -> tuple[mc.model.Fleet, pendulum.Date, pendulum.Date]:
    """A person who moved from crew A to crew B, with absences, exceptions and cover."""
    deployments = []
    for i, (crew, start, length) in enumerate(
        draw(
            st.lists(
                st.tuples(st.sampled_from(["a", "b", "c"]), days, st.integers(0, 30)), max_size=8
            )
        )
    ):
        named = draw(st.sampled_from([(), ("BF1",)]))
        deployments.append(
            mc.model.Deployment(
                id=f"d{i}",
                vessel="vigilant",
                start=start,
                end=draw(st.one_of(st.none(), st.just(start.add(days=length)))),
                crew=crew,
                absent=named if crew != "c" else (),
                cover=named if crew == "c" else (),
            )
        )
    moved = draw(days)
    spell_start = draw(days)
    absences = tuple(
        mc.model.Absence(mc.model.AbsenceKind.SICKNESS, start, start.add(days=length))
        for start, length in draw(st.lists(st.tuples(days, st.integers(0, 20)), max_size=2))
    )
    person = mc.model.Person(
        id="BF1",
        name="A",
        discipline=mc.model.Discipline.DECK,
        crew="b",
        crew_since=draw(st.one_of(st.none(), st.just(moved))),
        previous_crews=(
            (mc.model.CrewSpell("a", min(spell_start, moved), moved.subtract(days=1)),)
            if draw(st.booleans()) and spell_start < moved
            else ()
        ),
        joined=draw(st.one_of(st.none(), days)),
        left=draw(st.one_of(st.none(), days)),
        absences=absences,
    )
    fleet = mc.model.Fleet(people=(person,), deployments=tuple(deployments))
    first, last = sorted((draw(days), draw(days)))
    return fleet, first, last


@given(histories())
def test_sea_days_are_the_days_the_person_was_aboard_and_not_away(
    case: tuple[mc.model.Fleet, pendulum.Date, pendulum.Date],
) -> None:
    fleet, since, until = case
    person = fleet.people[0]
    facts = Facts.of(fleet)
    counted = 0
    day = since
    while day <= until:
        view = facts.on(day)
        counted += bool(view.aboard(person)) and view.absence(person) is None
        day = day.add(days=1)
    assert facts.on(until).sea_days(person, until=until, since=since) == counted
