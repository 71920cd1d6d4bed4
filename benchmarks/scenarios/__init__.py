"""Benchmark scenarios: one module each, exposing ``run(ctx: Context) -> dict``.

A scenario returns ``{"targets": {name: figures}, "derived": {name: number}, "failures": [...]}``;
any non-empty ``failures`` (or an exception) fails the run. Register new modules in
`benchmarks.__main__.SCENARIOS`.
"""
