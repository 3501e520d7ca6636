"""Fixtures of the watch tests: the local news site, the pipeline as the watcher calls it, quick options."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from peristiwa.model import to_record
from peristiwa.pipeline import Pipeline
from peristiwa.stages.ingest import RawArticle
from peristiwa.store.rows import Record
from peristiwa.watch.fetch import FetchOptions
from peristiwa.watch.watcher import Extract, WatchOptions
from tests.watch.site import Site

# Short waits so that a test of a slow server or a retry takes a second, not a minute.
QUICK = WatchOptions(
    interval=1.0,
    max_backoff=2.0,
    fetch=FetchOptions(timeout=1.0, deadline=3.0, max_bytes=300_000, retries=1, backoff=0.05, host_delay=0.0),
)


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        yield running


@pytest.fixture(scope="session")
def extract(pipeline: Pipeline) -> Extract:
    def run(raw: RawArticle) -> Record:
        return to_record(pipeline.extract(raw))

    return run
