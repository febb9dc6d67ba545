"""What a rule asked of the facts on a date, and so the first later day its answer may change.

Every question a :class:`~maritime_crew.facts.View` answers knows which record dates can
change its answer: a certificate valid on the date stays valid until the day after its
expiry, unless a later one starts first. When a :class:`Trace` is attached to the view,
each answer notes that day. The engine gives a rule a traced view, runs it, and reads
:attr:`Trace.next`: the rule's findings (which it worked out from the answers alone)
stay as they are until that day. :func:`~maritime_crew.timeline` evaluates each rule
again only then.

Days are proleptic Gregorian ordinals here, as ``datetime.date.toordinal`` gives them.
"""

from __future__ import annotations

__all__ = ["NEVER", "Trace"]

NEVER = 1 << 40
"""A day (ordinal) after every date: the answer never changes."""


class Trace:
    """The first day after :attr:`today` on which an answer given so far may change.

    One trace follows one evaluation (a rule on the whole fleet, or on one subject).
    """

    __slots__ = ("next", "today")

    def __init__(self, today: int) -> None:
        self.today = today
        """The day (ordinal) the answers are about."""
        self.next = NEVER
        """The first later day (ordinal) on which some answer may change; :data:`NEVER`
        while none can."""

    def note(self, day: int) -> None:
        """An answer may change on ``day`` (the first day of its next state).

        Days on or before :attr:`today` say nothing about later days and are ignored.
        """
        if self.today < day < self.next:
            self.next = day

    def every_day(self) -> None:
        """Something was read that may change on any day: evaluate again tomorrow."""
        if self.today + 1 < self.next:
            self.next = self.today + 1

    def restart(self, today: int) -> None:
        """Follow a new evaluation, about ``today``."""
        self.today = today
        self.next = NEVER
