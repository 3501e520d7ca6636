"""Find known names in text: a token trie with longest match and case rules.

The article's tokens are the document's one token layer (`Document.tokens`); the names in the data files are
split by the same tokenizer (`stages.nlp.words.tokenize`), so both split alike ("anti-Kiev" → anti / - / Kiev,
"al-Nusra" → al / - / Nusra).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar

from peristiwa.model import Token
from peristiwa.stages.nlp.words import tokenize as tokenize_text

T = TypeVar("T")


# A named tuple, not a frozen dataclass: a document makes thousands and the dataclass __init__ is 3× slower.
class Tok(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def as_toks(tokens: Sequence[Token]) -> list[Tok]:
    """The document's tokens as the matcher reads them."""
    return [Tok(t.start, t.end, t.text) for t in tokens]


def tokenize(text: str) -> list[Tok]:
    """A name or a text outside any document, split as the nlp stage splits an article."""
    return as_toks(tokenize_text(text))


def is_acronym(name: str) -> bool:
    """Names written in capitals ("AS", "RI", "DK PBB") match only in capitals."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def fold(token: str) -> str:
    return token.casefold()


@dataclass(slots=True)
class _Node(Generic[T]):
    children: dict[str, _Node[T]] = field(default_factory=dict)
    values: list[T] = field(default_factory=list)


@dataclass(slots=True)
class Match(Generic[T]):
    start: int  # character offsets
    end: int
    first: int  # token indexes, half-open
    last: int
    values: list[T]


class Trie(Generic[T]):
    """Token sequences → values. Case-sensitive keys, plus a case-folded index for names that allow it."""

    def __init__(self) -> None:
        self._exact: _Node[T] = _Node()
        self._folded: _Node[T] = _Node()

    def add(self, name: str, value: T, ignore_case: bool = False) -> None:
        words = [t.text for t in tokenize(name)]
        if not words:
            return
        if ignore_case:
            self._insert(self._folded, [fold(w) for w in words], value)
            return
        self._insert(self._exact, words, value)
        if not is_acronym(name) and len(name) >= 4:
            self._insert(self._exact, [w.upper() for w in words], value)  # headlines in capitals

    def heads(self) -> set[str]:
        """Every first word of a name, as the index keys it (case-folded ones folded)."""
        return set(self._exact.children) | set(self._folded.children)

    @staticmethod
    def _insert(node: _Node[T], words: Iterable[str], value: T) -> None:
        for word in words:
            node = node.children.setdefault(word, _Node())
        if value not in node.values:
            node.values.append(value)

    def longest_at(self, tokens: list[Tok], index: int) -> Match[T] | None:
        """The longest name starting at token `index`, from either index."""
        # Most tokens start no name: two dict lookups settle them before any walking (this is the hot loop
        # of the actors stage, called for every token by three tries).
        if index >= len(tokens):
            return None
        word = tokens[index].text
        best = self._walk(self._exact, tokens, index, False) if word in self._exact.children else None
        if fold(word) in self._folded.children:
            folded = self._walk(self._folded, tokens, index, True)
            if folded and (best is None or folded.last > best.last):
                best = folded
        return best

    @staticmethod
    def _walk(node: _Node[T], tokens: list[Tok], index: int, folded: bool) -> Match[T] | None:
        best: Match[T] | None = None
        for pos in range(index, len(tokens)):
            word = tokens[pos].text
            child = node.children.get(fold(word) if folded else word)
            if child is None:
                break
            node = child
            if node.values and _ends_at_word_boundary(tokens, pos):
                best = Match(tokens[index].start, tokens[pos].end, index, pos + 1, list(node.values))
        return best

    def scan(self, tokens: list[Tok]) -> list[Match[T]]:
        """Non-overlapping longest matches, left to right."""
        found: list[Match[T]] = []
        index = 0
        while index < len(tokens):
            match = self.longest_at(tokens, index)
            if match is None:
                index += 1
                continue
            found.append(match)
            index = match.last
        return found


def _ends_at_word_boundary(tokens: list[Tok], pos: int) -> bool:
    """A name must not end inside a longer written word ("Rusia" in "Rusiawi" is one token anyway)."""
    nxt = pos + 1
    return nxt >= len(tokens) or tokens[nxt].start > tokens[pos].end or not tokens[nxt].text[0].isalnum()
