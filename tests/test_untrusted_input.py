"""Where the dataset ends: what loading and checking a dataset may and may not reach.

A dataset is untrusted (docs/security.md, "Where the dataset ends"): a link in it must
not make a load error quote a file outside it, a value must not drive the terminal or
crash a report, digits are ASCII digits, and running the command line inside a dataset
must not run code from it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import maritime_crew as mc
from maritime_crew.cli import main
from maritime_crew.model import BusinessYear, Period, parse_within
from maritime_crew.rules import Registry

PERSON = '[[person]]\nid = "{id}"\nname = "Al"\ndiscipline = "deck"\n'
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
OUTSIDE = (
    "a symbolic link that leads outside the dataset directory; links out of the dataset "
    "are not followed, and nothing is read through them (--follow-outside-links, or "
    "loading with follow_outside_links=True, follows them)"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path, **options: bool) -> mc.DataError:
    with pytest.raises(mc.DataError) as caught:
        mc.load(path, **options)
    return caught.value


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A dataset with links to a secret file and a secret directory beside it."""
    secrets = tmp_path / "secrets"
    write(secrets / "env.toml", f'person = "{SECRET}"\n')
    write(secrets / "credentials.csv", f"AWS_SECRET_ACCESS_KEY={SECRET}\n")
    write(secrets / "more" / "keys.toml", f'person = "{SECRET}"\n')
    root = tmp_path / "dataset"
    write(root / "people.toml", PERSON.format(id="BF1"))
    (root / "env.toml").symlink_to(secrets / "env.toml")
    (root / "hours.csv").symlink_to(secrets / "credentials.csv")
    (root / "shared").symlink_to(secrets / "more", target_is_directory=True)
    return root


# -- links out of the dataset ----------------------------------------------------------


def test_links_out_of_the_dataset_are_problems_and_nothing_is_read(dataset: Path) -> None:
    error = load_error(dataset)
    assert sorted((p.code, p.file, p.message) for p in error.problems) == [
        ("file", str(dataset / name), OUTSIDE) for name in ("env.toml", "hours.csv", "shared")
    ]
    assert SECRET[:5] not in str(error)
    assert SECRET[:5] not in str(error.redacted())


def test_a_link_out_is_refused_even_when_it_is_broken_or_inside_a_subdirectory(
    tmp_path: Path,
) -> None:
    root = tmp_path / "dataset"
    write(root / "people.toml", PERSON.format(id="BF1"))
    (root / "crew").mkdir()
    (root / "crew" / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    assert [(p.file, p.message) for p in load_error(root).problems] == [
        (str(root / "crew" / "gone.toml"), OUTSIDE)
    ]


def test_links_inside_the_dataset_are_still_followed(tmp_path: Path) -> None:
    write(tmp_path / "crew" / "people.toml", PERSON.format(id="BF1"))
    (tmp_path / "linked").symlink_to(tmp_path / "crew", target_is_directory=True)
    (tmp_path / "again.toml").symlink_to(tmp_path / "crew" / "people.toml")
    fleet = mc.load(tmp_path)
    assert [p.id for p in fleet.people] == ["BF1", "BF1", "BF1"]


def test_following_links_out_reads_them_but_never_quotes_them(dataset: Path) -> None:
    error = load_error(dataset, follow_outside_links=True)
    assert SECRET[:5] not in str(error)
    assert SECRET[:5] not in repr(error.problems)
    files = [p.file for p in error.problems]
    assert files == [
        str(dataset / "env.toml"),
        str(dataset / "hours.csv"),
        str(dataset / "shared" / "keys.toml"),
    ]
    assert all("details are withheld" in p.message for p in error.problems)
    # Loaded on its own, a file is read and quoted wherever a link leads: it was named.
    assert SECRET[:5] in str(load_error(dataset / "env.toml"))


def test_valid_data_through_a_link_out_loads_only_when_allowed(tmp_path: Path) -> None:
    elsewhere = write(tmp_path / "elsewhere" / "people.toml", PERSON.format(id="BF2")).parent
    root = tmp_path / "dataset"
    write(root / "people.toml", PERSON.format(id="BF1"))
    (root / "more").symlink_to(elsewhere, target_is_directory=True)
    assert [p.message for p in load_error(root).problems] == [OUTSIDE]
    fleet = mc.load(root, follow_outside_links=True)
    assert [p.id for p in fleet.people] == ["BF1", "BF2"]


def test_the_command_line_names_the_link_and_quotes_nothing_behind_it(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for extra in ([], ["--redact"]):
        assert main(["check", str(dataset), "--as-of", "2021-03-31", *extra]) == 2
        err = capsys.readouterr().err
        assert f"{dataset / 'env.toml'}: {OUTSIDE}" in err
        assert SECRET[:5] not in err
        assert "Traceback" not in err


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--as-of", "2021-03-31"],
        ["due", "--as-of", "2021-03-31"],
        ["skills", "--as-of", "2021-03-31"],
        ["tna", "--as-of", "2021-03-31"],
        ["register"],
        ["terms", "--as-of", "2021-03-31"],
    ],
)
def test_every_command_follows_links_out_only_when_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    elsewhere = write(tmp_path / "elsewhere" / "people.toml", PERSON.format(id="BF2")).parent
    root = tmp_path / "dataset"
    write(root / "people.toml", PERSON.format(id="BF1"))
    (root / "more").symlink_to(elsewhere, target_is_directory=True)
    name, *options = command
    assert main([name, str(root), *options]) == 2
    assert OUTSIDE in capsys.readouterr().err
    assert main([name, str(root), *options, "--follow-outside-links"]) in (0, 1)
    assert capsys.readouterr().err == ""


# -- quoted values are short and escaped -------------------------------------------------


def test_a_quoted_value_is_a_short_excerpt_with_control_characters_escaped() -> None:
    value = "\\u001b[2J\\u001b]0;pwned\\u0007" + "A" * 500
    text = PERSON.format(id="BF\\u001b[31m") + f'born = "{value}"\n'
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text)
    (problem,) = caught.value.problems
    shown = str(problem)
    assert "\x1b" not in shown
    assert "\x07" not in shown
    assert problem.path == "person[BF\\x1b[31m].born"
    excerpt = "\x1b[2J\x1b]0;pwned\x07" + "A" * 23 + "..."
    assert len(excerpt) == 40
    assert problem.message == (f"expected a date (YYYY-MM-DD), found the text {excerpt!r}")
    assert "\\x1b[2J\\x1b]0;pwned\\x07AAA" in shown


def test_an_unknown_key_is_shown_escaped_and_cut_short() -> None:
    key = "x\\u001b" + "y" * 100
    with pytest.raises(mc.DataError) as caught:
        mc.loads(PERSON.format(id="BF1") + f'"{key}" = 1\n')
    (problem,) = caught.value.problems
    assert problem.found == "x\\x1b" + "y" * 35 + "..."
    assert "\x1b" not in str(problem)


# -- lone surrogates ------------------------------------------------------------------------

SURROGATE = "text with a lone surrogate (not valid Unicode)"


@pytest.mark.parametrize(
    ("record", "path"),
    [
        ('{"id": "BF1\\ud800", "name": "Al", "discipline": "deck"}', "person[BF1\\ud800].id"),
        ('{"id": "BF1", "name": "A\\udfffl", "discipline": "deck"}', "person[BF1].name"),
        ('{"id": "BF1", "na\\ud800me": "Al", "discipline": "deck"}', "person[BF1].na\\ud800me"),
        (
            '{"id": "BF1", "name": "Al", "discipline": "deck", "duty_roles": ["\\udc00"]}',
            "person[BF1].duty_roles[0]",
        ),
    ],
)
def test_a_lone_surrogate_in_json_is_a_located_problem(
    tmp_path: Path, record: str, path: str
) -> None:
    file = write(tmp_path / "people.json", f'{{"person": [{record}]}}')
    (problem,) = load_error(file).problems
    assert (problem.code, problem.file, problem.path) == ("encoding", str(file), path)
    assert problem.message.startswith(SURROGATE)
    str(problem).encode("utf-8")  # printable, whatever the data held


def test_a_pair_of_surrogates_is_one_character_and_loads() -> None:
    text = '{"person": [{"id": "BF1", "name": "Al \\ud83d\\udea2", "discipline": "deck"}]}'
    assert mc.loads(text, format="json").people[0].name == "Al \U0001f6a2"


@pytest.mark.parametrize("format", ["toml", "json", "csv"])
def test_a_lone_surrogate_in_text_given_to_loads_is_a_located_problem(format: str) -> None:
    text = {
        "toml": PERSON.format(id="BF1") + 'grade = "AO\ud800"\n',
        "json": '{"person": [{"id": "BF1", "name": "\udc00", "discipline": "deck"}]}',
        "csv": "person,start,end\nBF1\ud800,2021-02-01T06:00:00Z,2021-02-01T12:00:00Z\n",
    }[format]
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text, format=format)
    (problem,) = caught.value.problems
    assert problem.code == "encoding"
    assert problem.message.startswith(SURROGATE)
    assert problem.path in ("person[BF1].grade", "person[BF1].name", "work_period[0].person")


def test_the_command_line_refuses_a_lone_surrogate_as_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write(
        tmp_path / "people.json",
        '{"person": [{"id": "BF1\\ud800", "name": "Al", "discipline": "deck"}]}',
    )
    for command in (["check", "--format", "json"], ["check", "--format", "sarif"], ["skills"]):
        code = main([*command, str(file), "--as-of", "2021-03-31"])
        err = capsys.readouterr().err
        assert code == 2, err
        assert SURROGATE in err
        assert "internal error" not in err


# -- ASCII digits only ------------------------------------------------------------------

ARABIC_12 = "\u0661\u0662"  # ١٢
ARABIC_2021 = "\u0662\u0660\u0662\u0661"  # ٢٠٢١


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("validity", f"P{ARABIC_12}D"),
        ("validity", f"PT{ARABIC_12}H"),
        ("validity", "P\uff11\uff12M"),  # fullwidth digits
    ],
)
def test_a_period_with_other_digits_is_refused(field: str, value: str) -> None:
    text = f'[[course]]\nid = "c"\nname = "Sea survival"\n{field} = "{value}"\n'
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text)
    (problem,) = caught.value.problems
    assert problem.code == "invalid-value"
    assert problem.path == f"course[c].{field}"


@pytest.mark.parametrize(
    "parse",
    [
        lambda: Period.parse(f"P{ARABIC_12}D"),
        lambda: BusinessYear.parse(f"{ARABIC_2021}/22"),
        lambda: BusinessYear.parse("2021/\u0662\u0662"),
        lambda: parse_within(ARABIC_12),
        lambda: parse_within(f"{ARABIC_12}d"),
    ],
)
def test_periods_business_years_and_windows_take_ascii_digits_only(parse: object) -> None:
    with pytest.raises(ValueError, match=r"period|business year|within"):
        parse()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("born", f"{ARABIC_2021}-01-01"),
        ("born", "1990-0\u0661-01"),
    ],
)
def test_a_date_with_other_digits_is_refused(field: str, value: str) -> None:
    with pytest.raises(mc.DataError) as caught:
        mc.loads(PERSON.format(id="BF1") + f'{field} = "{value}"\n')
    (problem,) = caught.value.problems
    assert (problem.code, problem.path) == ("invalid-value", f"person[BF1].{field}")


def test_a_moment_with_other_digits_is_refused() -> None:
    text = "person,start,end\nBF1,2021-02-01T0\u0666:00:00Z,2021-02-01T12:00:00Z\n"
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text, format="csv")
    (problem,) = caught.value.problems
    assert (problem.code, problem.path) == ("invalid-value", "work_period[0].start")


# -- plugins come from installed distributions only ---------------------------------------

PLUGIN_MODULE = "mc_untrusted_dataset_rules"


def plant_plugin(directory: Path) -> Path:
    """A distribution's metadata and module, as a dataset could carry them; returns the
    file the module writes when it is imported."""
    info = directory / "mc_untrusted-1.0.dist-info"
    write(info / "METADATA", "Metadata-Version: 2.1\nName: mc-untrusted\nVersion: 1.0\n")
    write(info / "entry_points.txt", f"[maritime_crew.rules]\nuntrusted = {PLUGIN_MODULE}\n")
    marker = directory / "plugin-ran"
    write(
        directory / f"{PLUGIN_MODULE}.py",
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n",
    )
    return marker


def test_no_plugin_is_found_or_imported_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = plant_plugin(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", ["", *sys.path])  # as `python -m` and the REPL have it
    path = list(sys.path)
    registry = Registry()
    registry.rules()
    assert not marker.exists()
    assert PLUGIN_MODULE not in sys.modules
    assert sys.path == path


def test_checking_inside_a_dataset_runs_none_of_its_code(tmp_path: Path) -> None:
    marker = plant_plugin(tmp_path)
    write(tmp_path / "people.toml", PERSON.format(id="BF1"))
    result = subprocess.run(
        [sys.executable, "-m", "maritime_crew", "check", ".", "--as-of", "2021-03-31"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={key: value for key, value in os.environ.items() if key != "PYTHONSAFEPATH"},
    )
    assert result.returncode in (0, 1), result.stderr
    assert not marker.exists()
