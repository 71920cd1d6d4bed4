"""The public form in a real browser: a Spanish visitor fills it by its visible labels and
reaches the receipt, and the form and its error state pass axe-core in both languages.

Every page is watched by the `page` fixture: a console error (a Content Security Policy
violation among them) or an uncaught JavaScript exception fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

SLUG = "hled-2026"
TRACKING_CODE = re.compile(r"HLED-[A-Z0-9]{4}-[A-Z0-9]{4}")
SMALL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
SEND_BUTTON = {"en": "Send comment", "es": "Enviar comentario"}
BLOCKING_IMPACTS = {"serious", "critical"}


def choose(option: Locator) -> None:
    """Tick a radio button or checkbox the way a visitor does: by clicking its label (USWDS
    moves the input itself off-screen and draws it in the label)."""
    option.page.locator(f"label[for='{option.get_attribute('id')}']").click()
    expect(option).to_be_checked()


def test_spanish_form_filled_by_its_labels_reaches_the_receipt(page: Page, tmp_path: Path) -> None:
    pdf = tmp_path / "propuesta-cruces-fronterizos.pdf"
    pdf.write_bytes(SMALL_PDF)
    body = (
        "Proponemos ampliar los cruces fronterizos de Nuevo León y agilizar la inspección "
        "de carga para fortalecer la cadena de suministro de semiconductores."
    )

    page.goto("/es/")
    page.get_by_role("link", name="Leer y comentar").click()
    page.get_by_role("link", name="Enviar un comentario").click()
    expect(page).to_have_url(re.compile(rf"/es/c/{SLUG}/submit$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enviar un comentario")

    page.get_by_label("¿Qué sector representa? *", exact=True).select_option(
        label="Representante de gobierno estatal"
    )
    page.get_by_label("Organización (opcional)", exact=True).fill(
        "Secretaría de Economía de Nuevo León"
    )
    page.get_by_label("Su nombre *", exact=True).fill("María Fernanda Garza")
    page.get_by_label("Correo electrónico (opcional)", exact=True).fill("mfgarza@example.org")
    page.get_by_label("Entidad federativa, estado o país *", exact=True).select_option(
        label="Nuevo León"
    )
    choose(
        page.get_by_role("group", name="Pilar principal de su comentario *").get_by_label(
            "Reconstruir juntos"
        )
    )
    page.get_by_label("Segundo pilar (opcional)", exact=True).select_option(
        label="Invertir en nuestra gente"
    )
    choose(page.get_by_label("Semiconductores", exact=True))
    choose(page.get_by_label("Modernización de la infraestructura fronteriza", exact=True))
    page.get_by_label("Título de su comentario *", exact=True).fill(
        "Infraestructura fronteriza para la industria"
    )
    comment = page.get_by_label("Su comentario *", exact=True)
    comment.fill(body)
    # The character counter (consulta.js) follows what is typed.
    expect(page.locator(".consulta-count")).to_have_text(f"{len(body):,} de 20,000 caracteres")
    comment.press_sequentially("!")
    expect(page.locator(".consulta-count")).to_have_text(f"{len(body) + 1:,} de 20,000 caracteres")
    page.get_by_label("Archivos adjuntos (opcional)", exact=True).set_input_files(pdf)
    choose(page.get_by_label("Publicar con mi nombre", exact=True))

    page.get_by_role("button", name="Enviar comentario").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Recibimos su comentario. Gracias por participar."
    )
    expect(page).to_have_url(re.compile(rf"/es/receipt/{TRACKING_CODE.pattern}$"))
    code = page.locator(".consulta-code")
    expect(code).to_have_text(TRACKING_CODE)
    assert code.inner_text() in page.url
    expect(page.get_by_role("listitem").filter(has_text=pdf.name)).to_be_visible()


def _run_axe(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """axe-core's violations on the current page. The source is evaluated through the DevTools
    protocol, which the page's CSP (no inline scripts) rightly does not govern."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    return page.evaluate(
        """async () => {
            const results = await window.axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                    target: n.target.join(" "), html: n.html, summary: n.failureSummary,
                })),
            }));
        }"""
    )


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"    at {node['target']}: {node['html']}")
            lines.extend(f"        {line}" for line in (node["summary"] or "").splitlines())
    return "\n".join(lines)


def _assert_no_blocking_violations(page: Page, axe_source: str, state: str) -> None:
    violations = _run_axe(page, axe_source)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(
            f"axe-core found serious or critical violations on the {state} ({page.url}):\n"
            + _describe(blocking),
            pytrace=False,
        )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_form_and_its_error_state_pass_axe(page: Page, axe_source: str, lang: str) -> None:
    page.goto(f"/{lang}/c/{SLUG}/submit")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    _assert_no_blocking_violations(page, axe_source, f"{lang} form")

    with page.expect_navigation():
        page.get_by_role("button", name=SEND_BUTTON[lang]).click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    _assert_no_blocking_violations(page, axe_source, f"{lang} form's error state")
