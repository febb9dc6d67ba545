"""Whether a person meets the entry requirements of a grade on a date.

Each requirement of the grade (certificates, courses, sea time, months in the
previous grade) is judged on its own, with its evidence. Sea time is counted by
:meth:`maritime_crew.facts.Facts.sea_days`: every calendar day aboard counts once
however many deployments cover it, both the first and the last day of a deployment
count, and only days up to and including ``as_of`` count. Only the current grade and the date it was
taken up are recorded, so months in the previous grade can be judged only when the
previous grade is the person's current one.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs
import pendulum

from ..facts import Facts, Held, View
from ..model import Certificate, Fleet, Grade, Person
from ._common import DateLike, as_date, completed_months, resolve_grade, resolve_person

__all__ = ["Eligibility", "Requirement", "RequirementKind", "eligibility"]


class RequirementKind(str, enum.Enum):
    """Which sort of entry requirement a :class:`Requirement` is."""

    CERTIFICATE = "certificate"
    COURSE = "course"
    SEA_TIME = "sea-time"
    MONTHS_IN_PREVIOUS_GRADE = "months-in-previous-grade"
    IN_SERVICE = "in-service"
    """Listed only when unmet: a person outside the command cannot enter a grade."""


@attrs.frozen
class Requirement:
    """One entry requirement of a grade, judged on a date, with its evidence."""

    kind: RequirementKind
    item: str
    """Certificate type or course id; for sea time and months, the unit (days, months);
    ``service`` for being in the command."""
    met: bool
    detail: str
    """Evidence when met; exactly what is missing when not."""
    required: int | None = None
    """Days or months required (sea time and months only)."""
    have: int | None = None
    """Days or months counted (sea time and months only)."""
    evidence: str | None = None
    """Certificate number or course record that satisfies it, when met."""
    until: pendulum.Date | None = None
    """Last day the satisfying certificate or course counts; ``None`` if it never lapses."""

    def to_record(self) -> dict[str, Any]:
        """The requirement as a plain dict."""
        return {
            "kind": self.kind.value,
            "item": self.item,
            "met": self.met,
            "detail": self.detail,
            "required": self.required,
            "have": self.have,
            "evidence": self.evidence,
            "until": self.until.isoformat() if self.until else None,
        }


@attrs.frozen
class Eligibility:
    """A person's standing against a grade's entry requirements on a date."""

    person: str
    grade: str
    as_of: pendulum.Date
    requirements: tuple[Requirement, ...]

    @property
    def eligible(self) -> bool:
        """True when every requirement is met."""
        return all(requirement.met for requirement in self.requirements)

    @property
    def unmet(self) -> tuple[Requirement, ...]:
        """The requirements not met."""
        return tuple(requirement for requirement in self.requirements if not requirement.met)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per requirement, with the person, grade and date, for notebooks."""
        return [
            {"person": self.person, "grade": self.grade, "as_of": self.as_of.isoformat()}
            | requirement.to_record()
            for requirement in self.requirements
        ]


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def _until(held: Held) -> str:
    return f"until {held.expires}" if held.expires is not None else "with no expiry"


def certificate_requirement(view: View, person: Person, type_id: str) -> Requirement:
    """Whether the person holds a valid certificate of a type on the view's date.

    A certificate of a type above it on the ladder (``CertificateType.supersedes``)
    meets it too; the detail and evidence then name that type.
    """
    held = view.valid(person, "certificates", type_id, or_higher=True)
    if held is not None:
        certificate = held.record
        assert isinstance(certificate, Certificate)
        number = certificate.number
        label = f"certificate {number}" if number else f"certificate #{held.position + 1}"
        if certificate.type != type_id:
            label = f"{certificate.type} {label}"
            detail = f"{type_id}: met by {label} issued {held.start}, valid {_until(held)}"
        else:
            detail = f"{type_id}: {label} issued {held.start}, valid {_until(held)}"
        return Requirement(
            RequirementKind.CERTIFICATE, type_id, True, detail, evidence=label, until=held.expires
        )
    latest = view.latest(person, "certificates", type_id, or_higher=True)
    if latest is not None and latest.expires is not None:
        record = latest.record
        assert isinstance(record, Certificate)
        if record.type != type_id:
            detail = (
                f"needs a valid {type_id} or higher (the last one, {record.type}, was valid "
                f"through {latest.expires})"
            )
        else:
            detail = (
                f"needs a valid {type_id} (the last one expired at the end of {latest.expires})"
            )
    else:
        detail = f"needs a {type_id} certificate (none held)"
    return Requirement(RequirementKind.CERTIFICATE, type_id, False, detail)


def course_requirement(view: View, person: Person, course_id: str) -> Requirement:
    """Whether the person has a completion of a course that counts on the view's date."""
    held = view.valid(person, "training", course_id)
    if held is not None:
        label = f"completed {held.start}"
        return Requirement(
            RequirementKind.COURSE,
            course_id,
            True,
            f"{course_id}: {label}, counts {_until(held)}",
            evidence=label,
            until=held.expires,
        )
    latest = view.latest(person, "training", course_id)
    if latest is not None and latest.expires is not None:
        detail = (
            f"needs course {course_id} (the last completion expired at the end of {latest.expires})"
        )
    else:
        detail = f"needs course {course_id} (not completed)"
    return Requirement(RequirementKind.COURSE, course_id, False, detail)


def sea_time_requirement(view: View, person: Person, required: int) -> Requirement:
    """Whether the person has served ``required`` days at sea up to the view's date."""
    days = view.sea_days(person, until=view.date)
    if days >= required:
        detail = f"has {days} days of sea time (needs {required})"
        return Requirement(RequirementKind.SEA_TIME, "days", True, detail, required, days)
    detail = f"needs {_count(required - days, 'more day')} of sea time (has {days} of {required})"
    return Requirement(RequirementKind.SEA_TIME, "days", False, detail, required, days)


def months_requirement(view: View, person: Person, grade: Grade, required: int) -> Requirement:
    """Whether the person has served ``required`` months in the grade below ``grade``."""
    kind = RequirementKind.MONTHS_IN_PREVIOUS_GRADE
    on = view.date
    pathway = view.fleet.pathway_of(grade.id)
    below = pathway.grade_below(grade.id) if pathway else None
    if below is None:
        return Requirement(kind, "months", True, "entry grade: no previous grade", required, 0)
    previous = below.id
    if person.grade != previous or person.grade_since is None:
        spell = person.spell_in(previous)
        if spell is None or spell[1] is None:
            detail = (
                f"needs {required} months in {previous}; the person's recorded grades "
                f"(current: {person.grade or 'none'}) do not say when they held it"
            )
            return Requirement(kind, "months", False, detail, required, 0)
        start, end = spell[0], min(spell[1], on)
        months = completed_months(start, end)
        detail = f"{months} months in {previous} from {start} to {end} (needs {required})"
        return Requirement(kind, "months", months >= required, detail, required, months)
    months = completed_months(person.grade_since, on)
    if months >= required:
        detail = f"{months} months in {previous} since {person.grade_since} (needs {required})"
        return Requirement(kind, "months", True, detail, required, months)
    detail = (
        f"needs {_count(required - months, 'more month')} in {previous} "
        f"(has {months} of {required} since {person.grade_since})"
    )
    return Requirement(kind, "months", False, detail, required, months)


def service_requirement(view: View, person: Person) -> Requirement | None:
    """An unmet requirement when the person is not in the command on the date, else ``None``."""
    if view.in_service(person):
        return None
    on = view.date
    if person.joined is not None and not view.reached(person.joined):
        detail = f"not in service on {on}: joins the command on {person.joined}"
    else:
        detail = f"not in service on {on}: left the command on {person.left}"
    return Requirement(RequirementKind.IN_SERVICE, "service", False, detail)


def judge(view: View, person: Person, grade: Grade) -> Eligibility:
    """:func:`eligibility` on resolved records, on the view's date."""
    service = service_requirement(view, person)
    requirements: list[Requirement] = [service] if service is not None else []
    requirements += [certificate_requirement(view, person, t) for t in grade.certificates]
    requirements += [course_requirement(view, person, course) for course in grade.courses]
    if grade.sea_time_days > 0:
        requirements.append(sea_time_requirement(view, person, grade.sea_time_days))
    if grade.months_in_previous_grade > 0:
        requirements.append(months_requirement(view, person, grade, grade.months_in_previous_grade))
    return Eligibility(person.id, grade.id, view.date, tuple(requirements))


def eligibility(
    fleet: Fleet, person: Person | str, grade: Grade | str, as_of: DateLike
) -> Eligibility:
    """Each entry requirement of ``grade`` judged for ``person`` on ``as_of``.

    A person who is not in the command on ``as_of`` (not yet joined, or left) is not
    eligible: an unmet ``in-service`` requirement comes first and says why. The grade
    held is the one on ``as_of`` (``previous_grades`` before ``grade_since``).

    ``person`` and ``grade`` may be ids or records; ``as_of`` a date or ``YYYY-MM-DD``.
    Raises ``KeyError`` for an unknown person or grade id.
    """
    view = Facts.of(fleet).on(as_date(as_of))
    return judge(view, view.person_on(resolve_person(fleet, person)), resolve_grade(fleet, grade))
