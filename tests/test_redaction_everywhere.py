"""``--redact`` leaves no gap: names planted everywhere reach no output (issue 19, §1).

A synthetic fleet is given three people with invented names, and those names are
planted in every free-text field of the model (titles, owners, approvals, summaries,
reasons, providers, notes, themes…), in the person references a clerk might type a
name into, in the person and vessel columns of an hours CSV, and in file names. Every
command that reads a dataset then runs, in every format, with ``--redact``: neither
standard output nor standard error holds any of the names, however spaced, cased or
ordered (``Lathom, Niamh``), and every JSON, SARIF, JUnit and CSV output still parses.
Without ``--redact`` the same commands do show the names, so the search finds them where
they are.

Load errors are held too: a dataset whose hours CSV was exported without its header row
has a name where the header should be, and no fleet to learn the names from.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import re
import typing
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import maritime_crew as mc
from maritime_crew import synth
from maritime_crew.cli import main
from maritime_crew.report import Redactor

AS_OF = "2024-06-01"
"""Three years after the synthetic fleet's reference date: much is due, lapsed or short."""

NAMES = ("Niamh Lathom", "Oisín Ó Briain", "Tobias Quennell-Marsh")
"""Invented people, given to the first three people of the fleet."""

TERMS_FORMATS = ("text", "json", "markdown")


def _written(name: str, turn: int) -> str:
    """A name as a clerk might write it into a field, in one of several ways."""
    words = name.split()
    return [
        name,
        f"Checked by {name} on the day",
        "  ".join(words).upper(),
        f"{words[-1]}, {' '.join(words[:-1])}",  # surname first
        f"'{name}'",
        f"{name.lower()}'s note",
    ][turn % 6]


FREE_TEXT = {
    ("vessel", "name"),
    ("vessel", "home_port"),
    ("vessel", "class_name"),
    ("crew", "name"),
    ("person", "certificates", "number"),
    ("person", "certificates", "issuer"),
    ("person", "training", "provider"),
    ("certificate_type", "name"),
    ("course", "name"),
    ("course", "provider"),
    ("duty_role", "name"),
    ("duty_role", "description"),
    ("pathway", "name"),
    ("pathway", "grades", "name"),
    ("equipment_type", "name"),
    ("equipment_type", "standard"),
    ("equipment_item", "serial"),
    ("equipment_item", "services", "by"),
    ("equipment_item", "services", "notes"),
    ("document", "title"),
    ("document", "owner"),
    ("document", "versions", "approved_by"),
    ("document", "versions", "summary"),
    ("document", "reviews", "by"),
    ("document", "reviews", "outcome"),
    ("operation", "name"),
    ("debrief", "findings", "summary"),
    ("terms", "title"),
    ("terms", "consultation", "responses", "themes"),
    ("terms", "consultation", "responses", "summary"),
    ("terms", "consultation", "responses", "management_response"),
    ("terms", "allowances", "name"),
    ("terms", "allowances", "per"),
    ("rest_profile", "name"),
    ("rest_profile", "source"),
    ("waiver", "reason"),
    ("person", "absences", "note"),
    ("waiver", "granted_by"),
    ("practice_kind", "name"),
    ("practice_kind", "description"),
}
"""Every text field of the model that holds words rather than an id or a code."""

TYPED_NAMES = {
    ("person", "training", "trainer"),
    ("debrief", "led_by"),
}
"""References to a person, where a name is typed instead of a staff number (and
``work_period.person``, in the hours CSV)."""

CODES = {
    ("vessel", "complement", "role"),
    ("crew", "vessel"),
    ("person", "name"),  # planted as the people's own names
    ("person", "grade"),
    ("person", "previous_grades", "grade"),
    ("person", "crew"),
    ("person", "duty_roles", "role"),
    ("person", "previous_crews", "crew"),
    ("person", "certificates", "restrictions", "vessel"),
    ("person", "certificates", "restrictions", "roles"),
    ("deployment", "absent"),
    ("deployment", "cover"),
    ("person", "terms", "set"),
    ("person", "sizes", "equipment"),
    ("person", "sizes", "size"),
    ("person", "certificates", "type"),
    ("person", "training", "course"),
    ("person", "issues", "item"),
    ("person", "practice", "kind"),
    ("person", "practice", "vessel"),
    ("duty_role", "currency", "practice"),
    ("deployment", "vessel"),
    ("deployment", "person"),
    ("deployment", "crew"),
    ("certificate_type", "stcw"),
    ("certificate_type", "supersedes"),
    ("course", "trainer_courses"),
    ("course", "trainer_certificates"),
    ("duty_role", "certificates"),
    ("duty_role", "courses"),
    ("duty_role", "kit"),
    ("pathway", "grades", "certificates"),
    ("pathway", "grades", "courses"),
    ("equipment_type", "sizes"),
    ("equipment_type", "services", "kind"),
    ("equipment_item", "type"),
    ("equipment_item", "size"),
    ("equipment_item", "services", "kind"),
    ("document", "vessels"),
    ("document", "versions", "label"),
    ("document", "versions", "supersedes"),
    ("document", "versions", "addresses"),
    ("operation", "vessel"),
    ("operation", "kind"),
    ("operation", "crew"),
    ("debrief", "operation"),
    ("debrief", "vessel"),
    ("debrief", "findings", "document"),
    ("terms", "supersedes"),
    ("terms", "rest_profile"),
    ("terms", "leave", "kind"),
    ("work_period", "person"),
    ("work_period", "vessel"),
    ("waiver", "rule"),
    ("waiver", "subject", "kind"),
    ("waiver", "subject", "id"),
}
"""Text fields that hold ids, references to ids or codes: not planted (ids end in ``id``)."""


def _text_fields(record: type, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The path of every text field (or tuple of text) of a record class, nested ones too."""
    hints = typing.get_type_hints(record)
    for field in attrs.fields(record):
        where = (*path, field.name)
        kinds = [hints[field.name]]
        while kinds:
            kind = kinds.pop()
            if kind is str:
                yield where
            elif attrs.has(kind):
                yield from _text_fields(kind, where)
            else:
                kinds.extend(typing.get_args(kind))


PROVENANCE_TEXT = {
    path
    for table in mc.model.TABLES
    for path in _text_fields(table.record, (table.name,))
    if path[-1] in ("recorded_by", "reason")
}
"""Who recorded each record, and why: free text on every record, nested ones too."""


def test_every_text_field_of_the_model_is_planted_or_an_id() -> None:
    found = {
        path
        for table in mc.model.TABLES
        for path in _text_fields(table.record, (table.name,))
        if path[-1] != "id" or path == ("waiver", "subject", "id")
    }
    assert found == FREE_TEXT | TYPED_NAMES | CODES | PROVENANCE_TEXT


# -- the planted dataset ----------------------------------------------------------------


def _plant(node: Any, path: tuple[str, ...], counter: list[int]) -> None:
    """Set the field at ``path`` (through lists of records) in every record of ``node``."""
    if isinstance(node, list):
        for item in node:
            _plant(item, path, counter)
        return
    if not isinstance(node, dict):
        return
    field, rest = path[0], path[1:]
    if rest:
        _plant(node.get(field), rest, counter)
        return
    turn = counter[0]
    counter[0] += 1
    value = _written(NAMES[turn % len(NAMES)], turn // len(NAMES))
    node[field] = [value] if isinstance(node.get(field), list) else value


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The dataset directory, and what the commands are asked about."""
    root = tmp_path_factory.mktemp("planted")
    synth.write(root / "synth", 24, seed=9)
    data = json.loads(mc.dumps(mc.load(root / "synth"), "json"))
    data["rest_profile"] = [
        {"id": "mlc", "name": "MLC", "source": "MLC 2006", "min_rest_24h": "PT10H"}
    ]
    people = data["person"]
    data["waiver"] = [
        {
            "id": "W-1",
            "rule": "CERT001",
            "subject": {"kind": "person", "id": people[0]["id"]},
            "reason": "Medical booked",
            "granted_by": "Director Maritime",
            "granted_on": "2020-01-01",
        }
    ]
    # Records the synthetic fleet has none of, so that their fields are planted too.
    first = people[0]
    first["absences"] = [{"kind": "annual-leave", "start": "2020-06-01", "end": "2020-06-14"}]
    first["previous_crews"] = [{"crew": first["crew"], "start": "2010-01-01", "end": "2010-12-31"}]
    first["duty_roles"] = [{"role": role} for role in first["duty_roles"]]
    first["certificates"][0]["restrictions"] = [{"kind": "no-tropics"}]
    data["vessel"][0]["status"] = [{"status": "refit", "start": "2010-01-01", "end": "2010-02-01"}]
    data["practice_kind"] = [{"id": "boat-launch", "name": "Boat launch", "description": "RIB"}]
    data["duty_role"][0]["currency"] = [{"practice": "boat-launch", "within": "P3M"}]
    first["practice"] = [
        {"kind": "boat-launch", "date": "2024-05-02", "vessel": data["vessel"][0]["id"]}
    ]
    ids = {name: person["id"] for name, person in zip(NAMES, people, strict=False)}
    for name, person in zip(NAMES, people, strict=False):
        person["name"] = name
    unplanted = []
    for start, path in enumerate(sorted(FREE_TEXT | TYPED_NAMES | PROVENANCE_TEXT)):
        counter = [start]  # each field starts on another name and way of writing it
        _plant(data[path[0]], path[1:], counter)
        if counter[0] == start:
            unplanted.append(path)
    # The synthetic fleet has a record holding every field, but no earlier grades.
    assert {path for path in unplanted if path[:2] != ("person", "previous_grades")} == set()
    hours = data.pop("work_period")
    dataset = root / "dataset"
    (dataset / "people").mkdir(parents=True)
    (dataset / "people" / f"{NAMES[0]}.json").write_text(
        json.dumps({"person": data.pop("person")}, ensure_ascii=False), encoding="utf-8"
    )
    (dataset / "fleet.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    # The person column of an hours CSV holding a name instead of a staff number, and a
    # vessel column holding one too.
    with (dataset / f"hours of {NAMES[1]}.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["person", "start", "end", "vessel"])
        for row in hours:
            person = NAMES[0] if row["person"] == ids[NAMES[0]] else row["person"]
            writer.writerow([person, row["start"], row["end"], row.get("vessel") or ""])
        writer.writerow(
            [NAMES[0], "2021-02-01T00:00:00+00:00", "2021-02-01T20:00:00+00:00", NAMES[2]]
        )
    asked = {
        "person": ids[NAMES[0]],
        "document": data["document"][0]["id"],
        "terms": data["terms"][-1]["id"],
        "ids": ids,
    }
    return dataset, asked


def _commands(asked: dict[str, Any]) -> list[list[str]]:
    """Every command that reads a dataset, in every format; ``PATH`` is the dataset."""
    tables = ("text", "json", "csv", "markdown")
    runs = [["check", "PATH", "--format", fmt] for fmt in mc.report.FORMATS]
    runs += [["due", "PATH", "--within", "P4Y", "--format", fmt] for fmt in tables]
    runs += [["skills", "PATH", "--within", "P4Y", "--format", fmt] for fmt in tables]
    runs += [["skills", "PATH", "--format", "csv", "--table", "coverage"]]
    runs += [["tna", "PATH", "--format", fmt] for fmt in tables]
    runs += [["tna", "PATH", "--format", "csv", "--table", table] for table in ("gaps", "trainers")]
    runs += [["pathway", "PATH", asked["person"], "--format", fmt] for fmt in ("text", "json")]
    runs += [["register", "PATH", "--format", fmt] for fmt in ("text", "json", "markdown")]
    runs += [["history", "PATH", asked["document"], "--format", fmt] for fmt in ("text", "json")]
    runs += [["terms", "PATH", "--format", fmt] for fmt in TERMS_FORMATS]
    runs += [["terms", "PATH", asked["terms"], "--format", fmt] for fmt in TERMS_FORMATS]
    runs += [
        ["terms", "PATH", "--person", asked["person"], "--format", fmt] for fmt in TERMS_FORMATS
    ]
    return runs


USAGE_ERRORS = [
    ["pathway", "PATH", NAMES[0]],  # a name given for a staff number
    ["terms", "PATH", "--person", NAMES[1]],
    ["register", "PATH", "--owner", "nobody at all"],  # lists the owners, which hold names
]


def run(args: list[str], path: Path) -> tuple[int, str, str]:
    """Run a command in-process; its exit code, standard output and standard error."""
    if args[0] != "history":
        args = [*args, "--as-of", AS_OF]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(path) if arg == "PATH" else arg for arg in args])
    return code, out.getvalue(), err.getvalue()


def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the names, however spaced or cased, and surname first."""
    forms = []
    for name in names:
        words = [re.escape(word) for word in name.split()]
        forms.append(r"\s+".join(words))
        for split in range(1, len(words)):
            forms.append(r"\s+".join(words[split:]) + r"\s*,\s*" + r"\s+".join(words[:split]))
    return re.compile("|".join(forms), re.IGNORECASE)  # inside a word too


NAMED = _name_pattern(NAMES)


def _readings(fmt: str, out: str) -> list[str]:
    """The output as written, and as a reader of its format sees it."""
    readings = [out, re.sub(r"\\(.)", r"\1", out)]  # Markdown and terminal escapes undone
    if fmt in ("json", "sarif"):
        readings.append(json.dumps(json.loads(out), ensure_ascii=False))
    elif fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
        readings.append(html.unescape(out))
    elif fmt == "github":
        readings.append(urllib.parse.unquote(out))
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(row) for row in rows}) == 1, rows[:3]
    return readings


def _format(args: list[str]) -> str:
    return args[args.index("--format") + 1] if "--format" in args else "text"


def test_every_command_in_every_format_names_no_one_when_redacted(
    planted: tuple[Path, dict[str, Any]],
) -> None:
    dataset, asked = planted
    leaks: dict[str, list[str]] = {}
    unnamed: list[str] = []
    for args in _commands(asked) + USAGE_ERRORS:
        code, out, err = run(args, dataset)
        assert code in (0, 1, 2), (args, err)
        if not NAMED.search(out + err):
            unnamed.append(" ".join(args))
        code, out, err = run([*args, "--redact"], dataset)
        assert code in (0, 1) or args in USAGE_ERRORS, (args, err)
        assert "internal error" not in err, (args, err)
        found = {m for text in [*_readings(_format(args), out), err] for m in NAMED.findall(text)}
        if found:
            leaks[" ".join(args)] = sorted(found)
    assert leaks == {}
    # The planted names reach every output but those that show ids and dates alone.
    assert unnamed == [
        "skills PATH --format csv --table coverage",
        "tna PATH --format csv --table trainers",
        *(f"terms PATH --person {asked['person']} --format {fmt}" for fmt in TERMS_FORMATS),
    ]


@pytest.mark.parametrize("format", ["json", "sarif", "markdown"])
def test_a_report_written_to_a_file_names_no_one(
    planted: tuple[Path, dict[str, Any]], tmp_path: Path, format: str
) -> None:
    dataset, _ = planted
    target = tmp_path / "report"
    code, out, err = run(
        ["check", "PATH", "--format", format, "--output", str(target), "--redact"], dataset
    )
    assert code == 1, err
    written = target.read_text(encoding="utf-8")
    assert [
        m for text in [*_readings(format, written), out, err] for m in NAMED.findall(text)
    ] == []


def test_a_name_in_the_person_column_of_hours_is_not_shown_as_a_staff_number(
    planted: tuple[Path, dict[str, Any]],
) -> None:
    dataset, asked = planted
    staff_number = asked["ids"][NAMES[0]]
    code, out, _ = run(
        ["check", "PATH", "--select", "DATA002", "--format", "json", "--redact"], dataset
    )
    assert code == 1
    findings = [f for f in json.loads(out)["findings"] if f["details"]["field"].endswith(".person")]
    typed = [f for f in findings if f["details"]["field"].startswith("work_period")]
    assert typed, findings
    for finding in typed:
        # Not "person 'BF1015', which does not exist": BF1015 does exist.
        assert f"'{staff_number}'" not in finding["message"]
        assert f"person '[name of {staff_number}]', which does not exist" in finding["message"]
        assert finding["subject"]["id"] == f"[name of {staff_number}]"
        assert finding["details"]["id"] == f"[name of {staff_number}]"
    code, out, _ = run(["check", "PATH", "--select", "DATA002", "--redact"], dataset)
    assert f"person [name of {staff_number}]\n" in out  # the subject's heading


# -- load errors ------------------------------------------------------------------------

HEADERLESS = (
    "{0},2021-03-01T08:00:00+00:00,2021-03-01T12:00:00+00:00\n"
    "{0},2021-03-02T08:00:00+00:00,2021-03-02T12:00:00+00:00\n"
)
"""An hours CSV exported without its header row: its first row is read as the header."""

PEOPLE = """\
[[person]]
id = "BF1090"
name = "Niamh Lathom"
discipline = "deck"

[[person]]
id = "BF1091"
name = "Tobias Quennell-Marsh"
discipline = "deck"
"Tobias Quennell-Marsh" = "a key named after a person"

[["Oisín Ó Briain"]]
id = "a table named after a person"
"""

BROKEN_COMMANDS = [["check", "PATH", "--format", fmt] for fmt in mc.report.FORMATS] + [
    ["due", "PATH"],
    ["skills", "PATH"],
    ["tna", "PATH"],
    ["pathway", "PATH", "BF1090"],
    ["register", "PATH"],
    ["history", "PATH", "SOP-1"],
    ["terms", "PATH"],
]


@pytest.fixture
def headerless(tmp_path: Path) -> Path:
    """A dataset whose hours CSV was exported without its header row, named after someone."""
    dataset = tmp_path / "dataset"
    dataset.mkdir()
    (dataset / "people.toml").write_text(PEOPLE, encoding="utf-8")
    (dataset / f"hours {NAMES[0]}.csv").write_text(HEADERLESS.format(NAMES[0]), encoding="utf-8")
    return dataset


@pytest.mark.parametrize("args", BROKEN_COMMANDS, ids=" ".join)
def test_a_load_error_names_no_one_when_redacted(headerless: Path, args: list[str]) -> None:
    code, out, err = run(args, headerless)
    assert code == 2
    assert {"Niamh Lathom", "Tobias Quennell-Marsh", "Oisín Ó Briain"} <= set(NAMED.findall(err))
    code, out, err = run([*args, "--redact"], headerless)
    assert code == 2
    assert out == ""
    assert NAMED.findall(err) == []
    # Still located and explained, with the file named by the staff number in its name.
    assert "hours BF1090.csv:1: column 1: unknown column (withheld); known columns: person" in err
    assert "the header has no column 'person'; a work-period file needs" in err
    assert "people.toml:10: person[BF1091].(withheld): unknown field (withheld)" in err
    assert "unknown table (withheld)" in err


def test_a_lone_headerless_csv_names_no_one_when_redacted(tmp_path: Path) -> None:
    # No person record to learn the name from: the header's values are withheld anyway.
    hours = tmp_path / "hours.csv"
    hours.write_text(HEADERLESS.format("Zebedee Quartermain"), encoding="utf-8")
    code, _, err = run(["check", str(hours), "--format", "github"], tmp_path)
    assert code == 2
    assert "Zebedee" in err
    code, _, err = run(["check", str(hours), "--format", "github", "--redact"], tmp_path)
    assert code == 2
    assert "Zebedee" not in err
    assert "column 1: unknown column (withheld)" in err


def test_load_errors_keep_the_words_of_the_format_and_the_advice(tmp_path: Path) -> None:
    (tmp_path / "people.toml").write_text(
        '[[person]]\nid = "BF1"\nname = "Ann Example"\ndiscipline = "engineer"\n'
        'born = "Ann Example"\n[[person.certificates]]\ntype = "eng1"\nissued = 2020-01-01\n'
        "expiry = 2021-01-01\n",
        encoding="utf-8",
    )
    (tmp_path / "vessels.toml").write_text("[[vessel]]\nid = 'v'\nreview = 12 months\n")
    code, _, err = run(["check", "PATH", "--redact"], tmp_path)
    assert code == 2
    assert "Ann" not in err
    assert "expected one of 'deck', 'engineering', 'other', found text (withheld)" in err
    assert "did you mean 'engineering'?" in err
    assert "person[BF1].certificates[0].(withheld): unknown field (withheld)" in err
    assert "did you mean 'expires'?" in err
    assert 'a period is written in quotes, such as "P12M" for 12 months or "P90D"' in err


def test_names_are_read_from_files_that_do_not_parse(tmp_path: Path) -> None:
    (tmp_path / "people.toml").write_text(
        '[[person]]\nid = "BF1090"\nname = "Niamh Lathom"\n'
        "[[person.certificates]]\nname = 'not a person'\n"
        "[[person]]\nname = 'Tobias Quennell-Marsh'\nborn = 1980-02-30\nbroken =\n",
        encoding="utf-8",
    )
    (tmp_path / "Tobias Quennell-Marsh.json").write_text(
        '{"person": [{"id": "BF1092", "name": "Oi\\u0073ín Ó Briain"},]}', encoding="utf-8"
    )
    (tmp_path / f"hours {NAMES[0]}.csv").write_text(HEADERLESS.format(NAMES[2]), encoding="utf-8")
    code, _, err = run(["check", "PATH"], tmp_path)
    assert code == 2
    assert set(NAMED.findall(err)) == {"Niamh Lathom", "Tobias Quennell-Marsh"}  # file names
    code, _, err = run(["check", "PATH", "--redact"], tmp_path)
    assert code == 2
    assert NAMED.findall(err) == []
    assert "hours [name redacted].csv:1: column 1: unknown column (withheld)" in err
    assert "[name redacted].json:1: invalid JSON" in err


# -- the redactor ---------------------------------------------------------------------------


def _fleet(*people: tuple[str, str]) -> mc.model.Fleet:
    return mc.model.Fleet(
        people=tuple(
            mc.model.Person(id=id, name=name, discipline=mc.model.Discipline.DECK)
            for id, name in people
        )
    )


def test_the_redactor_finds_a_name_however_it_is_written() -> None:
    redactor = Redactor(_fleet(("BF1", "Niamh Lathom"), ("BF2", "Oisín Ó Briain")))
    assert redactor.text("approved by NIAMH\n   lathom today") == "approved by BF1 today"
    assert redactor.text("Lathom, Niamh; Ó Briain ,Oisín; Briain, Oisín Ó") == "BF1; BF2; BF2"
    assert redactor.text("Niamh Lathoms and xNiamh Lathom") == "Niamh Lathoms and xNiamh Lathom"
    # Where a name stands for a record, it is not shown as the record of that staff number.
    assert redactor.text("person 'Niamh Lathom', which") == "person '[name of BF1]', which"
    assert redactor.identifier("Niamh Lathom") == "[name of BF1]"
    assert redactor.value({"owner": "Niamh Lathom", "Niamh Lathom": ["by Niamh Lathom", 1]}) == {
        "owner": "[name of BF1]",
        "BF1": ["by BF1", 1],
    }
    value = {"nobody": ["here", 1]}
    assert redactor.value(value) is value


def test_people_read_from_files_can_be_redacted_without_a_fleet() -> None:
    redactor = Redactor(people=[("BF7", "Ann Example"), (None, "Sam Jones")])
    assert redactor.text("Ann Example and Sam Jones") == "BF7 and [name redacted]"


def test_finding_names_costs_a_look_up_per_word_not_per_person() -> None:
    import time

    people = [(f"BF{n}", f"Given{n} Family{n}") for n in range(50_000)]
    redactor = Redactor(people=people)
    text = "Given49999 Family49999 met Given7 Family7. " + "Nothing to see here; " * 20_000
    started = time.perf_counter()
    redacted = redactor.text(text)
    elapsed = time.perf_counter() - started
    assert redacted.startswith("BF49999 met BF7. Nothing")
    # One pattern of 50,000 names, tried at each of 400,000 characters, took half a
    # minute; this takes about a second.
    assert elapsed < 10, elapsed
