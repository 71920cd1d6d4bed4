"""The signature computed in one numpy pass is datasketch's MinHash (scheme affine32, the
same permutations): fingerprints stored before the change and after it compare alike."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

from app.campaigns import fingerprint as fp_module
from tests.campaigns.letters import LETTER_EN


def _datasketch(shingles: np.ndarray) -> np.ndarray:
    minhash = MinHash(
        num_perm=fp_module.NUM_PERM,
        seed=fp_module.SEED,
        scheme="affine32",
        hashfunc=int,
    )
    minhash.update_batch(shingles.astype(np.uint64).tolist())
    return minhash.hashvalues.astype(np.uint32)


def test_signature_is_datasketchs_minhash() -> None:
    texts = [LETTER_EN, LETTER_EN.replace("bridge", "puente"), "Año de la niñez " * 20]
    for text in texts:
        found = fp_module.fingerprint(text)
        assert found is not None
        assert (found.signature == _datasketch(found.shingles)).all()
    # And on many shingles at once (the extremes of the 32-bit range included).
    shingles = np.unique(np.random.default_rng(7).integers(0, 2**32, 5000, dtype=np.uint64))
    shingles = np.unique(np.concatenate([shingles, [0, 2**32 - 1]])).astype(np.uint32)
    assert (fp_module.minhash_of(shingles) == _datasketch(shingles)).all()


def test_the_permutations_are_datasketchs() -> None:
    """fingerprint draws datasketch's permutations itself (no datasketch import at run time)."""
    a, b = MinHash(num_perm=fp_module.NUM_PERM, seed=fp_module.SEED, scheme="affine32").permutations
    assert (np.asarray(a, dtype=np.uint32) == fp_module._A).all()
    assert (np.asarray(b, dtype=np.uint32) == fp_module._B).all()
