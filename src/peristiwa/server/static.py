"""The web UI's files (`peristiwa/web/static/`, by default): `index.html` at `/`, the rest at `/static/...`."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles


def mount_static(app: FastAPI, folder: Path) -> None:
    index = folder / "index.html"
    if folder.is_dir():
        app.mount("/static", StaticFiles(directory=folder), name="static")

    @app.get("/", include_in_schema=False, response_model=None)
    def home() -> FileResponse | JSONResponse:
        if index.is_file():
            return FileResponse(index, media_type="text/html; charset=utf-8")
        return JSONResponse(
            {
                "message": "Peristiwa API: the routes are under /v1, documented at /docs "
                "and /openapi.json (no web UI files are installed)"
            }
        )
