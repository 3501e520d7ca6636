"""Fixtures for the actors stage: the real knowledge base, and one with a tiny fictional persons file."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from peristiwa.model import Document, Entity, NerSpan, Source
from peristiwa.settings import DATA_DIR
from peristiwa.stages.actors import ActorsStage
from peristiwa.stages.actors.kb import KnowledgeBase

FIXTURES = Path(__file__).parent / "fixtures"
Link = Callable[..., Document]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(DATA_DIR / "actors")


@pytest.fixture(scope="session")
def fictional_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The real data files, with the persons file replaced by the fictional fixture."""
    data_dir = tmp_path_factory.mktemp("actors")
    for path in (DATA_DIR / "actors").iterdir():
        if path.suffix in {".yaml", ".tsv"} and path.name != "persons.yaml":
            shutil.copy(path, data_dir / path.name)
    shutil.copy(FIXTURES / "persons.yaml", data_dir / "persons.yaml")
    return KnowledgeBase.load(data_dir)


def make_doc(text: str, published: str | None = None, ner: Iterable[tuple[str, str]] = ()) -> Document:
    """A document built by hand; `ner` gives (surface, label) pairs placed at their first occurrence."""
    spans = [NerSpan(text.index(surface), text.index(surface) + len(surface), surface, label) for surface, label in ner]
    return Document(id="t", raw=text, source=Source(), text=text, published=published, ner=spans)


def _linker(kb: KnowledgeBase) -> Link:
    stage = ActorsStage(kb)

    def link(text: str, published: str | None = None, ner: Iterable[tuple[str, str]] = ()) -> Document:
        doc = make_doc(text, published, ner)
        stage(doc)
        return doc

    return link


@pytest.fixture(scope="session")
def link(kb: KnowledgeBase) -> Link:
    return _linker(kb)


@pytest.fixture(scope="session")
def link_fictional(fictional_kb: KnowledgeBase) -> Link:
    return _linker(fictional_kb)


def by_mention(doc: Document, surface: str) -> tuple[str, str | None]:
    """(type, actor) of the entity that has `surface` among its mentions."""
    entity = entity_with(doc, surface)
    return entity.type, entity.actor


def entity_with(doc: Document, surface: str) -> Entity:
    for entity in doc.entities:
        if any(m.text == surface for m in entity.mentions):
            return entity
    names = {m.text: e.name for e in doc.entities for m in e.mentions}
    raise AssertionError(f"no entity has mention {surface!r}; mentions: {names}")
