"""Other sentences about the same event: where a text tells an event twice, once with its date (the `Tellings`
that `stages/time/event_dates.py` reads; here, after the events stage, because it uses the event lexicon).

"Hamas telah menyerahkan 13 sandera Israel" and, paragraphs later, "Baik Hamas dan militer Israel telah
melepaskan tahanan mereka pada Sabtu (25/11/2023)": the second sentence dates the event the first tells.
A sentence is about the same event when it holds a trigger of the event's type (the event lexicon's, so what
counts as "the same kind of act" is the coder's own knowledge) and names the event's participants: its source
and its target (by name, pronoun or role noun) when the event has them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from pathlib import Path

from peristiwa.model import Document, Event, Sentence
from peristiwa.stages.events.lexicon import load_lexicon
from peristiwa.stages.events.text import Tok, tokens_of
from peristiwa.stages.time.event_dates import Telling


class SameEvent:
    """The triggers of one document by sentence, and the actors each sentence names."""

    def __init__(self, doc: Document, data_dir: Path) -> None:
        self.doc, self.lexicon = doc, load_lexicon(data_dir)
        self.toks = tokens_of(doc)
        self._actors: dict[int, frozenset[str]] = {}
        self._tellings: dict[int, list[tuple[str, Telling]]] = {}

    def trigger_is_noun(self, event: Event) -> bool:
        """The event's trigger is an event noun ("atas invasi Rusia"): it refers to an act rather than telling it."""
        return any(
            telling.noun and telling.start <= event.evidence.start < telling.end
            for kind, telling in self.tellings(event.sentence)
            if kind == event.type
        )

    def elsewhere(self, event: Event) -> Iterator[Telling]:
        """The other sentences that tell an event of the same type between the same participants."""
        wanted = {code for code in (event.source, event.target) if code}
        if not wanted:
            return
        for sentence in self.doc.sentences:
            if sentence.start == event.sentence.start or not wanted <= self.actors(sentence):
                continue
            yield from (telling for kind, telling in self.tellings(sentence) if kind == event.type)

    def actors(self, sentence: Sentence) -> frozenset[str]:
        if sentence.start not in self._actors:
            inside = {
                entity.actor
                for entity in self.doc.entities
                if entity.actor and any(sentence.start <= m.start < sentence.end for m in entity.mentions)
            }
            by_id = {entity.id: entity.actor for entity in self.doc.entities if entity.actor}
            inside |= {
                by_id[ref.entity_id]
                for ref in self.doc.references
                if ref.entity_id in by_id and sentence.start <= ref.start < sentence.end
            }
            self._actors[sentence.start] = frozenset(code for code in inside if code)
        return self._actors[sentence.start]

    def tellings(self, sentence: Sentence) -> list[tuple[str, Telling]]:
        """(type, telling) for every trigger the lexicon finds in the sentence."""
        if sentence.start not in self._tellings:
            self._tellings[sentence.start] = list(self._triggers(sentence))
        return self._tellings[sentence.start]

    def _triggers(self, sentence: Sentence) -> Iterator[tuple[str, Telling]]:
        lo = bisect_left(self.toks, sentence.start, key=lambda t: t.start)
        hi = bisect_left(self.toks, sentence.end, lo=lo, key=lambda t: t.start)
        bounded: list[Tok] = self.toks[:hi]
        for i in range(lo, hi):
            for match in self.lexicon.matches_at(bounded, i):
                start, end = bounded[match.first].start, bounded[match.last - 1].end
                yield match.entry.type, Telling(sentence, start, end, match.head.pos == "noun")
