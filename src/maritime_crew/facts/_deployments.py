"""Where people are: deployments that put one person aboard two vessels on the same day.

A deployment without an end runs up to the date asked about. A person's deployments are
their own and their crew's from the day they joined it (``crew_since``); a person with
no deployment of their own is only where their crew is.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pendulum

from ..model import Deployment, Person
from ._core import Core
from ._dates import DateQuestions

__all__ = ["DeploymentFacts", "DeploymentQuestions", "Overlap"]

_Span = tuple[pendulum.Date, pendulum.Date, Deployment]


@attrs.frozen
class Overlap:
    """Two deployments on different vessels that share days."""

    start: pendulum.Date
    """The first shared day: the later deployment's first day."""
    until: pendulum.Date | None
    """The last shared day; ``None`` while the overlap runs on to the date asked about
    (an open deployment), so that the answer is the same on each of those days."""
    earlier: Deployment
    later: Deployment


class DeploymentFacts(Core):
    """Deployments, the same on every date."""

    def crew_vessels(self, crew_id: str) -> tuple[str, ...]:
        """The vessels the crew's own deployments are aboard, sorted; once per crew."""
        cache = self._memo("crew-vessels")
        found: tuple[str, ...] | None = cache.get(crew_id)
        if found is None:
            deployments = self.fleet.deployments_of_crew(crew_id)
            found = cache.setdefault(crew_id, tuple(sorted({d.vessel for d in deployments})))
        return found

    def vessels_ever_out_of_service(self) -> frozenset[str]:
        """Ids of the vessels that are in refit, laid up or decommissioned on some date.

        A vessel with a listed status that cannot deploy, on any date; worked out once
        per fleet, so that a rule about deployments on such vessels passes over the
        others (a million deployments at 100,000 people) by one set lookup each.
        """
        cache = self._memo("vessel-status")
        found: frozenset[str] | None = cache.get("ever-out")
        if found is None:
            fleet = self.fleet
            vessels = [fleet.vessel(vessel_id) for vessel_id in fleet.ids("vessel")]
            out = frozenset(
                vessel.id
                for vessel in vessels
                if vessel is not None and any(not s.status.deployable for s in vessel.status)
            )
            found = cache.setdefault("ever-out", out)
        return found


class DeploymentQuestions(DeploymentFacts, DateQuestions):
    """Deployments on the view's date."""

    def two_places(self, person: Person) -> tuple[Overlap, ...]:
        """Each pair of the person's deployments on different vessels that overlap.

        Of deployments sorted by first and last day, each is compared with the one
        running longest before it. Worked out once per person and date.
        """
        slot = self._person_slot(person)
        return self._answer("two-places", slot, lambda: self._person_overlaps(person))

    def _person_overlaps(self, person: Person) -> tuple[Overlap, ...]:
        fleet = self.fleet
        if not fleet.own_deployments_of(person.id) and (
            person.crew is None or not self._crew_overlaps(person.crew)
        ):
            return ()  # only where their crew is, and the crew is never in two places
        spans = []
        for deployment in fleet.deployments_of(person.id):
            start = deployment.start
            if deployment.crew is not None and person.crew_since is not None:
                start = max(start, person.crew_since)
            spans.append((start, deployment.end, deployment))
        return tuple(self._overlaps(spans))

    def _crew_overlaps(self, crew_id: str) -> bool:
        """Whether the crew's own deployments put it on two vessels on some day."""
        return self._answer(
            "crew-two-places",
            crew_id,
            lambda: (
                next(
                    self._overlaps(
                        [(d.start, d.end, d) for d in self.fleet.deployments_of_crew(crew_id)]
                    ),
                    None,
                )
                is not None
            ),
        )

    def _overlaps(
        self, spans: list[tuple[pendulum.Date, pendulum.Date | None, Deployment]]
    ) -> Iterator[Overlap]:
        """Overlaps of spans on different vessels; an open span runs to the date.

        The spans kept, and their order, depend on the date only where a span is open:
        then every start and every last day of the spans is asked about, so the answer
        notes each day on which it may change.
        """
        today = self.date
        if any(end is None for _, end, _ in spans):
            for start, end, _ in spans:
                self.reached(start)
                self.passed(end)
        cut: list[_Span] = []
        for start, end, deployment in spans:
            last = end if end is not None else today
            if start <= last:
                cut.append((start, last, deployment))
        cut.sort(key=lambda span: (span[0], span[1]))
        latest: _Span | None = None
        for start, end, deployment in cut:
            if latest is not None and start <= latest[1] and latest[2].vessel != deployment.vessel:
                until = min(end, latest[1])
                # the date stands in for an open deployment's end, and moves with it
                open_ended = all(
                    kept.end is None
                    for kept, last in ((deployment, end), (latest[2], latest[1]))
                    if last == until
                )
                yield Overlap(start, None if open_ended else until, latest[2], deployment)
            if latest is None or end > latest[1]:
                latest = (start, end, deployment)
