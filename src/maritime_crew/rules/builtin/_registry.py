"""The collector the built-in rule modules register into."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .._changes import holder_change_points, record_change_points, record_change_points_in
from .._rule import ChangePoints, Parameter, Rule, RuleCheck, rule_of
from .._severity import Severity

__all__ = ["RULES", "builtin"]

RULES: list[Rule] = []
"""Every built-in rule, in the order the modules define them."""

_SERVICE = ("people.joined", "people.left")
_HELD = ("people.certificates", "people.born", "people.grade_since", *_SERVICE)
_QUALIFIED = (*_HELD, "certificate_types", "duty_roles", "pathways")
_KIT = ("people.issues", "equipment_types", "equipment_items", "duty_roles", *_SERVICE)
_SCOPES: dict[str, ChangePoints] = {
    "CERT": record_change_points_in(*_QUALIFIED),
    "CERT006": record_change_points_in(*_QUALIFIED, "deployments", "vessels", "crews"),
    "TRN": record_change_points_in(*_QUALIFIED, "people.training", "courses"),
    "EQP": record_change_points_in(*_KIT),
    "DOC": record_change_points_in("documents", "operations", "debriefs", "vessels", "crews"),
    "REST": record_change_points_in("work_periods", "people.terms", "terms", "rest_profiles"),
    "DATA005": record_change_points_in("deployments", "people.crew_since"),
    "DATA006": record_change_points_in("waivers"),
    # findings that do not depend on the date (only where an item is, on the date)
    "CERT005": holder_change_points,
    "DATA001": holder_change_points,
    "DATA002": holder_change_points,
    "DATA004": holder_change_points,
    "DATA007": holder_change_points,
    "TERMS002": holder_change_points,
}
"""Change points of built-in rules by code or family: the dates in the tables they read.
Other families (and any rule not listed) take the dates of the whole fleet."""


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
    if change_points is None:
        family = code.rstrip("0123456789")
        change_points = _SCOPES.get(code) or _SCOPES.get(family) or record_change_points

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
            )
        )
        return check

    return collect
