"""Check a gold file against its raw articles: the mechanical rules of corpus/GUIDELINE.md.

    python scripts/check_gold.py GOLD.jsonl RAW_DIR

Prints one line per problem (document id, layer, what is wrong) and exits 1 when there is any.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
ENTITY_TYPES = frozenset({"PER", "ORG", "GPE", "LOC", "EVENT"})
ISO_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
OPENING_QUOTES = '"“”„«'


def valid_value(value: str | None) -> bool:
    if value is None:
        return True
    if not ISO_VALUE.match(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def check_entities(doc: dict, raw: str) -> list[str]:
    problems = []
    for ent in doc.get("entities", []):
        if ent.get("type") not in ENTITY_TYPES:
            problems.append(f"entity {ent.get('name')!r}: type {ent.get('type')!r}")
        for alias in ent.get("aliases", []):
            if not re.search(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", raw):
                problems.append(f"entity alias {alias!r} not in the text as a whole word")
    return problems


def check_quotes(doc: dict, raw: str, names: set[str]) -> list[str]:
    problems = []
    for quote in doc.get("quotes", []):
        start = quote.get("start", "")
        if start not in raw:
            problems.append(f"quote start {start!r} not in the text")
            continue
        if quote.get("speaker") is not None and quote["speaker"] not in names:
            problems.append(f"quote speaker {quote['speaker']!r} is not an entity name")
        before = raw[max(0, raw.index(start) - 1) : raw.index(start)]
        if quote.get("direct") and before not in OPENING_QUOTES:
            problems.append(f"direct quote {start!r} does not follow an opening quotation mark")
    return problems


def check_events(doc: dict, raw: str, codes: set[str]) -> list[str]:
    problems = []
    seen: set[tuple] = set()
    for event in doc.get("events", []):
        label = f"event {event.get('source')} {event.get('type')} {event.get('target')}"
        if event.get("type") not in PLOVER_TYPES:
            problems.append(f"{label}: type is not one of PLOVER's 16")
        for role in ("source", "target"):
            code = event.get(role)
            if code is not None and code not in codes:
                problems.append(f"{label}: {role} {code!r} is the actor of no entity")
        evidence = event.get("evidence", "")
        if evidence not in raw:
            problems.append(f"{label}: evidence {evidence!r} not in the text")
        if not valid_value(event.get("date")):
            problems.append(f"{label}: date {event.get('date')!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        key = (event.get("source"), event.get("type"), event.get("target"), evidence)
        if key in seen:
            problems.append(f"{label}: coded twice with the same evidence")
        seen.add(key)
    return problems


WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def check_dates(doc: dict, raw: str) -> list[str]:
    problems = []
    for date in doc.get("dates", []):
        text, value = date.get("text", ""), date.get("value")
        if text not in raw:
            problems.append(f"date {text!r} not in the text")
        if not valid_value(value):
            problems.append(f"date {text!r}: value {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            continue
        day = next((i for i, name in enumerate(WEEKDAYS) if name.lower() in text.lower()), None)
        if day is not None and value and len(value) == 10 and dt.date.fromisoformat(value).weekday() != day:
            problems.append(f"date {text!r}: {value} is not a {WEEKDAYS[day]}")
    return problems


def check_document(doc: dict, raw: str) -> list[str]:
    names = {e.get("name") for e in doc.get("entities", [])}
    codes = {e.get("actor") for e in doc.get("entities", []) if e.get("actor")}
    problems = check_entities(doc, raw) + check_quotes(doc, raw, names)
    problems += check_events(doc, raw, codes) + check_dates(doc, raw)
    for field in ("boilerplate", "body_must_keep"):
        problems += [f"{field} {s!r} not in the text" for s in doc.get(field, []) if s not in raw]
    if doc.get("title") and doc["title"] not in raw:
        problems.append("title not in the text")
    if not valid_value(doc.get("published")):
        problems.append(f"published {doc.get('published')!r} is not a date")
    return problems


def main(gold_path: str, raw_dir: str) -> int:
    failed = 0
    for number, line in enumerate(Path(gold_path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        doc = json.loads(line)
        raw_file = Path(raw_dir) / doc.get("source_file", "")
        if not raw_file.is_file():
            print(f"line {number} {doc.get('id')}: no raw file {raw_file}")
            failed += 1
            continue
        for problem in check_document(doc, raw_file.read_text(encoding="utf-8")):
            print(f"{doc.get('id')}: {problem}")
            failed += 1
    print(f"{failed} problem(s)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
