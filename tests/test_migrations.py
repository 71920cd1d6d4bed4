"""Migrations build the whole schema on an empty database and agree with the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app import MIGRATIONS_DIR, create_app
from app.db import db
from app.moderation.search import ENGINE_ONLY_OBJECTS


def _diff(app) -> list:
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_object": lambda obj, name, *rest: (
                    not (name and name.startswith(ENGINE_ONLY_OBJECTS))
                ),
            },
        )
        return compare_metadata(context, db.metadata)


def test_upgrade_on_an_empty_database_matches_the_models(
    fresh_database_url: str, tmp_path: Path
) -> None:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": fresh_database_url,
            "INSTANCE_PATH": str(tmp_path),
            "SECRET_KEY": "k",
        }
    )
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR, revision="heads")
        tables = set(inspect(db.engine).get_table_names())
    assert {"submissions", "moderation_events", "agenda_entries", "users"} <= tables
    assert _diff(app) == []

    with app.app_context():
        downgrade(directory=MIGRATIONS_DIR, revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_a_model_change_without_migration_is_detected(
    fresh_database_url: str, tmp_path: Path
) -> None:
    """The comparison above is only worth something if it notices a difference."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": fresh_database_url,
            "INSTANCE_PATH": str(tmp_path),
            "SECRET_KEY": "k",
        }
    )
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR, revision="heads")
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP INDEX ix_submissions_queue")
    assert any("ix_submissions_queue" in repr(change) for change in _diff(app))
    with app.app_context():
        db.engine.dispose()


def test_public_ids_are_given_to_comments_that_existed_before_them(
    fresh_database_url: str, tmp_path: Path
) -> None:
    """Migration f3a8c1d5e902 backfills: every existing comment gets its own random id."""
    from sqlalchemy import text

    from app.intake.tracking import looks_like_public_id
    from app.taxonomy.services import HLED_SEED, read_seed_file, seed
    from tests import factories

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": fresh_database_url,
            "INSTANCE_PATH": str(tmp_path),
            "SECRET_KEY": "k",
        }
    )
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR, revision="heads")
        seed(db.session, read_seed_file(HLED_SEED))
        for _ in range(3):
            factories.submission(db.session)
        db.session.commit()
        db.session.close()
        downgrade(directory=MIGRATIONS_DIR, revision="c2d9a4e6f813")
        upgrade(directory=MIGRATIONS_DIR, revision="heads")
        with db.engine.connect() as connection:
            ids = connection.execute(text("SELECT public_id FROM submissions")).scalars().all()
        db.engine.dispose()
    assert len(ids) == len(set(ids)) == 3
    assert all(looks_like_public_id(value) for value in ids)
