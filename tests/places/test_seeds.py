"""Issue 9 on the five seed articles: every place the text names, resolved to its entry; events placed."""

from __future__ import annotations

import pytest

from peristiwa.model import Document
from tests.conftest import seed

# prefix → {surface form: (display name, alpha-3, feature)}; None = must stay unresolved.
SEED_PLACES: dict[str, dict[str, tuple[str, str | None, str] | None]] = {
    "000": {
        "New York": ("New York", "USA", "PPL"),
        "Suriah": ("Suriah", "SYR", "PCLI"),
        "Norwegia": ("Norwegia", "NOR", "PCLI"),
        "Prancis": ("Prancis", "FRA", "PCLI"),
        "Ukraina": ("Ukraina", "UKR", "PCLI"),
    },
    "001": {
        "Pangkalan Angkatan Darat Tapa": ("Pangkalan Angkatan Darat Tapa", "EST", "MILB"),
        "Tapa Army Base": ("Pangkalan Angkatan Darat Tapa", "EST", "MILB"),
        "Tapa": ("Tapa", "EST", "PPL"),
        "Laut Baltik": ("Laut Baltik", None, "SEA"),
        "Mediterania": ("Laut Mediterania", None, "SEA"),
        "Gomel": ("Gomel", "BLR", "PPL"),
        "Belarusia": ("Belarus", "BLR", "PCLI"),
        "Tallinn": ("Tallinn", "EST", "PPLC"),
        "Lask": ("Lask", "POL", "PPL"),
        "Polandia": ("Polandia", "POL", "PCLI"),
        "Estonia": ("Estonia", "EST", "PCLI"),
        "Kerajaan Welsh": None,
    },
    "002": {
        "Brussel": ("Brussel", "BEL", "PPLC"),
        "Semenanjung Krimea": ("Semenanjung Krimea", "UKR", "PEN"),
        "Eropa": ("Eropa", None, "CONT"),
        "Georgia": ("Georgia", "GEO", "PCLI"),
        "Atlantik Utara": ("Atlantik Utara", None, "OCN"),
        "Moskow": ("Moskow", "RUS", "PPLC"),
    },
    "003": {"Tadmur": ("Tadmur", "SYR", "PPL"), "Suriah": ("Suriah", "SYR", "PCLI")},
    "004": {"Jenewa": ("Jenewa", "CHE", "PPL"), "Swiss": ("Swiss", "CHE", "PCLI")},
}


@pytest.mark.parametrize("prefix", sorted(SEED_PLACES))
def test_seed_places_resolve_to_their_entries(seed_docs: dict[str, Document], prefix: str) -> None:
    doc = seed(seed_docs, prefix)
    by_text = {m.text: p for p in doc.places for m in p.mentions}
    for surface, want in SEED_PLACES[prefix].items():
        place = by_text.get(surface)
        assert place is not None, f"{surface} is not a place of seed {prefix}"
        got = (place.name, place.country, place.feature) if place.lat is not None else None
        assert got == want, surface


def test_moskow_as_actor_is_not_a_place_but_di_moskow_is(seed_docs: dict[str, Document]) -> None:
    doc = seed(seed_docs, "002")
    moskow = [m for p in doc.places for m in p.mentions if m.text == "Moskow"]
    assert len(moskow) == 1 and doc.text[moskow[0].start - 3 : moskow[0].start] == "Di "


def _located(doc: Document, evidence: str) -> tuple[str, str] | None:
    event = next(e for e in doc.events if e.evidence.text.startswith(evidence))
    return (event.location.name, event.location.precision) if event.location else None


@pytest.mark.parametrize(
    ("prefix", "evidence", "where"),
    [
        ("000", "bertemu dengan Menteri Luar Negeri Rusia", ("New York", "city")),
        ("001", "mengunjungi PM Inggris", ("Pangkalan Angkatan Darat Tapa", "city")),
        ("001", "bertemu dengan Stoltenberg", ("Tallinn", "city")),
        ("001", "serangan Rusia di Ukraina", ("Ukraina", "country")),
        ("001", "melakukan sebuah perjalanan ke Polandia", ("Lask", "city")),
        ("002", "memimpin pertemuan Dewan NATO-Rusia", ("Brussel", "city")),  # the dateline
        ("004", "melanjutkan pembicaraan", ("Jenewa", "city")),
        ("004", "kontak kerja", ("Jenewa", "city")),
    ],
)
def test_events_with_a_place_in_their_clause_carry_it(
    seed_docs: dict[str, Document], prefix: str, evidence: str, where: tuple[str, str]
) -> None:
    assert _located(seed(seed_docs, prefix), evidence) == where


def test_events_the_text_does_not_place_have_no_location(seed_docs: dict[str, Document]) -> None:
    doc = seed(seed_docs, "000")
    assert _located(doc, "membahas Suriah dengan Rusia") is None
    assert all(e.location is None or e.location.precision in {"city", "region", "country"} for e in doc.events)
