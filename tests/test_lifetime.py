"""A fleet's caches live exactly as long as the fleet: nothing keeps a dropped fleet alive."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import maritime_crew as mc
from maritime_crew.forecast import forecast
from maritime_crew.pathways import next_steps
from maritime_crew.skills import skills_matrix
from maritime_crew.timeline import timeline

EXAMPLE = Path(__file__).parent.parent / "examples" / "fleet"


def _alive_fleets() -> list[mc.model.Fleet]:
    gc.collect()
    return [thing for thing in gc.get_objects() if isinstance(thing, mc.model.Fleet)]


def test_no_fleet_outlives_its_last_use_whatever_was_asked_of_it() -> None:
    """Load, check, timeline, forecast, skills matrix and pathway, 25 times over."""
    before = len(_alive_fleets())
    gone = []
    for _ in range(25):
        fleet = mc.load(EXAMPLE)
        mc.check(fleet, "2021-03-31")
        timeline(fleet, "2021-02-01", "2021-03-31")
        forecast(fleet, "2021-03-31", within=90)
        skills_matrix(fleet, "2021-03-31")
        next_steps(fleet, "BF1003", "2021-03-31")
        gone.append(weakref.ref(fleet))
        del fleet
    assert len(_alive_fleets()) == before
    assert all(ref() is None for ref in gone)


def test_a_dropped_fleet_is_freed_at_once_without_the_garbage_collector() -> None:
    """No reference cycle holds a fleet: it goes when its last reference does.

    A cycle would keep every fleet (130 MB at 10,000 people) until the collector's next
    full pass, which a long-running service may not reach for a while.
    """
    gc.disable()
    try:
        fleet = mc.load(EXAMPLE)
        mc.check(fleet, "2021-03-31")
        timeline(fleet, "2021-03-01", "2021-03-31")
        gone = weakref.ref(fleet)
        del fleet
        assert gone() is None
    finally:
        gc.enable()


def test_loading_keeps_none_of_the_values_it_shared_once_it_returns() -> None:
    """The dates, moments and texts one load shares among its records are then forgotten."""
    from maritime_crew.io import _converter

    shared = (_converter._DATES, _converter._MOMENTS, _converter._TEXT)
    fleet = mc.load(EXAMPLE)
    assert fleet.people
    assert fleet.work_periods
    assert shared == ({}, {}, {})
    text = '[[person]]\nid = "BF9"\nname = "A"\ndiscipline = "deck"\njoined = 2020-01-02\n'
    assert mc.loads(text).people[0].joined == mc.model.as_date("2020-01-02")
    assert shared == ({}, {}, {})


def test_one_load_shares_one_object_per_repeated_value() -> None:
    """What keeps a large fleet small: equal names, issuers and watch times are one object."""
    fleet = mc.load(EXAMPLE)
    issuers = [c.issuer for p in fleet.people for c in p.certificates if c.issuer]
    assert len(issuers) > len(set(issuers))
    assert len({id(issuer) for issuer in issuers}) == len(set(issuers))
    starts = [w.start for w in fleet.work_periods]
    written = {(start.isoformat(), start.tzinfo) for start in starts}
    assert len(starts) > len(written)
    assert len({id(start) for start in starts}) == len(written)
