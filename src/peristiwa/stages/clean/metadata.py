"""Page metadata found while cleaning: published date, byline, origin note, dateline."""

from __future__ import annotations

import re
from pathlib import Path

from peristiwa.dates.published import published_from_text, published_from_url
from peristiwa.model import Dateline, Document
from peristiwa.patterns import load_rules

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def apply_metadata(doc: Document, found: dict[str, str], data_dir: Path) -> None:
    """Fill title, published, byline and origin from page lines first, then from the input's hints."""
    doc.byline = found.get("byline") or doc.hints.get("byline")
    doc.origin = found.get("origin")
    doc.title = doc.title or _clean(doc.hints.get("title"))
    if "published" in found:
        doc.published, doc.published_time = published_from_text(found["published"], data_dir)
    if doc.published is None and doc.hints.get("published"):
        doc.published = _date_hint(str(doc.hints["published"]), data_dir)
    if doc.published is None and doc.source.url:
        doc.published = published_from_url(doc.source.url, data_dir)


def _clean(value: object) -> str | None:
    return str(value).strip() or None if value else None


def _date_hint(value: str, data_dir: Path) -> str | None:
    match = _ISO_DATE.match(value.strip())
    if match:
        return match.group(0)
    return published_from_text(value, data_dir)[0]


def find_dateline(text: str, patterns_file: Path) -> Dateline | None:
    """The dateline that opens the first paragraph ("Brussel – ", "JAKARTA, KOMPAS.com - "), if any."""
    first = text.split("\n", 1)[0]
    for rule in load_rules(patterns_file, key="patterns"):
        match = rule.regex.match(first)
        if match:
            groups = match.groupdict()
            return Dateline(match.group(0).strip(), groups.get("place"), 0, match.end(), groups.get("outlet"))
    return None
