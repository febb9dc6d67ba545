"""A small fleet and hand-built reports, so format tests do not depend on the rule packs.

The people have names that appear nowhere else, so a redaction test can search the
whole output for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pendulum

import maritime_crew as mc
from maritime_crew.rules import Finding, Report, Rule, Severity

AS_OF = pendulum.Date(2021, 3, 31)
NAMES = ("Zebedee Quartermain", "Ottoline Fairweather-Brandt", "Ignatius Pemberton")


def fleet() -> mc.model.Fleet:
    return mc.model.Fleet(
        vessels=(
            mc.model.Vessel(id="vigilant", name="HMC Vigilant", type=mc.model.VesselType.CUTTER),
            mc.model.Vessel(id="searcher", name="HMC Searcher", type=mc.model.VesselType.CUTTER),
        ),
        crews=(mc.model.Crew(id="vigilant-a", name="Vigilant A", vessel="vigilant"),),
        people=tuple(
            mc.model.Person(
                id=f"BF100{n}", name=name, discipline=mc.model.Discipline.DECK, crew="vigilant-a"
            )
            for n, name in enumerate(NAMES, start=3)
        ),
        equipment_items=(mc.model.EquipmentItem(id="DS-0001", type="dry-suit"),),
        documents=(
            mc.model.Document(
                id="SOP-001",
                kind=mc.model.DocumentKind("sop"),
                title="Boarding of non-compliant vessels",
                owner="Maritime Operations Lead",
            ),
        ),
    )


def _no_findings(fleet: mc.model.Fleet, ctx: mc.rules.Context) -> Iterable[Finding]:
    return ()


def make_rule(code: str, name: str, severity: str = "error", **fields: Any) -> Rule:
    fields.setdefault("summary", f"Summary of {name}.")
    fields.setdefault("rationale", f"Why {name} matters (seed C3).")
    return Rule(code=code, name=name, severity=Severity(severity), check=_no_findings, **fields)


RULES = (
    make_rule(
        "CERT001",
        "certificate-expired",
        source="STCW A-I/2",
        example="An OOW certificate expired last month.",
        fix="Renew the certificate.",
        parameters=(mc.rules.Parameter("within-days", int, 90, "Days of warning before expiry."),),
    ),
    make_rule("DOC001", "review-overdue", "info"),
    make_rule("EQP003", "service-overdue"),
    make_rule("MAN001", "complement-unfilled"),
    make_rule("TRN002", "training-lapsed", "warning"),
    make_rule("XYZ001", "custom-note", "warning"),
)


def finding(
    code: str,
    subject: tuple[str, str],
    message: str,
    severity: str = "error",
    *,
    file: str | None = None,
    line: int | None = None,
    **fields: Any,
) -> Finding:
    names = {rule.code: rule.name for rule in RULES}
    source = mc.model.SourceLocation(file, line) if file is not None else None
    return Finding(
        code=code,
        name=names.get(code, "unlisted-rule"),
        severity=Severity(severity),
        subject=mc.model.Subject(*subject),
        message=message,
        source=source,
        **fields,
    )


def findings() -> list[Finding]:
    """One finding of each interesting sort."""
    return [
        finding(
            "CERT001",
            ("person", "BF1003"),
            "Certificate stcw-ii-1 of BF1003 expired at the end of 2021-03-01",
            vessel="vigilant",
            crew="vigilant-a",
            file="data/people.toml",
            line=12,
            details={"certificate": "stcw-ii-1", "expired": pendulum.Date(2021, 3, 1)},
        ),
        finding(
            "EQP003",
            ("equipment_item", "DS-0001"),
            "Dry suit DS-0001 was due its pressure test on 2021-01-15",
            vessel="vigilant",
            crew="vigilant-a",
            file="data/kit.toml",
            line=4,
            waived_by="W-2021-003",
        ),
        finding(
            "TRN002",
            ("person", "BF1004"),
            "Boarding refresher for Ottoline Fairweather-Brandt expired at the end of 2021-02-28",
            "warning",
            vessel="vigilant",
            crew="vigilant-a",
            details={"trainer": "Zebedee Quartermain", "notes": ["ask ignatius pemberton"]},
        ),
        finding(
            "DOC001",
            ("document", "SOP-001"),
            "SOP-001 was due for review on 2021-01-01",
            "info",
            file="data/register.toml",
        ),
    ]


def report(
    found: Sequence[Finding] | None = None,
    *,
    fail_on: str = "error",
    rules: Sequence[Rule] = RULES,
) -> Report:
    chosen = findings() if found is None else list(found)
    return Report(
        as_of=AS_OF,
        findings=tuple(sorted(chosen, key=Finding.sort_key)),
        rules=tuple(rules),
        fail_on=Severity(fail_on),
    )
