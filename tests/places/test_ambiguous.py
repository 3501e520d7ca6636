"""The ambiguous cases of issue 9, through the whole pipeline on real Indonesian sentences."""

from __future__ import annotations

from peristiwa.model import Document, Place
from peristiwa.pipeline import Pipeline
from tests.places.kit import run


def _place(doc: Document, surface: str) -> Place | None:
    return next((p for p in doc.places for m in p.mentions if m.text == surface), None)


def test_washington_is_the_us_capital(pipeline: Pipeline) -> None:
    doc = run(
        pipeline,
        "Menteri Luar Negeri Indonesia tiba di Washington pada Senin untuk bertemu dengan "
        "para pejabat pemerintah dan membahas kerja sama perdagangan kedua negara.",
    )
    place = _place(doc, "Washington")
    assert place is not None and (place.country, place.feature, place.geonameid) == ("USA", "PPLC", 4140963)


def test_georgia_in_a_nato_article_is_the_country(pipeline: Pipeline) -> None:
    doc = run(
        pipeline,
        "NATO menyatakan bahwa Georgia dan Ukraina suatu hari akan menjadi anggota aliansi itu, "
        "meskipun Rusia menentang perluasan tersebut dan Amerika Serikat mendukungnya.",
    )
    place = _place(doc, "Georgia")
    assert place is not None and (place.country, place.feature) == ("GEO", "PCLI")


def test_georgia_after_negara_bagian_is_the_us_state(pipeline: Pipeline) -> None:
    doc = run(
        pipeline,
        "Badai besar melanda negara bagian Georgia di Amerika Serikat dan menyebabkan banjir "
        "di banyak kota, kata pejabat setempat kepada wartawan pada hari Selasa.",
    )
    place = _place(doc, "Georgia")
    assert place is not None and (place.country, place.feature) == ("USA", "ADM1")


def test_tapa_next_to_estonia_is_the_estonian_town(pipeline: Pipeline) -> None:
    doc = run(
        pipeline,
        "Tentara Inggris tiba di Tapa, Estonia, untuk bergabung dengan pasukan NATO yang sudah "
        "berada di sana sejak tahun lalu, menurut laporan media setempat.",
    )
    place = _place(doc, "Tapa")
    assert place is not None and (place.country, place.geonameid) == ("EST", 588348)


def test_tapa_without_context_stays_unresolved(pipeline: Pipeline) -> None:
    """Two small towns share the name and nothing in the text picks one: unresolved, not a guess."""
    doc = run(
        pipeline,
        "Para petani berkumpul di Tapa untuk merayakan panen raya bersama keluarga mereka "
        "setelah musim hujan yang panjang, kata seorang warga.",
    )
    place = _place(doc, "Tapa")
    assert place is None or (place.geonameid, place.lat, place.country) == (None, None, None)


def test_a_place_the_gazetteer_lacks_is_unresolved_not_wrong(pipeline: Pipeline) -> None:
    doc = run(
        pipeline,
        "Pertemuan itu berlangsung di Kampung Sukamakmurjaya, sebuah desa kecil di Indonesia, "
        "dan dihadiri oleh para pejabat dari kementerian luar negeri.",
    )
    resolved = {(p.name, p.country) for p in doc.places if p.lat is not None}
    assert resolved <= {("Indonesia", "IDN")}
    assert all(p.lat is None for p in doc.places if "Sukamakmurjaya" in p.name)


def test_a_capital_acting_for_its_state_is_not_a_place(pipeline: Pipeline) -> None:
    doc = run(
        pipeline,
        "Moskow membantah tuduhan bahwa pasukannya bersiap menyerang, sementara para diplomat "
        "Barat bertemu di Jenewa untuk membahas krisis tersebut dengan pejabat Rusia.",
    )
    assert _place(doc, "Moskow") is None
    jenewa = _place(doc, "Jenewa")
    assert jenewa is not None and jenewa.country == "CHE"


def test_a_capital_named_in_the_article_is_context_for_a_small_town(pipeline: Pipeline) -> None:
    doc = run(
        pipeline,
        "Presiden Alar Karis menyambut para tamu di Tallinn pada pagi hari. Pada sore harinya "
        "mereka mengunjungi tentara Inggris di Tapa sebelum kembali ke ibu kota.",
    )
    place = _place(doc, "Tapa")
    assert place is not None and place.country == "EST"
