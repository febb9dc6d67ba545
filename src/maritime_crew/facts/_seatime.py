"""Sea time: days aboard, counted from deployments.

Each calendar day aboard counts once, however many deployments cover it: deployments
are merged before counting, and both the first and the last day of a deployment count
(a deployment from 1 to 14 April is 14 days). A deployment without an end runs up to
the date asked about. Crew deployments count for a member only from the day they
joined the crew (``crew_since``); days after the date asked about do not count yet.
"""

from __future__ import annotations

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
        deployments = fleet.deployments_of(person.id)
        if person.crew is not None and all(d.person is None for d in deployments):
            # Only the crew's deployments: members who joined it on the same day share them.
            key = ("crew", person.crew, person.crew_since)
            merged = cache.get(key)
            if merged is None:
                merged = cache[key] = _merged(deployments, person, until)
        else:
            merged = _merged(deployments, person, until)
        cache[id(person)] = merged
    if since is None:
        return list(merged)
    return [(max(start, since), end) for start, end in merged if end >= since]


def _merged(
    deployments: tuple[Deployment, ...], person: Person, until: pendulum.Date
) -> list[tuple[pendulum.Date, pendulum.Date]]:
    spans: list[tuple[pendulum.Date, pendulum.Date]] = []
    for deployment in deployments:
        start = deployment.start
        end = deployment.end if deployment.end is not None else until
        if deployment.crew is not None and person.crew_since is not None:
            start = max(start, person.crew_since)
        end = min(end, until)
        if start <= end:
            spans.append((start, end))
    spans.sort()
    merged: list[tuple[pendulum.Date, pendulum.Date]] = []
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
    return sum(
        end.toordinal() - start.toordinal() + 1
        for start, end in sea_periods(fleet, person, until=until, since=since)
    )
