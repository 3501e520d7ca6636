"""Load the event lexicon, grammar and type tables (data/events/*.yaml) and index triggers by token."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from peristiwa.knowledge import read_yaml
from peristiwa.stages.events.morphology import forms
from peristiwa.stages.events.text import Tok

NOUN_AFFIXES = {"-an", "pe-an", "per-an", "ke-an", "ber-an"}
PASSIVE_AFFIXES = {"di", "di-kan", "di-i", "diper-kan", "ter"}
BARE_STEM_OF = {"me", "me-kan"}  # active verbs whose bare stem news writes as the verb ("AS kirim kapal induk")


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger of the lexicon (see the header of lexicon.yaml for the fields)."""

    id: str
    type: str
    mode: str | None
    cameo: str | None
    preps: frozenset[str]
    direct: bool
    then: tuple[frozenset[str], ...] = ()
    near: frozenset[str] = frozenset()
    not_then: frozenset[str] = frozenset()
    target: str | None = None
    complement: str | None = None
    verbal_complement: str | None = None
    governed: bool = False
    no_genitive: bool = False  # what follows the noun is not its actor ("tuan rumah KTT ASEAN")
    predicate: str | None = None  # None | subject | aux
    subject_troops: bool = False
    reverse: bool = False
    symmetric: bool | None = None
    mediator: bool = False  # "mediasi antara A dan B": the subject acts on both sides, not A on B
    mutual: bool = False  # both sides act on each other ("perang antara A dan B"), like "saling serang"
    needs_target: bool = False  # without a recipient, the next reading of the same words is tried
    label: frozenset[str] = frozenset()
    examples: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Head:
    """A surface form of an entry's head word, with its part of speech and voice."""

    entry: Entry
    words: tuple[str, ...]  # the head, one or more tokens ("nota protes")
    pos: str  # verb | noun
    passive: bool
    # The bare stem of an active verb ("minta", "tolak", "kirim"): headline and quick-news style, but the same
    # letters are often a noun or part of a name, so it is a trigger only where the parser tags it a verb.
    needs_verb_tag: bool = False


@dataclass(slots=True)
class Match:
    """A trigger found in the text: token range [first, last) and the head that matched."""

    head: Head
    first: int
    last: int

    @property
    def entry(self) -> Entry:
        return self.head.entry


@dataclass(slots=True)
class Lexicon:
    heads: dict[str, list[Head]] = field(default_factory=dict)  # first head word → heads
    types: dict[str, dict[str, Any]] = field(default_factory=dict)
    grammar: dict[str, Any] = field(default_factory=dict)
    magnitude: dict[str, Any] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    data_dir: Path | None = None  # the data directory it was read from (other stages' cues live there too)
    clitics: tuple[str, ...] = ()  # endings a trigger may carry ("serangannya"): morphology.yaml

    def _head_word(self, word: str) -> str:
        """`word`, or `word` without a clitic when that makes it a trigger's first word."""
        if word in self.heads:
            return word
        for clitic in self.clitics:
            if word.endswith(clitic) and word[: -len(clitic)] in self.heads:
                return word[: -len(clitic)]
        return word

    def may_start_trigger(self, word: str) -> bool:
        return self._head_word(word) in self.heads

    def matches_at(self, toks: list[Tok], i: int) -> list[Match]:
        """Triggers starting at token i: longest first, and the more constrained entry first among equals."""
        found = []
        for head in self.heads.get(self._head_word(toks[i].low), []):
            last = _match_length(head, toks, i)
            if last:
                found.append(Match(head, i, last))
        return sorted(found, key=lambda m: (-m.last, not m.entry.label))


def _match_length(head: Head, toks: list[Tok], i: int) -> int:
    """End token index of the match of `head` (+ its `then` words) at i, or 0."""
    entry, j = head.entry, i + 1
    for word in head.words[1:]:
        if j >= len(toks) or toks[j].low != word:
            return 0
        j += 1
    for alternatives in entry.then:
        if j >= len(toks) or toks[j].low not in alternatives:
            return 0
        j += 1
    if entry.not_then and j < len(toks) and toks[j].low in entry.not_then:
        return 0
    if entry.near and not any(t.low in entry.near for t in toks[j : j + 4]):
        return 0
    return j


def _entry(raw: dict[str, Any], defaults: dict[str, Any]) -> Entry:
    base = defaults.get(raw["type"], {})
    return Entry(
        id=raw["id"],
        type=raw["type"],
        mode=raw.get("mode"),
        cameo=raw.get("cameo"),
        preps=frozenset(raw.get("preps", base.get("preps", []))),
        direct=bool(raw.get("direct", base.get("direct", False))),
        then=tuple(frozenset(alts) for alts in raw.get("then", [])),
        near=frozenset(raw.get("near", [])),
        not_then=frozenset(raw.get("not_then", [])),
        target=raw.get("target"),
        complement=raw.get("complement"),
        verbal_complement=raw.get("verbal_complement"),
        governed=bool(raw.get("governed")),
        no_genitive=bool(raw.get("no_genitive")),
        predicate=_predicate(raw.get("predicate")),
        subject_troops=bool(raw.get("subject_troops")),
        reverse=bool(raw.get("reverse")),
        symmetric=raw.get("symmetric"),
        mediator=bool(raw.get("mediator", False)),
        mutual=bool(raw.get("mutual", False)),
        needs_target=bool(raw.get("needs_target", False)),
        label=frozenset(raw.get("label", [])),
        examples=tuple(raw.get("examples", [])),
    )


def _predicate(value: object) -> str | None:
    return None if not value else "aux" if value == "aux" else "subject"


def _heads(raw: dict[str, Any], entry: Entry, irregular: dict[str, str]) -> list[Head]:
    heads = []
    for affix in raw.get("affixes", []):
        form = forms(raw["root"], [affix], irregular).pop()
        pos = "noun" if affix in NOUN_AFFIXES else "verb"
        heads.append(Head(entry, tuple(form.split()), pos, affix in PASSIVE_AFFIXES))
    for word in raw.get("words", []):
        heads.append(Head(entry, tuple(word.split()), "verb", word.startswith("di")))
    for word in raw.get("nouns", []):
        heads.append(Head(entry, tuple(word.split()), "noun", False))
    if BARE_STEM_OF & set(raw.get("affixes", [])) and "root" in raw:
        written = {h.words for h in heads}
        if (raw["root"],) not in written:
            heads.append(Head(entry, (raw["root"],), "verb", False, needs_verb_tag=True))
    return heads


def _read(path: Path) -> Any:
    return read_yaml(path)


@cache
def load_lexicon(data_dir: Path) -> Lexicon:
    """Read data/events/ once per data directory."""
    folder = data_dir / "events"
    raw_lexicon = _read(folder / "lexicon.yaml")
    morphology = _read(folder / "morphology.yaml")
    irregular = morphology["irregular"]
    lexicon = Lexicon(
        types=_read(folder / "types.yaml"),
        grammar=_read(folder / "grammar.yaml"),
        magnitude=_read(folder / "magnitude.yaml"),
        data_dir=data_dir,
        clitics=tuple(morphology["clitics"]),
    )
    for raw in raw_lexicon["entries"]:
        entry = _entry(raw, raw_lexicon["defaults"])
        lexicon.entries.append(entry)
        for head in _heads(raw, entry, irregular):
            lexicon.heads.setdefault(head.words[0], []).append(head)
    return lexicon
