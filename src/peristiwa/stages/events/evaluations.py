"""Quoted disapproval: a speaker who calls another actor's conduct illegal, provocative or unacceptable in a
quotation accuses that actor (PLOVER ACCUSE, mode disapprove), though no verb of accusing is used.

The speaker comes from the quote layer; the accused is the first actor the quotation names other than the
speaker's own side (first-person words stand for the speaker). The disapproving words are data
(data/events/evaluations.yaml).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from peristiwa.knowledge import read_yaml
from peristiwa.model import Document, Event, Mention, Quote, Sentence
from peristiwa.stages.events.events import event_id
from peristiwa.stages.events.participants import Arg
from peristiwa.stages.events.text import Tok

RULE = "accuse.quoted_evaluation"
DISAPPROVE_CAMEO = "111"  # criticise or denounce


@dataclass(frozen=True, slots=True)
class Evaluations:
    phrases: frozenset[tuple[str, ...]]
    longest: int
    negators: frozenset[str]


@cache
def load_evaluations(data_dir: Path) -> Evaluations:
    raw = read_yaml(data_dir / "events" / "evaluations.yaml")
    phrases = frozenset(tuple(word.split()) for word in raw["words"])
    return Evaluations(phrases, max(map(len, phrases)), frozenset(raw["negators"]))


def quoted_accusations(doc: Document, toks: list[Tok], args: list[Arg], words: Evaluations, types: dict) -> list[Event]:
    """One ACCUSE event per quotation whose speaker disapproves of another actor it names."""
    events = []
    for quote in doc.quotes:
        speaker = doc.entity(quote.speaker_id) if quote.speaker_id else None
        if speaker is None or not speaker.actor:
            continue
        first = bisect_left(toks, quote.start, key=lambda t: t.start)
        last = bisect_left(toks, quote.end, lo=first, key=lambda t: t.start)
        hit = _evaluation(toks, first, last, words)
        accused = _accused(args, first, last, speaker.actor)
        if hit is not None and accused is not None:
            events.append(_event(doc, quote, toks[hit], speaker.actor, speaker.id, accused, types["ACCUSE"]))
    return events


def _evaluation(toks: list[Tok], first: int, last: int, words: Evaluations) -> int | None:
    """The first disapproving word or phrase in the quotation that no negator turns around."""
    for i in range(first, last):
        for size in range(min(words.longest, last - i), 0, -1):
            if tuple(t.low for t in toks[i : i + size]) in words.phrases:
                if i == first or toks[i - 1].low not in words.negators:
                    return i
                break
    return None


def _accused(args: list[Arg], first: int, last: int, speaker: str) -> tuple[str, str] | None:
    """The first actor named in the quotation that is neither the speaker's side nor a reference to the speaker.
    (The actor nearest to the disapproving word was measured too: no better on dev, one worse on the seeds.)"""
    for arg in args:
        if first <= arg.first and arg.last <= last and arg.kind != "speaker":
            for code, entity in zip(arg.codes, arg.entities, strict=False):
                if code != speaker:
                    return code, entity
    return None


def _event(
    doc: Document, quote: Quote, word: Tok, source: str, source_entity: str, accused: tuple[str, str], info: dict
) -> Event:
    sentence = next((s for s in doc.sentences if s.start <= word.start < s.end), Sentence(quote.start, quote.end))
    target, target_entity = accused
    return Event(
        id=event_id(doc.id, quote.start, quote.end, "ACCUSE", source, target),
        type="ACCUSE",
        source=source,
        target=target,
        evidence=Mention(quote.start, quote.end, doc.text[quote.start : quote.end]),
        sentence=Sentence(sentence.start, sentence.end),
        mode="disapprove",
        source_entity=source_entity,
        target_entity=target_entity,
        quad=info["quad"],
        score=info["score"],
        cameo=DISAPPROVE_CAMEO,
        rule=RULE,
        clause=Sentence(sentence.start, sentence.end),
    )
