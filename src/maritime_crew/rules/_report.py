"""The result of a check: findings in a fixed order, with counts and a verdict."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs
import pendulum

from ..io import suggest
from ._finding import Finding
from ._rule import Rule
from ._severity import Severity

__all__ = ["Report"]


@attrs.frozen
class Report:
    """Findings of a check as of a date.

    ``findings`` are sorted by vessel, crew, subject, rule and message, so two checks of
    the same data give the same report. Waived findings are included, marked, and do not
    count toward failure.
    """

    as_of: pendulum.Date
    """The date the check was made as of."""
    findings: tuple[Finding, ...]
    """Every finding, waived ones included, in report order."""
    rules: tuple[Rule, ...]
    """The rules that ran."""
    fail_on: Severity = Severity.ERROR
    """Findings at or above this severity (and not waived) make the report fail."""
    config_files: tuple[str, ...] = ()
    """The configuration files whose settings the check used (none: the defaults).

    Every report format names them, so that a reader can tell a check run at the
    defaults from one whose severities or rule selection a file changed.
    """
    docs_url: str | None = None
    """Where the team publishes this documentation site (the configuration's ``docs-url``),
    so that reports can link each rule to its section of the rule reference."""

    @property
    def active(self) -> tuple[Finding, ...]:
        """Findings not covered by a waiver."""
        return tuple(finding for finding in self.findings if not finding.waived)

    @property
    def waived(self) -> tuple[Finding, ...]:
        """Findings covered by a waiver in force."""
        return tuple(finding for finding in self.findings if finding.waived)

    def waived_count(self) -> int:
        """How many findings a waiver covers, those the report leaves out included.

        A finding that stands for findings beyond ``max-findings-per-rule`` counts as
        many (:attr:`Finding.stands_for`), as in :meth:`counts_by_severity`.
        """
        return sum(finding.stands_for for finding in self.findings if finding.waived)

    @property
    def failing(self) -> tuple[Finding, ...]:
        """Findings that make the report fail: not waived, at or above ``fail_on``."""
        return tuple(f for f in self.findings if not f.waived and f.severity >= self.fail_on)

    @property
    def ok(self) -> bool:
        """True when no unwaived finding is at or above the fail level."""
        return not self.failing

    def rule(self, code_or_name: str) -> Rule:
        """The rule that ran by code (``CERT001``, in any case) or name (``certificate-expired``).

        Raises :class:`KeyError` for a rule that did not run in this check, naming the
        closest that did.
        """
        for ran in self.rules:
            if code_or_name.upper() == ran.code or code_or_name == ran.name:
                return ran
        close = suggest(code_or_name, [r.code for r in self.rules] + [r.name for r in self.rules])
        hint = f"; did you mean {close!r}?" if close else ""
        raise KeyError(f"rule {code_or_name!r} did not run in this check{hint}")

    def counts_by_severity(self) -> dict[str, int]:
        """Unwaived findings per severity, every severity present (``error`` first).

        Findings the report leaves out (beyond ``max-findings-per-rule``) are counted:
        the finding that stands for them counts as many (:attr:`Finding.stands_for`).
        """
        counts: Counter[Severity] = Counter()
        for finding in self.active:
            counts[finding.severity] += finding.stands_for
        return {level.value: counts[level] for level in sorted(Severity, reverse=True)}

    def counts_by_rule(self) -> dict[str, int]:
        """Unwaived findings per rule code, in code order, rules without findings left out.

        Findings the report leaves out are counted, as in :meth:`counts_by_severity`.
        """
        counts: Counter[str] = Counter()
        for finding in self.active:
            counts[finding.code] += finding.stands_for
        return dict(sorted(counts.items()))

    def to_records(self, *, missing: str | None = None) -> list[dict[str, Any]]:
        """Every finding as a flat dict, e.g. for ``pandas.DataFrame(report.to_records())``.

        ``waived`` says whether a waiver covers the finding. A finding about the whole
        fleet has no vessel or crew (``None``), and pandas' ``groupby`` leaves such rows
        out unless told ``dropna=False``; ``missing`` (for example ``"(none)"``) is put in
        their place instead.
        """
        as_of = self.as_of.isoformat()
        records = [{"as_of": as_of, **finding.to_record()} for finding in self.findings]
        if missing is not None:
            for record in records:
                for key in ("vessel", "crew"):
                    if record[key] is None:
                        record[key] = missing
        return records
