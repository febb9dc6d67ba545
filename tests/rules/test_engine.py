"""The engine: running rules, ordering and counting findings, waivers, custom rules."""

from __future__ import annotations

import datetime
import importlib.metadata
import os
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

import maritime_crew as mc
from maritime_crew.rules import (
    Config,
    ConfigError,
    Context,
    Finding,
    RegistrationError,
    Registry,
    Severity,
    check,
    default_registry,
    rule,
)

from .builders import AS_OF, D, cert, fleet, person, role


def registry_with_rules() -> Registry:
    """A private registry with two simple rules, so tests do not touch the built-ins."""
    registry = Registry(load_builtins=False, load_plugins=False)

    @rule(
        code="TEST001",
        name="short-name",
        severity="warning",
        summary="Names shorter than a limit.",
        rationale="Test rule.",
        parameters=[mc.rules.Parameter("min-length", int, 4, "Shortest acceptable name.")],
        registry=registry,
    )
    def short_name(data: mc.model.Fleet, ctx: Context) -> Iterator[Finding]:
        for p in data.people:
            if len(p.name) < ctx.params["min-length"]:
                yield ctx.about_person(p, f"{p.id} has a short name", details={"n": len(p.name)})

    @rule(
        code="TEST002",
        name="born-after-as-of",
        severity="error",
        summary="Born after the check date.",
        rationale="Test rule.",
        registry=registry,
    )
    def born_late(data: mc.model.Fleet, ctx: Context) -> Iterator[Finding]:
        for p in data.people:
            if p.born is not None and p.born > ctx.as_of:
                yield ctx.about_person(p, f"{p.id} is born after {ctx.as_of}")

    return registry


PEOPLE = fleet(
    people=[
        person("BF2", name="Bo"),
        person("BF1", name="Al", born=D(2022, 1, 1)),
        person("BF3", name="Charlotte"),
    ]
)


def test_findings_are_sorted_counted_and_judged() -> None:
    report = check(PEOPLE, "2021-03-31", registry=registry_with_rules())
    assert [(f.code, f.subject.id) for f in report.findings] == [
        ("TEST001", "BF1"),
        ("TEST002", "BF1"),
        ("TEST001", "BF2"),
    ]
    assert report.counts_by_severity() == {"error": 1, "warning": 2, "info": 0}
    assert report.counts_by_rule() == {"TEST001": 2, "TEST002": 1}
    assert not report.ok
    assert [f.code for f in report.failing] == ["TEST002"]
    assert report.as_of == AS_OF


def test_a_report_finds_a_rule_that_ran_by_code_or_name() -> None:
    report = check(PEOPLE, "2021-03-31", registry=registry_with_rules())
    assert report.rule("TEST002").code == "TEST002"
    assert report.rule("test002") is report.rule("TEST002")
    assert report.rule(report.rule("TEST001").name).code == "TEST001"
    with pytest.raises(KeyError, match="'TEST003' did not run in this check; did you mean"):
        report.rule("TEST003")


@pytest.mark.parametrize(
    "as_of", ["2021-03-31", datetime.date(2021, 3, 31), pendulum.Date(2021, 3, 31)]
)
def test_as_of_accepts_a_date_or_iso_text(as_of: object) -> None:
    report = check(PEOPLE, as_of, registry=registry_with_rules())  # type: ignore[arg-type]
    assert report.as_of == AS_OF


@pytest.mark.parametrize("bad", ["31/03/2021", "2021-3-31", "yesterday"])
def test_as_of_refuses_anything_else(bad: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        check(PEOPLE, bad, registry=registry_with_rules())


@pytest.mark.parametrize("far", ["1066-10-14", "9999-12-31", datetime.date(1, 1, 1)])
def test_as_of_beyond_the_years_a_dataset_may_hold_is_refused(far: object) -> None:
    """Rules move dates by up to 100 years; near the calendar's ends that would overflow."""
    with pytest.raises(ValueError, match="from 1800-01-01 to 2999-12-31"):
        check(PEOPLE, far, registry=registry_with_rules())  # type: ignore[arg-type]


def test_fail_on_and_severity_overrides_decide_ok() -> None:
    registry = registry_with_rules()
    warnings_only = Config(ignore=("TEST002",))
    assert check(PEOPLE, AS_OF, warnings_only, registry=registry).ok
    assert not check(
        PEOPLE, AS_OF, Config(ignore=("TEST002",), fail_on=Severity.WARNING), registry=registry
    ).ok
    raised = Config(ignore=("TEST002",), severity={"short-name": Severity.ERROR})
    report = check(PEOPLE, AS_OF, raised, registry=registry)
    assert {f.severity for f in report.findings} == {Severity.ERROR}
    assert not report.ok


def test_parameters_reach_the_rule() -> None:
    config = Config(select=("TEST001",), parameters={"TEST001": {"min-length": 3}})
    report = check(PEOPLE, AS_OF, config, registry=registry_with_rules())
    assert [f.subject.id for f in report.findings] == ["BF1", "BF2"]
    config = Config(select=("TEST001",), parameters={"short-name": {"min-length": 10}})
    report = check(PEOPLE, AS_OF, config, registry=registry_with_rules())
    assert [f.subject.id for f in report.findings] == ["BF1", "BF2", "BF3"]


def test_a_rule_that_crashes_is_reported_not_raised() -> None:
    registry = Registry(load_builtins=False, load_plugins=False)

    @rule(
        code="TEST009",
        name="broken",
        severity="warning",
        summary="s",
        rationale="r",
        registry=registry,
    )
    def broken(data: mc.model.Fleet, ctx: Context) -> Iterator[Finding]:
        raise KeyError("oops")
        yield  # pragma: no cover

    (finding,) = check(PEOPLE, AS_OF, registry=registry).findings
    assert finding.subject == mc.model.Subject("rule", "TEST009")
    assert "stopped with an error" in finding.message
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize(("kind", "placed"), [("vesel", False), ("drill", True)])
def test_a_finding_about_a_misspelt_kind_is_refused_and_a_kind_of_ones_own_kept(
    kind: str, placed: bool
) -> None:
    registry = Registry(load_builtins=False, load_plugins=False)

    @rule(
        code="TEST010", name="about", severity="info", summary="s", rationale="r", registry=registry
    )
    def about(data: mc.model.Fleet, ctx: Context) -> Iterator[Finding]:
        yield ctx.finding(mc.model.Subject(kind, "V1"), "about V1")

    (finding,) = check(PEOPLE, AS_OF, registry=registry).findings
    if placed:
        assert finding.subject == mc.model.Subject("drill", "V1")
    else:  # the rule's own mistake is reported, not a finding that cannot be placed
        assert finding.subject == mc.model.Subject("rule", "TEST010")
        assert "subject kind 'vesel' is not a kind of record; did you mean 'vessel'?" in (
            finding.message
        )


def test_waivers_in_force_mark_findings_and_do_not_fail() -> None:
    waiver = mc.model.Waiver(
        "W1",
        "born-after-as-of",
        mc.model.Subject("person", "BF1"),
        "Data migration",
        "Director",
        D(2021, 1, 1),
        expires=D(2021, 6, 30),
    )
    data = fleet(people=PEOPLE.people, waivers=[waiver])
    report = check(data, AS_OF, Config(select=("TEST002",)), registry=registry_with_rules())
    (finding,) = report.findings
    assert finding.waived_by == "W1"
    assert report.ok
    assert report.counts_by_severity()["error"] == 0
    # After expiry the finding counts again.
    later = check(data, D(2021, 7, 1), Config(select=("TEST002",)), registry=registry_with_rules())
    assert later.findings[0].waived_by is None
    assert not later.ok


def test_to_records_gives_plain_values() -> None:
    report = check(PEOPLE, AS_OF, registry=registry_with_rules())
    first = report.to_records()[0]
    assert first == {
        "as_of": "2021-03-31",
        "code": "TEST001",
        "name": "short-name",
        "severity": "warning",
        "subject_kind": "person",
        "subject_id": "BF1",
        "vessel": None,
        "crew": None,
        "message": "BF1 has a short name",
        "file": None,
        "line": None,
        "waived": False,
        "waived_by": None,
        "details": {"n": 2},
    }
    filled = report.to_records(missing="(none)")
    assert (filled[0]["vessel"], filled[0]["crew"]) == ("(none)", "(none)")
    assert [{**r, "vessel": None, "crew": None} for r in filled] == report.to_records()


def test_two_checks_of_the_same_data_give_the_same_report() -> None:
    registry = registry_with_rules()
    assert check(PEOPLE, AS_OF, registry=registry) == check(PEOPLE, AS_OF, registry=registry)


class TestRegistration:
    def test_a_duplicate_code_is_an_error(self) -> None:
        registry = registry_with_rules()
        with pytest.raises(RegistrationError, match="TEST001"):

            @rule(
                code="TEST001",
                name="another",
                severity="info",
                summary="s",
                rationale="r",
                registry=registry,
            )
            def another(data: mc.model.Fleet, ctx: Context) -> Iterator[Finding]:
                return iter(())

    def test_a_duplicate_name_is_an_error(self) -> None:
        registry = registry_with_rules()
        with pytest.raises(RegistrationError, match="short-name"):

            @rule(
                code="TEST003",
                name="short-name",
                severity="info",
                summary="s",
                rationale="r",
                registry=registry,
            )
            def another(data: mc.model.Fleet, ctx: Context) -> Iterator[Finding]:
                return iter(())

    def test_rerunning_the_same_definition_replaces_it(self) -> None:
        registry = Registry(load_builtins=False, load_plugins=False)
        for summary in ("first", "second"):  # as when a notebook cell runs twice

            @rule(
                code="TEST004",
                name="same",
                severity="info",
                summary=summary,
                rationale="r",
                registry=registry,
            )
            def same(data: mc.model.Fleet, ctx: Context) -> Iterator[Finding]:
                return iter(())

        assert [r.summary for r in registry.rules()] == ["second"]

    @pytest.mark.parametrize(
        ("code", "name", "message"),
        [
            ("cert001", "x", "family prefix"),
            ("CERT1", "x", "family prefix"),
            ("TEST005", "Not_Kebab", "kebab-case"),
        ],
    )
    def test_codes_and_names_have_a_fixed_shape(self, code: str, name: str, message: str) -> None:
        with pytest.raises(RegistrationError, match=message):
            rule(
                code=code,
                name=name,
                severity="info",
                summary="s",
                rationale="r",
                registry=Registry(load_builtins=False, load_plugins=False),
            )(lambda data, ctx: iter(()))

    def test_a_code_taken_by_a_builtin_rule_is_refused_when_registered(self) -> None:
        registry = Registry(load_plugins=False)  # built-ins not loaded yet
        with pytest.raises(RegistrationError, match="CERT001"):

            @rule(
                code="CERT001",
                name="my-own-expiry",
                severity="info",
                summary="s",
                rationale="r",
                registry=registry,
            )
            def mine(data: mc.model.Fleet, ctx: Context) -> Iterator[Finding]:
                return iter(())

        # The refused rule is not kept, and the built-in one still runs.
        taken = registry.get("CERT001")
        assert taken is not None
        assert taken.name == "certificate-expired"
        assert registry.get("my-own-expiry") is None
        medic = person(
            "BF1", duty_roles=("medic",), certificates=(cert("eng1", D(2019, 1, 1), D(2021, 1, 1)),)
        )
        data = fleet(people=[medic], duty_roles=[role("medic", certificates=("eng1",))])
        report = check(data, AS_OF, Config(select=("CERT001",)), registry=registry)
        assert [f.code for f in report.findings] == ["CERT001"]

    def test_a_failed_plugin_load_fails_every_later_use(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        missing = importlib.metadata.EntryPoint(
            "gone", "mc_no_such_plugin_module", "maritime_crew.rules"
        )
        monkeypatch.setattr("maritime_crew.rules._plugins.entry_points", lambda group: [missing])
        registry = Registry()
        for _ in range(2):  # the second use must not run with the built-ins alone
            with pytest.raises(mc.rules.PluginError, match="'gone'"):
                check(fleet(), AS_OF, registry=registry)
        with pytest.raises(mc.rules.PluginError, match="'gone'"):
            registry.rules()

    def test_unknown_severity_is_refused(self) -> None:
        with pytest.raises(ValueError, match="unknown severity 'fatal'"):
            rule(code="TEST006", name="x", severity="fatal", summary="s", rationale="r")


def test_every_builtin_rule_is_documented() -> None:
    rules = [r for r in default_registry().rules() if r.origin.startswith("maritime_crew.")]
    assert len(rules) >= 30
    for r in rules:
        missing = [
            key
            for key in ("summary", "rationale", "source", "example", "fix")
            if not getattr(r, key)
        ]
        assert missing == [], r.code
        assert r.code.startswith(r.family)
        assert r.family in {
            "DATA",
            "CERT",
            "TRN",
            "EQP",
            "MAN",
            "PATH",
            "DOC",
            "TERMS",
            "REST",
        }


def test_an_installed_plugin_adds_its_rules() -> None:
    names = {entry.name for entry in importlib.metadata.entry_points(group="maritime_crew.rules")}
    if "example" not in names:
        if os.environ.get("MC_REQUIRE_PLUGIN"):
            pytest.fail("tests/plugins/example-plugin is not installed in this environment")
        pytest.skip("install tests/plugins/example-plugin (tox does) to run this test")
    plugin_rule = default_registry().get("XMPL001")
    assert plugin_rule is not None
    assert plugin_rule.origin == "mc_example_plugin:single_word_name"
    data = fleet(people=[person("BF1", name="Cher"), person("BF2", name="Ann Lee")])
    report = check(data, AS_OF, Config(select=("XMPL",)))
    assert [f.message for f in report.findings] == ["BF1 has a name of fewer than 2 words"]
    report = check(data, AS_OF, Config(select=("XMPL",), parameters={"XMPL001": {"min-words": 3}}))
    assert [f.subject.id for f in report.findings] == ["BF1", "BF2"]


def _example_plugin() -> None:
    names = {entry.name for entry in importlib.metadata.entry_points(group="maritime_crew.rules")}
    if "example" not in names:
        if os.environ.get("MC_REQUIRE_PLUGIN"):
            pytest.fail("tests/plugins/example-plugin is not installed in this environment")
        pytest.skip("install tests/plugins/example-plugin (tox does) to run this test")


def test_a_rule_knows_the_package_it_came_with() -> None:
    _example_plugin()
    registry = default_registry()
    assert registry.package_of("XMPL001") == ("mc-example-plugin", "1.0.0")
    assert registry.package_of("CERT001") == ("maritime-crew", mc.__version__)


def test_the_plugins_allow_list_keeps_other_plugins_rules_out() -> None:
    _example_plugin()
    data = fleet(people=[person("BF1", name="Cher")])
    every = {f.code for f in check(data, AS_OF).findings}
    assert "XMPL001" in every
    none = check(data, AS_OF, Config(plugins=()))
    assert "XMPL001" not in {rule.code for rule in none.rules}
    assert {f.code for f in none.findings} == every - {"XMPL001"}
    allowed = check(data, AS_OF, Config(plugins=("mc-example-plugin",)))
    assert {f.code for f in allowed.findings} == every
    # a selector that names only a left-out plugin's rules is unknown, as if not installed
    with pytest.raises(ConfigError, match="XMPL"):
        check(data, AS_OF, Config(select=("XMPL",), plugins=()))
    with pytest.raises(ConfigError, match="no installed rule plugin 'mc-exampel-plugin'; "):
        check(data, AS_OF, Config(plugins=("mc-exampel-plugin",)))


def test_no_plugins_on_the_command_line_runs_the_built_in_rules(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _example_plugin()
    from maritime_crew.cli import main

    example = Path(__file__).parent.parent.parent / "examples" / "fleet"
    main(["check", str(example), "--as-of", "2021-03-31", "--show-settings", "--no-plugins"])
    settings = capsys.readouterr().out
    assert "XMPL001" not in settings
    builtin = [r for r in default_registry().rules() if r.code != "XMPL001"]
    assert f"rules: {len(builtin)}\n" in settings
    main(["check", str(example), "--as-of", "2021-03-31", "--show-settings"])
    assert "single-word-name  [mc-example-plugin 1.0.0]" in capsys.readouterr().out
