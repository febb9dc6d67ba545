"""Directory datasets: what is read, what is ignored, and files that cannot be read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import maritime_crew as mc
from maritime_crew.cli import main

PERSON = '[[person]]\nid = "{id}"\nname = "Al"\ndiscipline = "deck"\n'


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(mc.DataError) as caught:
        mc.load(path)
    return [(p.code, p.file, p.message) for p in caught.value.problems]


def test_only_toml_json_and_csv_files_are_read_and_hidden_ones_nowhere(tmp_path: Path) -> None:
    write(tmp_path / "people.toml", PERSON.format(id="A"))
    write(tmp_path / "crew" / "more.TOML", PERSON.format(id="B"))
    write(tmp_path / "crew" / ".hidden" / "x.toml", "not toml at all")
    write(tmp_path / "crew" / ".~lock.people.toml#", "an office lock file")
    write(tmp_path / "people.toml.bak", "an editor's backup")
    write(tmp_path / "people.yaml", "person: []")
    write(tmp_path / "README.md", "# notes")
    write(tmp_path / "hours.csv", "person,start,end\nA,2021-02-01T06:00:00Z,2021-02-01T12:00:00Z\n")
    fleet = mc.load(tmp_path)
    assert [p.id for p in fleet.people] == ["A", "B"]
    assert [w.person for w in fleet.work_periods] == ["A"]


def test_a_directory_with_only_hidden_files_holds_no_data(tmp_path: Path) -> None:
    write(tmp_path / ".people.toml", PERSON.format(id="A"))
    assert problems(tmp_path) == [
        ("file", str(tmp_path), "the directory holds no .toml, .json or .csv files")
    ]


def test_a_linked_directory_is_read_like_any_other(tmp_path: Path) -> None:
    inside = write(tmp_path / "dataset" / "elsewhere" / "people.toml", PERSON.format(id="A"))
    dataset = inside.parent.parent
    (dataset / "people").symlink_to(inside.parent, target_is_directory=True)
    assert [p.id for p in mc.load(dataset).people] == ["A", "A"]


def test_a_linked_directory_outside_the_dataset_is_read_only_when_allowed(
    tmp_path: Path,
) -> None:
    # tests/test_untrusted_input.py holds the rest of what a link out of a dataset does.
    elsewhere = write(tmp_path / "elsewhere" / "people.toml", PERSON.format(id="A")).parent
    dataset = tmp_path / "dataset"
    dataset.mkdir()
    (dataset / "people").symlink_to(elsewhere, target_is_directory=True)
    assert [code for code, _, _ in problems(dataset)] == ["file"]
    assert [p.id for p in mc.load(dataset, follow_outside_links=True).people] == ["A"]


def test_a_symbolic_link_loop_of_directories_is_a_clear_problem(tmp_path: Path) -> None:
    write(tmp_path / "crew" / "people.toml", PERSON.format(id="A"))
    (tmp_path / "crew" / "again").symlink_to(tmp_path, target_is_directory=True)
    loop = str(tmp_path / "crew" / "again")
    assert problems(tmp_path) == [
        (
            "file",
            loop,
            f"a symbolic link loop: it leads back to {os.path.realpath(tmp_path)}, a "
            "directory it is already in; the link is not followed",
        )
    ]


def test_a_symbolic_link_loop_of_files_is_a_clear_problem(tmp_path: Path) -> None:
    write(tmp_path / "people.toml", PERSON.format(id="A"))
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    message = (
        "cannot read the file: it is a symbolic link in a loop (too many levels of symbolic links)"
    )
    assert problems(tmp_path) == [
        ("file", str(tmp_path / "a.toml"), message),
        ("file", str(tmp_path / "b.toml"), message),
    ]
    # Named on its own, the looping link is not "missing": it says what is wrong.
    assert problems(tmp_path / "a.toml") == [("file", str(tmp_path / "a.toml"), message)]


def test_a_broken_link_is_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "people.toml").symlink_to(tmp_path / "moved.toml")
    assert problems(tmp_path) == [
        ("file", str(tmp_path / "people.toml"), "cannot read the file: no such file or directory")
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_a_clear_problem(tmp_path: Path) -> None:
    locked = write(tmp_path / "people.toml", PERSON.format(id="A"))
    locked.chmod(0)
    try:
        assert problems(tmp_path) == [
            ("file", str(locked), "cannot read the file: permission denied")
        ]
    finally:
        locked.chmod(0o644)


def test_a_file_that_cannot_be_opened_is_a_clear_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, who can read anything: refuse the file as the system would.
    locked = write(tmp_path / "b.toml", PERSON.format(id="B"))
    write(tmp_path / "a.toml", PERSON.format(id="A"))
    real_open = Path.open

    def refusing(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refusing)
    assert problems(tmp_path) == [("file", str(locked), "cannot read the file: permission denied")]


def test_a_directory_that_cannot_be_listed_is_a_clear_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "people.toml", PERSON.format(id="A"))
    locked = write(tmp_path / "secret" / "more.toml", PERSON.format(id="B")).parent
    real_scandir = os.scandir

    def refusing(path: str) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    assert problems(tmp_path) == [
        ("file", str(locked), "cannot read the directory: permission denied")
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_rather_than_waited_on(tmp_path: Path) -> None:
    write(tmp_path / "people.toml", PERSON.format(id="A"))
    os.mkfifo(tmp_path / "pipe.toml")
    assert problems(tmp_path) == [
        (
            "file",
            str(tmp_path / "pipe.toml"),
            "not a regular file (a directory, pipe or device); it cannot be read as data",
        )
    ]


def test_the_command_line_reports_a_link_loop_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "people.toml", PERSON.format(id="A"))
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    code = main(["check", str(tmp_path), "--as-of", "2021-03-31"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{tmp_path / 'loop.toml'}: cannot read the file: it is a symbolic link in a loop" in err
    assert "Traceback" not in err


def test_dataset_files_lists_what_a_load_reads_in_its_order(tmp_path: Path) -> None:
    root = tmp_path / "dataset"
    write(root / "b.toml", PERSON.format(id="BF2"))
    write(root / "a" / "z.json", '{"person": []}')
    write(root / "hours.CSV", "person,start,end\n")
    write(root / ".hidden.toml", "")
    write(root / "maritime-crew.toml", "")
    write(root / "notes.txt", "")
    outside = write(tmp_path / "elsewhere.toml", PERSON.format(id="BF9"))
    (root / "linked.toml").symlink_to(outside)
    expected = [root / "b.toml", root / "hours.CSV", root / "a" / "z.json"]
    assert mc.io.dataset_files(root) == expected
    assert mc.io.dataset_files(root / "b.toml") == [root / "b.toml"]
