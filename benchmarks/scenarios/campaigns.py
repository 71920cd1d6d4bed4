"""Campaigns: detection quality on a labelled corpus, the rebuild's speed, intake's added cost.

1. ``python -m benchmarks.corpus load`` writes a generated, labelled corpus (English and
   Spanish; form-letter copies with realistic edits and unique comments on the same topics;
   see benchmarks/corpus.py) into the scenario's fresh database as plain rows, no detection.
2. ``flask --app wsgi campaigns rebuild`` is timed from start to exit (its own process, all
   CPUs): fingerprints, band keys, campaigns, one audit event per membership.
3. ``python -m benchmarks.corpus evaluate`` compares the campaigns found with the labels:
   pairwise precision and recall, false-merge rate of unique comments, member recall.
4. ``python -m benchmarks.corpus intake-cost`` stores new comments one transaction each and
   times the detection step alone (what create_submission adds) with the corpus stored.

Goals (issues 6 and 15): pairwise precision >= 0.99, pairwise recall >= 0.97, recall of
personalised copies >= 0.90, no look-alike merged and false merges < 0.5% (enforced: the
corpus is deterministic); rebuild of 100,000 < 60 s and intake detection < 10 ms mean and
< 20 ms p95 with 100,000 stored (full runs; reported, not enforced, since the machine's load
moves them: the rebuild's CPU seconds are reported beside its wall time for that reason).

The corpus seed here (SEED) was never used while tuning the detector: development used seeds
7 and 11 (20,000 comments) and 8 (100,000), through `python -m benchmarks.corpus check`.
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

NAME = "campaigns"
ORDER = 60
FULL_COUNT = 100_000
QUICK_COUNT = 3_000
FULL_INTAKE_SAMPLE = 300
QUICK_INTAKE_SAMPLE = 40
SEED = 2026  # held out: never used for development (module docstring)
GOALS = {"precision": 0.99, "recall": 0.97, "personalised_recall": 0.90, "false_merge_rate": 0.005}
REBUILD_GOAL_S = 60.0
INTAKE_GOAL_MS = 10.0
INTAKE_P95_GOAL_MS = 20.0


def _run(ctx: Context, args: list[str], timeout: float) -> str:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=ctx.env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _json(output: str) -> dict[str, Any]:
    return json.loads(output.strip().splitlines()[-1])


def run(ctx: Context) -> dict[str, Any]:
    count = QUICK_COUNT if ctx.quick else FULL_COUNT
    sample = QUICK_INTAKE_SAMPLE if ctx.quick else FULL_INTAKE_SAMPLE
    labels = ctx.instance_path / "labels.json"
    corpus = ["-m", "benchmarks.corpus"]
    loaded = _json(
        _run(ctx, [*corpus, "load", "--count", str(count), "--seed", str(SEED),
                   "--labels", str(labels)], timeout=1800)
    )  # fmt: skip
    started, cpu_before = time.monotonic(), _children_cpu()
    rebuild_out = _run(ctx, ["-m", "flask", "--app", "wsgi", "campaigns", "rebuild"], 1800)
    rebuild_s = round(time.monotonic() - started, 1)
    # CPU seconds of the command and its fingerprinting processes (not PostgreSQL's): the
    # figure that does not move with what else the machine is doing.
    rebuild_cpu_s = round(_children_cpu() - cpu_before, 1)
    quality = _json(_run(ctx, [*corpus, "evaluate", "--labels", str(labels)], timeout=600))
    intake = _json(
        _run(ctx, [*corpus, "intake-cost", "--count", str(sample), "--seed", str(SEED)], 900)
    )
    failures = []
    if quality["pairwise_precision"] < GOALS["precision"]:
        failures.append(f"precision {quality['pairwise_precision']} < {GOALS['precision']}")
    if quality["pairwise_recall"] < GOALS["recall"]:
        failures.append(f"recall {quality['pairwise_recall']} < {GOALS['recall']}")
    if quality["false_merge_rate"] >= GOALS["false_merge_rate"]:
        failures.append(f"false-merge rate {quality['false_merge_rate']} >= 0.005")
    personalised = quality["member_recall_by_kind"]["personalised"]["recall"]
    if personalised < GOALS["personalised_recall"]:
        failures.append(f"personalised recall {personalised} < {GOALS['personalised_recall']}")
    lookalikes = quality["merged_by_kind"].get("lookalike", {}).get("merged", 0)
    if lookalikes:
        failures.append(f"{lookalikes} look-alike comments merged into a campaign")
    if quality["campaigns_true"] < 50:
        failures.append(f"the corpus has {quality['campaigns_true']} campaigns, fewer than 50")
    derived: dict[str, Any] = {
        "comments": loaded["loaded"],
        "campaigns_true": quality["campaigns_true"],
        "campaigns_found": quality["campaigns_found"],
        "pairwise_precision": quality["pairwise_precision"],
        "pairwise_recall": quality["pairwise_recall"],
        "false_merge_rate": quality["false_merge_rate"],
        "member_recall": quality["member_recall"],
        "member_recall_by_kind": quality["member_recall_by_kind"],
        "merged_by_kind": quality["merged_by_kind"],
        "by_campaign_size": quality["by_campaign_size"],
        "rebuild_s": rebuild_s,
        "rebuild_cpu_s": rebuild_cpu_s,
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "intake_detect_mean_ms": intake["mean_ms"],
        "intake_detect_p50_ms": intake["p50_ms"],
        "intake_detect_p95_ms": intake["p95_ms"],
        "intake_detect_max_ms": intake["max_ms"],
        "intake_detect_cpu_mean_ms": intake["cpu_mean_ms"],
        "intake_stored_before": intake["stored_before"],
    }
    if not ctx.quick:
        derived["rebuild_goal_met"] = "yes" if rebuild_s < REBUILD_GOAL_S else "no"
        derived["intake_goal_met"] = (
            "yes"
            if intake["mean_ms"] < INTAKE_GOAL_MS and intake["p95_ms"] < INTAKE_P95_GOAL_MS
            else "no"
        )
    summary = [
        line
        for line in rebuild_out.splitlines()
        if "submissions," in line or "Seconds" in line or "CPU seconds" in line
    ]
    notes = [
        f"corpus: {count} comments (seed {SEED}), {quality['copies']} copies of "
        f"{quality['campaigns_true']} letters, {quality['unique_comments']} unique.",
        "precision/recall: pairwise over comments (pairs put in one campaign vs pairs copying "
        "one letter); false-merge rate: unique comments put in any campaign.",
        f"rebuild: {rebuild_s} s wall for the whole command; " + " / ".join(summary),
        f"intake: detection step alone, {intake['measured']} new comments with "
        f"{intake['stored_before']} stored ({intake['joined_a_campaign']} joined a campaign).",
        f"goals: rebuild of {FULL_COUNT:,} < {REBUILD_GOAL_S:g} s, intake mean < "
        f"{INTAKE_GOAL_MS:g} ms and p95 < {INTAKE_P95_GOAL_MS:g} ms (full runs; reported, not "
        "enforced).",
    ]
    return {"targets": {}, "derived": derived, "failures": failures, "notes": notes}
