"""Training needs analysis: the fewest training actions that close every gap (seed C9).

A **gap** is a crew and a role of its vessel's complement that needs more qualified
members: a shortfall (fewer than required), a single point of failure (one qualified
member for a role that needs one), or qualifications lapsing within the window. The
target for a role is its required count, and at least two people, so that closing a
shortfall does not leave a single point of failure. A member counts toward the target
when qualified on the date and not lapsing.

**Method: greedy weighted set cover.** Only members of a crew can close its gaps, so each
crew is planned on its own. A candidate is one member qualifying for one role; its price
is the number of actions it still needs (courses, certificates, kit, and giving the duty
role to someone who does not hold it), after the actions already chosen for that person.
Each step picks the candidate that closes the most gap places per new action (counting
other roles of the same person that the same actions complete); ties go to people who
already hold the role, then to those with fewest missing items, then data order.

**Bound.** This is the greedy algorithm for weighted set cover, where a candidate's
price only falls as actions are chosen. The classic argument (Chvátal 1979) still
applies: the plan has at most H(n) ≤ ln n + 1 times the actions of the best plan built
from whole candidates priced separately, where n is the number of gap places. Gaps no
member can close (a crew with too few members) are reported as unmet.
"""

from __future__ import annotations

import datetime
import enum
from typing import Any

import attrs
import pendulum

from .. import facts
from ..model import Crew, Fleet, Vessel
from ..model._window import Within, window_days
from ..rules import as_date
from ._coverage import crews_in_scope
from ._matrix import CellState, SkillCell, assess

__all__ = ["Gap", "TrainingAction", "TrainingActionKind", "TrainingNeeds", "training_needs"]


class TrainingActionKind(str, enum.Enum):
    """What a training action gives a person."""

    COURSE = "course"
    """Complete (or refresh) a course."""
    CERTIFICATE = "certificate"
    """Obtain (or revalidate) a certificate of a type."""
    KIT = "kit"
    """Be issued an item of an equipment type."""
    ROLE = "role"
    """Be given the duty role (once qualified for it)."""


_Key = tuple[TrainingActionKind, str]


@attrs.frozen
class TrainingAction:
    """One action for one person, and the gaps (roles of their crew) it helps close."""

    person: str
    crew: str
    kind: TrainingActionKind
    item: str
    """Course, certificate type, equipment type or duty role id."""
    closes: tuple[str, ...]
    """Roles of the crew the person fills once this and their other actions are done."""

    def to_record(self) -> dict[str, Any]:
        """The action as a plain dict."""
        return {
            "person": self.person,
            "crew": self.crew,
            "kind": self.kind.value,
            "item": self.item,
            "closes": list(self.closes),
        }


@attrs.frozen
class Gap:
    """A crew and role that needs more qualified members, and who the plan adds."""

    crew: str
    vessel: str
    role: str
    kind: str
    """``shortfall``, ``lapsing`` or ``single-point``."""
    required: int
    counted: int
    """Members qualified on the date and not lapsing within the window."""
    needed: int
    """More qualified members wanted: max(required, 2) less ``counted``."""
    filled_by: tuple[str, ...]
    """Members the plan qualifies for the role."""

    @property
    def unmet(self) -> int:
        """Places the plan cannot fill from the crew's members."""
        return self.needed - len(self.filled_by)

    def to_record(self) -> dict[str, Any]:
        """The gap as a plain dict."""
        return {
            "crew": self.crew,
            "vessel": self.vessel,
            "role": self.role,
            "kind": self.kind,
            "required": self.required,
            "counted": self.counted,
            "needed": self.needed,
            "filled_by": list(self.filled_by),
            "unmet": self.unmet,
        }


@attrs.frozen
class TrainingNeeds:
    """The training needs analysis on a date: the gaps and the actions that close them."""

    as_of: pendulum.Date
    within: int
    vessel: str | None
    gaps: tuple[Gap, ...]
    actions: tuple[TrainingAction, ...]
    courses_without_trainer: tuple[str, ...]
    """In-house courses the plan needs that nobody is qualified to deliver (``TRN006``)."""

    @property
    def unmet(self) -> tuple[Gap, ...]:
        """Gaps the plan cannot close by training the crew's members."""
        return tuple(gap for gap in self.gaps if gap.unmet)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per action."""
        return [action.to_record() for action in self.actions]


def _needs(cell: SkillCell) -> frozenset[_Key]:
    kind = TrainingActionKind
    keys: list[_Key] = [(kind.COURSE, c) for c in cell.missing_courses + cell.lapsing_courses]
    certificates = cell.missing_certificates + cell.lapsing_certificates
    keys += [(kind.CERTIFICATE, t) for t in certificates]
    keys += [(kind.KIT, k) for k in cell.missing_kit]
    if not cell.held:
        keys.append((kind.ROLE, cell.role))
    return frozenset(keys)


@attrs.define
class _Plan:
    """The greedy plan of one crew, built up step by step."""

    needs: dict[tuple[str, str], frozenset[_Key]]
    """(person, role) to what the person needs for the role, for roles with gaps."""
    held: set[tuple[str, str]]
    remaining: dict[str, int]
    order: dict[str, int]
    rank: dict[str, int]
    chosen: dict[str, list[_Key]] = attrs.Factory(dict)
    filled: dict[str, list[str]] = attrs.Factory(dict)
    done: set[tuple[str, str]] = attrs.Factory(set)

    def completes(self, person: str, extra: frozenset[_Key]) -> list[str]:
        have = set(self.chosen.get(person, ())) | extra
        return [
            role
            for role, left in self.remaining.items()
            if left > 0
            and (person, role) not in self.done
            and (person, role) in self.needs
            and self.needs[person, role] <= have
        ]

    def step(self) -> bool:
        best: tuple[tuple[float, int, int, int, int], str, frozenset[_Key]] | None = None
        for (person, role), need in self.needs.items():
            if self.remaining.get(role, 0) <= 0 or (person, role) in self.done:
                continue
            new = need - set(self.chosen.get(person, ()))
            if not new:
                continue
            gain = len(self.completes(person, new))
            key = (
                -gain / len(new),
                (person, role) not in self.held,
                len(need),
                self.order[person],
                self.rank[role],
            )
            if best is None or key < best[0]:
                best = (key, person, new)
        if best is None:
            return False
        _, person, new = best
        roles = self.completes(person, new)
        self.chosen.setdefault(person, []).extend(sorted(new))
        for role in roles:
            self.remaining[role] -= 1
            self.done.add((person, role))
            self.filled.setdefault(role, []).append(person)
        return True


def _plan_crew(
    fleet: Fleet,
    crew: Crew,
    vessel: Vessel,
    as_of: pendulum.Date,
    horizon: pendulum.Date,
) -> tuple[list[Gap], list[TrainingAction]]:
    members = facts.crew_members(fleet, crew, as_of)
    gaps: list[tuple[str, str, int, int, int]] = []
    cells: dict[tuple[str, str], SkillCell] = {}
    for cover in facts.role_covers(fleet, crew, vessel, as_of):
        duty_role = fleet.duty_role(cover.role)
        assert duty_role is not None  # role_covers keeps known roles only
        column = [assess(fleet, person, duty_role, as_of, horizon) for person in members]
        counted = sum(1 for cell in column if cell.state is CellState.QUALIFIED)
        needed = max(cover.required, 2) - counted
        if needed <= 0:
            continue
        if len(cover.qualified) < cover.required:
            kind = "shortfall"
        elif counted < cover.required:
            kind = "lapsing"
        else:
            kind = "single-point"
        gaps.append((cover.role, kind, cover.required, counted, needed))
        cells.update(((c.person, c.role), c) for c in column if c.state is not CellState.QUALIFIED)
    plan = _Plan(
        needs={key: _needs(cell) for key, cell in cells.items()},
        held={key for key, cell in cells.items() if cell.held},
        remaining={role: needed for role, _, _, _, needed in gaps},
        order={person.id: position for position, person in enumerate(members)},
        rank={gap[0]: position for position, gap in enumerate(gaps)},
    )
    while plan.step():
        pass
    closes: dict[str, list[str]] = {}
    for role, _, _, _, _ in gaps:  # in complement order
        for person in plan.filled.get(role, ()):
            closes.setdefault(person, []).append(role)
    actions = [
        TrainingAction(
            person=person,
            crew=crew.id,
            kind=kind,
            item=item,
            closes=tuple(
                role for role in closes.get(person, []) if (kind, item) in plan.needs[person, role]
            ),
        )
        for person, keys in plan.chosen.items()
        for kind, item in keys
    ]
    return [
        Gap(
            crew=crew.id,
            vessel=vessel.id,
            role=role,
            kind=kind,
            required=required,
            counted=counted,
            needed=needed,
            filled_by=tuple(plan.filled.get(role, ())),
        )
        for role, kind, required, counted, needed in gaps
    ], actions


def training_needs(
    fleet: Fleet,
    as_of: pendulum.Date | datetime.date | str,
    *,
    vessel: str | None = None,
    within: Within = 0,
) -> TrainingNeeds:
    """The training actions that close every shortfall and single point of failure.

    Covers every crew of the fleet, or of one vessel. A member whose qualification ends
    on or before ``as_of + within`` days does not count (with the default 0: one whose
    last valid day is ``as_of``), and the plan renews what lapses. See the module
    documentation for the method and its bound.
    ``within`` is a number of days (``90``), days as text (``"90d"``) or a period
    (``"P3M"``), as for :func:`~maritime_crew.forecast`.
    """
    as_of = as_date(as_of)
    within = window_days(as_of, within)
    horizon = as_of.add(days=within)
    gaps: list[Gap] = []
    actions: list[TrainingAction] = []
    for crew, home in crews_in_scope(fleet, vessel=vessel):
        crew_gaps, crew_actions = _plan_crew(fleet, crew, home, as_of, horizon)
        gaps += crew_gaps
        actions += crew_actions
    holders = facts.trainer_holders(fleet, as_of) if actions else None
    without: list[str] = []
    for action in actions:
        course = fleet.course(action.item) if action.kind is TrainingActionKind.COURSE else None
        if course is None or course.provider is not None or holders is None:
            continue
        needs_trainer = holders.requirements(course) and not holders.trainers(course)
        if needs_trainer and course.id not in without:
            without.append(course.id)
    return TrainingNeeds(
        as_of=as_of,
        within=within,
        vessel=vessel,
        gaps=tuple(gaps),
        actions=tuple(actions),
        courses_without_trainer=tuple(without),
    )
