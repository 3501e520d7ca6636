"""What must hold for any document, whatever went in: every span inside its text, the record serialisable."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

from hypothesis import HealthCheck, settings

from peristiwa.model import Document, to_record

# Modest by default so CI stays fast; PERISTIWA_HYPOTHESIS_EXAMPLES=2000 for a long local hunt.
BUDGET = settings(
    max_examples=int(os.environ.get("PERISTIWA_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _spans(doc: Document) -> Iterator[tuple[str, int, int, str | None]]:
    """(layer, start, end, text the span claims to cover or None) for every span into `doc.text`."""
    yield from (("sentence", s.start, s.end, None) for s in doc.sentences)
    yield from (("token", t.start, t.end, t.text) for t in doc.tokens)
    yield from (("ner", n.start, n.end, n.text) for n in doc.ner)
    yield from (("entity", m.start, m.end, m.text) for e in doc.entities for m in e.mentions)
    yield from (("reference", r.start, r.end, r.text) for r in doc.references)
    yield from (("quote", q.start, q.end, q.text) for q in doc.quotes)
    yield from (
        ("speaker", q.speaker_span.start, q.speaker_span.end, q.speaker_span.text) for q in doc.quotes if q.speaker_span
    )
    yield from (("date", d.start, d.end, d.text) for d in doc.dates)
    yield from (("place", m.start, m.end, m.text) for p in doc.places for m in p.mentions)
    yield from (("evidence", e.evidence.start, e.evidence.end, e.evidence.text) for e in doc.events)
    yield from (("event sentence", e.sentence.start, e.sentence.end, None) for e in doc.events)
    if doc.dateline:
        yield ("dateline", doc.dateline.start, doc.dateline.end, None)


def check_document(doc: Document) -> None:
    """Every span lies inside the text and covers the text it claims; removed lines point into the raw."""
    for layer, start, end, text in _spans(doc):
        assert 0 <= start <= end <= len(doc.text), f"{layer} span {start}:{end} outside 0:{len(doc.text)}"
        assert text is None or doc.text[start:end] == text, f"{layer} {text!r} ≠ {doc.text[start:end]!r}"
    for removed in doc.removed:
        if removed.start is not None and removed.end is not None:
            assert 0 <= removed.start <= removed.end <= len(doc.raw), f"removed {removed.start}:{removed.end}"
    json.dumps(to_record(doc), ensure_ascii=False)
