"""Compliance over time: when each finding of ``check`` held, and daily error counts.

See :func:`timeline` and ``docs/timeline.md``.
"""

from ._timeline import (
    VOLATILE_DETAILS,
    FindingHistory,
    FindingKey,
    Interval,
    Timeline,
    finding_key,
    timeline,
)

__all__ = [
    "VOLATILE_DETAILS",
    "FindingHistory",
    "FindingKey",
    "Interval",
    "Timeline",
    "finding_key",
    "timeline",
]
