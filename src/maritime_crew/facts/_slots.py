"""Manning a vessel's complement as an assignment of people to slots.

A complement is a sequence of ``(role, count)`` pairs, expanded to slots in that order:
the first role's slots, then the second's, and so on. Each candidate is a
``(person_id, roles)`` pair naming the roles they are qualified to fill. A person fills at
most one slot, a slot takes at most one person, and a person fills a slot only for a role
they hold: a commander qualified as commander, officer of the watch and boarding officer
still stands one watch. (Compare :mod:`._manning`, where the complement is a count of
holders per role and one person counts toward several.)

:func:`fill` finds an assignment that fills as many slots as any can, by augmenting paths
(Kuhn's algorithm). Crews are a few dozen people and slots, so the simple algorithm is
quick enough, and its search order makes the answer deterministic (see :func:`fill`).
:func:`could_fill` answers which people from another crew could fill a role's vacancies.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import attrs

__all__ = ["Manning", "Slot", "could_fill", "fill"]


@attrs.frozen
class Slot:
    """One place in a complement: a role, and who fills it."""

    role: str
    """The duty role id."""
    person: str | None = None
    """The staff number of the person filling the slot; ``None`` while it is unfilled."""


@attrs.frozen
class Manning:
    """Who fills each slot of a complement, and who is left over."""

    slots: tuple[Slot, ...]
    """Every slot, in complement order: a role's slots together, roles in complement order."""
    spare: tuple[str, ...] = ()
    """The candidates who fill no slot, in data order."""
    roles: tuple[str, ...] = attrs.field()
    """The complement's roles in order, including those that require nobody (and so have
    no slot). By default, the roles of :attr:`slots`."""

    @roles.default
    def _roles_of_slots(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(slot.role for slot in self.slots))

    @property
    def filled(self) -> int:
        """How many slots are filled."""
        return sum(slot.person is not None for slot in self.slots)

    @property
    def unfilled(self) -> tuple[str, ...]:
        """The role of each unfilled slot, in slot order (a role twice if two are open)."""
        return tuple(slot.role for slot in self.slots if slot.person is None)

    def by_role(self) -> dict[str, tuple[str, ...]]:
        """Each role of the complement, in order, to the people filling its slots.

        People are in slot order; a role with no slot filled (or none required) maps to
        an empty tuple.
        """
        persons: dict[str, list[str]] = {role: [] for role in self.roles}
        for slot in self.slots:
            if slot.person is not None:
                persons.setdefault(slot.role, []).append(slot.person)
        return {role: tuple(people) for role, people in persons.items()}

    def shortfall(self, role: str) -> int:
        """How many of the role's slots are unfilled (0 for a role with no slot)."""
        return sum(slot.role == role and slot.person is None for slot in self.slots)


def fill(
    complement: Sequence[tuple[str, int]],
    candidates: Sequence[tuple[str, Collection[str]]],
) -> Manning:
    """Fill as many of the complement's slots as possible from the candidates.

    The answer is deterministic and prefers data order. Slots are taken in complement
    order; each takes the first free candidate (in data order) qualified for its role.
    Only when none is free does it move people already placed, searching candidates in
    data order for a chain of moves that frees a qualified one (an augmenting path), and
    a slot once filled stays filled. So when nobody is contended for, the first
    qualified people in data order fill the first slots; and the slots left unfilled are
    the latest ones that can be: no other assignment fills an earlier slot set.

    Raises :class:`ValueError` when a role appears twice in the complement, a count is
    negative, or a person id appears twice among the candidates; and :class:`TypeError`
    when a candidate's roles are a single string rather than a collection of role ids.
    """
    roles = _roles(complement)
    people = _people(candidates)
    slot_roles = tuple(role for role, count in complement for _ in range(count))
    slot_of = _match(slot_roles, people)
    holder: list[str | None] = [None] * len(slot_roles)
    for (person, _), slot in zip(people, slot_of, strict=True):
        if slot is not None:
            holder[slot] = person
    return Manning(
        slots=tuple(Slot(role, person) for role, person in zip(slot_roles, holder, strict=True)),
        spare=tuple(
            person for (person, _), slot in zip(people, slot_of, strict=True) if slot is None
        ),
        roles=roles,
    )


def could_fill(
    complement: Sequence[tuple[str, int]],
    crew: Sequence[tuple[str, Collection[str]]],
    others: Sequence[tuple[str, Collection[str]]],
    manning: Manning | None = None,
) -> dict[str, tuple[str, ...]]:
    """The people from another crew worth asking, for each role this crew leaves short.

    Maps each role with an unfilled slot in ``fill(complement, crew)``, in complement
    order, to the ids in ``others`` (data order, possibly none) who could fill one of its
    vacancies if lent to the crew on their own. Exactly: a person is listed under a role
    when the crew with that one person added has an assignment that fills every slot
    ``fill(complement, crew)`` fills, and one more slot of that role. The person need not
    hold the role: lending someone who can take over a crew member's slot frees that
    member for the short role. Anyone listed raises the number of slots filled by one
    (no assignment of the crew alone fills more than :func:`fill` does), and anyone whose
    addition would raise that number is listed under at least one role. A person who
    could fill the role only by emptying another slot is not listed.

    ``manning``, when given, is ``fill(complement, crew)`` already worked out.

    Raises as :func:`fill` does, and :class:`ValueError` when an id is in both ``crew``
    and ``others``.
    """
    if manning is None:
        manning = fill(complement, crew)
    roles_of = dict(_people(crew))
    outside = _people(others)
    both = [person for person, _ in outside if person in roles_of]
    if both:
        raise ValueError(f"in both the crew and the others: {', '.join(both)}")
    short = dict.fromkeys(manning.unfilled)
    # Who fills the slots of each role: the way back along an augmenting path.
    holders: dict[str, list[str]] = {}
    for slot in manning.slots:
        if slot.person is not None:
            holders.setdefault(slot.role, []).append(slot.person)
    asked: dict[str, list[str]] = {role: [] for role in short}
    for person, roles in outside:
        for role in _reachable(roles, short, holders, roles_of):
            asked[role].append(person)
    return {role: tuple(people) for role, people in asked.items()}


def _reachable(
    roles: frozenset[str],
    short: dict[str, None],
    holders: dict[str, list[str]],
    roles_of: dict[str, frozenset[str]],
) -> set[str]:
    """The short roles a newcomer holding ``roles`` can reach by alternating paths.

    The newcomer takes a slot of a role they hold; if it is short, that is a vacancy
    filled; if not, its holder moves on to a role they hold, and so on. A crew member
    free of any slot never lies on such a path: had they been able to reach a vacancy,
    :func:`fill` would have filled it.
    """
    reached: set[str] = set()
    seen_roles: set[str] = set()
    seen_people: set[str] = set()
    queue = [roles]
    while queue:
        for role in queue.pop():
            if role in seen_roles:
                continue
            seen_roles.add(role)
            if role in short:
                reached.add(role)
            for person in holders.get(role, ()):
                if person not in seen_people:
                    seen_people.add(person)
                    queue.append(roles_of[person])
    return reached


def _roles(complement: Sequence[tuple[str, int]]) -> tuple[str, ...]:
    """The complement's roles in order, after checking them and their counts."""
    seen: set[str] = set()
    for role, count in complement:
        if role in seen:
            raise ValueError(f"role {role!r} appears twice in the complement")
        if count < 0:
            raise ValueError(f"role {role!r} has a negative count: {count}")
        seen.add(role)
    return tuple(role for role, _ in complement)


def _people(
    candidates: Sequence[tuple[str, Collection[str]]],
) -> tuple[tuple[str, frozenset[str]], ...]:
    """The candidates with their roles as sets, after checking them."""
    seen: set[str] = set()
    for person, roles in candidates:
        if person in seen:
            raise ValueError(f"person {person!r} appears twice among the candidates")
        # A bare string is a collection of its letters, never what was meant.
        if isinstance(roles, str):
            raise TypeError(f"roles of {person!r} must be a collection of role ids, not a str")
        seen.add(person)
    return tuple((person, frozenset(roles)) for person, roles in candidates)


def _match(
    slot_roles: tuple[str, ...],
    people: tuple[tuple[str, frozenset[str]], ...],
) -> list[int | None]:
    """The slot each person fills (by position), or ``None``: a maximum matching."""
    qualified = {
        role: [p for p, (_, roles) in enumerate(people) if role in roles]
        for role in set(slot_roles)
    }
    candidates = [qualified[role] for role in slot_roles]
    holder: list[int | None] = [None] * len(slot_roles)
    slot_of: list[int | None] = [None] * len(people)

    def augment(slot: int, seen: set[int]) -> bool:
        # Prefer a free candidate to moving anyone: that keeps earlier placements.
        for p in candidates[slot]:
            if slot_of[p] is None:
                holder[slot], slot_of[p] = p, slot
                return True
        for p in candidates[slot]:
            if p not in seen:
                seen.add(p)
                held = slot_of[p]
                assert held is not None  # every free candidate was tried above
                if augment(held, seen):
                    holder[slot], slot_of[p] = p, slot
                    return True
        return False

    for slot in range(len(slot_roles)):
        augment(slot, set())
    return slot_of
