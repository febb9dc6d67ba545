"""The government business (financial) year: 1 April to 31 March, written ``2021/22``."""

from __future__ import annotations

import datetime
import re
from typing import Any

import attrs
import pendulum

from ._base import InvalidValue, doc

__all__ = ["BUSINESS_YEAR_PATTERN", "BusinessYear"]

BUSINESS_YEAR_PATTERN = re.compile(r"(\d{4})/(\d{2})", re.ASCII)
"""How a business year is written: ``2021/22``, in ASCII digits only."""
_EXPECTED = "a business year such as 2021/22"


def _check_year(_instance: Any, _attribute: attrs.Attribute[Any], value: int) -> None:
    if not 1 <= value <= 9998:
        raise InvalidValue("a starting year from 1 to 9998", value, field="start_year")


@attrs.frozen(order=True)
class BusinessYear:
    """A business year, from 1 April to 31 March of the next year.

    ``BusinessYear(2021)`` is written ``2021/22`` and runs from 2021-04-01 to
    2022-03-31 inclusive. Business years order and compare by their start.
    """

    start_year: int = attrs.field(
        validator=_check_year, metadata=doc("Calendar year in which it starts.", "2021")
    )

    @classmethod
    def of(cls, date: pendulum.Date) -> BusinessYear:
        """The business year that contains ``date``."""
        return cls(date.year if date.month >= 4 else date.year - 1)

    @classmethod
    def parse(cls, text: str) -> BusinessYear:
        """Read ``2021/22``. The second part must be the year after the first."""
        match = BUSINESS_YEAR_PATTERN.fullmatch(text)
        if match is None:
            raise InvalidValue(_EXPECTED, text)
        first, second = int(match[1]), int(match[2])
        if (first + 1) % 100 != second:
            raise InvalidValue(
                _EXPECTED,
                text,
                detail=f"the year after {first} is written /{(first + 1) % 100:02d}",
            )
        return cls(first)

    @property
    def start(self) -> pendulum.Date:
        """1 April of the starting year."""
        return pendulum.Date(self.start_year, 4, 1)

    @property
    def end(self) -> pendulum.Date:
        """31 March of the following year (the last day of the business year)."""
        return pendulum.Date(self.start_year + 1, 3, 31)

    def __contains__(self, date: object) -> bool:
        if isinstance(date, datetime.datetime) or not isinstance(date, datetime.date):
            return False
        return self.start <= date <= self.end

    @property
    def next(self) -> BusinessYear:
        """The business year after this one."""
        return BusinessYear(self.start_year + 1)

    @property
    def previous(self) -> BusinessYear:
        """The business year before this one."""
        return BusinessYear(self.start_year - 1)

    def __str__(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"
