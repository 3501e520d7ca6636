"""When each event happened: the best date the text gives it, where that date came from, and how precise it is.

Evidence, strongest first (`Event.date_source`):
- clause: a date in the trigger's own clause, or in a comma-set segment beside it that holds only a date
  ("Pada Selasa (14/3/2023), …", "… di Beijing, Selasa (14/3/2023).");
- sentence: a date elsewhere in the sentence ("…," kata Sugiono, Minggu.), unless it dates a report
  ("menurut laporan … pada Selasa"), sits in a clause of its own about something else ("yang … pada 2015",
  "setelah awal minggu ini penduduk …"), or is a year that names or describes a noun ("Undang-Undang Dasar
  1945", "konvensi genosida tahun 1948");
- mention: the date another sentence gives the same act between the same actors (`situate/same_event.py`): "Hamas
  telah menyerahkan 13 sandera" dated by "… melepaskan tahanan mereka pada Sabtu (25/11/2023)". An event noun
  ("memprotes invasi Rusia") takes it before the lead's date, a verb only after it (a verb in the lead tells the
  news of the lead's day, whatever older act of the kind the body recalls); intentions and denials never;
- lead: for news told in the first sentences, the dateline's date ("JAKARTA, Senin (12/6) –") or else the lead's
  (its first whole day close before the report);
- report: the publication date (or, without one, the lead's date), only when nothing else applies;
- none: no date, or the text places the event earlier without one we can resolve ("sebelumnya", "pernah",
  "keesokan harinya", "Senin" without a publication date): the report date would be wrong there.
Dates of intentions are the dates of the statement: a future date in the clause ("akan bertemu pada Rabu")
is the date of the meeting to come, not of the event coded. Words are data: `data/time/event_dates.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from peristiwa.dates.lexicon import Lexicon, load_lexicon
from peristiwa.knowledge import load_yaml
from peristiwa.model import DateMention, Document, Event, Sentence
from peristiwa.stages.nlp.words import Words

_YEAR = re.compile(r"\d{4}")
_SEPARATORS = ",;"


@dataclass(frozen=True, slots=True)
class DatingCues:
    adjunct_words: frozenset[str]
    report_cues: frozenset[str]
    past_markers: frozenset[str]
    clause_markers: frozenset[str]
    year_prepositions: frozenset[str]
    record_words: frozenset[str]
    since_words: frozenset[str]
    lead_sentences: int
    lead_window_days: int
    week_words: frozenset[str]  # calendar words of a week ("pekan", "sepekan"): such a date is a week's


@cache
def load_cues(data_dir: Path) -> DatingCues:
    raw: dict[str, Any] = load_yaml(data_dir / "time" / "event_dates.yaml")
    lex = load_lexicon(data_dir)
    return DatingCues(
        adjunct_words=frozenset(raw["adjunct_words"]),
        report_cues=frozenset(raw["report_cues"]),
        past_markers=frozenset(raw["past_markers"]),
        clause_markers=frozenset(raw["clause_markers"]),
        year_prepositions=frozenset(raw["year_prepositions"]),
        record_words=frozenset(raw["record_words"]),
        since_words=frozenset(raw["since_words"]),
        lead_sentences=int(raw["lead_sentences"]),
        lead_window_days=int(raw["lead_window_days"]),
        week_words=_week_words(lex),
    )


def _week_words(lex: Lexicon) -> frozenset[str]:
    units = {**lex.unit_words, **lex.single_words}
    return frozenset(word for word, unit in units.items() if unit.name == "week")


@dataclass(frozen=True, slots=True)
class Dated:
    value: str | None
    source: str
    precision: str | None


UNDATED = Dated(None, "none", None)


@dataclass(frozen=True, slots=True)
class Telling:
    """A sentence that tells an event of some type: where its trigger is, and whether that trigger is a noun."""

    sentence: Sentence
    start: int
    end: int
    noun: bool


class Tellings(Protocol):
    """Where else the text tells an event (the situate stage's `SameEvent`, which knows the event lexicon)."""

    def trigger_is_noun(self, event: Event) -> bool: ...

    def elsewhere(self, event: Event) -> Iterator[Telling]: ...


class NoTellings:
    """No other sentence is known to tell any event: no date from another mention."""

    def trigger_is_noun(self, event: Event) -> bool:
        return False

    def elsewhere(self, event: Event) -> Iterator[Telling]:
        return iter(())


def date_events(doc: Document, data_dir: Path, tellings: Tellings | None = None) -> None:
    """Give every event of `doc` its date, date source and date precision."""
    cues = load_cues(data_dir)
    reader = _Reader(doc, cues, tellings or NoTellings())
    for event in doc.events:
        dated = reader.date_of(event)
        event.date, event.date_source, event.date_precision = dated.value, dated.source, dated.precision


class _Reader:
    """The dates of one document, with what is known once: the lead's date and the report's date."""

    def __init__(self, doc: Document, cues: DatingCues, same_event: Tellings) -> None:
        self.doc, self.text, self.cues, self.dates = doc, doc.text, cues, doc.dates
        self.same_event = same_event
        self.words = Words.of(doc)
        self.lead = _lead_sentences(doc, cues.lead_sentences)
        self.lead_date = self._lead_date()
        self.cited = self._cited_date()
        self.report = self._report_date()
        if not doc.published and not self._anchor_is_the_news():
            # Without a publication date the time stage resolved "Senin", "14 Maret", "pekan lalu" against the
            # first whole date the text writes out; unless that is the day of the news (the lead's or the cited
            # report's), it may be any past event ("serangan dimulai pada 30 September 2015"): such values are
            # not the text's own, and the events they would date stay undated.
            self.dates = [d if _absolute(d) else replace(d, value=None) for d in doc.dates]

    def _anchor_is_the_news(self) -> bool:
        stand_in = next((d.value for d in self.doc.dates if d.value and len(d.value) == 10 and _absolute(d)), None)
        news = {d.value for d in (self.lead_date, self.cited) if d is not None}
        return stand_in is None or stand_in in news

    def date_of(self, event: Event) -> Dated:
        start, end = self.own_span(event)
        own = [d for d in self._mentions(start, end) if self._usable(d, event) and not self._after_marker(d, event)]
        if (found := self._best(own, event)) is not None:
            return Dated(found.value, "clause", self.precision(found))
        if any(d.value is None for d in own) or self._placed_earlier(start, end, event):
            return UNDATED  # the text dates the event in a way we cannot resolve, or before the report
        sentence = event.sentence
        around = [
            d
            for d in self._mentions(sentence.start, sentence.end)
            if not start <= d.start < end and self._usable(d, event) and not self._other_clause(d, event)
        ]
        if (found := self._best(around, event)) is not None:
            return Dated(found.value, "sentence", self.precision(found))
        # An event noun ("atas invasi Rusia") refers to an act the text may date elsewhere; a verb in the lead
        # tells the news of the lead's day, whatever older act of the same kind the body recalls.
        elsewhere = self._elsewhere(event)
        if elsewhere is not None and self.same_event.trigger_is_noun(event):
            return Dated(elsewhere.value, "mention", self.precision(elsewhere))
        if self.lead_date is not None and any(s.start <= event.evidence.start < s.end for s in self.lead):
            return Dated(self.lead_date.value, "lead", self.precision(self.lead_date))
        if elsewhere is not None:
            return Dated(elsewhere.value, "mention", self.precision(elsewhere))
        if self.report is not None:
            return Dated(self.report, "report", "day")
        return UNDATED

    # --- another sentence about the same event ----------------------------------------------------------

    def _elsewhere(self, event: Event) -> DateMention | None:
        """The date another sentence gives the same event (`same_event.py`): the date nearest that sentence's
        trigger, read as the event's own clause and sentence are read; none when two sentences disagree."""
        if event.modality != "asserted" or event.negated:
            return None  # an intention is dated by its statement, a denial is not the act another sentence tells
        found: dict[str, DateMention] = {}
        for telling in self.same_event.elsewhere(event):
            sentence = telling.sentence
            dated = [
                d
                for d in self._mentions(sentence.start, sentence.end)
                if d.value
                and not self._cited(d, sentence, telling.start, telling.end)
                and not self._modifies_noun(d)
                and not self._aside_of(d, sentence, telling.start, telling.end)
            ]
            nearest = min(dated, key=lambda d: self._closeness(d, telling.start, telling.end), default=None)
            if nearest is not None and nearest.value:
                found.setdefault(nearest.value, nearest)
        return next(iter(found.values())) if len(found) == 1 else None

    def _closeness(self, mention: DateMention, start: int, end: int) -> tuple[int, int, int]:
        """Dates after the trigger in its comma-set segment first ("memulai invasi … Kamis lalu (24/2/2022)"
        beside "mencaplok Krimea pada 2014 dan"), then before it in that segment, then the nearest elsewhere."""
        segment = self._segment_start(start, 0), self._segment_end(end, len(self.text))
        inside = segment[0] <= mention.start < segment[1]
        rank = 0 if inside and mention.start >= end else 1 if inside else 2
        return rank, _gap(mention, start, end), mention.start

    def _aside_of(self, mention: DateMention, sentence: Sentence, start: int, end: int) -> bool:
        """A date in a relative or subordinate clause away from the trigger at text[start:end]."""
        segment = self._segment_start(mention.start, sentence.start)
        if not segment <= start < mention.start and self._opened_clause(mention, segment):
            return True
        if mention.start < end:
            return False
        words = self.words.folded(end, mention.start)
        if words and words[-1] in self.cues.year_prepositions | self.cues.since_words:
            words.pop()
        return not self._news_day(mention) and any(w in self.cues.clause_markers for w in words)

    # --- the event's own clause -------------------------------------------------------------------------

    def own_span(self, event: Event) -> tuple[int, int]:
        """The trigger's clause, widened by the comma-set segments beside it that hold only a date, a place
        or words that go with them ("Pada Selasa (14/3/2023), …", "…, Selasa (14/3/2023) waktu setempat.")."""
        clause = event.clause or event.sentence
        floor, ceiling = event.sentence.start, event.sentence.end
        start, end = clause.start, clause.end
        while (before := self._segment_before(floor, start)) is not None and self._adjunct(*before):
            start = before[0]
        while (after := self._segment_after(end, ceiling)) is not None and self._adjunct(*after):
            end = after[1]
        return start, end

    def _segment_before(self, floor: int, start: int) -> tuple[int, int] | None:
        head = self.text[floor:start].rstrip()
        if not head.endswith(","):
            return None
        cut = floor + len(head) - 1
        opening = max(self.text.rfind(sep, floor, cut) for sep in _SEPARATORS)
        return (opening + 1 if opening >= floor else floor), cut

    def _segment_after(self, end: int, ceiling: int) -> tuple[int, int] | None:
        gap = len(self.text[end:ceiling]) - len(self.text[end:ceiling].lstrip())
        if not self.text.startswith(",", end + gap):
            return None
        begin = end + gap + 1
        return begin, self._segment_end(begin, ceiling)

    def _adjunct(self, start: int, end: int) -> bool:
        """True when the segment holds nothing but dates, places, numbers and the words that go with them
        ("Sebelumnya, …" too: it places the clause before the report)."""
        spans = [(d.start, d.end) for d in self.dates if start <= d.start < end]
        spans += [(m.start, m.end) for p in self.doc.places for m in p.mentions if start <= m.start < end]
        words = [w.text for w in self.words.between(start, end) if not any(s <= w.start < e for s, e in spans)]
        return bool(spans or words) and all(w.lower() in self.cues.adjunct_words or w.isdigit() for w in words)

    def _placed_earlier(self, start: int, end: int, event: Event) -> bool:
        """A past marker in the event's own clause ("Sebelumnya, Blinken mendesak …", "pernah bertemu"); one in a
        relative or subordinate clause opened after the trigger describes something else ("mengecam kebijakan
        yang diambil tanpa terlebih dahulu berkonsultasi"): the event is still the news."""
        words = self.words.folded(start, event.evidence.end)
        for word in self.words.folded(event.evidence.end, end):
            if word in self.cues.clause_markers:
                break
            words.append(word)
        return any(w in self.cues.past_markers for w in words)

    # --- which dates count ------------------------------------------------------------------------------

    def _mentions(self, start: int, end: int) -> list[DateMention]:
        """The date mentions that begin inside text[start:end], leaving out the dateline's (the lead's date, not a
        clause's). A date may run past the span: a clause cut at the comma inside "pada Sabtu, (1/2/2025)" still
        holds that date."""
        line = self.doc.dateline
        return [
            d
            for d in self.dates
            if start <= d.start < end and not (line is not None and line.start <= d.start < line.end)
        ]

    def _usable(self, mention: DateMention, event: Event) -> bool:
        """Not the date of a report, not a year inside a name, not a future date for an intention."""
        if self._reported(mention, event) or self._modifies_noun(mention) or self._bounds_record(mention, event):
            return False
        if event.modality == "future" and mention.value and self._ahead(mention):
            return False  # "akan bertemu pada Rabu": the meeting's date, not the statement's
        return True

    def _ahead(self, mention: DateMention) -> bool:
        """A date the text puts after the report ("akan … pada Rabu", "Desember mendatang"). With a report date,
        a day on or before it is not ahead of the statement ("akan bertemu pada Rabu" on a Wednesday is of that
        day); without one, the future cue the time stage saw says it."""
        if self.doc.published or self.lead_date is not None:
            return self._after_report(mention.value or "")
        return ":future_cue" in (mention.rule or "")

    def _bounds_record(self, mention: DateMention, event: Event) -> bool:
        """ "kunjungan pertama … sejak 2021": the date bounds a record, it does not date the event."""
        words = self.words.folded(self._segment_start(mention.start, event.sentence.start), mention.end)
        since = [i for i, w in enumerate(words) if w in self.cues.since_words]
        return bool(since) and any(w in self.cues.record_words for w in words[: since[-1]])

    def _reported(self, mention: DateMention, event: Event) -> bool:
        """A report's date: a report cue before the date in its segment (after the event), or in the segment before
        a segment that holds only the date ("Mengutip Reuters, Jumat (1/10/2025), …")."""
        return self._cited(mention, event.sentence, event.evidence.start, event.evidence.end)

    def _cited(self, mention: DateMention, sentence: Sentence, event_start: int = -1, event_end: int = -1) -> bool:
        segment = self._segment_start(mention.start, sentence.start)
        floor = max(segment, event_end if event_end <= mention.start else segment)
        if self._report_cue(floor, mention.start):
            return True
        previous = self._segment_before(sentence.start, segment)
        if previous is None or not self._adjunct(segment, self._segment_end(segment, sentence.end)):
            return False
        return not previous[0] <= event_start < previous[1] and self._report_cue(*previous)

    def _report_cue(self, start: int, end: int) -> bool:
        return any(w in self.cues.report_cues for w in self.words.folded(start, end))

    def _segment_end(self, offset: int, ceiling: int) -> int:
        ends = [i for i in (self.text.find(sep, offset, ceiling) for sep in _SEPARATORS) if i >= 0]
        return min(ends, default=ceiling)

    def _other_clause(self, mention: DateMention, event: Event) -> bool:
        """A date in a relative or subordinate clause ("…, yang ditandatangani pada 2015, …") without the event."""
        segment = self._segment_start(mention.start, event.sentence.start)
        if segment <= event.evidence.start < mention.start:
            return False
        return self._opened_clause(mention, segment)

    def _after_marker(self, mention: DateMention, event: Event) -> bool:
        """ "sepakat memulihkan hubungan yang terputus sejak 2016": a relative or subordinate clause opens between
        the event and the date (the date's own preposition, "sejak", is not such an opening). A day of the news
        itself still dates the clause's event: "menyerang … wilayah yang dikuasai Pakistan pada Rabu (7/5)"."""
        if mention.start < event.evidence.end or self._news_day(mention):
            return False
        words = self.words.folded(event.evidence.end, mention.start)
        if words and words[-1] in self.cues.year_prepositions | self.cues.since_words:
            words.pop()
        return any(w in self.cues.clause_markers for w in words)

    def _news_day(self, mention: DateMention) -> bool:
        """A whole day at most `lead_window_days` before the report."""
        if not self.report or not mention.value or len(mention.value) != 10:
            return False
        day, report = date.fromisoformat(mention.value), date.fromisoformat(self.report)
        return report - timedelta(days=self.cues.lead_window_days) <= day <= report

    def _opened_clause(self, mention: DateMention, segment: int) -> bool:
        return any(w in self.cues.clause_markers for w in self.words.folded(segment, mention.start))

    def _segment_start(self, offset: int, floor: int) -> int:
        return max(floor, *(self.text.rfind(sep, floor, offset) + 1 for sep in _SEPARATORS))

    def _modifies_noun(self, mention: DateMention) -> bool:
        """A year written out without a temporal preposition before it: "Pilpres 2024", "UUD 1945"."""
        if mention.value is None or len(mention.value) != 4 or not any(c.isdigit() for c in mention.text):
            return False
        words = self.words.folded(mention.start - 40, mention.start)
        opener = next(iter(self.words.texts(mention.start, mention.end)), "")
        if opener.lower() in self.cues.year_prepositions and not opener.isdigit():
            return False  # "sejak 2014", "tahun 2010" inside the expression
        return not words or words[-1] not in self.cues.year_prepositions

    def _after_report(self, value: str) -> bool:
        anchor = self.doc.published or (self.lead_date.value if self.lead_date else None)
        return anchor is not None and value > anchor[: len(value)]

    def _best(self, mentions: list[DateMention], event: Event) -> DateMention | None:
        """The valued date nearest the event phrase (before it on a tie: "pada Senin bertemu" and
        "bertemu pada Senin" both read it)."""
        valued = [d for d in mentions if d.value]
        return min(valued, key=lambda d: (_distance(d, event), d.start), default=None)

    def precision(self, mention: DateMention) -> str:
        """day, week, month or year: a week's expression ("pekan lalu", "dua minggu lalu") is a week's, whatever
        value it resolved to; a day name ("Minggu") is a day."""
        by_unit = not (mention.rule or "").startswith("weekday.")
        if by_unit and any(w in self.cues.week_words for w in self.words.folded(mention.start, mention.end)):
            return "week"
        return {10: "day", 7: "month"}.get(len(mention.value or ""), "year")

    # --- the lead and the report --------------------------------------------------------------------------

    def _lead_date(self) -> DateMention | None:
        """The dateline's day, else the first whole day the lead gives that is not a report's date and lies close
        before the report (without a publication date, only a day written out in full)."""
        line = self.doc.dateline
        if line is not None:
            for mention in self.doc.dates:
                if line.start <= mention.start < line.end and self._whole_day(mention):
                    return mention
        for sentence in self.lead:
            for mention in self._mentions(sentence.start, sentence.end):
                if (
                    self._whole_day(mention)
                    and self._near_report(mention.value or "")
                    and not self._aside(mention, sentence)
                    and ":future_cue" not in (mention.rule or "")
                ):
                    return mention
        return None

    def _whole_day(self, mention: DateMention) -> bool:
        return (
            bool(mention.value) and len(mention.value or "") == 10 and (bool(self.doc.published) or _absolute(mention))
        )

    def _aside(self, mention: DateMention, sentence: Sentence) -> bool:
        """A report's date, or a date in a relative or subordinate clause: not the date of the news."""
        return self._cited(mention, sentence) or self._opened_clause(
            mention, self._segment_start(mention.start, sentence.start)
        )

    def _near_report(self, value: str) -> bool:
        if not self.doc.published:
            return True
        try:
            day, published = date.fromisoformat(value), date.fromisoformat(self.doc.published[:10])
        except ValueError:
            return False
        return published - timedelta(days=self.cues.lead_window_days) <= day <= published

    def _cited_date(self) -> DateMention | None:
        """The date of a report the article cites ("dilansir Al Jazeera, Minggu (16/11/2025)")."""
        for mention in self.doc.dates:
            sentence = self.doc.sentence_at(mention.start)
            if self._whole_day(mention) and sentence and self._cited(mention, sentence):
                return mention
        return None

    def _report_date(self) -> str | None:
        """The publication date; without one, the date of the report the article cites, else the lead's date
        (the news is of that day)."""
        if self.doc.published:
            return self.doc.published[:10]
        found = self.cited or self.lead_date
        return found.value if found else None


def _lead_sentences(doc: Document, count: int) -> list[Sentence]:
    return doc.sentences[:count]


def _absolute(mention: DateMention) -> bool:
    """The expression writes its year out ("30 September 2015", "(14/3/2023)"): no anchor went into its value."""
    return _YEAR.search(mention.text) is not None


def _distance(mention: DateMention, event: Event) -> int:
    return _gap(mention, event.evidence.start, event.evidence.end)


def _gap(mention: DateMention, start: int, end: int) -> int:
    if mention.end <= start:
        return start - mention.end
    return max(0, mention.start - end)
