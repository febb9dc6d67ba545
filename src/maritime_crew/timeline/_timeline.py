"""The timeline: ``check`` evaluated only on change points, stitched into intervals."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import pendulum

from ..model import Fleet, Subject
from ..rules import Config, Finding, Registry, Severity, as_date, default_registry
from ..rules._engine import _apply_waivers, _run
from ..rules._finding import _plain
from ..rules._rule import Context

__all__ = ["FindingHistory", "FindingKey", "Interval", "Timeline", "finding_key", "timeline"]

VOLATILE_DETAILS = frozenset({"days_ago", "days_left", "days_overdue", "to"})
"""Keys of ``Finding.details`` that can change daily: day counts up to the as-of date, and
``to``, the end of an overlap that runs up to the as-of date while a record is open."""


@attrs.frozen(order=True)
class FindingKey:
    """What makes a finding the same finding from one day to the next.

    The rule code, the subject, and ``key``: the finding's ``details`` as canonical JSON
    without the day counts of :data:`VOLATILE_DETAILS`. Messages are not part of it
    (they carry the as-of date and day counts). ``occurrence`` tells apart findings that
    agree on all of that on one day (0 for the first, in order of vessel, crew, waiver).
    """

    code: str
    subject_kind: str
    subject_id: str
    key: str
    occurrence: int = 0

    @property
    def subject(self) -> Subject:
        """The subject of the finding."""
        return Subject(self.subject_kind, self.subject_id)


def finding_key(finding: Finding, occurrence: int = 0) -> FindingKey:
    """The :class:`FindingKey` of a finding (with the given occurrence number)."""
    stable = {k: v for k, v in finding.details.items() if k not in VOLATILE_DETAILS}
    return FindingKey(
        code=finding.code,
        subject_kind=finding.subject.kind,
        subject_id=finding.subject.id,
        key=json.dumps(_plain(stable), sort_keys=True, ensure_ascii=False),
        occurrence=occurrence,
    )


@attrs.frozen
class Interval:
    """Days (inclusive) on which a finding held with the same vessel, crew and waiver."""

    start: pendulum.Date
    """First day."""
    end: pendulum.Date
    """Last day (inclusive)."""
    vessel: str | None
    """Vessel the finding was placed on."""
    crew: str | None
    """Crew the finding was placed on."""
    waived_by: str | None
    """Waiver that covered the finding, if any."""
    message: str
    """The finding's message on the first day."""

    @property
    def days(self) -> int:
        """Number of days in the interval."""
        return (self.end - self.start).days + 1

    def covers(self, day: datetime.date) -> bool:
        """True when ``day`` falls in the interval."""
        return self.start <= day <= self.end


@attrs.frozen
class FindingHistory:
    """One finding (by :class:`FindingKey`) and the intervals during which it held."""

    key: FindingKey
    name: str
    """Rule name."""
    severity: Severity
    """Severity after configuration overrides."""
    intervals: tuple[Interval, ...]
    """Disjoint, in date order; a new interval starts when vessel, crew or waiver change."""

    def on(self, day: datetime.date) -> Interval | None:
        """The interval covering ``day``, if the finding held that day."""
        for interval in self.intervals:
            if interval.covers(day):
                return interval
        return None


@attrs.frozen
class Timeline:
    """The result of :func:`timeline`: finding histories and daily error counts."""

    start: pendulum.Date
    """First day of the range."""
    end: pendulum.Date
    """Last day of the range (inclusive)."""
    findings: tuple[FindingHistory, ...]
    """Every finding that held on some day of the range, ordered by key."""
    errors: Mapping[str | None, tuple[int, ...]] = attrs.field(hash=False)
    """Per vessel (``None``: no vessel), the unwaived error findings on each day from
    ``start``; vessels with no error finding in the range are left out."""
    change_points: tuple[pendulum.Date, ...] = ()
    """The dates on which findings were worked out (the first is ``start``)."""
    evaluations: int = 0
    """How many times a rule was run."""

    def on(
        self, day: pendulum.Date | datetime.date | str
    ) -> tuple[tuple[FindingKey, Interval], ...]:
        """The findings that held on ``day`` with the interval covering it."""
        date = as_date(day)
        found = []
        for history in self.findings:
            interval = history.on(date)
            if interval is not None:
                found.append((history.key, interval))
        return tuple(found)

    def errors_on(self, day: pendulum.Date | datetime.date | str) -> dict[str | None, int]:
        """Unwaived error findings per vessel on ``day`` (vessels with none left out)."""
        index = (as_date(day) - self.start).days
        if not 0 <= index <= (self.end - self.start).days:
            raise ValueError(f"{day} is outside the timeline {self.start} to {self.end}")
        return {vessel: counts[index] for vessel, counts in self.errors.items() if counts[index]}

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict of plain values per interval, for tables and JSON."""
        return [
            {
                "code": history.key.code,
                "name": history.name,
                "severity": history.severity.value,
                "subject_kind": history.key.subject_kind,
                "subject_id": history.key.subject_id,
                "key": history.key.key,
                "occurrence": history.key.occurrence,
                "start": interval.start.isoformat(),
                "end": interval.end.isoformat(),
                "days": interval.days,
                "vessel": interval.vessel,
                "crew": interval.crew,
                "waived_by": interval.waived_by,
                "message": interval.message,
            }
            for history in self.findings
            for interval in history.intervals
        ]

    def error_records(self) -> list[dict[str, Any]]:
        """One dict per day and vessel with unwaived error findings: date, vessel, errors."""
        records = []
        for index in range((self.end - self.start).days + 1):
            day = self.start.add(days=index).isoformat()
            for vessel in sorted(self.errors, key=lambda v: v or "\uffff"):
                if self.errors[vessel][index]:
                    records.append(
                        {"date": day, "vessel": vessel, "errors": self.errors[vessel][index]}
                    )
        return records


_State = tuple[str | None, str | None, str | None]


def _keyed(findings: Iterable[Finding]) -> dict[FindingKey, Finding]:
    groups: dict[FindingKey, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding_key(finding), []).append(finding)
    keyed: dict[FindingKey, Finding] = {}
    for base, group in groups.items():
        group.sort(key=lambda f: (f.vessel or "", f.crew or "", f.waived_by or "", f.message))
        for number, finding in enumerate(group):
            keyed[attrs.evolve(base, occurrence=number)] = finding
    return keyed


def _declared(
    entry_points: Any,
    fleet: Fleet,
    params: Mapping[str, Any],
    low: int,
    high: int,
    seen: dict[int, tuple[object, set[int]]],
) -> set[int] | None:
    """The declared change points in ``(low, high]`` as ordinals; ``None``: every day.

    ``seen`` remembers the filtered set of a declaration that returned the very same
    (cached, immutable) collection for an earlier rule.
    """
    if entry_points is None:
        return None
    try:
        dates = entry_points(fleet, params)
        known = seen.get(id(dates))
        if known is not None and known[0] is dates:
            return known[1]
        if isinstance(dates, (frozenset, set)) and len(dates) > high - low:
            chosen = {o for o in range(low + 1, high + 1) if datetime.date.fromordinal(o) in dates}
        else:
            chosen = {o for o in (d.toordinal() for d in dates) if low < o <= high}
    except Exception:  # a broken declaration must not make the timeline wrong
        return None
    if isinstance(dates, frozenset):
        seen[id(dates)] = (dates, chosen)
    return chosen


def timeline(
    fleet: Fleet,
    start: pendulum.Date | datetime.date | str,
    end: pendulum.Date | datetime.date | str,
    *,
    config: Config | None = None,
    registry: Registry | None = None,
) -> Timeline:
    """When each finding of :func:`~maritime_crew.check` held between two dates.

    The result equals running ``check`` on every day from ``start`` to ``end``
    (inclusive) and comparing findings by :class:`FindingKey`, but each rule runs only
    on its change points (its ``change_points`` declaration; every day for a rule
    without one) and on ``start``. Waivers change on their grant date and the day after
    their expiry. Rules that examine other rules' findings run on every date on which
    any finding or waiver can change. Also counts, per vessel and day, the error
    findings not covered by a waiver. See ``docs/timeline.md``.
    """
    first, last = as_date(start), as_date(end)
    if last < first:
        raise ValueError(f"the timeline ends ({last}) before it starts ({first})")
    config = config or Config()
    registry = registry or default_registry()
    enabled = config.resolve(registry)
    catalogue = registry.rules()
    low, high = first.toordinal(), last.toordinal()
    every_day = set(range(low, high + 1))

    seen: dict[int, tuple[object, set[int]]] = {}
    plain = [entry for entry in enabled if not entry.rule.needs_findings]
    dependent = [entry for entry in enabled if entry.rule.needs_findings]
    points: list[set[int]] = []
    for entry in plain:
        declared = _declared(entry.rule.change_points, fleet, entry.params, low, high, seen)
        points.append(every_day if declared is None else declared | {low})
    waiver_points = {low}
    for waiver in fleet.waivers:
        waiver_points.add(waiver.granted_on.toordinal())
        if waiver.expires is not None:
            waiver_points.add(waiver.expires.toordinal() + 1)
    waiver_points = {o for o in waiver_points if low <= o <= high}
    moments = set(waiver_points).union(*points)
    for entry in dependent:
        declared = _declared(entry.rule.change_points, fleet, entry.params, low, high, seen)
        moments |= every_day if declared is None else declared
    ordered = sorted(moments)

    current: list[list[Finding]] = [[] for _ in plain]
    evaluations = 0
    open_: dict[FindingKey, tuple[_State, int, Finding]] = {}
    done: dict[FindingKey, list[Interval]] = {}
    meta: dict[FindingKey, Finding] = {}
    errors: dict[str | None, list[int]] = {}
    size = high - low + 1

    def close(key: FindingKey, until: int) -> None:
        state, began, finding = open_.pop(key)
        done.setdefault(key, []).append(
            Interval(
                start=pendulum.Date.fromordinal(began),
                end=pendulum.Date.fromordinal(until),
                vessel=state[0],
                crew=state[1],
                waived_by=state[2],
                message=finding.message,
            )
        )

    for index, moment in enumerate(ordered):
        day = pendulum.Date.fromordinal(moment)
        for number, entry in enumerate(plain):
            if moment in points[number]:
                context = Context(day, entry.params, entry.rule, entry.severity, fleet)
                current[number] = list(_run(entry, context))
                evaluations += 1
        findings = _apply_waivers(fleet, [f for group in current for f in group], day)
        for entry in dependent:
            context = Context(
                day,
                entry.params,
                entry.rule,
                entry.severity,
                fleet,
                findings=tuple(findings),
                catalogue=catalogue,
            )
            findings.extend(_apply_waivers(fleet, list(_run(entry, context)), day))
            evaluations += 1
        keyed = _keyed(findings)
        for key in [k for k in open_ if k not in keyed]:
            close(key, moment - 1)
        for key, finding in keyed.items():
            state = (finding.vessel, finding.crew, finding.waived_by)
            if key in open_ and open_[key][0] != state:
                close(key, moment - 1)
            if key not in open_:
                open_[key] = (state, moment, finding)
                meta.setdefault(key, finding)
        following = ordered[index + 1] if index + 1 < len(ordered) else high + 1
        tally = Counter(
            f.vessel for f in findings if f.severity is Severity.ERROR and f.waived_by is None
        )
        for vessel, count in tally.items():
            row = errors.setdefault(vessel, [0] * size)
            row[moment - low : following - low] = [count] * (following - moment)
    for key in list(open_):
        close(key, high)

    histories = tuple(
        FindingHistory(
            key=key, name=meta[key].name, severity=meta[key].severity, intervals=tuple(done[key])
        )
        for key in sorted(done)
    )
    return Timeline(
        start=first,
        end=last,
        findings=histories,
        errors={vessel: tuple(row) for vessel, row in errors.items()},
        change_points=tuple(pendulum.Date.fromordinal(o) for o in ordered),
        evaluations=evaluations,
    )
