"""REST: hours of rest and work (MLC 2006 standard A2.3; seed C1 terms set the profile).

Which work counts: every work period on record that starts before the end of the check
date (Europe/London), clipped there, so a check is an audit of the record up to that
date and never depends on today. Windows slide and must lie wholly inside the record
(from the first work start to the last work end): rest outside the record is unknown.
The limits are those of the rest profile of the terms set that applied to the person on
the window's first day (Europe/London), MLC A2.3 when they are on no set.
One finding per person and rule: the worst window found.

The record and its profiles come from the facts (``View.hours_on_record``), which know
the days on which they change; each rule runs the checks of the event-based engine
(:mod:`maritime_crew.facts.rest`) on them, one person at a time.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterator

import pendulum

from ...facts import Facts, HoursOnRecord, Subjects, View
from ...facts import rest as _rest
from ...model import Period, Person, RestProfile, adult_from
from .._context import Context
from .._finding import Finding
from .._severity import Severity
from ._registry import builtin

LONDON = "Europe/London"
DAY = 24 * 3600
WEEK = 7 * DAY
_MLC = "MLC 2006 standard A2.3 (paragraphs 5 and 6)"
_SHORT_BREAKS = (
    " Hours of rest do not include short breaks (MLC 2006 standard A2.3 paragraph 1(b)): "
    "a break shorter than the profile's min_rest_period (1 hour in the built-in MLC and "
    "STCW profiles) counts as work."
)


def hours(seconds: int) -> str:
    """``10 hours``, ``7.5 hours``, ``9 h 59 min``: a duration as the findings print it."""
    minutes, rest = divmod(seconds, 60)
    if rest == 0 and minutes % 30 == 0:
        whole, half = divmod(minutes, 60)
        number = f"{whole}.5" if half else str(whole)
        return f"{number} hour" if number == "1" else f"{number} hours"
    h, m = divmod(minutes, 60)
    text = f"{h} h {m} min" if h else f"{m} min"
    return f"{text} {rest} s" if rest else text


def _moment(seconds: int) -> pendulum.DateTime:
    return pendulum.from_timestamp(seconds, tz=LONDON)


def _when(seconds: int) -> str:
    return _moment(seconds).format("YYYY-MM-DD HH:mm")


@functools.lru_cache(maxsize=1024)  # a few periods per profile, asked once a person a rule
def _seconds(period: Period | None) -> int | None:
    return None if period is None else int(period.as_timedelta().total_seconds())


def _working(view: View, person: Person) -> bool:
    return view.hours_on_record(person) is not None


WORKING = Subjects(
    "people with work on record",
    ("person",),
    _working,
    lambda facts, person: bool(facts.fleet.work_periods_of(person.id)),
)
"""People with work on record that starts by the end of the date (London)."""

Check = Callable[[_rest.Work, int, int, RestProfile], tuple[_rest.Window, int] | None]


def _worst(
    record: HoursOnRecord | None, check: Check
) -> tuple[_rest.Window, int, RestProfile] | None:
    """The breach with the largest excess over its limit (earliest on ties), if any.

    Each run of days is checked under its own profile: windows that start on its days.
    """
    if record is None:
        return None
    best: tuple[_rest.Window, int, RestProfile] | None = None
    for run in record.runs:
        work = record.work_under(run.profile)  # short breaks are work
        # the last run's windows start up to the end of the record
        last = run.starts_until
        if last is None:
            last = work.ends[-1] if len(work) else run.starts_from
        found = check(work, run.starts_from, last, run.profile)
        if found is None:
            continue
        window, excess = found
        if best is None or excess > best[1]:
            best = (window, excess, run.profile)
    return best


def _details(window: _rest.Window, profile: RestProfile, **figures: object) -> dict[str, object]:
    return {
        "window_start": _moment(window.start).isoformat(),
        "window_end": _moment(window.end).isoformat(),
        "profile": profile.id,
        **figures,
    }


def _least_rest(length: int, limit_of: Callable[[RestProfile], Period | None]) -> Check:
    def check(
        work: _rest.Work, lo: int, hi: int, profile: RestProfile
    ) -> tuple[_rest.Window, int] | None:
        limit = _seconds(limit_of(profile))
        if limit is None:
            return None
        window = _rest.fewest_rest_in_window(work, length, lo, hi)
        if window is None or window.value >= limit:
            return None
        return _rest.earliest_least_rest(work, window, lo), limit - window.value

    return check


def _most_work(span_of: Callable[[RestProfile], tuple[int, int | None]]) -> Check:
    """A check for the window with the most work.

    ``span_of(profile)`` gives the window length and the most work allowed in it
    (``None``: not checked).
    """

    def check(
        work: _rest.Work, lo: int, hi: int, profile: RestProfile
    ) -> tuple[_rest.Window, int] | None:
        length, limit = span_of(profile)
        if limit is None:
            return None
        window = _rest.fewest_rest_in_window(work, length, lo, hi)
        if window is None or length - window.value <= limit:
            return None
        return _rest.earliest_least_rest(work, window, lo), length - window.value - limit

    return check


def _rest_message(person: Person, window: _rest.Window, span: str, limit: Period | None) -> str:
    required = hours(_seconds(limit) or 0)
    return (
        f"{person.id} had {hours(window.value)} of rest in the {span} from "
        f"{_when(window.start)} to {_when(window.end)}; at least {required} are required"
    )


def _too_little_rest(
    person: Person,
    ctx: Context,
    span: int,
    words: str,
    limit_of: Callable[[RestProfile], Period | None],
) -> Iterator[Finding]:
    """REST001 and REST002: the window of ``span`` seconds with the least rest, per person."""
    found = _worst(ctx.facts.hours_on_record(person), _least_rest(span, limit_of))
    if found is None:
        return
    window, excess, profile = found
    yield ctx.about_person(
        person,
        _rest_message(person, window, words, limit_of(profile)),
        details=_details(
            window,
            profile,
            rest_hours=window.value / 3600,
            limit_hours=(window.value + excess) / 3600,
        ),
    )


@builtin(
    code="REST001",
    name="too-little-rest-in-24-hours",
    severity=Severity.ERROR,
    summary="A person had less than the minimum rest in some 24-hour period.",
    rationale="MLC 2006 standard A2.3 paragraph 5(b)(i) requires at least 10 hours of rest "
    "in any 24-hour period; fatigue is a safety risk at sea. The terms set's rest profile "
    "sets the figure (seed C1)." + _SHORT_BREAKS,
    source=_MLC,
    example="BF1 had 9 h 59 min of rest in the 24 hours from 2021-02-01 06:00 to "
    "2021-02-02 06:00; at least 10 hours are required",
    fix="Correct the work records if they are wrong; otherwise review the watch plan so "
    "every 24 hours holds the minimum rest.",
    each=WORKING,
)
def too_little_rest_24h(person: Person, ctx: Context) -> Iterator[Finding]:
    return _too_little_rest(person, ctx, DAY, "24 hours", lambda p: p.min_rest_24h)


@builtin(
    code="REST002",
    name="too-little-rest-in-7-days",
    severity=Severity.ERROR,
    summary="A person had less than the minimum rest in some 7-day period.",
    rationale="MLC 2006 standard A2.3 paragraph 5(b)(ii) requires at least 77 hours of rest "
    "in any 7-day period. The terms set's rest profile sets the figure (seed C1); under "
    "a profile with the STCW A-VIII/1 exception, the reduced figure (70 hours) is the "
    "least allowed, and REST010 limits how long the exception may last." + _SHORT_BREAKS,
    source=_MLC,
    example="BF1 had 70 hours of rest in the 7 days from 2021-02-22 06:00 to 2021-03-01 "
    "06:00; at least 77 hours are required",
    fix="Correct the work records if they are wrong; otherwise plan rest days so every "
    "7 days hold the minimum rest.",
    each=WORKING,
)
def too_little_rest_7d(person: Person, ctx: Context) -> Iterator[Finding]:
    return _too_little_rest(person, ctx, WEEK, "7 days", _weekly_minimum)


def _weekly_minimum(profile: RestProfile) -> Period | None:
    """The least rest allowed in 7 days.

    The reduced figure where the profile allows the STCW exception (REST010 then limits
    how long it may last), else the normal one.
    """
    return profile.reduced_min_rest_7d or profile.min_rest_7d


def _periods_check(
    work: _rest.Work, lo: int, hi: int, profile: RestProfile
) -> tuple[_rest.Window, int] | None:
    limit = profile.exception_rest_periods_24h or profile.max_rest_periods_24h
    if limit is None:
        return None
    window = _rest.most_rest_periods(work, DAY, lo, hi, grain=60)
    if window is None or window.value <= limit:
        return None
    return window, window.value - limit


@builtin(
    code="REST003",
    name="rest-in-too-many-periods",
    severity=Severity.ERROR,
    summary="A person's rest in some 24 hours was divided into more periods than allowed.",
    rationale="MLC 2006 standard A2.3 paragraph 6 allows the hours of rest to be divided "
    "into no more than two periods. STCW Code A-VIII/1 paragraph 9 allows three as an "
    "exception, which REST012 limits to two 24-hour periods in any 7 days; under a profile "
    "with that exception, more than three is reported here. A rest period is a break "
    "between work, counted in the window in which it starts, so each counts once in any "
    "run of back-to-back 24-hour periods." + _SHORT_BREAKS,
    source=_MLC,
    example="BF1's rest was divided into 4 periods in the 24 hours from 2021-02-20 00:00 "
    "to 2021-02-21 00:00; at most 2 are allowed",
    fix="Plan watches so rest comes in no more than the allowed number of periods.",
    each=WORKING,
)
def rest_in_too_many_periods(person: Person, ctx: Context) -> Iterator[Finding]:
    found = _worst(ctx.facts.hours_on_record(person), _periods_check)
    if found is None:
        return
    window, excess, profile = found
    yield ctx.about_person(
        person,
        f"{person.id}'s rest was divided into {window.value} periods in the 24 hours "
        f"from {_when(window.start)} to {_when(window.end)}; at most "
        f"{window.value - excess} are allowed",
        details=_details(window, profile, periods=window.value, limit=window.value - excess),
    )


def _split_days_check(
    work: _rest.Work, lo: int, hi: int, profile: RestProfile
) -> tuple[_rest.Window, int] | None:
    normal, most = profile.max_rest_periods_24h, profile.max_exception_days_7d
    if normal is None or most is None or profile.exception_rest_periods_24h is None:
        return None
    split = _rest.most_rest_periods(work, DAY, lo, hi, grain=60)  # REST003's, kept
    if split is None or split.value <= normal:
        return None  # no 24 hours with rest split at all
    run = _rest.split_rest_days(
        work, normal + 1, lo, hi, day=DAY, week=WEEK, grain=60, more_than=most
    )
    if len(run) <= most:
        return None
    return _rest.Window(run[0].start, run[-1].end, len(run)), len(run) - most


@builtin(
    code="REST012",
    name="split-rest-too-often",
    severity=Severity.ERROR,
    summary="Rest was divided into three periods, the STCW exception, in more than two "
    "24-hour periods of some 7 days (profiles that allow it).",
    rationale="STCW Code section A-VIII/1 paragraph 9: the hours of rest in any 24 hours "
    '"may be divided into no more than three periods, one of which shall be at least 6 '
    "hours in length and neither of the other two periods shall be less than one hour in "
    "length. The intervals between consecutive periods of rest shall not exceed 14 hours. "
    'Exceptions shall not extend beyond two 24-hour periods in any 7-day period." A '
    "24-hour period uses the exception when more rest periods start in it than the normal "
    "limit (two, paragraph 3); three such periods that do not overlap and fit within one "
    "7 days are a breach. REST003 reports more than three periods, REST004 the 6 hours, "
    "REST005 the 14 hours; a break under an hour is not a rest period at all. Checked "
    "only when the terms set's rest profile allows the exception, as stcw-a-viii-1 does "
    "(seed C1)." + _SHORT_BREAKS,
    source="STCW Code section A-VIII/1 paragraph 9",
    example="BF1's rest was divided into more than 2 periods in 3 separate 24-hour periods "
    "within 7 days: the 24 hours from 2021-02-01 04:00, 2021-02-02 04:00 and 2021-02-03 "
    "04:00; the exception is allowed in at most 2 24-hour periods in any 7 days",
    fix="Plan watches so the rest comes in two periods, keeping the split into three for "
    "at most two days in any week.",
    each=WORKING,
)
def split_rest_too_often(person: Person, ctx: Context) -> Iterator[Finding]:
    record = ctx.facts.hours_on_record(person)
    found = _worst(record, _split_days_check)
    if found is None or record is None:
        return
    window, excess, profile = found
    normal = profile.max_rest_periods_24h or 0
    # the run again, from its first window, for the periods it names
    work = record.work_under(profile)
    run = _rest.split_rest_days(
        work, normal + 1, window.start, window.start + WEEK - DAY, day=DAY, week=WEEK, grain=60
    )
    starts = [_when(part.start) for part in run]
    listed = ", ".join(starts[:-1]) + f" and {starts[-1]}"
    yield ctx.about_person(
        person,
        f"{person.id}'s rest was divided into more than {normal} periods in {len(run)} "
        f"separate 24-hour periods within 7 days: the 24 hours from {listed}; the "
        f"exception is allowed in at most {window.value - excess} 24-hour periods in any "
        "7 days",
        details=_details(
            window,
            profile,
            split_periods=[_moment(part.start).isoformat() for part in run],
            limit=window.value - excess,
        ),
    )


def _long_rest(length: int, limit_of: Callable[[RestProfile], Period | None]) -> Check:
    """A check for a window of ``length`` without one rest period of ``limit_of(profile)``."""

    def check(
        work: _rest.Work, lo: int, hi: int, profile: RestProfile
    ) -> tuple[_rest.Window, int] | None:
        needed = _seconds(limit_of(profile))
        if needed is None:
            return None
        window = _rest.window_without_long_rest(work, length, needed, lo, hi)
        if window is None:
            return None
        return window, needed - window.value

    return check


def _no_long_rest(
    person: Person,
    ctx: Context,
    length: int,
    words: str,
    limit_of: Callable[[RestProfile], Period | None],
) -> Iterator[Finding]:
    """REST004 and REST008: the window of ``length`` whose longest rest falls shortest."""
    found = _worst(ctx.facts.hours_on_record(person), _long_rest(length, limit_of))
    yield from _longest_rest_finding(person, ctx, found, f"{words} from", "one period")


def _longest_rest_finding(
    person: Person,
    ctx: Context,
    found: tuple[_rest.Window, int, RestProfile] | None,
    span: str,
    needed: str,
) -> Iterator[Finding]:
    """The finding for a window whose longest rest fell short, if there is one.

    ``span`` leads up to the window's start ("24 hours from"); ``needed`` names the rest
    required ("one period").
    """
    if found is None:
        return
    window, excess, profile = found
    yield ctx.about_person(
        person,
        f"{person.id}'s longest rest was {hours(window.value)} in the {span} "
        f"{_when(window.start)} to {_when(window.end)}; {needed} of at least "
        f"{hours(window.value + excess)} is required",
        details=_details(
            window,
            profile,
            longest_rest_hours=window.value / 3600,
            limit_hours=(window.value + excess) / 3600,
        ),
    )


@builtin(
    code="REST004",
    name="no-long-rest-period",
    severity=Severity.ERROR,
    summary="In some 24 hours a person had no rest period of the required length.",
    rationale="MLC 2006 standard A2.3 paragraph 6 requires one of the rest periods in any "
    "24 hours to be at least 6 hours long. A rest period counts at its full length "
    "if it overlaps the window." + _SHORT_BREAKS,
    source=_MLC,
    example="BF1's longest rest was 4 hours in the 24 hours from 2021-02-19 20:00 to "
    "2021-02-20 20:00; one period of at least 6 hours is required",
    fix="Plan watches so each 24 hours holds one unbroken rest of the required length.",
    each=WORKING,
)
def no_long_rest_period(person: Person, ctx: Context) -> Iterator[Finding]:
    return _no_long_rest(person, ctx, DAY, "24 hours", lambda p: p.min_longest_rest_24h)


def _daily_rest_check(
    work: _rest.Work, lo: int, hi: int, profile: RestProfile
) -> tuple[_rest.Window, int] | None:
    needed = _seconds(profile.min_daily_rest)
    if needed is None:
        return None
    window = _rest.rest_from_work_starts(work, DAY, lo, hi)
    if window is None or window.value >= needed:
        return None
    return window, needed - window.value


@builtin(
    code="REST011",
    name="too-little-daily-rest",
    severity=Severity.ERROR,
    summary="In the 24 hours from the start of some work, a person had no rest of the "
    "required length (profiles that set it).",
    rationale='The Working Time Regulations 1998, regulation 10(1): "An adult worker is '
    "entitled to a rest period of not less than eleven consecutive hours in each 24-hour "
    'period during which he works for his employer." Each 24-hour period is read as the '
    "24 hours from the start of a stretch of work, and the rest is counted up to the end "
    "of that period: a rest that starts 23 hours in holds only its first hour there, so "
    "14 hours' work followed by 11 hours off falls short by an hour. "
    "Counting a rest at its full length when it merely overlaps the period would let "
    "shifts of 23 hours 59 minutes, 11 hours apart, pass; counting only the rest inside "
    "every sliding 24 hours would fail a 13-hour day with 11 hours' rest between shifts, "
    "which the regulation allows. Checked only when the terms set's rest profile sets "
    "it, as wtr-1998 does (seed C1). Before their 18th birthday a young worker needs 12 "
    'hours (regulation 10(2): "not less than twelve consecutive hours in each 24-hour '
    'period"), whatever the profile sets below that.',
    source="Working Time Regulations 1998, regulation 10",
    example="BF1's longest rest was 1 min in the 24 hours from the start of work at "
    "2021-02-01 00:00 to 2021-02-02 00:00; an unbroken rest of at least 11 hours is "
    "required",
    fix="Plan shifts so that 11 hours of rest follow each day's work within 24 hours of its start.",
    each=WORKING,
)
def too_little_daily_rest(person: Person, ctx: Context) -> Iterator[Finding]:
    found = _worst(ctx.facts.hours_on_record(person), _daily_rest_check)
    yield from _longest_rest_finding(
        person, ctx, found, "24 hours from the start of work at", "an unbroken rest"
    )


def _interval_check(
    work: _rest.Work, lo: int, hi: int, profile: RestProfile
) -> tuple[_rest.Window, int] | None:
    limit = _seconds(profile.max_interval_between_rests)
    if limit is None:
        return None
    window = _rest.longest_work(work, lo, hi)
    if window is None or window.value <= limit:
        return None
    return window, window.value - limit


@builtin(
    code="REST005",
    name="too-long-between-rests",
    severity=Severity.ERROR,
    summary="A person worked longer than allowed between consecutive rest periods.",
    rationale="MLC 2006 standard A2.3 paragraph 6 requires the interval between "
    "consecutive periods of rest not to exceed 14 hours. Overlapping or touching work "
    "periods are one stretch." + _SHORT_BREAKS,
    source=_MLC,
    example="BF1 worked 16.5 hours without rest from 2021-02-18 04:00 to 2021-02-18 20:30; "
    "at most 14 hours are allowed between rest periods",
    fix="Plan a rest period within every 14 hours of work.",
    each=WORKING,
)
def too_long_between_rests(person: Person, ctx: Context) -> Iterator[Finding]:
    found = _worst(ctx.facts.hours_on_record(person), _interval_check)
    if found is None:
        return
    window, excess, profile = found
    yield ctx.about_person(
        person,
        f"{person.id} worked {hours(window.value)} without rest from "
        f"{_when(window.start)} to {_when(window.end)}; at most "
        f"{hours(window.value - excess)} are allowed between rest periods",
        details=_details(
            window,
            profile,
            work_hours=window.value / 3600,
            limit_hours=(window.value - excess) / 3600,
        ),
    )


def _work_message(person: Person, window: _rest.Window, span: str, limit: int) -> str:
    length = window.end - window.start
    return (
        f"{person.id} worked {hours(length - window.value)} in the {span} from "
        f"{_when(window.start)} to {_when(window.end)}; at most {hours(limit)} are allowed"
    )


@builtin(
    code="REST006",
    name="too-much-work-in-24-hours",
    severity=Severity.ERROR,
    summary="A person worked more than the maximum in some 24 hours (profiles that set it).",
    rationale="MLC 2006 standard A2.3 paragraph 5(a)(i) allows a flag state to limit hours "
    "of work instead of rest: at most 14 hours in any 24-hour period. Checked only when "
    "the terms set's rest profile selects maximum hours of work (seed C1)." + _SHORT_BREAKS,
    source="MLC 2006 standard A2.3 (paragraph 5(a))",
    example="BF1 worked 16.5 hours in the 24 hours from 2021-02-18 04:00 to 2021-02-19 "
    "04:00; at most 14 hours are allowed",
    fix="Plan work so no 24 hours hold more than the maximum.",
    each=WORKING,
)
def too_much_work_24h(person: Person, ctx: Context) -> Iterator[Finding]:
    return _too_much_work(person, ctx, DAY, "24 hours", lambda p: p.max_work_24h)


@builtin(
    code="REST007",
    name="too-much-work-in-7-days",
    severity=Severity.ERROR,
    summary="A person worked more than the maximum in some 7 days (profiles that set it).",
    rationale="MLC 2006 standard A2.3 paragraph 5(a)(ii) allows a flag state to limit hours "
    "of work instead of rest: at most 72 hours in any 7-day period. Checked only when the "
    "terms set's rest profile selects maximum hours of work (seed C1)." + _SHORT_BREAKS,
    source="MLC 2006 standard A2.3 (paragraph 5(a))",
    example="BF1 worked 98 hours in the 7 days from 2021-02-22 06:00 to 2021-03-01 06:00; "
    "at most 72 hours are allowed",
    fix="Plan work so no 7 days hold more than the maximum.",
    each=WORKING,
)
def too_much_work_7d(person: Person, ctx: Context) -> Iterator[Finding]:
    return _too_much_work(person, ctx, WEEK, "7 days", lambda p: p.max_work_7d)


def _too_much_work(
    person: Person,
    ctx: Context,
    length: int,
    span: str,
    limit_of: Callable[[RestProfile], Period | None],
) -> Iterator[Finding]:
    """The window of ``length`` seconds with the most work over the profile's maximum."""
    check = _most_work(lambda p: (length, _seconds(limit_of(p))))
    found = _worst(ctx.facts.hours_on_record(person), check)
    if found is None:
        return
    window, excess, profile = found
    limit = length - window.value - excess
    yield ctx.about_person(
        person,
        _work_message(person, window, span, limit),
        details=_details(
            window, profile, work_hours=(length - window.value) / 3600, limit_hours=limit / 3600
        ),
    )


@builtin(
    code="REST008",
    name="no-weekly-rest-period",
    severity=Severity.ERROR,
    summary="In some 7 days a person had no uninterrupted rest of the required length "
    "(profiles that set it).",
    rationale="The Working Time Regulations 1998, regulation 11, entitle a worker to an "
    "uninterrupted rest period of at least 24 hours in each 7-day period. Checked only "
    "when the terms set's rest profile sets a weekly rest period, as the wtr-1998 "
    "profile does (seed C1). A rest period counts at its full length if it overlaps the "
    "window.",
    source="Working Time Regulations 1998, regulation 11",
    example="BF1's longest rest was 16 hours in the 7 days from 2021-02-01 06:00 to "
    "2021-02-08 06:00; one period of at least 24 hours is required",
    fix="Plan a full day off in every 7 days.",
    each=WORKING,
)
def no_weekly_rest_period(person: Person, ctx: Context) -> Iterator[Finding]:
    return _no_long_rest(person, ctx, WEEK, "7 days", lambda p: p.min_longest_rest_7d)


_NIGHT = 9 * 3600
"""The shortest night of MLC 2006 standard A1.1 paragraph 2, nine hours."""


def _young_working(facts: Facts, person: Person) -> bool:
    """Born under 18 years before some work of theirs on record: REST014 may concern them."""
    born = person.born
    if born is None or not facts.fleet.work_periods_of(person.id):  # most have no hours
        return False
    first = facts.first_work_day(person)
    return first is not None and first < adult_from(born)


YOUNG_WORKING = Subjects(
    "people with work on record from before their 18th birthday",
    ("person",),
    _working,
    _young_working,
)


def _nights_worked(
    work: _rest.Work, first: datetime.date, last: datetime.date, adult: datetime.date
) -> list[pendulum.Date]:
    """The nights worked, by the day they begin, from ``first`` to ``last`` before ``adult``.

    A night is worked when no nine hours from 20:00 to 09:00 the next morning (UK time)
    were free of work.
    """
    found = []
    day = pendulum.Date(first.year, first.month, first.day)
    while day <= last and day < adult:
        midnight = int(
            pendulum.datetime(day.year, day.month, day.day, tz=LONDON).add(days=1).timestamp()
        )
        # 20:00 is four hours before midnight on every day, the clocks change after it
        if _rest.night_worked(work, midnight - 4 * 3600, midnight, _NIGHT):
            found.append(day)
        day = day.add(days=1)
    return found


@builtin(
    code="REST014",
    name="night-work-under-18",
    severity=Severity.ERROR,
    summary="A person under 18 worked at night: no nine hours from 20:00 to 09:00 were free "
    "of work.",
    rationale='MLC 2006 standard A1.1 paragraph 2: "Night work of seafarers under the age '
    "of 18 shall be prohibited. For the purposes of this Standard, 'night' shall be defined "
    "in accordance with national law and practice. It shall cover a period of at least nine "
    'hours starting no later than midnight and ending no earlier than 5 a.m." Whatever '
    "the national definition, a night is nine hours starting between 20:00 and midnight "
    "(UK time); a person under 18 on the day it begins worked at night when no such nine "
    "hours were free of work. Work between midnight and 5 a.m. is always night work. Age "
    "comes from the date of birth (`born`); the 18th birthday is the first day as an "
    "adult. Checked whatever the terms set's rest profile, for everyone with a date of "
    "birth. The stricter restricted period of the Working Time Regulations 1998 "
    "(regulation 6A: young workers not to work from 22:00 to 06:00) is not checked.",
    source="MLC 2006 standard A1.1 paragraph 2",
    example="BF1, aged 17, worked in the night from 2021-02-03 20:00 to 2021-02-04 09:00 "
    "(no nine hours of it free of work); night work under 18 is prohibited (1 night)",
    fix="Take people under 18 off night watches, or record the work correctly.",
    each=YOUNG_WORKING,
)
def night_work_under_18(person: Person, ctx: Context) -> Iterator[Finding]:
    record = ctx.facts.hours_on_record(person)
    if record is None or person.born is None or not record.work.starts:
        return
    work = record.work
    first = _moment(work.starts[0]).date().subtract(days=1)
    nights = _nights_worked(work, first, ctx.facts.date, adult_from(person.born))
    if not nights:
        return
    night = nights[0]
    start = pendulum.datetime(night.year, night.month, night.day, 20, tz=LONDON)
    end = start.add(days=1).set(hour=9)
    age = person.age_on(night)
    yield ctx.about_person(
        person,
        f"{person.id}, aged {age}, worked in the night from {start.format('YYYY-MM-DD HH:mm')} "
        f"to {end.format('YYYY-MM-DD HH:mm')} (no nine hours of it free of work); night work "
        f"under 18 is prohibited ({len(nights)} night{'s' if len(nights) != 1 else ''})",
        details={
            "window_start": start.isoformat(),
            "window_end": end.isoformat(),
            "age": age,
            "nights": [day.isoformat() for day in nights],
        },
    )


_WEEKS_FROM = pendulum.datetime(2001, 1, 1, tz=LONDON)
"""The start of a reference period of the weekly rest where no agreement sets one: the
week (and every other week) from Monday 1 January 2001, 00:00 UK time."""


def _weekly_needs(profile: RestProfile) -> tuple[int, int, int] | None:
    """What the weekly rest needs: ``None`` when the profile sets none.

    The reference period's days, the rest each of two rests must reach in it, and the
    one rest that does as well (14 days), each with the daily rest added unless the
    profile lets them overlap.
    """
    weekly = _seconds(profile.min_weekly_rest)
    if weekly is None:
        return None
    daily = 0 if profile.weekly_rest_includes_daily_rest else _seconds(profile.min_daily_rest) or 0
    days = 14 if profile.weekly_rest_fortnightly else 7
    return days, weekly + daily, 2 * weekly + daily


def _reference_periods(
    profile: RestProfile, work: _rest.Work, lo: int, hi: int
) -> Iterator[tuple[int, int]]:
    """The reference periods of the weekly rest of a run (see :func:`_periods`).

    Each begins at the same UK local time as ``weekly_rest_from``, a whole number of
    periods after it.
    """
    days = 14 if profile.weekly_rest_fortnightly else 7
    return _periods(profile.weekly_rest_from or _WEEKS_FROM, days, work, lo, hi)


def _periods(
    anchor: pendulum.DateTime, days: int, work: _rest.Work, lo: int, hi: int
) -> Iterator[tuple[int, int]]:
    """The periods ``[start, end)`` (seconds) of ``days`` days of the run ``[lo, hi]``.

    Those that start in the run and hold some of the (not empty) record; the first run's
    begin with the one the record starts in. Each begins at the UK local time of
    ``anchor``, a whole number of periods after it, so a period across a clock change is
    an hour longer or shorter.
    """
    if lo <= work.starts[0]:
        lo = work.starts[0] - days * DAY + 1
    hi = min(hi, work.ends[-1] - 1)
    anchor = anchor.in_timezone(LONDON)
    origin = int(anchor.timestamp())
    number = (lo - origin) // (days * DAY) - 1

    def start(k: int) -> int:
        return int(anchor.add(days=k * days).timestamp())

    while start(number) < lo:
        number += 1
    while start(number) <= hi:
        yield start(number), start(number + 1)
        number += 1


def _calendar_work_check(
    work: _rest.Work, lo: int, hi: int, profile: RestProfile
) -> tuple[_rest.Window, int] | None:
    """The day or week (UK time) with the most work past its limit, the earliest on ties.

    Days and weeks that start in the run and hold some of the record; work outside the
    record is not known and counts as none.
    """
    worst: tuple[_rest.Window, int] | None = None
    if not work.starts:
        return None
    for days, limit in ((1, profile.max_work_per_day), (7, profile.max_work_per_week)):
        most = _seconds(limit)
        if most is None:
            continue
        for start, end in _periods(_WEEKS_FROM, days, work, lo, hi):
            worked = work.between(start, end)
            if worked > most and (worst is None or worked - most > worst[1]):
                worst = (_rest.Window(start, end, worked), worked - most)
    return worst


@builtin(
    code="REST015",
    name="too-much-work-in-a-day-or-week",
    severity=Severity.ERROR,
    summary="A young worker worked more than allowed in a day or a week (UK time).",
    rationale="The Working Time Regulations 1998, regulation 5A(1): \"A young worker's "
    'working time shall not exceed (a) eight hours a day, or (b) forty hours a week." A '
    "day is the 24 hours from midnight and a week the seven days from midnight between "
    "Sunday and Monday (regulation 2(1)), UK time. Set for workers under 18 under a "
    "profile with a daily rest, as wtr-1998 has, before their 18th birthday; a profile of "
    "one's own may set `max_work_per_day` and `max_work_per_week` for anyone. Work "
    "outside the record is not known and counts as none.",
    source="Working Time Regulations 1998, regulation 5A",
    example="BF1 worked 9 hours in the day from 2021-02-01 00:00 to 2021-02-02 00:00; at "
    "most 8 hours are allowed",
    fix="Plan a young worker's shifts within 8 hours a day and 40 a week.",
    each=WORKING,
)
def too_much_work_in_a_day_or_week(person: Person, ctx: Context) -> Iterator[Finding]:
    found = _worst(ctx.facts.hours_on_record(person), _calendar_work_check)
    if found is None:
        return
    window, excess, profile = found
    span = "day" if window.end - window.start <= DAY + 3600 else "week"
    yield ctx.about_person(
        person,
        f"{person.id} worked {hours(window.value)} in the {span} from {_when(window.start)} "
        f"to {_when(window.end)}; at most {hours(window.value - excess)} are allowed",
        details=_details(
            window,
            profile,
            work_hours=window.value / 3600,
            limit_hours=(window.value - excess) / 3600,
        ),
    )


def _two_longest_rests(work: _rest.Work, start: int, end: int) -> tuple[int, int]:
    """The two longest rests inside ``[start, end)``, 0 for one that is not there.

    Time in the period before the record starts or after it ends counts as rest: it is
    not known, and a finding must not rest on a guess.
    """
    rests = sorted(_rest.rests_within(work, start, end), reverse=True)
    return (rests[0] if rests else 0), (rests[1] if len(rests) > 1 else 0)


def _weekly_rest_check(
    work: _rest.Work, lo: int, hi: int, profile: RestProfile
) -> tuple[_rest.Window, int] | None:
    needs = _weekly_needs(profile)
    if needs is None or not work.starts:
        return None
    days, each, one = needs
    worst: tuple[_rest.Window, int] | None = None
    for start, end in _reference_periods(profile, work, lo, hi):
        longest, second = _two_longest_rests(work, start, end)
        # 14 days: two rests of ``each``, or one of ``one`` (WTR 1998 reg. 11(2))
        excess = each - longest if days == 7 else min(one - longest, each - second)
        if excess > 0 and (worst is None or excess > worst[1]):
            worst = (_rest.Window(start, end, longest), excess)
    return worst


@builtin(
    code="REST013",
    name="too-little-weekly-rest",
    severity=Severity.ERROR,
    summary="A reference period of the weekly rest held no uninterrupted rest of the "
    "required length besides the daily rest (profiles that set it).",
    rationale='The Working Time Regulations 1998, regulation 11(1): "an adult worker is '
    "entitled to an uninterrupted rest period of not less than 24 hours in each "
    'seven-day period during which he works for his employer"; or, if the employer so '
    "determines, two uninterrupted rest periods of at least 24 hours, or one of at least "
    "48 hours, in each 14-day period (regulation 11(2)). The periods begin at the times a "
    "relevant agreement sets, otherwise at the start of each week, midnight between "
    "Sunday and Monday, or every other week (regulation 11(6)); and the weekly rest "
    "shall not include any part of the daily rest of regulation 10(1) save for "
    "objective reasons (regulation 11(7)), so with an 11-hour daily rest an "
    "uninterrupted rest of 35 hours is needed. Only the part of a rest inside the "
    "period counts. Time in the period outside the record (before the first work, or "
    "after the check date) is not known and counts as rest, so a week still under way "
    "is reported only once no rest of the length can fit in it. Checked only when the terms "
    "set's rest profile sets a weekly rest, as wtr-1998 does (seed C1). Before their 18th "
    'birthday a young worker needs 48 hours in each 7 days (regulation 11(3): "a rest '
    'period of not less than 48 hours in each seven-day period"), with no 14-day '
    "alternative and no exclusion of the daily rest, which paragraphs (2) and (7) make for "
    "adult workers only.",
    source="Working Time Regulations 1998, regulation 11",
    example="BF1's longest uninterrupted rest was 16 hours in the 7 days from 2021-02-01 "
    "00:00 to 2021-02-08 00:00; one of at least 35 hours (a weekly rest of 24 hours "
    "besides the daily rest) is required",
    fix="Plan a full day off besides the daily rest in every week (or fortnight) of the "
    "reference periods.",
    each=WORKING,
)
def too_little_weekly_rest(person: Person, ctx: Context) -> Iterator[Finding]:
    record = ctx.facts.hours_on_record(person)
    found = _worst(record, _weekly_rest_check)
    if found is None or record is None:
        return
    window, _, profile = found
    needs = _weekly_needs(profile)
    assert needs is not None
    days, each, one = needs
    weekly = _seconds(profile.min_weekly_rest) or 0
    besides = "" if each == weekly else " besides the daily rest"
    rests = _two_longest_rests(record.work_under(profile), window.start, window.end)
    span = f"{days} days from {_when(window.start)} to {_when(window.end)}"
    if days == 7:
        message = (
            f"{person.id}'s longest uninterrupted rest was {hours(rests[0])} in the {span}; "
            f"one of at least {hours(each)} (a weekly rest of {hours(weekly)}{besides}) is "
            "required"
        )
    else:
        message = (
            f"{person.id}'s two longest uninterrupted rests were {hours(rests[0])} and "
            f"{hours(rests[1])} in the {span}; two of at least {hours(each)}, or one of at "
            f"least {hours(one)} (weekly rests of {hours(weekly)} each, or one of "
            f"{hours(2 * weekly)}{besides}), are required"
        )
    yield ctx.about_person(
        person,
        message,
        details=_details(
            window,
            profile,
            longest_rest_hours=rests[0] / 3600,
            second_rest_hours=rests[1] / 3600,
            limit_hours=each / 3600,
            single_limit_hours=one / 3600 if days == 14 else None,
        ),
    )


def _average_week(profile: RestProfile) -> tuple[int, int | None]:
    weekly, weeks = _seconds(profile.max_average_work_week), profile.averaging_weeks
    if weekly is None or weeks is None:
        return 0, None
    return weeks * WEEK, weeks * weekly


@builtin(
    code="REST009",
    name="average-working-week-too-long",
    severity=Severity.ERROR,
    summary="A person's average working week over the reference period is longer than "
    "allowed (profiles that set it).",
    rationale="The Working Time Regulations 1998, regulation 4, limit average weekly "
    "working time to 48 hours over a reference period of 17 weeks. The reference period "
    "slides like every other window and must lie inside the record of work, so a "
    "record shorter than 17 weeks is not judged. Checked only when the terms set's rest "
    "profile sets an average, as the wtr-1998 profile does (seed C1).",
    source="Working Time Regulations 1998, regulation 4",
    example="BF1 worked 884 hours in the 17 weeks from 2021-01-04 06:00 to 2021-05-03 "
    "06:00, an average of 52 hours a week; at most 48 hours a week are allowed",
    fix="Plan work so the average week over any 17 weeks stays within the limit, or "
    "record the worker's written opt-out in a terms set without the limit.",
    each=WORKING,
)
def average_working_week_too_long(person: Person, ctx: Context) -> Iterator[Finding]:
    found = _worst(ctx.facts.hours_on_record(person), _most_work(_average_week))
    if found is None:
        return
    window, _, profile = found
    length, limit = _average_week(profile)
    weeks = length // WEEK
    worked = length - window.value
    yield ctx.about_person(
        person,
        f"{person.id} worked {hours(worked)} in the {weeks} weeks from "
        f"{_when(window.start)} to {_when(window.end)}, an average of "
        f"{hours(worked // weeks)} a week; at most {hours((limit or 0) // weeks)} a week "
        "are allowed",
        details=_details(
            window,
            profile,
            work_hours=worked / 3600,
            average_hours=worked / weeks / 3600,
            limit_hours=(limit or 0) / weeks / 3600,
        ),
    )


def _exception_check(
    work: _rest.Work, lo: int, hi: int, profile: RestProfile
) -> tuple[_rest.Window, int] | None:
    """The worst breach of the STCW exception.

    Either a run of reduced weeks longer than allowed (the window is the run, its value
    the run's length) or one that follows the previous too soon (the window is the gap,
    its value minus the gap's length).
    """
    normal, weeks = _seconds(profile.min_rest_7d), profile.max_consecutive_reduced_weeks
    if normal is None or weeks is None or profile.reduced_min_rest_7d is None:
        return None
    # no run without a window below the normal rest (REST002 found the least already)
    least = _rest.fewest_rest_in_window(work, WEEK, lo, hi)
    if least is None or least.value >= normal:
        return None
    first, last = max(lo, work.starts[0]), min(hi, work.ends[-1] - WEEK)
    # a run's edges: where the rest meets the normal figure, the instant before its first
    # reduced window and after its last (rest changes by a second a second), or the end
    # of the range it is cut by
    runs = [
        (start - 1 if start > first else start, end + 1 if end < last else end)
        for start, end in _rest.reduced_starts(work, WEEK, normal, first, last)
    ]
    worst: tuple[_rest.Window, int] | None = None
    for number, (start, end) in enumerate(runs):
        excess = end - start - weeks * WEEK
        if excess > 0 and (worst is None or excess > worst[1]):
            worst = (_rest.Window(start, end, end - start), excess)
        if number:
            before = runs[number - 1]
            gap, needed = start - before[1], 2 * (before[1] - before[0])
            if gap < needed and (worst is None or needed - gap > worst[1]):
                worst = (_rest.Window(before[1], start, -gap), needed - gap)
    return worst


@builtin(
    code="REST010",
    name="reduced-weekly-rest-too-long",
    severity=Severity.ERROR,
    summary="The reduced weekly rest of the STCW exception lasted too long, or came back "
    "too soon (profiles that allow it).",
    rationale="STCW Code section A-VIII/1 paragraph 9 lets the 77 hours of rest in any 7 "
    "days fall to 70, for no more than two consecutive weeks, and the interval between "
    "two periods of exception must be at least twice the length of the exception. An "
    "exception runs from the start of the first 7-day window with less than the normal "
    "rest to the start of the last, while every window starting in between has less "
    "too. Checked only when the terms set's rest profile allows the exception, as the "
    "stcw-a-viii-1 profile does (seed C1).",
    source="STCW Code section A-VIII/1 paragraph 9",
    example="BF1's rest was below 77 hours in every 7 days starting from 2021-02-01 06:00 "
    "to 2021-02-18 06:00 (17 days); the reduced weekly rest may last at most 2 weeks",
    fix="Restore the normal weekly rest within two weeks, and keep the next exception "
    "at least twice as far off as the last one lasted.",
    each=WORKING,
)
def reduced_weekly_rest_too_long(person: Person, ctx: Context) -> Iterator[Finding]:
    found = _worst(ctx.facts.hours_on_record(person), _exception_check)
    if found is None:
        return
    window, excess, profile = found
    normal = hours(_seconds(profile.min_rest_7d) or 0)
    if window.value >= 0:
        allowed = window.value - excess
        message = (
            f"{person.id}'s rest was below {normal} in every 7 days starting from "
            f"{_when(window.start)} to {_when(window.end)} ({_days(window.value)}); the "
            f"reduced weekly rest may last at most {_days(allowed)}"
        )
        figures: dict[str, object] = {
            "exception_days": window.value / DAY,
            "limit_days": allowed / DAY,
        }
    else:
        gap, needed = -window.value, -window.value + excess
        message = (
            f"{person.id}'s rest fell below {normal} in 7 days again at "
            f"{_when(window.end)}, {_days(gap)} after the previous exception ended at "
            f"{_when(window.start)}; at least {_days(needed)} (twice the previous "
            "exception) are required"
        )
        figures = {"interval_days": gap / DAY, "limit_days": needed / DAY}
    yield ctx.about_person(person, message, details=_details(window, profile, **figures))


def _days(seconds: int) -> str:
    """``17 days``, ``2 weeks``, ``16.5 days``: a length of time in days."""
    if seconds % WEEK == 0:
        weeks = seconds // WEEK
        return "1 week" if weeks == 1 else f"{weeks} weeks"
    days = seconds / DAY
    text = f"{days:g}" if days * 2 == int(days * 2) else f"{days:.1f}"
    return f"{text} day" if text == "1" else f"{text} days"
