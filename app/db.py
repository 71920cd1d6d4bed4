"""The database handle: a typed declarative base with stable constraint names, and the
session Flask-SQLAlchemy scopes to each request."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, MetaData, Table, event, exc, text
from sqlalchemy.engine import CursorResult, Engine, Result
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


if TYPE_CHECKING:

    class _ScopedSession(Session):
        # What db.session is to our code: the request's session, which views hand to services
        # that take a Session (habit 2), and which a job removes when it is done. SQLAlchemy
        # types scoped_session as a class of its own, though it proxies every Session method.
        def remove(self) -> None: ...

    class _SQLAlchemy(SQLAlchemy):
        session: _ScopedSession  # type: ignore[assignment]  # a scoped_session proxies one

    db = _SQLAlchemy(model_class=Base)
    # Flask-SQLAlchemy builds db.Model at run time (Base's body plus its mixins), which a type
    # checker cannot follow: to mypy every model derives from Base, whose columns it shares.
    Model = Base
else:
    db = SQLAlchemy(model_class=Base)
    Model = db.Model


def table_of(model: Any) -> Table:
    """A mapped class's table. SQLAlchemy types `__table__` as any FromClause; on our
    declarative models it is always a Table (columns, indexes, insert targets)."""
    return cast(Table, model.__table__)


def rowcount(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE matched. Session.execute returns a CursorResult for
    them, though SQLAlchemy 2.0 types its result as any Result, which has no rowcount."""
    return cast("CursorResult[Any]", result).rowcount


def utcnow() -> datetime:
    return datetime.now(UTC)


# What an id or a time from outside (a URL, a query, a form) may be. Ids are INTEGER columns,
# 32-bit signed on PostgreSQL (a larger number there is an error, not "no such row"); times
# stay far enough from years 1 and 9999 that a day later or a time zone away still exists,
# with room for any real consultation. Anything beyond is no record of ours: refused, never
# sent to the database.
MAX_ID = 2**31 - 1
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)


def plausible_year(year: int) -> bool:
    return EARLIEST.year <= year < LATEST.year


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back time-zone aware.

    SQLite has no time-zone type, so without this the same column would come back naive on
    SQLite and aware on PostgreSQL, and comparisons would break on one engine only.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: DBAPIConnection, connection_record: object) -> None:
    """Make SQLite behave like a server database: enforce foreign keys, let readers and one
    writer from several gunicorn workers share the file, and wait for a lock instead of failing."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def plans_for_values(session: Session) -> None:
    """Have PostgreSQL plan the rest of this transaction's statements for their values.
    psycopg prepares a statement a connection has run five times, and after five more runs
    PostgreSQL may plan it once for any values (a generic plan). A filter's values differ
    widely in how many rows they keep (a state, a language, a pillar): the generic plan of the
    public list filtered by pillar, state and language took 29 ms where the plan for its values
    took 6 (200,000 comments, the `public` benchmark). Only where filters vary so: campaign
    detection's statements gain from their generic plans (detection p50 +50 % with no prepared
    statements at all). A no-op on SQLite."""
    if session.get_bind().dialect.name != "postgresql":
        return
    # Once a transaction (SET LOCAL lasts until its end): a list page asks twice, and each
    # round trip costs a millisecond or more on a busy server.
    real = session() if callable(session) else session  # db.session is a scoped proxy
    transaction = real.get_transaction()
    if transaction is not None and real.info.get("custom_plans") is transaction:
        return
    real.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    real.info["custom_plans"] = real.get_transaction()


def commit_keeping_loaded(session: Session) -> None:
    """Commit without expiring what the session holds: a request that goes on to read what it
    has just written (the receipt mail, the redirect) needs no second round trip, nor (on
    SQLite, in a POST) a second write transaction taken only to read."""
    real = session() if callable(session) else session  # db.session is a scoped proxy
    real.expire_on_commit = False
    try:
        session.commit()
    finally:
        real.expire_on_commit = True


def ping_connections_left_idle(engine: Engine, idle_s: int) -> None:
    """A pooled connection that sat unused for `idle_s` seconds or more is pinged before it
    is handed out, and replaced if the server dropped it (a restart, an idle timeout).

    `pool_pre_ping` pinged on every checkout: a round trip per request, as long as the
    landing page's own query on PostgreSQL. A connection handed back moments ago is alive.
    This is SQLAlchemy's custom pessimistic recipe (raising DisconnectionError makes the pool
    try another connection)."""
    if engine.dialect.name == "sqlite":  # nothing to drop: the database is a file
        return
    key = "consulta.idle_since"

    @event.listens_for(engine, "checkin")
    def _handed_back(dbapi_connection: Any, connection_record: Any) -> None:
        connection_record.info[key] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _handed_out(dbapi_connection: Any, connection_record: Any, proxy: Any) -> None:
        since = connection_record.info.pop(key, None)
        if since is None or time.monotonic() - since < idle_s:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError() from error


def use_immediate_transactions_on_sqlite(engine: Engine) -> None:
    """SQLite in WAL mode refuses to turn a reader into a writer if another process wrote
    in between (SQLITE_BUSY_SNAPSHOT), and no timeout helps. With several gunicorn workers
    that would fail submissions at random, so a transaction that may write takes the write
    lock at BEGIN (and waits for it); page views stay concurrent readers.

    This is SQLAlchemy's documented recipe: pysqlite's own transaction handling is switched
    off and we emit BEGIN ourselves.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _autocommit_driver(dbapi_connection: Any, connection_record: object) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _may_write() else "BEGIN")


# Set by writer_transaction: the transaction it opens takes the write lock at BEGIN.
_WRITER: ContextVar[bool] = ContextVar("consulta_writer", default=False)


@contextmanager
def writing() -> Iterator[None]:
    """Transactions begun inside this block take SQLite's write lock at BEGIN, even outside
    a request: for a job or a step after the response that reads and then writes while others
    may write too (a deferred BEGIN would fail with SQLITE_BUSY_SNAPSHOT, not wait)."""
    token = _WRITER.set(True)
    try:
        yield
    finally:
        _WRITER.reset(token)


@contextmanager
def writer_transaction() -> Iterator[Any]:
    """A connection in a transaction of its own that takes the write lock at BEGIN (`writing`)."""
    with writing(), db.engine.begin() as connection:
        yield connection


def _may_write() -> bool:
    from flask import current_app, has_request_context, request

    if _WRITER.get():
        return True
    if not has_request_context():
        # CLI commands and jobs run alone or read first; a deferred BEGIN lets them read
        # beside the web workers.
        return False
    from app.security import SHED

    if request.environ.get(SHED):
        return False  # turned away for load: it only shows the form again
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        return True
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "writes_on_get", False))


def writes_on_get(view: Any) -> Any:
    """Mark a GET view that writes (claiming a submission when it is opened), so that on
    SQLite it takes the write lock at BEGIN like a POST does."""
    view.writes_on_get = True
    return view
