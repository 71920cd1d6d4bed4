"""Campaign assignment for many texts at once (the rebuild), in memory: the same decisions
intake makes one submission at a time against the database, taken in arrival order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import get_context

from app.campaigns.fingerprint import THRESHOLD, Fingerprint, fingerprint, similarity

# Below this many texts, fingerprinting in worker processes costs more than it saves.
PARALLEL_FROM = 4000
CHUNK = 500


@dataclass
class Assignment:
    fingerprints: dict[int, Fingerprint | None] = field(default_factory=dict)
    # (band, key) -> the first submission (not taken out of a campaign) that had it.
    owners: dict[tuple[int, int], int] = field(default_factory=dict)
    # submission id -> the first member of its campaign; only campaigns of two or more.
    representative: dict[int, int] = field(default_factory=dict)
    # submission id -> (the text it matched, estimated similarity; 1.0 for an exact copy)
    matched: dict[int, tuple[int, float]] = field(default_factory=dict)
    first_by_hash: dict[str, int] = field(default_factory=dict)

    def campaigns(self) -> dict[int, list[int]]:
        """representative -> members, oldest first (the representative is the first)."""
        groups: dict[int, list[int]] = {}
        for member, rep in self.representative.items():
            groups.setdefault(rep, []).append(member)
        return {rep: sorted(members) for rep, members in groups.items()}


def _fingerprint_chunk(chunk: list[tuple[int, str]]) -> list[tuple[int, Fingerprint | None]]:
    return [(sid, fingerprint(body)) for sid, body in chunk]


def fingerprints(
    texts: list[tuple[int, str]], jobs: int = 1, progress: Callable[[int], None] | None = None
) -> Iterator[tuple[int, Fingerprint | None]]:
    """Fingerprints in the order given, in `jobs` processes when there are many."""
    chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
    if jobs > 1 and len(texts) >= PARALLEL_FROM:
        with get_context("fork").Pool(jobs) as pool:
            for done in pool.imap(_fingerprint_chunk, chunks):
                yield from done
                if progress:
                    progress(len(done))
        return
    for chunk in chunks:
        yield from _fingerprint_chunk(chunk)
        if progress:
            progress(len(chunk))


def assign(
    items: Iterable[tuple[int, Fingerprint | None, bool]], state: Assignment | None = None
) -> Assignment:
    """Take (submission id, fingerprint, taken out?) in arrival order. A text joins the
    campaign of an exact copy, else of the most similar earlier text found through the band
    keys whose estimated Jaccard similarity reaches THRESHOLD. Taken-out texts are neither
    assigned nor matched against."""
    state = state or Assignment()
    first_by_hash = state.first_by_hash
    for sid, fp, excluded in items:
        state.fingerprints[sid] = fp
        if fp is None or excluded:
            continue
        target = first_by_hash.get(fp.exact_hash)
        score = 1.0
        if target is None:
            target, score = _best_candidate(state, fp)
        if target is not None:
            rep = state.representative.get(target, target)
            state.representative[target] = rep
            state.representative[sid] = rep
            state.matched[sid] = (target, score)
        first_by_hash.setdefault(fp.exact_hash, sid)
        for band, key in enumerate(fp.band_keys):
            state.owners.setdefault((band, key), sid)
    return state


def _best_candidate(state: Assignment, fp: Fingerprint) -> tuple[int | None, float]:
    candidates = {
        owner
        for band, key in enumerate(fp.band_keys)
        if (owner := state.owners.get((band, key))) is not None
    }
    best, best_score = None, 0.0
    for candidate in sorted(candidates):
        other = state.fingerprints.get(candidate)
        if other is None:
            continue
        score = similarity(fp.signature, other.signature)
        if score >= THRESHOLD and score > best_score:
            best, best_score = candidate, score
    return best, best_score


def cluster(texts: list[tuple[int, str, bool]], jobs: int = 1) -> dict[int, int]:
    """submission id -> representative id, for (id, body, taken out?) in arrival order."""
    excluded = {sid for sid, _body, out in texts if out}
    prints = fingerprints([(sid, body) for sid, body, _out in texts], jobs)
    state = assign((sid, fp, sid in excluded) for sid, fp in prints)
    return dict(state.representative)
