"""The examples in docs/configuration.md work as written."""

from __future__ import annotations

import re
from pathlib import Path

import tomli

import maritime_crew as mc
from maritime_crew.rules import Registry, default_registry

DOC = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")


def test_the_configuration_example_is_valid_and_does_what_it_says() -> None:
    block = re.findall(r"```toml\n# maritime-crew.toml\n(.*?)```", DOC, re.S)[0]
    config = mc.rules.Config.from_mapping(tomli.loads(block))
    enabled = {entry.rule.code: entry for entry in config.resolve(default_registry())}
    assert "TRN006" not in enabled
    assert "MAN003" not in enabled
    assert enabled["CERT002"].severity is mc.rules.Severity.ERROR
    assert enabled["CERT002"].params["within-days"] == 60
    assert enabled["DOC005"].severity is mc.rules.Severity.WARNING
    assert enabled["DOC005"].params["within-days"] == 7
    assert config.fail_on is mc.rules.Severity.WARNING


def test_the_custom_rule_example_registers_and_finds() -> None:
    code = re.findall(r"```python\n(import maritime_crew as mc\n\n+@mc\.rule.*?)```", DOC, re.S)[0]
    registry = Registry(load_builtins=False, load_plugins=False)
    namespace: dict[str, object] = {"registry": registry}
    exec(
        code.replace('source="good practice",', 'source="good practice", registry=registry,'),
        namespace,
    )
    fleet = mc.loads('[[vessel]]\nid = "x"\nname = "HMC X"\ntype = "cutter"\n')
    report = mc.check(fleet, as_of="2021-03-31", registry=registry)
    assert [(f.code, f.subject.id, f.message) for f in report.findings] == [
        ("LOC001", "x", "HMC X has no home port")
    ]
