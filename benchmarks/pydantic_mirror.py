"""A pydantic v2 mirror of the dataset's main records, for benchmarks only.

Person with its certificates, training records, issued kit, sizes and terms
assignments, as ``docs/format.md`` defines them, validated as strictly as
maritime-crew's loader: unknown keys are errors, and no value is converted from
another type (``strict=True``). Dates arrive as the ``datetime.date`` values TOML
gives. pydantic is a benchmark-only dependency: nothing in the library imports it.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter

STRICT = ConfigDict(strict=True, extra="forbid", frozen=True)


class Certificate(BaseModel):
    model_config = STRICT
    type: str
    issued: datetime.date
    number: str | None = None
    expires: datetime.date | None = None
    issuer: str | None = None


class TrainingRecord(BaseModel):
    model_config = STRICT
    course: str
    completed: datetime.date
    trainer: str | None = None
    provider: str | None = None
    expires: datetime.date | None = None


class Issue(BaseModel):
    model_config = STRICT
    item: str
    issued: datetime.date
    returned: datetime.date | None = None


class Size(BaseModel):
    model_config = STRICT
    equipment: str
    size: str


class TermsAssignment(BaseModel):
    model_config = STRICT
    set: str
    start: datetime.date
    end: datetime.date | None = None


class Person(BaseModel):
    model_config = STRICT
    id: str
    name: str
    discipline: Literal["deck", "engineering", "other"]
    born: datetime.date | None = None
    joined: datetime.date | None = None
    left: datetime.date | None = None
    grade: str | None = None
    grade_since: datetime.date | None = None
    crew: str | None = None
    crew_since: datetime.date | None = None
    duty_roles: list[str] = []
    terms: list[TermsAssignment] = []
    sizes: list[Size] = []
    certificates: list[Certificate] = []
    training: list[TrainingRecord] = []
    issues: list[Issue] = []


PEOPLE = TypeAdapter(list[Person])
"""Validates a list of person tables, as one ``[[person]]`` array of a file."""
