"""The browser UI: a single-page app in plain JavaScript modules, served as static files by the API server.

Nothing here runs in Python; the server mounts `STATIC_DIR` at `/` (see `peristiwa.server`).
"""

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
LABELS_FILE = STATIC_DIR / "i18n" / "labels.json"

__all__ = ["LABELS_FILE", "STATIC_DIR"]
