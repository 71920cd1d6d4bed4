"""The themes method, without the database: English and Spanish text into one space of shared
terms, TF-IDF, clustering within a pillar, and labels in each language (docs/themes.md).

1. Terms. A text is folded (app.text.fold: case and accents), split into words, stripped of
   stop words (stopwords.txt) and stemmed by one light stemmer for both languages whose last
   step maps the regular English/Spanish suffix pairs onto one form ("inspection" and
   "inspección" both become "inspec"). Runs of stems that spell a phrase of the bilingual
   glossary (glossary.csv) or of the taxonomy's topic and pillar names become one concept term
   ("@border_crossing" for "ports of entry" and "puertos de entrada").
2. Vectors. Sublinear TF-IDF over those terms (concepts weigh more), rows of unit length.
   A form-letter campaign is one document, so a letter copied 500 times is one voice.
3. Clusters. Spherical k-means splits a pillar into many small groups; average-linkage merging
   joins groups whose comments are, on average, similar enough; each document then joins its
   nearest theme centre when close enough, or stays unthemed. Groups too small are dropped.
   Then themes written (mostly) in one language are linked with others on second-order vectors
   (each document plus the terms that occur with its own in the pillar), so an English and a
   Spanish theme asking the same meet through comments that use both languages and the topics
   ticked on the form ("#code" terms), not only through the glossary.
4. Labels. A theme's strongest terms, distinctive against the pillar, written back in each
   language: a concept by its glossary name, a stem by the word the comments used most.

Everything is deterministic (seeded), offline and uses numpy and scipy only.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse

from app.text import WORD, fold

METHOD = "concepts-tfidf-kmeans-v2"
HERE = Path(__file__).parent

# Tuned on the development seeds of benchmarks/themes_corpus.py (docs/themes.md), never on the
# seed the benchmark reports.
CONCEPT_WEIGHT = 1.8  # a glossary concept counts more than a plain word
MIN_DF = 2  # a term in one document only cannot bring two together
MAX_DF = 0.5  # a term in more than half a pillar's documents tells them apart no better
MAX_DF_FROM = 100  # ... in a pillar of at least this many documents
MERGE_SIMILARITY = 0.20  # average cosine between two groups' documents for them to merge
JOIN_SIMILARITY = 0.26  # cosine to a theme's centre for a document to join it
CENTROID_TERMS = 300  # a centre keeps its strongest terms only (stored, compared at approval)
LABEL_TERMS = 3
# Tuned on outside-style seeds 11 and 12 and our corpus's seeds 1 and 2 (docs/themes.md).
TOPIC = "#"  # a topic the submitter chose on the form: a term "#<code>", the same in both languages
LINK_SIMILARITY = 0.10  # average second-order cosine for a one-language group to join another
LINK_COOCCURRENCE = (
    0.10  # cosine between two terms' document columns for one to stand for the other
)
ONE_LANGUAGE = 0.8  # a group with at least this share of one language is "one-language"
# The linking step needs a pillar of at least this many voices: below it, second-order vectors
# rest on a handful of co-occurrences and join asks that share a word or two (found on dev
# seed 5 of our corpus at 400 comments: four border and energy asks in one theme, purity 0.75;
# with this floor 0.92, as v1's 0.96 nearly; 3,000-comment pillars are far above it).
LINK_MIN_VOICES = 300


# --- terms ---------------------------------------------------------------------------------------


@cache
def stopwords() -> frozenset[str]:
    words: set[str] = set()
    for line in (HERE / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(fold(word) for word in words)


# Regular suffix pairs of English and Spanish, onto one form (longest first).
_COGNATE_SUFFIXES = (
    ("izacion", "iz"),
    ("ization", "iz"),
    ("isation", "iz"),
    ("cion", ""),
    ("sion", ""),
    ("tion", ""),
    ("idad", ""),
    ("ity", ""),
    ("mente", ""),
    ("ment", ""),
    ("ness", ""),
    ("ismo", "ism"),
    ("ista", "ist"),
    ("ivo", "iv"),
    ("iva", "iv"),
    ("ive", "iv"),
    ("ico", "ic"),
    ("ica", "ic"),
    ("ical", "ic"),
)
_INFLECTIONS = ("iendo", "ando", "ados", "adas", "idos", "idas", "ingly", "ing", "ado", "ada",
                "ido", "ida", "ed", "ly")  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")


@cache
def stem(word: str) -> str:
    """One light stemmer for a folded English or Spanish word. Plurals and common inflections
    go, then regular suffix pairs meet ("certificaciones", "certifications" -> "certific")."""
    w = word
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 5:
        w = w[:-3] + "y"
    elif w.endswith("ces") and len(w) > 5:  # "luces" -> "luz"
        w = w[:-3] + "z"
    elif w.endswith(("ones", "ores", "ales", "ares", "eres", "ses", "xes", "shes", "ches")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 4:
        w = w[:-1]
    for ending in _INFLECTIONS:
        if w.endswith(ending) and len(w) - len(ending) >= 4:
            w = w[: -len(ending)]
            break
    for ending, replacement in _COGNATE_SUFFIXES:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            w = w[: -len(ending)] + replacement
            break
    w = w.replace("ph", "f").replace("th", "t").replace("ch", "c").replace("k", "c")
    w = w.replace("y", "i")
    w = _DOUBLED.sub(r"\1", w)
    if len(w) > 4 and w[-1] in "aeo":
        w = w[:-1]
    return w


@cache
def _word(word: str) -> str | None:
    """A written word's stem, or None for a stop word."""
    folded = fold(word)
    return None if folded in stopwords() else stem(folded)


def _stems(text: str) -> list[tuple[str, str]]:
    """(stem, word in lower case) of every word that is not a stop word."""
    out = []
    for word in WORD.findall(text):
        found = _word(word)
        if found is not None:
            out.append((found, word.lower()))
    return out


@dataclass(frozen=True)
class Concept:
    key: str
    label_en: str
    label_es: str


@dataclass
class Lexicon:
    """The bilingual phrases that become one concept term each: the glossary's, plus the
    taxonomy's names (a topic called the same in both languages is one concept)."""

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)
    longest: int = 1

    def add(self, key: str, english: Sequence[str], spanish: Sequence[str]) -> None:
        if key not in self.concepts and english and spanish:
            self.concepts[key] = Concept(key, english[0], spanish[0])
        for phrase in (*english, *spanish):
            stems = tuple(s for s, _word in _stems(phrase))
            if stems and stems not in self.phrases:
                self.phrases[stems] = key
                self.longest = max(self.longest, len(stems))

    def terms(self, text: str) -> list[tuple[str, str]]:
        """(term, surface) of a text: concept terms ("@key") where a phrase matches, the
        longest first, and stems elsewhere; the surface is the folded words it came from."""
        stems = _stems(text)
        out: list[tuple[str, str]] = []
        i, n = 0, len(stems)
        while i < n:
            for length in range(min(self.longest, n - i), 0, -1):
                key = self.phrases.get(tuple(s for s, _w in stems[i : i + length]))
                if key is not None:
                    out.append(("@" + key, " ".join(w for _s, w in stems[i : i + length])))
                    i += length
                    break
            else:
                s, word = stems[i]
                if len(s) >= 3 and not s.isdigit():
                    out.append((s, word))
                i += 1
        return out


@cache
def glossary() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """The bilingual domain glossary kept with the code: concept, English and Spanish variants
    (the first of each is how a label names it)."""
    rows = []
    with (HERE / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            english = tuple(v.strip() for v in row["en"].split("|") if v.strip())
            spanish = tuple(v.strip() for v in row["es"].split("|") if v.strip())
            rows.append((row["concept"].strip(), english, spanish))
    return tuple(rows)


_NAME_PARTS = re.compile(r",|\band\b|\by\b|\be\b|\bin\b|\ben\b", re.IGNORECASE)


def lexicon(named: Iterable[tuple[str, str, str]] = ()) -> Lexicon:
    """The glossary's phrases plus taxonomy names: `named` is (key, name_en, name_es) of each
    topic and pillar. A long name is also split at "and"/"y", so a comment that names part of
    it ("border infrastructure") still meets its translation."""
    found = Lexicon()
    for key, english, spanish in glossary():
        found.add(key, english, spanish)
    for key, name_en, name_es in named:
        parts_en = [p.strip() for p in _NAME_PARTS.split(name_en) if p.strip()]
        parts_es = [p.strip() for p in _NAME_PARTS.split(name_es) if p.strip()]
        found.add(key, [name_en], [name_es])
        if len(parts_en) == len(parts_es) > 1:
            for index, (part_en, part_es) in enumerate(zip(parts_en, parts_es, strict=True)):
                found.add(f"{key}.{index}", [part_en], [part_es])
    return found


# --- vectors -------------------------------------------------------------------------------------


@dataclass
class Document:
    """One voice: a comment, or a whole campaign (its first text stands for it)."""

    key: int
    terms: list[str]
    language: str | None = None
    # The folded words each term came from, counted (what a label writes back).
    surfaces: list[tuple[str, str]] = field(default_factory=list)


def document(
    lex: Lexicon, key: int, text: str, language: str | None, topics: Iterable[str] = ()
) -> Document:
    """A voice's terms; `topics` are the codes of the topics its submitter chose on the form,
    one term each ("#border"): a signal that is the same in both languages."""
    pairs = lex.terms(text)
    return Document(
        key, [t for t, _s in pairs] + [TOPIC + code for code in topics], language, pairs
    )


def fit_idf(documents: Sequence[Document]) -> dict[str, float]:
    """Inverse document frequencies of the terms worth keeping (MIN_DF, MAX_DF)."""
    df: Counter[str] = Counter()
    for doc in documents:
        df.update(set(doc.terms))
    n = len(documents)
    # In a small pillar one theme may be most of it: its own words must not be dropped.
    ceiling = MAX_DF * n if n >= MAX_DF_FROM else n
    return {
        term: math.log((1 + n) / (1 + count)) + 1.0
        for term, count in df.items()
        if count >= MIN_DF and (count <= ceiling or term[0] == TOPIC)
    }


def weights(terms: Iterable[str], idf: dict[str, float]) -> dict[str, float]:
    """A document's unit-length TF-IDF vector as {term: weight} (sublinear term counts)."""
    counts = Counter(t for t in terms if t in idf)
    vector = {
        term: (1.0 + math.log(count)) * idf[term] * (CONCEPT_WEIGHT if term[0] == "@" else 1.0)
        for term, count in counts.items()
    }
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {term: v / norm for term, v in vector.items()} if norm else {}


def matrix(vectors: Sequence[dict[str, float]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    indptr, indices, data = [0], [], []
    for vector in vectors:
        for term, value in vector.items():
            indices.append(vocabulary[term])
            data.append(value)
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int32), indptr),
        shape=(len(vectors), len(vocabulary)),
    )


def truncate(centre: dict[str, float], size: int = CENTROID_TERMS) -> dict[str, float]:
    """A centre's strongest terms, at unit length again."""
    kept = dict(sorted(centre.items(), key=lambda kv: -kv[1])[:size])
    norm = math.sqrt(sum(v * v for v in kept.values()))
    return {term: round(v / norm, 5) for term, v in kept.items()} if norm else {}


def cosine(vector: dict[str, float], centre: dict[str, float]) -> float:
    if len(vector) > len(centre):
        vector, centre = centre, vector
    return sum(v * centre.get(term, 0.0) for term, v in vector.items())


def nearest(
    vector: dict[str, float], centres: Sequence[tuple[int, dict[str, float]]]
) -> tuple[int | None, float]:
    """The theme whose centre is closest, when close enough (JOIN_SIMILARITY): the one rule
    by which a build places its documents and an approval places a new comment."""
    best, best_score = None, 0.0
    for theme_id, centre in centres:
        score = cosine(vector, centre)
        if score > best_score or (score == best_score and best is not None and theme_id < best):
            best, best_score = theme_id, score
    if best is None or best_score < JOIN_SIMILARITY:
        return None, best_score
    return best, best_score


# --- clusters ------------------------------------------------------------------------------------


def _kmeans(x: sparse.csr_matrix, k: int, seed: int, iterations: int = 12) -> np.ndarray:
    """Spherical k-means (cosine) with k-means++ seeding: the groups' numbers per row."""
    rng = np.random.default_rng(seed)
    n = x.shape[0]
    first = int(rng.integers(n))
    chosen = [first]
    closest = 1.0 - (x @ x[first].T).toarray().ravel()
    for _ in range(1, k):
        weights_ = np.clip(closest, 0, None) ** 2
        total = weights_.sum()
        if total <= 0:
            break
        pick = int(rng.choice(n, p=weights_ / total))
        chosen.append(pick)
        closest = np.minimum(closest, 1.0 - (x @ x[pick].T).toarray().ravel())
    centres = x[chosen].toarray()
    labels = np.zeros(n, dtype=np.int64)
    for _ in range(iterations):
        scores = np.asarray(x @ centres.T)
        new = scores.argmax(axis=1)
        if _ and np.array_equal(new, labels):
            break
        labels = new
        sums = _group_sums(x, labels, centres.shape[0])
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms.ravel() == 0
        centres = np.where(empty[:, None], centres, sums / np.where(norms == 0, 1, norms))
    return labels


def _group_sums(x: sparse.csr_matrix, labels: np.ndarray, k: int) -> np.ndarray:
    indicator = sparse.csr_matrix(
        (np.ones(len(labels), dtype=np.float32), (labels, np.arange(len(labels)))),
        shape=(k, x.shape[0]),
    )
    return np.asarray((indicator @ x).todense())


def _merge(
    means: np.ndarray, sizes: np.ndarray, threshold: float, english: np.ndarray | None = None
) -> np.ndarray:
    """Average-linkage merging of groups: the average cosine between the documents of two
    groups is the dot product of their mean vectors, so groups merge while some pair's is at
    least `threshold`. With `english` (each group's count of English documents), two groups
    both written in both languages (neither ONE_LANGUAGE one language) never merge: the
    linking step's rule (_link). Returns each group's final number."""
    k = len(sizes)
    similarity = means @ means.T
    np.fill_diagonal(similarity, -np.inf)
    size = sizes.astype(np.float64).copy()
    in_english = None if english is None else english.astype(np.float64)
    alive = np.ones(k, dtype=bool)
    parent = np.arange(k)
    while True:
        allowed = alive[:, None] & alive[None, :]
        if in_english is not None:
            share = in_english / size
            mixed = (share > 1 - ONE_LANGUAGE) & (share < ONE_LANGUAGE)
            allowed &= ~(mixed[:, None] & mixed[None, :])
        masked = np.where(allowed, similarity, -np.inf)
        a, b = divmod(int(masked.argmax()), k)
        if masked[a, b] < threshold:
            break
        merged = (size[a] * similarity[a] + size[b] * similarity[b]) / (size[a] + size[b])
        similarity[a, :] = merged
        similarity[:, a] = merged
        similarity[a, a] = -np.inf
        size[a] += size[b]
        if in_english is not None:
            in_english[a] += in_english[b]
        alive[b] = False
        parent[parent == b] = a
    return parent


@dataclass
class Clustering:
    """A pillar's themes: each theme's centre and its documents' (key, similarity)."""

    centres: list[dict[str, float]]
    members: list[list[tuple[int, float]]]
    unthemed: list[int]


def min_size(documents: int) -> int:
    """How many voices a theme needs: two in a small consultation, more in a large one."""
    return 2 if documents < 200 else 3


def cluster(documents: Sequence[Document], idf: dict[str, float], seed: int = 0) -> Clustering:
    """Group one pillar's documents into themes (module docstring, step 3)."""
    vectors = [weights(doc.terms, idf) for doc in documents]
    keyed = [(doc.key, vec) for doc, vec in zip(documents, vectors, strict=True) if vec]
    empty = [doc.key for doc, vec in zip(documents, vectors, strict=True) if not vec]
    smallest = min_size(len(documents))
    if len(keyed) < smallest:
        return Clustering([], [], [doc.key for doc in documents])
    vocabulary = {term: i for i, term in enumerate(idf)}
    x = matrix([vec for _k, vec in keyed], vocabulary)
    n = x.shape[0]
    k = max(1, min(n, int(round(2.5 * math.sqrt(n)))))
    groups = _kmeans(x, k, seed)
    k = int(groups.max()) + 1
    sums = _group_sums(x, groups, k)
    sizes = np.bincount(groups, minlength=k)
    means = sums / np.where(sizes == 0, 1, sizes)[:, None]
    parent = _merge(means, sizes, MERGE_SIMILARITY)
    labels = np.unique(parent, return_inverse=True)[1][groups]
    terms = list(idf)
    centres: list[dict[str, float]] = []
    for _round in range(2):
        placed = labels >= 0
        sums = _group_sums(x[placed], labels[placed], int(labels.max()) + 1)
        centres = []
        for row in sums:
            nonzero = np.flatnonzero(row)
            centres.append(truncate({terms[i]: float(row[i]) for i in nonzero}))
        labels = _assign(x, centres, vocabulary)
        if (labels >= 0).sum() == 0:
            break
        counts = np.bincount(labels[labels >= 0], minlength=len(centres))
        keep = counts >= smallest
        renumber = np.cumsum(keep) - 1
        labels = np.where((labels >= 0) & keep[np.maximum(labels, 0)], renumber[labels], -1)
        centres = [c for c, k_ in zip(centres, keep, strict=True) if k_]
        if not centres:
            break
    members: list[list[tuple[int, float]]] = [[] for _ in centres]
    unthemed = list(empty)
    if centres:
        scores = np.asarray(x @ _dense(centres, vocabulary).T)
    for row, (key, _vec) in enumerate(keyed):
        label = int(labels[row]) if centres else -1
        if label < 0:
            unthemed.append(key)
        else:
            members[label].append((key, round(float(scores[row, label]), 4)))
    if len(centres) > 1 and len(keyed) >= LINK_MIN_VOICES:
        language = {doc.key: doc.language for doc in documents}
        rows = {key: row for row, (key, _vec) in enumerate(keyed)}
        rows_of = [[rows[key] for key, _s in found] for found in members]
        english = np.array([sum(language[keyed[r][0]] == "en" for r in g) for g in rows_of])
        parent = _link(_second_order(x), rows_of, english)
        if len(set(parent.tolist())) < len(rows_of):
            centres, members = _linked(x, keyed, rows_of, parent, terms, vocabulary)
    return Clustering(centres, members, unthemed)


def _second_order(x: sparse.csr_matrix) -> sparse.csr_matrix:
    """Each document with the terms that occur with its own (docs/themes.md, step 4b): its row
    plus its row times the terms' co-occurrence (cosine between two terms' columns, kept when
    at least LINK_COOCCURRENCE), both at unit length. A comment that writes one language's
    words then also carries the other's that commenters used beside them (a bilingual comment,
    a quoted demand, the same topic chosen on the form), without a dictionary."""
    columns = np.sqrt(np.asarray(x.multiply(x).sum(axis=0))).ravel()
    scaled = (x @ sparse.diags(1.0 / np.maximum(columns, 1e-9))).tocsr()
    together = (scaled.T @ scaled).tocsr()
    together.data[together.data < LINK_COOCCURRENCE] = 0
    together.eliminate_zeros()
    expanded = _unit_rows(x @ together)
    return _unit_rows(sparse.hstack([x, expanded]).tocsr())


def _unit_rows(x: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1))).ravel()
    return (sparse.diags(1.0 / np.maximum(norms, 1e-9)) @ x).tocsr()


def _link(
    features: sparse.csr_matrix, groups: Sequence[list[int]], english: np.ndarray
) -> np.ndarray:
    """Average-linkage merging of themes on second-order vectors, where at least one of the two
    is (still) written in one language (ONE_LANGUAGE): a theme of English comments finds the
    Spanish one asking the same, and two themes already bilingual, which shared words made,
    are never merged by this step. Returns each theme's final number."""
    means = np.vstack([np.asarray(features[g].mean(axis=0)) for g in groups])
    sizes = np.array([len(g) for g in groups])
    return _merge(means, sizes, LINK_SIMILARITY, english)


def _linked(
    x: sparse.csr_matrix,
    keyed: Sequence[tuple[int, dict[str, float]]],
    groups: Sequence[list[int]],
    parent: np.ndarray,
    terms: Sequence[str],
    vocabulary: dict[str, int],
) -> tuple[list[dict[str, float]], list[list[tuple[int, float]]]]:
    """Centres and members of the themes after linking: a merged theme's centre is its
    documents' mean (each keeps its place: it was close to its own group's centre)."""
    joined: dict[int, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        joined[int(parent[index])].extend(group)
    centres: list[dict[str, float]] = []
    members: list[list[tuple[int, float]]] = []
    for _first, rows in sorted(joined.items()):
        total = np.asarray(x[rows].sum(axis=0)).ravel()
        centre = truncate({terms[int(i)]: float(total[i]) for i in np.flatnonzero(total)})
        centres.append(centre)
        scores = np.asarray(x[rows] @ _dense([centre], vocabulary).T).ravel()
        members.append(
            [(keyed[r][0], round(float(s), 4)) for r, s in zip(rows, scores, strict=True)]
        )
    return centres, members


def _dense(centres: Sequence[dict[str, float]], vocabulary: dict[str, int]) -> np.ndarray:
    out = np.zeros((len(centres), len(vocabulary)), dtype=np.float32)
    for row, centre in enumerate(centres):
        for term, value in centre.items():
            out[row, vocabulary[term]] = value
    return out


def _assign(
    x: sparse.csr_matrix, centres: Sequence[dict[str, float]], vocabulary: dict[str, int]
) -> np.ndarray:
    """nearest() for every row at once: the centre's number, or -1."""
    if not centres:
        return np.full(x.shape[0], -1)
    scores = np.asarray(x @ _dense(centres, vocabulary).T)
    best = scores.argmax(axis=1)
    return np.where(scores[np.arange(len(best)), best] >= JOIN_SIMILARITY, best, -1)


# --- labels --------------------------------------------------------------------------------------


def labels(
    lex: Lexicon,
    centre: dict[str, float],
    background: dict[str, float],
    documents: Sequence[Document],
) -> tuple[str, str, list[str]]:
    """English and Spanish labels of a theme, and its key terms: the terms strongest in its
    centre compared with the pillar's (`background`), each written in each language."""
    distinct = sorted(
        (t for t in centre if t[0] != TOPIC),
        key=lambda t: -(centre[t] - 0.5 * background.get(t, 0.0) + (0.02 if t[0] == "@" else 0)),
    )
    surfaces: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for doc in documents:
        for term, surface in doc.surfaces:
            if term in centre:
                surfaces[term][doc.language or ""][surface] += 1
    # A label is written in each language: a term the theme's members used in one language only
    # (a Spanish verb, say) would put that language's word into the other's label, so terms
    # both languages can write (shared concepts, words seen in both) come first when the theme
    # has comments in both.
    both = {"en", "es"}
    bilingual = both <= {doc.language for doc in documents}

    def writable(term: str) -> bool:
        return term[0] == "@" or not bilingual or both <= set(surfaces[term])

    chosen: list[str] = []
    for term in [t for t in distinct if writable(t)] + [t for t in distinct if not writable(t)]:
        if len(chosen) == LABEL_TERMS:
            break
        if term[0] == "@" and "." in term and term.split(".")[0] in chosen:
            continue
        chosen.append(term)
    english, spanish = [], []
    for term in chosen:
        english.append(_write(lex, term, "en", surfaces[term]))
        spanish.append(_write(lex, term, "es", surfaces[term]))
    return _join(english), _join(spanish), chosen


def labels_of(
    lex: Lexicon, documents: Sequence[Document], idf: dict[str, float]
) -> tuple[str, str]:
    """English and Spanish labels written from `documents` alone (labels() over their own
    centre, weighed by the pillar's idf): every word comes from them or from the glossary, so
    a public surface that passes the publishable comments only shows no word of another."""
    total: Counter[str] = Counter()
    for doc in documents:
        total.update(weights(doc.terms, idf))
    if not total:  # none of their words is one the pillar's build kept: any of their words
        flat = {term: 1.0 for doc in documents for term in doc.terms}
        for doc in documents:
            total.update(weights(doc.terms, flat))
    centre = truncate(dict(total))
    if not centre:
        return "", ""
    english, spanish, _terms = labels(lex, centre, {}, documents)
    return english, spanish


def _write(lex: Lexicon, term: str, lang: str, seen: dict[str, Counter[str]]) -> str:
    if term[0] == "@":
        concept = lex.concepts.get(term[1:])
        if concept is not None:
            return concept.label_en if lang == "en" else concept.label_es
    counts = seen.get(lang) or Counter()
    if not counts:
        for other in seen.values():
            counts.update(other)
    if not counts:
        return term.lstrip("@").replace("_", " ")
    word = counts.most_common(1)[0][0]
    # "Technical" at the start of sentences, "technical" inside them: the lower-case form.
    return word.lower() if word.lower() in counts else word


def _join(parts: Sequence[str]) -> str:
    unique = list(dict.fromkeys(p for p in parts if p))
    text = ", ".join(unique)[:200]
    return text[:1].upper() + text[1:]
