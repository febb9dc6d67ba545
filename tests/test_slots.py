"""Manning a complement as an assignment problem, checked against brute force."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maritime_crew.facts._slots import Manning, Slot, could_fill, fill

Complement = list[tuple[str, int]]
Candidates = list[tuple[str, frozenset[str]]]

_ROLES = ["a", "b", "c", "d"]
# "e" is held by people but never required: it must not disturb anything.
_HELD = st.frozensets(st.sampled_from([*_ROLES, "e"]), max_size=4)


@st.composite
def complements(draw: st.DrawFn) -> Complement:
    roles = draw(st.permutations(_ROLES))[: draw(st.integers(0, 4))]
    counts = draw(st.lists(st.integers(0, 3), min_size=len(roles), max_size=len(roles)))
    while sum(counts) > 7:
        counts[counts.index(max(counts))] -= 1
    return list(zip(roles, counts, strict=True))


def crews(prefix: str, max_size: int) -> st.SearchStrategy[Candidates]:
    return st.lists(_HELD, max_size=max_size).map(
        lambda held: [(f"{prefix}{i}", roles) for i, roles in enumerate(held)]
    )


def slot_roles(complement: Complement) -> list[str]:
    return [role for role, count in complement for _ in range(count)]


def coverable(
    complement: Complement, candidates: Sequence[tuple[str, Collection[str]]]
) -> set[frozenset[int]]:
    """Every set of slots some valid assignment fills, found exhaustively.

    Built person by person: each person either fills nothing or one more slot they are
    qualified for, so after the last person the family holds exactly the filled-slot sets
    of every injective assignment.
    """
    roles = slot_roles(complement)
    family = {frozenset[int]()}
    for _, held in candidates:
        family |= {
            filled | {s}
            for filled in family
            for s, role in enumerate(roles)
            if s not in filled and role in held
        }
    return family


def most(complement: Complement, candidates: Sequence[tuple[str, Collection[str]]]) -> int:
    return max(len(filled) for filled in coverable(complement, candidates))


def earliest(complement: Complement, candidates: Candidates) -> frozenset[int]:
    """The slot set chosen greedily in slot order, keeping each slot that still fits."""
    family = coverable(complement, candidates)
    chosen = frozenset[int]()
    for s in range(len(slot_roles(complement))):
        if chosen | {s} in family:
            chosen |= {s}
    return chosen


def filled_slots(manning: Manning) -> frozenset[int]:
    return frozenset(s for s, slot in enumerate(manning.slots) if slot.person is not None)


class TestFillAgainstBruteForce:
    @given(complement=complements(), candidates=crews("p", 6))
    def test_assignment_is_valid_and_maximum(
        self, complement: Complement, candidates: Candidates
    ) -> None:
        manning = fill(complement, candidates)
        held = dict(candidates)
        assert [slot.role for slot in manning.slots] == slot_roles(complement)
        persons = [slot.person for slot in manning.slots if slot.person is not None]
        assert len(persons) == len(set(persons))
        for slot in manning.slots:
            assert slot.person is None or slot.role in held[slot.person]
        assert manning.filled == len(persons) == most(complement, candidates)

    @given(complement=complements(), candidates=crews("p", 6))
    def test_filled_slots_are_the_earliest_possible(
        self, complement: Complement, candidates: Candidates
    ) -> None:
        assert filled_slots(fill(complement, candidates)) == earliest(complement, candidates)

    @given(complement=complements(), candidates=crews("p", 6))
    def test_spare_and_filled_are_the_candidates(
        self, complement: Complement, candidates: Candidates
    ) -> None:
        manning = fill(complement, candidates)
        ids = [person for person, _ in candidates]
        placed = {slot.person for slot in manning.slots if slot.person is not None}
        assert sorted([*manning.spare, *placed]) == sorted(ids)
        assert list(manning.spare) == [person for person in ids if person not in placed]

    @given(complement=complements(), candidates=crews("p", 6))
    def test_by_role_unfilled_and_shortfall_agree_with_slots(
        self, complement: Complement, candidates: Candidates
    ) -> None:
        manning = fill(complement, candidates)
        by_role = manning.by_role()
        assert list(by_role) == [role for role, _ in complement]
        assert manning.roles == tuple(by_role)
        for role, count in complement:
            persons = [s.person for s in manning.slots if s.role == role and s.person]
            assert by_role[role] == tuple(persons)
            assert manning.shortfall(role) == count - len(persons)
        assert manning.unfilled == tuple(s.role for s in manning.slots if s.person is None)
        assert sum(manning.shortfall(role) for role, _ in complement) == len(manning.unfilled)

    @given(complement=complements(), candidates=crews("p", 6))
    def test_without_contention_the_first_in_data_order_fill_the_first_slots(
        self, complement: Complement, candidates: Candidates
    ) -> None:
        # Greedy: each slot takes the first free qualified person, or stays open.
        free = dict(candidates)
        greedy: list[str | None] = []
        contended = False
        for role in slot_roles(complement):
            person = next((p for p, held in free.items() if role in held), None)
            contended |= person is None and any(role in held for _, held in candidates)
            greedy.append(person)
            if person is not None:
                del free[person]
        if not contended:
            assert [slot.person for slot in fill(complement, candidates).slots] == greedy

    @given(complement=complements(), candidates=crews("p", 6))
    def test_deterministic(self, complement: Complement, candidates: Candidates) -> None:
        lists = [(person, sorted(held)) for person, held in candidates]
        assert fill(complement, candidates) == fill(list(complement), lists)


class TestCouldFillAgainstBruteForce:
    @given(complement=complements(), crew=crews("p", 5), others=crews("q", 4))
    def test_lists_exactly_who_can_fill_a_vacancy_keeping_every_slot(
        self, complement: Complement, crew: Candidates, others: Candidates
    ) -> None:
        manning = fill(complement, crew)
        kept = filled_slots(manning)
        roles = slot_roles(complement)
        open_slots = [s for s in range(len(roles)) if s not in kept]
        expected: dict[str, list[str]] = {roles[s]: [] for s in open_slots}
        for person, held in others:
            family = coverable(complement, [*crew, (person, held)])
            for role in expected:
                if any(kept | {s} in family for s in open_slots if roles[s] == role):
                    expected[role].append(person)
        answer = could_fill(complement, crew, others)
        assert answer == {role: tuple(people) for role, people in expected.items()}

    @given(complement=complements(), crew=crews("p", 5), others=crews("q", 4))
    def test_listed_somewhere_exactly_when_the_most_filled_rises(
        self, complement: Complement, crew: Candidates, others: Candidates
    ) -> None:
        answer = could_fill(complement, crew, others)
        listed = {person for people in answer.values() for person in people}
        best = most(complement, crew)
        rising = {
            person for person, held in others if most(complement, [*crew, (person, held)]) > best
        }
        assert listed == rising
        assert list(answer) == list(dict.fromkeys(fill(complement, crew).unfilled))

    @given(complement=complements(), crew=crews("p", 5), others=crews("q", 4))
    def test_anyone_holding_a_short_role_is_listed_for_it(
        self, complement: Complement, crew: Candidates, others: Candidates
    ) -> None:
        answer = could_fill(complement, crew, others)
        for role, people in answer.items():
            assert {p for p, held in others if role in held} <= set(people)


COMMANDER = ("commander", "officer-of-the-watch", "boarding-officer")


class TestExamples:
    def test_a_commander_holding_three_roles_fills_one_slot(self) -> None:
        complement = [(role, 1) for role in COMMANDER]
        manning = fill(complement, [("BF1", set(COMMANDER))])
        assert manning.slots == (
            Slot("commander", "BF1"),
            Slot("officer-of-the-watch"),
            Slot("boarding-officer"),
        )
        assert manning.filled == 1
        assert manning.unfilled == ("officer-of-the-watch", "boarding-officer")
        assert manning.shortfall("boarding-officer") == 1
        assert manning.spare == ()

    def test_contention_is_resolved_by_moving_a_person(self) -> None:
        manning = fill([("X", 1), ("Y", 1)], [("A", {"X", "Y"}), ("B", {"X"})])
        assert manning.slots == (Slot("X", "B"), Slot("Y", "A"))
        assert manning.unfilled == ()
        assert manning.by_role() == {"X": ("B",), "Y": ("A",)}

    def test_a_free_person_is_preferred_to_moving_one(self) -> None:
        manning = fill([("X", 1), ("Y", 1)], [("A", {"X", "Y"}), ("B", {"X", "Y"})])
        assert manning.slots == (Slot("X", "A"), Slot("Y", "B"))

    def test_data_order_decides_without_contention(self) -> None:
        candidates = [("C", {"X"}), ("A", {"X"}), ("B", {"X", "Y"})]
        manning = fill([("X", 2), ("Y", 1)], candidates)
        assert manning.slots == (Slot("X", "C"), Slot("X", "A"), Slot("Y", "B"))
        assert fill([("X", 1)], candidates).spare == ("A", "B")
        assert fill([("X", 2), ("Y", 1)], candidates) == manning

    def test_zero_count_roles_have_no_slots(self) -> None:
        manning = fill([("X", 0), ("Y", 1), ("Z", 0)], [("A", {"X", "Y"})])
        assert manning.slots == (Slot("Y", "A"),)
        assert manning.by_role() == {"X": (), "Y": ("A",), "Z": ()}
        assert manning.shortfall("X") == 0
        assert manning.unfilled == ()

    def test_an_empty_complement_leaves_everyone_spare(self) -> None:
        manning = fill([], [("A", {"X"}), ("B", ())])
        assert manning == Manning(slots=(), spare=("A", "B"))
        assert manning.filled == 0

    def test_roles_default_to_those_of_the_slots(self) -> None:
        manning = Manning(slots=(Slot("X", "A"), Slot("X"), Slot("Y")))
        assert manning.roles == ("X", "Y")
        assert manning.by_role() == {"X": ("A",), "Y": ()}
        assert manning.shortfall("Y") == 1
        assert manning.shortfall("unknown") == 0

    @pytest.mark.parametrize(
        ("complement", "candidates", "error"),
        [
            ([("X", 1), ("X", 2)], [], ValueError),
            ([("X", -1)], [], ValueError),
            ([("X", 1)], [("A", {"X"}), ("A", {"Y"})], ValueError),
            ([("X", 1)], [("A", "X")], TypeError),
        ],
    )
    def test_bad_input_is_refused(
        self,
        complement: Complement,
        candidates: list[tuple[str, Collection[str]]],
        error: type[Exception],
    ) -> None:
        with pytest.raises(error):
            fill(complement, candidates)


class TestCouldFillExamples:
    def test_a_holder_of_the_short_role_or_a_stand_in_for_the_holder(self) -> None:
        # A holds X and Y but fills X; Q can take X over and free A for Y.
        answer = could_fill(
            [("X", 1), ("Y", 1)],
            [("A", {"X", "Y"})],
            [("P", {"Y"}), ("Q", {"X"}), ("R", {"Z"})],
        )
        assert answer == {"Y": ("P", "Q")}

    def test_the_commander_needs_officers(self) -> None:
        answer = could_fill(
            [(role, 1) for role in COMMANDER],
            [("BF1", set(COMMANDER))],
            [("BF7", {"boarding-officer"}), ("BF8", {"commander"}), ("BF9", {"engineer"})],
        )
        assert answer == {
            "officer-of-the-watch": ("BF8",),
            "boarding-officer": ("BF7", "BF8"),
        }

    def test_a_stand_in_may_take_a_slot_of_a_short_role(self) -> None:
        # X is short too, but P taking A's X slot is what frees A for Y.
        answer = could_fill([("X", 2), ("Y", 1)], [("A", {"X", "Y"})], [("P", {"X"})])
        assert answer == {"X": ("P",), "Y": ("P",)}

    def test_a_full_complement_needs_nobody(self) -> None:
        assert could_fill([("X", 1)], [("A", {"X"})], [("P", {"X"})]) == {}

    def test_a_short_role_nobody_can_fill_maps_to_no_one(self) -> None:
        assert could_fill([("X", 2)], [("A", {"X"})], [("P", {"Y"})]) == {"X": ()}

    def test_someone_in_both_crews_is_refused(self) -> None:
        with pytest.raises(ValueError, match="in both"):
            could_fill([("X", 1)], [("A", {"Y"})], [("A", {"X"})])
