"""Turn spans, role phrases and NER proposals into the document's entities.

Conventions (seeds.gold.notes.md): only maximal mentions count; states are GPE with their code; cities and
regions are LOC with actor null; capitals acting for a state are mentions of that state; media have actor
null; persons carry the code of the institution they act for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peristiwa.model import Entity, Mention
from peristiwa.stages.actors.kb import Entry, KnowledgeBase, roles_on
from peristiwa.stages.actors.matcher import Tok
from peristiwa.stages.actors.roles import RolePhrase
from peristiwa.stages.actors.spans import Span


@dataclass(slots=True)
class Draft:
    """An entity being assembled; becomes a model `Entity` at the end."""

    key: str
    name: str
    type: str
    actor: str | None = None
    role: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    role_from_text: bool = False
    former_title: bool = False  # the text calls the person a former office holder
    context_actor: str | None = None  # the state a sentence names before the person's stateless office
    starts: set[int] = field(default_factory=set)

    def add(self, mention: Mention) -> None:
        if mention.start not in self.starts:
            self.starts.add(mention.start)
            self.mentions.append(mention)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


@dataclass(slots=True)
class Registry:
    """Drafts by key, in the order they are first met."""

    drafts: dict[str, Draft] = field(default_factory=dict)

    def get(self, key: str, make: Draft) -> Draft:
        return self.drafts.setdefault(key, make)

    def entities(self) -> list[Entity]:
        owner = self._owners()
        for draft in self.drafts.values():
            draft.mentions = [m for m in draft.mentions if owner[(m.start, m.end)] is draft]
        ordered = sorted((d for d in self.drafts.values() if d.mentions), key=lambda d: d.first)
        return [
            Entity(
                f"E{i}", d.name, d.type, d.actor, d.role, d.sector, d.kb_id, sorted(d.mentions, key=lambda m: m.start)
            )
            for i, d in enumerate(ordered, 1)
        ]

    def _owners(self) -> dict[tuple[int, int], Draft]:
        """One entity per stretch of text. Two finders can claim the same words ("York" as a surname of
        "Duke of York" and as a place); the draft named exactly so wins, then a known (KB) one, then a person."""
        owner: dict[tuple[int, int], Draft] = {}
        for draft in self.drafts.values():
            for m in draft.mentions:
                rival = owner.get((m.start, m.end))
                if rival is None or _claim(draft, m) > _claim(rival, m):
                    owner[(m.start, m.end)] = draft
        return owner


def _claim(draft: Draft, mention: Mention) -> tuple[bool, bool, bool]:
    return draft.name == mention.text, draft.kb_id is not None, draft.type == "PER"


def mention(text: str, start: int, end: int) -> Mention:
    return Mention(start, end, text[start:end])


def capital_use(kb: KnowledgeBase, text: str, tokens: list[Tok], span: Span, spans_at: dict[int, Span]) -> str:
    """How a capital is used: `place`, `actor`, or `name` inside a longer name ("perjanjian Minsk")."""
    previous = tokens[span.first - 1].text.casefold() if span.first else ""
    if previous in kb.name_modifiers or _inside_longer_name(kb, text, tokens, span, spans_at):
        return "name"
    return "place" if _is_place_use(kb, text, tokens, span, spans_at) else "actor"


def _inside_longer_name(kb: KnowledgeBase, text: str, tokens: list[Tok], span: Span, spans_at: dict[int, Span]) -> bool:
    """ "Kekaisaran Roma", "Pyongyang Metro": a capital glued to capitalised words names something else."""

    def name_word(index: int) -> bool:
        token = tokens[index]
        return token.capitalised and token.text.isalpha() and token.text not in kb.not_name_words

    line_start = text.rfind("\n", 0, span.start) + 1
    before = (
        span.first > 0
        and name_word(span.first - 1)
        and tokens[span.first - 1].start > line_start
        and (text[tokens[span.first - 2].start] not in '.!?“"' if span.first > 1 else False)
    )
    after = span.last < len(tokens) and name_word(span.last) and span.last not in spans_at
    return before or after


def _is_place_use(kb: KnowledgeBase, text: str, tokens: list[Tok], span: Span, spans_at: dict[int, Span]) -> bool:
    """A capital is a place after a place cue ("di Moskow"), in an address ("Gedung Pancasila, Jakarta"),
    before ", <state>", or as a dateline."""
    before = " ".join(t.text.casefold() for t in tokens[max(0, span.first - 2) : span.first])
    cues = {c.casefold() for c in kb.place_cues}
    if before.split(" ")[-1] in cues or before in cues:
        return True
    first = span.first
    after_comma = (
        first >= 2
        and tokens[first - 1].text == ","
        and tokens[first - 2].capitalised
        and tokens[first - 2].text.casefold() not in kb.calendar_words  # "Pada Jumat, Beijing mengatakan …"
    )
    before_comma = first - 2
    while before_comma > 0 and before_comma not in spans_at and tokens[before_comma - 1].capitalised:
        before_comma -= 1  # walk back to the start of the previous name
    listed = getattr(spans_at.get(before_comma), "kind", "") in ("country", "capital")
    if after_comma and not listed:  # "Gedung Pancasila, Jakarta" but not "Tokyo, Seoul dan Beijing mengecam"
        return True
    nxt = span.last
    state_after = getattr(spans_at.get(nxt + 1), "kind", "") == "country"
    if nxt + 1 < len(tokens) and tokens[nxt].text == "," and state_after:
        return True
    line_start = text.rfind("\n", 0, span.start) + 1
    at_line_start = not text[line_start : span.start].strip()
    return at_line_start and nxt < len(tokens) and tokens[nxt].text in {"–", "-", "—"}


def add_span(registry: Registry, kb: KnowledgeBase, text: str, span: Span, place: bool) -> Draft | None:
    """Record a known span as a mention of its entity."""
    generic = span.institution is not None and not named_institution(span)
    m = mention(text, span.state_start if generic and span.state_start else span.start, span.end)
    draft = _draft_for_span(registry, kb, span, place)
    if draft is not None:
        draft.add(m)
        if span.kind == "institution" and not generic and len(span.text) > len(draft.name):
            draft.name = span.text  # the fullest form: "Kementerian Luar Negeri Rusia" over "Kemenlu Rusia"
    return draft


def _draft_for_span(registry: Registry, kb: KnowledgeBase, span: Span, place: bool) -> Draft | None:
    entry = span.entry
    if span.kind == "institution":
        assert span.institution is not None and span.state is not None
        if not named_institution(span):
            return _state_draft(registry, kb, span.state)
        key = f"inst:{span.institution.id}:{span.state}"
        return registry.get(key, Draft(key, span.text, "ORG", span.state, None, span.institution.sector))
    if span.kind == "geo" or entry is None:
        return registry.get(f"loc:{span.text}", Draft(f"loc:{span.text}", span.text, "LOC"))
    if entry.kind == "capital" and not place:
        return _state_draft(registry, kb, entry.actor or "")
    return _entry_draft(registry, entry)


def named_institution(span: Span) -> bool:
    """An institution written as a name ("Kementerian Luar Negeri Rusia", "Penjaga Pantai China") is an entity of
    its own; written as a description ("penjaga pantai China", "kedutaan India", "Kementerian luar negeri
    Korsel") it is a reference to its state."""
    institution = span.institution
    assert institution is not None
    words = [w for w in span.text[: (span.state_start or span.end) - span.start].split() if w[:1].isalpha()]
    capitalised = [w[:1].isupper() for w in words]
    written_as_name = all(capitalised) or (capitalised[:1] == [True] and not any(capitalised[1:]))  # "Penjaga pantai"
    return institution.named and (institution.named_in_lowercase or written_as_name)


def _state_draft(registry: Registry, kb: KnowledgeBase, code: str) -> Draft | None:
    entry = kb.entry_for_code(code)
    return _entry_draft(registry, entry) if entry else None


def _entry_draft(registry: Registry, entry: Entry) -> Draft:
    if entry.kind in ("country", "org", "seat"):
        key = f"{entry.kind}:{entry.key}"
        return registry.get(
            key,
            Draft(
                key,
                entry.name,
                entry.type,
                entry.actor,
                None,
                entry.sector,
                f"{entry.kind}.{entry.key}" if entry.kind != "org" else entry.key,
            ),
        )
    if entry.kind == "person":
        key = f"person:{entry.key}"
        return registry.get(key, Draft(key, entry.name, "PER", kb_id=entry.key))
    key = f"loc:{entry.name}"  # capital used as a place, region, sea …
    return registry.get(key, Draft(key, entry.name, "LOC"))


def choose_person(kb: KnowledgeBase, span: Span, text: str, published: dt.date | None) -> str:
    """Among persons sharing a name ("Johnson"), the one whose other names occur in the article, else the one
    in office on the publication date, else the first listed."""
    keys = [e.key for e in span.entries if e.kind == "person"]
    if len(keys) == 1:
        return keys[0]
    named = [k for k in keys if any(n != span.text and n in text for n in kb.persons[k].names)]
    dated = [k for k in keys if published and roles_on(kb.persons[k], published)]
    return (named or dated or keys)[0]


@dataclass(slots=True)
class PersonMention:
    start: int
    end: int
    words: tuple[str, ...]
    kb_id: str | None = None
    phrase: RolePhrase | None = None


def cluster_persons(
    registry: Registry, kb: KnowledgeBase, text: str, found: list[PersonMention], published: dt.date | None
) -> None:
    """Group person mentions by KB id, then by full name, then single words by surname."""
    by_words: dict[tuple[str, ...], Draft] = {}
    for pm in sorted(found, key=lambda p: (-len(p.words), p.start)):
        draft = _person_draft(registry, by_words, pm)
        draft.add(mention(text, pm.start, pm.end))
        if len(" ".join(pm.words)) > len(draft.name) and len(pm.words) > 1:
            draft.name = " ".join(pm.words)  # the fullest form in this text
        by_words.setdefault(pm.words, draft)
        if pm.phrase is not None:
            _take_role(draft, pm.phrase)
    for draft in registry.drafts.values():
        if draft.type == "PER" and draft.kb_id and (draft.actor is None or draft.role is None):
            _take_kb_role(draft, kb, published)
        if draft.type == "PER" and draft.actor is None:
            draft.actor = draft.context_actor  # last: the text's own state and the KB's record come first


def _person_draft(registry: Registry, by_words: dict[tuple[str, ...], Draft], pm: PersonMention) -> Draft:
    if pm.kb_id:
        key = f"person:{pm.kb_id}"
        existing = by_words.get(pm.words)
        if existing is not None and existing.kb_id is None:
            existing.kb_id = pm.kb_id
            return existing
        return registry.get(key, Draft(key, " ".join(pm.words), "PER", kb_id=pm.kb_id))
    if pm.words in by_words:
        return by_words[pm.words]
    if len(pm.words) == 1:
        owners = {id(d): d for words, d in by_words.items() if len(words) > 1 and pm.words[0] in (words[0], words[-1])}
        if len(owners) == 1:
            return next(iter(owners.values()))
    key = f"person:{' '.join(pm.words)}"
    return registry.get(key, Draft(key, " ".join(pm.words), "PER"))


def _take_role(draft: Draft, phrase: RolePhrase) -> None:
    """The first role phrase with an actor wins; the text beats the knowledge base."""
    draft.context_actor = draft.context_actor or phrase.context_actor
    if draft.role_from_text and draft.actor:
        return
    if phrase.former:  # "mantan Menlu AS X": still tied to the state, but the title is not his now
        draft.actor = draft.actor or phrase.actor
        draft.former_title = True
        return
    draft.role, draft.sector = phrase.title, phrase.sector
    draft.actor = phrase.actor or draft.actor
    draft.role_from_text = True


def _take_kb_role(draft: Draft, kb: KnowledgeBase, published: dt.date | None) -> None:
    person = kb.persons.get(draft.kb_id or "")
    if person is None:
        return
    roles = roles_on(person, published)
    if draft.actor:  # prefer a KB role for the institution the text names
        roles = [r for r in roles if r.org == draft.actor] or roles
    if not roles:
        return
    best = roles[0]
    draft.actor = draft.actor or best.org
    if draft.role is None and not draft.former_title:
        draft.role, draft.sector = best.role, best.sector


def ner_type(label: str) -> str:
    return {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "GPE"}.get(label, "ORG")


def add_unknown(registry: Registry, text: str, start: int, end: int, label: str, actor: str | None) -> None:
    """A name the knowledge base does not know (from NER or capitalisation); actor only from inside it."""
    name = text[start:end]
    key = f"new:{name}"
    draft = registry.get(key, Draft(key, name, ner_type(label), actor if label == "ORG" else None))
    draft.add(Mention(start, end, name))


def contained_actor(spans: list[Span]) -> str | None:
    """The actor of a longer organisation name: its organisation first, else its state ("NATO Battlegroup
    Estonia" → NATO, "Angkatan Darat Kerajaan Inggris" → GBR)."""
    orgs = [s.entry.actor for s in spans if s.entry and s.entry.kind == "org" and s.entry.actor]
    states = [s.state or (s.entry.actor if s.entry else None) for s in spans]
    return next(iter(orgs), None) or next((c for c in states if c), None)


def published_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
