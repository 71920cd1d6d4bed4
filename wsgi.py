"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi …`."""

import sys

from app import create_app
from app.intake.warm import warm_up

app = create_app()

# A web worker warms up as it starts (language models, templates, the form's options and
# pages), not on its first visitor's request; CLI commands (flask --app wsgi …) skip the wait.
if "flask" not in sys.argv[0]:
    warm_up(app)
