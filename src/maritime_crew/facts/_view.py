"""``View``: the facts of one fleet on one date."""

from __future__ import annotations

import datetime

import pendulum

from ._availability import AvailabilityQuestions
from ._core import Store
from ._currency import CurrencyQuestions
from ._dates import DateQuestions
from ._deployments import DeploymentQuestions
from ._documents import DocumentQuestions
from ._facts import Facts
from ._hours import HoursQuestions
from ._kit import KitQuestions
from ._manning import ManningQuestions
from ._people import PeopleQuestions
from ._placement import PlacementQuestions
from ._requirements import RequirementQuestions
from ._seatime import SeaTimeQuestions
from ._servicing import ServicingQuestions
from ._terms import TermsQuestions
from ._tours import TourQuestions
from ._trace import Trace
from ._trainers import TrainerQuestions
from ._validity import ValidityQuestions
from ._waivers import WaiverQuestions

__all__ = ["View"]


class View(
    TourQuestions,
    ManningQuestions,
    CurrencyQuestions,
    TrainerQuestions,
    PlacementQuestions,
    DocumentQuestions,
    TermsQuestions,
    HoursQuestions,
    DeploymentQuestions,
    WaiverQuestions,
    ServicingQuestions,
    SeaTimeQuestions,
    RequirementQuestions,
    AvailabilityQuestions,
    ValidityQuestions,
    KitQuestions,
    PeopleQuestions,
    DateQuestions,
):
    """The facts of one fleet on one date: every question, answered for that date.

    Get one with ``Facts.of(fleet).on(date)``; a rule gets one as ``ctx.facts``. Each
    answer is a date, a period, a record or a small named record (an attrs class).

    A view made by the engine carries a :class:`~maritime_crew.facts.Trace`: each answer
    notes the first later day on which it may change, worked out from the record dates
    it depends on. A rule that reaches its conclusions through the view's answers gets
    an exact timeline for free (see ``docs/timeline.md``).
    """

    def __init__(
        self, store: Store, date: pendulum.Date, trace: Trace | None, offset: int = 0
    ) -> None:
        self._store = store
        self.fleet = store.fleet
        self.date = date
        self._ordinal = date.toordinal()
        self.traced = trace is not None
        self._trace = trace if trace is not None else Trace(self._ordinal)
        self._offset = offset
        self._shifted: dict[int, View] = {}
        self._caches = {}

    def __repr__(self) -> str:
        return f"<facts on {self.date}>"

    def later(self, days: int) -> View:
        """The view ``days`` days after this one (before it, if negative), traced alike.

        "Does the certificate expire within 90 days?" is "has its expiry been reached
        90 days later?": ``view.later(90).reached(expires)``. The answer changes 90 days
        before the expiry, and that is the day noted.
        """
        found = self._shifted.get(days)
        if found is None:
            day = self._store.day(self._ordinal + days)
            found = View(self._store, day, self._trace, self._offset + days)
            found.traced = self.traced
            self._shifted[days] = found
        return found

    def earlier(self, days: int) -> View:
        """The view ``days`` days before this one (see :meth:`later`)."""
        return self.later(-days)

    def on(self, date: datetime.date | str) -> View:
        """A view of the same facts on another, fixed date: not traced.

        For questions about a date that does not move with the date checked, such as
        whether a trainer was qualified on the day they delivered a course.
        """
        return Facts.of(self.fleet).on(date)
