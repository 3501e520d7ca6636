"""Turn one extract record (DESIGN §3) into rows of the mention tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

Row = tuple[Any, ...]
Record = dict[str, Any]

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id",
        "source_key",
        "path",
        "url",
        "outlet",
        "format",
        "language",
        "title",
        "published",
        "byline",
        "text",
        "problems",
        "dup_of",
        "story_id",
    ),
    "removed": ("article_id", "seq", "text", "reason", "rule"),
    "entities": ("article_id", "entity_id", "name", "type", "actor", "role", "sector", "kb_id", "corrected"),
    "entity_mentions": ("article_id", "entity_id", "start_char", "end_char", "text"),
    "quotes": (
        "article_id",
        "seq",
        "speaker",
        "speaker_id",
        "text",
        "start_char",
        "end_char",
        "direct",
        "cue",
        "corrected",
    ),
    "dates": ("article_id", "seq", "text", "start_char", "end_char", "value", "corrected"),
    "places": ("article_id", "seq", "name", "geonameid", "lat", "lon", "country", "feature", "mentions", "first_start"),
    "event_mentions": (
        "article_id",
        "mention_id",
        "type",
        "mode",
        "source",
        "target",
        "source_entity",
        "target_entity",
        "negated",
        "modality",
        "date",
        "location_name",
        "location_country",
        "lat",
        "lon",
        "location_precision",
        "magnitude",
        "magnitude_unit",
        "evidence_start",
        "evidence_end",
        "evidence_text",
        "quad",
        "score",
        "cameo",
        "rule",
        "event_id",
        "date_source",
        "date_precision",
        "location_source",
        "corrected",
    ),
}
MENTION_TABLES = tuple(COLUMNS)


def source_key(record: Record) -> str:
    """What identifies "the same article" across versions: its URL, else its file (and line in it)."""
    source = record.get("source") or {}
    if source.get("url"):
        return str(source["url"])
    if source.get("path"):
        line = source.get("line")
        return f"{source['path']}:{line}" if line else str(source["path"])
    return f"id:{record['id']}"


def parse_day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def record_rows(record: Record) -> dict[str, list[Row]]:
    """All rows one article contributes, keyed by table name."""
    aid = record["id"]
    return {
        "articles": [_article_row(record)],
        "removed": [
            (aid, i, r.get("text"), r.get("reason"), r.get("rule")) for i, r in enumerate(record.get("removed") or [])
        ],
        "entities": [_entity_row(aid, e) for e in record.get("entities") or []],
        "entity_mentions": list(_entity_mentions(aid, record.get("entities") or [])),
        "quotes": [
            (
                aid,
                i,
                q.get("speaker"),
                q.get("speaker_id"),
                q.get("text"),
                q.get("start"),
                q.get("end"),
                bool(q.get("direct")),
                q.get("cue"),
                bool(q.get("corrected")),
            )
            for i, q in enumerate(record.get("quotes") or [])
        ],
        "dates": [
            (aid, i, d.get("text"), d.get("start"), d.get("end"), d.get("value"), bool(d.get("corrected")))
            for i, d in enumerate(record.get("dates") or [])
        ],
        "places": [
            (
                aid,
                i,
                p.get("name"),
                p.get("geonameid"),
                p.get("lat"),
                p.get("lon"),
                p.get("country"),
                p.get("feature"),
                len(p.get("mentions") or []),
                min((m.get("start") for m in p.get("mentions") or []), default=None),
            )
            for i, p in enumerate(record.get("places") or [])
        ],
        "event_mentions": [_event_row(aid, i, e) for i, e in enumerate(record.get("events") or [])],
    }


def _article_row(record: Record) -> Row:
    source = record.get("source") or {}
    problems = [f"{p.get('stage')}: {p.get('message')}" for p in record.get("problems") or []]
    return (
        record["id"],
        source_key(record),
        source.get("path"),
        source.get("url"),
        source.get("outlet"),
        source.get("format"),
        record.get("language"),
        record.get("title"),
        parse_day(record.get("published")),
        record.get("byline"),
        record.get("text") or "",
        problems,
        record["id"],
        record["id"],
    )


def _entity_row(aid: str, entity: Record) -> Row:
    return (
        aid,
        entity.get("id"),
        entity.get("name"),
        entity.get("type"),
        entity.get("actor"),
        entity.get("role"),
        entity.get("sector"),
        entity.get("kb_id"),
        bool(entity.get("corrected")),
    )


def _entity_mentions(aid: str, entities: Iterable[Record]) -> Iterable[Row]:
    for entity in entities:
        for mention in entity.get("mentions") or []:
            yield aid, entity.get("id"), mention.get("start"), mention.get("end"), mention.get("text")


_PRECISION = {10: "day", 7: "month", 4: "year"}


def _dated(event: Record) -> tuple[str, str | None]:
    """Date source and precision; a record written before they existed was dated from its clause only."""
    date = event.get("date")
    source = event.get("date_source") or ("clause" if date else "none")
    return source, event.get("date_precision") or (_PRECISION.get(len(date)) if date else None)


# Where each event_mentions column comes from in a record's event (a dotted path into it). The event fields the
# store leaves out on purpose are in EVENT_NOT_STORED: tests/test_record_copies.py fails on any field of
# model.Event that is in neither, so a new field cannot be forgotten here.
EVENT_MENTION_SOURCES: dict[str, str] = {
    "mention_id": "id",
    "type": "type",
    "mode": "mode",
    "source": "source",
    "target": "target",
    "source_entity": "source_entity",
    "target_entity": "target_entity",
    "negated": "negated",
    "modality": "modality",
    "date": "date",
    "location_name": "location.name",
    "location_country": "location.country",
    "lat": "location.lat",
    "lon": "location.lon",
    "location_precision": "location.precision",
    "magnitude": "magnitude.value",
    "magnitude_unit": "magnitude.unit",
    "evidence_start": "evidence.start",
    "evidence_end": "evidence.end",
    "evidence_text": "evidence.text",
    "quad": "quad",
    "score": "score",
    "cameo": "cameo",
    "rule": "rule",
    "date_source": "date_source",
    "date_precision": "date_precision",
    "location_source": "location.source",
    "corrected": "corrected",
}
EVENT_NOT_STORED = ("sentence", "clause", "magnitude.qualifier", "magnitude.text")  # spans re-derivable, words


def _path(record: Record, path: str) -> Any:
    value: Any = record
    for key in path.split("."):
        value = (value or {}).get(key)
    return value


def _event_row(aid: str, index: int, event: Record) -> Row:
    values = {column: _path(event, path) for column, path in EVENT_MENTION_SOURCES.items()}
    values["mention_id"] = str(values["mention_id"] or f"e{index}")
    values["negated"] = bool(values["negated"])
    values["corrected"] = bool(values["corrected"])
    values["modality"] = values["modality"] or "asserted"
    values["date_source"], values["date_precision"] = _dated(event)
    values.update(article_id=aid, event_id=None)  # the event it belongs to is set when stories are merged
    return tuple(values[column] for column in COLUMNS["event_mentions"])
