"""Outgoing mail: SMTP when MAIL_SERVER is set, otherwise `.eml` files in MAIL_OUTBOX.

Mail is sent after the transaction commits and never in the request's way: a failure is
logged and the message kept in `<outbox>/retry/` for `flask mail retry`.
"""

from __future__ import annotations

import logging
import smtplib
import threading
import uuid
from email.charset import QP, Charset
from email.message import EmailMessage, Message
from email.mime.text import MIMEText
from email.utils import formataddr, parseaddr
from pathlib import Path
from typing import Any

from flask import Flask, current_app

log = logging.getLogger(__name__)


# UTF-8 text as quoted-printable: readable as text in the `.eml`, safe over any SMTP server.
_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP


def build_message(app: Flask, to: str, subject: str, body: str) -> Message:
    """A plain-text UTF-8 message. Built as a `MIMEText` (the compat32 API): `EmailMessage`'s
    header registry and folding cost ~2 ms per message, a tenth of that this way, and a
    receipt is built in every comment POST. Non-ASCII subjects and sender names become
    RFC 2047 encoded words; a non-ASCII address (which needs SMTPUTF8) keeps EmailMessage."""
    sender = app.config["MAIL_DEFAULT_SENDER"]
    message: Message
    if not (to.isascii() and parseaddr(sender)[1].isascii()):
        message = EmailMessage()
        message.set_content(body)
        message["From"] = sender
    else:
        # A Charset object is accepted (MIMENonMultipart.set_payload); typeshed says str.
        message = MIMEText(body, "plain", _UTF8_QP)  # type: ignore[arg-type]
        message["From"] = formataddr(parseaddr(sender), "utf-8")
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = f"<{uuid.uuid4()}@consulta>"
    return message


def _write(folder: Path, message: Message) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}.eml"
    path.write_bytes(bytes(message))
    return path


def _smtp_send(config: dict[str, Any], message: Message) -> None:
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=15) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)


def deliver(config: dict[str, Any], message: Message) -> bool:
    """Send one message; on failure keep it for a retry. True when it left."""
    outbox = Path(config["MAIL_OUTBOX"])
    if not config.get("MAIL_SERVER"):
        _write(outbox, message)
        return True
    try:
        _smtp_send(config, message)
    except (OSError, smtplib.SMTPException):
        kept = _write(outbox / "retry", message)
        log.exception("mail to %s failed; kept for retry as %s", message["To"], kept.name)
        return False
    return True


def send_after_commit(message: Message) -> None:
    """Hand the message over without making the visitor wait for an SMTP server."""
    config = dict(current_app.config)
    if not config.get("MAIL_SERVER") or current_app.testing:
        deliver(config, message)
        return
    threading.Thread(target=deliver, args=(config, message), daemon=True).start()


def retry_pending(config: dict[str, Any]) -> tuple[int, int]:
    """Try every kept message again; returns (sent, still_waiting)."""
    import email
    import email.policy

    folder = Path(config["MAIL_OUTBOX"]) / "retry"
    sent = waiting = 0
    for path in sorted(folder.glob("*.eml")) if folder.exists() else []:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        try:
            _smtp_send(config, message)
        except (OSError, smtplib.SMTPException):
            waiting += 1
            continue
        path.unlink()
        sent += 1
    return sent, waiting
