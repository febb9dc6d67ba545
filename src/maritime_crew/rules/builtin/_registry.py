"""The collector the built-in rule modules register into."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .._rule import Each, Parameter, Rule, RuleCheck, rule_of
from .._severity import Severity

__all__ = ["RULES", "builtin"]

RULES: list[Rule] = []
"""Every built-in rule, in the order the modules define them."""


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
    each: Each | None = None,
) -> Callable[[RuleCheck], RuleCheck]:
    """Define a built-in rule; every field of its documentation is required."""

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
                each=each,
            )
        )
        return check

    return collect
