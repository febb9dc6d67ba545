"""The collector the built-in rule modules register into."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .._rule import Parameter, Rule, RuleCheck
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
) -> Callable[[RuleCheck], RuleCheck]:
    """Define a built-in rule; every field of its documentation is required."""

    def collect(check: RuleCheck) -> RuleCheck:
        RULES.append(
            Rule(
                code=code,
                name=name,
                severity=severity,
                summary=summary,
                rationale=rationale,
                check=check,
                parameters=tuple(parameters),
                example=example,
                fix=fix,
                source=source,
                needs_findings=needs_findings,
                origin=f"{check.__module__}:{check.__qualname__}",
            )
        )
        return check

    return collect
