"""Subprocess entry for fault tests: ingest synthetic records, printing one line per committed batch.

python -m tests.store.worker DB ARTICLES BATCH [FILE_SIZE_LIMIT]
"""

from __future__ import annotations

import resource
import signal
import sys

from peristiwa.api import Peristiwa
from peristiwa.errors import PeristiwaError
from peristiwa.store.synthetic import synthetic_records


def main(argv: list[str]) -> int:
    db, articles, batch = argv[0], int(argv[1]), int(argv[2])
    if len(argv) > 3:  # simulate a full disk: writes past this size fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = int(argv[3])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        Peristiwa(db).ingest_records(
            synthetic_records(articles), batch, on_batch=lambda w: print(f"batch {w.added}", flush=True)
        )
    except PeristiwaError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
