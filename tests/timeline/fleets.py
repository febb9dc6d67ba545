"""Small, coherent random fleets for timeline tests.

Dates cluster around the timeline's range so that certificates expire, kit is issued and
returned, services fall due, versions take effect and waivers start and end inside it.
"""

from __future__ import annotations

from typing import Any

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


@st.composite
def fleets(draw: st.DrawFn) -> mc.Fleet:
    """A fleet of one or two vessels with people, kit, documents, operations and waivers."""
    vessels = [vessel("vigilant"), vessel("searcher")][: draw(st.integers(1, 2))]
    crews = [crew(f"{v.id}-a", v.id) for v in vessels]
    cert_types = [certificate_type("stcw-bst", "P1Y"), certificate_type("eng-coc")]
    courses = [course("sea-survival", "P6M"), course("boarding")]
    roles = [
        role("boarding-officer", certificates=("stcw-bst",), courses=("boarding",), kit=("lj",)),
        role("engineer", certificates=("eng-coc",), courses=("sea-survival",)),
    ]
    kit_types = [
        mc.EquipmentType(
            id="lj",
            name="Lifejacket",
            services=(mc.ServiceSchedule("inspection", mc.AgeSchedule.fixed("P3M")),),
            shelf_life=mc.Period.parse("P2Y"),
        )
    ]
    items = []
    for number in range(draw(st.integers(0, 3))):
        services = tuple(
            mc.ServiceEvent("inspection", draw(near), draw(st.sampled_from(list(mc.ServiceResult))))
            for _ in range(draw(st.integers(0, 2)))
        )
        status = draw(st.sampled_from(list(mc.ItemStatus)))
        items.append(
            mc.EquipmentItem(
                id=f"LJ{number}",
                type="lj",
                manufactured=draw(_maybe(near)),
                expires=draw(_maybe(near)),
                status=status,
                status_date=None if status is mc.ItemStatus.IN_SERVICE else draw(near),
                services=services,
            )
        )
    people = []
    for number in range(draw(st.integers(1, 3))):
        certificates = []
        for kind in draw(st.lists(st.sampled_from(["stcw-bst", "eng-coc"]), max_size=2)):
            issued = draw(near)
            expires = draw(_maybe(st.integers(1, 400).map(lambda n, d=issued: d.add(days=n))))
            certificates.append(mc.Certificate(kind, issued, expires=expires))
        training = [
            mc.TrainingRecord(name, draw(near))
            for name in draw(st.lists(st.sampled_from(["sea-survival", "boarding"]), max_size=2))
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
            issues.append(mc.Issue(item.id, issued, returned))
        joined = draw(_maybe(near))
        people.append(
            person(
                f"BF{number}",
                crew=draw(st.sampled_from(crews)).id,
                joined=joined,
                left=draw(_maybe(near.filter(lambda d, j=joined: j is None or d >= j))),
                duty_roles=tuple(
                    draw(st.lists(st.sampled_from([r.id for r in roles]), unique=True))
                ),
                certificates=tuple(certificates),
                training=tuple(training),
                issues=tuple(issues),
            )
        )
    versions = []
    for number in range(draw(st.integers(0, 3))):
        versions.append(
            mc.DocumentVersion(
                label=f"v{number + 1}",
                status=draw(st.sampled_from(list(mc.VersionStatus))),
                effective=draw(_maybe(near)),
                approved_on=draw(_maybe(near)),
                approved_by="Director",
                supersedes=f"v{number}" if number else None,
                addresses=tuple(draw(st.lists(st.sampled_from(["F1", "F2"]), unique=True))),
            )
        )
    documents = [
        mc.Document(
            id="SOP-1",
            kind=mc.DocumentKind.SOP,
            title="Boarding",
            owner="Ops",
            review_interval=draw(_maybe(st.sampled_from(["P1Y", "P90D"]).map(mc.Period.parse))),
            vessels=(vessels[0].id,),
            versions=tuple(versions),
            reviews=tuple(mc.DocumentReview(draw(near)) for _ in range(draw(st.integers(0, 1)))),
        )
    ]
    operations, debriefs = [], []
    for number in range(draw(st.integers(0, 2))):
        start = draw(near)
        operations.append(
            mc.Operation(
                id=f"OP{number}",
                vessel=draw(st.sampled_from(vessels)).id,
                kind="boarding",
                start=start,
                end=draw(_maybe(st.integers(0, 10).map(lambda n, d=start: d.add(days=n)))),
            )
        )
        if draw(st.booleans()):
            debriefs.append(
                mc.Debrief(
                    id=f"DB{number}",
                    operation=f"OP{number}",
                    date=start.add(days=draw(st.integers(0, 40))),
                    findings=tuple(
                        mc.DebriefFinding(
                            id=f"F{k + 1}",
                            summary="Ladder",
                            document="SOP-1",
                            action=draw(st.sampled_from(list(mc.ActionKind))),
                            due=draw(_maybe(near)),
                        )
                        for k in range(draw(st.integers(0, 2)))
                    ),
                )
            )
    deployments = [
        mc.Deployment(
            id=f"DEP{number}",
            vessel=draw(st.sampled_from(vessels)).id,
            start=(start := draw(near)),
            end=draw(_maybe(st.integers(0, 30).map(lambda n, d=start: d.add(days=n)))),
            person=draw(st.sampled_from(people)).id,
        )
        for number in range(draw(st.integers(0, 2)))
    ]
    waivers = []
    for number in range(draw(st.integers(0, 2))):
        granted = draw(near)
        waivers.append(
            mc.Waiver(
                id=f"W{number}",
                rule=draw(st.sampled_from(["CERT001", "CERT002", "certificate-missing-for-role"])),
                subject=mc.Subject("person", draw(st.sampled_from(people)).id),
                reason="Dispensation",
                granted_by="Director",
                granted_on=granted,
                expires=draw(_maybe(st.integers(0, 60).map(lambda n, d=granted: d.add(days=n)))),
            )
        )
    return mc.Fleet(
        vessels=tuple(vessels),
        crews=tuple(crews),
        people=tuple(people),
        deployments=tuple(deployments),
        certificate_types=tuple(cert_types),
        courses=tuple(courses),
        duty_roles=tuple(roles),
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
