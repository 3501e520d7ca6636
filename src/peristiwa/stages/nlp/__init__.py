"""NLP: language, sentences, tokens and named-entity spans. No spaCy object leaves this stage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language as SpacyLanguage

from peristiwa.model import Contract, Document, NerSpan, Token
from peristiwa.settings import Settings
from peristiwa.stages.nlp.language import identify_language
from peristiwa.stages.nlp.sentences import split_sentences
from peristiwa.stages.nlp.tokens import breakable

NER_LABELS = {"PER", "ORG", "LOC"}
TOKENIZER_CACHE = 400_000


class WrongLanguage(Exception):
    """Raised to stop the pipeline for a document that is not in the required language."""


@cache
def load_spacy(model_dir: Path) -> SpacyLanguage:
    """Our trained NER if it is there, else spaCy's blank Indonesian (tokenizer only)."""
    if (model_dir / "config.cfg").exists():
        # The saved tokenizer is the blank `id` one the config builds anyway (tests/models checks this);
        # reading it back from disk would re-add its 31k special cases a second time, doubling the load time.
        nlp = spacy.load(model_dir, exclude=["tokenizer"])
    else:
        nlp = spacy.blank("id")
    # spaCy stops caching word analyses after 10,000 distinct chunks; news vocabulary passes that within a few
    # hundred articles, after which every new word is split afresh. A larger cache (~20 MB when full) makes
    # tokenising a long stream ~40% faster.
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE  # type: ignore[union-attr]
    return nlp


@dataclass(slots=True)
class NlpStage:
    settings: Settings
    name: str = "nlp"

    def __call__(self, doc: Document) -> None:
        doc.language, doc.language_confidence = identify_language(doc.text, self.settings.data_dir)
        if doc.language != self.settings.require_language:
            doc.add_problem(
                self.name,
                f"language is {doc.language or 'unknown'!s}, not "
                f"{self.settings.require_language}: not analysed further",
            )
            raise WrongLanguage(doc.language)
        doc.sentences = split_sentences(doc.text, self.settings.data_dir / "nlp" / "abbreviations.yaml")
        spacy_doc = load_spacy(self.settings.ner_model)(breakable(doc.text))
        doc.tokens = [
            Token(t.idx, t.idx + len(t), doc.text[t.idx : t.idx + len(t)]) for t in spacy_doc if not t.is_space
        ]
        doc.ner = [
            span
            for e in spacy_doc.ents
            if e.label_ in NER_LABELS
            for span in [_one_name(e.start_char, e.text, e.label_)]
            if span is not None
        ]


NAME_BREAK = re.compile(r"[ \t]*\n\s*|\s+[-–—]{1,2}\s+")


def _one_name(start: int, text: str, label: str) -> NerSpan | None:
    """A name never runs over a line break or a spaced dash: the model sometimes joins the last words of one
    paragraph to the first of the next ("Istana Merdeka\n\nPenulis") or a dateline to the sentence it opens
    ("DOHA -- Pemerintah Qatar"). Keep the longest piece."""
    best: tuple[int, int] | None = None
    offset = 0
    for piece in NAME_BREAK.split(text):
        at = text.index(piece, offset)
        offset = at + len(piece)
        if piece.strip() and (best is None or len(piece) > best[1] - best[0]):
            best = (at, at + len(piece))
    if best is None:
        return None
    return NerSpan(start + best[0], start + best[1], text[best[0] : best[1]], label)


CONTRACT = Contract(assigns=("language", "language_confidence", "sentences", "tokens", "ner"), requires=("text",))


def make_stage(settings: Settings) -> NlpStage:
    return NlpStage(settings)
