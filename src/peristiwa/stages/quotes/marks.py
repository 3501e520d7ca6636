"""Find spans in quotation marks, paragraph by paragraph, including quotes that run over paragraphs."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from peristiwa.stages.quotes.lexicon import Lexicon, alternation

_OPENER_BEFORE = "([{—–-/"
_CLOSER_AFTER = ".,;:!?)]}…—–-"
# The word or two right before an opening mark, never across a sentence end ("… awak kapal. "Tindakan …"
# opens a quotation, "kapal "Tiger"" names a ship).
_NAME_BEFORE = re.compile(r"([\w-]+)[^\w.!?]+(?:([\w-]+)[^\w.!?]*)?$")


@dataclass(slots=True)
class QuotedSpan:
    """Text between a pair of marks: `open`/`close` are the marks, `start`/`end` the trimmed words."""

    open: int
    close: int | None  # the closing mark's last character; None: the quotation ran to the end of its paragraph
    start: int
    end: int
    paragraph: int
    chain: int  # shared by the parts of one quotation that runs over paragraphs

    @property
    def outer_end(self) -> int:
        return self.close + 1 if self.close is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end) offsets: the clean body has one paragraph per line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


@cache
def _mark_regex(lexicon: Lexicon) -> re.Pattern[str]:
    marks = set(lexicon.pairs) | set(lexicon.pairs.values()) | set(lexicon.straight)
    return re.compile(alternation(frozenset(marks)))  # longest first: `''` before a lone `'`


def _looks_opening(text: str, i: int, lo: int, hi: int, width: int = 1) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + width] if i + width < hi else " "
    return (before.isspace() or before in _OPENER_BEFORE) and not after.isspace()


def _looks_closing(text: str, i: int, lo: int, hi: int, width: int = 1) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + width] if i + width < hi else " "
    return not before.isspace() and (after.isspace() or after in _CLOSER_AFTER)


@dataclass(frozen=True, slots=True)
class _Pair:
    open: int
    inner: int  # the first character after the opening mark
    close: int | None  # the last character of the closing mark; None: open to the paragraph's end


def _pairs_in(text: str, lo: int, hi: int, lexicon: Lexicon) -> list[_Pair]:
    """Mark pairs in one paragraph; nested marks of another kind stay inside. Straight marks close one another
    (`''Situasi …," kata X`: two apostrophes typed for a double mark, closed by a straight double mark)."""
    found: list[_Pair] = []
    opened: re.Match[str] | None = None
    expected = ""
    for match in _mark_regex(lexicon).finditer(text, lo, hi):
        i, mark = match.start(), match.group()
        if opened is None:
            expected = _opening_expects(text, i, lo, hi, mark, lexicon)
            opened = match if expected else None
        elif mark == expected or (
            _same_kind(opened.group(), mark, lexicon) and _looks_closing(text, i, lo, hi, len(mark))
        ):
            found.append(_Pair(opened.start(), opened.end(), match.end() - 1))
            opened = None
    if opened is not None:
        found.append(_Pair(opened.start(), opened.end(), None))
    return found


def _same_kind(opening: str, mark: str, lexicon: Lexicon) -> bool:
    return mark == opening or (opening in lexicon.straight and mark in lexicon.straight)


def _opening_expects(text: str, i: int, lo: int, hi: int, mark: str, lexicon: Lexicon) -> str:
    """The closing mark this mark opens a quotation for, or '' when it cannot open one here."""
    if mark in lexicon.pairs:
        return lexicon.pairs[mark]
    width = len(mark)
    if mark in lexicon.straight:
        stray_closer = _looks_closing(text, i, lo, hi, width) and not _looks_opening(text, i, lo, hi, width)
        return "" if stray_closer else mark
    return mark if _looks_opening(text, i, lo, hi, width) else ""  # a closing mark typed as an opener


def _trimmed(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] == ","):
        hi -= 1
    return lo, hi


def _is_name(text: str, opening: int, lexicon: Lexicon) -> bool:
    """A span after `kapal`, `operasi`, `bertajuk` … names a thing; it reproduces nobody's words."""
    before = _NAME_BEFORE.search(text, max(0, opening - 40), opening)
    found = [w.casefold() for w in before.groups() if w] if before else []
    return any(word in lexicon.naming_words for word in found)


def _closing_mark_start(text: str, last: int, lexicon: Lexicon) -> int:
    """Where the closing mark that ends at `last` begins (a mark may be two characters: `''`)."""
    for mark in sorted(lexicon.straight, key=len, reverse=True):
        if len(mark) > 1 and text.startswith(mark, last - len(mark) + 1):
            return last - len(mark) + 1
    return last


def find_quoted(text: str, lexicon: Lexicon) -> list[QuotedSpan]:
    """Every span in quotation marks, in text order, with quotations over paragraphs chained."""
    spans: list[QuotedSpan] = []
    previous_open_at_end = False
    for number, (lo, hi) in enumerate(paragraphs(text)):
        pairs = _pairs_in(text, lo, hi, lexicon)
        for k, pair in enumerate(pairs):
            inner_end = hi if pair.close is None else _closing_mark_start(text, pair.close, lexicon)
            start, end = _trimmed(text, pair.inner, inner_end)
            if not any(ch.isalnum() for ch in text[start:end]) or _is_name(text, pair.open, lexicon):
                continue
            continues = k == 0 and previous_open_at_end and not text[lo : pair.open].strip()
            chain = spans[-1].chain if continues and spans else len(spans)
            spans.append(QuotedSpan(pair.open, pair.close, start, end, number, chain))
        previous_open_at_end = bool(pairs) and pairs[-1].close is None
    return spans


class QuotedIndex:
    """Fast 'is this offset inside quotation marks?' look-ups over sorted spans."""

    def __init__(self, spans: list[QuotedSpan]) -> None:
        self.spans = spans
        self._opens = [span.open for span in spans]

    def containing(self, offset: int) -> QuotedSpan | None:
        k = bisect_right(self._opens, offset) - 1
        if k >= 0 and self.spans[k].open <= offset < self.spans[k].outer_end:
            return self.spans[k]
        return None

    def overlapping(self, lo: int, hi: int) -> list[QuotedSpan]:
        k = max(0, bisect_right(self._opens, lo) - 1)
        found = []
        while k < len(self.spans) and self.spans[k].open < hi:
            if self.spans[k].outer_end > lo:
                found.append(self.spans[k])
            k += 1
        return found
