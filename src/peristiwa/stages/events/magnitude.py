"""Numbers attached to an event: "lebih dari 100 jet", "120 lebih kapal", "ribuan tentara"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from peristiwa.model import Magnitude
from peristiwa.stages.events.text import Tok

DIGITS_RE = re.compile(r"^\d+(?:[.,]\d+)*$")


@dataclass(slots=True)
class MagnitudeReader:
    """Read magnitudes with the word lists of data/events/magnitude.yaml."""

    data: dict[str, Any]

    def read(self, text: str, toks: list[Tok], lo: int, hi: int) -> Magnitude | None:
        """The first magnitude whose unit noun lies in tokens [lo, hi)."""
        units = {tuple(u.split()) for u in self.data["units"]}
        for i in range(max(lo, 0), min(hi, len(toks))):
            number = self._number_before_unit(toks, i, units)
            if number is not None:
                return number_to_magnitude(text, toks, number, i, self.data)
        return None

    def _number_before_unit(self, toks: list[Tok], i: int, units: set[tuple[str, ...]]) -> tuple[int, int] | None:
        """(first, last) token range of the number that quantifies a unit starting at token i."""
        if tuple(t.low for t in toks[i : i + 1]) not in units and tuple(t.low for t in toks[i : i + 2]) not in units:
            return None
        j = i - 1
        if j >= 0 and toks[j].low in self.data["qualifiers_after"]:
            j -= 1  # "120 lebih kapal"
        last = j + 1
        while j >= 0 and _is_number_word(toks[j].low, self.data):
            j -= 1
        return (j + 1, last) if j + 1 < last else None


def _is_number_word(word: str, data: dict[str, Any]) -> bool:
    return (
        bool(DIGITS_RE.match(word))
        or word in data["number_words"]
        or word in data["multipliers"]
        or word in data["vague"]
    )


def parse_number(words: list[str], data: dict[str, Any]) -> tuple[float | None, bool]:
    """The value of number words ("100.000", "dua ribu", "1,5 juta", "ribuan"); flag vague numbers."""
    total, current, vague = 0.0, 0.0, False
    for word in words:
        if DIGITS_RE.match(word):
            current = (
                float(word.replace(".", "").replace(",", ".")) if "," in word or word.count(".") > 0 else float(word)
            )
        elif word in data["number_words"]:
            current = float(data["number_words"][word])
        elif word in data["vague"]:
            current, vague = float(data["vague"][word]) * max(current, 1.0), True
        elif word in data["multipliers"]:
            current = max(current, 1.0) * data["multipliers"][word]
            if data["multipliers"][word] >= 1000:
                total, current = total + current, 0.0
    value = total + current
    return (value if value else None), vague


def number_to_magnitude(
    text: str, toks: list[Tok], span: tuple[int, int], unit_at: int, data: dict[str, Any]
) -> Magnitude:
    first, last = span
    value, vague = parse_number([t.low for t in toks[first:last]], data)
    qualifier = "at_least" if vague else None
    start = first
    if unit_at - 1 >= 0 and last < unit_at and toks[last].low in data["qualifiers_after"]:
        qualifier = data["qualifiers_after"][toks[last].low]
    for phrase, name in data["qualifiers_before"].items():
        size = len(phrase.split())
        if first - size >= 0 and " ".join(t.low for t in toks[first - size : first]) == phrase:
            qualifier, start = name or qualifier, first - size
            break
    unit_size = 2 if unit_at + 1 < len(toks) and f"{toks[unit_at].low} {toks[unit_at + 1].low}" in data["units"] else 1
    unit = " ".join(t.low for t in toks[unit_at : unit_at + unit_size])
    return Magnitude(value, unit, qualifier, text[toks[start].start : toks[unit_at + unit_size - 1].end])
