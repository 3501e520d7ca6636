"""Role phrases: a role word, the state or organisation it serves, and the person who holds it.

"Wakil Menteri Luar Negeri Rusia Alexander Grushko" → name Alexander Grushko, actor RUS, role Deputy Foreign
Minister. The phrase gives actor and role to people the knowledge base has never heard of. Phrases without
a name are kept too: with "itu"/"sang" they point back to a person (coreference), without they describe
someone a later apposition names ("penasihat … presiden AS" … "sang penasihat, Walid Phares").
"""

from __future__ import annotations

from dataclasses import dataclass

from peristiwa.model import NerSpan
from peristiwa.stages.actors.kb import KnowledgeBase, RoleModifier, RoleWord
from peristiwa.stages.actors.matcher import Tok, Trie
from peristiwa.stages.actors.spans import Span

MAX_QUALIFIERS = 5
MAX_NAME_TOKENS = 4
ACTOR_KINDS = {"country", "capital", "seat", "org", "institution"}
STATE_SECTORS = {"GOV", "MIL", "DIP", "LEG", "JUD"}  # offices of a state, as opposed to IGO, party, media …


@dataclass(slots=True)
class RolePhrase:
    first: int  # token indexes of the whole phrase, half-open
    last: int
    role: RoleWord
    title: str
    sector: str
    actor: str | None = None
    actor_span: Span | None = None
    name: tuple[int, int] | None = None  # token indexes of the holder's name
    former: bool = False
    nested: bool = False  # another role word stands between the role and its actor ("penasihat Perdana Menteri Israel")
    article: bool = False  # "sang menlu"
    determiner: bool = False  # "Sekjen NATO itu"
    plural: bool = False  # "kedua diplomat"
    context_actor: str | None = None  # the state the sentence names before a state office that names none

    @property
    def anaphoric(self) -> bool:
        """Points back to a person ("Sekjen NATO itu"); a group word ("pasukan itu") never does."""
        return self.role.person and self.name is None and (self.article or self.determiner or self.plural)


class RoleFinder:
    """Parses role phrases over tokens, using the spans the SpanFinder found."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.roles: Trie[RoleWord] = Trie()
        for role in kb.roles:
            for word in role.words:
                self.roles.add(word, role, ignore_case=True)
        self.modifiers: Trie[RoleModifier] = Trie()
        for modifier in kb.modifiers:
            for word in modifier.words:
                self.modifiers.add(word, modifier, ignore_case=True)
        self.articles = set(kb.coref.get("anaphoric_articles", []))
        self.quantifiers = set(kb.coref.get("plural_quantifiers", []))
        self.determiners = set(kb.coref.get("anaphoric_determiners", []))
        self._heads = self.articles | self.quantifiers | self.modifiers.heads() | self.roles.heads()

    def find(self, tokens: list[Tok], spans: list[Span], ner: list[NerSpan]) -> list[RolePhrase]:
        span_at = {s.first: s for s in spans}
        covered = {i for s in spans for i in range(s.first, s.last)}
        ner_at = {n.start: n for n in ner if n.label == "PER"}
        phrases: list[RolePhrase] = []
        index = 0
        heads = self._heads
        while index < len(tokens):
            word = tokens[index].text
            starts = word in heads or word.casefold() in heads  # else no role phrase can start here
            phrase = self._parse(tokens, index, span_at, ner_at) if starts and index not in covered else None
            if phrase is None:
                index += 1
                continue
            phrases.append(phrase)
            index = phrase.last
        _inherit_actors(phrases, tokens, self.kb.role_coordinators)
        return phrases

    def _parse(
        self, tokens: list[Tok], index: int, span_at: dict[int, Span], ner_at: dict[int, NerSpan]
    ) -> RolePhrase | None:
        pos = index
        article = tokens[pos].text in self.articles
        plural = tokens[pos].text in self.quantifiers
        pos += article or plural
        modifiers, pos = self._modifiers(tokens, pos)
        role_match = self.roles.longest_at(tokens, pos)
        if role_match is None:
            return None
        role = role_match.values[0]
        pos = _skip_parenthesis(tokens, role_match.last)
        if role.portfolio:
            pos = self._portfolio(tokens, pos, span_at)
        actor_span, after, nested = self._actor(tokens, pos, span_at)
        actor = _actor_code(actor_span) or role.actor
        phrase = RolePhrase(
            index,
            after,
            role,
            _title(role, modifiers, actor),
            _sector(role, actor_span),
            actor,
            actor_span,
            former=any(m.former for m in modifiers),
            nested=nested,
            article=article,
            plural=plural,
        )
        self._attach_name(phrase, tokens, span_at, ner_at)
        return phrase

    def _modifiers(self, tokens: list[Tok], pos: int) -> tuple[list[RoleModifier], int]:
        found = []
        while (
            (match := self.modifiers.longest_at(tokens, pos)) is not None
            and self.roles.longest_at(tokens, match.last) is not None
            and self.roles.longest_at(tokens, pos) is None
        ):
            found.append(match.values[0])
            pos = match.last
        return found, pos

    def _portfolio(self, tokens: list[Tok], pos: int, span_at: dict[int, Span]) -> int:
        """Skip "Perdagangan" in "Menteri Perdagangan Malaysia", but only when a state or body follows."""
        probe = pos
        while (
            probe < len(tokens)
            and probe - pos < MAX_QUALIFIERS
            and probe not in span_at
            and (tokens[probe].capitalised and tokens[probe].text.isalpha())
        ):
            probe += 1
        span = span_at.get(probe)
        return probe if probe > pos and span is not None and span.kind in ACTOR_KINDS else pos

    def _actor(self, tokens: list[Tok], pos: int, span_at: dict[int, Span]) -> tuple[Span | None, int, bool]:
        """The state or organisation after the role word, past a few qualifiers and bracketed abbreviations
        ("Juru bicara (Jubir) Kementerian Luar Negeri (Kemlu) Vietnam"); whether a nested role stood between."""
        probe, nested = pos, False
        while probe < len(tokens) and probe - pos < MAX_QUALIFIERS and probe not in span_at:
            role = self.roles.longest_at(tokens, probe)  # "Utusan Khusus Ketua ASEAN", "presiden AS"
            if role is not None:
                probe, nested = role.last, True
            elif tokens[probe].text.casefold() in self.kb.qualifiers:
                probe += 1
            elif tokens[probe].text == "(" and _skip_parenthesis(tokens, probe, 6) > probe:
                probe = _skip_parenthesis(tokens, probe, 6)
            else:
                break
        span = span_at.get(probe)
        if span is None or span.kind not in ACTOR_KINDS:
            return None, pos, False
        after = _skip_parenthesis(tokens, span.last)
        if after < len(tokens) and tokens[after].text in self.kb.posting_words and after + 1 in span_at:
            after = _skip_parenthesis(tokens, span_at[after + 1].last)  # "Dubes Rusia untuk Indonesia"
        return span, after, nested

    def _attach_name(
        self, phrase: RolePhrase, tokens: list[Tok], span_at: dict[int, Span], ner_at: dict[int, NerSpan]
    ) -> None:
        pos = phrase.last
        if pos < len(tokens) and tokens[pos].text in self.determiners:
            phrase.determiner, phrase.last = True, pos + 1
            return
        apposition = pos + 1 < len(tokens) and tokens[pos].text == "," and bool(phrase.article or phrase.actor_span)
        if apposition:
            pos += 1  # apposition: "Sekjen NATO, Jens Stoltenberg", "sang penasihat, Walid Phares"
        pos = self._past_rank(tokens, pos)
        name = self.name_at(tokens, pos, span_at, ner_at)
        if name is not None and phrase.nested and not apposition:
            # "penasihat Perdana Menteri Israel Benjamin Netanyahu, Dmitry Gendelman": the first name holds the
            # nested office; the adviser is the one the apposition names
            after = name[1]
            renamed = after + 1 < len(tokens) and tokens[after].text == ","
            name = self.name_at(tokens, self._past_rank(tokens, after + 1), span_at, ner_at) if renamed else None
        if name is not None and phrase.role.person and not phrase.plural:
            phrase.name, phrase.last = name, name[1]

    def _past_rank(self, tokens: list[Tok], pos: int) -> int:
        """ "Panglima TNI Laksamana Yudo Margono", "Juru bicara militer Kongo Kolonel Olivier Hamuli": a military
        rank before the name is not part of it."""
        for probe in range(pos, min(len(tokens), pos + MAX_QUALIFIERS)):
            rank = self.roles.longest_at(tokens, probe)
            if rank is not None and tokens[probe].capitalised and rank.values[0].rank:
                return rank.last  # also past the unit the rank serves in: "Kapolres Metro Jakarta Pusat Kombes Pol"
            if not tokens[probe].capitalised:
                break
        return pos

    def name_at(
        self, tokens: list[Tok], pos: int, span_at: dict[int, Span], ner_at: dict[int, NerSpan]
    ) -> tuple[int, int] | None:
        """A person's name starting at token `pos`: a known person, a NER person, or capitalised words."""
        if pos >= len(tokens):
            return None
        span = span_at.get(pos)
        if span is not None:
            return (span.first, span.last) if span.kind == "person" else None
        ner = ner_at.get(tokens[pos].start)
        if ner is not None:
            last = pos
            while last < len(tokens) and tokens[last].end <= ner.end:
                last += 1
            return pos, last
        last = self._capitalised_run(tokens, pos, span_at)
        return (pos, last) if last > pos else None

    def _capitalised_run(self, tokens: list[Tok], pos: int, span_at: dict[int, Span]) -> int:
        last = pos
        while last < len(tokens) and last - pos < MAX_NAME_TOKENS and last not in span_at:
            token = tokens[last]
            if token.capitalised and token.text.isalpha() and token.text not in self.kb.not_name_words:
                last += 1
            elif _joined_by_hyphen(tokens, last) and last > pos:
                last += 2  # "Won-sik", "al-Houthi"
            elif (
                token.text in self.kb.name_connectors
                and last + 1 < len(tokens)
                and (tokens[last + 1].capitalised or _joined_by_hyphen(tokens, last + 1))
            ):
                last += 1
            else:
                break
        while last > pos and tokens[last - 1].text in self.kb.name_connectors:
            last -= 1  # a name does not end on "al" or "van"
        return last


def _joined_by_hyphen(tokens: list[Tok], pos: int) -> bool:
    """Token `pos` is a hyphen glued to the words on both sides."""
    return (
        pos + 1 < len(tokens)
        and tokens[pos].text == "-"
        and tokens[pos - 1].end == tokens[pos].start
        and tokens[pos].end == tokens[pos + 1].start
        and tokens[pos + 1].text.isalpha()
    )


def _skip_parenthesis(tokens: list[Tok], pos: int, limit: int = 12) -> int:
    """Skip "(Sekjen)", "(North Atlantic Treaty Organization/NATO)" right after a role word or actor."""
    if pos >= len(tokens) or tokens[pos].text != "(":
        return pos
    for close in range(pos + 1, min(len(tokens), pos + limit)):
        if tokens[close].text == ")":
            return close + 1
    return pos


def _actor_code(span: Span | None) -> str | None:
    if span is None:
        return None
    if span.kind == "institution":
        return span.state
    return span.entry.actor if span.entry else None


def _title(role: RoleWord, modifiers: list[RoleModifier], actor: str | None) -> str:
    title = role.title_for(actor)
    for modifier in reversed(modifiers):
        title = modifier.role.format(role=title)
    return title


def _sector(role: RoleWord, actor_span: Span | None) -> str:
    """IGO roles serving a state are government roles; an organisation's own sector wins for IGO roles."""
    entry = actor_span.entry if actor_span else None
    if role.sector == "IGO" and entry is not None:
        return entry.sector or ("GOV" if entry.kind in ("country", "capital", "seat") else role.sector)
    return role.sector


def _inherit_actors(phrases: list[RolePhrase], tokens: list[Tok], coordinators: frozenset[str]) -> None:
    """ "Wakil Menlu Rusia A dan Wakil Menhan B": B serves the same state as A."""
    for before, after in zip(phrases, phrases[1:], strict=False):
        between = {t.text for t in tokens[before.last : after.first]}
        heads = before.role.head and after.role.head  # "Presiden Mesir X dan Emir Y": two states' heads
        if after.actor is None and before.actor and after.name and between and between <= coordinators and not heads:
            after.actor = before.actor


def states_from_sentence(text: str, phrases: list[RolePhrase], tokens: list[Tok], spans: list[Span]) -> None:
    """ "Sementara itu di pihak Armenia Perdana Menteri Nikol Pashinyan …": a state office written without its
    state serves the state the sentence named last before it. Kept apart from `actor`: the knowledge base's
    record of a known person, and the text's own "Menlu Rusia", both come first."""
    states = {s.last: _actor_code(s) for s in spans if s.kind in ("country", "institution")}
    for phrase in phrases:
        if phrase.actor or phrase.name is None or phrase.former or phrase.role.sector not in STATE_SECTORS:
            continue
        k = phrase.first
        while k > 0 and not _sentence_break(text, tokens, k):
            if states.get(k):
                phrase.context_actor = states[k]
                break
            k -= 1


def _sentence_break(text: str, tokens: list[Tok], k: int) -> bool:
    """Whether a sentence, a line or a quotation ends between tokens k-1 and k (the states a speaker names
    say nothing about whom the reporter's next words describe)."""
    return tokens[k - 1].text in {".", "!", "?", '"', "”"} or "\n" in text[tokens[k - 1].end : tokens[k].start]
