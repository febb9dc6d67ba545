"""Calendar periods (ISO 8601 durations) and periods that depend on age."""

from __future__ import annotations

import datetime
import itertools
import re
from typing import Any

import attrs
import pendulum

from ._base import InvalidValue, doc, non_negative
from ._dates import shift, shift_ordinal

__all__ = ["PERIOD_PATTERN", "AgeBand", "AgeSchedule", "Period", "completed_years"]

PERIOD_PATTERN = re.compile(
    r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?",
    re.ASCII,
)
"""How a period is written: an ISO 8601 duration such as ``P5Y`` or ``PT10H``.

Its digits are ASCII digits only (``re.ASCII``): ``P\u0661\u0662D`` (Arabic-Indic
digits) is not a period."""
_EXPECTED = "a period such as P5Y, P12M, P90D or PT10H (ISO 8601 duration)"

LONGEST_PERIOD_YEARS = 100
"""The longest period, in years (a period of months, weeks, days or hours as long)."""


@attrs.frozen
class Period:
    """A calendar period such as "5 years" or "12 months", written ``P5Y`` or ``P12M``.

    Periods keep their units: ``P1Y`` and ``P365D`` are different periods, because
    adding one year to 29 February is not the same as adding 365 days. They are applied
    to dates with calendar arithmetic (``pendulum``'s ``add``): one month after 31
    January is the last day of February, one year after 29 February is 28 February.

    Weeks cannot be combined with other units, as in ISO 8601. All parts are whole
    numbers of zero or more, and a period is at most 100 years long: far beyond any
    validity or interval, and short enough that no date of a dataset (1800 to 2999)
    moved by a period leaves the calendar.
    """

    years: int = attrs.field(default=0, validator=non_negative, metadata=doc("Years."))
    months: int = attrs.field(default=0, validator=non_negative, metadata=doc("Months."))
    weeks: int = attrs.field(default=0, validator=non_negative, metadata=doc("Weeks."))
    days: int = attrs.field(default=0, validator=non_negative, metadata=doc("Days."))
    hours: int = attrs.field(default=0, validator=non_negative, metadata=doc("Hours."))
    minutes: int = attrs.field(default=0, validator=non_negative, metadata=doc("Minutes."))
    seconds: int = attrs.field(default=0, validator=non_negative, metadata=doc("Seconds."))

    def __attrs_post_init__(self) -> None:
        others = (self.years, self.months, self.days, self.hours, self.minutes, self.seconds)
        if self.weeks and any(others):
            raise InvalidValue(
                "a period in weeks alone, or without weeks",
                str(self),
                detail="ISO 8601 does not combine weeks with other units",
            )
        months = self.years * 12 + self.months
        hours = self.hours + self.minutes / 60 + self.seconds / 3600
        days = months / 12 * 365.25 + self.weeks * 7 + self.days + hours / 24
        if days > LONGEST_PERIOD_YEARS * 365.25:
            raise InvalidValue(f"a period of at most {LONGEST_PERIOD_YEARS} years", str(self))

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read an ISO 8601 duration such as ``P5Y``, ``P1Y6M``, ``P2W`` or ``PT10H``.

        Units are kept as written: ``P14D`` stays 14 days and ``PT36H`` stays 36 hours
        (pendulum's own parser would fold them into weeks and days). Raises
        :class:`~maritime_crew.model.InvalidValue` with a plain-words reason for anything
        else, including fractions, negative periods and an empty ``P``.
        """
        match = PERIOD_PATTERN.fullmatch(text)
        if match is None or not any(match.groups()):
            detail = None
            if "." in text or "," in text:
                detail = "fractions are not allowed; use a smaller unit, e.g. PT90M for 1.5 hours"
            elif text.startswith("-"):
                detail = "periods cannot be negative"
            raise InvalidValue(_EXPECTED, text, detail=detail)
        years, months, weeks, days, hours, minutes, seconds = (
            int(part) if part else 0 for part in match.groups()
        )
        return cls(years, months, weeks, days, hours, minutes, seconds)

    def __str__(self) -> str:
        date_part = "".join(
            f"{value}{unit}"
            for value, unit in (
                (self.years, "Y"),
                (self.months, "M"),
                (self.weeks, "W"),
                (self.days, "D"),
            )
            if value
        )
        time_part = "".join(
            f"{value}{unit}"
            for value, unit in ((self.hours, "H"), (self.minutes, "M"), (self.seconds, "S"))
            if value
        )
        if not date_part and not time_part:
            return "P0D"
        return "P" + date_part + ("T" + time_part if time_part else "")

    def in_words(self) -> str:
        """The period in words, for messages: ``3 months``, ``1 year and 6 months``."""
        parts = [
            f"{value} {unit}" if value == 1 else f"{value} {unit}s"
            for value, unit in (
                (self.years, "year"),
                (self.months, "month"),
                (self.weeks, "week"),
                (self.days, "day"),
                (self.hours, "hour"),
                (self.minutes, "minute"),
                (self.seconds, "second"),
            )
            if value
        ]
        if not parts:
            return "0 days"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

    @property
    def is_calendar(self) -> bool:
        """True when the period has years or months, whose length in days varies."""
        return bool(self.years or self.months)

    def after(self, date: pendulum.Date) -> pendulum.Date:
        """The date this period after ``date`` (time parts are ignored).

        Calendar arithmetic as pendulum's ``add``: years and months first, the day kept
        or clamped to the month's last day, then weeks and days.
        """
        return shift(date, self.years * 12 + self.months, self.weeks * 7 + self.days)

    def after_ordinal(self, date: datetime.date) -> int:
        """The ordinal of :meth:`after`, without making the date: for sums of many dates."""
        return shift_ordinal(date, self.years * 12 + self.months, self.weeks * 7 + self.days)

    def before(self, date: pendulum.Date) -> pendulum.Date:
        """The date this period before ``date`` (time parts are ignored)."""
        return shift(date, -(self.years * 12 + self.months), -(self.weeks * 7 + self.days))

    def as_timedelta(self) -> datetime.timedelta:
        """The period as elapsed time, for limits such as "10 hours in any 24 hours".

        A day counts as 24 hours of elapsed time. Periods with years or months have no
        fixed length and raise :class:`ValueError`.
        """
        if self.is_calendar:
            raise ValueError(f"{self} has no fixed length in hours")
        return datetime.timedelta(
            weeks=self.weeks,
            days=self.days,
            hours=self.hours,
            minutes=self.minutes,
            seconds=self.seconds,
        )


def _approximate_days(period: Period) -> float:
    # Only used to rank periods; exact lengths depend on the start date.
    hours = period.hours + period.minutes / 60 + period.seconds / 3600
    return (period.years * 12 + period.months) * 30.44 + period.weeks * 7 + period.days + hours / 24


def _check_bands(_instance: Any, _attribute: attrs.Attribute[Any], bands: tuple[Any, ...]) -> None:
    if not bands:
        raise InvalidValue("at least one age band", "an empty list", field="bands")
    ages = [band.from_age for band in bands]
    if ages[0] != 0:
        raise InvalidValue(
            "age bands starting with from_age = 0",
            ages[0],
            detail="the first band covers every age up to the next band",
        )
    if any(later <= earlier for earlier, later in itertools.pairwise(ages)):
        raise InvalidValue("age bands in increasing order of from_age", ages)


@attrs.frozen
class AgeBand:
    """One band of an :class:`AgeSchedule`: the period that applies from an age on."""

    period: Period = attrs.field(metadata=doc("The period that applies in this band.", "P2Y"))
    from_age: int = attrs.field(
        default=0,
        validator=non_negative,
        metadata=doc(
            "Age in completed years from which this band applies (0 for the first band).",
            "18",
        ),
    )


@attrs.frozen
class AgeSchedule:
    """A period that may depend on age: of a person (validity) or of an item (servicing).

    Most schedules are a single period (written ``"P5Y"``). Some depend on age, such as
    an ENG1 medical (1 year under 18, 2 years from 18) or a dry suit's pressure test
    (every 3 years, every 2 years once the suit is 10 or older). Those are written as a
    list of bands::

        validity = [{ from_age = 0, period = "P1Y" }, { from_age = 18, period = "P2Y" }]

    Age is counted in completed years, so a band with ``from_age = 10`` applies from
    the tenth birthday (or tenth anniversary of manufacture) on.
    """

    bands: tuple[AgeBand, ...] = attrs.field(
        validator=_check_bands, metadata=doc("Age bands in increasing order of `from_age`.")
    )

    @classmethod
    def fixed(cls, period: Period | str) -> AgeSchedule:
        """A schedule with the same period at every age."""
        if isinstance(period, str):
            period = Period.parse(period)
        return cls((AgeBand(period),))

    @property
    def is_fixed(self) -> bool:
        """True when the period does not depend on age."""
        return len(self.bands) == 1

    def for_age(self, age: int | None) -> Period:
        """The period that applies at ``age`` (in completed years).

        When the age is unknown (``None``), the shortest period of any band applies, so
        a missing date of birth or manufacture never makes something look valid for
        longer than it may be.
        """
        if age is None:
            return min((band.period for band in self.bands), key=_approximate_days)
        chosen = self.bands[0].period
        for band in self.bands:
            if age >= band.from_age:
                chosen = band.period
        return chosen

    def __str__(self) -> str:
        if self.is_fixed:
            return str(self.bands[0].period)
        return ", ".join(f"{band.period} from age {band.from_age}" for band in self.bands)


def completed_years(start: datetime.date, date: datetime.date) -> int:
    """Whole years from ``start`` to ``date``.

    An anniversary of 29 February falls on 1 March in other years, as for ages in UK law.
    """
    years = date.year - start.year
    if (date.month, date.day) < (start.month, start.day):
        years -= 1
    return years
