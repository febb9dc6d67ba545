"""EQP rules: role kit issued, sizes, servicing, shelf life, withdrawn and failed items."""

from __future__ import annotations

from typing import Any

import maritime_crew as mc

from .builders import D, crew, fleet, messages, person, role, run, vessel

WITHDRAWN = mc.model.ItemStatus.WITHDRAWN
LOST = mc.model.ItemStatus.LOST
FAIL = mc.model.ServiceResult.FAIL

BOARDING = role("boarding-officer", kit=("dry-suit",))
# A dry suit's pressure test: every 3 years, every 2 years from age 10.
BANDED = mc.model.AgeSchedule(
    (mc.model.AgeBand(mc.model.Period(years=3), 0), mc.model.AgeBand(mc.model.Period(years=2), 10))
)
DRY_SUIT = mc.model.EquipmentType(
    "dry-suit",
    "Dry suit",
    sizes=("S", "M", "L"),
    services=(mc.model.ServiceSchedule("pressure-test", mc.model.AgeSchedule.fixed("P3Y")),),
)
ARMOUR = mc.model.EquipmentType("body-armour", "Body armour", shelf_life=mc.model.Period(years=5))
PLB = mc.model.EquipmentType("plb", "PLB")


def suit(id: str = "DS-1", **fields: Any) -> mc.model.EquipmentItem:
    return mc.model.EquipmentItem(id, fields.pop("type", "dry-suit"), **fields)


def kit(
    *items: mc.model.EquipmentItem,
    issues: tuple[mc.model.Issue, ...] | None = None,
    types: tuple[mc.model.EquipmentType, ...] = (DRY_SUIT, ARMOUR, PLB),
    **fields: Any,
) -> mc.model.Fleet:
    """BF1, a boarding officer in Vigilant A, issued every item on 2020-01-01 unless told."""
    if issues is None:
        issues = tuple(mc.model.Issue(item.id, D(2020, 1, 1)) for item in items)
    fields.setdefault("duty_roles", ("boarding-officer",))
    return fleet(
        people=[person("BF1", crew="vigilant-a", issues=issues, **fields)],
        crews=[crew("vigilant-a")],
        vessels=[vessel("vigilant")],
        duty_roles=[BOARDING, role("coxswain", kit=("dry-suit",))],
        equipment_types=types,
        equipment_items=items,
    )


class TestKitNotIssued:
    def test_fires_when_no_item_of_the_type_is_held(self) -> None:
        (finding,) = run(kit(), "EQP001")
        assert finding.message == (
            "BF1 holds no Dry suit in service on 2021-03-31, required by duty role boarding-officer"
        )
        assert finding.details == {
            "equipment_type": "dry-suit",
            "required_by": ["duty role boarding-officer"],
            "unusable_items": [],
        }
        assert (finding.vessel, finding.crew) == ("vigilant", "vigilant-a")

    def test_an_issued_item_in_service_passes(self) -> None:
        assert run(kit(suit()), "EQP001") == []

    def test_a_withdrawn_item_does_not_count_and_is_named(self) -> None:
        data = kit(suit(status=WITHDRAWN, status_date=D(2021, 1, 10)))
        assert messages(run(data, "EQP001")) == [
            "BF1 holds no Dry suit in service on 2021-03-31, required by duty role "
            "boarding-officer; DS-1 issued to them is withdrawn since 2021-01-10"
        ]
        assert run(data, "EQP001", as_of=D(2021, 1, 9)) == []

    def test_the_return_day_is_not_held(self) -> None:
        returned_today = kit(
            suit(), issues=(mc.model.Issue("DS-1", D(2020, 1, 1), D(2021, 3, 31)),)
        )
        assert len(run(returned_today, "EQP001")) == 1
        returned_tomorrow = kit(
            suit(), issues=(mc.model.Issue("DS-1", D(2020, 1, 1), D(2021, 4, 1)),)
        )
        assert run(returned_tomorrow, "EQP001") == []

    def test_kit_handed_in_on_the_leaving_day_is_not_required_that_day(self) -> None:
        issues = (mc.model.Issue("DS-1", D(2020, 1, 1), D(2021, 3, 31)),)
        assert run(kit(suit(), issues=issues, left=D(2021, 3, 31)), "EQP001") == []
        staying = kit(suit(), issues=issues, left=D(2021, 4, 30))
        assert len(run(staying, "EQP001")) == 1

    def test_one_finding_for_a_type_two_roles_require(self) -> None:
        data = kit(duty_roles=("boarding-officer", "coxswain"))
        assert messages(run(data, "EQP001")) == [
            "BF1 holds no Dry suit in service on 2021-03-31, required by duty role "
            "boarding-officer and duty role coxswain"
        ]

    def test_unknown_roles_and_types_and_people_who_left_are_skipped(self) -> None:
        assert run(kit(duty_roles=("no-such-role",)), "EQP001") == []
        assert run(kit(types=()), "EQP001") == []
        assert run(kit(left=D(2021, 1, 1)), "EQP001") == []


class TestKitWrongSize:
    def test_fires_for_a_different_size(self) -> None:
        data = kit(suit(size="M"), sizes=(mc.model.Size("dry-suit", "L"),))
        (finding,) = run(data, "EQP002")
        assert finding.message == "Dry suit DS-1 issued to BF1 is size M; BF1's recorded size is L"
        assert finding.details == {
            "item": "DS-1",
            "equipment_type": "dry-suit",
            "item_size": "M",
            "person_size": "L",
        }
        assert finding.severity is mc.rules.Severity.WARNING

    def test_the_right_size_passes(self) -> None:
        assert run(kit(suit(size="L"), sizes=(mc.model.Size("dry-suit", "L"),)), "EQP002") == []

    def test_unknown_sizes_are_skipped(self) -> None:
        assert run(kit(suit(size="M")), "EQP002") == []
        assert run(kit(suit(), sizes=(mc.model.Size("dry-suit", "L"),)), "EQP002") == []

    def test_one_size_types_and_returned_items_are_skipped(self) -> None:
        one_size = mc.model.EquipmentType("dry-suit", "Dry suit")
        data = kit(suit(size="M"), sizes=(mc.model.Size("dry-suit", "L"),), types=(one_size,))
        assert run(data, "EQP002") == []
        returned = kit(
            suit(size="M"),
            issues=(mc.model.Issue("DS-1", D(2020, 1, 1), D(2021, 1, 1)),),
            sizes=(mc.model.Size("dry-suit", "L"),),
        )
        assert run(returned, "EQP002") == []


def passed(date: D, kind: str = "pressure-test", **fields: Any) -> mc.model.ServiceEvent:
    return mc.model.ServiceEvent(kind, date, **fields)


class TestServiceOverdue:
    def test_fires_with_the_last_service_interval_and_due_date(self) -> None:
        item = suit(manufactured=D(2015, 1, 15), services=(passed(D(2018, 1, 15)),))
        (finding,) = run(kit(item), "EQP003")
        assert finding.message == (
            "Dry suit DS-1, issued to BF1, was due its pressure-test on "
            "2021-01-15, 75 days before 2021-03-31; "
            "last pressure-test: 2018-01-15; every P3Y"
        )
        assert finding.subject == mc.model.Subject("equipment_item", "DS-1")
        assert (finding.vessel, finding.crew) == ("vigilant", "vigilant-a")
        assert finding.details == {
            "holder": "BF1",
            "service": "pressure-test",
            "due": "2021-01-15",
            "days_overdue": 75,
            "last": "2018-01-15",
            "manufactured": "2015-01-15",
            "interval": "P3Y",
            "age_on_due_date": 6,
        }

    def test_due_on_the_check_date_is_not_overdue(self) -> None:
        item = suit(manufactured=D(2015, 1, 15), services=(passed(D(2018, 3, 31)),))
        assert run(kit(item), "EQP003") == []
        assert messages(run(kit(item), "EQP003", as_of=D(2021, 4, 1))) == [
            "Dry suit DS-1, issued to BF1, was due its pressure-test on "
            "2021-03-31, 1 day before 2021-04-01; "
            "last pressure-test: 2018-03-31; every P3Y"
        ]

    def test_never_serviced_counts_from_manufacture(self) -> None:
        item = suit(manufactured=D(2017, 6, 1))
        assert messages(run(kit(item), "EQP003")) == [
            "Dry suit DS-1, issued to BF1, was due its pressure-test on "
            "2020-06-01, 303 days before 2021-03-31; "
            "last pressure-test: never, manufactured on 2017-06-01; every P3Y"
        ]

    def test_a_failed_service_does_not_reset_the_clock(self) -> None:
        item = suit(
            manufactured=D(2015, 1, 15),
            services=(passed(D(2018, 1, 15)), passed(D(2021, 1, 10), result=FAIL)),
        )
        (finding,) = run(kit(item), "EQP003")
        assert finding.details["last"] == "2018-01-15"

    def test_age_banded_interval_names_the_age(self) -> None:
        banded = mc.model.EquipmentType(
            "dry-suit", "Dry suit", services=(mc.model.ServiceSchedule("pressure-test", BANDED),)
        )
        # Tested at 9: the 2-year band applies once the suit is 10, so due at 11.
        item = suit(manufactured=D(2009, 6, 1), services=(passed(D(2018, 6, 1)),))
        assert messages(run(kit(item, types=(banded,)), "EQP003")) == [
            "Dry suit DS-1, issued to BF1, was due its pressure-test on "
            "2020-06-01, 303 days before 2021-03-31; "
            "last pressure-test: 2018-06-01; every P2Y for an item aged 11 on the due date "
            "(P3Y from age 0, P2Y from age 10)"
        ]
        unknown_age = suit(services=(passed(D(2018, 6, 1)),))
        assert messages(run(kit(unknown_age, types=(banded,)), "EQP003")) == [
            "Dry suit DS-1, issued to BF1, was due its pressure-test on "
            "2020-06-01, 303 days before 2021-03-31; "
            "last pressure-test: 2018-06-01; every P2Y (the shortest of P3Y from age 0, P2Y "
            "from age 10, as its age is unknown)"
        ]

    def test_stock_items_only_with_include_unissued(self) -> None:
        item = suit(manufactured=D(2015, 1, 15))
        stock = kit(item, issues=())
        assert run(stock, "EQP003") == []
        (finding,) = run(stock, "EQP003", **{"include-unissued": True})
        assert finding.message.startswith("Dry suit DS-1 was due its pressure-test")
        assert finding.details["holder"] is None

    def test_withdrawn_items_and_items_without_dates_are_skipped(self) -> None:
        withdrawn = suit(manufactured=D(2015, 1, 15), status=WITHDRAWN, status_date=D(2021, 3, 31))
        assert run(kit(withdrawn), "EQP003") == []
        assert len(run(kit(withdrawn), "EQP003", as_of=D(2021, 3, 30))) == 1
        assert run(kit(suit()), "EQP003") == []


class TestPastShelfLife:
    # P5Y from 2016-02-01 runs up to and including 2021-01-31.
    ARMOUR_ITEM = suit("BA-1", type="body-armour", manufactured=D(2016, 2, 1))

    def test_fires_after_the_last_day(self) -> None:
        (finding,) = run(kit(self.ARMOUR_ITEM), "EQP004")
        assert finding.message == (
            "Body armour BA-1, issued to BF1, manufactured on 2016-02-01 with a shelf life of "
            "P5Y, reached "
            "the end of it on 2021-01-31, 59 days before 2021-03-31"
        )
        assert finding.details == {
            "holder": "BF1",
            "manufactured": "2016-02-01",
            "shelf_life": "P5Y",
            "shelf_life_end": "2021-01-31",
            "days_ago": 59,
        }

    def test_usable_through_the_last_day(self) -> None:
        assert run(kit(self.ARMOUR_ITEM), "EQP004", as_of=D(2021, 1, 31)) == []
        assert len(run(kit(self.ARMOUR_ITEM), "EQP004", as_of=D(2021, 2, 1))) == 1

    def test_stock_only_with_include_unissued_and_unknown_age_skipped(self) -> None:
        stock = kit(self.ARMOUR_ITEM, issues=())
        assert run(stock, "EQP004") == []
        assert len(run(stock, "EQP004", **{"include-unissued": True})) == 1
        assert run(kit(suit("BA-2", type="body-armour")), "EQP004") == []


class TestWithdrawnItemIssued:
    def test_fires_while_a_withdrawn_item_is_still_held(self) -> None:
        data = kit(suit(status=WITHDRAWN, status_date=D(2021, 1, 10)))
        (finding,) = run(data, "EQP005")
        assert finding.message == (
            "Dry suit DS-1 was withdrawn on 2021-01-10 but is still issued to BF1 "
            "(since 2020-01-01) on 2021-03-31"
        )
        assert finding.details == {
            "status": "withdrawn",
            "status_date": "2021-01-10",
            "holder": "BF1",
            "issued": "2020-01-01",
        }
        assert (finding.vessel, finding.crew) == ("vigilant", "vigilant-a")

    def test_status_takes_effect_on_its_date(self) -> None:
        data = kit(suit(status=WITHDRAWN, status_date=D(2021, 3, 31)))
        assert len(run(data, "EQP005")) == 1
        assert run(data, "EQP005", as_of=D(2021, 3, 30)) == []

    def test_lost_without_a_date(self) -> None:
        assert messages(run(kit(suit(status=LOST)), "EQP005")) == [
            "Dry suit DS-1 was lost (date not recorded) but is still issued to BF1 "
            "(since 2020-01-01) on 2021-03-31"
        ]

    def test_returned_and_in_service_items_pass(self) -> None:
        returned = kit(
            suit(status=WITHDRAWN, status_date=D(2021, 1, 10)),
            issues=(mc.model.Issue("DS-1", D(2020, 1, 1), D(2021, 1, 10)),),
        )
        assert run(returned, "EQP005") == []
        assert run(kit(suit()), "EQP005") == []


class TestItemPastMarkedDate:
    BEACON = suit("PLB-1", type="plb", expires=D(2021, 2, 28))

    def test_fires_after_the_marked_date(self) -> None:
        (finding,) = run(kit(self.BEACON), "EQP006")
        assert finding.message == (
            "PLB PLB-1, issued to BF1, passed the date marked on it, 2021-02-28, 31 days before "
            "2021-03-31"
        )
        assert finding.details == {"holder": "BF1", "marked_date": "2021-02-28", "days_ago": 31}

    def test_usable_through_the_marked_date(self) -> None:
        assert run(kit(self.BEACON), "EQP006", as_of=D(2021, 2, 28)) == []
        assert len(run(kit(self.BEACON), "EQP006", as_of=D(2021, 3, 1))) == 1

    def test_stock_only_with_include_unissued(self) -> None:
        stock = kit(self.BEACON, issues=())
        assert run(stock, "EQP006") == []
        assert len(run(stock, "EQP006", **{"include-unissued": True})) == 1


class TestServiceFailed:
    def test_fires_when_the_latest_service_failed(self) -> None:
        item = suit(
            services=(
                passed(D(2019, 1, 1)),
                passed(D(2021, 2, 1), result=FAIL, notes="seam leak"),
            )
        )
        (finding,) = run(kit(item), "EQP007")
        assert finding.message == (
            "Dry suit DS-1, issued to BF1, failed its pressure-test on 2021-02-01 (seam leak) "
            "and has not "
            "passed one since, as of 2021-03-31"
        )
        assert finding.details == {
            "holder": "BF1",
            "service": "pressure-test",
            "failed": "2021-02-01",
            "by": None,
            "notes": "seam leak",
        }

    def test_a_later_pass_clears_it(self) -> None:
        item = suit(services=(passed(D(2021, 2, 1), result=FAIL), passed(D(2021, 3, 1))))
        assert run(kit(item), "EQP007") == []
        # The retest is dated after the check date: not yet passed.
        assert len(run(kit(item), "EQP007", as_of=D(2021, 2, 28))) == 1

    def test_a_pass_the_same_day_after_the_failure_clears_it(self) -> None:
        item = suit(services=(passed(D(2021, 2, 1), result=FAIL), passed(D(2021, 2, 1))))
        assert run(kit(item), "EQP007") == []

    def test_failures_after_the_check_date_or_of_unscheduled_kinds_are_skipped(self) -> None:
        later = suit(services=(passed(D(2021, 4, 1), result=FAIL),))
        assert run(kit(later), "EQP007") == []
        other = suit(services=(passed(D(2021, 2, 1), "visual-check", result=FAIL),))
        assert run(kit(other), "EQP007") == []

    def test_stock_only_with_include_unissued(self) -> None:
        stock = kit(suit(services=(passed(D(2021, 2, 1), result=FAIL),)), issues=())
        assert run(stock, "EQP007") == []
        assert len(run(stock, "EQP007", **{"include-unissued": True})) == 1
