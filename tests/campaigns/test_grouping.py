"""The rebuild's grouping counts a window of texts against every letter at once and updates
one column when a letter changes: it must take the decisions counting each text alone takes."""

from __future__ import annotations

import pytest

from app.campaigns import cluster
from benchmarks.corpus import generate


def _grouping(texts: list[tuple[int, str, bool]]) -> tuple[dict[int, int], list[tuple[int, int]]]:
    prints = list(cluster.fingerprints([(sid, body) for sid, body, _out in texts]))
    state = cluster.Assignment()
    cluster.assign(((sid, fp, False) for sid, fp in prints), state)
    # Before the sweep, which would let a personalised copy missed in arrival order in.
    return dict(state.representative), list(state.merges)


def test_windowed_counts_take_the_decisions_of_one_text_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    comments = generate(1500, seed=5, campaigns=12, personalised_share=0.6)
    texts = [(index + 1, comment.body, False) for index, comment in enumerate(comments)]
    windowed = _grouping(texts)
    monkeypatch.setattr(cluster, "AHEAD_MOST", 1)
    alone = _grouping(texts)
    assert windowed == alone
    # Letters changed while windows were open (campaigns formed and settled among them).
    assert len(set(windowed[0].values())) >= 10
