"""Names the knowledge base does not know: NER proposals, capitalised words when there is no NER model,
and later short mentions of a person ("Stoltenberg" after "Jens Stoltenberg")."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache, lru_cache

from peristiwa.model import NerSpan
from peristiwa.stages.actors.entities import PersonMention
from peristiwa.stages.actors.kb import KnowledgeBase
from peristiwa.stages.actors.matcher import Tok
from peristiwa.stages.actors.roles import RolePhrase
from peristiwa.stages.actors.spans import Span
from peristiwa.stages.nlp.words import Words

EXTENDABLE_KINDS = {"org", "country"}  # "NATO Battlegroup Estonia" starts with a known name


Proposal = tuple[NerSpan, list[Span]]  # a name the KB does not know, with the known names inside it


def clean_ner(kb: KnowledgeBase, text: str, tokens: list[Tok], ner: list[NerSpan]) -> list[NerSpan]:
    """Tidy model proposals: trim lower-case edges ("pangkalan udara Lask" → "Lask"), drop titles and
    sentence-initial common words ("Mengenai"), and make a "person" with an organisation word an ORG."""
    cleaned = []
    words = Words.cached(tokens)
    starts = [t.start for t in tokens]
    institutions = {w.casefold() for i in kb.institutions if i.named for w in i.words}
    for proposal in ner:
        first = bisect_left(starts, proposal.start)  # tokens are in text order: no scan per proposal
        inside = [t for t in tokens[first : bisect_left(starts, proposal.end, first)] if t.end <= proposal.end]
        inside = _within_line(text, _before_open_bracket(inside))
        if inside and _in_headline(kb, text, words, inside[0].start):
            continue  # capitals in a title-case line say nothing: only names the knowledge base knows count there
        institution = _institution_alone(text, inside, institutions)
        if institution and proposal.label != "PER":
            start, end = institution[0].start, institution[-1].end
            cleaned.append(NerSpan(start, end, text[start:end], "ORG", proposal.score))
            continue
        while inside and not _is_name_word(kb, inside[0]):
            inside.pop(0)
            first += 1
        while (
            inside
            and not _is_name_word(kb, inside[-1])
            and not _hyphen_tail(kb, inside)
            and not _direction_tail(kb, inside)
        ):
            inside.pop()
        if not inside or _lone_sentence_start(text, tokens, inside, first) or _not_a_name(kb, text, inside):
            continue
        inside, first = _hyphened(kb, tokens, inside, first)
        if proposal.label == "PER":
            while len(inside) > 1 and inside[0].text.casefold() in kb.title_words:
                inside.pop(0)  # "Emir Sheikh Tamim …": the title is not part of the name
                first += 1
            inside = _whole_person_name(kb, text, tokens, inside, first)
        start, end = inside[0].start, inside[-1].end
        organisation = proposal.label == "PER" and any(t.text in kb.org_words for t in inside)
        label = "ORG" if organisation else proposal.label
        cleaned.append(NerSpan(start, end, text[start:end], label, proposal.score))
    return cleaned


def _institution_alone(text: str, inside: list[Tok], institutions: set[str]) -> list[Tok]:
    """ "Kementerian Pertahanan", "Angkatan Darat", "Departemen Keuangan": a state institution written as a name,
    every word capitalised, with no state after it, names that institution of the state the article speaks of
    (its words are no name words on their own, so the trimming below would leave nothing)."""
    while inside and not inside[0].capitalised:
        inside = inside[1:]  # "gedung Kementerian Pertahanan"
    while inside and not inside[-1].capitalised:
        inside = inside[:-1]
    name = text[inside[0].start : inside[-1].end] if inside else ""
    if name.casefold() in institutions and all(t.capitalised for t in inside):
        return inside
    return []


_AMOUNT = re.compile(r"[A-Za-z$]{1,4}\d[\d.,]*|Rp|USD|US")  # "Rp81", "USD10", "Rp 172 triliun": a sum of money


def _within_line(text: str, inside: list[Tok]) -> list[Tok]:
    """A name never runs over a line break ("Iran" / "Serangan Israel" are a paragraph's end and a crosshead)."""
    for k in range(1, len(inside)):
        if "\n" in text[inside[k - 1].end : inside[k].start]:
            return inside[:k]
    return inside


def _in_headline(kb: KnowledgeBase, text: str, words: Words, offset: int) -> bool:
    """Whether the offset lies in a title-case line: short, no full stop at its end, and nearly every word
    capitalised ("Israel Serang Iran, Teheran Diguncang Ledakan", "Serangan Diluncurkan dari Dua Titik Strategis")."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = end if end >= 0 else len(text)
    line = text[start:end].strip()
    found = [w for w in words.texts(start, end) if w[0].isalpha() and w.casefold() not in kb.headline_function_words]
    if len(found) < 3 or len(line.split()) > 16 or line.endswith((".", "!", "?", "”", '"', ":")):
        return False
    return sum(w[:1].isupper() for w in found) >= 0.8 * len(found)


def _hyphened(kb: KnowledgeBase, tokens: list[Tok], inside: list[Tok], first: int) -> tuple[list[Tok], int]:
    """A name takes the parts hyphened onto it on either side ("Nagorno-Karabakh", "el-Fasher", "Bab al-Mandab")
    when the model cut it at the hyphen; two known names joined by a hyphen ("Rusia-Ukraina") stay two."""

    def joins(word: Tok, edge: Tok) -> bool:
        particle = word.text in kb.name_connectors
        unknown = not kb.lookup(word.text) and not kb.lookup(edge.text)
        return word.text.isalpha() and (particle or (word.text[:1].isupper() and unknown))

    if not inside:
        return inside, first
    while (
        first >= 2
        and tokens[first - 1].text == "-"
        and tokens[first - 2].end == tokens[first - 1].start
        and tokens[first - 1].end == inside[0].start
        and joins(tokens[first - 2], inside[0])
    ):
        inside = [tokens[first - 2], tokens[first - 1], *inside]
        first -= 2
    k = first + len(inside)
    while (
        k + 1 < len(tokens)
        and tokens[k].text == "-"
        and tokens[k].start == inside[-1].end
        and tokens[k + 1].start == tokens[k].end
        and joins(tokens[k + 1], inside[-1])
    ):
        inside = [*inside, tokens[k], tokens[k + 1]]
        k += 2
    return inside, first


def _whole_person_name(kb: KnowledgeBase, text: str, tokens: list[Tok], inside: list[Tok], first: int) -> list[Tok]:
    """The model sometimes stops a person's name one word short ("Donny Ermawan" of "Donny Ermawan Taufanto",
    "Kim Hong" of "Kim Hong-kyun"): the name runs on over name words written right after it."""
    k = first + len(inside)
    while k < len(tokens) and len(inside) < 6:
        gap = text[inside[-1].end : tokens[k].start]
        hyphen = gap == "" and tokens[k].text == "-" and k + 1 < len(tokens)
        if hyphen and tokens[k + 1].start == tokens[k].end and tokens[k + 1].text.isalpha():
            inside = inside + [tokens[k], tokens[k + 1]]  # "Hong-kyun", "Diaz-Canel"
            k += 2
        elif gap == " " and _is_name_word(kb, tokens[k]) and tokens[k].text.isalpha():
            inside = inside + [tokens[k]]
            k += 1
        else:
            break
    return inside


def _before_open_bracket(inside: list[Tok]) -> list[Tok]:
    """`Aliansi Negara-Negara Sahel (AES`: a name stops at an opening bracket it does not close."""
    for k, token in enumerate(inside):
        if token.text == "(" and not any(t.text == ")" for t in inside[k:]):
            return inside[:k]
    return inside


def _direction_tail(kb: KnowledgeBase, inside: list[Tok]) -> bool:
    """ "Kivu Utara", "Jakarta Timur": a compass word after a name word ends a place name."""
    return len(inside) > 1 and inside[-1].text in kb.direction_words and _is_name_word(kb, inside[-2])


def _not_a_name(kb: KnowledgeBase, text: str, inside: list[Tok]) -> bool:
    """Sums of money ("Rp81"), social platforms ("Twitter"), and vessels or aircraft: a name the article writes
    after "kapal" or "pesawat" anywhere ("kapal Number Nine") names a vehicle everywhere in it."""
    if not inside:
        return False
    if len(inside) == 1 and (
        _AMOUNT.fullmatch(inside[0].text) or inside[0].text in kb.platforms or inside[0].text in kb.peoples
    ):
        return True
    name = text[inside[0].start : inside[-1].end]
    if _written_in_lower_case(text, name):
        return True
    for after in _after_vehicle_words(kb.vehicle_words, text):
        if text.startswith(name, after) and not _WORD_CHAR.match(text, after + len(name)):
            return True
    return False


def _written_in_lower_case(text: str, name: str) -> bool:
    """ "Latihan", "Bantuan Kemanusiaan", "Konfederasi": capitalised in a headline or at a sentence start, but
    the article also writes the same words in lower case, as ordinary words. A name is not written so (a web
    address or a handle, "idntimes.com", "@kompas", does not count)."""
    lower = name.lower()
    if lower == name or not lower.replace(" ", "").isalpha():
        return False
    return re.search(rf"(?<![\w./@-]){re.escape(lower)}(?![\w/@-])", text) is not None


@lru_cache(maxsize=4)
def _after_vehicle_words(words: frozenset[str], text: str) -> tuple[int, ...]:
    """Where a name after "kapal"/"pesawat" … would start; found once per document, not once per name."""
    return tuple(match.end() for match in _vehicle_pattern(words).finditer(text))


_WORD_CHAR = re.compile(r"[\w-]")


@cache
def _vehicle_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """One pattern per knowledge base: a pattern with the name inside it, made per name, was compiled afresh
    for every proposal (Python's regex cache holds 512) and made the actors stage four times slower."""
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?i:{alternation})\s+")


def _lone_sentence_start(text: str, tokens: list[Tok], inside: list[Tok], index: int) -> bool:
    """A one-word proposal that starts a sentence and never appears capitalised elsewhere is a common word."""
    if len(inside) > 1 or not _sentence_initial(text, tokens, index):
        return False
    word = inside[0].text
    return not any(not _sentence_initial(text, tokens, i) for i, t in enumerate(tokens) if t.text == word)


def merge_ner(
    kb: KnowledgeBase, spans: list[Span], ner: list[NerSpan], tokens: list[Tok] | None = None
) -> tuple[list[Span], list[Proposal]]:
    """Keep NER spans the KB does not cover; a longer capitalised ORG/LOC name replaces the names inside, and a
    longer person name the known person inside it ("Badruddin Yunus" is not Muhammad Yunus; "Ahmad Al Sharaa"
    is Ahmed al-Sharaa, named in full)."""
    unknown: list[Proposal] = []
    dropped: set[int] = set()
    extended: list[Span] = []
    for proposal in ner:
        overlapping = [s for s in spans if s.start < proposal.end and proposal.start < s.end]
        if not overlapping:
            unknown.append((proposal, []))
        elif _is_maximal(kb, proposal, overlapping) and not _after_title(kb, proposal, tokens):
            unknown.append((proposal, overlapping))
            dropped.update(id(s) for s in overlapping)
        elif tokens is not None and _longer_person(proposal, overlapping):
            dropped.update(id(s) for s in overlapping)
            if _same_person(kb, proposal.text, overlapping[0]):
                extended.append(_widened(overlapping[0], proposal, tokens))
            else:
                unknown.append((proposal, []))
    kept = [s for s in spans if id(s) not in dropped] + extended
    return sorted(kept, key=lambda s: s.start), unknown


def _after_title(kb: KnowledgeBase, proposal: NerSpan, tokens: list[Tok] | None) -> bool:
    """ "Juru bicara DRC Lambert Mende": after a title, a state and a name are the title's state and holder, not
    one organisation."""
    if tokens is None:
        return False
    k = bisect_left([t.start for t in tokens], proposal.start)
    return k > 0 and tokens[k - 1].text.casefold() in kb.title_words


def _longer_person(proposal: NerSpan, overlapping: list[Span]) -> bool:
    return (
        proposal.label == "PER"
        and len(overlapping) == 1
        and overlapping[0].kind == "person"
        and proposal.start <= overlapping[0].start
        and overlapping[0].end <= proposal.end
        and len(proposal.text) > len(overlapping[0].text)
    )


def _same_person(kb: KnowledgeBase, name: str, span: Span) -> bool:
    """Every word of the longer name is a word of the known person's names (case and hyphens aside)."""

    def words(text: str) -> set[str]:
        return set(text.casefold().replace("-", " ").replace(".", " ").split())

    person = kb.persons.get(span.entry.key) if span.entry else None
    known = set().union(*(words(n) for n in (person.name, *person.names))) if person else words(span.text)
    return words(name) <= known


def _widened(span: Span, proposal: NerSpan, tokens: list[Tok]) -> Span:
    starts = [t.start for t in tokens]
    first = bisect_left(starts, proposal.start)
    last = bisect_left(starts, proposal.end, first)
    return Span(proposal.start, proposal.end, first, last, proposal.text, span.kind, span.entries)


def _is_maximal(kb: KnowledgeBase, proposal: NerSpan, overlapping: list[Span]) -> bool:
    """An ORG/LOC span that contains the known names inside it and adds capitalised words of its own that
    are not titles ("Sekjen NATO" is a role phrase, not an organisation)."""
    if proposal.label == "PER" or any(s.kind == "person" for s in overlapping):
        return False
    inside = all(proposal.start <= s.start and s.end <= proposal.end for s in overlapping)
    longer = sum(s.end - s.start for s in overlapping) < len(proposal.text.replace(" ", "")) - 0
    rest = proposal.text
    for span in overlapping:
        rest = rest.replace(span.text, " ")
    own_words = rest.split()
    words = [w for w in own_words if w[:1].isalpha()]
    capitalised = all(w[:1].isupper() and w not in kb.not_name_words for w in words)
    return inside and longer and bool(own_words) and capitalised and not _starts_with_role(kb, proposal.text)


def _starts_with_role(kb: KnowledgeBase, name: str) -> bool:
    """ "Utusan Khusus PBB", "Menlu Rusia": a title before a known name makes a role phrase, not a new name."""
    folded = name.casefold() + " "
    return any(folded.startswith(word.casefold() + " ") for role in kb.roles for word in role.words)


def fallback_names(
    kb: KnowledgeBase, text: str, tokens: list[Tok], spans: list[Span], phrases: list[RolePhrase], ner: list[NerSpan]
) -> list[Proposal]:
    """Capitalised names outside known spans: a place after a place cue, or two or more capitalised words.
    With a model's proposals present, only persons and cued places the model missed are added."""
    covered = {i for s in spans for i in range(s.first, s.last)}
    covered |= _tokens_overlapping(tokens, ner)
    covered |= {i for p in phrases for i in range(p.first, p.last)}
    span_at = {s.first: s for s in spans}
    words = Words.cached(tokens)
    counts = Counter(t.text for t in tokens)
    proposals = []
    index = 0
    while index < len(tokens):
        last, own = _run(kb, tokens, index, covered, span_at)
        if own and _sentence_initial(text, tokens, index) and any(i in span_at for i in range(index, last)):
            last, own = index + 1, 0  # "Kepada AFP", "Hubungan RI": capitalised only as a sentence start
        if own == 0:
            index += 1
            continue
        label = _label(kb, tokens, index, last, own, counts)
        wanted = (
            label is not None
            and (last - index >= 2 or label == "LOC")
            and (not ner or label != "ORG")
            and not _not_a_name(kb, text, tokens[index:last])
            and not _in_headline(kb, text, words, tokens[index].start)
        )
        if wanted and label is not None:
            start, end = tokens[index].start, tokens[last - 1].end
            inside = [span_at[i] for i in range(index, last) if i in span_at]
            proposals.append((NerSpan(start, end, text[start:end], label), inside))
        index = last
    return proposals


def _tokens_overlapping(tokens: list[Tok], ner: list[NerSpan]) -> set[int]:
    """Indexes of the tokens that overlap a model proposal (by bisection: tokens are in text order)."""
    ends = [t.end for t in tokens]
    found: set[int] = set()
    for n in ner:
        i = bisect_right(ends, n.start)  # the first token ending after the proposal starts
        while i < len(tokens) and tokens[i].start < n.end:
            found.add(i)
            i += 1
    return found


def _hyphen_tail(kb: KnowledgeBase, inside: list[Tok]) -> bool:
    """ "Kim Hong-kyun", "Lee Jae-myung": a lower-case syllable hyphened onto a name word, with no space, is part
    of the given name."""
    if len(inside) < 3 or not inside[-1].text.isalpha() or inside[-2].text != "-":
        return False
    word, hyphen, name = inside[-1], inside[-2], inside[-3]
    return name.end == hyphen.start and hyphen.end == word.start and _is_name_word(kb, name)


def _is_name_word(kb: KnowledgeBase, token: Tok) -> bool:
    return (
        token.capitalised
        and len(token.text) > 1
        and token.text.replace(".", "").isalnum()
        and token.text not in kb.not_name_words
    )


def _sentence_initial(text: str, tokens: list[Tok], index: int) -> bool:
    pos = tokens[index].start - 1
    while pos >= 0 and text[pos].isspace():
        pos -= 1
    return pos < 0 or text[pos] in '.!?:"“”'


def _run(
    kb: KnowledgeBase, tokens: list[Tok], index: int, covered: set[int], span_at: dict[int, Span]
) -> tuple[int, int]:
    """End of the capitalised run starting at `index`, and how many of its words are not known names."""
    last, own = index, 0
    while last < len(tokens):
        span = span_at.get(last)
        extendable = span is not None and span.kind in EXTENDABLE_KINDS
        if span is not None and extendable and (own or _starts_run(kb, tokens, span.last, covered)):
            last = span.last
        elif last not in covered and _is_name_word(kb, tokens[last]):
            last, own = last + 1, own + 1
        elif own and last not in covered and tokens[last].text in kb.direction_words:
            last, own = last + 1, own + 1  # "Kivu Utara"
        else:
            break
    while last > index and last - 1 in covered and (last - 1) not in span_at and own:
        last -= 1
    return last, own


def _starts_run(kb: KnowledgeBase, tokens: list[Tok], index: int, covered: set[int]) -> bool:
    return index < len(tokens) and index not in covered and _is_name_word(kb, tokens[index])


def _label(kb: KnowledgeBase, tokens: list[Tok], first: int, last: int, own: int, counts: Counter[str]) -> str | None:
    if _after_place_cue(kb, tokens, first):
        return "LOC"
    if last - first < 2:
        return None
    surname = tokens[last - 1].text
    alone = counts[surname] > 1
    plain = own == last - first and all(tokens[i].text.isalpha() for i in range(first, last))
    return "PER" if plain and (alone or _person_context(kb, tokens, first, last)) else "ORG"


def _person_context(kb: KnowledgeBase, tokens: list[Tok], first: int, last: int) -> bool:
    """ "Jens Stoltenberg mengatakan", "kata Jens Stoltenberg": a speech or meeting verb marks a person."""
    after = tokens[last].text.casefold() if last < len(tokens) else ""
    before = tokens[first - 1].text.casefold() if first else ""
    return after in kb.person_verbs or before in kb.person_cues_before


def _after_place_cue(kb: KnowledgeBase, tokens: list[Tok], first: int) -> bool:
    """ "di Jenewa", "wilayah Gomel", "pangkalan udara Lask", "kota bersejarah Tadmur"."""
    cues = {c.casefold() for c in kb.place_cues}
    one = tokens[first - 1].text.casefold() if first >= 1 else ""
    two = " ".join(t.text.casefold() for t in tokens[max(0, first - 2) : first])
    lower_between = first >= 2 and tokens[first - 1].text.islower()
    return (
        one in cues
        or two in cues
        or (
            lower_between
            and tokens[first - 2].text.casefold() in cues
            and tokens[first - 2].text.casefold() not in kb.place_prepositions
        )
    )


def surname_mentions(
    text: str, tokens: list[Tok], persons: list[PersonMention], spans: list[Span]
) -> list[PersonMention]:
    """Every lone surname (or first name: "Retno", "Kim") of a person named in full, when no other person
    in the article shares it."""
    surnames: dict[str, set[tuple[str, ...]]] = {}
    for person in persons:
        if len(person.words) > 1:
            for word in {person.words[0], person.words[-1]}:
                surnames.setdefault(word, set()).add(person.words)
    intervals = [(p.start, p.end) for p in persons] + [(s.start, s.end) for s in spans]
    taken = covered_characters(len(text), intervals)
    unique = sorted((w for w, owners in surnames.items() if len(owners) == 1), key=len, reverse=True)
    if not unique:
        return []
    # Searched in the text, not token by token ("al-Ansari" is three tokens); one pass for all the words.
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, unique))})(?![\w-])")
    return [PersonMention(m.start(), m.end(), (m.group(),)) for m in pattern.finditer(text) if not taken[m.start()]]


def covered_characters(length: int, intervals: list[tuple[int, int]]) -> bytearray:
    """A flag per character: is it inside one of the intervals (linear, whatever the number of names)."""
    flags = bytearray(length + 1)
    for start, end in intervals:
        flags[start:end] = b"\x01" * (end - start)
    return flags
