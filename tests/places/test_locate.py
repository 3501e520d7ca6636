"""Event locations from hand-built places: the preposition, the words between, precision over nearness."""

from __future__ import annotations

from peristiwa.model import Dateline, Document, Event, Mention, Place, Sentence, Source
from peristiwa.pipeline import Pipeline
from peristiwa.settings import DATA_DIR
from peristiwa.stages.nlp.words import Words, tokenize
from peristiwa.stages.places.locate import clause_location, governed_by, load_cues, locate_events

CUES = load_cues(DATA_DIR)
TEXT = "Dia bertemu dengan Kallas di Pangkalan Angkatan Darat Tapa di Estonia utara."


def _place(text: str, name: str, feature: str, country: str, lat: float | None = 1.0) -> Place:
    start = text.index(name)
    return Place(
        name, None, lat, 2.0 if lat is not None else None, country, feature, [Mention(start, start + len(name), name)]
    )


def test_di_governs_across_place_nouns() -> None:
    text = "Mereka bertemu di bandara Tallinn dan di dekat perbatasan timur Ukraina, lalu pergi ke Riga."
    cues = CUES
    words = Words(tokenize(text))
    assert governed_by(words, text.index("Tallinn"), 0, cues) == 0
    assert governed_by(words, text.index("Ukraina"), 0, cues) == 0
    assert governed_by(words, text.index("Riga"), 0, cues) == 1
    assert governed_by(Words(tokenize("Tallinn menolak usulan itu.")), 0, 0, cues) is None


def test_the_base_wins_over_the_state_it_lies_in() -> None:
    places = [_place(TEXT, "Pangkalan Angkatan Darat Tapa", "MILB", "EST"), _place(TEXT, "Estonia", "PCLI", "EST")]
    location = clause_location(TEXT, places, 0, len(TEXT), TEXT.index("bertemu"), CUES)
    assert location is not None and (location.name, location.precision) == ("Pangkalan Angkatan Darat Tapa", "city")


def test_an_unresolved_place_keeps_its_name_with_unknown_precision() -> None:
    text = "Mereka bertemu di Kampung Sukamakmurjaya."
    location = clause_location(text, [_place(text, "Kampung Sukamakmurjaya", "", "", None)], 0, len(text), 7, CUES)
    assert location is not None and (location.precision, location.lat) == ("unknown", None)


def test_unplaced_events_take_the_resolved_dateline_place() -> None:
    text = "Brussel – NATO menolak permintaan Rusia."
    doc = Document("d", text, Source(), text=text, dateline=Dateline("Brussel –", "Brussel", 0, 9))
    doc.places = [_place(text, "Brussel", "PPLC", "BEL")]
    doc.events = [Event("e", "REJECT", "NATO", "RUS", Mention(15, 22, "menolak"), Sentence(0, len(text)))]
    locate_events(doc, DATA_DIR)
    location = doc.events[0].location
    assert location is not None and (location.name, location.source) == ("Brussel", "dateline")


def test_no_place_no_dateline_no_location() -> None:
    text = "NATO menolak permintaan Rusia."
    doc = Document("d", text, Source(), text=text)
    doc.events = [Event("e", "REJECT", "NATO", "RUS", Mention(5, 12, "menolak"), Sentence(0, len(text)))]
    locate_events(doc, DATA_DIR)
    assert doc.events[0].location is None


def test_a_name_after_a_comma_shares_the_preposition() -> None:
    """ "di Istana Bogor, Jawa Barat": the palace is not in the gazetteer, the province is; the clause ends at
    the comma but the apposition still belongs to it."""
    text = "Presiden menerima tamunya di Istana Bogor, Jawa Barat, pada Senin."
    places = [_place(text, "Istana Bogor", "", "", None), _place(text, "Jawa Barat", "ADM1", "IDN")]
    location = clause_location(text, places, 0, text.index(","), text.index("menerima"), CUES)
    assert location is not None and (location.name, location.precision) == ("Jawa Barat", "region")


def test_the_dateline_does_not_place_an_event_dated_years_before_the_report(pipeline: Pipeline) -> None:
    from peristiwa.stages.ingest import RawArticle

    text = (
        "Brussel – NATO mendesak Rusia menarik pasukannya dari perbatasan Ukraina pada Rabu.\n\n"
        "Rusia mencaplok Semenanjung Krimea Ukraina pada 2014.\n"
    )
    doc = pipeline.process(RawArticle(text, Source(path="x.txt"), {"published": "2022-01-12"}))
    by_type = {e.type: e for e in doc.events}
    assert by_type["COERCE"].location is None
    assert by_type["REQUEST"].location is not None and by_type["REQUEST"].location.name == "Brussel"


def test_without_a_publication_date_the_latest_date_in_the_text_anchors_the_dateline(pipeline: Pipeline) -> None:
    from peristiwa.stages.ingest import RawArticle

    text = (
        "Brussel – NATO mendesak Rusia menarik pasukannya dari perbatasan Ukraina pada Rabu (12/1/2022).\n\n"
        "Rusia mencaplok Semenanjung Krimea Ukraina pada 2014.\n"
    )
    doc = pipeline.process(RawArticle(text, Source(path="x.txt")))
    assert doc.published is None
    assert next(e for e in doc.events if e.type == "COERCE").location is None
