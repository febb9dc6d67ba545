"""The diff as text for people: a summary line, then the record and finding changes."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..rules import Finding, plain_details
from ._findings import Persisted
from ._provenance import PROVENANCE
from ._records import Change, RecordChange
from ._related import Related
from ._values import one_line, shown

if TYPE_CHECKING:
    from ._diff import Diff

__all__ = ["text"]

WIDTH = 100
_LABEL = 11
"""Width of the first column: ``appeared``, ``changed`` …"""
_DETAIL = " " * (2 + _LABEL)
"""Where the lines under a change start."""


def text(diff: Diff) -> str:
    """The diff as text: one line of counts, then each change, most telling first."""
    lines = [_summary(diff)]
    if diff.records:
        lines += ["", "Records"]
        for change in diff.records:
            lines += _record(change)
    related = Related(diff.records)
    findings = [*diff.appeared, *diff.resolved]
    changed = [finding for finding in diff.persisted if finding.changed]
    if findings or changed:
        lines += ["", "Findings"]
        for label, found in (("appeared", diff.appeared), ("resolved", diff.resolved)):
            for finding in found:
                lines += _finding(label, finding, related)
        for persisted in changed:
            lines += _persisted(persisted, related)
    return "\n".join(lines) + "\n"


def _summary(diff: Diff) -> str:
    unchanged = sum(1 for finding in diff.persisted if not finding.changed)
    if not diff.changed:
        return (
            f"No changes as of {diff.as_of}: the records are the same, and "
            f"{_count(unchanged, 'finding')} persisted unchanged"
        )
    records = (
        f"{diff.count(Change.ADDED)} added, {diff.count(Change.REMOVED)} removed, "
        f"{diff.count(Change.CHANGED)} changed"
    )
    findings = (
        f"{len(diff.appeared)} appeared, {len(diff.resolved)} resolved, "
        f"{len(diff.persisted) - unchanged} changed, {unchanged} unchanged"
    )
    return f"Changes as of {diff.as_of}: records {records}; findings {findings}"


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _record(change: RecordChange) -> Iterator[str]:
    yield f"  {change.change.value:<{_LABEL}}{change.path}"
    for field in change.fields:
        if _beside(field.field, change):
            continue  # the provenance line shows it
        yield from _wrapped(f"{field.field}: {shown(field.old)} -> {shown(field.new)}")
    if change.entry is not None:
        yield from _wrapped(_entry(change.entry, change))
    if change.provenance is not None:
        yield from _wrapped(str(change.provenance))


def _entry(entry: Mapping[str, Any], change: RecordChange) -> str:
    """An added or removed entry's fields, on one line; nested entries counted."""
    parts = []
    for name, value in entry.items():
        if _beside(name, change):
            continue  # the provenance line shows it
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            entries = "1 entry" if len(value) == 1 else f"{len(value)} entries"
            parts.append(f"{one_line(name)}: {entries}")
        else:
            parts.append(f"{one_line(name)}: {shown(value)}")
    return "; ".join(parts)


def _beside(field: str, change: RecordChange) -> bool:
    """Whether a field's value is on the change's provenance line."""
    return field in PROVENANCE and getattr(change.provenance, field, None) is not None


def _finding(label: str, finding: Finding, related: Related) -> Iterator[str]:
    yield from _wrapped(
        f"{finding.code:<9}{finding.severity.value:<8}{_about(finding)}: "
        f"{one_line(finding.message)}",
        first=f"  {label:<{_LABEL}}",
    )
    if finding.waived_by is not None:
        yield from _wrapped(f"waived by {one_line(finding.waived_by)}")
    yield from _related(related, finding)


def _persisted(persisted: Persisted, related: Related) -> Iterator[str]:
    old, new = persisted.old, persisted.new
    yield from _wrapped(
        f"{new.code:<9}{new.severity.value:<8}{_about(new)}: {one_line(new.message)}",
        first=f"  {'changed':<{_LABEL}}",
    )
    differences = persisted.differences
    if "message" in differences:
        yield from _wrapped(f"was: {one_line(old.message)}")
    if "severity" in differences:
        yield from _wrapped(f"severity: {old.severity.value} -> {new.severity.value}")
    for name, label in (("waived_by", "waived by"), ("vessel", "vessel"), ("crew", "crew")):
        if name in differences:
            was, now = shown(getattr(old, name)), shown(getattr(new, name))
            yield from _wrapped(f"{label}: {was} -> {now}")
    if "details" in differences:
        before, after = plain_details(old.details), plain_details(new.details)
        for key in [*after, *(key for key in before if key not in after)]:
            if before.get(key) != after.get(key):
                change = f"{shown(before.get(key))} -> {shown(after.get(key))}"
                yield from _wrapped(f"details.{one_line(key)}: {change}")
    yield from _related(related, persisted)


def _about(finding: Finding) -> str:
    return f"{one_line(finding.subject.kind)} {one_line(finding.subject.id)}"


def _related(related: Related, finding: Finding | Persisted) -> Iterator[str]:
    paths = list(dict.fromkeys(change.path for change in related.about(finding)))
    if paths:
        yield from _wrapped("records changed: " + ", ".join(paths))


def _wrapped(line: str, first: str = _DETAIL) -> list[str]:
    return textwrap.wrap(
        line,
        WIDTH,
        initial_indent=first,
        subsequent_indent=_DETAIL + "  ",
        break_on_hyphens=False,
        break_long_words=False,
    ) or [first.rstrip()]
