"""Hand-built extract records (DESIGN §3) for store tests: the layers other stages will fill."""

from __future__ import annotations

import hashlib
from typing import Any

BODY_SUMMIT = (
    "Menteri Luar Negeri Rusia Sergei Lavrov bertemu Menteri Luar Negeri Ukraina Dmytro Kuleba di Antalya, "
    "Turki, pada Kamis. Pertemuan tingkat tinggi pertama sejak invasi dimulai itu tidak menghasilkan "
    "kesepakatan gencatan senjata. Kuleba mengatakan Rusia belum siap membahas koridor kemanusiaan untuk "
    "warga Mariupol. Lavrov menuduh Barat memasok senjata berbahaya ke Kiev dan menyebut sanksi ekonomi "
    "tidak akan mengubah sikap Moskow. Menteri Luar Negeri Turki Mevlut Cavusoglu menjadi tuan rumah "
    "perundingan tersebut dan berharap kedua pihak bertemu lagi dalam waktu dekat."
)
BODY_SUMMIT_FOLLOWUP = (
    "Perundingan Lavrov dan Kuleba di Antalya, Turki, berakhir tanpa kesepakatan gencatan senjata. "
    "Kuleba menyebut Rusia belum siap membahas koridor kemanusiaan bagi warga Mariupol, sementara Lavrov "
    "menuduh Barat memasok senjata ke Kiev. Cavusoglu sebagai tuan rumah berharap perundingan Rusia dan "
    "Ukraina berlanjut dalam waktu dekat meskipun invasi masih berlangsung."
)
BODY_OTHER = (
    "Presiden Joko Widodo meresmikan bendungan baru di Nusa Tenggara Timur pada Senin. Bendungan itu "
    "diharapkan mengairi ribuan hektare sawah dan menyediakan air baku bagi warga di sekitar Kupang. "
    "Pembangunannya menelan biaya lebih dari satu triliun rupiah dan melibatkan ratusan pekerja lokal."
)


def rid(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def entity(eid: str, name: str, actor: str | None, etype: str = "PER") -> dict[str, Any]:
    return {
        "id": eid,
        "name": name,
        "type": etype,
        "actor": actor,
        "role": None,
        "sector": "GOV",
        "mentions": [{"start": 0, "end": len(name), "text": name}],
    }


def event(
    eid: str, etype: str, source: str, target: str | None, date: str | None = None, evidence: str = "bertemu"
) -> dict[str, Any]:
    return {
        "id": eid,
        "type": etype,
        "mode": None,
        "source": source,
        "target": target,
        "source_entity": None,
        "target_entity": None,
        "negated": False,
        "modality": "asserted",
        "date": date,
        "location": None,
        "magnitude": None,
        "evidence": {"start": 0, "end": len(evidence), "text": evidence},
        "sentence": {"start": 0, "end": 10},
        "quad": None,
        "score": None,
        "cameo": None,
        "rule": "test",
    }


def record(
    text: str,
    *,
    url: str | None = None,
    path: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
    quotes: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "id": rid(text),
        "source": {"path": path, "url": url, "outlet": outlet, "format": "txt", "line": None},
        "language": "id",
        "title": title,
        "published": published,
        "byline": None,
        "text": text,
        "removed": [{"text": "Baca juga: berita lain", "reason": "related", "rule": "baca-juga"}],
        "entities": entities or [],
        "quotes": quotes or [],
        "dates": [{"text": "Kamis", "start": 0, "end": 5, "value": published}] if published else [],
        "places": [],
        "events": events or [],
        "problems": [],
    }


def summit_entities() -> list[dict[str, Any]]:
    return [
        entity("e1", "Sergei Lavrov", "RUS"),
        entity("e2", "Dmytro Kuleba", "UKR"),
        entity("e3", "Mevlut Cavusoglu", "TUR"),
    ]


def summit_record(
    url: str,
    outlet: str,
    published: str = "2022-03-10",
    text: str = BODY_SUMMIT,
    date: str | None = "2022-03-10",
) -> dict[str, Any]:
    return record(
        text,
        url=url,
        outlet=outlet,
        published=published,
        title="Lavrov dan Kuleba bertemu",
        entities=summit_entities(),
        events=[
            event("ev1", "CONSULT", "RUS", "UKR", date),
            event("ev2", "ACCUSE", "RUS", None, date, "menuduh"),
        ],
        quotes=[
            {
                "speaker": "Dmytro Kuleba",
                "speaker_id": "e2",
                "text": "Rusia belum siap",
                "start": 0,
                "end": 16,
                "direct": False,
                "cue": "mengatakan",
            }
        ],
    )
