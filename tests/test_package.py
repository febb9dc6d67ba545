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


def test_importing_the_package_imports_no_subpackage() -> None:
    code = (
        "import sys, maritime_crew\n"
        "print(sorted(m for m in sys.modules if m.startswith('maritime_crew.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['maritime_crew._version']"


def test_a_subpackage_import_does_not_hide_the_function_of_its_name() -> None:
    code = (
        "import maritime_crew.forecast, maritime_crew.timeline\n"
        "import maritime_crew as mc\n"
        "print(callable(mc.forecast), callable(mc.timeline), type(mc.forecast).__name__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True", "function"]


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
