"""The app factory: routes, error shape, body limit, security headers, static files, startup."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from peristiwa import __version__
from peristiwa.server import routes_knowledge, routes_read, routes_watch, routes_write
from peristiwa.server.config import ServerOptions, check_exposure, write_hosts
from peristiwa.server.errors import install_handlers
from peristiwa.server.extractor import Extractor
from peristiwa.server.middleware import BodyLimit, SecurityHeaders
from peristiwa.server.static import mount_static
from peristiwa.server.store import ServerStore
from peristiwa.server.watching import ServerWatch
from peristiwa.settings import Settings
from peristiwa.store import knowledge
from peristiwa.store.sidecar import remove_sidecar, write_sidecar
from peristiwa.watch.watcher import WatchOptions

DESCRIPTION = (
    "Indonesian news turned into source-linked PLOVER event data. Reads are open; POST routes need "
    "`Authorization: Bearer <token>` when the server has a token. Errors always have the shape "
    '`{"error": {"code", "message", "detail"}}`.'
)


def create_app(
    db: Path,
    settings: Settings | None = None,
    token: str | None = None,
    options: ServerOptions | None = None,
) -> FastAPI:
    """A FastAPI app serving `db`; raises ServerConfigError for a public host without a token."""
    options = options or ServerOptions()
    check_exposure(options.host, token)
    settings = settings or Settings()
    store = ServerStore(Path(db), settings)
    extractor = Extractor(settings, options.extract_cache)
    watch = ServerWatch(store, extractor, options.watch, WatchOptions(interval=options.watch_interval))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        store.open()  # fails before the first request if the file cannot be opened
        extractor.settings = store.read(lambda con: knowledge.with_overlay(con, extractor.settings))  # analysts' KB
        if options.url:  # other processes find the owner of the file here (docs/store.md)
            write_sidecar(Path(db), options.url, options.max_body, token is not None)
        if options.load_pipeline:
            extractor.load_in_background()  # reads are served meanwhile; extract waits for it
        else:
            extractor.disable("this server was started without the pipeline (load_pipeline=False)")
        watch.start()  # follows the --watch sources, if any, and delivers watch-list alerts
        try:
            yield
        finally:
            watch.stop()
            remove_sidecar(Path(db))
            store.close()

    app = FastAPI(
        title="Peristiwa API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    _add_offline_docs(app)
    app.state.store = store
    app.state.watch = watch
    app.state.extractor = extractor
    app.state.token = token
    app.state.write_hosts = write_hosts(options)
    install_handlers(app)
    app.include_router(routes_read.router)
    app.include_router(routes_write.router)
    app.include_router(routes_knowledge.reads)
    app.include_router(routes_knowledge.writes)
    app.include_router(routes_watch.router)
    mount_static(app, options.static_dir)
    app.add_middleware(BodyLimit, max_body=options.max_body)
    app.add_middleware(SecurityHeaders)  # added last, so outermost: also covers 413s and errors
    return app


def _add_offline_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from our vendored copy (web/static/vendor/swagger-ui): FastAPI's default loads it
    from a CDN, which an offline machine cannot reach."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Peristiwa API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/img/favicon.svg",
        )
