"""Tokens and sentences of the clean body, as the events stage sees them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from peristiwa.model import Document, Sentence

TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-'’]\w+)*|[^\w\s]")
FALLBACK_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]*")


@dataclass(frozen=True, slots=True)
class Tok:
    start: int
    end: int
    text: str
    low: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Word, number and punctuation tokens of `text[start:end]`, with offsets into `text`."""
    return [
        Tok(m.start(), m.end(), m.group(), m.group().lower())
        for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end)
    ]


def sentences_of(doc: Document) -> list[Sentence]:
    """The nlp stage's sentences, or a plain punctuation split when it did not run."""
    inside = [s for s in doc.sentences if 0 <= s.start < s.end <= len(doc.text)]
    if inside:
        return inside
    return [
        Sentence(m.start(), m.end()) for m in FALLBACK_SENTENCE_RE.finditer(doc.text) if m.group().strip()
    ]


def phrase_at(toks: list[Tok], i: int, phrases: set[tuple[str, ...]], longest: int) -> int:
    """Length of the longest phrase from `phrases` that starts at token i (0 when none does)."""
    for size in range(min(longest, len(toks) - i), 0, -1):
        if tuple(t.low for t in toks[i : i + size]) in phrases:
            return size
    return 0


def phrase_ending_at(toks: list[Tok], i: int, phrases: set[tuple[str, ...]], longest: int) -> int:
    """Length of the longest phrase from `phrases` that ends at token i (inclusive); 0 when none."""
    for size in range(min(longest, i + 1), 0, -1):
        if tuple(t.low for t in toks[i - size + 1 : i + 1]) in phrases:
            return size
    return 0
