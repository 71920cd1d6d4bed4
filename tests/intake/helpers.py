"""Filling the public form the way a browser does: read the hidden fields from the page."""

from __future__ import annotations

import io
import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder


def hidden_fields(page: str) -> dict[str, str]:
    found = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="(csrf_token|started|nonce)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and value:
            found[name.group(1)] = value.group(1)
    return found


def valid_answers(**overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "sector": "state_government",
        "organization": "Secretaría de Economía de Nuevo León",
        "submitter_name": "María Fernanda Garza",
        "email": "mfgarza@example.org",
        "location": "MX-NLE",
        "primary_pillar": "building_back_together",
        "secondary_pillar": "",
        "topics": ["semiconductors", "border_infrastructure"],
        "title": "Infraestructura fronteriza para la industria",
        "body": (
            "Proponemos ampliar los cruces fronterizos de Nuevo León y agilizar la inspección "
            "de carga para fortalecer la cadena de suministro de semiconductores."
        ),
        "consent": "named",
        "website": "",
    }
    answers.update(overrides)
    return answers


def open_form(
    client: FlaskClient, lang: str = "es", slug: str = "hled-2026", base_url: str | None = None
) -> dict[str, str]:
    response = client.get(f"/{lang}/c/{slug}/submit", base_url=base_url)
    assert response.status_code == 200
    return hidden_fields(response.get_data(as_text=True))


def submit(
    client: FlaskClient,
    lang: str = "es",
    slug: str = "hled-2026",
    files: list[tuple[bytes, str]] | None = None,
    hidden: dict[str, str] | None = None,
    base_url: str | None = None,
    **overrides: Any,
):
    data: dict[str, Any] = {
        **(hidden or open_form(client, lang, slug, base_url)),
        **valid_answers(**overrides),
    }
    if files:
        data["attachments"] = [(io.BytesIO(content), name) for content, name in files]
    # Built by hand so the encoded body (a temporary file when large) is closed afterwards;
    # the test client leaves it open, and filterwarnings=error would report it.
    builder = EnvironBuilder(
        path=f"/{lang}/c/{slug}/submit",
        base_url=base_url,
        method="POST",
        data=data,
        content_type="multipart/form-data",
    )
    environ = builder.get_environ()
    try:
        response = client.open(environ)
        # As a WSGI server does once it has sent the response: what the app runs after the
        # response (campaign detection) runs now.
        response.make_sequence()
        response.close()
        return response
    finally:
        builder.close()
        environ["wsgi.input"].close()
