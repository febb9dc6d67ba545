"""Provenance: who recorded a record, when, and why; optional on every dataset record."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from ._base import doc

__all__ = ["PROVENANCE", "Recorded", "is_provenance", "provenance_last"]

PROVENANCE = ("recorded_by", "recorded_on", "reason")
"""The provenance fields, in the order every record lists them, after its own fields."""


def is_provenance(record: type[Any], name: str) -> bool:
    """True if field ``name`` of ``record`` is a provenance field it inherits.

    A record that defines a field named like one (a waiver's required ``reason``) keeps
    its own, which is not.
    """
    return name in PROVENANCE and name not in vars(record).get("__annotations__", {})


def provenance_last(cls: type[Any], fields: list[attrs.Attribute[Any]]) -> list[Any]:
    """Attrs field transformer: a record's own fields first, the provenance fields last."""
    inherited = [f for f in fields if is_provenance(cls, f.name)]
    return [f for f in fields if f not in inherited] + inherited


@attrs.frozen
class Recorded:
    """The base of every dataset record: optional provenance, kept by load and dump.

    None of it changes what a rule finds. ``maritime-crew diff`` shows it beside a
    change, and ``--redact`` hides ``recorded_by`` where it names a person.
    """

    recorded_by: str | None = attrs.field(
        default=None,
        kw_only=True,
        metadata=doc(
            "Who recorded or last changed the record (a staff number or a name).", "BF1001"
        ),
    )
    recorded_on: pendulum.Date | None = attrs.field(
        default=None,
        kw_only=True,
        metadata=doc("When it was recorded or last changed.", "2021-03-02"),
    )
    reason: str | None = attrs.field(
        default=None,
        kw_only=True,
        metadata=doc("Why it was recorded or changed.", "renewed at the annual medical"),
    )
