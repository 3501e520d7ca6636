#!/usr/bin/env bash
# Set up and run Peristiwa on the bundled sample articles.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/peristiwa demo "$@"
