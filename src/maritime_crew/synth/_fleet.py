"""Squadrons: the unit a synthetic fleet is made of, and the problems planted in them.

A full squadron is the example fleet over again: five cutters and three coastal patrol
vessels, two crews each (12 and 5), four trainers ashore and three more people (a rating
who replaced a leaver, an apprentice, and a recent joiner), 157 people in all. A fleet of
N people has N // 157 full squadrons; the rest make a smaller one (four trainers and as
many vessels as their crews fill) or, when fewer than 14 are left, join the last
squadron as apprentices.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from ._catalogue import (
    COURSE_YEARS,
    CPV_BERTHS,
    CPV_COMPLEMENT,
    CUTTER_BERTHS,
    CUTTER_COMPLEMENT,
    FIRST_NAMES,
    GRADE,
    PREFIX,
    SIZED,
    SURNAMES,
    VALIDITY_YEARS,
    Record,
    role,
)
from ._crews import TRAINER_COURSES, TRAINER_PLANS, CrewBuilder, drop, person_record, set_size
from ._dates import REFERENCE, Date, add_months, days, issued_for_expiry
from ._documents import register
from ._hours import at, spans_of

__all__ = [
    "PEOPLE_PER_SQUADRON",
    "RATES",
    "FleetBuilder",
    "Plan",
    "Squadron",
    "plans",
]

PEOPLE_PER_SQUADRON = 157
"""People in a full squadron, as in the example fleet."""
_VESSELS = ["cutter"] * 5 + ["cpv"] * 3
_CREW_SIZE = {"cutter": 12, "cpv": 5}
_TRAINERS = len(TRAINER_PLANS)
_EXTRAS = PEOPLE_PER_SQUADRON - _TRAINERS - 2 * sum(_CREW_SIZE[v] for v in _VESSELS)

RATES: dict[str, float] = {
    "certificate-expired": 0.005,
    "certificate-expiring": 0.006,
    "course-lapsed": 0.005,
    "course-expiring": 0.006,
    "kit-missing": 0.0025,
    "kit-wrong-size": 0.004,
    "service-overdue": 0.008,
    "past-shelf-life": 0.002,
    "lost-item-issued": 0.002,
    "sea-time-short": 0.003,
}
"""Chance that a crew member has each planted problem; nobody has more than one."""
_WAIVED = 0.25
"""Share of the planted expired certificates that a waiver covers."""
_SQUADRON_RATES = {
    "no-terms": 0.3,
    "leaver": 0.15,
    "trainer-lapse": 0.15,
    "review-overdue": 0.25,
    "undebriefed": 0.25,
    "action-overdue": 0.25,
    "rest": 0.5,
}

_CUTTER_NAMES = [
    "Searcher",
    "Seeker",
    "Vigilant",
    "Valiant",
    "Sentry",
    "Sentinel",
    "Guardian",
    "Resolute",
    "Defender",
    "Watchful",
    "Steadfast",
    "Intrepid",
    "Diligent",
    "Tenacious",
    "Vanguard",
    "Relentless",
    "Venturer",
    "Endeavour",
    "Custodian",
    "Warden",
    "Ranger",
    "Pursuer",
    "Challenger",
    "Dauntless",
    "Stalwart",
]
_CPV_NAMES = [
    "Nimrod",
    "Active",
    "Alert",
    "Badger",
    "Kestrel",
    "Merlin",
    "Osprey",
    "Falcon",
    "Curlew",
    "Petrel",
    "Gannet",
    "Fulmar",
    "Puffin",
    "Heron",
    "Plover",
]
_PORTS = [
    "Portsmouth",
    "Dover",
    "Harwich",
    "Plymouth",
    "Poole",
    "Liverpool",
    "Southampton",
    "Falmouth",
    "Holyhead",
    "Hull",
    "Aberdeen",
    "Belfast",
    "Milford Haven",
    "Newhaven",
    "Ramsgate",
    "Tilbury",
    "Felixstowe",
    "Greenock",
]
_HOURS_MONTHS = [(2020, 11), (2020, 12), (2021, 1), (2021, 2)]  # all GMT: offsets +00:00
_SERVICE_MONTHS = {"dry-suit": 36}  # every other type is serviced every 12 months
_SHELF_MONTHS = {"body-armour": 120, "boarding-helmet": 60, "lifejacket": 120}
_TYPE_ORDER = {kind: index for index, kind in enumerate(PREFIX)}


@dataclass
class Plan:
    """What one squadron holds: how many trainers, which vessels, how many extra people."""

    number: int
    trainers: int
    vessels: list[str]
    extras: int

    @property
    def people(self) -> int:
        """The number of people the plan makes."""
        return self.trainers + self.extras + 2 * sum(_CREW_SIZE[v] for v in self.vessels)


def plans(people: int) -> list[Plan]:
    """The squadrons of a fleet of exactly ``people`` people (see the module documentation)."""
    if people < 1:
        raise ValueError("a fleet needs at least one person")
    full, rest = divmod(people, PEOPLE_PER_SQUADRON)
    result = [Plan(n + 1, _TRAINERS, list(_VESSELS), _EXTRAS) for n in range(full)]
    if rest >= _TRAINERS + 2 * _CREW_SIZE["cpv"] or (rest and not result):
        trainers = min(rest, _TRAINERS)
        left = rest - trainers
        vessels = []
        for kind in _VESSELS:
            if left >= 2 * _CREW_SIZE[kind]:
                vessels.append(kind)
                left -= 2 * _CREW_SIZE[kind]
        result.append(Plan(full + 1, trainers, vessels, left))
    elif rest:
        result[-1].extras += rest
    return result


@dataclass
class Squadron:
    """The records of one squadron, grouped as they are written."""

    vessels: list[Record] = field(default_factory=list)
    crews: list[Record] = field(default_factory=list)
    people: dict[str, list[Record]] = field(default_factory=dict)
    """People by file: a crew's id, or ``shore``."""
    deployments: list[Record] = field(default_factory=list)
    items: list[Record] = field(default_factory=list)
    documents: list[Record] = field(default_factory=list)
    operations: list[Record] = field(default_factory=list)
    debriefs: list[Record] = field(default_factory=list)
    hours: dict[str, list[Record]] = field(default_factory=dict)
    """Work periods by file name, such as ``searcher-a-2021-02``."""
    waivers: list[Record] = field(default_factory=list)


class FleetBuilder(CrewBuilder):
    """Builds squadron after squadron from one seeded random number generator."""

    def __init__(self, seed: int) -> None:
        super().__init__(random.Random(seed))
        self.vessel_counts = {"cutter": 0, "cpv": 0}
        self.op_numbers: dict[int, int] = {}
        self.waiver_number = 0
        self.planted: set[str] = set()
        """People with a planted problem in the squadron being built; they never leave."""

    def name(self) -> str:
        """A full name; in a large fleet several people share one, as in life."""
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"

    def squadrons(self, people: int) -> Iterator[Squadron]:
        """The squadrons of a fleet of ``people`` people, one at a time."""
        for plan in plans(people):
            yield self.squadron(plan)

    def squadron(self, plan: Plan) -> Squadron:
        """Build one squadron: vessels, rotations, trainers, crews, extras and problems."""
        self.people, self.crew_members, self.items = [], {}, {}
        self.deployments, self.crew_dates, self.gaps = [], {}, {}
        self.planted = set()
        out = Squadron()
        draw = self.rng.random
        flags = {key: draw() < rate for key, rate in _SQUADRON_RATES.items()}
        offsets = []
        for kind in plan.vessels:
            vessel, crews = self._vessel(kind)
            out.vessels.append(vessel)
            out.crews.extend(crews)
            offsets.append((vessel["id"], self.rng.randint(0, 27)))
        self.rotations(offsets)
        trainers = [self.trainer(c, t) for c, t in TRAINER_PLANS[: plan.trainers]]
        self.trainer_of = {c: t["id"] for c, t in zip(TRAINER_COURSES, trainers, strict=False)}
        if flags["trainer-lapse"] and len(trainers) > 1 and plan.vessels:
            self._trainer_lapse(trainers[1])
        cutters = {v["id"] for v in out.vessels if v["type"] == "cutter"}
        for crew in out.crews:
            self.crew(crew["id"], CUTTER_BERTHS if crew["vessel"] in cutters else CPV_BERTHS)
        berthed = list(self.people[len(trainers) :])
        for person in berthed:
            self._plant(person, out)
        if self.gaps:
            self._trained_in_gap(berthed)
        if flags["leaver"] and out.crews:
            crew = self.rng.choice(out.crews)["id"]
            leavers = [p for p in self.crew_members[crew][1:] if p["id"] not in self.planted]
            if leavers:
                # PLANTED MAN003 (and MAN001 or MAN002 when the leaver was needed): gone
                # without a replacement.
                left = Date(2021, 1, 4) + days(self.rng.randint(0, 70))
                self._leave(self.rng.choice(leavers), left)
        self._extras(plan, out, no_terms=flags["no-terms"])
        reg = register(
            self.rng,
            plan.number,
            out.vessels,
            self.crew_aboard,
            lambda crew: str(self.member(crew, 0)["id"]),
            self.op_numbers,
            overdue_review=flags["review-overdue"],
            undebriefed=flags["undebriefed"],
            overdue_action=flags["action-overdue"],
        )
        out.documents, out.operations, out.debriefs = reg.documents, reg.operations, reg.debriefs
        if out.crews:
            self._hours(out, plant=flags["rest"])
        self.sort_records(self.people)
        for person in self.people:
            out.people.setdefault(person.get("crew") or "shore", []).append(person_record(person))
        out.deployments = self.deployments
        out.items = sorted(
            self.items.values(), key=lambda i: (_TYPE_ORDER[i["type"]], len(i["id"]), i["id"])
        )
        return out

    # -- vessels ----------------------------------------------------------------------

    def _vessel(self, kind: str) -> tuple[Record, list[Record]]:
        names = _CUTTER_NAMES if kind == "cutter" else _CPV_NAMES
        index = self.vessel_counts[kind]
        self.vessel_counts[kind] += 1
        base = names[index % len(names)]
        generation = index // len(names) + 1
        suffix = f" {generation}" if generation > 1 else ""
        vid = base.lower() + (f"-{generation}" if generation > 1 else "")
        cutter = kind == "cutter"
        vessel: Record = {
            "id": vid,
            "name": f"{'HMC' if cutter else 'CPV'} {base}{suffix}",
            "type": kind,
            "home_port": self.rng.choice(_PORTS),
            "class_name": "Damen Stan Patrol 4207" if cutter else "Coastal patrol vessel",
            "length_m": 42 if cutter else 20,
            "crew_size": _CREW_SIZE[kind],
            "complement": [
                {"role": r, "count": c}
                for r, c in (CUTTER_COMPLEMENT if cutter else CPV_COMPLEMENT)
            ],
        }
        crews = [
            {"id": f"{vid}-{letter}", "name": f"{base}{suffix} {letter.upper()}", "vessel": vid}
            for letter in "ab"
        ]
        return vessel, crews

    # -- people -----------------------------------------------------------------------

    def _leave(self, person: Record, left: Date) -> Date:
        """The person leaves on ``left`` (or once they have their kit): terms end, kit back."""
        issued = [i["issued"] for i in person["issues"]]
        left = max([left, person["joined"] + days(30), *(d + days(1) for d in issued)])
        person["left"] = left
        person["terms"] = [{"set": "tc-2012", "start": person["joined"], "end": left}]
        for issue in person["issues"]:
            issue.setdefault("returned", left)
        return left

    def _extras(self, plan: Plan, out: Squadron, *, no_terms: bool) -> None:
        """Extra people: a leaver's replacement, a recent joiner, apprentices; or staff ashore."""
        crews = [c["id"] for c in out.crews]
        cutter_crews = _cutter_crews(out)
        for index in range(plan.extras):
            if not crews:
                joined = Date(2015, 1, 5) + days(self.rng.randint(0, 2000))
                self.people.append(self.new_person(None, None, [], joined))
            elif index == 0 and cutter_crews:
                crew = self.rng.choice(cutter_crews)
                ratings = [self.member(crew, 9), self.member(crew, 10)]
                ratings = [p for p in ratings if p["id"] not in self.planted]
                if not ratings:
                    self._apprentice(crew)
                    continue
                left = self._leave(
                    self.rng.choice(ratings), Date(2020, 5, 1) + days(self.rng.randint(0, 270))
                )
                joiner = self.crew_member(
                    crew, "deck-rating", ["boarding-officer"], left + days(self.rng.randint(1, 14))
                )
                self.crew_members[crew].append(joiner)
                self.people.append(joiner)
            elif index == 2 and no_terms:
                # PLANTED TERMS001: a rating who joined this year has no terms recorded.
                crew = self.rng.choice(crews)
                joined = Date(2021, 1, 11) + days(self.rng.randint(0, 70))
                joiner = self.crew_member(crew, "deck-rating", [], joined)
                joiner["terms"] = None
                self.crew_members[crew].append(joiner)
                self.people.append(joiner)
            else:
                self._apprentice(self.rng.choice(crews))

    def _apprentice(self, crew: str) -> None:
        """A rating under 18, whose ENG1 medical is valid for one year."""
        grade = self.rng.choice(["deck-rating", "eng-rating"])
        joined = Date(2020, 8, 3) + days(self.rng.randint(0, 180))
        person = self.new_person(crew, grade, [], joined)
        person["born"] = Date(2003, 2, 1) + days(self.rng.randint(0, 500))
        person["grade_since"] = joined
        self.certificate(person, "eng1", joined - days(self.rng.randint(5, 25)))
        self.certificate(person, "stcw-vi-1", joined - days(self.rng.randint(10, 40)))
        watch = "stcw-ii-4" if grade == "deck-rating" else "stcw-iii-4"
        self.certificate(person, watch, joined - days(self.rng.randint(3, 20)))
        self.crew_members[crew].append(person)
        self.people.append(person)

    # -- planted problems -------------------------------------------------------------

    def _plant(self, person: Record, out: Squadron) -> None:
        """At most one planted problem for a crew member, at the rates of ``RATES``."""
        problem = _pick(self.rng.random())
        if problem is None:
            return
        self.planted.add(person["id"])
        if problem == "certificate-expired":
            kind = self.rng.choice(_required_certificates(person))
            expires = REFERENCE - days(self.rng.randint(1, 90))
            self._certificate_expiring(person, kind, expires)
            if self.rng.random() < _WAIVED:
                out.waivers.append(self._waiver(person, expires))
        elif problem == "certificate-expiring":
            kind = self.rng.choice(_required_certificates(person))
            self._certificate_expiring(person, kind, REFERENCE + days(self.rng.randint(5, 85)))
        elif problem in ("course-lapsed", "course-expiring"):
            courses = _required_courses(person)
            if courses:
                course = self.rng.choice(courses)
                lapse = REFERENCE + days(
                    -self.rng.randint(1, 90)
                    if problem == "course-lapsed"
                    else self.rng.randint(5, 85)
                )
                drop(person, "training", "course", course)
                self.training(
                    person, course, add_months(lapse + days(1), -12 * COURSE_YEARS[course])
                )
        elif problem == "kit-missing":
            # A damaged item handed in and not replaced.
            issue = self.rng.choice(person["issues"])
            returned = REFERENCE - days(self.rng.randint(5, 60))
            issue["returned"] = max(returned, issue["issued"] + days(1))
            item = self.items[issue["item"]]
            item["status"], item["status_date"] = "withdrawn", issue["returned"]
        elif problem == "kit-wrong-size":
            sized = [i for i in person["issues"] if self.items[i["item"]]["type"] in SIZED]
            if sized:
                item = self.items[self.rng.choice(sized)["item"]]
                others = [s for s in SIZED[item["type"]] if s != item["size"]]
                set_size(person, item["type"], self.rng.choice(others))
        elif problem == "service-overdue":
            item = self.items[self.rng.choice(person["issues"])["item"]]
            months = _SERVICE_MONTHS.get(item["type"], 12)
            cutoff = add_months(REFERENCE, -months) - days(self.rng.randint(5, 120))
            if item["manufactured"] <= cutoff:
                item["services"] = [e for e in item["services"] if e["date"] <= cutoff]
        elif problem == "past-shelf-life":
            shelved = [
                i for i in person["issues"] if self.items[i["item"]]["type"] in _SHELF_MONTHS
            ]
            if shelved:
                item = self.items[self.rng.choice(shelved)["item"]]
                end = REFERENCE - days(self.rng.randint(1, 150))
                made = add_months(end + days(1), -_SHELF_MONTHS[item["type"]])
                item["manufactured"] = made
                item["services"] = self.services(item["type"], made)
        elif problem == "lost-item-issued":
            # Reported lost, still on the ledger as issued; a replacement was issued.
            issue = next(
                (i for i in person["issues"] if self.items[i["item"]]["type"] == "lifejacket"),
                None,
            )
            if issue is not None:
                item = self.items[issue["item"]]
                lost = max(REFERENCE - days(self.rng.randint(10, 60)), issue["issued"] + days(1))
                item["status"], item["status_date"] = "lost", lost
                made = self.manufacture_date("lifejacket", lost)
                replacement = self.new_item("lifejacket", None, made)
                person["issues"].append(
                    {"item": replacement["id"], "issued": lost + days(self.rng.randint(1, 5))}
                )
        elif problem == "sea-time-short":
            needed = GRADE[person["grade"]].get("sea_time_days", 0)
            if needed:
                served = int(needed * (0.55 + 0.35 * self.rng.random()))
                person["grade_since"] = self.sea_day(person["crew"], person["joined"], served)

    def _certificate_expiring(self, person: Record, kind: str, expires: Date) -> None:
        drop(person, "certificates", "type", kind)
        years = 2 if kind == "eng1" else VALIDITY_YEARS[kind]
        self.certificate(person, kind, issued_for_expiry(expires, years))

    def _waiver(self, person: Record, expired: Date) -> Record:
        self.waiver_number += 1
        booked = REFERENCE + days(self.rng.randint(5, 40))
        return {
            "id": f"W-2021-{self.waiver_number:03d}",
            "rule": "CERT001",
            "subject": {"kind": "person", "id": person["id"]},
            "reason": f"Renewal booked for {booked}; shore duties only until then.",
            "granted_by": "Head of Maritime Operations",
            "granted_on": min(REFERENCE, expired + days(self.rng.randint(0, 10))),
            "expires": booked + days(14),
        }

    def _trainer_lapse(self, trainer: Record) -> None:
        """PLANTED TRN005: the officer safety instructor's qualification lapsed for weeks.

        Their instructor course expired at the end of a day in the second half of 2020 and
        was renewed three to six weeks later. Trainees keep clear of the gap, except the
        one that ``_trained_in_gap`` puts in it.
        """
        course = trainer["training"][0]["course"]
        provider = trainer["training"][0]["provider"]
        lapsed = Date(2020, 7, 15) + days(self.rng.randint(0, 130))
        renewed = lapsed + days(self.rng.randint(21, 45))
        completions = [renewed]
        completed = add_months(lapsed + days(1), -36)
        while completed > trainer["joined"] - days(60):
            completions.append(completed)
            completed = add_months(completed, -36) + days(self.rng.randint(20, 60))
        trainer["training"] = [
            {"course": course, "completed": d, "provider": provider} for d in sorted(completions)
        ]
        self.gaps = {"officer-safety": (lapsed + days(1), renewed - days(1))}

    def _trained_in_gap(self, berthed: list[Record]) -> None:
        holders = [p for p in berthed if "officer-safety" in _required_courses(p)]
        if not holders:
            return
        person = self.rng.choice(holders)
        self.planted.add(person["id"])
        first, last = self.gaps["officer-safety"]
        drop(person, "training", "course", "officer-safety")
        self.training(person, "officer-safety", self.date_between(first, last))

    # -- hours ------------------------------------------------------------------------

    def _hours(self, out: Squadron, *, plant: bool) -> None:
        """A month of work periods for one crew, a cutter's where there is one."""
        crew = self.rng.choice(_cutter_crews(out) or [c["id"] for c in out.crews])
        year, month = self.rng.choice(_HOURS_MONTHS)
        first = Date(year, month, 1)
        last = add_months(first, 1) - days(1)
        aboard = [
            start + days(i)
            for start, end in self.crew_dates[crew]
            for i in range((end - start).days + 1)
            if first <= start + days(i) <= last
        ]
        members = [
            p
            for p in self.crew_members[crew]
            if p["joined"] <= first and (p.get("left") is None or p["left"] >= last)
        ]
        vessel = next(c["vessel"] for c in out.crews if c["id"] == crew)
        long_day: tuple[str, Date] | None = None
        if plant and members and len(aboard) > 2:
            # PLANTED REST001 and REST005 (and often REST003): 04:00 to 20:30 in one go.
            long_day = (self.rng.choice(members)["id"], self.rng.choice(aboard[1:-1]))
        records = []
        utc = dt.timezone.utc
        for day in aboard:
            for berth, person in enumerate(members):
                spans = spans_of(berth)
                if long_day == (person["id"], day):
                    spans = ((4, 20.5),)
                for start, end in spans:
                    records.append(
                        {
                            "person": person["id"],
                            "start": at(day, start, utc),
                            "end": at(day, end, utc),
                            "vessel": vessel,
                        }
                    )
        records.sort(key=lambda r: (r["start"], r["person"]))
        out.hours[f"{crew}-{year}-{month:02d}"] = records


def _pick(roll: float) -> str | None:
    """The planted problem a roll of the dice in [0, 1) lands on, if any."""
    for problem, rate in RATES.items():
        if roll < rate:
            return problem
        roll -= rate
    return None


def _required_certificates(person: Record) -> list[str]:
    """Certificate types with a validity that the person's grade or duty roles require."""
    kinds = set(GRADE[person["grade"]]["certificates"])
    for r in person["duty_roles"] or []:
        kinds.update(role(r).get("certificates", []))
    return sorted(k for k in kinds if k == "eng1" or k in VALIDITY_YEARS)


def _required_courses(person: Record) -> list[str]:
    """Courses with a refresher period that the person's grade or duty roles require."""
    courses = set(GRADE[person["grade"]].get("courses", []))
    for r in person["duty_roles"] or []:
        courses.update(role(r).get("courses", []))
    return sorted(c for c in courses if c in COURSE_YEARS)


def _cutter_crews(out: Squadron) -> list[str]:
    cutters = {v["id"] for v in out.vessels if v["type"] == "cutter"}
    return [c["id"] for c in out.crews if c["vessel"] in cutters]
