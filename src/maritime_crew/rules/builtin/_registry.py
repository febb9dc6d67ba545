"""The collector the built-in rule modules register into."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .._changes import (
    holder_change_points,
    record_change_points,
    record_change_points_in,
    state_change_points,
)
from .._partition import Partition, by_crew, by_equipment_item, by_person
from .._rule import ChangePoints, Parameter, Rule, RuleCheck, rule_of
from .._severity import Severity

__all__ = ["RULES", "builtin"]

RULES: list[Rule] = []


_WHOLE = Partition("whole fleet", lambda fleet: [])
"""Marks a rule of a partitioned family that runs on the whole fleet."""


"""Every built-in rule, in the order the modules define them."""

_SCOPES: dict[str, ChangePoints] = {
    "CERT": state_change_points("service", "grade", "certificates"),
    "TRN": state_change_points("service", "grade", "training"),
    "EQP001": state_change_points("service", "leaving", "kit"),
    "EQP002": state_change_points("service", "issues"),
    "EQP003": state_change_points("holders", "status", "servicing"),
    "EQP004": state_change_points("holders", "status", "shelf-life"),
    "EQP005": state_change_points("holders", "status"),
    "EQP006": state_change_points("holders", "status", "expiry"),
    "EQP007": state_change_points("holders", "status", "servicing"),
    "MAN": state_change_points("service", "crew", "certificates", "training", "kit"),
    "PATH": state_change_points("service", "grade"),
    "TERMS001": state_change_points("service", "terms"),
    "DOC": record_change_points_in("documents", "operations", "debriefs", "vessels", "crews"),
    "DATA005": state_change_points("deployments", "crew"),
    "DATA006": record_change_points_in("waivers"),
    "DATA008": record_change_points_in("waivers"),
    # findings that do not depend on the date (only where an item is, on the date)
    "CERT005": holder_change_points,
    "DATA001": holder_change_points,
    "DATA002": holder_change_points,
    "DATA003": holder_change_points,
    "DATA004": holder_change_points,
    "DATA007": holder_change_points,
    "TERMS002": holder_change_points,
    # findings about a person that do not depend on the date at all: work periods are
    # compared with each other whatever the date, and a person's placement (their crew
    # and its vessel) does not change with it
    "DATA009": lambda fleet, params: (),
}
"""Change points of built-in rules by code or family, for the parts of :data:`_PARTS`
(or the whole fleet). Other rules take the dates of the whole fleet."""

_PARTS: dict[str, Partition] = {
    "CERT": by_person,
    "TRN": by_person,
    "TRN005": _WHOLE,
    "TRN006": _WHOLE,
    "EQP001": by_person,
    "EQP002": by_person,
    "EQP": by_equipment_item,
    "MAN": by_crew,
    "PATH": by_person,
    "REST": by_person,
    "TERMS001": by_person,
    "DATA005": by_person,
}
"""How built-in rules are split for the timeline, by code or family."""


def builtin(
    *,
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    rationale: str,
    source: str,
    example: str,
    fix: str,
    parameters: Iterable[Parameter] = (),
    needs_findings: bool = False,
    change_points: ChangePoints | None = None,
) -> Callable[[RuleCheck], RuleCheck]:
    """Define a built-in rule; every field of its documentation is required.

    Without ``change_points`` a built-in rule declares :func:`record_change_points` over
    the tables its family reads (see ``_SCOPES``).
    """
    family = code.rstrip("0123456789")
    if change_points is None:
        change_points = _SCOPES.get(code) or _SCOPES.get(family) or record_change_points
    partition = _PARTS.get(code) or _PARTS.get(family)

    def collect(check: RuleCheck) -> RuleCheck:
        RULES.append(
            rule_of(
                check,
                code=code,
                name=name,
                severity=severity,
                summary=summary,
                rationale=rationale,
                parameters=tuple(parameters),
                example=example,
                fix=fix,
                source=source,
                needs_findings=needs_findings,
                change_points=change_points,
                partition=None if partition is _WHOLE else partition,
            )
        )
        return check

    return collect
