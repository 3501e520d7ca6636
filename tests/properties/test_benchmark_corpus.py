"""The strict pipeline over generated benchmark articles: real treebank sentences, the seeds' noise, many
names. No stage may raise (64 of 300 such articles once lost their quotes to one bug), and every span holds."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from peristiwa.model import Source
from peristiwa.pipeline import Pipeline
from peristiwa.stages.ingest import RawArticle
from tests.conftest import SHARED
from tests.properties.invariants import check_document

CORPUS_SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus.py"
TREEBANKS = SHARED / "data" / "ud_indonesian_gsd"


def _build_articles(count: int, seed: int) -> list[dict[str, str]]:
    spec = importlib.util.spec_from_file_location("benchmark_corpus", CORPUS_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.build_articles(count, seed=seed, data=SHARED / "data"))


@pytest.mark.skipif(not TREEBANKS.exists(), reason="the UD treebanks of shared/data are not beside the checkout")
def test_forty_benchmark_articles_pass_every_stage(full: Pipeline) -> None:
    opened = found = 0
    for article in _build_articles(40, seed=11):
        raw = RawArticle(article["text"], Source(url=article["url"], outlet=article["outlet"], format="jsonl"))
        doc = full.process(raw)
        check_document(doc)
        opened += doc.text.count("“")
        found += len(doc.quotes)
    # About one sentence in seven is made an attributed quotation; the quotes stage must find them.
    assert opened > 100 and found >= 0.9 * opened, (found, opened)
