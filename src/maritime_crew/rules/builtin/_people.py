"""Helpers shared by the rule packs: wording of counts, reasons and names."""

from __future__ import annotations

from collections.abc import Sequence

from ...facts import View

__all__ = ["count", "label", "reasons", "with_noun"]


def count(number: int, unit: str) -> str:
    """``1 day``, ``2 days``: a number with its unit, singular or plural."""
    return f"{number} {unit}" if number in (1, -1) else f"{number} {unit}s"


def reasons(why: Sequence[str]) -> str:
    """``required by grade X and duty role Y``."""
    return "required by " + " and ".join(why)


def label(view: View, kind: str, record_id: str) -> str:
    """A readable name for a certificate type or course: its name, else its id."""
    fleet = view.fleet
    found = fleet.certificate_type(record_id) if kind == "certificate" else fleet.course(record_id)
    return found.name if found is not None else record_id


def with_noun(name: str, noun: str) -> str:
    """``name noun``, unless the name already ends with the noun.

    ``Boarding operations training``, but ``Officer safety training``, not ``Officer safety
    training training``.
    """
    return name if name.lower().endswith(noun) else f"{name} {noun}"
