"""Merge event mentions of one story into real-world events.

Mentions are one event when they share type, source, target and negation inside one story and their
dates are compatible: the same day (or one day apart, as a "Rabu" and a publication date often are),
or one date containing the other ("2022-03" contains "2022-03-02"). A mention dated only by its report
joins an event the text dates up to a week before that report (news is reported after it happens), else
the mentions reported the same day or the next; an undated mention joins the best-supported event. The
merged event takes the date the text gives it before a report's date, and says where that date came from
(`date_source`) and how precise it is. Syndicated copies count once: a near-duplicate group adds the
mentions of one copy, never of each copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from peristiwa.stories.ontology import PloverType

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DAY_TOLERANCE = 1
REPORT_LAG_DAYS = 7  # how long before its report an event the report dates no better may have happened
# Evidence for a date, strongest first (stages/time/event_dates.py).
SOURCE_RANK = {"clause": 0, "sentence": 1, "mention": 2, "lead": 3, "report": 4}
_PRECISION = {10: "day", 7: "month", 4: "year"}


@dataclass(frozen=True, slots=True)
class Report:
    """The article behind a mention, as far as counting goes."""

    article_id: str
    published: dt.date | None
    outlet: str | None
    dup_of: str
    url: str | None


@dataclass(frozen=True, slots=True)
class MentionIn:
    article_id: str
    mention_id: str
    type: str | None
    source: str | None
    target: str | None
    negated: bool = False
    date: str | None = None
    mode: str | None = None
    modality: str | None = None
    source_entity: str | None = None
    target_entity: str | None = None
    quad: str | None = None
    score: float | None = None
    cameo: str | None = None
    location_name: str | None = None
    location_country: str | None = None
    evidence_text: str | None = None
    date_source: str | None = None  # clause | sentence | mention | lead | report | none (None: before issue 16)
    date_precision: str | None = None
    corrected: bool = False  # an analyst's correction set its fields


@dataclass(slots=True)
class MergedEvent:
    event_id: str
    story_id: str
    type: str | None
    source: str | None
    target: str | None
    negated: bool
    date: str | None
    month: dt.date | None
    mode: str | None
    modality: str | None
    source_entity: str | None
    target_entity: str | None
    quad: str | None
    quad_class: int | None
    score: float | None
    cameo: str | None
    location_name: str | None
    location_country: str | None
    num_mentions: int
    num_articles: int
    num_sources: int
    num_copies: int
    first_article_id: str
    source_url: str | None
    text: str | None
    date_source: str = "none"  # clause | sentence | mention | lead | report | none
    date_precision: str | None = None  # day | week | month | year
    corrected: bool = False  # one of its mentions was corrected by an analyst
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (article_id, mention_id)


def clean_date(value: str | None) -> str | None:
    """The value if it is a real YYYY, YYYY-MM or YYYY-MM-DD date, else None."""
    if not value or not _DATE.match(value):
        return None
    try:
        dt.date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        return None
    return value


def merge_story(
    story_id: str, mentions: Iterable[MentionIn], reports: dict[str, Report], types: dict[str, PloverType]
) -> list[MergedEvent]:
    """All merged events of one story, in a stable order."""
    groups: dict[tuple[str, str, str, bool], list[MentionIn]] = {}
    for mention in mentions:
        key = (mention.type or "", mention.source or "", mention.target or "", mention.negated)
        groups.setdefault(key, []).append(mention)
    events = []
    for key in sorted(groups):
        for cluster in date_clusters(groups[key]):
            events.append(_merged(story_id, cluster, reports, types))
    return events


def date_clusters(mentions: list[MentionIn]) -> list[list[MentionIn]]:
    """Split mentions of one (type, source, target) into groups of compatible dates."""
    by_precision: dict[int, list[MentionIn]] = {10: [], 7: [], 4: [], 0: []}
    reported: list[MentionIn] = []
    for mention in sorted(mentions, key=_mention_order):
        date = clean_date(mention.date)
        if date and len(date) == 10 and mention.date_source == "report":
            reported.append(mention)
        else:
            by_precision[len(date) if date else 0].append(mention)
    clusters = _day_clusters(by_precision[10])
    for precision in (7, 4):
        for mention in by_precision[precision]:
            _attach(clusters, mention, lambda c, m=mention: any(d.startswith(m.date or "") for d in _dates(c)))
    for mention in reported:
        _attach(clusters, mention, lambda c, m=mention: _reports_on(c, m))
    for mention in by_precision[0]:
        _attach(clusters, mention, lambda c: True)
    return clusters


def _reports_on(cluster: list[MentionIn], mention: MentionIn) -> bool:
    """Whether a mention dated by its report (and no better) can be the event of `cluster`: the text dates the
    cluster's event shortly before the report, or other reports of the same days make it."""
    reported = dt.date.fromisoformat((mention.date or "")[:10])
    for other in cluster:
        date = clean_date(other.date)
        if not date:
            continue
        if other.date_source == "report":
            if abs((dt.date.fromisoformat(date) - reported).days) <= DAY_TOLERANCE:
                return True
        elif len(date) == 10:
            if 0 <= (reported - dt.date.fromisoformat(date)).days <= REPORT_LAG_DAYS:
                return True
        elif reported.isoformat().startswith(date):
            return True
    return False


def _mention_order(mention: MentionIn) -> tuple[str, str, str]:
    return (clean_date(mention.date) or "", mention.article_id, mention.mention_id)


def _dates(cluster: list[MentionIn], reported: bool = True) -> list[str]:
    return [d for d in (clean_date(m.date) for m in cluster if reported or m.date_source != "report") if d]


def _day_clusters(mentions: list[MentionIn]) -> list[list[MentionIn]]:
    clusters: list[list[MentionIn]] = []
    anchor: dt.date | None = None
    for mention in mentions:  # sorted by date
        day = dt.date.fromisoformat(mention.date or "")
        if anchor is None or (day - anchor).days > DAY_TOLERANCE:
            clusters.append([])
            anchor = day
        clusters[-1].append(mention)
    return clusters


def _attach(clusters: list[list[MentionIn]], mention: MentionIn, fits: object) -> None:
    """Join the biggest compatible cluster (the earliest on a tie), or start a new one."""
    candidates = [c for c in clusters if fits(c)]  # type: ignore[operator]
    if candidates:
        max(candidates, key=lambda c: (len(c), -clusters.index(c))).append(mention)
    else:
        clusters.append([mention])


def best_date(cluster: list[MentionIn]) -> str | None:
    """The most specific date that the most mentions give (the earliest on a tie); a date the text gives wins
    over a report's date."""
    for dates in (_dates(cluster, reported=False), _dates(cluster)):
        for precision in (10, 7, 4):
            counts = Counter(d for d in dates if len(d) == precision)
            if counts:
                return min(counts, key=lambda d: (-counts[d], d))
    return None


def date_evidence(cluster: list[MentionIn], date: str | None) -> tuple[str, str | None]:
    """Where the merged date came from (the strongest evidence among the mentions that give it) and how
    precise it is."""
    if date is None:
        return "none", None
    giving = [m for m in cluster if clean_date(m.date) == date]
    best = min(giving, key=lambda m: SOURCE_RANK.get(m.date_source or "clause", len(SOURCE_RANK)))
    source = best.date_source if best.date_source in SOURCE_RANK else "clause"
    return source, best.date_precision or _PRECISION.get(len(date))


def _most_common(values: Iterable[object]) -> object | None:
    counts = Counter(v for v in values if v is not None and v != "")
    return min(counts, key=lambda v: (-counts[v], str(v))) if counts else None


def _merged(
    story_id: str, cluster: list[MentionIn], reports: dict[str, Report], types: dict[str, PloverType]
) -> MergedEvent:
    first = min(cluster, key=lambda m: _report_order(reports[m.article_id], m))
    info = types.get((first.type or "").upper())
    date = best_date(cluster)
    date_source, date_precision = date_evidence(cluster, date)
    counts = _counts(cluster, reports)
    first_report = reports[first.article_id]
    return MergedEvent(
        event_id=_event_id(story_id, first),
        story_id=story_id,
        type=first.type,
        source=first.source,
        target=first.target,
        negated=first.negated,
        date=date,
        date_source=date_source,
        date_precision=date_precision,
        month=_month(date, cluster, reports),
        mode=_most_common(m.mode for m in cluster),  # type: ignore[arg-type]
        modality=_most_common(m.modality for m in cluster),  # type: ignore[arg-type]
        source_entity=_most_common(m.source_entity for m in cluster),  # type: ignore[arg-type]
        target_entity=_most_common(m.target_entity for m in cluster),  # type: ignore[arg-type]
        quad=_most_common(m.quad for m in cluster) or (info.quad if info else None),  # type: ignore[arg-type]
        quad_class=info.quad_class if info else None,
        score=_most_common(m.score for m in cluster) or (info.score if info else None),  # type: ignore[arg-type]
        cameo=_most_common(m.cameo for m in cluster) or (info.cameo if info else None),  # type: ignore[arg-type]
        location_name=_most_common(m.location_name for m in cluster),  # type: ignore[arg-type]
        location_country=_most_common(m.location_country for m in cluster),  # type: ignore[arg-type]
        first_article_id=first.article_id,
        source_url=first_report.url,
        text=first.evidence_text,
        mentions=sorted((m.article_id, m.mention_id) for m in cluster),
        corrected=any(m.corrected for m in cluster),
        **counts,
    )


def _report_order(report: Report, mention: MentionIn) -> tuple[bool, dt.date, str, str]:
    return (report.published is None, report.published or dt.date.min, report.article_id, mention.mention_id)


def _counts(cluster: list[MentionIn], reports: dict[str, Report]) -> dict[str, int]:
    per_article = Counter(m.article_id for m in cluster)
    per_group: dict[str, int] = {}
    for article_id, count in per_article.items():
        group = reports[article_id].dup_of
        per_group[group] = max(per_group.get(group, 0), count)
    sources = {reports[a].outlet or f"report:{reports[a].dup_of}" for a in per_article}
    return {
        "num_mentions": sum(per_group.values()),
        "num_articles": len(per_group),
        "num_sources": len(sources),
        "num_copies": len(per_article),
    }


def _month(date: str | None, cluster: list[MentionIn], reports: dict[str, Report]) -> dt.date | None:
    """The month the timelines plot the event in: its date's; a year alone is plotted in the month of the
    first report from that year, else in its January (`date_precision` says "year"). Undated: none."""
    if date and len(date) >= 7:
        return dt.date(int(date[:4]), int(date[5:7]), 1)
    if not date:
        return None
    published = [p for p in (reports[m.article_id].published for m in cluster) if p is not None]
    first = min((p for p in published if str(p.year) == date), default=None)
    return first.replace(day=1) if first else dt.date(int(date), 1, 1)


def _event_id(story_id: str, first: MentionIn) -> str:
    key = "|".join(
        [
            story_id,
            first.type or "",
            first.source or "",
            first.target or "",
            str(first.negated),
            first.article_id,
            first.mention_id,
        ]
    )
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
