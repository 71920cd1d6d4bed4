"""Consulta's benchmarks: ``python -m benchmarks [--quick] [--db sqlite|postgresql] [--out PATH]``.

Each scenario (one module under `benchmarks.scenarios`, registered in `benchmarks.__main__`)
starts gunicorn on a free 127.0.0.1 port against a fresh, seeded database, loads it with the
bounded client in `benchmarks.loadgen`, and returns its figures. The runner prints a table and
writes everything to ``benchmarks/results/<UTC timestamp>.json``; it exits non-zero when a
scenario fails, so CI's ``--quick`` run notices when the benchmarks (or the app) break.
"""
