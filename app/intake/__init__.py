"""The public side: the submission form, receipt, status look-up and attachments."""
