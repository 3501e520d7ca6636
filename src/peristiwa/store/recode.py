"""Re-coding stored articles after a knowledge change (`peristiwa recode`).

Only the articles whose text mentions a name the change touched (before or after it) are run again, from their
stored body (`stages.clean.stored` stands in for cleaning), and replaced in one transaction; the report lists
the event mentions each article lost and gained. Running it again with the same knowledge changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import duckdb

from peristiwa.model import Source, to_record
from peristiwa.settings import Settings
from peristiwa.stages.clean.stored import recode_stages
from peristiwa.stages.ingest import RawArticle, to_document
from peristiwa.store import knowledge
from peristiwa.store.bulk import Keys
from peristiwa.store.writer import Writer

if TYPE_CHECKING:
    from peristiwa.pipeline import Pipeline

_ARTICLE_FIELDS = ("id", "source_key", "path", "url", "outlet", "format", "title", "published", "byline", "text")


@dataclass(slots=True)
class ArticleChange:
    article_id: str
    title: str | None
    before: list[str]
    after: list[str]

    @property
    def lost(self) -> list[str]:
        return [e for e in self.before if e not in self.after]

    @property
    def gained(self) -> list[str]:
        return [e for e in self.after if e not in self.before]


@dataclass(slots=True)
class RecodeReport:
    names: list[str] = field(default_factory=list)
    articles: int = 0
    changed: list[ArticleChange] = field(default_factory=list)
    changes_applied: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "names": self.names,
            "articles": self.articles,
            "changes": self.changes_applied,
            "changed": [
                {"article_id": c.article_id, "title": c.title, "lost": c.lost, "gained": c.gained} for c in self.changed
            ],
        }


def articles_mentioning(con: duckdb.DuckDBPyConnection, names: Iterable[str]) -> list[str]:
    """Ids of the stored articles whose body holds any of the names as whole words."""
    wanted = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not wanted:
        return []
    pattern = r"(^|[^\w])(" + "|".join(re.escape(n) for n in wanted) + r")($|[^\w])"
    rows = con.execute("SELECT id FROM articles WHERE regexp_matches(text, ?) ORDER BY id", [pattern]).fetchall()
    return [r[0] for r in rows]


def event_lines(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, list[str]]:
    """Each article's event mentions as readable lines (type source→target «evidence»)."""
    found: dict[str, list[str]] = {i: [] for i in ids}
    with Keys(con, ["id"], [(i,) for i in ids]) as keys:
        rows = con.execute(
            "SELECT article_id, type, source, target, negated, evidence_text FROM event_mentions "
            f"WHERE article_id IN (SELECT id FROM {keys}) ORDER BY article_id, evidence_start, type"
        ).fetchall()
    for aid, kind, source, target, negated, evidence in rows:
        found[aid].append(_line(kind, source, target, negated, evidence))
    return found


def _line(kind: Any, source: Any, target: Any, negated: Any, evidence: Any) -> str:
    return f"{'NOT ' if negated else ''}{kind} {source or '-'}→{target or '-'} «{evidence or ''}»"


def stored_raw(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[tuple[str, RawArticle]]:
    """(stored id, input) for each article: its stored body with what cleaning had found."""
    with Keys(con, ["id"], [(i,) for i in ids]) as keys:
        rows = con.execute(
            f"SELECT {', '.join(_ARTICLE_FIELDS)} FROM articles WHERE id IN (SELECT id FROM {keys}) ORDER BY id"
        ).fetchall()
        removed: dict[str, list[dict[str, Any]]] = {}
        for aid, text, reason, rule in con.execute(
            f"SELECT article_id, text, reason, rule FROM removed WHERE article_id IN (SELECT id FROM {keys}) "
            "ORDER BY article_id, seq"
        ).fetchall():
            removed.setdefault(aid, []).append({"text": text, "reason": reason, "rule": rule})
    found = []
    for row in rows:
        article = dict(zip(_ARTICLE_FIELDS, row, strict=True))
        line = _line_of(article["source_key"], article["path"])
        source = Source(article["path"], article["url"], article["outlet"], article["format"] or "txt", line)
        stored = {
            "title": article["title"],
            "published": article["published"].isoformat() if article["published"] else None,
            "byline": article["byline"],
            "removed": removed.get(article["id"], []),
        }
        found.append((article["id"], RawArticle(article["text"] or "", source, {"stored": stored})))
    return found


def _line_of(source_key: str, path: str | None) -> int | None:
    if path and source_key.startswith(path + ":") and source_key[len(path) + 1 :].isdigit():
        return int(source_key[len(path) + 1 :])
    return None


def recode_pipeline(settings: Settings) -> Pipeline:
    from peristiwa.pipeline import Pipeline  # loads models: only when there is something to re-code

    return Pipeline(replace(settings, stages=recode_stages(settings.stages)))


def recode_articles(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    ids: list[str],
    pipeline_for: Callable[[Settings], Pipeline] = recode_pipeline,
) -> list[ArticleChange]:
    """Run the articles again with the database's knowledge and store the new records; return what changed."""
    if not ids:
        return []
    settings = knowledge.with_overlay(con, settings)
    before = event_lines(con, ids)
    pipeline = pipeline_for(settings)
    records, titles = [], {}
    for aid, raw in stored_raw(con, ids):
        doc = to_document(raw)
        doc.id = aid  # the stored id: the content is the article's, only the knowledge changed
        records.append(to_record(pipeline.run(doc)))
        titles[aid] = raw.hints["stored"]["title"]
    Writer(con, settings.data_dir).rewrite(records)
    after = event_lines(con, ids)  # as stored: analysts' corrections applied on top of the new machine output
    changes = [ArticleChange(aid, titles.get(aid), before.get(aid, []), after.get(aid, [])) for aid in ids]
    return [c for c in changes if c.lost or c.gained]


def recode(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    names: Iterable[str] = (),
    keys: Iterable[str] = (),
    pipeline_for: Callable[[Settings], Pipeline] = recode_pipeline,
) -> RecodeReport:
    """Re-code the articles touched by the knowledge changes not yet re-coded, plus those mentioning `names` or
    any name of the entries `keys`; mark the pending changes re-coded."""
    pending, changed = knowledge.pending(con)
    touched = set(names) | knowledge.names_of_entries(con, settings, [*changed, *keys])
    ids = articles_mentioning(con, touched)
    report = RecodeReport(sorted(touched), len(ids))
    report.changed = recode_articles(con, settings, ids, pipeline_for)
    knowledge.mark_recoded(con, pending)
    report.changes_applied = pending
    return report
