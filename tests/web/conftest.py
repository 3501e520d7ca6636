"""A real server on a real DuckDB file (the seed articles plus a hostile one) and a real headless Chromium.

The browser tests skip, saying why, when Debian's chromium or the playwright package is missing
(`scripts/test.sh` installs chromium when it runs as root).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from peristiwa.api import Peristiwa
from peristiwa.model import to_record
from peristiwa.pipeline import Pipeline
from peristiwa.settings import PACKAGE_DIR, Settings
from peristiwa.stages.ingest import RawArticle, read_inputs

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile.txt"
SYNDICATED = HOSTILE.with_name("syndicated.txt")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path("/tmp/peristiwa-web-screenshots")


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """The five seeds, the hostile and the syndicated article, through the pipeline and the store."""
    db = tmp_path_factory.mktemp("web") / "web.duckdb"
    inputs = [str(PACKAGE_DIR / "samples"), str(HOSTILE), str(SYNDICATED)]
    raws = [r for r in read_inputs(inputs, Settings().max_bytes) if isinstance(r, RawArticle)]
    assert len(raws) == 7, "the seeds and the two test articles should all be readable"
    Peristiwa(db).ingest_records([to_record(pipeline.process(raw)) for raw in raws])
    return db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """`create_app` on `db` under uvicorn in a thread, on a free loopback port; yields its address."""
    with app_serving(db) as (url, _):
        yield url


@contextmanager
def app_serving(db: Path) -> Iterator[tuple[str, Any]]:
    """Like `serving`, but also yields the app, so a test can write through the server's own store."""
    import uvicorn

    from peristiwa.server.app import create_app
    from peristiwa.server.config import ServerOptions

    app = create_app(db, options=ServerOptions(load_pipeline=False))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url)
        yield url, app
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def base_url(web_db: Path) -> Iterator[str]:
    with serving(web_db) as url:
        yield url


def _wait_until_up(url: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server at {url} did not answer /v1/health within {seconds}s")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watch:
    """What a page did that a test should fail on: script errors, dialogs, requests off this machine."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


@pytest.fixture()
def watch() -> Watch:
    return Watch()


@pytest.fixture()
def page(browser: Any, base_url: str, watch: Watch) -> Iterator[Any]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1360, "height": 900}, locale="en-US")
    tab = context.new_page()
    tab.on("pageerror", lambda error: watch.errors.append(str(error)))
    tab.on("console", lambda msg: watch.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("dialog", lambda dialog: (watch.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("request", lambda request: None if request.url.startswith(base_url) else watch.outside.append(request.url))
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def open_view(page: Any, hash_path: str, view: str) -> None:
    """Go to `#/...` and wait until the app says that view has finished rendering."""
    page.goto(f"/{hash_path}")
    wait_rendered(page, view)


def wait_rendered(page: Any, view: str) -> None:
    """Wait until `view` has finished rendering for the address the page shows now.

    The hash changes before the app's render starts, so `data-ready` alone may still
    describe the previous render; `data-ready-hash` says which address it was for.
    """
    page.wait_for_function(
        "view => document.body.dataset.ready === view && document.body.dataset.readyHash === location.hash", arg=view
    )


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
