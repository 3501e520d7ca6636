"""Actors: link names to canonical entities with actor codes, roles and sectors; resolve references.

Requires `doc.text` (and uses `doc.ner`, `doc.sentences`, `doc.published`, `doc.dateline` when present).
Assigns `doc.entities` and `doc.references`.
"""

from __future__ import annotations

from dataclasses import dataclass

from peristiwa.model import Contract, Document, Entity, Mention, Reference
from peristiwa.settings import Settings
from peristiwa.stages.actors.abbreviations import add_defined_abbreviations
from peristiwa.stages.actors.coref import Coreferencer, GroupAnaphora
from peristiwa.stages.actors.entities import (
    Draft,
    PersonMention,
    Registry,
    add_span,
    add_unknown,
    capital_use,
    choose_person,
    cluster_persons,
    contained_actor,
    published_date,
)
from peristiwa.stages.actors.kb import KnowledgeBase
from peristiwa.stages.actors.matcher import Tok, as_toks, tokenize
from peristiwa.stages.actors.names import Proposal, clean_ner, fallback_names, merge_ner, surname_mentions
from peristiwa.stages.actors.roles import RoleFinder, RolePhrase, states_from_sentence
from peristiwa.stages.actors.spans import Span, SpanFinder

__all__ = ["ActorsStage", "KnowledgeBase", "make_stage"]


@dataclass(slots=True)
class Found:
    """What the finders saw in one document, before entities are built."""

    tokens: list[Tok]
    spans: list[Span]
    phrases: list[RolePhrase]
    unknown: list[Proposal]


class ActorsStage:
    """Build once (the knowledge base loads here), then call on each document."""

    name = "actors"

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.span_finder = SpanFinder(kb)
        self.role_finder = RoleFinder(kb)
        self.coreferencer = Coreferencer(kb)
        self.group_anaphora = GroupAnaphora(kb)

    def __call__(self, doc: Document) -> None:
        found = self.find(doc)
        registry = self.link(doc, found)
        doc.entities = registry.entities()
        add_defined_abbreviations(doc.text, doc.entities)
        persons = [e for e in doc.entities if e.type == "PER"]
        personal = name_references(persons) + self.coreferencer.resolve(
            doc.text, found.tokens, doc.sentences, persons, found.phrases
        )
        doc.references = personal + self.group_anaphora.resolve(doc.text, doc.sentences, doc.entities, personal)

    def find(self, doc: Document) -> Found:
        tokens = as_toks(doc.tokens) if doc.tokens or not doc.text else tokenize(doc.text)
        spans = self.span_finder.find(doc.text, tokens)
        ner = clean_ner(self.kb, doc.text, tokens, [n for n in doc.ner if n.label in {"PER", "ORG", "LOC"}])
        spans, unknown = merge_ner(self.kb, spans, ner, tokens)
        phrases = self.role_finder.find(tokens, spans, ner)
        states_from_sentence(doc.text, phrases, tokens, spans)
        spans = _outside_names(spans, phrases)
        proposed = fallback_names(self.kb, doc.text, tokens, spans, phrases, ner)
        if proposed:
            absorbed = {id(s) for _, inside in proposed for s in inside}  # maximal mentions only
            spans = [s for s in spans if id(s) not in absorbed]
            unknown += proposed
        return Found(tokens, spans, phrases, unknown)

    def link(self, doc: Document, found: Found) -> Registry:
        registry = Registry()
        persons = self._add_known(registry, doc, found)
        persons += self._named_holders(doc.text, found)
        name_words = {part for p in persons for w in p.words for part in (w, *w.split("-"))}  # al-Ansari
        for ner, inside in found.unknown:
            if ner.text in name_words:
                continue  # a lone surname ("antara Lavrov dan Kerry") is the person, not a new name
            if ner.label == "PER":
                persons.append(PersonMention(ner.start, ner.end, tuple(ner.text.split())))
            else:
                add_unknown(registry, doc.text, ner.start, ner.end, ner.label, contained_actor(inside))
        _add_outlet(registry, doc)
        persons += surname_mentions(doc.text, found.tokens, persons, found.spans)
        cluster_persons(registry, self.kb, doc.text, persons, published_date(doc.published))
        return registry

    def _add_known(self, registry: Registry, doc: Document, found: Found) -> list[PersonMention]:
        """Add every KB span to its entity; return the known persons for clustering."""
        spans_at = {s.first: s for s in found.spans}
        persons: list[PersonMention] = []
        for span in found.spans:
            if span.kind == "person" and span.entry:
                key = choose_person(self.kb, span, doc.text, published_date(doc.published))
                persons.append(PersonMention(span.start, span.end, tuple(span.text.split()), key))
                continue
            use = "-"
            if span.kind == "capital":
                use = capital_use(self.kb, doc.text, found.tokens, span, spans_at)
            if use != "name":
                add_span(registry, self.kb, doc.text, span, use == "place" or _in_dateline(doc, span))
        return persons

    def _named_holders(self, text: str, found: Found) -> list[PersonMention]:
        """Names given by role phrases; appositions take the state of the description they rename."""
        holders = []
        described: dict[str, RolePhrase] = {}
        known = {s.start: s.entry.key for s in found.spans if s.kind == "person" and s.entry}
        for phrase in found.phrases:
            if phrase.name is None:
                renamed = _renamed_person(self.kb, text, found, phrase, known)
                if renamed is not None:
                    holders.append(renamed)
                elif phrase.actor and not phrase.anaphoric:
                    described[phrase.role.id] = phrase
                continue
            if phrase.actor is None and phrase.role.id in described:
                phrase.actor = described[phrase.role.id].actor  # "sang penasihat, Walid Phares"
            start, end = found.tokens[phrase.name[0]].start, found.tokens[phrase.name[1] - 1].end
            words = tuple(text[start:end].split())
            holders.append(PersonMention(start, end, words, known.get(start), phrase))
        return holders


def _renamed_person(
    kb: KnowledgeBase, text: str, found: Found, phrase: RolePhrase, known: dict[int, str]
) -> PersonMention | None:
    """ "Vladimir Medinsky, ketua delegasi Rusia, …", "Ann Maymann, Kepala Perwakilan UNHCR di Indonesia, …": a
    role phrase set off by a comma right after a person's name describes that person."""
    if phrase.actor is None or not phrase.role.person or phrase.plural or phrase.anaphoric:
        return None
    tokens, k = found.tokens, phrase.first
    while k > 0 and tokens[k - 1].text.casefold() in kb.role_lead_words:
        k -= 1  # "Ariful Islam, seorang komandan …"
    if k < 2 or tokens[k - 1].text != ",":
        return None
    end = tokens[k - 2].end
    names = [(s.start, known.get(s.start)) for s in found.spans if s.kind == "person" and s.end == end]
    names += [(n.start, None) for n, _ in found.unknown if n.label != "LOC" and n.end == end]
    if not names:
        return None
    start, key = names[0]
    return PersonMention(start, end, tuple(text[start:end].split()), key, phrase)


def _outside_names(spans: list[Span], phrases: list[RolePhrase]) -> list[Span]:
    """Drop known names inside a person's name ("Houthi" in "Abdul Malik al-Houthi")."""
    inner = {i for p in phrases if p.name for i in range(p.name[0], p.name[1])}
    whole = {p.name for p in phrases if p.name}
    return [s for s in spans if s.kind == "person" or (s.first, s.last) in whole or s.first not in inner]


def _in_dateline(doc: Document, span: Span) -> bool:
    return doc.dateline is not None and span.start <= doc.dateline.end and span.end > doc.dateline.start


def _add_outlet(registry: Registry, doc: Document) -> None:
    """The outlet named in a dateline ("SinPo.id - …") is a medium: an ORG with actor null."""
    outlet = doc.dateline.outlet if doc.dateline else None
    start = doc.text.find(outlet, doc.dateline.start) if doc.dateline and outlet else -1
    already = any(start in d.starts for d in registry.drafts.values())  # a known agency: "Jakarta (ANTARA) -"
    if outlet and doc.dateline and 0 <= start <= doc.dateline.end and not already:
        draft = registry.get(f"media:{outlet}", Draft(f"media:{outlet}", outlet, "ORG", None, None, "MEDIA"))
        draft.add(Mention(start, start + len(outlet), outlet))


def name_references(persons: list[Entity]) -> list[Reference]:
    """Short-name mentions ("Stoltenberg" for Jens Stoltenberg) are references of kind `name`."""
    refs = []
    for entity in persons:
        for m in entity.mentions:
            if len(m.text.split()) < len(entity.name.split()):
                refs.append(Reference(m.start, m.end, m.text, entity.id, "name"))
    return refs


CONTRACT = Contract(
    assigns=("entities", "references"),
    requires=("text",),
    reads=("sentences", "tokens", "ner", "dateline", "published"),
)


def make_stage(settings: Settings) -> ActorsStage:
    return ActorsStage(KnowledgeBase.load(settings.data_dir / "actors", settings.overlay))
