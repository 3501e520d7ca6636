"""The words of the document's one token layer (`Document.tokens`), as the stages after nlp read them.

A word is a token with a letter or a digit in it, or a run of such tokens joined by hyphens with no space
between ("Timor-Leste", "anti-Kiev": the tokenizer splits them, a reader of names and cue words reads them
whole, as "negara-negara", which the tokenizer keeps); punctuation tokens are passed over. Stages look words up by
character offsets (bisection on the token starts), so none of them splits the text into words again. A
document that never passed the nlp stage (a stage run on its own, as unit tests do) is tokenised here by the
nlp stage's own tokenizer, so its words are the same the pipeline would give.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Protocol

import spacy
from spacy.language import Language

from peristiwa.model import Document, Token
from peristiwa.stages.nlp.tokens import breakable


class Spanned(Protocol):
    """A token as any stage holds it: `model.Token`, or a stage's own light copy of one."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


_ALNUM = re.compile(r"[^\W_]")  # a letter or a digit


def is_word(text: str) -> bool:
    return _ALNUM.search(text) is not None


@cache
def _blank_tokenizer() -> Language:
    # The nlp stage's tokenizer is spaCy's blank `id` one whatever its NER model (tests/models checks this).
    return spacy.blank("id")


def tokenize(text: str) -> list[Token]:
    """The token layer the nlp stage would make for `text` (spaces dropped, offsets into `text`)."""
    tokenizer = _blank_tokenizer().tokenizer  # the tokenizer itself has no length limit: it needs no model memory
    return [
        Token(t.idx, t.idx + len(t), text[t.idx : t.idx + len(t)]) for t in tokenizer(breakable(text)) if not t.is_space
    ]


def layer(doc: Document) -> Sequence[Token]:
    """The document's token layer: the nlp stage's, or the same tokenizer's when that stage did not run (made
    once for the document however many readers ask: the last text's tokens are kept)."""
    if doc.tokens or not doc.text:
        return doc.tokens
    if not (_tokenized and _tokenized[0][0] is doc.text):
        _tokenized[:] = [(doc.text, tokenize(doc.text))]
    return _tokenized[0][1]


_tokenized: list[tuple[str, list[Token]]] = []  # the last text tokenised by `layer`, with its tokens


class Words:
    """The word tokens of a text, in order, found by character offsets."""

    def __init__(self, tokens: Sequence[Spanned]) -> None:
        search = _ALNUM.search
        kept = [t for t in tokens if t.text == "-" or search(t.text) is not None]
        self.tokens: list[Spanned] = _hyphen_joined(kept) if any(t.text == "-" for t in kept) else kept
        self.starts = [t.start for t in self.tokens]

    @classmethod
    def of(cls, doc: Document) -> Words:
        """The words of `doc`, made once per document however many stages ask."""
        return cls.cached(layer(doc))

    @classmethod
    def cached(cls, tokens: Sequence[Spanned]) -> Words:
        """The words of this very token list: the last list's are kept, so the stages that read one document
        one after the other make them once."""
        if _last and _last[0][0] is tokens and _last[0][1] == len(tokens):
            return _last[0][2]
        words = cls(tokens)
        _last[:] = [(tokens, len(tokens), words)]
        return words

    def between(self, start: int, end: int) -> list[Spanned]:
        """The words that lie wholly inside text[start:end]."""
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end, lo=lo)
        while hi > lo and self.tokens[hi - 1].end > end:
            hi -= 1
        return self.tokens[lo:hi]

    def iterate(self, start: int, end: int) -> Iterator[Spanned]:
        """The words wholly inside text[start:end], one at a time (for a reader that may stop early)."""
        for k in range(bisect_left(self.starts, start), len(self.tokens)):
            token = self.tokens[k]
            if token.end > end:
                return
            yield token

    def texts(self, start: int, end: int) -> list[str]:
        return [t.text for t in self.between(start, end)]

    def folded(self, start: int, end: int) -> list[str]:
        """The words inside text[start:end], case-folded."""
        return [t.text.casefold() for t in self.between(start, end)]


_last: list[tuple[Sequence[Spanned], int, Words]] = []  # the document being read, as `Words.of` made it


def _hyphen_joined(tokens: list[Spanned]) -> list[Spanned]:
    """Words and hyphens in, words out: `w - w` written without spaces becomes one word; a lone hyphen goes."""
    words: list[Spanned] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if token.text == "-":
            k += 1
            continue
        while _joins(tokens, k):
            after = tokens[k + 2]
            token = Token(token.start, after.end, token.text + "-" + after.text)
            k += 2
        words.append(token)
        k += 1
    return words


def _joins(tokens: list[Spanned], k: int) -> bool:
    """Whether tokens[k] (a word), tokens[k + 1] and tokens[k + 2] spell `word-word` with no space."""
    if k + 2 >= len(tokens):
        return False
    hyphen, after = tokens[k + 1], tokens[k + 2]
    return hyphen.text == "-" and hyphen.start == tokens[k].end and after.start == hyphen.end and after.text != "-"


class Runs:
    """The text's runs without white space ("(AS),", "Jakarta/Beijing"), as spans joined from its tokens: a
    reader that takes a written word with its punctuation (and strips what it does not want) finds it here
    without splitting the text again. Two tokens belong to one run when no white space stands between them
    (`breakable` may have cut an over-long run for the tokenizer: it stays one run here, to its last character)."""

    def __init__(self, text: str, tokens: Sequence[Spanned]) -> None:
        self.text = text
        starts, ends = [t.start for t in tokens], [t.end for t in tokens]
        # A token opens a run when white space stands just before it. (Between two tokens of one run there may
        # be a character that is none: where `breakable` cut the run for the tokenizer, never at its start.)
        opens = [k for k in range(1, len(starts)) if starts[k] != ends[k - 1] and text[starts[k] - 1].isspace()]
        firsts, lasts = [0, *opens], [*opens, len(starts)]
        self.spans = (
            [(starts[a], _run_end(text, ends[b - 1])) for a, b in zip(firsts, lasts, strict=True)] if starts else []
        )
        self.starts = [start for start, _ in self.spans]

    @classmethod
    def of(cls, doc: Document) -> Runs:
        """The runs of `doc`, made once per document however many stages ask."""
        tokens = layer(doc)
        if _last_runs and _last_runs[0][0] is tokens and _last_runs[0][1] == len(tokens):
            runs = _last_runs[0][2]
            if runs.text is doc.text:
                return runs
        runs = cls(doc.text, tokens)
        _last_runs[:] = [(tokens, len(tokens), runs)]
        return runs

    def within(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The runs that reach into text[lo:hi], cut to it (a run the window's edge crosses gives its part
        inside)."""
        if lo >= hi:
            return []
        first = bisect_left(self.starts, lo)
        if first and self.spans[first - 1][1] > lo:
            first -= 1  # the run the window opens inside
        found = self.spans[first : bisect_left(self.starts, hi, lo=first)]
        if found:
            found[0] = (max(found[0][0], lo), min(found[0][1], hi))
            found[-1] = (max(found[-1][0], lo), min(found[-1][1], hi))
        return found


_last_runs: list[tuple[Sequence[Spanned], int, Runs]] = []  # the document being read, as `Runs.of` made it


def _run_end(text: str, end: int) -> int:
    """Where the run ending with a token at `end` ends: there, unless `breakable` made the run's last
    character a space for the tokenizer."""
    while end < len(text) and not text[end].isspace():
        end += 1
    return end
