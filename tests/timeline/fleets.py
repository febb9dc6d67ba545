"""Small, coherent random fleets for timeline tests.

Dates cluster around the timeline's range so that certificates expire, kit is issued and
returned, services fall due, versions take effect and waivers start and end inside it.
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
from hypothesis import strategies as st

import maritime_crew as mc
from tests.rules.builders import certificate_type, course, crew, person, role, vessel

BASE = pendulum.Date(2021, 1, 1)


def _day(offset: int) -> pendulum.Date:
    return BASE.add(days=offset)


near = st.integers(min_value=-500, max_value=250).map(_day)
"""A date from well before to a little after the range (which starts at BASE + 0..60)."""


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _spans() -> st.SearchStrategy[tuple[pendulum.Date, pendulum.Date]]:
    """A first and last day (inclusive), both near the range."""
    return st.tuples(near, st.integers(0, 60)).map(
        lambda pair: (pair[0], pair[0].add(days=pair[1]))
    )


@st.composite
def fleets(draw: st.DrawFn) -> mc.model.Fleet:
    """A fleet of one or two vessels with people, kit, documents, operations and waivers."""
    complement = (mc.model.RoleCount("boarding-officer", draw(st.integers(0, 2))),)
    size = draw(st.sampled_from([None, 1, 3]))
    status = tuple(
        mc.model.StatusSpell(draw(st.sampled_from(list(mc.model.VesselStatus))), first, last)
        for first, last in draw(st.lists(_spans(), max_size=2))
    )
    vessels = [
        vessel("vigilant", complement=complement, crew_size=size, status=status),
        vessel("searcher", type=mc.model.VesselType.CPV),
    ]
    vessels = vessels[: draw(st.integers(1, 2))]
    crews = [crew(f"{v.id}-{k}", v.id) for v in vessels for k in "ab"]
    cert_types = [
        certificate_type("eng1", "P2Y", kind=mc.model.CertificateKind.MEDICAL),
        certificate_type("stcw-bst", "P1Y"),
        certificate_type("eng-coc", kind=mc.model.CertificateKind.COMPETENCY),
        # a higher certificate of competency: it counts for eng-coc while valid
        certificate_type(
            "eng-coc-2", "P1Y", kind=mc.model.CertificateKind.COMPETENCY, supersedes=("eng-coc",)
        ),
    ]
    courses = [
        course("sea-survival", "P6M"),
        course("boarding", trainer_courses=("instructor",), trainer_certificates=("eng-coc",)),
        course("instructor", "P1Y"),
    ]
    pathways = [
        mc.model.Pathway(
            id="deck",
            name="Deck",
            discipline=mc.model.Discipline.DECK,
            grades=(
                mc.model.Grade(id="rating", name="Rating"),
                mc.model.Grade(
                    id="leading-hand",
                    name="Leading hand",
                    sea_time_days=20,
                    certificates=("stcw-bst",),
                    courses=("sea-survival",),
                ),
            ),
        )
    ]
    terms = [
        mc.model.TermsAndConditions(
            id="tc-1",
            title="Terms",
            status=mc.model.TermsStatus.IN_FORCE,
            effective=draw(_maybe(near)),
            rest_profile=draw(st.sampled_from(sorted(mc.model.BUILTIN_REST_PROFILES))),
            business_year=draw(
                st.sampled_from([None, mc.model.BusinessYear(2020), mc.model.BusinessYear(2021)])
            ),
            working_pattern=mc.model.WorkingPattern(
                days_on=14,
                days_off=14,
                max_consecutive_days_at_sea=draw(st.integers(5, 25)),
                rest_days_after_tour=draw(_maybe(st.integers(1, 10))),
            ),
        )
    ]
    # a role that may ask for practice: one launch a month, or two in 45 days
    currency = draw(
        st.sampled_from(
            [
                (),
                (mc.model.Currency("launch", mc.model.Period(months=1)),),
                (mc.model.Currency("launch", mc.model.Period(days=45), count=2),),
            ]
        )
    )
    roles = [
        role(
            "boarding-officer",
            certificates=("stcw-bst",),
            courses=("boarding",),
            kit=("lj",),
            currency=currency,
        ),
        role("engineer", certificates=("eng-coc",), courses=("sea-survival",)),
    ]
    kit_types = [
        mc.model.EquipmentType(
            id="lj",
            name="Lifejacket",
            services=(mc.model.ServiceSchedule("inspection", mc.model.AgeSchedule.fixed("P3M")),),
            shelf_life=mc.model.Period.parse("P2Y"),
        )
    ]
    items = []
    for number in range(draw(st.integers(0, 3))):
        services = tuple(
            mc.model.ServiceEvent(
                "inspection", draw(near), draw(st.sampled_from(list(mc.model.ServiceResult)))
            )
            for _ in range(draw(st.integers(0, 2)))
        )
        status = draw(st.sampled_from(list(mc.model.ItemStatus)))
        items.append(
            mc.model.EquipmentItem(
                id=f"LJ{number}",
                type="lj",
                manufactured=draw(_maybe(near)),
                expires=draw(_maybe(near)),
                status=status,
                status_date=None if status is mc.model.ItemStatus.IN_SERVICE else draw(near),
                services=services,
            )
        )
    people = []
    for number in range(draw(st.integers(1, 3))):
        certificates = []
        kinds = st.sampled_from(["stcw-bst", "eng-coc", "eng-coc-2", "eng1"])
        for kind in draw(st.lists(kinds, max_size=3)):
            issued = draw(near)
            expires = draw(_maybe(st.integers(1, 400).map(lambda n, d=issued: d.add(days=n))))
            medical: dict[str, Any] = {}
            if kind == "eng1":
                medical["fitness"] = draw(_maybe(st.sampled_from(list(mc.model.MedicalFitness))))
                medical["restrictions"] = tuple(
                    mc.model.Restriction(
                        draw(st.sampled_from(list(mc.model.RestrictionKind))),
                        roles=tuple(draw(st.lists(st.sampled_from([r.id for r in roles])))),
                        vessel=draw(_maybe(st.sampled_from([v.id for v in vessels]))),
                        until=draw(_maybe(near)),
                    )
                    for _ in range(draw(st.integers(0, 2)))
                )
            certificates.append(mc.model.Certificate(kind, issued, expires=expires, **medical))
        training = [
            mc.model.TrainingRecord(
                name, draw(near), trainer=draw(st.sampled_from([None, "BF0", "BF1"]))
            )
            for name in draw(
                st.lists(st.sampled_from(["sea-survival", "boarding", "instructor"]), max_size=3)
            )
        ]
        issues = []
        held = (
            draw(st.lists(st.sampled_from(items), max_size=2, unique_by=lambda i: i.id))
            if items
            else []
        )
        for item in held:
            issued = draw(near)
            returned = draw(_maybe(st.integers(1, 200).map(lambda n, d=issued: d.add(days=n))))
            issues.append(mc.model.Issue(item.id, issued, returned))
        joined = draw(_maybe(near))
        assignments = tuple(
            mc.model.TermsAssignment(
                "tc-1", start, draw(_maybe(near.filter(lambda d, s=start: d >= s)))
            )
            for start in draw(st.lists(near, max_size=1))
        )
        people.append(
            person(
                f"BF{number}",
                crew=draw(st.sampled_from(crews)).id,
                crew_since=draw(_maybe(near)),
                grade=draw(st.sampled_from([None, "rating", "leading-hand"])),
                grade_since=draw(_maybe(near)),
                terms=assignments,
                joined=joined,
                left=draw(_maybe(near.filter(lambda d, j=joined: j is None or d >= j))),
                duty_roles=tuple(
                    draw(
                        st.lists(
                            st.one_of(
                                st.sampled_from([r.id for r in roles]),
                                st.builds(
                                    mc.model.RoleHeld,
                                    st.sampled_from([r.id for r in roles]),
                                    _maybe(near),
                                    _maybe(near),
                                ),
                            ),
                            max_size=3,
                        )
                    )
                ),
                previous_crews=tuple(
                    mc.model.CrewSpell(draw(st.sampled_from(crews)).id, first, last)
                    for first, last in draw(st.lists(_spans(), max_size=2))
                ),
                absences=tuple(
                    mc.model.Absence(draw(st.sampled_from(list(mc.model.AbsenceKind))), first, last)
                    for first, last in draw(st.lists(_spans(), max_size=2))
                ),
                certificates=tuple(certificates),
                training=tuple(training),
                practice=tuple(
                    mc.model.PracticeEvent(
                        "launch", _day(draw(st.integers(-60, 150))), draw(st.integers(1, 2))
                    )
                    for _ in range(draw(st.integers(0, 3)))
                ),
                issues=tuple(issues),
            )
        )
    versions = []
    for number in range(draw(st.integers(0, 3))):
        versions.append(
            mc.model.DocumentVersion(
                label=f"v{number + 1}",
                status=draw(st.sampled_from(list(mc.model.VersionStatus))),
                effective=draw(_maybe(near)),
                withdrawn=draw(_maybe(near)),
                approved_on=draw(_maybe(near)),
                approved_by="Director",
                supersedes=f"v{number}" if number else None,
                addresses=tuple(draw(st.lists(st.sampled_from(["F1", "F2"]), unique=True))),
            )
        )
    documents = [
        mc.model.Document(
            id="SOP-1",
            kind=mc.model.DocumentKind.SOP,
            title="Boarding",
            owner="Ops",
            review_interval=draw(
                _maybe(st.sampled_from(["P1Y", "P90D"]).map(mc.model.Period.parse))
            ),
            vessels=(vessels[0].id,),
            versions=tuple(versions),
            reviews=tuple(
                mc.model.DocumentReview(draw(near)) for _ in range(draw(st.integers(0, 1)))
            ),
        )
    ]
    operations, debriefs = [], []
    for number in range(draw(st.integers(0, 2))):
        start = draw(near)
        operations.append(
            mc.model.Operation(
                id=f"OP{number}",
                vessel=draw(st.sampled_from(vessels)).id,
                kind="boarding",
                start=start,
                end=draw(_maybe(st.integers(0, 10).map(lambda n, d=start: d.add(days=n)))),
            )
        )
        if draw(st.booleans()):
            debriefs.append(
                mc.model.Debrief(
                    id=f"DB{number}",
                    operation=f"OP{number}",
                    date=start.add(days=draw(st.integers(0, 40))),
                    findings=tuple(
                        mc.model.DebriefFinding(
                            id=f"F{k + 1}",
                            summary="Ladder",
                            document="SOP-1",
                            action=draw(st.sampled_from(list(mc.model.ActionKind))),
                            due=draw(_maybe(near)),
                        )
                        for k in range(draw(st.integers(0, 2)))
                    ),
                )
            )
    deployments = []
    for number in range(draw(st.integers(0, 4))):
        start = draw(near)
        by_crew = draw(st.booleans())
        deployments.append(
            mc.model.Deployment(
                id=f"DEP{number}",
                vessel=draw(st.sampled_from(vessels)).id,
                start=start,
                end=draw(_maybe(st.integers(0, 30).map(lambda n, d=start: d.add(days=n)))),
                person=None if by_crew else draw(st.sampled_from(people)).id,
                crew=draw(st.sampled_from(crews)).id if by_crew else None,
                absent=tuple(draw(st.lists(st.sampled_from([p.id for p in people]), max_size=1)))
                if by_crew
                else (),
                cover=tuple(draw(st.lists(st.sampled_from([p.id for p in people]), max_size=1)))
                if by_crew
                else (),
            )
        )
    if people and draw(st.booleans()):  # a second record with a staff number already used
        people.append(attrs.evolve(people[0], crew=draw(st.sampled_from(crews)).id))
    work_periods = []
    if draw(st.booleans()):
        worker = draw(st.sampled_from(people)).id
        first = draw(st.integers(-10, 80))
        for day in range(draw(st.integers(1, 12))):
            begin = pendulum.datetime(2021, 1, 1, 6, tz="Europe/London").add(days=first + day)
            for _ in range(draw(st.integers(1, 3))):
                hours = draw(st.integers(1, 14))
                work_periods.append(mc.model.WorkPeriod(worker, begin, begin.add(hours=hours)))
                begin = begin.add(hours=hours + draw(st.integers(1, 8)))
    waivers = []
    for number in range(draw(st.integers(0, 2))):
        granted = draw(near)
        waivers.append(
            mc.model.Waiver(
                id=f"W{number}",
                rule=draw(st.sampled_from(["CERT001", "CERT002", "certificate-missing-for-role"])),
                subject=mc.model.Subject("person", draw(st.sampled_from(people)).id),
                reason="Dispensation",
                granted_by="Director",
                granted_on=granted,
                expires=draw(_maybe(st.integers(0, 60).map(lambda n, d=granted: d.add(days=n)))),
                condition=draw(_maybe(st.just(mc.model.WaiverCondition.SHORE_DUTIES_ONLY))),
            )
        )
    return mc.model.Fleet(
        vessels=tuple(vessels),
        crews=tuple(crews),
        people=tuple(people),
        deployments=tuple(deployments),
        certificate_types=tuple(cert_types),
        courses=tuple(courses),
        practice_kinds=(mc.model.PracticeKind("launch", "Boat launch"),),
        duty_roles=tuple(roles),
        pathways=tuple(pathways),
        terms=tuple(terms),
        work_periods=tuple(work_periods),
        equipment_types=tuple(kit_types),
        equipment_items=tuple(items),
        documents=tuple(documents),
        operations=tuple(operations),
        debriefs=tuple(debriefs),
        waivers=tuple(waivers),
    )


ranges = st.tuples(st.integers(0, 60), st.integers(14, 90)).map(
    lambda pair: (_day(pair[0]), _day(pair[0] + pair[1]))
)
"""A range of two weeks to three months starting in the first two months of 2021."""

__all__ = ["BASE", "fleets", "ranges"]
