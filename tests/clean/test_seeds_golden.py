"""Golden expectations on the real seed articles, stated partially (trafilatura style)."""

from __future__ import annotations

import pytest

from peristiwa.model import Document
from tests.conftest import seed

GONE = [
    ("002", "Posted By : togel"),
    ("002", "berkontribusi pada laporan ini"),
    ("002", "–––"),
    ("001", "BERITALAINNYA"),
    ("001", "BERITATERKINI"),
    ("001", "Laporan: Samsudin"),
    ("001", "Jens Stoltenberg/net"),
    ("001", "08:45 WIB"),
    ("003", "Situs ini menggunakan kuki"),
    ("003", "Terima kuki"),
    ("003", "Baca selanjutnya"),
    ("003", "Hak cipta milik Rossiyskaya Gazeta"),
    ("003", "Pertama kali dipublikasikan oleh TASS"),
    ("004", "Flickr / MFA Russia"),
    ("004", "mohon masukkan tautan ke artikel asli"),
]
KEPT = [
    ("000", "Sekretaris Jenderal NATO Jens Stoltenberg mengatakan pada hari Minggu"),
    ("001", "SinPo.id - Sekretaris Jenderal (Sekjen) Pakta Pertahanan Atlantik Utara"),
    ("002", "Brussel – Sekretaris Jenderal NATO Jens Stoltenberg mengatakan Rabu"),
    ("002", "-organisasi militer negara"),
    ("003", "Gencatan Senjata Suriah"),
    ("003", "Kedua diplomat papan atas tersebut"),
    ("004", "Menteri Luar Negeri Rusia Sergey Lavrov meyakini bahwa"),
]


@pytest.mark.parametrize(("doc_prefix", "text"), GONE)
def test_boilerplate_is_gone(seed_docs: dict[str, Document], doc_prefix: str, text: str) -> None:
    doc = seed(seed_docs, doc_prefix)
    assert text not in doc.text
    assert any(text in removed.text for removed in doc.removed)


@pytest.mark.parametrize(("doc_prefix", "text"), KEPT)
def test_body_is_kept(seed_docs: dict[str, Document], doc_prefix: str, text: str) -> None:
    assert text in seed(seed_docs, doc_prefix).text


def test_repeated_caption_is_removed_but_body_sentence_stays(seed_docs: dict[str, Document]) -> None:
    doc = seed(seed_docs, "004")
    assert [r.reason for r in doc.removed if r.text == "Menteri Luar Negeri Rusia Sergey Lavrov."] == ["caption"] * 2
    assert "Menteri Luar Negeri Rusia Sergey Lavrov meyakini" in doc.text


def test_metadata(seed_docs: dict[str, Document]) -> None:
    doc = seed(seed_docs, "001")
    assert doc.title == "Akhiri Krisis Ukraina! Sekjen NATO Tekankan Upaya Diplomatik Minta Rusia Tarik Pasukan"
    assert (doc.published, doc.published_time, doc.byline) == ("2022-03-04", "08:45+07:00", "Samsudin")
    assert doc.dateline is not None and doc.dateline.outlet == "SinPo.id"
    assert seed(seed_docs, "003").origin == "TASS"
    assert seed(seed_docs, "002").dateline.place == "Brussel"  # type: ignore[union-attr]
    assert seed(seed_docs, "000").title is None and seed(seed_docs, "002").title is None


def test_removed_offsets_point_into_raw(seed_docs: dict[str, Document]) -> None:
    for doc in seed_docs.values():
        for removed in doc.removed:
            assert removed.start is not None and removed.end is not None
            assert doc.raw[removed.start : removed.end].strip() == removed.text
