"""Meetings, their agendas, agenda packets, data exports and feeds."""
