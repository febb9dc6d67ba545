"""Shared test configuration: Hypothesis profiles and small helpers.

The ``ci`` profile (used by tox, and so by CI) runs a fixed, derandomised budget of
examples so that runs are reproducible and bounded in time. ``dev`` explores more.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The atheris harness is run by hand (tests/fuzz/README.md), never collected by pytest.
collect_ignore = ["fuzz"]
