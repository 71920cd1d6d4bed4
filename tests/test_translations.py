"""The Spanish catalog is complete, current with the source, and compiled; a string added
without its translation fails here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from app.cli import extract_arguments

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "messages.pot"
PO = ROOT / "translations" / "es" / "LC_MESSAGES" / "messages.po"
MO = ROOT / "translations" / "es" / "LC_MESSAGES" / "messages.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def _ids(catalog) -> set:
    return {m.id for m in catalog if m.id}


def _keys(catalog) -> set:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}


@pytest.fixture(scope="module")
def po():
    with PO.open("rb") as handle:
        return read_po(handle, locale="es")


def test_template_is_current_with_the_source(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *extract_arguments(fresh)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with fresh.open("rb") as a, POT.open("rb") as b:
        # A message is its text and its context: "State" (of a comment) and "State" (of a
        # country) are two messages with two translations.
        current, committed = _keys(read_po(a)), _keys(read_po(b))
    assert current - committed == set(), "run `make translations`: new strings not in the .pot"
    assert committed - current == set(), "run `make translations`: the .pot has stale strings"


def test_every_message_has_a_spanish_translation(po) -> None:
    with POT.open("rb") as handle:
        template = _ids(read_po(handle))
    assert _ids(po) == template, "run `flask translate update`"
    untranslated = [m.id for m in po if m.id and not all(_forms(m.string))]
    fuzzy = [m.id for m in po if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def _forms(value) -> list[str]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def test_translations_keep_every_placeholder(po) -> None:
    for message in po:
        if not message.id:
            continue
        expected = sorted(PLACEHOLDER.findall(_forms(message.id)[-1]))
        for form in _forms(message.string):
            assert sorted(PLACEHOLDER.findall(form)) == expected, message.id


def test_plural_messages_have_every_spanish_form(po) -> None:
    plurals = [m for m in po if m.id and m.pluralizable]
    assert plurals, "no plural message: this test would prove nothing"
    for message in plurals:
        assert len(message.string) == po.num_plurals == 2, message.id
        assert all(message.string), message.id


def test_compiled_catalog_matches_the_po_file(po) -> None:
    with MO.open("rb") as handle:
        compiled = read_mo(handle)

    def table(catalog) -> dict:
        return {(m.context, *_forms(m.id)): tuple(_forms(m.string)) for m in catalog if m.id}

    assert table(compiled) == table(po), "run `flask translate compile`"


def test_spanish_reads_as_spanish(po) -> None:
    """A guard against copy-pasted English: accents and usted forms appear where expected."""
    strings = {m.id: m.string for m in po if m.id}
    assert strings["Which sector do you represent?"].startswith("¿")
    assert "é" in strings["Page not found"] or "á" in strings["Page not found"]
    assert strings["Send comment"] != "Send comment"
