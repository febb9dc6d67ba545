"""MAN: manning and resilience of vessels and crews (seed C2, C9)."""

from __future__ import annotations

from collections.abc import Iterator

from ...facts import PEOPLE_IN_SERVICE, Facts, RoleCover, RoleStatus, Subjects, View
from ...model import (
    Crew,
    Deployment,
    Person,
    Subject,
    Vessel,
    VesselStatus,
    WaiverCondition,
)
from .._context import Context
from .._finding import Finding
from .._severity import Severity
from ._registry import builtin


def _listed(people: tuple[str, ...]) -> str:
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " or " + people[-1]


def _lacks(status: RoleStatus) -> str:
    parts = (
        [f"course {c}" for c in status.missing_courses]
        + [f"certificate {c}" for c in status.missing_certificates]
        + [f"kit {k}" for k in status.missing_kit]
        + [f"currency in {p}" for p in status.missing_currency]
    )
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{status.person} lacks {listed}"


def _who(cover: RoleCover, elsewhere: dict[str, str]) -> str:
    if not cover.qualified and not cover.unqualified:
        return "no one available holds the duty role"
    people = [
        f"{person} qualified" + (f", filling {elsewhere[person]}" if person in elsewhere else "")
        for person in cover.qualified
    ]
    people += [_lacks(status) for status in cover.unqualified]
    return "; ".join(people)


def _operational_vessel(view: View, crew: Crew) -> bool:
    vessel = view.vessel_of(crew)
    return vessel is not None and view.vessel_status(vessel).operational


def _manned_or_uncrewed(view: View, record: Crew | Vessel) -> bool:
    """A crew of an operational vessel, or an operational vessel needing people, uncrewed."""
    if isinstance(record, Crew):
        return _operational_vessel(view, record)
    return (
        any(e.count > 0 for e in record.complement)
        and not view.fleet.crews_of(record.id)
        and view.vessel_status(record).operational
    )


MANNED_OR_UNCREWED = Subjects(
    "crews of an operational vessel, and operational vessels needing a complement that no "
    "crew is assigned to",
    ("crew", "vessel"),
    _manned_or_uncrewed,
)
"""MAN001's subjects: a crew is checked against its vessel's complement; a vessel with
no crew is reported as such. A vessel in maintenance, refit or laid up on the date is
not manned, and neither it nor its crews are checked."""

AT_SEA = Subjects("crews of an operational vessel", ("crew",), _operational_vessel)
"""Crews whose vessel the fleet has and is operational on the date: the ones that man a
complement."""


@builtin(
    code="MAN001",
    name="complement-not-filled",
    severity=Severity.ERROR,
    summary="A crew cannot fill its vessel's required complement with qualified people.",
    rationale="The command committed to engage staff on its capacity (seed commitment C2) "
    "and to a skills audit of who is qualified for which duty role (C9): a vessel sails "
    "only with its required complement qualified on the day. Those counted are the crew's "
    "members available on the date (not away, not medically unfit), less those who did "
    "not sail on the crew's deployment that day and plus those who sailed as cover. A "
    "person counts for a role when they hold it on the date, meet its certificates, "
    "courses, kit and currency (practice logged within its period), and no medical "
    "restriction excludes it. Each person fills one slot "
    "at a time (a commander who is also a boarding officer stands one of the two): who "
    "fills which is a maximum bipartite matching of people to slots. Only operational "
    "vessels are manned.",
    source="seed C2, C9",
    example="Vigilant A can fill 1 of 2 coxswain places with qualified people on 2021-03-31 "
    "(BF1003 qualified; BF1010 lacks course fast-rescue-boat); from another crew of the "
    "vessel, BF2004 could fill one.",
    fix="Qualify the members who hold the role (training, certificates, kit), give the role "
    "to another qualified member, lend someone from the vessel's other crew as cover (a "
    "deployment's `cover`), or move a qualified person into the crew.",
    each=MANNED_OR_UNCREWED,
)
def complement_not_filled(subject: Crew | Vessel, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    if isinstance(subject, Vessel):
        required = {e.role: subject.required(e.role) for e in subject.complement if e.count > 0}
        roles = ", ".join(f"{count} {role}" for role, count in required.items())
        yield ctx.finding(
            Subject("vessel", subject.id),
            f"{subject.name} requires a complement ({roles}) but no crew is assigned to it",
            details={"complement": required},
        )
        return
    crew, vessel = subject, view.vessel_of(subject)
    assert vessel is not None  # MANNED_OR_UNCREWED keeps crews with a known vessel
    manning = view.manning(crew, vessel)
    if not manning.unfilled:
        return
    filling = manning.by_role()
    elsewhere = {person: slot.role for slot in manning.slots if (person := slot.person)}
    helpers = view.could_fill(crew, vessel)
    for cover in view.role_covers(crew, vessel):
        short = manning.shortfall(cover.role)
        if not short:
            continue
        filled = filling.get(cover.role, ())
        others = {p: r for p, r in elsewhere.items() if r != cover.role}
        lend = helpers.get(cover.role, ())
        offer = f"; from another crew of the vessel, {_listed(lend)} could fill one" if lend else ""
        yield ctx.finding(
            Subject("crew", crew.id),
            f"{crew.name} can fill {len(filled)} of {cover.required} "
            f"{cover.role} places with qualified people on {view.date} "
            f"({_who(cover, others)}){offer}",
            details={
                "vessel": vessel.id,
                "role": cover.role,
                "required": cover.required,
                "filled_by": list(filled),
                "unfilled": short,
                "could_fill": list(lend),
                "qualified": list(cover.qualified),
                "unqualified": {
                    status.person: {
                        "courses": list(status.missing_courses),
                        "certificates": list(status.missing_certificates),
                        "kit": list(status.missing_kit),
                        "currency": list(status.missing_currency),
                    }
                    for status in cover.unqualified
                },
            },
        )


@builtin(
    code="MAN002",
    name="single-qualified-person",
    severity=Severity.WARNING,
    summary="Only one member of a crew is qualified for a role the vessel requires.",
    rationale="The command committed to multi-skilling for resilience (seed commitment C9): "
    "a role covered by one qualified person is a single point of failure, as leave, "
    "sickness or a lapsed certificate leaves the vessel unable to sail. Roles that already "
    "cannot be filled are MAN001's.",
    source="seed C9",
    example="In Vigilant A only BF1017 is qualified as medic on 2021-03-31.",
    fix="Train and qualify a second member of the crew for the role.",
    each=AT_SEA,
)
def single_qualified_person(crew: Crew, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    vessel = view.vessel_of(crew)
    assert vessel is not None  # AT_SEA keeps crews with a known vessel
    for cover in view.role_covers(crew, vessel):
        if not cover.single_point:
            continue
        (only,) = cover.qualified
        yield ctx.finding(
            Subject("crew", crew.id),
            f"in {crew.name} only {only} is qualified as {cover.role} on {view.date}; "
            "no one else can cover the role",
            details={"vessel": vessel.id, "role": cover.role, "qualified": only},
        )


@builtin(
    code="MAN003",
    name="crew-below-size",
    severity=Severity.WARNING,
    summary="A crew has fewer people available than its vessel's crew size.",
    rationale="A vessel's crew size is the number aboard a full crew; a crew short of it "
    "cannot sail without relief from other crews (seed commitment C2, capacity). Those "
    "counted are the members available on the date (not away, not medically unfit), less "
    "those who did not sail on the crew's deployment that day, plus those who sailed with "
    "it as cover. Only operational vessels are manned.",
    source="seed C2",
    example="Vigilant A has 9 people available on 2021-03-31; HMC Vigilant needs a crew "
    "of 12 (3 short).",
    fix="Post people into the crew (with their `crew` and `crew_since`), lend cover from "
    "another crew, or correct the vessel's crew size.",
    each=AT_SEA,
)
def crew_below_size(crew: Crew, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    vessel = view.vessel_of(crew)
    assert vessel is not None  # AT_SEA keeps crews with a known vessel
    if vessel.crew_size is None:
        return
    members = len(view.manning_crew(crew))
    if members >= vessel.crew_size:
        return
    yield ctx.finding(
        Subject("crew", crew.id),
        f"{crew.name} has {members} people available on {view.date}; {vessel.name} "
        f"needs a crew of {vessel.crew_size} ({vessel.crew_size - members} short)",
        details={
            "vessel": vessel.id,
            "members": members,
            "crew_size": vessel.crew_size,
            "short": vessel.crew_size - members,
        },
    )


def _may_be_away_aboard(facts: Facts, person: Person) -> bool:
    """Ever away while deployed by name, or ever found unfit: MAN004 may concern them."""
    fleet = facts.fleet
    named = bool(fleet.own_deployments_of(person.id) or fleet.covered_by(person.id))
    unfit = any(c.fitness is not None and c.fitness.unfit for c in person.certificates)
    return (named and bool(person.absences)) or unfit


def _restricted(facts: Facts, person: Person) -> bool:
    return any(c.restrictions for c in person.certificates)


def _conditionally_waived(facts: Facts, person: Person) -> bool:
    return bool(facts.conditional_waivers_of(person.id))


MAY_BE_AWAY_ABOARD = Subjects(
    "people in service ever away while deployed by name, or ever found unfit",
    ("person",),
    among=_may_be_away_aboard,
    within=PEOPLE_IN_SERVICE,
)
RESTRICTED = Subjects(
    "people in service with a medical restriction on record",
    ("person",),
    among=_restricted,
    within=PEOPLE_IN_SERVICE,
)
CONDITIONALLY_WAIVED = Subjects(
    "people in service named by a waiver granted on a condition",
    ("person",),
    among=_conditionally_waived,
    within=PEOPLE_IN_SERVICE,
)


def _aboard_words(deployments: tuple[Deployment, ...]) -> str:
    return ", ".join(f"{d.id} on {d.vessel}" for d in deployments)


@builtin(
    code="MAN004",
    name="deployed-while-unavailable",
    severity=Severity.ERROR,
    summary="A person is aboard on a day they are recorded away or medically unfit.",
    rationale="A person on leave, sick, training ashore, detached or suspended is not "
    "there to sail, and a seafarer whose medical finds them unfit (MSN 1886 categories 3 "
    "and 4, an ENG3 notice) may not serve at sea: the Merchant Shipping (Maritime Labour "
    "Convention) (Medical Certification) Regulations 2010, reg. 5, and MLC Standard A1.2. "
    "A crew member who is away simply does not sail with the crew; this finds a person "
    "deployed by name (their own deployment, or as cover) on a day away, and anyone "
    "aboard while the latest medical by then finds them unfit.",
    source="MLC A1.2; SI 2010/737 reg. 5; seed C2",
    example="BF1022 is aboard (D-cover-7 on vigilant) on 2020-06-03 while on annual leave "
    "from 2020-06-01 to 2020-06-14.",
    fix="Correct the deployment or the absence, or name the person among those who did not "
    "sail (the deployment's `absent`).",
    each=MAY_BE_AWAY_ABOARD,
)
def deployed_while_unavailable(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    aboard = view.aboard(person)
    if not aboard:
        return
    away = view.absence(person)
    named = tuple(d for d in aboard if d.crew is None or person.id in d.cover)
    if away is not None and named:
        until = f" to {away.end}" if away.end is not None else ""
        yield ctx.about_person(
            person,
            f"{person.id} is aboard ({_aboard_words(named)}) on {view.date} while on "
            f"{away.kind.value.replace('-', ' ')} from {away.start}{until}",
            nested=("absences", person.absences.index(away)),
            details={"deployments": [d.id for d in named], "absence": away.kind.value},
        )
    if view.unfit(person):
        medical = view.medical(person)
        assert medical is not None  # unfit comes from a medical
        fitness = getattr(medical.record, "fitness", None)
        yield ctx.about_person(
            person,
            f"{person.id} is aboard ({_aboard_words(aboard)}) on {view.date} though the "
            f"medical of {medical.start} finds them {fitness.value if fitness else 'unfit'}",
            nested=("certificates", medical.position),
            details={"deployments": [d.id for d in aboard], "medical": str(medical.start)},
        )


@builtin(
    code="MAN005",
    name="deployed-against-restriction",
    severity=Severity.ERROR,
    summary="A person is aboard a vessel that a restriction on their medical rules out.",
    rationale="An approved doctor may find a seafarer fit with restrictions (MSN 1886 "
    "category 2): to near-coastal waters, to a named vessel, or excluding duties. Serving "
    "outside them is serving without a valid medical for that service (SI 2010/737 reg. "
    "5; MLC Standard A1.2 para 6). A cutter is ocean-going, beyond near-coastal waters. "
    "Excluded duties are kept out of manning (MAN001) rather than reported here.",
    source="MLC A1.2; MSN 1886; SI 2010/737 reg. 5",
    example="BF1017 is aboard vigilant (D-0041) on 2020-09-10; the medical of 2020-08-20 "
    "restricts them to near-coastal waters, and HMC Vigilant is a cutter.",
    fix="Deploy the person on a vessel the restriction allows, or record the review that "
    "lifted it (a new medical).",
    each=RESTRICTED,
)
def deployed_against_restriction(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    aboard = view.aboard(person)
    if not aboard:
        return
    if not view.restrictions(person):
        return
    for deployment in aboard:
        vessel = view.fleet.vessel(deployment.vessel)
        if vessel is None:
            continue
        for restriction, why in view.barred(person, vessel):
            yield ctx.about_person(
                person,
                f"{person.id} is aboard {vessel.id} ({deployment.id}) on {view.date} "
                f"against a {restriction.kind.value} restriction on their medical: {why}",
                details={"deployment": deployment.id, "restriction": restriction.kind.value},
            )


@builtin(
    code="MAN006",
    name="deployed-against-waiver-condition",
    severity=Severity.ERROR,
    summary="A person is aboard while a waiver granted on condition of shore duties is in force.",
    rationale="A dispensation granted on a condition holds only while the condition is "
    "kept: a waiver of an expired medical on condition of shore duties only does not "
    "cover sea service, and the finding it waives stands for the days aboard.",
    source="good practice; seed C2",
    example="BF1017 is aboard vigilant (D-0041) on 2021-03-31 while waiver W-2021-003 "
    "(shore duties only) is in force.",
    fix="Take the person off the deployment (the deployment's `absent`), or end the waiver.",
    each=CONDITIONALLY_WAIVED,
)
def deployed_against_waiver_condition(person: Person, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    conditional = [
        w
        for w in view.conditional_waivers_of(person.id)
        if w.condition is WaiverCondition.SHORE_DUTIES_ONLY and view.waiver_in_force(w)
    ]
    if not conditional:
        return
    aboard = view.aboard(person)
    if not aboard:
        return
    for waiver in conditional:
        yield ctx.about_person(
            person,
            f"{person.id} is aboard ({_aboard_words(aboard)}) on {view.date} while waiver "
            f"{waiver.id} (shore duties only) is in force",
            details={"waiver": waiver.id, "deployments": [d.id for d in aboard]},
        )


def _on_a_vessel_ever_out_of_service(facts: Facts, deployment: Deployment) -> bool:
    return deployment.vessel in facts.vessels_ever_out_of_service()


ON_VESSELS_OUT_OF_SERVICE = Subjects(
    "deployments on a vessel that is in refit, laid up or decommissioned at some time",
    ("deployment",),
    among=_on_a_vessel_ever_out_of_service,
)


_OUT_OF_SERVICE = {
    VesselStatus.REFIT: "in refit",
    VesselStatus.LAID_UP: "laid up",
    VesselStatus.DECOMMISSIONED: "decommissioned",
}


@builtin(
    code="MAN007",
    name="deployed-on-vessel-out-of-service",
    severity=Severity.ERROR,
    summary="A deployment puts people aboard a vessel in refit, laid up or decommissioned.",
    rationale="A vessel in refit or laid up is not in service: a deployment aboard it on "
    "the date is either a wrong record or sea time that was not served. A vessel in "
    "maintenance may go to sea for trials and is not reported.",
    source="good practice",
    example="Deployment D-0102 puts vigilant-a aboard vigilant on 2020-02-01, while HMC "
    "Vigilant is in refit.",
    fix="Correct the deployment's dates or vessel, or the vessel's status.",
    each=ON_VESSELS_OUT_OF_SERVICE,
)
def deployed_on_vessel_out_of_service(deployment: Deployment, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    vessel = view.fleet.vessel(deployment.vessel)
    if vessel is None or not view.covers(deployment.start, deployment.end):
        return
    status = view.vessel_status(vessel)
    if status.deployable:
        return
    who = f"crew {deployment.crew}" if deployment.crew else deployment.person
    yield ctx.finding(
        Subject("deployment", deployment.id),
        f"deployment {deployment.id} puts {who} aboard {vessel.id} on {view.date}, while "
        f"{vessel.name} is {_OUT_OF_SERVICE[status]}",
        details={"vessel": vessel.id, "status": status.value},
    )
