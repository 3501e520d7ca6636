"""Find temporal expressions in a text: run every rule, keep the longest non-overlapping matches, resolve."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from peristiwa.dates.lexicon import Lexicon, load_lexicon
from peristiwa.model import DateMention
from peristiwa.stages.nlp.words import Runs, tokenize
from peristiwa.stages.time.resolve import Found, Resolution, resolve, resolve_narrative
from peristiwa.stages.time.rules import TimeRule, load_rules


@dataclass(frozen=True, slots=True)
class Candidate:
    rule_index: int
    match: re.Match[str]

    @property
    def length(self) -> int:
        return self.match.end() - self.match.start()

    def overlaps(self, other: Candidate) -> bool:
        return self.match.start() < other.match.end() and other.match.start() < self.match.end()


def find_dates(text: str, anchor: date | None, data_dir: Path, runs: Runs | None = None) -> list[DateMention]:
    """Every temporal expression in `text`, in order, with its ISO value anchored on `anchor`.

    Each occurrence is reported with its own span, so the same expression may appear several times. `runs`:
    the text's written words from its token layer (`Runs.of(doc)`); tokenised here when not given.
    """
    lex, rules = load_lexicon(data_dir), load_rules(data_dir)
    chosen = _select(list(_candidates(runs or Runs(text, tokenize(text)), rules, lex)))
    mentions: list[DateMention] = []
    previous: str | None = None  # the value of the last date the text named
    for cand in chosen:
        found = Found(rules[cand.rule_index], cand.match, text, anchor, lex)
        mention = _mention(found)
        if mention.rule == f"{found.rule.id}:narrative" and previous is not None:
            mention = _mention(found, resolve_narrative(found, previous))
        mentions.append(mention)
        previous = mention.value or previous
    return mentions


def _candidates(runs: Runs, rules: tuple[TimeRule, ...], lex: Lexicon) -> list[Candidate]:
    found = []
    for index, rule in enumerate(rules):
        for match in rule.regex.finditer(runs.text):
            if _acceptable(rule, match, runs, lex):
                found.append(Candidate(index, match))
    return found


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first (ties: earlier in the text, then the rule listed first); no two may overlap."""
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.length, c.match.start(), c.rule_index)):
        if not any(cand.overlaps(other) for other in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.match.start())


def _acceptable(rule: TimeRule, match: re.Match[str], runs: Runs, lex: Lexicon) -> bool:
    previous = _word_before(runs, match.start())
    if previous.lower() in lex.frequency_words:  # "setiap Senin", "tiap minggu": a frequency
        return False
    return CHECKS[rule.check](match, runs, lex, previous) if rule.check else True


def _count_in_context(match: re.Match[str], runs: Runs, lex: Lexicon, previous: str) -> bool:
    """ "tiga hari lalu" yes; "10 minggu ini" (these ten weeks) is a duration."""
    direction = lex.direction(match.group("dir"))
    return direction is not None and direction.counted


def _unit_in_context(match: re.Match[str], runs: Runs, lex: Lexicon, previous: str) -> bool:
    """ "pekan lalu" yes; not "hari terakhir (kepresidenannya)", not the tail of "5 juta tahun lalu"."""
    direction = lex.direction(match.group("dir"))
    if direction is None or direction.kind in ("span_back", "span_forward"):
        return False
    return not (
        previous.replace(".", "").isdigit()
        or previous.lower() in lex.number_words
        or previous.lower() in lex.scales
        or previous.lower() in lex.multipliers
    )


def _month_in_context(match: re.Match[str], runs: Runs, lex: Lexicon, previous: str) -> bool:
    """A bare month right after a capitalised word inside a sentence is part of a name ("Jin Ping Mei")."""
    if match.group("bulan") or previous in lex.year_cues:
        return True
    return not _inside_name(runs.text, match.start(), previous)


def _year_in_context(match: re.Match[str], runs: Runs, lex: Lexicon, previous: str) -> bool:
    """A bare four-digit number is a year unless it reads as an amount ("2000 tentara", "Rp 2000")."""
    if match.group(0).lower().startswith(lex.year_openers):
        return True  # "tahun 1610" says it is a year
    year = int(match.group("year"))
    if not lex.year_range[0] <= year <= lex.year_range[1] or previous.lower() in lex.year_blockers:
        return False
    if match.group("dir"):
        return True
    following = _word_after(runs, match.end())
    if not following or not following[0].islower():
        return True
    if previous in lex.year_cues or following in lex.year_followers:
        return True
    return _inside_name(runs.text, match.start(), previous)


def _inside_name(text: str, start: int, previous: str) -> bool:
    """ "Piala Dunia 2022 di Qatar": a capitalised word before the year, not merely a sentence opener."""
    if not previous[:1].isupper():
        return False
    before = text[:start].rstrip()
    before = before[: len(before) - len(previous)].rstrip()
    return bool(before) and before[-1] not in '.!?:;\n"“”'


def _word_before(runs: Runs, start: int) -> str:
    """The written word (punctuation kept) ending last in the 40 characters before `start`."""
    before = runs.within(max(0, start - 40), start)
    return runs.text[before[-1][0] : before[-1][1]] if before else ""


def _word_after(runs: Runs, end: int) -> str:
    """The written word after `end` on the same line (spaces and tabs between), within 40 characters."""
    text, limit = runs.text, min(end + 40, len(runs.text))
    at = end
    while at < limit and text[at] in " \t":
        at += 1
    if at == limit or text[at].isspace():
        return ""
    start, stop = (runs.within(at, limit) or [(at, at)])[0]
    return text[start:stop].rstrip('.,;:!?)"”')


Check = Callable[[re.Match[str], Runs, Lexicon, str], bool]
CHECKS: dict[str, Check] = {
    "year_context": _year_in_context,
    "count_context": _count_in_context,
    "unit_context": _unit_in_context,
    "month_context": _month_in_context,
}


def _mention(found: Found, resolution: Resolution | None = None) -> DateMention:
    value, note = resolution or resolve(found)
    group = "expr" if found.match.groupdict().get("expr") is not None else 0
    start, end = found.match.span(group)
    rule = f"{found.rule.id}:{note}" if note else found.rule.id
    return DateMention(text=found.text[start:end], start=start, end=end, value=value, rule=rule)
