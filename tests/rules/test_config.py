"""Configuration: selecting rules like ruff, severities, parameters, files and errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import maritime_crew as mc
from maritime_crew.rules import (
    Config,
    ConfigError,
    Context,
    Finding,
    Registry,
    Severity,
    default_registry,
    rule,
)


def catalogue() -> Registry:
    registry = Registry(load_builtins=False, load_plugins=False)
    for code, name in [
        ("CERT001", "certificate-expired"),
        ("CERT002", "certificate-expiring"),
        ("CERT010", "certificate-odd"),
        ("DOC001", "review-overdue"),
    ]:
        rule(
            code=code,
            name=name,
            severity="warning",
            summary="s",
            rationale="r",
            parameters=[mc.rules.Parameter("within-days", int, 90, "days")]
            if code == "CERT002"
            else [],
            registry=registry,
        )(_nothing)
    return registry


def _nothing(fleet: mc.model.Fleet, ctx: Context) -> Iterator[Finding]:
    return iter(())


def enabled(config: Config) -> list[str]:
    return [entry.rule.code for entry in config.resolve(catalogue())]


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (("ALL",), (), ["CERT001", "CERT002", "CERT010", "DOC001"]),
        (("CERT",), (), ["CERT001", "CERT002", "CERT010"]),
        (("CERT00",), (), ["CERT001", "CERT002"]),
        (("certificate-expired",), (), ["CERT001"]),
        (("ALL",), ("CERT",), ["DOC001"]),
        # A more specific selector wins over a broader one, either way round.
        (("CERT001",), ("CERT",), ["CERT001"]),
        (("CERT",), ("CERT001",), ["CERT002", "CERT010"]),
        (("ALL", "certificate-expiring"), ("CERT",), ["CERT002", "DOC001"]),
        # Ignore wins a tie.
    ],
)
def test_selection_follows_specificity(
    select: tuple[str, ...], ignore: tuple[str, ...], expected: list[str]
) -> None:
    assert enabled(Config(select=select, ignore=ignore)) == expected


@pytest.mark.parametrize(
    ("select", "ignore"),
    [
        (("CERT",), ("CERT",)),  # ignore wins a tie
        (("CERT001",), ("certificate-expired",)),
        ((), ()),  # --select ''
        (("ALL",), ("ALL",)),
    ],
)
def test_a_selection_that_leaves_no_rule_is_an_error(
    select: tuple[str, ...], ignore: tuple[str, ...]
) -> None:
    # A check of no rules would pass without checking anything.
    with pytest.raises(ConfigError, match="no rule is left to run"):
        enabled(Config(select=select, ignore=ignore))


def test_options_from_the_command_line_are_named_as_such() -> None:
    config = Config(source="data/maritime-crew.toml").with_options(select=["CERT999"])
    with pytest.raises(ConfigError) as raised:
        config.resolve(catalogue())
    assert raised.value.problems == (
        "--select (command line): unknown rule, prefix or name 'CERT999'; did you mean 'CERT'?",
    )


@pytest.mark.parametrize(
    ("written", "hint"), [("doc01", "DOC001"), ("Certificate-Expired", "certificate-expired")]
)
def test_an_unknown_selector_gets_a_suggestion_whatever_its_case(written: str, hint: str) -> None:
    with pytest.raises(ConfigError, match=f"did you mean {hint!r}"):
        enabled(Config(select=(written,)))


@pytest.mark.parametrize(
    ("select", "expected"),
    [
        (("cert001",), ["CERT001"]),
        (("cert",), ["CERT001", "CERT002", "CERT010"]),
        (("Cert00",), ["CERT001", "CERT002"]),
        (("all",), ["CERT001", "CERT002", "CERT010", "DOC001"]),
    ],
)
def test_codes_and_prefixes_are_read_in_any_case(
    select: tuple[str, ...], expected: list[str]
) -> None:
    # as `explain cert001` reads them
    assert enabled(Config(select=select)) == expected


def test_extend_select_adds_to_select() -> None:
    assert enabled(Config(select=("DOC",), extend_select=("CERT010",))) == ["CERT010", "DOC001"]


def test_severity_overrides_take_the_most_specific() -> None:
    config = Config(severity={"CERT": Severity.ERROR, "certificate-expiring": Severity.INFO})
    levels = {e.rule.code: e.severity for e in config.resolve(catalogue())}
    assert levels == {
        "CERT001": Severity.ERROR,
        "CERT002": Severity.INFO,
        "CERT010": Severity.ERROR,
        "DOC001": Severity.WARNING,
    }


def test_parameters_default_and_can_be_set_by_code_or_name() -> None:
    params = {e.rule.code: dict(e.params) for e in Config().resolve(catalogue())}
    assert params["CERT002"] == {"within-days": 90}
    config = Config(parameters={"certificate-expiring": {"within-days": 30}})
    params = {e.rule.code: dict(e.params) for e in config.resolve(catalogue())}
    assert params["CERT002"] == {"within-days": 30}


def test_everything_unknown_is_reported_at_once_with_suggestions() -> None:
    config = Config(
        select=("CRET",),
        ignore=("certificate-expird",),
        severity={"DOC999": Severity.ERROR},
        parameters={"CERT002": {"within-day": 3}, "CERT001": {"x": 1}, "ZZZ999": {}},
    )
    with pytest.raises(ConfigError) as caught:
        config.resolve(catalogue())
    assert list(caught.value.problems) == [
        "select: unknown rule, prefix or name 'CRET'; did you mean 'CERT'?",
        "ignore: unknown rule, prefix or name 'certificate-expird'; "
        "did you mean 'certificate-expired'?",
        "severity: unknown rule, prefix or name 'DOC999'; did you mean 'DOC'?",
        "rules.CERT002: CERT002 has no parameter 'within-day'; did you mean 'within-days'?",
        "rules.CERT001: CERT001 has no parameter 'x'; it has no parameters",
        "rules.ZZZ999: unknown rule 'ZZZ999'",
    ]


def test_parameter_values_are_type_checked() -> None:
    for bad in ("90", -1, True, 9.5):
        with pytest.raises(ConfigError, match="within-days"):
            Config(parameters={"CERT002": {"within-days": bad}}).resolve(catalogue())


def test_file_keys_are_validated() -> None:
    with pytest.raises(ConfigError) as caught:
        Config.from_mapping(
            {"selct": ["ALL"], "fail-on": "fatal", "severity": {"CERT001": "loud"}, "ignore": "X"},
            "maritime-crew.toml",
        )
    assert list(caught.value.problems) == [
        "unknown key 'selct'; did you mean 'select'?",
        "'ignore' must be a list of rule codes, prefixes or names",
        "fail-on: unknown severity 'fatal': expected 'error', 'warning' or 'info'",
        "severity.CERT001: unknown severity 'loud': expected 'error', 'warning' or 'info'",
    ]
    assert str(caught.value).startswith("4 configuration problems in maritime-crew.toml:")


def test_the_dataset_directory_config_is_found(tmp_path: Path) -> None:
    (tmp_path / "maritime-crew.toml").write_text(
        'select = ["CERT"]\nignore = ["CERT010"]\nfail-on = "warning"\n'
        '[severity]\nCERT001 = "error"\n[rules.CERT002]\nwithin-days = 45\n',
        encoding="utf-8",
    )
    config = Config.discover(tmp_path)
    assert config.source == str((tmp_path / "maritime-crew.toml").resolve())
    assert config.fail_on is Severity.WARNING
    entries = {e.rule.code: e for e in config.resolve(catalogue())}
    assert list(entries) == ["CERT001", "CERT002"]
    assert entries["CERT001"].severity is Severity.ERROR
    assert entries["CERT002"].params == {"within-days": 45}


def test_pyproject_upward_is_found_when_there_is_no_own_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.maritime-crew]\nignore = ["DOC"]\n', encoding="utf-8"
    )
    dataset = tmp_path / "data" / "fleet"
    dataset.mkdir(parents=True)
    (dataset / "people.toml").write_text("", encoding="utf-8")
    assert Config.discover(dataset).ignore == ("DOC",)
    assert Config.discover(dataset / "people.toml").ignore == ("DOC",)


def test_no_config_file_means_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert Config.discover(tmp_path) == Config()


def test_command_line_select_replaces_the_files_selection(tmp_path: Path) -> None:
    config = Config.from_mapping({"select": ["CERT"], "ignore": ["DOC001", "CERT001"]})
    changed = config.with_options(select=["DOC", "CERT001"], ignore=None, fail_on=Severity.INFO)
    # the file's ignore goes with its select, as in ruff
    assert (enabled(changed), changed.fail_on) == (["CERT001", "DOC001"], Severity.INFO)
    assert (changed.select, changed.ignore) == (("CERT",), ("DOC001", "CERT001"))


@pytest.mark.parametrize(
    ("file", "options", "expected"),
    [
        # --ignore adds to the file's ignore rather than replacing it
        ({"ignore": ["DOC"]}, {"ignore": ["CERT001"]}, ["CERT002", "CERT010"]),
        ({"select": ["CERT"]}, {"ignore": ["certificate-odd"]}, ["CERT001", "CERT002"]),
        # --extend-select adds to the file's selection, and wins over its ignore
        (
            {"select": ["CERT"]},
            {"extend_select": ["DOC"]},
            ["CERT001", "CERT002", "CERT010", "DOC001"],
        ),
        ({"ignore": ["CERT"]}, {"extend_select": ["CERT002"]}, ["CERT002", "DOC001"]),
        # within the command line the most specific selector decides, ignore on a tie
        (
            {"select": ["DOC"]},
            {"extend_select": ["CERT"], "ignore": ["CERT001"]},
            ["CERT002", "CERT010", "DOC001"],
        ),
        (
            {"select": ["DOC"]},
            {"extend_select": ["CERT001"], "ignore": ["CERT"]},
            ["CERT001", "DOC001"],
        ),
        ({}, {"extend_select": ["CERT"], "ignore": ["CERT"]}, ["DOC001"]),
        # rules the command line does not name keep the file's answer
        ({"select": ["CERT"], "ignore": ["CERT002"]}, {"ignore": ["DOC"]}, ["CERT001", "CERT010"]),
        # --select starts afresh, with its own ignore
        ({"ignore": ["CERT"]}, {"select": ["CERT"], "ignore": ["CERT010"]}, ["CERT001", "CERT002"]),
    ],
)
def test_command_line_selection_is_a_layer_on_the_files(
    file: dict[str, list[str]], options: dict[str, list[str]], expected: list[str]
) -> None:
    assert enabled(Config.from_mapping(file).with_options(**options)) == expected


def test_layers_of_options_apply_in_turn() -> None:
    config = (
        Config(ignore=("DOC",))
        .with_options(ignore=["CERT"])
        .with_options(extend_select=["CERT010"])
    )
    assert enabled(config) == ["CERT010"]


def test_options_that_take_everything_away_name_each_layer() -> None:
    config = Config(select=("CERT",)).with_options(ignore=["CERT"])
    with pytest.raises(ConfigError) as raised:
        enabled(config)
    assert raised.value.problems == (
        "no rule is left to run: select ['CERT'] and ignore [], then on the command line "
        "--ignore ['CERT'] leave nothing; select at least one rule (ALL selects every rule)",
    )


def test_an_unreadable_config_file_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "maritime-crew.toml").write_text("select = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        Config.discover(tmp_path)


def test_a_syntax_error_in_the_config_file_is_explained_in_plain_words(tmp_path: Path) -> None:
    (tmp_path / "maritime-crew.toml").write_text('fail-on = "error"\nselect = [CERT]\n')
    with pytest.raises(ConfigError) as raised:
        Config.discover(tmp_path)
    (problem,) = raised.value.problems
    assert problem.startswith("line 2: invalid TOML at column 11: expected a value")
    assert "found the text 'CERT]'" in problem
    assert "text is written in double quotes" in problem


def _dataset_under(root: Path) -> Path:
    dataset = root / "data" / "fleet"
    dataset.mkdir(parents=True)
    (dataset / "people.toml").write_text("", encoding="utf-8")
    return dataset


def test_a_broken_pyproject_of_another_project_above_the_data_is_not_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nname = ", encoding="utf-8")
    assert Config.discover(_dataset_under(tmp_path)) == Config()


def test_a_broken_pyproject_that_names_the_tool_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.maritime-crew\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        Config.discover(_dataset_under(tmp_path))


def test_the_search_stops_at_the_first_pyproject_without_the_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.maritime-crew]\nignore = ["DOC"]\n', encoding="utf-8"
    )
    (tmp_path / "data" / "pyproject.toml").parent.mkdir()
    (tmp_path / "data" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert Config.discover(_dataset_under(tmp_path)) == Config()


def test_the_search_stops_at_a_repository_root_after_reading_its_pyproject(
    tmp_path: Path,
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.maritime-crew]\nignore = ["DOC"]\n', encoding="utf-8"
    )
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    dataset = _dataset_under(repository)
    assert Config.discover(dataset) == Config()  # the table above the repository is not used
    (repository / "pyproject.toml").write_text('[tool.maritime-crew]\nignore = ["TRN"]\n')
    assert Config.discover(dataset).ignore == ("TRN",)  # the repository root's own is


def test_the_search_stops_at_the_home_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.maritime-crew]\nignore = ["DOC"]\n', encoding="utf-8"
    )
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    dataset = _dataset_under(home)
    assert Config.discover(dataset) == Config()
    (home / "pyproject.toml").write_text('[tool.maritime-crew]\nignore = ["TRN"]\n')
    assert Config.discover(dataset).ignore == ("TRN",)


def test_plugins_is_a_list_of_distribution_names() -> None:
    assert Config.from_mapping({"plugins": ["mc-example-plugin"]}).plugins == ("mc-example-plugin",)
    assert Config.from_mapping({}).plugins is None  # every installed plugin
    with pytest.raises(ConfigError, match="'plugins' must be a list"):
        Config.from_mapping({"plugins": "mc-example-plugin"})


def test_a_rule_parameter_may_be_a_list() -> None:
    registry = Registry(load_builtins=False, load_plugins=False)
    rule(
        code="LIST001",
        name="listed",
        severity="info",
        summary="s",
        rationale="r",
        parameters=[
            mc.rules.Parameter("kinds", tuple[str, ...], ["sop", "ra"], "document kinds"),
            mc.rules.Parameter("days", tuple[int, ...], (30, 60), "days ahead"),
        ],
        registry=registry,
    )(_nothing)
    (entry,) = Config().resolve(registry)
    assert entry.params == {"kinds": ("sop", "ra"), "days": (30, 60)}  # tuples, not lists
    chosen = Config.from_mapping({"rules": {"LIST001": {"kinds": ["ra"], "days": []}}})
    (entry,) = chosen.resolve(registry)
    assert entry.params == {"kinds": ("ra",), "days": ()}
    for wrong in ({"kinds": "ra"}, {"kinds": ["ra", 3]}, {"days": [30, -1]}):
        with pytest.raises(ConfigError, match="LIST001"):
            Config.from_mapping({"rules": {"LIST001": wrong}}).resolve(registry)
    parameter = registry.get("LIST001").parameters[0]  # type: ignore[union-attr]
    assert parameter.to_record() == {
        "name": "kinds",
        "type": "list of text",
        "default": ["sop", "ra"],
        "description": "document kinds",
    }


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    # a misspelt key and a misspelt rule: both in one error, not one after the other
    (tmp_path / "maritime-crew.toml").write_text(
        'selct = ["CERT"]\nignore = ["CERT0011"]\n[rules.CERT002]\nwithin-dayz = 3\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as raised:
        Config.discover(tmp_path, catalogue())
    problems = raised.value.problems
    assert len(problems) == 3
    assert problems[0].startswith("unknown key 'selct'; did you mean 'select'?")
    assert "CERT0011" in problems[1]
    assert problems[2].startswith("rules.CERT002: CERT002 has no parameter 'within-dayz'")
    # without a registry, the file alone is read, as before
    with pytest.raises(ConfigError) as alone:
        Config.discover(tmp_path)
    assert len(alone.value.problems) == 1


def test_every_config_problem_names_its_file_and_line(tmp_path: Path) -> None:
    config = tmp_path / "maritime-crew.toml"
    config.write_text(
        '# checks for the fleet\nfail-on = "warnin"\nselekt = ["CERT"]\n\n'
        '[rules.TRN002]\nwithin-dayz = 3\n\n[rules]\nCERT002 = { within-days = "z" }\n',
        "utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        Config.from_file(config, default_registry())
    error = caught.value
    located = dict(zip(error.problems, error.lines, strict=True))
    assert sorted(located.values(), key=str) == [2, 3, 6, 9]
    text = str(error).splitlines()
    assert text[0] == f"4 configuration problems in {config}:"
    assert f"  {config}:3: unknown key 'selekt'; did you mean 'select'?" in text
    assert any(line.startswith(f"  {config}:6: rules.TRN002:") for line in text)


def test_a_pyproject_config_problem_is_located_in_its_tool_table(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\nfail-on = "ok"\n\n[tool.maritime-crew]\nfail-on = "x"\n', "utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        Config.from_file(pyproject, default_registry())
    assert caught.value.lines == (6,)  # not the [project] table's key on line 3


def test_a_config_built_in_code_has_problems_without_lines() -> None:
    with pytest.raises(ConfigError) as caught:
        Config.from_mapping({"fail-on": "x"})
    assert caught.value.lines == (None,)
    assert str(caught.value).splitlines()[1].startswith("  fail-on:")


def test_docs_url_takes_a_web_address_only(tmp_path: Path) -> None:
    config = Config.from_mapping({"docs-url": "https://crew.example.org/docs/"})
    assert config.docs_url == "https://crew.example.org/docs"
    for wrong in ("crew.example.org", "file:///etc/passwd", "https://x/docs?q=1", 3):
        with pytest.raises(ConfigError, match="docs-url: expected the https:// address"):
            Config.from_mapping({"docs-url": wrong})
