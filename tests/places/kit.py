"""Scoring of the places stage on a list of sentences with expected places (heldout.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from peristiwa.model import Document, Source
from peristiwa.pipeline import Pipeline
from peristiwa.stages.ingest import RawArticle, to_document

HELDOUT = Path(__file__).resolve().parent / "heldout.yaml"


@dataclass(slots=True)
class Score:
    correct: int = 0  # expected place resolved to the expected entry (or left unresolved when expected so)
    wrong: int = 0  # resolved to another entry, or resolved when it should not be
    missed: int = 0  # expected place not found or left unresolved
    extra: int = 0  # resolved places the sentence does not name as expected
    not_analysed: int = 0  # expected places in articles the language identifier sent away (not Indonesian)
    located: int = 0  # sentences whose events carry the expected location
    mislocated: int = 0  # sentences with an expected location whose events lack it (or carry another)
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        total = self.correct + self.wrong + self.missed
        return self.correct / total if total else 0.0

    @property
    def precision(self) -> float:
        claimed = self.correct + self.wrong + self.extra
        return self.correct / claimed if claimed else 0.0


def load_articles(path: Path = HELDOUT) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["articles"])


def run(pipeline: Pipeline, text: str) -> Document:
    return pipeline.run(to_document(RawArticle(text, Source(path="heldout.txt"))))


def score_sentence(doc: Document, span: tuple[int, int], expected: dict[str, str | None], score: Score) -> None:
    """Compare the places mentioned inside `span` of the article with the expected ones."""
    inside = [(m, p) for p in doc.places for m in p.mentions if span[0] <= m.start < span[1]]
    by_text = {m.text: p for m, p in inside}
    sentence = doc.text[span[0] : span[0] + 60]
    for surface, want in expected.items():
        place = by_text.get(surface)
        got = f"{place.name}|{place.country or ''}" if place and place.lat is not None else None
        if got == want:
            score.correct += 1
        elif got is None:
            score.missed += 1
            score.errors.append(f"missed {surface!r} (want {want}) in {sentence!r}")
        else:
            score.wrong += 1
            score.errors.append(f"{surface!r} → {got}, want {want} in {sentence!r}")
    for mention, place in inside:
        if place.lat is not None and mention.text not in expected:
            score.extra += 1
            score.errors.append(f"extra {mention.text!r} → {place.name}|{place.country} in {sentence!r}")


def score_location(doc: Document, span: tuple[int, int], want: str, score: Score) -> None:
    """Every event coded in the sentence must carry the expected location ("Name|precision")."""
    events = [e for e in doc.events if span[0] <= e.evidence.start < span[1]]
    got = {f"{e.location.name}|{e.location.precision}" if e.location else None for e in events}
    if got == {want}:
        score.located += 1
    else:
        score.mislocated += 1
        score.errors.append(f"location {sorted(map(str, got))}, want {want} in {doc.text[span[0] : span[0] + 60]!r}")


def score_article(pipeline: Pipeline, article: dict[str, Any], score: Score) -> None:
    sentences = [s["text"] for s in article["sentences"]]
    doc = run(pipeline, "\n\n".join(sentences))
    if doc.language != "id":
        score.not_analysed += sum(len(s.get("places") or {}) for s in article["sentences"])
        score.errors.append(f"article {article['name']} not analysed: language {doc.language}")
        return
    offset = 0
    for item, text in zip(article["sentences"], sentences, strict=True):
        start = doc.text.index(text, offset)
        score_sentence(doc, (start, start + len(text)), item.get("places") or {}, score)
        if item.get("location"):
            score_location(doc, (start, start + len(text)), item["location"], score)
        offset = start + len(text)


def score_all(pipeline: Pipeline, articles: list[dict[str, Any]]) -> Score:
    score = Score()
    for article in articles:
        score_article(pipeline, article, score)
    return score
