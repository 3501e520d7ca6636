"""UPOS tags, UD features and dependency trees from our Indonesian parser (`models/parser_id`).

The parser reads the pipeline's own tokens (`Document.tokens`, from spaCy's blank `id` tokenizer), one
sentence at a time, and writes its analysis onto them: the token layer stays one. Parsing is the dearest step of
the pipeline (about 13,000 words a second), so the nlp stage does not parse whole documents: a later stage asks
for the sentences it needs (`parse_sentence`), once each. `training/parser/README.md` says how it was trained.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from peristiwa.model import Document, Sentence, Token
from peristiwa.settings import MODELS_DIR

PARSER_MODEL = MODELS_DIR / "parser_id"
LONGEST_SENTENCE = 300  # tokens; a longer "sentence" is a list or junk, and the parser's cost grows with it


@dataclass(frozen=True, slots=True)
class Analysis:
    """One token's tag and its place in the tree: `head` indexes the token list given (itself for the root,
    whose `deprel` is "root"); labels are UD's, subtypes included (nsubj:pass)."""

    upos: str
    feats: str
    head: int
    deprel: str


@cache
def load_parser(model_dir: Path = PARSER_MODEL) -> Language:
    # Only ever fed ready-made Docs, so the tokenizer (and its 16k special cases) is not read from disk.
    return spacy.load(model_dir, exclude=["tokenizer"])


def _as_doc(nlp: Language, tokens: Sequence[Token]) -> Doc:
    spaces = [k + 1 < len(tokens) and t.end < tokens[k + 1].start for k, t in enumerate(tokens)]
    return Doc(nlp.vocab, words=[t.text for t in tokens], spaces=spaces)


def parse_tokens(tokens: Sequence[Token], model_dir: Path = PARSER_MODEL) -> list[Analysis]:
    """The analysis of one sentence's tokens; heads index `tokens`."""
    if not tokens:
        return []
    nlp = load_parser(model_dir)
    parsed = nlp(_as_doc(nlp, tokens))
    return [Analysis(t.pos_, str(t.morph), t.head.i, t.dep_.lower()) for t in parsed]


def sentence_tokens(doc: Document, sentence: Sentence) -> range:
    """Indices of the document tokens inside `sentence` (tokens are in text order)."""
    lo = bisect_left(doc.tokens, sentence.start, key=lambda t: t.start)
    hi = bisect_left(doc.tokens, sentence.end, lo=lo, key=lambda t: t.start)
    while hi > lo and doc.tokens[hi - 1].end > sentence.end:
        hi -= 1
    return range(lo, hi)


def parse_sentence(doc: Document, sentence: Sentence, model_dir: Path = PARSER_MODEL) -> range:
    """Tag and parse the tokens of `sentence` in place, once; the range of their document indices."""
    parse_sentences(doc, [sentence], model_dir)
    return sentence_tokens(doc, sentence)


def parse_sentences(doc: Document, sentences: Sequence[Sentence], model_dir: Path = PARSER_MODEL) -> None:
    """Tag and parse the tokens of each sentence not parsed yet, in place, in one batch: the parser runs about
    three times faster on a batch than one sentence at a time."""
    spans = [sentence_tokens(doc, s) for s in sentences]
    spans = [s for s in spans if 0 < len(s) <= LONGEST_SENTENCE and doc.tokens[s.start].head < 0]
    if not spans:
        return
    nlp = load_parser(model_dir)
    parsed = nlp.pipe(_as_doc(nlp, doc.tokens[s.start : s.stop]) for s in spans)
    for span, sentence_doc in zip(spans, parsed, strict=True):
        for k, analysed in zip(span, sentence_doc, strict=True):
            token = doc.tokens[k]
            token.upos, token.head, token.deprel = analysed.pos_, span.start + analysed.head.i, analysed.dep_.lower()


def parse(
    text: str, tokens: Sequence[Token], sentences: Sequence[Sentence], model_dir: Path = PARSER_MODEL
) -> list[Analysis]:
    """One analysis per token, every sentence parsed. A token outside every sentence is left untagged as its own
    root. (For tests and tools; the pipeline parses only the sentences it needs, with `parse_sentence`.)"""
    result = [Analysis("", "", i, "") for i in range(len(tokens))]
    for sentence in sentences:
        group = [i for i, t in enumerate(tokens) if sentence.start <= t.start and t.end <= sentence.end]
        for i, analysis in zip(group, parse_tokens([tokens[i] for i in group], model_dir), strict=True):
            result[i] = Analysis(analysis.upos, analysis.feats, group[analysis.head], analysis.deprel)
    return result
