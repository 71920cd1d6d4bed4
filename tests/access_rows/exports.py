"""Who may use the exports and feeds routes."""

from __future__ import annotations

from tests.access_rows.roles import PUBLIC, SECRETARIAT

ROWS = {
    "exports.export_page": SECRETARIAT,
    "exports.download": SECRETARIAT,
    "exports.themes_download": SECRETARIAT,
    "feeds.consultation": PUBLIC,
    "feeds.pillar": PUBLIC,
}
