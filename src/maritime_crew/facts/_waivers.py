"""Waivers: the people they name, and which are in force on a date."""

from __future__ import annotations

from ..model import Waiver
from ._core import Core
from ._dates import DateQuestions

__all__ = ["WaiverFacts", "WaiverQuestions"]


class WaiverFacts(Core):
    """Waivers by the person they name: the same on every date."""

    def conditional_waivers_of(self, person_id: str) -> tuple[Waiver, ...]:
        """The waivers granted on a condition that name this person, in data order.

        Worked out once per fleet for every person, so that a rule about the few people
        a conditional waiver names finds them without reading every waiver per person.
        """
        cache = self._memo("waivers")
        found: dict[str, tuple[Waiver, ...]] | None = cache.get("conditional-by-person")
        if found is None:
            by_person: dict[str, list[Waiver]] = {}
            for waiver in self.fleet.waivers:
                if waiver.condition is not None and waiver.subject.kind == "person":
                    by_person.setdefault(waiver.subject.id, []).append(waiver)
            found = cache.setdefault(
                "conditional-by-person", {key: tuple(value) for key, value in by_person.items()}
            )
        return found.get(person_id, ())


class WaiverQuestions(WaiverFacts, DateQuestions):
    """Which dispensations apply on the view's date."""

    def waiver_in_force(self, waiver: Waiver) -> bool:
        """True from the grant date up to and including the expiry date."""
        return self.covers(waiver.granted_on, waiver.expires)

    def waivers_in_force(self) -> tuple[Waiver, ...]:
        """Every waiver in force on the date, in data order."""
        return self._answer(
            "waivers",
            "all",
            lambda: tuple(w for w in self.fleet.waivers if self.waiver_in_force(w)),
        )
