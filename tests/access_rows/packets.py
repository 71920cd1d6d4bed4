"""Who may use the packet routes: the secretariat (and admins)."""

from __future__ import annotations

from tests.access_rows.roles import SECRETARIAT

ROWS = {
    "packets.meeting_packets": SECRETARIAT,
    "packets.build": SECRETARIAT,
    "packets.job_status": SECRETARIAT,
    "packets.download": SECRETARIAT,
}
