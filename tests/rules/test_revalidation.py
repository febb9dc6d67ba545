"""CERT006 coc-revalidation-at-risk: a CoC expires soon and its holder lacks sea service."""

from __future__ import annotations

import maritime_crew as mc
from maritime_crew.rules import default_registry
from tests.pathways.fleets import aboard, deck_fleet, leading_hand
from tests.rules.builders import D, cert, messages, run

# Issued 1 June 2016, valid 5 years: expires at the end of 31 May 2021, 61 days after
# 31 March 2021.
COC = cert("coc-oow", D(2016, 6, 1), number="C-9")
SHORT = aboard(D(2020, 1, 1), D(2020, 8, 9))  # 222 days
ENOUGH = aboard(D(2019, 1, 1), D(2019, 12, 31))  # 365 days


def fleet_with(
    *deployments: mc.model.Deployment, certificates: tuple[mc.model.Certificate, ...] = (COC,)
) -> mc.model.Fleet:
    return deck_fleet([leading_hand(certificates=certificates)], list(deployments))


def test_fires_when_the_holder_is_short_of_sea_service() -> None:
    findings = run(fleet_with(SHORT), "CERT006", as_of=D(2021, 1, 31))
    assert messages(findings) == [
        "COC-OOW certificate C-9 of BF1 expires at the end of 2021-05-31, in 120 days; BF1 has "
        "222 days of sea service in 5 years (needs 365) and 9 in 6 months (needs 90), and needs 90 "
        "more days by 2021-05-31 to revalidate"
    ]
    assert findings[0].severity is mc.rules.Severity.WARNING
    assert findings[0].details["needed_days"] == 90


def test_says_when_the_days_missing_cannot_be_served_before_the_expiry() -> None:
    # On 31 March 2021 only 61 days are left: the 90 missing cannot be served in time.
    findings = run(fleet_with(SHORT), "CERT006")
    assert messages(findings) == [
        "COC-OOW certificate C-9 of BF1 expires at the end of 2021-05-31, in 61 days; BF1 has "
        "222 days of sea service in 5 years (needs 365) and 0 in 6 months (needs 90), and cannot "
        "meet it before the expiry: needs 90 more days, with 61 days left"
    ]
    assert findings[0].details["days_left"] == 61


def test_the_condition_is_set_by_parameters_with_their_source() -> None:
    # 222 days meets a long route of 222 days, not one of 223.
    assert run(fleet_with(SHORT), "CERT006", **{"long-days": 222}) == []
    assert len(run(fleet_with(SHORT), "CERT006", **{"long-days": 223})) == 1
    # 1 year back from 31 March 2021 starts on 1 April 2020: 131 days (1 April to
    # 9 August) count in it.
    one_year = {"long-years": 1, "short-months": 12, "short-days": 200}
    (finding,) = run(fleet_with(SHORT), "CERT006", **one_year)
    assert finding.details["sea_days_long"] == 131
    assert finding.details["sea_days_short"] == 131
    assert "131 days of sea service in 1 year (needs 365) and 131 in 12 months (needs 200)" in (
        finding.message
    )
    assert run(fleet_with(SHORT), "CERT006", **{"short-days": 0}) == []
    rule = default_registry().get("CERT006")
    assert rule is not None
    parameters = {p.name: p for p in rule.parameters}
    assert [parameters[n].default for n in ("long-days", "long-years", "short-days")] == [
        365,
        5,
        90,
    ]
    assert parameters["short-months"].default == 6
    assert all("A-I/11" in parameters[n].description for n in parameters if n != "within-days")


def test_does_not_fire_when_the_condition_is_met() -> None:
    assert run(fleet_with(ENOUGH), "CERT006") == []


def test_the_warning_period_boundary() -> None:
    assert run(fleet_with(SHORT), "CERT006", **{"within-days": 60}) == []
    assert len(run(fleet_with(SHORT), "CERT006", **{"within-days": 61})) == 1


def test_does_not_fire_once_a_replacement_is_issued() -> None:
    renewed = (COC, cert("coc-oow", D(2021, 5, 1)))
    assert run(fleet_with(SHORT, certificates=renewed), "CERT006") == []


def test_only_certificates_of_competency_count() -> None:
    medical = (cert("eng1", D(2019, 6, 1)),)  # expires 31 May 2021, but it is not a CoC
    assert run(fleet_with(SHORT, certificates=medical), "CERT006") == []


def test_never_raises_on_a_certificate_of_an_unknown_type() -> None:
    data = fleet_with(SHORT, certificates=(cert("no-such-type", D(2016, 6, 1)),))
    assert run(data, "CERT006") == []
