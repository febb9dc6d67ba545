"""Shared building blocks of the model: field documentation, cheap validators, subjects."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["InvalidValue", "Subject", "doc", "instant", "non_negative", "positive"]


def doc(text: str, example: str | None = None) -> dict[str, str]:
    """Field metadata that documents what a field means in the domain.

    The data format reference and the JSON Schema are generated from this metadata, so
    every field of every record has exactly one description.
    """
    meta = {"doc": text}
    if example is not None:
        meta["example"] = example
    return meta


def instant(moment: datetime.datetime) -> datetime.datetime:
    """The moment in UTC: what records holding moments compare and hash by.

    Python never finds a time in the hour that a clock change repeats equal to a time in
    another zone, even at the same instant (PEP 495). 01:30 on 25 October 2020 in
    Europe/London, written back as ``01:30:00+00:00``, would load unequal to itself.
    """
    return moment.astimezone(datetime.timezone.utc) if moment.utcoffset() is not None else moment


class InvalidValue(ValueError):
    """A value has the right type but is not acceptable (raised by model validators).

    ``expected`` says in plain words what was wanted; ``found`` is the offending value
    (or, with ``found_words``, a description of what was found); ``field`` names the
    attribute when the check belongs to one.
    """

    def __init__(
        self,
        expected: str,
        found: object,
        *,
        detail: str | None = None,
        field: str | None = None,
        found_words: bool = False,
    ) -> None:
        super().__init__(expected, found, detail, field)
        self.expected = expected
        self.found = found
        self.detail = detail
        self.field = field
        self.found_words = found_words

    def __str__(self) -> str:
        text = f"expected {self.expected}, found {self.found!r}"
        return f"{text} ({self.detail})" if self.detail else text


def _bounded(
    test: Callable[[int], bool], words: str
) -> Callable[[Any, attrs.Attribute[Any], int | None], None]:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is not None and not test(value):
            raise InvalidValue(words, value, field=attribute.name)

    return check


non_negative = _bounded(lambda v: v >= 0, "a whole number of 0 or more")
"""attrs validator: the (optional) integer is zero or more."""

positive = _bounded(lambda v: v > 0, "a whole number of 1 or more")
"""attrs validator: the (optional) integer is one or more."""


@attrs.frozen(cache_hash=True)
class Subject:
    """What a finding or a waiver is about: a kind of record and its id.

    ``kind`` is the dataset table name (``person``, ``vessel``, ``equipment_item``,
    ``document`` …) or a nested record kind such as ``certificate``.
    """

    kind: str = attrs.field(
        metadata=doc(
            "Kind of record: the table name, `person`, `vessel`, `crew`, `equipment_item`, "
            "`document`, `operation`, `debrief`, `deployment`, `terms`, `waiver` …, or "
            "`debrief_finding` or `rule`; written with underscores, as in the JSON report.",
            "equipment_item",
        )
    )
    id: str = attrs.field(metadata=doc("Id of the record within its kind.", "BF1003"))

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


def describe_fields(record: type[Any]) -> None:
    """Append an "Attributes" section, built from the field metadata, to a class docstring.

    The field descriptions live once, in ``attrs.field(metadata=doc(...))``; this makes
    them visible to ``help()`` and to the API reference as well as to the format reference.
    """
    text = (record.__doc__ or "").rstrip()
    if "Attributes:" in text:
        return
    # Match the docstring's own indentation (Python 3.13 strips it, earlier ones keep it).
    body = [line for line in text.splitlines()[1:] if line.strip()]
    indent = min((len(line) - len(line.lstrip()) for line in body), default=0) * " "
    entries = [
        f"{indent}    {field.name}: {field.metadata['doc']}"
        for field in attrs.fields(record)
        if "doc" in field.metadata
    ]
    if entries:
        record.__doc__ = "\n".join([text, "", f"{indent}Attributes:", *entries])
