"""Direct quotes: a candidate for every span in quotation marks, with the words that attribute it.

Order of evidence (first that applies): a cue right after the closing mark (`,” kata X`, `,” X menambahkan`);
the nearest attribution earlier in the same sentence (`X mengatakan, “…`, `X mendesak Rusia “…”`,
`menurut X`);
a cue after a later quote of the same sentence (`“A” dan “B,” kata X`); the sentence's subject; the previous
quote of the paragraph (`“A,” katanya. “B.”`); the speaker in focus.
"""

from __future__ import annotations

import re
from dataclasses import replace

from peristiwa.stages.quotes.attribution import (
    FOCUS,
    NOBODY,
    PREVIOUS,
    SHARED,
    Candidate,
    Context,
    SpeakerRef,
    clause_subject,
    is_negated,
    is_speakerlike,
    regexes,
    speaker_phrase,
)
from peristiwa.stages.quotes.marks import QuotedSpan
from peristiwa.stages.quotes.segment import words

Attribution = tuple[SpeakerRef, str | None]
LOOKAHEAD_QUOTES = 4  # `“A”, “B” dan “C,” kata X`: fragments sharing one later cue
SCARE_QUOTE_MAX_WORDS = 3  # `yang “tidak pantas”`, `langkah-langkah “bertahap”`: no one's statement


def direct_candidates(ctx: Context, spans: list[QuotedSpan]) -> list[Candidate]:
    found = []
    for k, span in enumerate(spans):
        sentence = ctx.sentences.at(span.open)
        ref, cue = _attribute(ctx, spans, k, sentence)
        found.append(Candidate(span.start, span.end, True, cue, ref, sentence, span.chain))
    _share_within_chains(found)
    return found


def _attribute(ctx: Context, spans: list[QuotedSpan], k: int, sentence: tuple[int, int]) -> Attribution:
    span = spans[k]
    for finder in (_after_closer, _earlier_in_sentence, _after_later_quote, _sentence_final_cue):
        found = finder(ctx, spans, k, sentence)
        if found is not None:
            return found
    if _is_scare_quote(ctx, span, sentence):
        return NOBODY, None
    found = _sentence_subject(ctx, spans, k, sentence)
    if found is not None:
        return found
    if k > 0 and (spans[k - 1].paragraph == span.paragraph or spans[k - 1].chain == span.chain):
        return PREVIOUS, None
    return FOCUS, None


def _is_scare_quote(ctx: Context, span: QuotedSpan, sentence: tuple[int, int]) -> bool:
    """`sebuah unggahan yang “tidak pantas”`: a few words in marks inside a sentence that attributes nothing are the
    journalist's own (CONVENTIONS: scare quotes, speaker null)."""
    inside = list(words(ctx.runs, span.start, span.end))
    return (
        0 < len(inside) <= SCARE_QUOTE_MAX_WORDS
        and sentence[0] < span.open
        and span.close is not None
        and ctx.text[span.close + 1 : sentence[1]].strip(" .!?…") != ""
        and not _has_speech_verb(ctx, sentence)  # `Trump menyebutnya pungutan “keamanan nasional”` is his
    )


def _has_speech_verb(ctx: Context, sentence: tuple[int, int]) -> bool:
    lexicon = ctx.lexicon
    for word in words(ctx.runs, *sentence):
        bare = word.text.removesuffix("nya")
        said = lexicon.speech_verb_re.fullmatch(bare) or lexicon.framing_verb_re.fullmatch(bare)
        if said is not None and ctx.quoted.containing(word.start) is None:
            return True
    return False


def _after_closer(ctx: Context, spans: list[QuotedSpan], k: int, sentence: tuple[int, int]) -> Attribution | None:
    return cue_after(ctx, spans[k])


def cue_after(ctx: Context, span: QuotedSpan) -> Attribution | None:
    """`,” kata X`, `,” katanya`, `,” X menambahkan` right after the closing mark."""
    close = span.close
    if close is None:
        return None
    limit = _paragraph_end(ctx, close)
    rx = regexes(ctx.lexicon)
    cue = rx.after_closer.match(ctx.text, close + 1, limit)
    if cue is not None:
        if cue.group("nya"):
            return SpeakerRef("clitic", cue.start("nya"), cue.end("nya")), cue.group("cue")
        return speaker_phrase(ctx, cue.end(), limit) or FOCUS, cue.group("cue")
    subject = rx.subject_after_closer.match(ctx.text, close + 1, limit)
    if subject is not None:
        ref = SpeakerRef("phrase", subject.start("subj"), subject.end("subj"))
        return ref, subject.group("cue").casefold()
    demikian = rx.demikian_after_closer.match(ctx.text, close + 1, limit)  # `…,” demikian pernyataan kementerian itu`
    if demikian is not None:
        issuer = speaker_phrase(ctx, demikian.end(), limit)
        return (issuer, f"{ctx.lexicon.demikian_label} {demikian.group('cue')}") if issuer is not None else None
    return None


def _paragraph_end(ctx: Context, offset: int) -> int:
    end = ctx.text.find("\n", offset)
    return len(ctx.text) if end < 0 else end


def _earlier_in_sentence(
    ctx: Context, spans: list[QuotedSpan], k: int, sentence: tuple[int, int]
) -> Attribution | None:
    for position, ref, cue in reversed(anchors(ctx, spans, sentence)):
        if position < spans[k].open and ref != SHARED:
            return ref, cue
    return None


def _after_later_quote(ctx: Context, spans: list[QuotedSpan], k: int, sentence: tuple[int, int]) -> Attribution | None:
    for later in range(k + 1, min(len(spans), k + 1 + LOOKAHEAD_QUOTES)):
        if spans[later].open >= sentence[1]:
            break
        found = cue_after(ctx, spans[later])
        if found is not None:
            return found
    return None


def _sentence_final_cue(ctx: Context, spans: list[QuotedSpan], k: int, sentence: tuple[int, int]) -> Attribution | None:
    """`Keempat orang itu, yang diberi amnesti “untuk …”, diminta pergi, lapor media pemerintah.`, `“…,” dengan
    pola …, ungkap pernyataan itu.`: a cue that closes the sentence attributes a quotation inside it."""
    close = spans[k].close
    if close is None:
        return None
    found = regexes(ctx.lexicon).trailing.finditer(ctx.text, close + 1, sentence[1])
    cues = [m for m in found if ctx.quoted.containing(m.start()) is None]
    if not cues:
        return None
    cue = cues[-1]
    if cue.group("nya"):
        return SpeakerRef("clitic", cue.start("nya"), cue.end("nya")), cue.group("cue")
    ref = speaker_phrase(ctx, cue.end(), sentence[1])
    if ref is None or not is_speakerlike(ctx, ref) or ctx.text[ref.end : sentence[1]].strip(" .!?…") != "":
        return None  # the phrase must close the sentence: `…, kata Lavrov kepada wartawan di Moskow` is another case
    return ref, cue.group("cue")


def _sentence_subject(ctx: Context, spans: list[QuotedSpan], k: int, sentence: tuple[int, int]) -> Attribution | None:
    ref = sentence_subject(ctx, sentence[0], spans[k].open)
    return (replace(ref, weak=True), None) if ref is not None and ref.kind == "phrase" else None


def sentence_subject(ctx: Context, lo: int, hi: int) -> SpeakerRef | None:
    """The subject before the first verb of the sentence (outside quotation marks) that starts at lo."""
    for word in ctx.word_tokens(lo, hi):
        if ctx.lexicon.is_verb(word.text) and ctx.quoted.containing(word.start) is None:
            return clause_subject(ctx, lo, word.start)
    return _leading_name(ctx, lo, hi)


def _leading_name(ctx: Context, lo: int, hi: int) -> SpeakerRef | None:
    """`Anwar Ibrahim tiba di Jakarta`: with no prefixed verb, the capitalised words opening the sentence."""
    taken = []
    for word in words(ctx.runs, lo, min(hi, lo + 200)):
        inside = ctx.quoted.containing(word.start) is not None
        if inside or not word.text[:1].isupper() or word.text in ctx.lexicon.capitalised_stopwords:
            break
        taken.append(word)
    return SpeakerRef("phrase", taken[0].start, taken[-1].end) if taken else None


Anchor = tuple[int, SpeakerRef, str]


def anchors(ctx: Context, spans: list[QuotedSpan], sentence: tuple[int, int]) -> list[Anchor]:
    """Attributions inside a sentence, in text order: subjects of speech and framing verbs and cue phrases."""
    if sentence not in ctx._anchors:
        found = _verb_anchors(ctx, sentence) + _cue_anchors(ctx, spans, sentence)
        ctx._anchors[sentence] = sorted(found, key=lambda anchor: anchor[0])
    return ctx._anchors[sentence]


def _verb_anchors(ctx: Context, sentence: tuple[int, int]) -> list[Anchor]:
    lo, hi = sentence
    found = []
    for rx in (ctx.lexicon.speech_verb_re, ctx.lexicon.framing_verb_re):
        framing = rx is ctx.lexicon.framing_verb_re  # `X menyerukan “…”` may frame a scare quote: weak evidence
        for verb in rx.finditer(ctx.text, lo, hi):
            if ctx.quoted.containing(verb.start()) is not None or is_negated(ctx, lo, verb.start()):
                continue
            ref = clause_subject(ctx, lo, verb.start())
            if ref is not None and ref.kind == "phrase" and not is_speakerlike(ctx, ref):
                ref = SHARED  # `… “mendorong” untuk melihat`: no subject of its own here
            elif ref is not None and ref.kind == "phrase" and framing:
                ref = replace(ref, weak=True)
            if ref is not None:
                found.append((verb.start(), ref, verb.group().casefold()))
    return found


def _cue_anchors(ctx: Context, spans: list[QuotedSpan], sentence: tuple[int, int]) -> list[Anchor]:
    found = []
    for span in ctx.quoted.overlapping(*sentence):
        if sentence[0] <= span.open < sentence[1] and span.close is not None:
            attribution = cue_after(ctx, span)
            if attribution is not None:
                found.append((span.close + 1, attribution[0], attribution[1] or ""))
    rx = regexes(ctx.lexicon)
    for match in rx.according.finditer(ctx.text, *sentence):
        if ctx.quoted.containing(match.start()) is None:
            ref = according_ref(ctx, match, sentence[1])
            if ref is not None:
                found.append((match.start(), ref, match.group("cue").casefold()))
    return found


def according_ref(ctx: Context, match: re.Match[str], limit: int) -> SpeakerRef | None:
    """`menurutnya` points at the speaker in focus; `menurut X` names X."""
    if match.group("nya"):
        return SpeakerRef("clitic", match.start("nya"), match.end("nya"))
    return speaker_phrase(ctx, match.end(), limit)


def _share_within_chains(found: list[Candidate]) -> None:
    """A quotation over several paragraphs has one speaker: the attribution of whichever part names one."""
    named = {}
    for candidate in found:
        if candidate.speaker.kind in ("phrase", "clitic") and candidate.chain not in named:
            named[candidate.chain] = (candidate.speaker, candidate.cue)
    for candidate in found:
        if candidate.speaker.kind in ("focus", "previous") and candidate.chain in named:
            candidate.speaker, candidate.cue = named[candidate.chain]
