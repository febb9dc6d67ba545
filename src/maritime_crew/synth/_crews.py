"""People, their certificates, training and kit, and crew rotations.

:class:`CrewBuilder` holds what the example fleet and the synthetic fleets build the same
way. Every person is made consistent with the reference date (2021-03-31): certificates
and courses current and not lapsing within 90 days, sea time behind every grade, kit
issued for every duty role and serviced on time. What is wrong on purpose is planted
afterwards, by the caller.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from ._catalogue import (
    COURSE_YEARS,
    COURSES,
    DISCIPLINE,
    FIRST_NAMES,
    GRADE,
    LADDER,
    PREFIX,
    SERVICER,
    SIZED,
    SURNAMES,
    VALIDITY_YEARS,
    Record,
    role,
)
from ._dates import HISTORY_START, REFERENCE, SCHEDULE_END, Date, add_months, days, last_valid_day

__all__ = [
    "PERSON_ORDER",
    "TRAINER_COURSES",
    "TRAINER_PLANS",
    "CrewBuilder",
    "drop",
    "person_record",
    "set_size",
]

TRAINER_PLANS: list[tuple[str | None, str | None]] = [
    ("boarding-instructor", None),
    ("officer-safety-instructor", None),
    ("first-aid-instructor", "stcw-vi-4-1"),
    (None, "stcw-iii-2-ce"),
]
"""What each in-house trainer holds: an instructor course and a certificate (or not)."""
TRAINER_COURSES = ["boarding-ops", "officer-safety", "first-aid-at-sea", "machinery-watchkeeping"]
"""The in-house course each trainer of ``TRAINER_PLANS`` delivers, in the same order."""

_PROVIDER = {c["id"]: c["provider"] for c in COURSES if "provider" in c}
_OLDEST = {
    "body-armour": Date(2012, 6, 1),
    "dry-suit": Date(2013, 1, 1),
    "boarding-helmet": Date(2016, 6, 1),
    "lifejacket": Date(2012, 6, 1),
    "plb": Date(2016, 1, 1),
}


class CrewBuilder:
    """Builds people, crews, kit and rotations, drawing every choice from one ``rng``.

    The order of the draws is part of the output: the example fleet's files are
    byte-identical only as long as each method draws the same numbers in the same order.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: list[Record] = []
        self.crew_members: dict[str, list[Record]] = {}
        self.items: dict[str, Record] = {}
        self.counters: dict[str, int] = {}
        self.deployments: list[Record] = []
        self.crew_dates: dict[str, list[tuple[Date, Date]]] = {}
        self.names: set[str] = set()
        self.next_staff = 1001
        self.certificate_numbers = 40000
        self.trainer_of: dict[str, str] = {}
        """Staff number of the trainer who delivers each in-house course."""
        self.gaps: dict[str, tuple[Date, Date]] = {}
        """Days on which a course's trainer was not qualified; completions avoid them."""

    # -- helpers ----------------------------------------------------------------------

    def date_between(self, first: Date, last: Date) -> Date:
        """A day from ``first`` to ``last``, inclusive (``first`` if they are reversed)."""
        if last < first:
            last = first
        return first + days(self.rng.randint(0, (last - first).days))

    def name(self) -> str:
        """A full name no one else has."""
        while True:
            full = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
            if full not in self.names:
                self.names.add(full)
                return full

    def staff_number(self) -> str:
        """The next staff number."""
        number = f"BF{self.next_staff}"
        self.next_staff += 1
        return number

    def certificate_number(self, kind: str) -> str:
        """The next certificate number (``M-`` for medicals, ``C-`` for the rest)."""
        self.certificate_numbers += self.rng.randint(3, 40)
        return f"{'M' if kind == 'eng1' else 'C'}-{self.certificate_numbers}"

    def member(self, crew: str, berth: int) -> Record:
        """The person in a berth of a crew."""
        return self.crew_members[crew][berth]

    def issued(self, person: Record, kind: str) -> Record:
        """The person's first issue of an item of an equipment type."""
        return next(i for i in person["issues"] if self.items[i["item"]]["type"] == kind)

    # -- rotations --------------------------------------------------------------------

    def rotations(self, vessels: Iterable[tuple[str, int]]) -> None:
        """Crews A and B of each vessel alternate: 14 days aboard, 14 days ashore.

        ``vessels`` are ``(vessel id, offset)``: the first rotation starts ``offset``
        days after the history starts.
        """
        for vid, offset in vessels:
            start = HISTORY_START + days(offset)
            letter = 0
            while start <= SCHEDULE_END:
                crew = f"{vid}-{'ab'[letter]}"
                end = start + days(13)
                self.deployments.append(
                    {
                        "id": f"D-{crew}-{start:%Y%m%d}",
                        "vessel": vid,
                        "start": start,
                        "end": end,
                        "crew": crew,
                    }
                )
                self.crew_dates.setdefault(crew, []).append((start, end))
                start = end + days(1)
                letter = 1 - letter
        self.deployments.sort(key=lambda d: (d["start"], d["vessel"]))

    def crew_aboard(self, vessel: str, on: Date) -> str:
        """The crew aboard a vessel on a date."""
        for letter in "ab":
            crew = f"{vessel}-{letter}"
            if any(s <= on <= e for s, e in self.crew_dates[crew]):
                return crew
        raise ValueError(f"no crew aboard {vessel} on {on}")

    def sea_day(self, crew: str, since: Date, needed: int) -> Date:
        """The day on which a member of the crew since ``since`` reaches ``needed`` sea days."""
        total = 0
        for start, end in self.crew_dates[crew]:
            if end < since:
                continue
            first = max(start, since)
            span = (end - first).days + 1
            if total + span >= needed:
                return first + days(needed - total - 1)
            total += span
        raise ValueError("not enough sea time in the schedule")

    # -- people -----------------------------------------------------------------------

    def new_person(
        self, crew: str | None, grade: str | None, roles: list[str], joined: Date
    ) -> Record:
        """A person with sizes and terms, and no certificates, training or kit yet."""
        sizes = [
            {"equipment": kind, "size": self.rng.choice(choices)} for kind, choices in SIZED.items()
        ]
        person: Record = {
            "id": self.staff_number(),
            "name": self.name(),
            "discipline": DISCIPLINE[grade] if grade else "other",
            "born": self.date_between(Date(1966, 1, 1), Date(1999, 12, 31)),
            "joined": joined,
            "grade": grade,
            "grade_since": None,
            "crew": crew,
            "crew_since": joined if crew else None,
            "duty_roles": roles or None,
            "terms": [
                {"set": "tc-2012", "start": joined, "end": Date(2021, 3, 31)},
                {"set": "tc-2021", "start": Date(2021, 4, 1)},
            ],
            "sizes": sizes if crew else None,
            "certificates": [],
            "training": [],
            "issues": [],
        }
        return person

    def certificate(self, person: Record, kind: str, issued: Date) -> Record:
        """Record a certificate issued on a date, with its expiry from its validity."""
        record: Record = {"type": kind, "number": self.certificate_number(kind), "issued": issued}
        if kind == "eng1":
            born = person["born"]
            age = issued.year - born.year - ((issued.month, issued.day) < (born.month, born.day))
            record["expires"] = last_valid_day(issued, years=1 if age < 18 else 2)
            record["issuer"] = "MCA approved doctor"
        else:
            if kind in VALIDITY_YEARS:
                record["expires"] = last_valid_day(issued, years=VALIDITY_YEARS[kind])
            record["issuer"] = "Maritime and Coastguard Agency"
        person["certificates"].append(record)
        return record

    def current_certificate(self, person: Record, kind: str) -> None:
        """Valid on the reference date, and not expiring within 90 days of it."""
        years = 2 if kind == "eng1" else VALIDITY_YEARS.get(kind)
        if years is None:
            self.certificate(
                person,
                kind,
                self.date_between(person["joined"] - days(900), person["joined"] - days(30)),
            )
            return
        span = 365 * years
        issued = self.date_between(
            max(REFERENCE - days(span - 120), person["joined"] - days(span - 120)),
            REFERENCE - days(20),
        )
        if years == 5 and (issued - person["joined"]).days > 400:
            self.certificate(person, kind, add_months(issued, -60))  # the one it renewed
        self.certificate(person, kind, issued)

    def training(self, person: Record, course: str, completed: Date) -> Record:
        """Record a course completed on a date, with its trainer or external provider."""
        record: Record = {"course": course, "completed": completed}
        if course in self.trainer_of:
            record["trainer"] = self.trainer_of[course]
        else:
            record["provider"] = _PROVIDER[course]
        person["training"].append(record)
        return record

    def current_training(self, person: Record, course: str) -> None:
        """Completed so that it is current on the reference date and not lapsing soon."""
        years = COURSE_YEARS.get(course)
        if years is None:
            first = (
                person["joined"] - days(700) if course not in self.trainer_of else person["joined"]
            )
            last = min(person["grade_since"] or REFERENCE, REFERENCE) - days(30)
            self.training(person, course, self.date_between(first, max(first, last)))
            return
        span = 365 * years
        last = REFERENCE - days(10)
        completed = self.date_between(max(REFERENCE - days(span - 120), person["joined"]), last)
        gap = self.gaps.get(course)
        if gap is not None and gap[0] <= completed <= gap[1]:
            # Keep clear of the days the trainer was not qualified.
            completed += days((gap[1] - gap[0]).days + 3)
        if (completed - person["joined"]).days > span:
            self.training(person, course, add_months(completed, -12 * years))
        self.training(person, course, completed)

    # -- kit --------------------------------------------------------------------------

    def new_item(self, kind: str, size: str | None, manufactured: Date) -> Record:
        """A new item of equipment with its service history to the reference date."""
        item: Record = {
            "id": None,
            "type": kind,
            "size": size,
            "serial": None,
            "manufactured": manufactured,
        }
        self.counters[kind] = self.counters.get(kind, 0) + 1
        item["id"] = f"{PREFIX[kind]}-{self.counters[kind]:04d}"
        if kind == "plb":
            item["serial"] = f"SV{self.rng.randint(100000, 999999)}"
            item["expires"] = add_months(manufactured, 72) - days(1)
        item["services"] = self.services(kind, manufactured)
        self.items[item["id"]] = item
        return item

    def services(self, kind: str, manufactured: Date) -> list[Record]:
        """Services from manufacture to the reference date, each before the next is due."""
        if kind == "dry-suit":
            step, label = (900, 1060), "pressure-test"
        else:
            step = (300, 355)
            label = {"lifejacket": "service", "plb": "self-test"}.get(kind, "inspection")
        by = SERVICER[kind]
        events: list[Record] = []
        date = manufactured + days(self.rng.randint(*step))
        while date <= REFERENCE:
            events.append({"kind": label, "date": date, "by": by})
            date += days(self.rng.randint(*step))
        return events

    def manufacture_date(self, kind: str, before: Date) -> Date:
        """A plausible date of manufacture for an item needed by ``before``."""
        oldest = _OLDEST[kind]
        latest = max(oldest, min(before, Date(2020, 12, 1)))
        return self.date_between(max(oldest, latest - days(1200)), latest)

    def issue(self, person: Record, kind: str, size: str | None = None) -> Record:
        """Issue a new item of a type to a person, in their recorded size."""
        if size is None and kind in SIZED:
            size = next(s["size"] for s in person["sizes"] if s["equipment"] == kind)
        manufactured = self.manufacture_date(kind, person["joined"] + days(60))
        item = self.new_item(kind, size, manufactured)
        issued = max(person["joined"], manufactured + days(self.rng.randint(14, 90)))
        person["issues"].append({"item": item["id"], "issued": issued})
        return item

    # -- crews and trainers -----------------------------------------------------------

    def crew_member(
        self, crew: str, grade: str, roles: list[str], joined: Date | None = None
    ) -> Record:
        """A member of a crew, qualified for their grade and duty roles, with their kit."""
        needed = GRADE[grade].get("sea_time_days", 0)
        if joined is None:
            latest_join = min(REFERENCE - days(2 * needed + 300), Date(2020, 6, 1))
            joined = self.date_between(HISTORY_START, max(HISTORY_START, latest_join))
        person = self.new_person(crew, grade, roles, joined)
        if needed:
            reached = self.sea_day(crew, joined, needed)
            person["grade_since"] = self.date_between(
                reached + days(1),
                max(reached + days(1), min(reached + days(200), REFERENCE - days(60))),
            )
        else:
            person["grade_since"] = joined
        for kind in LADDER.get(grade, []):
            if kind not in GRADE[grade]["certificates"]:
                # A lower certificate of competency, held before promotion, since lapsed.
                self.certificate(
                    person, kind, self.date_between(Date(2009, 1, 1), Date(2015, 6, 30))
                )
        for kind in GRADE[grade]["certificates"]:
            self.current_certificate(person, kind)
        role_certificates = sorted({c for r in roles for c in role(r).get("certificates", [])})
        for kind in role_certificates:
            self.current_certificate(person, kind)
        courses = list(GRADE[grade].get("courses", []))
        for r in roles:
            courses += [c for c in role(r).get("courses", []) if c not in courses]
        for course in courses:
            self.current_training(person, course)
        kinds: list[str] = []
        for r in roles:
            kinds += [k for k in role(r)["kit"] if k not in kinds]
        for kind in kinds:
            self.issue(person, kind)
        return person

    def crew(self, crew: str, berths: Iterable[tuple[str, list[str]]]) -> list[Record]:
        """The members of a crew, one per berth ``(grade, duty roles)``, senior first."""
        members = [self.crew_member(crew, grade, list(roles)) for grade, roles in berths]
        self.crew_members[crew] = members
        self.people.extend(members)
        return members

    def trainer(self, course: str | None, certificate: str | None) -> Record:
        """An in-house trainer ashore, qualified without a break since 2014.

        ``course`` is the instructor course they hold, ``certificate`` the certificate
        type; each is renewed before it lapses. A trainer with no instructor course (the
        machinery superintendent) is an engineer.
        """
        joined = Date(2014, 9, 1) + days(self.rng.randint(0, 60))
        person = self.new_person(None, None, [], joined)
        person["issues"] = []
        if course is not None:
            completed = joined - days(self.rng.randint(10, 60))
            provider = _PROVIDER[course]
            while completed <= REFERENCE:
                person["training"].append(
                    {"course": course, "completed": completed, "provider": provider}
                )
                completed = add_months(completed, 36) - days(self.rng.randint(20, 60))
        if certificate is not None:
            issued = Date(2013, 3, 4) + days(self.rng.randint(0, 300))
            while issued <= REFERENCE:
                self.certificate(person, certificate, issued)
                issued = add_months(issued, 60) - days(self.rng.randint(20, 60))
        if course is None:
            person["discipline"] = "engineering"
        self.people.append(person)
        return person

    def sort_records(self, people: Iterable[Record]) -> None:
        """Each person's certificates, training and issues in date order."""
        for person in people:
            person["certificates"].sort(key=lambda c: (c["issued"], c["type"]))
            person["training"].sort(key=lambda t: (t["completed"], t["course"]))
            person["issues"].sort(key=lambda i: (i["issued"], i["item"]))


def drop(person: Record, field: str, key: str, match: str) -> None:
    """Remove the person's records in ``field`` whose ``key`` is ``match``."""
    person[field] = [r for r in person[field] if r[key] != match]


def set_size(person: Record, kind: str, size: str) -> None:
    """Change the person's recorded size for an equipment type."""
    for entry in person["sizes"]:
        if entry["equipment"] == kind:
            entry["size"] = size


PERSON_ORDER = [
    "id",
    "name",
    "discipline",
    "born",
    "joined",
    "left",
    "grade",
    "grade_since",
    "crew",
    "crew_since",
    "duty_roles",
    "terms",
    "sizes",
    "certificates",
    "training",
    "issues",
]
"""The order of a person's fields in the files, as in the model."""


def person_record(record: Record) -> Record:
    """A person's fields in the documented order; empty lists of records left out."""
    out = {key: record.get(key) for key in PERSON_ORDER}
    for key in ("certificates", "training", "issues"):
        if not out[key]:
            out[key] = None
    return out
