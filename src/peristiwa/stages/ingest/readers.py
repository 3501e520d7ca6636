"""Readers for each input format. Each yields articles or errors, never stops at the first bad item."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura.settings import Document as TrafilaturaDocument
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from peristiwa.errors import InputError, NoArticleBody
from peristiwa.model import Source
from peristiwa.stages.ingest.decode import NotTextError, charset_of, decode_bytes

METADATA_KEYS = ("title", "published", "url", "outlet", "byline")
# JSON Lines are read as UTF-8 keeping undecodable bytes as lone surrogates, so that a line in another encoding
# is refused with its number instead of read with replacement characters.
NOT_UTF8 = "surrogateescape"
_ESCAPED = re.compile("[\udc80-\udcff]")


@dataclass(slots=True)
class RawArticle:
    """Text as it came in, before cleaning, with whatever metadata the container carried."""

    text: str
    source: Source
    hints: dict[str, Any] = field(default_factory=dict)


Item = RawArticle | InputError


def read_html(html: str, source: Source, hints: dict[str, Any] | None = None) -> Item:
    """Main text and page metadata of an HTML page, via trafilatura."""
    where = source.url or source.path or "<html>"
    page_document = trafilatura.bare_extraction(
        html,
        url=source.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
    )
    extracted: dict[str, Any] = page_document.as_dict() if isinstance(page_document, TrafilaturaDocument) else {}
    text = extracted.get("text") or ""
    if not text.strip():
        return NoArticleBody(where)
    page = dict(hints or {})
    for key, meta_key in (
        ("title", "title"),
        ("published", "date"),
        ("outlet", "sitename"),
        ("url", "url"),
        ("byline", "author"),
    ):
        if not page.get(key) and extracted.get(meta_key):
            page[key] = extracted[meta_key]
    source.outlet = source.outlet or page.get("outlet")
    source.url = source.url or page.get("url")
    return RawArticle(text, source, page)


def _record_article(record: dict[str, Any], source: Source, where: str) -> Item:
    hints = {k: record[k] for k in METADATA_KEYS if isinstance(record.get(k), str) and record[k]}
    source.url = hints.get("url")
    source.outlet = hints.get("outlet")
    if isinstance(record.get("text"), str) and record["text"].strip():
        return RawArticle(record["text"], source, hints)
    if isinstance(record.get("html"), str) and record["html"].strip():
        source.format = "html"
        return read_html(record["html"], source, hints)
    return InputError(where, "record has neither a non-empty 'text' nor 'html' field")


def read_jsonl(lines: Iterator[str], path: str, first_line: int = 1) -> Iterator[Item]:
    """Articles of JSON Lines; `first_line` numbers the first of `lines` when they are a slice of the file."""
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        if _ESCAPED.search(line):
            yield InputError(where, "line is not UTF-8 (JSON Lines are UTF-8): convert the file; line skipped")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(where, f"malformed JSON line ({err.msg} at column {err.colno}); line skipped")
            continue
        if not isinstance(record, dict):
            yield InputError(where, 'JSON line is not an object; expected {"text": …} or {"html": …}')
            continue
        yield _record_article(record, Source(path=path, format="jsonl", line=number), where)


def read_csv(text: str, path: str) -> Iterator[Item]:
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"text", "html"} & set(reader.fieldnames):
        yield InputError(path, "CSV has no 'text' or 'html' column (header row required)")
        return
    try:
        for number, row in enumerate(reader, start=2):
            yield _record_article(dict(row), Source(path=path, format="csv", line=number), f"{path}:{number}")
    except csv.Error as err:
        yield InputError(path, f"CSV is malformed after line {reader.line_num}: {err}")


class _GzipEndWatcher:
    """Pass-through reader that follows gzip member boundaries in what warcio reads.

    warcio 1.8 stops quietly at a gzip stream cut mid-member, losing the records after the cut without a word;
    watching the members ourselves lets us report the truncation instead of dropping data silently.
    """

    def __init__(self, stream: io.BufferedIOBase) -> None:
        self._stream = stream
        self._member = zlib.decompressobj(wbits=47)
        self.mid_member = False

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._follow(data)
        return data

    def _follow(self, data: bytes) -> None:
        while data:
            try:
                self._member.decompress(data, 1 << 16)
            except zlib.error:
                return  # not gzip after all: warcio will say so
            self.mid_member = not self._member.eof
            data = self._member.unused_data if self._member.eof else b""
            if self._member.eof:
                self._member = zlib.decompressobj(wbits=47)


def read_warc(stream: io.BufferedIOBase, path: str) -> Iterator[Item]:
    count = 0
    watched = _GzipEndWatcher(stream)
    try:
        for record in ArchiveIterator(watched):
            if record.rec_type != "response":
                continue
            count += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            payload = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0) > 0:
                raise EOFError(f"record {count} ends before its declared length")
            yield _warc_article(payload, path, url, count, _http_charset(record))
        if watched.mid_member:
            raise EOFError("compressed data ends inside a record")
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as err:
        kept = count - 1 if "declared length" in str(err) else count
        yield InputError(
            path, f"WARC is truncated or corrupt after {kept} records ({err}); records before that point were kept"
        )


def _http_charset(record: Any) -> str | None:
    headers = record.http_headers
    return charset_of(headers.get_header("Content-Type")) if headers is not None else None


def _warc_article(payload: bytes, path: str, url: str | None, number: int, charset: str | None = None) -> Item:
    where = f"{path}#{number}" + (f" ({url})" if url else "")
    try:
        html, encoding = decode_bytes(payload, charset)
    except NotTextError as err:
        return InputError(where, str(err))
    return read_html(html, Source(path=path, url=url, format="warc", line=number), _encoding_hint(encoding))


def read_bytes(data: bytes, path: str, suffix: str) -> Iterator[Item]:
    """Dispatch on the file suffix: .txt .html .jsonl .csv (WARC is streamed separately)."""
    try:
        text, encoding = decode_bytes(data)
    except NotTextError as err:
        yield InputError(path, str(err))
        return
    hints = _encoding_hint(encoding)
    if suffix in (".jsonl", ".ndjson"):
        yield from read_jsonl(iter(text.splitlines()), path)
    elif suffix == ".csv":
        yield from read_csv(text, path)
    elif suffix in (".html", ".htm", ".xhtml") or _looks_like_html(text):
        yield read_html(text, Source(path=path, format="html"), hints)
    elif not text.strip():
        yield InputError(path, "file is empty")
    else:
        yield RawArticle(text, Source(path=path, format="txt"), hints)


def _encoding_hint(encoding: str) -> dict[str, Any]:
    return {} if encoding.startswith("utf") else {"encoding": encoding}


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def suffix_of(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-2:] == [".warc", ".gz"]:
        return ".warc.gz"
    return suffixes[-1] if suffixes else ""
