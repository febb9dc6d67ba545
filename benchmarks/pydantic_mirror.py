"""A pydantic v2 mirror of the dataset's main records, for benchmarks only.

Person with its certificates (and their medical restrictions), training records,
issued kit, sizes, terms assignments, dated duty roles, earlier crews and absences, and
the provenance fields every record may carry, as ``docs/format.md`` defines them,
validated as strictly as
maritime-crew's loader: unknown keys are errors, and no value is converted from
another type (``strict=True``). Dates arrive as the ``datetime.date`` values TOML
gives. pydantic is a benchmark-only dependency: nothing in the library imports it.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter

STRICT = ConfigDict(strict=True, extra="forbid", frozen=True)


class Recorded(BaseModel):
    """Provenance, which every record may carry (``recorded_by`` …)."""

    model_config = STRICT
    recorded_by: str | None = None
    recorded_on: datetime.date | None = None
    reason: str | None = None


class Restriction(Recorded):
    kind: Literal["near-coastal", "named-vessel", "excluded-duties", "no-lookout", "no-tropics"]
    roles: list[str] = []
    vessel: str | None = None
    until: datetime.date | None = None


class Certificate(Recorded):
    type: str
    issued: datetime.date
    number: str | None = None
    expires: datetime.date | None = None
    issuer: str | None = None
    fitness: (
        Literal["fit", "fit-with-restrictions", "temporarily-unfit", "permanently-unfit"] | None
    ) = None
    restrictions: list[Restriction] = []


class TrainingRecord(Recorded):
    course: str
    completed: datetime.date
    trainer: str | None = None
    provider: str | None = None
    expires: datetime.date | None = None


class Issue(Recorded):
    item: str
    issued: datetime.date
    returned: datetime.date | None = None


class Size(Recorded):
    equipment: str
    size: str
    start: datetime.date | None = None
    end: datetime.date | None = None


class RoleHeld(Recorded):
    role: str
    start: datetime.date | None = None
    end: datetime.date | None = None


class CrewSpell(Recorded):
    crew: str
    start: datetime.date
    end: datetime.date


class GradeHeld(Recorded):
    grade: str
    since: datetime.date


class Absence(Recorded):
    kind: Literal[
        "annual-leave", "sickness", "training-ashore", "detached-duty", "suspension", "other"
    ]
    start: datetime.date
    end: datetime.date | None = None
    note: str | None = None


class TermsAssignment(Recorded):
    set: str
    start: datetime.date
    end: datetime.date | None = None


class Person(Recorded):
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
    previous_grades: list[GradeHeld] = []
    previous_crews: list[CrewSpell] = []
    duty_roles: list[str | RoleHeld] = []
    terms: list[TermsAssignment] = []
    sizes: list[Size] = []
    certificates: list[Certificate] = []
    training: list[TrainingRecord] = []
    issues: list[Issue] = []
    absences: list[Absence] = []


PEOPLE = TypeAdapter(list[Person])
"""Validates a list of person tables, as one ``[[person]]`` array of a file."""
