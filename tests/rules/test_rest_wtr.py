"""REST011: the Working Time Regulations 1998, regulation 10 (daily rest)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from maritime_crew.facts import rest as _rest

from .builders import run
from .test_rest import _minutes, _rest_runs, daily, on_profile, schedules

MINUTE = 1 / 60


def test_a_thirteen_hour_day_with_eleven_hours_off_passes() -> None:
    assert run(on_profile("wtr-1998", daily((7, 20), days=5)), "REST011") == []


def test_one_minute_more_work_a_day_leaves_ten_hours_fifty_nine() -> None:
    spans = daily((7, 20 + MINUTE), days=5)
    (finding,) = run(on_profile("wtr-1998", spans), "REST011")
    assert finding.details["longest_rest_hours"] * 60 == 10 * 60 + 59
    assert finding.message == (
        "BF1's longest rest was 10 h 59 min in the 24 hours from the start of work at "
        "2021-02-01 07:00 to 2021-02-02 07:00; an unbroken rest of at least 11 hours is "
        "required"
    )


def test_shifts_of_23_hours_59_minutes_eleven_hours_apart_fail() -> None:
    shift = 23 + 59 * MINUTE
    spans = [(0, shift), (shift + 11, 2 * shift + 11), (2 * shift + 22, 3 * shift + 22)]
    (finding,) = run(on_profile("wtr-1998", spans), "REST011")
    assert finding.details["longest_rest_hours"] * 60 == 1
    assert finding.details["window_start"].startswith("2021-02-01T00:00:00")


def test_a_rest_running_past_the_24_hours_counts_only_in_part() -> None:
    # 14 hours' work, then 11 hours off: only 10 of them fall in the 24 hours
    spans = [(0, 14), (25, 39), (50, 64)]
    (finding,) = run(on_profile("wtr-1998", spans), "REST011")
    assert finding.details["longest_rest_hours"] == 10


def test_the_mlc_profile_does_not_set_a_daily_rest() -> None:
    shift = 23 + 59 * MINUTE
    spans = [(0, shift), (shift + 11, 2 * shift + 11), (2 * shift + 22, 3 * shift + 22)]
    assert run(on_profile("mlc-a2.3", spans), "REST011") == []


def oracle(work: list[tuple[int, int]], length: int) -> int | None:
    """Minute by minute: the shortest longest rest in ``length`` from a start of work."""
    first, last, worked = _minutes(work)
    found: int | None = None
    for start, _ in work:
        at = start - first
        if start + length > last:
            continue
        inside = worked[at : at + length]
        longest = max((b - a for a, b in _rest_runs(inside)), default=0)
        found = longest if found is None else min(found, longest)
    return found


@given(schedules, st.sampled_from([6 * 60, 24 * 60]))
def test_rest_from_work_starts_agrees_with_the_minute_oracle(
    raw: list[tuple[int, int]], length: int
) -> None:
    work = _rest.merge_work((a, a + d) for a, d in raw)
    found = _rest.rest_from_work_starts(work, length, -(10**9), 10**9)
    assert (found.value if found else None) == oracle(work, length)
