"""Quotes: direct, split and fragment quotations and reported speech, with speaker, cue and addressee.

Steps (in this order): spans in quotation marks (`marks`); the stage's own sentences, never cut inside
marks (`segment`); direct candidates with the words that attribute them (`direct`); reported speech outside
the marks (`reported`, rules Q2–Q4 of the gold notes); speakers resolved in text order against the actors
stage's entities and references, with a focus speaker for pronouns (`speakers`). All knowledge is in
`data/quotes/lexicon.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peristiwa.model import Contract, Document, Mention, Quote
from peristiwa.settings import Settings
from peristiwa.stages.nlp.words import Runs, Words
from peristiwa.stages.quotes.attribution import Candidate, Context
from peristiwa.stages.quotes.direct import direct_candidates, sentence_subject
from peristiwa.stages.quotes.lexicon import Lexicon, load_lexicon
from peristiwa.stages.quotes.marks import QuotedIndex, find_quoted
from peristiwa.stages.quotes.reported import reported_candidates
from peristiwa.stages.quotes.segment import SentenceIndex, sentences
from peristiwa.stages.quotes.speakers import Speaker, SpeakerResolver

__all__ = ["QuotesStage", "make_stage"]


@dataclass(slots=True)
class QuotesStage:
    settings: Settings
    name: str = "quotes"

    def __call__(self, doc: Document) -> None:
        try:
            doc.quotes = self.match(doc)
        except RecursionError as err:  # pathological input: report it and let the batch go on
            doc.add_problem(self.name, f"[Q100] quotation search gave up: {err}")

    def match(self, doc: Document) -> list[Quote]:
        """Find every quotation in `doc.text` and resolve its speaker."""
        lexicon = load_lexicon(self.settings.data_dir)
        ctx = _context(doc, lexicon)
        spans = ctx.quoted.spans
        direct = direct_candidates(ctx, spans)
        reported = [c for c in reported_candidates(ctx, spans) if not _overlaps_any(c, direct)]
        candidates = sorted(direct + reported, key=lambda c: c.start)
        return _resolve(doc, ctx, candidates)


CONTRACT = Contract(
    assigns=("quotes",),
    requires=("text",),
    # Without the nlp stage's tokens (a pipeline configured without it) the stage tokenises with the same tokenizer.
    reads=("sentences", "tokens", "entities", "references", "dateline"),
)


def make_stage(settings: Settings) -> QuotesStage:
    return QuotesStage(settings)


def _context(doc: Document, lexicon: Lexicon) -> Context:
    quoted = QuotedIndex(find_quoted(doc.text, lexicon))
    index = SentenceIndex(sentences(doc.text, quoted, lexicon))
    dateline_end = doc.dateline.end if doc.dateline and doc.dateline.end <= len(doc.text) else 0
    return Context(doc.text, lexicon, quoted, index, dateline_end, Words.of(doc), Runs.of(doc))


def _overlaps_any(candidate: Candidate, others: list[Candidate]) -> bool:
    return any(candidate.start < o.end and o.start < candidate.end for o in others)


def _resolve(doc: Document, ctx: Context, candidates: list[Candidate]) -> list[Quote]:
    resolver = SpeakerResolver(doc, ctx.lexicon, ctx.quoted, ctx.runs)
    quoted = [(c.start, c.end) for c in candidates]
    subjects = [
        (ref.start, ref)
        for lo, hi in ctx.sentences.spans
        if (ref := sentence_subject(ctx, lo, hi)) is not None
        and ref.kind == "phrase"
        and not any(a <= ref.start < b for a, b in quoted)
    ]  # a subject inside quoted words is not in focus
    speakers: list[Speaker | None] = []
    previous: Speaker | None = None
    for candidate in candidates:
        while subjects and subjects[0][0] < candidate.start:
            resolver.note_subject(subjects.pop(0)[1])
        speaker = resolver.resolve(candidate.speaker, previous)
        speakers.append(speaker)
        previous = speaker if candidate.direct else previous
    linked = [resolver.link_role(s) if s is not None and s.role_head else s for s in speakers]
    return [_quote(doc, ctx, c, s) for c, s in zip(candidates, linked, strict=True)]


def _quote(doc: Document, ctx: Context, candidate: Candidate, speaker: Speaker | None) -> Quote:
    span = speaker.span if speaker is not None and candidate.speaker.kind in ("phrase", "clitic") else None
    return Quote(
        speaker=speaker.name if speaker else None,
        speaker_id=speaker.entity_id if speaker else None,
        text=doc.text[candidate.start : candidate.end],
        start=candidate.start,
        end=candidate.end,
        direct=candidate.direct,
        cue=candidate.cue,
        addressee=_addressee(ctx, candidate),
        speaker_span=Mention(span[0], span[1], doc.text[span[0] : span[1]]) if span else None,
    )


def _addressee(ctx: Context, candidate: Candidate) -> str | None:
    """`kepada wartawan`, `kepada Reuters`: searched in the attributing sentence, outside quotation marks."""
    if candidate.speaker.kind not in ("phrase", "clitic"):
        return None
    lo, hi = ctx.sentences.at(candidate.speaker.start)
    sentence = _masked(ctx, lo, hi)
    for pattern in ctx.lexicon.addressees:
        match = pattern.search(sentence)
        if match:
            return match.group("addressee").strip()
    return None


def _masked(ctx: Context, lo: int, hi: int) -> str:
    """The sentence with quoted words blanked, so an addressee is never found inside a quotation."""
    text = list(ctx.text[lo:hi])
    for span in ctx.quoted.overlapping(lo, hi):
        for i in range(max(lo, span.open), min(hi, span.outer_end)):
            text[i - lo] = " "
    return re.sub(r"[ ]{2,}", " ", "".join(text))
