"""``Facts``: the one object per fleet that answers questions about it and keeps the caches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import DateLike, Fleet, as_date
from ._core import Store
from ._deployments import DeploymentFacts
from ._documents import DocumentFacts
from ._hours import HoursFacts
from ._kit import KitFacts
from ._manning import ManningFacts
from ._seatime import SeaTimeFacts
from ._servicing import ServicingFacts
from ._tours import TourFacts
from ._trace import Trace
from ._trainers import TrainerFacts
from ._waivers import WaiverFacts

if TYPE_CHECKING:
    from ._view import View

__all__ = ["Facts"]


class Facts(
    ManningFacts,
    TrainerFacts,
    HoursFacts,
    KitFacts,
    ServicingFacts,
    TourFacts,
    SeaTimeFacts,
    DocumentFacts,
    DeploymentFacts,
    WaiverFacts,
):
    """Everything worked out from one fleet, made once per fleet and kept with it.

    Get it with :meth:`of`; ask date-free questions of it directly, and questions about
    a date of :meth:`on`'s :class:`~maritime_crew.facts.View`. It holds every cache of
    the fleet's facts and goes when the fleet goes.
    """

    def __init__(self, fleet: Fleet) -> None:
        self._store = Store(fleet)

    @property
    def fleet(self) -> Fleet:  # type: ignore[override]
        """The fleet the facts are about (held weakly: the fleet holds its facts)."""
        return self._store.fleet

    @classmethod
    def of(cls, fleet: Fleet) -> Facts:
        """The facts of ``fleet``: made the first time, then the same object."""
        return fleet.kept(Facts, Facts)

    def on(self, date: DateLike) -> View:
        """A view of the facts on one date (``pendulum.Date``, ``datetime.date`` or ISO text)."""
        from ._view import View

        return View(self._store, as_date(date, "date"), None)

    def traced(self, date: DateLike, trace: Trace) -> View:
        """A view on ``date`` whose answers note in ``trace`` when they may change.

        For engines that follow answers over time (``check`` passes no trace; the
        timeline does).
        """
        from ._view import View

        return View(self._store, as_date(date, "date"), trace)

    def forget_dates(self) -> None:
        """Forget what was worked out for particular dates (benchmarks measure without it)."""
        self._store.forget_dates()
