"""Kit: who holds which item on a date, and whether the item is in service then.

A person holds an item from the day it is issued up to the day before it is returned
(an item handed back and issued again on the same day has one holder that day: the
new one). An item is withdrawn or lost from its ``status_date`` on; with no date, it
always was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from ..model import EquipmentItem, Issue, ItemStatus, Person
from ._core import Core
from ._dates import DateQuestions
from ._trace import NEVER

__all__ = ["HeldItem", "KitFacts", "KitQuestions"]


@attrs.frozen
class HeldItem:
    """An item a person holds on a date, with the ledger entry that issued it."""

    item: EquipmentItem
    issue: Issue
    position: int
    """Index of the entry in the person's ``issues``."""


_SHORT_LEDGER = 4 * 16
"""The most numbers a ledger grows by concatenation (16 entries); longer ones by a list."""


class KitFacts(Core):
    """The kit ledger, the same on every date."""

    def ledger(self, item_id: str) -> tuple[tuple[Person, Issue], ...]:
        """Every ledger entry for an item, with the person it was issued to, in data order."""
        people = self._store.people
        ledger = self._ledgers().get(item_id, ())
        return tuple(
            [
                (people[ledger[at]], people[ledger[at]].issues[ledger[at + 1]])
                for at in range(0, len(ledger), 4)
            ]
        )

    def _ledgers(self) -> dict[str, tuple[int, ...]]:
        """Each item id's ledger, made in one pass over everyone's issues.

        Per entry, four numbers: the holder's position in ``fleet.people``, the entry's
        position in their ``issues``, the first day held and the day returned
        (:data:`NEVER` if not yet), in data order.
        """
        cache = self._memo("ledgers")
        found: dict[str, tuple[int, ...]] | None = cache.get("all")
        if found is None:
            # A tuple per item, grown by concatenation (most items have one entry): whole
            # numbers only, which the garbage collector stops tracking at its first look,
            # where a list per item would reach its oldest generation.
            # (An item with many entries collects them in a list instead, so that no
            # ledger costs more than linear time.)
            ledgers: dict[str, tuple[int, ...]] = {}
            long: dict[str, list[int]] = {}
            for position, person in enumerate(self._store.people):
                for entry, issue in enumerate(person.issues):
                    returned = issue.returned
                    row = (
                        position,
                        entry,
                        issue.issued.toordinal(),
                        returned.toordinal() if returned is not None else NEVER,
                    )
                    item = issue.item
                    known = ledgers.get(item)
                    if known is None:
                        ledgers[item] = row
                    elif len(known) < _SHORT_LEDGER:
                        ledgers[item] = known + row
                    else:
                        long.setdefault(item, list(known)).extend(row)
            ledgers.update((item, tuple(entries)) for item, entries in long.items())
            found = cache.setdefault("all", ledgers)
        return found


class KitQuestions(KitFacts, DateQuestions):
    """Who holds what on the view's date."""

    def holding(self, issue: Issue) -> bool:
        """True when the ledger entry is open on the date: issued, and not yet returned."""
        return self.reached(issue.issued) and not self.reached(issue.returned)

    def item_status(self, item: EquipmentItem) -> ItemStatus:
        """The item's status on the date: withdrawn or lost only from ``status_date`` on."""
        status = item.status
        if status is ItemStatus.IN_SERVICE or item.status_date is None:
            return status
        since = item.status_date.toordinal()
        if since > self._ordinal:
            self._note(since)
            return ItemStatus.IN_SERVICE
        return status

    def in_use(self, item: EquipmentItem) -> bool:
        """True when the item is in service on the date (not withdrawn or lost yet)."""
        return self.item_status(item) is ItemStatus.IN_SERVICE

    def _in_use_codes(self, positions: Sequence[int]) -> tuple[int, ...]:
        """Of these positions in ``fleet.equipment_items``, those of items in use on the date.

        :meth:`in_use` for many items at once, noting the same days.
        """
        withdrawn = self._withdrawal_days()
        day = self._ordinal
        change = NEVER
        kept = []
        for position in positions:
            since = withdrawn[position]
            if day < since:
                kept.append(position)
                if since < change:
                    change = since
        self._note(change)
        return tuple(kept)

    def _withdrawal_days(self) -> tuple[int, ...]:
        """Each item's first day out of service as an ordinal (:data:`NEVER` if in service)."""
        cache = self._memo("withdrawal-days")
        found: tuple[int, ...] | None = cache.get("all")
        if found is None:
            in_service = ItemStatus.IN_SERVICE
            found = cache.setdefault(
                "all",
                tuple(
                    [
                        NEVER
                        if item.status is in_service
                        else item.status_date.toordinal()
                        if item.status_date is not None
                        else 0
                        for item in self.fleet.equipment_items
                    ]
                ),
            )
        return found

    def _issued_codes(self, positions: Sequence[int]) -> tuple[int, ...]:
        """Of these positions in ``fleet.equipment_items``, those of items someone holds.

        Whether :meth:`holders` is empty, for many items at once, noting the same days.
        """
        items = self.fleet.equipment_items
        ledgers = self._ledgers()
        day = self._ordinal
        change = NEVER
        kept = []
        for position in positions:
            ledger = ledgers.get(items[position].id)
            if ledger is None:
                continue
            holding = False
            for at in range(2, len(ledger), 4):
                issued = ledger[at]
                if issued > day:
                    if issued < change:
                        change = issued
                elif day < ledger[at + 1]:
                    holding = True
                    if ledger[at + 1] < change:
                        change = ledger[at + 1]
            if holding:
                kept.append(position)
        self._note(change)
        return tuple(kept)

    # Kit is asked about for every person and item on every date, so what is kept of it
    # is flat tuples of whole numbers: nothing for the garbage collector to trace (a
    # fleet of 10,000 people has some 29,000 items, and a tuple of tuples is traced
    # until a collection has looked at the inner ones).

    def holders(self, item_id: str) -> tuple[Person, ...]:
        """Who holds the item on the date (more than one person is a data problem).

        Worked out once per item and date: placing a finding about an item asks it too.
        """
        cache = self._spans("holders")
        found = self._held_answer(cache, item_id)  # (first, until, holder, holder...)
        if found is None:
            day = self._ordinal
            change = NEVER
            holding = []
            ledger = self._ledgers().get(item_id, ())
            for at in range(0, len(ledger), 4):
                issued = ledger[at + 2]
                if issued > day:
                    change = min(change, issued)
                elif day < ledger[at + 3]:
                    holding.append(ledger[at])
                    change = min(change, ledger[at + 3])
            found = cache[item_id] = (day, change, *holding)
            self._note(change)
        people = self._store.people
        return tuple([people[found[at]] for at in range(2, len(found))])

    def items_held(self, person: Person) -> tuple[HeldItem, ...]:
        """The items on the person's own ledger that they hold on the date.

        Entries for an item id the fleet does not have are left out (DATA002 reports
        them). The person's own record is read, so two people who share a staff number
        each see their own kit. Worked out once per person and date.
        """
        items = self.fleet.equipment_items
        found = self._open_entries(person, self._person_slot(person))
        return tuple(
            [
                HeldItem(items[found[at]], person.issues[found[at + 1]], found[at + 1])
                for at in range(2, len(found), 2)
            ]
        )

    def _open_entries(self, person: Person, slot: int | None) -> tuple[int, ...]:
        """The entries open on the date, as kept (see :meth:`_spans`).

        The days the answer holds for, then for each entry the item's position and the
        entry's position.
        """
        cache = self._spans("items-held") if slot is not None else None
        found = self._held_answer(cache, slot) if cache is not None else None
        if found is None:
            day = self._ordinal
            change = NEVER
            held: list[int] = []
            ledger = self._own_ledger(person, slot)
            for at in range(0, len(ledger), 4):
                issued, returned = ledger[at], ledger[at + 1]
                if issued > day:
                    change = min(change, issued)
                elif day < returned:
                    change = min(change, returned)
                    held += (ledger[at + 2], ledger[at + 3])
            found = (day, change, *held)
            if cache is not None:
                cache[slot] = found
            self._note(change)
        return found

    def _first_items(self) -> Mapping[str, int]:
        """The position in ``fleet.equipment_items`` of the first item with each id."""
        return self.fleet.first_positions("equipment_item")

    def _own_ledger(self, person: Person, slot: int | None) -> tuple[int, ...]:
        """The person's ledger entries for known items, made once per person.

        Per entry, four numbers: the first day held, the day returned (:data:`NEVER` if
        not yet), the item's position in ``fleet.equipment_items`` and the entry's
        position.
        """
        cache = self._memo("own-ledger") if slot is not None else {}
        found: tuple[int, ...] | None = cache.get(slot)
        if found is None:
            first = self._first_items()
            entries: list[int] = []
            for position, issue in enumerate(person.issues):
                item = first.get(issue.item)
                if item is not None:
                    returned = issue.returned
                    entries += (
                        issue.issued.toordinal(),
                        returned.toordinal() if returned is not None else NEVER,
                        item,
                        position,
                    )
            found = tuple(entries)
            if slot is not None:
                found = cache.setdefault(slot, found)
        return found

    def usable_kit(self, person: Person) -> tuple[str, ...]:
        """The equipment types of which the person holds an item in service on the date.

        Sorted; worked out once per person and date: every role's kit list is checked
        against it.
        """
        slot = self._person_slot(person)
        cache = self._spans("usable-kit") if slot is not None else None
        found = self._held_answer(cache, slot) if cache is not None else None
        if found is None:  # kept as (first, until, type, type...)
            usable, change = self._capture(lambda: self._usable(person, slot))
            found = (self._ordinal, change, *usable)
            if cache is not None:
                cache[slot] = found
        return found[2:]

    def _usable(self, person: Person, slot: int | None) -> tuple[str, ...]:
        items = self.fleet.equipment_items
        in_service = ItemStatus.IN_SERVICE
        held = self._open_entries(person, slot)
        usable = {
            items[held[at]].type
            for at in range(2, len(held), 2)
            if self.item_status(items[held[at]]) is in_service
        }
        return tuple(sorted(usable))
