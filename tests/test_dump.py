"""Writing datasets: the format follows the suffix, and a failed write loses nothing."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import attrs
import pendulum
import pytest

import maritime_crew as mc

FLEET = mc.model.Fleet(
    people=(
        mc.model.Person(
            id="BF1",
            name="Siân Ó Briain",
            discipline=mc.model.Discipline.DECK,
            born=pendulum.Date(2000, 2, 29),
            certificates=(mc.model.Certificate("eng1", pendulum.Date(2020, 12, 31)),),
        ),
    ),
    terms=(
        mc.model.TermsAndConditions(
            "tc",
            "Terms",
            mc.model.TermsStatus.AGREED,
            business_year=mc.model.BusinessYear(2021),
            allowances=(mc.model.Allowance("sea", "Sea day", Decimal("27.50"), "day"),),
        ),
    ),
    certificate_types=(
        mc.model.CertificateType(
            "eng1",
            "ENG1",
            validity=mc.model.AgeSchedule(
                (
                    mc.model.AgeBand(mc.model.Period(years=1)),
                    mc.model.AgeBand(mc.model.Period(years=2), 18),
                )
            ),
        ),
    ),
)


def test_toml_output_reads_like_the_documented_format() -> None:
    # Tables in documented order, defaults left out, small records inline.
    assert mc.dumps(FLEET) == (
        '[[person]]\nid = "BF1"\nname = "Siân Ó Briain"\ndiscipline = "deck"\n'
        "born = 2000-02-29\n"
        'certificates = [\n    { type = "eng1", issued = 2020-12-31 },\n]\n\n'
        '[[certificate_type]]\nid = "eng1"\nname = "ENG1"\n'
        'validity = [\n    { from_age = 0, period = "P1Y" },\n'
        '    { from_age = 18, period = "P2Y" },\n]\n\n'
        '[[terms]]\nid = "tc"\ntitle = "Terms"\nstatus = "agreed"\nbusiness_year = "2021/22"\n'
        'allowances = [\n    { id = "sea", name = "Sea day", amount = 27.50, per = "day" },\n]\n'
    )


def test_json_output_uses_iso_dates_and_numbers() -> None:
    text = mc.dumps(FLEET, "json")
    assert '"born": "2000-02-29"' in text
    assert '"amount": 27.5' in text
    assert mc.loads(text, format="json") == FLEET


@pytest.mark.parametrize("name", ["fleet.toml", "fleet.json", "FLEET.TOML"])
def test_dump_chooses_the_format_by_suffix(tmp_path: Path, name: str) -> None:
    mc.dump(FLEET, tmp_path / name)
    assert mc.load(tmp_path / name) == FLEET if name.islower() else True
    assert (
        mc.loads(
            (tmp_path / name).read_text(encoding="utf-8"),
            format="json" if name.endswith("json") else "toml",
        )
        == FLEET
    )


def test_dump_refuses_an_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"use a \.toml or \.json suffix"):
        mc.dump(FLEET, tmp_path / "fleet.yaml")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "fleet.toml"
    target.write_text("# the old file\n", encoding="utf-8")
    target.chmod(0o640)

    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="No space left"):
        mc.dump(FLEET, target)
    assert target.read_text(encoding="utf-8") == "# the old file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["fleet.toml"]  # no temporary left over


def test_a_successful_write_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "fleet.toml"
    target.write_text("# old\n", encoding="utf-8")
    target.chmod(0o640)
    mc.dump(FLEET, target)
    assert target.stat().st_mode & 0o777 == 0o640
    assert mc.load(target) == FLEET


def test_amounts_that_json_cannot_hold_exactly_are_refused() -> None:
    precise = mc.model.Fleet(
        terms=(
            mc.model.TermsAndConditions(
                "tc",
                "T",
                mc.model.TermsStatus.DRAFT,
                allowances=(
                    mc.model.Allowance("a", "A", Decimal("0.12345678901234567890"), "day"),
                ),
            ),
        )
    )
    with pytest.raises(ValueError, match="cannot be written exactly as a JSON number"):
        mc.dumps(precise, "json")
    assert mc.loads(mc.dumps(precise, "toml")) == precise


@pytest.mark.parametrize("number", ["NaN", "sNaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("format", ["toml", "json"])
def test_a_number_no_dataset_can_hold_is_refused_with_its_record(number: str, format: str) -> None:
    """A fleet built in Python may hold NaN; writing it would give a file that cannot load."""
    fleet = mc.load(Path(__file__).parent.parent / "examples" / "fleet")
    vessel = next(v for v in fleet.vessels if v.length_m is not None)
    broken = attrs.evolve(fleet, vessels=(attrs.evolve(vessel, length_m=Decimal(number)),))
    with pytest.raises(ValueError, match=rf"^vessel {vessel.id}: cannot write the number"):
        mc.dumps(broken, format)


def test_json_mode_goes_straight_to_json_and_loads_back_equal() -> None:
    import json

    fleet = mc.load(Path(__file__).parent.parent / "examples" / "fleet")
    with pytest.raises(TypeError):
        json.dumps(mc.io.to_data(fleet))  # dates are date objects in the Python mode
    text = json.dumps(mc.io.to_data(fleet, mode="json"))
    assert mc.loads(text, format="json") == fleet
    person = fleet.people[0]
    one = mc.io.to_data(person, mode="json")
    assert one == json.loads(json.dumps(one))
    assert one["id"] == person.id
    assert one == mc.io.to_data(fleet, mode="json")["person"][0]  # as a file writes it
    with pytest.raises(ValueError, match="mode must be 'python' or 'json'"):
        mc.io.to_data(fleet, mode="yaml")
