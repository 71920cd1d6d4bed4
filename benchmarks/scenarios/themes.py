"""Themes: quality on a labelled bilingual corpus, the build's speed and memory, and the cost
of placing one newly approved comment.

1. ``python -m benchmarks.themes_corpus load`` writes a generated, labelled corpus (English
   and Spanish comments whose asks are known, campaigns, near-topic distractors, noise; see
   benchmarks/themes_corpus.py) into the scenario's fresh database as approved comments.
2. ``flask --app wsgi themes build`` is timed from start to exit in its own process, with its
   peak resident memory (ru_maxrss of the child).
3. ``python -m benchmarks.themes_corpus evaluate`` scores the stored themes: purity, coverage,
   cross-language merge rate, F1 after matching (over voices: a campaign counts once).
4. ``python -m benchmarks.themes_corpus assign-cost`` approves new comments one at a time and
   times the placing step alone (what moderation's approval adds).

Goals (issue 16): purity >= 0.85, coverage >= 0.80, cross-language merge >= 0.80 (enforced);
a build of 20,000 comments < 60 s with peak memory < 1 GB, placing one comment < 20 ms p95
with 20,000 themed (full runs; reported, not enforced, as the machine's load moves them).

The corpus seed here (SEED) was never used while tuning the method: development used seeds 1
and 2 (3,000 comments) through ``python -m benchmarks.themes_corpus check``.

5. The same figures on the *outside-style* corpus (benchmarks/themes_outside.py: phrasing
   not drawn from the glossary, colloquial, typos, two asks, distractors, code-switching),
   method only (``check --style outside``, in memory, no database), on OUTSIDE_SEED, which
   was first run for the figures the README reports (development looked at seeds 11 and 12).
   Reported as ``outside_*`` beside the goals they meet or miss; not enforced, because they
   miss them (docs/themes.md, "Two corpora").
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from typing import Any

from benchmarks.context import Context
from benchmarks.server import ROOT

NAME = "themes"
ORDER = 65
FULL_COUNT = 20_000
QUICK_COUNT = 1_500
FULL_ASSIGN_SAMPLE = 300
QUICK_ASSIGN_SAMPLE = 30
SEED = 2027  # held out: never used for development (module docstring)
OUTSIDE_SEED = 7919  # the outside-style corpus's reporting seed (module docstring, step 5)
GOALS = {"purity": 0.85, "coverage": 0.80, "cross_language_merge": 0.80}
BUILD_GOAL_S = 60.0
MEMORY_GOAL_MB = 1024.0
ASSIGN_P95_GOAL_MS = 20.0


def _run(ctx: Context, args: list[str], timeout: float) -> str:
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=ctx.env(), capture_output=True, text=True,
        timeout=timeout, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def _json(output: str) -> dict[str, Any]:
    return json.loads(output.strip().splitlines()[-1])


def run(ctx: Context) -> dict[str, Any]:
    count = QUICK_COUNT if ctx.quick else FULL_COUNT
    sample = QUICK_ASSIGN_SAMPLE if ctx.quick else FULL_ASSIGN_SAMPLE
    labels = ctx.instance_path / "theme-labels.json"
    corpus = ["-m", "benchmarks.themes_corpus"]
    loaded = _json(
        _run(ctx, [*corpus, "load", "--count", str(count), "--seed", str(SEED),
                   "--labels", str(labels)], timeout=1800)
    )  # fmt: skip
    started = time.monotonic()
    build_out = _run(ctx, ["-m", "flask", "--app", "wsgi", "themes", "build", "--lang", "en"], 1800)
    build_s = round(time.monotonic() - started, 1)
    # The largest child so far: the build (the loader above is smaller, the evaluation after).
    peak_mb = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    quality = _json(_run(ctx, [*corpus, "evaluate", "--labels", str(labels)], timeout=600))
    cost = _json(
        _run(ctx, [*corpus, "assign-cost", "--count", str(sample), "--seed", str(SEED)], 900)
    )
    outside = _json(
        _run(ctx, [*corpus, "check", "--style", "outside", "--count", str(count),
                   "--seed", str(OUTSIDE_SEED)], timeout=900)
    )  # fmt: skip
    failures = [
        f"{name} {quality[name]} < {goal}"
        for name, goal in GOALS.items()
        if quality[name] is None or quality[name] < goal
    ]
    derived: dict[str, Any] = {
        "comments": loaded["loaded"],
        "voices": quality["voices"],
        "labels": quality["labels"],
        "themes": quality["themes"],
        "purity": quality["purity"],
        "coverage": quality["coverage"],
        "cross_language_merge": quality["cross_language_merge"],
        "precision": quality["precision"],
        "recall": quality["recall"],
        "f1": quality["f1"],
        "noise_themed": quality["noise_themed"],
        "per_comment": quality["per_comment"],
        "build_s": build_s,
        "build_peak_rss_mb": peak_mb,
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "assign_mean_ms": cost["mean_ms"],
        "assign_p50_ms": cost["p50_ms"],
        "assign_p95_ms": cost["p95_ms"],
        "assign_max_ms": cost["max_ms"],
        "assign_joined": cost["joined_a_theme"],
        "outside_purity": outside["purity"],
        "outside_coverage": outside["coverage"],
        "outside_cross_language_merge": outside["cross_language_merge"],
        "outside_f1": outside["f1"],
        "outside_noise_themed": outside["noise_themed"],
        "outside_themes": outside["themes"],
        "outside_goals_met": "yes"
        if all((outside[n] or 0) >= goal for n, goal in GOALS.items())
        else "no",
    }
    if not ctx.quick:
        derived["build_goal_met"] = "yes" if build_s < BUILD_GOAL_S else "no"
        derived["memory_goal_met"] = "yes" if peak_mb < MEMORY_GOAL_MB else "no"
        derived["assign_goal_met"] = "yes" if cost["p95_ms"] < ASSIGN_P95_GOAL_MS else "no"
    summary = [line for line in build_out.splitlines() if "theme" in line]
    notes = [
        f"corpus: {count} comments (seed {SEED}), {loaded['campaigns']} campaigns, "
        f"{quality['labels']} asks over 4 pillars; figures over {quality['voices']} voices "
        "(a campaign counts once).",
        "build: " + " / ".join(summary),
        f"assign: {cost['measured']} new comments placed one transaction each "
        f"({cost['joined_a_theme']} joined a theme).",
        f"split labels: {quality['split_labels'] or 'none'}",
        f"outside-style corpus (seed {OUTSIDE_SEED}, method only): {outside['voices']} voices, "
        f"{outside['themes']} themes for {outside['labels']} asks; split labels: "
        f"{len(outside['split_labels'])} of {outside['labels_in_both_languages']}.",
    ]
    return {"targets": {}, "derived": derived, "failures": failures, "notes": notes}
