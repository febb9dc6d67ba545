"""DOC: SEMS documents, SOPs and the debrief loop (seed C5, C7, C8)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pendulum

from ...facts import ACTION_DONE, DEBRIEFS, DOCUMENTS, OPERATIONS, TRACKED_ACTIONS, View
from ...model import (
    Debrief,
    Document,
    DocumentVersion,
    Operation,
    Period,
    Subject,
    VersionStatus,
)
from .._context import Context
from .._finding import Finding
from .._rule import Parameter
from .._severity import Severity
from ._people import count
from ._registry import builtin

DEFAULT_INTERVAL = Parameter(
    "default-interval",
    Period,
    Period(months=12),
    "Review interval for documents that do not set their own (annual review is common practice).",
)
WITHIN = Parameter(
    "within-days",
    int,
    14,
    "Days after an operation's last day by which its debrief must be held.",
)

_RECORDED_APPROVED = (VersionStatus.APPROVED, VersionStatus.SUPERSEDED)
"""Recorded statuses that say a version was approved: for words only, never to decide."""


def _named(document: Document) -> str:
    return f"{document.id} ({document.title})"


def _and(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _about(
    ctx: Context,
    table: str,
    record: Document | Operation | Debrief,
    message: str,
    nested: tuple[str | int, ...] = (),
    details: Mapping[str, Any] | None = None,
) -> Finding:
    """A finding about a record of ``table`` (or a record nested in it).

    The source is this very record's: of two records that share an id, the one the
    rule was run on.
    """
    fleet = ctx.facts.fleet
    records = fleet.records(table)
    position = next((p for p in fleet.positions(table, record.id) if records[p] is record), None)
    return ctx.finding(
        Subject(table, record.id),
        message,
        source=fleet.source_of(table, position, *nested) if position is not None else None,
        details=details,
    )


@builtin(
    code="DOC001",
    name="review-overdue",
    severity=Severity.ERROR,
    summary="A document in force has not been reviewed within its review interval.",
    rationale="Safety management documents must be kept under regular review so that only "
    "valid, current documents are in use (ISM Code §11; ISO 9001:2015 7.5.2). The command "
    "committed to keeping risk assessments under regular review (seed C5) and to a SEMS "
    "that coordinates every policy, procedure and guidance document (seed C7). Where a "
    "document sets no interval, annual review is common practice.",
    source="seed C5, C7; ISM Code §11; ISO 9001:2015 7.5",
    parameters=(DEFAULT_INTERVAL,),
    example="SOP-BRD-01 (Boarding of non-compliant vessels) was last reviewed on 2019-09-01; "
    "with a review interval of P12M it was due on 2020-09-01, 211 days before the check "
    "date 2021-03-31.",
    fix="Review the document and record the review in its `reviews`, or issue a new "
    "approved version with its effective date.",
    each=DOCUMENTS,
)
def review_overdue(document: Document, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    default: Period = ctx.params["default-interval"]
    review = view.review_due(document, default)
    if review is None:
        return  # never in force (DOC002) or never reviewed
    last, interval, due = review.last, review.interval, review.due
    if not view.passed(due):
        return  # due on the check date is due, not overdue
    days = view.days_since(due)
    which = "a" if document.review_interval is not None else "the default"
    reviewed = any(r.date == last for r in document.reviews)
    version = next((v for v in document.versions if v.effective == last), None)
    since = (
        f"was last reviewed on {last}"
        if reviewed or version is None
        else f"has not been reviewed since version {version.label} took effect on {last}"
    )
    yield _about(
        ctx,
        "document",
        document,
        f"{_named(document)} {since}; with {which} review interval "
        f"of {interval} it was due on {due}, {count(days, 'day')} before {view.date}",
        details={
            "last_reviewed": last.isoformat(),
            "last_review_was": "review" if reviewed or version is None else "version",
            "review_interval": str(interval),
            "default_interval": document.review_interval is None,
            "due": due.isoformat(),
            "days_overdue": days,
        },
    )


def _some(count: int, one: str, many: str, items: list[str]) -> str:
    return f"{one if count == 1 else many} ({', '.join(items)})"


@builtin(
    code="DOC002",
    name="no-version-in-force",
    severity=Severity.ERROR,
    summary="A document in the register has no version in force.",
    rationale="Crews must work to a valid, approved version of each controlled document; a "
    "register entry with only drafts or versions not yet effective leaves them without one "
    "(ISM Code §11; ISO 9001:2015 7.5.2, 7.5.3; seed C7, C8). Each version's status on the "
    "date follows from its dates. A document whose versions are all withdrawn or superseded "
    "on the date has been retired and is not reported.",
    source="seed C7, C8; ISM Code §11; ISO 9001:2015 7.5",
    example="RA-RIB-02 (Launch and recovery of the RIB) has no version in force on "
    "2021-03-31: it has only a draft (0.3).",
    fix="Give a version an effective date (once approved), or withdraw the document.",
    each=DOCUMENTS,
)
def no_version_in_force(document: Document, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    if view.version_in_force(document) is not None:
        return
    versions = document.versions
    statuses = [view.version_status(document, v) for v in versions]
    retired = (VersionStatus.WITHDRAWN, VersionStatus.SUPERSEDED)
    if versions and all(status in retired for status in statuses):
        return  # a retired document
    drafts, undated, withdrawn, superseded = [], [], [], []
    future: dict[str, pendulum.Date] = {}
    for version, status in zip(versions, statuses, strict=True):
        if status is VersionStatus.WITHDRAWN:
            withdrawn.append(version.label)
        elif status is VersionStatus.SUPERSEDED:
            superseded.append(version.label)
        elif (day := view.taking_effect(version)) is not None:
            future[version.label] = day  # a draft until then
        elif version.effective is None and version.status in _RECORDED_APPROVED:
            undated.append(version.label)
        else:
            drafts.append(version.label)
    parts = []
    if drafts:
        parts.append(_some(len(drafts), "a draft", "drafts", drafts))
    if future:
        dated = [f"{label}, effective {day}" for label, day in future.items()]
        parts.append(
            f"{'a future version' if len(future) == 1 else 'future versions'} ({'; '.join(dated)})"
        )
    if undated:
        parts.append(
            _some(
                len(undated),
                "an approved version with no effective date",
                "approved versions with no effective date",
                undated,
            )
        )
    if superseded:
        parts.append(
            _some(len(superseded), "a superseded version", "superseded versions", superseded)
        )
    if withdrawn:
        parts.append(_some(len(withdrawn), "a withdrawn version", "withdrawn versions", withdrawn))
    has = f"it has only {_and(parts)}" if parts else "it has no versions"
    yield _about(
        ctx,
        "document",
        document,
        f"{_named(document)} has no version in force on {view.date}: {has}",
        details={
            "drafts": drafts,
            "future": {label: day.isoformat() for label, day in future.items()},
            "undated": undated,
            "superseded": superseded,
            "withdrawn": withdrawn,
        },
    )


@builtin(
    code="DOC003",
    name="several-versions-in-force",
    severity=Severity.ERROR,
    summary="More than one version of a document is in force at once: they took effect on "
    "the same day.",
    rationale="Version control means one current version. A version is superseded when a "
    "later one takes effect, so two versions that take effect on the same day leave two "
    "current versions, and crews may work to the wrong one (ISM Code §11; ISO 9001:2015 "
    "7.5.3; seed C8).",
    source="seed C8; ISM Code §11; ISO 9001:2015 7.5",
    example="SOP-BRD-01 (Boarding of non-compliant vessels) has 2 versions in force on "
    "2021-03-31: 2.0 and 2.1 both took effect on 2020-06-01, so neither supersedes the other.",
    fix="Correct the effective date of one of the versions, or withdraw the one issued in error.",
    each=DOCUMENTS,
)
def several_versions_in_force(document: Document, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    live = view.versions_in_force(document)
    if len(live) < 2:
        return
    day = live[0].effective
    labels = [v.label for v in live]
    which = "neither supersedes the other" if len(live) == 2 else "none supersedes the others"
    yield _about(
        ctx,
        "document",
        document,
        f"{_named(document)} has {len(live)} versions in force on {view.date}: "
        f"{_and(labels)} {'both' if len(live) == 2 else 'all'} took effect on {day}, so "
        f"{which}",
        details={
            "versions": labels,
            "effective": [v.effective.isoformat() for v in live if v.effective],
        },
    )


@builtin(
    code="DOC004",
    name="version-in-force-not-approved",
    severity=Severity.ERROR,
    summary="The version of a document in force was not approved before it took effect.",
    rationale="Documents and their changes are reviewed and approved by authorised "
    "personnel before use (ISM Code §11.2; ISO 9001:2015 7.5.2; seed C8): a version in "
    "force with no recorded approval, or approved only after it took effect, was in use "
    "unapproved. A version comes into force on its effective date whatever status is "
    "recorded with it (DATA010 reports a recorded status the dates contradict).",
    source="seed C8; ISM Code §11; ISO 9001:2015 7.5",
    example="SOP-BRD-01 (Boarding of non-compliant vessels) version 2.0 took effect on "
    "2020-06-01 but was approved on 2020-06-15, 14 days later.",
    fix="Record the approval (who and when); if a version was put into use unapproved, "
    "approve it, or withdraw it.",
    each=DOCUMENTS,
)
def version_in_force_not_approved(document: Document, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    in_force = view.version_in_force(document)
    since = in_force.effective if in_force is not None else None
    if in_force is None or since is None:
        return  # DOC002
    index = next(i for i, v in enumerate(document.versions) if v is in_force)
    missing = [
        field for field in ("approved_by", "approved_on") if getattr(in_force, field) is None
    ]
    approved_on = in_force.approved_on
    if missing:
        what = "no recorded approval" if len(missing) == 2 else f"no `{missing[0]}`"
        message = f"{_named(document)} version {in_force.label}, in force since {since}, has {what}"
        problem = "approval-missing"
    elif approved_on is not None and approved_on > since:
        message = (
            f"{_named(document)} version {in_force.label} took effect on {since} but "
            f"was approved on {approved_on}, "
            f"{count(approved_on.toordinal() - since.toordinal(), 'day')} later"
        )
        problem = "approved-after-effective"
    else:
        return
    yield _about(
        ctx,
        "document",
        document,
        message,
        nested=("versions", index),
        details={
            "version": in_force.label,
            "effective": since.isoformat(),
            "approved_by": in_force.approved_by,
            "approved_on": approved_on.isoformat() if approved_on else None,
            "problem": problem,
        },
    )


@builtin(
    code="DOC005",
    name="operation-not-debriefed",
    severity=Severity.ERROR,
    summary="An operation has no debrief held within the set number of days of its end.",
    rationale="The command committed that all operations are subject to documented "
    "debriefs, so that procedures are updated as required (seed C8); a debrief held "
    "weeks later loses the detail. Non-conformities and hazardous occurrences are "
    "reported and analysed (ISM Code §9).",
    source="seed C8; ISM Code §9",
    parameters=(WITHIN,),
    example="Operation OP-2020-031 on seeker ended on 2020-08-13 and was not debriefed "
    "within 14 days (by 2020-08-27); debrief DB-2020-031 was held on 2020-09-03, 7 days late.",
    fix="Hold and record the debrief; if it was held, record it with its date and the "
    "operation's id.",
    each=OPERATIONS,
)
def operation_not_debriefed(operation: Operation, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    within: int = ctx.params["within-days"]
    deadline = operation.last_day.add(days=within)
    if not view.passed(deadline):
        return  # still inside the window
    held = view.debriefs_held(operation.id)
    if any(d.date <= deadline for d in held):
        return
    late = min(held, key=lambda d: d.date) if held else None
    named = f" ({operation.name})" if operation.name else ""
    message = (
        f"operation {operation.id}{named} on {operation.vessel} ended on "
        f"{operation.last_day} and was not debriefed within {count(within, 'day')} "
        f"(by {deadline})"
    )
    details: dict[str, Any] = {
        "last_day": operation.last_day.isoformat(),
        "deadline": deadline.isoformat(),
        "within_days": within,
    }
    if late is not None:
        days = late.date.toordinal() - deadline.toordinal()
        message += f"; debrief {late.id} was held on {late.date}, {count(days, 'day')} late"
        details.update(debrief=late.id, debriefed=late.date.isoformat(), days_late=days)
    else:
        message += f"; no debrief is recorded by {view.date}"
        details.update(debrief=None, days_overdue=view.days_since(deadline))
    yield _about(ctx, "operation", operation, message, details=details)


def _not_closing(view: View, document: Document, version: DocumentVersion) -> str:
    """Why a version that addresses a finding has not closed it (it has not taken effect)."""
    if view.version_status(document, version) is VersionStatus.WITHDRAWN:
        return f"was withdrawn on {version.withdrawn}" if version.withdrawn else "was withdrawn"
    if version.effective is None:
        return "is a draft" if version.status not in _RECORDED_APPROVED else "has no effective date"
    if view.taking_effect(version) is None:
        return f"is withdrawn on {version.withdrawn}, before it takes effect"
    return f"takes effect on {version.effective}"


@builtin(
    code="DOC006",
    name="debrief-action-overdue",
    severity=Severity.ERROR,
    summary="A debrief finding's document action is past its due date and not closed.",
    rationale="Debriefs exist so that procedures are updated as required (seed C8); a "
    "corrective action is closed only when a version that addresses it has taken effect "
    "(ISM Code §9.2: corrective action is taken and its implementation followed up).",
    source="seed C8; ISM Code §9",
    example="Debrief finding DBF-2020-031-1 (debrief DB-2020-031) required SOP-BRD-01 "
    "(Boarding of non-compliant vessels) to be revised by 2020-11-30; on 2021-03-31 it is "
    "121 days overdue and no version addressing it is in force (SOP-BRD-01 version 2.1 is "
    "a draft).",
    fix="Approve and bring into force a version whose `addresses` lists the finding, or "
    "record the version that did; if the date slipped by agreement, set a new `due` date.",
    each=DEBRIEFS,
)
def debrief_action_overdue(debrief: Debrief, ctx: Context) -> Iterator[Finding]:
    view = ctx.facts
    fleet = view.fleet
    for index, item in enumerate(debrief.findings):
        if item.action not in TRACKED_ACTIONS:
            continue
        if item.due is None or not view.passed(item.due):
            continue  # no due date: DOC007; due on the check date is not overdue
        if item.document is None:
            target = "a document it does not name"
        else:
            document = fleet.document(item.document)
            if document is None:
                continue  # unknown document: DATA002
            target = _named(document)
        if view.closing_version(item.id) is not None:
            continue
        addressing = view.addressing(item.id)
        days = view.days_since(item.due)
        pending = [
            f"{found.document.id} version {found.version.label} "
            f"{_not_closing(view, found.document, found.version)}"
            for found in addressing
        ]
        state = (
            f"no version addressing it is in force ({'; '.join(pending)})"
            if pending
            else "no version addresses it"
        )
        yield _about(
            ctx,
            "debrief",
            debrief,
            f"debrief finding {item.id} (debrief {debrief.id}) required {target} to be "
            f"{ACTION_DONE[item.action]} by {item.due}; on {view.date} it is "
            f"{count(days, 'day')} overdue and {state}",
            nested=("findings", index),
            details={
                "finding": item.id,
                "document": item.document,
                "action": item.action.value,
                "due": item.due.isoformat(),
                "days_overdue": days,
                "addressed_by": [
                    f"{found.document.id} {found.version.label}" for found in addressing
                ],
            },
        )


@builtin(
    code="DOC007",
    name="debrief-action-incomplete",
    severity=Severity.WARNING,
    summary="A debrief finding requires a revision or review but names no document or "
    "has no due date.",
    rationale="An action with no document or no due date cannot be followed up, so the "
    "debrief loop that keeps procedures up to date (seed C8) and the follow-up of "
    "corrective action (ISM Code §9.2) silently stop.",
    source="seed C8; ISM Code §9",
    example="Debrief finding DBF-2020-040-2 (debrief DB-2020-040) requires a document to be "
    "revised but names no document and has no due date, so the action cannot be tracked.",
    fix="Set the finding's `document` and `due` date, or set its action to `none` if no "
    "document change is needed.",
    each=DEBRIEFS,
)
def debrief_action_incomplete(debrief: Debrief, ctx: Context) -> Iterator[Finding]:
    for index, item in enumerate(debrief.findings):
        if item.action not in TRACKED_ACTIONS:
            continue
        if item.document is not None and item.due is not None:
            continue
        target = item.document if item.document is not None else "a document"
        gaps = []
        if item.document is None:
            gaps.append("names no document")
        if item.due is None:
            gaps.append("has no due date")
        yield _about(
            ctx,
            "debrief",
            debrief,
            f"debrief finding {item.id} (debrief {debrief.id}) requires {target} to be "
            f"{ACTION_DONE[item.action]} but {' and '.join(gaps)}, so the action cannot be "
            "tracked",
            nested=("findings", index),
            details={
                "finding": item.id,
                "action": item.action.value,
                "document": item.document,
                "due": item.due.isoformat() if item.due else None,
            },
        )


def _history_problems(view: View, document: Document) -> list[tuple[str, str, int]]:
    """(problem kind, words, version position) for each inconsistency in the version history.

    Only versions that have taken effect by the view's date count, so the answer is as of
    that date. The recorded statuses are not compared here: a status follows from the
    dates on every date, and DATA010 compares the recorded one with them.
    """
    live = [(i, v) for i, v in enumerate(document.versions) if view.started(v)]
    by_label = {v.label: (i, v) for i, v in live}
    successors: dict[str, list[DocumentVersion]] = {}
    for _, version in live:
        if version.supersedes is not None:
            successors.setdefault(version.supersedes, []).append(version)
    current = view.version_in_force(document)
    problems: list[tuple[str, str, int]] = []
    for i, version in live:
        after = successors.get(version.label, [])
        if len(after) > 1:
            labels = _and([v.label for v in after])
            every = "both" if len(after) == 2 else "all"
            problems.append(
                ("fork", f"versions {labels} {every} replace version {version.label}", i)
            )
        earlier = by_label.get(version.supersedes) if version.supersedes else None
        if (
            earlier is not None
            and version.effective is not None
            and earlier[1].effective is not None
            and version.effective < earlier[1].effective
        ):
            problems.append(
                (
                    "out-of-order",
                    f"version {version.label} took effect on {version.effective}, before "
                    f"version {earlier[1].label} that it replaces ({earlier[1].effective})",
                    i,
                )
            )
        if (
            version is not current
            and version.approved_on is not None
            and version.effective is not None
            and version.approved_on > version.effective
        ):
            problems.append(
                (
                    "approved-after-effective",
                    f"version {version.label} took effect on {version.effective} but was "
                    f"approved on {version.approved_on}",
                    i,
                )
            )
    return problems


@builtin(
    code="DOC008",
    name="version-history-inconsistent",
    severity=Severity.WARNING,
    summary="A document's version history contradicts itself.",
    rationale="An audit asks which version was in force on a given day and why; that "
    "answer needs an ordered history where each version replaces exactly one earlier "
    "version, after it, each approved before it took effect (ISM Code §11; ISO 9001:2015 "
    "7.5.3, control of documented information). Only versions that have taken effect by "
    "the date count. DOC004 covers the approval of the version in force; this rule covers "
    "earlier versions. Recorded statuses that contradict the dates are DATA010's.",
    source="ISM Code 11; ISO 9001:2015 7.5.3",
    example="SOP-BRD-01 (Boarding of non-compliant vessels): versions 2.0 and 2.1 both "
    "replace version 1.0.",
    fix="Correct the `supersedes` labels or dates of the versions named, so that each "
    "version replaces one earlier version and takes effect after it.",
    each=DOCUMENTS,
)
def version_history_inconsistent(document: Document, ctx: Context) -> Iterator[Finding]:
    for problem, words, index in _history_problems(ctx.facts, document):
        yield _about(
            ctx,
            "document",
            document,
            f"{_named(document)}: {words}",
            nested=("versions", index),
            details={"problem": problem, "version": document.versions[index].label},
        )
