"""The debrief loop: operations debriefed on time, and debrief actions followed to closure."""

from __future__ import annotations

import enum
import statistics
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import pendulum

from ..facts import Facts, View
from ..model import ActionKind, Fleet
from ..rules import as_date
from ._common import DEFAULT_WITHIN_DAYS, DateLike, iso

__all__ = [
    "ActionState",
    "DebriefAction",
    "DebriefLoop",
    "DebriefState",
    "LoopMetrics",
    "OperationDebrief",
    "debrief_actions",
    "debrief_loop",
]


class ActionState(str, enum.Enum):
    """Where a debrief action stands on a date."""

    OPEN = "open"
    """Not closed, and not past its due date (or it has none)."""
    OVERDUE = "overdue"
    """Not closed, and past its due date."""
    CLOSED = "closed"
    """A version that addresses the finding has taken effect."""


class DebriefState(str, enum.Enum):
    """Whether an operation was debriefed within the set number of days of its end."""

    ON_TIME = "on-time"
    """A debrief was held by the deadline."""
    LATE = "late"
    """The first debrief was held after the deadline."""
    MISSING = "missing"
    """The deadline has passed and no debrief is recorded."""
    PENDING = "pending"
    """No debrief yet, but the deadline has not passed."""


@attrs.frozen
class DebriefAction:
    """A debrief finding that requires a document to be revised or reviewed.

    The action is closed on the effective date of the first version that lists the
    finding in ``addresses`` and takes effect (whatever became of it since); as ``DOC006``.
    """

    finding: str
    debrief: str
    operation: str
    vessel: str | None
    """The debrief's vessel, or else its operation's."""
    document: str | None
    action: ActionKind
    summary: str
    found: pendulum.Date
    """The date of the debrief that recorded the finding."""
    due: pendulum.Date | None
    state: ActionState
    closed: pendulum.Date | None
    """The effective date of the addressing version, once closed."""
    closed_by: str | None
    """The addressing version's label, once closed."""
    closed_by_document: str | None
    """The document of the addressing version (normally ``document``)."""
    days_overdue: int | None
    """Days past the due date on the date asked about, while overdue."""

    @property
    def days_to_close(self) -> int | None:
        """Days from the finding to the addressing version taking effect."""
        return (self.closed - self.found).in_days() if self.closed is not None else None

    @property
    def is_open(self) -> bool:
        """Not closed: open or overdue."""
        return self.state is not ActionState.CLOSED

    def to_record(self) -> dict[str, Any]:
        """The action as a plain dict (dates as ISO text)."""
        return {
            "finding": self.finding,
            "debrief": self.debrief,
            "operation": self.operation,
            "vessel": self.vessel,
            "document": self.document,
            "action": self.action.value,
            "summary": self.summary,
            "found": self.found.isoformat(),
            "due": iso(self.due),
            "state": self.state.value,
            "closed": iso(self.closed),
            "closed_by": self.closed_by,
            "closed_by_document": self.closed_by_document,
            "days_to_close": self.days_to_close,
            "days_overdue": self.days_overdue,
        }


@attrs.frozen
class OperationDebrief:
    """An operation and whether it was debriefed within the set number of days."""

    operation: str
    vessel: str
    last_day: pendulum.Date
    deadline: pendulum.Date
    """The last day of the operation plus the allowed days."""
    state: DebriefState
    debrief: str | None
    """The first debrief held by the date asked about, if any."""
    debriefed: pendulum.Date | None

    def to_record(self) -> dict[str, Any]:
        """The operation's debrief status as a plain dict."""
        return {
            "operation": self.operation,
            "vessel": self.vessel,
            "last_day": self.last_day.isoformat(),
            "deadline": self.deadline.isoformat(),
            "state": self.state.value,
            "debrief": self.debrief,
            "debriefed": iso(self.debriefed),
        }


@attrs.frozen
class LoopMetrics:
    """The health of the debrief loop for one vessel, one document or the whole fleet."""

    scope: str
    """``fleet``, ``vessel`` or ``document``."""
    id: str | None
    """The vessel or document id (``None`` for the fleet)."""
    operations: int
    """Operations whose debrief deadline has passed or that were debriefed (pending ones
    are not counted). Always 0 for a document: debriefs are of operations, not documents."""
    on_time: int
    open: int
    """Actions not closed, overdue ones included."""
    overdue: int
    closed: int
    median_days_to_close: float | None
    p90_days_to_close: float | None
    """90th percentile (inclusive method of :func:`statistics.quantiles`)."""

    @property
    def debriefed_on_time(self) -> float | None:
        """Share of the operations counted that were debriefed on time (``None`` if none)."""
        return self.on_time / self.operations if self.operations else None

    def to_record(self) -> dict[str, Any]:
        """The metrics as a plain dict."""
        return {
            "scope": self.scope,
            "id": self.id,
            "operations": self.operations,
            "on_time": self.on_time,
            "debriefed_on_time": self.debriefed_on_time,
            "open": self.open,
            "overdue": self.overdue,
            "closed": self.closed,
            "median_days_to_close": self.median_days_to_close,
            "p90_days_to_close": self.p90_days_to_close,
        }


@attrs.frozen
class DebriefLoop:
    """The debrief loop on a date: operations, actions and their metrics."""

    as_of: pendulum.Date
    within_days: int
    operations: tuple[OperationDebrief, ...]
    actions: tuple[DebriefAction, ...]
    fleet: LoopMetrics
    vessels: tuple[LoopMetrics, ...]
    """One entry per vessel with operations or actions, in fleet order."""
    documents: tuple[LoopMetrics, ...]
    """One entry per document with actions, in register order."""

    def action(self, finding_id: str) -> DebriefAction | None:
        """The action of one finding, if tracked."""
        return next((a for a in self.actions if a.finding == finding_id), None)

    def operation(self, operation_id: str) -> OperationDebrief | None:
        """The debrief status of one operation, if it ended by the date."""
        return next((o for o in self.operations if o.operation == operation_id), None)

    def vessel(self, vessel_id: str) -> LoopMetrics | None:
        """The metrics of one vessel."""
        return next((m for m in self.vessels if m.id == vessel_id), None)

    def document(self, document_id: str) -> LoopMetrics | None:
        """The metrics of one document."""
        return next((m for m in self.documents if m.id == document_id), None)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per action."""
        return [action.to_record() for action in self.actions]


def debrief_actions(fleet: Fleet, as_of: DateLike) -> tuple[DebriefAction, ...]:
    """Every document action of debriefs held by ``as_of``, with its state on that date."""
    return _actions(Facts.of(fleet).on(as_date(as_of)))


def _actions(view: View) -> tuple[DebriefAction, ...]:
    fleet = view.fleet
    actions = []
    for tracked in view.tracked_actions():
        debrief, item = tracked.debrief, tracked.finding
        if not view.reached(debrief.date):
            continue  # not yet found
        operation = fleet.operation(debrief.operation)
        closing = view.closing_version(item.id)
        days_overdue = None
        if closing is not None:
            state = ActionState.CLOSED
        elif item.due is not None and view.passed(item.due):
            state = ActionState.OVERDUE
            days_overdue = view.days_since(item.due)
        else:
            state = ActionState.OPEN
        actions.append(
            DebriefAction(
                finding=item.id,
                debrief=debrief.id,
                operation=debrief.operation,
                vessel=debrief.vessel or (operation.vessel if operation is not None else None),
                document=item.document,
                action=item.action,
                summary=item.summary,
                found=debrief.date,
                due=item.due,
                state=state,
                closed=closing.version.effective if closing is not None else None,
                closed_by=closing.version.label if closing is not None else None,
                closed_by_document=closing.document.id if closing is not None else None,
                days_overdue=days_overdue,
            )
        )
    return tuple(actions)


def _operations(view: View, within: int) -> tuple[OperationDebrief, ...]:
    rows = []
    for operation in view.fleet.operations:
        if not view.reached(operation.last_day):
            continue  # still under way or in the future
        deadline = operation.last_day.add(days=within)
        held = sorted(view.debriefs_held(operation.id), key=lambda d: d.date)
        first = held[0] if held else None
        if first is not None:
            state = DebriefState.ON_TIME if first.date <= deadline else DebriefState.LATE
        else:
            # As DOC005: on the deadline itself the debrief is still in time.
            state = DebriefState.MISSING if view.passed(deadline) else DebriefState.PENDING
        rows.append(
            OperationDebrief(
                operation=operation.id,
                vessel=operation.vessel,
                last_day=operation.last_day,
                deadline=deadline,
                state=state,
                debrief=first.id if first is not None else None,
                debriefed=first.date if first is not None else None,
            )
        )
    return tuple(rows)


def _percentiles(days: list[int]) -> tuple[float | None, float | None]:
    if not days:
        return None, None
    if len(days) == 1:
        return float(days[0]), float(days[0])
    return (
        float(statistics.median(days)),
        statistics.quantiles(days, n=10, method="inclusive")[8],
    )


def _metrics(
    scope: str,
    scope_id: str | None,
    operations: Iterable[OperationDebrief],
    actions: Iterable[DebriefAction],
) -> LoopMetrics:
    counted = [o for o in operations if o.state is not DebriefState.PENDING]
    listed = list(actions)
    days = [a.days_to_close for a in listed if a.days_to_close is not None]
    median, p90 = _percentiles(days)
    return LoopMetrics(
        scope=scope,
        id=scope_id,
        operations=len(counted),
        on_time=sum(o.state is DebriefState.ON_TIME for o in counted),
        open=sum(a.is_open for a in listed),
        overdue=sum(a.state is ActionState.OVERDUE for a in listed),
        closed=sum(a.state is ActionState.CLOSED for a in listed),
        median_days_to_close=median,
        p90_days_to_close=p90,
    )


def _ordered(known: Iterable[str], seen: Iterable[str | None]) -> list[str]:
    present = {s for s in seen if s is not None}
    order = [k for k in known if k in present]
    return order + sorted(present - set(order))


def debrief_loop(
    fleet: Fleet, as_of: DateLike, *, within_days: int = DEFAULT_WITHIN_DAYS
) -> DebriefLoop:
    """The debrief loop on a date: every operation's debrief and every action's state.

    An operation counts once its last day is on or before ``as_of``; it is debriefed on
    time when its first debrief is held within ``within_days`` of its last day (the
    default is ``DOC005``'s). Actions are those of :func:`debrief_actions`. Metrics are
    given for the fleet, each vessel with operations or actions, and each document with
    actions.
    """
    on = as_date(as_of)
    if within_days < 0:
        raise ValueError("within_days must be 0 or more")
    view = Facts.of(fleet).on(on)
    operations = _operations(view, within_days)
    actions = _actions(view)

    def grouped(
        scope: str,
        ids: list[str],
        op_key: Callable[[OperationDebrief], str | None],
        action_key: Callable[[DebriefAction], str | None],
    ) -> tuple[LoopMetrics, ...]:
        return tuple(
            _metrics(
                scope,
                key,
                (o for o in operations if op_key(o) == key),
                (a for a in actions if action_key(a) == key),
            )
            for key in ids
        )

    vessel_ids = _ordered(
        (v.id for v in fleet.vessels),
        [o.vessel for o in operations] + [a.vessel for a in actions],
    )
    document_ids = _ordered((d.id for d in fleet.documents), [a.document for a in actions])
    return DebriefLoop(
        as_of=on,
        within_days=within_days,
        operations=operations,
        actions=actions,
        fleet=_metrics("fleet", None, operations, actions),
        vessels=grouped("vessel", vessel_ids, lambda o: o.vessel, lambda a: a.vessel),
        documents=grouped("document", document_ids, lambda o: None, lambda a: a.document),
    )
