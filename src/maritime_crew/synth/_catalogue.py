"""The qualification catalogue, crew berths, kit and names the generators share.

These are the example fleet's values (``examples/fleet``, written by
``tools/build_example_fleet.py``, which imports them from here): 12 certificate types,
11 courses, 7 duty roles, the deck and engineering pathways of 5 grades each, 5 equipment
types, and the berths of a cutter crew (12) and a coastal patrol vessel crew (5). Numbers
that are not regulations (refresher periods, service intervals, sea time, complements)
are example data.

One difference: here STCW VI/1 basic training is one certificate type, ``stcw-vi-1``,
which the synthetic fleets keep so that their size and shape stay comparable over time.
The example fleet records its four elements instead (personal survival techniques and
fire fighting, updated every 5 years; elementary first aid and personal safety and
social responsibilities, which do not expire) and adds STCW VI/2 and VI/6: the script
derives its catalogue from this one, and its records from those built here.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BASE_CERTIFICATES",
    "CERTIFICATE_TYPES",
    "COURSES",
    "COURSE_YEARS",
    "CPV_BERTHS",
    "CPV_COMPLEMENT",
    "CUTTER_BERTHS",
    "CUTTER_COMPLEMENT",
    "DISCIPLINE",
    "DUTY_ROLES",
    "EQUIPMENT_TYPES",
    "FIRST_NAMES",
    "GRADE",
    "GRADES",
    "IN_HOUSE",
    "LADDER",
    "PATHWAYS",
    "PREFIX",
    "SERVICER",
    "SIZED",
    "SURNAMES",
    "VALIDITY_YEARS",
    "Record",
    "role",
]

Record = dict[str, Any]
"""One record of a table, as plain data."""

CUTTER_COMPLEMENT = [
    ("commander", 1),
    ("officer-of-the-watch", 2),
    ("chief-engineer", 1),
    ("engineer-of-the-watch", 1),
    ("coxswain", 2),
    ("boarding-officer", 3),
    ("medic", 1),
]
CPV_COMPLEMENT = [
    ("commander", 1),
    ("officer-of-the-watch", 1),
    ("engineer-of-the-watch", 1),
    ("coxswain", 1),
    ("boarding-officer", 1),
]

# (grade, duty roles) of each berth of a crew, senior first.
CUTTER_BERTHS = [
    ("deck-commander", ["commander"]),
    ("deck-chief-officer", ["commander", "officer-of-the-watch", "boarding-officer"]),
    ("deck-oow", ["officer-of-the-watch", "boarding-officer"]),
    ("eng-chief", ["chief-engineer", "engineer-of-the-watch"]),
    ("eng-second", ["chief-engineer", "engineer-of-the-watch"]),
    ("eng-mechanic", ["engineer-of-the-watch", "medic"]),
    ("deck-leading-hand", ["coxswain", "boarding-officer"]),
    ("deck-leading-hand", ["coxswain", "boarding-officer"]),
    ("deck-leading-hand", ["coxswain", "medic"]),
    ("deck-rating", ["boarding-officer"]),
    ("deck-rating", ["boarding-officer"]),
    ("eng-rating", ["engineer-of-the-watch"]),
]
CPV_BERTHS = [
    ("deck-chief-officer", ["commander", "officer-of-the-watch", "coxswain"]),
    ("deck-oow", ["commander", "officer-of-the-watch", "coxswain", "boarding-officer"]),
    ("eng-oow", ["engineer-of-the-watch", "boarding-officer"]),
    ("deck-leading-hand", ["coxswain", "boarding-officer", "medic"]),
    ("eng-mechanic", ["engineer-of-the-watch", "boarding-officer"]),
]

CERTIFICATE_TYPES: list[Record] = [
    {
        "id": "eng1",
        "name": "ENG1 seafarer medical certificate",
        "kind": "medical",
        "validity": [{"from_age": 0, "period": "P1Y"}, {"from_age": 18, "period": "P2Y"}],
    },
    {
        "id": "stcw-vi-1",
        "name": "STCW VI/1 basic safety training",
        "kind": "basic-training",
        "stcw": "VI/1",
        "validity": "P5Y",
    },
    {
        "id": "stcw-ii-4",
        "name": "STCW II/4 rating forming part of a navigational watch",
        "kind": "proficiency",
        "stcw": "II/4",
    },
    {
        "id": "stcw-iii-4",
        "name": "STCW III/4 rating forming part of an engineering watch",
        "kind": "proficiency",
        "stcw": "III/4",
    },
    {
        "id": "stcw-ii-1",
        "name": "STCW II/1 officer of the watch (deck)",
        "kind": "competency",
        "stcw": "II/1",
        "validity": "P5Y",
    },
    {
        "id": "stcw-ii-2-co",
        "name": "STCW II/2 chief mate (under 3000 GT)",
        "kind": "competency",
        "stcw": "II/2",
        "validity": "P5Y",
        "supersedes": ["stcw-ii-1"],
    },
    {
        "id": "stcw-ii-2-master",
        "name": "STCW II/2 master (under 3000 GT)",
        "kind": "competency",
        "stcw": "II/2",
        "validity": "P5Y",
        "supersedes": ["stcw-ii-2-co"],
    },
    {
        "id": "stcw-iii-1",
        "name": "STCW III/1 engineer officer of the watch",
        "kind": "competency",
        "stcw": "III/1",
        "validity": "P5Y",
    },
    {
        "id": "stcw-iii-2-2e",
        "name": "STCW III/2 second engineer (under 3000 kW)",
        "kind": "competency",
        "stcw": "III/2",
        "validity": "P5Y",
        "supersedes": ["stcw-iii-1"],
    },
    {
        "id": "stcw-iii-2-ce",
        "name": "STCW III/2 chief engineer (under 3000 kW)",
        "kind": "competency",
        "stcw": "III/2",
        "validity": "P5Y",
        "supersedes": ["stcw-iii-2-2e"],
    },
    {
        "id": "gmdss-goc",
        "name": "GMDSS general operator's certificate",
        "kind": "endorsement",
        "stcw": "IV/2",
        "validity": "P5Y",
    },
    {
        "id": "stcw-vi-4-1",
        "name": "STCW VI/4 medical first aid",
        "kind": "proficiency",
        "stcw": "VI/4",
        "validity": "P5Y",
    },
]
VALIDITY_YEARS = {
    "stcw-vi-1": 5,
    "stcw-ii-1": 5,
    "stcw-ii-2-co": 5,
    "stcw-ii-2-master": 5,
    "stcw-iii-1": 5,
    "stcw-iii-2-2e": 5,
    "stcw-iii-2-ce": 5,
    "gmdss-goc": 5,
    "stcw-vi-4-1": 5,
}

COURSES: list[Record] = [
    {
        "id": "boarding-ops",
        "name": "Boarding operations",
        "validity": "P3Y",
        "trainer_courses": ["boarding-instructor"],
        "duration_days": 5,
    },
    {
        "id": "officer-safety",
        "name": "Officer safety training",
        "validity": "P1Y",
        "trainer_courses": ["officer-safety-instructor"],
        "duration_days": 2,
    },
    {
        "id": "first-aid-at-sea",
        "name": "First aid at sea",
        "validity": "P3Y",
        "trainer_courses": ["first-aid-instructor"],
        "trainer_certificates": ["stcw-vi-4-1"],
        "duration_days": 3,
    },
    {
        "id": "machinery-watchkeeping",
        "name": "Machinery watchkeeping (Stan Patrol and CPV plant)",
        "trainer_certificates": ["stcw-iii-2-ce"],
        "duration_days": 4,
    },
    {
        "id": "fast-rescue-boat",
        "name": "Fast rescue boat coxswain",
        "validity": "P5Y",
        "duration_days": 4,
        "provider": "Solent Sea Boat School",
    },
    {
        "id": "radar-navigation",
        "name": "Navigation, radar and ECDIS (operational level)",
        "duration_days": 5,
        "provider": "Warsash Maritime School",
    },
    {
        "id": "leadership",
        "name": "Leadership and management at sea",
        "duration_days": 5,
        "provider": "Warsash Maritime School",
    },
    {
        "id": "engine-room-resource-management",
        "name": "Engine room resource management",
        "duration_days": 3,
        "provider": "Warsash Maritime School",
    },
    {
        "id": "boarding-instructor",
        "name": "Boarding instructor",
        "validity": "P3Y",
        "duration_days": 10,
        "provider": "College of Policing",
    },
    {
        "id": "officer-safety-instructor",
        "name": "Officer safety instructor",
        "validity": "P3Y",
        "duration_days": 10,
        "provider": "College of Policing",
    },
    {
        "id": "first-aid-instructor",
        "name": "First aid instructor",
        "validity": "P3Y",
        "duration_days": 5,
        "provider": "St John Ambulance",
    },
]
COURSE_YEARS = {
    "boarding-ops": 3,
    "officer-safety": 1,
    "first-aid-at-sea": 3,
    "fast-rescue-boat": 5,
    "boarding-instructor": 3,
    "officer-safety-instructor": 3,
    "first-aid-instructor": 3,
}
DUTY_ROLES: list[Record] = [
    {
        "id": "commander",
        "name": "Commander",
        "courses": ["leadership"],
        "kit": ["lifejacket", "plb"],
        "description": "Commands the vessel; a chief officer may act up.",
    },
    {
        "id": "officer-of-the-watch",
        "name": "Officer of the watch",
        "certificates": ["gmdss-goc"],
        "courses": ["radar-navigation"],
        "kit": ["lifejacket"],
        "description": "Keeps the navigational watch on the bridge.",
    },
    {
        "id": "chief-engineer",
        "name": "Chief engineer",
        "courses": ["engine-room-resource-management"],
        "kit": ["lifejacket"],
        "description": "Responsible for the machinery; a second engineer may act up.",
    },
    {
        "id": "engineer-of-the-watch",
        "name": "Engineer of the watch",
        "courses": ["machinery-watchkeeping"],
        "kit": ["lifejacket"],
        "description": "Keeps the engineering watch.",
    },
    {
        "id": "coxswain",
        "name": "Sea boat coxswain",
        "courses": ["fast-rescue-boat"],
        "kit": ["lifejacket", "dry-suit"],
        "description": "Drives the fast rescue boat that carries boarding teams.",
    },
    {
        "id": "boarding-officer",
        "name": "Boarding officer",
        "courses": ["boarding-ops", "officer-safety"],
        "kit": ["body-armour", "dry-suit", "boarding-helmet", "lifejacket"],
        "description": "Member of the boarding team.",
    },
    {
        "id": "medic",
        "name": "Medic",
        "certificates": ["stcw-vi-4-1"],
        "courses": ["first-aid-at-sea"],
        "kit": ["lifejacket"],
        "description": "First aider aboard.",
    },
]

BASE_CERTIFICATES = ["eng1", "stcw-vi-1"]
GRADES: dict[str, list[Record]] = {
    "deck": [
        {
            "id": "deck-rating",
            "name": "Deck rating",
            "certificates": [*BASE_CERTIFICATES, "stcw-ii-4"],
        },
        {
            "id": "deck-leading-hand",
            "name": "Leading hand (deck)",
            "certificates": [*BASE_CERTIFICATES, "stcw-ii-4"],
            "sea_time_days": 180,
            "months_in_previous_grade": 12,
        },
        {
            "id": "deck-oow",
            "name": "Officer of the watch (deck)",
            "certificates": [*BASE_CERTIFICATES, "stcw-ii-1"],
            "sea_time_days": 365,
            "months_in_previous_grade": 12,
        },
        {
            "id": "deck-chief-officer",
            "name": "Chief officer",
            "certificates": [*BASE_CERTIFICATES, "stcw-ii-2-co"],
            "sea_time_days": 540,
            "months_in_previous_grade": 18,
        },
        {
            "id": "deck-commander",
            "name": "Commander",
            "certificates": [*BASE_CERTIFICATES, "stcw-ii-2-master"],
            "courses": ["leadership"],
            "sea_time_days": 730,
            "months_in_previous_grade": 24,
        },
    ],
    "engineering": [
        {
            "id": "eng-rating",
            "name": "Engine room rating",
            "certificates": [*BASE_CERTIFICATES, "stcw-iii-4"],
        },
        {
            "id": "eng-mechanic",
            "name": "Marine engineering mechanic",
            "certificates": [*BASE_CERTIFICATES, "stcw-iii-4"],
            "sea_time_days": 180,
            "months_in_previous_grade": 12,
        },
        {
            "id": "eng-oow",
            "name": "Engineer officer of the watch",
            "certificates": [*BASE_CERTIFICATES, "stcw-iii-1"],
            "sea_time_days": 365,
            "months_in_previous_grade": 12,
        },
        {
            "id": "eng-second",
            "name": "Second engineer",
            "certificates": [*BASE_CERTIFICATES, "stcw-iii-2-2e"],
            "sea_time_days": 540,
            "months_in_previous_grade": 18,
        },
        {
            "id": "eng-chief",
            "name": "Chief engineer",
            "certificates": [*BASE_CERTIFICATES, "stcw-iii-2-ce"],
            "courses": ["leadership"],
            "sea_time_days": 730,
            "months_in_previous_grade": 24,
        },
    ],
}
GRADE = {g["id"]: g for grades in GRADES.values() for g in grades}
DISCIPLINE = {g["id"]: d for d, grades in GRADES.items() for g in grades}
# Competency certificates a grade's holder has on the way up (older ones have lapsed).
LADDER = {
    "deck-oow": ["stcw-ii-1"],
    "deck-chief-officer": ["stcw-ii-1", "stcw-ii-2-co"],
    "deck-commander": ["stcw-ii-1", "stcw-ii-2-co", "stcw-ii-2-master"],
    "eng-oow": ["stcw-iii-1"],
    "eng-second": ["stcw-iii-1", "stcw-iii-2-2e"],
    "eng-chief": ["stcw-iii-1", "stcw-iii-2-2e", "stcw-iii-2-ce"],
}

EQUIPMENT_TYPES: list[Record] = [
    {
        "id": "body-armour",
        "name": "Marinised body armour",
        "standard": "HOSDB KR1/SP1 (example)",
        "sizes": ["S", "M", "L", "XL"],
        "services": [{"kind": "inspection", "interval": "P12M"}],
        "shelf_life": "P10Y",
    },
    {
        "id": "dry-suit",
        "name": "Dry suit",
        "standard": "ISO 15027-1",
        "sizes": ["S", "M", "L", "XL"],
        "services": [
            {
                "kind": "pressure-test",
                "interval": [{"from_age": 0, "period": "P3Y"}, {"from_age": 10, "period": "P2Y"}],
            }
        ],
    },
    {
        "id": "boarding-helmet",
        "name": "Boarding helmet",
        "standard": "EN 1385",
        "sizes": ["M", "L"],
        "services": [{"kind": "inspection", "interval": "P12M"}],
        "shelf_life": "P5Y",
    },
    {
        "id": "lifejacket",
        "name": "Lifejacket 275 N",
        "standard": "ISO 12402-2",
        "services": [{"kind": "service", "interval": "P12M"}],
        "shelf_life": "P10Y",
    },
    {
        "id": "plb",
        "name": "Personal locator beacon",
        "standard": "EN 302 152",
        "services": [{"kind": "self-test", "interval": "P12M"}],
    },
]
SIZED = {
    "body-armour": ["S", "M", "L", "XL"],
    "dry-suit": ["S", "M", "L", "XL"],
    "boarding-helmet": ["M", "L"],
}
PREFIX = {
    "body-armour": "BA",
    "dry-suit": "DS",
    "boarding-helmet": "BH",
    "lifejacket": "LJ",
    "plb": "PLB",
}
SERVICER = {
    "body-armour": "Kit store, Portsmouth",
    "dry-suit": "Survitec",
    "boarding-helmet": "Kit store, Portsmouth",
    "lifejacket": "Survitec",
    "plb": "Kit store, Portsmouth",
}

# Fictional names; any likeness to a real person is chance.
FIRST_NAMES = [
    "Alex",
    "Sam",
    "Jordan",
    "Morgan",
    "Taylor",
    "Casey",
    "Jamie",
    "Robin",
    "Charlie",
    "Frankie",
    "Harper",
    "Rowan",
    "Avery",
    "Ellis",
    "Reese",
    "Dana",
    "Kit",
    "Jude",
    "Rory",
    "Bryn",
    "Cai",
    "Eilidh",
    "Siân",
    "Zoë",
    "Niamh",
    "Aoife",
    "Kwame",
    "Priya",
    "Tomasz",
    "Agnieszka",
    "Ifeoma",
    "Ravi",
    "Mei",
    "Hamza",
    "Yusuf",
    "Leah",
    "Owen",
    "Gareth",
    "Fiona",
    "Callum",
    "Hannah",
    "Declan",
    "Ewan",
    "Iona",
    "Kirsty",
    "Lachlan",
    "Mhairi",
    "Nathan",
    "Olivia",
    "Patrick",
    "Ruth",
    "Stuart",
    "Tariq",
    "Uma",
    "Victor",
    "Wendy",
    "Xander",
    "Yasmin",
    "Zara",
    "Bethan",
    "Dylan",
    "Ffion",
    "Gethin",
    "Imogen",
    "Joss",
    "Keira",
    "Lowri",
]
SURNAMES = [
    "Ashdown",
    "Blakemore",
    "Carrow",
    "Dunmore",
    "Elstow",
    "Fairleigh",
    "Garside",
    "Hallam",
    "Inchbald",
    "Jessop",
    "Kettering",
    "Lathom",
    "Marrick",
    "Northey",
    "Oakridge",
    "Pennock",
    "Quarmby",
    "Redfern",
    "Stannard",
    "Thorley",
    "Underhill",
    "Vauxley",
    "Whitcombe",
    "Yardley",
    "Abernethy",
    "Baird",
    "Cairncross",
    "Drummond",
    "Eadie",
    "Fordyce",
    "Gilchrist",
    "Hendry",
    "Ó Briain",
    "Mac Giolla",
    "Pryce",
    "Llewelyn",
    "Okafor",
    "Mensah",
    "Nowak",
    "Kowalczyk",
    "Chaudhry",
    "Lindqvist",
    "Petrakis",
    "Rosário",
    "Sæther",
    "Tremayne",
    "Venning",
    "Wolstenholme",
    "Ilori",
    "Adebayo",
]

IN_HOUSE = frozenset(c["id"] for c in COURSES if "provider" not in c)
"""Courses delivered by the command's own trainers."""

PATHWAYS: list[Record] = [
    {"id": "deck", "name": "Deck pathway", "discipline": "deck", "grades": GRADES["deck"]},
    {
        "id": "engineering",
        "name": "Engineering pathway",
        "discipline": "engineering",
        "grades": GRADES["engineering"],
    },
]

_ROLES = {r["id"]: r for r in DUTY_ROLES}


def role(role_id: str) -> Record:
    """The duty role with this id."""
    return _ROLES[role_id]
