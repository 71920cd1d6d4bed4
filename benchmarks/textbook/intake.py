"""A textbook Flask-WTF intake app: the yardstick the intake benchmark measures Consulta against.

What the Flask-WTF and Flask-SQLAlchemy tutorials teach, and nothing more: a form with CSRF
and six validated fields (sector from a short list, name, e-mail, organization, title,
comment), one ORM insert and commit, a 303 to a receipt page. Served as
``benchmarks.textbook:app`` with the same gunicorn settings as Consulta, on the same engine
(``DATABASE_URL``, or a SQLite file in ``INSTANCE_PATH`` with the same pragmas as Consulta's:
WAL, a busy timeout, synchronous=NORMAL), in a table of its own that it creates at start.

The ratio Consulta / textbook says how much Consulta's form costs beyond what any form with a
database costs on this machine; the issue's goal is at most twice (ratio >= 0.5).
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask, abort, redirect, render_template, url_for
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import FlaskForm
from sqlalchemy import DateTime, String, Text, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from werkzeug.wrappers import Response
from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

SECTORS = [
    ("private_sector", "Private sector"),
    ("academia", "Academia"),
    ("civil_society", "Civil society"),
    ("state_government", "State-level government"),
]


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Comment(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "textbook_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    sector: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    organization: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CommentForm(FlaskForm):
    sector = SelectField("Sector", choices=SECTORS, validators=[DataRequired()])
    name = StringField("Your name", validators=[DataRequired(), Length(max=200)])
    email = EmailField(
        "E-mail", validators=[Optional(), Length(max=254), Email(check_deliverability=False)]
    )
    organization = StringField("Organization", validators=[Optional(), Length(max=200)])
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    body = TextAreaField("Comment", validators=[DataRequired(), Length(min=20, max=20_000)])


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, connection_record: object) -> None:
    """The pragmas Consulta sets (app/db.py), so both apps use SQLite the same way."""
    if not type(dbapi_connection).__module__.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "busy_timeout=10000", "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def create_app() -> Flask:
    app = Flask(__name__)
    instance = Path(os.environ.get("INSTANCE_PATH", "instance")).resolve()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'consulta.sqlite3'}"
    app.config.update(
        # One key for every worker (a form fetched from one is posted to another): Consulta's,
        # kept in the instance folder by `flask db upgrade`.
        SECRET_KEY=os.environ.get("SECRET_KEY") or (instance / "secret_key").read_text().strip(),
        SQLALCHEMY_DATABASE_URI=url,
    )
    db.init_app(app)
    with app.app_context():
        # Every worker runs this at once: the one that loses the race finds the table made.
        try:
            Comment.__table__.create(db.engine, checkfirst=True)
        except DBAPIError:
            if not inspect(db.engine).has_table(Comment.__tablename__):
                raise

    @app.route("/submit", methods=["GET", "POST"])
    def submit() -> str | Response:
        form = CommentForm()
        if form.validate_on_submit():
            comment = Comment(
                code=secrets.token_hex(6),
                sector=form.sector.data,
                name=form.name.data,
                email=form.email.data or None,
                organization=form.organization.data or None,
                title=form.title.data,
                body=form.body.data,
                created_at=datetime.now(UTC),
            )
            db.session.add(comment)
            db.session.commit()
            return redirect(url_for("receipt", code=comment.code), code=303)
        return render_template("form.html", form=form)

    @app.get("/receipt/<code>")
    def receipt(code: str) -> str:
        comment = db.session.scalar(db.select(Comment).where(Comment.code == code))
        if comment is None:
            abort(404)
        return render_template("receipt.html", comment=comment)

    return app


app = create_app()
