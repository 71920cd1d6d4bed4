"""Rows of the access table, one module per area: each defines ROWS = {endpoint: who}.

tests/test_access.py merges them all; a route without a row anywhere fails the suite."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any


def all_rows() -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for module in pkgutil.iter_modules(__path__):
        area_rows = importlib.import_module(f"{__name__}.{module.name}").ROWS
        duplicated = rows.keys() & area_rows.keys()
        assert not duplicated, f"declared twice: {sorted(duplicated)}"
        rows.update(area_rows)
    return rows
