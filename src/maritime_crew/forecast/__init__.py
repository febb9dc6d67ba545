"""What lapses next: every dated obligation that falls due in a window (issue 5).

Certificate and training expiries, equipment services, shelf-life ends and marked dates,
document reviews, debrief actions, and terms consultation and effective dates, each
attributed to a vessel, crew and person where known::

    import maritime_crew as mc

    fleet = mc.load("examples/fleet")
    due = mc.forecast.forecast(fleet, "2021-03-31", "90d", vessel="vigilant")
    due.items, due.to_records()
"""

from ..model import parse_within
from ._forecast import DEFAULT_REVIEW_INTERVAL, DueItem, DueKind, Forecast, forecast

__all__ = ["DEFAULT_REVIEW_INTERVAL", "DueItem", "DueKind", "Forecast", "forecast", "parse_within"]
