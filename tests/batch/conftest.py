"""One small local Dask cluster per test module (2 worker processes, 1 thread each)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from distributed import Client

from peristiwa.batch.runner import local_cluster


@pytest.fixture(scope="module")  # closed before test_kill.py starts its own cluster
def client() -> Iterator[Client]:
    with local_cluster(2) as cluster, Client(cluster) as connected:
        yield connected
