"""The stage's record fields: codes, quad, score, CAMEO, rule, clause, magnitude, modality, ids (and the date
and place that the situate stage reads from the clause)."""

from __future__ import annotations

from peristiwa.model import DateMention, Mention, Place
from peristiwa.settings import Settings
from peristiwa.stages import situate
from peristiwa.stages.events import EventsStage, make_stage
from tests.events.kit import build_document, code_text

STAGE = make_stage(Settings())
SITUATE = situate.make_stage(Settings())


def _coded(text: str, dates: list[DateMention] | None = None):  # type: ignore[no-untyped-def]
    doc = build_document(text)
    doc.dates = dates or []
    STAGE(doc)
    SITUATE(doc)
    return doc.events


def test_make_stage_returns_the_stage() -> None:
    assert isinstance(STAGE, EventsStage)


def test_event_fields_come_from_the_data() -> None:
    (event,) = code_text("Israel menyerang Lebanon selatan pada Senin malam.")
    assert (event.type, event.quad, event.score, event.cameo, event.rule) == (
        "ASSAULT",
        "M-conf",
        -9.0,
        "190",
        "assault.serang",
    )
    assert event.evidence.text == "menyerang Lebanon" and event.modality == "asserted"


def test_source_and_target_entities_are_kept() -> None:
    (event,) = code_text("Menteri Luar Negeri Retno Marsudi bertemu dengan Wang Yi di Jakarta.")
    assert event.source_entity and event.target_entity and event.source_entity != event.target_entity


def test_date_comes_from_the_same_clause_only() -> None:
    text = "Rusia mencaplok Krimea Ukraina pada 2014, menurut laporan pada Senin."
    dates = [
        DateMention("2014", text.index("2014"), text.index("2014") + 4, "2014"),
        DateMention("Senin", text.index("Senin"), text.index("Senin") + 5, "2022-03-07"),
    ]
    (event,) = _coded(text, dates)
    assert (event.date, event.date_source, event.date_precision) == ("2014", "clause", "year")


def test_no_date_without_a_date_mention() -> None:
    (event,) = _coded("Rusia mencaplok Krimea Ukraina.")
    assert (event.date, event.date_source, event.date_precision) == (None, "none", None)


def test_the_event_keeps_its_trigger_clause() -> None:
    text = "Rusia mencaplok Krimea Ukraina pada 2014, menurut laporan pada Senin."
    (event,) = _coded(text)
    assert event.clause is not None
    assert text[event.clause.start : event.clause.end] == "Rusia mencaplok Krimea Ukraina pada 2014"


def test_magnitude_of_a_deployment() -> None:
    (event,) = code_text("Rusia mengerahkan sekitar 100.000 tentara ke perbatasan Ukraina.")
    assert event.magnitude is not None
    assert (event.magnitude.value, event.magnitude.unit, event.magnitude.qualifier) == (
        100000,
        "tentara",
        "about",
    )
    assert event.target is None  # MOBILIZE has no recipient


def test_future_cooperation_is_agree_and_keeps_its_modality() -> None:
    (event,) = code_text("Retno Marsudi akan bertemu dengan Wang Yi pekan depan.")
    assert (event.type, event.modality, event.mode) == ("AGREE", "future", None)


def test_hypothetical_events_are_not_emitted() -> None:
    assert code_text("Rusia mungkin akan menyerang Ukraina.") == []
    assert code_text("Apakah China akan menyerang Taiwan?") == []


def test_speaker_of_a_quote_is_the_source_of_kami() -> None:
    events = code_text("“Kami tidak akan menyerang Rusia,” kata Volodymyr Zelensky.")
    assert [(e.source, e.type, e.target, e.negated) for e in events] == [("UKR", "ASSAULT", "RUS", True)]


def test_pronoun_subject_resolves_to_its_person() -> None:
    events = code_text("Antony Blinken tiba di Jakarta. Dia bertemu dengan Retno Marsudi.")
    assert [(e.source, e.target) for e in events] == [("USA", "IDN")]


def test_passive_voice_puts_the_agent_first() -> None:
    events = code_text("Nelayan Vietnam ditangkap oleh Indonesia di Natuna.")
    assert [(e.source, e.type, e.target) for e in events] == [("IDN", "COERCE", "VNM")]


def test_event_ids_are_stable_and_distinct() -> None:
    text = "Israel menyerang Lebanon. Hamas menyerang Israel."
    first, second = code_text(text), code_text(text)
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == 2


def test_one_event_per_key_and_sentence() -> None:
    events = code_text("Rusia menyerang Ukraina dan serangan Rusia ke Ukraina berlanjut.")
    assert len(events) == 1


def test_location_is_the_place_after_di_in_the_clause() -> None:
    text = "Retno Marsudi bertemu dengan Wang Yi di Jenewa, sehari setelah tiba di Roma."
    doc = build_document(text)
    doc.places = [
        Place(
            "Jenewa",
            2660646,
            46.2,
            6.14,
            "CH",
            "PPLA",
            [Mention(text.index("Jenewa"), text.index("Jenewa") + 6, "Jenewa")],
        ),
        Place(
            "Roma",
            3169070,
            41.9,
            12.5,
            "IT",
            "PPLC",
            [Mention(text.index("Roma"), text.index("Roma") + 4, "Roma")],
        ),
    ]
    STAGE(doc)
    SITUATE(doc)
    (event,) = doc.events
    assert event.location is not None
    assert (event.location.name, event.location.country, event.location.source) == ("Jenewa", "CH", "clause")
