"""Crew terms and conditions: the 2012 set in force and the 2021 set that replaces it.

Everyone in the example fleet and in synthetic fleets is on the 2012 terms from joining
to 31 March 2021 and on the 2021 terms from 1 April 2021. Amounts are example data.
"""

from __future__ import annotations

from decimal import Decimal

from ._catalogue import Record
from ._dates import Date

__all__ = ["RESPONSES", "terms"]

RESPONSES = [
    (
        "R-001",
        Date(2020, 9, 7),
        ["working-pattern"],
        "Keep 14 days on, 14 off.",
        "The pattern is kept.",
        Date(2020, 11, 20),
    ),
    (
        "R-002",
        Date(2020, 9, 15),
        ["allowances"],
        "The sea-going allowance has not kept pace.",
        "Raised to 27.50 a day at sea.",
        Date(2020, 11, 20),
    ),
    (
        "R-003",
        Date(2020, 9, 29),
        ["rest-periods", "fatigue"],
        "Rest is broken up on busy patrols.",
        "Hours of rest will follow MLC 2006 A2.3 and be recorded for every crew.",
        Date(2020, 12, 4),
    ),
    (
        "R-004",
        Date(2020, 10, 2),
        ["training"],
        "Courses should count as duty time.",
        "Training days ashore are duty days.",
        Date(2020, 12, 4),
    ),
    (
        "R-005",
        Date(2020, 10, 14),
        ["allowances", "leave"],
        "Ask for a day of leave after long patrols.",
        None,
        None,
    ),
    (
        "R-006",
        Date(2020, 10, 30),
        ["career-pathways"],
        "Publish what each grade needs.",
        "The deck and engineering pathways are published with the new terms.",
        Date(2020, 12, 4),
    ),
    (
        "R-007",
        Date(2020, 11, 12),
        ["rest-periods"],
        "Night boardings leave too little rest.",
        "Covered by the fatigue guidance GUI-FAT-01.",
        Date(2020, 12, 11),
    ),
    (
        "R-008",
        Date(2020, 11, 27),
        ["working-pattern", "leave"],
        "Allow swaps between crews.",
        None,
        None,
    ),
]


def terms() -> list[Record]:
    """The 2012 terms in force and the 2021 terms, consulted on, agreed, effective 2021-04-01."""
    pattern = {"days_on": 14, "days_off": 14, "max_consecutive_days_at_sea": 21}
    return [
        {
            "id": "tc-2012",
            "title": "Maritime Command crew terms 2012",
            "status": "in-force",
            "agreed": Date(2012, 2, 14),
            "effective": Date(2012, 4, 1),
            "superseded": Date(2021, 4, 1),
            "working_pattern": pattern,
            "allowances": [
                {
                    "id": "sea-day",
                    "name": "Sea-going allowance",
                    "amount": Decimal("22.0"),
                    "per": "day at sea",
                },
                {
                    "id": "night-boarding",
                    "name": "Night boarding allowance",
                    "amount": Decimal("15.0"),
                    "per": "boarding between 22:00 and 06:00",
                },
            ],
            "leave": [{"kind": "annual", "days": 25}, {"kind": "public-holiday", "days": 8}],
        },
        {
            "id": "tc-2021",
            "title": "Maritime Command crew terms 2021",
            "status": "agreed",
            "drafted": Date(2020, 6, 30),
            "consultation": {
                "opens": Date(2020, 9, 1),
                "closes": Date(2020, 11, 30),
                "responses": [
                    {
                        "id": rid,
                        "received": received,
                        "themes": themes,
                        "summary": summary,
                        "management_response": answer,
                        "responded_on": on,
                    }
                    for rid, received, themes, summary, answer, on in RESPONSES
                ],
            },
            "agreed": Date(2021, 1, 29),
            "effective": Date(2021, 4, 1),
            "supersedes": "tc-2012",
            "business_year": "2021/22",
            "working_pattern": pattern,
            "rest_profile": "mlc-a2.3",
            "allowances": [
                {
                    "id": "sea-day",
                    "name": "Sea-going allowance",
                    "amount": Decimal("27.5"),
                    "per": "day at sea",
                },
                {
                    "id": "night-boarding",
                    "name": "Night boarding allowance",
                    "amount": Decimal("18.0"),
                    "per": "boarding between 22:00 and 06:00",
                },
            ],
            "leave": [{"kind": "annual", "days": 27}, {"kind": "public-holiday", "days": 8}],
        },
    ]
