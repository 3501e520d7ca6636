#!/usr/bin/env bash
# Set up, store the bundled demo articles (src/peristiwa/demo/articles.jsonl: real pages with their URL, outlet and
# publication date) in a database, and serve the API and web UI on it.
#   bash scripts/demo.sh            -> http://127.0.0.1:8000/   (PORT=8080 bash scripts/demo.sh for another port)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
db="${PERISTIWA_DEMO_DB:-peristiwa-demo.duckdb}"
# Reuses the file when present: articles already stored are recognised by content and skipped.
.venv/bin/peristiwa ingest src/peristiwa/demo/articles.jsonl --db "$db"
exec .venv/bin/peristiwa serve --db "$db" --host 127.0.0.1 --port "${PORT:-8000}"
