"""Recompute the cross-article layer (stories, duplicate groups, merged events, aggregates) for the
articles a batch touched. Everything here is a function of the stored articles and links, never of the
order they came in, so a batch re-run after a crash gives the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields

import duckdb

from peristiwa.store import event_keys
from peristiwa.store.bulk import Keys, insert
from peristiwa.stories.components import components
from peristiwa.stories.merge import MentionIn, MergedEvent, Report, merge_story
from peristiwa.stories.ontology import PloverType

EVENT_COLUMNS = tuple(f.name for f in fields(MergedEvent) if f.name != "mentions")
MENTION_FIELDS = tuple(f.name for f in fields(MentionIn))


@dataclass(slots=True)
class Touched:
    dyads: set[tuple[str, str]]
    actors: set[str]
    events: int


def recompute(
    con: duckdb.DuckDBPyConnection, seeds: Iterable[str], old_stories: Iterable[str], types: dict[str, PloverType]
) -> Touched:
    seeds = set(seeds)
    story_ids = set(old_stories) | _stories_near(con, seeds)
    reports = _reports(con, seeds, story_ids)
    edges = _edges(con, set(reports))
    assignment = _assign(reports, edges)
    _update_articles(con, assignment)
    reports = {
        aid: Report(r.article_id, r.published, r.outlet, assignment[aid][1], r.url) for aid, r in reports.items()
    }
    touched = _drop_events(con, story_ids | set(reports))
    members: dict[str, list[str]] = {}
    for aid, (story, _dup) in assignment.items():
        members.setdefault(story, []).append(aid)
    events = _merge(con, reports, members, types)
    _write_stories(con, members, reports, events)
    for event in events:
        touched.actors.update(x for x in (event.source, event.target) if x)
        if event.source and event.target:
            touched.dyads.add((event.source, event.target))
    touched.events = len(events)
    return touched


def _stories_near(con: duckdb.DuckDBPyConnection, seeds: set[str]) -> set[str]:
    with Keys(con, ["id"], [(s,) for s in seeds]) as keys:
        rows = con.execute(f"""
            SELECT a.story_id FROM articles a JOIN {keys} k ON a.id = k.id
            UNION SELECT a.story_id FROM links l JOIN {keys} k ON l.a = k.id JOIN articles a ON a.id = l.b""")
        return {r[0] for r in rows.fetchall() if r[0]}


def _reports(con: duckdb.DuckDBPyConnection, seeds: set[str], story_ids: set[str]) -> dict[str, Report]:
    with (
        Keys(con, ["id"], [(s,) for s in seeds]) as ids,
        Keys(con, ["id"], [(s,) for s in story_ids]) as stories,
    ):
        rows = con.execute(f"""
            SELECT id, published, outlet, dup_of, coalesce(url, path) FROM articles
            WHERE id IN (SELECT id FROM {ids}) OR story_id IN (SELECT id FROM {stories})""").fetchall()
    return {r[0]: Report(r[0], r[1], r[2], r[3], r[4]) for r in rows}


def _edges(con: duckdb.DuckDBPyConnection, ids: set[str]) -> list[tuple[str, str, str]]:
    with Keys(con, ["id"], [(i,) for i in ids]) as keys:
        return con.execute(f"SELECT a, b, kind FROM links JOIN {keys} k ON links.a = k.id").fetchall()


def _assign(reports: dict[str, Report], edges: list[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """article id -> (story id, canonical copy): smallest id of the story; earliest copy of the group."""
    assignment: dict[str, list[str]] = {aid: ["", aid] for aid in reports}
    for story in components(reports, ((a, b) for a, b, _ in edges)):
        story_id = min(story)
        for aid in story:
            assignment[aid][0] = story_id
    for group in components(reports, ((a, b) for a, b, kind in edges if kind == "dup")):
        canonical = min(group, key=lambda aid: _published_order(reports[aid]))
        for aid in group:
            assignment[aid][1] = canonical
    return {aid: (story, dup) for aid, (story, dup) in assignment.items()}


def _published_order(report: Report) -> tuple[bool, dt.date, str]:
    return (report.published is None, report.published or dt.date.min, report.article_id)


def _update_articles(con: duckdb.DuckDBPyConnection, assignment: dict[str, tuple[str, str]]) -> None:
    rows = [(aid, story, dup) for aid, (story, dup) in assignment.items()]
    with Keys(con, ["id", "story_id", "dup_of"], rows) as new:
        con.execute(f"""UPDATE articles SET story_id = n.story_id, dup_of = n.dup_of FROM {new} n
                        WHERE articles.id = n.id
                          AND (articles.story_id <> n.story_id OR articles.dup_of <> n.dup_of)""")


def _drop_events(con: duckdb.DuckDBPyConnection, story_ids: set[str]) -> Touched:
    with Keys(con, ["id"], [(s,) for s in story_ids]) as keys:
        old = con.execute(
            f"SELECT DISTINCT source, target FROM events WHERE story_id IN (SELECT id FROM {keys})"
        ).fetchall()
        event_keys.unindex_stories(con, keys)
        con.execute(f"DELETE FROM events WHERE story_id IN (SELECT id FROM {keys})")
        con.execute(f"DELETE FROM stories WHERE story_id IN (SELECT id FROM {keys})")
    dyads = {(s, t) for s, t in old if s and t}
    actors = {x for pair in old for x in pair if x}
    return Touched(dyads, actors, 0)


def _merge(
    con: duckdb.DuckDBPyConnection,
    reports: dict[str, Report],
    members: dict[str, list[str]],
    types: dict[str, PloverType],
) -> list[MergedEvent]:
    mentions = _mentions(con, set(reports))
    events = []
    for story_id in sorted(members):
        story_mentions = [m for aid in sorted(members[story_id]) for m in mentions.get(aid, [])]
        events.extend(merge_story(story_id, story_mentions, reports, types))
    insert(con, "events", EVENT_COLUMNS, [tuple(getattr(e, c) for c in EVENT_COLUMNS) for e in events])
    links = [(aid, mid, e.event_id) for e in events for aid, mid in e.mentions]
    with Keys(con, ["article_id", "mention_id", "event_id"], links) as new:
        con.execute(f"""UPDATE event_mentions SET event_id = n.event_id FROM {new} n
                        WHERE event_mentions.article_id = n.article_id
                          AND event_mentions.mention_id = n.mention_id""")
    event_keys.index_events(con, (e.event_id for e in events))
    return events


def _mentions(con: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, list[MentionIn]]:
    with Keys(con, ["id"], [(i,) for i in ids]) as keys:
        rows = con.execute(
            f"SELECT {', '.join(MENTION_FIELDS)} FROM event_mentions "
            f"WHERE article_id IN (SELECT id FROM {keys}) ORDER BY article_id, mention_id"
        ).fetchall()
    found: dict[str, list[MentionIn]] = {}
    for row in rows:
        found.setdefault(row[0], []).append(MentionIn(*row))
    return found


def _write_stories(
    con: duckdb.DuckDBPyConnection,
    members: dict[str, list[str]],
    reports: dict[str, Report],
    events: list[MergedEvent],
) -> None:
    per_story: dict[str, int] = {}
    for event in events:
        per_story[event.story_id] = per_story.get(event.story_id, 0) + 1
    firsts = {sid: min(ids, key=lambda aid: _published_order(reports[aid])) for sid, ids in members.items()}
    titles = _titles(con, set(firsts.values()))
    rows = []
    for story_id, ids in sorted(members.items()):
        dated = sorted(p for p in (reports[a].published for a in ids) if p)
        rows.append(
            (
                story_id,
                titles.get(firsts[story_id]),
                dated[0] if dated else None,
                dated[-1] if dated else None,
                len(ids),
                len({reports[a].dup_of for a in ids}),
                per_story.get(story_id, 0),
            )
        )
    insert(
        con,
        "stories",
        (
            "story_id",
            "title",
            "first_published",
            "last_published",
            "num_articles",
            "num_reports",
            "num_events",
        ),
        rows,
    )


def _titles(con: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, str | None]:
    with Keys(con, ["id"], [(i,) for i in ids]) as keys:
        return dict(con.execute(f"SELECT id, title FROM articles WHERE id IN (SELECT id FROM {keys})").fetchall())


# The pre-aggregated rows of the events `{scope}` chooses (a join or a condition on the alias `e`).
DYAD_MONTH = """INSERT INTO dyad_month (source, target, month, quad, events, mentions, reported)
                SELECT e.source, e.target, e.month, e.quad, count(*), sum(e.num_mentions),
                       count(*) FILTER (WHERE e.date_source = 'report') FROM events e {scope} GROUP BY ALL"""
ACTOR_PARTNER = """INSERT INTO actor_partner SELECT e.{role}, '{role}', e.{partner}, e.type, e.quad,
                   count(*), sum(e.num_mentions) FROM events e {scope} GROUP BY ALL"""
ROLES = (("source", "target"), ("target", "source"))


def refresh_aggregates(con: duckdb.DuckDBPyConnection, dyads: set[tuple[str, str]], actors: set[str]) -> None:
    """Rebuild the pre-aggregated rows of the dyads and actors whose events changed."""
    with Keys(con, ["source", "target"], sorted(dyads)) as keys:
        con.execute(
            f"DELETE FROM dyad_month WHERE EXISTS (SELECT 1 FROM {keys} k "
            "WHERE k.source = dyad_month.source AND k.target = dyad_month.target)"
        )
        con.execute(DYAD_MONTH.format(scope=f"JOIN {keys} k ON e.source = k.source AND e.target = k.target"))
    with Keys(con, ["actor"], [(a,) for a in sorted(actors)]) as keys:
        con.execute(f"DELETE FROM actor_partner WHERE actor IN (SELECT actor FROM {keys})")
        for role, partner in ROLES:
            con.execute(ACTOR_PARTNER.format(role=role, partner=partner, scope=f"JOIN {keys} k ON e.{role} = k.actor"))


def rebuild_aggregates(con: duckdb.DuckDBPyConnection) -> None:
    """Every pre-aggregated row again, set-wise (a bulk load): what `refresh_aggregates` gives for every dyad
    and actor at once."""
    con.execute("DELETE FROM dyad_month")
    con.execute(DYAD_MONTH.format(scope="WHERE e.source IS NOT NULL AND e.target IS NOT NULL"))
    con.execute("DELETE FROM actor_partner")
    for role, partner in ROLES:
        con.execute(ACTOR_PARTNER.format(role=role, partner=partner, scope=f"WHERE e.{role} IS NOT NULL"))
