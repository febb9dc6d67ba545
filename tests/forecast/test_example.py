"""The 90-day forecast of the example fleet names the real items due (issue 5)."""

from __future__ import annotations

import pendulum

import maritime_crew as mc
from maritime_crew.forecast import DueKind

D = pendulum.Date


def find(result: mc.forecast.Forecast, kind: DueKind, subject: str) -> list[mc.forecast.DueItem]:
    return [item for item in result.items if item.kind is kind and item.subject.id == subject]


def test_ninety_days_from_the_end_of_march_2021(example: mc.model.Fleet) -> None:
    due = mc.forecast.forecast(example, "2021-03-31", "90d")
    assert (due.as_of, due.until) == (D(2021, 3, 31), D(2021, 6, 29))

    (eng1,) = [
        i
        for i in find(due, DueKind.CERTIFICATE_EXPIRY, "BF1010")
        if i.details["certificate_type"] == "eng1"
    ]
    assert eng1.date == D(2021, 4, 22)
    assert eng1.details["required"] is True

    (master,) = find(due, DueKind.CERTIFICATE_EXPIRY, "BF1073")
    assert master.date == D(2021, 5, 20)
    assert "STCW II/2 master" in master.description
    assert (master.vessel, master.crew, master.person) == ("valiant", "valiant-a", "BF1073")

    (safety,) = find(due, DueKind.TRAINING_EXPIRY, "BF1124")
    assert (safety.date, safety.details["course"]) == (D(2021, 4, 30), "officer-safety")
    assert safety.details["required_by"] == ["duty role boarding-officer"]

    (terms,) = find(due, DueKind.TERMS_EFFECTIVE, "tc-2021")
    assert terms.date == D(2021, 4, 1)
    assert terms.details["supersedes"] == "tc-2012"

    (kit,) = find(due, DueKind.DEBRIEF_ACTION, "DBF-2021-008-1")
    assert (kit.date, kit.details["document"], kit.vessel) == (
        D(2021, 4, 30),
        "PRO-KIT-01",
        "alert",
    )
    (risk,) = find(due, DueKind.DEBRIEF_ACTION, "DBF-2021-005-1")
    assert (risk.date, risk.details["document"]) == (D(2021, 5, 31), "RA-BRD-01")

    (review,) = find(due, DueKind.DOCUMENT_REVIEW, "SOP-POB-01")
    assert review.date == D(2021, 5, 18)

    (armour,) = find(due, DueKind.SERVICE_DUE, "BA-0074")
    assert (armour.date, armour.person, armour.details["service"]) == (
        D(2021, 4, 15),
        "BF1138",
        "inspection",
    )
    helmets = due.of_kind(DueKind.SHELF_LIFE_END)
    assert len(helmets) >= 30
    assert all(i.date <= D(2021, 6, 29) and i.person is not None for i in helmets)


def test_overdue_items_are_left_to_check(example: mc.model.Fleet) -> None:
    due = mc.forecast.forecast(example, "2021-03-31", 90)
    subjects = {item.subject.id for item in due.items}
    # DOC006: overdue since 2021-01-31; EQP003: overdue since 2020-05-10; DOC001.
    assert {"DBF-2020-009-1", "DS-0038", "SOP-FIRE-01"}.isdisjoint(subjects)
    assert all(item.date >= due.as_of for item in due.items)


def test_equipment_dates_agree_with_the_rules_a_day_later(example: mc.model.Fleet) -> None:
    """Every service forecast as due on a date is overdue (EQP003) the day after."""
    due = mc.forecast.forecast(example, "2021-03-31", 90)
    services = due.of_kind(DueKind.SERVICE_DUE)
    assert services
    first = min(services, key=lambda i: i.date)
    on_the_day = mc.check(example, as_of=first.date)
    after = mc.check(example, as_of=first.date.add(days=1))

    def overdue(report: mc.rules.Report) -> set[str]:
        return {f.subject.id for f in report.findings if f.code == "EQP003"}

    assert first.subject.id not in overdue(on_the_day)
    assert first.subject.id in overdue(after)
