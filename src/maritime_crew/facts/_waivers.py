"""Waivers in force on a date."""

from __future__ import annotations

from ..model import Waiver
from ._dates import DateQuestions

__all__ = ["WaiverQuestions"]


class WaiverQuestions(DateQuestions):
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
