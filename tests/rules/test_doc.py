"""DOC rules: reviews, versions in force, approval, debriefs and their actions."""

from __future__ import annotations

from typing import Any

import pendulum
import pytest

import maritime_crew as mc
from tests.pages import ROOT

from .builders import AS_OF, D, fleet, messages, run

APPROVED = mc.model.VersionStatus.APPROVED
SUPERSEDED = mc.model.VersionStatus.SUPERSEDED
DRAFT = mc.model.VersionStatus.DRAFT
WITHDRAWN = mc.model.VersionStatus.WITHDRAWN
REVISE = mc.model.ActionKind.REVISE


def version(
    label: str,
    effective: pendulum.Date | None = None,
    status: mc.model.VersionStatus = APPROVED,
    **fields: Any,
) -> mc.model.DocumentVersion:
    """A version, approved by default on its effective date unless told otherwise."""
    if status in (APPROVED, SUPERSEDED) and effective is not None:
        fields.setdefault("approved_by", "Head of Maritime")
        fields.setdefault("approved_on", effective)
    return mc.model.DocumentVersion(label, status, effective, **fields)


def document(*versions: mc.model.DocumentVersion, **fields: Any) -> mc.model.Document:
    fields.setdefault("id", "SOP-BRD-01")
    fields.setdefault("kind", mc.model.DocumentKind.SOP)
    fields.setdefault("title", "Boarding of non-compliant vessels")
    fields.setdefault("owner", "Maritime Operations Lead")
    return mc.model.Document(versions=versions, **fields)


def register(*documents: mc.model.Document, **tables: Any) -> mc.model.Fleet:
    return fleet(documents=documents, **tables)


class TestReviewOverdue:
    def test_fires_with_the_interval_and_days_overdue(self) -> None:
        data = register(
            document(version("2.0", D(2019, 9, 1)), review_interval=mc.model.Period(months=12))
        )
        (finding,) = run(data, "DOC001")
        assert finding.message == (
            "SOP-BRD-01 (Boarding of non-compliant vessels) has not been reviewed since "
            "version 2.0 took effect on 2019-09-01; with a review interval of P12M it was due "
            "on 2020-09-01, 211 days before 2021-03-31"
        )
        assert finding.details == {
            "last_reviewed": "2019-09-01",
            "last_review_was": "version",
            "review_interval": "P12M",
            "default_interval": False,
            "due": "2020-09-01",
            "days_overdue": 211,
        }
        assert finding.subject == mc.model.Subject("document", "SOP-BRD-01")

    def test_due_on_the_check_date_is_due_not_overdue(self) -> None:
        data = register(
            document(version("1.0", D(2020, 3, 31)), review_interval=mc.model.Period(months=6))
        )
        assert run(data, "DOC001", as_of=D(2020, 9, 30)) == []
        assert messages(run(data, "DOC001", as_of=D(2020, 10, 1))) == [
            "SOP-BRD-01 (Boarding of non-compliant vessels) has not been reviewed since "
            "version 1.0 took effect on 2020-03-31; with a review interval of P6M it was due "
            "on 2020-09-30, 1 day before 2020-10-01"
        ]

    def test_a_recorded_review_counts_from_its_date(self) -> None:
        data = register(
            document(
                version("1.0", D(2019, 1, 1)),
                reviews=(mc.model.DocumentReview(D(2020, 6, 1), outcome="No change required"),),
            )
        )
        assert run(data, "DOC001", as_of=D(2021, 6, 1)) == []
        (finding,) = run(data, "DOC001", as_of=D(2021, 6, 2))
        assert finding.details["last_reviewed"] == "2020-06-01"
        assert finding.message.startswith(
            "SOP-BRD-01 (Boarding of non-compliant vessels) was last reviewed on 2020-06-01; "
        )

    def test_a_document_for_one_vessel_is_placed_on_it(self) -> None:
        one = register(document(version("1.0", D(2019, 9, 1)), vessels=("vigilant",)))
        assert [f.vessel for f in run(one, "DOC001")] == ["vigilant"]
        two = register(document(version("1.0", D(2019, 9, 1)), vessels=("vigilant", "seeker")))
        assert [f.vessel for f in run(two, "DOC001")] == [None]

    def test_reviews_and_versions_after_the_check_date_do_not_count(self) -> None:
        data = register(
            document(
                version("1.0", D(2019, 1, 1), status=SUPERSEDED),
                version("2.0", D(2020, 6, 1), supersedes="1.0"),
                reviews=(mc.model.DocumentReview(D(2020, 5, 15)),),
            )
        )
        (finding,) = run(data, "DOC001", as_of=D(2020, 5, 14))
        assert finding.details["last_reviewed"] == "2019-01-01"
        assert run(data, "DOC001", as_of=D(2020, 5, 15)) == []
        (finding,) = run(data, "DOC001", as_of=D(2021, 6, 2))
        assert finding.details["last_reviewed"] == "2020-06-01"

    def test_the_default_interval_applies_and_is_a_parameter(self) -> None:
        data = register(document(version("1.0", D(2019, 9, 1))))
        assert messages(run(data, "DOC001")) == [
            "SOP-BRD-01 (Boarding of non-compliant vessels) has not been reviewed since "
            "version 1.0 took effect on 2019-09-01; with the default review interval of P12M "
            "it was due on 2020-09-01, 211 days before 2021-03-31"
        ]
        assert run(data, "DOC001", **{"default-interval": "P2Y"}) == []
        # A document's own interval wins over the default.
        own = register(
            document(version("1.0", D(2019, 9, 1)), review_interval=mc.model.Period(years=3))
        )
        assert run(own, "DOC001") == []

    def test_documents_never_in_force_are_left_to_doc002(self) -> None:
        data = register(document(version("0.1", status=DRAFT), version("1.0", D(2021, 6, 1))))
        assert run(data, "DOC001") == []

    def test_a_version_counts_as_a_review_whatever_status_is_recorded(self) -> None:
        """A draft recorded with an effective date comes into force on it (see DATA010)."""
        data = register(document(version("1.0", D(2015, 1, 1), status=DRAFT)))
        (finding,) = run(data, "DOC001")
        assert finding.details["last_reviewed"] == "2015-01-01"


class TestNoVersionInForce:
    def test_a_document_without_versions(self) -> None:
        data = register(document())
        assert messages(run(data, "DOC002")) == [
            "SOP-BRD-01 (Boarding of non-compliant vessels) has no version in force on "
            "2021-03-31: it has no versions"
        ]

    def test_only_drafts(self) -> None:
        data = register(document(version("0.1", status=DRAFT), version("0.2", status=DRAFT)))
        (finding,) = run(data, "DOC002")
        assert finding.message == (
            "SOP-BRD-01 (Boarding of non-compliant vessels) has no version in force on "
            "2021-03-31: it has only drafts (0.1, 0.2)"
        )
        assert finding.details["drafts"] == ["0.1", "0.2"]

    def test_only_a_future_version_until_its_effective_date(self) -> None:
        data = register(document(version("1.0", D(2021, 4, 1))))
        assert messages(run(data, "DOC002")) == [
            "SOP-BRD-01 (Boarding of non-compliant vessels) has no version in force on "
            "2021-03-31: it has only a future version (1.0, effective 2021-04-01)"
        ]
        assert run(data, "DOC002", as_of=D(2021, 4, 1)) == []

    def test_a_mixture_says_what_each_version_is(self) -> None:
        data = register(
            document(
                version("0.9", D(2019, 1, 1), status=WITHDRAWN),
                version("1.0", status=APPROVED),
                version("1.1", status=DRAFT),
                version("2.0", D(2021, 5, 1)),
                version("2.1", D(2021, 6, 1)),
            )
        )
        (finding,) = run(data, "DOC002")
        assert finding.message == (
            "SOP-BRD-01 (Boarding of non-compliant vessels) has no version in force on "
            "2021-03-31: it has only a draft (1.1), future versions (2.0, effective "
            "2021-05-01; 2.1, effective 2021-06-01), an approved version with no effective "
            "date (1.0) and a withdrawn version (0.9)"
        )
        assert finding.details["future"] == {"2.0": "2021-05-01", "2.1": "2021-06-01"}

    def test_a_document_in_force_or_retired_is_not_reported(self) -> None:
        data = register(
            document(version("1.0", D(2020, 1, 1))),
            document(version("1.0", D(2018, 1, 1), status=WITHDRAWN), id="SOP-OLD-01"),
        )
        assert run(data, "DOC002") == []


class TestSeveralVersionsInForce:
    def test_fires_for_two_versions_taking_effect_the_same_day(self) -> None:
        data = register(
            document(
                version("1.0", D(2019, 1, 1), SUPERSEDED),
                version("2.0", D(2020, 6, 1), supersedes="1.0"),
                version("2.1", D(2020, 6, 1), supersedes="1.0"),
            )
        )
        (finding,) = run(data, "DOC003")
        assert finding.message == (
            "SOP-BRD-01 (Boarding of non-compliant vessels) has 2 versions in force on "
            "2021-03-31: 2.0 and 2.1 both took effect on 2020-06-01, so neither supersedes "
            "the other"
        )
        assert finding.details["versions"] == ["2.0", "2.1"]
        assert finding.details["effective"] == ["2020-06-01", "2020-06-01"]

    def test_a_later_version_supersedes_whatever_status_is_recorded(self) -> None:
        """Both recorded approved, neither naming the other: the dates decide (DATA010)."""
        data = register(document(version("2.0", D(2020, 6, 1)), version("1.0", D(2019, 1, 1))))
        assert run(data, "DOC003") == []

    def test_a_version_naming_its_predecessor_replaces_it(self) -> None:
        data = register(
            document(version("1.0", D(2019, 1, 1)), version("2.0", D(2020, 6, 1), supersedes="1.0"))
        )
        assert run(data, "DOC003") == []

    def test_the_versions_count_from_their_effective_date_until_a_later_one(self) -> None:
        data = register(
            document(
                version("1.0", D(2019, 1, 1)),
                version("2.0", D(2020, 6, 1)),
                version("2.1", D(2020, 6, 1)),
                version("3.0", D(2020, 9, 1)),
            )
        )
        assert run(data, "DOC003", as_of=D(2020, 5, 31)) == []
        assert len(run(data, "DOC003", as_of=D(2020, 6, 1))) == 1
        assert len(run(data, "DOC003", as_of=D(2020, 8, 31))) == 1
        assert run(data, "DOC003", as_of=D(2020, 9, 1)) == []


class TestVersionInForceNotApproved:
    def test_approved_after_it_took_effect(self) -> None:
        data = register(document(version("2.0", D(2020, 6, 1), approved_on=D(2020, 6, 15))))
        (finding,) = run(data, "DOC004")
        assert finding.message == (
            "SOP-BRD-01 (Boarding of non-compliant vessels) version 2.0 took effect on "
            "2020-06-01 but was approved on 2020-06-15, 14 days later"
        )
        assert finding.details["problem"] == "approved-after-effective"

    def test_approved_on_the_effective_date_is_fine(self) -> None:
        data = register(document(version("2.0", D(2020, 6, 1), approved_on=D(2020, 6, 1))))
        assert run(data, "DOC004") == []

    @pytest.mark.parametrize(
        ("approval", "what"),
        [
            ({"approved_by": None, "approved_on": None}, "no recorded approval"),
            ({"approved_on": None}, "no `approved_on`"),
            ({"approved_by": None}, "no `approved_by`"),
        ],
    )
    def test_missing_approval(self, approval: dict[str, Any], what: str) -> None:
        data = register(document(version("2.0", D(2020, 6, 1), **approval)))
        assert messages(run(data, "DOC004")) == [
            "SOP-BRD-01 (Boarding of non-compliant vessels) version 2.0, in force since "
            f"2020-06-01, has {what}"
        ]

    def test_a_version_recorded_as_a_draft_comes_into_force_unapproved(self) -> None:
        data = register(
            document(version("1.0", D(2020, 1, 1)), version("1.1", D(2021, 3, 31), status=DRAFT))
        )
        # The day before its effective date 1.1 is a draft and 1.0, approved, is in force.
        assert run(data, "DOC004", as_of=D(2021, 3, 30)) == []
        (finding,) = run(data, "DOC004")
        assert finding.message == (
            "SOP-BRD-01 (Boarding of non-compliant vessels) version 1.1, in force since "
            "2021-03-31, has no recorded approval"
        )
        assert finding.details["problem"] == "approval-missing"

    def test_a_draft_with_no_approved_version_before_it(self) -> None:
        data = register(document(version("0.1", D(2020, 1, 1), status=DRAFT)))
        assert messages(run(data, "DOC004")) == [
            "SOP-BRD-01 (Boarding of non-compliant vessels) version 0.1, in force since "
            "2020-01-01, has no recorded approval"
        ]

    def test_of_two_versions_taking_effect_together_the_first_recorded_is_checked(
        self,
    ) -> None:
        data = register(
            document(version("1.0", D(2021, 1, 1)), version("1.1", D(2021, 1, 1), status=DRAFT))
        )
        assert run(data, "DOC004") == []
        later = register(
            document(version("1.0", D(2021, 1, 1)), version("1.1", D(2021, 1, 2), status=DRAFT))
        )
        assert len(run(later, "DOC004")) == 1

    def test_withdrawn_and_superseded_drafts_are_not_in_force(self) -> None:
        data = register(
            document(
                version("1.0", D(2019, 1, 1), status=SUPERSEDED),
                version("1.1", D(2019, 6, 1), status=DRAFT),
                version("2.0", D(2020, 1, 1), supersedes="1.0"),
                version("2.1", D(2020, 6, 1), status=WITHDRAWN),
            )
        )
        assert run(data, "DOC004") == []

    def test_only_the_version_in_force_is_checked(self) -> None:
        data = register(
            document(
                version("1.0", D(2019, 1, 1), status=SUPERSEDED, approved_on=None),
                version("2.0", D(2020, 1, 1), supersedes="1.0"),
            )
        )
        assert run(data, "DOC004") == []
        assert len(run(data, "DOC004", as_of=D(2019, 12, 31))) == 1


OPERATION_END = D(2021, 3, 1)
ACTION_DUE = D(2020, 11, 30)


def operation(end: pendulum.Date | None = OPERATION_END, **fields: Any) -> mc.model.Operation:
    fields.setdefault("id", "OP1")
    fields.setdefault("vessel", "seeker")
    fields.setdefault("kind", "boarding")
    fields.setdefault("start", D(2021, 2, 26))
    return mc.model.Operation(end=end, **fields)


def debrief(
    on: pendulum.Date, *findings: mc.model.DebriefFinding, **fields: Any
) -> mc.model.Debrief:
    fields.setdefault("id", "DB1")
    fields.setdefault("operation", "OP1")
    return mc.model.Debrief(date=on, findings=findings, **fields)


class TestOperationNotDebriefed:
    def test_fires_when_no_debrief_is_recorded(self) -> None:
        data = fleet(operations=[operation(name="Kestrel")])
        (finding,) = run(data, "DOC005")
        assert finding.message == (
            "operation OP1 (Kestrel) on seeker ended on 2021-03-01 and was not debriefed "
            "within 14 days (by 2021-03-15); no debrief is recorded by 2021-03-31"
        )
        assert finding.details["days_overdue"] == 16
        assert finding.subject == mc.model.Subject("operation", "OP1")
        assert finding.vessel == "seeker"

    def test_a_debrief_on_the_last_day_of_the_window_is_in_time(self) -> None:
        data = fleet(operations=[operation()], debriefs=[debrief(D(2021, 3, 15))])
        assert run(data, "DOC005") == []

    def test_a_debrief_the_day_after_is_late(self) -> None:
        data = fleet(operations=[operation()], debriefs=[debrief(D(2021, 3, 16))])
        (finding,) = run(data, "DOC005")
        assert finding.message == (
            "operation OP1 on seeker ended on 2021-03-01 and was not debriefed within 14 "
            "days (by 2021-03-15); debrief DB1 was held on 2021-03-16, 1 day late"
        )
        assert finding.details["days_late"] == 1

    def test_operations_still_inside_the_window_are_not_reported(self) -> None:
        data = fleet(operations=[operation(D(2021, 3, 17))])
        assert run(data, "DOC005") == []
        assert len(run(data, "DOC005", as_of=D(2021, 4, 1))) == 1

    def test_a_one_day_operation_counts_from_its_start(self) -> None:
        data = fleet(operations=[operation(None, start=D(2021, 3, 10))])
        assert run(data, "DOC005", as_of=D(2021, 3, 24)) == []
        (finding,) = run(data, "DOC005", as_of=D(2021, 3, 25))
        assert finding.details["deadline"] == "2021-03-24"

    def test_the_window_is_a_parameter(self) -> None:
        data = fleet(operations=[operation()], debriefs=[debrief(D(2021, 3, 9))])
        assert run(data, "DOC005") == []
        assert messages(run(data, "DOC005", **{"within-days": 7})) == [
            "operation OP1 on seeker ended on 2021-03-01 and was not debriefed within 7 "
            "days (by 2021-03-08); debrief DB1 was held on 2021-03-09, 1 day late"
        ]

    def test_a_debrief_dated_after_the_check_date_is_not_yet_held(self) -> None:
        data = fleet(operations=[operation()], debriefs=[debrief(D(2021, 4, 2))])
        assert messages(run(data, "DOC005")) == [
            "operation OP1 on seeker ended on 2021-03-01 and was not debriefed within 14 "
            "days (by 2021-03-15); no debrief is recorded by 2021-03-31"
        ]

    def test_only_the_operations_own_debriefs_count(self) -> None:
        data = fleet(
            operations=[operation(), operation(id="OP2")],
            debriefs=[debrief(D(2021, 3, 2), operation="OP2")],
        )
        assert [f.subject.id for f in run(data, "DOC005")] == ["OP1"]


def action(
    due: pendulum.Date | None = ACTION_DUE, document: str | None = "SOP-BRD-01", **fields: Any
) -> mc.model.DebriefFinding:
    fields.setdefault("id", "F1")
    fields.setdefault("summary", "Boarding ladder check missing")
    fields.setdefault("action", REVISE)
    return mc.model.DebriefFinding(document=document, due=due, **fields)


def actions(
    *versions: mc.model.DocumentVersion, item: mc.model.DebriefFinding | None = None
) -> mc.model.Fleet:
    return fleet(
        documents=[document(version("1.0", D(2019, 1, 1)), *versions)],
        operations=[operation(D(2020, 10, 1))],
        debriefs=[debrief(D(2020, 10, 5), item if item is not None else action())],
    )


class TestDebriefActionOverdue:
    def test_fires_when_no_version_addresses_it(self) -> None:
        (finding,) = run(actions(), "DOC006")
        assert finding.message == (
            "debrief finding F1 (debrief DB1) required SOP-BRD-01 (Boarding of non-compliant "
            "vessels) to be revised by 2020-11-30; on 2021-03-31 it is 121 days overdue and "
            "no version addresses it"
        )
        assert finding.subject == mc.model.Subject("debrief", "DB1")
        assert finding.details["days_overdue"] == 121

    def test_due_on_the_check_date_is_not_overdue(self) -> None:
        assert run(actions(), "DOC006", as_of=D(2020, 11, 30)) == []
        assert len(run(actions(), "DOC006", as_of=D(2020, 12, 1))) == 1

    def test_a_version_in_force_that_addresses_it_closes_it(self) -> None:
        closing = version("1.1", D(2021, 3, 31), supersedes="1.0", addresses=("F1",))
        assert run(actions(closing), "DOC006") == []

    def test_a_version_effective_after_the_check_date_does_not_close_it_yet(self) -> None:
        closing = version("1.1", D(2021, 4, 15), supersedes="1.0", addresses=("F1",))
        assert messages(run(actions(closing), "DOC006")) == [
            "debrief finding F1 (debrief DB1) required SOP-BRD-01 (Boarding of non-compliant "
            "vessels) to be revised by 2020-11-30; on 2021-03-31 it is 121 days overdue and "
            "no version addressing it is in force (SOP-BRD-01 version 1.1 takes effect on "
            "2021-04-15)"
        ]

    def test_a_draft_does_not_close_it(self) -> None:
        draft = version("1.1", status=DRAFT, addresses=("F1",))
        (finding,) = run(actions(draft), "DOC006")
        assert finding.message.endswith(
            "no version addressing it is in force (SOP-BRD-01 version 1.1 is a draft)"
        )
        assert finding.details["addressed_by"] == ["SOP-BRD-01 1.1"]

    def test_a_version_recorded_as_a_draft_closes_it_once_it_takes_effect(self) -> None:
        draft = version("1.1", D(2021, 1, 1), status=DRAFT, addresses=("F1",))
        assert len(run(actions(draft), "DOC006", as_of=D(2020, 12, 31))) == 1
        assert run(actions(draft), "DOC006", as_of=D(2021, 1, 1)) == []

    def test_a_version_withdrawn_before_it_takes_effect_never_closes_it(self) -> None:
        dropped = version("1.1", D(2021, 1, 1), withdrawn=D(2020, 12, 15), addresses=("F1",))
        assert messages(run(actions(dropped), "DOC006", as_of=D(2020, 12, 14)))[0].endswith(
            "(SOP-BRD-01 version 1.1 is withdrawn on 2020-12-15, before it takes effect)"
        )
        assert messages(run(actions(dropped), "DOC006"))[0].endswith(
            "(SOP-BRD-01 version 1.1 was withdrawn on 2020-12-15)"
        )

    def test_a_version_withdrawn_after_it_took_effect_still_closed_it(self) -> None:
        closed = version("1.1", D(2021, 1, 1), withdrawn=D(2021, 2, 1), addresses=("F1",))
        assert run(actions(closed), "DOC006") == []

    def test_a_review_names_its_action(self) -> None:
        item = action(action=mc.model.ActionKind.REVIEW, due=D(2021, 3, 1))
        assert messages(run(actions(item=item), "DOC006")) == [
            "debrief finding F1 (debrief DB1) required SOP-BRD-01 (Boarding of non-compliant "
            "vessels) to be reviewed by 2021-03-01; on 2021-03-31 it is 30 days overdue and "
            "no version addresses it"
        ]

    def test_an_unnamed_document_is_still_overdue(self) -> None:
        (finding,) = run(actions(item=action(document=None)), "DOC006")
        assert finding.message.startswith(
            "debrief finding F1 (debrief DB1) required a document it does not name to be "
            "revised by 2020-11-30"
        )

    def test_no_action_no_due_date_or_an_unknown_document_is_not_reported(self) -> None:
        for item in (
            action(action=mc.model.ActionKind.NONE),
            action(due=None),
            action(document="SOP-XXX"),  # DATA002
        ):
            assert run(actions(item=item), "DOC006") == [], item

    def test_finding_is_located_at_the_debrief_finding(self) -> None:
        data = mc.loads(mc.dumps(actions()), name="fleet.toml")
        (finding,) = run(data, "DOC006")
        header = mc.dumps(actions()).splitlines().index("[[debrief.findings]]") + 1
        assert finding.source == mc.model.SourceLocation("fleet.toml", header)
        assert finding.vessel == "seeker"


class TestDebriefActionIncomplete:
    def test_no_document_and_no_due_date(self) -> None:
        data = actions(item=action(due=None, document=None))
        (finding,) = run(data, "DOC007")
        assert finding.message == (
            "debrief finding F1 (debrief DB1) requires a document to be revised but names no "
            "document and has no due date, so the action cannot be tracked"
        )
        assert finding.severity is mc.rules.Severity.WARNING

    def test_no_due_date(self) -> None:
        data = actions(item=action(due=None, action=mc.model.ActionKind.REVIEW))
        assert messages(run(data, "DOC007")) == [
            "debrief finding F1 (debrief DB1) requires SOP-BRD-01 to be reviewed but has no "
            "due date, so the action cannot be tracked"
        ]

    def test_no_document(self) -> None:
        data = actions(item=action(document=None))
        assert messages(run(data, "DOC007")) == [
            "debrief finding F1 (debrief DB1) requires a document to be revised but names no "
            "document, so the action cannot be tracked"
        ]

    def test_complete_actions_and_findings_without_action_are_not_reported(self) -> None:
        assert run(actions(), "DOC007") == []
        noted = action(due=None, document=None, action=mc.model.ActionKind.NONE)
        assert run(actions(item=noted), "DOC007") == []


class TestVersionHistoryInconsistent:
    def problems(
        self, *versions: mc.model.DocumentVersion, as_of: pendulum.Date = AS_OF
    ) -> list[str]:
        findings = run(register(document(*versions)), "DOC008", as_of=as_of)
        return sorted(f"{f.details['problem']}:{f.details['version']}" for f in findings)

    def test_a_clean_history_is_silent(self) -> None:
        assert (
            self.problems(
                version("1.0", D(2019, 1, 1), SUPERSEDED),
                version("2.0", D(2020, 1, 1), supersedes="1.0"),
                version("3.0", None, DRAFT, supersedes="2.0"),
            )
            == []
        )

    def test_recorded_statuses_are_left_to_data010(self) -> None:
        """Statuses follow the dates on every date; DATA010 compares the recorded ones."""
        replaced = (version("1.0", D(2019, 1, 1)), version("2.0", D(2020, 1, 1), supersedes="1.0"))
        early = (
            version("1.0", D(2019, 1, 1), SUPERSEDED),
            version("2.0", D(2021, 3, 1), DRAFT, supersedes="1.0"),
        )
        for versions in (replaced, early):
            for day in (D(2019, 12, 31), D(2020, 1, 1), D(2021, 2, 28), AS_OF):
                assert self.problems(*versions, as_of=day) == [], (versions, day)

    def test_two_versions_replacing_one(self) -> None:
        versions = (
            version("1.0", D(2019, 1, 1), SUPERSEDED),
            version("2.0", D(2020, 1, 1), SUPERSEDED, supersedes="1.0"),
            version("2.1", D(2020, 6, 1), supersedes="1.0"),
        )
        assert self.problems(*versions) == ["fork:1.0"]
        (finding,) = run(register(document(*versions)), "DOC008")
        assert finding.message == (
            "SOP-BRD-01 (Boarding of non-compliant vessels): versions 2.0 and 2.1 both "
            "replace version 1.0"
        )
        # Only versions that have taken effect count: before 2.1, 2.0 alone replaces 1.0.
        assert self.problems(*versions, as_of=D(2020, 5, 31)) == []

    def test_a_replacement_dated_before_what_it_replaces(self) -> None:
        assert self.problems(
            version("1.0", D(2020, 1, 1), SUPERSEDED),
            version("2.0", D(2019, 6, 1), supersedes="1.0"),
        ) == ["out-of-order:2.0"]

    def test_an_earlier_version_approved_after_it_took_effect(self) -> None:
        assert self.problems(
            version("1.0", D(2019, 1, 1), SUPERSEDED, approved_on=D(2019, 2, 1)),
            version("2.0", D(2020, 1, 1), supersedes="1.0"),
        ) == ["approved-after-effective:1.0"]
        # The version in force is DOC004's, not this rule's.
        assert self.problems(version("1.0", D(2019, 1, 1), approved_on=D(2019, 2, 1))) == []


class TestStatusFollowsTheDates:
    """Each boundary day of a version: the day before it takes effect, the day it does,
    the day before it is withdrawn and the day it is; whatever status is recorded."""

    EFFECTIVE = D(2020, 6, 1)
    WITHDRAWN = D(2021, 1, 1)

    def data(self) -> mc.model.Fleet:
        return register(
            document(
                version("1.0", D(2019, 1, 1), SUPERSEDED),
                version("2.0", self.EFFECTIVE, supersedes="1.0", withdrawn=self.WITHDRAWN),
                version("3.0", None, DRAFT, supersedes="2.0"),
            )
        )

    def statuses(self, day: pendulum.Date) -> dict[str, str]:
        data = self.data()
        view = mc.facts.Facts.of(data).on(day)
        (sop,) = data.documents
        return {v.label: view.version_status(sop, v).value for v in sop.versions}

    def test_the_day_before_the_effective_date(self) -> None:
        day = self.EFFECTIVE.subtract(days=1)
        assert self.statuses(day) == {"1.0": "approved", "2.0": "draft", "3.0": "draft"}
        assert run(self.data(), "DOC002", as_of=day) == []
        assert run(self.data(), "DOC008", as_of=day) == []

    def test_the_effective_date(self) -> None:
        assert self.statuses(self.EFFECTIVE) == {
            "1.0": "superseded",
            "2.0": "approved",
            "3.0": "draft",
        }
        for code in ("DOC002", "DOC003", "DOC004", "DOC008"):
            assert run(self.data(), code, as_of=self.EFFECTIVE) == [], code

    def test_the_day_before_the_withdrawal(self) -> None:
        day = self.WITHDRAWN.subtract(days=1)
        assert self.statuses(day)["2.0"] == "approved"
        assert run(self.data(), "DOC002", as_of=day) == []

    def test_the_day_of_the_withdrawal(self) -> None:
        # 1.0 stays superseded: withdrawing 2.0 does not bring it back into force.
        assert self.statuses(self.WITHDRAWN) == {
            "1.0": "superseded",
            "2.0": "withdrawn",
            "3.0": "draft",
        }
        assert messages(run(self.data(), "DOC002", as_of=self.WITHDRAWN)) == [
            "SOP-BRD-01 (Boarding of non-compliant vessels) has no version in force on "
            "2021-01-01: it has only a draft (3.0), a superseded version (1.0) and a "
            "withdrawn version (2.0)"
        ]

    def test_a_document_whose_last_version_is_withdrawn_is_retired(self) -> None:
        data = register(
            document(
                version("1.0", D(2019, 1, 1), SUPERSEDED),
                version("2.0", self.EFFECTIVE, withdrawn=self.WITHDRAWN, status=WITHDRAWN),
            )
        )
        assert len(run(data, "DOC002", as_of=D(2019, 1, 1).subtract(days=1))) == 1
        assert run(data, "DOC002", as_of=self.WITHDRAWN.subtract(days=1)) == []
        assert run(data, "DOC002", as_of=self.WITHDRAWN) == []

    def test_a_version_recorded_as_a_draft_counts_as_a_review_from_its_effective_date(
        self,
    ) -> None:
        data = register(
            document(
                version("1.0", D(2019, 1, 1)),
                version("2.0", D(2020, 6, 1), status=DRAFT),
            )
        )
        (finding,) = run(data, "DOC001", as_of=D(2020, 5, 31))
        assert finding.details["last_reviewed"] == "2019-01-01"
        assert run(data, "DOC001", as_of=D(2020, 6, 1)) == []


def test_the_example_checked_back_in_2020_has_no_false_doc008() -> None:
    """Issue 20: SOP-BRD-01 2.0 was reported "superseded, nothing replaces it"."""
    example = mc.load(ROOT / "examples" / "fleet")
    report = mc.check(example, as_of="2020-03-14")
    assert [f for f in report.findings if f.code in ("DOC008", "DATA010")] == []
    sop = example.document("SOP-BRD-01")
    assert sop is not None
    view = mc.facts.Facts.of(example).on("2020-03-14")
    assert [view.version_status(sop, v).value for v in sop.versions] == [
        "superseded",
        "approved",
        "draft",
    ]
