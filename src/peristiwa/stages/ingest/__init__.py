"""Ingest: paths, directories, globs and stdin in; raw articles (or per-input errors) out."""

from __future__ import annotations

import glob
import hashlib
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

from peristiwa.errors import InputError
from peristiwa.knowledge import load_yaml, reference_file
from peristiwa.model import Document
from peristiwa.stages.ingest.readers import NOT_UTF8, Item, RawArticle, read_bytes, read_jsonl, read_warc, suffix_of

__all__ = [
    "Item",
    "OnSkip",
    "RawArticle",
    "article_id",
    "count_articles",
    "expand_inputs",
    "read_inputs",
    "read_paths",
    "to_document",
]

SUPPORTED = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".csv", ".warc", ".warc.gz"}
STDIN = "-"
NOT_AN_ARTICLE = "not an article (a README, licence or similar file); name it on the command line to read it"
OnSkip = Callable[[str, str], None]  # (where, why) for files a directory walk or a glob passes over


def article_id(text: str) -> str:
    """Stable id: a hash of the content with Unicode form and whitespace normalised."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    normal = re.sub(r"\s+", " ", normal).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def to_document(raw: RawArticle) -> Document:
    doc = Document(id=article_id(raw.text), raw=raw.text, source=raw.source, hints=dict(raw.hints))
    if "encoding" in raw.hints:
        doc.add_problem("ingest", f"not UTF-8; decoded as {raw.hints['encoding']}")
    return doc


def expand_inputs(inputs: Iterable[str], on_skip: OnSkip | None = None) -> Iterator[str | InputError]:
    """Turn the user's arguments into file paths (directories walked, globs expanded, '-' kept).

    Walks and globs pass over files that are clearly not articles (README, LICENSE …) and files of other
    types, telling `on_skip` which; a file named on the command line is always read.
    """
    for arg in inputs:
        if arg == STDIN:
            yield STDIN
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield InputError(arg, "no file matches this pattern")
            yield from _articles_only([Path(m) for m in matches if Path(m).is_file()], on_skip)
        elif Path(arg).is_dir():
            yield from _walk(Path(arg), on_skip)
        elif Path(arg).is_file():
            yield arg
        else:
            yield InputError(arg, "no such file or directory")


def _walk(folder: Path, on_skip: OnSkip | None) -> Iterator[str | InputError]:
    files = sorted(_visible_files(folder))
    others = sorted({suffix_of(p) or "no suffix" for p in files if suffix_of(p) not in SUPPORTED})
    if others and on_skip:
        count = sum(1 for p in files if suffix_of(p) not in SUPPORTED)
        on_skip(str(folder), f"{count} file(s) of other types not read ({', '.join(others)})")
    found = list(_articles_only([p for p in files if suffix_of(p) in SUPPORTED], on_skip))
    if not found:
        yield InputError(str(folder), f"directory has no readable files ({', '.join(sorted(SUPPORTED))})")
    yield from found


def _visible_files(folder: Path) -> Iterator[Path]:
    """Files under `folder`, not looking into hidden folders (.git) nor at hidden files (.DS_Store)."""
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        yield from (Path(root) / name for name in names if not name.startswith("."))


def _articles_only(paths: list[Path], on_skip: OnSkip | None) -> Iterator[str]:
    for path in paths:
        if is_not_an_article(path.name):
            if on_skip:
                on_skip(str(path), NOT_AN_ARTICLE)
        else:
            yield str(path)


def is_not_an_article(name: str) -> bool:
    """Whether a file's name says it documents a folder (data/ingest/not_articles.yaml)."""
    return name.split(".")[0].upper() in _not_article_names()


@cache
def _not_article_names() -> frozenset[str]:
    return frozenset(n.upper() for n in load_yaml(reference_file("ingest", "not_articles.yaml"))["names"])


def read_inputs(inputs: Iterable[str], max_bytes: int, on_skip: OnSkip | None = None) -> Iterator[Item]:
    """Yield every article (or error) from every input, in order."""
    yield from read_paths(expand_inputs(inputs, on_skip), max_bytes)


def count_articles(paths: list[str | InputError]) -> int | None:
    """How many articles (or errors) reading these expanded inputs yields; None when that is not known ahead
    (standard input, CSV and WARC files). A JSONL file counts its non-blank lines."""
    total = 0
    for path in paths:
        suffix = suffix_of(Path(path)) if isinstance(path, str) else ""
        if path == STDIN or suffix in (".csv", ".warc", ".warc.gz"):
            return None
        total += _non_blank_lines(Path(path)) if isinstance(path, str) and suffix in (".jsonl", ".ndjson") else 1
    return total


def _non_blank_lines(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 1  # reading it fails the same way: one error


def read_paths(paths: Iterable[str | InputError], max_bytes: int) -> Iterator[Item]:
    """Every article (or error) of inputs `expand_inputs` already expanded, in order."""
    for path in paths:
        if isinstance(path, InputError):
            yield path
        elif path == STDIN:
            yield from _read_stdin(max_bytes)
        else:
            yield from _read_file(Path(path), max_bytes)


def _read_stdin(max_bytes: int) -> Iterator[Item]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    head = data.lstrip()[:1]
    if head == b"{":  # JSON Lines on stdin
        text = data.decode("utf-8", errors=NOT_UTF8)
        yield from read_jsonl(iter(text.splitlines()), "<stdin>")
    elif len(data) > max_bytes:
        yield InputError("<stdin>", f"input is larger than the {_mb(max_bytes)} limit; raise --max-bytes")
    else:
        yield from read_bytes(data, "<stdin>", ".txt")


def _read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    suffix = suffix_of(path)
    try:
        if suffix in (".warc", ".warc.gz"):
            yield from _read_warc_file(path)
        elif suffix in (".jsonl", ".ndjson"):
            yield from _read_jsonl_file(path)
        else:
            yield from _read_single_file(path, suffix, max_bytes)
    except OSError as err:
        yield InputError(str(path), f"cannot read file ({err.strerror or err})")


def _read_single_file(path: Path, suffix: str, max_bytes: int) -> Iterator[Item]:
    size = path.stat().st_size
    if size > max_bytes:
        yield InputError(
            str(path),
            f"file is {_mb(size)}, over the {_mb(max_bytes)} limit for one article; split it or raise --max-bytes",
        )
        return
    yield from read_bytes(path.read_bytes(), str(path), suffix)


def _read_jsonl_file(path: Path) -> Iterator[Item]:
    # Streamed line by line so a large export never sits in memory whole.
    with path.open("r", encoding="utf-8", errors=NOT_UTF8) as handle:
        yield from read_jsonl((line for line in handle), str(path))


def _read_warc_file(path: Path) -> Iterator[Item]:
    with path.open("rb") as handle:
        yield from read_warc(handle, str(path))


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
