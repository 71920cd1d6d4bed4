"""`flask seed` loads the HLED taxonomy from its data file, and a second run changes nothing."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from app.db import db
from app.models import Consultation, Country, Pillar, Region, Sector, Topic


def _snapshot(app: Flask) -> dict[str, list[tuple]]:
    with app.app_context():
        return {
            table.name: sorted(map(tuple, db.session.execute(table.select()).all()), key=repr)
            for table in db.metadata.sorted_tables
        }


def test_seed_loads_the_hled_taxonomy(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        pillars = db.session.scalars(select(Pillar).order_by(Pillar.position)).all()
        assert [p.name_en for p in pillars][0] == "Building Back Together"
        assert pillars[0].name_es == "Reconstruir juntos"
        assert len(pillars) == 4
        assert db.session.scalar(select(func.count()).select_from(Topic)) >= 20
        topic_codes = set(db.session.scalars(select(Topic.code)))
        assert {"semiconductors", "cybersecurity", "workforce_development"} <= topic_codes
        assert db.session.scalar(select(func.count()).select_from(Sector)) == 4
        us = db.session.scalar(select(func.count()).where(Region.country_code == "US"))
        mx = db.session.scalar(select(func.count()).where(Region.country_code == "MX"))
        assert (us, mx) == (51, 32)
        assert db.session.get(Region, "MX-NLE").name_es == "Nuevo León"
        assert db.session.get(Region, "US-DC") is not None
        assert db.session.get(Country, "MX").name_es == "México"
        consultation = db.session.scalar(select(Consultation))
        assert consultation.is_open()


def test_seed_twice_changes_nothing(app: Flask, runner: FlaskCliRunner) -> None:
    assert runner.invoke(args=["seed"]).exit_code == 0
    before = _snapshot(app)
    second = runner.invoke(args=["seed"])
    assert second.exit_code == 0
    assert "nothing changed" in second.output
    assert _snapshot(app) == before


def test_seed_with_a_missing_file_fails_in_one_line(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["seed", "--file", "/no/such/file.toml"])
    assert result.exit_code != 0
    assert result.output.strip().count("\n") == 0
    assert "not found" in result.output


def test_seed_with_a_broken_entry_writes_nothing(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    """A topic pointing at an unknown pillar, late in the file, must not leave the earlier
    pillars loaded."""
    from app.taxonomy.services import HLED_SEED

    text = HLED_SEED.read_text(encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text(
        text + '\n[[topics]]\ncode = "orphan"\npillar = "nope"\nposition = 1\n'
        'name_en = "Orphan"\nname_es = "Huérfano"\n',
        encoding="utf-8",
    )
    result = runner.invoke(args=["seed", "--file", str(broken)])
    assert result.exit_code != 0
    assert "unknown pillar 'nope'" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Pillar)) == 0


def test_seed_refuses_invalid_toml(app: Flask, runner: FlaskCliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[pillars]\ncode = ", encoding="utf-8")
    result = runner.invoke(args=["seed", "--file", str(bad)])
    assert result.exit_code != 0
    assert "not valid TOML" in result.output
