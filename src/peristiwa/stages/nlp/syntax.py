"""UPOS tags, UD features and dependency trees from our Indonesian parser (`models/parser_id`).

The parser reads the pipeline's own tokens (`Document.tokens`, from spaCy's blank `id` tokenizer), one
sentence at a time. Not wired into the stages yet; `training/parser/README.md` says how it was trained.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from peristiwa.model import Sentence, Token
from peristiwa.settings import MODELS_DIR

PARSER_MODEL = MODELS_DIR / "parser_id"


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


def parse(
    text: str, tokens: Sequence[Token], sentences: Sequence[Sentence], model_dir: Path = PARSER_MODEL
) -> list[Analysis]:
    """One analysis per token. A token outside every sentence is left untagged as its own root."""
    nlp = load_parser(model_dir)
    result = [Analysis("", "", i, "") for i in range(len(tokens))]
    groups = [[i for i, t in enumerate(tokens) if s.start <= t.start and t.end <= s.end] for s in sentences]
    groups = [g for g in groups if g]
    docs = (
        Doc(
            nlp.vocab,
            words=[tokens[i].text for i in g],
            spaces=[k + 1 < len(g) and tokens[i].end < tokens[g[k + 1]].start for k, i in enumerate(g)],
        )
        for g in groups
    )
    for group, doc in zip(groups, nlp.pipe(docs), strict=True):
        for k, token in enumerate(doc):
            result[group[k]] = Analysis(token.pos_, str(token.morph), group[token.head.i], token.dep_.lower())
    return result
