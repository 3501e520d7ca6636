"""Build documents by hand for the events tests: gazetteer entities, pronouns and quotes."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import spacy
import yaml
from spacy.tokenizer import Tokenizer

from peristiwa.model import Document, Entity, Event, Mention, Quote, Reference, Sentence, Source, Token
from peristiwa.settings import Settings
from peristiwa.stages.events import code_events
from peristiwa.stages.events.lexicon import load_lexicon

HERE = Path(__file__).parent
PRONOUNS = re.compile(r"\b(?:dia|ia|Dia|Ia)\b")
QUOTE = re.compile(r"[“\"]([^”\"]+)[”\"]")


@cache
def gazetteer() -> list[tuple[str, str, str]]:
    """(surface, actor, type) rows, longest surface first so that maximal names win."""
    data = yaml.safe_load((HERE / "gazetteer.yaml").read_text(encoding="utf-8"))
    rows = [(name, code, kind) for kind, names in data.items() for name, code in names.items()]
    return sorted(rows, key=lambda r: -len(r[0]))


def build_document(text: str, doc_id: str = "test") -> Document:
    """A document whose entities, references, sentences and quotes come from simple rules."""
    doc = Document(id=doc_id, raw=text, source=Source(), text=text)
    doc.sentences = [
        Sentence(m.start(), m.end())
        for m in re.finditer(r"(?:[^.!?]|(?<=\d)\.(?=\d))+[.!?]*[”\"]?", text)
        if m.group().strip()
    ]
    doc.entities = _entities(text)
    doc.references = _pronouns(text, doc.entities)
    doc.quotes = _quotes(text, doc.entities)
    return doc


def _entities(text: str) -> list[Entity]:
    taken: list[tuple[int, int]] = []
    entities: dict[str, Entity] = {}
    for surface, code, kind in gazetteer():
        for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w])", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            key = f"{code}:{kind}:{surface if kind == 'PER' else code}"
            entity = entities.setdefault(key, Entity(f"E{len(entities) + 1}", surface, kind, code))
            entity.mentions.append(Mention(m.start(), m.end(), m.group()))
    return list(entities.values())


def _pronouns(text: str, entities: list[Entity]) -> list[Reference]:
    persons = sorted(((m.start, e) for e in entities if e.type == "PER" for m in e.mentions), key=lambda p: p[0])
    refs = []
    for m in PRONOUNS.finditer(text):
        before = [e for start, e in persons if start < m.start()]
        if before:
            refs.append(Reference(m.start(), m.end(), m.group(), before[-1].id, "pronoun"))
    return refs


def _quotes(text: str, entities: list[Entity]) -> list[Quote]:
    persons = [(m.start, e) for e in entities if e.type == "PER" for m in e.mentions]
    quotes = []
    for m in QUOTE.finditer(text):
        after = sorted((s, e) for s, e in persons if s > m.end())
        before = sorted((s, e) for s, e in persons if s < m.start())
        speaker = after[0][1] if after else before[-1][1] if before else None
        quotes.append(
            Quote(
                speaker.name if speaker else None,
                speaker.id if speaker else None,
                m.group(1),
                m.start(1),
                m.end(1),
                True,
            )
        )
    return quotes


def code_text(text: str, parse: bool = True) -> list[Event]:
    """The events of `text`; with `parse`, arguments word order misses are read from the parser (as the
    pipeline does), which needs the nlp stage's tokens."""
    doc = build_document(text)
    doc.tokens = tokenize(text)
    settings = Settings()
    return code_events(doc, load_lexicon(settings.data_dir), settings.parser_model if parse else None)


@cache
def _tokenizer() -> Tokenizer:
    return spacy.blank("id").tokenizer


def tokenize(text: str) -> list[Token]:
    """The nlp stage's tokens: spaCy's blank Indonesian tokenizer."""
    return [Token(t.idx, t.idx + len(t), t.text) for t in _tokenizer()(text) if not t.is_space]


def coding(events: list[Event]) -> list[str]:
    """Events as sorted "SOURCE TYPE TARGET[ neg]" strings, the notation of the examples."""
    return sorted({f"{e.source} {e.type} {e.target or '-'}" + (" neg" if e.negated else "") for e in events})
