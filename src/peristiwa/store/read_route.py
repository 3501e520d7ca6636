"""`peristiwa query …` on a database that a running server owns: the question goes to the server's read API.

While `peristiwa serve --db F` holds F, no other process can open it, not even to read; the server answers
the same questions over HTTP (GET /v1/…), from the same query functions. `api.query` asks here first.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from peristiwa.store.errors import BadQuery, ServerUnreachable
from peristiwa.store.sidecar import Sidecar

READ_TIMEOUT = 120.0
PAGE = 1000  # the server's largest page (server/deps.py, MAX_LIMIT)
EVENT_FILTERS = ("actor", "source", "target", "type", "quad", "since", "until", "text", "place")


def served_query(served: Sidecar, what: str, options: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows `api.query(db, what, **options)` gives, asked of the server that owns the file."""
    with httpx.Client(base_url=served.url, timeout=READ_TIMEOUT) as client:
        ask = _Asker(served, client)
        if what == "events":
            return ask.events(options)
        if what == "dyad":
            both = "true" if options.get("both") else "false"
            path = f"/v1/dyads/{_part(options['source'])}/{_part(options['target'])}/timeline"
            return list(ask(path, {"both": both})["months"])
        if what == "actor":
            return [ask(f"/v1/actors/{_part(options['id'])}", {})]
        if what == "story":
            return [ask(f"/v1/stories/{_part(options['id'])}", {})]
        if what == "counts":
            return [ask("/v1/health", {})["counts"]]
        if what in ("stories", "quotes"):
            params = {
                "limit": options.get("limit", 100),
                **({"speaker": options["speaker"]} if what == "quotes" else {}),
            }
            return list(ask(f"/v1/{what}", params)["items"])
    raise BadQuery(served.db, f"unknown query {what!r}")


def _part(value: Any) -> str:
    return quote(str(value), safe="")


class _Asker:
    def __init__(self, served: Sidecar, client: httpx.Client) -> None:
        self.served = served
        self.client = client

    def __call__(self, path: str, params: dict[str, Any]) -> Any:
        try:
            response = self.client.get(path, params={k: v for k, v in params.items() if v is not None})
        except httpx.TransportError as error:
            raise ServerUnreachable(
                self.served.db,
                f"is owned by {self.served.describe()}, which does not answer ({error}); wait for it, or stop it "
                f"(kill {self.served.pid}) and query the file directly",
            ) from error
        if response.status_code >= 400:
            try:
                message = str(response.json()["error"]["message"])
            except (ValueError, KeyError, TypeError):
                message = response.text[:300]
            raise BadQuery(self.served.db, f"{self.served.describe()} answered {response.status_code}: {message}")
        return response.json()

    def events(self, options: dict[str, Any]) -> list[dict[str, Any]]:
        """Events page by page (by cursor) up to the limit asked for."""
        wanted = int(options.get("limit", 100))
        params = {name: options.get(name) for name in EVENT_FILTERS}
        rows: list[dict[str, Any]] = []
        cursor = None
        while len(rows) < wanted:
            answer = self("/v1/events", {**params, "limit": min(PAGE, wanted - len(rows)), "cursor": cursor})
            rows += answer["items"]
            cursor = answer.get("next_cursor")
            if not cursor:
                break
        return rows
