"""Hours of work and rest: rest profiles and work-period records (MLC 2006 A2.3)."""

from __future__ import annotations

import datetime

import attrs
import pendulum

from ._base import doc, instant, positive
from ._period import Period
from ._provenance import Recorded, provenance_last

__all__ = [
    "ADULT_AGE",
    "BUILTIN_REST_PROFILES",
    "RestProfile",
    "WorkPeriod",
    "adult_from",
    "for_young_worker",
]


def _hours(text: str) -> Period:
    return Period.parse(text)


def _same_instant(a: pendulum.DateTime | None, b: pendulum.DateTime | None) -> bool:
    if a is None or b is None:
        return a is b
    return instant(a) == instant(b)


@attrs.frozen(field_transformer=provenance_last)
class RestProfile(Recorded):
    """A set of limits on hours of work and rest that a terms set chooses.

    Every limit is optional; an absent limit is not checked. Durations are ISO 8601
    (``PT10H``). Windows such as "any 24 hours" slide: they may start at any instant.
    Four profiles are built in (see :data:`BUILTIN_REST_PROFILES`); a dataset may
    define its own.
    """

    id: str = attrs.field(metadata=doc("Unique profile id.", "mlc-a2.3"))
    name: str = attrs.field(metadata=doc("Name.", "MLC 2006 standard A2.3 (minimum rest)"))
    source: str | None = attrs.field(
        default=None, metadata=doc("Where the figures come from.", "MLC 2006, standard A2.3 §5")
    )
    min_rest_24h: Period | None = attrs.field(
        default=None, metadata=doc("Minimum rest in any 24 hours.", '"PT10H"')
    )
    min_rest_period: Period | None = attrs.field(
        default=None,
        metadata=doc(
            "Shortest break between work that counts as rest: a shorter one counts as work "
            "for every limit (MLC 2006 A2.3 1(b): rest does not include short breaks). "
            "Every break is rest if left out.",
            '"PT1H"',
        ),
    )
    min_rest_7d: Period | None = attrs.field(
        default=None, metadata=doc("Minimum rest in any 7 days.", '"PT77H"')
    )
    max_rest_periods_24h: int | None = attrs.field(
        default=None,
        validator=positive,
        metadata=doc("Most periods the rest in any 24 hours may be divided into.", "2"),
    )
    exception_rest_periods_24h: int | None = attrs.field(
        default=None,
        validator=positive,
        metadata=doc(
            "Most periods the rest in any 24 hours may be divided into as an exception, "
            "in no more than `max_exception_days_7d` 24-hour periods in any 7 days "
            "(STCW A-VIII/1 paragraph 9).",
            "3",
        ),
    )
    max_exception_days_7d: int | None = attrs.field(
        default=None,
        validator=positive,
        metadata=doc(
            "Most separate 24-hour periods in any 7 days whose rest may be divided into "
            "more than `max_rest_periods_24h` periods (STCW A-VIII/1 paragraph 9).",
            "2",
        ),
    )
    min_longest_rest_24h: Period | None = attrs.field(
        default=None,
        metadata=doc("Length the longest rest period in any 24 hours must reach.", '"PT6H"'),
    )
    min_daily_rest: Period | None = attrs.field(
        default=None,
        metadata=doc(
            "Consecutive rest the 24 hours from the start of each stretch of work must hold "
            "(WTR 1998 reg. 10).",
            '"PT11H"',
        ),
    )
    min_longest_rest_7d: Period | None = attrs.field(
        default=None,
        metadata=doc("Length the longest rest period in any 7 days must reach.", '"PT24H"'),
    )
    min_weekly_rest: Period | None = attrs.field(
        default=None,
        metadata=doc(
            "Uninterrupted rest each reference period of 7 days must hold, "
            "besides the daily rest (WTR 1998 reg. 11(1), (7)).",
            '"PT24H"',
        ),
    )
    weekly_rest_fortnightly: bool | None = attrs.field(
        default=None,
        metadata=doc(
            "True where the employer has determined that the weekly rest is two rests of "
            "`min_weekly_rest`, or one of twice it, in each 14 days (WTR 1998 reg. 11(2)).",
            "true",
        ),
    )
    weekly_rest_from: pendulum.DateTime | None = attrs.field(
        default=None,
        eq=attrs.cmp_using(eq=_same_instant),
        metadata=doc(
            "When a reference period of the weekly rest begins, as a relevant agreement "
            "sets it; the others follow every 7 (or 14) days at the same local "
            "time. Monday 00:00 (UK time) of the week of 1 January 2001 if left out "
            "(WTR 1998 reg. 11(6)).",
            "2021-01-02T18:00:00",
        ),
    )
    weekly_rest_includes_daily_rest: bool | None = attrs.field(
        default=None,
        metadata=doc(
            "True where objective reasons let the weekly rest include the daily rest "
            "(WTR 1998 reg. 11(7)); otherwise a weekly rest must also hold "
            "`min_daily_rest`.",
            "true",
        ),
    )
    max_interval_between_rests: Period | None = attrs.field(
        default=None,
        metadata=doc("Longest time allowed between consecutive rest periods.", '"PT14H"'),
    )
    max_work_24h: Period | None = attrs.field(
        default=None, metadata=doc("Maximum work in any 24 hours.", '"PT14H"')
    )
    max_work_7d: Period | None = attrs.field(
        default=None, metadata=doc("Maximum work in any 7 days.", '"PT72H"')
    )
    reduced_min_rest_7d: Period | None = attrs.field(
        default=None,
        metadata=doc("Reduced weekly rest allowed as an exception (STCW A-VIII/1).", '"PT70H"'),
    )
    max_consecutive_reduced_weeks: int | None = attrs.field(
        default=None,
        validator=positive,
        metadata=doc("Most consecutive weeks the reduced weekly rest may apply.", "2"),
    )
    max_work_per_day: Period | None = attrs.field(
        default=None,
        metadata=doc(
            "Most work in each day, midnight to midnight UK time (WTR 1998 reg. 5A, set "
            "for workers under 18).",
            '"PT8H"',
        ),
    )
    max_work_per_week: Period | None = attrs.field(
        default=None,
        metadata=doc(
            "Most work in each week from Monday 00:00 UK time (WTR 1998 reg. 5A, set for "
            "workers under 18).",
            '"PT40H"',
        ),
    )
    max_average_work_week: Period | None = attrs.field(
        default=None,
        metadata=doc("Maximum average weekly working time (WTR 1998 reg. 4).", '"PT48H"'),
    )
    averaging_weeks: int | None = attrs.field(
        default=None,
        validator=positive,
        metadata=doc("Reference period for the weekly average, in weeks.", "17"),
    )


BUILTIN_REST_PROFILES: dict[str, RestProfile] = {
    profile.id: profile
    for profile in (
        RestProfile(
            id="mlc-a2.3",
            name="MLC 2006 standard A2.3: minimum hours of rest",
            source="Maritime Labour Convention 2006, standard A2.3, paragraphs 5(b) and 6",
            min_rest_24h=_hours("PT10H"),
            min_rest_period=_hours("PT1H"),
            min_rest_7d=_hours("PT77H"),
            max_rest_periods_24h=2,
            min_longest_rest_24h=_hours("PT6H"),
            max_interval_between_rests=_hours("PT14H"),
        ),
        RestProfile(
            id="mlc-a2.3-work",
            name="MLC 2006 standard A2.3: maximum hours of work",
            source="Maritime Labour Convention 2006, standard A2.3, paragraph 5(a)",
            min_rest_period=_hours("PT1H"),
            max_work_24h=_hours("PT14H"),
            max_work_7d=_hours("PT72H"),
        ),
        RestProfile(
            id="stcw-a-viii-1",
            name="STCW Code A-VIII/1 with its permitted exceptions",
            source="STCW Code, section A-VIII/1, paragraphs 2 to 5 and 9",
            min_rest_24h=_hours("PT10H"),
            min_rest_period=_hours("PT1H"),
            min_rest_7d=_hours("PT77H"),
            max_rest_periods_24h=2,
            exception_rest_periods_24h=3,
            max_exception_days_7d=2,
            min_longest_rest_24h=_hours("PT6H"),
            max_interval_between_rests=_hours("PT14H"),
            reduced_min_rest_7d=_hours("PT70H"),
            max_consecutive_reduced_weeks=2,
        ),
        RestProfile(
            id="wtr-1998",
            name="Working Time Regulations 1998",
            source="Working Time Regulations 1998 (SI 1998/1833), regulations 4, 10 and 11",
            min_daily_rest=_hours("PT11H"),
            min_weekly_rest=_hours("PT24H"),
            max_average_work_week=_hours("PT48H"),
            averaging_weeks=17,
        ),
    )
}
"""The rest profiles every dataset can name without defining them."""


ADULT_AGE = 18
"""From this age the limits for young people no longer apply (MLC 2006 A1.1; WTR reg. 2)."""

_YOUNG_DAILY_REST = Period.parse("PT12H")
_YOUNG_WEEKLY_REST = Period.parse("PT48H")
_YOUNG_DAY = Period.parse("PT8H")
_YOUNG_WEEK = Period.parse("PT40H")


def adult_from(born: datetime.date) -> pendulum.Date:
    """The 18th birthday: the first day on which someone born on ``born`` is an adult.

    Born on 29 February, on 1 March, as for ages in UK law.
    """
    year = born.year + ADULT_AGE
    try:
        return pendulum.Date(year, born.month, born.day)
    except ValueError:
        return pendulum.Date(year, 3, 1)


def for_young_worker(profile: RestProfile) -> RestProfile:
    """``profile`` with the limits for a worker under 18, wherever they are stricter.

    Working Time Regulations 1998, where the profile sets a daily rest (a WTR profile):
    regulation 5A, at most 8 hours' work a day and 40 a week; regulation 10(2), a young
    worker's daily rest is 12 consecutive hours; regulation 11(3), 48 hours' weekly rest
    in each 7 days, with no 14-day alternative and no exclusion of the daily rest, which
    regulation 11(2) and (7) make for adult workers only (where the profile sets a
    weekly rest). Night work under 18 (MLC 2006 standard A1.1 paragraph 2) is
    checked whatever the profile (REST014). A profile that needs no change is returned
    as it is.
    """
    changes: dict[str, object] = {}
    if profile.min_daily_rest is not None:
        if _longer(_YOUNG_DAILY_REST, profile.min_daily_rest):
            changes["min_daily_rest"] = _YOUNG_DAILY_REST
        for name, most in (("max_work_per_day", _YOUNG_DAY), ("max_work_per_week", _YOUNG_WEEK)):
            current = getattr(profile, name)
            if current is None or _longer(current, most):
                changes[name] = most
    if profile.min_weekly_rest is not None:
        if _longer(_YOUNG_WEEKLY_REST, profile.min_weekly_rest):
            changes["min_weekly_rest"] = _YOUNG_WEEKLY_REST
        changes["weekly_rest_fortnightly"] = None
        changes["weekly_rest_includes_daily_rest"] = True
    if not changes:
        return profile
    return attrs.evolve(
        profile,
        id=f"{profile.id}/under-18",
        name=f"{profile.name}, for a worker under 18",
        source="; ".join(
            part
            for part in (
                profile.source,
                "Working Time Regulations 1998, regulations 10(2) and 11(3)",
            )
            if part
        ),
        **changes,  # type: ignore[arg-type]
    )


def _longer(a: Period, b: Period) -> bool:
    return a.as_timedelta() > b.as_timedelta()


@attrs.frozen
class WorkPeriod:
    """A period of work by one person, from one moment to another.

    Moments carry an offset or zone. A local time without an offset is read as
    Europe/London time; a local time that does not exist or occurs twice at a clock
    change is a load error, because it cannot be placed without a guess. Work periods
    compare equal when their moments are the same instants, whatever the zones.
    """

    person: str = attrs.field(metadata=doc("Staff number.", "BF1003"))
    start: pendulum.DateTime = attrs.field(
        eq=instant, metadata=doc("When work started.", "2021-02-01T06:00:00Z")
    )
    end: pendulum.DateTime = attrs.field(
        eq=instant, metadata=doc("When work ended.", "2021-02-01T12:00:00Z")
    )
    vessel: str | None = attrs.field(
        default=None, metadata=doc("Vessel id, if aboard.", "vigilant")
    )
