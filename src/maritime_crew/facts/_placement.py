"""Where a subject belongs on a date: its vessel and crew, for grouping findings."""

from __future__ import annotations

import attrs

from ..model import Subject
from ._availability import AvailabilityQuestions

__all__ = ["Placement", "PlacementQuestions"]


@attrs.frozen
class Placement:
    """The vessel and crew a subject belongs to, where the records say."""

    vessel: str | None
    crew: str | None


_NOWHERE = Placement(None, None)


class PlacementQuestions(AvailabilityQuestions):
    """Where subjects belong on the view's date."""

    def placement(self, subject: Subject) -> Placement:
        """The vessel and crew of a subject on the date.

        A person's crew and its vessel; a crew's vessel; an operation's or deployment's
        vessel and crew; a debrief's vessel (or its operation's); the one vessel a
        document applies to (none when it applies to several, or fleet-wide); an item's
        holder's crew on the date.
        """
        fleet = self.fleet
        kind, key = subject.kind, subject.id
        crew_id: str | None = None
        vessel_id: str | None = None
        if kind == "person":
            person = fleet.person(key)
            crew_id = self.crew_of(person) if person else None
        elif kind == "crew":
            crew_id = key
        elif kind == "vessel":
            vessel_id = key
        elif kind in ("deployment", "operation"):
            record = fleet.deployment(key) if kind == "deployment" else fleet.operation(key)
            if record is not None:
                vessel_id, crew_id = record.vessel, record.crew
        elif kind == "debrief":
            debrief = fleet.debrief(key)
            operation = fleet.operation(debrief.operation) if debrief else None
            vessel_id = (debrief.vessel if debrief else None) or (
                operation.vessel if operation else None
            )
        elif kind == "document":
            document = fleet.document(key)
            if document is not None and len(document.vessels) == 1:
                vessel_id = document.vessels[0]
        elif kind == "equipment_item":
            holders = self.holders(key)
            crew_id = self.crew_of(holders[0]) if holders else None
        else:
            return _NOWHERE
        if crew_id is not None and vessel_id is None:
            crew = fleet.crew(crew_id)
            vessel_id = crew.vessel if crew else None
        return Placement(vessel_id, crew_id)
