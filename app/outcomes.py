"""Outcomes: what the dialogue did with an agenda item or a theme (OutcomeKind), with a note in
each language, recorded by the secretariat. The one home of the rules both subjects share: the
columns of an outcome row, the history kept (rows are only ever added; the newest is the
subject's outcome), how a new one is recorded, which one is current, and the form.

Each subject keeps its own table (app.agenda.models.AgendaOutcome, app.themes.models
.ThemeOutcome) with a NOT NULL foreign key that goes away with the subject, so this module
names neither: it sits below both areas (the layers in pyproject.toml)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import ColumnElement, ForeignKey, Text, and_, exists, or_
from sqlalchemy.orm import Mapped, aliased, declared_attr, mapped_column, relationship
from wtforms import SelectChoice, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.db import UTCDateTime, utcnow
from app.enums import OutcomeKind, enum_type
from app.forms import TOO_LONG, ChoiceField, readable_text, strip

if TYPE_CHECKING:
    from app.staff.models import User

NOTE_MAX = 20_000


class OutcomeRecord:
    """The columns of one recorded outcome; the subject's foreign key is the table's own."""

    # The name of the subject's foreign-key column (agenda_item_id, theme_id).
    SUBJECT = ""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OutcomeKind] = mapped_column(enum_type(OutcomeKind, "outcome_kind"))
    note_en: Mapped[str] = mapped_column(Text, default="")
    note_es: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @declared_attr
    def recorded_by(cls) -> Mapped[User | None]:  # noqa: N805 (SQLAlchemy's declared_attr)
        return relationship("User")


def newest_first(model_name: str) -> str:
    """The order of a subject's `outcomes` relationship: the first is its current outcome, the
    rest its history (who decided what and when stays visible)."""
    return f"({model_name}.recorded_at.desc(), {model_name}.id.desc())"


Row = TypeVar("Row", bound=OutcomeRecord)


def record(
    history: list[Row],
    model: type[Row],
    actor: User,
    *,
    kind: OutcomeKind,
    note_en: str | None,
    note_es: str | None,
) -> Row:
    """Add a subject's new outcome at the head of its history (its `outcomes`, newest first);
    the earlier ones stay. The caller flushes."""
    outcome = model()
    outcome.kind, outcome.note_en, outcome.note_es = kind, note_en or "", note_es or ""
    outcome.recorded_by_id, outcome.recorded_at = actor.id, utcnow()
    history.insert(0, outcome)
    return outcome


def is_current(model: type[OutcomeRecord]) -> ColumnElement[bool]:
    """An outcome of `model` that no later one of the same subject replaces (the order of
    newest_first)."""
    newer = aliased(model)
    subject = getattr(model, model.SUBJECT)
    return ~exists().where(
        getattr(newer, model.SUBJECT) == subject,
        or_(
            newer.recorded_at > model.recorded_at,
            and_(newer.recorded_at == model.recorded_at, newer.id > model.id),
        ),
    )


def sorted_kinds(kinds: set[OutcomeKind]) -> list[OutcomeKind]:
    """Kinds in OutcomeKind's order, each once (how a list shows a comment's outcomes)."""
    order = list(OutcomeKind)
    return sorted(kinds, key=order.index)


class OutcomeForm(FlaskForm):
    """What the dialogue did with an agenda item or a theme, and a note for the public in each
    language."""

    kind = ChoiceField(_l("Outcome"), validators=[DataRequired(message=_l("Choose the outcome."))])
    note_en = TextAreaField(
        _l("Note in English"),
        filters=[strip],
        validators=[Optional(), Length(max=NOTE_MAX, message=TOO_LONG), readable_text],
    )
    note_es = TextAreaField(
        _l("Note in Spanish"),
        filters=[strip],
        validators=[Optional(), Length(max=NOTE_MAX, message=TOO_LONG), readable_text],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = [SelectChoice(kind.value, kind.label) for kind in OutcomeKind]

    @classmethod
    def of(cls, current: OutcomeRecord | None, **kwargs: Any) -> OutcomeForm:
        """The empty form of a page, showing the subject's current outcome."""
        data = {
            "kind": current.kind.value if current else "",
            "note_en": current.note_en if current else "",
            "note_es": current.note_es if current else "",
        }
        return cls(formdata=None, data=data, **kwargs)

    @property
    def chosen(self) -> dict[str, Any]:
        """What `record` takes from a valid form."""
        return {
            "kind": OutcomeKind(self.kind.data),
            "note_en": self.note_en.data,
            "note_es": self.note_es.data,
        }
