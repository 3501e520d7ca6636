"""Score records against a gold file (format: shared/eval/GOLD_SCHEMA.md).

The metric definitions follow the project's reference scorer (shared/eval/score.py) so that both give the
same figures on the same records; a test checks that they agree.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peristiwa.errors import GoldFileError

Record = dict[str, Any]
_PUNCT = re.compile(r"[“”\"'‘’.,:;!?()\[\]]")


def norm(text: str | None) -> str:
    """Case-, punctuation- and space-insensitive form used to compare names and quote openings."""
    if not text:
        return ""
    text = _PUNCT.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    return re.sub(r"\s+", " ", text).strip()


def squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip()


@dataclass(slots=True)
class Counts:
    """True positives, system items, gold items; precision is computed on its own where it differs."""

    tp: float = 0
    sys: float = 0
    gold: float = 0
    sys_ok: float | None = None  # system items judged correct, when that differs from tp

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.sys += other.sys
        self.gold += other.gold
        if other.sys_ok is not None:
            self.sys_ok = (self.sys_ok or 0) + other.sys_ok
        return self

    def scores(self) -> dict[str, float]:
        ok = self.tp if self.sys_ok is None else self.sys_ok
        p = ok / self.sys if self.sys else (1.0 if self.gold == 0 else 0.0)
        r = self.tp / self.gold if self.gold else 1.0
        if self.sys_ok is not None:
            # The reference scorer takes this F1 from precision and recall already rounded; ours must agree.
            p, r = round(p, 3), round(r, 3)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(f, 3),
            "tp": self.tp,
            "sys": self.sys,
            "gold": self.gold,
        }


def load_gold(path: Path) -> list[Record]:
    golds: list[Record] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            gold = json.loads(line)
        except json.JSONDecodeError as err:
            raise GoldFileError(f"{path}:{number}: not valid JSON ({err.msg}); fix the line") from err
        if not isinstance(gold, dict) or "source_file" not in gold:
            raise GoldFileError(f"{path}:{number}: a gold record needs at least 'id' and 'source_file'")
        golds.append(gold)
    return golds


def record_key(record: Record) -> str:
    source = record.get("source") or {}
    path = source.get("path") if isinstance(source, dict) else None
    return Path(str(path or record.get("source_file") or record.get("id") or "")).name


def _aliases(entity: Record) -> set[str]:
    return {norm(a) for a in [entity["name"], *entity.get("aliases", [])] if a}


def _surfaces(entity: Record) -> set[str]:
    names = {norm(entity.get("name"))} | {norm(m.get("text")) for m in entity.get("mentions") or []}
    return {n for n in names if n}


def score_cleaning(gold: Record, record: Record) -> dict[str, Counts]:
    text = record.get("text") or ""
    flat, normal = squash(text), norm(text)
    boilerplate = gold.get("boilerplate", [])
    keep = gold.get("body_must_keep", [])
    removed = sum(1 for b in boilerplate if squash(b) not in flat)
    kept = sum(1 for k in keep if norm(k) in normal)
    return {
        "boilerplate_removed": Counts(removed, len(boilerplate), len(boilerplate)),
        "body_kept": Counts(kept, len(keep), len(keep)),
    }


def score_entities(gold: Record, record: Record) -> dict[str, Counts]:
    golds, found = gold.get("entities", []), record.get("entities") or []
    every_alias = set().union(*(_aliases(e) for e in golds)) if golds else set()
    hit = sum(1 for e in golds if any(_aliases(e) & _surfaces(s) for s in found))
    correct = sum(1 for s in found if _surfaces(s) & every_alias)
    persons = [e for e in golds if e["type"] == "PER" and e.get("actor")]
    coded = sum(
        1 for e in persons if any((s.get("actor") or "") == e["actor"] for s in found if _aliases(e) & _surfaces(s))
    )
    return {
        "entities": Counts(hit, len(found), len(golds), sys_ok=correct),
        "person_actor": Counts(coded, len(persons), len(persons)),
    }


def score_quotes(gold: Record, record: Record) -> dict[str, Counts]:
    aliases = {e["name"]: _aliases(e) for e in gold.get("entities", [])}
    quotes = record.get("quotes") or []
    used: set[int] = set()
    used_span: set[int] = set()
    with_speaker = spans = 0
    for quote in gold.get("quotes", []):
        start = norm(quote["start"])
        speaker = aliases.get(quote["speaker"], {norm(quote["speaker"])}) if quote.get("speaker") else {""}
        hits = [i for i, q in enumerate(quotes) if start in norm(q.get("text"))[: len(start) + 40]]
        free = [i for i in hits if i not in used_span]
        if free:
            used_span.add(free[0])
            spans += 1
        match = next((i for i in hits if i not in used and norm(quotes[i].get("speaker")) in speaker), None)
        if match is not None:
            used.add(match)
            with_speaker += 1
    n_gold = len(gold.get("quotes", []))
    return {"quotes": Counts(with_speaker, len(quotes), n_gold), "quote_spans": Counts(spans, len(quotes), n_gold)}


def score_dates(gold: Record, record: Record) -> dict[str, Counts]:
    golds = [d for d in gold.get("dates", []) if d.get("value")]
    found = [(norm(d.get("text")), d.get("value")) for d in record.get("dates") or []]
    ok = sum(
        1
        for d in golds
        if any(
            text and value == d["value"] and (norm(d["text"]) in text or text in norm(d["text"]))
            for text, value in found
        )
    )
    return {"date_values": Counts(ok, len(golds), len(golds))}


def _event_key(event: Record) -> tuple[Any, ...]:
    return (event.get("source"), event.get("type"), event.get("target"), bool(event.get("negated")))


def score_events(gold: Record, record: Record) -> dict[str, Counts]:
    golds = Counter(_event_key(e) for e in gold.get("events", []))
    found = Counter(_event_key(e) for e in record.get("events") or [])
    gold_dyads = Counter((k[0], k[2]) for k in golds.elements())
    found_dyads = Counter((k[0], k[2]) for k in found.elements())
    return {
        "events": Counts(sum((golds & found).values()), found.total(), golds.total()),
        "event_dyads": Counts(sum((gold_dyads & found_dyads).values()), found_dyads.total(), gold_dyads.total()),
        "event_dates": _event_dates(gold, record),
    }


def _event_dates(gold: Record, record: Record) -> Counts:
    """Of the gold events that carry a date and whose key was found, those found with the same date (each
    system event counted once), as score.py's `event_date_acc`: an accuracy, read from `r`."""
    dates: dict[tuple[Any, ...], list[str | None]] = {}
    for event in record.get("events") or []:
        dates.setdefault(_event_key(event), []).append(event.get("date"))
    ok = scored = 0
    for event in gold.get("events", []):
        key = _event_key(event)
        if not event.get("date") or key not in dates:
            continue
        scored += 1
        if event["date"] in dates[key]:
            dates[key].remove(event["date"])
            ok += 1
    return Counts(ok, scored, scored)


MISSED, SPURIOUS = "(missed)", "(spurious)"


def event_confusion(gold: Record, record: Record) -> Counter[tuple[str, str]]:
    """(gold type, system type) pairs for events paired by (source, target, negated): the same type first,
    then any type on the same dyad; the rest are missed gold or spurious system events."""
    golds = [_event_key(e) for e in gold.get("events", [])]
    found = [_event_key(e) for e in record.get("events") or []]
    pairs: Counter[tuple[str, str]] = Counter()
    for same_type in (True, False):
        for g in list(golds):
            match = next(
                (f for f in found if (f[0], f[2], f[3]) == (g[0], g[2], g[3]) and (f[1] == g[1]) == same_type), None
            )
            if match is not None:
                golds.remove(g)
                found.remove(match)
                pairs[(g[1], match[1])] += 1
    pairs.update((g[1], MISSED) for g in golds)
    pairs.update((SPURIOUS, f[1]) for f in found)
    return pairs


def score_metadata(gold: Record, record: Record) -> dict[str, Counts]:
    if gold.get("title"):
        title_ok = norm(gold["title"]) == norm(record.get("title"))
    else:
        title_ok = not record.get("title")
    published_ok = gold.get("published") == record.get("published")
    return {"title": Counts(int(title_ok), 1, 1), "published": Counts(int(published_ok), 1, 1)}


SCORERS = (score_cleaning, score_metadata, score_entities, score_quotes, score_dates, score_events)


def score_document(gold: Record, record: Record | None) -> dict[str, Counts]:
    record = record or {}
    result: dict[str, Counts] = {}
    for scorer in SCORERS:
        result.update(scorer(gold, record))
    return result


def score(golds: Iterable[Record], records: Iterable[Record]) -> dict[str, Any]:
    """Overall and per-document figures; records are matched to gold by source file name."""
    by_key = {record_key(r): r for r in records}
    per_doc: dict[str, dict[str, Counts]] = {}
    overall: dict[str, Counts] = {}
    missing = []
    confusion: Counter[tuple[str, str]] = Counter()
    for gold in golds:
        record = by_key.get(gold["source_file"])
        confusion += event_confusion(gold, record or {})
        if record is None:
            missing.append(gold.get("id", gold["source_file"]))
        per_doc[str(gold.get("id", gold["source_file"]))] = counts = score_document(gold, record)
        for name, value in counts.items():
            overall.setdefault(name, Counts())
            overall[name] += value
    return {
        "overall": {k: v.scores() for k, v in overall.items()},
        "per_doc": {d: {k: v.scores() for k, v in c.items()} for d, c in per_doc.items()},
        "missing": missing,
        "event_confusion": [{"gold": g, "system": s, "count": n} for (g, s), n in sorted(confusion.items())],
    }
