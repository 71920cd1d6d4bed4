"""Baseline: what Consulta's landing page costs next to a bare Flask hello-world.

Both are served by gunicorn with the same worker count on loopback and loaded by the same
client, one after the other (never at once: they would compete for the same cores). The ratio
landing/hello is the figure to watch: absolute requests/s move with the machine, the ratio
mostly moves with the app.
"""

from __future__ import annotations

from typing import Any

from benchmarks.context import APP_MODULE, HELLO_MODULE, Context

NAME = "baseline"
ORDER = 10
LANDING_PATH = "/en/"


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if not numerator or not denominator:
        return None
    return round(numerator / denominator, 3)


def run(ctx: Context) -> dict[str, Any]:
    """Load the hello-world, then the landing page; report both and their ratios."""
    hello = ctx.measure(HELLO_MODULE, "/")
    landing = ctx.measure(APP_MODULE, LANDING_PATH)
    return {
        "targets": {"hello": hello, "landing": landing},
        "derived": {
            "landing_over_hello_rps": _ratio(landing["requests_per_s"], hello["requests_per_s"]),
            "landing_over_hello_p99": _ratio(landing["p99_ms"], hello["p99_ms"]),
        },
        "failures": ctx.check_2xx("hello", hello) + ctx.check_2xx("landing", landing),
    }
