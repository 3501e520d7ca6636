"""In-document coreference: pronouns, "katanya", role nouns ("Sekjen NATO itu", "sang menlu") for persons;
class nouns ("blok itu", "negara tersebut") for organisations and states.

Indonesian third-person pronouns have no gender, so a pronoun goes to the person in focus: the last named
person who was a subject (not after an object marker such as "dengan" or "oleh"), in the same sentence if
there is one, else in the sentences before. Role nouns go to the last person whose role and state agree.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from peristiwa.model import Entity, Reference, Sentence
from peristiwa.stages.actors.kb import KnowledgeBase
from peristiwa.stages.actors.matcher import Tok
from peristiwa.stages.actors.roles import RolePhrase

LOOKBACK_SENTENCES = 6
GROUP_LOOKBACK_SENTENCES = 2  # "negara tersebut" rarely reaches further back than the sentence before
SENTENCE_END = re.compile(r"[.!?…][”\"’)]*\s+|\n+")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A place where a person is mentioned or referred to."""

    start: int
    entity_id: str
    subject: bool
    sentence: int


class Coreferencer:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        words = kb.coref
        self.pronouns = set(words["pronouns"])
        self.clitic_hosts = {h.casefold() for h in words["clitic_hosts"]}
        self.object_hosts = {h.casefold() for h in words["object_clitic_hosts"]}
        self.object_markers = {w.casefold() for w in words["object_markers"]}
        self.clause_openers = {w.casefold() for w in words["clause_openers"]}

    def resolve(
        self, text: str, tokens: list[Tok], sentences: list[Sentence], persons: list[Entity], phrases: list[RolePhrase]
    ) -> list[Reference]:
        starts = [s.start for s in sentences or split_sentences(text)]
        occurrences = self._named(text, tokens, starts, persons, phrases)
        refs: list[Reference] = []
        role_refs = {tokens[p.first].start: p for p in phrases if p.anaphoric}
        for index, token in enumerate(tokens):
            sentence = bisect.bisect_right(starts, token.start) - 1
            if token.start in role_refs:
                found = self._role_reference(text, tokens, role_refs[token.start], persons, occurrences, sentence)
            else:
                found = self._pronoun(token, sentence, occurrences)
            for ref in found:
                refs.append(ref)
                subject = self._is_subject(tokens, index)
                bisect.insort(
                    occurrences, Occurrence(ref.start, ref.entity_id, subject, sentence), key=lambda o: o.start
                )
        return refs

    def _named(
        self, text: str, tokens: list[Tok], starts: list[int], persons: list[Entity], phrases: list[RolePhrase]
    ) -> list[Occurrence]:
        """Named person mentions; the first one in a sentence that is not an object is its subject."""
        phrase_start = {tokens[p.name[0]].start: tokens[p.first].start for p in phrases if p.name}
        token_at = {t.start: i for i, t in enumerate(tokens)}
        mentions = sorted((m.start, e.id) for e in persons for m in e.mentions)
        found: list[Occurrence] = []
        with_subject: set[int] = set()
        for start, entity_id in mentions:
            sentence = bisect.bisect_right(starts, start) - 1
            index = token_at.get(phrase_start.get(start, start))
            subject = (
                index is not None
                and self._is_subject(tokens, index)
                and (sentence not in with_subject or self._opens_clause(tokens, index))
            )
            if subject:
                with_subject.add(sentence)
            found.append(Occurrence(start, entity_id, subject, sentence))
        return found

    def _is_subject(self, tokens: list[Tok], index: int) -> bool:
        return index == 0 or tokens[index - 1].text.casefold() not in self.object_markers

    def _opens_clause(self, tokens: list[Tok], index: int) -> bool:
        """ "…, Johnson mengatakan", "bahwa Lavrov …": a later name that starts a clause is a subject too."""
        return index == 0 or tokens[index - 1].text.casefold() in self.clause_openers

    def _pronoun(self, token: Tok, sentence: int, occurrences: list[Occurrence]) -> list[Reference]:
        kind = self._pronoun_kind(token)
        if kind is None:
            return []
        if kind == "object":
            target = last_object(occurrences, token.start, sentence)
            kind = "clitic"
        else:
            target = focus(occurrences, token.start, sentence)
        if target is None:
            return []
        start = token.end - 3 if kind == "clitic" else token.start
        return [Reference(start, token.end, token.text[start - token.start :], target, kind)]

    def _pronoun_kind(self, token: Tok) -> str | None:
        if token.text in self.pronouns:
            return "pronoun"
        lowered = token.text.casefold()
        if lowered.endswith("nya") and lowered[:-3] in self.clitic_hosts:
            return "clitic"
        if lowered.endswith("nya") and lowered[:-3] in self.object_hosts:
            return "object"
        return None

    def _role_reference(
        self,
        text: str,
        tokens: list[Tok],
        phrase: RolePhrase,
        persons: list[Entity],
        occurrences: list[Occurrence],
        sentence: int,
    ) -> list[Reference]:
        start, end = tokens[phrase.first].start, tokens[phrase.last - 1].end
        before = [o for o in occurrences if o.start < start]
        if phrase.plural:  # "Lula memuji kedua pemimpin": the subject is not one of the two
            before = [o for o in before if not (o.sentence == sentence and o.subject)]
        wanted = 2 if phrase.plural else 1
        by_id = {e.id: e for e in persons}
        agreeing = [o for o in before if self._agrees(by_id[o.entity_id], phrase)]
        pool = agreeing or ([] if phrase.plural else [o for o in before if o.subject]) or before
        if phrase.plural and len({o.entity_id for o in pool}) < wanted:
            pool = [o for o in occurrences if o.start > end][:8]  # cataphora: "Kedua diplomat … A dan B"
            return [Reference(start, end, text[start:end], i, "role") for i in _first_distinct(pool, wanted)]
        ids = _last_distinct(pool, wanted)
        return [Reference(start, end, text[start:end], i, "role") for i in ids]

    def _agrees(self, entity: Entity, phrase: RolePhrase) -> bool:
        """Role and state agree with the text's title, or with a KB role the person ever held."""
        if phrase.actor and entity.actor and phrase.actor != entity.actor and not phrase.former:
            return False
        if entity.role and phrase.title.casefold() in entity.role.casefold():
            return True
        person = self.kb.persons.get(entity.kb_id or "")
        title = phrase.title.casefold()
        return person is not None and any(
            r.role.casefold() == title and phrase.actor in (None, r.org) for r in person.roles
        )


class GroupAnaphora:
    """ "Blok itu", "negara tersebut": a class noun with a determiner points back to the nearest organisation or
    state of that class named in the sentences before (the classes and nouns are in coref.yaml). Organs of a
    state ("Kementerian", "Pihak militer") point back even bare when they open a clause, and "pihaknya" points
    to the subject of the clause it is reported in."""

    def __init__(self, kb: KnowledgeBase) -> None:
        words = kb.coref["group_anaphora"]
        self.kind_of = {noun.casefold(): kind for kind, nouns in words["nouns"].items() for noun in nouns}
        self.state_sectors = set(words.get("state_sectors", []))
        determiners = _alternation(kb.coref["anaphoric_determiners"])
        self.pattern = re.compile(rf"\b({_alternation(self.kind_of)})\s+(?:{determiners})\b", re.IGNORECASE)
        bare_kinds = set(words.get("bare_subjects", []))
        self.bare = _words(
            [n for n, kind in self.kind_of.items() if kind in bare_kinds], rf"(?!\s+(?:{determiners})\b)"
        )
        self.plural = _words(words.get("plural_pronouns", []))
        self.subject_clitics = _words(words.get("subject_clitics", []))
        self.object_markers = {w.casefold() for w in kb.coref["object_markers"]}

    def resolve(
        self, text: str, sentences: list[Sentence], entities: list[Entity], known: list[Reference] | None = None
    ) -> list[Reference]:
        """Group references; `known` (references to persons) can be the subject that "pihaknya" points to."""
        named = [(m.start, m.end) for e in entities for m in e.mentions]
        found = [(m, self.kind_of[m.group(1).casefold()]) for m in self.pattern.finditer(text)]
        found += [(m, PLURAL) for m in self.plural.finditer(text) if _opens_clause(text, m.start())]
        found += [  # bare organs of a state opening a clause
            (m, self.kind_of[m.group(1).casefold()])
            for m in self.bare.finditer(text)
            if _opens_clause(text, m.start()) and not _names_follow(m.end(), named)
        ]
        clitics = list(self.subject_clitics.finditer(text))
        if not found and not clitics:
            return []
        starts = [s.start for s in sentences or split_sentences(text)]
        mentions = sorted((m.start, m.end, e) for e in entities if e.actor for m in e.mentions)
        refs = [ref for match, kind in found if (ref := self._back(match, kind, starts, mentions))]
        coded = {e.id for e in entities if e.actor}
        occurrences = sorted(
            [(start, e.id) for start, _, e in mentions]
            + [(r.start, r.entity_id) for r in (known or []) + refs if r.entity_id in coded]
        )
        return refs + [ref for match in clitics if (ref := self._subject(match, text, starts, occurrences))]

    def _back(
        self, match: re.Match[str], kind: str, starts: list[int], mentions: list[tuple[int, int, Entity]]
    ) -> Reference | None:
        sentence = bisect.bisect_right(starts, match.start()) - 1
        reach = LOOKBACK_SENTENCES if kind == "body" else GROUP_LOOKBACK_SENTENCES  # a named head is safer
        earlier = [
            e
            for start, end, e in mentions
            if end <= match.start()
            and self._is_kind(e, kind, match.group(1))
            and sentence - (bisect.bisect_right(starts, start) - 1) <= reach
        ]
        if not earlier:
            return None
        return Reference(match.start(), match.end(), match.group(0), earlier[-1].id, "group")

    def _subject(
        self, match: re.Match[str], text: str, starts: list[int], occurrences: list[tuple[int, str]]
    ) -> Reference | None:
        """ "pihaknya": the nearest actor before it in its sentence that is not an object ("dengan Y")."""
        sentence_start = starts[bisect.bisect_right(starts, match.start()) - 1] if starts else 0
        subjects = [
            entity_id
            for at, entity_id in occurrences
            if sentence_start <= at < match.start() and not self._after_object_marker(text, at)
        ]
        if not subjects:
            return None
        return Reference(match.start(), match.end(), match.group(0), subjects[-1], "group")

    def _after_object_marker(self, text: str, at: int) -> bool:
        words = text[max(0, at - 20) : at].split()
        return bool(words) and words[-1].casefold() in self.object_markers

    def _is_kind(self, entity: Entity, kind: str, noun: str) -> bool:
        if kind == "body":
            return entity.type == "ORG" and entity.name.casefold().startswith(noun.casefold())
        if kind == PLURAL:
            return entity.type == "GPE" or entity.type == "ORG" and entity.sector in {"IGO", "REB"}
        if kind == "organisation":
            return entity.type == "ORG" and entity.sector == "IGO"
        if kind == "armed_group":
            return entity.type == "ORG" and entity.sector == "REB"
        if kind == "government":
            return entity.type == "GPE" or entity.type == "ORG" and entity.sector in self.state_sectors
        return entity.type == "GPE"


PLURAL = "group"  # the kind a plural pronoun points to: an organisation, an armed group or a state
CLAUSE_START = re.compile(r"(?:^|[.!?;:,“\"]\s*|\n\s*)$")
NAME_REACH = 4  # characters after a bare class noun within which a name makes it part of that name


def _alternation(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _words(words: list[str], suffix: str = "") -> re.Pattern[str]:
    """Whole words (longest first), case-insensitive; a pattern that never matches for an empty list."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile(rf"\b({_alternation(words)})\b{suffix}", re.IGNORECASE)


def _names_follow(end: int, named: list[tuple[int, int]]) -> bool:
    """ "Pemerintah Indonesia", "Kementerian Luar Negeri Rusia": a bare class noun right before a name is part
    of that name, not a reference."""
    return any(start <= end + NAME_REACH and stop >= end for start, stop in named)


def _opens_clause(text: str, start: int) -> bool:
    """ "Mereka merebut bandara": a plural pronoun that opens a clause is its subject; elsewhere ("bagi
    mereka", "pemimpin mereka") it is more often people than a group that acts."""
    return CLAUSE_START.search(text, max(0, start - 3), start) is not None


def focus(occurrences: list[Occurrence], position: int, sentence: int) -> str | None:
    """The person in focus at `position`: last subject in this sentence, else in the sentences before."""
    end = bisect.bisect_left(occurrences, position, key=lambda o: o.start)
    before = []
    for occurrence in reversed(occurrences[:end]):
        if sentence - occurrence.sentence > LOOKBACK_SENTENCES:
            break
        before.append(occurrence)  # nearest first
    same = [o for o in before if o.sentence == sentence and o.subject]
    earlier = [o for o in before if o.subject]
    for pool in (same, earlier, before):
        if pool:
            return pool[0].entity_id
    return None


def last_object(occurrences: list[Occurrence], position: int, sentence: int) -> str | None:
    """ "A menelepon B dan menyatakan dukungan kepadanya": -nya after a preposition is the person last named
    in a non-subject position of this sentence or the one before; the subject would not be named that way."""
    end = bisect.bisect_left(occurrences, position, key=lambda o: o.start)
    for occurrence in reversed(occurrences[:end]):
        if sentence - occurrence.sentence > 1:
            break
        if not occurrence.subject:
            return occurrence.entity_id
    return None


def _last_distinct(pool: list[Occurrence], wanted: int) -> list[str]:
    ids: list[str] = []
    for occurrence in reversed(pool):
        if occurrence.entity_id not in ids:
            ids.append(occurrence.entity_id)
        if len(ids) == wanted:
            break
    return ids


def _first_distinct(pool: list[Occurrence], wanted: int) -> list[str]:
    ids: list[str] = []
    for occurrence in pool:
        if occurrence.entity_id not in ids:
            ids.append(occurrence.entity_id)
    return ids[:wanted] if len(ids) >= wanted else []


def split_sentences(text: str) -> list[Sentence]:
    """A plain splitter for documents that did not go through the nlp stage (unit tests)."""
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(text):
        sentences.append(Sentence(start, match.end()))
        start = match.end()
    if start < len(text):
        sentences.append(Sentence(start, len(text)))
    return sentences
