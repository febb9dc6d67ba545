"""docs/rule-examples: one small dataset per built-in rule that makes that rule fire.

The generated rule reference shows each file as "an example that fires". Each file is
named ``<CODE>.toml``; its first line is ``# as-of: YYYY-MM-DD`` (the check date), then
one to three comment lines that say what is wrong in the data, then the data. Checked
as of that date with default parameters, it has at least one finding of its rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import maritime_crew as mc
from maritime_crew.rules import as_date, default_registry

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "docs" / "rule-examples"
AS_OF = re.compile(r"# as-of: (\d{4}-\d{2}-\d{2})")


def _builtin_codes() -> list[str]:
    """Codes of the built-in rules; rules from installed plugins are not ours to show."""
    rules = default_registry().rules()
    return sorted(rule.code for rule in rules if rule.origin.startswith("maritime_crew"))


BUILTIN = _builtin_codes()


def _lines(code: str) -> list[str]:
    path = EXAMPLES / f"{code}.toml"
    assert path.is_file(), f"{code} has no example: write {path.relative_to(ROOT)}"
    return path.read_text(encoding="utf-8").splitlines()


def _as_of(code: str, lines: list[str]) -> str:
    first = lines[0] if lines else ""
    found = AS_OF.fullmatch(first)
    assert found, f"{code}.toml: first line must be '# as-of: YYYY-MM-DD', found {first!r}"
    as_of = found.group(1)
    as_date(as_of)  # a real date, not 2021-02-30
    return as_of


def test_every_builtin_rule_is_listed() -> None:
    assert len(BUILTIN) >= 54
    assert all(re.fullmatch(r"[A-Z]+\d{3}", code) for code in BUILTIN)


@pytest.mark.parametrize("code", BUILTIN)
def test_example_fires(code: str) -> None:
    lines = _lines(code)
    as_of = _as_of(code, lines)
    try:
        fleet = mc.load(EXAMPLES / f"{code}.toml")
    except mc.DataError as error:
        pytest.fail(f"{code}.toml does not load:\n{error}")
    report = mc.check(fleet, as_of=as_of)
    codes = sorted({finding.code for finding in report.findings})
    assert code in codes, f"{code}.toml checked as of {as_of} has findings {codes}, not {code}"


@pytest.mark.parametrize("code", BUILTIN)
def test_example_says_what_is_wrong(code: str) -> None:
    lines = _lines(code)
    _as_of(code, lines)
    comments = 0
    for line in lines[1:]:
        if not line.startswith("#"):
            break
        assert line.lstrip("#").strip(), f"{code}.toml: empty comment line {line!r}"
        comments += 1
    assert 1 <= comments <= 3, (
        f"{code}.toml: the as-of line must be followed by 1 to 3 comment lines that say "
        f"what is wrong in the data, found {comments}"
    )


def test_no_stray_examples() -> None:
    names = sorted(path.name for path in EXAMPLES.iterdir())
    expected = {f"{code}.toml" for code in BUILTIN}
    stray = [name for name in names if name not in expected]
    assert not stray, (
        f"docs/rule-examples holds {stray}: each entry must be a file <CODE>.toml named "
        "after a built-in rule"
    )
