"""Fingerprints: syndicated copies are near-duplicates, other articles are not; the data files hold."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from peristiwa.settings import DATA_DIR
from peristiwa.stories.components import components
from peristiwa.stories.fingerprint import (
    content_words,
    fingerprinter,
    similarity,
    stopwords,
    tokens,
)
from peristiwa.stories.ontology import plover_types
from tests.conftest import SHARED
from tests.store.records import BODY_OTHER, BODY_SUMMIT, BODY_SUMMIT_FOLLOWUP

STOPWORDS_FILE = DATA_DIR / "stories" / "stopwords.yaml"

PUD = SHARED / "data" / "ud_indonesian_pud" / "id_pud-ud-test.conllu"


def test_copy_with_other_page_furniture_is_a_near_duplicate() -> None:
    fp = fingerprinter(DATA_DIR)
    original = fp.fingerprint(BODY_SUMMIT)
    copy = fp.fingerprint("Baca juga: Harga minyak naik\n" + BODY_SUMMIT + "\nEditor: Andi\nSimak video kami")
    other = fp.fingerprint(BODY_OTHER)
    assert similarity(original.body, copy.body) >= 0.8
    assert set(fp.band_keys(original.body)) & set(fp.band_keys(copy.body))
    assert similarity(original.body, other.body) < 0.1


def test_same_story_shares_more_content_words_than_another_story() -> None:
    fp = fingerprinter(DATA_DIR)
    summit, followup, other = (fp.fingerprint(t) for t in (BODY_SUMMIT, BODY_SUMMIT_FOLLOWUP, BODY_OTHER))
    assert similarity(summit.words, followup.words) >= 0.2
    assert similarity(summit.words, other.words) < 0.1
    assert similarity(summit.body, followup.body) < 0.5  # a follow-up is not a copy


def test_empty_body_matches_nothing() -> None:
    fp = fingerprinter(DATA_DIR)
    empty = fp.fingerprint("")
    assert empty.body is None and fp.band_keys(empty.body) == []
    assert similarity(empty.words, fp.fingerprint("").words) == 0.0


def test_stopword_examples() -> None:
    data = yaml.safe_load(STOPWORDS_FILE.read_text(encoding="utf-8"))
    for example in data["examples"]:
        assert content_words(tokens(example["text"]), stopwords(DATA_DIR)) == set(example["content_words"])


@pytest.mark.skipif(not PUD.exists(), reason="shared UD Indonesian PUD not present")
def test_every_stopword_occurs_in_real_news_sentences() -> None:
    counts: Counter[str] = Counter()
    for line in Path(PUD).read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            counts.update(tokens(line[9:]))
    words = yaml.safe_load(STOPWORDS_FILE.read_text(encoding="utf-8"))["words"]
    assert len(words) == len(set(words))
    assert [w for w in words if counts[w] == 0] == []


def test_plover_table_is_complete_and_consistent() -> None:
    table = plover_types(DATA_DIR)
    assert len(table) == 16
    quad_class = {"V-coop": 1, "M-coop": 2, "V-conf": 3, "M-conf": 4}
    for info in table.values():
        assert quad_class[info.quad] == info.quad_class
        assert -10 <= info.score <= 10 and len(info.cameo) == 3
        assert (info.score > 0) == (info.quad_class <= 2) or info.type == "REQUEST"


def test_components_are_order_independent() -> None:
    edges = [("a", "b"), ("c", "d"), ("b", "c"), ("x", "y")]
    first = sorted(sorted(c) for c in components("abcdxyz", edges))
    second = sorted(sorted(c) for c in components(reversed("abcdxyz"), reversed(edges)))
    assert first == second == [["a", "b", "c", "d"], ["x", "y"], ["z"]]
