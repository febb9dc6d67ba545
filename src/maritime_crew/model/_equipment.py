"""Personal equipment: types with service schedules, and individual items (commitment C6)."""

from __future__ import annotations

import enum

import attrs
import pendulum

from ._base import doc
from ._dates import DateLike, on_day
from ._period import AgeSchedule, Period, completed_years
from ._provenance import Recorded, provenance_last

__all__ = [
    "EquipmentItem",
    "EquipmentType",
    "ItemStatus",
    "ServiceEvent",
    "ServiceResult",
    "ServiceSchedule",
]


@attrs.frozen(field_transformer=provenance_last)
class ServiceSchedule(Recorded):
    """One recurring service or inspection of an equipment type.

    The interval may depend on the item's age, counted from manufacture: a dry suit is
    pressure-tested every 3 years, then every 2 years once it is 10 years old.
    """

    kind: str = attrs.field(metadata=doc("Kind of service or inspection.", "pressure-test"))
    interval: AgeSchedule = attrs.field(
        metadata=doc(
            "Interval between services, possibly by the item's age.",
            '[{ from_age = 0, period = "P3Y" }, { from_age = 10, period = "P2Y" }]',
        )
    )


@attrs.frozen(field_transformer=provenance_last)
class EquipmentType(Recorded):
    """A type of personal equipment: body armour, dry suit, helmet, lifejacket, PLB."""

    id: str = attrs.field(metadata=doc("Unique equipment type id.", "dry-suit"))
    name: str = attrs.field(metadata=doc("Name.", "Dry suit (ISO 15027)"))
    standard: str | None = attrs.field(
        default=None, metadata=doc("Standard or protection level it meets.", "ISO 15027-1")
    )
    sizes: tuple[str, ...] = attrs.field(
        factory=tuple,
        metadata=doc("Sizes it comes in; empty when one size fits all.", '["S", "M", "L", "XL"]'),
    )
    services: tuple[ServiceSchedule, ...] = attrs.field(
        factory=tuple, metadata=doc("Recurring services and inspections.")
    )
    shelf_life: Period | None = attrs.field(
        default=None,
        metadata=doc("Life from the date of manufacture, after which it is withdrawn.", '"P5Y"'),
    )


class ItemStatus(str, enum.Enum):
    """Whether an item is usable."""

    IN_SERVICE = "in-service"
    WITHDRAWN = "withdrawn"
    LOST = "lost"


class ServiceResult(str, enum.Enum):
    """The outcome of a service or inspection."""

    PASS = "pass"
    FAIL = "fail"


@attrs.frozen(field_transformer=provenance_last)
class ServiceEvent(Recorded):
    """A service or inspection carried out on an item."""

    kind: str = attrs.field(
        metadata=doc(
            "Kind of service, exactly as the type's schedule names it (a kind the schedule "
            "does not name counts for nothing, and `DATA002` reports it).",
            "pressure-test",
        )
    )
    date: pendulum.Date = attrs.field(metadata=doc("Date carried out.", "2019-11-04"))
    result: ServiceResult = attrs.field(
        default=ServiceResult.PASS, metadata=doc("Pass or fail.", "pass")
    )
    by: str | None = attrs.field(default=None, metadata=doc("Who carried it out.", "Survitec"))
    notes: str | None = attrs.field(default=None, metadata=doc("Remarks.", "Neck seal replaced."))


@attrs.frozen(field_transformer=provenance_last)
class EquipmentItem(Recorded):
    """One serialised item of equipment, with its service history."""

    id: str = attrs.field(metadata=doc("Unique asset id (usually the serial).", "DS-0001"))
    type: str = attrs.field(metadata=doc("Equipment type id.", "dry-suit"))
    size: str | None = attrs.field(default=None, metadata=doc("Size of this item.", "L"))
    serial: str | None = attrs.field(
        default=None, metadata=doc("Manufacturer's serial number, if not the id.", "SV-88213")
    )
    manufactured: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Date of manufacture.", "2016-02-01")
    )
    expires: pendulum.Date | None = attrs.field(
        default=None,
        metadata=doc(
            "A date marked on the item, e.g. a PLB battery's replace-by date.", "2022-06-30"
        ),
    )
    status: ItemStatus = attrs.field(
        default=ItemStatus.IN_SERVICE, metadata=doc("In service, withdrawn or lost.", "in-service")
    )
    status_date: pendulum.Date | None = attrs.field(
        default=None,
        metadata=doc("Date the item was withdrawn or lost (its status took effect).", "2020-08-14"),
    )
    services: tuple[ServiceEvent, ...] = attrs.field(
        factory=tuple, metadata=doc("Service and inspection history.")
    )

    def age_on(self, date: DateLike) -> int | None:
        """Age in completed years since manufacture, or ``None`` if unknown.

        ``date`` is a date or ISO text, as everywhere a date is asked about.
        """
        if self.manufactured is None:
            return None
        return completed_years(self.manufactured, on_day(date))

    def status_on(self, date: DateLike) -> ItemStatus:
        """The item's status on ``date``: withdrawn or lost only from ``status_date`` on."""
        if self.status is ItemStatus.IN_SERVICE:
            return self.status
        if self.status_date is not None and on_day(date) < self.status_date:
            return ItemStatus.IN_SERVICE
        return self.status
