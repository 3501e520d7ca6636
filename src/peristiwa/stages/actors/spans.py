"""Find the name spans the knowledge base knows: states, places, organisations, persons, capitals,
state institutions ("Kementerian Luar Negeri" + a state) and geographic names ("Laut Baltik")."""

from __future__ import annotations

from dataclasses import dataclass, field

from peristiwa.stages.actors.kb import Entry, Institution, KnowledgeBase
from peristiwa.stages.actors.matcher import Match, Tok, Trie

# When one name points to several entries, the first kind in this order wins ("Amerika" is the USA in news,
# not the continent).
KIND_ORDER = ("country", "org", "seat", "capital", "place", "person", "region")
STATE_KINDS = {"country", "capital", "seat"}


@dataclass(slots=True)
class Span:
    """A name found in the text, with what it may refer to."""

    start: int
    end: int
    first: int  # token indexes, half-open
    last: int
    text: str
    kind: str  # one of KIND_ORDER, or institution | geo
    entries: list[Entry] = field(default_factory=list)
    institution: Institution | None = None
    state: str | None = None  # the state an institution belongs to
    state_start: int | None = None  # where the state's name starts inside an institution span

    @property
    def entry(self) -> Entry | None:
        return self.entries[0] if self.entries else None


class SpanFinder:
    """Tries built once from the knowledge base; `find` is called per document."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names: Trie[Entry] = Trie()
        for alias, entries in kb.aliases.items():
            for entry in entries:
                self.names.add(alias, entry)
        self.institutions: Trie[Institution] = Trie()
        for institution in kb.institutions:
            for word in institution.words:
                self.institutions.add(word, institution, ignore_case=True)
        self.geo_nouns: Trie[str] = Trie()
        for noun in kb.geo_nouns:
            self.geo_nouns.add(noun, noun)
        self._heads = self.names.heads() | self.institutions.heads() | self.geo_nouns.heads()

    def find(self, text: str, tokens: list[Tok]) -> list[Span]:
        """Non-overlapping spans, longest first at each position, left to right."""
        spans: list[Span] = []
        index = 0
        heads = self._heads
        while index < len(tokens):
            word = tokens[index].text
            if word not in heads and word.casefold() not in heads:
                index += 1  # no known name, institution or place noun starts with this word
                continue
            span = self.longest_at(text, tokens, index)
            if span is None:
                index += 1
                continue
            if not self._names_a_currency(tokens, span):
                spans.append(span)
            index = span.last
        return spans

    def _names_a_currency(self, tokens: list[Tok], span: Span) -> bool:
        """ "dolar AS", "yuan China": the state qualifies a currency and acts in nothing."""
        return (
            span.kind in STATE_KINDS
            and span.first > 0
            and tokens[span.first - 1].text.casefold() in self.kb.currency_words
        )

    def longest_at(self, text: str, tokens: list[Tok], index: int) -> Span | None:
        options = [
            self._known(text, tokens, index),
            self._institution(text, tokens, index),
            self._geo(text, tokens, index),
        ]
        found = [o for o in options if o is not None]
        return max(found, key=lambda s: s.last) if found else None  # max keeps the first of equals

    def state_at(self, tokens: list[Tok], index: int) -> Match[Entry] | None:
        """A state, capital or seat of power starting at token `index`."""
        match = self.names.longest_at(tokens, index)
        if match and any(e.kind in STATE_KINDS for e in match.values):
            return match
        return None

    def _known(self, text: str, tokens: list[Tok], index: int) -> Span | None:
        match = self.names.longest_at(tokens, index)
        if match is None:
            return None
        entries = sorted(match.values, key=lambda e: KIND_ORDER.index(e.kind))
        return Span(
            match.start, match.end, match.first, match.last, text[match.start : match.end], entries[0].kind, entries
        )

    def _institution(self, text: str, tokens: list[Tok], index: int) -> Span | None:
        word = self.institutions.longest_at(tokens, index)
        if word is None:
            return None
        state = self.state_at(tokens, word.last)
        if state is None:
            return None
        code = next(e.actor for e in state.values if e.kind in STATE_KINDS)
        return Span(
            word.start,
            state.end,
            index,
            state.last,
            text[word.start : state.end],
            "institution",
            institution=word.values[0],
            state=code,
            state_start=state.start,
        )

    def _geo(self, text: str, tokens: list[Tok], index: int) -> Span | None:
        """A geographic noun followed by a capitalised name: "Pangkalan Udara Ramstein"."""
        noun = self.geo_nouns.longest_at(tokens, index)
        if noun is None:
            return None
        last = noun.last
        not_names, directions = self.kb.not_name_words, self.kb.direction_words
        while (
            last < len(tokens)
            and tokens[last].capitalised
            and (tokens[last].text not in not_names or (last > noun.last and tokens[last].text in directions))
        ):
            if last > noun.last and self.names.longest_at(tokens, last) is not None:
                break  # "Semenanjung Krimea Ukraina": the state after the place name is not part of it
            last += 1
        if last == noun.last:
            return None
        end = tokens[last - 1].end
        return Span(noun.start, end, index, last, text[noun.start : end], "geo")
