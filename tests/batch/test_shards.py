"""Planning shards: input order kept, JSONL sliced with `extract`'s line numbers, stable ids for resuming."""

from __future__ import annotations

from pathlib import Path

from peristiwa.batch.shards import Shard, plan_shards, read_shard
from peristiwa.errors import InputError
from peristiwa.stages.ingest import RawArticle, read_inputs
from tests.batch.inputs import seed_texts, write_jsonl


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
        (("a.txt",), None, None), (("b.jsonl",), 0, 2), (("b.jsonl",), 2, 3), (("c.txt", "d.txt"), None, None)]


def test_reading_the_shards_gives_what_extract_reads(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    sharded = [item for shard in plan_shards([str(folder)], 2) if isinstance(shard, Shard)
               for item in read_shard(shard, 10_000_000)]
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
