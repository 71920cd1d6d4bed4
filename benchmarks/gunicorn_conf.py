"""Deliberately empty gunicorn configuration for benchmark servers.

`server.py` passes this file with ``-c`` so that a ``gunicorn.conf.py`` added to the
repository root (which gunicorn would otherwise pick up from the working directory) never
changes benchmark figures behind our back. Every setting comes from `server.py`'s command line.
"""
