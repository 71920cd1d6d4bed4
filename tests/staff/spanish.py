"""The Spanish catalogue with this area's new strings (scripts/es/moderation.py) merged in,
so Spanish pages can be tested before the lead merges the files into translations/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask

from scripts.es.moderation import ES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def spanish(app: Flask, tmp_path: Path) -> Iterator[None]:
    with (ROOT / "translations/es/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="es")
    for msgid, msgstr in ES.items():
        if isinstance(msgstr, tuple):
            catalog.add((msgid, msgid), msgstr)
        else:
            catalog.add(msgid, msgstr)
    target = tmp_path / "translations/es/LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    config = app.extensions["babel"]
    saved = list(config.translation_directories)
    config.translation_directories[:] = [str(tmp_path / "translations")]
    with app.app_context():
        domain = config.instance.domain_instance
    domain.cache.clear()
    yield
    config.translation_directories[:] = saved
    domain.cache.clear()
