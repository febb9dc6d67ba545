"""The date itself: has a day come, has it passed, and views some days later or earlier.

These are the questions every other one is built on, and the ones a rule asks when it
compares a record's date with the date of a check. Asked of the view, they are traced:
"has 2021-02-14 passed?" is answered ``False`` up to 2021-02-14 and ``True`` from
2021-02-15, so the answer notes 2021-02-15.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ._core import DatedCore
from ._trace import NEVER, Trace

if TYPE_CHECKING:
    from ._subjects import Subjects

__all__ = ["DateQuestions"]


class DateQuestions(DatedCore):
    """Questions about the view's date itself."""

    def reached(self, day: datetime.date | None) -> bool:
        """True when ``day`` is on or before the view's date (it has come).

        ``None`` (a date not recorded, an end that never comes) is never reached.
        """
        if day is None:
            return False
        ordinal = day.toordinal()
        if ordinal <= self._ordinal:
            return True
        self._note(ordinal)
        return False

    def passed(self, day: datetime.date | None) -> bool:
        """True when ``day`` is before the view's date (it is over).

        ``None`` never passes: an expiry that is not recorded is not over.
        """
        if day is None:
            return False
        ordinal = day.toordinal()
        if ordinal < self._ordinal:
            return True
        self._note(ordinal + 1)
        return False

    def covers(self, first: datetime.date | None, last: datetime.date | None) -> bool:
        """True when the view's date lies from ``first`` to ``last`` (both included).

        ``None`` leaves that end open: no first day, or no last day.
        """
        if first is not None and not self.reached(first):
            return False
        return last is None or not self.passed(last)

    def days_since(self, day: datetime.date) -> int:
        """Whole days from ``day`` to the view's date (negative if ``day`` is later).

        For the wording of a finding and the day counts among its details that the
        timeline does not compare (``days_ago`` and the like): the count changes every
        day, so it is not traced. A rule that decides by a count asks :meth:`reached`
        or :meth:`passed` of the day the count turns, or calls :meth:`every_day`.
        """
        return self._ordinal - day.toordinal()

    def days_until(self, day: datetime.date) -> int:
        """Whole days from the view's date to ``day``; as :meth:`days_since`, not traced."""
        return day.toordinal() - self._ordinal

    def members(self, subjects: Subjects) -> tuple[Any, ...]:
        """The records that are ``subjects`` on the date, in data order.

        See :class:`~maritime_crew.facts.Subjects`; worked out once per date.
        """
        fleet = self.fleet
        tables = [fleet.records(table) for table in subjects.tables]
        return tuple(
            [tables[code >> 32][code & 0xFFFFFFFF] for code in self.member_codes(subjects)]
        )

    def each(self, subjects: Subjects) -> Iterator[Any]:
        """:meth:`members`, one at a time, for running a rule on each.

        The same records in the same order; questions about each person are then
        answered without looking up where the person sits in the fleet.
        """
        store = self._store
        tables = [store.fleet.records(table) for table in subjects.tables]
        people = subjects.tables.index("person") if "person" in subjects.tables else -1
        for code in self.member_codes(subjects):
            table, position = code >> 32, code & 0xFFFFFFFF
            record = tables[table][position]
            if table == people:
                store.last_person = (record, position)
            yield record

    def _memberships(self, subjects: Subjects) -> tuple[int, ...]:
        """Each candidate's code, 1 if a subject on the date (else 0), and until when.

        :meth:`Subjects.includes` for every candidate, each followed on its own: three
        numbers per candidate, the last the first later day on which the answer may
        change. Worked out once per date.
        """
        cache = self._store.dated_memo(self._ordinal, "memberships")
        found: tuple[int, ...] | None = cache.get(subjects)
        if found is not None:
            return found
        from ._facts import Facts

        base: dict[int, tuple[int, int]] | None = None
        if subjects.within is not None:
            rows = self._memberships(subjects.within)
            base = {rows[at]: (rows[at + 1], rows[at + 2]) for at in range(0, len(rows), 3)}
        store, day, test = self._store, self._ordinal, subjects.test
        trace = Trace(day)
        probe: Any = Facts.of(self.fleet).traced(self.date, trace)
        tables = [self.fleet.records(table) for table in subjects.tables]
        people = subjects.tables.index("person") if "person" in subjects.tables else -1
        made: list[int] = []
        for code in subjects.codes(self):
            member, change = 1, NEVER
            if base is not None:
                member, change = base[code]
            if member and test is not None:
                table, position = code >> 32, code & 0xFFFFFFFF
                record = tables[table][position]
                if table == people:
                    store.last_person = (record, position)
                trace.restart(day)
                member = int(test(probe, record))
                change = min(change, trace.next)
            made += (code, member, change)
        kept: tuple[int, ...] = cache.setdefault(subjects, tuple(made))
        return kept

    def member_codes(self, subjects: Subjects) -> tuple[int, ...]:
        """:meth:`members` as whole numbers: each table's index and the position in it."""
        found: tuple[int, ...] = self._answer_row(
            "subjects", subjects, lambda: self._member_codes(subjects)
        )
        return found

    def _member_codes(self, subjects: Subjects) -> tuple[int, ...]:
        codes: Sequence[int]
        if subjects.within is None:
            codes = subjects.codes(self)
        elif subjects.among is None:
            codes = self.member_codes(subjects.within)
        else:  # the members there that ``among`` keeps
            members = set(self.member_codes(subjects.within))
            codes = [code for code in subjects.codes(self) if code in members]
        view: Any = self
        return subjects._keep(view, codes)

    def every_day(self) -> None:
        """Say that what is being worked out depends on the date itself, day by day.

        The timeline then evaluates it again on the next day. For a count that goes
        into a finding's identity, such as the length so far of an open deployment.
        """
        self._trace.every_day()
