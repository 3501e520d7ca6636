"""Find links from newly stored articles to every stored article: near-duplicates and same-story pairs.

Candidates come from SQL (shared LSH band for duplicates; a shared actor within the time window for
stories) and are confirmed by MinHash similarity. The test is symmetric, so the set of links does not
depend on which of two articles arrived first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import numpy as np

from peristiwa.store.bulk import Keys
from peristiwa.stories.fingerprint import Signature, similarity


@dataclass(frozen=True, slots=True)
class LinkOptions:
    dup_threshold: float = 0.8  # estimated Jaccard of word 5-shingles for "the same report"
    story_threshold: float = 0.2  # estimated Jaccard of content words for "the same story"
    min_shared_keys: int = 1  # actors (codes or entity names) two articles of one story must share
    window_days: int = 7  # how far apart two dated articles of one story may be published


@dataclass(frozen=True, slots=True)
class Link:
    a: str
    b: str
    kind: str  # dup | story
    similarity: float


def find_links(con: duckdb.DuckDBPyConnection, new_ids: Sequence[str], options: LinkOptions) -> list[Link]:
    if not new_ids:
        return []
    with Keys(con, ["id"], [(i,) for i in new_ids]) as new:
        dup_pairs = _pairs(
            con,
            f"""
            SELECT DISTINCT n.article_id, o.article_id FROM lsh_bands n JOIN {new} ON n.article_id = {new}.id
            JOIN lsh_bands o ON o.band = n.band AND o.key = n.key AND o.article_id <> n.article_id""",
        )
        story_pairs = _pairs(
            con,
            f"""
            SELECT n.article_id, o.article_id FROM article_keys n JOIN {new} ON n.article_id = {new}.id
            JOIN article_keys o ON o.key = n.key AND o.article_id <> n.article_id
            JOIN articles an ON an.id = n.article_id JOIN articles ao ON ao.id = o.article_id
            WHERE an.published IS NULL OR ao.published IS NULL
               OR abs(date_diff('day', an.published, ao.published)) <= ?
            GROUP BY ALL HAVING count(DISTINCT n.key) >= ?""",
            [options.window_days, options.min_shared_keys],
        )
    signatures = _signatures(con, {x for pair in dup_pairs | story_pairs for x in pair})
    return _confirm(dup_pairs, story_pairs, signatures, options)


def _pairs(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> set[tuple[str, str]]:
    return {(min(a, b), max(a, b)) for a, b in con.execute(sql, params or []).fetchall()}


def _signatures(con: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, tuple[Signature | None, Signature | None]]:
    if not ids:
        return {}
    with Keys(con, ["id"], [(i,) for i in ids]) as wanted:
        rows = con.execute(
            f"SELECT article_id, body_hashes, words_hashes FROM fingerprints JOIN {wanted} ON article_id = {wanted}.id"
        ).fetchall()
    return {aid: (_array(body), _array(words)) for aid, body, words in rows}


def _array(values: list[int] | None) -> Signature | None:
    return None if values is None else np.asarray(values, dtype=np.uint32)


def _confirm(
    dup_pairs: set[tuple[str, str]],
    story_pairs: set[tuple[str, str]],
    signatures: dict[str, tuple[Signature | None, Signature | None]],
    options: LinkOptions,
) -> list[Link]:
    links = []
    empty = (None, None)
    for a, b in sorted(dup_pairs | story_pairs):
        (body_a, words_a), (body_b, words_b) = signatures.get(a, empty), signatures.get(b, empty)
        body_sim = similarity(body_a, body_b)
        if (a, b) in dup_pairs and body_sim >= options.dup_threshold:
            links.append(Link(a, b, "dup", body_sim))
            continue
        words_sim = similarity(words_a, words_b)
        if (a, b) in story_pairs and words_sim >= options.story_threshold:
            links.append(Link(a, b, "story", words_sim))
    return links
