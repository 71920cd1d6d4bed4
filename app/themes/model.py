"""The optional local embedding model (THEMES_MODEL_DIR): the hook where one would plug in, and
the fallback that keeps the default method (app/themes/analysis.py) when it cannot be used.

Nothing is ever downloaded. A model directory is one already on this machine, laid out as the
common exports are: a `config.json` (a JSON object) and a weights file (`model.safetensors`,
`pytorch_model.bin` or `model.onnx`, not empty). This version ships no encoder for it: even a
usable directory is reported and the default method runs. A missing or corrupt directory is a
logged warning, never an error: the build goes on with the default method."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from app.themes import analysis

log = logging.getLogger("consulta.themes")

WEIGHTS = ("model.safetensors", "pytorch_model.bin", "model.onnx")


@dataclass(frozen=True)
class LocalModel:
    """A usable model directory: where it is, its configuration and its weights file."""

    path: Path
    config: dict
    weights: Path


def load(directory: str | Path | None) -> LocalModel | None:
    """The model in `directory`, or None (with a logged warning saying why) when it is not set,
    missing or corrupt. Never raises."""
    if not directory:
        return None
    path = Path(directory)
    try:
        if not path.is_dir():
            log.warning("THEMES_MODEL_DIR %s is not a directory: using the default method", path)
            return None
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        if not isinstance(config, dict):
            raise ValueError("config.json is not a JSON object")
        weights = next((path / name for name in WEIGHTS if (path / name).is_file()), None)
        if weights is None or weights.stat().st_size == 0:
            raise ValueError(f"no weights file ({', '.join(WEIGHTS)}) or an empty one")
    except (OSError, ValueError) as exc:  # json.JSONDecodeError and UnicodeError are ValueErrors
        log.warning("THEMES_MODEL_DIR %s cannot be used (%s): using the default method", path, exc)
        return None
    return LocalModel(path, config, weights)


def method(directory: str | Path | None) -> str:
    """The method a build uses (what ThemeSpace.method records): the default one
    (analysis.METHOD) unless a usable model and an encoder for it are present. The hook: an
    encoder that turns texts into vectors from `LocalModel` would be chosen here; none ships
    yet, so a usable directory is reported and the default runs."""
    found = load(directory)
    if found is not None:
        log.warning(
            "THEMES_MODEL_DIR %s holds a model, but this version has no encoder for it: "
            "using the default method",
            found.path,
        )
    return analysis.METHOD
