"""The timeline: ``check`` evaluated only on change points, stitched into intervals."""

from __future__ import annotations

import bisect
import datetime
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import pendulum

from ..facts._memo import memo
from ..model import Fleet, Subject
from ..rules import Config, Finding, Registry, Severity, as_date, default_registry
from ..rules._changes import ChangeDays
from ..rules._config import EnabledRule
from ..rules._engine import _apply_waivers, _attempt, _crashed, _run
from ..rules._finding import _plain
from ..rules._partition import Parts
from ..rules._rule import Context

__all__ = ["FindingHistory", "FindingKey", "Interval", "Timeline", "finding_key", "timeline"]

VOLATILE_DETAILS = frozenset(
    {
        "days_ago",
        "days_left",
        "days_overdue",
        "to",
        "sea_days_long",
        "sea_days_short",
        "needed_days",
    }
)
"""Keys of ``Finding.details`` that can change daily: day counts up to the as-of date,
``to``, the end of an overlap that runs up to the as-of date while a record is open, and
the sea service counted in windows that end on the as-of date (``CERT006``)."""


@attrs.frozen(order=True, cache_hash=True)
class FindingKey:
    """What makes a finding the same finding from one day to the next.

    The rule code, the subject, and ``key``: the finding's ``details`` as canonical JSON
    without the day counts of ``maritime_crew.timeline.VOLATILE_DETAILS``. Messages are
    not part of it (they carry the as-of date and day counts). ``occurrence`` tells apart
    findings that agree on all of that on one day (0 for the first, in order of vessel,
    crew, waiver).
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


def _keyed(
    findings: Iterable[Finding], seen: dict[int, tuple[Finding, FindingKey]] | None = None
) -> dict[FindingKey, Finding]:
    """Findings by key; ``seen`` keeps the keys of finding objects met before."""
    groups: dict[FindingKey, list[Finding]] = {}
    for finding in findings:
        known = seen.get(id(finding)) if seen is not None else None
        if known is not None and known[0] is finding:
            base = known[1]
        else:
            base = finding_key(finding)
            if seen is not None:
                seen[id(finding)] = (finding, base)
        groups.setdefault(base, []).append(finding)
    keyed: dict[FindingKey, Finding] = {}
    for base, group in groups.items():
        if len(group) == 1:
            keyed[base] = group[0]
            continue
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
) -> set[int] | None:
    """The declared change points in ``(low, high]`` as ordinals; ``None``: every day.

    A declaration depends only on the fleet and the parameters, so what it returns is
    kept with the fleet (as sorted ordinals) for later timelines.
    """
    if entry_points is None:
        return None
    try:
        key = (entry_points, tuple(sorted(params.items())))
        cache = memo(fleet, "change-points")
        found: tuple[list[int], int | None] | None = cache.get(key)
        if found is None:
            dates = entry_points(fleet, params)
            ordinals = sorted({d.toordinal() for d in dates})
            run_on = None
            if isinstance(dates, ChangeDays) and dates.every_day_from is not None:
                run_on = dates.every_day_from.toordinal()
            found = cache[key] = (ordinals, run_on)
    except Exception:  # a broken declaration must not make the timeline wrong
        return None
    ordinals, run_on = found
    chosen = set(ordinals[bisect.bisect_right(ordinals, low) : bisect.bisect_right(ordinals, high)])
    if run_on is not None:
        chosen.update(range(max(low + 1, run_on), high + 1))
    return chosen


class _Crashed(Exception):
    """A rule raised on a part of the fleet: it is run whole, on every day, instead."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class _Track:
    """One rule's current findings, kept per part of the fleet it is run on.

    A rule that is not split has one part, 0: the whole fleet. A split rule whose
    finding names a subject outside the part it came from cannot be followed part by
    part; it raises :class:`_Crashed` and the timeline runs it whole.
    """

    def __init__(self, entry: EnabledRule, fleet: Fleet, parts: Parts | None) -> None:
        self.entry = entry
        self.fleet = fleet
        self.parts = parts
        self.current: dict[int, list[Finding]] = {}
        """Findings of the parts that have any, by part."""

    def _found(self, fleet: Fleet, day: pendulum.Date) -> list[Finding]:
        entry = self.entry
        context = Context(day, entry.params, entry.rule, entry.severity, fleet)
        found = _attempt(entry, context)
        if isinstance(found, Exception):
            if self.parts is not None:
                raise _Crashed(entry.rule.code)
            return _crashed(entry, context, found)
        return found

    def start(self, day: pendulum.Date) -> set[int]:
        """Run the rule on the whole fleet and file its findings by part; the parts found."""
        found = self._found(self.fleet, day)
        self.current = {}
        for finding in found:
            part = 0 if self.parts is None else self.parts.subjects.get(finding.subject)
            if part is None:
                raise _Crashed(self.entry.rule.code)
            self.current.setdefault(part, []).append(finding)
        return set(self.current)

    def run(self, day: pendulum.Date, indexes: Iterable[int]) -> set[int]:
        """Run the rule on some parts as of ``day``; the parts run."""
        ran = set()
        for index in indexes:
            if self.parts is None:
                found = self._found(self.fleet, day)
            else:
                found = self._found(self.parts.fleets[index], day)
                subjects = self.parts.subjects
                if any(subjects.get(finding.subject) != index for finding in found):
                    raise _Crashed(self.entry.rule.code)
            if found:
                self.current[index] = found
            else:
                self.current.pop(index, None)
            ran.add(index)
        return ran


def _tracks(
    fleet: Fleet,
    plain: list[EnabledRule],
    low: int,
    high: int,
    whole: frozenset[str],
) -> tuple[list[_Track], dict[int, list[tuple[int, int]]]]:
    """A track per rule, and the (track, part) pairs to run by date (ordinal).

    Every track starts with a run on the whole fleet on ``low``; the schedule holds the
    later dates.
    """
    every_day = range(low + 1, high + 1)
    tracks: list[_Track] = []
    schedule: dict[int, list[tuple[int, int]]] = {}
    for number, entry in enumerate(plain):
        rule = entry.rule
        split = rule.partition is not None and rule.code not in whole
        parts = rule.partition.parts(fleet) if split and rule.partition else None
        tracks.append(_Track(entry, fleet, parts))
        pieces = (fleet,) if parts is None else parts.fleets
        for index, piece in enumerate(pieces):
            if rule.code in whole:
                declared = None
            else:
                declared = _declared(rule.change_points, piece, entry.params, low, high)
            for moment in every_day if declared is None else declared:
                schedule.setdefault(moment, []).append((number, index))
    return tracks, schedule


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
    without one) and on ``start``; a rule with a ``partition`` runs only on the parts of
    the fleet whose change points fall on a date. Waivers change on their grant date and
    the day after their expiry. Rules that examine other rules' findings run on every
    date on which any finding or waiver can change. Also counts, per vessel and day, the
    error findings not covered by a waiver. See ``docs/timeline.md``.
    """
    first, last = as_date(start), as_date(end)
    if last < first:
        raise ValueError(f"the timeline ends ({last}) before it starts ({first})")
    config = config or Config()
    registry = registry or default_registry()
    whole: frozenset[str] = frozenset()
    while True:
        try:
            return _timeline(fleet, first, last, config, registry, whole)
        except _Crashed as crash:
            whole |= {crash.code}


def _timeline(
    fleet: Fleet,
    first: pendulum.Date,
    last: pendulum.Date,
    config: Config,
    registry: Registry,
    whole: frozenset[str],
) -> Timeline:
    enabled = config.resolve(registry)
    catalogue = registry.rules()
    low, high = first.toordinal(), last.toordinal()

    plain = [entry for entry in enabled if not entry.rule.needs_findings]
    dependent = [entry for entry in enabled if entry.rule.needs_findings]
    rules_run = tuple(entry.rule for entry in plain)
    tracks, schedule = _tracks(fleet, plain, low, high, whole)
    waiver_points = {low}
    for waiver in fleet.waivers:
        waiver_points.add(waiver.granted_on.toordinal())
        if waiver.expires is not None:
            waiver_points.add(waiver.expires.toordinal() + 1)
    moments = {o for o in waiver_points if low <= o <= high} | set(schedule)
    for entry in dependent:
        declared = _declared(entry.rule.change_points, fleet, entry.params, low, high)
        moments |= set(range(low, high + 1)) if declared is None else declared
    ordered = sorted(moments)

    evaluations = 0
    open_: dict[FindingKey, tuple[_State, int, Finding]] = {}
    done: dict[FindingKey, list[Interval]] = {}
    meta: dict[FindingKey, Finding] = {}
    errors: dict[str | None, list[int]] = {}
    keys: dict[int, tuple[Finding, FindingKey]] = {}
    size = high - low + 1
    # Findings by key and unwaived errors by vessel, per (track, part); the rules that
    # examine findings come after the tracks, as tracks of one part. No two parts share
    # a key: a key holds the rule code and the subject, and the subject names the part.
    keyed: dict[tuple[int, int], dict[FindingKey, Finding]] = {}
    tallies: dict[tuple[int, int], Counter[str | None]] = {}
    tally: Counter[str | None] = Counter()

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

    def settle(where: tuple[int, int], findings: list[Finding], moment: int) -> None:
        """Record the findings of one part of a track on ``moment``."""
        new = _keyed(findings, keys)
        old = keyed.pop(where, {})
        for key in old.keys() - new.keys():
            close(key, moment - 1)
        for key, finding in new.items():
            state = (finding.vessel, finding.crew, finding.waived_by)
            if key in open_ and open_[key][0] != state:
                close(key, moment - 1)
            if key not in open_:
                open_[key] = (state, moment, finding)
                meta.setdefault(key, finding)
        tally.subtract(tallies.pop(where, Counter()))
        if new:
            keyed[where] = new
            counts = Counter(
                f.vessel for f in findings if f.severity is Severity.ERROR and f.waived_by is None
            )
            if counts:
                tallies[where] = counts
                tally.update(counts)

    for index, moment in enumerate(ordered):
        day = pendulum.Date.fromordinal(moment)
        changed: set[tuple[int, int]] = set()
        if moment == low:
            for number, track in enumerate(tracks):
                changed.update((number, part) for part in track.start(day))
                evaluations += 1
        due: dict[int, list[int]] = {}
        for number, part in schedule.get(moment, ()):
            due.setdefault(number, []).append(part)
        for number, parts in due.items():
            ran = tracks[number].run(day, parts)
            evaluations += len(ran)
            changed.update((number, part) for part in ran)
        if moment in waiver_points:  # a waiver starts or ends: every finding may change
            changed.update(keyed)
            changed.update(
                (number, part) for number, track in enumerate(tracks) for part in track.current
            )
        for number, part in changed:
            if number < len(tracks):
                found = tracks[number].current.get(part, [])
                settle((number, part), _apply_waivers(fleet, found, day), moment)
        if dependent:
            findings = tuple(
                f
                for where, group in keyed.items()
                if where[0] < len(tracks)
                for f in group.values()
            )
            for offset, entry in enumerate(dependent):
                context = Context(
                    day,
                    entry.params,
                    entry.rule,
                    entry.severity,
                    fleet,
                    findings=findings,
                    catalogue=catalogue,
                    ran=rules_run,
                )
                found = _apply_waivers(fleet, list(_run(entry, context)), day)
                settle((len(tracks) + offset, 0), found, moment)
                findings += tuple(found)
                evaluations += 1
        following = ordered[index + 1] if index + 1 < len(ordered) else high + 1
        for vessel, count in tally.items():
            if count:
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
