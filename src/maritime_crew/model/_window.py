"""A look-ahead window: how far ahead to look, as days or a calendar period.

The forecast and the skills analyses take the same window lengths.
"""

from __future__ import annotations

import re

import pendulum

from ._period import Period

__all__ = ["Within", "parse_within", "window_days", "window_end"]

Within = int | str | Period
"""A window length: days (``90``), days as text (``"90d"``) or a period (``"P3M"``)."""

_DAYS = re.compile(r"(\d+)\s*(?:d|days?)?", re.IGNORECASE | re.ASCII)  # ASCII digits only


def parse_within(within: Within) -> Period:
    """Read a window length: ``90`` (days), ``"90d"``, or a period (``"P90D"``, ``"P3M"``).

    Raises :class:`ValueError` for a negative number, a period with time parts, or text
    in neither form.
    """
    if isinstance(within, Period):
        period = within
    elif isinstance(within, bool):
        raise TypeError("within must be a number of days or a period, not a bool")
    elif isinstance(within, int):
        if within < 0:
            raise ValueError(f"within must be 0 or more days, not {within}")
        period = Period(days=within)
    elif isinstance(within, str):
        text = within.strip()
        match = _DAYS.fullmatch(text)
        if match is not None:
            period = Period(days=int(match.group(1)))
        else:
            try:
                period = Period.parse(text.upper())
            except ValueError:
                raise ValueError(
                    f"within must be days such as 90 or 90d, or a period such as P90D or P3M, "
                    f"not {within!r}"
                ) from None
    else:
        raise TypeError(f"within must be a number of days or a period, not {type(within).__name__}")
    if period.hours or period.minutes or period.seconds:
        raise ValueError(f"within must be whole days, weeks, months or years, not {period}")
    return period


def window_end(as_of: pendulum.Date, within: Period) -> pendulum.Date:
    """The last day of the window that starts on ``as_of``: ``as_of`` plus the period."""
    return within.after(as_of)


def window_days(as_of: pendulum.Date, within: Within) -> int:
    """The window's length in days from ``as_of`` (a period of months depends on the date)."""
    return (window_end(as_of, parse_within(within)) - as_of).days
