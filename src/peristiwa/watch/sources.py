"""What a watched source lists: the article URLs of an RSS/Atom feed or a news sitemap, or the page itself.

The user names sources as URLs or as files listing them; what a URL holds is told from its content (a
feed, a sitemap, or an HTML page, which is then one article), not from its name.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import feedparser

from peristiwa.stages.ingest.decode import charset_of
from peristiwa.watch.fetch import Fetched

_SITEMAP = re.compile(rb"<(?:\w+:)?(urlset|sitemapindex)\b", re.IGNORECASE)
_LOC = re.compile(r"<(?:\w+:)?loc>\s*(?:<!\[CDATA\[)?\s*([^<\s\]]+)", re.IGNORECASE)
_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b)", re.IGNORECASE | re.DOTALL)
_FEED = re.compile(rb"<(?:\w+:)?(rss|feed|rdf:RDF)\b", re.IGNORECASE)


class ListingError(Exception):
    """The source's content is neither a feed, a sitemap nor a page."""


@dataclass(frozen=True, slots=True)
class Listing:
    kind: str  # feed | sitemap | sitemapindex | page
    urls: tuple[str, ...]  # articles, newest first as the source orders them (child sitemaps for an index)


def read_listing(fetched: Fetched) -> Listing:
    """The URLs `fetched` lists; raise ListingError saying why there are none to be had."""
    head = fetched.body[:2048]
    found = _SITEMAP.search(head)
    if found:
        return _sitemap(fetched.body, found.group(1).decode().lower())
    kind = (fetched.content_type or "").split(";")[0].strip().lower()
    if (kind in ("text/html", "application/xhtml+xml") and not _FEED.search(head)) or _HTML.match(head):
        return Listing("page", (fetched.url,))
    return _feed(fetched)


def _sitemap(body: bytes, root: str) -> Listing:
    text = body.decode("utf-8", errors="replace")
    urls = tuple(dict.fromkeys(html.unescape(u) for u in _LOC.findall(text)))
    if not urls:
        raise ListingError(f"a sitemap without any <loc> URL ({root})")
    return Listing("sitemapindex" if root == "sitemapindex" else "sitemap", urls)


def _feed(fetched: Fetched) -> Listing:
    headers = {"content-type": fetched.content_type} if charset_of(fetched.content_type) else {}
    parsed = feedparser.parse(fetched.body, response_headers=headers, sanitize_html=False, resolve_relative_uris=True)
    links = tuple(dict.fromkeys(link for entry in parsed.entries if (link := _entry_link(entry))))
    if links:
        return Listing("feed", links)
    if parsed.bozo:
        reason = str(getattr(parsed, "bozo_exception", "") or "unreadable").splitlines()[0]
        raise ListingError(f"not a readable feed, sitemap or page (malformed XML: {reason})")
    if parsed.version:
        return Listing("feed", ())  # a well-formed feed with no items yet
    raise ListingError("neither an RSS/Atom feed, a sitemap nor an HTML page")


def _entry_link(entry: feedparser.FeedParserDict) -> str | None:
    link = entry.get("link") or entry.get("id")
    return link.strip() if isinstance(link, str) and link.strip().startswith(("http://", "https://")) else None


def expand_sources(given: list[str]) -> tuple[list[str], list[str]]:
    """URLs from the user's arguments: URLs as they are, files read for one URL a line ('#' comments).

    Returns the URLs and the problems (a missing file, a line that is no URL), each said once."""
    urls: list[str] = []
    problems: list[str] = []
    for item in given:
        if item.startswith(("http://", "https://")):
            urls.append(item)
            continue
        path = Path(item)
        if not path.is_file():
            problems.append(f"{item}: neither an http(s) URL nor a file listing URLs")
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            entry = line.strip().split()[0] if line.strip() else ""
            if not entry or entry.startswith("#"):
                continue
            if entry.startswith(("http://", "https://")):
                urls.append(entry)
            else:
                problems.append(f"{item}:{number}: {entry!r} is not an http(s) URL; line skipped")
    return list(dict.fromkeys(urls)), problems
