"""The SEMS document register: policies, procedures, guidance, SOPs, risk assessments."""

from __future__ import annotations

import enum

import attrs
import pendulum

from ._base import doc
from ._period import Period
from ._provenance import Recorded, provenance_last

__all__ = ["Document", "DocumentKind", "DocumentReview", "DocumentVersion", "VersionStatus"]


class DocumentKind(str, enum.Enum):
    """The kind of controlled document (seed commitments C5, C7, C8)."""

    POLICY = "policy"
    PROCEDURE = "procedure"
    GUIDANCE = "guidance"
    SOP = "sop"
    RISK_ASSESSMENT = "risk-assessment"


class VersionStatus(str, enum.Enum):
    """Where a document version is in its life.

    On a date the status follows from the version's dates (see :class:`DocumentVersion`):
    ``draft`` until it takes effect, ``approved`` (in force) from its effective date,
    ``superseded`` once a later version of the document takes effect, ``withdrawn`` from
    its withdrawal date. The status recorded with a version is what the register said when
    it was written; ``DATA010`` reports one that the dates contradict.
    """

    DRAFT = "draft"
    APPROVED = "approved"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


@attrs.frozen(field_transformer=provenance_last)
class DocumentVersion(Recorded):
    """One version of a controlled document.

    Its status on a date follows from its dates, not from the recorded ``status``: a
    draft until its effective date; in force from that date until a later version of the
    document takes effect (superseded from then); withdrawn from its ``withdrawn`` date,
    whatever it was before. A version withdrawn on or before its effective date never
    takes effect. ``addresses`` links the version to the debrief findings whose actions
    it closes (seed commitment C8).
    """

    label: str = attrs.field(metadata=doc("Version label, unique within the document.", "2.1"))
    status: VersionStatus = attrs.field(
        metadata=doc(
            "Status as recorded when the register was last written. On a date the status "
            "follows from the dates: a draft until `effective`, in force from it, superseded "
            "once a later version takes effect, withdrawn from `withdrawn`. `withdrawn` with "
            "no `withdrawn` date means withdrawn on every date. Rule DATA010 reports a "
            "recorded status the dates contradict.",
            "approved",
        )
    )
    effective: pendulum.Date | None = attrs.field(
        default=None,
        metadata=doc(
            "Date the version comes into force; with none it stays a draft.", "2020-02-01"
        ),
    )
    withdrawn: pendulum.Date | None = attrs.field(
        default=None,
        metadata=doc(
            "First day the version is withdrawn: no longer in force from then, and the "
            "version it superseded does not come back. Withdrawn on or before `effective`, "
            "it never comes into force.",
            "2021-02-01",
        ),
    )
    approved_by: str | None = attrs.field(
        default=None, metadata=doc("Who approved it (post or staff number).", "Head of Maritime")
    )
    approved_on: pendulum.Date | None = attrs.field(
        default=None, metadata=doc("Date of approval.", "2020-01-20")
    )
    supersedes: str | None = attrs.field(
        default=None, metadata=doc("Label of the version this one replaces.", "2.0")
    )
    summary: str | None = attrs.field(
        default=None,
        metadata=doc(
            "Summary of the changes in this version.",
            "Rewritten for the Stan Patrol cutters' boarding ladders.",
        ),
    )
    addresses: tuple[str, ...] = attrs.field(
        factory=tuple,
        metadata=doc(
            "Debrief finding ids whose actions this version closes.", '["DBF-2020-007-1"]'
        ),
    )


@attrs.frozen(field_transformer=provenance_last)
class DocumentReview(Recorded):
    """A review of a document that did not necessarily produce a new version."""

    date: pendulum.Date = attrs.field(metadata=doc("Date of the review.", "2020-09-14"))
    by: str | None = attrs.field(default=None, metadata=doc("Reviewer.", "SEMS manager"))
    outcome: str | None = attrs.field(
        default=None, metadata=doc("Result of the review.", "No change required")
    )


@attrs.frozen(field_transformer=provenance_last)
class Document(Recorded):
    """A controlled document in the Safety and Environmental Management System."""

    id: str = attrs.field(metadata=doc("Unique document id.", "SOP-BRD-01"))
    kind: DocumentKind = attrs.field(metadata=doc("Kind of document.", "sop"))
    title: str = attrs.field(metadata=doc("Title.", "Boarding of non-compliant vessels"))
    owner: str = attrs.field(metadata=doc("Owner (post responsible).", "Maritime Operations Lead"))
    review_interval: Period | None = attrs.field(
        default=None, metadata=doc("How often the document must be reviewed.", '"P12M"')
    )
    vessels: tuple[str, ...] = attrs.field(
        factory=tuple,
        metadata=doc("Vessel ids it applies to; empty when it applies fleet-wide.", '["searcher"]'),
    )
    versions: tuple[DocumentVersion, ...] = attrs.field(
        factory=tuple, metadata=doc("Versions, oldest first.")
    )
    reviews: tuple[DocumentReview, ...] = attrs.field(
        factory=tuple, metadata=doc("Reviews carried out, oldest first.")
    )

    def version(self, label: str) -> DocumentVersion | None:
        """The version with ``label``, or ``None``."""
        for version in self.versions:
            if version.label == label:
                return version
        return None
