"""Currency: whether a person has kept up the practice their duty roles require.

A currency requirement (``DutyRole.currency``) asks for at least ``count`` events of a
practice kind within a period up to the day. An event logged on day E counts from E
through the day before the period has run from E: the mirror of a certificate issued on
E with that validity, which is valid through the day before the validity has run. With
``within = "P3M"``, a boat launch on 2 November 2020 counts from then through 1 February
2021, and an event on the day of a check counts that day. A person is current on a day
when the events that count that day add up to ``count``.

An answer notes the first later day on which it may change: the day after the last day
of the event counted that drops out first, or the day of the first event logged after
the date, which starts to count then. Each person's events of a kind are kept once per
fleet and period as first and last days (ordinals) and counts.
"""

from __future__ import annotations

import attrs
import pendulum

from ..model import Currency, Period, Person
from ._requirements import RequirementFacts, RequirementQuestions
from ._trace import NEVER

__all__ = ["CurrencyFacts", "CurrencyNeed", "CurrencyQuestions", "CurrencyStanding"]


@attrs.frozen
class CurrencyNeed:
    """A currency requirement of the duty roles a person holds, and who requires it."""

    requirement: Currency
    """The requirement: a practice kind, how many events, within which period."""
    required_by: tuple[str, ...]
    """What requires it, in words: ``duty role coxswain``."""


@attrs.frozen
class CurrencyStanding:
    """A person's practice of one kind against a currency requirement, on a date."""

    practice: str
    """The practice kind id."""
    required: int
    """How many events the requirement asks for within the period."""
    within: Period
    """The period up to the date in which they must fall."""
    counted: int
    """The events that count on the date: logged on or before it and still within the
    period (each event its ``count``)."""
    last: pendulum.Date | None
    """The day of the latest event of the kind logged on or before the date; ``None``
    when there is none."""
    through: pendulum.Date | None
    """When current: the last day the person stays current if no more practice is logged.
    When not: the last day they were current, if they ever were (``None`` if not)."""
    next: pendulum.Date | None = None
    """The day of the first event of the kind logged after the date (planned practice,
    which counts from its day), if any; ``through`` leaves it out."""

    @property
    def current(self) -> bool:
        """True when enough events count on the date."""
        return self.counted >= self.required


Spans = tuple[int, ...]
"""A person's events of one kind for one period, by first day: first day, last day and
count of each, flat (text and whole numbers, which the garbage collector stops tracing)."""


class CurrencyFacts(RequirementFacts):
    """What duty roles require of practice, and each person's practice: the same every day."""

    def currency_needs(self, person: Person) -> tuple[CurrencyNeed, ...]:
        """The currency the person's duty roles require, with which roles require each.

        Asked of a view, the roles held on its date; of the facts of no date, every role
        listed. Roles that ask for the same practice, count and period share one need.
        Worked out once per set of duty roles.
        """
        _, roles = self._profile(person)
        cache = self._memo("currency-needs")
        found: tuple[CurrencyNeed, ...] | None = cache.get(roles)
        if found is not None:
            return found
        fleet = self.fleet
        required: dict[tuple[str, int, Period], tuple[Currency, list[str]]] = {}
        for role_id in roles:
            role = fleet.duty_role(role_id)
            if role is None:
                continue
            for currency in role.currency:
                key = (currency.practice, currency.count, currency.within)
                required.setdefault(key, (currency, []))[1].append(f"duty role {role.id}")
        found = tuple(CurrencyNeed(currency, tuple(why)) for currency, why in required.values())
        kept: tuple[CurrencyNeed, ...] = cache.setdefault(roles, found)
        return kept

    def asks_currency(self, person: Person) -> bool:
        """Whether some duty role the person is ever listed with requires currency."""
        cache = self._memo("asks-currency")
        found: frozenset[str] | None = cache.get("roles")
        if found is None:
            found = cache.setdefault(
                "roles", frozenset(role.id for role in self.fleet.duty_roles if role.currency)
            )
        return any(entry.role in found for entry in person.duty_roles)

    def _practice_spans(self, person: Person, practice: str, within: Period) -> Spans:
        """The person's events of ``practice`` with the last day each counts, made once."""
        slot = self._person_slot(person)
        if slot is None:
            return _make_spans(person, practice, within)
        cache = self._memo("practice-spans")
        key = (slot, practice, within)
        found: Spans | None = cache.get(key)
        if found is None:
            found = cache.setdefault(key, _make_spans(person, practice, within))
        return found


def _make_spans(person: Person, practice: str, within: Period) -> Spans:
    rows = sorted(
        (event.date.toordinal(), within.after_ordinal(event.date) - 1, event.count)
        for event in person.practice
        if event.kind == practice
    )
    return tuple([number for row in rows for number in row])


class CurrencyQuestions(CurrencyFacts, RequirementQuestions):
    """Whether a person is current in the practice their duty roles require, on the date."""

    def currency(self, person: Person, requirement: Currency) -> CurrencyStanding:
        """The person's practice against one currency requirement on the date.

        Kept for the days it holds; it notes the day the event counted that drops out
        first stops counting, and the day the first later event starts to.
        """
        practice, count, within = requirement.practice, requirement.count, requirement.within
        slot = self._person_slot(person)
        key = None if slot is None else (slot, practice, count, within)
        counted, last, through, following = self._answer_row(
            "currency",
            key,
            lambda: self._count(self._practice_spans(person, practice, within), count),
        )
        return CurrencyStanding(
            practice=practice,
            required=count,
            within=within,
            counted=counted,
            last=self._day(last) if last >= 0 else None,
            through=self._day(through) if through >= 0 else None,
            next=self._day(following),
        )

    def currency_unmet(self, person: Person) -> tuple[CurrencyNeed, ...]:
        """The currency requirements of the roles held on the date that the person misses."""
        return tuple(
            [
                need
                for need in self.currency_needs(person)
                if not self.currency(person, need.requirement).current
            ]
        )

    def _count(self, spans: Spans, required: int) -> tuple[int, int, int, int]:
        """Events counted on the date, the latest day logged, last day current, next day.

        The next day is that of the first event logged after the date. Days are
        ordinals, -1 for none (:data:`NEVER` for no later event). Notes the first later
        day on which any of it may change: an event counted drops out, or a later one
        starts to count.
        """
        day = self._ordinal
        counted, latest, following, change = 0, -1, NEVER, NEVER
        known: list[tuple[int, int, int]] = []
        for at in range(0, len(spans), 3):
            first, last, number = spans[at], spans[at + 1], spans[at + 2]
            if first > day:  # logged ahead: it counts from its day
                following = first
                break  # the spans are in order of first day
            latest = first
            known.append((first, last, number))
            if last >= day:
                counted += number
                change = min(change, last + 1)
        self._note(min(change, following))
        if counted >= required:
            return counted, latest, _current_through(known, required, day), following
        return counted, latest, _last_current(known, required, day), following


def _current_through(known: list[tuple[int, int, int]], required: int, day: int) -> int:
    """The last day on which the events ``known`` still add up to ``required``.

    Every event known is logged by ``day``, so on a later day the events counted are
    those whose last day it has not passed: the answer is the last day of the event
    that, taking the longest-lasting first, brings the sum to ``required``.
    """
    total = 0
    for last, number in sorted(((last, number) for _, last, number in known), reverse=True):
        total += number
        if total >= required:
            return last
    return -1  # pragma: no cover - only asked when they add up on ``day``


def _last_current(known: list[tuple[int, int, int]], required: int, day: int) -> int:
    """The last day before ``day`` on which the events ``known`` added up to ``required``.

    The sum only falls the day after an event's last day, so that day is one of the
    events' last days: the latest one on which the events covering it add up.
    """
    for candidate in sorted({last for _, last, _ in known if last < day}, reverse=True):
        total = sum(number for first, last, number in known if first <= candidate <= last)
        if total >= required:
            return candidate
    return -1
