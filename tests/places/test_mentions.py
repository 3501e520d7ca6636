"""The places stage alone on hand-built entity layers: the forms a LOC mention is looked up in."""

from __future__ import annotations

import pytest

from peristiwa.model import Dateline, Document, Entity, Mention, Source
from peristiwa.settings import Settings
from peristiwa.stages.places import make_stage

STAGE = make_stage(Settings())


def _resolve(text: str, *locs: str, states: dict[str, str] | None = None) -> dict[str, tuple[str | None, str | None]]:
    entities = [
        Entity(f"L{i}", n, "LOC", mentions=[Mention(text.index(n), text.index(n) + len(n), n)])
        for i, n in enumerate(locs)
    ]
    entities += [
        Entity(f"G{i}", n, "GPE", code, mentions=[Mention(text.index(n), text.index(n) + len(n), n)])
        for i, (n, code) in enumerate((states or {}).items())
    ]
    doc = Document("d", text, Source(), text=text, entities=entities)
    STAGE(doc)
    return {m.text: (p.name if p.lat is not None else None, p.country) for p in doc.places for m in p.mentions}


@pytest.mark.parametrize(
    ("text", "mention", "want"),
    [
        ("Rapat digelar di Gedung DPR, Jakarta, pada Senin.", "Gedung DPR, Jakarta", ("Jakarta", "IDN")),
        ("Roket jatuh di Israel utara pada malam hari.", "Israel utara", ("Israel", "ISR")),
        ("Warga mengungsi dari sekitar Gaza ke selatan.", "sekitar Gaza", ("Jalur Gaza", "PSE")),
        ("Pemilu digelar di Kota Surakarta dan sekitarnya.", "Kota Surakarta", ("Surakarta", "IDN")),
        ("Feri tenggelam di Selat Bali pada Rabu malam.", "Selat Bali", (None, None)),
    ],
)
def test_bare_forms(text: str, mention: str, want: tuple[str | None, str | None]) -> None:
    assert _resolve(text, mention)[mention] == want


def test_a_curated_name_the_ner_cut_short_is_read_whole() -> None:
    """NER saw "Jawa"; our own name "Jawa Barat" wins and replaces it."""
    places = _resolve("Gempa mengguncang Cianjur, Jawa Barat, pada Senin.", "Cianjur", "Jawa")
    assert places == {"Cianjur": ("Cianjur", "IDN"), "Jawa Barat": ("Jawa Barat", "IDN")}


def test_a_curated_name_inside_an_organisation_is_not_a_place() -> None:
    text = "Pasukan Tepi Barat Brigade menolak perintah itu."
    org = Entity("O1", "Pasukan Tepi Barat Brigade", "ORG", mentions=[Mention(0, 26, text[:26])])
    doc = Document("d", text, Source(), text=text, entities=[org])
    STAGE(doc)
    assert doc.places == []


def test_state_named_right_after_a_town_decides_between_namesakes() -> None:
    places = _resolve("Pasukan tiba di Tapa, Estonia, pada Selasa.", "Tapa", states={"Estonia": "EST"})
    assert places["Tapa"] == ("Tapa", "EST")


def test_the_dateline_place_is_context_for_the_article() -> None:
    text = "Tartu – Tentara Inggris tiba di Tapa pada Selasa."
    entities = [
        Entity("L0", "Tartu", "LOC", mentions=[Mention(0, 5, "Tartu")]),
        Entity("L1", "Tapa", "LOC", mentions=[Mention(text.index("Tapa"), text.index("Tapa") + 4, "Tapa")]),
    ]
    doc = Document("d", text, Source(), text=text, entities=entities, dateline=Dateline("Tartu –", "Tartu", 0, 7))
    STAGE(doc)
    tapa = next(p for p in doc.places if p.mentions[0].text == "Tapa")
    assert (tapa.name, tapa.country) == ("Tapa", "EST")


def test_a_name_after_di_that_ner_missed_is_kept_when_the_text_pins_it() -> None:
    text = "Tank Israel bergerak di Rafah, dekat Jalur Gaza, dan warga berlindung di Merdeka."
    places = _resolve(text, "Jalur Gaza", states={"Israel": "ISR"})
    assert places["Rafah"] == ("Rafah", "PSE")
    assert "Merdeka" not in places  # a word after "di" that nothing ties to a place is not proposed as one
