"""The bundled example fleet: reproducible, and it plants exactly what its README lists."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

import maritime_crew as mc
from maritime_crew import facts

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "fleet"
REFERENCE = "2021-03-31"
PAST = "2020-03-14"
"""A day of the example's history: HMC Searcher in refit, the README lists its findings."""


def _generator() -> ModuleType:
    path = ROOT / "tools" / "build_example_fleet.py"
    spec = importlib.util.spec_from_file_location("build_example_fleet", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dataset_files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*.toml"))
    }


def _planted(section: str = "Planted problems") -> list[tuple[str, str, str, bool]]:
    """Rows of the table of a README section: (code, kind, id, waived)."""
    text = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    part = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([A-Z]+\d{3}) \| (\w+) (\S+) \| (.*) \|$", part, flags=re.M)
    return [(code, kind, rid, "**Waived**" in what) for code, kind, rid, what in rows]


def _found(report: mc.rules.Report) -> list[tuple[str, str, str, bool]]:
    """The report's findings of built-in rules: (code, kind, id, waived), sorted."""
    builtin = {r.code for r in report.rules if r.origin.startswith("maritime_crew.rules.builtin")}
    return sorted(
        (f.code, f.subject.kind, f.subject.id, f.waived)
        for f in report.findings
        if f.code in builtin
    )


@pytest.fixture(scope="module")
def report() -> mc.rules.Report:
    return mc.check(mc.load(EXAMPLE), as_of=REFERENCE)


def test_committed_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    _generator().build(tmp_path)
    assert _dataset_files(tmp_path) == _dataset_files(EXAMPLE)


def test_example_fleet_has_the_shape_the_readme_describes() -> None:
    fleet = mc.load(EXAMPLE)
    cutters = [v for v in fleet.vessels if v.type.value == "cutter"]
    cpvs = [v for v in fleet.vessels if v.type.value == "cpv"]
    assert {v.name for v in cutters} >= {"HMC Protector", "HMC Vigilant"}
    assert all(v.crew_size == 12 for v in cutters)
    assert len(cpvs) >= 3
    assert len(fleet.people) >= 40
    assert {p.discipline.value for p in fleet.people} >= {"deck", "engineering"}
    assert all(len(p.grades) >= 5 for p in fleet.pathways)
    assert len(fleet.courses) >= 10
    assert len(fleet.equipment_items) >= 60
    assert len(fleet.documents) >= 10
    boarding = fleet.duty_role("boarding-officer")
    assert boarding is not None
    assert set(boarding.kit) == {"body-armour", "dry-suit", "boarding-helmet", "lifejacket"}
    assert [t.status.value for t in fleet.terms] == ["in-force", "agreed"]
    assert str(fleet.terms_set("tc-2021").business_year) == "2021/22"  # type: ignore[union-attr]
    assert fleet.work_periods


def test_the_readme_lists_planted_problems_of_every_family() -> None:
    families = {re.sub(r"\d+", "", code) for code, *_ in _planted()}
    assert families >= {"CERT", "TRN", "EQP", "MAN", "PATH", "DOC", "TERMS", "REST"}


def test_check_finds_every_planted_problem_and_nothing_else(report: mc.rules.Report) -> None:
    builtin = {r.code for r in report.rules if r.origin.startswith("maritime_crew.rules.builtin")}
    assert _found(report) == sorted(row for row in _planted() if row[0] in builtin)


def test_a_check_in_the_history_finds_what_the_readme_lists_for_that_day() -> None:
    report = mc.check(mc.load(EXAMPLE), as_of=PAST)
    assert _found(report) == sorted(_planted("On 14 March 2020"))
    assert not report.waived


def test_the_history_behind_the_past_day() -> None:
    """The refit, the stand-in, a crew move, a promotion and the restriction of the README."""
    fleet = mc.load(EXAMPLE)
    day = facts.Facts.of(fleet).on(PAST)
    searcher = fleet.vessel("searcher")
    assert searcher is not None
    assert day.vessel_status(searcher).value == "refit"
    assert not [
        d for d in fleet.deployments if d.vessel == "searcher" and day.covers(d.start, d.end)
    ]
    (stand_in,) = [d for d in fleet.deployments if d.cover]
    assert (stand_in.id, stand_in.absent, stand_in.cover) == (
        "D-searcher-b-20200328",
        ("BF1017",),
        ("BF1005",),
    )
    trials = facts.Facts.of(fleet).on(stand_in.start)
    sick, cover = fleet.person("BF1017"), fleet.person("BF1005")
    assert sick is not None
    assert cover is not None
    assert (trials.aboard(sick), trials.aboard(cover)) == ((), (stand_in,))
    restricted = fleet.person("BF1139")
    assert restricted is not None
    assert (day.crew_of(restricted), restricted.previous_crews[0].crew) == (
        "active-b",
        "searcher-a",
    )
    assert [r.kind.value for r in day.restrictions(restricted)] == ["near-coastal"]
    promoted = fleet.person("BF1008")
    assert promoted is not None
    assert (day.grade_on(promoted), day.holds_role(promoted, "coxswain")) == (
        "deck-leading-hand",
        True,
    )
    before = facts.Facts.of(fleet).on("2019-09-20")
    assert (before.grade_on(promoted), before.holds_role(promoted, "coxswain")) == (
        "deck-rating",
        False,
    )


def test_planted_rows_wait_only_for_rules_not_built_yet(report: mc.rules.Report) -> None:
    codes = {r.code for r in report.rules}
    missing = {code for code, *_ in _planted() if code not in codes}
    assert {re.sub(r"\d+", "", code) for code in missing} <= {"REST"}


def test_the_example_fails_on_its_errors_but_not_on_the_waived_one(report: mc.rules.Report) -> None:
    assert not report.ok
    assert [f.waived_by for f in report.waived] == ["W-2021-004"]


def test_basic_training_as_four_elements_changes_no_finding_up_to_the_reference_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the README says: the example built with one STCW VI/1 certificate type, as the
    shared builders record it, has the same findings from 1 April 2019 to 31 March 2021
    as with its four elements and VI/2 and VI/6 (only the types they name differ)."""
    generator = _generator()
    generator.build(tmp_path / "elements")
    monkeypatch.setattr(generator.Builder, "chapter_vi", lambda self: None)
    monkeypatch.setattr(generator, "_certificate_types", lambda: generator.CERTIFICATE_TYPES)
    monkeypatch.setattr(generator, "_pathways", lambda: generator.PATHWAYS)
    monkeypatch.setattr(generator, "_duty_roles", lambda: generator.DUTY_ROLES)
    generator.build(tmp_path / "single")

    def spans(root: Path) -> list[tuple[str, str, str, str]]:
        found = mc.timeline.timeline(mc.load(root), "2019-04-01", REFERENCE)
        return sorted(
            (h.key.code, h.key.subject_id, str(i.start), str(i.end))
            for h in found.findings
            for i in h.intervals
        )

    single = spans(tmp_path / "single")
    assert single
    assert spans(tmp_path / "elements") == single
    assert "stcw-vi-1" in (tmp_path / "single" / "catalogue.toml").read_text(encoding="utf-8")
