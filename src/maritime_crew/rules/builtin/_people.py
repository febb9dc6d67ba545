"""Helpers shared by the rule packs that look at people."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pendulum

from ...model import Fleet, Person

__all__ = ["count", "days_between", "in_service", "label", "reasons", "with_noun"]


def in_service(fleet: Fleet, on: pendulum.Date) -> Iterator[Person]:
    """People in the command on a date (joined on or before it and not yet left)."""
    return (person for person in fleet.people if person.in_service_on(on))


def count(number: int, unit: str) -> str:
    """``1 day``, ``2 days``: a number with its unit, singular or plural."""
    return f"{number} {unit}" if number in (1, -1) else f"{number} {unit}s"


def days_between(earlier: pendulum.Date, later: pendulum.Date) -> int:
    """Whole days from one date to another (negative if ``later`` is earlier)."""
    return later.toordinal() - earlier.toordinal()


def reasons(why: Sequence[str]) -> str:
    """``required by grade X and duty role Y``."""
    return "required by " + " and ".join(why)


def label(fleet: Fleet, kind: str, record_id: str) -> str:
    """A readable name for a certificate type or course: its name, else its id."""
    found = fleet.certificate_type(record_id) if kind == "certificate" else fleet.course(record_id)
    return found.name if found is not None else record_id


def with_noun(name: str, noun: str) -> str:
    """``name noun``, unless the name already ends with the noun.

    ``Boarding operations training``, but ``Officer safety training``, not ``Officer safety
    training training``.
    """
    return name if name.lower().endswith(noun) else f"{name} {noun}"
