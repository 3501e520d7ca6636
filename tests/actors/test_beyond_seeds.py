"""Short articles written for these tests in the style of Indonesian news on other stories than the seeds
(ASEAN/Myanmar, China–US, the Koreas, the Middle East, Indonesian diplomacy), with partial expectations."""

from __future__ import annotations

import pytest

from peristiwa.model import Document
from tests.actors.conftest import FIXTURES, Link, by_mention, entity_with


def _article(link: Link, name: str) -> Document:
    return link((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))


EXPECTED = [
    ("asean_myanmar", "Noeleen Heyzer", "PER", "UN"),
    ("asean_myanmar", "Zaw Min Tun", "PER", "MMR"),
    ("asean_myanmar", "junta Myanmar", "ORG", "MMR"),
    ("asean_myanmar", "Kemlu RI", "ORG", "IDN"),
    ("asean_myanmar", "Tentara Arakan", "ORG", "AA"),
    ("china_us", "Antony Blinken", "PER", "USA"),
    ("china_us", "Mao Ning", "PER", "CHN"),
    ("china_us", "Washington", "GPE", "USA"),
    ("china_us", "Penjaga Pantai China", "ORG", "CHN"),
    ("china_us", "Laut China Selatan", "LOC", None),
    ("koreas", "Kim Jong Un", "PER", "PRK"),
    ("koreas", "Pyongyang", "GPE", "PRK"),
    ("koreas", "Seoul", "LOC", None),
    ("koreas", "KCNA", "ORG", None),
    ("koreas", "Minoru Kihara", "PER", "JPN"),
    ("middle_east", "Antonio Guterres", "PER", "UN"),
    ("middle_east", "Abdel Fattah el-Sisi", "PER", "EGY"),
    ("middle_east", "Teheran", "GPE", "IRN"),
    ("middle_east", "Jalur Gaza", "LOC", None),
    ("indonesia_diplomacy", "Penny Wong", "PER", "AUS"),
    ("indonesia_diplomacy", "Teuku Faizasyah", "PER", "IDN"),
    ("indonesia_diplomacy", "Jakarta", "LOC", None),
    ("indonesia_diplomacy", "Yudo Margono", "PER", "IDN"),
    ("asean_koreas_mixed", "Zaw Min Tun", "PER", "MMR"),
    ("asean_koreas_mixed", "Alounkeo Kittikhoun", "PER", "ASEAN"),
    ("asean_koreas_mixed", "Naypyidaw", "LOC", None),
    ("asean_koreas_mixed", "Bangkok", "GPE", "THA"),
    ("asean_koreas_mixed", "Pyongyang", "GPE", "PRK"),
]


@pytest.mark.parametrize(("article", "surface", "kind", "actor"), EXPECTED)
def test_expected_entities(link: Link, article: str, surface: str, kind: str, actor: str | None) -> None:
    assert by_mention(_article(link, article), surface) == (kind, actor)


def test_first_name_and_pronoun_in_indonesian_style(link: Link) -> None:
    doc = _article(link, "asean_myanmar")
    assert {m.text for m in entity_with(doc, "Retno Marsudi").mentions} == {"Retno Marsudi", "Retno"}
    refs = {(r.text, doc.entity(r.entity_id).name) for r in doc.references}  # type: ignore[union-attr]
    assert ("Dia", "Retno Marsudi") in refs


def test_former_role_noun_in_the_middle_east_story(link: Link) -> None:
    doc = _article(link, "middle_east")
    refs = {(r.text, doc.entity(r.entity_id).name) for r in doc.references}  # type: ignore[union-attr]
    assert ("Mantan menteri luar negeri Portugal itu", "Antonio Guterres") in refs
