"""The timeline: ``check`` evaluated only on change points, stitched into intervals."""

from __future__ import annotations

import datetime
import heapq
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import Any

import attrs
import pendulum

from ..facts import SubjectKey, Trace
from ..model import Fleet, Subject
from ..rules import (
    Config,
    EnabledRule,
    Evaluation,
    Finding,
    Registry,
    Severity,
    Waivers,
    as_date,
    plain_details,
)

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
        key=json.dumps(plain_details(stable), sort_keys=True, ensure_ascii=False),
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
        """Unwaived error findings per day and vessel: date, vessel, errors, for a plot.

        Every day of the range, for every vessel with an error on some day of it (``None``
        for findings of no vessel), zeros included, so that a series has no gaps; a range
        with no error at all gives each day once, with no vessel and 0.
        """
        vessels = sorted(self.errors, key=lambda v: v or "\uffff")
        rows = [self.errors[vessel] for vessel in vessels] or [(0,) * self.days]
        return [
            {"date": self.start.add(days=index).isoformat(), "vessel": vessel, "errors": row[index]}
            for index in range(self.days)
            for vessel, row in zip(vessels or [None], rows, strict=True)
        ]

    @property
    def days(self) -> int:
        """How many days the range holds, both ends included."""
        return (self.end - self.start).days + 1


def _order(key: FindingKey) -> tuple[str, str, str, str, int]:
    """The order of finding keys, as a tuple (quicker to compare than the keys)."""
    return (key.code, key.subject_kind, key.subject_id, key.key, key.occurrence)


_State = tuple[str | None, str | None, str | None]
_WHOLE: SubjectKey = ("", -1)
_NONE: list[Finding] = []
"""The one part of a rule run on the whole fleet."""


def _keyed(
    findings: Iterable[Finding], seen: dict[Finding, FindingKey] | None = None
) -> dict[FindingKey, Finding]:
    """Findings by key; ``seen`` keeps the keys of findings met before."""
    groups: dict[FindingKey, list[Finding]] = {}
    for finding in findings:
        base = seen.get(finding) if seen is not None else None
        if base is None:
            base = finding_key(finding)
            if seen is not None:
                seen[finding] = base
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


class _Track:
    """One rule over the range: its findings now, per part, and when each part may change.

    A part is one subject of a rule with ``each``, or the whole fleet. A rule that raises
    is, from that day on, run as ``check`` runs it, on every day (:attr:`daily`).
    """

    def __init__(self, number: int, entry: EnabledRule, evaluation: Evaluation) -> None:
        self.number = number
        self.entry = entry
        self.evaluation = evaluation
        self.found: dict[SubjectKey, list[Finding]] = {}
        """The findings of the parts that have any."""
        self.owners: dict[Subject, set[SubjectKey]] = {}
        """The parts whose findings are about each subject."""
        self.daily = False

    def run(
        self, day: pendulum.Date, trace: Trace, keys: Iterable[SubjectKey] | None
    ) -> tuple[dict[SubjectKey, int], set[Subject]]:
        """Run the rule on some parts (``None``: all) as of ``day``.

        Returns when each part run may change next, and the subjects whose findings may
        have changed.
        """
        evaluation, entry = self.evaluation, self.entry
        if self.daily:
            return self._replace(
                {_WHOLE: evaluation.run(entry, evaluation.facts.on(day))}, day, every=True
            )
        view = evaluation.facts.traced(day, trace)
        context = evaluation.context(entry, view)
        today = day.toordinal()
        each = evaluation.subjects(entry)
        results: dict[SubjectKey, list[Finding]] = {}
        nexts: dict[SubjectKey, int] = {}
        try:
            if each is None:
                trace.restart(today)
                results[_WHOLE] = list(entry.rule.check(context.fleet, context))
                nexts[_WHOLE] = trace.next
            elif keys is None:  # every candidate, from the memberships of the day
                check = entry.rule.check
                for key, subject, member, change in each.memberships(view):
                    if not member:
                        results[key], nexts[key] = [], change
                        continue
                    trace.restart(today)
                    trace.note(change)
                    results[key] = list(check(subject, context))
                    nexts[key] = trace.next
            else:
                facts = evaluation.facts
                for key in keys:
                    subject = each.record(facts, key)
                    trace.restart(today)
                    results[key] = evaluation.run_subject(entry, context, subject)
                    nexts[key] = trace.next
        except Exception as error:  # as check reports it; then as check runs it
            self.daily = True
            return self._replace({_WHOLE: [evaluation.crashed(context, error)]}, day, every=True)
        changed = self._replace(results, day, every=False, whole=keys is None)[1]
        return nexts, changed

    def _replace(
        self,
        results: dict[SubjectKey, list[Finding]],
        day: pendulum.Date,
        *,
        every: bool,
        whole: bool = True,
    ) -> tuple[dict[SubjectKey, int], set[Subject]]:
        """Put ``results`` in place of the parts they are for (of every part, if ``whole``)."""
        changed: set[Subject] = set()
        if not whole:  # a part that found what it found before changes nothing
            results = {
                key: findings
                for key, findings in results.items()
                if findings != self.found.get(key, _NONE)
            }
        stale = list(self.found) if whole else [key for key in results if key in self.found]
        for key in stale:
            for finding in self.found.pop(key):
                changed.add(finding.subject)
                self.owners.get(finding.subject, set()).discard(key)
        for key, findings in results.items():
            if findings:
                self.found[key] = findings
                for finding in findings:
                    changed.add(finding.subject)
                    self.owners.setdefault(finding.subject, set()).add(key)
        nexts = {_WHOLE: day.toordinal() + 1} if every else {}
        return nexts, changed

    def about(self, subject: Subject) -> list[Finding]:
        """The rule's findings now about ``subject``, in the order of their parts."""
        keys = sorted(self.owners.get(subject, ()))
        return [f for key in keys for f in self.found[key] if f.subject == subject]


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
    (inclusive) and comparing findings by :class:`FindingKey`, vessel, crew and waiver.
    Each rule is run on ``start``, then again only where and when what it asked of the
    facts may change: a rule with ``each`` only for the subjects whose answers change,
    a rule that reads the fleet or the date itself on every day. Rules that examine
    other rules' findings run on every date on which any finding or waiver changes.
    Also counts, per vessel and day, the error findings not covered by a waiver. See
    ``docs/timeline.md``.
    """
    first, last = as_date(start), as_date(end)
    if last < first:
        raise ValueError(f"the timeline ends ({last}) before it starts ({first})")
    return _Run(Evaluation(fleet, config, registry), first, last).timeline()


class _Run:
    """One timeline being worked out: the tracks, the schedule and the intervals so far."""

    def __init__(self, evaluation: Evaluation, first: pendulum.Date, last: pendulum.Date) -> None:
        self.evaluation = evaluation
        self.first, self.last = first, last
        self.low, self.high = first.toordinal(), last.toordinal()
        self.tracks = [_Track(n, entry, evaluation) for n, entry in enumerate(evaluation.plain)]
        self.queue: list[int] = []
        self.queued: set[int] = set()
        self.due: dict[int, set[tuple[int, SubjectKey]]] = {}
        self.when: dict[tuple[int, SubjectKey], int] = {}
        self.evaluations = 0
        self.open: dict[FindingKey, tuple[_State, int, Finding]] = {}
        self.done: dict[FindingKey, list[Interval]] = {}
        self.meta: dict[FindingKey, Finding] = {}
        self.keys: dict[Finding, FindingKey] = {}
        # Findings by key, and unwaived errors by vessel, per (track, subject); the rules
        # that examine findings come after the tracks, with their own numbers.
        self.keyed: dict[tuple[int, Subject], dict[FindingKey, Finding]] = {}
        """The findings in force by key, per (track, subject) of the rules that look at
        the data; those of the rules that read the others' findings are in
        :attr:`dependent_keyed`, so that the others' are gathered at C speed."""
        self.dependent_keyed: dict[tuple[int, Subject], dict[FindingKey, Finding]] = {}
        self.tallies: dict[tuple[int, Subject], Counter[str | None]] = {}
        self.tally: Counter[str | None] = Counter()
        self.steps: dict[str | None, list[tuple[int, int]]] = {}
        """Per vessel, each day its count of unwaived errors changes, and the new count."""
        self.dirty: set[str | None] = set()
        """The vessels whose count may have changed since the last day counted."""
        self.days: dict[int, pendulum.Date] = {}
        self.whole_subjects: dict[int, set[Subject]] = {}
        """The subjects of the findings of each rule that reads the others' findings."""

    def timeline(self) -> Timeline:
        evaluation, low, high = self.evaluation, self.low, self.high
        dependent = evaluation.dependent
        waiver_trace = Trace(low)
        waivers_next = low
        waived: set[Any] = set()
        dependent_next = [low] * len(dependent)
        self.queued.add(low)
        heapq.heappush(self.queue, low)
        processed: list[int] = []
        while self.queue:
            moment = heapq.heappop(self.queue)
            self.queued.discard(moment)
            day = self.day(moment)
            trace = Trace(moment)
            touched: set[tuple[int, Subject]] = set()
            if moment == low:
                for track in self.tracks:
                    nexts, subjects = track.run(day, trace, None)
                    self.evaluations += 1
                    self._rescheduled(track, nexts)
                    touched.update((track.number, subject) for subject in subjects)
            else:
                due: dict[int, list[SubjectKey]] = {}
                for number, key in self.due.pop(moment, ()):
                    if self.when.get((number, key)) == moment:
                        due.setdefault(number, []).append(key)
                for number, keys in sorted(due.items()):
                    track = self.tracks[number]
                    whole = track.daily or _WHOLE in keys
                    nexts, subjects = track.run(day, trace, None if whole else sorted(keys))
                    self.evaluations += 1 if whole else len(keys)
                    self._rescheduled(track, nexts)
                    touched.update((number, subject) for subject in subjects)
            view = evaluation.facts.on(day)
            waivers = Waivers.on(view)
            if moment >= waivers_next:  # a waiver starts or ends: the findings it covers change
                waiver_trace.restart(moment)
                in_force = set(evaluation.facts.traced(day, waiver_trace).waivers_in_force())
                waivers_next = waiver_trace.next
                changed_waivers = in_force ^ waived
                for waiver in changed_waivers:
                    for track in self.tracks:
                        if waiver.rule in (track.entry.rule.code, track.entry.rule.name):
                            touched.add((track.number, waiver.subject))
                waived = in_force
                # a waiver of a rule that reads the others' findings: run it again
                rewaive = any(
                    waiver.rule in (entry.rule.code, entry.rule.name)
                    for waiver in changed_waivers
                    for entry in dependent
                )
            else:
                rewaive = False
            changed = False
            for number, subject in touched:
                found = self.tracks[number].about(subject)
                if self._settle((number, subject), waivers.apply(found), moment):
                    changed = True
            # Rules that read the others' findings run again when a finding starts, ends
            # or changes vessel, crew or waiver, and when what they asked may change.
            if dependent and (changed or rewaive or moment == low or moment in dependent_next):
                findings = tuple(chain.from_iterable(map(dict.values, self.keyed.values())))
                dependent_trace = Trace(moment)
                for offset, entry in enumerate(dependent):
                    number = len(self.tracks) + offset
                    dependent_trace.restart(moment)
                    traced = evaluation.facts.traced(day, dependent_trace)
                    found = waivers.apply(evaluation.run(entry, traced, findings))
                    self.evaluations += 1
                    dependent_next[offset] = dependent_trace.next
                    self._settle_all(number, found, moment)
                    findings += tuple(found)
            for later in (waivers_next, *dependent_next):
                if moment < later <= high and later not in self.queued:
                    self.queued.add(later)
                    heapq.heappush(self.queue, later)
            processed.append(moment)
            self._count_errors(moment)
        for open_key in list(self.open):
            self._close(open_key, high)
        histories = tuple(
            FindingHistory(
                key=key,
                name=self.meta[key].name,
                severity=self.meta[key].severity,
                intervals=tuple(self.done[key]),
            )
            for key in sorted(self.done, key=_order)
        )
        return Timeline(
            start=self.first,
            end=self.last,
            findings=histories,
            errors=self._errors(),
            change_points=tuple(self.day(o) for o in processed),
            evaluations=self.evaluations,
        )

    def day(self, ordinal: int) -> pendulum.Date:
        """The day of an ordinal, one object per day of the run."""
        found = self.days.get(ordinal)
        if found is None:
            value = datetime.date.fromordinal(ordinal)
            found = self.days[ordinal] = pendulum.Date(value.year, value.month, value.day)
        return found

    def _rescheduled(self, track: _Track, nexts: Mapping[SubjectKey, int]) -> None:
        """Run each part of the track again on its day (if in range)."""
        number, high = track.number, self.high
        when, due, queued = self.when, self.due, self.queued
        for key, day in nexts.items():
            if day > high:  # not again in this run: forget any earlier day
                if when:
                    when.pop((number, key), None)
                continue
            when[number, key] = day
            due.setdefault(day, set()).add((number, key))
            if day not in queued:
                queued.add(day)
                heapq.heappush(self.queue, day)

    def _settle_all(self, number: int, findings: list[Finding], moment: int) -> None:
        """Record every finding of a rule run on the whole fleet, by subject."""
        by_subject: dict[Subject, list[Finding]] = {}
        for finding in findings:
            by_subject.setdefault(finding.subject, []).append(finding)
        for subject in self.whole_subjects.get(number, set()) - by_subject.keys():
            self._settle((number, subject), [], moment)
        for subject, group in by_subject.items():
            self._settle((number, subject), group, moment)
        self.whole_subjects[number] = set(by_subject)

    def _settle(self, where: tuple[int, Subject], findings: list[Finding], moment: int) -> bool:
        """Record the findings of one rule about one subject on ``moment``.

        True when any of them starts, ends, or changes its vessel, crew or waiver.
        """
        new = _keyed(findings, self.keys)
        keyed = self.keyed if where[0] < len(self.tracks) else self.dependent_keyed
        old = keyed.pop(where, {})
        changed = False
        for key in old.keys() - new.keys():
            self._close(key, moment - 1)
            changed = True
        for key, finding in new.items():
            state = (finding.vessel, finding.crew, finding.waived_by)
            if key in self.open and self.open[key][0] != state:
                self._close(key, moment - 1)
            if key not in self.open:
                self.open[key] = (state, moment, finding)
                self.meta.setdefault(key, finding)
                changed = True
        before = self.tallies.pop(where, None)
        if before:
            self.tally.subtract(before)
            self.dirty.update(before)
        if new:
            keyed[where] = new
            counts: Counter[str | None] | None = None
            for finding in findings:
                if finding.severity is Severity.ERROR and finding.waived_by is None:
                    if counts is None:
                        counts = Counter()
                    counts[finding.vessel] += 1
            if counts:
                self.tallies[where] = counts
                self.tally.update(counts)
                self.dirty.update(counts)
        return changed

    def _close(self, key: FindingKey, until: int) -> None:
        state, began, finding = self.open.pop(key)
        self.done.setdefault(key, []).append(
            Interval(
                start=self.day(began),
                end=self.day(until),
                vessel=state[0],
                crew=state[1],
                waived_by=state[2],
                message=finding.message,
            )
        )

    def _count_errors(self, moment: int) -> None:
        """Note the vessels whose count of unwaived errors changes on ``moment``."""
        for vessel in self.dirty:
            steps = self.steps.setdefault(vessel, [])
            count = self.tally[vessel]
            if (steps[-1][1] if steps else 0) != count:
                steps.append((moment, count))
        self.dirty.clear()

    def _errors(self) -> dict[str | None, tuple[int, ...]]:
        """Each vessel's unwaived errors on every day, from the days its count changed."""
        size = self.high - self.low + 1
        rows: dict[str | None, tuple[int, ...]] = {}
        for vessel, steps in self.steps.items():
            row = [0] * size
            ends = [moment for moment, _ in steps[1:]] + [self.high + 1]
            for (moment, count), following in zip(steps, ends, strict=True):
                row[moment - self.low : following - self.low] = [count] * (following - moment)
            if any(row):
                rows[vessel] = tuple(row)
        return rows
