"""The staff queue, decisions, redaction, campaigns and the audit trail."""
