"""Sentence splitting for Indonesian news.

spaCy's rule-based sentencizer splits after every full stop; Indonesian news needs abbreviations ("Jl.",
"Prof.", "dll."), initials, quotation marks that close after the stop, and "Rabu (2/3)." handled, so this
small splitter reads its abbreviation list from `data/nlp/abbreviations.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from peristiwa.model import Sentence
from peristiwa.patterns import load_yaml

# A stop, optional closing quotes/brackets, whitespace, then something that can open a sentence.
_BOUNDARY = re.compile(r"([.!?…]+)([\"”’'\)\]]*)(\s+)(?=[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@cache
def _abbreviations(path: Path) -> frozenset[str]:
    return frozenset(load_yaml(path)["abbreviations"])


def split_sentences(text: str, abbreviations_file: Path) -> list[Sentence]:
    """Sentences as half-open spans; never crosses a paragraph break."""
    abbreviations = _abbreviations(abbreviations_file)
    sentences: list[Sentence] = []
    for start, end in _paragraphs(text):
        sentences.extend(_split_paragraph(text, start, end, abbreviations))
    return sentences


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    for match in re.finditer(r"[^\n]+", text):
        if match.group(0).strip():
            yield match.start(), match.end()


def _split_paragraph(text: str, start: int, end: int, abbreviations: frozenset[str]) -> Iterator[Sentence]:
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        closes_abbreviation = match.group(1) == "." and match.group(2) in ("", ")", "]")
        if closes_abbreviation and _is_abbreviation(text, match.start(), abbreviations):
            continue
        stop = match.end(2)
        yield from _trimmed(text, cursor, stop)
        cursor = match.end(3)
    yield from _trimmed(text, cursor, end)


def _is_abbreviation(text: str, stop: int, abbreviations: frozenset[str]) -> bool:
    word = _WORD_BEFORE.search(text, max(0, stop - 20), stop)
    if word is None:
        return False
    token = word.group(1)
    last = token.rsplit(".", 1)[-1] if "." in token and token not in abbreviations else token
    return token in abbreviations or last in abbreviations or bool(re.fullmatch(r"[A-Z]", last))


def _trimmed(text: str, start: int, end: int) -> Iterator[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Sentence(start, end)
