"""Turn coded candidates into `Event` records: actor codes, type change for intentions, clause, magnitude.

The date and the place of each event are read later from its clause (`stages/situate`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from peristiwa.model import Document, Event, Mention, Sentence
from peristiwa.stages.events.coder import Candidate, is_symmetric
from peristiwa.stages.events.magnitude import MagnitudeReader
from peristiwa.stages.events.participants import Arg
from peristiwa.stages.events.view import View


def codes_of(args: list[Arg]) -> list[tuple[str, str]]:
    """(code, entity id) pairs of the participants, each code once, in text order."""
    seen: dict[str, str] = {}
    for arg in args:
        for code, entity in zip(arg.codes, arg.entities + arg.entities[-1:] * len(arg.codes), strict=False):
            seen.setdefault(code, entity)
    return list(seen.items())


def dyads(view: View, cand: Candidate) -> Iterator[tuple[tuple[str, str], tuple[str, str] | None]]:
    """Every (source, target) pair of a candidate, honouring the type's target policy."""
    sources, targets = codes_of(cand.sources), codes_of(cand.targets)
    info = view.lexicon.types[cand.type]
    policy = cand.match.entry.target or info["target"]
    if cand.mutual and len(sources) + len(targets) > 1:  # "saling tuduh", "perang antara A dan B"
        yield from _both_ways(sources + [t for t in targets if t not in sources])
        return
    if is_symmetric(view, cand) and not targets and len(sources) > 1 and not _listed_members(view, cand.sources):
        sources, targets = sources[:1], sources[1:]  # "Rusia dan AS melanjutkan pembicaraan"
    if policy == "none":
        targets = []
    recipients: list[tuple[str, str] | None] = list(targets) or [None]
    for source in sources:
        for target in recipients:
            if target is not None and target[0] == source[0]:
                continue
            if target is None and policy == "required":
                continue
            yield source, target


def _listed_members(view: View, sources: list[Arg]) -> bool:
    """ "negara-negara seperti Jamaika dan Bahama berkomitmen …", "mediator dari Mesir dan Qatar": actors listed
    as members of the subject act side by side, not with each other."""
    first = sources[0]  # "menlu dari kedua negara" is one pair, who do meet each other
    return first.kind != "pair" and view.low(first.first - 1) in view.grammar.phrase_members


def _both_ways(sides: list[tuple[str, str]]) -> Iterator[tuple[tuple[str, str], tuple[str, str] | None]]:
    for source in sides:
        for target in sides:
            if source[0] != target[0]:
                yield source, target


def event_type(view: View, cand: Candidate) -> str:
    """PLOVER codes intended or future cooperation (meet, support, help) as AGREE, and a promised concession
    (a release or withdrawal still to come) as CONCEDE."""
    info = view.lexicon.types[cand.type]
    if cand.modality.modality == "future" and info.get("future_agree"):
        return "AGREE"
    if cand.modality.modality == "future" and info.get("future_concede"):
        return "CONCEDE"
    return cand.type


def event_id(doc_id: str, start: int, end: int, kind: str, source: str, target: str | None) -> str:
    key = f"{doc_id}|{start}|{end}|{kind}|{source}|{target}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def evidence_span(view: View, cand: Candidate) -> tuple[int, int]:
    """From the event phrase (or a genitive actor) to the recipient, when it follows closely."""
    first, last = cand.reach, cand.match.last
    for arg in cand.sources + cand.targets:
        if arg.first >= first and arg.last - last <= 10:
            last = max(last, arg.last)
    return view.toks[first].start, view.toks[last - 1].end


def clause_of(view: View, cand: Candidate) -> Sentence:
    """The trigger's own clause: from the event phrase back and from the trigger forward to the nearest comma,
    semicolon, quote mark or clause boundary word. Its date and its place are the event's own."""
    lo, hi = _segment(view, cand.reach), _segment_end(view, cand.match.last)
    return Sentence(view.toks[lo].start, view.toks[hi - 1].end)


def _segment(view: View, i: int) -> int:
    while i > view.lo and view.low(i - 1) not in {",", ";"} and not view.is_hard(i - 1):
        i -= 1
    return i


def _segment_end(view: View, i: int) -> int:
    while i < view.hi and view.low(i) not in {",", ";"} and not view.is_hard(i):
        i += 1
    return max(i, view.lo + 1)


def build_events(
    doc: Document, view: View, sentence: Sentence, cand: Candidate, reader: MagnitudeReader
) -> list[Event]:
    if cand.suppressed or cand.modality.modality == "hypothetical":
        return []
    kind = event_type(view, cand)
    info = view.lexicon.types[kind]
    start, end = evidence_span(view, cand)
    entry = cand.match.entry
    first = min([a.first for a in cand.sources] + [cand.reach])
    clause = clause_of(view, cand)
    magnitude = reader.read(doc.text, view.toks, max(view.lo, first - 4), min(view.hi, cand.stop + 1))
    events = []
    for (source, source_entity), target in dyads(view, cand):
        events.append(
            Event(
                id=event_id(doc.id, start, end, kind, source, target[0] if target else None),
                type=kind,
                source=source,
                target=target[0] if target else None,
                evidence=Mention(start, end, doc.text[start:end]),
                sentence=Sentence(sentence.start, sentence.end),
                mode=cand.mode if kind == cand.type else None,
                source_entity=source_entity,
                target_entity=target[1] if target else None,
                negated=cand.modality.negated,
                modality=cand.modality.modality,
                magnitude=magnitude,
                quad=info["quad"],
                score=info["score"],
                cameo=entry.cameo if kind == entry.type else info["cameo"],
                rule=entry.id,
                clause=clause,
            )
        )
    return events
