"""The page header above a dateline paragraph, and a "Baca juga:" label whose headline sits on the next line."""

from __future__ import annotations

from pathlib import Path

import pytest

from peristiwa.model import Document, Source
from peristiwa.settings import Settings
from peristiwa.stages.clean import make_stage

TESTS = Path(__file__).parents[1]
HELDOUT4 = TESTS / "heldout4" / "raw"
CLEAN = make_stage(Settings())


def clean(raw: str) -> Document:
    doc = Document(id="x", raw=raw, source=Source())
    CLEAN(doc)
    return doc


def reasons(doc: Document) -> dict[str, str]:
    return {removed.text: removed.reason for removed in doc.removed}


def test_kompas_header_gives_title_and_date_and_drops_section_and_prompts() -> None:
    doc = clean((HELDOUT4 / "110_saudi_iran.txt").read_text(encoding="utf-8"))
    assert doc.title == "Arab Saudi dan Iran Sepakat Pulihkan Hubungan Diplomatik, China Jadi Penengah"
    assert doc.published == "2023-03-11"
    assert doc.text.startswith("BEIJING, KOMPAS.com - Arab Saudi dan Iran sepakat")
    assert reasons(doc)["Kompas.com - Internasional"] == "header"
    assert reasons(doc)["Daftarkan email"] == "header"
    assert doc.origin == "Reuters, Al Jazeera" and "WhatsApp Channel" not in doc.text


def test_detik_header_and_linked_headline() -> None:
    doc = clean((HELDOUT4 / "111_fukushima_seafood.txt").read_text(encoding="utf-8"))
    assert doc.title == "China Larang Impor Makanan Laut Jepang Usai Pembuangan Air Fukushima"
    assert doc.published == "2023-08-25"
    assert {reasons(doc)[t] for t in ("detikNews", "Berita", "Tim detikcom - detikNews")} == {"header"}
    assert reasons(doc)["Jepang Mulai Buang Air Limbah Nuklir Fukushima ke Laut"] == "read_more"
    assert "Hide Ads" not in doc.text and doc.text.startswith("Jakarta - Pemerintah China melarang")


BODY = (
    "Jakarta - Menteri Luar Negeri Indonesia bertemu dengan mitranya dari Vietnam untuk membahas "
    "perdagangan dan batas laut kedua negara."
)


@pytest.mark.parametrize(
    ("raw", "title", "kept"),
    [
        # No dateline near the top: the older rule (first short line followed by a blank) still decides.
        (
            "Menlu Bertemu Mitra Vietnam\n\nMenteri Luar Negeri Indonesia bertemu mitranya.",
            "Menlu Bertemu Mitra Vietnam",
            "Menteri Luar Negeri Indonesia bertemu mitranya.",
        ),
        # The opening paragraph is the first line: there is no header.
        (BODY + "\n\nKedua menteri sepakat bertemu lagi.", None, BODY),
        # A long paragraph above the dateline is body, not header: nothing is taken away.
        (
            "Kedua negara telah lama berselisih tentang batas laut di Laut Natuna Utara, dan perundingan yang dimulai "
            "sejak 2010 belum juga selesai meskipun sudah berlangsung lebih dari tiga puluh putaran di berbagai kota "
            "di Asia Tenggara.\n\n" + BODY,
            None,
            "Kedua negara telah lama berselisih",
        ),
    ],
)
def test_header_rule_leaves_pages_without_a_header_alone(raw: str, title: str | None, kept: str) -> None:
    doc = clean(raw)
    assert doc.title == title and kept in doc.text


def test_a_body_paragraph_after_a_read_more_label_stays() -> None:
    doc = clean(BODY + "\n\nBaca juga:\nRusia Tuding NATO Provokasi\n\nKedua menteri sepakat bertemu lagi pekan depan.")
    assert "Rusia Tuding NATO" not in doc.text and "Kedua menteri sepakat bertemu lagi pekan depan." in doc.text


def test_cnn_header_with_the_dateline_on_its_own_line() -> None:
    doc = clean((TESTS / "heldout5" / "raw" / "113_india_pakistan.txt").read_text(encoding="utf-8"))
    assert doc.title == "India Gempur Pakistan, Islamabad Bersumpah Membalas"
    assert (doc.published, reasons(doc)["CNN Indonesia"]) == ("2025-05-08", "header")
    assert doc.text.startswith("Jakarta, CNN Indonesia --\n\nIndia meluncurkan serangan rudal")
    assert doc.dateline is not None and doc.dateline.outlet == "CNN Indonesia"


def test_date_line_closes_a_header_without_dateline() -> None:
    doc = clean((TESTS / "heldout6" / "raw" / "118_indonesia_australia.txt").read_text(encoding="utf-8"))
    assert doc.title == "Indonesia dan Australia Teken Perjanjian Kerja Sama Pertahanan"
    assert (doc.published, reasons(doc)["kumparanNEWS"]) == ("2024-08-29", "header")
    assert doc.text.startswith("Menteri Pertahanan Prabowo Subianto dan Wakil Perdana Menteri")


def test_a_date_line_below_paragraphs_does_not_make_them_a_header() -> None:
    paragraphs = [f"Paragraf {n} tentang perundingan perbatasan yang masih berlangsung." for n in range(1, 5)]
    doc = clean("\n\n".join([*paragraphs, "Jumat, 04 Maret 2022 | 08:45 WIB", "Kedua menteri sepakat bertemu lagi."]))
    assert doc.title is None and all(p in doc.text for p in paragraphs)


DEV = TESTS.parent / "corpus" / "dev" / "raw"


def _dev(prefix: str) -> Document:
    return clean(next(DEV.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))


def test_headline_printed_twice_is_the_title_and_neither_copy_is_body() -> None:
    doc = _dev("h5_013")  # detik: headline, the same headline, "Novi Christiastuti - detikNews", date, captions
    assert doc.title == "Trump Kenakan Tarif 50% ke Brasil, Lula da Silva Ancam Balas"
    assert doc.title not in doc.text and doc.byline == "Novi Christiastuti"
    assert "REUTERS/Nathan Howard" not in doc.text


def test_rmol_date_and_reporter_line_and_links_to_other_stories_with_their_dates() -> None:
    doc = _dev("h2_018")
    assert doc.title == "Kedubes Afghanistan Kecam Deportasi Massal Sepihak Pakistan"
    assert doc.published == "2023-11-16"
    assert "Camat Madiun Minta Maaf Usai Bubarkan Bedah Buku" not in doc.text
    assert doc.text.startswith("Kedutaan Besar Afghanistan di Qatar melayangkan kritikan tajam")


def test_a_crawler_date_prefix_gives_the_date_and_leaves_the_headline() -> None:
    doc = _dev("h3_019")
    assert doc.published == "2025-08-03"
    assert doc.title == "Hadiri Aksi Bela Palestina, Menlu Sugiono: RI Bakal Kirim 10.000 Ton Beras ke Gaza"


def test_a_dek_between_headline_and_date_is_body_and_a_section_label_is_not() -> None:
    doc = _dev("h3_003")
    assert doc.title == "Mediator gencarkan upaya untuk memecahkan kebuntuan gencatan senjata Gaza"
    assert doc.text.startswith("Kairo dan Doha sedang berkoordinasi erat")
    assert "PERANG GAZA" not in doc.text and "2 menit membaca" not in doc.text


def test_medcom_byline_and_english_date() -> None:
    doc = _dev("h4_030")
    assert doc.published == "2025-07-24"
    assert "Fajar Nugraha" not in doc.text and "Foto: The New York Times" not in doc.text
