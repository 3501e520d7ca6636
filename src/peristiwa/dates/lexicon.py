"""The Indonesian calendar vocabulary of `data/time/lexicon.yaml`, with look-ups and regex fragments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from peristiwa.patterns import load_yaml


@dataclass(frozen=True, slots=True)
class Unit:
    """A calendar unit ("pekan") and how "N of them ago" is valued."""

    name: str  # day | week | month | year | decade | century
    relative: str  # calendar | year_point | none
    years: int = 0  # size in years for year_point units


@dataclass(frozen=True, slots=True)
class Direction:
    kind: str  # point | span_back | span_forward | narrative
    sign: int = 0
    counted: bool = True  # may follow "N units"


@dataclass(frozen=True, slots=True)
class Lexicon:
    month_surface: tuple[str, ...]  # full month names as written in the lexicon
    abbr_surface: tuple[str, ...]
    weekday_surface: tuple[str, ...]
    month_names: dict[str, int]  # lower-case full name -> month number
    month_abbr: dict[str, int]
    weekday_names: dict[str, int]  # lower-case name -> date.weekday()
    number_words: dict[str, int]
    teens_word: str
    multipliers: dict[str, int]
    scales: dict[str, int]
    vague_numbers: frozenset[str]
    unit_words: dict[str, Unit]  # lower-case word -> unit
    single_words: dict[str, Unit]  # "sepekan" -> week
    unit_surface: tuple[str, ...]  # unit words as they may be written (case matters for "minggu")
    single_surface: tuple[str, ...]
    directions: dict[str, Direction]
    portions: dict[str, tuple[float, float]]
    day_words: dict[str, int]
    future_cues: frozenset[str]
    future_cue_window: int
    future_tolerance_days: int
    frequency_words: frozenset[str]
    hedge_words: tuple[str, ...]
    year_cues: frozenset[str]
    year_followers: frozenset[str]
    year_blockers: frozenset[str]
    year_range: tuple[int, int]
    year_openers: tuple[str, ...]
    leading_words: re.Pattern[str]  # the words of `leading_words` with the space after them, at the start

    def month(self, word: str) -> int | None:
        key = word.lower().rstrip(".")
        return self.month_names.get(key) or self.month_abbr.get(key)

    def weekday(self, word: str) -> int | None:
        return self.weekday_names.get(_fold_apostrophe(word.lower()))

    def unit(self, word: str) -> Unit | None:
        return self.unit_words.get(word.lower()) or self.single_words.get(word.lower())

    def direction(self, word: str) -> Direction | None:
        return self.directions.get(" ".join(word.lower().split()))

    def number(self, phrase: str) -> int | None:
        """Value of "21", "dua puluh satu", "sebelas"; None for vague words ("beberapa") or nonsense."""
        words = phrase.lower().split()
        if len(words) == 1 and words[0].replace(".", "").isdigit():
            return int(words[0].replace(".", ""))  # "5.000": dots group thousands
        return _spelled_number(words, self)


def _spelled_number(words: list[str], lex: Lexicon) -> int | None:
    total, current = 0, 0
    for word in words:
        if word in lex.number_words:
            current += lex.number_words[word]
        elif word == lex.teens_word and 0 < current < 10:
            total, current = total + 10 + current, 0
        elif word in lex.multipliers and 0 < current < 10:
            total, current = total + current * lex.multipliers[word], 0
        elif word in lex.scales and total + current > 0:
            total, current = (total + current) * lex.scales[word], 0
        else:
            return None
    return total + current or None


def _fold_apostrophe(word: str) -> str:
    return word.replace("’", "'")


@cache
def load_lexicon(data_dir: Path) -> Lexicon:
    """The lexicon in `data_dir/time/lexicon.yaml`, loaded once per folder."""
    data = load_yaml(data_dir / "time" / "lexicon.yaml")
    units = [_unit_entry(entry) for entry in data["units"]]
    return Lexicon(
        month_surface=_surface(data["months"], "names"),
        abbr_surface=_surface(data["months"], "abbr"),
        weekday_surface=_surface(data["weekdays"], "names"),
        month_names=_names(data["months"], "names"),
        month_abbr=_names(data["months"], "abbr"),
        weekday_names={_fold_apostrophe(k): v for k, v in _names(data["weekdays"], "names").items()},
        number_words={str(k): int(v) for k, v in data["numbers"]["words"].items()},
        teens_word=data["numbers"]["teens"],
        multipliers={str(k): int(v) for k, v in data["numbers"]["multipliers"].items()},
        scales={str(k): int(v) for k, v in data["numbers"]["scales"].items()},
        vague_numbers=frozenset(data["numbers"]["vague"]),
        unit_words={w.lower(): unit for unit, entry in units for w in entry["words"]},
        single_words={w.lower(): unit for unit, entry in units for w in entry["single"]},
        unit_surface=tuple(w for _, entry in units for w in entry["words"]),
        single_surface=tuple(w for _, entry in units for w in entry["single"]),
        directions={
            str(k): Direction(v["kind"], int(v.get("sign", 0)), bool(v.get("counted", True)))
            for k, v in data["directions"].items()
        },
        portions={str(k): (float(v[0]), float(v[1])) for k, v in data["portions"].items()},
        day_words={" ".join(str(k).split()): int(v) for k, v in data["day_words"].items()},
        future_cues=frozenset(data["future_cues"]),
        future_cue_window=int(data["future_cue_window"]),
        future_tolerance_days=int(data["future_tolerance_days"]),
        frequency_words=frozenset(w.lower() for w in data["frequency_words"]),
        hedge_words=tuple(data["hedge_words"]),
        year_cues=frozenset(data["year_cues"]),
        year_followers=frozenset(data["year_followers"]),
        year_blockers=frozenset(w.lower() for w in data["year_blockers"]),
        year_range=(int(data["year_range"][0]), int(data["year_range"][1])),
        year_openers=tuple(w.lower() for w in data["year_openers"]),
        leading_words=re.compile(
            r"^(?:" + "|".join(re.escape(w) for w in data["leading_words"]) + r")\s+", re.IGNORECASE
        ),
    )


def _names(entries: list[dict[str, Any]], key: str) -> dict[str, int]:
    return {name.lower(): int(entry["number"]) for entry in entries for name in entry.get(key, [])}


def _surface(entries: list[dict[str, Any]], key: str) -> tuple[str, ...]:
    return tuple(name for entry in entries for name in entry.get(key, []))


def _unit_entry(entry: dict[str, Any]) -> tuple[Unit, dict[str, Any]]:
    unit = Unit(entry["unit"], entry["relative"], int(entry.get("years", 0)))
    return unit, entry


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first so "yang lalu" wins over "lalu"."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def with_capitals(words: list[str]) -> list[str]:
    """Each name as written in the lexicon, plus its all-capitals form (headline style)."""
    return [form for w in words for form in (w, w.upper())]
