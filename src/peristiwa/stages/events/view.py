"""One sentence as the coder reads it: tokens, participants and the word classes of the grammar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from peristiwa.stages.events.lexicon import Lexicon, Match
from peristiwa.stages.events.participants import Arg
from peristiwa.stages.events.text import Tok, phrase_at, phrase_ending_at
from peristiwa.stages.events.tree import Tree
from peristiwa.stages.nlp.morphology import is_verb_like


def phrases(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(w.split()) for w in words}


QUOTE_MARKS = {"“", "”", '"', "«", "»", "„"}


@dataclass(slots=True)
class Grammar:
    """The word lists of grammar.yaml as sets, built once per lexicon."""

    raw: dict
    preps: set[str] = field(init=False)
    modifiers: set[str] = field(init=False)
    hard: set[str] = field(init=False)
    soft: set[str] = field(init=False)
    aux: set[str] = field(init=False)
    light: set[tuple[str, ...]] = field(init=False)
    host: set[tuple[str, ...]] = field(init=False)
    coordinators: set[str] = field(init=False)
    adjuncts: set[str] = field(init=False)
    troops: set[str] = field(init=False)
    reciprocal: set[tuple[str, ...]] = field(init=False)
    reciprocal_heads: set[str] = field(init=False)
    state_nouns: set[str] = field(init=False)
    person_nouns: set[str] = field(init=False)
    title_heads: set[str] = field(init=False)
    not_verbs: set[str] = field(init=False)
    target_verbs: set[str] = field(init=False)
    speech: set[str] = field(init=False)
    determiners: set[str] = field(init=False)
    mutual: set[str] = field(init=False)
    clausal_nouns: set[str] = field(init=False)
    event_anaphora: set[str] = field(init=False)
    phrase_members: set[str] = field(init=False)
    relative: str = field(init=False)
    agent_marker: str = field(init=False)
    between_marker: str = field(init=False)
    between_stops: set[str] = field(init=False)
    label_marker: str = field(init=False)
    complement_marker: str = field(init=False)
    purpose_markers: set[str] = field(init=False)
    pronoun_clitic: str = field(init=False)
    relative_agent_verbs: set[str] = field(init=False)
    clause_openers: set[str] = field(init=False)

    def __post_init__(self) -> None:
        g = self.raw
        self.preps, self.modifiers = set(g["prepositions"]), set(g["modifier_markers"])
        self.hard, self.soft, self.aux = (
            set(g["boundaries"]),
            set(g["soft_boundaries"]),
            set(g["auxiliaries"]),
        )
        self.light, self.host = phrases(g["light_verbs"]), phrases(g["host_verbs"])
        self.coordinators, self.adjuncts = set(g["coordinators"]), set(g["adjunct_markers"])
        self.troops, self.reciprocal = set(g["troop_words"]), phrases(g["reciprocal_anaphora"])
        self.reciprocal_heads = {phrase[0] for phrase in self.reciprocal}  # a cheap test before the phrase one
        self.state_nouns = set(g["reciprocal_state_nouns"])
        self.person_nouns = set(g["reciprocal_person_nouns"])
        self.title_heads = set(g["title_heads"])
        self.not_verbs, self.target_verbs = set(g["not_verbs"]) | self.preps, set(g["target_verbs"])
        self.speech, self.determiners = set(g["speech_verbs"]), set(g["determiners"])
        self.mutual = set(g["mutual"])
        self.clausal_nouns = set(g.get("clausal_nouns", []))
        self.event_anaphora = set(g.get("event_anaphora", []))
        self.phrase_members = set(g.get("phrase_member_markers", []))
        self.relative, self.agent_marker, self.label_marker = g["relative"], g["agent_marker"], g["label_marker"]
        self.between_marker, self.between_stops = g["between_marker"], set(g["between_stops"])
        self.complement_marker, self.purpose_markers = g["complement_marker"], set(g["purpose_markers"])
        self.pronoun_clitic = g["pronoun_clitic"]
        self.relative_agent_verbs = set(g.get("relative_agent_verbs", []))
        self.clause_openers = set(g.get("clause_openers", []))

    def cues(self, name: str) -> set[tuple[str, ...]]:
        return phrases(self.raw[name])


@dataclass(slots=True)
class View:
    """A sentence: tokens [lo, hi) of the document, its participants and its triggers."""

    toks: list[Tok]
    lo: int
    hi: int
    args: list[Arg]
    grammar: Grammar
    lexicon: Lexicon
    triggers: dict[int, Match] = field(default_factory=dict)
    arg_at: dict[int, Arg] = field(default_factory=dict)
    alternatives: dict[int, list[Match]] = field(default_factory=dict)
    arg_ending: dict[int, Arg] = field(default_factory=dict)
    # The latest source of each event type in earlier sentences: "serangan tersebut" points back to it.
    recent_sources: dict[str, list[tuple[str | None, str]]] = field(default_factory=dict)  # latest first
    # The direct quotations with an actor as speaker that overlap the sentence (`participants.quotations`).
    quotations: list[Arg] = field(default_factory=list)
    # Parses the sentence when first asked (most sentences never need it); None when no parser is configured.
    parse: Callable[[], Tree] | None = None
    _tree: Tree | None = None
    _arg_of: dict[int, Arg] | None = None

    def __post_init__(self) -> None:
        self.index_args()

    def tree(self) -> Tree | None:
        if self._tree is None and self.parse is not None:
            self._tree = self.parse()
        return self._tree

    def arg_containing(self, i: int) -> Arg | None:
        """The participant one of whose tokens is token i."""
        if self._arg_of is None:
            self._arg_of = {k: a for a in self.args for k in range(a.first, a.last)}
        return self._arg_of.get(i)

    def index_args(self) -> None:
        self.args.sort(key=lambda a: a.first)
        self.arg_at = {a.first: a for a in self.args}
        self.arg_ending = {a.last: a for a in self.args}
        self._arg_of = None

    def speaker_behind(self, i: int) -> list[Arg]:
        """The speaker of the direct quotation that holds token i, as a participant on that token."""
        quote = next((q for q in self.quotations if q.first <= i < q.last), None)
        return [Arg(i, i + 1, quote.codes, quote.entities, "speaker")] if quote is not None else []

    def low(self, i: int) -> str:
        return self.toks[i].low if self.lo <= i < self.hi else ""

    def is_hard(self, i: int) -> bool:
        return self.low(i) in self.grammar.hard or self.is_quote(i)

    def is_quote(self, i: int) -> bool:
        return self.toks[i].text in QUOTE_MARKS

    def is_verbish(self, i: int) -> bool:
        """A verb trigger or a word with a verb prefix ("menyerang", "berkumpul", "diserang")."""
        match = self.triggers.get(i)
        if match is not None:
            return match.head.pos == "verb"
        word = self.low(i)
        data_dir = self.lexicon.data_dir  # a lexicon read from no data directory knows no verb shape
        verb_like = data_dir is not None and is_verb_like(word, data_dir)  # data/nlp/morphology.yaml
        return verb_like and word not in self.grammar.not_verbs and not self.toks[i].capitalised

    def light_before(self, i: int) -> int | None:
        """Start of a light or host verb just before token i ("menggelar sebuah serangan")."""
        j = i - 1
        while j >= self.lo and self.low(j) in self.grammar.determiners:
            j -= 1
        if j < self.lo:
            return None
        size = phrase_ending_at(self.toks, j, self.grammar.light | self.grammar.host, 3)
        return j - size + 1 if size else None

    def is_host_verb(self, start: int, end: int) -> bool:
        return tuple(t.low for t in self.toks[start:end]) in self.grammar.host

    def phrase_at(self, i: int, cue: set[tuple[str, ...]]) -> int:
        # Slice only the ≤4-token window: slicing up to `hi` made every call cost the document's length.
        return phrase_at(self.toks[i : min(self.hi, i + 4)], 0, cue, 4) if self.lo <= i < self.hi else 0
