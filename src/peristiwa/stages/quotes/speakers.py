"""Resolve speaker references to entities: the actors stage's mentions and references first, then the
stage's own fallback (a capitalised name, the speaker in focus for pronouns and `sang menlu`/`X itu`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from peristiwa.model import Document, Entity
from peristiwa.stages.nlp.words import Runs, Words
from peristiwa.stages.quotes.attribution import SpeakerRef
from peristiwa.stages.quotes.lexicon import Lexicon
from peristiwa.stages.quotes.marks import QuotedIndex
from peristiwa.stages.quotes.segment import Word, words

_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s+|\n\s*)$")
_NAME = r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})"
_ROLE_WINDOW = 60  # characters before a named person where a role word (`sang penasihat, …`) may stand


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    entity_id: str | None
    span: tuple[int, int] | None
    is_person: bool = True
    role_head: str | None = None  # a role phrase naming no person yet (`penasihat … presiden AS`)
    actor: str | None = None


class SpeakerResolver:
    """Resolves references in text order, keeping the speaker in focus for pronouns and role anaphora."""

    def __init__(
        self, doc: Document, lexicon: Lexicon, quoted: QuotedIndex | None = None, runs: Runs | None = None
    ) -> None:
        self.text = doc.text
        self.runs = runs or Runs.of(doc)  # the written words, from the document's tokens
        self.quoted = quoted
        self.lexicon = lexicon
        self.entities = {entity.id: entity for entity in doc.entities}
        self.mentions = sorted(((m.start, m.end, e) for e in doc.entities for m in e.mentions), key=lambda x: x[:2])
        self.references = sorted((r.start, r.end, r.entity_id) for r in doc.references)
        self._mention_starts = [m[0] for m in self.mentions]
        self._surfaces = [
            (e, e.name.casefold(), {e.name.casefold(), *(m.text.casefold() for m in e.mentions)}) for e in doc.entities
        ]
        self.focus: Speaker | None = None
        self.group: Speaker | None = None  # the organisation or state in focus, for `mereka`
        self.last: Speaker | None = None  # the latest speaker or subject of either kind, for `pernyataan itu`
        self.unnamed = False  # the phrase just resolved names an unnamed source
        self.words = Words.of(doc)
        self._lowercase_words = frozenset(w.text for w in self.words.tokens if _lower_case(w.text))

    # ------------------------------------------------------------ public

    def resolve(self, ref: SpeakerRef, previous: Speaker | None) -> Speaker | None:
        self.unnamed = False
        if ref.kind == "phrase":
            found = self._phrase(ref.start, ref.end)
            if ref.weak and found is not None and not self._known(found):
                found = None  # `Konsensus itu menyerukan “…”`: a sentence subject that is no known actor
        elif ref.kind == "clitic":
            # The speaker in focus first: the actors stage's coreference does not see quotations, and takes a
            # person named inside the quote (`“… upaya Presiden Trump …,” katanya`) for the speaker.
            found = self._pronoun(ref.start, ref.end) or self._last_at(ref)
        elif ref.kind == "previous":
            found = previous or self.focus
        elif ref.kind == "nobody":
            found = None
        else:
            found = self.focus
        if found is not None and found.role_head is None:
            self._remember(found)
        elif self.unnamed:
            self.last = None  # `… lapor media pemerintah. … menurut laporan itu`: the report stays unattributed
        return found

    def _remember(self, speaker: Speaker) -> None:
        if speaker.is_person:
            self.focus = self.last = speaker
        elif speaker.entity_id is not None:
            self.group = self.last = speaker

    def note_subject(self, ref: SpeakerRef) -> None:
        """A person named as a sentence's subject becomes the speaker in focus (`Lavrov meyakini …`)."""
        found = list(words(self.runs, ref.start, ref.end))
        anaphoric = self.lexicon.pronouns | self.lexicon.plural_pronouns
        if not found or all(w.key in anaphoric for w in found):
            return  # `Ia …`, `Mereka …` point at the focus; they do not move it
        if not (found[0].text[:1].isupper() or found[0].key in self.lexicon.role_words):
            return  # `frustrasi Trump terhadap …`: a person inside the subject is not its head
        speaker = self._phrase(ref.start, ref.end, anaphora=False)
        if speaker is None or speaker.role_head is not None or speaker.span is None or not self._known(speaker):
            return
        self._remember(speaker)  # `Kementerian menyatakan …  Mereka mengklaim …`

    def _known(self, speaker: Speaker) -> bool:
        """Linked to the actors stage's entities, or (without that layer) at least a name."""
        return speaker.entity_id is not None or not self.entities

    def link_role(self, speaker: Speaker) -> Speaker | None:
        """A role phrase without a name takes the person the text gives that role, else its institution."""
        assert speaker.role_head is not None
        holders = [s for s in self._role_holders(speaker.role_head) if _same_actor(s, speaker)]
        if holders and speaker.span is not None:
            return min(holders, key=lambda s: abs((s.span or (0, 0))[0] - speaker.span[0]))  # type: ignore[index]
        if speaker.entity_id is None:
            return None  # an official the text never names: unattributed
        return replace(speaker, role_head=None)

    # ------------------------------------------------------------ layers from the actors stage

    def _entity_speaker(self, entity: Entity, span: tuple[int, int]) -> Speaker:
        return Speaker(_written_name(entity), entity.id, span, entity.type == "PER", actor=entity.actor)

    def _reference(self, start: int, end: int) -> Speaker | None:
        for r_start, r_end, entity_id in self.references:
            if (
                r_start < end
                and start < r_end
                and entity_id in self.entities
                and self.entities[entity_id].type != "EVENT"
            ):
                return self._entity_speaker(self.entities[entity_id], (start, end))
        return None

    def _overlapping_mentions(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        k = max(0, bisect_left(self._mention_starts, start) - 8)
        found = []
        while k < len(self.mentions) and self.mentions[k][0] < end:
            if self.mentions[k][1] > start:
                found.append(self.mentions[k])
            k += 1
        return found

    # ------------------------------------------------------------ phrases

    def _phrase(self, start: int, end: int, anaphora: bool = True) -> Speaker | None:
        found = list(words(self.runs, start, end))
        if not found:
            return None
        if anaphora and all(w.key in self.lexicon.pronouns for w in found):
            return self._pronoun(start, end)
        if anaphora and self.group is not None and all(w.key in self.lexicon.plural_pronouns for w in found):
            # `Kementerian menyatakan … Mereka mengklaim …`: the body that spoke or acted as a subject last; the
            # actors stage takes the state named last, which may be the one the words are about.
            return replace(self.group, span=(start, end))
        person_role = found[0].key in self.lexicon.person_roles
        if anaphora and self.focus is not None and person_role and self._points_back(found):
            # `Pemimpin badan dunia itu membenarkan …`: a person's role pointing back is the person in focus; the
            # actors stage resolves the institution inside it (`badan dunia itu`).
            return self._focus_at(SpeakerRef("phrase", start, end))
        referenced = self._reference(start, end)
        if referenced is not None:
            return referenced
        if (
            found[0].key in self.lexicon.unnamed_sources
            and len(found) > 1
            and found[-1].key in self.lexicon.anaphoric_closers
        ):
            self.unnamed = True
            return None  # `tambah sumber tersebut`: the source is still unnamed
        if self._points_back(found) and "," not in self.text[start:end]:  # not `sang penasihat, Walid Phares`
            if not anaphora:
                return None
            ref = SpeakerRef("phrase", start, end)
            if found[0].key in self.lexicon.statement_nouns:
                return self._last_at(ref)  # `kata pernyataan itu`: whoever spoke last
            if found[0].key in self.lexicon.anaphoric_heads and self.group is not None:
                return replace(self.group, span=(start, end))  # `kata kementerian itu`
            return self._focus_at(ref)
        if all(w.key in self.lexicon.plural_pronouns for w in found):
            return replace(self.group, span=(start, end)) if anaphora and self.group is not None else None
        core = self._without_determiners(found)
        people = [m for m in self._overlapping_mentions(start, end) if m[2].type == "PER"]
        apposition = self.text.rfind(",", start, end)
        if not people and apposition > 0:  # `salah satu orator, Felix Siauw`: the name renames the role
            core = list(words(self.runs, apposition + 1, end))
        elif not people and (not core or core[0].key in self.lexicon.unnamed_sources):
            self.unnamed = True
            return None  # `seorang polisi`, `sumber pemerintah India`, `laporan media Jepang`: unattributed
        head = self._head(core)
        mentioned = self._from_mentions(start, end, head)
        return mentioned if mentioned is not None else self._from_surface(core, head)

    def _without_determiners(self, found: list[Word]) -> list[Word]:
        """`sebuah pernyataan dari Kementerian X` → `Kementerian X`: quantifiers and statement nouns stand for
        whoever issued the words."""
        lexicon = self.lexicon
        k = 0
        while k < len(found) and (
            found[k].key in lexicon.indefinites
            or found[k].key in lexicon.statement_nouns
            or found[k].key in lexicon.agents
            or found[k].key.isdigit()
        ):
            k += 1
        return found[k:]

    def _points_back(self, found: list[Word]) -> bool:
        lexicon = self.lexicon
        if all(w.key in lexicon.pronouns for w in found):
            return True
        # `Sekjen NATO itu`, `kementerian tersebut`, `pernyataan itu`; not `Konsensus tersebut`
        closes = (
            len(found) > 1
            and found[-1].key in lexicon.anaphoric_closers
            and any(
                w.key in lexicon.role_words or w.key in lexicon.anaphoric_heads or w.key in lexicon.statement_nouns
                for w in found[:-1]
            )
        )
        return found[0].key in lexicon.anaphoric_openers or closes

    def _pronoun(self, start: int, end: int) -> Speaker | None:
        """`katanya`, `Ia menegaskan`: the speaker in focus, unless the actors stage links the pronoun to a person
        named since outside quotation marks. Its coreference does not see quotations and would take a person
        named inside one (`“… upaya Presiden Trump …,” katanya`) for the speaker."""
        focus = self._focus_at(SpeakerRef("phrase", start, end))
        referenced = self._reference(start, end)
        if focus is None or referenced is None or referenced.entity_id == focus.entity_id:
            return focus or referenced
        since = self.focus.span[0] if self.focus is not None and self.focus.span is not None else 0
        named = any(
            since < m[0] < start and m[2].id == referenced.entity_id and not self._in_quote(m[0]) for m in self.mentions
        )
        return referenced if named else focus

    def _in_quote(self, offset: int) -> bool:
        return self.quoted is not None and self.quoted.containing(offset) is not None

    def _last_at(self, ref: SpeakerRef) -> Speaker | None:
        return replace(self.last, span=(ref.start, ref.end)) if self.last is not None else None

    def _focus_at(self, ref: SpeakerRef) -> Speaker | None:
        if self.focus is None:
            return None
        return replace(self.focus, span=(ref.start, ref.end))

    def _head(self, found: list[Word]) -> str | None:
        """The role word heading a role phrase that names nobody (`penasihat kebijakan …`, `Menlu menyampaikan`)."""
        if not found:
            return None
        first = found[0]
        if first.key not in self.lexicon.person_roles:
            return None
        if not first.text[:1].isupper() or not any(self._is_name_word(w) for w in found[1:]):
            return first.key
        return None

    def _from_mentions(self, start: int, end: int, head: str | None) -> Speaker | None:
        mentions = [m for m in self._overlapping_mentions(start, end) if m[2].type != "EVENT"]  # a summit speaks not
        if not mentions:
            return None
        people = [m for m in mentions if m[2].type == "PER"]
        media = [m for m in mentions if m[2].sector == "MEDIA"]  # `Kantor berita Perancis AFP`: the agency
        # The longest person name; with no person, the first name (`Mali dan Burkina Faso menyatakan`).
        best = max(people, key=lambda m: (m[1] - m[0], m[0])) if people else (media or sorted(mentions))[0]
        speaker = self._entity_speaker(best[2], (start, end))
        return replace(speaker, role_head=head) if head and not people else speaker

    def _from_surface(self, found: list[Word], head: str | None) -> Speaker | None:
        if not found:
            return None
        span = (found[0].start, found[-1].end)
        if head is not None and not any(self._is_name_word(w) for w in found):
            return Speaker(self.text[span[0] : span[1]], None, span, False, role_head=head)
        if self._is_common(found[0]) and not any(self._is_name_word(w) for w in found[1:]):
            return self._named_before(found[0], span)  # `Kementerian menyatakan …`, `Polisi mengatakan …`
        name = self._fallback_name(found)
        if name is None or (head and self._only_modifiers(name)):
            return Speaker(self.text[span[0] : span[1]], None, span, False, role_head=head)
        entity = self._entity_named(name)
        if entity is not None:
            return self._entity_speaker(entity, span)
        return Speaker(name, None, span, not self._only_modifiers(name))

    def _is_common(self, word: Word) -> bool:
        """A capitalised word that opens its sentence and is written in lower case elsewhere in the article
        (`Polisi`, `Beberapa`, `Kementerian`): a common word, not a name."""
        if not word.text[:1].isupper() or word.text.isupper():
            return not word.text[:1].isupper()
        lexicon = self.lexicon
        known = (
            word.key in lexicon.anaphoric_heads
            or word.key in lexicon.unnamed_sources
            or word.key in lexicon.statement_nouns
            or word.key in lexicon.indefinites
        )
        return (known or word.key in self._lowercase_words) and _SENTENCE_START.search(
            self.text, 0, word.start
        ) is not None

    def _is_name_word(self, word: Word) -> bool:
        lexicon = self.lexicon
        return (
            word.text[:1].isupper()
            and not self._is_common(word)
            and word.key not in lexicon.role_words
            and word.text not in lexicon.capitalised_stopwords
        )

    def _named_before(self, head: Word, span: tuple[int, int]) -> Speaker | None:
        """A bare head noun names the last entity before it whose name it opens (`Kementerian` → `Kementerian
        Pertahanan Azerbaijan`); with none, nobody is named."""
        k = bisect_left(self._mention_starts, head.start) - 1
        while k >= 0:
            start, end, entity = self.mentions[k]
            first = self.text[start:end].split()[0].casefold() if end > start else ""
            if first == head.key and entity.type in ("ORG", "GPE"):
                return self._entity_speaker(entity, span)
            k -= 1
        return None

    def _fallback_name(self, found: list[Word]) -> str | None:
        """The last capitalised run, without leading titles and modifiers (`Menlu Rusia Sergey Lavrov`); in a
        coordination of names the first (`Mali dan Burkina Faso`)."""
        runs: list[list[Word]] = [[]]
        between: set[str] = set()
        for word in found:
            if word.text[:1].isupper():
                runs[-1].append(word)
            else:
                between.add(word.key)
                if runs[-1]:
                    runs.append([])
        named = [r for r in runs if r]
        titled = any(w.key in self.lexicon.role_words for r in named for w in r)  # `… dan Presiden AS Joe Biden`
        coordinated = (
            len(named) > 1 and not titled and found[0].text[:1].isupper() and between <= self.lexicon.verb_coordinators
        )
        run = named[0] if coordinated else next(reversed(named), [])
        run = self._strip_titles(run)
        if not run:
            return None
        return " ".join(w.text for w in self._after_modifiers(run))

    def _strip_titles(self, run: list[Word]) -> list[Word]:
        lexicon = self.lexicon
        k = 0
        titles = lexicon.role_words
        while k < len(run) and (run[k].key in titles or run[k].text in lexicon.capitalised_stopwords):
            k += 1
        return run[k:]

    def _is_modifier(self, word: Word) -> bool:
        text = word.text
        acronym = len(text) >= 2 and text.isupper()
        return acronym or text in self.lexicon.countries or text in self.lexicon.name_modifiers

    def _ends_modifier(self, run: list[Word], k: int) -> bool:
        """Whether a modifier ends at run[k]: an acronym, a listed word or a country of up to three words."""
        if self._is_modifier(run[k]):
            return True
        names = (" ".join(w.text for w in run[i : k + 1]) for i in range(max(0, k - 2), k))
        return any(name in self.lexicon.countries for name in names)

    def _after_modifiers(self, run: list[Word]) -> list[Word]:
        """Split after the last modifier that only plain name words follow (`Kremlin | Dmitry Peskov`)."""
        lexicon = self.lexicon
        for k in range(len(run) - 2, -1, -1):
            tail = run[k + 1 :]
            plain = all(not self._is_modifier(w) and w.key not in lexicon.role_words for w in tail)
            if self._ends_modifier(run, k) and plain:
                return tail
            if not plain:
                break
        return run

    def _only_modifiers(self, name: str) -> bool:
        return all(self._is_modifier(Word(0, len(part), part)) for part in name.split())

    def _entity_named(self, name: str) -> Entity | None:
        key = name.casefold()
        for entity, folded_name, surfaces in self._surfaces:
            if entity.type != "EVENT" and (key in surfaces or folded_name.endswith(" " + key)):
                return entity
        return None

    def _role_holders(self, head: str) -> list[Speaker]:
        holders = []
        for start, end, entity in self.mentions:
            if entity.type == "PER" and head in self.words.folded(start - _ROLE_WINDOW, start):
                holders.append(self._entity_speaker(entity, (start, end)))
        return holders or self._named_after_role(head)

    def _named_after_role(self, head: str) -> list[Speaker]:
        """Without an actors layer: `sang penasihat, Walid Phares` gives the name after the role word."""
        pattern = re.compile(rf"(?<![\w-])(?i:{re.escape(head)})(?![\w-])[^.,]{{0,40}}?,?\s+{_NAME}")
        return [Speaker(m.group("name"), None, (m.start("name"), m.end("name"))) for m in pattern.finditer(self.text)]


def _lower_case(word: str) -> bool:
    """Written in lower-case ASCII letters and hyphens only, a letter first ("negara-negara")."""
    return "a" <= word[0] <= "z" and all("a" <= c <= "z" or c == "-" for c in word)


def _written_name(entity: Entity) -> str:
    """The speaker's name as this article writes it: the entity's name when the text uses it, else its most
    frequent (then longest) mention ("Kongo", not the knowledge base's "Republik Demokratik Kongo")."""
    written = [m.text for m in entity.mentions]
    if not written or entity.name in written:
        return entity.name
    return max(set(written), key=lambda text: (written.count(text), len(text)))


def _same_actor(holder: Speaker, role: Speaker) -> bool:
    return holder.actor is None or role.actor is None or holder.actor == role.actor
