"""The layering holds where a newcomer would trip on it: every area's models import on their
own, in a fresh interpreter, with no other area's module loaded first."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODELS = [
    "app.taxonomy.models",
    "app.staff.models",
    "app.intake.models",
    "app.campaigns.models",
    "app.moderation.models",
    "app.agenda.models",
    "app.admin.models",
    "app.packets.models",
]


@pytest.mark.parametrize("module", MODELS)
def test_models_import_alone(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_intake_models_load_no_workflow_area() -> None:
    """Intake sits below moderation and campaigns: importing its models must not drag them
    in (they used to import each other)."""
    code = (
        "import sys, app.intake.models; "
        "print(sorted(m for m in sys.modules if m.startswith(('app.moderation', 'app.campaigns'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
