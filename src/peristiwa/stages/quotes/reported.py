"""Reported speech (rules Q2–Q4): speech verbs with a clausal complement, `menurut X`,
`demikian disampaikan X` and trailing `…, ujar X`. A clause that holds quotation marks is left to its
direct fragments (Q3); verbs with a noun-phrase complement and refusals to speak are not quotes (Q4).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from peristiwa.stages.quotes.attribution import (
    FOCUS,
    PHRASE_MAX_WORDS,
    SHARED,
    SUBJECT_MAX_WORDS,
    Candidate,
    Context,
    SpeakerRef,
    clause_subject,
    is_negated,
    is_speakerlike,
    is_time_only,
    regexes,
    relative_antecedent,
    speaker_phrase,
)
from peristiwa.stages.quotes.direct import according_ref, anchors, sentence_subject
from peristiwa.stages.quotes.marks import QuotedSpan
from peristiwa.stages.quotes.segment import Word, words

Sentence = tuple[int, int]
_CLOSING_MARKS = '”"»’'
_GAP_MAX_WORDS = 12
_MIN_CLAUSE_CHARS = 3
PREDICATE_WINDOW = 8  # words after a `clause` verb in which its complement's predicate must stand


def reported_candidates(ctx: Context, spans: list[QuotedSpan]) -> list[Candidate]:
    found: list[Candidate] = []
    for sentence in ctx.sentences.spans:
        kept: list[Candidate] = []
        # A cue nearer the words comes first: `…, kata Wang Yi setelah pertemuan, menurut Jiji Press.` is Wang Yi's.
        for finder in (_speech_verbs, _demikian, _trailing_cues, _according, _sources):
            for candidate in finder(ctx, sentence):
                if not any(_overlap(candidate, other) for other in kept):
                    kept.append(_shared_speaker(ctx, spans, candidate))
        found.extend(kept)
    return found


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end and not (a.nests or b.nests)


def _shared_speaker(ctx: Context, spans: list[QuotedSpan], candidate: Candidate) -> Candidate:
    """`…,” katanya, seraya menambahkan bahwa …`: a clause with no subject of its own takes the sentence's."""
    if candidate.speaker == SHARED:
        earlier = [
            ref for pos, ref, _ in anchors(ctx, spans, candidate.sentence) if pos < candidate.start and ref != SHARED
        ]
        # `Inggris menyumbang 1,3 juta dolar, dengan menegaskan bahwa …`: the subject of the sentence's first verb
        subject = sentence_subject(ctx, candidate.sentence[0], candidate.start)
        own = subject if subject is not None and subject.kind == "phrase" else None
        candidate.speaker = earlier[-1] if earlier else own or FOCUS
    return candidate


def _clause(ctx: Context, lo: int, hi: int) -> tuple[int, int] | None:
    """The clause between lo and hi without edge punctuation; None if short or holding quotation marks."""
    if lo <= ctx.dateline_end <= hi:
        lo = ctx.dateline_end
    while lo < hi and ctx.text[lo] in " \t\n,:":
        lo += 1
    while hi > lo and ctx.text[hi - 1] in " \t\n,.;:!?–—-":
        hi -= 1
    if hi - lo < _MIN_CLAUSE_CHARS or ctx.quoted.overlapping(lo, hi):
        return None
    return lo, hi


# ---------------------------------------------------------------- X mengatakan (bahwa) …


def _speech_verbs(ctx: Context, sentence: Sentence) -> Iterator[Candidate]:
    lo, hi = sentence
    taken_until = lo
    for verb in ctx.lexicon.speech_verb_re.finditer(ctx.text, lo, hi):
        if verb.start() < taken_until or not _usable_verb(ctx, lo, verb):
            continue
        start = complement_start(ctx, verb.end(), hi, ctx.lexicon.verb_complement[verb.group().casefold()])
        clause = _clause(ctx, start, clause_end(ctx, start, hi)) if start is not None else None
        relative = _relative_marker(ctx, lo, verb.start())
        subject = clause_subject(ctx, lo, verb.start()) if relative is None else relative_antecedent(ctx, lo, relative)
        if clause is None or subject is None:
            continue
        # `AFP mengatakan pemberontak M23 juga mengklaim bahwa …`: a report of a report holds the inner one.
        holds_report = _reports_a_report(ctx, clause)
        taken_until = clause[0] if holds_report else clause[1]
        yield Candidate(clause[0], clause[1], False, verb.group().casefold(), subject, sentence, nests=holds_report)


def _reports_a_report(ctx: Context, clause: tuple[int, int]) -> bool:
    """`AFP mengatakan pemberontak M23 juga mengklaim bahwa …`: the clause is itself an attribution, whose own
    reported words are found when the loop reaches the inner verb."""
    opening = list(words(ctx.runs, clause[0], clause[1]))[: SUBJECT_MAX_WORDS // 2 + 2]
    for k, word in enumerate(opening[1:], start=1):
        if "," in ctx.text[opening[k - 1].end : word.start]:
            return False
        inner = ctx.lexicon.speech_verb_re.fullmatch(word.text)
        if inner is not None and not is_negated(ctx, clause[0], word.start):
            policy = ctx.lexicon.verb_complement[word.key]
            return complement_start(ctx, word.end, clause[1], policy) is not None
    return False


def _usable_verb(ctx: Context, lo: int, verb: re.Match[str]) -> bool:
    return ctx.quoted.containing(verb.start()) is None and not is_negated(ctx, lo, verb.start())


def _relative_marker(ctx: Context, lo: int, verb: int) -> int | None:
    """Where `yang` opens the relative clause the verb heads (`M23, yang (baru-baru ini) mengatakan …`)."""
    before = list(words(ctx.runs, max(lo, verb - 40), verb))
    k = len(before)
    while (
        k > 0
        and before[k - 1].key != ctx.lexicon.relative
        and (before[k - 1].key in ctx.lexicon.subject_tail_words or before[k - 1].key in ctx.lexicon.time_words)
    ):
        k -= 1
    return before[k - 1].start if k > 0 and before[k - 1].key == ctx.lexicon.relative else None


def complement_start(ctx: Context, pos: int, hi: int, policy: str) -> int | None:
    """Where the reported clause after a speech verb begins, or None if the complement is not a clause."""
    following = list(words(ctx.runs, pos, min(hi, pos + 400)))
    k = _skip_time(ctx, following, 0)
    if 0 < k < len(following) and "," in ctx.text[following[k - 1].end : following[k].start]:
        k = 0  # `mengatakan tahun ini, karena …`: a time set off by a comma opens the reported clause
    bahwa = _bahwa_after(ctx, following, k)
    if bahwa is not None:
        return following[bahwa].end
    if k >= len(following):
        return None
    if following[k].key in ctx.lexicon.adverbial_openers and following[k].key not in ctx.lexicon.subordinators:
        after = _after_adverbial(ctx, following, k)
        if after is None:
            return None
        k = after
    if len(following) - k < 2 or ctx.quoted.containing(following[k].start) is not None:
        return None
    first = following[k]
    marked = any(ch in ",:" for ch in ctx.text[pos : first.start])
    return first.start if _policy_allows(ctx, policy, following[k : k + PREDICATE_WINDOW], marked) else None


def _policy_allows(ctx: Context, policy: str, opening: list[Word], marked: bool) -> bool:
    first = opening[0]
    if first.key in ctx.lexicon.complement_stops:
        return False  # `mengonfirmasi, dengan UEA bertindak sebagai perantara`: no clause of its own
    # A count with a predicate is a reported fact for every speech verb: `melaporkan sedikitnya 812 orang tewas`.
    counted = _is_count(ctx, first) and _has_predicate(ctx, opening)
    if policy == "bare":
        return first.key not in ctx.lexicon.noun_phrase_openers or counted
    # A named subject before an aspect word or a prefixed verb opens a clause for these verbs too: `menyatakan
    # Indonesia akan …`, `menyatakan Ukraina menuntut jaminan …`.
    named = first.text[:1].isupper() and _named_subject_predicate(ctx, opening)
    if policy == "aspect":  # `menegaskan akan …`, `menegaskan kerja sama itu tidak akan mengubah …`
        return marked or first.key in ctx.lexicon.aspect_words or named or counted or _modal_predicate(ctx, opening)
    if policy == "bahwa":  # a policy name of lexicon.yaml (complement: bahwa), not the word
        return counted
    if policy == "clause":  # `menyebut serangan itu merupakan …`, not `menyebut X sebagai …`
        return marked or _has_predicate(ctx, opening)
    return marked or (policy == "marked" and named)


def _modal_predicate(ctx: Context, opening: list[Word]) -> bool:
    """A modal or aspect word after the complement's subject, before a comma or a noun phrase's own clause:
    `kerja sama tersebut tidak akan mengubah …` (a prefixed verb there may be a noun's complement: `rencana
    mengirim pasukan`)."""
    lexicon = ctx.lexicon
    for j in range(1, min(len(opening), PREDICATE_WINDOW)):
        word = opening[j]
        if "," in ctx.text[opening[j - 1].end : word.start] or word.key in lexicon.complement_stops:
            return False
        if word.key in lexicon.predicate_words and not lexicon.is_verb(word.text):
            return True
    return False


def _named_subject_predicate(ctx: Context, opening: list[Word]) -> bool:
    """After the capitalised words of a name (`Ukraina`, `Korea Utara`), an aspect word or a prefixed verb."""
    lexicon = ctx.lexicon
    if opening[0].text in lexicon.capitalised_stopwords:
        return False
    k = 1
    while k < min(len(opening), 4) and opening[k].text[:1].isupper():
        k += 1
    if k >= len(opening) or "," in ctx.text[opening[k - 1].end : opening[k].start]:
        return False
    return opening[k].key in lexicon.aspect_words or (k <= 3 and lexicon.is_verb(opening[k].text))


def _is_count(ctx: Context, word: Word) -> bool:
    """`sedikitnya`, `sebanyak`, `tujuh`, `115`: the complement opens with a quantity."""
    return word.key in ctx.lexicon.quantity_openers or word.key.replace(".", "").replace(",", "").isdigit()


def _has_predicate(ctx: Context, opening: list[Word]) -> bool:
    """A predicate (a prefixed verb, a modal or aspect word, a copula) among the first words of the complement,
    before a comma or a word that ends a noun phrase's own clause (`yang`, `untuk`, `sebagai`)."""
    lexicon = ctx.lexicon
    for j, word in enumerate(opening[:PREDICATE_WINDOW]):
        if j and "," in ctx.text[opening[j - 1].end : word.start]:
            return False
        if word.key in lexicon.complement_stops:
            return False
        verb = lexicon.is_verb(word.text)
        if verb or word.key in lexicon.predicate_words:
            return True
    return False


def _skip_time(ctx: Context, found: list[Word], k: int) -> int:
    """Skip `pada hari Minggu`, `Selasa (7/2)`, `sebelumnya`, `juga` between a verb and its complement."""
    while k < len(found):
        key = found[k].key
        is_time = key in ctx.lexicon.time_words or _is_date_number(ctx, found, k)
        after_day = key in ctx.lexicon.demonstratives and k > 0 and found[k - 1].key in ctx.lexicon.time_words
        opens_time = key in ctx.lexicon.date_openers and k + 1 < len(found) and _is_timeish(ctx, found, k + 1)
        if not (is_time or after_day or opens_time):
            break
        k += 1
    return k


def _is_date_number(ctx: Context, found: list[Word], k: int) -> bool:
    """`(7/2)`, `6 Mei`, `Juni 2025`: a number in a date; `82 warga` is a number of the complement."""
    key = found[k].key
    if not any(ch.isdigit() for ch in key):
        return False
    if "/" in key or ":" in key:
        return True
    before = found[k - 1].key if k > 0 else ""
    after = found[k + 1].key if k + 1 < len(found) else ""
    lexicon = ctx.lexicon
    return after in lexicon.time_words or before in lexicon.time_words or before in lexicon.date_openers


def _is_timeish(ctx: Context, found: list[Word], k: int) -> bool:
    return found[k].key in ctx.lexicon.time_words or _is_date_number(ctx, found, k)


def _bahwa_after(ctx: Context, found: list[Word], k: int) -> int | None:
    """`mengatakan [kepada wartawan di Jakarta] bahwa …`: bahwa after at most an adverbial gap."""
    if k < len(found) and found[k].key == ctx.lexicon.complementizer:
        return k
    addressee = next((j for j in range(k, min(k + 4, len(found))) if not found[j].text[:1].isupper()), None)
    if addressee is not None and addressee > k and found[addressee].key == ctx.lexicon.complementizer:
        return addressee  # `memberitahu VOA bahwa …`: a named addressee before bahwa
    if k >= len(found) or found[k].key not in ctx.lexicon.adverbial_openers:
        return None
    for j in range(k + 1, min(k + _GAP_MAX_WORDS, len(found))):
        if ctx.quoted.containing(found[j].start) is not None:
            return None
        if found[j].key == ctx.lexicon.complementizer:
            return j
    return None


def _after_adverbial(ctx: Context, found: list[Word], k: int) -> int | None:
    """`mengatakan dalam jumpa pers di Jakarta, Rabu, Indonesia …`: the clause starts after the commas."""
    for j in range(k + 1, min(k + _GAP_MAX_WORDS, len(found))):
        if "," in ctx.text[found[j - 1].end : found[j].start]:
            after = _skip_time(ctx, found, j)
            gap = ctx.text[found[j].start : found[after].start] if after < len(found) else ""
            return after if after == j or "," in gap else j
    return None


def clause_end(ctx: Context, start: int, hi: int) -> int:
    """A reported clause ends at a comma before a new clause (`, seraya …`, `, menekankan …`, `, ujar X`)."""
    lexicon = ctx.lexicon
    ends = lexicon.clause_breaks | lexicon.according_to | lexicon.demikian_lead
    for token in ctx.word_tokens(start, hi):
        comma = _comma_before(ctx.text, start, token.start)
        if comma is None:
            continue
        word = token.text.casefold()
        cue = word.removesuffix("nya")
        verbish = lexicon.is_verb(token.text)
        if word in ends or cue in lexicon.trailing_cues or verbish or _new_speaker(ctx, token.start, hi):
            return comma
        if word in lexicon.verb_coordinators and _speech_verb_follows(ctx, token.end, hi):
            return comma  # `membantah …, dan pekan lalu mengatakan …`: a second statement of the same subject
    return hi


def _speech_verb_follows(ctx: Context, pos: int, hi: int) -> bool:
    """A speech verb after at most a few time words (`dan pekan lalu mengatakan`)."""
    following = list(words(ctx.runs, pos, min(hi, pos + 60)))[:4]
    k = _skip_time(ctx, following, 0)
    return k < len(following) and ctx.lexicon.speech_verb_re.fullmatch(following[k].text) is not None


def _comma_before(text: str, floor: int, pos: int) -> int | None:
    """Where the comma is when text[floor:pos] ends in a comma and white space (", ujar"), else None."""
    k = pos
    while k > floor and text[k - 1].isspace():
        k -= 1
    return k - 1 if floor < k < pos and text[k - 1] == "," else None


def _new_speaker(ctx: Context, pos: int, hi: int) -> bool:
    """`…, Rusia mengonfirmasi bahwa …`: after a comma, a name and a speech verb start another attribution."""
    following = list(words(ctx.runs, pos, min(hi, pos + 80)))[:4]
    if not following or not following[0].text[:1].isupper():
        return False
    return any(ctx.lexicon.speech_verb_re.fullmatch(w.text) for w in following[1:])


# ---------------------------------------------------------------- demikian disampaikan X / menurut X / ujar X


def _demikian(ctx: Context, sentence: Sentence) -> Iterator[Candidate]:
    for match in regexes(ctx.lexicon).demikian.finditer(ctx.text, *sentence):
        ref = speaker_phrase(ctx, match.end(), sentence[1])
        clause = _clause(ctx, sentence[0], match.start())
        if ref is not None and clause is not None and ctx.quoted.containing(match.start()) is None:
            yield Candidate(*clause, False, f"{ctx.lexicon.demikian_label} {match.group('cue')}", ref, sentence)


def _according(ctx: Context, sentence: Sentence) -> Iterator[Candidate]:
    lo, hi = sentence
    for match in regexes(ctx.lexicon).according.finditer(ctx.text, lo, hi):
        if ctx.quoted.containing(match.start()) is not None:
            continue
        relative = _relative_according(ctx, match, hi)
        if relative is not None:
            yield relative
            continue
        ref = according_ref(ctx, match, hi)
        if ref is None or (ref.kind == "phrase" and not _names_a_source(ctx, ref)):
            continue
        clause = _according_clause(ctx, sentence, match, ref)
        if clause is not None:
            yield Candidate(*clause, False, match.group("cue").casefold(), ref, sentence)


def _names_a_source(ctx: Context, ref: SpeakerRef) -> bool:
    """`menurut Israel`, `menurut seorang wali kota`; not `menurut undang-undang ECOWAS` (a text, nobody's words)."""
    first = next(words(ctx.runs, ref.start, ref.end), None)
    return first is not None and first.key not in ctx.lexicon.according_documents and is_speakerlike(ctx, ref)


def _relative_according(ctx: Context, match: re.Match[str], hi: int) -> Candidate | None:
    """`serangan yang menurut Israel menewaskan 1.400 orang`: in a relative clause, the source stands between
    `yang` and the clause's verb, and the reported words start at that verb."""
    before = list(words(ctx.runs, max(0, match.start() - 12), match.start()))
    if match.group("nya") or not before or before[-1].key != ctx.lexicon.relative:
        return None
    following = list(words(ctx.runs, match.end(), min(hi, match.end() + 120)))[: PHRASE_MAX_WORDS + 1]
    verb = next((k for k, w in enumerate(following) if ctx.lexicon.is_verb(w.text)), None)
    if not verb or "," in ctx.text[match.end() : following[verb].start]:
        return None
    ref = SpeakerRef("phrase", following[0].start, following[verb - 1].end)
    if not _names_a_source(ctx, ref):
        return None
    clause = _clause(ctx, following[verb].start, clause_end(ctx, following[verb].start, hi))
    sentence = ctx.sentences.at(match.start())
    return Candidate(*clause, False, match.group("cue").casefold(), ref, sentence) if clause else None


def _according_clause(
    ctx: Context, sentence: Sentence, match: re.Match[str], ref: SpeakerRef, leading_only: bool = False
) -> tuple[int, int] | None:
    lo, hi = sentence
    before = list(words(ctx.runs, max(lo, ctx.dateline_end if lo <= ctx.dateline_end else lo), match.start()))
    if all(w.key in ctx.lexicon.connectors for w in before):  # `Menurut X, …`, `Mengutip Reuters, Jumat (1/10), …`
        comma = ctx.text.find(",", ref.end, hi)
        if comma < 0:
            return None
        start = _after_time_chunk(ctx, comma + 1, hi)
        return _clause(ctx, start, clause_end(ctx, start, hi))
    if leading_only:
        return None
    # `…, menurut X.`; without the comma only when X closes the sentence (`… pukul 12.20 menurut laporan X.`)
    closes = ctx.text[ref.end : hi].strip(" .!?…") == "" and ref.kind == "phrase"
    if ctx.text[lo : match.start()].rstrip().endswith(",") or closes:
        return _clause(ctx, lo, match.start())
    return None


def _after_time_chunk(ctx: Context, pos: int, hi: int) -> int:
    """Past a date set off by commas (`Mengutip Reuters, Jumat (1/10/2025), India …`)."""
    while (comma := ctx.text.find(",", pos, hi)) >= 0:
        chunk = list(words(ctx.runs, pos, comma))
        if not chunk or not is_time_only(ctx.lexicon, chunk):
            break
        pos = comma + 1
    return pos


def _sources(ctx: Context, sentence: Sentence) -> Iterator[Candidate]:
    """`Dilansir dari The Guardian, PBB telah …`: a sentence opened by its source is that source's report."""
    lo, hi = sentence
    for match in regexes(ctx.lexicon).source.finditer(ctx.text, lo, hi):
        ref = speaker_phrase(ctx, match.end(), hi)
        if ref is None or ctx.quoted.containing(match.start()) is not None or not is_speakerlike(ctx, ref):
            continue
        clause = _according_clause(ctx, sentence, match, ref, leading_only=True)
        if clause is not None:
            yield Candidate(*clause, False, match.group("cue").casefold(), ref, sentence)


def _trailing_cues(ctx: Context, sentence: Sentence) -> Iterator[Candidate]:
    lo, hi = sentence
    for match in regexes(ctx.lexicon).trailing.finditer(ctx.text, lo, hi):
        if ctx.quoted.containing(match.start()) is not None or ctx.text[match.start() - 1] in _CLOSING_MARKS:
            continue
        ref = _trailing_ref(ctx, match, hi)
        clause = _inserted_clause(ctx, lo, match, ref, hi) or _clause(ctx, lo, match.start())
        if ref is not None and clause is not None:
            yield Candidate(*clause, False, match.group("cue"), ref, sentence)


def _inserted_clause(
    ctx: Context, lo: int, match: re.Match[str], ref: SpeakerRef | None, hi: int
) -> tuple[int, int] | None:
    """`Saat ini, kata X, keamanan di perbatasan telah ditingkatkan`: a cue set off by commas after an
    adverbial opening attributes the clause that follows it."""
    if ref is None or ref.kind != "phrase":
        return None
    after = ctx.text[ref.end : hi].lstrip()
    if not after.startswith(","):
        return None
    before = list(words(ctx.runs, lo, match.start()))
    lexicon = ctx.lexicon
    if not before or before[0].key not in lexicon.connectors | lexicon.parenthetical_openers | lexicon.time_words:
        return None  # `Tiga serangan lainnya, kata X, dilakukan …`: the words before the cue are the quote
    start = ctx.text.index(",", ref.end) + 1
    return _clause(ctx, start, clause_end(ctx, start, hi))


def _trailing_ref(ctx: Context, match: re.Match[str], hi: int) -> SpeakerRef | None:
    if match.group("nya"):
        return SpeakerRef("clitic", match.start("nya"), match.end("nya"))
    ref = speaker_phrase(ctx, match.end(), hi)
    return ref if ref is not None and is_speakerlike(ctx, ref) else None
