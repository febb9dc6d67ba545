"""Memory has a bound: past a limit, problems and findings are counted, not kept.

Issue 19, section 3. A 20 MB file of dangling references took 5.9 GB and wrote a 685 MB
report; 100 MB of records with one wrong value took 7.0 GB and 142 MB of messages. Here
the same inputs, scaled down, stay within the multiples of their size that
docs/security.md ("Memory") promises, and every limit is counted past.
"""

from __future__ import annotations

import functools
import gc
import json
import tracemalloc
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pendulum
import pytest

import maritime_crew as mc
from maritime_crew.cli import main
from maritime_crew.io import _errors, _load
from maritime_crew.report import render
from maritime_crew.rules import Config, ConfigError, Severity

AS_OF = "2021-03-31"

MULTIPLE = 50
"""Loading a file peaks at most at this many times its size, plus :data:`KEPT`."""

KEPT = 8 * 1024**2
"""What the 1,000 problems a load keeps may take, with the errors they are made from.

Both are stated in docs/security.md ("Memory"); a check of the files, and its report,
stays within the same bound in the cases below.
"""


def bound(size: int) -> int:
    return MULTIPLE * size + KEPT


BAD_VESSEL = '[[vessel]]\nid = "v{n}"\nname = "HMC Vigilant"\ntype = "cutter"\ncrew_size = "1"\n'
"""A record with one wrong value, as in the issue: ``crew_size = "1"``."""


def bad_vessels(count: int, start: int = 0) -> str:
    return "".join(BAD_VESSEL.format(n=n) for n in range(start, start + count))


def data_error(load: Callable[[], object]) -> mc.DataError:
    with pytest.raises(mc.DataError) as caught:
        load()
    return caught.value


def person(id: str = "BF1", **fields: Any) -> dict[str, Any]:
    return {"id": id, "name": "Alex Morgan", "discipline": "deck", **fields}


def dataset(**tables: list[dict[str, Any]]) -> mc.model.Fleet:
    return mc.loads(json.dumps(tables), format="json", name="fleet.json")


def only(code: str, **settings: Any) -> Config:
    return Config(select=(code,), **settings)


@pytest.fixture
def peak() -> Iterator[Callable[[], int]]:
    """Trace allocations from here; the callable gives the peak so far, in bytes."""
    gc.collect()
    tracemalloc.start()
    try:
        yield lambda: tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- problems of a load --------------------------------------------------------------------


def test_a_load_keeps_the_first_1000_problems_and_counts_the_rest() -> None:
    error = data_error(lambda: mc.loads(bad_vessels(1500), name="vessels.toml"))
    *kept, more = error.problems
    assert [p.path for p in kept] == [f"vessel[v{n}].crew_size" for n in range(1000)]
    assert {p.code for p in kept} == {"wrong-type"}
    assert (more.code, more.omitted, more.line) == ("more-problems", 500, None)
    assert str(more) == (
        "vessels.toml: and 500 more problems in this file, not shown: a load keeps the "
        "first 1,000 problems it finds"
    )
    assert error.count == 1500
    assert str(error).splitlines()[0] == "1,500 problems in 1 file:"
    assert error.redacted().count == 1500


@pytest.mark.parametrize("most", [0, 1, 10])
def test_max_problems_sets_how_many_are_kept(most: int) -> None:
    error = data_error(lambda: mc.loads(bad_vessels(30), max_problems=most))
    assert len(error.problems) == most + 1
    assert error.problems[-1].omitted == 30 - most
    assert error.count == 30


def test_a_load_with_no_more_problems_than_the_limit_keeps_them_all() -> None:
    error = data_error(lambda: mc.loads(bad_vessels(30), max_problems=30))
    assert [p.code for p in error.problems] == ["wrong-type"] * 30


@pytest.mark.parametrize(
    ("most", "raised"), [(-1, ValueError), (1.5, TypeError), (True, TypeError), ("9", TypeError)]
)
def test_max_problems_is_a_whole_number_of_0_or_more(
    tmp_path: Path, most: Any, raised: type[Exception]
) -> None:
    (tmp_path / "vessels.toml").write_text(bad_vessels(1), encoding="utf-8")
    with pytest.raises(raised, match="max_problems must be"):
        mc.load(tmp_path, max_problems=most)
    with pytest.raises(raised, match="max_problems must be"):
        mc.loads(bad_vessels(1), max_problems=most)


def test_the_limit_is_for_the_whole_load_and_each_file_counts_what_it_left_out(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.toml").write_text(bad_vessels(600), encoding="utf-8")
    (tmp_path / "b.toml").write_text(bad_vessels(600, start=600), encoding="utf-8")
    (tmp_path / "c.toml").write_text(bad_vessels(5, start=1200), encoding="utf-8")
    error = data_error(lambda: mc.load(tmp_path))
    summary = [(Path(p.file).name, p.code, p.omitted) for p in error.problems]
    assert summary == [
        *[("a.toml", "wrong-type", 0)] * 600,
        *[("b.toml", "wrong-type", 0)] * 400,
        ("b.toml", "more-problems", 200),
        ("c.toml", "more-problems", 5),
    ]
    assert error.count == 1205
    assert str(error).splitlines()[0] == "1,205 problems in 3 files:"


_MANY = 50
_REPEATED = {
    "unknown fields of one record": (
        "toml",
        '[[vessel]]\nid = "v"\nname = "n"\ntype = "cutter"\n'
        + "".join(f"colour{n} = 1\n" for n in range(_MANY)),
    ),
    "bad values in one list": ("json", json.dumps({"person": [person(duty_roles=[1] * _MANY)]})),
    "bad records in one list": (
        "json",
        json.dumps({"person": [person(certificates=[{"type": 1}] * _MANY)]}),
    ),
    "lists of bad records in one list": (
        "json",
        json.dumps(
            {"pathway": [{"id": "p", "name": "P", "grades": [{"id": 1, "name": 2}] * 9}] * 9}
        ),
    ),
    "records that are not tables": ("json", json.dumps({"person": [1] * _MANY})),
    "unknown tables": ("json", json.dumps({f"crews{n}": [] for n in range(_MANY)})),
    "lone surrogates": ("json", json.dumps({"person": [person(duty_roles=["\ud800"] * _MANY)]})),
    "CSV rows too wide": ("csv", "person,start,end\n" + "BF1,2021-03-01T06:00,x,y\n" * _MANY),
    "CSV columns unknown": (
        "csv",
        ",".join(f"column{n}" for n in range(_MANY)) + ",person,start,end\nBF1,x,y\n",
    ),
    "CSV stray quotes": ("csv", "person,start,end\n" + 'BF1,"2021"x,y\n' * _MANY),
}


@pytest.mark.parametrize("case", list(_REPEATED))
def test_every_kind_of_repeated_problem_is_counted_past_the_limit(case: str) -> None:
    format, text = _REPEATED[case]
    every = data_error(lambda: mc.loads(text, format=format, max_problems=10**6)).problems
    assert len(every) >= 20, "the case must have problems to leave out"
    error = data_error(lambda: mc.loads(text, format=format, max_problems=5))
    *kept, more = error.problems
    assert len(kept) == 5
    assert set(kept) <= set(every)
    assert more.code == "more-problems"
    assert error.count == len(every)


def test_problems_past_the_limit_are_counted_not_built(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    searches: list[str] = []
    problem = _errors.Problem

    def counted(*args: Any, **kwargs: Any) -> _errors.Problem:
        made.append(args[0] if args else kwargs["code"])
        return problem(*args, **kwargs)

    def searched(word: str, choices: Any) -> str | None:
        searches.append(word)
        return None

    for module in (_load, _errors):
        monkeypatch.setattr(module, "Problem", counted)
        monkeypatch.setattr(module, "suggest", searched)
    texts = [
        ("json", json.dumps({f"crews{n}": [] for n in range(5000)})),
        ("toml", '[[vessel]]\nid = "v"\n' + "".join(f"colour{n} = 1\n" for n in range(5000))),
        ("csv", ",".join(f"column{n}" for n in range(5000)) + "\n"),
        ("toml", bad_vessels(5000)),
    ]
    for format, text in texts:
        made.clear()
        searches.clear()
        error = data_error(functools.partial(mc.loads, text, format=format, max_problems=10))
        assert error.count >= 5000
        # the 10 kept, the one that counts the rest, and at most 3 missing CSV columns
        assert len(made) <= 14, f"{len(made)} problems made for {format}"
        assert len(searches) <= 10, f"{len(searches)} names searched for {format}"


def test_the_command_line_prints_a_bounded_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "vessels.toml"
    path.write_text(bad_vessels(5000), encoding="utf-8")
    assert main(["check", str(path), "--as-of", AS_OF]) == 2
    err = capsys.readouterr().err
    assert "5,000 problems in 1 file:" in err
    assert "and 4,000 more problems in this file, not shown" in err
    assert len(err.splitlines()) <= 1003


def test_a_file_of_bad_records_loads_within_a_multiple_of_its_size(
    tmp_path: Path, peak: Callable[[], int]
) -> None:
    # The 100 MB of crew_size = "1" records (1.39 million problems, 7.0 GB),
    # scaled down to 2 MiB: about 29,000 problems.
    path = tmp_path / "vessels.toml"
    path.write_text(bad_vessels(2 * 1024**2 // len(BAD_VESSEL)), encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.reset_peak()
    error = data_error(lambda: mc.load(path))
    assert peak() <= bound(size)
    assert error.count > 27_000
    assert len(str(error).splitlines()) == 1002  # a heading, 1,000 problems and a count


_COMPACT = {  # the most problems, or values, for the fewest bytes of each format
    "empty tables.json": lambda n: '{"person":[' + ",".join(["{}"] * (n // 3)) + "]}",
    "short rows.csv": lambda n: "person,start,end\n" + "a,b,c\n" * (n // 6),
    "empty inline tables.toml": lambda n: "person = [" + ",".join(["{}"] * (n // 3)) + "]\n",
    "wrong values.json": lambda n: json.dumps({"person": [person(duty_roles=[1] * (n // 2))]}),
    "unknown keys.json": lambda n: json.dumps({"person": [{f"k{i}": 0 for i in range(n // 12)}]}),
    "lone surrogates.json": lambda n: (
        '{"person":[{"duty_roles":[' + ",".join(['"\\ud800"'] * (n // 9)) + "]}]}"
    ),
}


@pytest.mark.parametrize("name", list(_COMPACT))
def test_compact_bad_input_loads_within_the_documented_multiple(
    tmp_path: Path, peak: Callable[[], int], name: str
) -> None:
    path = tmp_path / name
    path.write_text(_COMPACT[name](1024), encoding="utf-8")
    data_error(lambda: mc.load(path))  # the converter's hooks, made once, are not counted
    path.write_text(_COMPACT[name](128 * 1024), encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.reset_peak()
    data_error(lambda: mc.load(path))
    assert peak() <= bound(size)


# -- references to records that do not exist --------------------------------------------


def test_references_to_one_missing_id_are_one_finding() -> None:
    fleet = dataset(
        duty_role=[{"id": "coxswain", "name": "Coxswain"}],
        vessel=[
            {
                "id": "vigilant",
                "name": "HMC Vigilant",
                "type": "cutter",
                "complement": [{"role": "coxswian", "count": 1}],
            }
        ],
        person=[person(f"BF{n:03}", duty_roles=["coxswian"]) for n in range(300)],
    )
    (finding,) = mc.check(fleet, AS_OF, only("DATA002")).findings
    assert finding.subject == mc.model.Subject("vessel", "vigilant")
    people = ", ".join(f"person BF{n:03} `duty_roles`" for n in range(9))
    assert finding.message == (
        "vessel vigilant refers in `complement[0].role` to duty role 'coxswian', which does "
        "not exist; did you mean 'coxswain'?; 301 references name it in all: vessel "
        f"vigilant `complement[0].role`, {people}, and 291 more"
    )
    assert finding.details["references"] == 301
    assert len(finding.details["places"]) == 10
    assert finding.details["places"][1] == {
        "table": "person",
        "id": "BF000",
        "field": "duty_roles",
        "references": 1,
    }


def test_a_record_that_names_one_missing_id_many_times_is_one_finding() -> None:
    fleet = dataset(person=[person(duty_roles=["dx"] * 100_000)])
    (finding,) = mc.check(fleet, AS_OF, only("DATA002")).findings
    assert finding.message == (
        "person BF1 refers in `duty_roles` to duty role 'dx', which does not exist; 100,000 "
        "references name it in all: person BF1 `duty_roles` (100,000 times)"
    )


def test_records_that_share_an_id_list_the_first_places_only() -> None:
    text = "".join(
        f'[[person]]\nid = "BF1"\nname = "A{n}"\ndiscipline = "deck"\n' for n in range(30)
    )
    fleet = mc.loads(text, name="people.toml")
    (finding,) = mc.check(fleet, AS_OF, only("DATA001")).findings
    places = ", ".join(f"people.toml:{1 + 4 * n}" for n in range(10))
    assert finding.message == (
        f"person id 'BF1' is used by 30 records ({places} and 20 more); lookups see only the first"
    )


# -- findings of a check -------------------------------------------------------------------


def missing_crews(count: int) -> mc.model.Fleet:
    """``count`` people, each in a crew of their own that does not exist."""
    return dataset(person=[person(f"BF{n:04}", crew=f"crew-{n}") for n in range(count)])


def test_a_check_keeps_the_first_1000_findings_of_a_rule_and_counts_the_rest() -> None:
    report = mc.check(missing_crews(1500), AS_OF, only("DATA002"))
    assert len(report.findings) == 1001
    closing = next(f for f in report.findings if f.subject.kind == "rule")
    assert closing.subject == mc.model.Subject("rule", "DATA002")
    assert closing.severity is mc.rules.Severity.ERROR
    assert closing.details == {"not_shown": 500, "waived": 0}
    assert closing.stands_for == 500
    assert closing.message == (
        "rule DATA002 (unknown-reference) found 500 more error findings than it lists; a check "
        "lists the first 1,000 findings of each rule (max-findings-per-rule)"
    )
    assert report.counts_by_rule() == {"DATA002": 1500}
    assert report.counts_by_severity() == {"error": 1500, "warning": 0, "info": 0}
    assert not report.ok


def test_findings_left_out_are_counted_at_their_own_severity() -> None:
    """A rule whose findings differ in severity is counted exactly, severity by severity."""
    registry = mc.rules.Registry(load_builtins=False, load_plugins=False)

    @mc.rule(
        code="TEST900",
        name="mixed",
        severity="warning",
        summary="Findings of two severities.",
        rationale="Test rule.",
        registry=registry,
    )
    def mixed(data: mc.model.Fleet, ctx: mc.rules.Context) -> Iterator[mc.rules.Finding]:
        for number, someone in enumerate(data.people):
            finding = ctx.about_person(someone, f"{someone.id} is counted")
            yield finding if number % 3 else attrs.evolve(finding, severity=Severity.ERROR)

    config = Config(max_findings_per_rule=4)
    report = mc.check(missing_crews(30), AS_OF, config, registry=registry)
    assert report.counts_by_severity() == {"error": 10, "warning": 20, "info": 0}
    closing = sorted(
        (f for f in report.findings if f.subject.kind == "rule"), key=lambda f: -f.stands_for
    )
    assert [(f.severity, f.stands_for, f.details) for f in closing] == [
        (Severity.WARNING, 18, {"not_shown": 18, "waived": 0}),
        (Severity.ERROR, 8, {"not_shown": 8, "waived": 0}),
    ]
    assert closing[1].message.startswith("rule TEST900 (mixed) found 8 more error findings")


def test_a_rule_with_no_more_findings_than_the_limit_lists_them_all() -> None:
    report = mc.check(missing_crews(20), AS_OF, only("DATA002", max_findings_per_rule=20))
    assert all(f.subject.kind == "person" for f in report.findings)
    assert len(report.findings) == 20


def test_max_findings_per_rule_is_read_from_the_configuration() -> None:
    assert Config.from_mapping({"max-findings-per-rule": 10}).max_findings_per_rule == 10
    assert Config.from_mapping({}).max_findings_per_rule == 1000


@pytest.mark.parametrize("value", [0, -1, "10", 1.5, True])
def test_max_findings_per_rule_is_a_whole_number_of_at_least_1(value: object) -> None:
    with pytest.raises(ConfigError, match="max-findings-per-rule: expected a whole number"):
        Config.from_mapping({"max-findings-per-rule": value})


def test_waivers_past_the_limit_still_cover_their_findings() -> None:
    fleet = missing_crews(20)
    waivers = [
        mc.model.Waiver(
            id=f"W{n}",
            rule="DATA002",
            subject=mc.model.Subject("person", f"BF{n:04}"),
            reason="Crew being set up",
            granted_by="Head of Maritime Operations",
            granted_on=pendulum.Date(2021, 1, 1),
            expires=pendulum.Date(2021, 12, 31),
        )
        for n in (15, 17)
    ]
    fleet = attrs.evolve(fleet, waivers=tuple(waivers))
    report = mc.check(fleet, AS_OF, only("DATA", max_findings_per_rule=5))
    data002 = [f for f in report.findings if f.code == "DATA002"]
    assert [f.subject.id for f in data002 if f.waived] == ["BF0015", "BF0017"]
    assert not [f for f in report.findings if f.code == "DATA008"]  # no waiver seen unused
    (closing,) = [f for f in data002 if f.subject.kind == "rule"]
    assert closing.details == {"not_shown": 13, "waived": 0}
    assert report.counts_by_rule()["DATA002"] == 18


def test_findings_past_the_limit_that_are_all_waived_are_waived() -> None:
    roles = [f"role-{n}" for n in range(6)]
    fleet = dataset(
        person=[person(duty_roles=roles)],
        waiver=[
            {
                "id": "W1",
                "rule": "DATA002",
                "subject": {"kind": "person", "id": "BF1"},
                "reason": "Roles being set up",
                "granted_by": "Head of Maritime Operations",
                "granted_on": "2021-01-01",
                "expires": "2021-12-31",
            }
        ],
    )
    report = mc.check(fleet, AS_OF, only("DATA002", max_findings_per_rule=2))
    *listed, closing = sorted(report.findings, key=lambda f: f.subject.kind)
    assert len(listed) == 2
    assert closing.subject.kind == "rule"
    assert closing.waived_by == "W1"
    assert closing.details == {"not_shown": 4, "waived": 4}
    assert report.ok
    assert report.waived_count() == 6
    assert report.counts_by_severity()["error"] == 0


def test_the_command_line_lists_what_the_configuration_allows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = [person(f"BF{n:04}", crew=f"crew-{n}") for n in range(20)]
    (tmp_path / "people.json").write_text(json.dumps({"person": people}), encoding="utf-8")
    (tmp_path / "maritime-crew.toml").write_text(
        'select = ["DATA002"]\nmax-findings-per-rule = 5\n', encoding="utf-8"
    )
    assert main(["check", str(tmp_path), "--as-of", AS_OF, "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    schema = json.loads(files("maritime_crew.report").joinpath("report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(document)
    assert len(document["findings"]) == 6
    assert document["summary"]["by_rule"] == {"DATA002": 20}
    assert document["findings"][-1]["details"] == {"not_shown": 15, "waived": 0}


@pytest.mark.parametrize("distinct", [False, True], ids=["one id", "every id its own"])
def test_a_check_of_many_missing_references_stays_within_a_multiple_of_the_input(
    tmp_path: Path, peak: Callable[[], int], distinct: bool
) -> None:
    # The 20 MB JSON of 5 million dangling duty_roles (5.9 GB, a 685 MB report),
    # scaled down: 1 MiB of one missing id, or 256 KiB of ids each missing.
    size = 256 * 1024 if distinct else 1024**2
    roles = [f"d{n}" for n in range(size // 10)] if distinct else ["dx"] * (size // 5)
    path = tmp_path / "fleet.json"
    path.write_text(json.dumps({"person": [person(duty_roles=roles)]}), encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.reset_peak()
    fleet = mc.load(path)
    report = mc.check(fleet, AS_OF)
    text = render(report, fleet, "json")
    assert peak() <= bound(size)
    assert len(text) < 1024**2
    assert report.counts_by_rule()["DATA002"] == (len(roles) if distinct else 1)
