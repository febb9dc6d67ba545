"""A small deck pathway and fleets around it, for the pathway tests."""

from __future__ import annotations

from typing import Any

import pendulum

import maritime_crew as mc
from tests.rules.builders import D, certificate_type, course, fleet, person

RATING = mc.model.Grade(id="rating", name="Rating")
LEADING = mc.model.Grade(
    id="leading-hand",
    name="Leading hand",
    certificates=("eng1",),
    sea_time_days=30,
    months_in_previous_grade=12,
)
OOW = mc.model.Grade(
    id="oow",
    name="Officer of the watch",
    certificates=("eng1", "coc-oow"),
    courses=("leadership",),
    sea_time_days=365,
    months_in_previous_grade=12,
)
DECK = mc.model.Pathway(
    id="deck", name="Deck", discipline=mc.model.Discipline.DECK, grades=(RATING, LEADING, OOW)
)
ENG_RATING = mc.model.Grade(
    id="eng-rating", name="Engine rating", certificates=("eng1", "eng-cert")
)
ENGINEERING = mc.model.Pathway(
    id="engineering",
    name="Engineering",
    discipline=mc.model.Discipline.ENGINEERING,
    grades=(ENG_RATING,),
)


def aboard(
    start: pendulum.Date, end: pendulum.Date | None, who: str = "BF1", id: str | None = None
) -> mc.model.Deployment:
    """A deployment of one person aboard HMC Vigilant."""
    return mc.model.Deployment(
        id=id or f"dep-{who}-{start}", vessel="vigilant", start=start, end=end, person=who
    )


def deck_fleet(
    people: list[mc.model.Person], deployments: list[mc.model.Deployment], **tables: Any
) -> mc.model.Fleet:
    """A fleet with the deck and engineering pathways and their catalogue."""
    return fleet(
        people=people,
        deployments=deployments,
        pathways=[DECK, ENGINEERING],
        certificate_types=[
            certificate_type("eng1", "P2Y"),
            certificate_type("coc-oow", "P5Y", kind=mc.model.CertificateKind.COMPETENCY),
            certificate_type("eng-cert"),
        ],
        courses=[course("leadership")],
        vessels=[
            mc.model.Vessel(id="vigilant", name="HMC Vigilant", type=mc.model.VesselType.CUTTER)
        ],
        **tables,
    )


def leading_hand(**fields: Any) -> mc.model.Person:
    """BF1, a leading hand since 1 March 2020."""
    fields.setdefault("grade", "leading-hand")
    fields.setdefault("grade_since", D(2020, 3, 1))
    return person("BF1", **fields)
