"""Near-duplicate articles: the same wire story under several outlets' pages.

Exact copies are caught at ingest by the text hash; a syndicated copy differs a little (its
own headline, a trimmed paragraph, another byline). Each text gets a MinHash signature of its
word 5-shingles (datasketch); signatures are cut into :data:`BANDS` bands of
:data:`ROWS` values, and articles sharing a band's values are candidates (locality-sensitive
hashing: the store looks candidates up by index, whatever its size). A candidate whose
estimated Jaccard similarity reaches :data:`SIMILARITY` is the same story.

With 32 bands of 4 rows, a pair at similarity 0.6 becomes a candidate with probability
0.99 (1 - (1 - 0.6^4)^32), a pair at 0.3 with probability 0.23 (and is then turned down by
its estimated similarity).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

__all__ = ["BANDS", "ROWS", "SIMILARITY", "band_buckets", "signature", "similarity"]

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5
# Estimated Jaccard similarity of the shingle sets from which two texts are one story: a
# lightly edited copy keeps well above it, two reports of one event in their own words
# share few 5-word sequences.
SIMILARITY = 0.6
_SEED = 20250313
_WORD_RE = re.compile(r"\w+")


def signature(text: str) -> bytes:
    """The MinHash signature of ``text``'s lower-cased word 5-shingles (NUM_PERM uint32)."""
    words = _WORD_RE.findall(text.lower())
    shingles = {
        " ".join(words[i : i + SHINGLE]).encode("utf-8")
        for i in range(max(1, len(words) - SHINGLE + 1))
    }
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch(list(shingles))
    return np.asarray(minhash.hashvalues, dtype="<u4").tobytes()


def band_buckets(signature_bytes: bytes) -> list[tuple[int, str]]:
    """``(band, bucket)`` for each band of the signature: equal buckets, candidate pair."""
    values = np.frombuffer(signature_bytes, dtype="<u4")
    return [
        (
            band,
            hashlib.blake2b(
                values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8
            ).hexdigest(),
        )
        for band in range(BANDS)
    ]


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity: the share of signature positions that agree."""
    return float(np.mean(np.frombuffer(first, dtype="<u4") == np.frombuffer(second, dtype="<u4")))
