"""The quotation lexicon (`data/quotes/lexicon.yaml`) loaded into word sets and compiled regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from peristiwa.patterns import PatternFileError, load_yaml
from peristiwa.stages.nlp.morphology import verb_shape

LEXICON_FILE = ("quotes", "lexicon.yaml")


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(word).casefold() for word in data.get(key, []))


def alternation(words: frozenset[str] | list[str]) -> str:
    """A regex alternation that prefers longer words (so `menyebutkan` wins over `menyebut`)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _country_names() -> frozenset[str]:
    """Indonesian country names from CLDR, without their parenthesised variants."""
    names = Locale("id").territories.values()
    return frozenset(re.sub(r"\s*\(.*?\)", "", name) for name in names)


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Hashable by identity, so regexes built from it can be cached per lexicon."""

    pairs: dict[str, str]
    straight: frozenset[str]
    naming_words: frozenset[str]
    trailing_cues: frozenset[str]
    demikian_label: str
    demikian_lead: frozenset[str]
    demikian_verbs: frozenset[str]
    according_to: frozenset[str]
    source_openers: frozenset[str]
    according_documents: frozenset[str]
    verb_complement: dict[str, str]
    framing_verbs: frozenset[str]
    negators: frozenset[str]
    aspect_words: frozenset[str]
    noun_phrase_openers: frozenset[str]
    complement_stops: frozenset[str]
    predicate_words: frozenset[str]
    quantity_openers: frozenset[str]
    adverbial_openers: frozenset[str]
    parenthetical_openers: frozenset[str]
    subordinators: frozenset[str]
    time_words: frozenset[str]
    connectors: frozenset[str]
    shared_subject_words: frozenset[str]
    verb_coordinators: frozenset[str]
    subject_tail_words: frozenset[str]
    clause_breaks: frozenset[str]
    not_verbs: frozenset[str]
    phrase_stops: frozenset[str]
    pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    complementizer: str
    relative: str
    infinitive: str
    alternative: str
    passive_agent: str
    agents: frozenset[str]
    demonstratives: frozenset[str]
    date_openers: frozenset[str]
    anaphoric_openers: frozenset[str]
    anaphoric_closers: frozenset[str]
    anaphoric_heads: frozenset[str]
    indefinites: frozenset[str]
    statement_nouns: frozenset[str]
    unnamed_sources: frozenset[str]
    role_words: frozenset[str]
    person_roles: frozenset[str]
    name_modifiers: frozenset[str]
    countries: frozenset[str]
    capitalised_stopwords: frozenset[str]
    abbreviations: frozenset[str]
    addressees: tuple[re.Pattern[str], ...]
    speech_verb_re: re.Pattern[str]
    framing_verb_re: re.Pattern[str]
    verb_shape: re.Pattern[str]  # data/nlp/morphology.yaml: what a prefixed verb looks like
    raw: dict[str, Any]

    def is_verb(self, word: str) -> bool:
        """A word of a prefixed verb's shape that is not one of our non-verbs ("mereka", "berita")."""
        return self.verb_shape.fullmatch(word) is not None and word.casefold() not in self.not_verbs


def _word_regex(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])", re.IGNORECASE)


def load_lexicon(data_dir: Path) -> Lexicon:
    return _load(data_dir.joinpath(*LEXICON_FILE))


@cache
def _load(path: Path) -> Lexicon:
    data = load_yaml(path)
    try:
        return _build(data, verb_shape(path.parents[1]))
    except (KeyError, TypeError, re.error) as err:
        message = f"[Q001] quote lexicon {path} is malformed: {err}; see the comments in it"
        raise PatternFileError(message) from err


def _build(data: dict[str, Any], verbs_look_like: re.Pattern[str]) -> Lexicon:
    marks = data["quote_marks"]
    extra_countries = frozenset(data.get("country_short_names", []))
    verbs = {e["verb"].casefold(): e["complement"] for e in data["speech_verbs"]}
    return Lexicon(
        pairs=dict(marks["pairs"]),
        straight=frozenset(marks["straight"]),
        naming_words=_words(data, "naming_words"),
        trailing_cues=_words(data["trailing_cues"], "words"),
        demikian_label=data["demikian"]["label"],
        demikian_lead=_words(data["demikian"], "lead"),
        demikian_verbs=_words(data["demikian"], "verbs"),
        according_to=_words(data["according_to"], "words"),
        source_openers=_words(data["according_to"], "sources"),
        according_documents=_words(data["according_to"], "documents"),
        verb_complement=verbs,
        framing_verbs=_words(data, "framing_verbs"),
        negators=_words(data, "negators"),
        aspect_words=_words(data, "aspect_words"),
        noun_phrase_openers=_words(data, "noun_phrase_openers"),
        complement_stops=_words(data, "complement_stops"),
        predicate_words=_words(data, "predicate_words"),
        quantity_openers=_words(data, "quantity_openers"),
        adverbial_openers=_words(data, "adverbial_openers"),
        parenthetical_openers=_words(data, "parenthetical_openers"),
        subordinators=_words(data, "subordinators"),
        time_words=_words(data, "time_words"),
        connectors=_words(data, "connectors"),
        shared_subject_words=_words(data, "shared_subject_words"),
        verb_coordinators=_words(data, "verb_coordinators"),
        subject_tail_words=_words(data, "subject_tail_words"),
        clause_breaks=_words(data, "clause_breaks"),
        not_verbs=_words(data, "not_verbs"),
        phrase_stops=_words(data, "phrase_stops"),
        pronouns=_words(data, "pronouns"),
        plural_pronouns=_words(data, "plural_pronouns"),
        complementizer=data["function_words"]["complementizer"],
        relative=data["function_words"]["relative"],
        infinitive=data["function_words"]["infinitive"],
        alternative=data["function_words"]["alternative"],
        passive_agent=data["function_words"]["passive_agent"],
        agents=_words(data["function_words"], "agents"),
        demonstratives=_words(data["function_words"], "demonstratives"),
        date_openers=_words(data["function_words"], "date_openers"),
        anaphoric_openers=_words(data, "anaphoric_openers"),
        anaphoric_closers=_words(data, "anaphoric_closers"),
        anaphoric_heads=_words(data, "anaphoric_heads"),
        indefinites=_words(data, "indefinites"),
        statement_nouns=_words(data, "statement_nouns"),
        unnamed_sources=_words(data, "unnamed_sources"),
        role_words=_words(data, "role_words"),
        person_roles=_words(data, "person_roles"),
        name_modifiers=frozenset(data.get("name_modifiers", [])),
        countries=_country_names() | extra_countries,
        capitalised_stopwords=frozenset(data.get("capitalised_stopwords", [])),
        abbreviations=frozenset(data.get("abbreviations", [])),
        addressees=tuple(re.compile(e["pattern"]) for e in data.get("addressees", [])),
        speech_verb_re=_word_regex(frozenset(verbs)),
        framing_verb_re=_word_regex(_words(data, "framing_verbs")),
        verb_shape=verbs_look_like,
        raw=data,
    )
