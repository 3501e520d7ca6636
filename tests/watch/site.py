"""A real local news site for the watch tests: an HTTP server on a thread serving feeds, sitemaps and article
pages built from real articles (the bundled samples and the held-out articles), plus broken answers.

Routes are set per test (`site.route(path, …)`); every request is logged, so tests can count fetches.
"""

from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from peristiwa.settings import PACKAGE_DIR

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((PACKAGE_DIR / "samples").glob("*.txt")) + sorted(ROOT.glob("tests/heldout*/raw/*.txt"))


@dataclass
class Answer:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)
    length: bool = True  # send Content-Length (False: the body streams until the connection closes)
    etag: str | None = None  # answer 304 to a request whose If-None-Match is this


class Site:
    def __init__(self, bind: str = "127.0.0.1") -> None:
        self.routes: dict[str, Answer] = {}
        self.requests: list[str] = []
        self.posted: list[tuple[str, dict[str, str], bytes]] = []  # (path, headers, body) of each POST
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                site.serve(self)

            def do_POST(self) -> None:  # noqa: N802
                site.serve(self)

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer((bind, 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def route(self, path: str, answer: Answer) -> str:
        with self.lock:
            self.routes[path] = answer
        return self.url + path

    def fetched(self, path: str) -> int:
        with self.lock:
            return sum(1 for r in self.requests if r == path)

    def serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0)) if handler.command == "POST" else b""
        with self.lock:
            self.requests.append(path)
            answer = self.routes.get(path)
            if handler.command == "POST" and answer is not None and answer.status < 300:
                self.posted.append((path, dict(handler.headers.items()), body))
        if answer is None:
            answer = Answer(b"", 404, "text/plain") if path == "/robots.txt" else Answer(b"not here", 404)
        if answer.delay:
            time.sleep(answer.delay)
        if answer.etag and handler.headers.get("If-None-Match") == answer.etag:
            handler.send_response(304)
            handler.end_headers()
            return
        handler.send_response(answer.status)
        handler.send_header("Content-Type", answer.content_type)
        if answer.etag:
            handler.send_header("ETag", answer.etag)
        for name, value in answer.headers.items():
            handler.send_header(name, value)
        if answer.length:
            handler.send_header("Content-Length", str(len(answer.body)))
        else:
            handler.send_header("Connection", "close")
        handler.end_headers()
        try:
            handler.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (a size limit): expected


def article_text(number: int) -> str:
    return ARTICLES[number].read_text(encoding="utf-8")


def article_page(number: int, encoding: str = "utf-8") -> bytes:
    """A news page around a real article: head, navigation, the article's paragraphs, a footer."""
    lines = [line.strip() for line in article_text(number).splitlines() if line.strip()]
    title = html.escape(lines[0][:90])
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="{encoding}"><title>{title}</title></head>
<body><nav><a href="/">Beranda</a> <a href="/dunia">Dunia</a></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
<footer>Hak cipta dilindungi undang-undang.</footer></body></html>"""
    return page.encode(encoding, errors="strict")


def rss(site_url: str, paths: list[str]) -> bytes:
    """An RSS 2.0 feed listing `paths` (newest first)."""
    items = "\n".join(
        f"<item><title>Berita {n}</title><link>{site_url}{p}</link><guid>{site_url}{p}</guid>"
        f"<pubDate>{formatdate(1_700_000_000 + n * 60, usegmt=True)}</pubDate></item>"
        for n, p in enumerate(paths)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Berita lokal</title><link>{site_url}/</link>
<description>Uji</description>
{items}
</channel></rss>""".encode()


def atom(site_url: str, paths: list[str]) -> bytes:
    entries = "\n".join(
        f'<entry><title>Berita {n}</title><link href="{site_url}{p}"/><id>{site_url}{p}</id>'
        f"<updated>2026-12-0{1 + n % 9}T10:00:00Z</updated></entry>"
        for n, p in enumerate(paths)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom lokal</title><id>{site_url}/atom</id>
<updated>2026-12-07T10:00:00Z</updated>
{entries}
</feed>""".encode()


def sitemap(site_url: str, paths: list[str]) -> bytes:
    urls = "\n".join(
        f"<url><loc>{site_url}{p}</loc><news:news><news:publication_date>2026-12-07</news:publication_date>"
        "</news:news></url>"
        for p in paths
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{urls}
</urlset>""".encode()


XML = "application/rss+xml; charset=utf-8"
COOKIE_BANNER = b"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Berita</title></head><body>
<div class="cookie">Kami menggunakan cookie untuk meningkatkan pengalaman Anda. Dengan melanjutkan, Anda
menyetujui penggunaan cookie. <button>Setuju</button></div></body></html>"""
