"""Helpers shared by the rule packs: wording of counts, reasons and names."""

from __future__ import annotations

from collections.abc import Sequence

from ...facts import View

__all__ = ["count", "counting_for", "label", "reasons", "with_noun"]


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


def counting_for(view: View, held: str, required: str, verb: str = "counts") -> str:
    """``, which counts for STCW II/1 …,``: a ``held`` type standing in for a lower one.

    Nothing when the certificate held is of the ``required`` type. ``verb`` is
    ``counted`` for a certificate that has expired.
    """
    if held == required:
        return ""
    return f", which {verb} for {label(view, 'certificate', required)},"


def with_noun(name: str, noun: str) -> str:
    """``name noun``, unless the name already ends with the noun.

    ``Boarding operations training``, but ``Officer safety training``, not ``Officer safety
    training training``.
    """
    return name if name.lower().endswith(noun) else f"{name} {noun}"
