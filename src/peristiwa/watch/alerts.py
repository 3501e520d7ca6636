"""Webhook delivery of alerts, on a thread of its own so that a slow or dead receiver never holds up ingest.

Each alert is POSTed as JSON with an `Idempotency-Key` header (watch list and event id), so a receiver can
drop a repeat; it is marked delivered on a 2xx answer and tried again, a round later, up to
`watchlists.MAX_ATTEMPTS` times otherwise.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

import httpx

from peristiwa.store import watchlists
from peristiwa.store.watch_state import utc_now
from peristiwa.watch.watcher import Database

RETRY_EVERY = 30.0  # seconds between delivery rounds when nothing new signals one
TIMEOUT = 5.0


class Notifier:
    def __init__(self, db: Database, log: Callable[[str], None], retry_every: float = RETRY_EVERY) -> None:
        self.db = db
        self.log = log
        self.retry_every = retry_every
        self._wake = threading.Event()
        self._client = httpx.Client(timeout=TIMEOUT, follow_redirects=False)

    def wake(self) -> None:
        """New alerts are waiting: deliver them now rather than at the next round."""
        self._wake.set()

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.deliver()
            except Exception as error:  # noqa: BLE001 - the thread outlives a bad round (a locked file …)
                self.log(f"error: alert delivery failed ({type(error).__name__}: {error}); trying again")
            self._wake.wait(self.retry_every)
            self._wake.clear()
        self._client.close()

    def deliver(self) -> int:
        """One round: POST every pending alert once; return how many were taken."""
        delivered = 0
        for name, event_id, webhook, body in self.db.read(watchlists.undelivered):
            error = self._post(webhook, body, f"{name}:{event_id}")
            if error:
                self.log(f"error: webhook {webhook} for watch list {name!r}: {error}")
            else:
                delivered += 1
            self.db.run(
                partial(watchlists.record_delivery, watchlist=name, event_id=event_id, error=error, now=utc_now())
            )
        return delivered

    def _post(self, url: str, body: str, key: str) -> str | None:
        try:
            response = self._client.post(
                url, content=body, headers={"Content-Type": "application/json", "Idempotency-Key": key}
            )
        except httpx.HTTPError as error:
            return f"not delivered ({type(error).__name__}: {error})"
        if 200 <= response.status_code < 300:
            return None
        return f"not delivered (the receiver answered {response.status_code})"
