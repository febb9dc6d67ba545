"""Finding changes: which findings appeared, were resolved, or persisted, and how.

A finding of the new check is the same as one of the old check when it is about the
same subject, by the same rule, and, in turn:

1. everything else is the same too (severity, message, waiver, vessel, crew, details);
   where the record's file and line moved, it is still the same finding, unchanged;
2. its ``details`` agree on their text that is not a date (a certificate type and
   number, a role): the dates and day counts in a message move with the data;
3. or it is the one finding of that rule about that subject in each check.

Each step pairs what the steps before it left, in report order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import attrs

from ..rules import Finding, plain_details

__all__ = ["COMPARED", "Persisted", "matched"]

COMPARED = ("severity", "message", "waived_by", "vessel", "crew", "details")
"""What a persisted finding is compared on to say whether it changed."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@attrs.frozen
class Persisted:
    """A finding of both checks: as the old check found it, and as the new one does."""

    old: Finding
    """The finding of the old version."""
    new: Finding
    """The finding of the new version."""

    @property
    def differences(self) -> tuple[str, ...]:
        """The names of what differs, in this order: ``severity``, ``message``, ``waived_by``.

        Then ``vessel``, ``crew`` and ``details``. None when the finding is unchanged: its
        file and line are not compared, since they move whenever a file is edited.
        """
        return tuple(name for name in COMPARED if _value(self.old, name) != _value(self.new, name))

    @property
    def changed(self) -> bool:
        """Whether the finding is not quite what it was (see :attr:`differences`)."""
        return bool(self.differences)

    def to_record(self) -> dict[str, Any]:
        """Both findings and what differs, as plain values."""
        return {
            "differences": list(self.differences),
            "old": self.old.to_record(),
            "new": self.new.to_record(),
        }


def _value(finding: Finding, name: str) -> Any:
    value = getattr(finding, name)
    return plain_details(value) if name == "details" else value


def matched(
    old: Sequence[Finding], new: Sequence[Finding]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...], tuple[Persisted, ...]]:
    """The findings that appeared, were resolved and persisted, each in report order."""
    pairs: dict[int, int] = {}  # new position -> old position
    taken: set[int] = set()
    for key, only_one in ((_everything, False), (_identity, False), (_rule_and_subject, True)):
        before = _grouped(old, key, skip=taken)
        after = _grouped(new, key, skip=pairs.keys())
        for group, positions in after.items():
            earlier = before.get(group, [])
            if only_one and (len(positions) != 1 or len(earlier) != 1):
                continue
            for now, was in zip(positions, earlier, strict=False):  # the rest are unpaired
                pairs[now] = was
                taken.add(was)
    appeared = tuple(finding for at, finding in enumerate(new) if at not in pairs)
    resolved = tuple(finding for at, finding in enumerate(old) if at not in taken)
    persisted = tuple(Persisted(old[pairs[at]], new[at]) for at in sorted(pairs))
    return appeared, resolved, persisted


def _grouped(
    findings: Sequence[Finding], key: Callable[[Finding], Hashable], *, skip: Any
) -> dict[Hashable, list[int]]:
    groups: dict[Hashable, list[int]] = {}
    for at, finding in enumerate(findings):
        if at not in skip:
            groups.setdefault(key(finding), []).append(at)
    return groups


def _rule_and_subject(finding: Finding) -> tuple[str, str, str]:
    return (finding.code, finding.subject.kind, finding.subject.id)


def _everything(finding: Finding) -> Hashable:
    return (
        *_rule_and_subject(finding),
        finding.severity,
        finding.message,
        finding.waived_by,
        finding.vessel,
        finding.crew,
        _canonical(plain_details(finding.details)),
    )


def _identity(finding: Finding) -> Hashable:
    details = plain_details(finding.details)
    stable = {
        name: value
        for name, value in details.items()
        if type(value) not in (int, float)
        and not (isinstance(value, str) and _ISO_DATE.match(value))
    }
    return (*_rule_and_subject(finding), _canonical(stable))


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
