"""Sentences and word tokens for the quotes stage.

The stage splits sentences itself so that it never cuts inside quotation marks and does not depend on
`doc.sentences` being present (unit tests build documents without the nlp stage).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from peristiwa.stages.nlp.words import Runs
from peristiwa.stages.quotes.lexicon import Lexicon
from peristiwa.stages.quotes.marks import QuotedIndex, paragraphs

# A stop before a capital, or glued to it between two words (`tidak terlibat.Juru Bicara …`, pages that lost
# the space); `U.S.`, `A.S.` and `Rp1.5` are not glued stops: a lower-case letter must precede the point.
_STOP = re.compile(r"[.!?…]+[”\"’»']*(?=\s+[“\"„«‘'(\[A-Z0-9])|(?<=[a-z]\.)(?=[A-Z][a-z])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_EDGE_PUNCT = "\"'“”„«»‘’()[]{},.;:!?…"


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str  # without surrounding punctuation, case kept

    @property
    def key(self) -> str:
        return self.text.casefold()


def words(runs: Runs, lo: int, hi: int) -> Iterator[Word]:
    """The written words between lo and hi (runs of the token layer without white space) with edge
    punctuation stripped (offsets follow the strip)."""
    for run_start, run_end in runs.within(lo, hi):
        raw = runs.text[run_start:run_end]
        core = raw.strip(_EDGE_PUNCT)
        if not core:
            continue
        start = run_start + raw.index(core)
        yield Word(start, start + len(core), core)


def sentences(text: str, quoted: QuotedIndex, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Sentence spans, never ending inside quotation marks or after an abbreviation."""
    found: list[tuple[int, int]] = []
    for lo, hi in paragraphs(text):
        start = lo
        for stop in _STOP.finditer(text, lo, hi):
            if _is_false_stop(text, stop, quoted, lexicon, lo):
                continue
            found.append((start, stop.end()))
            start = _skip_space(text, stop.end(), hi)
        if start < hi:
            found.append((start, hi))
    return found


def _is_false_stop(text: str, stop: re.Match[str], quoted: QuotedIndex, lexicon: Lexicon, lo: int) -> bool:
    inside = quoted.containing(stop.end() - 1)
    if inside is not None and stop.end() < inside.outer_end:
        return True
    before = _WORD_BEFORE.search(text, max(lo, stop.start() - 20), stop.start())
    word = before.group(1) if before else ""
    return word in lexicon.abbreviations or (len(word) == 1 and word.isupper())


def _skip_space(text: str, i: int, hi: int) -> int:
    while i < hi and text[i].isspace():
        i += 1
    return i


class SentenceIndex:
    """Which sentence holds an offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [lo for lo, _ in spans]

    def at(self, offset: int) -> tuple[int, int]:
        k = bisect_right(self._starts, offset) - 1
        if k >= 0 and offset <= self.spans[k][1]:
            return self.spans[k]
        return (offset, offset)
