"""``check`` is safe from several threads on one ``Fleet``: each result equals a sequential one.

A fleet is frozen, but it builds its indexes on first use, and its facts keep caches of
answers that depend on the fleet alone and of answers for each date. The threads
start together on a freshly loaded fleet, so they race to build the same indexes and
fill the same caches, on interleaved dates. The interpreter is made to switch threads
every 10 microseconds meanwhile, so that a race a check could lose shows up here.
"""

from __future__ import annotations

import concurrent.futures
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import maritime_crew as mc
from maritime_crew import report, synth

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "fleet"
DATES = ["2019-06-01", "2020-06-01", "2021-03-31", "2022-01-01"]
THREADS = 8
ROUNDS = 1
"""Each thread checks every date, in a different order, this many times."""


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("concurrency") / "fleet"
    synth.write(root, 60, seed=11)
    return root


@pytest.fixture
def eager_switching() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(before)


def _in_parallel(task: Callable[[str], str]) -> list[tuple[str, str]]:
    """Run ``task`` on every date from each thread, all threads starting at once."""
    start = threading.Barrier(THREADS, timeout=60)

    def worker(offset: int) -> list[tuple[str, str]]:
        start.wait()
        days = [DATES[(offset + n) % len(DATES)] for n in range(len(DATES) * ROUNDS)]
        return [(day, task(day)) for day in days]

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(worker, range(THREADS)))
    return [pair for result in results for pair in result]


@pytest.mark.parametrize("source", ["example", "synthetic"])
def test_parallel_checks_of_one_fleet_match_sequential_ones(
    source: str, synthetic: Path, eager_switching: None
) -> None:
    path = EXAMPLE if source == "example" else synthetic
    sequential = mc.load(path)
    expected = {
        day: report.render(mc.check(sequential, as_of=day), sequential, "json", tool_version="0")
        for day in DATES
    }
    assert len(set(expected.values())) == len(DATES)  # the dates give different reports

    shared = mc.load(path)  # a fresh fleet: no index built, no cache filled

    def task(day: str) -> str:
        return report.render(mc.check(shared, as_of=day), shared, "json", tool_version="0")

    results = _in_parallel(task)
    assert len(results) == THREADS * len(DATES) * ROUNDS
    assert [day for day, text in results if text != expected[day]] == []
