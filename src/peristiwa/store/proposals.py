"""Knowledge the stream proposes, from what the stored articles say (`peristiwa kb proposals`).

Three kinds of evidence, each read from the entities the pipeline stored:
- holder: a person the text names with an office (role and state) that the knowledge base gives to someone else
  on the article's date — an office changed hands, or the knowledge base is stale;
- person: a person the knowledge base does not know, named acting for a state in several articles;
- organisation: an organisation the knowledge base does not know, named in several articles.
Proposals are computed on demand from the stored entities (reading only); a decision (accept: it becomes overlay
entries; reject: it is not proposed again) is kept in kb_proposals.

Measured on 107,000 articles (1.2 M entities; the dev articles copied): listing took 356 s before the lookups
below, almost all of it in Python (each entity scanned every person of the knowledge base, every piece of evidence
re-sorted the list, every entity's sentence was cut from its article's text), not in reading the entities. So
there is no evidence table filled at ingest: offices are looked up in an index, evidence is sorted once, and
only the sentences shown are cut (`_shown`). Figures in `benchmarks/proposals_bench.py`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb

from peristiwa.knowledge import load_yaml
from peristiwa.settings import Settings
from peristiwa.stages.actors.kb import KnowledgeBase, Person
from peristiwa.stages.actors.overlay import NONE_ALLOWED, Choices, KnowledgeEditError, shared_offices
from peristiwa.store import knowledge

MIN_ARTICLES = 2  # a person or organisation the knowledge base lacks is proposed once it recurs
MAX_EVIDENCE = 10
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+|\n+")


@dataclass(slots=True)
class Proposal:
    key: str
    kind: str  # holder | person | organisation
    name: str
    role: str | None = None
    actor: str | None = None
    sector: str | None = None
    holders: list[str] = field(default_factory=list)  # holder: whom the knowledge base gives the office to
    known_id: str | None = None  # holder: the knowledge base's entry for the named person, if it has one
    evidence: list[dict[str, Any]] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)

    @property
    def first_date(self) -> str | None:
        return min((e["date"] for e in self.evidence if e["date"]), default=None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "name": self.name,
            "role": self.role,
            "actor": self.actor,
            "sector": self.sector,
            "holders": self.holders,
            "first_date": self.first_date,
            "count": len(self.articles),
            "evidence": self.evidence[:MAX_EVIDENCE],
        }


@dataclass(frozen=True, slots=True)
class Seen:
    """One stored entity of one article, with the sentence of its first mention."""

    article_id: str
    published: dt.date | None
    name: str
    type: str
    actor: str | None
    role: str | None
    sector: str | None
    kb_id: str | None
    start: int  # of its first mention: its sentence is cut only if it is shown as evidence


Offices = dict[tuple[str, str], list[Person]]  # (role, org) → the persons the knowledge base gives it to, ever


def proposals(
    con: duckdb.DuckDBPyConnection, settings: Settings, include_decided: bool = False
) -> list[dict[str, Any]]:
    """Open proposals (and decided ones when asked), most supported first."""
    kb = knowledge.knowledge_base(knowledge.with_overlay(con, settings))
    found: dict[str, Proposal] = {}
    seen = list(_entities(con))
    _holders(kb, seen, found, home_country(settings))
    _recurring(seen, found)
    decided = {r[0]: r[1] for r in con.execute("SELECT key, status FROM kb_proposals").fetchall()}
    listed = [
        p
        for p in found.values()
        if (p.kind == "holder" or len(p.articles) >= MIN_ARTICLES)
        and (include_decided or decided.get(p.key, "open") == "open")
    ]
    _shown(con, listed)
    rows = [{**p.as_dict(), "status": decided.get(p.key, "open")} for p in listed]
    return sorted(rows, key=lambda r: (-r["count"], r["key"]))


def _shown(con: duckdb.DuckDBPyConnection, listed: list[Proposal]) -> None:
    """Keep each proposal's earliest evidence (MAX_EVIDENCE of it) and give it its sentence: the article texts are
    read for these few only."""
    for proposal in listed:
        proposal.evidence = sorted(proposal.evidence, key=lambda e: (e["date"] or "9999", e["article_id"]))
        proposal.evidence = proposal.evidence[:MAX_EVIDENCE]
    ids = sorted({e["article_id"] for p in listed for e in p.evidence})
    found = con.execute("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
    texts = {aid: text or "" for aid, text in found}
    for proposal in listed:
        for evidence in proposal.evidence:
            evidence["sentence"] = sentence_at(texts.get(evidence["article_id"], ""), evidence.pop("start"))


def _entities(con: duckdb.DuckDBPyConnection) -> Iterable[Seen]:
    rows = con.execute(
        """SELECT e.article_id, a.published, e.name, e.type, e.actor, e.role, e.sector, e.kb_id, min(m.start_char)
           FROM entities e JOIN articles a ON a.id = e.article_id
           LEFT JOIN entity_mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id
           WHERE e.type IN ('PER', 'ORG') AND a.dup_of = a.id
           GROUP BY ALL ORDER BY e.article_id"""
    ).fetchall()
    for aid, published, name, kind, actor, role, sector, kb_id, start in rows:
        yield Seen(aid, published, name, kind, actor, role, sector, kb_id, start or 0)


def sentence_at(text: str, offset: int) -> str:
    """The sentence of `text` around `offset`."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > offset:
            return text[start : match.start()].strip()
        start = match.end()
    return text[start:].strip()


def home_country(settings: Settings) -> str | None:
    """The state the news is written in: an office named without a state ("Menlu Sugiono") is its office."""
    home = load_yaml(settings.data_dir / "places" / "cues.yaml").get("home_country")
    return str(home) if home else None


def _holders(kb: KnowledgeBase, seen: list[Seen], found: dict[str, Proposal], home: str | None) -> None:
    shared = shared_offices(kb)
    offices = office_index(kb)
    for item in seen:
        actor = item.actor or home
        if item.type != "PER" or not item.role or not actor or not item.published or item.role in shared:
            continue
        holders = _holding(offices, item.role, actor, item.published)
        if not holders or item.kb_id in {p.id for p in holders}:
            continue
        key = f"holder:{item.role}:{actor}:{item.name}"
        proposal = found.setdefault(
            key,
            Proposal(key, "holder", item.name, item.role, actor, item.sector, [p.name for p in holders], item.kb_id),
        )
        _add_evidence(proposal, item)


def office_index(kb: KnowledgeBase) -> Offices:
    offices: Offices = {}
    for person in kb.persons.values():
        for office in dict.fromkeys((r.role, r.org) for r in person.roles if r.org):
            offices.setdefault((office[0], str(office[1])), []).append(person)
    return offices


def _holding(offices: Offices, role: str, actor: str, when: dt.date) -> list[Person]:
    """Who holds the office on that day."""
    return [
        p
        for p in offices.get((role, actor), [])
        if any(r.role == role and r.org == actor and r.valid_on(when) for r in p.roles)
    ]


def _recurring(seen: list[Seen], found: dict[str, Proposal]) -> None:
    for item in seen:
        if item.kb_id or len(item.name) < 3 or item.sector == "MEDIA":
            continue
        if item.type == "PER" and item.actor and item.role:
            key = f"person:{item.actor}:{item.name}"
            proposal = found.setdefault(key, Proposal(key, "person", item.name, item.role, item.actor, item.sector))
        elif item.type == "ORG" and not item.actor:
            key = f"organisation:{item.name}"
            proposal = found.setdefault(key, Proposal(key, "organisation", item.name))
        else:
            continue
        _add_evidence(proposal, item)


def _add_evidence(proposal: Proposal, item: Seen) -> None:
    if item.article_id in proposal.articles:
        return
    proposal.articles.add(item.article_id)
    date = item.published.isoformat() if item.published else None
    proposal.evidence.append({"article_id": item.article_id, "date": date, "start": item.start})


def accept(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    key: str,
    author: str,
    overrides: dict[str, Any] | None = None,
    choices: Choices = NONE_ALLOWED,
) -> list[int]:
    """Turn a proposal into overlay entries (a new office holder also ends the old holder's open term on the day of
    the first evidence); remember the decision. Return the ids of the knowledge changes made."""
    proposal = _open(con, settings, key)
    overrides = overrides or {}
    with knowledge.transaction(con):
        return _accept(con, settings, proposal, author, overrides, choices)


def _accept(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    proposal: dict[str, Any],
    author: str,
    overrides: dict[str, Any],
    choices: Choices,
) -> list[int]:
    key = proposal["key"]
    reason = f"accepted proposal {key} ({proposal['count']} article(s))"
    made: list[int] = []
    if proposal["kind"] == "organisation":
        body = {"id": overrides.get("id") or _new_id(con, settings, "grp", proposal["name"]), "name": proposal["name"],
                "type": "ORG", "actor": overrides.get("actor"), "sector": overrides.get("sector"),
                "aliases": [proposal["name"]]}  # fmt: skip
        made.append(knowledge.change(con, settings, "organisation", body, action="accept", author=author, reason=reason,
                                     choices=choices))  # fmt: skip
    else:
        start = proposal["first_date"] if proposal["kind"] == "holder" else None
        role = {"role": proposal["role"], "org": proposal["actor"], "sector": proposal["sector"] or "GOV",
                "from": start, "to": None}  # fmt: skip
        if proposal["kind"] == "holder" and start:
            made += _end_terms(con, settings, proposal, start, author, reason)
        made.append(_person_change(con, settings, proposal, role, overrides, author, reason, choices))
    con.execute(
        "INSERT OR REPLACE INTO kb_proposals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?)",
        [key, proposal["kind"], proposal["name"], proposal["role"], proposal["actor"], proposal["sector"],
         proposal["first_date"], json.dumps(proposal["evidence"], ensure_ascii=False), proposal["count"], author,
         dt.datetime.now(dt.UTC).replace(tzinfo=None)],
    )  # fmt: skip
    return made


def reject(con: duckdb.DuckDBPyConnection, settings: Settings, key: str, author: str) -> None:
    """Remember that a person rejected the proposal: it is not proposed again."""
    proposal = _open(con, settings, key)
    con.execute(
        "INSERT OR REPLACE INTO kb_proposals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'rejected', ?, ?)",
        [key, proposal["kind"], proposal["name"], proposal["role"], proposal["actor"], proposal["sector"],
         proposal["first_date"], json.dumps(proposal["evidence"], ensure_ascii=False), proposal["count"], author,
         dt.datetime.now(dt.UTC).replace(tzinfo=None)],
    )  # fmt: skip


def _open(con: duckdb.DuckDBPyConnection, settings: Settings, key: str) -> dict[str, Any]:
    found = next((p for p in proposals(con, settings) if p["key"] == key), None)
    if found is None:
        raise KnowledgeEditError(key, ["no open proposal has this key; list them with `peristiwa kb proposals`"])
    return found


def _end_terms(
    con: duckdb.DuckDBPyConnection, settings: Settings, proposal: dict[str, Any], start: str, author: str, reason: str
) -> list[int]:
    """End, on `start`, the open terms of the office that the knowledge base gives to others."""
    kb = knowledge.knowledge_base(knowledge.with_overlay(con, settings))
    made = []
    for person in _holding(office_index(kb), proposal["role"], proposal["actor"], dt.date.fromisoformat(start)):
        _, body, _ = knowledge.entry(con, settings, person.id)
        if body is None:
            continue
        for role in body.get("roles") or []:
            if role.get("role") == proposal["role"] and role.get("org") == proposal["actor"] and not role.get("to"):
                role["to"] = start
        made.append(knowledge.change(con, settings, "person", body, action="accept", author=author, reason=reason))
    return made


def _person_change(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    proposal: dict[str, Any],
    role: dict[str, Any],
    overrides: dict[str, Any],
    author: str,
    reason: str,
    choices: Choices,
) -> int:
    kb = knowledge.knowledge_base(knowledge.with_overlay(con, settings))
    existing = [e.key for e in kb.lookup(proposal["name"]) if e.kind == "person"]
    if existing and not overrides.get("id"):  # a known person took up a new office: add the role to them
        _, body, _ = knowledge.entry(con, settings, existing[0])
        assert body is not None
        body["roles"] = [*(body.get("roles") or []), role]
    else:
        body = {"id": overrides.get("id") or _new_id(con, settings, "per", proposal["name"]), "name": proposal["name"],
                "names": [proposal["name"]], "type": "PER", "roles": [role]}  # fmt: skip
    return knowledge.change(
        con, settings, "person", body, action="accept", author=author, reason=reason, choices=choices
    )


def _new_id(con: duckdb.DuckDBPyConnection, settings: Settings, prefix: str, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_") or "x"
    candidate, number = f"{prefix}.{slug}", 2
    while True:
        try:
            knowledge.entry(con, settings, candidate)
        except KnowledgeEditError:
            return candidate
        candidate, number = f"{prefix}.{slug}_{number}", number + 1
