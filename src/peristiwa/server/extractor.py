"""The pipeline, loaded once in the background at startup, and a small cache of records by content."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from peristiwa.errors import InputError
from peristiwa.model import Source, to_record
from peristiwa.settings import Settings
from peristiwa.stages.ingest import RawArticle
from peristiwa.stages.ingest.readers import read_html

Record = dict[str, Any]
LOAD_WAIT = 300.0  # seconds a request waits for the models at startup before it gets a 503
WARM_UP_TEXT = (
    "Jakarta - Menteri Luar Negeri Indonesia bertemu dengan Sekjen PBB di Jenewa pada Rabu (2/3). "
    '"Kami mendukung perdamaian," kata dia.'
)


class PipelineUnavailable(Exception):
    """The pipeline is not loaded (still loading, failed, or switched off)."""


class Extractor:
    def __init__(self, settings: Settings, cache_size: int) -> None:
        self.settings = settings
        self.cache_size = cache_size
        self._pipeline: Any = None
        self._loaded = threading.Event()
        self._failure: str | None = None
        # One thread runs the pipeline (spaCy is not documented as thread-safe), taking requests first come,
        # first served, so that under load every request waits about as long as the others.
        self._runner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="peristiwa-pipeline")
        self._cache: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()  # records as JSON, by content
        self._cache_lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._pipeline is not None

    def load_in_background(self) -> None:
        self._runner.submit(self._load)  # on the thread that will run it; requests queue behind it

    def disable(self, reason: str) -> None:
        self._failure = reason
        self._loaded.set()

    def _load(self) -> None:
        try:
            from peristiwa.pipeline import Pipeline  # heavy import: spaCy and the NER model

            pipeline = Pipeline(self.settings)
            pipeline.process(RawArticle(WARM_UP_TEXT, Source(format="api")))  # loads lazy parts now
            self._pipeline = pipeline
        except Exception as error:  # noqa: BLE001 - reported to every extract request instead
            self._failure = f"the pipeline failed to load ({type(error).__name__}: {error})"
        finally:
            self._loaded.set()

    def use_settings(self, settings: Settings) -> None:
        """Code from now on with `settings` (the database's knowledge overlay changed): the cached records go, and
        the pipeline is rebuilt on its own thread, behind the requests already queued."""
        if settings == self.settings:
            return
        self.settings = settings
        with self._cache_lock:
            self._cache.clear()
        if self._pipeline is not None:
            self._runner.submit(self._rebuild)

    def _rebuild(self) -> None:
        from peristiwa.pipeline import Pipeline

        self._pipeline = Pipeline(self.settings)

    def extract(self, article: dict[str, Any]) -> Record:
        """Run the pipeline on one article given as text or html plus metadata; raise InputError if unreadable
        (NoArticleBody when it holds no article)."""
        return json.loads(self.extract_json(article))  # type: ignore[no-any-return]

    def extract_json(self, article: dict[str, Any]) -> bytes:
        """The record as JSON bytes, from the cache when the same article was extracted recently."""
        key = _cache_key(article)
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        pipeline = self._wait()
        raw = to_raw(article)
        record = self._runner.submit(lambda: to_record(pipeline.extract(raw))).result()
        encoded = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._remember(key, encoded)
        return encoded

    def extract_raw(self, raw: RawArticle) -> Record:
        """The record of an article already read (the watcher's pages), on the pipeline's thread."""
        pipeline = self._wait()
        return self._runner.submit(lambda: to_record(pipeline.extract(raw))).result()  # type: ignore[no-any-return]

    def _wait(self) -> Any:
        if not self._loaded.wait(LOAD_WAIT) or self._pipeline is None:
            raise PipelineUnavailable(self._failure or "the pipeline is still loading; try again in a few seconds")
        return self._pipeline

    def _remember(self, key: tuple[Any, ...], encoded: bytes) -> None:
        if self.cache_size <= 0:
            return
        with self._cache_lock:
            self._cache[key] = encoded
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)


def _cache_key(article: dict[str, Any]) -> tuple[Any, ...]:
    body = article.get("text") or article.get("html") or ""
    kind = "text" if article.get("text") else "html"
    metadata = tuple(article.get(k) for k in ("url", "title", "published", "outlet"))
    return (kind, hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest(), *metadata)


def to_raw(article: dict[str, Any]) -> RawArticle:
    """An API article (text or html, url, title, published, outlet) as the pipeline's raw input."""
    hints = {k: article[k] for k in ("title", "published", "url", "outlet") if article.get(k)}
    source = Source(url=article.get("url"), outlet=article.get("outlet"), format="api")
    if article.get("text"):
        return RawArticle(article["text"], source, hints)
    source.format = "html"
    item = read_html(article.get("html") or "", source, hints)
    if isinstance(item, InputError):
        raise item
    return item
