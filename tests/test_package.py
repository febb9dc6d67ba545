"""The package's public names: all importable, and imported only when used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import maritime_crew as mc

EXAMPLE = Path(__file__).parent.parent / "examples" / "fleet"


def test_every_public_name_resolves() -> None:
    missing = [name for name in mc.__all__ if getattr(mc, name, None) is None]
    assert missing == []
    assert set(mc.__all__) <= set(dir(mc))


def test_dir_lists_the_public_names_and_not_the_modules_own_imports() -> None:
    names = set(dir(mc))
    assert {"check", "load", "PluginError", "RegistrationError", "rules", "model"} <= names
    assert names.isdisjoint({"sys", "Any", "TYPE_CHECKING", "importlib", "annotations"})
    assert not [name for name in names if name.startswith("_") and not name.startswith("__")]


def test_the_errors_a_plugin_can_raise_are_importable_from_the_package() -> None:
    from maritime_crew import PluginError, RegistrationError

    assert PluginError is mc.rules.PluginError
    assert RegistrationError is mc.rules.RegistrationError


def test_importing_the_package_imports_no_subpackage() -> None:
    code = (
        "import sys, maritime_crew\n"
        "print(sorted(m for m in sys.modules if m.startswith('maritime_crew.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['maritime_crew._version']"


def test_each_public_subpackage_is_an_attribute_of_the_package() -> None:
    code = (
        "import importlib, types, maritime_crew as mc\n"
        "names = 'documents facts forecast io model pathways report rules skills terms "
        "timeline'.split()\n"
        "print(all(getattr(mc, n) is importlib.import_module('maritime_crew.' + n) "
        "for n in names), type(mc) is types.ModuleType)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True"]


def test_the_top_level_names_are_those_of_their_subpackages() -> None:
    assert mc.load is mc.io.load
    assert mc.loads is mc.io.loads
    assert mc.dump is mc.io.dump
    assert mc.dumps is mc.io.dumps
    assert mc.DataError is mc.io.DataError
    assert mc.check is mc.rules.check
    assert mc.rule is mc.rules.rule


def test_a_check_on_the_command_line_does_not_import_the_writer() -> None:
    """Writing TOML is for ``dump``; a scheduled check does not pay to import it."""
    code = (
        "import sys, maritime_crew.cli as cli\n"
        "cli.main(['check', sys.argv[1], '--as-of', '2021-03-31', '--output', sys.argv[2]])\n"
        "print(sorted(m for m in ('tomli_w', 'secrets') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLE), os.devnull],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"
