"""Training needs analysis: the fewest training actions that close every gap (seed C9).

A **gap** is a crew and a role of its vessel's complement that needs more qualified
members: a shortfall (fewer than required), a single point of failure (one qualified
member for a role that needs one), or qualifications lapsing within the window. The
target for a role is its required count, and at least two people, so that closing a
shortfall does not leave a single point of failure. A member counts toward the target
when qualified on the date and not lapsing.

**Method: greedy weighted set cover.** Only members of a crew can close its gaps, so each
crew is planned on its own. A candidate is one member qualifying for one role; its price
is the number of actions it still needs (courses, certificates, kit, practice to regain
or keep currency, and giving the duty role to someone who does not hold it), after the
actions already chosen for that person. Each step picks the candidate that closes the
most gap places per new action (counting other roles of the same person that the same
actions complete); ties go to people who already hold the role, then to those with
fewest missing items, then data order.

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

from ..facts import Facts, View
from ..model import Course, Crew, DutyRole, Fleet, Vessel, Within, window_days
from ..rules import as_date
from ._coverage import crews_in_scope
from ._matrix import CellState, Judge, Verdict

__all__ = ["Gap", "TrainingAction", "TrainingActionKind", "TrainingNeeds", "training_needs"]


class TrainingActionKind(str, enum.Enum):
    """What a training action gives a person."""

    COURSE = "course"
    """Complete (or refresh) a course."""
    CERTIFICATE = "certificate"
    """Obtain (or revalidate) a certificate of a type."""
    KIT = "kit"
    """Be issued an item of an equipment type."""
    PRACTICE = "practice"
    """Log the practice a role's currency asks for (a boat launch, a drill)."""
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
    """Course, certificate type, equipment type, practice kind or duty role id."""
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


class _Needs:
    """What a person needs for a role, from the cell's verdict; shared like the verdicts."""

    def __init__(self) -> None:
        self._keys: dict[_Key, _Key] = {}
        self._needs: dict[tuple[str, Verdict], frozenset[_Key]] = {}

    def __call__(self, role: str, verdict: Verdict) -> frozenset[_Key]:
        found = self._needs.get((role, verdict))
        if found is None:
            state, _, courses, certificates, kit, lapsing_courses, lapsing_certificates = verdict[
                :7
            ]
            missing_currency, lapsing_currency = verdict[7:]
            kind = TrainingActionKind
            keys: list[_Key] = [(kind.COURSE, c) for c in courses + lapsing_courses]
            keys += [(kind.CERTIFICATE, t) for t in certificates + lapsing_certificates]
            keys += [(kind.KIT, k) for k in kit]
            keys += [(kind.PRACTICE, p) for p in missing_currency + lapsing_currency]
            if state is CellState.NOT_HELD:
                keys.append((kind.ROLE, role))
            found = frozenset(self._keys.setdefault(key, key) for key in keys)
            self._needs[role, verdict] = found
        return found


_Score = tuple[float, bool, int, int, int]
_Choice = tuple[_Score, str, frozenset[_Key]]


class _Plan:
    """The greedy plan of one crew, built up step by step.

    Each member's best candidate is kept and worked out again only when it can have
    changed: for the member just chosen (their price fell), and for members who could
    fill a role that has just been filled (their gain fell). The step then picks the
    best of the members' best, which is the best candidate overall.
    """

    def __init__(
        self,
        needs: dict[str, dict[str, frozenset[_Key]]],
        held: set[tuple[str, str]],
        remaining: dict[str, int],
        order: dict[str, int],
        rank: dict[str, int],
    ) -> None:
        self.needs = needs
        """Person to role to what the person needs for it, roles in gap order."""
        self.held = held
        self.remaining = remaining
        self.order = order
        self.rank = rank
        self.chosen: dict[str, list[_Key]] = {}
        self.have: dict[str, frozenset[_Key]] = {}
        self.filled: dict[str, list[str]] = {}
        self.done: set[tuple[str, str]] = set()
        self.candidates: dict[str, list[str]] = {}
        for person, roles in needs.items():
            for role in roles:
                self.candidates.setdefault(role, []).append(person)
        self.best = {person: self._best(person) for person in needs}

    def _open(self, person: str) -> list[tuple[str, frozenset[_Key]]]:
        """The person's roles that still have places and that they do not fill yet."""
        return [
            (role, need)
            for role, need in self.needs[person].items()
            if self.remaining[role] > 0 and (person, role) not in self.done
        ]

    def _best(self, person: str) -> _Choice | None:
        have = self.have.get(person, frozenset())
        roles = self._open(person)
        best: _Choice | None = None
        for role, need in roles:
            new = need - have
            if not new:
                continue
            whole = have | new
            gain = sum(1 for _, other in roles if other <= whole)
            key = (
                -gain / len(new),
                (person, role) not in self.held,
                len(need),
                self.order[person],
                self.rank[role],
            )
            if best is None or key < best[0]:
                best = (key, role, new)
        return best

    def step(self) -> bool:
        """Take the best candidate; ``False`` when no candidate is left."""
        found = [(choice, person) for person, choice in self.best.items() if choice is not None]
        if not found:
            return False
        (_, _, new), person = min(found, key=lambda entry: entry[0][0])
        whole = self.have.get(person, frozenset()) | new
        roles = [role for role, need in self._open(person) if need <= whole]
        self.chosen.setdefault(person, []).extend(sorted(new))
        self.have[person] = whole
        stale = {person}
        for role in roles:
            self.remaining[role] -= 1
            self.done.add((person, role))
            self.filled.setdefault(role, []).append(person)
            if not self.remaining[role]:
                stale.update(self.candidates[role])
        for member in stale:
            self.best[member] = self._best(member)
        return True


def _complement(fleet: Fleet, vessel: Vessel) -> list[tuple[DutyRole, int]]:
    """Each known duty role the vessel requires, once, with its count: as ``role_covers``.

    A member counts for a role exactly as in :meth:`maritime_crew.facts.View.role_covers`
    (and the ``MAN`` rules): qualified or lapsing cells are the qualified members.
    """
    found: list[tuple[DutyRole, int]] = []
    seen: set[str] = set()
    for entry in vessel.complement:
        duty_role = fleet.duty_role(entry.role)
        if entry.role in seen or duty_role is None:
            continue
        seen.add(entry.role)
        required = vessel.required(entry.role)
        if required > 0:
            found.append((duty_role, required))
    return found


def _plan_crew(
    fleet: Fleet, crew: Crew, vessel: Vessel, judge: Judge, need_of: _Needs
) -> tuple[list[Gap], list[TrainingAction]]:
    members = judge.view.manning_crew(crew)
    complement = _complement(fleet, vessel)
    roles = tuple(role for role, _ in complement)
    rows = [judge.row(person, roles) for person in members]
    gaps: list[tuple[str, str, int, int, int]] = []
    needs: dict[str, dict[str, frozenset[_Key]]] = {}
    held: set[tuple[str, str]] = set()
    for column, (duty_role, required) in enumerate(complement):
        role = duty_role.id
        verdicts = [(person.id, row[column]) for person, row in zip(members, rows, strict=True)]
        states = [verdict[0] for _, verdict in verdicts]
        counted = states.count(CellState.QUALIFIED)
        needed = max(required, 2) - counted
        if needed <= 0:
            continue
        if counted + states.count(CellState.LAPSING) < required:
            kind = "shortfall"
        elif counted < required:
            kind = "lapsing"
        else:
            kind = "single-point"
        gaps.append((role, kind, required, counted, needed))
        for person, verdict in verdicts:
            if verdict[0] is not CellState.QUALIFIED:
                needs.setdefault(person, {})[role] = need_of(role, verdict)
                if verdict[0] is not CellState.NOT_HELD:
                    held.add((person, role))
    plan = _Plan(
        needs=needs,
        held=held,
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
                role for role in closes.get(person, []) if (kind, item) in plan.needs[person][role]
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
    view = Facts.of(fleet).on(as_of)
    gaps: list[Gap] = []
    actions: list[TrainingAction] = []
    judge, needs = Judge(view, within), _Needs()
    for crew, home in crews_in_scope(view, vessel=vessel):
        crew_gaps, crew_actions = _plan_crew(fleet, crew, home, judge, needs)
        gaps += crew_gaps
        actions += crew_actions
    return TrainingNeeds(
        as_of=as_of,
        within=within,
        vessel=vessel,
        gaps=tuple(gaps),
        actions=tuple(actions),
        courses_without_trainer=_without_trainer(view, actions),
    )


def _without_trainer(view: View, actions: list[TrainingAction]) -> tuple[str, ...]:
    """In-house courses of the actions, in order, that need a trainer and have none.

    Who holds what is worked out (as for ``TRN006``) only for the trainer requirements of
    those courses.
    """
    fleet = view.fleet
    courses: dict[str, Course] = {}
    for action in actions:
        course = fleet.course(action.item) if action.kind is TrainingActionKind.COURSE else None
        if course is None or course.provider is not None:
            continue  # not a course, or given by an outside provider
        if course.trainer_courses or course.trainer_certificates:
            courses.setdefault(course.id, course)
    return tuple(key for key, course in courses.items() if not view.trainers(course).qualified)
