"""Invariants of the lookup form and of the places layer on arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from peristiwa.model import Document, Entity, Mention, Source
from peristiwa.settings import Settings
from peristiwa.stages.places import make_stage
from peristiwa.stages.places.mentions import Taken
from peristiwa.stages.places.names import lookup_key

STAGE = make_stage(Settings())


@given(st.text(max_size=40))
def test_lookup_key_is_idempotent(name: str) -> None:
    key = lookup_key(name)
    assert lookup_key(key) == key and key == key.strip()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "di",
                "Jenewa",
                "Tapa",
                "Georgia",
                "Laut",
                "Baltik",
                "Jawa",
                "Barat",
                ",",
                "kota",
                "negara",
                "bagian",
                "Xyzzy",
                "Estonia",
            ]
        ),
        max_size=14,
    )
)
def test_places_point_into_the_text_and_are_resolved_or_empty(words: list[str]) -> None:
    text = " ".join(words)
    entities = [
        Entity(f"E{i}", w, "LOC", mentions=[Mention(text.find(w), text.find(w) + len(w), w)])
        for i, w in enumerate(dict.fromkeys(words))
        if w[0].isupper()
    ]
    doc = Document("d", text, Source(), text=text, entities=entities)
    STAGE(doc)
    for place in doc.places:
        assert all(text[m.start : m.end] == m.text for m in place.mentions)
        if place.lat is None:  # unresolved: nothing guessed
            assert (place.geonameid, place.lon, place.country, place.feature) == (None, None, None, None)
        else:
            assert place.lon is not None and place.feature


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])), max_size=12)


@given(spans, st.integers(0, 70), st.integers(1, 15))
def test_taken_touches_agrees_with_a_scan(taken: list[tuple[int, int]], start: int, size: int) -> None:
    end = start + size
    assert Taken(taken).touches(start, end) == any(s < end and start < e for s, e in taken)


def test_lookup_key_folds_compatibility_letters_once() -> None:
    assert lookup_key("\U0001f110") == lookup_key(lookup_key("\U0001f110")) == "(a)"
