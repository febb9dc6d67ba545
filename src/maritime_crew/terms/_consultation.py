"""A consultation on a terms set, summarised: window, responses, themes, replies.

Summarised as of a date, it counts only what had happened by then: responses received
on or before the date, and management responses given on or before it. The window
(``opens`` and ``closes``) is the plan, shown whatever the date.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import attrs
import pendulum

from ..facts import Facts
from ..model import ConsultationResponse, DateLike, Fleet, TermsAndConditions
from ..rules import as_date
from ._lifecycle import _set

__all__ = ["ConsultationSummary", "consultation_summary"]


@attrs.frozen
class ConsultationSummary:
    """What :func:`consultation_summary` gives for a set with a consultation."""

    terms: str
    opens: pendulum.Date
    closes: pendulum.Date
    days: int
    """Length of the window in days, both ends included."""
    responses: int
    by_theme: tuple[tuple[str, int], ...]
    """Responses per theme, most first (then by theme); a response may raise several."""
    answered: int
    """Responses with a recorded management response."""
    unanswered: tuple[str, ...]
    """Ids of the responses without one."""
    outside_window: tuple[str, ...]
    """Ids of responses received before the window opened or after it closed."""
    as_of: pendulum.Date | None = None
    """The date summarised as of; ``None``: everything recorded."""

    @property
    def answered_share(self) -> float | None:
        """The share of responses answered, 0 to 1; ``None`` with no responses."""
        return self.answered / self.responses if self.responses else None

    def to_record(self) -> dict[str, Any]:
        """The summary as plain data."""
        return {
            "terms": self.terms,
            "as_of": self.as_of.isoformat() if self.as_of is not None else None,
            "opens": self.opens.isoformat(),
            "closes": self.closes.isoformat(),
            "days": self.days,
            "responses": self.responses,
            "by_theme": dict(self.by_theme),
            "answered": self.answered,
            "answered_share": self.answered_share,
            "unanswered": list(self.unanswered),
            "outside_window": list(self.outside_window),
        }


def consultation_summary(
    fleet: Fleet,
    terms: str | TermsAndConditions,
    as_of: DateLike | None = None,
) -> ConsultationSummary | None:
    """The consultation of a set summarised; ``None`` when it has no consultation.

    With ``as_of``, only what had happened by that date counts: a response received
    after it is left out altogether, and a management response given after it (its
    ``responded_on``) leaves the response unanswered. A management response with no
    ``responded_on`` counts from the day the response itself does. Without ``as_of``,
    everything recorded counts. A response counts as answered when it has a management
    response recorded. Raises :class:`KeyError` for an unknown set id.
    """
    record = _set(fleet, terms)
    consultation = record.consultation
    if consultation is None:
        return None
    on = as_date(as_of) if as_of is not None else None
    view = Facts.of(fleet).on(on) if on is not None else None

    def happened(day: datetime.date | None) -> bool:
        return day is None or view is None or view.reached(day)

    responses = [r for r in consultation.responses if happened(r.received)]

    def answered(response: ConsultationResponse) -> bool:
        return bool(response.management_response) and happened(response.responded_on)

    themes = Counter(theme for response in responses for theme in response.themes)
    return ConsultationSummary(
        terms=record.id,
        opens=consultation.opens,
        closes=consultation.closes,
        days=consultation.closes.toordinal() - consultation.opens.toordinal() + 1,
        responses=len(responses),
        by_theme=tuple(sorted(themes.items(), key=lambda item: (-item[1], item[0]))),
        answered=sum(1 for r in responses if answered(r)),
        unanswered=tuple(r.id for r in responses if not answered(r)),
        outside_window=tuple(
            r.id for r in responses if not consultation.opens <= r.received <= consultation.closes
        ),
        as_of=on,
    )
