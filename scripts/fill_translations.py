"""Merge a {msgid: msgstr} dictionary into translations/<lang>/LC_MESSAGES/messages.po.

Used when a batch of new strings is translated at once:
    python scripts/fill_translations.py es path/to/dict.py
The dictionary file defines ES (or the upper-cased language code); a message with a context
(pgettext) has the key "context\x04msgid", as in a compiled catalog. Existing translations are
kept unless the dictionary gives a new one; `flask translate update` must have run first.
"""

from __future__ import annotations

import runpy
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def main(lang: str, dictionary: str) -> int:
    mapping = runpy.run_path(dictionary)[lang.upper()]
    po_path = ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    catalog.fuzzy = False  # the header; an update may mark it
    if lang == "es":
        # The two-form rule Spanish translators use with gettext (CLDR's third "many" form
        # only matters for round millions).
        catalog._num_plurals = 2
        catalog._plural_expr = "(n != 1)"
    catalog.project = "Consulta"
    catalog.revision_date = datetime.now(UTC)
    catalog.version = ""
    catalog.copyright_holder = "the Consulta authors"
    catalog.msgid_bugs_address = "the Consulta issue tracker"
    catalog.last_translator = "Consulta team"
    catalog.language_team = "Consulta (es)"
    catalog.header_comment = (
        "# Spanish translations for Consulta.\n"
        "# Written for the U.S.–Mexico High-Level Economic Dialogue consultation:\n"
        "# usted, Mexican usage, accents and ¿¡ as a native speaker writes them.\n"
    )
    missing = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if message.context:  # pgettext: the dictionary's key is "context\x04msgid"
            key = f"{message.context}\x04{key}"
        if key in mapping:
            message.string = mapping[key]
            message.flags.discard("fuzzy")
        elif not message.string:
            missing.append(key)
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, ignore_obsolete=True)
    for key in missing:
        print(f"untranslated: {key!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
