"""Build the sample agenda packets in docs/samples/ from demo data.

    .venv/bin/python scripts/build_samples.py [--out docs/samples] [--comments 40]

Spanish strings still waiting in scripts/es/*.py (not yet merged into the catalog) are
compiled into a temporary catalog for the build, so the Spanish sample reads as it will.
A temporary SQLite database is migrated, seeded (`flask seed`'s HLED taxonomy) and given the
deterministic demo meeting of app/packets/demo.py; then two packets are built: the public
Spanish PDF and the internal bilingual PDF (plus the public English DOCX). Pages 1 (cover),
3 (summary and charts) and 5 (comments) of each PDF are rendered to PNG with `pdftoppm`
(poppler-utils). Nothing outside the output folder and a temporary directory is touched.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLES = (
    ("pdf", "es", "public"),
    ("pdf", "both", "internal"),
    ("docx", "en", "public"),
)
MAX_PDF_BYTES = 300 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "samples")
    parser.add_argument("--comments", type=int, default=40)
    args = parser.parse_args()

    from flask_migrate import upgrade

    from app import MIGRATIONS_DIR, create_app
    from app.db import db
    from app.packets.demo import seed_demo_meeting
    from app.packets.models import Audience, PacketFormat, PacketLanguage
    from app.packets.services import build_packet_file
    from app.taxonomy.services import HLED_SEED, read_seed_file, seed

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="consulta-samples-") as tmp:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/samples.sqlite3",
                "INSTANCE_PATH": tmp,
                "SECRET_KEY": "samples-only",
                "BABEL_TRANSLATION_DIRECTORIES": _catalog_with_pending(Path(tmp)),
            }
        )
        with app.app_context():
            upgrade(directory=MIGRATIONS_DIR, revision="heads")
            seed(db.session, read_seed_file(HLED_SEED))
            meeting = seed_demo_meeting(db.session, comments=args.comments)
            db.session.commit()
            for fmt, lang, audience in SAMPLES:
                built = build_packet_file(
                    db.session,
                    meeting,
                    PacketFormat(fmt),
                    PacketLanguage(lang),
                    Audience(audience),
                )
                target = args.out / built.file_name
                target.write_bytes(built.data)
                print(f"{_shown(target)}: {len(built.data):,} bytes, "
                      f"{built.pages or '-'} pages")  # fmt: skip
                if fmt == "pdf":
                    _first_page_png(target)
                    if len(built.data) > MAX_PDF_BYTES:
                        target.unlink()
                        print(f"  (PDF over {MAX_PDF_BYTES // 1024} KB: kept the PNG only)")
            db.engine.dispose()
    return 0


def _catalog_with_pending(tmp: Path) -> str:
    """The Spanish catalog plus the entries of scripts/es/*.py it lacks, compiled under tmp."""
    import runpy

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po = ROOT / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="es")
    for pending in sorted((ROOT / "scripts" / "es").glob("*.py")):
        for msgid, msgstr in runpy.run_path(str(pending)).get("ES", {}).items():
            existing = catalog.get(msgid)
            if existing is not None and existing.string and existing.string != ("", ""):
                continue
            if isinstance(msgstr, tuple):
                # A compiled catalog looks plurals up by the singular; the English plural
                # is not in the pending file and is not needed.
                if existing is not None:
                    catalog.delete(msgid)
                catalog.add((msgid, msgid), msgstr)
            else:
                catalog.add(msgid, msgstr)
    target = tmp / "translations" / "es" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    return str(tmp / "translations")


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _first_page_png(pdf: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("  pdftoppm not found (apt-get install poppler-utils): no PNG")
        return
    for page, suffix in ((1, "page1"), (3, "page3"), (5, "page5")):
        stem = pdf.with_name(f"{pdf.stem}-{suffix}")
        subprocess.run(  # noqa: S603
            [
                pdftoppm,
                "-png",
                "-r",
                "80",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(pdf),
                str(stem),
            ],  # fmt: skip
            check=True,
        )
        print(f"  {_shown(stem)}.png")


if __name__ == "__main__":
    sys.exit(main())
