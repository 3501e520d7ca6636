"""Event merge: compatible dates, best-supported date, copies counted once."""

from __future__ import annotations

import datetime as dt

from peristiwa.settings import DATA_DIR
from peristiwa.stories.merge import (
    MentionIn,
    Report,
    best_date,
    clean_date,
    date_clusters,
    merge_story,
)
from peristiwa.stories.ontology import plover_types

TYPES = plover_types(DATA_DIR)


def mention(article: str, date: str | None, mid: str = "e0", etype: str = "CONSULT", target: str = "UKR") -> MentionIn:
    return MentionIn(article, mid, etype, "RUS", target, date=date, evidence_text="bertemu")


def reports(*specs: tuple[str, str | None, str]) -> dict[str, Report]:
    """(article id, outlet, canonical copy)"""
    return {aid: Report(aid, dt.date(2022, 3, 10), outlet, dup, f"https://{aid}") for aid, outlet, dup in specs}


def test_dates_a_day_apart_or_nested_are_one_event_and_distant_days_two() -> None:
    clusters = date_clusters(
        [
            mention("a", "2022-03-10"),
            mention("b", "2022-03-11"),
            mention("c", "2022-03"),
            mention("d", None),
            mention("e", "2022-03-20"),
        ]
    )
    sizes = sorted(len(c) for c in clusters)
    assert sizes == [1, 4]


def test_best_date_is_the_most_supported_day() -> None:
    cluster = [
        mention("a", "2022-03-10"),
        mention("b", "2022-03-11"),
        mention("c", "2022-03-11"),
        mention("d", "2022-03"),
    ]
    assert best_date(cluster) == "2022-03-11"
    assert best_date([mention("a", "2022-03"), mention("b", None)]) == "2022-03"


def test_invalid_dates_count_as_undated() -> None:
    assert clean_date("2022-13-01") is None
    assert clean_date("kemarin") is None
    assert clean_date("2022-02") == "2022-02"


def test_syndicated_copies_count_once_and_sources_by_outlet() -> None:
    info = reports(("a", "Antara", "a"), ("b", "Kompas", "a"), ("c", "Tempo", "c"))
    events = merge_story("s", [mention("a", "2022-03-10"), mention("b", "2022-03-10"), mention("c", None)], info, TYPES)
    assert len(events) == 1
    event = events[0]
    assert (event.num_mentions, event.num_articles, event.num_sources, event.num_copies) == (2, 2, 3, 3)
    assert event.date == "2022-03-10" and event.month == dt.date(2022, 3, 1)
    assert event.quad == "V-coop" and event.cameo == "040" and event.quad_class == 1


def test_different_types_or_targets_stay_apart() -> None:
    info = reports(("a", "A", "a"))
    events = merge_story(
        "s",
        [
            mention("a", None, "e1"),
            mention("a", None, "e2", "ACCUSE"),
            mention("a", None, "e3", target="USA"),
        ],
        info,
        TYPES,
    )
    assert len(events) == 3
    assert len({e.event_id for e in events}) == 3


def test_merge_does_not_depend_on_mention_order() -> None:
    info = reports(("a", "A", "a"), ("b", "B", "b"), ("c", "C", "c"))
    mentions = [mention("a", "2022-03-10"), mention("b", "2022-03-01"), mention("c", "2022-03")]
    first = merge_story("s", mentions, info, TYPES)
    second = merge_story("s", list(reversed(mentions)), info, TYPES)
    assert [(e.event_id, e.num_mentions, e.date) for e in first] == [
        (e.event_id, e.num_mentions, e.date) for e in second
    ]
