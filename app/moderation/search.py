"""Full-text search over title, body and organization that ignores case and accents in both
languages ("educacion" finds "educación"). The application keeps `submissions.search_text`
normalised; each engine indexes it its own way: an FTS5 table (kept in step by triggers) on
SQLite, a GIN index over to_tsvector('simple', …) on PostgreSQL."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import func, text
from sqlalchemy.orm import Session

TOKEN = re.compile(r"\w+", re.UNICODE)
# Each engine's own index, created by a migration but not a model object: schema comparisons
# (Alembic autogenerate, tests/test_migrations.py) skip these names.
ENGINE_ONLY_OBJECTS = ("submissions_fts", "ix_submissions_search")
MAX_TERMS = 12


def normalise(value: str) -> str:
    """Casefolded, accents removed, one space between words."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(TOKEN.findall(stripped))


def search_text_for(title: str | None, body: str | None, organization: str | None) -> str:
    return normalise(" ".join(part for part in (title, organization, body) if part))


def terms(query: str) -> list[str]:
    return normalise(query).split()[:MAX_TERMS]


def matches(session: Session, query: str) -> Any | None:
    """A WHERE clause for submissions matching every term, or None for an empty query.
    Terms are passed as data, never as query syntax: quotes, stars and LIKE wildcards that a
    visitor typed are just characters."""
    from app.intake.models import Submission

    words = terms(query)
    if not words:
        return None
    if session.get_bind().dialect.name == "postgresql":
        tsquery = func.to_tsquery("simple", " & ".join(f"'{w}'" for w in words if "'" not in w))
        return func.to_tsvector("simple", func.coalesce(Submission.search_text, "")).op("@@")(
            tsquery
        )
    phrase = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    return Submission.id.in_(
        text("SELECT rowid FROM submissions_fts WHERE submissions_fts MATCH :phrase").bindparams(
            phrase=phrase
        )
    )
