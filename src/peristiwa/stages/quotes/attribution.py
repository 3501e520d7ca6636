"""Find quotations and the words that attribute them (before any speaker is resolved to an entity).

Direct quotes come from quotation marks; reported speech from speech verbs with a clausal complement,
`menurut X`, `demikian disampaikan X` and trailing `…, ujar X`. Each candidate carries a `SpeakerRef`:
the span of the words naming its speaker, or an instruction (speaker in focus, speaker of the previous quote).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from peristiwa.stages.nlp.words import Runs, Spanned, Words, tokenize
from peristiwa.stages.quotes.lexicon import Lexicon, alternation
from peristiwa.stages.quotes.marks import QuotedIndex
from peristiwa.stages.quotes.segment import SentenceIndex, Word, words

PHRASE_MAX_WORDS = 10
SUBJECT_MAX_WORDS = 10
_CHUNK_BREAK = re.compile(r"[,;:]|\s[–—-]+\s")
_TRAILING_PUNCT = " \t\n,.;:!?–—-"


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """How to find a speaker: `phrase`/`clitic` point at words; `focus`, `previous`, `shared`, `nobody` do not."""

    kind: str
    start: int = 0
    end: int = 0
    weak: bool = False  # only the subject of the quote's sentence: good for a known entity, not a bare word


FOCUS = SpeakerRef("focus")
NOBODY = SpeakerRef("nobody")  # the journalist's own words in marks (scare quotes): speaker null
PREVIOUS = SpeakerRef("previous")
SHARED = SpeakerRef("shared")


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    direct: bool
    cue: str | None
    speaker: SpeakerRef
    sentence: tuple[int, int]
    chain: int | None = None
    nests: bool = False  # a reported clause that holds another attribution (`X mengatakan Y mengklaim bahwa …`)


@dataclass(slots=True)
class Context:
    text: str
    lexicon: Lexicon
    quoted: QuotedIndex
    sentences: SentenceIndex
    dateline_end: int = 0
    tokens: Words | None = None  # the document's words (`Document.tokens`); tokenised here when absent
    written: Runs | None = None  # the same tokens as written words with their punctuation; made when absent
    _anchors: dict[tuple[int, int], list[tuple[int, SpeakerRef, str]]] = field(default_factory=dict)

    @property
    def runs(self) -> Runs:
        if self.written is None:
            self.written = Runs(self.text, tokenize(self.text))
        return self.written

    def word_tokens(self, lo: int, hi: int) -> Iterator[Spanned]:
        """The words of text[lo:hi], from the one token layer, one at a time."""
        if self.tokens is None:
            self.tokens = Words(tokenize(self.text))
        return self.tokens.iterate(lo, hi)


@dataclass(frozen=True, slots=True)
class _Regexes:
    after_closer: re.Pattern[str]
    subject_after_closer: re.Pattern[str]
    trailing: re.Pattern[str]
    demikian: re.Pattern[str]
    demikian_after_closer: re.Pattern[str]
    according: re.Pattern[str]
    source: re.Pattern[str]
    appositive: re.Pattern[str]
    closing_appositive: re.Pattern[str]


@cache
def regexes(lexicon: Lexicon) -> _Regexes:
    cues = alternation(lexicon.trailing_cues)
    verbs = alternation(frozenset(lexicon.verb_complement))
    pronouns = alternation(lexicon.pronouns)
    # `…, Brigjen Jeffery Kramer di Estonia`: a name in apposition may end before a phrase stop, not before `dan`
    # (`Menurut kantor berita Yonhap, Korsel dan AS memulai …`: a coordination opens the reported clause).
    appositive_stops = alternation(lexicon.phrase_stops - lexicon.verb_coordinators)
    return _Regexes(
        after_closer=re.compile(rf"[ \t]*(?:[,.!?…]+[ \t]*)?(?:[–—-]+[ \t]*)?(?P<cue>{cues})(?P<nya>nya)?(?![\w-])"),
        subject_after_closer=re.compile(
            rf"[ \t]*,?[ \t]*(?P<subj>(?:[A-Z][\w'’.-]*[ \t]+){{0,4}}[A-Z][\w'’.-]*|{pronouns})[ \t]+"
            rf"(?P<cue>{verbs})(?![\w-])"
        ),
        trailing=re.compile(rf",[ \t]*(?P<cue>{cues})(?P<nya>nya)?(?![\w-])"),
        demikian=re.compile(
            rf",[ \t]*(?:{alternation(lexicon.demikian_lead)})[ \t]+"
            rf"(?P<cue>{alternation(lexicon.demikian_verbs)})(?:[ \t]+{re.escape(lexicon.passive_agent)})?(?![\w-])"
        ),
        demikian_after_closer=re.compile(
            rf"[ \t]*(?:[,.!?…]+[ \t]*)?(?:{alternation(lexicon.demikian_lead)})[ \t]+"
            rf"(?P<cue>{alternation(lexicon.demikian_verbs)})(?:[ \t]+{re.escape(lexicon.passive_agent)})?(?![\w-])"
        ),
        according=re.compile(
            rf"(?<![\w-])(?P<cue>(?:{alternation(lexicon.according_to)}))(?P<nya>nya)?(?![\w-])", re.IGNORECASE
        ),
        source=re.compile(rf"(?<![\w-])(?P<cue>(?:{alternation(lexicon.source_openers)}))(?![\w-])", re.IGNORECASE),
        appositive=re.compile(
            rf"\s*,\s*((?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){{0,3}})(?![\w'’-])"  # whole words only
            rf"(?=\s*(?:[,.;:!?]|{re.escape(lexicon.alternative)}\s|$|(?:{appositive_stops})(?![\w-])))"
        ),
        closing_appositive=re.compile(
            r"[^,.;:!?“”\"\n]{1,120},\s*((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){1,3})(?![\w'’-])(?=[.!?](?:\s|$)|\s*$)"
        ),
    )


# ---------------------------------------------------------------- speaker phrases


def speaker_phrase(ctx: Context, pos: int, limit: int) -> SpeakerRef | None:
    """The words naming a speaker after a cue (`kata [Menlu Retno Marsudi] kepada wartawan`)."""
    taken: list[Word] = []
    for word in words(ctx.runs, pos, min(limit, pos + 200)):
        if (_is_stop(ctx.lexicon, word) and taken) or len(taken) >= PHRASE_MAX_WORDS:
            break
        if ctx.text[pos : word.start].count("(") or _gap_has_break(ctx.text, taken, word):
            break
        taken.append(word)
    if not taken or _is_stop(ctx.lexicon, taken[0]):
        return None
    end = _appositive_end(ctx, taken, limit)
    return SpeakerRef("phrase", taken[0].start, end)


def _is_stop(lexicon: Lexicon, word: Word) -> bool:
    if word.text[:1].isupper():
        return word.text in lexicon.capitalised_stopwords and word.key in lexicon.time_words
    return word.key in lexicon.phrase_stops


def _gap_has_break(text: str, taken: list[Word], word: Word) -> bool:
    return bool(taken) and any(ch in ",.;:!?()" for ch in text[taken[-1].end : word.start])


def _appositive_end(ctx: Context, taken: list[Word], limit: int) -> int:
    """`sang penasihat, Walid Phares,`, `Presiden Polandia, Andrzej Duda.`, `perwira militer AS, Brigjen Jeffery
    Kramer di Estonia` — a role phrase followed by a name in commas takes the name too."""
    end = taken[-1].end
    lexicon = ctx.lexicon
    role = taken[0].key in lexicon.anaphoric_openers or taken[0].key in lexicon.person_roles
    if taken[0].text[:1].isupper() and not role:
        return end
    rx = regexes(lexicon)
    match = rx.appositive.match(ctx.text, end, limit)
    if match is None and not taken[0].text[:1].isupper() and taken[0].key in lexicon.person_roles:
        # `kata ketua komisi luar negeri parlemen dan anggota Partai AK yang berkuasa, Fuat Oktay.`: a long role
        # description ends in the name it describes, the last words of the sentence.
        match = rx.closing_appositive.match(ctx.text, end, limit)
    if match is None or match.group(1).split()[0] in lexicon.capitalised_stopwords:
        return end  # `kata Presiden Jokowi, Senin`: a day, not a name
    return match.end(1)


def clause_subject(ctx: Context, lo: int, verb: int) -> SpeakerRef | None:
    """The subject phrase of the clause whose verb starts at `verb`; SHARED when the clause has none."""
    lo = _left_limit(ctx, lo, verb)
    chunk = _subject_chunk(ctx, lo, verb)
    if chunk is None:
        return SHARED
    kept = _strip_subject(ctx.lexicon, _clause_opening(ctx.lexicon, chunk))
    if not kept:
        return SHARED
    if len(kept) > SUBJECT_MAX_WORDS:
        return None
    if _is_pronoun(ctx.lexicon, kept):
        return _reporting_subject(ctx, lo, kept[0].start) or SpeakerRef("phrase", kept[0].start, kept[-1].end)
    return SpeakerRef("phrase", kept[0].start, kept[-1].end)


def _is_pronoun(lexicon: Lexicon, kept: list[Word]) -> bool:
    return all(w.key in lexicon.pronouns for w in kept)


def _reporting_subject(ctx: Context, lo: int, pronoun: int) -> SpeakerRef | None:
    """`Stoltenberg mengatakan dia menyambut …`: a pronoun after a speech verb is that verb's subject."""
    before = list(words(ctx.runs, max(lo, pronoun - 60), pronoun))
    if before and before[-1].key == ctx.lexicon.complementizer:
        before = before[:-1]
    if not before or ctx.lexicon.speech_verb_re.fullmatch(before[-1].text) is None:
        return None
    found = clause_subject(ctx, lo, before[-1].start)
    return found if found is not None and found.kind == "phrase" else None


def relative_antecedent(ctx: Context, lo: int, marker: int) -> SpeakerRef | None:
    """The noun phrase a relative clause hangs on (`pemberontak M23 dukungan Rwanda yang mengatakan …`,
    `pemerintah Kongo, yang mengatakan …`): the words after the last verb before `yang`. A statement hangs on
    its issuer (`Kementerian X mengeluarkan pernyataan, yang menyatakan …`)."""
    lo = _left_limit(ctx, lo, marker)
    end = marker
    while end > lo and ctx.text[end - 1] in " \t,":
        end -= 1
    breaks = [m.end() for m in _CHUNK_BREAK.finditer(ctx.text, lo, end)]
    chunk = list(words(ctx.runs, breaks[-1] if breaks else lo, end))
    verbs = [k for k, w in enumerate(chunk) if _is_verb(ctx.lexicon, w)]
    kept = _strip_subject(ctx.lexicon, chunk[verbs[-1] + 1 :] if verbs else chunk)
    if verbs and kept and kept[0].key in ctx.lexicon.statement_nouns:
        return clause_subject(ctx, lo, chunk[verbs[-1]].start)
    if not kept or len(kept) > SUBJECT_MAX_WORDS:
        return None
    return SpeakerRef("phrase", kept[0].start, kept[-1].end)


def _left_limit(ctx: Context, lo: int, verb: int) -> int:
    for span in ctx.quoted.overlapping(lo, verb):
        lo = max(lo, span.outer_end)
    if lo <= ctx.dateline_end <= verb:
        lo = ctx.dateline_end
    return lo


def _subject_chunk(ctx: Context, lo: int, verb: int) -> list[Word] | None:
    """The comma-separated chunk before the verb that holds its subject. Inserts between commas are skipped:
    relative clauses (`Mali, yang diperintah militer, menyatakan`), times and sources (`Trump, seperti dilansir
    AFP, Kamis (10/7), menyatakan`); of an apposition the name is taken (`Juru bicara PLA, Li Xihai,
    mengatakan`; `Badruddin Yunus, tokoh masyarakat setempat, mengatakan`). None when the verb follows a
    clause (`X mengutuk peluncuran itu, mengatakan …`): it shares that clause's subject."""
    bounds = [lo, *(m.end() for m in _CHUNK_BREAK.finditer(ctx.text, lo, verb))]
    ends = [m.start() for m in _CHUNK_BREAK.finditer(ctx.text, lo, verb)] + [verb]
    chunks = [list(words(ctx.runs, a, b)) for a, b in zip(bounds, ends, strict=True)]
    lexicon = ctx.lexicon
    n = len(chunks) - 1
    if chunks[n] and not (n > 0 and is_time_only(lexicon, chunks[n])):
        if n > 0 and chunks[n][0].key in lexicon.parenthetical_openers:
            # `Ibrahim Traore, pemimpin junta, dalam pernyataannya di media sosial X menulis`: the subject is named
            # before the insert; without a name there (`Sementara itu, dalam pernyataan Kemlu China menyatakan`) the
            # insert holds it.
            named = _before_inserts(lexicon, chunks, n - 1)
            return named if named is not None and _is_name_chunk(lexicon, named) else chunks[n]
        return chunks[n]
    return _before_inserts(lexicon, chunks, n - 1)


def _before_inserts(lexicon: Lexicon, chunks: list[list[Word]], n: int) -> list[Word] | None:
    """The subject chunk at or before chunks[n], past relative clauses, times and sources set off by commas."""
    while n > 0 and (_is_relative(lexicon, chunks[n]) or _is_insert(lexicon, chunks[n])):
        n -= 1
    chunk = chunks[n] if n >= 0 else []
    if not chunk or any(_is_verb(lexicon, w) for w in chunk):
        return None
    # `Juru bicara PLA, Li Xihai,` names the person after the role; `Alfred Mutua, Menteri Luar Negeri Kenya,` before
    role = not chunk[0].text[:1].isupper() or chunk[0].key in lexicon.person_roles
    if n > 0 and role and _is_name_chunk(lexicon, chunks[n - 1]):
        return chunks[n - 1]
    return chunk if any(w.text[:1].isupper() for w in chunk) else None


def _is_relative(lexicon: Lexicon, chunk: list[Word]) -> bool:
    return bool(chunk) and chunk[0].key == lexicon.relative


def is_time_only(lexicon: Lexicon, chunk: list[Word]) -> bool:
    """`pada Rabu (2/10)`, `Kamis (10/7/2025)`, `pada hari Selasa`."""
    return all(
        w.key in lexicon.time_words or w.key in lexicon.parenthetical_openers or any(ch.isdigit() for ch in w.key)
        for w in chunk
    )


def _is_insert(lexicon: Lexicon, chunk: list[Word]) -> bool:
    """A chunk between commas that is no subject: a time or a source (`seperti dilansir AFP`)."""
    return not chunk or is_time_only(lexicon, chunk) or chunk[0].key in lexicon.parenthetical_openers


def _is_name_chunk(lexicon: Lexicon, chunk: list[Word]) -> bool:
    """`Alfred Mutua`, `Badruddin Yunus`: capitalised, no verb, not an opening word (`Di Jakarta`, `Sementara itu`)."""
    return (
        bool(chunk)
        and chunk[0].text[:1].isupper()
        and chunk[0].text not in lexicon.capitalised_stopwords
        and not any(_is_verb(lexicon, w) for w in chunk)
    )


def _clause_opening(lexicon: Lexicon, chunk: list[Word]) -> list[Word]:
    """The words that can hold the speech verb's subject. `Niger menolak tekanan ECOWAS dan memperingatkan`:
    a verb joined to an earlier verb by "dan" shares that verb's subject, the words before it."""
    j = len(chunk)
    while j > 0 and chunk[j - 1].key in lexicon.subject_tail_words:
        j -= 1
    if j > 0 and chunk[j - 1].key in lexicon.verb_coordinators:
        first = next((k for k, w in enumerate(chunk[: j - 1]) if _is_verb(lexicon, w)), None)
        if first is not None:
            return chunk[:first]
    return _after_last_verb(lexicon, chunk)


def _is_verb(lexicon: Lexicon, word: Word) -> bool:
    return lexicon.is_verb(word.text)


def _after_last_verb(lexicon: Lexicon, chunk: list[Word]) -> list[Word]:
    """`Rusia menginvasi Ukraina dan Biden` → `Biden`: a subject never contains a finite verb. A verb in a
    relative clause is no finite verb: `Kantor berita SANA yang dikelola pemerintah Suriah` → `Kantor berita SANA`."""
    cut, end = 0, len(chunk)
    for k, word in enumerate(chunk):
        if _is_verb(lexicon, word):
            relative = next(
                (j for j in range(k - 1, max(cut, k - 3) - 1, -1) if chunk[j].key == lexicon.relative), None
            )
            if relative is not None and relative > cut:
                end = min(end, relative)  # the subject ends where its relative clause begins
                continue
            cut, end = k + 1, len(chunk)
    return chunk[cut:end]


def _strip_subject(lexicon: Lexicon, chunk: list[Word]) -> list[Word]:
    lead = lexicon.connectors | lexicon.shared_subject_words
    tail = lexicon.time_words | lexicon.shared_subject_words | lexicon.negators | lexicon.subject_tail_words
    i, j = 0, len(chunk)
    while i < j and chunk[i].key in lead:
        i += 1
    while j > i and chunk[j - 1].key in tail:
        j -= 1
    return chunk[i:j]


def is_negated(ctx: Context, lo: int, verb: int) -> bool:
    """`menolak (untuk) mengatakan`, `tidak mengatakan`: a refusal or a negation is no quote (Q4)."""
    before = list(words(ctx.runs, max(lo, verb - 40), verb))[-2:]
    keys = [w.key for w in before]
    return bool(keys) and (
        keys[-1] in ctx.lexicon.negators
        or (keys[-1] == ctx.lexicon.infinitive and len(keys) == 2 and keys[0] in ctx.lexicon.negators)
    )


def is_speakerlike(ctx: Context, ref: SpeakerRef) -> bool:
    """A phrase that could name a speaker: a capitalised word, a pronoun or a role word."""
    found = list(words(ctx.runs, ref.start, ref.end))
    lexicon = ctx.lexicon
    anaphoric = len(found) > 1 and found[-1].key in lexicon.anaphoric_closers  # `kata kementerian itu`
    return any(
        w.text[:1].isupper()
        or w.key in lexicon.pronouns
        or w.key in lexicon.person_roles
        or w.key in lexicon.anaphoric_openers
        or (anaphoric and w.key in lexicon.anaphoric_heads)
        or w.key in lexicon.unnamed_sources
        for w in found
    )
