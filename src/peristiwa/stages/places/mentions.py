"""Place mentions: what the actors stage typed as a place, and the words around them.

The actors stage decides whether a name is a place at all ("di Moskow" is a place, "Moskow membantah" is
Russia acting), so this module mostly reads its layer: LOC entities, states (GPE) where they are named as
states and not through their capital, and the dateline's place. It adds only what cannot be anyone's name:
our own multi-word place names the NER cut short ("Jawa Barat"), and capitalised names right after "di" /
"ke" that no entity covers, which the stage keeps only when the article pins them to a known place.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from peristiwa.model import Document, Entity, Mention
from peristiwa.stages.actors.kb import KnowledgeBase
from peristiwa.stages.nlp.words import Spanned, Words
from peristiwa.stages.places.names import lookup_key

NAME_AFTER_PREPOSITION = 3  # capitalised words at most


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    code: str | None = None  # the state code when the actors stage linked the mention to a state
    proposed: bool = False  # found here, not by the actors stage: kept only when the text pins it down


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists of data/places/cues.yaml, casefolded."""

    region_nouns: tuple[str, ...]
    city_nouns: tuple[str, ...]
    geo_nouns: tuple[str, ...]  # from the actors' places.yaml: "Laut", "Pangkalan Udara", "Provinsi" …
    directions: tuple[str, ...] = ()  # "utara", "barat laut" …: "Israel utara" is still Israel

    def kind_before(self, words: Words, start: int) -> str | None:
        """ "city" or "region" when a kind noun stands right before `start` ("negara bagian Georgia")."""
        before = " ".join(words.folded(start - 40, start)[-3:])
        for kind, nouns in (("region", self.region_nouns), ("city", self.city_nouns)):
            if any(before == n or before.endswith(" " + n) for n in nouns):
                return kind
        return None

    def bare_forms(self, name: str) -> list[tuple[str, str | None]]:
        """Shorter forms to look up when the whole name is unknown, with the kind their noun gives:
        the place after the last comma of an address ("Gedung DPR , Jakarta"), lower-case words around it
        dropped ("sekitar Gaza", "Israel utara"), then a geographic noun."""
        name = name.rsplit(",", 1)[-1].strip() or name
        words = name.split()
        while words and words[0].islower():
            words.pop(0)
        trimmed = " ".join(words)
        for direction in sorted(self.directions, key=len, reverse=True):
            if trimmed.endswith(" " + direction):
                trimmed = trimmed[: -len(direction) - 1]
                break
        forms = [(trimmed, None)] if trimmed else []
        bare, kind = self.strip_noun(trimmed or name)
        return forms + ([(bare, kind)] if bare != (trimmed or name) else [])

    def strip_noun(self, name: str) -> tuple[str, str | None]:
        """ "Provinsi Aceh" → ("Aceh", "region"); "Pangkalan Udara Lask" → ("Lask", "city")."""
        folded = name.casefold()
        # Only nouns for the place itself or something in it: "Selat Bali" is a strait, not Bali.
        inside = [n for n in self.geo_nouns if n in self.region_nouns or n in self.city_nouns]
        for noun in sorted(inside, key=len, reverse=True):
            if folded.startswith(noun + " ") and len(name) > len(noun) + 1:
                rest = name[len(noun) + 1 :]
                kind = "region" if noun in self.region_nouns else "city" if noun in self.city_nouns else None
                return rest, kind
        return name, None


class Taken:
    """Spans already claimed by entity mentions; `touches` is a bisection, not a scan (long documents)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.reach: list[int] = []  # the furthest end among the spans up to each one
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1] if self.reach else end))

    def touches(self, start: int, end: int) -> bool:
        last = bisect_left(self.starts, end) - 1
        return last >= 0 and self.reach[last] > start


def place_mentions(
    doc: Document, kb: KnowledgeBase, curated: frozenset[str] = frozenset(), prepositions: frozenset[str] = frozenset()
) -> list[PlaceMention]:
    """Every place the actors stage found, the dateline's place, our own multi-word names the actors
    stage cut short or missed ("Jawa Barat" where it saw "Jawa"), and names no entity covers right after a
    locative preposition ("di Rafah"), in text order."""
    words = Words.of(doc)
    found: dict[int, PlaceMention] = {m.start: m for m in curated_mentions(doc, words, curated)}
    for entity in doc.entities:
        if entity.type == "LOC":
            for m in entity.mentions:
                found.setdefault(m.start, PlaceMention(m.start, m.end, m.text))
        elif entity.type == "GPE" and entity.actor:
            for m in _named_as_state(entity, kb):
                found.setdefault(m.start, PlaceMention(m.start, m.end, m.text, entity.actor))
    dateline = _dateline_place(doc)
    if dateline is not None:
        found.setdefault(dateline.start, dateline)
    for proposal in after_prepositions(doc, words, prepositions):
        found.setdefault(proposal.start, proposal)
    found = _drop_inside(found)
    return [found[s] for s in sorted(found)]


def curated_mentions(doc: Document, words: Words, curated: frozenset[str]) -> list[PlaceMention]:
    """Multi-word names from our own place files ("Nusa Tenggara Timur", "Laut Natuna Utara") in runs of
    capitalised words that no person, organisation or state mention touches; they replace the shorter LOC
    mentions inside them."""
    taken = Taken([(m.start, m.end) for e in doc.entities if e.type != "LOC" for m in e.mentions])
    capitalised = [w for w in words.tokens if w.text[0].isupper()]
    found: list[PlaceMention] = []
    i = 0
    while i < len(capitalised):
        size = _longest_name(doc.text, capitalised, i, curated)
        first, last = capitalised[i], capitalised[i + size - 1] if size else capitalised[i]
        if size >= 2 and not taken.touches(first.start, last.end):
            found.append(PlaceMention(first.start, last.end, doc.text[first.start : last.end]))
            i += size
        else:
            i += 1
    return found


def after_prepositions(doc: Document, words: Words, prepositions: frozenset[str]) -> list[PlaceMention]:
    """One to three capitalised words right after "di" / "ke" … (one space apart) that no entity mention
    touches."""
    taken = Taken([(m.start, m.end) for e in doc.entities for m in e.mentions])
    found = []
    for k, cue in enumerate(words.tokens):
        if cue.text.casefold() not in prepositions:
            continue
        name = _spaced_run(doc.text, words.tokens, k)
        if name and not taken.touches(name[0].start, name[-1].end):
            start, end = name[0].start, name[-1].end
            found.append(PlaceMention(start, end, doc.text[start:end], proposed=True))
    return found


def _spaced_run(text: str, tokens: list[Spanned], k: int) -> list[Spanned]:
    """The capitalised words after tokens[k], each one space after the one before, at most three."""
    run: list[Spanned] = []
    for word in tokens[k + 1 : k + 1 + NAME_AFTER_PREPOSITION]:
        before = run[-1] if run else tokens[k]
        if not ("A" <= word.text[0] <= "Z") or text[before.end : word.start] != " ":
            break
        run.append(word)
    return run


def _longest_name(text: str, words: list[Spanned], i: int, curated: frozenset[str]) -> int:
    """How many capitalised words from `i` on (adjacent, at most four) spell a curated name; 0 for none."""
    best = 0
    for size in range(2, min(4, len(words) - i) + 1):
        gap = text[words[i + size - 2].end : words[i + size - 1].start]
        if gap != " ":
            break
        if lookup_key(text[words[i].start : words[i + size - 1].end]) in curated:
            best = size
    return best


def _drop_inside(found: dict[int, PlaceMention]) -> dict[int, PlaceMention]:
    """A longer curated name wins over the shorter place mentions inside it."""
    spans = sorted(found.values(), key=lambda m: (m.start, -m.end))
    kept: dict[int, PlaceMention] = {}
    reach = -1
    for m in spans:
        if m.end <= reach:
            continue
        kept[m.start] = m
        reach = max(reach, m.end)
    return kept


def _named_as_state(entity: Entity, kb: KnowledgeBase) -> list[Mention]:
    """A state's mentions minus its capital acting for it ("Moskow membantah" is Russia, not a place)."""
    return [m for m in entity.mentions if not any(e.kind == "capital" for e in kb.lookup(m.text))]


def _dateline_place(doc: Document) -> PlaceMention | None:
    line = doc.dateline
    if line is None or not line.place:
        return None
    start = doc.text.find(line.place, line.start, line.end + 1)
    if start < 0:
        return None
    return PlaceMention(start, start + len(line.place), line.place)


def key_of(text: str) -> str:
    return lookup_key(text)
