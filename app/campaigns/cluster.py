"""Campaign assignment for many texts at once (the rebuild), in memory: the same decisions
intake makes one submission at a time against the database, taken in arrival order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import NamedTuple

import numpy as np

from app.campaigns.fingerprint import (
    BANDS,
    LETTER_VOTERS,
    THRESHOLD,
    Fingerprint,
    alike_beyond_letters,
    contains,
    covered,
    fingerprint,
    letter_of,
    one_letter,
    quotes,
    similarity,
)

# Below this many texts, fingerprinting in worker processes costs more than it saves.
PARALLEL_FROM = 4000
CHUNK = 500
# How many of the texts to place next have their shingles counted in every letter at once
# (at most AHEAD_CELLS counts): a letter that changes meanwhile updates its column only.
AHEAD_MOST, AHEAD_CELLS = 512, 1 << 21


class _LetterIndex(NamedTuple):
    hashes: np.ndarray  # every letter's shingles, sorted
    owners: np.ndarray  # the letter (an index into reps) each of those belongs to
    reps: np.ndarray  # each letter's representative
    sizes: np.ndarray  # each letter's size
    distinct: np.ndarray  # the distinct shingles of `hashes`
    offsets: np.ndarray  # where each distinct shingle starts in `hashes`, and the end


@dataclass
class Assignment:
    fingerprints: dict[int, Fingerprint | None] = field(default_factory=dict)
    # One dict per band: key -> the first submission (not taken out of a campaign) that had
    # it (no (band, key) tuple to build for each of a text's twenty keys).
    owners: list[dict[int, int]] = field(default_factory=lambda: [{} for _ in range(BANDS)])
    # submission id -> the first member of its campaign; only campaigns of two or more.
    representative: dict[int, int] = field(default_factory=dict)
    # submission id -> (the text it matched, estimated similarity; 1.0 for an exact copy;
    # the share of the letter it contains when it joined by containment)
    matched: dict[int, tuple[int, float]] = field(default_factory=dict)
    first_by_hash: dict[str, int] = field(default_factory=dict)
    # representative -> its campaign's letter (shingle hashes) and members, oldest first.
    letters: dict[int, np.ndarray] = field(default_factory=dict)
    members: dict[int, list[int]] = field(default_factory=dict)
    _index: _LetterIndex | None = None
    # Submissions that sat in a campaign a moderator changed (took members out of): the
    # campaigns holding them never merge with another.
    kept: set[int] = field(default_factory=set)
    kept_campaigns: set[int] = field(default_factory=set)
    excluded: set[int] = field(default_factory=set)
    # Campaigns that took in another: their letter is settled.
    merged_into: set[int] = field(default_factory=set)
    # (merged representative, representative it merged into)
    merges: list[tuple[int, int]] = field(default_factory=list)
    # The texts to be placed next, in order (expect), and a window of them counted against
    # every letter at once: a (text, letter) table of shared shingles whose columns follow
    # the letters (a new letter adds its column, a dropped one is zeroed), never recounted.
    _ahead: list[Fingerprint] = field(default_factory=list)
    _ahead_at: dict[int, int] = field(default_factory=dict)
    _window: _Window | None = None

    def campaigns(self) -> dict[int, list[int]]:
        """representative -> members, oldest first (the representative is the first)."""
        return {rep: sorted(members) for rep, members in self.members.items()}

    def _index_letter(self, rep: int, letter: np.ndarray) -> None:
        self.letters[rep] = letter
        self._index = None
        if self._window is not None:
            self._window.add(rep, letter)

    def _unindex_letter(self, rep: int) -> None:
        del self.letters[rep]
        self._index = None
        if self._window is not None:
            self._window.drop(rep)

    def expect(self, texts: list[Fingerprint]) -> None:
        """The texts `containing` will be asked about next, in that order."""
        self._ahead = texts
        self._ahead_at = {id(fp): at for at, fp in enumerate(texts)}
        self._window = None

    def _letter_index(self) -> _LetterIndex:
        """Every letter's shingles in one sorted array, with the letter each belongs to (an
        index into the representatives and sizes): rebuilt only after a letter changed."""
        if self._index is None:
            reps = list(self.letters)
            sizes = np.array([len(self.letters[r]) for r in reps], dtype=np.int64)
            hashes = (
                np.concatenate([self.letters[r] for r in reps]) if reps else np.empty(0, np.uint32)
            )
            owners = np.repeat(np.arange(len(reps), dtype=np.int32), sizes)
            order = np.argsort(hashes, kind="stable")
            hashes, owners = hashes[order], owners[order]
            # Each distinct shingle once, and where its letters start in `owners`: a text's
            # shingles are looked up among the distinct ones (a third as many) in one search.
            first = np.ones(len(hashes), dtype=bool)
            np.not_equal(hashes[1:], hashes[:-1], out=first[1:])
            starts = np.flatnonzero(first)
            distinct = hashes[starts]
            offsets = np.append(starts, len(hashes)).astype(np.int64)
            self._index = _LetterIndex(
                hashes, owners, np.array(reps, dtype=np.int64), sizes, distinct, offsets
            )
        return self._index

    def containing(self, fp: Fingerprint) -> dict[int, float]:
        """representative -> share of its letter the text contains, for the letters it is a
        copy of (fingerprint.contains)."""
        text_size = len(fp.shingles)
        found: dict[int, float] = {}
        for rep in self._candidates(fp).tolist():
            # A letter two texts share is not settled yet: two comments that reuse the same
            # paragraph would make one, and draw every other such comment in.
            if len(self.members[rep]) < LETTER_VOTERS:
                continue
            letter = self.letters[rep]
            runs = covered(letter, fp.sequence)
            if contains(len(letter), runs, text_size):
                found[rep] = runs / len(letter)
        return found

    def _candidates(self, fp: Fingerprint) -> np.ndarray:
        """The representatives of the letters `fp` may contain, counted over all its
        shingles (cheap, an upper bound of what counts in runs)."""
        at = self._ahead_at.get(id(fp))
        window = self._window
        if at is None:
            window = _Window.count(self, [fp], 0)
            return window.candidates(0)
        if window is None or not window.start <= at < window.start + window.texts:
            size = max(1, min(AHEAD_MOST, AHEAD_CELLS // max(1, len(self.letters))))
            window = self._window = _Window.count(self, self._ahead[at : at + size], at)
        return window.candidates(at - window.start)

    def letter_shingles(self, first: Fingerprint, second: Fingerprint) -> np.ndarray:
        """The shingles of the settled letters both texts quote (fingerprint.quotes), sorted
        and distinct."""
        index = self._letter_index()
        hashes, owners, reps = index.hashes, index.owners, index.reps
        if not len(hashes):
            return np.empty(0, dtype=np.uint32)
        where = np.searchsorted(hashes, first.shingles, "left")
        np.minimum(where, len(hashes) - 1, out=where)
        hit = np.unique(owners[where[hashes[where] == first.shingles]])
        quoted = [
            self.letters[int(reps[i])]
            for i in hit.tolist()
            if len(self.members[int(reps[i])]) >= LETTER_VOTERS
            and quotes(self.letters[int(reps[i])], first.sequence)
            and quotes(self.letters[int(reps[i])], second.sequence)
        ]
        return np.unique(np.concatenate(quoted)) if quoted else np.empty(0, dtype=np.uint32)

    def alike(self, fp: Fingerprint, target: int) -> bool:
        """Whether a text and the earlier text it resembles may start a campaign together
        (fingerprint.alike_beyond_letters)."""
        other = self.fingerprints[target]
        if other is None:
            return False
        letters = self.letter_shingles(fp, other)
        return bool(alike_beyond_letters(fp.shingles, other.shingles, letters))

    def join(self, sid: int, rep: int, matched: int, score: float) -> None:
        self.representative[sid] = rep
        members = self.members[rep]
        members.append(sid)
        self.matched[sid] = (matched, score)
        if sid in self.kept:
            self.kept_campaigns.add(rep)
        if len(members) == LETTER_VOTERS and rep not in self.merged_into:
            voters = [self.fingerprints[m] for m in members]
            self._unindex_letter(rep)
            self._index_letter(rep, letter_of(*(fp.shingles for fp in voters if fp)))

    def start(self, first: int, second: int, score: float) -> int:
        """A campaign of two texts, represented by the first; its letter is what they share."""
        first_fp, second_fp = self.fingerprints[first], self.fingerprints[second]
        if first_fp is None or second_fp is None:  # only fingerprinted texts are matched
            raise ValueError("a campaign of texts without fingerprints")
        self.representative[first] = first
        self.members[first] = [first]
        self.matched[first] = (second, score)
        if first in self.kept:
            self.kept_campaigns.add(first)
        self._index_letter(first, letter_of(first_fp.shingles, second_fp.shingles))
        self.join(second, first, first, score)
        return first

    def can_merge(self, into: int, other: int) -> bool:
        if into in self.kept_campaigns or other in self.kept_campaigns:
            return False
        a, b = self.letters[into], self.letters[other]
        shared = len(np.intersect1d(a, b, assume_unique=True))
        return one_letter(len(a), len(b), shared)

    def merge(self, into: int, other: int) -> None:
        """Every member of `other` joins `into`; `other`'s letter is forgotten."""
        for sid in self.members.pop(other):
            self.representative[sid] = into
            self.members[into].append(sid)
        self._unindex_letter(other)
        self.merges.append((other, into))
        self.merged_into.add(into)


@dataclass
class _Window:
    """Texts to be placed next (from `start` in the expected order) and how many shingles
    each shares with every letter: a column per letter, in the order letters were added."""

    start: int
    texts: int
    shingles: np.ndarray  # the window's texts' shingles, one text after another
    text_of: np.ndarray  # the window text each of those belongs to
    counts: np.ndarray  # (texts, capacity) shared shingles
    # (texts, capacity) whether the text may contain the column's letter (contains over all
    # the shingles they share), kept with the counts: asked once per text placed
    fits: np.ndarray
    text_sizes: np.ndarray  # (texts) each text's distinct shingles
    sizes: np.ndarray  # (capacity) each column's letter size; 0: no letter (any more)
    reps: np.ndarray  # (capacity) each column's representative
    columns: dict[int, int]  # representative -> its column
    used: int

    @classmethod
    def count(cls, state: Assignment, batch: list[Fingerprint], start: int) -> _Window:
        """The window of `batch`, counted against every letter in one numpy pass."""
        index = state._letter_index()
        reps, sizes = index.reps, index.sizes
        shingles = (
            np.concatenate([fp.shingles for fp in batch]) if batch else np.empty(0, np.uint32)
        )
        text_sizes = np.array([len(fp.shingles) for fp in batch], dtype=np.int64)
        text_of = np.repeat(np.arange(len(batch), dtype=np.int32), text_sizes)
        capacity = len(reps) + 64
        counts = np.zeros((len(batch), capacity), dtype=np.int32)
        if len(index.distinct) and len(shingles):
            # The texts' shingles that are in some letter, and the range of letters each is in.
            at = np.searchsorted(index.distinct, shingles)
            np.minimum(at, len(index.distinct) - 1, out=at)
            found = index.distinct[at] == shingles
            at, texts = at[found], text_of[found]
            low = index.offsets[at]
            lengths = index.offsets[at + 1] - low
            total = int(lengths.sum())
            # Every match expanded (each range [low, low + length) with the text it came
            # from), then one count per (text, letter).
            starts = np.repeat(low - np.cumsum(lengths) + lengths, lengths)
            keys = np.repeat(texts * np.int32(len(reps)), lengths)
            keys += index.owners[starts + np.arange(total)]
            table = np.bincount(keys, minlength=len(batch) * len(reps))
            counts[:, : len(reps)] = table.reshape(len(batch), len(reps))
        column_sizes = np.zeros(capacity, dtype=np.int64)
        column_sizes[: len(reps)] = sizes
        column_reps = np.zeros(capacity, dtype=np.int64)
        column_reps[: len(reps)] = reps
        columns = {int(rep): i for i, rep in enumerate(reps.tolist())}
        fits = contains(column_sizes[None, :], counts, text_sizes[:, None])
        return cls(start, len(batch), shingles, text_of, counts, fits, text_sizes, column_sizes,
                   column_reps, columns, len(reps))  # fmt: skip

    def add(self, rep: int, letter: np.ndarray) -> None:
        """A new letter's column: how many of its shingles each text of the window has."""
        if self.used == len(self.sizes):
            grow = len(self.sizes)
            self.counts = np.concatenate(
                [self.counts, np.zeros((self.texts, grow), dtype=np.int32)], axis=1
            )
            self.fits = np.concatenate(
                [self.fits, np.zeros((self.texts, grow), dtype=bool)], axis=1
            )
            self.sizes = np.concatenate([self.sizes, np.zeros(grow, dtype=np.int64)])
            self.reps = np.concatenate([self.reps, np.zeros(grow, dtype=np.int64)])
        column = self.used
        self.used += 1
        self.columns[rep] = column
        self.sizes[column] = len(letter)
        self.reps[column] = rep
        if len(letter) and len(self.shingles):
            where = np.searchsorted(letter, self.shingles)
            np.minimum(where, len(letter) - 1, out=where)
            hit = letter[where] == self.shingles
            self.counts[:, column] = np.bincount(self.text_of[hit], minlength=self.texts)
        self.fits[:, column] = contains(len(letter), self.counts[:, column], self.text_sizes)

    def drop(self, rep: int) -> None:
        column = self.columns.pop(rep, None)
        if column is not None:
            self.sizes[column] = 0
            self.fits[:, column] = False

    def candidates(self, row: int) -> np.ndarray:
        """The representatives whose letters text `row` may contain (fingerprint.contains
        over all its shared shingles)."""
        return self.reps[np.flatnonzero(self.fits[row])]


# A fingerprint as plain values (its arrays as bytes): what a worker process sends back,
# about a third of the CPU of pickling the arrays themselves on both sides.
Packed = tuple[int, str, bytes, tuple[int, ...], bytes, bytes] | None


def _fingerprint_chunk(chunk: list[tuple[int, str]]) -> list[tuple[int, Fingerprint | None]]:
    return [(sid, fingerprint(body)) for sid, body in chunk]


def _packed_chunk(chunk: list[tuple[int, str]]) -> list[tuple[int, Packed]]:
    packed: list[tuple[int, Packed]] = []
    for sid, body in chunk:
        fp = fingerprint(body)
        packed.append((sid, None if fp is None else (
            fp.words, fp.exact_hash, fp.signature.tobytes(), fp.band_keys,
            fp.shingles.tobytes(), fp.sequence.tobytes(),
        )))  # fmt: skip
    return packed


def _unpacked(done: list[tuple[int, Packed]]) -> list[tuple[int, Fingerprint | None]]:
    return [
        (sid, None if p is None else Fingerprint(
            p[0], p[1], np.frombuffer(p[2], np.uint32), p[3], np.frombuffer(p[4], np.uint32),
            np.frombuffer(p[5], np.uint32),
        ))
        for sid, p in done
    ]  # fmt: skip


def fingerprints(
    texts: list[tuple[int, str]], jobs: int = 1, progress: Callable[[int], None] | None = None
) -> Iterator[tuple[int, Fingerprint | None]]:
    """Fingerprints in the order given, in `jobs` processes when there are many."""
    chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
    if jobs > 1 and len(texts) >= PARALLEL_FROM:
        with get_context("fork").Pool(jobs) as pool:
            for packed in pool.imap(_packed_chunk, chunks):
                done = _unpacked(packed)
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
    """Take (submission id, fingerprint, taken out?) in arrival order. A text qualifies for
    the campaign of an exact copy, of the most similar earlier text found through the band
    keys (estimated Jaccard similarity >= THRESHOLD), and of every campaign whose letter it
    contains (fingerprint.contains). It joins the largest of those; the others merge into
    that one when their letters are one letter. With none, an exact copy or the most similar
    text and it start a campaign. Taken-out texts are neither assigned nor matched against."""
    state = state or Assignment()
    first_by_hash = state.first_by_hash
    items = list(items)
    state.expect([fp for _sid, fp, excluded in items if fp is not None and not excluded])
    for sid, fp, excluded in items:
        state.fingerprints[sid] = fp
        if excluded:
            state.excluded.add(sid)
        if fp is None or excluded:
            continue
        target = first_by_hash.get(fp.exact_hash)
        score = 1.0
        if target is None:
            target, score = _best_candidate(state, fp)
        place(state, sid, fp, target, score)
        first_by_hash.setdefault(fp.exact_hash, sid)
        for owners, key in zip(state.owners, fp.band_keys, strict=True):
            owners.setdefault(key, sid)
    return state


def place(
    state: Assignment, sid: int, fp: Fingerprint, target: int | None, score: float
) -> int | None:
    """Put `sid` in a campaign (see assign); its representative, or None. An exact copy of
    a member joins that member's campaign straight away."""
    if score == 1.0 and target is not None and target in state.representative:
        rep = state.representative[target]
        state.join(sid, rep, target, score)
        return rep
    qualified = state.containing(fp)
    if target is not None and target in state.representative:
        qualified.setdefault(state.representative[target], score)
    if not qualified:
        if target is None or not state.alike(fp, target):
            return None
        return state.start(target, sid, score)
    # The letter it copies best; campaigns of one letter with it merge into the largest.
    best = max(qualified, key=lambda rep: (qualified[rep], len(state.members[rep]), -rep))
    group = [rep for rep in sorted(qualified) if rep == best or state.can_merge(best, rep)]
    main = max(group, key=lambda rep: (len(state.members[rep]), -rep))
    for other in group:
        if other != main:
            state.merge(main, other)
    matched, how = (target, score) if target is not None else (main, qualified[main])
    state.join(sid, main, matched, how)
    # The text it copies, alone until now, comes along.
    if target is not None and target not in state.representative:
        state.join(target, main, sid, score)
    return main


def sweep(state: Assignment) -> int:
    """Texts left alone that contain a campaign's letter as it finally stands join it (a
    personalised copy that arrived before its campaign formed); how many joined."""
    joined = 0
    alone = [
        (sid, fp) for sid, fp in state.fingerprints.items()
        if fp is not None and sid not in state.representative and sid not in state.excluded
    ]  # fmt: skip
    state.expect([fp for _sid, fp in alone])
    for sid, fp in alone:
        found = state.containing(fp)
        if found:
            rep = max(found, key=lambda r: (found[r], len(state.members[r]), -r))
            state.join(sid, rep, rep, found[rep])
            joined += 1
    return joined


def _best_candidate(state: Assignment, fp: Fingerprint) -> tuple[int | None, float]:
    # Submission ids are positive: -1 is "no owner".
    candidates = {
        owners.get(key, -1) for owners, key in zip(state.owners, fp.band_keys, strict=True)
    }
    candidates.discard(-1)
    best, best_score = None, 0.0
    for candidate in sorted(candidates):
        other = state.fingerprints.get(candidate)
        if other is None:
            continue
        score = similarity(fp.signature, other.signature)
        if score >= THRESHOLD and score > best_score:
            best, best_score = candidate, score
    return best, best_score


def cluster(
    texts: list[tuple[int, str, bool]], jobs: int = 1, kept: set[int] | None = None
) -> dict[int, int]:
    """submission id -> representative id, for (id, body, taken out?) in arrival order."""
    excluded = {sid for sid, _body, out in texts if out}
    prints = fingerprints([(sid, body) for sid, body, _out in texts], jobs)
    state = Assignment(kept=kept or set(), excluded=excluded)
    assign(((sid, fp, sid in excluded) for sid, fp in prints), state)
    sweep(state)
    return dict(state.representative)
