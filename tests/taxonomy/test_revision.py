"""The taxonomy revision moves on with every change to the rows choices are built from, in the
same transaction, and with nothing else."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import Consultation, Region, Sector, TaxonomyRevision
from app.taxonomy.queries import taxonomy_stamp

pytestmark = pytest.mark.usefixtures("seeded")


def test_every_taxonomy_change_moves_the_revision_on(db_session: Session) -> None:
    start = taxonomy_stamp(db_session)
    region = db_session.get(Region, "MX-NLE")
    region.name_es = region.name_es  # the same value: no change
    db_session.scalar(select(Consultation)).title_en = "Another title"  # not a taxonomy row
    db_session.flush()
    assert taxonomy_stamp(db_session) == start
    region.name_es = "Estado de Nuevo León"
    db_session.flush()
    assert taxonomy_stamp(db_session) == start + 1
    db_session.add(Sector(code="unions", position=9, name_en="Unions", name_es="Sindicatos"))
    db_session.flush()
    assert taxonomy_stamp(db_session) == start + 2
    db_session.rollback()
    assert taxonomy_stamp(db_session) == start  # undone with the change itself


def test_a_missing_revision_row_is_recreated_by_the_next_change(db_session: Session) -> None:
    db_session.execute(delete(TaxonomyRevision))
    assert taxonomy_stamp(db_session) == 0
    db_session.get(Region, "MX-NLE").name_en = "Nuevo Leon"
    db_session.flush()
    assert taxonomy_stamp(db_session) == 1
