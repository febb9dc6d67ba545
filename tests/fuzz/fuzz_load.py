"""Coverage-guided fuzzing of ``maritime_crew.load`` with atheris (not run by pytest).

Each input is one byte that picks the kind of dataset, then its bytes. Kinds 0, 1 and 2
are one file (TOML, JSON or CSV). Kind 3 is a directory dataset: the rest is split at
each ``\x00\x00`` into files, whose first byte picks a path among :data:`PATHS` (data
files at several depths, hours CSVs, a configuration file, a hidden file, a file the
load skips) and whose other bytes are the file. The dataset is written to a scratch
directory and loaded with ``maritime_crew.load``; a fleet that loads is checked with
``maritime_crew.check``. The only exception allowed out of ``load`` is ``DataError``;
a fleet that loads must dump to TOML and load back equal, and dump to JSON and load back
equal unless JSON refuses a number it cannot hold exactly (a ``ValueError`` naming the
record); no rule may stop with an error during ``check``. Anything else is a crash,
which atheris saves as ``crash-*``.

Run it from the repository root (see tests/fuzz/README.md)::

    pip install atheris
    python tests/fuzz/fuzz_load.py fuzz-corpus -max_total_time=600

An empty or missing corpus directory is first seeded from ``examples/fleet`` and a small
synthetic fleet, as TOML, JSON and CSV.
"""

from __future__ import annotations

import enum
import json
import shutil
import sys
import tempfile
import typing
from pathlib import Path

import atheris
import attrs

import maritime_crew as mc
from maritime_crew import synth
from maritime_crew.model import TABLES

ROOT = Path(__file__).resolve().parents[2]
FORMATS = (".toml", ".json", ".csv")
AS_OF = "2021-03-31"
SCRATCH = Path(tempfile.mkdtemp(prefix="maritime-crew-fuzz-"))
SEPARATOR = b"\x00\x00"
"""Between the files of a directory dataset (kind 3)."""
PATHS = (
    "people.toml",
    "vessels.toml",
    "catalogue.toml",
    "documents.json",
    "equipment.json",
    "people/active.toml",
    "people/leavers.json",
    "hours/osprey.csv",
    "hours/2021/march.csv",
    "deep/a/b/c/d.toml",
    "maritime-crew.toml",
    ".hidden.toml",
    "notes.txt",
    "terms.toml",
    "operations.json",
    "pathways.toml",
)
"""Where a directory dataset's files go; a file's first byte picks one (modulo)."""


def _write_directory(data: bytes) -> Path:
    """A fresh scratch directory holding the files of a kind-3 input."""
    root = SCRATCH / "dataset"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    for part in data.split(SEPARATOR):
        if not part:
            continue
        path = root / PATHS[part[0] % len(PATHS)]
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("ab") as handle:  # two parts with one path make one file
            handle.write(part[1:])
    return root


def test_one_input(data: bytes) -> None:
    """Load one file; a DataError is an answer, any other exception a crash."""
    if not data:
        return
    kind = data[0] % (len(FORMATS) + 1)
    if kind == len(FORMATS):
        target = _write_directory(data[1:])
    else:
        target = SCRATCH / f"fleet{FORMATS[kind]}"
        target.write_bytes(data[1:])
    try:
        fleet = mc.load(target)
    except mc.DataError as error:
        if not error.problems or not all(problem.message for problem in error.problems):
            raise AssertionError(f"a DataError without located problems: {error!r}") from None
        return
    for format in ("toml", "json"):  # a fleet that loads dumps and loads back equal
        try:
            text = mc.dumps(fleet, format)
        except ValueError as refusal:
            if format == "json" and kind != 1 and "cannot be written exactly" in str(refusal):
                continue  # a number with more digits than JSON keeps: refused, not changed
            raise
        if mc.loads(text, format=format) != fleet:
            raise AssertionError(f"the fleet did not load back equal from {format}")
    report = mc.check(fleet, as_of=AS_OF)
    for finding in report.findings:
        if finding.subject.kind == "rule":  # a rule raised: the engine reported it instead
            raise AssertionError(finding.message)


def _seed(corpus: Path) -> None:
    """Write the seed inputs: small real datasets in each format, prefixed by format."""
    corpus.mkdir(parents=True, exist_ok=True)
    fleet = ROOT / "examples" / "fleet"
    for path in sorted(fleet.rglob("*.toml")):
        text = path.read_bytes()
        if len(text) <= 40_000:
            (corpus / f"seed-{path.stem}.toml").write_bytes(b"\x00" + text)
            loaded = mc.load(path)
            (corpus / f"seed-{path.stem}.json").write_bytes(
                b"\x01" + mc.dumps(loaded, "json").encode()
            )
    data = synth.generate(20)
    rows = ["person,start,end,vessel"] + [
        f"{p['person']},{p['start'].isoformat()},{p['end'].isoformat()},{p.get('vessel', '')}"
        for p in data["work_period"][:30]
    ]
    (corpus / "seed-hours.csv").write_bytes(b"\x02" + "\n".join(rows).encode())
    (corpus / "seed-synth.json").write_bytes(
        b"\x01" + json.dumps({"vessel": data["vessel"], "crew": data["crew"]}).encode()
    )
    _seed_directories(corpus, fleet)


def _seed_directories(corpus: Path, fleet: Path) -> None:
    """Kind-3 seeds: small files of the example fleet, each under the path nearest its own."""
    small = [p for p in sorted(fleet.rglob("*")) if p.is_file() and p.stat().st_size <= 12_000]
    for number in range(3):
        parts = []
        for path in small[number::3]:
            if path.suffix not in FORMATS:
                continue
            relative = path.relative_to(fleet).as_posix()
            same = [i for i, name in enumerate(PATHS) if name.rsplit(".", 1)[-1] == path.suffix[1:]]
            index = PATHS.index(relative) if relative in PATHS else same[len(parts) % len(same)]
            if sum(map(len, parts)) + path.stat().st_size < 60_000:
                parts.append(bytes([index]) + path.read_bytes())
        (corpus / f"seed-directory-{number}").write_bytes(b"\x03" + SEPARATOR.join(parts))


def _tokens() -> list[str]:
    """Words of the format for the fuzzer's dictionary: tables, fields, choices, values."""
    words = {"true", "false", "inf", "nan", '"""', "'''", "[[", "]]", " = ", "\r\n", "\ufeff"}
    words |= {"2021-03-31", "2021-02-29", "2021-03-28T01:30:00", "2021-02-01T06:00:00Z"}
    words |= {"+01:00", '"P5Y"', '"PT10H"', '"P2W"', '"2021/22"', "27.50", str(2**63)}
    words |= {f"[[{table.name}]]" for table in TABLES}
    records: list[type[object]] = [table.record for table in TABLES]
    seen: set[type[object]] = set()
    while records:
        record = records.pop()
        if record in seen:
            continue
        seen.add(record)
        words |= {field.name for field in attrs.fields(record)}
        for hint in typing.get_type_hints(record).values():
            kinds = [hint]
            while kinds:  # into X | None and tuple[X, ...]
                kind = kinds.pop()
                kinds += typing.get_args(kind)
                if isinstance(kind, type) and attrs.has(kind):
                    records.append(kind)
    for value in vars(mc.model).values():
        if isinstance(value, type) and issubclass(value, enum.Enum):
            words |= {str(member.value) for member in value}
    return sorted(words)


def _dictionary() -> Path:
    """A libFuzzer dictionary of :func:`_tokens`, written to the scratch directory."""
    path = SCRATCH / "dataset.dict"
    lines = ['"' + "".join(map(_escape, word.encode())) + '"' for word in _tokens()]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def _escape(byte: int) -> str:
    """One byte as libFuzzer's dictionary format has it: printable, or ``\\xAB``."""
    return chr(byte) if 32 <= byte < 127 and chr(byte) not in '\\"' else f"\\x{byte:02X}"


def _warm_up() -> None:
    """Load and check the example fleet, so that every module the library imports lazily
    (rules, reports) is loaded before atheris instruments the code for coverage."""
    mc.check(mc.load(ROOT / "examples" / "fleet"), as_of=AS_OF)


def main() -> None:
    corpora = [Path(arg) for arg in sys.argv[1:] if not arg.startswith("-")]
    for corpus in corpora[:1]:
        if not corpus.exists() or (corpus.is_dir() and not any(corpus.iterdir())):
            _seed(corpus)  # not a file given to replay
    argv = list(sys.argv)
    if not any(arg.startswith("-max_len=") for arg in argv):
        argv.append("-max_len=65536")  # the seeds run to 40 KB
    if not any(arg.startswith("-dict=") for arg in argv):
        argv.append(f"-dict={_dictionary()}")
    _warm_up()
    atheris.instrument_all()
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
