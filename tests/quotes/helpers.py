"""Build documents by hand and run the quotes stage on them."""

from __future__ import annotations

import unicodedata

from peristiwa.model import Document, Entity, Quote, Reference, Source
from peristiwa.settings import Settings
from peristiwa.stages.quotes import make_stage

STAGE = make_stage(Settings())


def run(text: str, entities: list[Entity] | None = None, references: list[Reference] | None = None) -> Document:
    doc = Document(id="test", raw=text, source=Source(), text=text)
    doc.entities = entities or []
    doc.references = references or []
    STAGE(doc)
    return doc


def words_match(text: str, start: str) -> bool:
    """The quote text begins with the expected opening words (case and spacing as written)."""
    return unicodedata.normalize("NFKC", text).startswith(unicodedata.normalize("NFKC", start))


def find(doc: Document, start: str) -> Quote | None:
    return next((q for q in doc.quotes if words_match(q.text, start)), None)
