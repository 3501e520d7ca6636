"""Tokens and sentences of the clean body, as the events stage sees them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from peristiwa.model import Document, Sentence
from peristiwa.stages.nlp.words import Spanned, layer

FALLBACK_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]*")
JOINERS = ("-", "'", "’")  # "Rusia-Ukraina", "F-16", "Qur'an": one coder token when written without spaces


# A named tuple, not a frozen dataclass: a document makes thousands and the dataclass __init__ is 3× slower.
class Tok(NamedTuple):
    start: int
    end: int
    text: str
    low: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokens_of(doc: Document) -> list[Tok]:
    """The document's token layer (`words.layer`) as the coder counts it (see `coder_tokens`)."""
    return coder_tokens(layer(doc))


def coder_tokens(tokens: Sequence[Spanned]) -> list[Tok]:
    """The coder's tokens, made from the token layer: a compound written without spaces ("Rusia-Ukraina",
    "ke-11", "Qur'an", "USD10") is one token unless it opens with a digit ("20-an"), and each punctuation mark
    is a token of its own ("..." is three), so the distances the grammar counts in are those it was written
    for. Offsets are the layer's."""
    toks: list[Tok] = []
    end = -1  # where the last coder token ends: most tokens follow a space and start no compound
    for token in tokens:
        text = token.text
        if token.start != end and (text[0].isalnum() or len(text) == 1 and text != "_"):
            toks.append(Tok(token.start, token.end, text, text.lower()))
        elif not any(map(_word_char, text)):
            toks.extend(Tok(token.start + k, token.start + k + 1, ch, ch) for k, ch in enumerate(text))
        elif _continues(toks, token):
            first = _compound_start(toks)
            toks[first:] = [_joined(toks[first:], token)]
        else:
            toks.append(Tok(token.start, token.end, text, text.lower()))
        end = token.end
    return toks


def _continues(toks: list[Tok], token: Spanned) -> bool:
    """Whether `token` carries on the compound the coder tokens end with: glued to a word, or to a joiner
    glued to a word, and that compound does not open with a digit."""
    if not toks or toks[-1].end != token.start:
        return False
    if token.text[0] in JOINERS:  # "there’s": the tokenizer keeps the joiner with the word after it
        return len(token.text) > 1 and _word_char(token.text[1]) and _compound_opens(toks[-1])
    if not _word_char(token.text[0]):
        return False
    last = toks[-1]
    if last.text in JOINERS:
        if len(toks) < 2 or toks[-2].end != last.start:
            return False
        last = toks[-2]
    return _compound_opens(last)


def _compound_opens(tok: Tok) -> bool:
    """Whether a word may follow `tok` in one compound: it ends in a word character and is no number."""
    return _word_char(tok.text[-1]) and not tok.text[0].isdecimal()


def _compound_start(toks: list[Tok]) -> int:
    return len(toks) - 2 if toks[-1].text in JOINERS else len(toks) - 1


def _joined(parts: list[Tok], last: Spanned) -> Tok:
    text = "".join(t.text for t in parts) + last.text  # glued: the parts spell the text between the offsets
    return Tok(parts[0].start, last.end, text, text.lower())


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


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
