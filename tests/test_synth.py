"""The synthetic fleet generator: deterministic, loadable, shaped like the example fleet."""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import sys
import tracemalloc
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import tomli_w

import maritime_crew as mc
from maritime_crew import synth
from maritime_crew.model import TABLES
from maritime_crew.synth import _fleet, _watch
from maritime_crew.synth._catalogue import CERTIFICATE_TYPES

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "fleet"
REFERENCE = "2021-03-31"
PEOPLE = 300
MINUTE = dt.timedelta(minutes=1)

RATIO_TOLERANCE = 0.10
"""Per-person counts may differ from the example fleet's by at most 10%."""


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "fleet"
    synth.write(out, PEOPLE, seed=0)
    return out


@pytest.fixture(scope="module")
def fleet(written: Path) -> mc.model.Fleet:
    return mc.load(written)


@pytest.fixture(scope="module")
def report(fleet: mc.model.Fleet) -> mc.rules.Report:
    return mc.check(fleet, as_of=REFERENCE)


def test_same_seed_writes_identical_files(written: Path, tmp_path: Path) -> None:
    synth.write(tmp_path / "again", PEOPLE, seed=0)
    assert _files(tmp_path / "again") == _files(written)


def test_a_different_seed_writes_different_files(written: Path, tmp_path: Path) -> None:
    synth.write(tmp_path / "other", PEOPLE, seed=1)
    other = _files(tmp_path / "other")
    assert other != _files(written)
    assert other["people/shore.toml"] != _files(written)["people/shore.toml"]


def test_the_layout_follows_the_example(written: Path) -> None:
    names = set(_files(written))
    assert {
        "vessels.toml",
        "catalogue.toml",
        "pathways.toml",
        "equipment.toml",
        "deployments.toml",
        "documents.toml",
        "operations.toml",
        "terms.toml",
        "waivers.toml",
        "people/shore.toml",
    } <= names
    crews = {f"people/{c.id}.toml" for c in mc.load(written).crews}
    assert crews <= names
    hours = [n for n in names if n.startswith("hours/")]
    assert hours
    assert all(re.fullmatch(r"hours/[a-z0-9-]+-\d{4}-\d\d\.csv", n) for n in hours)
    first = (written / hours[0]).read_text(encoding="utf-8").splitlines()
    assert first[0] == "person,start,end,vessel"
    assert first[1].split(",")[1].endswith("+00:00")  # exact moments, with offsets


@pytest.mark.parametrize("people", [1, 4, 13, 14, 24, 157, 171, 300])
def test_the_output_loads_with_exactly_the_people_asked_for(tmp_path: Path, people: int) -> None:
    synth.write(tmp_path / "fleet", people, seed=people)
    fleet = mc.load(tmp_path / "fleet")  # raises DataError on any problem
    assert len(fleet.people) == people
    assert len({p.id for p in fleet.people}) == people


@pytest.mark.parametrize("people", [157, 250, 300])
def test_vessels_scale_with_people(tmp_path: Path, people: int) -> None:
    synth.write(tmp_path / "fleet", people, seed=0)
    fleet = mc.load(tmp_path / "fleet")
    assert abs(len(fleet.vessels) - people * 8 / 157) <= 2
    assert len(fleet.crews) == 2 * len(fleet.vessels)


def test_load_dump_load_gives_an_equal_fleet(fleet: mc.model.Fleet, tmp_path: Path) -> None:
    mc.dump(fleet, tmp_path / "fleet.toml")
    assert mc.load(tmp_path / "fleet.toml") == fleet


def test_generate_returns_the_data_write_writes(fleet: mc.model.Fleet) -> None:
    data = synth.generate(PEOPLE, seed=0)
    assert set(data) <= {table.name for table in TABLES}
    generated = mc.loads(tomli_w.dumps(data))
    assert len(generated.people) == PEOPLE
    for attribute in ("people", "vessels", "crews", "equipment_items", "documents", "debriefs"):
        assert sorted(getattr(generated, attribute), key=lambda r: r.id) == sorted(
            getattr(fleet, attribute), key=lambda r: r.id
        ), attribute
    assert len(generated.deployments) == len(fleet.deployments)
    assert sorted(generated.work_periods, key=lambda w: (w.person, w.start)) == sorted(
        fleet.work_periods, key=lambda w: (w.person, w.start)
    )


def test_generate_refuses_an_empty_fleet() -> None:
    with pytest.raises(ValueError, match="at least one person"):
        synth.generate(0)


def _synthetic_types(fleet: mc.model.Fleet) -> dict[str, str]:
    """Each certificate type of a fleet as the synthetic catalogue has it.

    The synthetic fleets record STCW VI/1 basic training as one certificate type and
    have no VI/2 or VI/6 (so benchmarks keep comparing like with like); the example
    records the four elements of basic training, and VI/2 and VI/6 besides. Its elements
    count as the one type, and the types the synthetic catalogue lacks not at all.
    """
    synthetic = {record["id"] for record in CERTIFICATE_TYPES}
    return {
        kind.id: "stcw-vi-1" if kind.kind is mc.model.CertificateKind.BASIC_TRAINING else kind.id
        for kind in fleet.certificate_types
        if kind.id in synthetic or kind.kind is mc.model.CertificateKind.BASIC_TRAINING
    }


def _ratios(fleet: mc.model.Fleet) -> dict[str, float]:
    """Records per person; certificates and courses by type held, as the example keeps
    the records each renewal replaced and the synthetic fleet keeps only the latest.
    Certificate types are those of the synthetic catalogue (:func:`_synthetic_types`)."""
    people = len(fleet.people)
    types = _synthetic_types(fleet)
    return {
        "certificates": sum(
            len({types[c.type] for c in p.certificates if c.type in types}) for p in fleet.people
        )
        / people,
        "training": sum(len({r.course for r in p.training}) for p in fleet.people) / people,
        "items": len(fleet.equipment_items) / people,
        "issues": sum(len(p.issues) for p in fleet.people) / people,
        "vessels": len(fleet.vessels) / people,
    }


def test_per_person_ratios_follow_the_example_fleet(fleet: mc.model.Fleet) -> None:
    example = _ratios(mc.load(EXAMPLE))
    for name, ratio in _ratios(fleet).items():
        assert ratio == pytest.approx(example[name], rel=RATIO_TOLERANCE), name


def test_check_finds_planted_problems_of_several_families(
    fleet: mc.model.Fleet, report: mc.rules.Report
) -> None:
    families = {re.sub(r"\d+", "", f.code) for f in report.findings}
    assert len(families) >= 3, families
    assert not families & {"DATA"}, "the data itself is consistent"
    assert 0 < report.counts_by_severity()["error"] < len(fleet.people)


def test_without_planted_problems_the_fleet_is_compliant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_fleet, "RATES", dict.fromkeys(_fleet.RATES, 0.0))
    monkeypatch.setattr(_fleet, "_SQUADRON_RATES", dict.fromkeys(_fleet._SQUADRON_RATES, 0.0))
    synth.write(tmp_path / "fleet", PEOPLE, seed=3)
    report = mc.check(mc.load(tmp_path / "fleet"), as_of=REFERENCE)
    assert [f.message for f in report.findings] == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "maritime_crew.synth", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_line_writes_a_fleet_and_says_what(tmp_path: Path) -> None:
    result = _cli("--people", "20", "--seed", "4", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "20 people, 1 vessel (2 crews)" in result.stdout
    assert "work periods" in result.stdout
    assert _files(tmp_path / "out") == _files(_written(tmp_path / "api", 20, 4))


def _written(out: Path, people: int, seed: int) -> Path:
    synth.write(out, people, seed=seed)
    return out


def test_the_command_line_accepts_an_empty_directory(tmp_path: Path) -> None:
    assert _cli("--people", "5", str(tmp_path)).returncode == 0
    assert (tmp_path / "people" / "shore.toml").exists()


def test_the_command_line_refuses_a_directory_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    result = _cli("--people", "10", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "is not empty" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_command_line_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "fleet.toml"
    target.write_text("", encoding="utf-8")
    result = _cli("--people", "10", str(target))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "not a directory" in result.stderr


@pytest.mark.parametrize("people", ["0", "-3", "many"])
def test_the_command_line_refuses_a_bad_size(tmp_path: Path, people: str) -> None:
    result = _cli("--people", people, str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "--people" in result.stderr
    assert not (tmp_path / "out").exists()


def test_write_refuses_a_directory_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text("", encoding="utf-8")
    with pytest.raises(FileExistsError):
        synth.write(tmp_path, 10)


def test_importing_the_library_does_not_import_the_generator() -> None:
    code = (
        "import sys, maritime_crew, maritime_crew.cli; "
        "sys.exit('maritime_crew.synth' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_progress_is_reported_after_each_squadron_up_to_every_person(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    synth.write_counted(tmp_path, 700, progress=lambda done, total: seen.append((done, total)))
    assert len(seen) > 1  # a fleet of 700 is built in more than one squadron
    assert [done for done, _ in seen] == sorted({done for done, _ in seen})  # grows
    assert seen[-1] == (700, 700)


def test_progress_never_reaches_a_log_and_quiet_says_nothing(tmp_path: Path) -> None:
    result = _cli("--people", "20", str(tmp_path / "a"))  # standard error is not a terminal
    assert result.returncode == 0
    assert result.stderr == ""
    quiet = _cli("--people", "20", "-q", str(tmp_path / "b"))
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_on_a_terminal_progress_counts_people_and_clears_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    from maritime_crew.synth.__main__ import main

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["--people", "700", str(tmp_path)]) == 0
    shown = terminal.getvalue()
    assert "writing people: 700 of 700…" in shown
    assert shown.endswith("\r\x1b[K")  # the line is taken away at the end
    assert "700 people" in capsys.readouterr().out


# -- watch-keeping hours (--hours watch) ---------------------------------------------------

WATCH_DAYS = 30


@pytest.fixture(scope="module")
def watch_written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "watch"
    synth.write(out, PEOPLE, seed=0, hours="watch", days=WATCH_DAYS)
    return out


@pytest.fixture(scope="module")
def watch_fleet(watch_written: Path) -> mc.model.Fleet:
    return mc.load(watch_written)


def _rows(root: Path) -> list[list[str]]:
    """Every row of the hours files under ``root``, without their headers."""
    rows = []
    for path in sorted((root / "hours").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            assert next(reader) == ["person", "start", "end", "vessel"]
            rows += list(reader)
    return rows


def _spells(rows: list[list[str]]) -> dict[str, tuple[tuple[int, int], ...]]:
    """Each person's usual day: the spells (minutes from midnight) of most of their days."""
    days: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for person, start, end, _ in rows:
        first, last = dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)
        minutes = first.hour * 60 + first.minute
        days[person, start[:10]].append((minutes, minutes + (last - first) // MINUTE))
    usual: dict[str, Counter[tuple[tuple[int, int], ...]]] = defaultdict(Counter)
    for (person, _), spells in days.items():
        usual[person][tuple(sorted(spells))] += 1
    return {person: counts.most_common(1)[0][0] for person, counts in usual.items()}


def test_watch_hours_are_byte_identical_for_the_same_arguments(
    watch_written: Path, tmp_path: Path
) -> None:
    synth.write(tmp_path / "again", PEOPLE, seed=0, hours="watch", days=WATCH_DAYS)
    assert _files(tmp_path / "again") == _files(watch_written)
    synth.write(tmp_path / "other", PEOPLE, seed=1, hours="watch", days=WATCH_DAYS)
    assert _files(tmp_path / "other") != _files(watch_written)


def test_watch_hours_change_only_the_hours(written: Path, watch_written: Path) -> None:
    roster, watch = _files(written), _files(watch_written)
    header = re.compile(rb"^# Generated by [^\n]*\n")
    for name, text in roster.items():
        if not name.startswith("hours/"):
            assert header.sub(b"", watch[name]) == header.sub(b"", text), name
    assert b"--hours watch --days 30" in watch["vessels.toml"]


def test_watch_hours_are_every_persons_for_the_days_up_to_the_reference_date(
    watch_written: Path, watch_fleet: mc.model.Fleet
) -> None:
    names = [p.relative_to(watch_written).as_posix() for p in watch_written.rglob("*.csv")]
    assert all(re.fullmatch(r"hours/[a-z0-9-]+-2021-03\.csv", name) for name in names)
    assert any(name.startswith("hours/shore-1-") for name in names)
    rows = _rows(watch_written)
    assert all(start.endswith("+00:00") and end.endswith("+00:00") for _, start, end, _ in rows)
    first = dt.date(2021, 3, 31) - dt.timedelta(days=WATCH_DAYS - 1)
    assert {start[:10] for _, start, _, _ in rows} == {
        (first + dt.timedelta(days=n)).isoformat() for n in range(WATCH_DAYS)
    }
    # everyone in service works; people ashore on weekdays only, the others every day
    in_service = {p.id for p in watch_fleet.people if p.in_service_on(REFERENCE)}
    assert in_service <= {person for person, *_ in rows}
    assert 1.8 * WATCH_DAYS * PEOPLE < len(rows) <= 2 * WATCH_DAYS * PEOPLE
    vessel = {p.id: p.crew for p in watch_fleet.people}
    crews = {c.id: c.vessel for c in watch_fleet.crews}
    assert all(v == crews.get(vessel[person] or "", "") for person, _, _, v in rows)


def test_watch_hours_keep_every_pattern(watch_written: Path) -> None:
    usual = set(_spells(_rows(watch_written)).values())
    for name, variants in _watch.PATTERNS.items():
        assert set(variants) <= usual, name
    assert usual <= {spells for variants in _watch.PATTERNS.values() for spells in variants}


def test_watch_hours_load_and_breach_rest_only_on_the_planted_long_days(
    watch_written: Path, watch_fleet: mc.model.Fleet
) -> None:
    assert len(watch_fleet.work_periods) == len(_rows(watch_written))
    report = mc.check(watch_fleet, as_of=REFERENCE)
    assert not [f.message for f in report.findings if f.code.startswith("DATA")]
    breached = {f.subject.id for f in report.findings if f.code.startswith("REST")}
    long_days = {
        person
        for person, start, end, _ in _rows(watch_written)
        if (start[11:16], end[11:16]) == ("04:00", "20:30")
    }
    assert breached == long_days
    assert 0 < len(breached) < 0.05 * PEOPLE  # most people comply


def test_generate_returns_the_watch_hours_write_writes(watch_fleet: mc.model.Fleet) -> None:
    data = synth.generate(PEOPLE, seed=0, hours="watch", days=WATCH_DAYS)
    generated = mc.loads(tomli_w.dumps({"work_period": data["work_period"]}))
    assert sorted(generated.work_periods, key=lambda w: (w.person, w.start)) == sorted(
        watch_fleet.work_periods, key=lambda w: (w.person, w.start)
    )


@pytest.mark.parametrize("days", [1, 7, 365])
def test_watch_hours_scale_with_people_and_days(tmp_path: Path, days: int) -> None:
    counts = synth.write_counted(tmp_path / "fleet", 160, hours="watch", days=days)
    assert 1.8 * 160 * days < counts.work_periods <= 2 * 160 * days
    assert counts.work_periods == len(_rows(tmp_path / "fleet"))


def test_watch_hours_are_written_in_bounded_memory(tmp_path: Path) -> None:
    peaks = []
    for people in (157, 4 * 157):
        tracemalloc.start()
        try:
            synth.write(tmp_path / str(people), people, hours="watch", days=60)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    assert peaks[1] < 2 * peaks[0]  # four times the hours, not four times the memory


def test_watch_hours_refuse_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1 day"):
        synth.generate(10, hours="watch", days=0)
    with pytest.raises(ValueError, match="hours must be one of"):
        synth.generate(10, hours="weekly")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="days applies only"):
        synth.write(tmp_path / "fleet", 10, days=7)
    assert not (tmp_path / "fleet").exists()


def test_the_command_line_writes_watch_hours(tmp_path: Path) -> None:
    result = _cli("--people", "20", "--hours", "watch", "--days", "7", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "work periods" in result.stdout
    synth.write(tmp_path / "api", 20, hours="watch", days=7)
    assert _files(tmp_path / "out") == _files(tmp_path / "api")
    default = _cli("--people", "20", "--hours", "watch", str(tmp_path / "thirty"))
    assert default.returncode == 0, default.stderr
    synth.write(tmp_path / "api-30", 20, hours="watch", days=30)
    assert _files(tmp_path / "thirty") == _files(tmp_path / "api-30")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "7"], "--days applies only to --hours watch"),
        (["--hours", "watch", "--days", "0"], "--days"),
        (["--hours", "weekly"], "--hours"),
    ],
)
def test_the_command_line_refuses_bad_hours(tmp_path: Path, args: list[str], message: str) -> None:
    result = _cli("--people", "10", *args, str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert not (tmp_path / "out").exists()
