"""Visitors as a browser would be: GET the form (session cookie, CSRF token, nonce), then POST
it with an attachment. Plain http.client on loopback, so a server killed mid-request shows up
as a transport error, exactly what a real visitor would get."""

from __future__ import annotations

import hashlib
import http.client
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from benchmarks.loadgen import Reply
from benchmarks.scenarios.intake import FORM_PATH, RECEIPT_PREFIX, answers, read_form
from tests.intake.files import MINIMAL_PDF

TIMEOUT_S = 10.0


def multipart(
    fields: list[tuple[str, str | bytes]], files: list[tuple[str, str, bytes]]
) -> tuple[bytes, str]:
    """(body, content type) of a multipart/form-data request; bytes values are sent as they
    are (invalid UTF-8 included)."""
    boundary = f"----consulta{secrets.token_hex(12)}"
    parts: list[bytes] = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + (value if isinstance(value, bytes) else value.encode("utf-8"))
            + b"\r\n"
        )
    for name, filename, data in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def unique_pdf(tag: str) -> bytes:
    """A valid small PDF whose bytes (so whose SHA-256) belong to one attempt only."""
    return MINIMAL_PDF.replace(b"%%EOF", f"% {tag}\n%%EOF".encode())


@dataclass
class Attempt:
    tag: str
    sha256: str
    code: str | None = None  # the tracking code of the receipt, when one came back
    outcome: str = ""


@dataclass
class Visitors:
    """Threads that submit continuously to whatever port `port()` says, until stopped."""

    port: Callable[[], int]
    marker: str
    threads: int = 4
    attempts: list[Attempt] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _running: list[threading.Thread] = field(default_factory=list)

    def start(self) -> None:
        for index in range(self.threads):
            thread = threading.Thread(target=self._loop, args=(index,), daemon=True)
            thread.start()
            self._running.append(thread)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._running:
            thread.join(timeout=TIMEOUT_S + 5)

    @property
    def acknowledged(self) -> list[Attempt]:
        with self._lock:
            return [a for a in self.attempts if a.code]

    def _loop(self, index: int) -> None:
        serial = 0
        while not self._stop.is_set():
            serial += 1
            try:
                self._one(f"{self.marker} v{index} n{serial}")
            except Exception as exc:  # a bug in the test client, not a server failure
                with self._lock:
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                return

    def _request(self, method: str, path: str, body: bytes | None, headers: dict) -> Reply | None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port(), timeout=TIMEOUT_S)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return Reply(response.status, response.msg, response.read())
        except (OSError, http.client.HTTPException):
            time.sleep(0.05)  # the server is down: do not spin
            return None
        finally:
            conn.close()

    def _one(self, tag: str) -> None:
        form = read_form(self._request("GET", FORM_PATH, None, {}))
        if form is None:
            return
        pdf = unique_pdf(tag)
        attempt = Attempt(tag=tag, sha256=hashlib.sha256(pdf).hexdigest())
        with self._lock:
            self.attempts.append(attempt)
        body, content_type = multipart(
            [*form.fields, *answers(tag)], [("attachments", "propuesta.pdf", pdf)]
        )
        reply = self._request(
            "POST", FORM_PATH, body, {"Cookie": form.cookie, "Content-Type": content_type}
        )
        if reply is None:
            attempt.outcome = "no answer"
            return
        location = urlsplit(reply.headers.get("Location", "")).path
        attempt.outcome = str(reply.status)
        if reply.status == 303 and location.startswith(RECEIPT_PREFIX):
            attempt.code = location.removeprefix(RECEIPT_PREFIX)
