"""What later steps did with a comment, shown to its submitter on the status page. An area
above intake (the agenda, with its outcomes) registers a reader when the app starts, so
intake shows it without importing that area (the layers in pyproject.toml)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from flask import Flask, current_app
from sqlalchemy.orm import Session

Reader = Callable[[Session, int], Sequence[Any]]
KEY = "consulta_status_readers"


def register(app: Flask, name: str, reader: Reader) -> None:
    app.extensions.setdefault(KEY, {})[name] = reader


def read(session: Session, submission_id: int) -> dict[str, Sequence[Any]]:
    """Each registered reader's rows for this comment, by the name it was registered under."""
    readers: dict[str, Reader] = current_app.extensions.get(KEY, {})
    return {name: reader(session, submission_id) for name, reader in readers.items()}
