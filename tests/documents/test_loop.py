"""The debrief loop: debriefs on time, action states and loop metrics."""

from __future__ import annotations

import pytest

import maritime_crew as mc
from maritime_crew.documents import ActionState, DebriefState, debrief_actions, debrief_loop

from .builders import D, action, debrief, document, operation, version
from .conftest import AS_OF


class TestExampleActions:
    def test_every_tracked_action_and_its_state(self, example: mc.model.Fleet) -> None:
        loop = debrief_loop(example, AS_OF)
        assert [(a.finding, a.document, a.state, a.closed, a.closed_by) for a in loop.actions] == [
            ("DBF-2020-002-1", "SOP-SBO-01", ActionState.CLOSED, D(2020, 6, 15), "1.1"),
            ("DBF-2020-004-1", "SOP-BRD-01", ActionState.CLOSED, D(2020, 9, 15), "2.1"),
            ("DBF-2020-009-1", "SOP-SAR-01", ActionState.OVERDUE, None, None),
            ("DBF-2020-011-1", "SOP-RES-01", ActionState.CLOSED, D(2020, 12, 1), "2.0"),
            ("DBF-2021-005-1", "RA-BRD-01", ActionState.OPEN, None, None),
            ("DBF-2021-008-1", "PRO-KIT-01", ActionState.OPEN, None, None),
        ]

    def test_the_closed_loop_has_its_dates(self, example: mc.model.Fleet) -> None:
        closed = debrief_loop(example, AS_OF).action("DBF-2020-004-1")
        assert closed is not None
        assert (closed.found, closed.due, closed.closed, closed.days_to_close) == (
            D(2020, 6, 8),
            D(2020, 9, 30),
            D(2020, 9, 15),
            99,
        )
        assert (closed.closed_by_document, closed.vessel) == ("SOP-BRD-01", "seeker")

    def test_the_open_overdue_action(self, example: mc.model.Fleet) -> None:
        overdue = debrief_loop(example, AS_OF).action("DBF-2020-009-1")
        assert overdue is not None
        assert (overdue.found, overdue.due, overdue.days_overdue) == (
            D(2020, 10, 12),
            D(2021, 1, 31),
            59,
        )
        assert overdue.is_open
        assert overdue.days_to_close is None

    def test_open_actions_not_yet_due(self, example: mc.model.Fleet) -> None:
        loop = debrief_loop(example, AS_OF)
        expected = (("DBF-2021-005-1", D(2021, 5, 31)), ("DBF-2021-008-1", D(2021, 4, 30)))
        for finding, due in expected:
            found = loop.action(finding)
            assert found is not None
            assert (found.state, found.due, found.days_overdue) == (ActionState.OPEN, due, None)

    def test_time_travel_before_the_closing_version(self, example: mc.model.Fleet) -> None:
        before = debrief_loop(example, "2020-09-14").action("DBF-2020-004-1")
        assert before is not None
        assert (before.state, before.closed) == (ActionState.OPEN, None)
        assert debrief_loop(example, "2020-06-07").action("DBF-2020-004-1") is None

    def test_the_same_overdue_actions_as_doc006(self, example: mc.model.Fleet) -> None:
        report = mc.check(example, AS_OF)
        doc006 = {f.details["finding"] for f in report.findings if f.code == "DOC006"}
        overdue = {
            a.finding for a in debrief_actions(example, AS_OF) if a.state is ActionState.OVERDUE
        }
        assert overdue == doc006 == {"DBF-2020-009-1"}


class TestExampleOperations:
    def test_op_2021_011_was_not_debriefed(self, example: mc.model.Fleet) -> None:
        missing = debrief_loop(example, AS_OF).operation("OP-2021-011")
        assert missing is not None
        assert (missing.state, missing.deadline, missing.debrief) == (
            DebriefState.MISSING,
            D(2021, 3, 19),
            None,
        )

    def test_states_of_every_operation(self, example: mc.model.Fleet) -> None:
        states = {o.operation: o.state for o in debrief_loop(example, AS_OF).operations}
        assert states.pop("OP-2021-011") is DebriefState.MISSING
        assert states.pop("OP-2021-013") is DebriefState.PENDING  # deadline 2021-04-08
        assert set(states.values()) == {DebriefState.ON_TIME}
        assert len(states) == 9

    def test_the_same_missing_debriefs_as_doc005(self, example: mc.model.Fleet) -> None:
        report = mc.check(example, AS_OF)
        doc005 = {f.subject.id for f in report.findings if f.code == "DOC005"}
        loop = debrief_loop(example, AS_OF)
        late = {o.operation for o in loop.operations if o.state is DebriefState.MISSING}
        assert late == doc005 == {"OP-2021-011"}


class TestExampleMetrics:
    def test_fleet_metrics(self, example: mc.model.Fleet) -> None:
        fleet = debrief_loop(example, AS_OF).fleet
        assert (fleet.operations, fleet.on_time, fleet.debriefed_on_time) == (10, 9, 0.9)
        assert (fleet.open, fleet.overdue, fleet.closed) == (3, 1, 3)
        # days to close 7, 32 and 99: the median is 32; the inclusive 90th percentile
        # lies 0.8 of the way from 32 to 99.
        assert fleet.median_days_to_close == 32.0
        assert fleet.p90_days_to_close == pytest.approx(32 + 0.8 * 67)

    def test_per_vessel(self, example: mc.model.Fleet) -> None:
        loop = debrief_loop(example, AS_OF)
        nimrod = loop.vessel("nimrod")
        assert nimrod is not None
        assert (nimrod.operations, nimrod.on_time, nimrod.debriefed_on_time) == (2, 1, 0.5)
        vigilant = loop.vessel("vigilant")
        assert vigilant is not None
        assert (vigilant.open, vigilant.overdue, vigilant.median_days_to_close) == (1, 1, None)
        seeker = loop.vessel("seeker")
        assert seeker is not None
        assert (seeker.closed, seeker.median_days_to_close, seeker.p90_days_to_close) == (
            1,
            99.0,
            99.0,
        )

    def test_per_document(self, example: mc.model.Fleet) -> None:
        loop = debrief_loop(example, AS_OF)
        assert [m.id for m in loop.documents] == [
            "SOP-BRD-01",
            "SOP-SAR-01",
            "SOP-SBO-01",
            "SOP-RES-01",
            "RA-BRD-01",
            "PRO-KIT-01",
        ]
        sar = loop.document("SOP-SAR-01")
        assert sar is not None
        assert (sar.open, sar.overdue, sar.closed, sar.debriefed_on_time) == (1, 1, 0, None)
        record = sar.to_record()
        assert (record["scope"], record["id"], record["overdue"]) == ("document", "SOP-SAR-01", 1)

    def test_a_shorter_window_makes_debriefs_late(self, example: mc.model.Fleet) -> None:
        on_time = debrief_loop(example, AS_OF, within_days=5)
        late = debrief_loop(example, AS_OF, within_days=4)
        # OP-2020-007 ended 2020-08-19 and was debriefed 2020-08-24, 5 days later.
        before = on_time.operation("OP-2020-007")
        after = late.operation("OP-2020-007")
        assert before is not None
        assert after is not None
        assert (before.state, after.state) == (DebriefState.ON_TIME, DebriefState.LATE)
        assert (after.deadline, after.debriefed) == (D(2020, 8, 23), D(2020, 8, 24))
        assert late.within_days == 4


class TestHandBuilt:
    def fleet(self) -> mc.model.Fleet:
        return mc.model.Fleet(
            documents=(
                document(
                    "SOP-1",
                    version("1.0", "superseded", D(2020, 1, 1)),
                    version(
                        "2.0",
                        "approved",
                        D(2021, 3, 1),
                        supersedes="1.0",
                        addresses=("F-1", "F-2"),
                    ),
                ),
            ),
            operations=(
                operation("OP-1", "alpha", D(2021, 1, 1), end=D(2021, 1, 2)),
                operation("OP-2", "alpha", D(2021, 2, 1)),
                operation("OP-3", "bravo", D(2021, 3, 20)),
            ),
            debriefs=(
                debrief("DB-1", "OP-1", D(2021, 1, 16), action("F-1", "SOP-1", D(2021, 2, 1))),
                debrief(
                    "DB-2",
                    "OP-2",
                    D(2021, 2, 20),
                    action("F-2", "SOP-1", D(2021, 4, 1)),
                    action("F-3", "SOP-1", D(2021, 3, 31), kind="review"),
                    action("F-4", "SOP-1", None, kind="none"),
                ),
            ),
        )

    def test_states(self) -> None:
        loop = debrief_loop(self.fleet(), "2021-03-31")
        assert {a.finding: a.state for a in loop.actions} == {
            "F-1": ActionState.CLOSED,  # closed late, on 2021-03-01
            "F-2": ActionState.CLOSED,
            "F-3": ActionState.OPEN,  # due on the date is not yet overdue
        }
        f1 = loop.action("F-1")
        assert f1 is not None
        assert f1.days_to_close == (D(2021, 3, 1) - D(2021, 1, 16)).in_days() == 44
        assert loop.action("F-4") is None  # action none: not tracked

    def test_debrief_states(self) -> None:
        loop = debrief_loop(self.fleet(), "2021-03-31")
        assert {o.operation: o.state for o in loop.operations} == {
            "OP-1": DebriefState.ON_TIME,  # ended 2021-01-02, debriefed on the deadline
            "OP-2": DebriefState.LATE,  # debriefed 19 days after it ended
            "OP-3": DebriefState.PENDING,  # ended 2021-03-20, deadline 2021-04-03
        }
        assert loop.fleet.debriefed_on_time == 0.5
        op1 = debrief_loop(self.fleet(), "2021-03-31", within_days=13).operation("OP-1")
        assert op1 is not None
        assert op1.state is DebriefState.LATE

    def test_a_missing_debrief_after_the_deadline(self) -> None:
        op3 = debrief_loop(self.fleet(), "2021-04-04").operation("OP-3")
        assert op3 is not None
        assert (op3.state, op3.deadline) == (DebriefState.MISSING, D(2021, 4, 3))
        on_deadline = debrief_loop(self.fleet(), "2021-04-03").operation("OP-3")
        assert on_deadline is not None
        assert on_deadline.state is DebriefState.PENDING

    def test_metrics_exclude_pending_operations(self) -> None:
        alpha = debrief_loop(self.fleet(), "2021-03-31", within_days=30).vessel("alpha")
        assert alpha is not None
        assert (alpha.operations, alpha.on_time, alpha.debriefed_on_time) == (2, 2, 1.0)
        bravo = debrief_loop(self.fleet(), "2021-03-31").vessel("bravo")
        assert bravo is not None
        assert (bravo.operations, bravo.debriefed_on_time) == (0, None)

    def test_a_negative_window_is_refused(self) -> None:
        with pytest.raises(ValueError, match="within_days"):
            debrief_loop(self.fleet(), "2021-03-31", within_days=-1)
