"""Whole pipeline: "mengecam serangan itu" reacts to the last such event by another side."""

from __future__ import annotations

from peristiwa.model import Source
from peristiwa.pipeline import Pipeline
from peristiwa.stages.ingest import RawArticle


def test_condemned_attack_is_the_other_sides_even_when_own_act_came_later(pipeline: Pipeline) -> None:
    text = (
        "India meluncurkan serangan rudal ke Pakistan pada Rabu. Pakistan mengklaim telah menembak jatuh lima "
        "jet tempur India. Perdana Menteri Pakistan Shehbaz Sharif mengecam serangan itu."
    )
    doc = pipeline.process(RawArticle(text, Source()))
    coded = {f"{e.source} {e.type} {e.target or '-'}" for e in doc.events}
    assert coded == {"IND ASSAULT PAK", "PAK ASSAULT IND", "PAK ACCUSE IND"}


def test_event_noun_with_a_determiner_is_not_a_new_event(pipeline: Pipeline) -> None:
    text = (
        "Korea Utara mengirim 3.000 tentara ke Rusia. Sekjen NATO Mark Rutte mengatakan pengiriman pasukan itu "
        "merupakan eskalasi yang berbahaya."
    )
    doc = pipeline.process(RawArticle(text, Source()))
    assert {f"{e.source} {e.type} {e.target or '-'}" for e in doc.events} == {"PRK MOBILIZE -"}


def test_state_after_an_armed_group_is_its_origin_and_kelompok_itu_is_the_group(pipeline: Pipeline) -> None:
    text = (
        "Amerika Serikat menjatuhkan sanksi terhadap Pasukan Dukungan Cepat (RSF) Sudan pada Selasa. "
        "Dalam pernyataannya, kelompok itu menuding Washington bersikap tidak adil."
    )
    doc = pipeline.process(RawArticle(text, Source()))
    assert {f"{e.source} {e.type} {e.target or '-'}" for e in doc.events} == {"USA SANCTION RSF", "RSF ACCUSE USA"}
