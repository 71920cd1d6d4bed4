"""app.db.plans_for_values: PostgreSQL plans the rest of the transaction for its values, asked
once a transaction however often it is called (each SET is a round trip), and again in the
next one (SET LOCAL ends with its transaction)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event, text

from app.db import db, plans_for_values
from tests.conftest import engine_kind

pytestmark = pytest.mark.skipif(
    engine_kind() != "postgresql", reason="SQLite has no plan cache to set"
)


def test_custom_plans_are_set_once_a_transaction(app: Flask) -> None:
    sent: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.startswith("SET LOCAL plan_cache_mode"):
            sent.append(statement)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            plans_for_values(db.session)
            plans_for_values(db.session)
            assert db.session.scalar(text("SHOW plan_cache_mode")) == "force_custom_plan"
            assert len(sent) == 1
            db.session.commit()
            assert db.session.scalar(text("SHOW plan_cache_mode")) == "auto"
            plans_for_values(db.session)
            assert db.session.scalar(text("SHOW plan_cache_mode")) == "force_custom_plan"
            assert len(sent) == 2
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
            db.session.rollback()
