"""The version in force on any date, and a document's history for an audit."""

from __future__ import annotations

import pytest

import maritime_crew as mc
from maritime_crew.documents import history, in_force

from .builders import D, document, version


class TestInForce:
    @pytest.mark.parametrize(
        ("on", "label"),
        [
            ("2016-05-31", None),  # before the first version took effect
            ("2016-06-01", "1.0"),  # on its effective date
            ("2019-04-30", "1.0"),  # the last day before 2.0
            ("2019-05-01", "2.0"),
            ("2020-09-14", "2.0"),
            ("2020-09-15", "2.1"),  # 2.1 supersedes 2.0 on its effective date
            ("2021-03-31", "2.1"),
        ],
    )
    def test_sop_brd_01_on_several_dates(
        self, example: mc.model.Fleet, on: str, label: str | None
    ) -> None:
        found = in_force(example, "SOP-BRD-01", on)
        assert (found.label if found is not None else None) == label

    def test_a_draft_never_comes_into_force(self, example: mc.model.Fleet) -> None:
        found = in_force(example, "SOP-SAR-01", D(2030, 1, 1))
        assert found is not None
        assert found.label == "1.1"

    def test_accepts_the_record_and_rejects_an_unknown_id(self, example: mc.model.Fleet) -> None:
        record = example.document("SOP-FIRE-01")
        assert record is not None
        found = in_force(example, record, "2019-01-01")
        assert found is not None
        assert found.label == "1.1"
        with pytest.raises(KeyError, match="SOP-NOPE"):
            in_force(example, "SOP-NOPE", "2021-03-31")


class TestHistory:
    def test_sop_brd_01_supersession_and_days_in_force(self, example: mc.model.Fleet) -> None:
        versions = history(example, "SOP-BRD-01").versions
        assert [
            (v.label, v.supersedes, v.superseded_by, v.in_force_from, v.in_force_until)
            for v in versions
        ] == [
            ("1.0", None, "2.0", D(2016, 6, 1), D(2019, 4, 30)),
            ("2.0", "1.0", "2.1", D(2019, 5, 1), D(2020, 9, 14)),
            ("2.1", "2.0", None, D(2020, 9, 15), None),
        ]
        latest = versions[-1]
        assert latest.summary == "Adds a second handhold check before stepping across in a swell."
        assert (latest.approved_by, latest.approved_on) == (
            "Head of Maritime Operations",
            D(2020, 9, 7),
        )

    def test_versions_give_the_findings_they_addressed(self, example: mc.model.Fleet) -> None:
        latest = history(example, "SOP-BRD-01").version("2.1")
        assert latest is not None
        [addressed] = latest.addresses
        assert (addressed.finding, addressed.debrief, addressed.operation) == (
            "DBF-2020-004-1",
            "DB-2020-004",
            "OP-2020-004",
        )
        assert (addressed.found, addressed.due, addressed.action) == (
            D(2020, 6, 8),
            D(2020, 9, 30),
            mc.model.ActionKind.REVISE,
        )
        assert addressed.summary == "A boarding officer slipped stepping across in a swell."

    def test_a_draft_is_in_the_history_but_never_in_force(self, example: mc.model.Fleet) -> None:
        audit = history(example, "SOP-SAR-01")
        draft = audit.version("2.0")
        assert draft is not None
        assert (draft.status, draft.in_force_from, draft.in_force_until) == (
            mc.model.VersionStatus.DRAFT,
            None,
            None,
        )
        assert [a.finding for a in draft.addresses] == ["DBF-2020-009-1"]
        current = audit.version("1.1")
        assert current is not None
        # The draft names 1.1 in supersedes, but replaces nothing until it takes effect.
        assert (current.superseded_by, current.in_force_until) == (None, None)

    def test_on_agrees_with_in_force(self, example: mc.model.Fleet) -> None:
        for record in example.documents:
            audit = history(example, record)
            for on in ("2016-01-01", "2018-06-30", "2019-11-20", "2020-09-15", "2021-03-31"):
                expected = in_force(example, record, on)
                got = audit.on(on)
                assert (got.label if got else None) == (expected.label if expected else None)

    def test_reviews_and_records(self, example: mc.model.Fleet) -> None:
        audit = history(example, "SOP-POB-01")
        assert audit.reviews == (D(2019, 5, 20), D(2020, 5, 18))
        assert (audit.kind, audit.owner) == (mc.model.DocumentKind.SOP, "Maritime Operations Lead")
        records = history(example, "SOP-BRD-01").to_records()
        assert records[2]["in_force_from"] == "2020-09-15"
        assert records[2]["addresses"][0]["finding"] == "DBF-2020-004-1"
        assert records[0]["in_force_until"] == "2019-04-30"

    def test_a_finding_no_debrief_records_is_kept_by_id(self) -> None:
        fleet = mc.model.Fleet(
            documents=(
                document("SOP-1", version("1.0", "approved", D(2020, 1, 1), addresses=("DBF-X",))),
            )
        )
        [addressed] = history(fleet, "SOP-1").versions[0].addresses
        assert (addressed.finding, addressed.debrief, addressed.found) == ("DBF-X", None, None)
