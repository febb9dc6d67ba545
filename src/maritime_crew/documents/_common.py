"""What the document analyses share: resolving ids and the rule defaults."""

from __future__ import annotations

import pendulum

from ..model import DateLike, Document, Fleet, Period
from ..rules.builtin.doc import DEFAULT_INTERVAL, WITHIN

__all__ = [
    "DEFAULT_REVIEW_INTERVAL",
    "DEFAULT_WITHIN_DAYS",
    "DateLike",
    "iso",
    "resolve_document",
]

DEFAULT_REVIEW_INTERVAL: Period = DEFAULT_INTERVAL.default
"""Review interval of documents that set none: ``DOC001``'s ``default-interval``."""
DEFAULT_WITHIN_DAYS: int = WITHIN.default
"""Days after an operation within which it is debriefed: ``DOC005``'s ``within-days``."""


def resolve_document(fleet: Fleet, document: Document | str) -> Document:
    """The document record for an id (or the record itself); ``KeyError`` if unknown."""
    if isinstance(document, Document):
        return document
    found = fleet.document(document)
    if found is None:
        raise KeyError(f"no document with id {document!r}")
    return found


def iso(day: pendulum.Date | None) -> str | None:
    """A date as ISO text for a record, or ``None``."""
    return day.isoformat() if day is not None else None
