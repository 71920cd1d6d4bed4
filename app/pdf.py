"""PDF from one of our HTML pages, with WeasyPrint: tagged (PDF/UA-1), fetching nothing but
`data:` and the static folder. Packets (app/packets) and the public report (app/public) render
through it; the typefaces they embed are in templates/pdf/fonts.css."""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import current_app


class _NoSubsetterNotice(logging.Filter):
    """WeasyPrint warns on every font when HarfBuzz-Subset is missing; fontTools subsets
    the fonts correctly, so that notice is noise in every build's log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "HarfBuzz-Subset" not in record.getMessage()


logging.getLogger("weasyprint").addFilter(_NoSubsetterNotice())
# One INFO line per laid-out page is noise in the web and worker logs; jobs report progress.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@dataclass
class Rendered:
    data: bytes
    pages: int | None


def css_string(value: object) -> str:
    """A value safe inside a CSS string literal in a <style> element."""
    text = str(value)
    for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\a "), ("<", "\\3c ")):
        text = text.replace(raw, escaped)
    return text


def install_css_filter() -> None:
    """The `css` filter a PDF's stylesheet uses for CSS string values (running headers)."""
    env = current_app.jinja_env
    if "css" not in env.filters:
        env.filters["css"] = css_string


def render_page(template: str, **context: Any) -> str:
    """A template rendered with no request's context (a packet is built by a job): every word
    comes from `context`."""
    install_css_filter()
    return current_app.jinja_env.get_template(template).render(**context)


def _weasyprint_html() -> Any:  # weasyprint.HTML, which has no types
    # Without the HarfBuzz-Subset library WeasyPrint warns at import that a future version
    # will need it (apt-get install libharfbuzz-subset0); this version subsets with fontTools.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
        from weasyprint import HTML
    return HTML


def _static_only_fetcher() -> Any:  # a weasyprint.urls.URLFetcher, which has no types
    """WeasyPrint would fetch any URL the HTML names (http: to an internal service, file: to
    /etc/passwd, embedded in the PDF as an attachment). A PDF page is self-contained, so the
    fetcher allows `data:` and files under the app's static folder, and nothing else."""
    _weasyprint_html()  # imports WeasyPrint with its import-time warning silenced
    from weasyprint import URLFetcher

    static = Path(str(current_app.static_folder)).resolve()

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme.lower() == "file":
                path = Path(url2pathname(parts.path)).resolve()
                if parts.netloc not in ("", "localhost") or not path.is_relative_to(static):
                    raise ValueError(f"PDFs fetch nothing outside the static folder: {url}")
            return super().fetch(url, headers)

    return StaticOnlyFetcher(allowed_protocols=("data", "file"), allow_redirects=False)


# Tagged PDF (PDF/UA-1): headings, lists, tables and figures as structure, the document's
# language and title in its catalog, so screen readers and Section 508 / WCAG checks read it.
PDF_VARIANT = "pdf/ua-1"


def pdf_from_html(html: str) -> Rendered:
    """The tagged PDF of a page, relative references resolved in the static folder."""
    HTML = _weasyprint_html()  # noqa: N806
    base_url = Path(str(current_app.static_folder)).resolve().as_uri() + "/"
    fetcher = _static_only_fetcher()
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        pdf_variant=PDF_VARIANT
    )
    return Rendered(document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages))
