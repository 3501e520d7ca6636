"""Actor occurrences the coder can use as source or target: names, references, "kami" in quotes, pairs.

An `Arg` is one participant occurrence with the actor code(s) it stands for, placed on the stage's tokens.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace

from peristiwa.model import Document, Entity
from peristiwa.stages.events.text import Tok


@dataclass(frozen=True, slots=True)
class Arg:
    first: int  # token index of the first token
    last: int  # token index after the last token
    codes: tuple[str, ...]
    entities: tuple[str, ...]
    kind: str  # name | pronoun | clitic | role | speaker | pair

    @property
    def pair(self) -> bool:
        return len(self.codes) > 1


def collect_args(doc: Document, toks: list[Tok], grammar: dict) -> list[Arg]:
    """Every participant occurrence in the document, in text order, nested ones dropped."""
    coded = {e.id: e for e in doc.entities if e.actor}
    # A hyphenated pair ("Ukraina-Rusia") comes first: it wins over the name of its first member on that token.
    raw = _compound_args(doc, toks) + _name_args(doc, toks, coded) + _reference_args(doc, toks, coded)
    raw += _speaker_args(doc, toks, grammar)
    groups = {e.id for e in doc.entities if e.type == "ORG" and e.sector in NON_STATE_SECTORS}
    states = {e.id for e in doc.entities if e.type == "GPE"}
    return _merge_adjacent(toks, _drop_nested(raw), groups, states)


NON_STATE_SECTORS = {"REB", "IGO"}  # a state named right after such a body only says where it is from


def _span_tokens(toks: list[Tok], start: int, end: int) -> tuple[int, int] | None:
    """Token range covering [start, end), only when the span starts on a token boundary."""
    first = _token_starting_at(toks, start)
    if first is None:
        return None
    last = first
    while last < len(toks) and toks[last].start < end:
        last += 1
    return first, last


def _token_starting_at(toks: list[Tok], offset: int) -> int | None:
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(toks) and toks[lo].start == offset else None


def _name_args(doc: Document, toks: list[Tok], coded: dict[str, Entity]) -> list[Arg]:
    args = []
    for entity in coded.values():
        for mention in entity.mentions:
            span = _span_tokens(toks, mention.start, mention.end)
            if span:
                args.append(Arg(span[0], span[1], (str(entity.actor),), (entity.id,), "name"))
    return args


def _reference_args(doc: Document, toks: list[Tok], coded: dict[str, Entity]) -> list[Arg]:
    args = []
    for ref in doc.references:
        entity = coded.get(ref.entity_id)
        if entity is None:
            continue
        span = _span_tokens(toks, ref.start, ref.end) or _clitic_token(toks, ref.start, ref.end)
        if span:
            args.append(Arg(span[0], span[1], (str(entity.actor),), (entity.id,), ref.kind))
    return args


def _clitic_token(toks: list[Tok], start: int, end: int) -> tuple[int, int] | None:
    """A clitic "-nya" sits at the end of its host token ("tuturnya")."""
    i = bisect_left(toks, start, key=lambda t: t.end)
    if i < len(toks) and toks[i].start < start and toks[i].end == end:
        return i, i + 1
    return None


def _speaker_args(doc: Document, toks: list[Tok], grammar: dict) -> list[Arg]:
    """First-person words inside a direct quotation stand for its speaker's actor."""
    first_person = set(grammar["first_person"])
    return [
        Arg(i, i + 1, codes, ids, "speaker")
        for codes, ids, first, last in _spoken_by_actors(doc, toks)
        for i in range(first, last)
        if toks[i].low in first_person
    ]


def _spoken_by_actors(doc: Document, toks: list[Tok]) -> Iterator[tuple[tuple[str, ...], tuple[str, ...], int, int]]:
    """Each direct quotation whose speaker is an actor: the speaker's codes and ids, the quotation's tokens."""
    for quote in doc.quotes:
        speaker = doc.entity(quote.speaker_id) if quote.direct and quote.speaker_id else None
        if speaker is None or not speaker.actor:
            continue
        # Only the tokens inside the quotation (binary search: scanning all tokens per quote is quadratic).
        first = bisect_left(toks, quote.start, key=lambda t: t.start)
        yield (speaker.actor,), (speaker.id,), first, bisect_left(toks, quote.end, lo=first, key=lambda t: t.start)


def quotations(doc: Document, toks: list[Tok]) -> list[Arg]:
    """Each direct quotation whose speaker is an actor, over the tokens it spans (kind "quote"): the speaker is
    who acts in it when an act is told there with no subject of its own."""
    return [
        Arg(first, last, codes, ids, "quote")
        for codes, ids, first, last in _spoken_by_actors(doc, toks)
        if first < last
    ]


def _compound_args(doc: Document, toks: list[Tok]) -> list[Arg]:
    """Hyphenated pairs of actor names ("NATO-Rusia", "Rusia-AS") are reciprocal pairs."""
    surface = {m.text.lower(): e for e in doc.entities if e.actor for m in e.mentions}
    args = []
    for i, tok in enumerate(toks):
        parts = tok.low.split("-")
        if len(parts) < 2 or not all(p in surface for p in parts):
            continue
        entities = [surface[p] for p in parts]
        codes = tuple(dict.fromkeys(str(e.actor) for e in entities))
        if len(codes) > 1:
            args.append(Arg(i, i + 1, codes, tuple(e.id for e in entities), "pair"))
    return args


def _drop_nested(args: list[Arg]) -> list[Arg]:
    """Keep maximal occurrences; of two on the same tokens keep the name (listed first)."""
    ordered = sorted(args, key=lambda a: (a.first, -(a.last - a.first)))
    kept: list[Arg] = []
    for arg in ordered:
        if kept and arg.first < kept[-1].last:
            continue
        kept.append(arg)
    return kept


def _merge_adjacent(
    toks: list[Tok],
    args: list[Arg],
    groups: frozenset[str] | set[str] = frozenset(),
    states: frozenset[str] | set[str] = frozenset(),
) -> list[Arg]:
    """ "Menteri Luar Negeri Rusia Sergey Lavrov", "Amerika Serikat (AS)": one participant, the last name's.
    After an armed group or an IGO, a state only says where it is from ("RSF Sudan"): the group's."""
    merged: list[Arg] = []
    for arg in args:
        prev = merged[-1] if merged else None
        if prev and _adjacent(toks, prev, arg):
            closing = 1 if toks[prev.last].text == "(" else 0  # swallow the ")" of "Amerika Serikat (AS)"
            head = prev if set(prev.entities) & groups and set(arg.entities) <= states else arg
            merged[-1] = replace(head, first=prev.first, last=arg.last + closing, entities=prev.entities + arg.entities)
        else:
            merged.append(arg)
    return merged


def _adjacent(toks: list[Tok], left: Arg, right: Arg) -> bool:
    gap = [t.text for t in toks[left.last : right.first]]
    if right.kind == "clitic":  # "dukungan Amerika Serikat kepadanya": a fused preposition parts them
        return False
    if gap == [] and not left.pair and not right.pair:
        return True
    return gap == ["("] and left.codes == right.codes and right.last < len(toks) and toks[right.last].text == ")"
