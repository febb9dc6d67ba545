"""A consultation on a terms set, summarised: window, responses, themes, replies."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs
import pendulum

from ..model import Fleet, TermsAndConditions
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

    @property
    def answered_share(self) -> float | None:
        """The share of responses answered, 0 to 1; ``None`` with no responses."""
        return self.answered / self.responses if self.responses else None

    def to_record(self) -> dict[str, Any]:
        """The summary as plain data."""
        return {
            "terms": self.terms,
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
    fleet: Fleet, terms: str | TermsAndConditions
) -> ConsultationSummary | None:
    """The consultation of a set summarised; ``None`` when it has no consultation.

    A response counts as answered when it has a management response recorded.
    Raises :class:`KeyError` for an unknown set id.
    """
    record = _set(fleet, terms)
    consultation = record.consultation
    if consultation is None:
        return None
    responses = consultation.responses
    themes = Counter(theme for response in responses for theme in response.themes)
    return ConsultationSummary(
        terms=record.id,
        opens=consultation.opens,
        closes=consultation.closes,
        days=consultation.closes.toordinal() - consultation.opens.toordinal() + 1,
        responses=len(responses),
        by_theme=tuple(sorted(themes.items(), key=lambda item: (-item[1], item[0]))),
        answered=sum(1 for r in responses if r.management_response),
        unanswered=tuple(r.id for r in responses if not r.management_response),
        outside_window=tuple(
            r.id for r in responses if not consultation.opens <= r.received <= consultation.closes
        ),
    )
