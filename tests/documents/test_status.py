"""A version's status on a date follows from its dates, at each boundary day (issue 20).

SOP-1 has 1.0 (in force from 2019-01-01), 2.0 (effective 2020-06-01, withdrawn from
2021-01-01) and 3.0 (effective 2021-02-01). The statuses recorded are those of a register
written in 2021: 2.0 recorded withdrawn, and 1.0 superseded.
"""

from __future__ import annotations

import pytest

import maritime_crew as mc
from maritime_crew.documents import history, in_force, register

from .builders import D, document, version

EFFECTIVE = D(2020, 6, 1)
WITHDRAWN = D(2021, 1, 1)
NEXT = D(2021, 2, 1)

SOP = document(
    "SOP-1",
    version("1.0", "superseded", D(2019, 1, 1), approved_by="Head", approved_on=D(2018, 12, 1)),
    version(
        "2.0",
        "withdrawn",
        EFFECTIVE,
        withdrawn=WITHDRAWN,
        supersedes="1.0",
        approved_by="Head",
        approved_on=D(2020, 5, 20),
    ),
    version("3.0", "approved", NEXT, supersedes="2.0", approved_by="Head", approved_on=NEXT),
)
FLEET = mc.model.Fleet(documents=(SOP,))


def statuses(on: str) -> dict[str, str]:
    entries = history(FLEET, "SOP-1", as_of=on).versions
    return {entry.label: entry.status.value for entry in entries}


@pytest.mark.parametrize(
    ("on", "expected", "current"),
    [
        # The day before 2.0's effective date: 2.0 a draft, 1.0 still in force.
        ("2020-05-31", {"1.0": "approved", "2.0": "draft", "3.0": "draft"}, "1.0"),
        # Its effective date: 2.0 in force, 1.0 superseded.
        ("2020-06-01", {"1.0": "superseded", "2.0": "approved", "3.0": "draft"}, "2.0"),
        # The day before its withdrawal: still in force.
        ("2020-12-31", {"1.0": "superseded", "2.0": "approved", "3.0": "draft"}, "2.0"),
        # The day of its withdrawal: nothing in force, and 1.0 does not come back.
        ("2021-01-01", {"1.0": "superseded", "2.0": "withdrawn", "3.0": "draft"}, None),
        ("2021-01-31", {"1.0": "superseded", "2.0": "withdrawn", "3.0": "draft"}, None),
        ("2021-02-01", {"1.0": "superseded", "2.0": "withdrawn", "3.0": "approved"}, "3.0"),
    ],
)
def test_each_boundary_day(on: str, expected: dict[str, str], current: str | None) -> None:
    assert statuses(on) == expected
    found = in_force(FLEET, "SOP-1", on)
    assert (found.label if found is not None else None) == current
    entry = register(FLEET, on).entry("SOP-1")
    assert entry is not None
    assert entry.version == current


def test_the_history_as_of_a_date_knows_nothing_later() -> None:
    before = history(FLEET, "SOP-1", as_of="2020-05-31")
    first, second, third = before.versions
    assert (first.in_force_from, first.in_force_until, first.superseded_by) == (
        D(2019, 1, 1),
        None,  # still in force on the date
        None,
    )
    assert (second.status, second.recorded_status) == (
        mc.model.VersionStatus.DRAFT,
        mc.model.VersionStatus.WITHDRAWN,
    )
    # Approved on 2020-05-20, by the date; 3.0's approval comes later and is not shown.
    assert second.approved_on == D(2020, 5, 20)
    assert (third.approved_by, third.approved_on) == (None, None)
    assert before.as_of == D(2020, 5, 31)


def test_the_whole_history_has_every_day_in_force() -> None:
    audit = history(FLEET, "SOP-1")
    assert audit.as_of is None
    assert [
        (v.label, v.status.value, v.in_force_from, v.in_force_until, v.superseded_by)
        for v in audit.versions
    ] == [
        ("1.0", "superseded", D(2019, 1, 1), D(2020, 5, 31), "2.0"),
        ("2.0", "withdrawn", EFFECTIVE, D(2020, 12, 31), None),
        ("3.0", "approved", NEXT, None, None),
    ]
    assert audit.versions[1].to_record()["withdrawn"] == "2021-01-01"
    for on in ("2018-12-31", "2019-01-01", "2020-05-31", "2020-06-01", "2021-01-01", "2021-02-01"):
        expected = in_force(FLEET, "SOP-1", on)
        got = audit.on(on)
        assert (got.label if got else None) == (expected.label if expected else None), on


def test_the_recorded_statuses_agree_with_the_dates() -> None:
    """The register was written on or after 2021-02-01: every recorded status holds then."""
    assert mc.facts.Facts.of(FLEET).status_conflicts(SOP) == ()


def test_a_withdrawn_version_with_no_date_is_withdrawn_on_every_date() -> None:
    old = document("SOP-2", version("1.0", "withdrawn", D(2019, 1, 1)))
    data = mc.model.Fleet(documents=(old,))
    assert in_force(data, "SOP-2", "2020-01-01") is None
    assert history(data, "SOP-2").versions[0].in_force_from is None


def test_the_history_command_tells_it_as_of_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    from maritime_crew.cli import main

    from .conftest import EXAMPLE

    code = main(["history", str(EXAMPLE), "SOP-BRD-01", "--as-of", "2020-03-14"])
    out = capsys.readouterr().out
    assert code == 0
    assert "as of 2020-03-14" in out
    assert "2.0 approved (recorded as superseded), in force 2019-05-01 onwards" in out
    assert "2.1 draft (recorded as approved), not in force" in out
