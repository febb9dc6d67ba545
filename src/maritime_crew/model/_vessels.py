"""Vessels, their crews and deployments (the source of sea time)."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from ._base import InvalidValue, doc, non_negative
from ._entries import PLAIN_OR_TABLE, held_always, plain_entries
from ._provenance import Recorded, provenance_last

__all__ = [
    "Crew",
    "Deployment",
    "RoleCount",
    "StatusSpell",
    "Vessel",
    "VesselStatus",
    "VesselType",
]


class VesselType(str, enum.Enum):
    """The class of vessel."""

    CUTTER = "cutter"
    """An ocean-going patrol vessel (about 42 m; HMC Protector is 49.5 m)."""
    CPV = "cpv"
    """A coastal patrol vessel (about 20 m)."""


class VesselStatus(str, enum.Enum):
    """What a vessel is doing: only an operational vessel is manned and sails."""

    OPERATIONAL = "operational"
    """In service: manned, and sails on deployments."""
    MAINTENANCE = "maintenance"
    """Alongside for planned maintenance: crewed, not counted for manning; it may go to
    sea for trials."""
    REFIT = "refit"
    """In refit (dockyard): not manned, not deployed."""
    LAID_UP = "laid-up"
    """Laid up: not manned, not deployed."""
    DECOMMISSIONED = "decommissioned"
    """Out of service for good."""

    @property
    def operational(self) -> bool:
        """True when the vessel is manned and may sail."""
        return self is VesselStatus.OPERATIONAL

    @property
    def deployable(self) -> bool:
        """True unless in refit, laid up or decommissioned.

        A vessel in maintenance may still go to sea (for trials), so a deployment then
        is not a finding.
        """
        return self in (VesselStatus.OPERATIONAL, VesselStatus.MAINTENANCE)


@attrs.frozen(field_transformer=provenance_last)
class StatusSpell(Recorded):
    """A vessel's status from a date to a date (both included).

    Written as a plain status (``"laid-up"``) it holds on every day; as a table it
    carries its dates: ``{ status = "refit", start = 2020-01-06, end = 2020-03-27 }``.
    """

    status: VesselStatus = attrs.field(metadata=doc("The status.", "refit"))
    start: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("First day; absent: from the start.", "2020-01-06")
    )
    end: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Last day; absent: open-ended.", "2020-03-27")
    )

    @property
    def undated(self) -> bool:
        """True for a status on every day with nothing else recorded: a plain status."""
        return held_always(self)


def _status_spells(values: tuple[StatusSpell | str, ...]) -> tuple[StatusSpell, ...]:
    return plain_entries(values, lambda status: StatusSpell(VesselStatus(status)))


@attrs.frozen(field_transformer=provenance_last)
class RoleCount(Recorded):
    """How many people holding a duty role a vessel needs aboard."""

    role: str = attrs.field(metadata=doc("Duty role id.", "boarding-officer"))
    count: int = attrs.field(
        validator=non_negative, metadata=doc("Number of people required in that role.", "2")
    )


@attrs.frozen(field_transformer=provenance_last)
class Vessel(Recorded):
    """A cutter or coastal patrol vessel of the fleet."""

    id: str = attrs.field(metadata=doc("Unique vessel id.", "searcher"))
    name: str = attrs.field(metadata=doc("Vessel name.", "HMC Searcher"))
    type: VesselType = attrs.field(metadata=doc("Vessel type.", "cutter"))
    home_port: str | None = attrs.field(default=None, metadata=doc("Home port.", "Portsmouth"))
    class_name: str | None = attrs.field(
        default=None, metadata=doc("Design or class of the vessel.", "Damen Stan Patrol 4207")
    )
    length_m: Decimal | None = attrs.field(
        default=None, metadata=doc("Length overall in metres.", "42.0")
    )
    crew_size: int | None = attrs.field(
        default=None,
        validator=non_negative,
        metadata=doc("Number of people a full crew has aboard.", "12"),
    )
    complement: tuple[RoleCount, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "Required complement: how many people holding each duty role must be aboard. "
            "One person may fill several duty roles.",
            '[{ role = "commander", count = 1 }, { role = "boarding-officer", count = 2 }]',
        ),
    )
    status: tuple[StatusSpell, ...] = attrs.field(
        factory=tuple,
        converter=_status_spells,
        metadata=doc(
            "The vessel's status over time: plain statuses or dated tables. A day no entry "
            "covers is operational; of two entries on a day, the later listed holds.",
            '[{ status = "refit", start = 2020-01-06, end = 2020-03-27 }]',
        ),
    )

    def required(self, role: str) -> int:
        """How many people in ``role`` the complement requires (0 if not listed)."""
        return sum(entry.count for entry in self.complement if entry.role == role)


@attrs.frozen(field_transformer=provenance_last)
class Crew(Recorded):
    """A named rotation team, such as "Vigilant A", assigned to a vessel."""

    id: str = attrs.field(metadata=doc("Unique crew id.", "vigilant-a"))
    name: str = attrs.field(metadata=doc("Crew name.", "Vigilant A"))
    vessel: str | None = attrs.field(
        default=None, metadata=doc("Id of the vessel the crew is assigned to.", "vigilant")
    )


def _one_of_person_or_crew(instance: Deployment, _attribute: Any, _value: Any) -> None:
    if (instance.person is None) == (instance.crew is None):
        raise InvalidValue(
            "either `person` or `crew`",
            "both" if instance.person is not None else "neither",
            detail="a deployment is of one person or of one whole crew",
            found_words=True,
        )


@attrs.frozen(field_transformer=provenance_last)
class Deployment(Recorded):
    """A person or a whole crew aboard a vessel from one date to another (inclusive).

    Deployments are the source of sea time. A deployment whose dates lie after the
    date of a question is a planned deployment.
    """

    id: str = attrs.field(metadata=doc("Unique deployment id.", "dep-0001"))
    vessel: str = attrs.field(metadata=doc("Id of the vessel.", "vigilant"))
    start: pendulum.Date = attrs.field(metadata=doc("First day aboard.", "2020-04-01"))
    end: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Last day aboard; absent while still aboard.", "2020-04-14")
    )
    person: str | None = attrs.field(
        default=None,
        validator=_one_of_person_or_crew,
        metadata=doc("Id of the person deployed (give this or `crew`).", "BF1003"),
    )
    crew: str | None = attrs.field(
        default=None, metadata=doc("Id of the crew deployed (give this or `person`).", "vigilant-a")
    )
    absent: tuple[str, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "For a crew deployment: members of the crew who did not sail (staff numbers).",
            '["BF1010"]',
        ),
    )
    cover: tuple[str, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "For a crew deployment: people from elsewhere who sailed with the crew as cover.",
            '["BF1022"]',
        ),
    )


PLAIN_OR_TABLE[StatusSpell] = "status"
