"""What examples/fleet/README.md and docs/pathways.md say of pathways and skills holds."""

from __future__ import annotations

import re
from pathlib import Path

import pendulum
import pytest

import maritime_crew as mc

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "fleet"
AS_OF = pendulum.Date(2021, 3, 31)


@pytest.fixture(scope="module")
def fleet() -> mc.model.Fleet:
    return mc.load(EXAMPLE)


@pytest.fixture(scope="module")
def section() -> str:
    """The README's pathways section, with its lines joined."""
    text = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    part = text.split("## Pathways", 1)[1].split("\n## ", 1)[0]
    return " ".join(part.split())


def _detail(steps: mc.pathways.NextSteps, item: str) -> mc.pathways.Requirement:
    assert steps.eligibility is not None
    return next(r for r in steps.eligibility.requirements if r.item == item)


def test_the_eligible_rating(fleet: mc.model.Fleet, section: str) -> None:
    assert (
        "BF1010, a deck rating since 2019-05-26, meets every entry requirement of "
        "deck-leading-hand: a valid ENG1 (to 2021-04-22), the four elements of STCW VI/1 "
        "basic training, STCW VI/6 and STCW II/4, 294 days of sea time (180 needed) and 22 "
        "months as a rating (12 needed)."
    ) in section
    steps = mc.pathways.next_steps(fleet, "BF1010", AS_OF)
    assert (steps.current_grade, steps.next_grade, steps.eligible) == (
        "deck-rating",
        "deck-leading-hand",
        True,
    )
    who = fleet.person("BF1010")
    assert who is not None
    assert who.grade_since == pendulum.Date(2019, 5, 26)
    assert _detail(steps, "eng1").until == pendulum.Date(2021, 4, 22)
    assert steps.eligibility is not None
    # Basic training is its four elements (STCW A-VI/1-1 to -4), with security awareness.
    assert {
        "stcw-a-vi-1-1-pst",
        "stcw-a-vi-1-2-fpff",
        "stcw-a-vi-1-3-efa",
        "stcw-a-vi-1-4-pssr",
        "stcw-vi-6-1",
        "stcw-ii-4",
    } <= {r.item for r in steps.eligibility.requirements if r.met}
    assert (_detail(steps, "days").have, _detail(steps, "days").required) == (294, 180)
    assert (_detail(steps, "months").have, _detail(steps, "months").required) == (22, 12)


def test_other_eligible_ratings_and_the_one_who_left(fleet: mc.model.Fleet, section: str) -> None:
    assert "(for example BF1012 and BF1022) are eligible too" in section
    assert "BF1011 would be, but left the command on 2020-10-30." in section
    for person in ("BF1012", "BF1022"):
        assert mc.pathways.next_steps(fleet, person, AS_OF).eligible
    left = mc.pathways.next_steps(fleet, "BF1011", AS_OF)
    assert left.eligibility is not None
    assert [r.kind for r in left.eligibility.unmet] == [mc.pathways.RequirementKind.IN_SERVICE]
    assert "left the command on 2020-10-30" in left.eligibility.unmet[0].detail


def test_the_rating_close_to_promotion(fleet: mc.model.Fleet, section: str) -> None:
    assert (
        "BF1120, an engine rating since 2020-04-28, holds every certificate eng-mechanic "
        "needs but has 170 of 180 days of sea time and 11 of 12 months in grade. The "
        "deployments already scheduled make them eligible on 2021-04-28."
    ) in section
    steps = mc.pathways.next_steps(fleet, "BF1120", AS_OF)
    assert (steps.current_grade, steps.next_grade) == ("eng-rating", "eng-mechanic")
    assert steps.eligibility is not None
    assert [r.item for r in steps.eligibility.unmet] == ["days", "months"]
    assert (_detail(steps, "days").have, _detail(steps, "days").required) == (170, 180)
    assert (_detail(steps, "months").have, _detail(steps, "months").required) == (11, 12)
    assert steps.earliest == pendulum.Date(2021, 4, 28)
    assert mc.pathways.eligibility(fleet, "BF1120", "eng-mechanic", steps.earliest).eligible
    assert not mc.pathways.eligibility(fleet, "BF1120", "eng-mechanic", "2021-04-27").eligible


def test_the_officer_not_yet_eligible(fleet: mc.model.Fleet, section: str) -> None:
    assert (
        "BF1003, a deck officer of the watch, has the sea time for chief officer (560 of 540 "
        "days) but needs STCW II/2 (chief mate) and 6 more months in grade."
    ) in section
    steps = mc.pathways.next_steps(fleet, "BF1003", AS_OF)
    assert (steps.current_grade, steps.next_grade) == ("deck-oow", "deck-chief-officer")
    assert (_detail(steps, "days").have, _detail(steps, "days").required) == (560, 540)
    assert steps.eligibility is not None
    assert [r.item for r in steps.eligibility.unmet] == ["stcw-ii-2-co", "months"]
    assert "needs 6 more months in deck-oow" in _detail(steps, "months").detail


def test_the_single_point_of_failure_and_its_training(fleet: mc.model.Fleet, section: str) -> None:
    assert (
        "in Alert B only BF1148 is qualified as engineer of the watch since the mechanic "
        "BF1150 left (MAN002 above)."
    ) in section
    assert "--vessel alert --as-of 2021-03-31` proposes training BF1146 as the second." in (section)
    cover = mc.skills.coverage(fleet, AS_OF, crew="alert-b").crew("alert-b")
    assert cover is not None
    eow = cover.role("engineer-of-the-watch")
    assert eow is not None
    assert (eow.single_point, eow.qualified) == (True, ("BF1148",))
    gone = fleet.person("BF1150")
    assert gone is not None
    assert gone.crew == "alert-b"
    assert not gone.in_service_on(AS_OF)
    # The day before BF1150 left (and returned their kit) two were qualified.
    before = mc.skills.coverage(fleet, "2021-02-27", crew="alert-b").crews[0]
    assert before.single_points == ()
    earlier = before.role("engineer-of-the-watch")
    assert earlier is not None
    assert earlier.qualified == ("BF1148", "BF1150")
    needs = mc.skills.training_needs(fleet, AS_OF, vessel="alert")
    (gap,) = [g for g in needs.gaps if g.role == "engineer-of-the-watch"]
    assert gap.filled_by == ("BF1146",)


def test_the_python_example_of_the_pathways_page_runs_as_commented(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (ROOT / "docs" / "pathways.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", text, re.S)[0]
    assert "# True" in code
    assert "# ('eng-mechanic', Date(2021, 4, 28))" in code
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(code, namespace)
    steps = namespace["steps"]
    assert isinstance(steps, mc.pathways.NextSteps)
    assert (steps.next_grade, steps.earliest) == ("eng-mechanic", pendulum.Date(2021, 4, 28))
    example = namespace["fleet"]
    assert isinstance(example, mc.model.Fleet)
    assert mc.pathways.eligibility(example, "BF1010", "deck-leading-hand", "2021-03-31").eligible
