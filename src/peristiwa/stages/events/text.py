"""Tokens and sentences of the clean body, as the events stage sees them."""

from __future__ import annotations

import re
from typing import NamedTuple

from peristiwa.model import Document, Sentence

TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-'’]\w+)*|[^\w\s]")
FALLBACK_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]*")


# A named tuple, not a frozen dataclass: a document makes thousands and the dataclass __init__ is 3× slower.
class Tok(NamedTuple):
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
    return [Sentence(m.start(), m.end()) for m in FALLBACK_SENTENCE_RE.finditer(doc.text) if m.group().strip()]


def phrase_at(toks: list[Tok], i: int, phrases: set[tuple[str, ...]], longest: int) -> int:
    """Length of the longest phrase from `phrases` that starts at token i (0 when none does)."""
    words = tuple(t.low for t in toks[i : i + longest])
    for size in range(len(words), 0, -1):
        if words[:size] in phrases:
            return size
    return 0


def phrase_ending_at(toks: list[Tok], i: int, phrases: set[tuple[str, ...]], longest: int) -> int:
    """Length of the longest phrase from `phrases` that ends at token i (inclusive); 0 when none."""
    words = tuple(t.low for t in toks[max(0, i + 1 - longest) : i + 1])
    for size in range(len(words), 0, -1):
        if words[len(words) - size :] in phrases:
            return size
    return 0
