"""Who may use the public record and the API: everyone (they show only what is published)."""

from __future__ import annotations

from tests.access_rows.roles import PUBLIC

ROWS = {
    "public.comments": PUBLIC,
    "public.comment": PUBLIC,
    # The report of what was heard and done, and its PDF (counts of published comments only).
    "public.report": PUBLIC,
    "public.report_pdf": PUBLIC,
}
ROWS.update(
    {
        "api.index": PUBLIC,
        "api.consultations": PUBLIC,
        "api.consultation": PUBLIC,
        "api.taxonomy": PUBLIC,
        "api.comments": PUBLIC,
        "api.comment": PUBLIC,
        "api.outcomes": PUBLIC,
        "api.theme_outcomes": PUBLIC,
        "api.openapi_document": PUBLIC,
        "api.documentation": PUBLIC,
        # Bulk open data: the page and its files (published comments only).
        "opendata.index": PUBLIC,
        "opendata.download": PUBLIC,
    }
)
