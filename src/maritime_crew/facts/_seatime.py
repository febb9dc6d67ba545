"""Sea time: days aboard, counted from deployments.

Each calendar day aboard counts once, however many deployments cover it: deployments
are merged before counting, and both the first and the last day of a deployment count
(a deployment from 1 to 14 April is 14 days). A deployment without an end runs up to
the date asked about. Crew deployments count for a member only from the day they
joined the crew (``crew_since``); days after the date asked about do not count yet.
"""

from __future__ import annotations

import bisect
from typing import Any

import pendulum

from ..model import Deployment, Fleet, Person
from ._memo import dated_memo

__all__ = ["sea_days", "sea_periods"]


def sea_periods(
    fleet: Fleet,
    person: Person,
    *,
    until: pendulum.Date,
    since: pendulum.Date | None = None,
) -> list[tuple[pendulum.Date, pendulum.Date]]:
    """Merged, inclusive periods aboard between ``since`` and ``until`` (both included)."""
    cache = dated_memo(fleet, until, "sea-periods")
    merged: list[tuple[pendulum.Date, pendulum.Date]] | None = cache.get(id(person))
    if merged is None:
        merged = cache[id(person)] = _person_periods(fleet, cache, person, until)
    if since is None:
        return list(merged)
    return [(max(start, since), end) for start, end in merged if end >= since]


Span = tuple[pendulum.Date, pendulum.Date]


def _person_periods(
    fleet: Fleet, cache: dict[Any, Any], person: Person, until: pendulum.Date
) -> list[Span]:
    """The person's own deployments and their crew's since they joined it, merged.

    The crew's deployments are merged once per crew and then cut at the day the person
    joined it: cutting merged periods gives the same days as merging cut ones.
    """
    joined = person.crew_since
    crew: list[Span] = []
    if person.crew is not None:
        key = ("crew", person.crew)
        whole: list[Span] | None = cache.get(key)
        if whole is None:
            deployments = fleet.deployments_of_crew(person.crew)
            whole = cache[key] = _merge(_spans(deployments, None, until))
        crew = whole if joined is None else [(max(s, joined), e) for s, e in whole if e >= joined]
    own = fleet.own_deployments_of(person.id)
    if not own:
        return list(crew)
    return _merge(crew + _spans(own, joined, until))


def _spans(
    deployments: tuple[Deployment, ...], joined: pendulum.Date | None, until: pendulum.Date
) -> list[Span]:
    """Each deployment's days up to ``until``; a crew's from the day the person joined it."""
    spans: list[Span] = []
    for deployment in deployments:
        start = deployment.start
        end = deployment.end if deployment.end is not None else until
        if deployment.crew is not None and joined is not None:
            start = max(start, joined)
        end = min(end, until)
        if start <= end:
            spans.append((start, end))
    return spans


def _merge(spans: list[Span]) -> list[Span]:
    """Sorted periods with overlapping and adjacent ones joined (each day counted once)."""
    spans.sort()
    merged: list[Span] = []
    for start, end in spans:
        if merged and start.toordinal() <= merged[-1][1].toordinal() + 1:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def sea_days(
    fleet: Fleet,
    person: Person,
    *,
    until: pendulum.Date,
    since: pendulum.Date | None = None,
) -> int:
    """Days aboard between ``since`` and ``until``, both included, each day counted once."""
    if person.crew is not None and not fleet.own_deployments_of(person.id):
        # Only the crew's deployments: count from running totals, without listing periods.
        bounds = [day for day in (person.crew_since, since) if day is not None]
        return _crew_days(fleet, person.crew, until, max(bounds) if bounds else None)
    return sum(
        end.toordinal() - start.toordinal() + 1
        for start, end in sea_periods(fleet, person, until=until, since=since)
    )


def _crew_days(fleet: Fleet, crew: str, until: pendulum.Date, since: pendulum.Date | None) -> int:
    """Days aboard with the crew from ``since`` (or ever) up to ``until``, both included."""
    cache = dated_memo(fleet, until, "sea-periods")
    key = ("crew-totals", crew)
    totals: tuple[list[int], list[int], list[int]] | None = cache.get(key)
    if totals is None:
        whole: list[Span] | None = cache.get(("crew", crew))
        if whole is None:
            deployments = fleet.deployments_of_crew(crew)
            whole = cache[("crew", crew)] = _merge(_spans(deployments, None, until))
        starts = [start.toordinal() for start, _ in whole]
        ends = [end.toordinal() for _, end in whole]
        running = [0]
        for first, last in zip(starts, ends, strict=True):
            running.append(running[-1] + last - first + 1)
        totals = cache[key] = (starts, ends, running)
    starts, ends, running = totals
    if since is None:
        return running[-1]
    day = since.toordinal()
    first = bisect.bisect_left(ends, day)  # the first period that ends on or after ``since``
    if first == len(ends):
        return 0
    return running[-1] - running[first] - max(0, day - starts[first])
