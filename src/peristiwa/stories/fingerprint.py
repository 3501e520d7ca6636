"""MinHash fingerprints of article bodies: one for near-duplicates, one for "same story".

Near-duplicates: word 5-shingles, so page furniture left around a syndicated body changes few of them.
Same story: the set of content words (function words dropped). Both are MinHash signatures, which
estimate Jaccard similarity from 128 numbers per article and depend on nothing but the article itself:
unlike TF-IDF, whose weights shift as the corpus grows, a stored signature never has to be recomputed,
so links and stories come out the same whatever order the articles arrive in.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from peristiwa.knowledge import load_yaml

NUM_PERM = 128
SHINGLE = 5
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

Signature = np.ndarray


@cache
def stopwords(data_dir: Path) -> frozenset[str]:
    return frozenset(str(word).casefold() for word in load_yaml(data_dir / "stories" / "stopwords.yaml")["words"])


def tokens(text: str) -> list[str]:
    return [t.casefold() for t in _WORD.findall(text)]


def body_shingles(words: list[str], size: int = SHINGLE) -> set[str]:
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def content_words(words: list[str], stop: frozenset[str]) -> set[str]:
    return {w for w in words if len(w) >= 3 and not w.isdigit() and w not in stop}


@dataclass(frozen=True, slots=True)
class Fingerprint:
    body: Signature | None  # None when the body has no words: an empty page matches nothing
    words: Signature | None


@cache
def fingerprinter(data_dir: Path, dup_threshold: float = 0.8) -> Fingerprinter:
    """A shared instance: tuning the LSH bands takes a noticeable moment."""
    return Fingerprinter(stopwords(data_dir), dup_threshold)


class Fingerprinter:
    """Signatures and LSH band keys; band count and width come from datasketch's LSH tuning."""

    def __init__(self, stop: frozenset[str], dup_threshold: float = 0.8, num_perm: int = NUM_PERM) -> None:
        self.stop = stop
        self.num_perm = num_perm
        self.dup_threshold = dup_threshold
        # Bands tuned below the confirmation threshold and weighted against misses: a missed candidate is a
        # copy counted twice, while a false candidate only costs one signature comparison.
        lsh = MinHashLSH(threshold=dup_threshold - 0.1, num_perm=num_perm, weights=(0.3, 0.7))
        self.bands, self.rows = lsh.b, lsh.r
        # crc32: a stable 32-bit hash (the same in every process, unlike hash()) and far cheaper than sha1.
        self._template = MinHash(num_perm=num_perm, seed=1, hashfunc=zlib.crc32)

    def signature(self, items: set[str]) -> Signature | None:
        if not items:
            return None
        minhash = MinHash(
            num_perm=self.num_perm,
            seed=1,
            permutations=self._template.permutations,
            hashfunc=zlib.crc32,
        )
        minhash.update_batch([item.encode("utf-8") for item in sorted(items)])
        return np.asarray(minhash.hashvalues, dtype=np.uint32)

    def fingerprint(self, text: str) -> Fingerprint:
        words = tokens(text)
        return Fingerprint(self.signature(body_shingles(words)), self.signature(content_words(words, self.stop)))

    def band_keys(self, body: Signature | None) -> list[tuple[int, int]]:
        """(band, key) pairs: two bodies sharing any pair are near-duplicate candidates."""
        if body is None:
            return []
        keys = []
        for band in range(self.bands):
            chunk = body[band * self.rows : (band + 1) * self.rows].tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8).digest()
            keys.append((band, int.from_bytes(digest, "little", signed=True)))
        return keys


def similarity(a: Signature | None, b: Signature | None) -> float:
    """Estimated Jaccard similarity: the share of MinHash slots on which two signatures agree."""
    if a is None or b is None or len(a) != len(b):
        return 0.0
    return float(np.count_nonzero(np.asarray(a) == np.asarray(b))) / len(a)
