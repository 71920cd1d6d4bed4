"""Changes to the taxonomy: loading a dialogue's seed file."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import utcnow
from app.taxonomy.models import Consultation, Country, Pillar, Region, Sector, Topic

HLED_SEED = Path(__file__).with_name("hled.toml")


class SeedError(ValueError):
    """The seed file cannot be loaded; the message names the entry at fault."""


def read_seed_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise SeedError(f"seed file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SeedError(f"seed file {path} is not valid TOML: {exc}") from None
    _check_seed(data)
    return data


def _require(entry: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    for key in keys:
        value = entry.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise SeedError(f"{where}: missing {key}")


def _check_seed(data: dict[str, Any]) -> None:
    """Refuse the whole file before writing anything: no half-loaded taxonomy."""
    _check_kinds(data)
    _check_links(data)
    _check_consultation(data.get("consultation"))


def _check_kinds(data: dict[str, Any]) -> None:
    """Each kind has entries, with unique codes and names in both languages."""
    bilingual = ("name_en", "name_es")
    for kind in ("pillars", "topics", "sectors", "countries", "regions"):
        entries = data.get(kind)
        if not isinstance(entries, list) or not entries:
            raise SeedError(f"seed file has no [[{kind}]] entries")
        codes = [entry.get("code") for entry in entries]
        duplicates = {code for code in codes if codes.count(code) > 1}
        if duplicates:
            raise SeedError(f"{kind}: duplicate code {sorted(duplicates)[0]!r}")
        for entry in entries:
            _require(entry, ("code", *bilingual), f"{kind} {entry.get('code', '?')!r}")


def _check_links(data: dict[str, Any]) -> None:
    """Every topic names a pillar of the file, every region a country of the file."""
    pillar_codes = {p["code"] for p in data["pillars"]}
    for topic in data["topics"]:
        if topic.get("pillar") not in pillar_codes:
            raise SeedError(f"topics {topic['code']!r}: unknown pillar {topic.get('pillar')!r}")
    country_codes = {c["code"] for c in data["countries"]}
    for region in data["regions"]:
        if region.get("country") not in country_codes:
            raise SeedError(
                f"regions {region['code']!r}: unknown country {region.get('country')!r}"
            )


def _check_consultation(consultation: Any) -> None:
    if not isinstance(consultation, dict):
        raise SeedError("seed file has no [consultation]")
    _require(
        consultation,
        ("slug", "title_en", "title_es", "description_en", "description_es", "timezone"),
        "consultation",
    )
    try:
        ZoneInfo(consultation["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise SeedError(f"consultation: unknown time zone {consultation['timezone']!r}") from None
    if not isinstance(consultation.get("open_days"), int) or consultation["open_days"] < 1:
        raise SeedError("consultation: open_days must be a positive whole number")


def _upsert_all(
    session: Session,
    model: type,
    key: str,
    rows: dict[str, dict[str, Any]],
    create_only: bool = False,
) -> int:
    """Create or update rows by their stable key (`rows` maps each key to its fields); returns
    how many were created or changed. The existing rows are read in one query. With
    `create_only`, an existing row is left as it is (administrators edit pillars, topics and
    sectors in the browser, and a later `flask seed` must not undo their work)."""
    column = getattr(model, key)
    found: list[Any] = list(session.scalars(select(model).where(column.in_(rows))))
    existing = {getattr(row, key): row for row in found}
    changed = 0
    for value, fields in rows.items():
        row = existing.get(value)
        if row is None:
            session.add(model(**{key: value}, **fields))
            changed += 1
            continue
        if create_only:
            continue
        differs = False
        for name, new in fields.items():
            if getattr(row, name) != new:
                setattr(row, name, new)
                differs = True
        changed += differs
    return changed


def seed(session: Session, data: dict[str, Any], now: datetime | None = None) -> dict[str, int]:
    """Load a checked seed file. Idempotent: a second run changes nothing. Returns how many
    rows of each kind were created or updated. Flushes; the caller commits."""
    changed = {"pillars": _seed_pillars(session, data["pillars"])}
    session.flush()  # topics need the pillars' ids
    changed["topics"] = _seed_topics(session, data["topics"])
    changed["sectors"] = _seed_sectors(session, data["sectors"])
    changed["countries"] = _seed_countries(session, data["countries"])
    session.flush()
    changed["regions"] = _seed_regions(session, data["regions"])
    changed["consultations"] = _seed_consultation(session, data["consultation"], now or utcnow())
    session.flush()
    return changed


def _seed_pillars(session: Session, entries: list[dict[str, Any]]) -> int:
    rows = {
        p["code"]: {
            "position": p["position"],
            "name_en": p["name_en"],
            "name_es": p["name_es"],
            "description_en": p.get("description_en", ""),
            "description_es": p.get("description_es", ""),
        }
        for p in entries
    }
    return _upsert_all(session, Pillar, "code", rows, create_only=True)


def _seed_topics(session: Session, entries: list[dict[str, Any]]) -> int:
    pillar_ids = dict(session.execute(select(Pillar.code, Pillar.id)).tuples().all())
    rows = {
        t["code"]: {
            "pillar_id": pillar_ids[t["pillar"]],
            "position": t["position"],
            "name_en": t["name_en"],
            "name_es": t["name_es"],
        }
        for t in entries
    }
    return _upsert_all(session, Topic, "code", rows, create_only=True)


def _seed_sectors(session: Session, entries: list[dict[str, Any]]) -> int:
    rows = {
        s["code"]: {"position": s["position"], "name_en": s["name_en"], "name_es": s["name_es"]}
        for s in entries
    }
    return _upsert_all(session, Sector, "code", rows, create_only=True)


def _seed_countries(session: Session, entries: list[dict[str, Any]]) -> int:
    """Countries are listed in the file's order."""
    rows = {
        c["code"]: {"position": position, "name_en": c["name_en"], "name_es": c["name_es"]}
        for position, c in enumerate(entries, start=1)
    }
    return _upsert_all(session, Country, "code", rows)


def _seed_regions(session: Session, entries: list[dict[str, Any]]) -> int:
    rows = {
        r["code"]: {"country_code": r["country"], "name_en": r["name_en"], "name_es": r["name_es"]}
        for r in entries
    }
    return _upsert_all(session, Region, "code", rows)


def _seed_consultation(session: Session, c: dict[str, Any], now: datetime) -> int:
    """The demo window starts at the first seed; later runs leave it (and any edits) alone."""
    existing = session.scalar(select(Consultation).where(Consultation.slug == c["slug"]))
    if existing is not None:
        return 0
    session.add(
        Consultation(
            slug=c["slug"],
            title_en=c["title_en"],
            title_es=c["title_es"],
            description_en=c["description_en"],
            description_es=c["description_es"],
            timezone=c["timezone"],
            opens_at=now - timedelta(minutes=1),
            closes_at=now + timedelta(days=c["open_days"]),
        )
    )
    return 1
