"""A first visit's form comes from the page kept per language and offer
(app.intake.views._kept_blank_form): the same page as one rendered for the visitor, with
their own token, start time and nonce, and it sends like any other."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from app.intake.views import BLANK_VALUES
from tests.intake.helpers import hidden_fields, valid_answers

pytestmark = pytest.mark.usefixtures("seeded")

FORM = "/es/c/hled-2026/submit"


def _without_values(page: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        page = page.replace(value, f"<{name}>")
    # The page's CSP nonce differs per response too.
    return re.sub(r'nonce="[^"]*"', 'nonce=""', page)


def test_the_kept_form_is_the_rendered_one_with_the_visitors_own_values(app: Flask) -> None:
    first_client, second_client = app.test_client(), app.test_client()
    first = first_client.get(FORM).get_data(as_text=True)  # rendered, then kept
    second = second_client.get(FORM).get_data(as_text=True)  # from the kept page
    first_values, second_values = hidden_fields(first), hidden_fields(second)
    assert set(second_values) == {"csrf_token", "started", "nonce"}
    # Each visitor's own token and nonce (the start time is the same within a second).
    assert first_values["csrf_token"] != second_values["csrf_token"]
    assert first_values["nonce"] != second_values["nonce"]
    assert not any(stand_in in second for stand_in in BLANK_VALUES.values())
    assert _without_values(first, first_values) == _without_values(second, second_values)

    sent = second_client.post(FORM, data={**second_values, **valid_answers()})
    assert sent.status_code == 303
    # The token is the visitor's own: with another session's cookie it is refused.
    third_values = hidden_fields(second_client.get(FORM).get_data(as_text=True))
    refused = first_client.post(
        FORM, data={**third_values, **valid_answers(body="Otro comentario, otro texto.")}
    )
    assert refused.status_code == 400
