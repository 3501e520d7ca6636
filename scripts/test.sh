#!/usr/bin/env bash
# Set up and run the whole test suite (lint included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
# The browser tests (tests/web) drive Debian's chromium; without it (and not root) they skip and say why.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  (apt-get install -y -q chromium || { apt-get update -q && apt-get install -y -q chromium; }) >/dev/null \
    || echo "could not install chromium: the browser tests will skip" >&2
fi
.venv/bin/ruff check src tests scripts training benchmarks
.venv/bin/ruff format --check src tests scripts training benchmarks
.venv/bin/mypy src
exec .venv/bin/python -m pytest -q "$@"
