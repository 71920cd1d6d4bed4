"""Figures the reliability tests measured, printed at the end of the pytest run
(tests/reliability/conftest.py's terminal summary) so that every run states them."""

from __future__ import annotations

FIGURES: dict[str, str] = {}


def report(key: str, line: str) -> None:
    FIGURES[key] = line
