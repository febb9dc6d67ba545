"""Revalidation of certificates of competency: 365 days in 5 years or 90 in 6 months."""

from __future__ import annotations

import pendulum
import pytest

import maritime_crew as mc
from tests.pathways.fleets import aboard, deck_fleet, leading_hand
from tests.rules.builders import D, cert

AS_OF = D(2021, 3, 31)
# Issued 1 June 2016, valid 5 years: the last valid day is 31 May 2021.
COC = cert("coc-oow", D(2016, 6, 1), number="C-9")


def status(
    *deployments: mc.model.Deployment,
    certificates: tuple[mc.model.Certificate, ...] = (COC,),
    as_of: pendulum.Date = AS_OF,
    condition: mc.pathways.RevalidationCondition | None = None,
) -> mc.pathways.CocRevalidation:
    data = deck_fleet([leading_hand(certificates=certificates)], list(deployments))
    (entry,) = mc.pathways.revalidation(data, "BF1", as_of, condition).certificates
    return entry


def test_a_year_at_sea_in_the_last_five_years_meets_the_condition() -> None:
    entry = status(aboard(D(2019, 1, 1), D(2019, 12, 31)))
    assert entry.meets
    assert (entry.long_days, entry.short_days, entry.needed_days) == (365, 0, 0)
    assert entry.expires == D(2021, 5, 31)


def test_three_months_in_the_last_six_months_meets_the_condition() -> None:
    # 2 October to 30 December 2020: 30 + 30 + 30 = 90 days, inside 1 Oct 2020 to 31 Mar 2021.
    entry = status(aboard(D(2020, 10, 2), D(2020, 12, 30)))
    assert entry.meets
    assert entry.short_days == 90


def test_a_day_before_the_six_month_window_does_not_count() -> None:
    # 30 September to 28 December 2020 is 90 days, but the window starts on 1 October.
    entry = status(aboard(D(2020, 9, 30), D(2020, 12, 28)))
    assert entry.short_days == 89
    assert not entry.meets


def test_a_day_before_the_five_year_window_does_not_count() -> None:
    # 31 March 2016 to 30 March 2017 is 365 days; the window starts on 1 April 2016.
    entry = status(aboard(D(2016, 3, 31), D(2017, 3, 30)))
    assert entry.long_days == 364
    assert not entry.meets


def test_short_of_the_condition_says_how_much_and_by_when() -> None:
    # 1 January to 9 August 2020 is 222 days. On 31 January 2021 the CoC has 120 days
    # left (to 31 May): 143 short on the long route, but 90 days in the 6 months to
    # 31 May 2021 can still be served, from 1 February (the 6 months to 31 January hold
    # 1 to 9 August 2020).
    entry = status(aboard(D(2020, 1, 1), D(2020, 8, 9)), as_of=D(2021, 1, 31))
    assert not entry.meets
    assert entry.feasible
    assert (entry.needed_days, entry.days_left) == (90, 120)
    assert entry.serve_by == D(2021, 5, 31)
    assert entry.detail == (
        "needs 90 more days of sea service by 2021-05-31 (90 in the 6 months to expiry); "
        "has 222 of 365 days in 5 years and 9 of 90 in 6 months"
    )


def test_more_days_missing_than_are_left_cannot_be_met_before_expiry() -> None:
    # The same sea time on 31 March 2021: only 61 days are left before 31 May, fewer
    # than the 90 (or 143) still missing.
    entry = status(aboard(D(2020, 1, 1), D(2020, 8, 9)))
    assert not entry.meets
    assert not entry.feasible
    assert (entry.needed_days, entry.days_left) == (90, 61)
    assert entry.detail == (
        "cannot be met before expiry on 2021-05-31 (61 days left): needs 143 more days of "
        "sea service for 365 in the 5 years, or 90 for 90 in the 6 months; has 222 of 365 "
        "days in 5 years and 0 of 90 in 6 months"
    )
    record = mc.pathways.revalidation(
        deck_fleet([leading_hand(certificates=(COC,))], [aboard(D(2020, 1, 1), D(2020, 8, 9))]),
        "BF1",
        AS_OF,
    ).to_records()[0]
    assert (record["feasible"], record["days_left"]) == (False, 61)


def test_exactly_as_many_days_missing_as_left_can_be_met() -> None:
    # 61 days left on 31 March 2021; 1 February to 30 March 2021 is 58 days, with 32
    # missing of the 90 in the 6 months to 31 May: 32 <= 61.
    entry = status(aboard(D(2021, 2, 1), D(2021, 3, 30)))
    assert (entry.feasible, entry.needed_days) == (True, 32)
    # With the short route set to 119 days in 6 months, 61 are missing: just feasible.
    harder = mc.pathways.RevalidationCondition(short_days=119)
    entry = status(aboard(D(2021, 2, 1), D(2021, 3, 30)), condition=harder)
    assert (entry.feasible, entry.needed_days) == (True, 61)
    hardest = mc.pathways.RevalidationCondition(short_days=120)
    entry = status(aboard(D(2021, 2, 1), D(2021, 3, 30)), condition=hardest)
    assert (entry.feasible, entry.needed_days) == (False, 62)


def test_a_route_that_can_be_served_is_preferred_to_a_shorter_one_that_cannot() -> None:
    # Short route: 100 days in 3 months, which no window of 92 days can hold. Long route:
    # 342 days in 5 years, with 222 served: 120 missing, and 151 days are left on
    # 31 December 2020.
    odd = mc.pathways.RevalidationCondition(long_days=342, short_days=100, short_months=3)
    entry = status(aboard(D(2020, 1, 1), D(2020, 8, 9)), as_of=D(2020, 12, 31), condition=odd)
    assert (entry.feasible, entry.needed_days, entry.days_left) == (True, 120, 151)
    assert "(342 in the 5 years to expiry)" in entry.detail


def test_the_long_route_is_chosen_when_it_needs_less() -> None:
    # 300 days in 2020 plus 20 days in March 2021: 320 of 365 (45 short); the 6 months
    # to 31 May 2021 hold only 20 days so far (70 short).
    entry = status(aboard(D(2020, 1, 1), D(2020, 10, 26)), aboard(D(2021, 3, 12), D(2021, 3, 31)))
    assert entry.needed_days == 45
    assert "(365 in the 5 years to expiry)" in entry.detail


def test_only_certificates_of_competency_held_on_the_date_are_listed() -> None:
    certificates = (cert("eng1", D(2020, 6, 1)), cert("coc-oow", D(2010, 1, 1)))
    data = deck_fleet([leading_hand(certificates=certificates)], [])
    assert mc.pathways.revalidation(data, "BF1", AS_OF).certificates == ()
    result = mc.pathways.revalidation(data, "BF1", "2012-01-01")
    assert [entry.certificate_type for entry in result.certificates] == ["coc-oow"]
    assert result.to_records()[0]["expires"] == "2014-12-31"


def test_the_condition_is_a_parameter() -> None:
    data = deck_fleet([leading_hand(certificates=(COC,))], [aboard(D(2021, 3, 1), D(2021, 3, 31))])
    easy = mc.pathways.RevalidationCondition(short_days=31)
    assert mc.pathways.revalidation(data, "BF1", AS_OF, easy).certificates[0].meets
    assert not mc.pathways.revalidation(data, "BF1", AS_OF).certificates[0].meets
    assert "I/11" in mc.pathways.RevalidationCondition().source


@pytest.mark.parametrize("on", [D(2021, 2, 28), D(2020, 2, 29)])
def test_windows_start_the_day_after_the_same_date_back(on: pendulum.Date) -> None:
    condition = mc.pathways.RevalidationCondition()
    assert condition.long_start(D(2021, 3, 31)) == D(2016, 4, 1)
    assert condition.short_start(D(2021, 8, 31)) == D(2021, 3, 1)
    assert condition.long_start(on) == on.subtract(years=5).add(days=1)
