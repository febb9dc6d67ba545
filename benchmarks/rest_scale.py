"""Scale of the hours-of-rest rules: 1,000 people for 365 days against a CSV parse and an oracle.

Run: ``python benchmarks/rest_scale.py``. Generates (seeded, so every run is the same) a
year of work records for 1,000 fictional people, 2 or 3 work periods a day on watch and
day-work patterns with jitter, overtime and some breaches, as CSV text ``person,start,end``
with ISO 8601 times and offsets. Then times, in this one process:

* **csv parse**: ``list(csv.reader(...))`` of that text, the bare cost of reading it;
* **checker**: ``maritime_crew.check(fleet, as_of=<last day>, config=Config(select=("REST",)))``
  on a fleet built in memory from the same periods (built outside the timing; each run
  gets a fresh ``Fleet`` object so nothing cached from an earlier run is reused);
* **oracle**: a minute-by-minute computation of the same figures (least rest in any
  24 hours and any 7 days, most rest periods starting in any 24 hours, any 24 hours
  without a 6-hour rest, longest work between rests) on a random sample of people,
  scaled to the whole fleet (one run each: it is the slow part).

The csv parse is timed before the fleet is built, while the heap is small. Each side is
timed twice over: with the cyclic garbage collector on, as in real use, and off, as
``timeit`` does. The collector costs the parse of 780,000 rows nearly half its time and
the checker little, so the two ratios differ a lot; both are printed.

The oracle of ``tests/rules/test_rest.py`` recomputes every window from scratch
(``O(minutes x window)``, hours of CPU for one person-year), so the oracle here walks
the minutes once per figure with running counts. It is checked against the test oracle
on a few days of one person when the tests package is importable, and its verdicts are
checked against the checker's findings for the sampled people.

Prints the medians and the ratios: checker/oracle speed-up (goal: at least 50x) and
checker/csv-parse with the collector on and off (goal: at most 3x).
"""

from __future__ import annotations

import csv
import datetime
import gc
import io
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pendulum

import maritime_crew as mc
from maritime_crew.facts import Facts

PEOPLE = 1_000
DAYS = 365
FIRST_DAY = datetime.date(2021, 1, 1)
AS_OF = pendulum.Date(2021, 12, 31)
LONDON = ZoneInfo("Europe/London")
SAMPLE = 5
CSV_RUNS = 5
CHECK_RUNS = 3
SEED = 6

# Patterns of work (local hours) for one day: watches of 4-on/8-off and 6-on/6-off, day
# work with a lunch break (two periods); a third, evening period for STCW people.
TWO_PERIODS = [
    [(0, 4), (12, 16)],
    [(4, 8), (16, 20)],
    [(8, 12), (20, 24)],
    [(0, 6), (12, 18)],
    [(6, 12), (18, 24)],
    [(7, 12), (13, 18)],
]
THREE_PERIODS = [
    [(6, 10), (12, 16), (18, 20)],
    [(0, 4), (8, 12), (16, 18)],
]


def _seconds(day: datetime.date, minutes: int) -> int:
    """Seconds since the epoch of ``minutes`` after local midnight of ``day`` (wall clock)."""
    hour, minute = divmod(minutes, 60)
    extra, hour = divmod(hour, 24)
    local = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)
    return int((local + datetime.timedelta(days=extra)).timestamp())


def generate(seed: int = SEED) -> tuple[list[tuple[str, int, int]], set[str]]:
    """Work periods ``(person, start, end)`` in seconds, and the people on STCW terms."""
    rng = random.Random(seed)
    periods: list[tuple[str, int, int]] = []
    stcw: set[str] = set()
    for n in range(PEOPLE):
        who = f"BF{n:05d}"
        three = rng.random() < 0.15
        if three:
            stcw.add(who)
        patterns = THREE_PERIODS if three else TWO_PERIODS
        pattern = rng.choice(patterns)
        for d in range(DAYS):
            day = FIRST_DAY + datetime.timedelta(days=d)
            if rng.random() < 0.004:  # a change of watch now and then
                pattern = rng.choice(patterns)
            spans = []
            for a, b in pattern:
                start, end = a * 60, b * 60
                if rng.random() < 0.03:  # a watch handed over early or late
                    start += rng.choice((-15, -10, -5, 5, 10))
                if rng.random() < 0.03:
                    end += rng.choice((-10, -5, 5, 10, 15, 20))
                if rng.random() < 0.0005:  # overtime: some breaches of the limits
                    end += rng.randint(2, 7) * 60
                spans.append((start, end))
            if rng.random() < 0.002:  # an extra call-out between watches
                call = rng.randint(0, 23 * 60)
                spans.append((call, call + rng.choice((30, 60, 90))))
            for start, end in spans:
                periods.append((who, _seconds(day, start), _seconds(day, end)))
    return periods, stcw


def to_csv(periods: list[tuple[str, int, int]]) -> str:
    out = io.StringIO()
    out.write("person,start,end\n")
    for who, start, end in periods:
        a = datetime.datetime.fromtimestamp(start, LONDON).isoformat()
        b = datetime.datetime.fromtimestamp(end, LONDON).isoformat()
        out.write(f"{who},{a},{b}\n")
    return out.getvalue()


Parts = tuple[
    tuple[mc.model.Person, ...],
    tuple[mc.model.TermsAndConditions, ...],
    tuple[mc.model.WorkPeriod, ...],
]


def build_parts(rows: list[list[str]], stcw: set[str]) -> Parts:
    """People, terms sets, and work periods read from the CSV rows as the loader reads them."""
    sets = (
        mc.model.TermsAndConditions(
            id="tc-mlc",
            title="Terms with MLC rest",
            rest_profile="mlc-a2.3",
            effective=pendulum.Date(2020, 1, 1),
            status=mc.model.TermsStatus.IN_FORCE,
        ),
        mc.model.TermsAndConditions(
            id="tc-stcw",
            title="Terms with STCW rest",
            rest_profile="stcw-a-viii-1",
            effective=pendulum.Date(2020, 1, 1),
            status=mc.model.TermsStatus.IN_FORCE,
        ),
    )
    people = []
    for n in range(PEOPLE):
        who = f"BF{n:05d}"
        terms: tuple[mc.model.TermsAssignment, ...]
        if who in stcw:
            terms = (mc.model.TermsAssignment("tc-stcw", pendulum.Date(2020, 1, 1)),)
        elif n % 10 == 1:  # a move between sets mid-year: two profile runs
            terms = (
                mc.model.TermsAssignment(
                    "tc-mlc", pendulum.Date(2020, 1, 1), pendulum.Date(2021, 6, 30)
                ),
                mc.model.TermsAssignment("tc-stcw", pendulum.Date(2021, 7, 1)),
            )
        else:
            terms = (mc.model.TermsAssignment("tc-mlc", pendulum.Date(2020, 1, 1)),)
        people.append(mc.model.Person(who, f"Person {n}", mc.model.Discipline.DECK, terms=terms))
    moments: dict[str, pendulum.DateTime] = {}

    def moment(text: str) -> pendulum.DateTime:
        found = moments.get(text)
        if found is None:
            found = moments[text] = pendulum.instance(datetime.datetime.fromisoformat(text))
        return found

    work = tuple(
        mc.model.WorkPeriod(person=p, start=moment(a), end=moment(b)) for p, a, b in rows[1:]
    )
    return tuple(people), sets, work


def fresh_fleet(parts: Parts) -> mc.model.Fleet:
    people, sets, work = parts
    return mc.model.Fleet(people=people, terms=sets, work_periods=work)


# -- the oracle ----------------------------------------------------------------------------


def oracle(work: list[tuple[int, int]], shortest: int = 0) -> dict[str, int | bool]:
    """Minute by minute over the record of merged work ``(start, end)`` in minutes.

    A break shorter than ``shortest`` minutes is work (the profile's ``min_rest_period``).
    """
    bridged: list[tuple[int, int]] = []
    for a, b in work:
        if bridged and a - bridged[-1][1] < shortest:
            bridged[-1] = (bridged[-1][0], b)
        else:
            bridged.append((a, b))
    work = bridged
    first, last = work[0][0], work[-1][1]
    n = last - first
    worked = bytearray(n)
    for a, b in work:
        worked[a - first : b - first] = b"\x01" * (b - a)
    result: dict[str, int | bool] = {}
    for name, length in (("rest_24h", 24 * 60), ("rest_7d", 7 * 24 * 60)):
        if n < length:
            continue
        work_in = sum(worked[:length])
        most = work_in
        for t in range(1, n - length + 1):
            work_in += worked[t + length - 1] - worked[t - 1]
            if work_in > most:
                most = work_in
        result[name] = length - most
    # rest periods start where work ends; long rest: minutes inside a gap of 6 hours or more
    starts = bytearray(n)
    long_rest = bytearray(n)
    longest_work = run = 0
    gap_from = None
    for m in range(n):
        if worked[m]:
            run += 1
            if gap_from is not None:
                if m - gap_from >= 6 * 60:
                    long_rest[gap_from:m] = b"\x01" * (m - gap_from)
                gap_from = None
        else:
            if run > longest_work:
                longest_work = run
            run = 0
            if m > 0 and worked[m - 1]:
                starts[m] = 1
                gap_from = m
    result["longest_work"] = max(longest_work, run)
    length = 24 * 60
    if n >= length:
        count = sum(starts[:length])
        long_in = sum(long_rest[:length])
        most_periods = count
        breach = long_in == 0
        for t in range(1, n - length + 1):
            count += starts[t + length - 1] - starts[t - 1]
            long_in += long_rest[t + length - 1] - long_rest[t - 1]
            if count > most_periods:
                most_periods = count
            if long_in == 0:
                breach = True
        result["periods_24h"] = most_periods
        result["no_long_rest_24h"] = breach
    return result


def merged_minutes(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _cross_check_with_test_oracle(work: list[tuple[int, int]]) -> str:
    """Compare this oracle with the one in tests/rules/test_rest.py on a few days."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    try:
        from tests.rules.test_rest import oracle as test_oracle
    except ImportError as exc:
        return f"skipped ({exc})"
    few = [(a, b) for a, b in work if b <= work[0][0] + 4 * 24 * 60]
    ours = oracle(few)
    theirs = test_oracle(few, 24 * 60)
    same = (ours["rest_24h"], ours["periods_24h"], ours["no_long_rest_24h"]) == (
        theirs["rest"],
        theirs["periods"],
        theirs["breach"],
    )
    if not same:
        raise SystemExit(f"oracles disagree on 4 days: {ours} against {theirs}")
    return "agrees with tests/rules/test_rest.py on 4 days"


JUDGED = frozenset({"REST001", "REST002", "REST003", "REST004", "REST005"})
"""The rules whose verdicts the oracle's figures give (not REST010 and REST012, which
need runs of windows, nor the WTR rules, which no generated person is on)."""


def _verdicts(figures: dict[str, int | bool], profile: mc.model.RestProfile) -> set[str]:
    """The REST codes the oracle's figures breach under one profile for the whole record."""
    found = set()
    minutes = 60

    def limit(period: mc.model.Period | None) -> int | None:
        return None if period is None else int(period.as_timedelta().total_seconds()) // minutes

    if (x := limit(profile.min_rest_24h)) is not None and figures["rest_24h"] < x:
        found.add("REST001")
    weekly = profile.reduced_min_rest_7d or profile.min_rest_7d  # as REST002 reads it
    if (x := limit(weekly)) is not None and figures["rest_7d"] < x:
        found.add("REST002")
    most = profile.exception_rest_periods_24h or profile.max_rest_periods_24h
    if most is not None and figures["periods_24h"] > most:
        found.add("REST003")
    if profile.min_longest_rest_24h is not None and figures["no_long_rest_24h"]:
        assert limit(profile.min_longest_rest_24h) == 6 * 60  # the oracle's figure
        found.add("REST004")
    x = limit(profile.max_interval_between_rests)
    if x is not None and figures["longest_work"] > x:
        found.add("REST005")
    return found


# -- timing --------------------------------------------------------------------------------


def timed(job: Callable[[], object], *, collector: bool) -> tuple[float, object]:
    """Seconds one run of ``job`` takes (after a full collection), and its result.

    With ``collector`` false the cyclic garbage collector is off while the clock runs,
    as ``timeit`` does by default; with it on, collections fall where they fall, as in
    real use. Both are reported: with a million records in memory they differ a lot.
    """
    gc.collect()
    if not collector:
        gc.disable()
    try:
        start = time.perf_counter()
        result = job()
        return time.perf_counter() - start, result
    finally:
        gc.enable()


def median(runs: int, job: Callable[[], object], *, collector: bool) -> tuple[float, object]:
    times = []
    result: object = None
    for _ in range(runs):
        seconds, result = timed(job, collector=collector)
        times.append(seconds)
    return statistics.median(times), result


def main() -> None:
    started = time.perf_counter()
    periods, stcw = generate()
    text = to_csv(periods)

    def parse() -> object:
        return list(csv.reader(io.StringIO(text)))

    csv_on, rows = median(CSV_RUNS, parse, collector=True)
    csv_off, _ = median(CSV_RUNS, parse, collector=False)
    assert isinstance(rows, list)
    parts = build_parts(rows, stcw)
    config = mc.rules.Config(select=("REST",))
    check_times: dict[bool, list[float]] = {True: [], False: []}
    report = None
    for run in range(2 * CHECK_RUNS):
        collector = run % 2 == 0
        fleet = fresh_fleet(parts)  # outside the timing
        Facts.of(fleet).forget_dates()
        seconds, report = timed(
            lambda fleet=fleet: mc.check(fleet, as_of=AS_OF, config=config), collector=collector
        )
        check_times[collector].append(seconds)
        del fleet
    check_on, check_off = (statistics.median(check_times[mode]) for mode in (True, False))
    check_s = min(check_on, check_off)
    assert isinstance(report, mc.rules.Report)

    # the oracle on a sample, scaled to the whole fleet
    by_person: dict[str, list[tuple[int, int]]] = {}
    for who, a, b in periods:
        by_person.setdefault(who, []).append((a // 60, b // 60))
    rng = random.Random(SEED + 1)
    sample = rng.sample(sorted(by_person), SAMPLE)
    cross = _cross_check_with_test_oracle(merged_minutes(by_person[sample[0]]))
    oracle_times = []
    findings = {(f.code, f.subject.id) for f in report.findings}
    mlc = mc.model.BUILTIN_REST_PROFILES["mlc-a2.3"]
    stcw_profile = mc.model.BUILTIN_REST_PROFILES["stcw-a-viii-1"]
    compared = 0
    for who in sample:
        work = merged_minutes(by_person[who])
        profile = stcw_profile if who in stcw else mlc
        shortest = profile.min_rest_period
        start = time.perf_counter()
        figures = oracle(
            work, int(shortest.as_timedelta().total_seconds()) // 60 if shortest else 0
        )
        oracle_times.append(time.perf_counter() - start)
        if int(who[2:]) % 10 == 1 and who not in stcw:
            continue  # two profiles in the year: the oracle has no profile runs
        expected = _verdicts(figures, profile)
        got = {code for code, subject in findings if subject == who and code in JUDGED}
        if expected != got:
            raise SystemExit(f"{who}: oracle breaches {sorted(expected)}, checker {sorted(got)}")
        compared += 1
    oracle_s = statistics.fmean(oracle_times) * PEOPLE  # the sample's mean, scaled

    codes: dict[str, int] = {}
    for finding in report.findings:
        codes[finding.code] = codes.get(finding.code, 0) + 1
    print(
        f"{PEOPLE} people x {DAYS} days: {len(periods):,} work periods, "
        f"{len(text) / 1e6:.1f} MB of CSV"
    )
    print("findings: " + ", ".join(f"{code} {count}" for code, count in sorted(codes.items())))
    print(f"oracle: {cross}; verdicts agree with the checker for {compared}/{SAMPLE} sampled")
    print()
    print(f"{'median ms':>46}{'gc on':>10}{'gc off':>10}")
    print(f"{'csv parse (csv.reader, list)':<46}{csv_on * 1e3:>10.0f}{csv_off * 1e3:>10.0f}")
    print(f"{'checker (check, REST rules)':<46}{check_on * 1e3:>10.0f}{check_off * 1e3:>10.0f}")
    print(f"{f'oracle (minutes), {SAMPLE} people scaled to {PEOPLE}':<46}{oracle_s * 1e3:>10.0f}")
    print()
    print(f"checker/oracle speed-up: {oracle_s / check_s:6.1f}x  (goal: at least 50x)")
    print(
        f"checker/csv-parse ratio: {check_on / csv_on:6.1f}x with the garbage collector on, "
        f"{check_off / csv_off:.1f}x with it off  (goal: at most 3x)"
    )
    print(f"(whole benchmark: {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
