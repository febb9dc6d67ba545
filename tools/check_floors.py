"""Check that the installed runtime dependencies are exactly the floors pyproject.toml sets.

The ``lowest`` tox environment pins each runtime dependency to its lower bound and runs
the test suite, so the bounds in ``pyproject.toml`` are proven, not guessed. This check
runs first there: it fails if a dependency has no ``>=`` floor, or if what is installed
is not that floor (a pin in ``tox.ini`` left behind when a floor moved)::

    python tools/check_floors.py
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import tomli

ROOT = Path(__file__).resolve().parent.parent
_FLOOR = re.compile(r"^([A-Za-z0-9._-]+)\s*>=\s*([0-9][0-9.]*)$")


def _release(text: str) -> tuple[int, ...]:
    parts = [int(part) for part in text.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def floors() -> dict[str, str]:
    """Each runtime dependency of the project with its lower bound."""
    project = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    result: dict[str, str] = {}
    for requirement in project["dependencies"]:
        match = _FLOOR.match(requirement.strip())
        if match is None:
            raise SystemExit(f"pyproject.toml: {requirement!r} has no plain '>=' lower bound")
        result[match[1]] = match[2]
    return result


def main() -> int:
    """Print each dependency's floor and installed version; fail on any difference."""
    wrong = 0
    for name, floor in floors().items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "not installed"
        same = installed != "not installed" and _release(installed) == _release(floor)
        wrong += not same
        print(f"{name}: floor {floor}, installed {installed}{'' if same else '  <- differs'}")
    if wrong:
        print("pin each runtime dependency to its floor in tox.ini [testenv:lowest]")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
