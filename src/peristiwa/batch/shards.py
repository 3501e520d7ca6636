"""Plan the work: inputs become shards (a group of small files, one container file, or a slice of a big JSONL).

A shard is the unit of work, of output and of resumption: its id is a hash of what it reads, so running
the same inputs again finds the same ids and skips the shards already done.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from peristiwa.errors import InputError
from peristiwa.stages.ingest import Item, OnSkip, expand_inputs, read_inputs
from peristiwa.stages.ingest.readers import NOT_UTF8, read_jsonl, suffix_of

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CONTAINER_SUFFIXES = (".warc", ".warc.gz", ".csv")  # read whole, one shard per file
DEFAULT_SHARD_SIZE = 100  # articles per shard: small enough to bound memory, big enough to amortise a task


@dataclass(frozen=True, slots=True)
class Shard:
    """What one task reads: `paths` whole, or lines [start, stop) of one JSONL file."""

    paths: tuple[str, ...]
    start: int | None = None
    stop: int | None = None
    # Where line `start` begins (a text-file position from `tell`), so a worker seeks there instead of
    # reading every line before it: without it, the shards of a big JSONL file cost O(lines²) to read.
    offset: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.start is not None and self.offset is None:
            raise ValueError("a JSONL slice needs the file position of its first line (offset)")

    @property
    def id(self) -> str:
        key = "\n".join(self.paths) + f"\n{self.start}:{self.stop}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    @property
    def size(self) -> int | None:
        """Articles expected (an upper bound for a JSONL slice), None when unknown before reading."""
        if self.start is not None and self.stop is not None:
            return self.stop - self.start
        return len(self.paths) if suffix_of(Path(self.paths[0])) not in CONTAINER_SUFFIXES else None


def plan_shards(
    inputs: Iterable[str], shard_size: int = DEFAULT_SHARD_SIZE, on_skip: OnSkip | None = None, workers: int = 1
) -> Iterator[Shard | InputError]:
    """Shards in input order (the order `extract` would read the articles in), or errors for bad inputs.

    Small inputs are split so that every worker gets a share: fewer than `shard_size` × `workers` article files
    (or JSONL lines) go in `workers` shards of about equal size rather than in one."""
    paths = list(expand_inputs(inputs, on_skip))
    group = balanced(sum(1 for p in paths if isinstance(p, str) and _is_single(p)), shard_size, workers)
    singles: list[str] = []
    for path in paths:
        if isinstance(path, InputError):
            yield path
        elif path == "-":
            yield InputError("-", "batch cannot read standard input; write it to a file first")
        elif _is_single(path):
            singles.append(path)
            if len(singles) == group:
                yield Shard(tuple(singles))
                singles = []
        else:
            if singles:  # keep the input order: flush the small files read before this container
                yield Shard(tuple(singles))
                singles = []
            yield from _container_shards(path, suffix_of(Path(path)), shard_size, workers)
    if singles:
        yield Shard(tuple(singles))


def _is_single(path: str) -> bool:
    """A file that holds one article (not standard input, a JSONL, WARC or CSV file)."""
    suffix = suffix_of(Path(path))
    return path != "-" and suffix not in JSONL_SUFFIXES and suffix not in CONTAINER_SUFFIXES


def balanced(count: int, shard_size: int, workers: int) -> int:
    """Articles per shard: `shard_size`, or fewer when that would leave some of the workers without a shard."""
    return max(1, min(shard_size, -(-count // max(workers, 1))))


def _container_shards(path: str, suffix: str, shard_size: int, workers: int) -> Iterator[Shard]:
    if suffix not in JSONL_SUFFIXES:
        yield Shard((path,))
        return
    offsets, lines = _shard_offsets(path, shard_size)
    size = balanced(lines, shard_size, workers)
    if size != shard_size:
        offsets, lines = _shard_offsets(path, size)  # a small file: read again, marking the shorter slices
    for number, start in enumerate(range(0, max(lines, 1), size)):
        yield Shard((path,), start, min(start + size, lines), offsets[number])


def _shard_offsets(path: str, shard_size: int) -> tuple[list[int], int]:
    """The position of every shard_size-th line, and the number of lines. Opened exactly as the JSONL reader
    opens it (text, universal newlines), so line numbers agree with `extract`."""
    offsets, lines = [], 0
    with open(path, encoding="utf-8", errors=NOT_UTF8) as handle:
        while True:
            if lines % shard_size == 0:
                offsets.append(handle.tell())
            if not handle.readline():
                return offsets, lines
            lines += 1


def read_shard(shard: Shard, max_bytes: int) -> Iterator[Item]:
    """The articles (or input errors) of one shard, numbered exactly as `extract` numbers them."""
    if shard.start is None or shard.stop is None:
        yield from read_inputs(list(shard.paths), max_bytes)
        return
    path = shard.paths[0]
    try:
        with open(path, encoding="utf-8", errors=NOT_UTF8) as handle:
            handle.seek(shard.offset or 0)
            lines = itertools.islice(handle, shard.stop - shard.start)
            yield from read_jsonl(lines, path, first_line=shard.start + 1)
    except OSError as err:
        yield InputError(path, f"cannot read file ({err.strerror or err})")
