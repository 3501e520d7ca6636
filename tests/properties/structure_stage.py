"""Test-only stage: the nlp stage's sentences and tokens without its language gate and NER model.

Registered by dotted name through Settings.stages, so property tests drive every later stage with any
text at all (random Unicode is rarely "Indonesian", and the real nlp stage would stop the document there).
"""

from __future__ import annotations

from dataclasses import dataclass

import spacy

from peristiwa.model import Contract, Document, Token
from peristiwa.settings import Settings
from peristiwa.stages.nlp.sentences import split_sentences

TOKENIZER = spacy.blank("id")
CONTRACT = Contract(assigns=("language", "sentences", "tokens"), requires=("text",))


@dataclass(slots=True)
class StructureStage:
    settings: Settings

    def __call__(self, doc: Document) -> None:
        doc.language = "id"
        doc.sentences = split_sentences(doc.text, self.settings.data_dir / "nlp" / "abbreviations.yaml")
        doc.tokens = [Token(t.idx, t.idx + len(t), t.text) for t in TOKENIZER(doc.text) if not t.is_space]


def make_stage(settings: Settings) -> StructureStage:
    return StructureStage(settings)
