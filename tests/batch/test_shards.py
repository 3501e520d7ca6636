"""Planning shards: input order kept, JSONL sliced with `extract`'s line numbers, stable ids for resuming."""

from __future__ import annotations

from pathlib import Path

import pytest

from peristiwa.batch.shards import Shard, plan_shards, read_shard
from peristiwa.errors import InputError
from peristiwa.stages.ingest import RawArticle, read_inputs
from tests.batch.inputs import SAMPLES, seed_texts, write_jsonl


def _folder(tmp_path: Path) -> Path:
    texts = seed_texts()
    (tmp_path / "a.txt").write_text(texts[0], encoding="utf-8")
    write_jsonl(tmp_path / "b.jsonl", texts[1:4])
    (tmp_path / "c.txt").write_text(texts[4], encoding="utf-8")
    (tmp_path / "d.txt").write_text(texts[0] + "\nTambahan.", encoding="utf-8")
    return tmp_path


def test_shards_follow_the_input_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    shards = list(plan_shards([str(folder)], shard_size=2))
    assert [(tuple(Path(p).name for p in s.paths), s.start, s.stop) for s in shards if isinstance(s, Shard)] == [
        (("a.txt",), None, None),
        (("b.jsonl",), 0, 2),
        (("b.jsonl",), 2, 3),
        (("c.txt", "d.txt"), None, None),
    ]


def test_small_inputs_are_split_across_the_workers(tmp_path: Path) -> None:
    def sizes(inputs: list[str], shard_size: int, workers: int) -> list[int]:
        return [
            len(s.paths) if s.start is None else (s.stop or 0) - s.start
            for s in plan_shards(inputs, shard_size, workers=workers)
            if isinstance(s, Shard)
        ]

    assert sizes([str(SAMPLES)], 100, 1) == [5]
    assert sizes([str(SAMPLES)], 100, 2) == [3, 2]  # five articles, two workers: one shard each
    assert sizes([str(SAMPLES)], 100, 8) == [1] * 5
    jsonl = write_jsonl(tmp_path / "feed.jsonl", seed_texts())
    assert sizes([str(jsonl)], 100, 2) == [3, 2]
    many = tmp_path / "many"
    many.mkdir()
    for n in range(250):
        (many / f"{n:03d}.txt").write_text(f"Artikel {n}.", encoding="utf-8")
    assert sizes([str(many)], 100, 2) == [100, 100, 50]  # enough for every worker: full shards


def test_reading_the_shards_gives_what_extract_reads(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    sharded = [
        item
        for shard in plan_shards([str(folder)], 2)
        if isinstance(shard, Shard)
        for item in read_shard(shard, 10_000_000)
    ]
    whole = list(read_inputs([str(folder)], 10_000_000))
    assert all(isinstance(item, RawArticle) for item in sharded)
    assert [(i.text, i.source) for i in sharded] == [(i.text, i.source) for i in whole]  # type: ignore[union-attr]


def test_shard_ids_are_stable_and_distinct(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = [s.id for s in plan_shards([str(folder)], 2) if isinstance(s, Shard)]
    assert first == [s.id for s in plan_shards([str(folder)], 2) if isinstance(s, Shard)]
    assert len(set(first)) == len(first)


def test_standard_input_and_missing_paths_are_refused(tmp_path: Path) -> None:
    planned = list(plan_shards(["-", str(tmp_path / "nowhere.txt")]))
    assert [type(p) for p in planned] == [InputError, InputError]
    assert "batch cannot read standard input" in str(planned[0])


def test_jsonl_shards_seek_to_their_lines_even_with_odd_line_ends(tmp_path: Path) -> None:
    # CRLF endings, a lone CR (a line break to the text reader), a blank line, a malformed line and
    # non-ASCII text: each shard must start exactly where `extract` would be in the file.
    lines = [
        '{"text": "Satu ✓ Rusia"}\r\n',
        '{"text": "Dua"}\r',
        " \n",
        '{"text": "Tiga — Prancis"}\n',
        "bukan json\n",
        '{"text": "Empat ünï"}\n',
        '{"text": "Lima"}\n',
        '{"text": "Enam"}',
    ]
    path = tmp_path / "odd.jsonl"
    path.write_bytes("".join(lines).encode("utf-8"))
    whole = [
        (getattr(i, "text", None), getattr(i, "where", None), getattr(i, "source", None))
        for i in read_inputs([str(path)], 10_000_000)
    ]
    shards = [s for s in plan_shards([str(path)], 2) if isinstance(s, Shard)]
    assert all(s.offset is not None for s in shards) and (shards[-1].start, shards[-1].stop) == (6, 8)
    sharded = [
        (getattr(i, "text", None), getattr(i, "where", None), getattr(i, "source", None))
        for s in shards
        for i in read_shard(s, 10_000_000)
    ]
    assert sharded == whole and len(whole) == 7


def test_a_jsonl_slice_without_its_file_position_is_refused() -> None:
    # Reading from the top instead would silently give the wrong lines.
    with pytest.raises(ValueError, match="offset"):
        Shard(("big.jsonl",), 100, 200)
