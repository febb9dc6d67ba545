"""Small, readable fleets for rule tests.

``D(2021, 3, 31)`` is a date; ``person(...)`` and friends fill the required fields so a
test states only what matters to it; ``run(fleet, "CERT001", as_of=...)`` checks the
fleet with just that rule and returns its findings.
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

import maritime_crew as mc
from maritime_crew.rules import Config, Finding, check

D = pendulum.Date
AS_OF = D(2021, 3, 31)


def person(id: str = "BF1", **fields: Any) -> mc.model.Person:
    fields.setdefault("name", f"Person {id}")
    fields.setdefault("discipline", mc.model.Discipline.DECK)
    return mc.model.Person(id=id, **fields)


def cert(
    type: str, issued: pendulum.Date, expires: pendulum.Date | None = None, **fields: Any
) -> mc.model.Certificate:
    return mc.model.Certificate(type=type, issued=issued, expires=expires, **fields)


def trained(course: str, completed: pendulum.Date, **fields: Any) -> mc.model.TrainingRecord:
    return mc.model.TrainingRecord(course=course, completed=completed, **fields)


def vessel(id: str = "vigilant", **fields: Any) -> mc.model.Vessel:
    fields.setdefault("name", f"HMC {id.title()}")
    fields.setdefault("type", mc.model.VesselType.CUTTER)
    return mc.model.Vessel(id=id, **fields)


def crew(id: str = "vigilant-a", vessel: str | None = "vigilant", **fields: Any) -> mc.model.Crew:
    fields.setdefault("name", id.replace("-", " ").title())
    return mc.model.Crew(id=id, vessel=vessel, **fields)


def role(id: str, **fields: Any) -> mc.model.DutyRole:
    fields.setdefault("name", id.replace("-", " ").capitalize())
    return mc.model.DutyRole(id=id, **fields)


def certificate_type(
    id: str, validity: str | None = None, **fields: Any
) -> mc.model.CertificateType:
    fields.setdefault("name", id.upper())
    schedule = mc.model.AgeSchedule.fixed(validity) if validity else None
    return mc.model.CertificateType(id=id, validity=schedule, **fields)


def course(id: str, validity: str | None = None, **fields: Any) -> mc.model.Course:
    fields.setdefault("name", id.replace("-", " ").capitalize())
    schedule = mc.model.AgeSchedule.fixed(validity) if validity else None
    return mc.model.Course(id=id, validity=schedule, **fields)


def fleet(**tables: Any) -> mc.model.Fleet:
    return mc.model.Fleet(**{name: tuple(records) for name, records in tables.items()})


def run(
    data: mc.model.Fleet, code: str, *, as_of: pendulum.Date = AS_OF, **params: Any
) -> list[Finding]:
    """The findings of one rule (by code) on a fleet, with optional parameters."""
    config = Config(select=(code,), parameters={code: params} if params else {})
    return list(check(data, as_of, config).findings)


def messages(findings: list[Finding]) -> list[str]:
    return [finding.message for finding in findings]


def evolve(record: Any, **changes: Any) -> Any:
    return attrs.evolve(record, **changes)
