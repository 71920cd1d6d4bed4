"""Hypothesis writes nothing into the repository: no example database, and its home folder
(where it caches constants it found in the code) under the system's temporary folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "consulta-hypothesis")

settings.register_profile(
    "reliability",
    database=None,
    deadline=None,
    derandomize=False,
    print_blob=True,
    # The app and client fixtures are set up once per test, not per example, on purpose:
    # examples share one database, which is then checked as a whole.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    from tests.reliability.figures import FIGURES

    if FIGURES:
        terminalreporter.section("reliability figures")
        for key in sorted(FIGURES):
            terminalreporter.write_line(f"{key}: {FIGURES[key]}")
