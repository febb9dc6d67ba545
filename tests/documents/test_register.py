"""The SEMS register on the example fleet and on small hand-built fleets."""

from __future__ import annotations

import pytest

import maritime_crew as mc
from maritime_crew.documents import ActionState, register

from .builders import D, document, version
from .conftest import AS_OF


class TestExampleFleet:
    def test_the_overdue_sop_review(self, example: mc.model.Fleet) -> None:
        entry = register(example, AS_OF).entry("SOP-FIRE-01")
        assert entry is not None
        assert (entry.version, entry.effective, entry.approved_by, entry.approved_on) == (
            "1.2",
            D(2019, 11, 20),
            "Head of Maritime Operations",
            D(2019, 11, 11),
        )
        assert (entry.last_reviewed, entry.review_due) == (D(2019, 11, 20), D(2020, 11, 20))
        assert (entry.overdue, entry.days_overdue) == (True, 131)
        assert entry.open_actions == ()

    def test_only_sop_fire_01_is_overdue(self, example: mc.model.Fleet) -> None:
        assert [e.document for e in register(example, AS_OF).overdue] == ["SOP-FIRE-01"]

    def test_a_recorded_review_moves_the_due_date(self, example: mc.model.Fleet) -> None:
        entry = register(example, AS_OF).entry("SOP-POB-01")
        assert entry is not None
        assert (entry.version, entry.effective) == ("1.0", D(2017, 5, 1))
        assert (entry.last_reviewed, entry.review_due, entry.overdue) == (
            D(2020, 5, 18),
            D(2021, 5, 18),
            False,
        )
        assert entry.days_overdue is None

    def test_open_actions_are_listed_against_their_documents(self, example: mc.model.Fleet) -> None:
        table = register(example, AS_OF)
        open_by_document = {
            e.document: [(a.finding, a.state) for a in e.open_actions]
            for e in table.entries
            if e.open_actions
        }
        assert open_by_document == {
            "SOP-SAR-01": [("DBF-2020-009-1", ActionState.OVERDUE)],
            "RA-BRD-01": [("DBF-2021-005-1", ActionState.OPEN)],
            "PRO-KIT-01": [("DBF-2021-008-1", ActionState.OPEN)],
        }

    def test_the_sop_whose_loop_closed_has_its_new_version_and_no_open_action(
        self, example: mc.model.Fleet
    ) -> None:
        entry = register(example, AS_OF).entry("SOP-BRD-01")
        assert entry is not None
        assert (entry.version, entry.effective, entry.review_due) == (
            "2.1",
            D(2020, 9, 15),
            D(2021, 9, 15),
        )
        assert entry.open_actions == ()

    def test_on_an_earlier_date_the_register_shows_the_earlier_state(
        self, example: mc.model.Fleet
    ) -> None:
        table = register(example, "2020-09-14")
        brd = table.entry("SOP-BRD-01")
        assert brd is not None
        assert brd.version == "2.0"
        assert [a.finding for a in brd.open_actions] == ["DBF-2020-004-1"]
        fire = table.entry("SOP-FIRE-01")
        assert fire is not None
        assert not fire.overdue

    def test_records_are_plain(self, example: mc.model.Fleet) -> None:
        records = {r["document"]: r for r in register(example, AS_OF).to_records()}
        assert len(records) == len(example.documents)
        assert records["SOP-SAR-01"]["open_actions"] == ["DBF-2020-009-1"]
        assert records["SOP-SAR-01"]["overdue_actions"] == ["DBF-2020-009-1"]
        assert records["RA-BRD-01"]["overdue_actions"] == []
        assert records["SOP-FIRE-01"]["review_due"] == "2020-11-20"
        assert records["SOP-FIRE-01"]["review_interval"] == "P12M"
        assert records["SOP-FIRE-01"]["kind"] == "sop"


class TestFilters:
    def test_by_kind(self, example: mc.model.Fleet) -> None:
        table = register(example, AS_OF, kind="risk-assessment")
        assert [e.document for e in table.entries] == ["RA-BRD-01", "RA-SBO-01"]
        same = register(example, AS_OF, kind=mc.model.DocumentKind.RISK_ASSESSMENT)
        assert same == table

    def test_by_owner(self, example: mc.model.Fleet) -> None:
        table = register(example, AS_OF, owner="Marine Engineering Lead")
        assert [e.document for e in table.entries] == ["SOP-FIRE-01", "SOP-ENG-01"]

    def test_by_vessel_keeps_fleet_wide_documents(self, example: mc.model.Fleet) -> None:
        nimrod = [e.document for e in register(example, AS_OF, vessel="nimrod").entries]
        seeker = [e.document for e in register(example, AS_OF, vessel="seeker").entries]
        assert "SOP-RES-01" not in nimrod  # applies to five named vessels only
        assert "SOP-RES-01" in seeker
        assert set(seeker) - set(nimrod) == {"SOP-RES-01"}
        assert "POL-SEMS-01" in nimrod  # no vessels: fleet-wide

    def test_filters_combine(self, example: mc.model.Fleet) -> None:
        table = register(example, AS_OF, kind="sop", owner="Kit Manager")
        assert table.entries == ()

    def test_an_unknown_kind_is_an_error(self, example: mc.model.Fleet) -> None:
        with pytest.raises(ValueError, match="'manual'"):
            register(example, AS_OF, kind="manual")


class TestHandBuilt:
    def test_due_on_the_date_is_not_overdue_and_the_default_interval_applies(self) -> None:
        fleet = mc.model.Fleet(
            documents=(
                document(
                    "GUI-1",
                    version("1.0", "approved", D(2020, 3, 31), approved_by="Director"),
                ),
            )
        )
        entry = register(fleet, AS_OF).entries[0]
        assert (entry.review_interval, entry.review_due, entry.overdue) == (
            mc.model.Period(months=12),
            D(2021, 3, 31),
            False,
        )
        later = register(fleet, "2021-04-01").entries[0]
        assert (later.overdue, later.days_overdue) == (True, 1)
        longer = register(fleet, "2021-04-01", default_interval=mc.model.Period(months=24))
        assert longer.entries[0].review_due == D(2022, 3, 31)

    def test_a_document_with_only_a_draft_has_no_version_and_no_review(self) -> None:
        fleet = mc.model.Fleet(documents=(document("RA-1", version("0.1", "draft")),))
        entry = register(fleet, AS_OF).entries[0]
        assert (entry.version, entry.effective, entry.approved_by) == (None, None, None)
        assert (entry.review_due, entry.overdue, entry.days_overdue) == (None, False, None)

    def test_a_future_version_is_not_yet_in_force(self) -> None:
        fleet = mc.model.Fleet(
            documents=(
                document(
                    "SOP-1",
                    version("1.0", "superseded", D(2019, 1, 1)),
                    version("2.0", "approved", D(2021, 4, 1), supersedes="1.0"),
                ),
            )
        )
        assert register(fleet, AS_OF).entries[0].version == "1.0"
        assert register(fleet, "2021-04-01").entries[0].version == "2.0"


def test_the_analyses_are_public() -> None:
    from maritime_crew import documents

    assert mc.documents is documents
    assert documents.register is register
    for name in documents.__all__:
        assert not name.startswith("_")
        assert getattr(documents, name) is not None
